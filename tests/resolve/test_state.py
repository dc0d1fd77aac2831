"""The stored state of entity resolution (claimgraph.resolve.state): adding documents re-resolves only
the components they touch, and the entity tables then equal a rebuild's -- ids, names, aliases,
counts, demonym links and the state itself -- in any order and batch split, on both backends.

The stores here are written row by row (a document's text is its names, each mention's offsets point
at its name), so each case isolates one thing a new document can change elsewhere in the store."""

from __future__ import annotations

import time
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import insert, select

from claimgraph.resolve.entities import FULL_BLOCK, WINDOW, Cluster, node_id
from claimgraph.resolve.state import update_entities
from claimgraph.run import ingest
from claimgraph.store import schema as t

ENTITY_TABLES = (t.entities, t.entity_members, t.entity_aliases, t.entity_stats, t.entity_links, *t.ENTITY_STATE)


def dump(store) -> dict[str, list[tuple]]:
    with store.connect() as c:
        return {tb.name: sorted(tuple(r) for r in c.execute(select(tb))) for tb in ENTITY_TABLES}


def rebuilt(store) -> dict[str, list[tuple]]:
    """The entity tables of a from-scratch run over the store's documents."""
    with store.engine.begin() as c:
        store.clear_derived(c)
        update_entities(c, None)
    return dump(store)


def add(store, doc_ids: list[str]):
    with store.engine.begin() as c:
        return update_entities(c, doc_ids)


def write_doc(store, doc_id: str, *clusters: tuple[str, str, list[str]], sources: tuple[tuple[str, str, str], ...] = ()) -> None:
    """A document whose text is its clusters' names: `clusters` are (key, label, [name, ...]) with one
    mention per name; `sources` (key, label, name) are names given only as a quoted source."""
    names = [(key, label, n) for key, label, ns in clusters for n in ns]
    text = " ; ".join(n for _, _, n in names) + "."
    rows, at = [], 0
    for i, (key, label, n) in enumerate(names):
        start = text.index(n, at)
        at = start + len(n)
        assert text[start:at] == n
        rows.append({"id": f"m{doc_id}{i}", "doc_id": doc_id, "start": start, "end": at, "text": n, "label": label,
                     "key": key, "name": n, "extractor": "test"})
    with store.engine.begin() as c:
        c.execute(insert(t.documents).values(id=doc_id, source=f"test://{doc_id}", text=text, ingested_at=time.time()))
        if rows:
            c.execute(insert(t.mentions), rows)
        for key, label, name in sources:
            c.execute(insert(t.doc_sources).values(doc_id=doc_id, key=key, name=name, label=label))


def entity_of(store, doc_id: str, key: str) -> tuple[str, str, str]:
    """(entity id, name, type) of one document's cluster."""
    with store.connect() as c:
        r = c.execute(select(t.entities.c.id, t.entities.c.name, t.entities.c.type)
                      .join(t.entity_members, t.entity_members.c.entity_id == t.entities.c.id)
                      .where((t.entity_members.c.doc_id == doc_id) & (t.entity_members.c.key == key))).one()
    return tuple(r)


@pytest.fixture
def store(backend, make_store, tmp_path):
    with make_store(backend, tmp_path) as s:
        yield s


def test_unnamed_source_gives_up_the_plain_id_to_an_earlier_document(store):
    """'police' quoted in two articles is two entities with one id base: the one in the earlier document
    (by id) holds the plain id. When that document arrives second, the other entity is renumbered and
    its clusters are reported as changed."""
    write_doc(store, "d2", sources=(("SOURCE:police", "SOURCE", "police"),))
    add(store, ["d2"])
    plain = entity_of(store, "d2", "SOURCE:police")[0]
    write_doc(store, "d1", sources=(("SOURCE:police", "SOURCE", "police"),))
    delta = add(store, ["d1"])
    assert entity_of(store, "d1", "SOURCE:police")[0] == plain
    moved = entity_of(store, "d2", "SOURCE:police")[0]
    assert moved != plain
    assert delta.changed == {("d1", "SOURCE:police"): plain, ("d2", "SOURCE:police"): moved}
    assert {plain, moved} <= delta.renamed
    assert dump(store) == rebuilt(store)


