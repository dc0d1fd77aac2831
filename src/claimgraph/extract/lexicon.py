"""Language data as data: word lists under lexicons/, loaded once."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def _lines(name: str) -> frozenset[str]:
    text = resources.files(__package__).joinpath("lexicons", name).read_text("utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@dataclass(frozen=True)
class Lexicon:
    speech_verbs: frozenset[str]
    hedges: frozenset[str]
    denials: frozenset[str]
    institutions: frozenset[str]
    roles: frozenset[str]
    unnamed_sources: frozenset[str]
    verbs: dict[str, str]
    phrasal: dict[str, str]
    nouns: dict[str, str]
    passive_only: frozenset[str]
    plover: dict[str, str]  # predicate -> PLOVER type: the named predicates and those compiled from CAMEO
    plover_modes: dict[str, str]  # predicate -> PLOVER mode, where the CAMEO->PLOVER table gives one
    country_of: dict[str, str]  # lower-cased demonym / capital / alias / name -> country name
    demonyms: frozenset[str]
    capitals: frozenset[str]


def code_predicate(typ: str, mode: str) -> str:
    """Readable predicate of a compiled CAMEO code: its PLOVER type, with the mode where the table gives one."""
    return (f"{typ}_{mode}" if mode else typ).lower().replace("-", "_")


def _compiled_types() -> list[tuple[str, str]]:
    data = json.loads(resources.files(__package__).joinpath("lexicons", "cameo_plover.json").read_text("utf-8"))
    return [tuple(v) for v in data["types"].values()]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    preds = json.loads(resources.files(__package__).joinpath("lexicons", "predicates.json").read_text("utf-8"))
    types = _compiled_types()
    country_of: dict[str, str] = {}
    demonyms: set[str] = set()
    capitals: set[str] = set()
    path = resources.files(__package__).joinpath("lexicons", "countries.tsv")
    if path.is_file():
        rows = csv.DictReader(path.read_text("utf-8").splitlines(), delimiter="\t")
        for row in rows:
            country = row["country"].strip()
            country_of[country.lower()] = country
            for col, bucket in (("demonyms", demonyms), ("capitals", capitals), ("aliases", None)):
                for v in (row.get(col) or "").split("|"):
                    v = v.strip()
                    if v:
                        country_of.setdefault(v.lower(), country)
                        if bucket is not None:
                            bucket.add(v.lower())
    return Lexicon(
        speech_verbs=_lines("speech_verbs.txt"), hedges=_lines("hedges.txt"), denials=_lines("denials.txt"),
        institutions=_lines("institutions.txt"), roles=_lines("roles.txt"), unnamed_sources=_lines("unnamed_sources.txt"),
        verbs=preds["verbs"], phrasal=preds["phrasal"], nouns=preds["nouns"],
        passive_only=frozenset(preds.get("passive_only", [])),
        plover={code_predicate(t, m): t for t, m in types} | preds["plover"],
        plover_modes={code_predicate(t, m): m for t, m in types if m},
        country_of=country_of, demonyms=frozenset(demonyms), capitals=frozenset(capitals),
    )
