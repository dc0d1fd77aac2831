"""Resolution scaling: time and peak memory of `claimgraph.resolve.entities.resolve` from 10k to 1M mentions.

    .venv/bin/python bench/bench_resolve.py                  # 10k, 100k mentions
    .venv/bin/python bench/bench_resolve.py --max 1000000    # 10k, 100k, 1M

Input: synthetic document clusters (`Cluster(doc, key, label, names=Counter)`, what extraction hands
to resolution) over a population of people, organisations and places whose names vary the way news
spells them: transliteration (Gholamhossein / Gholam Hossein / Gholam-Hossein, Mohammad / Muhammad /
Mohamed, Mujahedin / Mujahideen / Mojahedin, ou/u, kh/h, gh/q, doubled letters), diacritics
(José, Müller / Mueller), British/American spelling (Organisation / Organization, Centre, Defence),
acronyms (PMOI, MEK), titles (President, Mr), surname-only mentions, and the matching pairs of
`../shared/corpora/name_pairs/pairs_dev.csv`. Popularity is Zipfian and the population grows with
the corpus (more mentions, more distinct people), as in a growing news archive.

Per size: median of 3 timed runs (name-key caches cleared before each, as in a fresh process),
the ratio per decade time(10x)/time(x) (near-linear ~10; quadratic ~100), and, as a same-run
baseline, a linear pass over the same names (unidecode + lower + dict grouping): resolve/baseline
should stay flat if resolution is linear. Peak memory is measured in a separate, untimed run with
tracemalloc (Python allocations made inside resolve)."""

from __future__ import annotations

import argparse
import csv
import gc
import itertools
import random
import resource
import sys
import time
import tracemalloc
import unicodedata
from collections import Counter, defaultdict

import _common
from _common import loadavg, machine, md_machine, md_table, median, out_dir, publish

SHARED_PAIRS = _common.ROOT.parent / "shared" / "corpora" / "name_pairs" / "pairs_dev.csv"

# ---- name material ---------------------------------------------------------------------------------
# each inner list: spellings of one given name seen in news
GIVEN = [
    ["Gholamhossein", "Gholam Hossein", "Gholam-Hossein", "Gholamhosein"],
    ["Mohammad", "Muhammad", "Mohamed", "Mohammed", "Muhammed"],
    ["Abdolkarim", "Abdol Karim", "Abdul Karim", "Abdulkarim"],
    ["Abdolrahman", "Abdul Rahman", "Abdurrahman", "Abdolrahman"],
    ["Yusuf", "Youssef", "Yousef", "Yusef"], ["Hossein", "Hussein", "Hosein", "Husain"],
    ["Mostafa", "Mustafa", "Moustafa"], ["Massoud", "Masoud", "Mas'ud", "Masud"], ["Hassan", "Hasan"],
    ["Saeed", "Said", "Sa'id", "Saïd"], ["Qasem", "Ghasem", "Qassem", "Kassem"], ["Javad", "Jawad"],
    ["Mahmoud", "Mahmud", "Mahmood"], ["Khaled", "Khalid", "Haled"], ["Reza"], ["Ali"], ["Ahmad", "Ahmed"],
    ["Mojtaba", "Mujtaba"], ["Ruhollah", "Rouhollah", "Ruhallah"], ["Mikhail", "Mihail", "Michail"],
    ["Aleksandr", "Alexander", "Aleksander"], ["Yevgeny", "Evgeny", "Yevgeniy"], ["José", "Jose"],
    ["François", "Francois"], ["Jürgen", "Juergen", "Jurgen"], ["Søren", "Soren"], ["Zoë", "Zoe"],
    ["Tomas", "Tomás"], ["Oskar", "Oscar"], ["Leyla", "Layla", "Leila"], ["Nadia", "Nadja"], ["Soraya"], ["Kamran"],
    ["Annika"], ["Kaveh"], ["Elin"], ["Clara", "Klara"], ["Henrik", "Henryk"], ["Olaf"], ["Sergei", "Sergey", "Sergej"],
    ["Maryam", "Mariam", "Maryame"], ["Fatemeh", "Fatima", "Fatemah"], ["Zahra"], ["Ebrahim", "Ibrahim", "Ebraheem"],
    ["Esmail", "Ismail", "Esma'il"], ["Hamid"], ["Jafar", "Ja'far", "Djafar"], ["Mehdi", "Mahdi"], ["Nasser", "Naser"],
    ["Yahya"], ["Omar", "Umar"], ["Osama", "Usama"], ["Bashar"], ["Recep"], ["Ayşe", "Ayse"], ["Oğuz", "Oguz"],
    ["Ilham", "İlham"], ["Jean-Pierre", "Jean Pierre"], ["Anne-Marie", "Annemarie"], ["Wei"], ["Xiaoping"],
]
# roots and endings of compound surnames (Mohammadnia, Hosseinzadeh, Ghorbanpour, Khorasani ...)
SUR_ROOT = ["Mohammad", "Ahmad", "Hossein", "Karim", "Rahim", "Nazar", "Farah", "Rez", "Soltan", "Jafar", "Ghaffar",
            "Kazem", "Hashem", "Tabataba", "Esfahan", "Shiraz", "Tehran", "Rafsanjan", "Amir", "Bagher", "Sadegh",
            "Mahdav", "Asgar", "Akbar", "Mirza", "Najaf", "Kerman", "Yazd", "Tabriz", "Ardebil", "Zanjan", "Ghazvin",
            "Hamadan", "Khorasan", "Ghorban", "Khalil", "Mousav", "Roudak", "Moghaddam", "Shoja", "Zand", "Golshan"]
