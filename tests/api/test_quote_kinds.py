"""Kinds of attribution through the API, the article page and the export, on the shared store
(examples/ ingested through the real pipeline)."""

from __future__ import annotations

import pytest

from claimgraph.model import QUOTE_KINDS

HTML = {"accept": "text/html"}


@pytest.mark.parametrize("kind", ["direct", "indirect", "according_to"])
def test_api_quotes_filter_by_kind(client, kind):
    page = client.get(f"/api/quotes?kind={kind}&limit=200").json()
    assert page["total"] > 0
    assert all(q["kind"] == kind for q in page["items"])
    for q in page["items"]:
        for o in q["occurrences"]:
            assert o["kind"] in QUOTE_KINDS
            if o["cue_start"] is not None:
                assert o["cue_start"] < o["cue_end"]


def test_api_unknown_kind_is_a_clean_error(client):
    r = client.get("/api/quotes?kind=rumour")
    assert r.status_code in (400, 422)
    assert "E100" in r.text


def test_indirect_speech_has_speaker_and_cue_in_the_text(client):
    page = client.get("/api/quotes?kind=indirect&limit=200").json()
    q = next(q for q in page["items"] if q["speaker"] and q["speaker"]["name"] == "Tomas Brenner")
    o = q["occurrences"][0]
    doc = client.get(f"/api/documents/{o['doc']}").json()
    assert doc["text"][o["start"]:o["end"]] == o["text"]
    assert doc["text"][o["cue_start"]:o["cue_end"]] == o["cue"]


def test_article_page_shows_each_quote_with_speaker_link_and_kind(client):
    docs = client.get("/api/documents?limit=200").json()["items"]
    doc_id = next(d["id"] for d in docs if d["outlet"] == "VPR News")
    d = client.get(f"/api/documents/{doc_id}").json()
    delkash = next(q for q in d["quotes"] if "safe" in d["text"][q["start"]:q["end"]])
    assert delkash["speaker"]["name"] == "Soraya Delkash"  # "..., she told VPR" after a man was quoted
    body = client.get(f"/doc/{doc_id}", headers=HTML).text
    assert "Quotes here" in body
    assert f'href="/entity/{delkash["speaker"]["id"]}"' in body
    assert "indirect" in body and "direct" in body
