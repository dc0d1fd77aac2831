"""The scoreboard's own logic (bench/eval/scoreboard.py) on small inputs: the gate's check, the
scorers' SCORE lines, the committed board, and the name-pair anchor that belongs to one file only."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.eval import names_pairs, scoreboard  # noqa: E402
from bench.eval.scoreboard import SetResult  # noqa: E402


def test_check_reports_floors_ceilings_and_vanished_figures():
    floors = {"plover.event_recall": {"min": 0.5}, "seeds.wrong_merges": {"max": 0},
              "plover.type_precision": {"min": 0.4}}
    ok = [SetResult("plover", {"event_recall": 0.5, "type_precision": 0.9}), SetResult("seeds", {"wrong_merges": 0})]
    assert scoreboard.check(ok, floors) == []
    bad = [SetResult("plover", {"event_recall": 0.49}), SetResult("seeds", {"wrong_merges": 1})]
    failures = scoreboard.check(bad, floors)
    assert any("plover.event_recall = 0.49 is below its floor 0.5" in f for f in failures)
    assert any("seeds.wrong_merges = 1 is above its ceiling 0" in f for f in failures)
    assert any("plover.type_precision: no longer reported" in f for f in failures)
    # a set that could not run (no data) is skipped, not failed
    assert scoreboard.check([SetResult("plover", skipped="no data")], floors) == []


def test_score_line_reads_numbers_and_fractions():
    out = "noise\nSCORE f1=61.20 per=70.5 metadata=6/6 found=3/4\n"
    assert scoreboard.score_line(out) == {"f1": 61.2, "per": 70.5, "metadata": 1.0, "found": 0.75}


def test_polnear_rows_parse():
    line = "content        overlap    812    900     500     0.62   0.56   0.59"
    m = scoreboard.POLNEAR_ROW.match(line)
    assert m and m.groups() == ("content", "overlap", "0.59")
    assert scoreboard.POLNEAR_ROW.match("content+source linked  10 20 5  0.50 0.25 0.33").group(3) == "0.33"


def test_save_board_keeps_sets_not_run(tmp_path):
    path = tmp_path / "board.json"
    path.write_text(json.dumps({"sets": {"conll": {"figures": {"f1": 60.0}, "seconds": 50}}}))
    scoreboard.save_board([SetResult("plover", {"event_recall": 0.3}, seconds=12.0)], 12.0, "cmd", path)
    board = json.loads(path.read_text())
    assert board["sets"]["conll"]["figures"] == {"f1": 60.0}
    assert board["sets"]["plover"]["figures"] == {"event_recall": 0.3}
    assert board["command"] == "cmd"


def test_render_marks_a_broken_floor_and_shows_the_last_figure():
    out = scoreboard.render([SetResult("plover", {"event_recall": 0.2}, seconds=3)],
                            {"plover.event_recall": {"min": 0.3}}, {"sets": {"plover": {"figures": {"event_recall": 0.35}}}}, 3)
    row = next(ln for ln in out.splitlines() if "event_recall" in ln)
    assert "| 0.2 | >= 0.3 | 0.35 | BELOW FLOOR |" in row


def test_committed_floors_name_real_sets():
    for key, bound in scoreboard.load_floors().items():
        set_name, _, fig = key.partition(".")
        assert set_name in scoreboard.SETS and fig, key
        assert set(bound) <= {"min", "max"} and bound, key


def test_name_pair_anchor_only_for_the_dev_half(tmp_path):
    other = tmp_path / "pairs_other.csv"
    other.write_text("case_group,schema,name1,name2,is_match\nx,Person,Olaf Scholz,Olaf Scholz,true\n"
                     "x,Person,Olaf Scholz,Angela Merkel,false\n")
    res = names_pairs.evaluate(other)
    assert res["half"] == "unknown" and res["logic_v2"] is None
    report = names_pairs.report(res)
    assert "logic_v2 on the same rows" not in report and "no published anchor" in report


def _topic(modality: str, status: str | None, gold_time: str = "NON_FUTURE"):
    """'Airbus delayed the A380 .' as corpus tokens 1..5; the event 'delayed' has Airbus as a named participant."""
    from bench.eval.meantime_corpus import GoldDoc, Topic, char_to_token

    text = "Airbus delayed the A380 ."
    g = GoldDoc("d1", {1: "Airbus", 2: "delayed", 3: "the", 4: "A380", 5: "."}, [1, 2, 3, 4, 5],
                entity_mentions=[{"m_id": "m1", "tokens": [1], "syntactic_type": "NAM", "type": "ORG", "entity": "x"}],
                events=[{"m_id": "e1", "tokens": [2], "pred": "delay", "pos": "VERB", "certainty": "CERTAIN",
                         "polarity": "POS", "time": gold_time}],
                participants={"e1": ["m1"]})
    ev = {"doc": "D", "start": 0, "end": len(text), "modality": modality}
    if status:
        ev["status"] = status
    export = {"documents": [{"id": "D", "text": text}],
              "entities": [{"id": "E1", "mentions": [{"doc": "D", "start": 0, "end": 6}]}],
              "claims": [{"id": "C1", "subject": "E1", "predicate": "delay", "object": None, "evidence": [ev]}]}
    return Topic("t", {"d1": g}, export, {"D": "d1"}, {"D": char_to_token(g, text)})


def test_meantime_events_match_and_factuality():
    from bench.eval import meantime_events

    res = meantime_events.evaluate([_topic("asserted", None)])
    assert (res["gold_events"], res["matched"], res["factuality_accuracy"]) == (1, 1, 1.0)
    res = meantime_events.evaluate([_topic("hedged", "planned")])  # gold: certain and not future
    assert res["matched"] == 1 and res["certainty_accuracy"] == 0.0 and res["time_accuracy"] == 0.0
    assert meantime_events.evaluate([_topic("asserted", "future", "FUTURE")])["factuality_accuracy"] == 1.0


def test_meantime_events_need_the_participant():
    from bench.eval import meantime_events

    t = _topic("asserted", None)
    t.export["entities"][0]["mentions"] = [{"doc": "D", "start": 19, "end": 23}]  # A380, not a participant
    assert meantime_events.evaluate([t])["matched"] == 0


def test_meantime_events_sentence_mode_leaves_trigger_offsets_aside():
    from bench.eval import meantime_events

    t = _topic("asserted", None)
    ev = t.export["claims"][0]["evidence"][0]
    ev["trigger_start"], ev["trigger_end"] = 19, 23  # the trigger on "A380", not on the event "delayed"
    assert meantime_events.evaluate([t])["matched"] == 0
    assert meantime_events.evaluate([t], mode="sentence")["matched"] == 1
    ev["trigger_start"], ev["trigger_end"] = 7, 14  # "delayed"
    assert meantime_events.evaluate([t])["matched"] == 1


def test_meantime_events_score_an_export_file(tmp_path, capsys):
    """The module scores any version's export file: gold found from each document's source path."""
    from bench.eval import meantime_events

    t = _topic("asserted", None)
    ann = tmp_path / "annotation" / "topic"
    ann.mkdir(parents=True)
    (ann / "d1_x.xml").write_text(
        '<Document doc_id="d1"><token t_id="1">Airbus</token><token t_id="2">delayed</token><token t_id="3">the</token>'
        '<token t_id="4">A380</token><token t_id="5">.</token><Markables>'
        '<ENTITY_MENTION m_id="m1" syntactic_type="NAM"><token_anchor t_id="1"/></ENTITY_MENTION>'
        '<EVENT_MENTION m_id="e1" pred="delay" pos="VERB" certainty="CERTAIN" polarity="POS" time="NON_FUTURE">'
        '<token_anchor t_id="2"/></EVENT_MENTION></Markables><Relations>'
        '<HAS_PARTICIPANT r_id="r1"><source m_id="e1"/><target m_id="m1"/></HAS_PARTICIPANT></Relations></Document>')
    t.export["documents"][0]["source"] = str(tmp_path / "text" / "topic" / "d1_x.txt")
    path = tmp_path / "old.json"
    path.write_text(json.dumps(t.export))
    assert meantime_events.main([str(path), "--annotations", str(tmp_path / "annotation")]) == 0
    res = json.loads(capsys.readouterr().out)
    assert (res["gold_events"], res["matched"]) == (1, 1)


def test_sets_without_data_are_skipped_with_the_reason(tmp_path):
    runner = scoreboard.Runner(shared=tmp_path / "nowhere", workdir=tmp_path)
    results = list(scoreboard.run(["plover", "polnear", "conll", "names"], runner))
    assert [r.name for r in results] == ["plover", "polnear", "conll", "names"]
    for r in results:
        assert r.skipped and "not found" in r.skipped and not r.figures
    assert runner._pipeline is None  # nothing was loaded for sets that could not run
