"""A realistic benchmark corpus, built offline and deterministically.

Real sentences are taken from the sample articles (`examples/`, cleaned by claimgraph's own clean
stage), from the seed articles (`../shared/seeds/`, cleaned the same way) and from the MEANTIME
Wikinews articles (`../shared/corpora/meantime/text/*/*.txt`, one sentence per line), then
recombined into synthetic articles of 300-800 words: a headline, then paragraphs of 1-4 sentences.

Sentences are shuffled across articles, so an article is not a coherent story; but each article
draws most of its sentences from one topic pool (the Marenthia sample story, the seed story,
Airbus, Apple), so names recur inside an article the way they do in news, which is what the
extraction rules (clusters, surnames, acronyms, quotes) spend their time on.

    from corpus import make_corpus
    docs = make_corpus(200, seed=0)   # list[claimgraph.model.Document]
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from claimgraph.clean import clean_document
from claimgraph.errors import InputError
from claimgraph.ingest import iter_items
from claimgraph.model import Document, RawDocument
from claimgraph.settings import get_settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"
SEEDS = SHARED / "seeds"
MEANTIME = SHARED / "corpora" / "meantime" / "text"

MIN_WORDS, MAX_WORDS = 300, 800
MAIN_POOL_SHARE = 0.7  # share of an article's sentences drawn from its own topic pool

# sentence ends: . ! ? (optionally closed by a quote or bracket), then space, then a capital or an opening quote
_SPLIT = re.compile(r"(?<=[.!?])([\"”’)]?)\s+(?=[\"“‘(]?[A-Z0-9])")
_ABBREV = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sen|Rep|Gov|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|Inc|Corp|Ltd|U\.S|No)\.$")


def split_sentences(paragraph: str) -> list[str]:
    """A deliberately simple splitter (no spaCy: the corpus must not cost a parse), which keeps
    'Mr. Kazemi' and 'Dec. 12' in one sentence."""
    parts = _SPLIT.split(paragraph)
    # re.split with one group returns [sent, closer, sent, closer, ...]: glue each closer back on
    sents: list[str] = []
    for i in range(0, len(parts), 2):
        s = parts[i] + (parts[i + 1] if i + 1 < len(parts) else "")
        if sents and _ABBREV.search(sents[-1]):
            sents[-1] = f"{sents[-1]} {s}"
        else:
            sents.append(s)
    return _glue_quotes([s.strip() for s in sents if s.strip()])


def _open_quote(s: str) -> bool:
    return s.count("“") > s.count("”") or s.count('"') % 2 == 1


def _glue_quotes(sents: list[str]) -> list[str]:
    """A quote of several sentences stays one unit: shuffling its halves apart would leave
    unbalanced quote marks, which no real article has and which make quote spans run away."""
    out: list[str] = []
    for s in sents:
        if out and _open_quote(out[-1]):
            out[-1] = f"{out[-1]} {s}"
        else:
            out.append(s)
    return out


def _detokenise(line: str) -> str:
    """MEANTIME text is tokenised (`` '' quotes, spaces before punctuation); news is not."""
    s = line.replace("``", "“").replace("''", "”")
    s = re.sub(r" ([.,;:!?%)\]])", r"\1", s)
    s = re.sub(r"([(\[$]) ", r"\1", s)
    s = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", s)
    s = re.sub(r"(\w) ' ", r"\1' ", s)  # Airbus ' -> Airbus'
    s = re.sub(r"“ ", "“", s)
    s = re.sub(r" ”", "”", s)
    return s.strip()


def _is_sentence(s: str) -> bool:
    words = s.split()
    balanced = s.count("“") == s.count("”") and s.count('"') % 2 == 0
    return 5 <= len(words) <= 120 and balanced and s[-1] in ".!?\"”’)" and any(c.islower() for c in s)


def _sentences_of_clean(doc: Document) -> tuple[str | None, list[str]]:
    paras = [p for p in doc.text.split("\n") if p.strip()]
    title = doc.title or (paras[0] if paras else None)
    if paras and title and paras[0].strip() == title.strip():
        paras = paras[1:]  # the headline stays in the clean text as its first line
    out: list[str] = []
    for p in paras:
        out.extend(s for s in split_sentences(p) if _is_sentence(s))
    return title, out


@lru_cache(maxsize=1)
def sentence_pools() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """topic -> (headlines, sentences), each de-duplicated and in a stable order."""
    pools: dict[str, tuple[list[str], list[str]]] = {}

    def add(topic: str, title: str | None, sents: list[str]) -> None:
        heads, body = pools.setdefault(topic, ([], []))
        if title and 3 <= len(title.split()) <= 25:
            heads.append(title.strip())
        body.extend(sents)

    settings = get_settings()
    for item in iter_items([str(EXAMPLES)], settings):
        if item.raw is None:
            continue
        try:
            add("examples", *_sentences_of_clean(clean_document(item.raw)))
        except InputError:
            continue
    for path in sorted(SEEDS.glob("*.txt")):
        raw = RawDocument(source=str(path), content=path.read_text(encoding="utf-8"), format="text")
        try:
            add("seeds", *_sentences_of_clean(clean_document(raw)))
        except InputError:
            continue
    for topic_dir in sorted(p for p in MEANTIME.iterdir() if p.is_dir()):
        for path in sorted(topic_dir.glob("*.txt")):
            lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
            if len(lines) < 3:
                continue
            # line 1 title, line 2 date, then one sentence per line
            body = _glue_quotes([_detokenise(ln) for ln in lines[2:]])
            add(topic_dir.name, _detokenise(lines[0]), [s for s in body if _is_sentence(s)])
    out = {}
    for topic, (heads, body) in pools.items():
        out[topic] = (tuple(dict.fromkeys(heads)), tuple(dict.fromkeys(body)))
    return out


def _article(rng: random.Random, topic: str, pools,
             recast: Callable[[list[str]], list[str]] | None = None) -> tuple[str, str]:
    heads, own = pools[topic]
    others = [s for t, (_, body) in sorted(pools.items()) if t != topic for s in body]
    target = rng.randint(MIN_WORDS, MAX_WORDS)
    own_order = rng.sample(own, len(own))  # without replacement inside one article while it lasts
    other_order = rng.sample(others, len(others))
    sents: list[str] = []
    words = 0
    while words < target:
        src = own_order if (rng.random() < MAIN_POOL_SHARE and own_order) or not other_order else other_order
        if not src:
            break
        s = src.pop()
        n = len(s.split())
        if words + n > MAX_WORDS and words >= MIN_WORDS:
            break
        sents.append(s)
        words += n
    if recast:
        sents = recast(sents)
    paras: list[str] = []
    i = 0
    while i < len(sents):
        k = rng.choice((1, 2, 2, 3, 3, 4))
        paras.append(" ".join(sents[i:i + k]))
        i += k
    title = rng.choice(heads) if heads else sents[0]
    if recast:
        title = recast([title])[0]
    return title, "\n\n".join([title, *paras])


def make_corpus(n_docs: int, seed: int = 0) -> list[Document]:
    """`n_docs` synthetic articles of 300-800 words (plus a headline), the same for the same seed."""
    pools = sentence_pools()
    topics = sorted(pools)
    rng = random.Random(seed)
    docs: list[Document] = []
    for i in range(n_docs):
        topic = topics[i % len(topics)] if i < len(topics) else rng.choice(topics)
        title, text = _article(rng, topic, pools)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        docs.append(Document(id=Document.id_for(text), source=f"bench://synthetic/{seed}/{i}", text=text, title=title,
                             published=f"2019-{month:02d}-{day:02d}", outlet=f"Bench Outlet {i % 7}"))
    return docs


# ---- the scaling corpus: every sentence new, names from a population that grows with the corpus -------
# make_corpus draws ~25 sentences per article from ~950 real ones, so at 1,000 articles every sentence is in
# ~25 of them: near-duplicate detection would (rightly) call the whole corpus a copy of itself, which no real
# archive is. The scaling corpus keeps the real sentence frames but gives each article its own cast (people and
# organisations spelt the way news varies them, from bench_resolve's population, which grows with the corpus)
# and its own numbers, swaps about a third of its ordinary words for others of the same ending (never the cue and
# trigger words extraction keys on), and republishes ~5% of articles at a second outlet, the way wire copy travels.

_NAME_RUN = re.compile(r"(?<![\w'’.-])[A-Z][\w'’-]*(?: (?:of (?:the )?|de |al-|bin )?[A-Z][\w'’-]*)+\b")
_TITLE_WORDS = frozenset("President Vice Prime Minister Foreign Mr Mrs Ms Dr General Gen. Chief Secretary Ambassador "
                         "Judge Commander Senator Sen. Governor Chairman Chief Executive Spokesman Spokeswoman "
                         "Director Deputy Lt. Col. Colonel King Queen Pope Sheikh Ayatollah Professor".split())
_STARTERS = frozenset("The A An In On At By For But And As After Before When While Since During Under Over From "
                      "With Without According Meanwhile However Last Next This That These Those His Her Their Its".split())
_ORG_WORDS = frozenset("Ministry Council Party Organization Organisation Agency Corps Guard Guards Committee Company Inc "
                       "Inc. Corp Corp. Airlines Airways Bank Group Union Association Institute Foundation Front Movement "
                       "Forces Office Department Court University News Times Press Service Police Army Authority Board "
                       "Commission Government Parliament Assembly Post Journal Agence Nations Force".split())
_NUMBER = re.compile(r"\b\d[\d,.]*\b")
_WORD = re.compile(r"(?<![\w'’-])[a-z]{4,}(?![\w'’-])")
_IRREGULAR = frozenset("said told spoke wrote thought met held fled brought sought took gave went won lost".split())
_FUNCTION = frozenset("that this with from have were been they their them which will would into than then also after "
                      "before over under about against between there these those when where while what some such "
                      "more most only other being could should must because since until during through without "
                      "within upon each both very just even".split())
_FILLERS = tuple("also now still again then later once soon already clearly quietly openly publicly privately "
                 "formally finally briefly largely mostly partly certainly plainly simply directly firmly "
                 "repeatedly recently previously separately jointly".split())
RUN = 3  # at most this many words in a row (outside quotes) come through unchanged
WORD_SWAP = 0.3  # share of eligible words (lower case, 4+ letters, not a cue or trigger) replaced per sentence
REPUBLISHED_SHARE = 0.05
OUTLETS = 40


@lru_cache(maxsize=1)
def _protected_stems() -> tuple[str, ...]:
    """Stems of the one-word cues and triggers extraction keys on (speech verbs, denials, hedges, verbal and
    nominal predicates): never swapped, so a frame keeps its quotes and claims."""
    import json

    import claimgraph.extract

    lex = Path(claimgraph.extract.__file__).parent / "lexicons"
    words = {ln.strip().lower() for name in ("speech_verbs.txt", "denials.txt", "hedges.txt")
             for ln in (lex / name).read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")}
    predicates = json.loads((lex / "predicates.json").read_text(encoding="utf-8"))
    words |= {w for table in ("verbs", "nouns") for w in predicates.get(table, {})}
    return tuple(sorted({w[:-1] if w[-1] in "ey" else w for w in words if " " not in w and len(w) >= 3}))


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, tuple[str, ...]]:
    """Swappable words of the real sentences by ending (-ed, -ing, -ly, -s, other), so a swap keeps the
    sentence's shape: 'growing influence' may become 'rising pressure', never 'growing influenced'."""
    stems = _protected_stems()
    by_end: dict[str, set[str]] = {}
    for _, body in sentence_pools().values():
        for sent in body:
            for w in _WORD.findall(sent):
                if w not in _IRREGULAR and w not in _FUNCTION and not w.startswith(stems):
                    by_end.setdefault(_ending(w), set()).add(w)
    return {k: tuple(sorted(v)) for k, v in by_end.items()}


