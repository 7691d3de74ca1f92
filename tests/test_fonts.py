"""The bundled font library: its budget, its provenance, what each subset keeps, what a
missing character says, and the line spacing of every script."""

from __future__ import annotations

import hashlib
import importlib.util
import re
import unicodedata
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from fontTools.ttLib import TTFont

from conftest import EXAMPLES
from lnob_graphics.i18n import direction_of
from lnob_graphics.paths import bundled_dir
from lnob_graphics.text.engine import PreparedParagraph, layout, line_leading, place_line, prepare
from lnob_graphics.text.fit import FitRule, break_greedy
from lnob_graphics.text.shaping import MissingGlyphError

FONTS = bundled_dir("fonts")
BUDGET = 30_000_000  # bytes: the whole fonts/ folder (SOURCES.md, "The budget")


def _font_files() -> list[Path]:
    return sorted(p for p in FONTS.iterdir() if p.suffix in (".ttf", ".otf"))


def test_the_fonts_folder_stays_within_its_budget() -> None:
    total = sum(p.stat().st_size for p in FONTS.iterdir() if p.is_file())
    assert total <= BUDGET, f"fonts/ is {total:,} bytes, over its budget of {BUDGET:,}"


def test_every_font_file_is_declared_and_its_checksum_recorded() -> None:
    spec = yaml.safe_load((FONTS / "fonts.yaml").read_text(encoding="utf-8"))
    declared = {file for face in spec["faces"].values()
                for key, file in face.items() if key in ("regular", "bold")}
    sources = (FONTS / "SOURCES.md").read_text(encoding="utf-8")
    recorded = dict(re.findall(r"^\| (\S+\.(?:ttf|otf)) \|.*\| ([0-9a-f]{64}) \|$", sources,
                               re.MULTILINE))
    files = {p.name for p in _font_files()}
    assert files == declared == set(recorded)
    for path in _font_files():
        assert hashlib.sha256(path.read_bytes()).hexdigest() == recorded[path.name], path.name


def test_every_text_face_has_a_regular_and_a_bold() -> None:
    spec = yaml.safe_load((FONTS / "fonts.yaml").read_text(encoding="utf-8"))
    for family, face in spec["faces"].items():
        assert face.get("color") or {"regular", "bold"} <= set(face), family
        assert face.get("color") or face["regular"] != face["bold"], family


def _make_subsets() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_subsets", FONTS / "make_subsets.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _in_block(cmap: set[int], name: str) -> int:
    return sum(1 for c in cmap if unicodedata.name(chr(c), "").startswith(name))


# The letters each standard is about: all of them drawn, and exactly as many as it has.
# (Their symbols and Latin, Greek and Cyrillic letters are kept too, where Noto CJK has them;
# where it does not, as for KS X 1001's Ħ or Ŀ, Noto Sans draws them.)
LETTERS = ("CJK UNIFIED IDEOGRAPH", "HANGUL SYLLABLE", "HANGUL LETTER", "HIRAGANA LETTER",
           "KATAKANA LETTER")


@pytest.mark.parametrize(("file", "standard", "counts"), [
    ("NotoSansSC-{}-GB2312.otf", "gb2312", {"CJK UNIFIED IDEOGRAPH": 6763}),
    # JIS X 0208's 6,355 kanji, and 仝, which it files among its symbols.
    ("NotoSansJP-{}-JISX0208.otf", "jis_x_0208",
     {"CJK UNIFIED IDEOGRAPH": 6356}),
    ("NotoSansKR-{}-KSX1001.otf", "ks_x_1001_hangul",
     {"HANGUL SYLLABLE": 2350, "CJK UNIFIED IDEOGRAPH": 0}),
])
@pytest.mark.parametrize("weight", ["Regular", "Bold"])
def test_each_cjk_subset_keeps_the_letters_of_its_standard(
        file: str, standard: str, counts: dict[str, int], weight: str) -> None:
    letters = {c for c in getattr(_make_subsets(), standard)()
               if unicodedata.name(chr(c), "").startswith(LETTERS)}
    with TTFont(FONTS / file.format(weight)) as font:
        cmap = set(font.getBestCmap())
    assert letters <= cmap
    for block, count in counts.items():
        assert _in_block(cmap, block) == count, block


def _missing(text: str, lang: str) -> str:
    with pytest.raises(MissingGlyphError) as caught:
        layout(text, lang=lang, direction="ltr", box=(0, 0, 600, 100), rule=FitRule(40, 10, 1))
    return str(caught.value)


def test_a_syllable_outside_ks_x_1001_says_what_the_korean_font_keeps() -> None:
    # 똠 (in a name, 똠방각하) is the classic syllable KS X 1001's 2,350 lack.
    assert _missing("똠방각하", "ko") == (
        "no bundled font has the character '똠' (U+B620 HANGUL SYLLABLE DDOM); the bundled "
        "Korean font has the 2,350 hangul syllables of KS X 1001 and its jamo (rarer "
        "syllables, old hangul and hanja are not included)")
    assert _missing("大韓民國", "ko").endswith("and hanja are not included)")