def test_corpus_vote_retypes_and_joins_an_earlier_cluster(store):
    """'Rama' tagged ORG alone is an organisation; once two articles name the person Edi Rama, the
    earlier cluster is re-typed and joins him."""
    write_doc(store, "d1", ("ORG:rama", "ORG", ["Rama"]))
    add(store, ["d1"])
    assert entity_of(store, "d1", "ORG:rama")[2] == "ORG"
    write_doc(store, "d2", ("PERSON:edi rama", "PERSON", ["Edi Rama", "Rama"]))
    write_doc(store, "d3", ("PERSON:edi rama", "PERSON", ["Prime Minister Edi Rama", "Rama"]))
    add(store, ["d2"])
    delta = add(store, ["d3"])
    person = entity_of(store, "d2", "PERSON:edi rama")
    assert entity_of(store, "d1", "ORG:rama") == person == entity_of(store, "d3", "PERSON:edi rama")
    assert person[1:] == ("Edi Rama", "PERSON")
    assert ("d1", "ORG:rama") in delta.changed
    assert dump(store) == rebuilt(store)


def _later_doc(store, key: str, label: str) -> str:
    """A document id whose cluster `key` makes a node whose id is not the smallest of the store (a node
    named after its group or component would rename them all, so it is regrouped)."""
    with store.connect() as c:
        low = min(c.execute(select(t.res_nodes.c.id)).scalars())
        docs = set(c.execute(select(t.documents.c.id)).scalars())
    return next(d for d in (f"d9{i}" for i in range(100)) if d not in docs and node_id(Cluster(d, key, label)) > low)


def test_a_new_node_joins_its_names_group_without_regrouping_the_component(store):
    """A much-quoted person named only as a source ('Kowalski said') is one node per article, typed a
    person by the corpus vote: a new article's joins the group of that name as it stands, and so does an
    organisation named by one of its known spellings. Nothing is regrouped, and the tables equal a rebuild's."""
    for d in ("d1", "d2"):
        write_doc(store, d, ("PERSON:kowalski", "PERSON", ["Kowalski"]),
                  ("ORG:irgc", "ORG", ["IRGC", "Islamic Revolutionary Guard Corps"]))
    for d in ("d3", "d4", "d5"):
        write_doc(store, d, sources=(("SOURCE:kowalski", "SOURCE", "Kowalski"),))
    add(store, ["d1", "d2", "d3", "d4", "d5"])
    person = entity_of(store, "d1", "PERSON:kowalski")
    assert entity_of(store, "d3", "SOURCE:kowalski") == person
    new = _later_doc(store, "SOURCE:kowalski", "SOURCE")
    write_doc(store, new, sources=(("SOURCE:kowalski", "SOURCE", "Kowalski"),))
    delta = add(store, [new])
    assert delta.regrouped == 0
    assert entity_of(store, new, "SOURCE:kowalski") == person
    assert dump(store) == rebuilt(store)
    org = entity_of(store, "d1", "ORG:irgc")
    new = _later_doc(store, "ORG:islamic revolutionary guard corps", "ORG")
    write_doc(store, new, ("ORG:islamic revolutionary guard corps", "ORG", ["Islamic Revolutionary Guard Corps"]))
    delta = add(store, [new])
    assert delta.regrouped == 0
    assert entity_of(store, new, "ORG:islamic revolutionary guard corps") == org
    assert dump(store) == rebuilt(store)


def test_a_new_node_that_unites_stored_groups_moves_them_into_the_first_without_regrouping(store):
    """'the IRGC, known as Sepah' in a new article unites the organisation known as 'Sepah' with the one
    known as 'IRGC' (groups of organisations are unions of names and matched pairs, which nothing
    refuses). The group of the component with the smallest id stands and the other one's nodes move into
    it; nothing is regrouped, and an article that named both counts once. A node whose id would lead
    the union ('Hamas' and 'Islamic Resistance Movement': the union takes its id) is regrouped as before.
    Both equal a rebuild."""
    def node(*names: str) -> str:
        return node_id(Cluster("d", "k", "ORG", Counter(dict.fromkeys(names, 1))))

    write_doc(store, "d1", ("ORG:sepah", "ORG", ["Sepah"]), ("ORG:irgc", "ORG", ["IRGC"]))
    write_doc(store, "d2", ("ORG:sepah", "ORG", ["Sepah"]), ("ORG:hamas", "ORG", ["Hamas"]))
    write_doc(store, "d3", ("ORG:irgc", "ORG", ["IRGC"]), ("ORG:irm", "ORG", ["Islamic Resistance Movement"]))
    add(store, ["d1", "d2", "d3"])
    assert entity_of(store, "d2", "ORG:sepah") != entity_of(store, "d3", "ORG:irgc")
    assert node("IRGC", "Sepah") > min(node("IRGC"), node("Sepah"))
    write_doc(store, "d4", ("ORG:irgc", "ORG", ["IRGC", "Sepah"]))
    delta = add(store, ["d4"])
    assert delta.regrouped == 0
    united = entity_of(store, "d4", "ORG:irgc")
    assert all(entity_of(store, d, k) == united for d, k in (("d1", "ORG:sepah"), ("d1", "ORG:irgc"), ("d2", "ORG:sepah"),
                                                             ("d3", "ORG:irgc")))
    with store.connect() as c:
        stats = c.execute(select(t.entity_stats.c.mentions, t.entity_stats.c.documents)
                          .where(t.entity_stats.c.entity_id == united[0])).one()
    assert tuple(stats) == (6, 4)
    assert dump(store) == rebuilt(store)
    assert node("Hamas", "Islamic Resistance Movement") < min(node("Hamas"), node("Islamic Resistance Movement"))
    write_doc(store, "d5", ("ORG:hamas", "ORG", ["Hamas", "Islamic Resistance Movement"]))
    delta = add(store, ["d5"])
    assert delta.regrouped > 0
    assert entity_of(store, "d2", "ORG:hamas") == entity_of(store, "d3", "ORG:irm") == entity_of(store, "d5", "ORG:hamas")
    assert dump(store) == rebuilt(store)