SUR_END = ["i", "ian", "nia", "zadeh", "pour", "far", "lou", "vand", "abadi", "nejad", "rad", "khani"]
SUR_FIXED = [["Kazemi"], ["Rouhani", "Rohani", "Rowhani"], ["Soleimani", "Suleimani", "Solaimani"],
             ["Khamenei", "Khamene'i", "Khamenehi"], ["Zarif"], ["Ghorbani", "Qorbani", "Gorbani"], ["Karamanlis"],
             ["Müller", "Mueller", "Muller"], ["Schröder", "Schroeder", "Schroder"], ["Gonçalves", "Goncalves"],
             ["Lindqvist", "Lindquist"], ["bin Laden", "bin Ladin"], ["Veliu"], ["Rama"], ["Lavrov"],
             ["Nazarbayev", "Nazarbaev"], ["Erdoğan", "Erdogan"], ["Sørensen", "Sorensen"], ["Ng"], ["Li"]]
ORG_ADJ = ["National", "Islamic", "Revolutionary", "Democratic", "United", "Free", "Popular", "Central", "International",
           "European", "Iranian", "Albanian", "Marenthian", "People's", "Federal", "Royal", "Northern", "Socialist",
           "Independent", "Arab", "Kurdish", "Baltic", "Atlantic", "Eastern", "Western", "Veldorian"]
ORG_CORE = ["Resistance", "Liberation", "Security", "Intelligence", "Defence", "Labour", "Development", "Civilisation",
            "Mujahedin", "Solidarity", "Justice", "Reconciliation", "Aviation", "Energy", "Humanitarian", "Press",
            "Human Rights", "Research", "Counter-Terrorism", "Trade", "Health", "Maritime"]
ORG_TYPE = ["Council", "Front", "Movement", "Party", "Organisation", "Centre", "Agency", "Ministry", "Corps", "Guard",
            "Committee", "Forces", "Programme", "Foundation", "Institute", "Union", "Association"]
ORG_OF = ["", "", "", " of Iran", " of Albania", " of Marenthia", " of Europe", " of Veldoria", " of the Middle East"]
ORG_FIXED = [["People's Mujahedin Organization of Iran", "People's Mujahideen Organisation of Iran",
              "People's Mojahedin Organization of Iran", "PMOI", "MEK", "Mujahedin-e Khalq", "Mojahedin-e Khalq"],
             ["Islamic Revolutionary Guard Corps", "Revolutionary Guard Corps", "IRGC", "Revolutionary Guards"],
             ["Quds Force", "Qods Force", "QUDS forces"], ["Ministry of Intelligence", "MOIS", "Intelligence Ministry"],
             ["Free Marenthia Movement", "FMM", "Movement for a Free Marenthia"], ["European Union", "EU"],
             ["United Nations", "UN", "U.N."], ["Meridian Press"], ["Airbus"], ["Boeing"], ["Apple", "Apple Inc."]]
