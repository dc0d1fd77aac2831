"""`update_store` (the cross-document stage after an add) leaves exactly the rows `resolve_store` (the
from-scratch rebuild) leaves, table by table, on SQLite and PostgreSQL: after every single added
document of the samples and seeds, and in the cases where an add changes what was stored before --
a quote shingle crossing the common-phrase cutoff, a claim's time split moving untimed evidence, a copy
added later lowering a claim's independence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

import claimgraph.resolve as resolve_mod
from claimgraph.query.read import export_data
from claimgraph.resolve import resolve_store
from claimgraph.resolve.groups import COMMON_SHINGLE
from claimgraph.run import ingest
from claimgraph.store import Store
from claimgraph.store import schema as t


def derived(store: Store) -> dict[str, list]:
    """Every derived table's rows, order-free."""
    with store.connect() as c:
        return {tb.name: sorted((tuple(r) for r in c.execute(select(tb))), key=repr) for tb in t.DERIVED}


@pytest.fixture
def incremental(monkeypatch):
    """`add(paths, store)`: ingest that must go through update_store, not resolve_store (update_store
    itself rebuilds a store that was empty), then proof that a rebuild leaves every derived table as
    the add left it."""
    def no_rebuild(store):
        raise AssertionError("ingest rebuilt a current store instead of updating it")

    def add(paths: list[str], store: Store, extractor=None) -> dict:
        monkeypatch.setattr(resolve_mod, "resolve_store", no_rebuild)
        try:
            report = ingest(paths, store, extractor=extractor)
        finally:
            monkeypatch.setattr(resolve_mod, "resolve_store", resolve_store)
        assert report.ok and report.ingested, report.failed
        after_add = derived(store)
        resolve_store(store)
        after_rebuild = derived(store)
        for name in after_add:
            assert after_add[name] == after_rebuild[name], name
        return export_data(store)
    return add


def article(folder: Path, name: str, outlet: str, text: str) -> str:
    path = folder / f"{name}.json"
    path.write_text(json.dumps({"title": name, "outlet": outlet, "published": "2024-05-02", "text": text}))
    return str(path)


def test_each_single_add_equals_a_rebuild(backend, make_store, sources, extractor, incremental, tmp_path):
    with make_store(backend, tmp_path) as store:
        for path in reversed(sources):  # reversed: later ids and outlets arrive before earlier ones
            data = incremental([path], store, extractor)
        assert len(data["documents"]) >= len(sources)
        assert any(c["support"]["documents"] >= 3 for c in data["claims"])


def test_quote_whose_shingle_crosses_the_common_cutoff(backend, make_store, extractor, incremental, tmp_path):
    """A six-word quote is one shingle: repeated by COMMON_SHINGLE speakers it is one quote; one more and
    the shingle is boilerplate, linking nothing, so every occurrence stands alone."""
    said = '{0} {1}, the union leader in {1}ville, said: "We will never accept these terms."'
    names = [f"{a}{b}" for a in ("Ber", "Cor", "Dal", "Fen", "Gar", "Hol", "Ist", "Jor") for b in ("ak", "en", "im", "od", "un", "ys", "ew")]
    paths = [article(tmp_path, f"q{i}", f"Outlet {i}", said.format("Mira", n)) for i, n in enumerate(names[:COMMON_SHINGLE + 1])]
    with make_store(backend, tmp_path) as store:
        data = incremental(paths[:COMMON_SHINGLE - 1], store, extractor)
        data = incremental([paths[COMMON_SHINGLE - 1]], store, extractor)
        together = [q for q in data["quotes"] if q["text"] == "We will never accept these terms."]
        assert len(together) == 1 and len(together[0]["occurrences"]) == COMMON_SHINGLE
        data = incremental([paths[COMMON_SHINGLE]], store, extractor)
        apart = [q for q in data["quotes"] if q["text"] == "We will never accept these terms."]
        assert len(apart) == COMMON_SHINGLE + 1 and all(len(q["occurrences"]) == 1 for q in apart)


EXPULSION = "Norway expelled the Russian diplomat Ivan Petrov{when}. The ministry gave no reason for the decision. " \
            "Officials in Oslo declined to comment further on the matter."


def expulsions(data: dict) -> list[dict]:
    return [c for c in data["claims"] if c["predicate"] == "expel"]


