"""The records that flow through claimgraph. Frozen dataclasses with deterministic ids (sha1 of what
identifies them) so re-runs are idempotent and two extractions can be diffed."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


def make_id(prefix: str, *parts: object) -> str:
    """Deterministic short id: `prefix` + 16 hex chars of sha1 over the parts."""
    h = hashlib.sha1("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return f"{prefix}{h.hexdigest()[:16]}"


@dataclass(frozen=True)
class RawDocument:
    """What ingest hands to clean: bytes or text of one article plus whatever metadata the container
    (JSON record, feed item, HTTP response) already carried."""

    source: str
    content: str
    format: str  # "text" | "html"
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    """One clean article. Every offset anywhere in claimgraph indexes `text`."""

    id: str
    source: str
    text: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    outlet: str | None = None
    wire: str | None = None
    dateline: str | None = None
    url: str | None = None
    removed: tuple[str, ...] = ()  # page debris taken out of the text, kept for inspection

    @staticmethod
    def id_for(text: str) -> str:
        return make_id("d", text)


@dataclass(frozen=True)
class Mention:
    doc: str
    start: int
    end: int
    text: str
    label: str  # OntoNotes label: PERSON, ORG, GPE, ...
    key: str  # document-level cluster key: mentions sharing it name the same thing in this document
    name: str  # the most informative name of that cluster in this document
    extractor: str

    @property
    def id(self) -> str:
        return make_id("m", self.doc, self.start, self.end)


@dataclass(frozen=True)
class Description:
    """A role or appositive said of an entity: "the Iranian ambassador" about a mention's cluster."""

    doc: str
    key: str
    text: str
    start: int
    end: int


QUOTE_KINDS = ("direct", "mixed", "indirect", "according_to", "belief")  # see extract/quotes.py


@dataclass(frozen=True)
class QuoteOccurrence:
    doc: str
    start: int
    end: int
    text: str
    cue: str | None
    speaker_key: str | None  # cluster key of the speaker mention, or an unnamed-source key
    speaker_text: str | None
    speaker_start: int | None
    speaker_end: int | None
    said_on: str | None
    extractor: str
    kind: str = "direct"  # direct | mixed | indirect | according_to | belief
    cue_start: int | None = None  # offsets of the cue words ('said', 'according to')
    cue_end: int | None = None

    @property
    def id(self) -> str:
        return make_id("qo", self.doc, self.start, self.end)


# What became of an event (extract.claims.status): separate from modality, which says how it is asserted.
STATUSES = ("occurred", "attempted", "planned", "prevented", "future", "hypothetical")


@dataclass(frozen=True)
class Evidence:
    doc: str
    start: int
    end: int
    text: str
    modality: str  # asserted | hedged | denied | negated
    attributed_to: str | None  # cluster key of who the article says claims it
    extractor: str
    quote: str | None = None  # id of the quote occurrence the claim sits in
    status: str = "occurred"  # occurred | attempted | planned | prevented | future | hypothetical (extract.claims.status)


@dataclass(frozen=True)
class ClaimRecord:
    """One claim as found in one sentence of one document, before cross-document grouping.
    subject/object/place are document cluster keys; value is free text (a role, a figure)."""

    subject: str
    predicate: str
    object: str | None
    value: str | None
    time: str | None
    place: str | None
    evidence: Evidence
    trigger: str = ""
    trigger_start: int | None = None  # offsets of the trigger word in the document text (None: no one word span)
    trigger_end: int | None = None

    @property
    def id(self) -> str:
        e = self.evidence
        return make_id("ce", e.doc, e.start, e.end, self.subject, self.predicate, self.object, self.value)


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one document: pure output of `extract.extract_document`."""

    doc: str
    mentions: tuple[Mention, ...] = ()
    descriptions: tuple[Description, ...] = ()
    quotes: tuple[QuoteOccurrence, ...] = ()
    claims: tuple[ClaimRecord, ...] = ()
    sources: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (name, label) of non-mention speakers
    error: str | None = None  # set when extraction failed on this document: it is reported, not stored