PLACES = [["Iran"], ["Albania"], ["Tirana", "Tiranë"], ["Tehran", "Teheran"], ["Kyiv", "Kiev"], ["Veldoria"],
          ["Marenthia"], ["Port Casmir"], ["Trennholm"], ["Paris"], ["Washington"], ["United States", "U.S.", "US"],
          ["United Kingdom", "UK", "Britain"], ["Germany"], ["France"], ["Iraq"], ["Ashraf", "Camp Ashraf"],
          ["Durrës", "Durres"], ["Mashhad", "Meshed"], ["Qom", "Ghom"], ["Isfahan", "Esfahan"], ["Baghdad"],
          ["Moscow"], ["Ankara"], ["Brussels"], ["Geneva"], ["Seattle"], ["Toulouse"], ["Beijing", "Peking"],
          ["Mumbai", "Bombay"], ["Chennai", "Madras"], ["Gdańsk", "Gdansk"], ["Kraków", "Krakow", "Cracow"],
          ["São Paulo", "Sao Paulo"], ["Zürich", "Zurich"], ["Montréal", "Montreal"]]
TITLES = ["President", "Mr", "Dr", "General", "Minister", "Ambassador", "Judge", "Commander", "Sheikh", "Ayatollah"]

SPELLING = [("isation", "ization"), ("Centre", "Center"), ("Defence", "Defense"), ("Labour", "Labor"),
            ("Programme", "Program"), ("Mujahedin", "Mujahideen"), ("Mujahedin", "Mojahedin")]


def _sur_variants(s: str) -> list[str]:
    """Transliteration variants of a compound surname: ou/u, kh/h, gh/q, doubled letters, zadeh hyphenated."""
    out = [s]
    for a, b in (("ou", "u"), ("kh", "h"), ("Kh", "H"), ("gh", "q"), ("Gh", "Q"), ("zadeh", "-Zadeh"), ("zadeh", "zade"),
                 ("pour", "pur"), ("ss", "s"), ("dd", "d"), ("nejad", "nezhad"), ("i", "y")):
        if a in s and len(out) < 4:
            out.append(s.replace(a, b, 1) if a != "i" else (s[:-1] + "y" if s.endswith("i") else s))
    return list(dict.fromkeys(out))


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _org_variants(name: str) -> list[str]:
    out = [name]
    for a, b in SPELLING:
        if a in name:
            out.append(name.replace(a, b))
    words = [w for w in name.replace("-", " ").split() if w[0].isupper() and w not in ("Of", "The")]
    if len(words) >= 3:
        out.append("".join(w[0] for w in words))  # acronym
    if not name.startswith("the "):
        out.append("the " + name)
    return list(dict.fromkeys(out))


def _pairs_groups() -> tuple[list[list[str]], list[list[str]]]:
    """Matching name pairs of the development name-matching benchmark as extra variant groups."""
    persons: list[list[str]] = []
    orgs: list[list[str]] = []
    try:
        with SHARED_PAIRS.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if row.get("is_match", "").lower() != "true":
                    continue
                group = [row["name1"].strip(), row["name2"].strip()]
                (persons if row["schema"] == "Person" else orgs).append(group)
    except OSError:
        pass
    return persons, orgs


