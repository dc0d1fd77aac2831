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
