"""find_copies on hand-written texts (issue 4, item 5): copied passages with exact offsets on both
sides, spelling variants allowed, shared quotations not counted as copying, unrelated texts never linked."""

from __future__ import annotations

from claimgraph.corroborate import find_copies
from claimgraph.names import fold

PARA = ("The foreign ministry said the two men had been declared persona non grata and given three days to leave "
        "the country. Police said the diplomats had photographed the homes of opposition leaders and passed the "
        "pictures to an intelligence organisation in the capital.")
INTRO_A = "Veldoria expels diplomats\n\nThe government in Trennholm acted swiftly after a week of rumours about spies.\n\n"
INTRO_B = "Diplomats told to leave\n\nOpposition figures in the coastal city had long complained of being followed.\n\n"
OUTRO_A = "\n\nA spokesman for the exiles thanked the authorities for their quick and decisive response."
OUTRO_B = "\n\nMarkets in the capital were calm on Friday as traders waited for the next move by the government."


def sides(cp: dict, texts: dict[str, str]) -> dict[str, str]:
    return {cp["doc_a"]: texts[cp["doc_a"]][cp["start_a"]:cp["end_a"]],
            cp["doc_b"]: texts[cp["doc_b"]][cp["start_b"]:cp["end_b"]]}


def test_identical_paragraph_is_one_passage_with_exact_offsets():
    texts = {"da": INTRO_A + PARA + OUTRO_A, "db": INTRO_B + PARA + OUTRO_B}
    copies = find_copies(texts)
    assert len(copies) == 1
    (cp,) = copies
    assert (cp["doc_a"], cp["doc_b"]) == ("da", "db")
    assert (cp["start_a"], cp["end_a"]) == (len(INTRO_A), len(INTRO_A) + len(PARA))
    assert (cp["start_b"], cp["end_b"]) == (len(INTRO_B), len(INTRO_B) + len(PARA))
    assert sides(cp, texts) == {"da": PARA, "db": PARA}


def test_pair_order_does_not_depend_on_input_order():
    texts = {"dz": INTRO_A + PARA, "dm": INTRO_B + PARA}
    (cp,) = find_copies(texts)
    assert (cp["doc_a"], cp["doc_b"]) == ("dm", "dz")
    assert find_copies(dict(reversed(list(texts.items())))) == [cp]


def test_spelling_variants_still_match():
    american = PARA.replace("organisation", "organization")
    assert american != PARA
    texts = {"da": INTRO_A + PARA, "db": INTRO_B + american}
    (cp,) = find_copies(texts)
    got = sides(cp, texts)
    assert got == {"da": PARA, "db": american}
    assert fold(got["da"]) == fold(got["db"])


def test_diacritics_and_case_do_not_hide_a_copy():
    variant = PARA.replace("persona non grata", "Persona Non Gratá")
    texts = {"da": INTRO_A + PARA, "db": INTRO_B + variant}
    (cp,) = find_copies(texts)
    assert sides(cp, texts) == {"da": PARA, "db": variant}


def test_separate_copied_sentences_are_separate_passages():
    s1 = "The foreign ministry said the two men had been declared persona non grata and given three days to leave."
    s2 = "Police said the diplomats had photographed the homes of opposition leaders and passed on the pictures."
    filler = "Residents of the small harbour town said they were surprised by the sudden arrival of television crews."
    other = "Several shops near the station stayed closed during the morning while officers searched a warehouse nearby."
    texts = {"da": f"{s1} {filler} {s2}", "db": f"{s1} {other} {s2}"}
    copies = find_copies(texts)
    assert len(copies) == 2
    assert sorted(tuple(sides(cp, texts).values()) for cp in copies) == sorted([(s1, s1), (s2, s2)])


def test_shared_quotation_alone_is_not_a_copy():
    quote = ("No foreign state will be allowed to use its diplomats, or anyone else, to hunt down members of an "
             "opposition organisation living under our protection.")
    a = f"Veldoria expels diplomats\n\n“{quote}” government spokeswoman Annika Vell told reporters in Trennholm on Thursday."
    b = (f"Exiles welcome decision\n\nSpeaking at a crowded news conference, the spokeswoman repeated the warning: "
         f"“{quote}”")
    c = f'Straight quotes too\n\nIn a statement read out on state radio late on Thursday evening she said "{quote}"'
    assert find_copies({"da": a, "db": b, "dc": c}) == []


def test_copied_framing_around_a_quote_is_still_a_copy():
    quote = "We will protect everyone who lives under our roof, whatever their origin."
    frame = ("Government spokeswoman Annika Vell told reporters in the capital on Thursday afternoon, after a meeting "
             "of the security cabinet, that")
    a = f"{INTRO_A}{frame} “{quote}”"
    b = f"{INTRO_B}{frame} “{quote}”"
    (cp,) = find_copies({"da": a, "db": b})
    assert a[cp["start_a"]:cp["end_a"]].startswith(frame)
    assert b[cp["start_b"]:cp["end_b"]].startswith(frame)


def test_unrelated_documents_have_no_copies():
    texts = {"da": INTRO_A + PARA + OUTRO_A,
             "db": ("Harvest festival draws crowds\n\nThousands of visitors came to the old market square on Saturday "
                    "to taste local cheeses, listen to brass bands and watch the traditional boat race on the river. "
                    "Organisers said attendance was the highest in a decade despite the rain."),
             "dc": ("Central bank holds rates\n\nThe central bank left its main interest rate unchanged on Tuesday, "
                    "citing slowing inflation and weak demand for credit among small businesses across the region.")}
    assert find_copies(texts) == []