class Population:
    """People, organisations and places with their spellings; `n_persons` and `n_orgs` grow with the corpus."""

    def __init__(self, rng: random.Random, n_persons: int, n_orgs: int) -> None:
        pair_persons, pair_orgs = _pairs_groups()
        surnames = [[r + e] for r, e in itertools.product(SUR_ROOT, SUR_END)] + SUR_FIXED
        self.persons: list[tuple[list[str], list[str]]] = []  # (given spellings, surname spellings)
        self.fixed_persons = pair_persons
        for _ in range(n_persons):
            given = rng.choice(GIVEN)
            if rng.random() < 0.12:  # a middle name doubles the given part: 'Mohammad Javad Zarif'
                g2 = rng.choice(GIVEN)
                given = [f"{a} {b}" for a in given[:2] for b in g2[:2]]
            sur = rng.choice(surnames)
            sur = sur if len(sur) > 1 else _sur_variants(sur[0])
            if rng.random() < 0.3:  # accents dropped by some outlets
                given = list(dict.fromkeys(given + [_strip_accents(g) for g in given]))
            self.persons.append((given, sur))
        self.orgs: list[list[str]] = [list(g) for g in ORG_FIXED] + pair_orgs
        for _ in range(n_orgs):
            name = f"{rng.choice(ORG_ADJ)} {rng.choice(ORG_CORE)} {rng.choice(ORG_TYPE)}{rng.choice(ORG_OF)}"
            self.orgs.append(_org_variants(name))
        self.places = PLACES
        # Zipf popularity: the k-th most popular entity is named ~1/k as often as the first
        self._cum = {kind: list(itertools.accumulate(1.0 / (k + 1) for k in range(n)))
                     for kind, n in (("PERSON", len(self.persons) + len(self.fixed_persons)),
                                     ("ORG", len(self.orgs)), ("GPE", len(self.places)))}
        self._order = {kind: rng.sample(range(len(c)), len(c)) for kind, c in self._cum.items()}

    def pick(self, rng: random.Random, kind: str) -> int:
        rank = rng.choices(range(len(self._cum[kind])), cum_weights=self._cum[kind])[0]
        return self._order[kind][rank]


def _person_cluster(rng: random.Random, pop: Population, idx: int) -> tuple[str, Counter]:
    if idx < len(pop.persons):
        given, sur = pop.persons[idx]
        g, s = rng.choice(given), rng.choice(sur)  # one house style per article
        full = f"{g} {s}"
    else:
        full = rng.choice(pop.fixed_persons[idx - len(pop.persons)])
        s = full.split()[-1]
    names: Counter = Counter()
    if rng.random() < 0.1:  # the article only ever says 'Kazemi' / 'Mr Kazemi'
        names[f"{rng.choice(TITLES)} {s}" if rng.random() < 0.4 else s] += rng.randint(1, 3)
        return s, names
    names[f"{rng.choice(TITLES)} {full}" if rng.random() < 0.15 else full] += 1
    if rng.random() < 0.6:
        names[s] += rng.randint(1, 4)
    return full, names


