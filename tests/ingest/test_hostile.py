"""Hostile pages still give their words or one clear error; nothing else in the batch is lost."""

from __future__ import annotations

from claimgraph.run import ingest
from claimgraph.settings import get_settings


def test_deeply_nested_html_is_read_not_refused(tmp_path, tmp_store, no_extract):
    page = "<html><body>" + "<div>" * 3000 + "<p>Albania expelled two Iranian diplomats on Thursday.</p>" + "</div>" * 3000 + "</body></html>"
    (tmp_path / "nested.html").write_text(page)
    report = ingest([str(tmp_path)], tmp_store, settings=get_settings(), extractor=no_extract)
    assert report.failed == []
    doc = next(tmp_store.documents())
    assert "Albania expelled two Iranian diplomats on Thursday." in doc["text"]


def test_html_behind_a_json_extension_is_read_as_html(tmp_path, tmp_store, no_extract):
    (tmp_path / "page.json").write_text("<html><body><p>Tirana said the two envoys must leave within a day.</p></body></html>")
    report = ingest([str(tmp_path)], tmp_store, settings=get_settings(), extractor=no_extract)
    assert report.failed == []
    assert "Tirana said the two envoys must leave within a day." in next(tmp_store.documents())["text"]


def test_right_to_left_text_is_stored_intact(tmp_path, tmp_store, no_extract):
    text = "خبرگزاری رسمی ایران گزارش داد که سفیر ایران از آلبانی اخراج شد."
    (tmp_path / "fa.txt").write_text(text)
    report = ingest([str(tmp_path)], tmp_store, settings=get_settings(), extractor=no_extract)
    assert report.failed == []
    assert next(tmp_store.documents())["text"] == text