def _ending(w: str) -> str:
    return next((e for e in ("ing", "ed", "ly", "s") if w.endswith(e)), "")


def _scaled_population(n_docs: int, rng: random.Random):
    from bench_resolve import Population  # its name material: transliterations, diacritics, acronyms

    return Population(rng, n_persons=max(200, 3 * n_docs), n_orgs=max(60, n_docs // 2))


def _recast(sents: list[str], rng: random.Random, pop, cast: dict[str, tuple[str, str]]) -> list[str]:
    """Replace the multi-word names of real sentences with the article's own cast, consistently inside the
    article: `cast` maps an original name to (first mention, later mentions), often the surname alone."""

    def stand_in(run: str) -> tuple[str, str]:
        if run not in cast:
            if set(run.split()) & _ORG_WORDS:
                spellings = pop.orgs[pop.pick(rng, "ORG")]
                first = rng.choice([s for s in spellings if not s.startswith("the ")] or spellings)
                short = [s for s in spellings if s.isupper() and len(s) <= 6]
                cast[run] = (first, short[0] if short and rng.random() < 0.5 else first)
            else:
                idx = pop.pick(rng, "PERSON")
                if idx < len(pop.persons):
                    given, sur = pop.persons[idx]
                    g, s = rng.choice(given), rng.choice(sur)
                    cast[run] = (f"{g} {s}", s if rng.random() < 0.6 else f"{g} {s}")
                else:
                    full = rng.choice(pop.fixed_persons[idx - len(pop.persons)])
                    cast[run] = (full, full)
            return cast[run][0]
        return cast[run][1]

    def sub(m: re.Match) -> str:
        words = m.group(0).split(" ")
        lead = 0
        while lead < len(words) - 1 and (words[lead] in _TITLE_WORDS or words[lead] in _STARTERS):
            lead += 1
        if len(words) - lead < 2:
            return m.group(0)  # a bare title, 'The Iranian', 'In Paris' stay as written
        return " ".join(words[:lead] + [stand_in(" ".join(words[lead:]))])

    def number(m: re.Match) -> str:
        s = m.group(0)
        if re.fullmatch(r"(19|20)\d\d", s):
            return str(rng.randint(1995, 2025))
        return "".join(str(rng.randint(1 if i == 0 else 0, 9)) if c.isdigit() else c for i, c in enumerate(s))

    vocab, stems = _vocabulary(), _protected_stems()

    def eligible(tok: str) -> re.Match | None:
        w = _WORD.search(tok)
        ok = w and w.group(0) not in _FUNCTION and w.group(0) not in _IRREGULAR and not w.group(0).startswith(stems)
        return w if ok else None

    def swaps(sent: str) -> str:
        """Swap eligible words at random, and wherever waiting would leave more than RUN words in a row
        unchanged, swap now, or insert a filler adverb if none of those words may change: no 5-word
        shingle of the frame survives, so a reused frame is no copy (quoted or not: a quote can span
        sentences, and copy detection masks only what it sees quoted)."""
        toks = sent.split(" ")
        ok = [eligible(tok) for tok in toks]
        out, since = [], 0
        for i, tok in enumerate(toks):
            w = ok[i]
            if w and (rng.random() < WORD_SWAP or not any(ok[i + 1:i + 1 + max(0, RUN - since)])):
                tok = tok[:w.start()] + rng.choice(vocab.get(_ending(w.group(0))) or (w.group(0),)) + tok[w.end():]
                since = 0
            elif since >= RUN:
                out.append(rng.choice(_FILLERS))
                since = 1
            else:
                since += 1
            out.append(tok)
        return " ".join(out)

    return [swaps(_NUMBER.sub(number, _NAME_RUN.sub(sub, s))) for s in sents]


def make_scaled_corpus(n_docs: int, seed: int = 0) -> list[Document]:
    """`n_docs` articles for scaling runs: real sentence frames, a fresh cast and numbers per article, so
    that distinct entities grow with the corpus and copies are the ~5% deliberate republications only."""
    pools = sentence_pools()
    topics = sorted(pools)
    rng = random.Random(seed)
    pop = _scaled_population(n_docs, rng)
    docs: list[Document] = []
    for i in range(n_docs):
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        outlet = f"Outlet {rng.randrange(OUTLETS)}"
        if i >= 20 and rng.random() < REPUBLISHED_SHARE:  # a second outlet runs an earlier story, one paragraph cut
            orig = docs[rng.randrange(len(docs))]
            paras = orig.text.split("\n\n")
            del paras[rng.randrange(1, len(paras))]
            text, title = "\n\n".join(paras), orig.title
        else:
            cast: dict[str, tuple[str, str]] = {}
            title, text = _article(rng, topics[i % len(topics)], pools, lambda ss: _recast(ss, rng, pop, cast))
        docs.append(Document(id=Document.id_for(text), source=f"bench://scaled/{seed}/{i}", text=text, title=title,
                             published=f"2019-{month:02d}-{day:02d}", outlet=outlet))
    return docs


def describe(docs: list[Document]) -> str:
    words = [len(d.text.split()) for d in docs]
    return f"{len(docs)} docs, {sum(words):,} words (min {min(words)}, median {sorted(words)[len(words) // 2]}, max {max(words)})"


if __name__ == "__main__":
    import sys

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    pools = sentence_pools()
    for t, (h, b) in sorted(pools.items()):
        print(f"pool {t}: {len(h)} headlines, {len(b)} sentences")
    docs = make_corpus(n)
    print(describe(docs))
    print("---\n" + docs[0].text[:1500])