def test_claim_time_split_moves_untimed_evidence(backend, make_store, extractor, incremental, tmp_path):
    """Untimed evidence joins the largest timed group of its claim key: a later add that makes another
    time the largest moves it, and the claim it left loses a document."""
    b = article(tmp_path, "b", "Beta News", EXPULSION.format(when=" on 15 March 2024"))
    c = article(tmp_path, "c", "Gamma Daily", "Norway expelled the Russian diplomat Ivan Petrov, the paper reported.")
    a = article(tmp_path, "a", "Alpha Post", "Police said Norway expelled the Russian diplomat Ivan Petrov on 12 March 2024.")
    d = article(tmp_path, "d", "Delta Wire", "Norway expelled the Russian diplomat Ivan Petrov on 12 March 2024, its envoy said.")
    with make_store(backend, tmp_path) as store:
        incremental([b], store, extractor)
        data = incremental([c], store, extractor)
        assert {x["time"]: x["support"]["documents"] for x in expulsions(data)} == {"2024-03-15": 2}
        incremental([a], store, extractor)
        data = incremental([d], store, extractor)
        times = {x["time"]: x["support"]["documents"] for x in expulsions(data)}
        assert times == {"2024-03-15": 1, "2024-03-12": 3}
        assert all(x["support"]["conflicts"] for x in expulsions(data))  # expel on two days: each lists the other


def test_copy_added_later_lowers_independence(backend, make_store, extractor, incremental, tmp_path):
    """A second outlet's article reporting the claim makes two independent sources; a third that copies
    the first one's passage adds a document but no independent source."""
    first = article(tmp_path, "a", "Alpha Post", EXPULSION.format(when=" on 12 March 2024"))
    other = article(tmp_path, "b", "Beta News", "Norway expelled Ivan Petrov on 12 March 2024, according to a statement.")
    copy = article(tmp_path, "d", "Delta Wire", EXPULSION.format(when=" on 12 March 2024"))
    with make_store(backend, tmp_path) as store:
        incremental([first], store, extractor)
        data = incremental([other], store, extractor)
        assert [x["support"]["independent"] for x in expulsions(data)] == [2]
        data = incremental([copy], store, extractor)
        assert [(x["support"]["documents"], x["support"]["independent"]) for x in expulsions(data)] == [(3, 2)]
        assert data["copies"]


def test_documents_another_writer_left_pending_are_taken_in_not_rebuilt(backend, make_store, sources, extractor,
                                                                        incremental, tmp_path, monkeypatch):
    """Articles stored without their graph stage (another writer that has not reached it yet, or a run
    killed between the two) wait in `graph_pending`: the next add takes them in with its own, by key,
    and the writer that stored them later finds nothing left to do."""
    import claimgraph.run as run_mod
    from claimgraph.resolve import update_store

    with make_store(backend, tmp_path) as store:
        incremental(sources[:2], store, extractor)
        with monkeypatch.context() as m:  # the other writer: its articles stored, its graph stage not run
            m.setattr(run_mod, "rebuild", lambda *a, **k: {"claims_before": {}})
            waiting = ingest(sources[2:4], store, extractor=extractor).ingested
        assert store.is_stale()
        with store.connect() as c:
            assert sorted(c.execute(select(t.graph_pending.c.doc_id)).scalars()) == sorted(waiting)
        data = incremental(sources[4:5], store, extractor)  # no rebuild: the fixture forbids it
        assert set(waiting) <= {d["id"] for d in data["documents"]} and not store.is_stale()
        before = derived(store)
        monkeypatch.setattr(resolve_mod, "resolve_store", lambda s: pytest.fail("rebuilt"))
        assert update_store(store) == {"entities": 0, "quotes": 0, "claims": 0, "claims_before": {}}  # the other writer's late graph stage
        assert derived(store) == before
        with store.connect() as c:
            assert c.execute(select(t.graph_pending)).all() == []


def test_store_whose_graph_missed_a_document_is_rebuilt(make_store, sources, extractor, tmp_path, monkeypatch):
    """A document stored without a pending mark (an older claimgraph wrote it after the last rebuild) is not
    in any update's reach: the next add rebuilds, and the graph covers everything again."""
    with make_store("sqlite", tmp_path) as store:
        assert ingest(sources[:2], store, extractor=extractor).ok
        import claimgraph.run as run_mod
        with monkeypatch.context() as m:
            m.setattr(run_mod, "rebuild", lambda *a, **k: {"claims_before": {}})
            assert ingest(sources[2:3], store, extractor=extractor).ingested
        with store.begin() as c:
            c.execute(t.graph_pending.delete())
        rebuilt = []
        monkeypatch.setattr(resolve_mod, "resolve_store", lambda s: rebuilt.append(1) or resolve_store(s))
        monkeypatch.setattr(resolve_mod, "_resolve_all", lambda s, c, f=resolve_mod._resolve_all: rebuilt.append(1) or f(s, c))
        assert ingest(sources[3:4], store, extractor=extractor).ingested
        assert rebuilt and not store.is_stale()


