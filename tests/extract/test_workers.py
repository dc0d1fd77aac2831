"""Extraction on two processes (issue 18, part 6): the forked workers run parse and rules, and the
result is the single-process result, record for record, in input order; a rule that breaks on one
document fails that document only; a worker that dies ends the run with an ExtractError."""

from __future__ import annotations

import copy
import multiprocessing
import os
from pathlib import Path

import pytest

import claimgraph.extract.pipeline as pipeline_mod
from claimgraph.clean import clean_document
from claimgraph.errors import ExtractError
from claimgraph.extract.workers import AHEAD, can_fork, forked_map
from claimgraph.ingest.sources import iter_items
from claimgraph.settings import get_settings

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

pytestmark = pytest.mark.skipif(not can_fork(), reason="worker processes are forked")


@pytest.fixture(scope="module")
def documents():
    """The example articles (text, HTML, JSON, JSON Lines, RSS), cleaned: real documents of a few paragraphs."""
    docs = [clean_document(item.raw) for item in iter_items([str(EXAMPLES)], get_settings()) if item.error is None]
    assert len(docs) >= 8
    return docs


def two_processes(pipeline):
    """The session pipeline (its loaded model) extracting on two worker processes."""
    twin = copy.copy(pipeline)
    twin.n_process = 2
    return twin


def test_two_processes_extract_what_one_does(pipeline, documents):
    one = pipeline.extract_many(documents)
    two = two_processes(pipeline).extract_many(documents)
    assert [e.doc for e in two] == [d.id for d in documents]
    assert two == one
    assert sum(len(e.mentions) for e in two) > 0 and sum(len(e.quotes) for e in two) > 0
    for document, ex in zip(documents, two):
        for m in ex.mentions:
            assert document.text[m.start:m.end] == m.text
    assert multiprocessing.active_children() == []


def test_a_rule_that_breaks_fails_only_its_document(pipeline, documents, monkeypatch):
    """A rule raising on one document (injected: quotes break on the third document's text) makes
    that document a failure with the reason; the others are extracted as usual. The reason names
    the process the rule ran in: a worker, not this one."""
    broken = documents[2]
    real = pipeline_mod.extract_quotes

    def quotes_breaking_on_one(ctx):
        if ctx.text == broken.text:
            raise ValueError(f"rule broke in process {os.getpid()}")
        return real(ctx)

    monkeypatch.setattr(pipeline_mod, "extract_quotes", quotes_breaking_on_one)
    out = two_processes(pipeline).extract_many(documents)
    assert out[2].error.startswith("extraction failed: ValueError: rule broke in process ")
    assert int(out[2].error.rsplit(" ", 1)[1]) != os.getpid()
    assert out[2].mentions == ()
    assert [e.error for i, e in enumerate(out) if i != 2] == [None] * (len(documents) - 1)
    assert sum(len(e.mentions) for e in out) > 0


def _square_or_die(batch: list[int]) -> list[int]:
    if -1 in batch:
        os._exit(3)
    return [x * x for x in batch]


def test_results_come_in_input_order_and_input_is_read_lazily():
    pulled = []

    def numbers():
        for i in range(200):
            pulled.append(i)
            yield i

    stream = forked_map(_square_or_die, numbers(), 2, batch=7)
    assert next(stream) == 0
    assert len(pulled) <= (AHEAD * 2 + 1) * 7  # a few batches ahead, not the whole input
    assert [0, *stream] == [i * i for i in range(200)]
    assert multiprocessing.active_children() == []


def test_an_abandoned_stream_ends_its_workers():
    stream = forked_map(_square_or_die, range(1000), 2, batch=5)
    assert next(stream) == 0
    stream.close()
    assert multiprocessing.active_children() == []


def test_a_worker_that_dies_ends_the_run_with_an_extract_error():
    with pytest.raises(ExtractError, match=r"died \(exit code 3\)"):
        list(forked_map(_square_or_die, [*range(50), -1, *range(50)], 2, batch=4))
    assert multiprocessing.active_children() == []
