"""Every script, end to end: the corpus campaign through the real CLI, per-script
goldens (looked at before committing), the contact sheet, and the engine facts
behind them (emoji sequences, ZWNJ, Chinese coverage, ink inside the box)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from conftest import EXAMPLES, render_pack
from golden import assert_golden, card_regions
from lnob_graphics.cli import app
from lnob_graphics.text.engine import layout
from lnob_graphics.text.fit import FitRule
from lnob_graphics.text.fonts import default_library
from lnob_graphics.text.segment import line_breaks
from lnob_graphics.text.shaping import MissingGlyphError, emoji_spans, shape

runner = CliRunner()
CORPUS = EXAMPLES / "corpus" / "every-script.yaml"


@pytest.fixture(scope="module")
def corpus_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_pack(tmp_path_factory, CORPUS, "-j", "2")


def test_every_corpus_card_renders_on_every_format(corpus_pack: Path) -> None:
    manifest = json.loads((corpus_pack / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["errors"] == []
    assets = manifest["assets"]
    assert len(assets) == 86 * 3
    assert {a["platform"] for a in assets} == {"instagram-square", "instagram-story", "x-post"}
    for entry in assets:
        with Image.open(corpus_pack / entry["file"]) as image:
            assert image.size == (entry["width"], entry["height"])
        # No text overflowed; the only warning allowed is the words a language has no
        # labels for yet (left out of its cards).
        assert all(w.startswith("no labels in") for w in entry["warnings"]), entry


# One card per script, at the square format (and two tall ones), compared where the text is
# with the tolerance of each region's script (tests/golden.py; tests/test_golden.py shows
# what they catch).
GOLDENS = [
    ("en", "instagram-square", "latin-kerning"),
    ("ar", "instagram-square", "arabic-bidi"),
    ("ar", "instagram-square", "arabic-harakat"),
    ("ar-MA", "instagram-square", "arabic-maghreb"),
    ("ur", "instagram-square", "urdu-nastaliq"),
    ("fa", "instagram-square", "persian-zwnj"),
    ("ps", "instagram-square", "pashto"),
    ("hi", "instagram-square", "hindi-conjuncts"),
    ("ne", "instagram-square", "nepali"),
    ("bn", "instagram-square", "bengali"),
    ("km", "instagram-story", "khmer"),
    ("zh", "instagram-story", "chinese-mixed"),
    ("tg", "instagram-square", "tajik"),
    ("ar", "instagram-square", "emoji-arabic"),
    # The scripts of the national dialogues and the most-spoken languages (issue 14)
    ("pa", "instagram-square", "punjabi-education"),
    ("gu", "instagram-square", "gujarati-born-free"),
    ("or", "instagram-square", "odia-dignity"),
    ("ta", "instagram-square", "tamil-compulsory"),
    ("te", "instagram-square", "telugu-born-free"),
    ("kn", "instagram-square", "kannada-born-free"),
    ("ml", "instagram-square", "malayalam-life"),
    ("si", "instagram-square", "sinhala-born-free"),
    ("my", "instagram-story", "myanmar-life"),
    ("th", "instagram-square", "thai-born-free"),
    ("lo", "instagram-square", "lao-born-free"),
    ("am", "instagram-square", "amharic-born-free"),
    ("he", "instagram-square", "hebrew-born-free"),
    ("yi", "instagram-square", "yiddish-born-free"),
    ("ka", "instagram-square", "georgian-born-free"),
    ("hy", "instagram-square", "armenian-born-free"),
    ("ko", "instagram-square", "korean-born-free"),
    ("ja", "instagram-story", "japanese-born-free"),
    ("bo", "instagram-story", "tibetan-life"),
    ("vi", "instagram-square", "vietnamese-born-free"),
    ("yo", "instagram-square", "yoruba-born-free"),
    ("ha", "instagram-square", "hausa-nationality"),
    ("kk", "instagram-square", "kazakh-born-free"),
]


@pytest.mark.golden
@pytest.mark.parametrize(("lang", "platform", "asset"), GOLDENS, ids=[g[2] for g in GOLDENS])
def test_script_golden(corpus_pack: Path, lang: str, platform: str, asset: str) -> None:
    assert_golden(corpus_pack / lang / platform / f"{asset}.png",
                  f"script-{asset}-{platform}.png", card_regions(CORPUS, asset, lang, platform))


def test_alt_text_keeps_the_words_and_localizes_the_numbers(corpus_pack: Path) -> None:
    manifest = json.loads((corpus_pack / "manifest.json").read_text(encoding="utf-8"))
    alt = {(a["id"], a["platform"]): a["alt_text"] for a in manifest["assets"]}
    assert "۲۳٪" in alt[("persian-zwnj", "x-post")]
    assert "می\u200cخواهیم هیچ\u200cکس" in alt[("persian-zwnj", "x-post")]  # ZWNJ kept
    assert "१२,००,०००" in alt[("nepali", "x-post")]  # Devanagari digits, Indian grouping
    assert "12,00,000" in alt[("hindi-conjuncts", "x-post")]  # Hindi: Western digits (CLDR)
    # ar-MA: Western digits, and CLDR's percent sign kept to their right by LRMs — in the
    # headline too, as in a stat.
    assert "23\u200e%\u200e فقط" in alt[("arabic-maghreb", "x-post")]
    assert "👩🏽\u200d🌾" in alt[("emoji", "x-post")]


def test_contact_sheet_of_the_corpus(corpus_pack: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.png"
    result = runner.invoke(app, ["sheet", str(corpus_pack), "--out", str(sheet),
                                 "-p", "instagram-square", "--width", "1200"])
    assert result.exit_code == 0, result.output
    with Image.open(sheet) as image:
        # 86 square thumbnails of 360 px with 24 px gaps: 3 per 1200 px row, 29 rows.
        assert image.size == (1200, 24 + 29 * (360 + 64 + 24))
        # The first tile is the first card (sorted by language, then platform, then id).
        first = image.convert("RGB").getpixel((24 + 5, 24 + 180))
        with Image.open(corpus_pack / "am" / "instagram-square" / "amharic-born-free.png") as card:
            expected = card.convert("RGB").getpixel((10, 540))
        assert max(abs(a - b) for a, b in zip(first, expected, strict=True)) <= 3


def test_contact_sheet_without_a_pack_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["sheet", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == (f"error: {tmp_path}/manifest.json: no manifest; "
                             f"render the campaign into {tmp_path} first\n")


# --- engine facts behind the pictures -------------------------------------------

@pytest.mark.parametrize(("text", "spans"), [
    ("Together 🌍🤝 for", [(9, 10), (10, 11)]),
    ("👩🏽\u200d🌾!", [(0, 4)]),  # skin tone + ZWJ: one sequence
    ("1\ufe0f\u20e3 and 1", [(0, 3)]),  # keycap; a bare digit is text
    ("🇳🇵🇧🇩", [(0, 2), (2, 4)]),  # two flags, not one
    ("❤\ufe0f vs ❤\ufe0e", [(0, 2)]),  # VS16 emoji, VS15 text
    ("plain text © 2030", []),
    ("👍\u200d ok", [(0, 1)]),  # a ZWJ before a space joins nothing
])
def test_emoji_sequences(text: str, spans: list[tuple[int, int]]) -> None:
    assert emoji_spans(text) == spans


def test_a_zwj_sequence_is_one_colour_glyph() -> None:
    block = layout("👩🏽\u200d🌾", lang="en", direction="ltr", box=(0, 0, 400, 100),
                   rule=FitRule(60, 10, 1))
    assert block.svg.count("<image ") == 1
    assert block.svg.count("<path") == 0
    assert 'href="data:image/png;base64,' in block.svg


def test_zwnj_keeps_persian_letters_apart() -> None:
    face = default_library().stack("fa", "regular")[0]
    joined = "میخواهیم"
    apart = "می\u200cخواهیم"
    glyphs_joined = [g.glyph_id for g in shape(joined, 0, len(joined), 1, face, "fa")]
    glyphs_apart = [g.glyph_id for g in shape(apart, 0, len(apart), 1, face, "fa")
                    if g.advance]
    assert glyphs_joined != glyphs_apart  # ی takes its final form before the ZWNJ
    block = layout(apart, lang="fa", direction="rtl", box=(0, 0, 600, 100), rule=FitRule(40, 10, 1))
    assert "\u200c" in block.text


def test_hanzi_outside_the_bundled_subset_are_named_all_at_once() -> None:
    with pytest.raises(MissingGlyphError) as caught:
        layout("中國兒童國", lang="zh", direction="ltr", box=(0, 0, 600, 100),
               rule=FitRule(40, 10, 1))
    assert str(caught.value) == (
        "no bundled font has the characters '國' (U+570B CJK UNIFIED IDEOGRAPH-570B), "
        "'兒' (U+5152 CJK UNIFIED IDEOGRAPH-5152); the bundled Chinese font has the 6,763 "
        "Simplified characters of GB 2312 (Traditional forms and rare characters are not "
        "included)")


@pytest.mark.parametrize(("lang", "text"), [
    ("ur", "تعلیم ہر بچے کا حق ہے"),
    ("hi", "स्वास्थ्य और शिक्षा सबके लिए"),
    ("km", "ការអប់រំគឺជាសិទ្ធិរបស់កុមារគ្រប់រូប"),
    ("en", "Together 🌍🤝 for 2030 👩🏽\u200d🌾"),
])
@pytest.mark.parametrize("valign", ["top", "middle", "bottom"])
def test_ink_stays_inside_a_tight_box(lang: str, text: str, valign: str) -> None:
    box = (20.0, 30.0, 900.0, 70.0)
    block = layout(text, lang=lang, direction="rtl" if lang == "ur" else "ltr", box=box,
                   rule=FitRule(120, 10, 1, 1.0), valign=valign)  # type: ignore[arg-type]
    assert block.fits
    assert block.ink_top >= 30 - 0.5 and block.ink_bottom <= 100 + 0.5
    assert block.ink_bottom - block.ink_top > 40  # and it still fills the box


def test_contact_page_lists_every_image_with_escaped_alt_text(corpus_pack: Path) -> None:
    page = corpus_pack / "index.html"
    result = runner.invoke(app, ["sheet", str(corpus_pack), "--out",
                                 str(corpus_pack / "sheet.png"), "--html", str(page),
                                 "-p", "instagram-square"])
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    sources = re.findall(r'<img src="([^"]+)"', html)
    assert len(sources) == 86
    assert all((corpus_pack / src).is_file() for src in sources)
    # User text is data: the hostile strings appear escaped, never as markup.
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and "<b>bold</b>" not in html
    assert '<span lang="ar" dir="rtl">' in html


# Where a line may begin, in one corpus sentence per script that needs more than spaces:
# Thai, Lao, Khmer and Myanmar by ICU's dictionaries (whole words, never inside one); Korean
# at its spaces only (hangul words are not cut, as Korean is set); Japanese between any two
# characters but never before 、 or 。; Tibetan after each tsheg; Amharic after each wordspace.
LINE_STARTS = [
    ("th", ["ทุก", "คน", "มี", "สิทธิ", "ใน", "การ", "มี", "ชีวิต ", "เสรีภาพ ", "และ", "ความ",
            "มั่นคง", "แห่ง", "บุคคล"]),
    ("lo", ["ບຸກຄົນ", "ທຸກຄົນ", "ມີ", "ສິດ", "ດຳລົງ", "ຊີວິດ ", "ມີ", "ສິດ", "ເສລີພາບ ", "ແລະ ",
            "ຄວາມປອດໄພ", "ໃນ", "ຕົວ."]),
    ("km", ["ការអប់រំ", "គឺជា", "សិទ្ធិ", "របស់", "កុមារ", "គ្រប់រូប"]),
    ("my", ["လူ", "တိုင်း၌ ", "အသက်", "ရှင်", "ရန် ", "လွတ်လပ်ခွင့်", "နှင့် ", "လုံခြုံ", "စိတ်ချ",
            "ခွင့် ", "ရှိ", "သည်။"]),
    ("ko", ["모든 ", "사람은 ", "교육을 ", "받을 ", "권리를 ", "가진다."]),
    ("ja", ["す", "べ", "て", "人", "は、", "教", "育", "を", "受", "け", "る", "権", "利", "を",
            "有", "す", "る。"]),
    ("bo", ["སྐྱེ་", "བོ་", "རེ་", "རེར་", "ཤེས་", "ཡོན་", "སློབ་", "སྦྱོང་", "གི་", "ཐོབ་", "ཐང་",
            "ཡོད།"]),
    ("am", ["እያንዳንዱ፡", "ሰው፡", "የመማር፡", "መብት፡", "አለው።"]),
]


@pytest.mark.parametrize(("lang", "pieces"), LINE_STARTS, ids=[s[0] for s in LINE_STARTS])
def test_lines_break_where_each_script_breaks(lang: str, pieces: list[str]) -> None:
    from itertools import accumulate

    assert line_breaks("".join(pieces), lang) == list(accumulate(len(p) for p in pieces))


def test_korean_keeps_words_whole_only_in_korean() -> None:
    text = "모든 사람은 교육을"
    assert line_breaks(text, "ko") == [3, 7, 10]
    assert line_breaks(text, "en") == [1, 3, 4, 5, 7, 8, 9, 10]  # UAX #14: between syllables


FULL_STOPS = [("ਵਿਦਿਆ ਮੁਫ਼ਤ ਹੋਏਗੀ ।", "pa"),  # the corpus's Punjabi and Odia write them so
              ("ସେମାନଙ୍କର ମର୍ଯ୍ୟାଦା ଓ ଅଧିକାର ସମାନ ।", "or"),
              ("शिक्षा हर बच्चे का अधिकार है ।", "hi"),
              ("ཐོབ་ཐང་ཡོད ། ཁོང་ཚོར", "bo"),
              ("ရှိသည် ။", "my"),
              ("መብት አለው ።", "am")]


@pytest.mark.parametrize(("text", "lang"), FULL_STOPS, ids=[f[1] for f in FULL_STOPS])
def test_no_line_begins_with_a_full_stop_set_after_a_space(text: str, lang: str) -> None:
    stop = next(i for i, c in enumerate(text) if c in "।།။።")
    assert stop not in line_breaks(text, lang)  # UAX #14 alone allows it (after any space)


# --- regressions found in review ---------------------------------------------------------

def test_an_emoji_first_does_not_change_the_line_spacing() -> None:
    urdu = "ہر بچے کو معیاری تعلیم کا حق ہے اور ہر لڑکی کو بھی یہ حق حاصل ہے"
    rule = FitRule(40, 40, 3, 1.15)  # (560 px wide: Nastaliq is drawn at 1.3× its size)
    plain = layout(urdu, lang="ur", direction="rtl", box=(0, 0, 560, 900), rule=rule)
    emoji = layout("🌍 " + urdu, lang="ur", direction="rtl", box=(0, 0, 560, 900), rule=rule)
    assert len(plain.lines) == len(emoji.lines) == 3
    assert emoji.bottom - emoji.top == pytest.approx(plain.bottom - plain.top)


def test_a_keycap_in_arabic_is_one_emoji() -> None:
    block = layout("مرحبا 4\ufe0f\u20e3", lang="ar", direction="rtl", box=(0, 0, 600, 100),
                   rule=FitRule(40, 10, 1))
    assert block.svg.count("<image ") == 1


def test_an_impossible_ink_fit_says_so_instead_of_spilling() -> None:
    block = layout("a" + "\u0301" * 40, lang="en", direction="ltr", box=(0, 0, 400, 100),
                   rule=FitRule(200, 4, 1, 1.0))
    assert not block.fits or (block.ink_top >= -0.5 and block.ink_bottom <= 100.5)


def test_soft_hyphens_are_dropped_and_only_bidi_controls_draw_nothing() -> None:
    from lnob_graphics.text.bidi import analyse

    assert analyse("Donau\u00addampf", "ltr").text == "Donaudampf"
    empty = layout("\u202b", lang="ar", direction="rtl", box=(0, 0, 100, 100),
                   rule=FitRule(20, 10, 1))
    assert empty.svg == "" and empty.fits


def test_an_emoji_sequence_with_a_character_the_emoji_font_lacks_is_not_silent() -> None:
    with pytest.raises(MissingGlyphError, match=r"U\+E000"):
        layout("👩\u200d\ue000", lang="en", direction="ltr", box=(0, 0, 600, 100),
               rule=FitRule(40, 10, 1))


def test_a_broken_manifest_is_a_clear_sheet_error(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text("[1, 2", encoding="utf-8")
    result = runner.invoke(app, ["sheet", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == (f"error: {tmp_path}/manifest.json: not a manifest written by "
                             "`lnob render`\n")
    (tmp_path / "manifest.json").write_text(
        '{"assets": [{"id": "x", "file": "../../etc/passwd", "lang": "en", "platform": "p"},'
        ' {"file": "a.png"}]}', encoding="utf-8")
    result = runner.invoke(app, ["sheet", str(tmp_path)])
    assert result.exit_code == 2  # nothing outside the pack is read; nothing left to show
    assert result.stderr.endswith("no rendered images match\n")