def test_a_kanji_outside_jis_x_0208_says_what_the_japanese_font_keeps() -> None:
    assert _missing("𠮟る", "ja") == (
        "no bundled font has the character '𠮟' (U+20B9F CJK UNIFIED IDEOGRAPH-20B9F); the "
        "bundled Japanese font has the 6,355 kanji of JIS X 0208 (levels 1 and 2) and all kana "
        "(rarer kanji are not included)")
    layout("叱る", lang="ja", direction="ltr", box=(0, 0, 600, 100), rule=FitRule(40, 10, 1))


def test_a_missing_character_of_a_whole_font_has_no_subset_note() -> None:
    message = _missing("\U00010900", "he")  # Phoenician: no bundled font has it
    assert message == ("no bundled font has the character '\U00010900' (U+10900 PHOENICIAN "
                       "LETTER ALF)")


# --- line spacing -----------------------------------------------------------------------------

# Templates set multi-line text at 1.05 to 1.25 times the size, mostly 1.15-1.2: at 1.1 the
# marks of one line must still keep clear of the next (fonts.yaml, "leading").
TIGHT_LINE_HEIGHT = 1.1
CORPUS = yaml.safe_load((EXAMPLES / "corpus" / "every-script.yaml").read_text(encoding="utf-8"))
# The scripts and languages added with issue 14: their leading was measured this way.
# (Arabic harakat and emoji were set before and are left as they are: a shadda with its
# fatha over a lam reaches 0.02 em into the box of the line above at 1.1.)
STACKED = ["pa", "gu", "or", "ta", "te", "kn", "ml", "si", "th", "lo", "my", "bo", "am", "ti",
           "he", "yi", "ka", "hy", "ko", "ja", "vi", "yo", "ha", "kk", "ky", "uz-Cyrl"]


def _ink_boxes(para: PreparedParagraph, line: tuple[int, int], rtl: bool,
               size: float) -> list[tuple[float, float, float, float]]:
    """Each glyph's ink box in the line: left, right, top and bottom (y up, from the
    baseline), lines aligned at their start edge."""
    placed = place_line(para, line, size)
    pen = -placed.width if rtl else 0.0
    boxes = []
    for face, glyphs in placed.glyph_runs:
        scale = size / face.upem
        for glyph in glyphs:
            box = face.extents(glyph.glyph_id)
            if box.width and box.height and not face.color:
                left = pen + (glyph.x_offset + box.left) * scale
                top = (glyph.y_offset + box.top) * scale
                boxes.append((left, left + box.width * scale, top, top - box.height * scale))
            pen += glyph.advance * scale
    return boxes


@pytest.mark.parametrize("lang", STACKED)
@pytest.mark.parametrize("weight", ["regular", "bold"])
def test_no_mark_touches_the_line_above(lang: str, weight: str) -> None:
    """Every corpus sentence of the language, broken at every half em from 3 to 14 em: no glyph's
    ink box in a line reaches into one of the line below at the tight line height."""
    size = 100.0
    rtl = direction_of(lang) == "rtl"
    texts = [a["headline"] for a in CORPUS["assets"] if a["lang"] == lang]
    assert len(texts) == 2
    for text in texts:
        paras = prepare(text, lang, direction_of(lang), weight)  # type: ignore[arg-type]
        step = size * TIGHT_LINE_HEIGHT * line_leading(paras, lang)
        for para in paras:
            for width in (half / 2 for half in range(6, 29)):
                lines = break_greedy(para.measured, width)
                boxes = [_ink_boxes(para, line, rtl, size) for line in lines]
                for above, below, line in zip(boxes, boxes[1:], lines, strict=False):
                    for a_left, a_right, _a_top, a_bottom in above:
                        for b_left, b_right, b_top, _b_bottom in below:
                            if a_left < b_right and b_left < a_right:
                                assert b_top - a_bottom < step, (
                                    f"{lang} {weight}, {width} em: the line after "
                                    f"{para.bidi.text[line[0]:line[1]]!r} touches it")


@pytest.mark.parametrize(("text", "faces"), [
    ("23٪", {"noto-sans-arabic-bold"}),  # a stat: sans numerals, not Nastaliq's serif ones
    ("US$1.90", {"noto-sans-bold"}),  # (Latin letters: the Latin face, digits with them)
    ("۲۳٪", {"noto-nastaliq-urdu-bold"}),  # Urdu's own digits stay in the Urdu face
    ("23٪ بچے", {"noto-nastaliq-urdu-bold"}),  # in a sentence, digits go with their words
])
def test_a_number_alone_in_urdu_is_set_in_sans_numerals(text: str, faces: set[str]) -> None:
    [para] = prepare(text, "ur", "rtl", weight="bold")
    assert {run.face.key for run in para.runs} == faces
