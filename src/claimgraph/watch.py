"""`claimgraph watch`: follow RSS/Atom feeds, folders and files. Each poll ingests only what is new,
one article at a time through `run.ingest` (so each is stored and the graph updated before the next),
and says what each article changed.

Feeds are polled with conditional GET (the last response's ETag / Last-Modified; a 304 downloads
nothing) and back off exponentially while they fail, without holding up the other sources. Folders
are re-read only for files whose size or modification time changed; content already stored is a
no-op by the document id. All watch state lives in memory: a restarted watch re-reads each source
once, and what is already stored is skipped. SIGINT / SIGTERM stop the watch between articles."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ClaimgraphError, InputError
from .ingest.fetch import fetch
from .ingest.sources import Item, expand, feed_items, is_url, iter_items
from .model import make_id
from .query.changes import COUNTED, document_change
from .run import Extractor, ingest
from .settings import Settings
from .store import Store

SHOWN_CLAIMS = 2  # corroborated claims named on an article's line; the rest are counted
NOUNS = {"entities": ("entity", "entities"), "quotes": ("quote", "quotes"), "claims": ("claim", "claims"),
         "copies": ("copied passage", "copied passages")}  # the counts of query.changes.COUNTED, as a line says them


@dataclass
class Source:
    """One watched feed URL, folder or file, and what the watch remembers about it."""

    spec: str
    etag: str | None = None
    last_modified: str | None = None
    files: dict[str, tuple[int, int]] = field(default_factory=dict)  # path -> (mtime_ns, size) last read
    seen: set[str] = field(default_factory=set)  # keys of the items already handed to ingest
    failures: int = 0  # consecutive failed polls
    due: float = 0.0  # time.monotonic() of the next poll

    @property
    def is_feed(self) -> bool:
        return is_url(self.spec)


def watch_sources(specs: list[str]) -> list[Source]:
    """Sources for `specs`; a path that does not exist is refused at once (a typo should not be
    watched forever), while an unreachable feed is retried like any feed that fails later."""
    for spec in specs:
        if not is_url(spec) and not Path(spec).exists():
            raise InputError("no such file, folder or http(s) feed URL", source=spec)
    return [Source(spec) for spec in dict.fromkeys(specs)]


@dataclass
class Summary:
    polls: int = 0  # rounds over the sources
    articles: int = 0  # new documents stored
    unchanged: int = 0  # items whose text was already stored
    not_modified: int = 0  # feed polls answered 304
    failed: set[str] = field(default_factory=set)  # sources that failed at least once
    stopped_by: str | None = None  # the signal that ended the watch

    def line(self, sources: int) -> str:
        failing = f", {len(self.failed)} source{'s' if len(self.failed) != 1 else ''} failed" if self.failed else ""
        end = f"; stopped by {self.stopped_by}" if self.stopped_by else ""
        return (f"watched {sources} source{'s' if sources != 1 else ''} in {self.polls} poll{'s' if self.polls != 1 else ''}: "
                f"{self.articles} new article{'s' if self.articles != 1 else ''}, {self.unchanged} already stored, "
                f"{self.not_modified} not modified{failing}{end}")


class Stop:
    """Set by SIGINT / SIGTERM: the watch ends after the article in hand -- its ingest, graph update
    included, is one unit -- never inside one. A second signal interrupts at once (KeyboardInterrupt):
    every stored article is still whole, and the next ingest or watch rebuilds the graph."""

    def __init__(self) -> None:
        self.signal: str | None = None

    @property
    def requested(self) -> bool:
        return self.signal is not None

    def _handle(self, signum: int, _frame) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.signal = signal.Signals(signum).name

    @contextmanager
    def on_signals(self) -> Iterator[None]:
        """SIGINT and SIGTERM request the stop inside this block (main thread only: elsewhere Python
        cannot install handlers, and the caller stops the watch through `signal` itself)."""
        if threading.current_thread() is not threading.main_thread():
            yield
            return
        previous = {s: signal.signal(s, self._handle) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for s, handler in previous.items():
                signal.signal(s, handler)

    def sleep(self, seconds: float) -> None:
        """Sleep up to `seconds`, waking early when a stop is requested."""
        end = time.monotonic() + seconds
        while not self.requested and (left := end - time.monotonic()) > 0:
            time.sleep(min(left, 0.1))


class Watcher:
    def __init__(self, sources: list[Source], store: Store, *, settings: Settings, extractor: Extractor,
                 interval: float, max_backoff: float, say: Callable[[str], None], stop: Stop | None = None) -> None:
        self.sources, self.store, self.settings, self.extractor = sources, store, settings, extractor
        self.interval, self.max_backoff, self.say = interval, max_backoff, say
        self.stop = stop or Stop()
        self.summary = Summary()

    def run(self, *, once: bool = False) -> Summary:
        """Poll every due source, then sleep until the next is due; `once`: one round, then return."""
        with self.stop.on_signals():
            while not self.stop.requested:
                for src in self.sources:
                    if self.stop.requested:
                        break
                    if once or src.due <= time.monotonic():
                        self.poll(src)
                self.summary.polls += 1
                if once:
                    break
                self.stop.sleep(min(s.due for s in self.sources) - time.monotonic())
        self.summary.stopped_by = self.stop.signal
        return self.summary

    def poll(self, src: Source) -> None:
        """Read one source and ingest its new items; a failure is reported once, when it starts,
        and the source is retried after a wait that doubles with each failure in a row."""
        try:
            items = self._new_items(src)
        except ClaimgraphError as exc:
            src.failures += 1
            wait = self.backoff(src.failures)
            src.due = time.monotonic() + wait
            self.summary.failed.add(src.spec)
            if src.failures == 1:
                self.say(f"! {exc} (retrying, next in {wait:g}s, then less often while it fails)")
            return
        if src.failures:
            self.say(f"✓ {src.spec}: recovered after {src.failures} failed poll{'s' if src.failures != 1 else ''}")
            src.failures = 0
        src.due = time.monotonic() + self.interval
        self._ingest(src, items)

    def backoff(self, failures: int) -> float:
        """Seconds to wait after `failures` failed polls in a row: the interval, doubled per failure,
        at most max_backoff."""
        return min(self.interval * 2 ** failures, self.max_backoff)

    def _new_items(self, src: Source) -> list[tuple[str, Item]]:
        """(key, item) for each item of `src` not handed to ingest before."""
        if src.is_feed:
            got = fetch(src.spec, self.settings, etag=src.etag, last_modified=src.last_modified)
            if got.text is None:
                self.summary.not_modified += 1
                return []
            keyed = [(_key(item), item) for item in feed_items(src.spec, got, self.settings)]
            src.etag, src.last_modified = got.etag, got.last_modified
            src.seen.intersection_update(key for key, _ in keyed)  # forget items gone from the feed: memory stays flat
        else:
            keyed = [(_key(item), item) for path in self._changed_files(src) for item in iter_items([path], self.settings)]
        return [(key, item) for key, item in keyed if key not in src.seen]

    def _changed_files(self, src: Source) -> list[str]:
        """Files under `src` (a folder, recursively, or one file) new or changed since the last poll."""
        if not Path(src.spec).exists():
            raise InputError("no such file or folder (it was there when the watch started)", source=src.spec)
        current: dict[str, tuple[int, int]] = {}
        for path in expand([src.spec]):
            if isinstance(path, str):
                try:
                    st = os.stat(path)
                except OSError:
                    continue  # removed while listing
                current[path] = (st.st_mtime_ns, st.st_size)
        changed = [p for p, sig in current.items() if src.files.get(p) != sig]
        src.files = current
        return changed

    def _ingest(self, src: Source, items: list[tuple[str, Item]]) -> None:
        """Ingest `items` one at a time, each with its graph update, saying what each changed."""
        before = self.store.counts(COUNTED) if items else {}
        for key, item in items:
            if self.stop.requested:
                return  # stop between articles: the ones left are not marked seen
            report = ingest([], self.store, settings=self.settings, extractor=self.extractor, items=[item])
            src.seen.add(key)
            for _source, why in report.failed:
                self.say(f"! {why}")
            self.summary.unchanged += len(report.unchanged)
            for doc_id in report.ingested:
                after = self.store.counts(COUNTED)
                self.say(article_line(document_change(self.store, doc_id, before, after, report.claims_before)))
                self.summary.articles += 1
                before = after


def _key(item: Item) -> str:
    """What identifies an item between polls: where it sits and what it says (an edited item is new)."""
    if item.raw is None:
        return make_id("w", item.source, str(item.error))
    return make_id("w", item.raw.source, item.raw.title, item.raw.content)


def article_line(change: dict) -> str:
    """'+ "Title" (Outlet): +2 quotes, +3 claims; claim 'X expel Y' now 4 independent sources (was 3)'."""
    d = change["document"]
    head = f'+ "{d["title"] or d["source"]}"' + (f" ({d['outlet'] or d['wire']})" if d["outlet"] or d["wire"] else "")
    parts = [f"{n:+d} {NOUNS[k][abs(n) != 1]}" for k, n in change["added"].items() if n]
    joined = [c for c in change["claims"] if c["before"] is not None
              and (c["documents"], c["independent"]) != (c["before"]["documents"], c["before"]["independent"])]
    said = [_support_phrase(c) for c in joined[:SHOWN_CLAIMS]]
    if len(joined) > SHOWN_CLAIMS:
        said.append(f"{len(joined) - SHOWN_CLAIMS} more claims corroborated")
    body = ", ".join(parts) or "nothing new in the graph"
    return f"{head}: {body}" + ("; " + "; ".join(said) if said else "")


def _support_phrase(c: dict) -> str:
    """How one claim's support moved: more independent sources, or (a copy, a same-outlet reprint)
    more documents but no more independent sources."""
    n, was = c["independent"], c["before"]["independent"]
    if n != was:
        return f"claim '{c['label']}' now {n} independent source{'s' if n != 1 else ''} (was {was})"
    return f"claim '{c['label']}' now in {c['documents']} documents, still {n} independent"
