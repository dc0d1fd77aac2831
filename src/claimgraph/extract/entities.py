"""Entity mentions from spaCy's NER, corrected where it is known to be wrong on news, and grouped
into document clusters (key): title-stripped persons, surnames joined to the full name,
acronyms joined to the name they abbreviate wherever the text defines them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ..unionfind import UnionFind
from ..names import TITLES, country_code, demonym_country, fold, is_acronym
from .lexicon import word_list
from .lexicon import lexicon

KEEP = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"}
ORG_WORDS = word_list("org_words.txt")  # words that make a capitalised name an organisation
COMPANY_WORDS = word_list("company_words.txt")  # words that end a company's name ('Apple Computer')
LEADING_DROP = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"}


@dataclass
class M:
    """A mention under construction."""

    start: int  # char offsets
    end: int
    label: str
    tok_start: int
    tok_end: int
    title: str | None = None  # stripped title words ("President", "General Police Director")
    surface: str = ""  # the text at [start:end], kept so it is never re-read from the Doc

    @classmethod
    def of(cls, text: str, start: int, end: int, label: str, tok_start: int, tok_end: int, title: str | None = None) -> "M":
        return cls(start, end, label, tok_start, tok_end, title, text[start:end])


def _trim(span: Span) -> tuple[int, int] | None:
    """Token range without leading determiners, trailing possessives and punctuation."""
    s, e = span.start, span.end
    doc = span.doc
    while s < e and (doc[s].lower_ in LEADING_DROP or doc[s].is_punct or doc[s].is_space):
        s += 1
    while e > s and (doc[e - 1].is_punct or doc[e - 1].is_space or doc[e - 1].lower_ in ("'s", "’s", "'", "’")):
        e -= 1
    return (s, e) if e > s else None


def _title_prefix(doc: Doc, s: int, e: int) -> int:
    """Number of leading tokens of a PERSON span that are a title ('General Police Director')."""
    roles = lexicon().roles
    n = 0
    words = [t.lower_ for t in doc[s:e]]
    for k in range(len(words) - 1, 0, -1):  # longest title prefix that leaves a name
        head = words[:k]
        if head[-1] in roles or " ".join(head[-2:]) in roles or head[-1].rstrip(".") in TITLES:
            n = k
            break
    return n


def _title_fragment(doc: Doc, s: int, e: int) -> int | None:
    """A name that ends inside a title before a person ('US National Security | Adviser Jane
    Holloway'): the words that, with the role noun after the span, make a role of the lexicon belong
    to the title. Returns where the name really ends (s when nothing of it is left), or None."""
    roles = lexicon().roles
    if e >= len(doc) or not (doc[e].lower_ in roles or doc[e].lemma_.lower() in roles):
        return None
    after = next((t for t in doc[e:e + 5] if not (t.lower_ in roles or t.text[:1].isupper() and t.ent_type_ != "PERSON")), None)
    if after is None or after.ent_type_ != "PERSON":
        return None
    words = [t.lower_ for t in doc[s:e]]
    for k in range(len(words), 0, -1):  # the longest tail of the span that forms a role with the next word
        if " ".join(words[len(words) - k:] + [doc[e].lower_]) in roles:
            return e - k
    return None


def _looks_like_person(text: str) -> bool:
    toks = text.split()
    return (2 <= len(toks) <= 3 and all(t[:1].isupper() and t[1:].islower() and t.isalpha() for t in toks)
            and not {fold(t) for t in toks} & ORG_WORDS and text.lower() not in lexicon().country_of)


def find_mentions(doc: Doc, full: str, title: str | None = None) -> list[M]:
    """Corrected NER mentions. In a Title Case headline NER tags capitalised words at random, so a
    headline mention is kept only when the body names it too (or it is a country)."""
    lex = lexicon()
    out: list[M] = []
    head_end = len(title) if title and full.startswith(title) else 0
    body_low = full[head_end:].lower()
    for ent in doc.ents:
        if ent.label_ not in KEEP:
            continue
        r = _trim(ent)
        if r is None:
            continue
        s, e = r
        label = ent.label_
        title = None
        if label == "PERSON":
            k = _title_prefix(doc, s, e)
            if k:
                title = doc[s:s + k].text
                s += k
        span = doc[s:e]
        text = span.text
        if not any(ch.isalpha() for ch in text) or len(text) < 2 or not text[0].isupper() and not text[0].isdigit():
            continue
        if all(t.is_stop for t in span):
            continue
        low = text.lower()
        if span.start_char < head_end and low not in body_low and low not in lex.country_of:
            continue
        if label != "PERSON":
            cut = _title_fragment(doc, s, e)
            if cut is not None:  # 'US National Security' of 'US National Security Adviser Jane Holloway'
                if cut == s:
                    continue
                e, span = cut, doc[s:cut]
                text, low = span.text, span.text.lower()
                label = "GPE" if country_code(text) else "NORP" if demonym_country(text) else label
        if low in lex.country_of and label in ("PERSON", "ORG"):
            label = "NORP" if low in lex.demonyms else "GPE"
        elif label in ("ORG", "GPE") and _looks_like_person(text) and _person_context(span):
            label = "PERSON"
        elif label == "PERSON" and is_acronym(text):
            label = "ORG"
        elif label == "PERSON" and {fold(t) for t in text.split()} & ORG_WORDS:
            label = "ORG"
        out.append(M.of(full, span.start_char, span.end_char, label, s, e, title))
    missed = _missed_acronyms(doc, full, out) + _missed_company_names(doc, full, out, head_end)
    return _join_of_names(doc, full, out + missed)


def _missed_acronyms(doc: Doc, full: str, found: list[M]) -> list[M]:
    """All-capital proper nouns NER left untagged ('MEK legal adviser ...') are organisations,
    or countries when the lexicon knows them; lines written in capitals are skipped."""
    taken = {k for m in found for k in range(m.tok_start, m.tok_end)}
    out = []
    countries = lexicon().country_of
    for t in doc:
        if t.i in taken or t.pos_ != "PROPN" or not is_acronym(t.text) or len(t.text) > 6:
            continue
        if any(0 <= j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() for j in (t.i - 1, t.i + 1)):
            continue  # part of a longer name ('Report TV'), not an acronym standing alone
        line_start = full.rfind("\n", 0, t.idx) + 1
        line_end = full.find("\n", t.idx)
        line = full[line_start: line_end if line_end >= 0 else len(full)]
        letters = [ch for ch in line if ch.isalpha()]
        if sum(ch.isupper() for ch in letters) > 0.5 * len(letters):
            continue
        label = "GPE" if t.lower_ in countries else "ORG"
        out.append(M.of(full, t.idx, t.idx + len(t), label, t.i, t.i + 1))
    return out


def _missed_company_names(doc: Doc, full: str, found: list[M], head_end: int) -> list[M]:
    """A run of capitalised proper nouns NER left untagged that ends in a company word ('Apple
    Computer', 'Qatar Airways') is an organisation. NER misses such names most often right after a
    headline with no full stop, where it reads the title and the first sentence as one context."""
    taken = {k for m in found for k in range(m.tok_start, m.tok_end)}
    out = []
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and j not in taken and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() \
                and not doc[j].ent_type_:
            j += 1
        if j - i >= 2 and fold(doc[j - 1].text) in COMPANY_WORDS and doc[i].idx >= head_end \
                and not (j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper()):
            out.append(M.of(full, doc[i].idx, doc[j - 1].idx + len(doc[j - 1]), "ORG", i, j))
        i = max(j, i + 1)
    return out


def _join_of_names(doc: Doc, text: str, ms: list[M]) -> list[M]:
    """spaCy splits 'the People's Mujahedin Organisation | of | Iran' into ORG + GPE (or leaves the
    place untagged): an ORG mention followed by ' of ' and a place is one organisation name."""
    ms = sorted(ms, key=lambda m: m.start)
    countries = lexicon().country_of
    out: list[M] = []
    for m in ms:
        prev = out[-1] if out else None
        if (prev is not None and prev.label == "ORG" and m.label in ("GPE", "LOC")
                and text[prev.end:m.start] in (" of ", " for ")):
            out[-1] = M.of(text, prev.start, m.end, "ORG", prev.tok_start, m.tok_end)
            continue
        out.append(m)
    for i, m in enumerate(out):
        k = m.tok_end
        if m.label == "ORG" and k + 1 < len(doc) and doc[k].lower_ in ("of", "for") and doc[k + 1].text.lower() in countries \
                and not any(x.tok_start == k + 1 for x in out):
            out[i] = M.of(text, m.start, doc[k + 1].idx + len(doc[k + 1]), "ORG", m.tok_start, k + 2)
    return _split_possessive(doc, text, out)


def _split_possessive(doc: Doc, text: str, ms: list[M]) -> list[M]:
    """'Iran's Quds Force' / 'Revolutionary Guard's Quds Force' tagged as one ORG: the owner and the
    owned are two entities (the Quds Force is part of the IRGC, not the IRGC)."""
    places = {m.surface.lower() for m in ms if m.label in ("GPE", "LOC")}
    out: list[M] = []
    for m in ms:
        cut = next((k for k in range(m.tok_start + 1, m.tok_end - 1) if doc[k].tag_ == "POS"), None)
        owner = doc[m.tok_start:cut].text if cut is not None else ""
        owner_ok = cut is not None and (owner.lower() in lexicon().country_of or owner.lower() in places
                                        or is_acronym(owner) or doc[cut - 1].lower_ in ORG_WORDS)
        if m.label != "ORG" or not owner_ok:  # "People's Mujahedin" is one name
            out.append(m)
            continue
        owner = doc[m.tok_start:cut]
        owned = doc[cut + 1:m.tok_end]
        label = "GPE" if owner.text.lower() in lexicon().country_of or owner.text.lower() in places else "ORG"
        out.append(M.of(text, owner.start_char, owner.end_char, label, owner.start, owner.end))
        out.append(M.of(text, owned.start_char, owned.end_char, "ORG", owned.start, owned.end))
    return out


def _person_context(span: Span) -> bool:
    """An ORG/GPE-tagged span reads as a person: speaker of a reporting verb, followed by an
    appositive role ('X, the President-elect of ...'), or preceded by a role title."""
    lex = lexicon()
    doc = span.doc
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in lex.speech_verbs:
        return True
    nxt = doc[span.end: span.end + 4]
    if len(nxt) >= 2 and nxt[0].text == "," and any(t.lower_ in lex.roles or t.lower_.rstrip("s") in lex.roles for t in nxt[1:]):
        return True
    prev = doc[span.start - 1] if span.start else None
    return bool(prev is not None and prev.lower_ in lex.roles) or _listed_with_people(span)


def _listed_with_people(span: Span) -> bool:
    """'two diplomats, Karim Rostami and Yusuf Demirel': a name in apposition to a role noun, or
    coordinated with a name NER tagged PERSON, is a person too."""
    roles = lexicon().roles
    t = span.root
    for _ in range(3):  # up a chain of conj / appos
        if t.dep_ not in ("conj", "appos") or t.head is t:
            return False
        t = t.head
        if t.ent_type_ == "PERSON" or t.lemma_.lower() in roles or t.lower_ in roles:
            return True
    return False


_ACRO_DEF = re.compile(r"\(\s*(?P<abbr>[A-Z][A-Za-z]{0,3}[A-Z]{1,6}(?:\s*/\s*[A-Z][A-Za-z]{0,3}[A-Z]{1,6})*)\s*\)")
_KNOWN_AS = re.compile(r",?\s*(?:also\s+|better\s+|commonly\s+|otherwise\s+)?known\s+(?:as|by\s+(?:its|their|the)\s+(?:[\w-]+\s+){0,2}?name)\s+", re.I)
_OR_ACRO = re.compile(r",\s+or\s+(?P<abbr>[A-Z]{2,8})\b")


def cluster(doc: Doc, text: str, ms: list[M]) -> list[M]:
    """Add acronym mentions, then union mentions naming the same thing. Returns mentions with a
    parallel list of cluster roots stored on the objects (attribute `root`)."""
    uf = UnionFind()
    ms = sorted(ms, key=lambda m: m.start)
    by_end = {m.end: i for i, m in enumerate(ms)}
    links: list[tuple[int, int]] = []

    def mention_before(pos: int, within: int = 3) -> int | None:
        for back in range(0, within + 1):
            if pos - back in by_end:
                return by_end[pos - back]
        return None

    acronyms: dict[str, int] = {}  # acronym -> mention index it abbreviates
    for m in _ACRO_DEF.finditer(text):
        i = mention_before(m.start())
        if i is None:
            i = _name_by_initials(doc, text, m.start(), m.group("abbr").split("/")[0].strip(), ms)
            by_end = {x.end: j for j, x in enumerate(ms)}
        if i is None or ms[i].label in ("GPE", "PERSON", "NORP", "LOC"):
            continue  # "Iran (PMOI)" is the tail of an untagged name, not the country's acronym
        for abbr in re.split(r"\s*/\s*", m.group("abbr")):
            acronyms.setdefault(abbr, i)
    for m in _OR_ACRO.finditer(text):
        i = mention_before(m.start(), 0)
        if i is not None:
            acronyms.setdefault(m.group("abbr"), i)
    for m in re.finditer(r"\b([A-Z]{2,8})\s*/\s*([A-Z]{2,8})\b", text):
        a, b = m.group(1), m.group(2)
        if a in acronyms and b not in acronyms:
            acronyms[b] = acronyms[a]
        elif b in acronyms and a not in acronyms:
            acronyms[a] = acronyms[b]
    for m in _KNOWN_AS.finditer(text):
        before = mention_before(m.start(), 4)
        if before is None:
            # "... Iran (PMOI), also known as" -- the mention sits before the parenthesis
            pm = re.search(r"\(\s*([A-Z][A-Za-z/ ]{1,20})\)\s*$", text[max(0, m.start() - 30):m.start()])
            if pm and pm.group(1).split("/")[0].strip() in acronyms:
                before = acronyms[pm.group(1).split("/")[0].strip()]
        after = next((i for i, x in enumerate(ms) if m.end() <= x.start <= m.end() + 3), None)
        if before is not None and after is not None:
            links.append((before, after))

    # every occurrence of a defined acronym is a mention of its cluster
    taken = [(m.start, m.end) for m in ms]
    for abbr, i in acronyms.items():
        for occ in re.finditer(rf"(?<![\w-]){re.escape(abbr)}(?![\w-])", text):
            if any(s <= occ.start() < e for s, e in taken):
                j = next(k for k, x in enumerate(ms) if x.start <= occ.start() < x.end)
                if ms[j].start == occ.start() and ms[j].end == occ.end():
                    links.append((i, j))
                continue
            span = doc.char_span(occ.start(), occ.end(), alignment_mode="expand")
            if span is None:
                continue
            ms.append(M.of(text, occ.start(), occ.end(), ms[i].label, span.start, span.end))
            links.append((i, len(ms) - 1))
            taken.append((occ.start(), occ.end()))

    # one name, one type within a document: a place NER once tagged ORG ("Marenthia's") is the place,
    # and so is a one-word name whose demonym the text uses ("Marenthia" beside "Marenthian")
    place_names = {fold(m.surface) for m in ms if m.label == "GPE"}
    demonyms = {fold(m.surface) for m in ms if m.label == "NORP"}
    place_names |= {fold(m.surface) for m in ms if len(m.surface.split()) == 1 and m.label in ("ORG", "PERSON")
                    and any(d.startswith(fold(m.surface)) and 0 < len(d) - len(fold(m.surface)) <= 3 for d in demonyms)}
    for m in ms:
        if m.label in ("ORG", "PERSON") and fold(m.surface) in place_names:
            m.label = "GPE"
    for i in range(len(ms)):
        uf.find(i)
    # same folded text and compatible label
    seen: dict[tuple[str, str], int] = {}
    for i, m in enumerate(ms):
        k = (_family(m.label), fold(m.surface))
        if k in seen:
            uf.union(seen[k], i)
        else:
            seen[k] = i
    for a, b in links:
        uf.union(a, b)
    # 'Apple Computer' and 'Apple' in one article: a company named with and without its company word
    for i, m in enumerate(ms):
        words = fold(m.surface).split()
        if m.label == "ORG" and len(words) >= 2 and words[-1] in COMPANY_WORDS:
            k = ("ORG", " ".join(words[:-1]))
            if k in seen:
                uf.union(seen[k], i)
    # surname / given-name-only persons join the one full name of this document that contains them
    full: dict[str, set[int]] = {}
    for i, m in enumerate(ms):
        toks = fold(m.surface).split()
        if m.label == "PERSON" and len(toks) >= 2:
            full.setdefault(toks[-1], set()).add(uf.find(i))
    for i, m in enumerate(ms):
        toks = fold(m.surface).split()
        # a country is nobody's surname ('Statistics Canada' tagged PERSON does not take 'Canada')
        if len(toks) == 1 and m.label in ("PERSON", "ORG", "GPE") and not country_code(m.surface):
            roots = {uf.find(r) for r in full.get(toks[0], set())}
            if len(roots) == 1:
                uf.union(next(iter(roots)), i)
                m.label = "PERSON"
    for i, m in enumerate(ms):
        m.root = uf.find(i)  # type: ignore[attr-defined]
    return ms


def _name_by_initials(doc: Doc, text: str, paren: int, abbr: str, ms: list[M]) -> int | None:
    """'Mujahideen-e-Khalq (MEK)', 'Ministry of Intelligence and Security (MOIS)' with no NER
    mention: the words before the parenthesis whose initials spell the acronym become an ORG."""
    before = text[max(0, paren - 120):paren].rstrip()
    words = list(re.finditer(r"[\w’'-]+", before))
    letters = abbr.lower()
    for n in range(1, min(8, len(words)) + 1):
        run = words[-n:]
        if not run[0].group(0)[:1].isupper():
            continue
        parts = [p for w in run for p in re.split(r"-", w.group(0)) if p]
        initials = "".join(p[0].lower() for p in parts)
        caps = "".join(p[0].lower() for p in parts if p[0].isupper())
        if letters in (initials, caps):
            start = max(0, paren - 120) + run[0].start()
            end = max(0, paren - 120) + run[-1].end()
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                return None
            ms.append(M.of(text, start, end, "ORG", span.start, span.end))
            return len(ms) - 1
    return None


def _family(label: str) -> str:
    return {"GPE": "PLACE", "LOC": "PLACE"}.get(label, label)
