"""Builds the one store that tests/query, tests/api and tests/ui read: the sample articles in
examples/ plus hostile records (script tags, attribute injection, javascript: URLs), ingested once
per session through the real pipeline (spaCy included). Loaded by path from each conftest."""

from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"

# Each line of hostile text is one attack; HOSTILE_MARKERS are substrings that must never reach a
# page unescaped.
HOSTILE = [
    {
        "title": "<script>window.__xss=1;alert(1)</script> Veldoria expels Karel Voss",
        "url": "javascript:alert(document.cookie)",
        "published": "2024-04-02",
        "outlet": "<img src=x onerror=alert(2)> Hostile Times",
        "authors": ["\"onmouseover=\"alert(3)"],
        "text": ("Veldoria on Tuesday expelled Karel Voss, a Marenthian diplomat, after police said he had planned "
                 "an attack on the Free Marenthia Movement. <script>window.__xss=1;alert(1)</script>\n\n"
                 "\"We will not tolerate <b onmouseover=\"alert(4)\">interference</b> of any kind,\" "
                 "government spokeswoman Annika Vell said on Tuesday.\n\n"
                 "Karel Voss denied the accusations. Read more at javascript:alert(5) and "
                 "<a href=\"javascript:alert(6)\">this link</a>.\n"),
    },
    {
        "title": "Second report on Karel Voss \"onmouseover=\"alert(7)",
        "url": "https://hostile.example/voss",
        "published": "2024-04-03",
        "outlet": "Hostile Daily",
        "authors": [],
        "text": ("Karel Voss, the \"onmouseover=\"alert(7)\" first secretary of the Marenthian embassy, was expelled by "
                 "Veldoria on Tuesday, the foreign ministry said. Police Commissioner Tomas Brenner said Voss "
                 "had allegedly met the suspects in Port Casmir. '><svg onload=alert(8)>\n"),
    },
]
HOSTILE_MARKERS = ["<script>window.__xss", "<img src=x onerror", "<b onmouseover", "<svg onload", "\"onmouseover=\"alert",
                   "href=\"javascript:"]


def build(base: Path):
    """The store at base/'store.db', built on first call (later calls reuse the file)."""
    from claimgraph.run import ingest
    from claimgraph.store import Store

    db = base / "store.db"
    done = base / "built"
    if not done.exists():
        hostile = base / "hostile"
        hostile.mkdir(parents=True, exist_ok=True)
        for i, rec in enumerate(HOSTILE):
            (hostile / f"hostile-{i}.json").write_text(json.dumps(rec), encoding="utf-8")
        store = Store(f"sqlite:///{db}")
        report = ingest([str(EXAMPLES), str(hostile)], store)
        store.dispose()
        assert report.ingested, report.failed
        done.write_text("ok")
    return f"sqlite:///{db}"
