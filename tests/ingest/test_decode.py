"""Bytes -> text (claimgraph.ingest.decode): legacy Western text is read as cp1252, other code pages
are left to detection, and neither is mistaken for the other."""

from __future__ import annotations

import pytest

from claimgraph.errors import BinaryInput
from claimgraph.ingest.decode import decode_bytes, looks_western


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        # Western languages in cp1252: detection alone reads these as Mac Latin-2, cp1250 or Baltic
        pytest.param("Le café de Tirana\n\nLa police albanaise a déclaré mercredi qu’elle avait déjoué un complot.\n",
                     "cp1252", id="french"),
        pytest.param("La policía albanesa dijo el miércoles que había frustrado un complot contra la oposición iraní.\n",
                     "cp1252", id="spanish"),
        pytest.param("Die albanische Polizei erklärte am Mittwoch, sie habe einen Anschlag vereitelt. Größere Übergriffe\n",
                     "cp1252", id="german"),
        pytest.param("La polizia albanese ha dichiarato mercoledì di aver sventato un complotto. Perché è così?\n",
                     "cp1252", id="italian"),
        pytest.param("A polícia albanesa afirmou na quarta-feira que frustrou uma conspiração contra a oposição.\n",
                     "cp1252", id="portuguese"),
        pytest.param("Albanska lögreglan sagði á miðvikudag að hún hefði komið í veg fyrir samsæri.\n",
                     "cp1252", id="icelandic"),
        pytest.param("A pound sign £5, a euro €, “quotes” — a dash… and 3½ hours.\n", "cp1252", id="english-symbols"),
        # other code pages: cp1252 would decode most of these bytes, but into nonsense
        pytest.param("Заголовок\n\nПолиция Албании заявила в среду, что сорвала заговор против оппозиции.\n",
                     "cp1251", id="russian-cp1251"),
        pytest.param("Полиция Албании заявила.\n", "cp1251", id="russian-cp1251-short"),
        pytest.param("見出し\n\nアルバニア警察は水曜日、陰謀を阻止したと発表した。\n", "shift_jis", id="japanese-shift-jis"),
        pytest.param("Η αλβανική αστυνομία δήλωσε ότι απέτρεψε συνωμοσία εναντίον της αντιπολίτευσης.\n",
                     "cp1253", id="greek-cp1253"),
        pytest.param("Arnavutluk polisi çarşamba günü bir komployu engellediğini açıkladı. Şüpheliler İranlı.\n",
                     "cp1254", id="turkish-cp1254"),
        pytest.param("Policja w Tiranie oświadczyła, że udaremniła spisek. Zródła mówią, że ktoś był świadkiem.\n",
                     "cp1250", id="polish-cp1250"),
        pytest.param("Policie v Tiraně ve středu prohlásila, že zmařila spiknutí proti opozici. Příběh byl zveřejněn.\n",
                     "cp1250", id="czech-cp1250"),
        pytest.param("Albanijos policija trečiadienį pareiškė, kad sužlugdė sąmokslą prieš opoziciją.\n",
                     "cp1257", id="lithuanian-cp1257"),
    ],
)
def test_legacy_encodings(text: str, encoding: str) -> None:
    data = text.encode(encoding)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert decode_bytes(data) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("plain ascii", True, id="ascii"),
        pytest.param("qu’elle a déjoué", True, id="french"),
        pytest.param("Ïîëèöèÿ Àëáàíèè çàÿâèëà", False, id="cyrillic-as-cp1252"),
        pytest.param("oœwiadczy³a, ¿e udaremni³a, Zród³a", False, id="symbols-inside-words"),
        pytest.param("çarþamba günü engellediðini", False, id="thorn-next-to-cedilla"),
        pytest.param("Tiranì ve støedu zmaøila", False, id="slashed-o-next-to-grave-i"),
    ],
)
def test_looks_western(text: str, expected: bool) -> None:
    assert looks_western(text) is expected


def test_utf8_and_declared_charset_win() -> None:
    assert decode_bytes("déjà vu".encode()) == "déjà vu"
    assert decode_bytes("Привет мир".encode("koi8-r"), declared="koi8-r") == "Привет мир"


def test_control_characters_are_binary_in_cp1252_too() -> None:
    with pytest.raises(BinaryInput):
        decode_bytes(b"abc\x01\x02\x03\x04 def caf\xe9 " * 200)
