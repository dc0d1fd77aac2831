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


def _article(rng: random.Random, topic: str, pools) -> tuple[str, str]:
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
    paras: list[str] = []
    i = 0
    while i < len(sents):
        k = rng.choice((1, 2, 2, 3, 3, 4))
        paras.append(" ".join(sents[i:i + k]))
        i += k
    title = rng.choice(heads) if heads else sents[0]
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
