#!/usr/bin/env python3
"""Compile the event vocabulary of claimgraph from PETRARCH2's CAMEO verb dictionary and the
CAMEO->PLOVER table into src/claimgraph/extract/lexicons/cameo_plover.json.

usage: tools/compile_cameo.py [CORPUS_DIR]   (default ../shared/corpora/plover)

Sources and licences (see that folder's README):
- CAMEO.2.0.txt: PETRARCH2 CAMEO verb dictionary, (c) 2015 Open Event Data Alliance, MIT licence.
- CAMEO2PLOVER-2021.txt: CAMEO->PLOVER table, Open Event Data Alliance, CC BY-SA 4.0. The compiled
  file is derived from it and is therefore CC BY-SA 4.0 too (lexicons/README.md says so).

The table's types are named as in plover_reference.html, the PLOVER summary the coded sentences use:
REQUEST -> DEMAND, ACCUSE in mode "investigate" -> INVESTIGATE, other ACCUSE -> DISAPPROVE, conventional
military force (CAMEO 19x) -> FIGHT. Where the summary lists a CAMEO category under another type than the
table, the summary wins (REFERENCE): "destroy property" is a mode of COERCE, "remove curfews" and the easing of
legal restrictions are CONCEDE ("the lifting of a curfew is, effectively, a promise").

Output: {"types": {code: [TYPE, mode]} (every code of the table), "blocks": [[default code, [[object heads], prep, [pobj heads], code]...]],
"verbs": {lemma: [block, own code or null]}, "forms": {lemma: [inflected forms the entry lists]}}: where an entry
spells out its inflections ("RAG {RAGS RAGGING RAGGED}"), a word that is none of them is not that verb
("raged", which the lemmatizer reads as "rag"). A bare-preposition pattern ("- * (WITH) [130]  # BREAK": "break
with" is a threat) carries, as a fifth element, the verb of the block its comment names: it is that verb's
phrase, not one of every verb of the synonym set ("beat up ... with the knowledge of" is no threat). A pattern code of null means "this pattern is no event".
Patterns with words before the verb (source-side nominal patterns) are left out.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "claimgraph" / "extract" / "lexicons" / "cameo_plover.json"
RENAME = {"REQUEST": "DEMAND"}
REFERENCE = {"1712": "COERCE", "0813": "CONCEDE", "0814": "CONCEDE"}  # destroy property; ease curfew, state of emergency
CODE = re.compile(r"\[([0-9]+|---)(?::[0-9]+)?\]")  # "[043:042]": the first code is the verb's


def plover_types(path: Path) -> dict[str, list[str]]:
    """CAMEO code -> [PLOVER type, mode] from the conversion table."""
    out: dict[str, list[str]] = {}
    for line in path.read_text("utf-8").splitlines():
        m = re.match(r"^(\d+):\s*([A-Z_]+)\s*(?:,([^,#]*))?", line)
        if not m:
            continue
        code, typ, mode = m.group(1), m.group(2), (m.group(3) or "").strip()
        if typ == "ACCUSE":
            typ = "INVESTIGATE" if mode == "investigate" else "DISAPPROVE"
            mode = "" if mode in ("investigate", "disapprove") else mode
        typ = RENAME.get(typ, typ)
        if code.startswith("19") and typ == "ASSAULT":
            typ = "FIGHT"
        out[code] = [REFERENCE.get(code, typ), mode.replace(" ", "")]
    return out


def resolve(code: str | None, types: dict[str, list[str]]) -> str | None:
    """The longest prefix of a CAMEO code that the table maps; None when unmapped or unassigned."""
    if not code or code == "---":
        return None
    for n in range(len(code), 1, -1):
        if code[:n] in types:
            return code[:n]
    return None


def _word(w: str) -> str:
    return w.strip("_+$").lower().replace("_", " ")


def _expand(tok: str, classes: dict[str, list[str]]) -> list[str]:
    if tok.startswith("&"):
        return classes.get(tok, [])
    return [_word(tok)]


def parse_pattern(body: str, classes: dict[str, list[str]]) -> tuple[list[str], str, list[str]] | None:
    """'* {DEATH PENALTY} (AGAINST X)' -> (['penalty'], 'against', ['x']); None for source-side patterns."""
    body = body.replace("$", " ").replace("+", " ")
    if "*" not in body or body.split("*")[0].strip():
        return None
    post = body.split("*", 1)[1]
    prep, pobj = "", []
    pm = re.search(r"\(([^)]*)\)", post)
    if pm:
        words = pm.group(1).replace("{", " ").replace("}", " ").split()
        if words:
            prep = _word(words[0])
            pobj = _expand(words[-1], classes) if len(words) > 1 else []
            if len(words) > 1 and not pobj:
                return None  # a class this dictionary does not define (&CURRENCY): no wildcard "any 'in' phrase"
        post = post[:pm.start()]
    bare = post.replace("{", " ").replace("}", " ").split()
    obj = _expand(bare[-1], classes) if bare else []
    if bare and not obj:
        return None
    if not obj and not prep:
        return None
    return obj, prep, pobj


def compile_dictionary(path: Path, types: dict[str, list[str]]) -> dict:
    classes: dict[str, list[str]] = {}
    blocks: list[list] = []
    verbs: dict[str, list] = {}
    forms: dict[str, list[str]] = {}  # the inflected forms a verb's entry lists ("RAG {RAGS RAGGING RAGGED}")
    bare: list[tuple[int, list, str | None]] = []  # bare-preposition patterns: (block, pattern, the verb its comment names)
    current_class = None
    for raw in path.read_text("utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            current_class = None
            continue
        if line.startswith("&") and not blocks:
            current_class = line.split()[0]
            classes[current_class] = []
            continue
        if current_class and line.startswith("+"):
            classes[current_class].append(_word(line.split()[0]))
            continue
        if line.startswith("---"):
            m = CODE.search(line)
            blocks.append([resolve(m.group(1) if m else None, types), []])
            continue
        if not blocks:
            continue
        if line.startswith("-"):
            m = CODE.search(line)
            pat = parse_pattern(CODE.sub("", line[1:]), classes)
            if m and pat:
                code = None if m.group(1) == "---" else resolve(m.group(1), types)
                if code is not None or m.group(1) == "---":
                    blocks[-1][1].append([pat[0], pat[1], pat[2], code])
                    if pat[1] and not pat[0] and not pat[2]:
                        bare.append((len(blocks) - 1, blocks[-1][1][-1], _comment_verb(raw)))
            continue
        word = re.sub(r"\{[^}]*\}", "", line).split()
        if not word:
            continue
        lemma = _word(word[0])
        m = CODE.search(line)
        own = resolve(m.group(1), types) if m else None
        entry = verbs.setdefault(lemma, [len(blocks) - 1, own])
        if entry[0] == len(blocks) - 1 and entry[1] is None:
            entry[1] = own  # "BEAT" then "BEAT {BEATS BEATING BEATEN} [182]": the verb's own code is the second line's
        listed = re.search(r"\{([^}]*)\}", line)
        if listed and " " not in lemma and listed.group(1).split():
            forms.setdefault(lemma, sorted({_word(w) for w in listed.group(1).split()}))
    for block, pattern, verb in bare:
        if verb and verbs.get(verb, [None])[0] == block:
            pattern.append(verb)
    return {"types": dict(sorted(types.items())), "blocks": blocks, "verbs": verbs, "forms": forms}


def _comment_verb(raw: str) -> str | None:
    """The verb a pattern's comment names ("- * (WITH) [130]  # BREAK" -> "break"), if one word."""
    comment = raw.split("#", 1)[1].split() if "#" in raw else []
    return _word(comment[0]) if len(comment) == 1 else None


def main(corpus: Path) -> None:
    types = plover_types(corpus / "CAMEO2PLOVER-2021.txt")
    data = compile_dictionary(corpus / "CAMEO.2.0.txt", types)
    data = {"_about": "Compiled by tools/compile_cameo.py from PETRARCH2's CAMEO verb dictionary (MIT, (c) 2015 Open "
                      "Event Data Alliance) and the CAMEO->PLOVER table (CC BY-SA 4.0, Open Event Data Alliance); this "
                      "derived file is CC BY-SA 4.0.", **data}
    OUT.write_text(json.dumps(data, separators=(",", ":"), sort_keys=False) + "\n", "utf-8")
    coded = sum(1 for v in data["verbs"].values() if v[1] or data["blocks"][v[0]][0])
    print(f"wrote {OUT}: {len(data['verbs'])} verbs ({coded} with a code), {len(data['blocks'])} blocks, "
          f"{sum(len(b[1]) for b in data['blocks'])} patterns, {len(data['types'])} codes")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "corpora" / "plover")