# older schemas, as SQL that takes a current store back to one: (version, statements, what the upgrade
# must bring back: table -> indexes, and tables that must be filled)
OLDER = {
    "before the incremental indexes": ("4", [*(f"DROP TABLE {name}" for name in (
        "quote_shingles", "quote_common_shingles", "claim_index", "place_names", "outlet_claims")), "DROP INDEX ix_claims_spo"],
        {"claims": {"ix_claims_spo"}, "claim_index": set(), "quote_shingles": set()}, ("claim_index", "quote_shingles")),
    "before claim sources": ("6", ["DROP INDEX ix_claim_index_source", "ALTER TABLE claim_index DROP COLUMN source"],
                             {"claim_index": {"ix_claim_index_source"}}, ("claim_index",)),
    "before holder order": ("7", ["DROP INDEX ix_res_holders_first", "ALTER TABLE res_holders DROP COLUMN ord"],
                            {"res_holders": {"ix_res_holders_first"}}, ("res_holders",)),
    "before reader families": ("8", ["DROP INDEX ix_res_readers_fam", "ALTER TABLE res_readers DROP COLUMN fam"],
                               {"res_readers": {"ix_res_readers_fam"}}, ("res_readers",)),
}


@pytest.mark.parametrize("older", OLDER)
def test_store_of_an_older_schema_is_upgraded_filled_and_updates(older, make_store, sources, extractor, incremental, tmp_path):
    """A store of each older schema in OLDER gets the tables, columns and indexes it lacks on opening,
    filled by the one rebuild of an upgrade (every derived row as before they were taken away), and the
    next add updates it."""
    from sqlalchemy import create_engine, inspect, text

    from claimgraph.run import open_store

    version, statements, wanted, filled = OLDER[older]
    with make_store("sqlite", tmp_path) as store:
        assert ingest(sources[:3], store, extractor=extractor).ok
        url, before = store.url, derived(store)
    engine = create_engine(url)
    with engine.begin() as c:
        for statement in [*statements, f"UPDATE meta SET value = '{version}' WHERE key = 'schema_version'"]:
            c.execute(text(statement))
    engine.dispose()
    store = open_store(url)
    try:
        assert store.upgraded
        with store.connect() as c:
            for table, indexes in wanted.items():
                assert indexes <= {ix["name"] for ix in inspect(c).get_indexes(table)}
        after = derived(store)
        assert after == before and all(before[table] for table in filled)
        source = [col.name for col in t.claim_index.columns].index("source")
        assert any(row[source] for row in after["claim_index"])  # sources are filled in
        incremental(sources[3:4], store, extractor)
    finally:
        store.dispose()


def test_update_reads_only_through_indexes(make_store, sources, extractor, tmp_path, monkeypatch):
    """No statement of the incremental stage -- entities, quotes, claims -- scans a table (SQLite's query
    plan for each read, update and delete it runs): its cost follows what an add touches, not the size
    of the store."""
    import claimgraph.resolve.claimstage as claim_mod
    import claimgraph.resolve.quotestage as quote_mod
    import claimgraph.resolve.state as state_mod
    from sqlalchemy import event

    with make_store("sqlite", tmp_path) as store:
        assert ingest(sources[:-2], store, extractor=extractor).ok
        inside, planned, scans = [False], [], []

        def plan(conn, _cursor, statement, parameters, _context, executemany):
            if inside[0] and not executemany and statement.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE")):
                rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).fetchall()
                planned.append(statement)
                # a scan of a table: not of an IN list's constants, of a subquery's own result, or of the
                # manual decisions (a few rows a person wrote, replayed by every add)
                scans.extend((statement, r[-1]) for r in rows if r[-1].startswith("SCAN") and "CONSTANT ROW" not in r[-1]
                             and not r[-1].startswith(("SCAN (subquery", "SCAN anon_", "SCAN decisions")))

        def watched(fn):
            def run(*args):
                inside[0] = True
                try:
                    return fn(*args)
                finally:
                    inside[0] = False
            return run
        monkeypatch.setattr(resolve_mod, "update_entities", watched(state_mod.update_entities))
        monkeypatch.setattr(resolve_mod, "update_quotes", watched(quote_mod.update_quotes))
        monkeypatch.setattr(resolve_mod, "update_claims", watched(claim_mod.update_claims))
        event.listen(store.engine, "before_cursor_execute", plan)
        assert ingest(sources[-2:], store, extractor=extractor).ingested
        event.remove(store.engine, "before_cursor_execute", plan)
        assert len(planned) > 20 and scans == []
