"""The scoreboard: claimgraph's real pipeline (ingest -> JSON export) over every development set
under ../shared, scored by the set's own scorer, one row per figure with the floor it is gated at
(`floors.json`) and the last committed figure (`scoreboard.json`).

Why: the five seed articles are what the rules were written against; figures on broad public data
(PolNeAR, PLOVER, CoNLL-2003, MEANTIME, name pairs) are what tells whether a rule generalises. A
rule that lifts the seeds and lowers a broad row is a regression, and `check` reports it.

Each set is a function `(Runner) -> {figure: number}`; data is read from ../shared at run time and
never copied into the repository (PolNeAR and CoNLL may not be). A set whose data is absent is
skipped with the reason."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
HERE = Path(__file__).resolve().parent
FLOORS_PATH = HERE / "floors.json"
BOARD_PATH = HERE / "scoreboard.json"

QUICK_SETS = ("seeds", "plover")


class Skip(Exception):
    """A set cannot run here (its data is not under ../shared)."""


@dataclass
class SetResult:
    name: str
    figures: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0
    skipped: str | None = None


class Runner:
    """What the sets share: the ../shared root, a scratch folder, and one loaded spaCy pipeline
    (the model loads once per scoreboard, not once per set). `extractor` replaces the pipeline's
    extractor: the gate's test passes a deliberately over-fitted one through it."""

    def __init__(self, shared: Path = SHARED, workdir: Path | None = None, processes: int = 0,
                 extractor_wrapper: Callable | None = None) -> None:
        self.shared = shared
        self._tmp = tempfile.TemporaryDirectory(prefix="claimgraph-eval-") if workdir is None else None
        self.workdir = Path(self._tmp.name) if self._tmp else workdir
        self.processes = processes
        self.wrapper = extractor_wrapper
        self._pipeline = None

    def close(self) -> None:
        if self._tmp is not None:
            self._tmp.cleanup()

    @property
    def pipeline(self):
        if self._pipeline is None:
            from claimgraph.extract import Pipeline, cpu_count
            from claimgraph.settings import get_settings

            self._pipeline = Pipeline(get_settings().spacy_model, n_process=self.processes or cpu_count())
        return self._pipeline

    def extractor(self) -> Callable:
        base = self.pipeline.extract_stream
        return self.wrapper(base) if self.wrapper else base

    def need(self, rel: str) -> Path:
        p = self.shared / rel
        if not p.exists():
            raise Skip(f"{p} not found (../shared beside the repository holds the development sets)")
        return p

    def export(self, name: str, inputs: Iterable[str]) -> Path:
        """Ingest `inputs` into a fresh SQLite store with the real pipeline; write the JSON export."""
        from claimgraph.export import write_json
        from claimgraph.run import ingest
        from claimgraph.store import Store

        db = self.workdir / f"{name}.db"
        db.unlink(missing_ok=True)
        store = Store(f"sqlite:///{db}")
        try:
            report = ingest(list(inputs), store, extractor=self.extractor())
            if report.failed:
                print(f"  {name}: {len(report.failed)} inputs failed, first: {report.failed[0]}", file=sys.stderr)
            out = self.workdir / f"{name}.json"
            write_json(store, str(out))
        finally:
            store.dispose()
        return out

    def script(self, path: Path, *args: str | Path) -> str:
        """Run one of ../shared's prepare/score scripts as it is meant to be run; its stdout."""
        proc = subprocess.run([sys.executable, str(path), *map(str, args)], capture_output=True, text=True, timeout=900)
        if proc.returncode != 0:
            raise RuntimeError(f"{path.name} failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
        return proc.stdout


def score_line(out: str) -> dict[str, float]:
    """The `SCORE k=v ...` line the shared scorers print, as numbers ("n/m" -> n/m)."""
    line = next((ln for ln in reversed(out.splitlines()) if ln.startswith("SCORE ")), None)
    if line is None:
        raise RuntimeError(f"scorer printed no SCORE line: {out[-300:]}")
    return {k: _number(v) for k, v in (kv.split("=", 1) for kv in line[6:].split())}


def _number(v) -> float:
    if isinstance(v, str) and "/" in v:
        n, d = v.split("/", 1)
        return round(float(n) / float(d), 4) if float(d) else 0.0
    return float(v)


# --- the sets ---------------------------------------------------------------------------------

SEED_FIGURES = ("alias_merge_recall", "wrong_merges", "person_precision", "quote_recall", "quote_speaker_acc",
                "claim_recall", "boilerplate_left", "metadata")


def seeds(r: Runner) -> dict[str, float]:
    seeds_dir, score = r.need("seeds"), r.need("eval/score.py")
    out = r.export("seeds", [str(seeds_dir)])
    res = json.loads(r.script(score, out, "--json"))
    return {k: _number(res[k]) for k in SEED_FIGURES if k in res}


POLNEAR_ROW = re.compile(r"^(source|cue|content|content\+source)\s+(exact|overlap|linked)\s+\d+\s+\d+\s+\d+\s+"
                         r"[\d.]+\s+[\d.]+\s+([\d.]+)\s*$")


def polnear(r: Runner) -> dict[str, float]:
    """PolNeAR dev split only: the test split is kept for evaluation elsewhere."""
    corpus, prep = r.need("corpora/polnear"), r.need("eval/polnear/polnear_prepare.py")
    score = r.need("eval/polnear/polnear_score.py")
    data = r.workdir / "polnear"
    r.script(prep, corpus, data, "--split", "dev")
    out = r.export("polnear", sorted(str(p) for p in data.glob("*.txt")))
    figures = {}
    for line in r.script(score, out, data / "gold.json").splitlines():
        m = POLNEAR_ROW.match(line.strip())
        if m:
            role, match, f1 = m.groups()
            figures["linked_f1" if role == "content+source" else f"{role}_f1_{match}"] = float(f1)
    return figures


def plover(r: Runner) -> dict[str, float]:
    gsr, prep, score = r.need("corpora/plover/gsr_dev.json"), r.need("eval/plover/prepare.py"), r.need("eval/plover/score.py")
    data = r.workdir / "plover"
    r.script(prep, gsr, data)
    out = r.export("plover", [str(data / "docs")])
    res = json.loads(r.script(score, out, data / "gold.json", "--json"))
    return {k: float(res[k]) for k in ("event_recall", "source_acc_when_found", "target_recall", "triple_recall",
                                      "type_precision")}


def conll(r: Runner) -> dict[str, float]:
    """CoNLL-2003 dev, through claimgraph and through bare spaCy (the model claimgraph loads, no
    rules) on the same files in the same run: the difference is what the rules add."""
    valid, prep, score = r.need("corpora/conll2003/valid.txt"), r.need("eval/conll/conll_prepare.py"), \
        r.need("eval/conll/conll_score.py")
    data = r.workdir / "conll"
    r.script(prep, valid, data)
    files = sorted(data.glob("*.txt"))
    ours = score_line(r.script(score, r.export("conll", map(str, files)), data / "tokens.json"))
    bare = score_line(r.script(score, _bare_spacy_export(r, files), data / "tokens.json"))
    figures = {"f1": ours["f1"], **{k: ours[k] for k in ("per", "org", "loc", "misc")}, "spacy_f1": bare["f1"]}
    figures["f1_minus_spacy"] = round(figures["f1"] - figures["spacy_f1"], 2)
    return figures


def _bare_spacy_export(r: Runner, files: list[Path]) -> Path:
    """An export-shaped file of spaCy's own entities, each mention its own entity, on the raw text."""
    import spacy

    from claimgraph.settings import get_settings

    nlp = spacy.load(get_settings().spacy_model, exclude=["lemmatizer"])
    texts = [p.read_text(encoding="utf-8") for p in files]
    documents, entities = [], []
    for p, text, doc in zip(files, texts, nlp.pipe(texts, batch_size=16)):
        documents.append({"id": p.name, "source": str(p), "text": text})
        entities += [{"id": f"{p.name}:{e.start_char}", "type": e.label_,
                      "mentions": [{"doc": p.name, "start": e.start_char, "end": e.end_char}]} for e in doc.ents]
    out = r.workdir / "conll-spacy.json"
    out.write_text(json.dumps({"documents": documents, "entities": entities}), encoding="utf-8")
    return out


# MEANTIME gold events matched at sentence level (meantime_events, mode="sentence") by claimgraph as it
# was before issue 13 (commit d3a152a, no trigger offsets), on the same 60 articles: each topic folder
# ingested with that commit's `claimgraph ingest` into its own store, exported, and scored with
# `python -m bench.eval.meantime_events apple.json airbus.json --annotations ... --mode sentence`.
EVENTS_BEFORE_SENTENCE = 24


def meantime(r: Runner) -> dict[str, float]:
    from bench.eval import meantime_coref, meantime_events, meantime_ner, meantime_time
    from bench.eval.meantime_corpus import ingest_topic

    ann = r.need("corpora/meantime/annotation")
    topics = [ingest_topic(r.need(f"corpora/meantime/text/{t}"), ann, extractor=r.extractor())
              for t in ("corpus_apple", "corpus_airbus")]
    ner = meantime_ner.evaluate(topics, r.pipeline.nlp)
    coref = meantime_coref.evaluate(topics)["all topics"]
    tm = meantime_time.evaluate(topics)
    ev = meantime_events.evaluate(topics)
    sent = meantime_events.evaluate(topics, mode="sentence")
    f = {"ner_f1": ner["claimgraph"]["all"]["F1"], "ner_f1_spacy": ner["spaCy"]["all"]["F1"],
         "coref_conll_f1": coref["claimgraph"]["CoNLL F1"], "coref_same_string": coref["same string"]["CoNLL F1"],
         "timex_exact": tm["exact"] / tm["gold"] if tm["gold"] else 0.0,
         "events_gold": ev["gold_events"], "events_matched": ev["matched"], "events_recall": ev["recall"],
         "factuality_accuracy": ev["factuality_accuracy"],
         "events_matched_sentence": sent["matched"], "factuality_accuracy_sentence": sent["factuality_accuracy"],
         "events_sentence_x_before": sent["matched"] / EVENTS_BEFORE_SENTENCE}
    f["coref_minus_same_string"] = f["coref_conll_f1"] - f["coref_same_string"]
    return {k: round(v, 4) for k, v in f.items()}


def names(r: Runner) -> dict[str, float]:
    """The dev half of the name pairs, decided twice: by `names compare` (resolve.compare.same_entity)
    and by the pipeline's own resolution (resolve.entities.resolve on one cluster per name)."""
    from bench.eval import names_pairs

    res = names_pairs.evaluate(r.need("corpora/name_pairs/pairs_dev.csv"))
    a, p = res["groups"]["all"], res["resolve_keys_only"]
    return {"compare_f1": a["F1"], "compare_p": a["P"], "compare_r": a["R"],
            "pipeline_f1": p["F1"], "pipeline_p": p["P"], "pipeline_r": p["R"]}


SETS: dict[str, Callable[[Runner], dict[str, float]]] = {
    "seeds": seeds, "plover": plover, "names": names, "polnear": polnear, "conll": conll, "meantime": meantime}

# What each row measures, for the printed board (the code path where it matters).
NOTES = {
    "seeds": "../shared/eval/score.py on the 5 seed articles (dev gold)",
    "plover": "../shared/eval/plover/score.py, 176 PLOVER-coded sentences (dev half)",
    "names": "compare_* = `names compare` (same_entity); pipeline_* = resolve() on one cluster per name",
    "polnear": "../shared/eval/polnear/polnear_score.py, PolNeAR dev split (84 articles)",
    "conll": "../shared/eval/conll/conll_score.py, CoNLL-2003 dev; spacy_f1 = bare spaCy, same run",
    "meantime": "MEANTIME apple + airbus (60 articles): NER, cross-doc coreference, TIMEX, events (by trigger; "
                "*_sentence: by evidence sentence, x_before = matched / 24, the figure of d3a152a before issue 13)",
}


def run(sets: Iterable[str] | None = None, runner: Runner | None = None,
        progress: Callable[[str], None] | None = None) -> Iterator[SetResult]:
    """Run the named sets (all by default), one result each, in order."""
    own = runner is None
    runner = runner or Runner()
    try:
        for name in sets or SETS:
            t0 = time.perf_counter()
            try:
                res = SetResult(name, SETS[name](runner))
            except Skip as exc:
                res = SetResult(name, skipped=str(exc))
            res.seconds = time.perf_counter() - t0
            if progress:
                progress(f"{name}: {'skipped: ' + res.skipped if res.skipped else f'{res.seconds:.0f} s'}")
            yield res
    finally:
        if own:
            runner.close()


# --- floors, the committed board, the gate -----------------------------------------------------

def load_floors(path: Path = FLOORS_PATH) -> dict[str, dict[str, float]]:
    """`set.figure` -> {"min": x} (higher is better) or {"max": x} (a count of mistakes)."""
    return {k: v for k, v in json.loads(path.read_text(encoding="utf-8")).items() if not k.startswith("_")}


def load_board(path: Path = BOARD_PATH) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {"sets": {}}


def breach(value: float, bound: dict[str, float]) -> str | None:
    """How `value` breaks its bound ({"min": x} or {"max": x}), or None when it holds."""
    if "min" in bound and value < bound["min"]:
        return f"is below its floor {bound['min']:g}"
    if "max" in bound and value > bound["max"]:
        return f"is above its ceiling {bound['max']:g}"
    return None


def check(results: Iterable[SetResult], floors: dict[str, dict[str, float]]) -> list[str]:
    """Every figure that breaks its floor or ceiling, as a readable line (empty: the gate holds).
    A figure with a floor that a set which ran no longer reports is a failure too."""
    failures = []
    for res in results:
        if res.skipped:
            continue
        for key, bound in floors.items():
            set_name, _, fig = key.partition(".")
            if set_name != res.name:
                continue
            if fig not in res.figures:
                failures.append(f"{key}: no longer reported")
            elif (why := breach(res.figures[fig], bound)):
                failures.append(f"{key} = {res.figures[fig]:g} {why}")
    return failures


def save_board(results: list[SetResult], seconds: float, command: str, path: Path = BOARD_PATH) -> None:
    """Keep what was measured; sets not run this time keep their last figures."""
    import datetime as dt

    board = load_board(path)
    for res in results:
        if not res.skipped:
            board["sets"][res.name] = {"figures": res.figures, "seconds": round(res.seconds, 1)}
    board.update(measured=dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), command=command,
                 last_run_seconds=round(seconds, 1))
    path.write_text(json.dumps(board, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def render(results: list[SetResult], floors: dict, last: dict, seconds: float) -> str:
    """The board as Markdown: set, figure, now, floor, last committed, and a mark on a broken floor."""
    lines = ["| set | figure | now | floor | last | |", "|---|---|---:|---:|---:|---|"]
    for res in results:
        if res.skipped:
            lines.append(f"| {res.name} | skipped: {res.skipped} | | | | |")
            continue
        prev = last.get("sets", {}).get(res.name, {}).get("figures", {})
        for fig, v in res.figures.items():
            b = floors.get(f"{res.name}.{fig}", {})
            bound = f">= {b['min']:g}" if "min" in b else (f"<= {b['max']:g}" if "max" in b else "")
            mark = "BELOW FLOOR" if breach(v, b) else ""
            lines.append(f"| {res.name} | {fig} | {v:.4g} | {bound} | {_fmt(prev.get(fig))} | {mark} |")
    lines.append("")
    lines += [f"- {r.name} ({r.seconds:.0f} s): {NOTES[r.name]}" for r in results]
    lines.append(f"\nwhole run: {seconds:.0f} s")
    return "\n".join(lines)


def _fmt(v) -> str:
    return "" if v is None else f"{v:.4g}"
