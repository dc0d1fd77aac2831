"""Line-level page furniture: share widgets, teaser tails, photo credits, contributor credits.
The word lists live in debris.json; the rules here only say how a line is judged against them."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def lexicon() -> dict[str, list[str]]:
    return json.loads(resources.files(__package__).joinpath("debris.json").read_text("utf-8"))


def _words(line: str) -> list[str]:
    return re.findall(r"[a-z][a-z'-]*", line.lower())


def is_share_widget(line: str) -> bool:
    """'Share This Story, Choose Your Platform!', 'Share on Facebook Twitter WhatsApp', 'Follow us'."""
    words = _words(line)
    lex = lexicon()
    if not words or len(words) > 14 or len(line) > 120:
        return False
    return set(words) <= set(lex["share_words"]) and bool(set(words) & set(lex["share_required"]))


def is_tail_heading(line: str) -> bool:
    """A 'Latest news' / 'Must read' / 'You might also like' heading after which a page lists teasers.
    CMS templates glue headings together ('You might also likeRELATED'), so a heading may be
    followed by another heading without a space."""
    if len(line) > 60 or line.rstrip()[-1:] in ".!?\"”":
        return False
    low = re.sub(r"[^a-z ]", "", line.lower()).strip()
    headings = sorted(lexicon()["tail_headings"], key=len, reverse=True)
    while low:
        for h in headings:
            if low == h:
                return True
            if low.startswith(h):
                rest = low[len(h):].strip()
                if any(rest.startswith(x) for x in headings):
                    low = rest
                    break
        else:
            return False
    return False


def is_credit(line: str) -> bool:
    """'(Additional reporting by X; Editing by Y)', 'Photo: X/AFP', 'FILE PHOTO: ...', 'Image credit: ...'."""
    low = line.lower().strip("() ")
    lex = lexicon()
    if any(low.startswith(p) for p in lex["credit_parentheticals"]) and len(line) < 300:
        return True
    m = re.match(r"([a-z ]+):", low)
    return bool(m) and m.group(1).strip() in lex["credit_prefixes"] and len(line.split()) <= 40


def is_punctuation_only(line: str) -> bool:
    return not any(ch.isalnum() for ch in line)
