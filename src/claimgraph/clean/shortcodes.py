"""CMS shortcodes ([caption ...]...[/caption], [aesop_image img="..."], [embed]URL[/embed]) and inline
debris. A shortcode has attributes, an underscore name or a closing tag; editorial brackets such as
"have [a] business" have none of these and stay.

What goes with a shortcode: a media shortcode (caption, embed, video ... listed in debris.json) or one
whose body is only a URL is removed with its body; a layout wrapper ([vc_row]...[/vc_row]) loses only
its tags, because its body is the article."""

from __future__ import annotations

import re
from functools import lru_cache

from .boilerplate import lexicon

_ATTR = r"""[\w-]+\s*=\s*(?:"[^"\]]*"|'[^'\]]*'|[“”„″][^“”„″\]]*[“”„″]|‘[^’\]]*’|[^\s\]]+)"""
_URL = re.compile(r"\s*(?:https?://|www\.)\S+\s*")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    media = "|".join(sorted((re.escape(n) for n in lexicon()["media_shortcodes"]), key=len, reverse=True))
    paired = re.compile(r"\[(?P<name>[A-Za-z][\w-]*)\](?P<body>[^\[]{0,2000}?)\[/(?P=name)\]")
    single = re.compile(
        rf"\[(?P<name>[A-Za-z][\w-]*)(?:\s+{_ATTR})+\s*/?\](?:(?P<body>[^\[]{{0,2000}})\[/(?P=name)\])?"
        rf"|\[/?[a-z]+_[a-z_]+\]"
        rf"|\[/(?:{media})\]",
    )
    return paired, single


def _is_media_pair(m: re.Match) -> bool:
    return m.group("name").lower() in lexicon()["media_shortcodes"] or bool(_URL.fullmatch(m.group("body")))


def strip_shortcodes(line: str) -> tuple[str, list[str]]:
    """The line without shortcodes, and what was removed (kept as debris for inspection)."""
    paired, single = _patterns()
    removed: list[str] = []

    def drop(m: re.Match) -> str:
        removed.append(m.group(0))
        return " "

    out = paired.sub(lambda m: drop(m) if _is_media_pair(m) else m.group(0), line)
    out = single.sub(drop, out)
    if not removed:
        return line, []
    return re.sub(r" {2,}", " ", out).strip(), removed
