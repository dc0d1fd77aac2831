"""Language data as data: the files under lexicons/, each read and parsed once per process.

The one reader of those files for every stage (extraction rules, name matching, resolution). It
imports nothing of the pipeline, so name matching and store views can use it without spaCy."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


def lexicon_text(name: str) -> str:
    return resources.files(__package__).joinpath("lexicons", name).read_text("utf-8")


def lexicon_rows(name: str) -> list[str]:
    """The entries of a line-per-entry file, stripped, '#' comments and blank lines left out."""
    return [ln.strip() for ln in lexicon_text(name).splitlines() if ln.strip() and not ln.startswith("#")]


@lru_cache(maxsize=None)
def word_list(name: str) -> frozenset[str]:
    """A word list (one entry a line), lower case."""
    return frozenset(row.lower() for row in lexicon_rows(name))


@lru_cache(maxsize=None)
def lexicon_json(name: str) -> Any:
    """A JSON lexicon, parsed once (cameo_plover.json is read by the predicate table and the vocabulary)."""
    return json.loads(lexicon_text(name))


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
    data = lexicon_json("cameo_plover.json")
    return [tuple(v) for v in data["types"].values()]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    preds = lexicon_json("predicates.json")
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
        speech_verbs=word_list("speech_verbs.txt"), hedges=word_list("hedges.txt"), denials=word_list("denials.txt"),
        institutions=word_list("institutions.txt"), roles=word_list("roles.txt"), unnamed_sources=word_list("unnamed_sources.txt"),
        verbs=preds["verbs"], phrasal=preds["phrasal"], nouns=preds["nouns"],
        passive_only=frozenset(preds.get("passive_only", [])),
        plover={code_predicate(t, m): t for t, m in types} | preds["plover"],
        plover_modes={code_predicate(t, m): m for t, m in types if m},
        country_of=country_of, demonyms=frozenset(demonyms), capitals=frozenset(capitals),
    )