def test_a_growing_entity_takes_the_name_most_articles_use_without_reading_its_nodes(store):
    """An entity that only gains clusters is renamed from its stored summary: when 'Acme Corp' comes to
    outnumber 'Acme Corporation', the entity is called so, takes the id of its new name, and its
    clusters move with it, exactly as a rebuild has it."""
    for d in ("d1", "d2"):
        write_doc(store, d, ("ORG:acme corporation", "ORG", ["Acme Corporation"]))
    write_doc(store, "d3", ("ORG:acme corp", "ORG", ["Acme Corp"]))
    add(store, ["d1", "d2", "d3"])
    before = entity_of(store, "d1", "ORG:acme corporation")
    assert before[1] == "Acme Corporation" and entity_of(store, "d3", "ORG:acme corp") == before
    for d in ("d4", "d5"):
        write_doc(store, d, ("ORG:acme corp", "ORG", ["Acme Corp"]))
    delta = add(store, ["d4", "d5"])
    after = entity_of(store, "d1", "ORG:acme corporation")
    assert delta.regrouped == 0
    assert after[1] == "Acme Corp" and after[0] != before[0]
    assert all(entity_of(store, d, k) == after for d, k in (("d3", "ORG:acme corp"), ("d5", "ORG:acme corp")))
    assert ("d1", "ORG:acme corporation") in delta.changed and before[0] in delta.renamed
    assert dump(store) == rebuilt(store)


def test_bare_surname_follows_the_full_names_that_arrive(store):
    """'Kazemi' joins the one full name with that surname; a second full name makes it ambiguous, and it
    leaves, whichever order the three articles come in."""
    docs = {"d1": ("PERSON:kazemi", "PERSON", ["Kazemi"]),
            "d2": ("PERSON:gholam hossein kazemi", "PERSON", ["Gholam Hossein Kazemi"]),
            "d3": ("PERSON:saeed kazemi", "PERSON", ["Saeed Kazemi"])}
    write_doc(store, "d1", docs["d1"])
    write_doc(store, "d2", docs["d2"])
    add(store, ["d1"])
    add(store, ["d2"])
    assert entity_of(store, "d1", "PERSON:kazemi") == entity_of(store, "d2", "PERSON:gholam hossein kazemi")
    write_doc(store, "d3", docs["d3"])
    add(store, ["d3"])
    ids = {entity_of(store, d, cl[0])[0] for d, cl in docs.items()}
    assert len(ids) == 3
    assert dump(store) == rebuilt(store)


def test_block_growing_past_full_comparison_keeps_pairs_exact(store):
    """A blocking key shared by more than FULL_BLOCK names compares sorted neighbours only: the pairs
    stored for the block follow every name that arrives."""
    names = ["Ministry of Energy Volkaria", "Volkaria Energy Ministry", "Volkaria Energy Board", "Volkaria Energy Fund",
             "Volkaria Energy Agency", "Volkaria Energy Council", "Volkaria Energy Institute", "Volkaria Energy Authority",
             "Volkaria Energy Trust", "Volkaria Energy Group"]
    for i, n in enumerate(names):
        write_doc(store, f"d{i:02d}", (f"ORG:{n.lower()}", "ORG", [n]))
        add(store, [f"d{i:02d}"])
    with store.connect() as c:
        sizes: dict[str, int] = {}
        for r in c.execute(select(t.res_blocks.c.key).where(t.res_blocks.c.fam == "ORG")):
            sizes[r.key] = sizes.get(r.key, 0) + 1
        key, size = max(sizes.items(), key=lambda kv: kv[1])
        pairs = c.execute(select(t.res_pairs).where((t.res_pairs.c.fam == "ORG") & (t.res_pairs.c.key == key))).fetchall()
    assert size > FULL_BLOCK
    assert len(pairs) == sum(min(WINDOW, size - 1 - x) for x in range(size))  # sorted neighbours, not all pairs
    assert dump(store) == rebuilt(store)


