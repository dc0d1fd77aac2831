"""The claim step after new articles (claimgraph.resolve.claimstage.update_claims): a claim that only
gains one new article adds it to its stored support instead of recounting all of its articles (a hub
claim has thousands) when the article's place among the claim's sources is known: a new source, or the
source of an article that asserts the claim; when its evidence is untimed it joins the claim that holds the
key's untimed evidence without the key's evidence being read at all. Otherwise (here: two new articles at
once) the support is counted anew. Either way the graph equals one ingest of everything, on both backends."""

from __future__ import annotations

import json

import pytest

from claimgraph.query.read import export_data
from claimgraph.resolve import claimstage
from claimgraph.run import ingest

# (outlet, text): one claim, Albania expelled Iran's ambassador, worded apart so no passage is copied
ARTICLES = {
    "b": ("Balkan Post", "Prime Minister Edi Rama said the country had cut ties. Albania expelled Iran's ambassador after an "
                         "inquiry. Analysts expect a diplomatic response from Tehran within weeks."),
    "c": ("Gulf Monitor", "Markets in the region were calm on Wednesday. Albania expelled Iran's ambassador, the foreign "
                          "ministry in Tirana confirmed. Iran called the move a hostile act."),
    "d": ("Tirana Times", "A second report from the capital described the scene at the embassy. Albania expelled Iran's "
                          "ambassador and closed the mission. Staff were seen leaving with boxes."),
    "f": ("Balkan Post", "Correcting an earlier story, the agency reported that Albania expelled Iran's ambassador last week. "
                         "Its editors apologised to readers."),
    "g": ("Adriatic Wire", "In a short dispatch, the agency said that Albania expelled Iran's ambassador on Monday. "
                           "More details were expected."),
    "h": ("Danube Daily", "Sources close to the ministry said Albania expelled Iran's ambassador without warning. The embassy "
                          "declined to comment."),
}


@pytest.fixture
def articles(tmp_path):
    out = {}
    for name, (outlet, text) in ARTICLES.items():
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps({"title": f"Report {name}", "text": text, "outlet": outlet, "url": f"https://example.org/{name}"}))
        out[name] = str(path)
    return out


def canonical(data: dict) -> list:
    return sorted((k, sorted(json.dumps(x, sort_keys=True) for x in v) if isinstance(v, list) else json.dumps(v, sort_keys=True))
                  for k, v in data.items())


def expel(data: dict) -> dict:
    (claim,) = [c for c in data["claims"] if c["predicate"] == "expel"]
    return claim["support"]


def test_a_claim_gains_a_new_source_without_recounting_its_articles(backend, make_store, tmp_path, articles, extractor, monkeypatch):
    counted: list[int] = []  # the documents of every support count made from scratch
    real = claimstage.support
    monkeypatch.setattr(claimstage, "support", lambda ev, *a: counted.append(len({e["doc"] for e in ev})) or real(ev, *a))
    read: list[str] = []  # the stored evidence read back to be regrouped
    real_read = claimstage._from_index
    monkeypatch.setattr(claimstage, "_from_index", lambda r: read.append(r.predicate) or real_read(r))
    for sub in ("one", "steps"):
        (tmp_path / sub).mkdir()
    with make_store(backend, tmp_path / "one") as store:
        assert ingest([articles[n] for n in ARTICLES], store, extractor=extractor).ok
        reference = export_data(store)
    assert expel(reference) == {"documents": 6, "independent": 5, "denials": 0, "conflicts": []}  # b and f: one outlet
    with make_store(backend, tmp_path / "steps") as store:
        assert ingest([articles["b"], articles["c"]], store, extractor=extractor).ok
        for name, support in (("d", (3, 3)), ("f", (4, 3))):  # a new outlet; the outlet of b, which asserts it
            counted.clear()
            read.clear()
            assert ingest([articles[name]], store, extractor=extractor).ok
            assert (expel(export_data(store))["documents"], expel(export_data(store))["independent"]) == support
            assert max(counted, default=0) < support[0], name  # added to the stored support
            assert "expel" not in read, name  # untimed: it joins the claim without reading the claim's evidence
        counted.clear()
        assert ingest([articles["g"], articles["h"]], store, extractor=extractor).ok  # two at once: counted anew
        assert 6 in counted
        assert canonical(export_data(store)) == canonical(reference)


def test_indexed_evidence_carries_its_documents_source_and_the_source_probe_is_an_index_search(
        backend, make_store, tmp_path, articles, extractor):
    """Whether a new article's source is among a claim's sources is asked of claim_index.source: each
    row carries its document's wire, else its outlet, after an add and after a rebuild alike, and on
    SQLite the question is an index search, not a walk through a hub claim's evidence."""
    from sqlalchemy import event, select

    from claimgraph.run import rebuild
    from claimgraph.store import schema as t

    wired = tmp_path / "wired.json"  # an outlet's copy of a wire story: the wire is the source
    wired.write_text(json.dumps({"title": "Wire", "outlet": "Gulf Monitor", "url": "https://example.org/w", "text":
                                 "TIRANA (Reuters) - Albania expelled Iran's ambassador on Tuesday, officials said. "
                                 "The ministry gave no further reason."}))

    def sources(store) -> list[tuple]:
        with store.engine.connect() as c:
            return sorted(c.execute(select(t.claim_index.c.evidence_id, t.claim_index.c.source, t.documents.c.wire,
                                           t.documents.c.outlet).join(t.documents, t.documents.c.id == t.claim_index.c.doc_id)))

    probes: list[tuple] = []
    with make_store(backend, tmp_path) as store:
        @event.listens_for(store.engine, "before_cursor_execute")
        def keep(conn, cursor, statement, params, context, executemany):
            if "FROM claim_index" in statement and "claim_index.source =" in statement:
                probes.append((statement, params))

        assert ingest([articles["b"], articles["c"]], store, extractor=extractor).ok
        for path in (str(wired), articles["f"], articles["g"]):
            assert ingest([path], store, extractor=extractor).ok
        added = sources(store)
        rebuild(store)
        assert sources(store) == added
        assert {wire for _, _, wire, _ in added} == {None, "Reuters"}
        assert all(source == (wire or outlet) for _, source, wire, outlet in added)
        event.remove(store.engine, "before_cursor_execute", keep)
        assert probes  # the new articles' sources were looked up among the claim's
        if backend == "sqlite":
            with store.engine.connect() as c:
                for statement, params in probes:
                    plan = " ".join(r[-1] for r in c.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params))
                    assert "ix_claim_index_source" in plan and "SCAN" not in plan, plan
