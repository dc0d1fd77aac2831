"""CMS shortcodes ([caption ...]...[/caption], [aesop_image img="..."]) and inline debris.
A shortcode has attributes, an underscore name or a closing tag; editorial brackets such as
"have [a] business" have none of these and stay."""

from __future__ import annotations

import re

_ATTR = r"""[\w-]+\s*=\s*(?:"[^"\]]*"|'[^'\]]*'|[“”„″][^“”„″\]]*[“”„″]|‘[^’\]]*’|[^\s\]]+)"""
SHORTCODE = re.compile(
    rf"\[(?P<name>[A-Za-z][\w-]*)(?:\s+{_ATTR})+\s*/?\](?:(?P<body>[^\[]{{0,2000}})\[/(?P=name)\])?"
    rf"|\[/?[a-z]+_[a-z_]+\]"
    rf"|\[/(?:caption|embed|gallery|video|audio|playlist|tweet|youtube|vc_[a-z_]+|et_pb_[a-z_]+)\]",
)


def strip_shortcodes(line: str) -> tuple[str, list[str]]:
    """The line without shortcodes, and what was removed (kept as debris for inspection)."""
    removed = [m.group(0) for m in SHORTCODE.finditer(line)]
    if not removed:
        return line, []
    return re.sub(r" {2,}", " ", SHORTCODE.sub(" ", line)).strip(), removed