def test_one_document_never_copies_itself():
    assert find_copies({"da": INTRO_A + PARA + "\n\n" + PARA}) == []


def test_short_stock_sentences_are_not_copies():
    stock = "Marenthia has denied the accusations."
    assert find_copies({"da": INTRO_A + stock, "db": INTRO_B + stock}) == []


def test_a_small_sentence_cache_finds_the_same_copies(monkeypatch):
    """Documents' sentences are evicted and re-read when the cache is full (memory stays flat on a big
    first ingest): the copies found must not depend on it."""
    import claimgraph.corroborate.copies as copies_mod

    intros = [INTRO_A, INTRO_B, "Envoys expelled\n\nA short statement came late on Thursday night from the palace.\n\n"]
    texts = {f"d{i:02d}": intros[i % 3] + (PARA if i % 2 else OUTRO_B.strip()) + (OUTRO_A if i % 4 == 1 else "")
             for i in range(12)}
    full = find_copies(texts)
    assert len(full) >= 10  # the six documents carrying PARA copy each other
    monkeypatch.setattr(copies_mod, "SENTENCE_CACHE", 2)
    assert find_copies(texts) == full


def test_a_band_past_the_common_cutoff_is_recorded_and_never_read_again(monkeypatch):
    """A band shared by more than COMMON_BAND sentences is a stock phrase: the document that takes it past
    the cutoff records it in `common_bands`, and later documents skip it without reading its rows. With a
    cutoff of 2, one paragraph in four documents: the first two copy each other, the others link nothing."""
    from sqlalchemy import create_engine, event, select

    import claimgraph.corroborate.copies as copies_mod
    from claimgraph.store import schema as t

    monkeypatch.setattr(copies_mod, "COMMON_BAND", 2)
    intros = (INTRO_A, INTRO_B, "Envoys out\n\nThe palace issued a short statement late on Thursday night.\n\n",
              "Second expulsion\n\nNeighbouring states have so far said nothing about the affair.\n\n")
    texts = {f"d{i}": intro + PARA for i, intro in enumerate(intros)}
    engine = create_engine("sqlite://")
    t.metadata.create_all(engine, tables=[t.passages, t.passage_bands, t.copy_scanned, t.common_bands, t.copies])
    para_bands = {b for _, _, sh in copies_mod.sentences(PARA) for b in copies_mod.bands(sh)}
    band_reads: list[int] = []
    with engine.begin() as c:
        copies_mod.update_copies(c, ["d0", "d1", "d2"], texts.get)
        assert set(c.execute(select(t.common_bands.c.band)).scalars()) == para_bands
        event.listen(engine, "before_cursor_execute",
                     lambda _c, _cur, sql, params, *_: band_reads.append(len(set(params) & para_bands))
                     if sql.startswith("SELECT passage_bands") else None)
        copies_mod.update_copies(c, ["d3"], texts.get)
        rows = c.execute(select(t.copies)).all()
    assert [(r.doc_a, r.doc_b) for r in rows] == [("d0", "d1")] * len(rows) and rows
    assert band_reads and sum(band_reads) == 0  # d3 read the rows of none of the paragraph's bands


def test_one_sentence_hashed_alone_is_hashed_as_in_its_text():
    """An older document hit by a band has only that sentence hashed again (from its paragraph): it must
    give the very shingles the whole text gave, quotes masked the same, across paragraphs."""
    from claimgraph.corroborate.copies import sentence_at, sentences

    quoted = ('The minister said: "We have no choice but to expel them, and we will do it this week without '
              'any further delay." Officials in the capital confirmed the order on Friday evening after talks.\n'
              "“Nobody here believed the story,” a spokesman for the exiles told reporters outside the embassy on "
              "Friday, adding that the group would appeal to the courts in the coming weeks.")
    for text in (INTRO_A + PARA + OUTRO_A, INTRO_B + quoted + OUTRO_B, quoted):
        found = sentences(text)
        assert found
        assert [sentence_at(text, s, e) for s, e, _ in found] == [sh for _, _, sh in found]


def test_band_keys_are_datasketchs_bit_for_bit():
    """claimgraph computes its MinHash itself (no datasketch/scipy import per ingest, and stored band
    keys that no library upgrade can change); the keys must be those of datasketch 2's default
    scheme, the one the stores built so far were indexed with."""
    import hashlib

    from datasketch import MinHash

    from claimgraph.corroborate.copies import BANDS, ROWS, bands, sentences

    text = INTRO_A + PARA + OUTRO_A
    sets = [sh for _, _, sh in sentences(text)] + [set(), {"one single shingle of five"}]
    assert len(sets) >= 4
    for shingles in sets:
        mh = MinHash(num_perm=BANDS * ROWS, seed=7, scheme="affine32")
        mh.update_batch([s.encode("utf-8") for s in shingles])
        expected = [f"{b:02d}" + hashlib.sha1(mh.hashvalues[b * ROWS:(b + 1) * ROWS].tobytes()).hexdigest()[:20]
                    for b in range(BANDS)]
        assert bands(shingles) == expected
