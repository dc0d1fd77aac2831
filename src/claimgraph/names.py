"""Name keys for blocking and matching. Transliteration, spelling and punctuation variants of one
name map to the same key, so resolution compares names inside small blocks, never all pairs."""

from __future__ import annotations

import re
from functools import lru_cache

from unidecode import unidecode

from .extract.lexicon import word_list

# British -> American spelling: (the letters, their replacement, only at a word's end); each a compiled
# pattern tried only when its letters occur, since fold runs on every new name a matcher compares
_SPELLING = [(re.compile(a + (r"\b" if end else "")), b, a) for a, b, end in (
    ("isation", "ization", False), ("ise", "ize", True), ("ised", "ized", True), ("our", "or", True),
    ("centre", "center", False), ("defence", "defense", False), ("programme", "program", False))]
_POSSESSIVE = re.compile(r"['`’]s\b")
_APOSTROPHE = re.compile(r"['`’]")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_LEADING = re.compile(r"^(the|a|an)\s+")


def _titles() -> frozenset[str]:
    """Titles before a name: the lexicon's and rigour's one-word person prefixes (OpenSanctions)."""
    from rigour.names.prefix import person_name_prefixes_list

    words = {fold(p) for p in person_name_prefixes_list() if " " not in p.strip() and len(fold(p)) > 1 and fold(p) != "the"}
    return word_list("name_titles.txt") | words


@lru_cache(maxsize=200_000)
def fold(name: str) -> str:
    """Lower-case ASCII, British->American spelling, apostrophes dropped, other punctuation -> space."""
    s = unidecode(name).lower()
    s = _APOSTROPHE.sub("", _POSSESSIVE.sub("", s))
    for pattern, american, letters in _SPELLING:
        if letters in s:
            s = pattern.sub(american, s)
    return _LEADING.sub("", _NOT_ALNUM.sub(" ", s).strip())


@lru_cache(maxsize=200_000)
def compact_key(name: str) -> str:
    """Spaces and hyphens do not matter: 'Gholam-Hossein' == 'Gholam Hossein' == 'Gholamhossein'."""
    return fold(name).replace(" ", "")


_VOWELISH = re.compile(r"[aeiouyhw]")
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=200_000)
def skeleton(word: str) -> str:
    """A transliteration-tolerant key of one folded word: first letter kept, vowels and h/w/y dropped,
    doubled letters collapsed, common digraphs merged (Mujahedin/Mujahideen/Mojahedin -> mjdn)."""
    if not word:
        return ""
    w = word.replace("kh", "k").replace("gh", "g").replace("ph", "f").replace("ou", "u").replace("q", "k")
    w = w.replace("ck", "k").replace("z", "s").replace("j", "j")
    head, rest = w[0], _VOWELISH.sub("", w[1:])
    rest = _DOUBLED.sub(r"\1", rest)
    head = {"q": "k", "z": "s"}.get(head, head)
    if head in "aeiou":
        head = "a"
    return head + rest


@lru_cache(maxsize=200_000)
def name_skeleton(name: str) -> str:
    return " ".join(skeleton(w) for w in fold(name).split())


TITLES = _titles()
GENERIC_ORG_WORDS = word_list("generic_org_words.txt")


def strip_titles(name: str) -> str:
    toks = name.split()
    while len(toks) > 1 and fold(toks[0]) in TITLES:
        toks = toks[1:]
    return " ".join(toks)


def is_acronym(name: str) -> bool:
    s = name.replace(".", "")
    return 2 <= len(s) <= 8 and s.isupper() and s.isalpha()




@lru_cache(maxsize=200_000)
def org_core_key(name: str) -> str:
    """An organisation name without its generic type words: 'Revolutionary Guard Corps' and
    'Revolutionary Guard', 'Quds Force' and 'QUDS forces', 'People's Mujahedin Organization of Iran'
    and 'People's Mujahedin of Iran' share it."""
    words = [w for w in fold(name).split() if w not in GENERIC_ORG_WORDS]
    return "".join(words)


@lru_cache(maxsize=200_000)
def org_word_key(name: str) -> str | None:
    """The content words of an organisation name in sorted order, when there are at least two:
    'Movement for a Free Marenthia' and 'Free Marenthia Movement' share it."""
    words = sorted({w for w in fold(name).split() if w not in GENERIC_ORG_WORDS and w not in ("a", "an", "for", "and", "in")})
    return " ".join(words) if len(words) >= 2 else None


@lru_cache(maxsize=1)
def _country_index() -> dict[str, str]:
    """Folded country name -> ISO alpha-2 code, from pycountry (short, official and common names,
    'Korea, Republic of' also read as 'Republic of Korea') and the country lexicon's names and
    aliases (Persia, Britain, U.S.); demonyms and capitals are not country names."""
    import pycountry

    from .extract.lexicon import lexicon

    index: dict[str, str] = {}
    for c in pycountry.countries:
        for n in (c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)):
            if not n:
                continue
            index.setdefault(fold(n), c.alpha_2)
            if ", " in n:  # 'Korea, Republic of' -> 'Republic of Korea'
                head, tail = n.split(", ", 1)
                index.setdefault(fold(f"{tail} {head}"), c.alpha_2)
    lex = lexicon()
    names_of: dict[str, list[str]] = {}  # lexicon country -> its names and aliases
    for alias, country in lex.country_of.items():
        if alias in lex.capitals or (alias in lex.demonyms and len(alias.replace(".", "")) > 3):
            continue  # 'US' is listed as an adjective too, but names the country
        names_of.setdefault(country, [country]).append(alias)
    for names in names_of.values():
        code = next((index[fold(n)] for n in names if fold(n) in index), None)
        for n in names if code else ():
            index.setdefault(fold(n), code)
    return index


def country_code(name: str) -> str | None:
    """ISO code of a country named by its common or official name or an alias ('Islamic Republic of
    Iran', 'Russian Federation', 'Republic of Korea', 'U.S.'), else None. Capitals and demonyms are
    not countries: 'Tirana' and 'Iranian' give None."""
    return _country_index().get(fold(name))


def is_common_country_name(name: str) -> bool:
    """'Norway', not 'Kingdom of Norway': the country lexicon's own name for a country."""
    from .extract.lexicon import lexicon

    return country_code(name) is not None and lexicon().country_of.get(name.strip().lower()) == name.strip()


def demonym_country(word: str) -> str | None:
    """The country a demonym or adjective names ('Iranian', 'Albanians' -> 'Iran', 'Albania'), else None."""
    from .extract.lexicon import lexicon

    lex = lexicon()
    low = word.strip().lower()
    return lex.country_of.get(low) if low in lex.demonyms else None