def make_clusters(n_mentions: int, seed: int = 0) -> tuple[list, int]:
    """Document clusters totalling at least `n_mentions` mentions; returns (clusters, mentions)."""
    from claimgraph.resolve.entities import Cluster

    rng = random.Random(seed)
    pop = Population(rng, n_persons=max(100, n_mentions // 30), n_orgs=max(50, n_mentions // 150))
    clusters: list = []
    mentions = 0
    d = 0
    while mentions < n_mentions:
        doc = f"d{d:07d}"
        d += 1
        seen: set[str] = set()
        for _ in range(rng.randint(8, 30)):
            kind = rng.choices(("PERSON", "ORG", "GPE"), weights=(0.45, 0.3, 0.25))[0]
            idx = pop.pick(rng, kind)
            if kind == "PERSON":
                best, names = _person_cluster(rng, pop, idx)
            else:
                spellings = pop.orgs[idx] if kind == "ORG" else pop.places[idx]
                style = rng.sample(spellings, min(len(spellings), rng.choice((1, 1, 2))))
                names = Counter({n: rng.randint(1, 3) for n in style})
                best = max(style, key=len)
                if kind == "ORG" and rng.random() < 0.1:
                    kind = "NORP"
            key = f"{kind}:{best.lower()}"
            if key in seen:
                continue
            seen.add(key)
            clusters.append(Cluster(doc=doc, key=key, label=kind, names=names))
            mentions += sum(names.values())
    return clusters, mentions


def _clear_caches() -> None:
    from claimgraph import names

    for f in (names.fold, names.compact_key, names.skeleton):
        if hasattr(f, "cache_clear"):
            f.cache_clear()


def _baseline(clusters) -> tuple[float, float]:
    """A linear pass over the same names: what any resolution has to pay at least. (wall, cpu) seconds."""
    from unidecode import unidecode

    gc.collect()
    w0, c0 = time.perf_counter(), time.process_time()
    groups: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(clusters):
        for n in c.names:
            groups[unidecode(n).lower().replace(" ", "")].append(i)
    return time.perf_counter() - w0, time.process_time() - c0


def _time_resolve(clusters) -> tuple[float, float, dict]:
    """(wall, cpu) seconds of one resolve with cold name-key caches, and its result."""
    from claimgraph.resolve.entities import resolve

    _clear_caches()
    gc.collect()
    w0, c0 = time.perf_counter(), time.process_time()
    out = resolve(clusters)
    return time.perf_counter() - w0, time.process_time() - c0, out


def _peak_resolve(clusters) -> int:
    from claimgraph.resolve.entities import resolve

    _clear_caches()
    gc.collect()
    tracemalloc.start()
    try:
        resolve(clusters)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def bench_resolve(sizes: list[int], repeats: int = 3, seed: int = 0, memory: bool = True, log=print) -> dict:
    res: dict = {"machine": machine(), "repeats": repeats, "load_before": loadavg(), "sizes": []}
    for n in sizes:
        t0 = time.perf_counter()
        clusters, mentions = make_clusters(n, seed=seed)
        gen_s = time.perf_counter() - t0
        distinct = len({nm for c in clusters for nm in c.names})
        times, cpus, base, base_cpu = [], [], [], []
        out: dict = {}
        for r in range(repeats):
            bw, bc = _baseline(clusters)
            base.append(bw)
            base_cpu.append(bc)
            t, c, out = _time_resolve(clusters)
            times.append(t)
            cpus.append(c)
            log(f"  {mentions:,} mentions, repeat {r + 1}/{repeats}: resolve {t:.2f} s wall {c:.2f} s cpu, "
                f"baseline {bw:.3f} s wall {bc:.3f} s cpu")
        entities = len(set(out.values()))
        peak = _peak_resolve(clusters) if memory else None
        if peak is not None:
            log(f"  {mentions:,} mentions: peak traced memory in resolve {peak / 2**20:.1f} MiB")
        res["sizes"].append({"target": n, "mentions": mentions, "clusters": len(clusters), "distinct_names": distinct,
                             "docs": len({c.doc for c in clusters}), "entities": entities, "resolve_s": times,
                             "resolve_cpu_s": cpus, "baseline_s": base, "baseline_cpu_s": base_cpu, "peak_bytes": peak, "maxrss_mb": _maxrss_mb(), "generate_s": gen_s})
        del clusters, out
        gc.collect()
    res["load_after"] = loadavg()
    return res


def render(res: dict) -> str:
    rows = []
    prev = None
    for s in res["sizes"]:
        t, c = median(s["resolve_s"]), median(s["resolve_cpu_s"])
        b, bc = median(s["baseline_s"]), median(s["baseline_cpu_s"])
        if prev:
            decade = (f"**{c / prev['c']:.1f}** (wall {t / prev['t']:.1f}; baseline {bc / prev['bc']:.1f}) "
                      f"for {s['mentions'] / prev['m']:.1f}x mentions")
        else:
            decade = "-"
        rows.append([s["mentions"], s["clusters"], s["distinct_names"], s["entities"], t, c, 1e6 * c / s["mentions"],
                     decade, f"{c / bc:.1f}",
                     f"{s['peak_bytes'] / 2**20:.1f}" if s["peak_bytes"] is not None else "-", f"{s['maxrss_mb']:.0f}"])
        prev = {"t": t, "c": c, "bc": bc, "m": s["mentions"]}
    header = ["mentions", "clusters", "distinct names", "entities out", "median wall s", "median CPU s",
              "CPU µs / mention", "time(10x)/time(x), CPU", "resolve / linear baseline (CPU)",
              "peak MiB in resolve (tracemalloc)", "process max RSS MiB"]
    notes = [
        "- time(10x)/time(x): ~10 is linear, ~100 quadratic; next to it the same ratio in wall time and for a "
        "linear pass over the same names (unidecode + lower + dict grouping) measured in the same run",
        "- resolve / linear baseline: stays flat as the corpus grows if resolve is linear",
        "- raw seconds (wall/CPU): " + "; ".join(
            f"{s['mentions']:,}: resolve {', '.join(f'{w:.2f}/{c:.2f}' for w, c in zip(s['resolve_s'], s['resolve_cpu_s']))}, "
            f"baseline {', '.join(f'{w:.3f}/{c:.3f}' for w, c in zip(s['baseline_s'], s['baseline_cpu_s']))}"
            for s in res["sizes"]),
        f"- median of {res['repeats']} runs per size, name-key caches (`fold`, `compact_key`, `skeleton`) cleared "
        f"before each; peak memory from one more, untimed run under tracemalloc; max RSS is the process high-water "
        f"mark so far (input included)",
        f"- input: ~{_avg(res, 'mentions', 'clusters'):.1f} mentions per cluster, Zipfian popularity, population "
        f"growing with the corpus (persons = mentions/30, organisations = mentions/150), 45% PERSON / 30% ORG+NORP / "
        f"25% GPE clusters, 8-30 clusters per document",
        f"- load average before {res['load_before']}, after {res['load_after']} (shared machine)",
        f"- machine: {md_machine(res['machine'])}",
    ]
    return "## Resolution scaling (issue 4)\n\n" + md_table(header, rows) + "\n\n" + "\n".join(notes) + "\n"


def _avg(res: dict, a: str, b: str) -> float:
    return sum(s[a] for s in res["sizes"]) / max(1, sum(s[b] for s in res["sizes"]))


def profile_resolve(n_mentions: int, top: int = 10, seed: int = 0) -> str:
    """cProfile of one resolve (cold caches) on `n_mentions`: where the time goes, by function."""
    import cProfile
    import pstats

    from claimgraph.resolve.entities import resolve

    clusters, mentions = make_clusters(n_mentions, seed=seed)
    _clear_caches()
    gc.collect()
    prof = cProfile.Profile()
    prof.enable()
    resolve(clusters)
    prof.disable()
    st = pstats.Stats(prof)
    rows = []
    for (file, line, func), (_cc, nc, tt, ct, _callers) in st.stats.items():
        where = file.split("/src/claimgraph/", 1)[1] if "/src/claimgraph/" in file else file.rsplit("/", 1)[-1]
        rows.append((ct, tt, nc, f"`{where}:{line}({func})`"))
    hdr = ["function", "calls", "cumulative s", "% of run", "own s"]
    cum = [r for r in sorted(rows, reverse=True) if "claimgraph" in r[3] or "/" in r[3] or ".py" in r[3]][:top]
    own = sorted(rows, key=lambda r: r[1], reverse=True)[:top]
    fmt = lambda rs: md_table(hdr, [[r[3], r[2], r[0], f"{100 * r[0] / st.total_tt:.1f}%", r[1]] for r in rs])  # noqa: E731
    return (f"## Profile of resolve ({mentions:,} mentions, {len(clusters):,} clusters, cProfile, "
            f"{st.total_tt:.1f} s profiled)\n\nTop {top} by cumulative time:\n\n{fmt(cum)}\n\n"
            f"Top {top} by own time:\n\n{fmt(own)}\n")


def decades(lo: int, hi: int) -> list[int]:
    out, n = [], lo
    while n <= hi:
        out.append(n)
        n *= 10
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--min", type=int, default=10_000, help="smallest size in mentions (default 10000)")
    ap.add_argument("--max", type=int, default=100_000, help="largest size in mentions (default 100000; 1000000 for the full run)")
    ap.add_argument("--sizes", type=str, default=None, help="comma-separated sizes instead of decades from --min to --max")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-memory", action="store_true", help="skip the tracemalloc run")
    ap.add_argument("--profile", type=int, metavar="N", default=0, help="only profile one resolve on N mentions")
    args = ap.parse_args(argv)
    if args.profile:
        md = profile_resolve(args.profile, seed=args.seed)
        print(md)
        (out_dir() / "resolve_profile.md").write_text(md)
        return 0
    sizes = [int(x) for x in args.sizes.split(",")] if args.sizes else decades(args.min, args.max)
    res = bench_resolve(sizes, args.repeats, seed=args.seed, memory=not args.no_memory,
                        log=lambda s: print(s, file=sys.stderr, flush=True))
    publish("resolve", render(res), res)
    return 0


if __name__ == "__main__":
    sys.exit(main())
