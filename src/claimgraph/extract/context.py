"""Per-document extraction context: the parsed doc, its mention clusters, and how a token of a
clause maps to an entity key (mention, possessor, demonym of an institution, pronoun, unnamed source)."""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc, Token

from ..dates import find_times
from ..model import Document
from ..names import fold, is_acronym
from .lexicon import word_list
from .entities import M, cluster, find_mentions
from .lexicon import lexicon

GROUP_NOUNS = word_list("group_nouns.txt")  # members, camp, headquarters ... of a group


class Context:
    def __init__(self, document: Document, doc: Doc) -> None:
        self.document = document
        self.doc = doc
        self.text = doc.text  # Doc.text is rebuilt from tokens on every access: read it once
        self.mentions: list[M] = cluster(doc, self.text, find_mentions(doc, self.text, document.title))
        self.tok2m: dict[int, int] = {}
        for i, m in enumerate(self.mentions):
            for k in range(m.tok_start, m.tok_end):
                self.tok2m.setdefault(k, i)
        self.key_of_root: dict[int, str] = {}
        self.name_of_root: dict[int, str] = {}
        self.label_of_root: dict[int, str] = {}
        groups: dict[int, list[M]] = {}
        for m in self.mentions:
            groups.setdefault(m.root, []).append(m)
        for root, ms in groups.items():
            names = [m.surface for m in ms]
            best = max(names, key=lambda n: (not is_acronym(n), len(n.split()), len(n)))
            label = Counter(m.label for m in ms if not is_acronym(m.surface)).most_common(1)
            label = label[0][0] if label else ms[0].label
            self.key_of_root[root] = f"{label}:{fold(best)}"
            self.name_of_root[root] = best
            self.label_of_root[root] = label
        self.sources: dict[str, tuple[str, str]] = {}  # synthetic keys -> (name, label)
        self._times: dict[int, list[tuple[int, str]]] = {}
        self._country_keys = {fold(self.name_of_root[r]): self.key_of_root[r] for r in self.key_of_root
                              if self.label_of_root[r] == "GPE"}

    # ---- mentions -----------------------------------------------------------------------
    def mention_at(self, tok: Token) -> M | None:
        i = self.tok2m.get(tok.i)
        return self.mentions[i] if i is not None else None

    def key_of(self, m: M) -> str:
        return self.key_of_root[m.root]  # type: ignore[attr-defined]

    def label_of_key(self, key: str) -> str:
        return key.split(":", 1)[0]

    def country_key(self, word: str) -> str | None:
        """'Albanian' / 'Albania' / 'Tirana' -> key of the country (a mention's, or a synthetic one)."""
        lex = lexicon()
        word = re.sub(r"['’]s$", "", word.strip())
        if word.islower():
            return None  # "us", "chad", "turkey": lower-case words are not country names
        country = lex.country_of.get(word.lower())
        if not country:
            return self._demonym_in_text(word)
        key = self._country_keys.get(fold(country))
        if key:
            return key
        key = f"GPE:{fold(country)}"
        self.sources.setdefault(key, (country, "GPE"))
        return key

    def _demonym_in_text(self, word: str) -> str | None:
        """A demonym the lexicon lacks ('Marenthian') names a place of this document whose name
        it extends by a short suffix ('Marenthia' + 'n', 'Iran' + 'ian')."""
        low = word.lower()
        for root, label in self.label_of_root.items():
            name = self.name_of_root[root].lower()
            if label == "GPE" and len(name) >= 4 and low != name and low.startswith(name[:max(4, len(name) - 1)]) \
                    and 0 < len(low) - len(name) <= 3:
                return self.key_of_root[root]
        return None

    def source_key(self, text: str, label: str = "SOURCE") -> str:
        """A speaker or source that is no NER mention: an unnamed source ("a spokesman"), or a name
        NER missed (label ORG)."""
        key = f"{label}:{fold(text)}"
        self.sources.setdefault(key, (text, label))
        return key

    # ---- arguments ----------------------------------------------------------------------
    def arg_key(self, tok: Token, *, depth: int = 0, allow_source: bool = False) -> str | None:
        """Entity key an argument token stands for, or None."""
        lex = lexicon()
        m = self.mention_at(tok)
        if m is not None:
            key = self.key_of(m)
            if m.label == "NORP":
                return self.country_key(m.surface) or key
            return key
        if tok.pos_ == "PRON":
            if tok.lower_ == "it" and self.thing_antecedent(tok, depth):
                return None  # "the aircraft was leaving the stand before it was due to fly"
            return self.pronoun_key(tok.lower_, tok.idx)
        if depth > 3:
            return None
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("NOUN", "PROPN"):
            for ch in tok.children:
                if ch.dep_ in ("poss", "compound", "amod", "nmod"):
                    cm = self.mention_at(ch)
                    if ch.dep_ == "poss" and ch.pos_ != "PRON":
                        k = self.arg_key(ch, depth=depth + 1)
                        if k and (lemma in lex.institutions or lemma in GROUP_NOUNS):
                            return k
                    if cm is not None and (lemma in lex.institutions or lemma in GROUP_NOUNS):
                        return self.country_key(cm.surface) if cm.label == "NORP" else self.key_of(cm)
                    if cm is None and lemma in lex.institutions and ch.lower_ in lex.country_of:
                        return self.country_key(ch.text)
            if lemma in GROUP_NOUNS or lemma in lex.institutions:
                for ch in tok.children:
                    if ch.dep_ == "prep" and ch.lower_ == "of":
                        for p in ch.children:
                            if p.dep_ == "pobj":
                                k = self.arg_key(p, depth=depth + 1)
                                if k:
                                    return k
            if any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
                k = self.definite_key(tok)
                if k:
                    return k
            if allow_source and (lemma in lex.unnamed_sources or lemma in lex.institutions):
                return self.source_key(re.sub(r"^(the|a|an)\s+", "", self.np_text(tok), flags=re.I))
        return None

    def thing_antecedent(self, tok: Token, depth: int = 0) -> bool:
        """'it', subject of an adverbial clause ('before', 'after', 'because' ...) of a clause whose subject is a
        common noun naming no entity ('the aircraft was leaving the stand before it was due to fly'), is that
        thing: the main clause's subject is the nearest antecedent, not the last organisation named before."""
        clause = tok.head
        if tok.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ != "advcl" or not any(c.dep_ == "mark" for c in clause.children):
            return False
        subj = next((c for c in clause.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i), None)
        return subj is not None and subj.pos_ == "NOUN" and self.arg_key(subj, depth=depth + 1) is None

    def definite_key(self, tok: Token) -> str | None:
        """'the ministry' / 'the council' after 'the Albanian Interior Ministry': the last
        organisation named before whose name ends with that noun; 'the regime' after 'the Iranian
        regime': the state that earlier phrase named."""
        noun = tok.lower_
        for m in sorted(self.mentions, key=lambda m: -m.start):
            if m.end <= tok.idx and m.label == "ORG" and m.surface.lower().split()[-1:] == [noun]:
                return self.key_of(m)
        if tok.lemma_.lower() in lexicon().institutions:
            for t in reversed(self.doc[max(0, tok.i - 400):tok.i]):
                if t.lower_ == noun and not any(c.dep_ == "det" for c in t.children):
                    continue
                if t.lower_ == noun:
                    for ch in t.children:
                        if ch.dep_ in ("amod", "compound", "poss") and (self.mention_at(ch) or ch.lower_ in lexicon().country_of):
                            cm = self.mention_at(ch)
                            return self.country_key(cm.surface if cm else ch.text) if (cm is None or cm.label in ("NORP", "GPE")) else self.key_of(cm)
        return None

    def sentence_times(self, sent) -> list[tuple[int, str]]:
        """(absolute offset, ISO value) of the resolved time expressions of a sentence, cached."""
        cached = self._times.get(sent.start_char)
        if cached is None:
            cached = [(sent.start_char + te.start, te.value)
                      for te in find_times(self.text[sent.start_char:sent.end_char], self.document.published) if te.value]
            self._times[sent.start_char] = cached
        return cached

    def evidence_span(self, tok: Token) -> tuple[int, int]:
        """The sentence of tok, clipped to its paragraph (spaCy may run a headline into the
        first sentence) and without trailing spaces."""
        sent = tok.sent
        p0 = self.text.rfind("\n", 0, tok.idx) + 1
        p1 = self.text.find("\n", tok.idx)
        s = max(sent.start_char, p0)
        e = min(sent.end_char, p1 if p1 >= 0 else len(self.text))
        while e > s and self.text[e - 1].isspace():
            e -= 1
        while s < e and self.text[s].isspace():
            s += 1
        return s, e

    def pronoun_key(self, low: str, idx: int) -> str | None:
        """he/she -> the last person mentioned before offset idx; it/its -> the last organisation or state."""
        if low in ("he", "she", "him", "her", "his"):
            want = ("PERSON",)
        elif low in ("it", "its"):
            want = ("ORG", "GPE")
        else:
            return None
        before = [m for m in sorted(self.mentions, key=lambda m: -m.start)
                  if m.end <= idx and self.label_of_root[m.root] in want]  # type: ignore[attr-defined]
        # prefer the last one that was a grammatical subject: "France said ... outside Paris. It seized ..."
        for m in before[:6]:
            if self.doc[m.tok_end - 1].dep_ in ("nsubj", "nsubjpass") or self.doc[m.tok_start].dep_ in ("nsubj", "nsubjpass"):
                return self.key_of(m)
        return self.key_of(before[0]) if before else None

    def np_text(self, tok: Token) -> str:
        """The noun phrase of tok, without relative clauses and trailing punctuation: the unbroken run of its
        words around it ('the leader, detained by police on Monday,' -> 'the leader')."""
        keep = {t.i for t in tok.subtree if not any(a.dep_ in ("relcl", "acl", "appos") and a.i != tok.i
                                                   for a in _ancestors_until(t, tok))}
        s, e = tok.i, tok.i + 1
        while s - 1 in keep:
            s -= 1
        while e in keep:
            e += 1
        while e > s + 1 and self.doc[e - 1].is_punct:
            e -= 1
        return self.doc[s:e].text

    def national_default(self) -> str | None:
        """The country a national title ('Prime Minister X') belongs to when the text does not say:
        the dateline's country. Without a dateline it stays unknown rather than guessed."""
        if self.document.dateline:
            return self.country_key(self.document.dateline.split(",")[0])
        return None


def _ancestors_until(t: Token, top: Token):
    while t.i != top.i:
        yield t
        t = t.head
        if t.head.i == t.i and t.i != top.i:
            break