def test_demonym_links_when_the_country_arrives_later(store):
    write_doc(store, "d1", ("NORP:veldorian", "NORP", ["Veldorian"]))
    add(store, ["d1"])
    with store.connect() as c:
        assert c.execute(select(t.entity_links)).fetchall() == []
    write_doc(store, "d2", ("GPE:veldoria", "GPE", ["Veldoria"]))
    add(store, ["d2"])
    with store.connect() as c:
        link = c.execute(select(t.entity_links)).one()
    assert (link.entity_id, link.target_id) == (entity_of(store, "d1", "NORP:veldorian")[0], entity_of(store, "d2", "GPE:veldoria")[0])
    assert dump(store) == rebuilt(store)


def test_manual_merge_applies_to_documents_added_after_it(store):
    write_doc(store, "d1", ("ORG:north wind", "ORG", ["North Wind"]))
    write_doc(store, "d2", ("ORG:cobalt group", "ORG", ["Cobalt Group"]))
    add(store, ["d1", "d2"])
    with store.engine.begin() as c:
        c.execute(insert(t.decisions).values(kind="merge", a="North Wind", b="Cobalt Group", at=time.time()))
    rebuilt(store)
    write_doc(store, "d3", ("ORG:cobalt group", "ORG", ["Cobalt Group"]))
    add(store, ["d3"])
    assert entity_of(store, "d1", "ORG:north wind")[0] == entity_of(store, "d3", "ORG:cobalt group")[0]
    assert dump(store) == rebuilt(store)


# ---- real articles: examples and seeds, in any batches -------------------------------------------------

@pytest.fixture(scope="module")
def real_rows(sources, extractor, make_store, tmp_path_factory):
    """The per-document rows of every sample and seed article (one SQLite store; read-only below)."""
    with make_store("sqlite", tmp_path_factory.mktemp("rows")) as store:
        assert ingest(sources, store, extractor=extractor).ok
        with store.connect() as c:
            yield {tb.name: [dict(r._mapping) for r in c.execute(select(tb))] for tb in (t.documents, *t.PER_DOCUMENT)}


@settings(max_examples=5, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_real_articles_in_any_batches_equal_a_rebuild(backend, make_store, tmp_path, real_rows, data):
    docs = sorted(d["id"] for d in real_rows["documents"])
    order = data.draw(st.permutations(docs), label="order")
    cuts = sorted(data.draw(st.sets(st.integers(1, len(order) - 1), max_size=6), label="cuts"))
    with make_store(backend, tmp_path) as store:
        with store.engine.begin() as c:
            for tb in (t.documents, *t.PER_DOCUMENT):
                if real_rows[tb.name]:
                    c.execute(insert(tb), real_rows[tb.name])
        for a, b in zip([0, *cuts], [*cuts, len(order)]):
            add(store, order[a:b])
        incremental = dump(store)
        assert len(incremental["entities"]) > 50 and incremental["entity_links"]
        assert incremental == rebuilt(store)



# names of organisations that same names and matched pairs unite in many ways: aliases that match nothing
# but are carried together in some articles, acronyms of two expansions, spellings of one name
ALIASES = ["IRGC", "Sepah", "Pasdaran", "Islamic Revolutionary Guard Corps", "Revolutionary Guards", "Hamas",
           "Islamic Resistance Movement", "NTC", "National Transitional Council", "Northern Trade Council", "Quds Force",
           "Qods Force"]


@settings(max_examples=30, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_organisations_united_by_new_articles_in_any_batches_equal_a_rebuild(store, data):
    """Articles naming one or two of a pool of organisation names, added in batches: each new node that
    unites stored groups (by a name pair it carries, or a name it newly matches) equals a rebuild, and
    every (document, cluster) keeps one entity."""
    clusters = data.draw(st.lists(st.lists(st.sampled_from(ALIASES), min_size=1, max_size=2, unique=True),
                                  min_size=4, max_size=12), label="clusters")
    cuts = sorted(data.draw(st.sets(st.integers(1, len(clusters) - 1), max_size=5), label="cuts"))
    with store.engine.begin() as c:
        store.clear_derived(c)
        for tb in (t.mentions, t.documents):
            c.execute(tb.delete())
    docs = [f"u{i:02d}" for i in range(len(clusters))]
    for a, b in zip([0, *cuts], [*cuts, len(docs)]):
        for d, names in zip(docs[a:b], clusters[a:b]):
            write_doc(store, d, ("ORG:" + names[0].lower(), "ORG", names))
        add(store, docs[a:b])
        assert dump(store) == rebuilt(store)
