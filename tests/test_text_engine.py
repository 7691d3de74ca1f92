"""The text engine with real fonts: shaping, bidi order, alignment, fitting, coverage errors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lnob_graphics.text.bidi import analyse, reorder
from lnob_graphics.text.engine import layout, place_line, prepare
from lnob_graphics.text.fit import ORPHAN_SHRINK, FitRule
from lnob_graphics.text.segment import hyphen_breaks, line_breaks, word_splits
from lnob_graphics.text.shaping import MissingGlyphError


def glyph_names(text: str, lang: str, direction: str | None, weight: str = "regular") -> list[str]:
    para = prepare(text, lang, direction, weight)[0]  # type: ignore[arg-type]
    line = place_line(para, (0, len(para.bidi.text)), 100)
    return [face.hb_font.glyph_to_string(g.glyph_id) for face, glyphs in line.glyph_runs
            for g in glyphs]


def test_arabic_letters_join_and_lam_alef_is_one_ligature() -> None:
    word = "فتاة"
    joined = glyph_names(word, "ar", "rtl")
    isolated = [glyph_names(letter, "ar", "rtl")[0] for letter in reversed(word)]
    # Contextual (initial/medial/final) forms, not the isolated letters cairosvg would draw.
    assert len(joined) == len(isolated) and joined != isolated
    assert sum(a != b for a, b in zip(joined, isolated, strict=True)) >= 3, (joined, isolated)
    lam_alef = glyph_names("لا", "ar", "rtl")
    assert len(lam_alef) == 1, lam_alef


def test_arabic_is_drawn_right_to_left_with_western_digits_left_to_right() -> None:
    # Visual order: the line's first logical word ends up rightmost; "1.2" keeps its order.
    names = glyph_names("يعيش 1.2 مليار", "ar", "rtl")
    digits = [n for n in names if n in ("one", "period", "two")]
    assert digits == ["one", "period", "two"]
    assert names.index("one") > 3  # "مليار" (logically last) is drawn first, at the left


def test_bidi_mirrors_parentheses_and_keeps_latin_inside_arabic_in_order() -> None:
    names = glyph_names("حسب البنك الدولي (World Bank)", "ar", "rtl")
    latin = [n for n in names if len(n) == 1 and n.isascii() and n.isalpha()]
    assert "".join(latin) == "WorldBank"
    # The pair takes the paragraph's direction (UAX #9 rule N0: Arabic precedes it), so
    # both parentheses are right-to-left and HarfBuzz draws each as its mirror: the
    # logical ")" comes first from the left, drawn as "(", and the logical "(" closes
    # "Bank" as ")". Unmirrored, the reader would see ")World Bank(".
    assert names[:12] == ["parenleft", "W", "o", "r", "l", "d", "space", "B", "a", "n", "k",
                          "parenright"]
    assert names[12] == "space"  # then the Arabic, from its last word to its first
    assert names.count("parenleft") == names.count("parenright") == 1


def test_a_bracket_pair_keeps_one_direction_when_latin_follows_it() -> None:
    # "(World Bank) report …": with Latin after ")", UAX #9 before rule N0 resolved "(" as
    # Arabic and ")" as Latin; where the line breaks after ")", the ")" then went to the far
    # side of "World Bank" and both parentheses were drawn as ")". N0 gives the pair the
    # paragraph's direction (Arabic precedes it): ")World Bank(" in visual order, each
    # drawn as its mirror, "(World Bank)".
    text = "تقرير البنك الدولي (World Bank) report يقول"
    bidi = analyse(text, "rtl")
    assert bidi.levels[text.index("(")] == bidi.levels[text.index(")")] == 1
    (para,) = prepare(text, "ar", "rtl", "regular")
    line = place_line(para, (0, text.index(")") + 2), 40)  # the first line ends after ")"
    visual = "".join(para.bidi.text[g.cluster] for _face, glyphs in line.glyph_runs
                     for g in glyphs)
    assert visual == ")World Bank( يلودلا كنبلا ريرقت"
    names = glyph_names(text[:text.index(")") + 1], "ar", "rtl")
    assert names[0] == "parenleft" and names[11] == "parenright"


def test_reorder_rule_l2_on_runs() -> None:
    assert reorder(["a", "b", "c"], [0, 0, 0]) == ["a", "b", "c"]
    assert reorder(["R1", "N", "R2"], [1, 2, 1]) == ["R2", "N", "R1"]
    assert reorder(["R1", "A", "B", "R2"], [1, 2, 2, 1]) == ["R2", "A", "B", "R1"]


def test_paragraph_direction_from_text_when_no_language() -> None:
    assert analyse("التعليم", None).direction == "rtl"
    assert analyse("Education", None).direction == "ltr"


BOX = (100.0, 50.0, 600.0, 300.0)


def test_start_is_the_right_edge_in_arabic_and_the_left_in_english() -> None:
    rule = FitRule(max_size=40, min_size=20, max_lines=3)
    ar = layout("التعليم حق لكل فتاة", lang="ar", direction="rtl", box=BOX, rule=rule)
    en = layout("Education for every girl", lang="en", direction="ltr", box=BOX, rule=rule)
    assert abs(ar.right - 700) < 0.01 and ar.left > 100
    assert abs(en.left - 100) < 0.01 and en.right < 700


def test_text_shrinks_to_fit_and_reports_when_it_cannot() -> None:
    rule = FitRule(max_size=80, min_size=20, max_lines=3)
    long = "Only 23% of poor rural girls in sub-Saharan Africa finish primary school"
    block = layout(long, lang="en", direction="ltr", box=BOX, rule=rule)
    assert block.fits and 20 <= block.size < 80 and len(block.lines) <= 3
    huge = " ".join([long] * 8)
    overflow = layout(huge, lang="en", direction="ltr", box=BOX, rule=rule)
    assert not overflow.fits and overflow.size == 20


def test_a_word_longer_than_the_box_is_hyphenated_as_german_does_never_cut() -> None:
    word = "Menschenrechtsverletzungsuntersuchungskommission"
    rule = FitRule(max_size=60, min_size=40, max_lines=4)
    block = layout(word, lang="de", direction="ltr", box=(0, 0, 400, 400), rule=rule)
    # Too long whole even at 40 px: hyphenated, at the largest size that then fits.
    assert block.fits and 40 <= block.size < 60 and block.right <= 400.5
    # Every line but the last ends with the hyphen drawn, at one of pyphen's German points.
    assert all(line.endswith("-") for line in block.lines[:-1])
    assert "".join(line.removesuffix("-") for line in block.lines) == word
    points = {len("".join(block.lines[:i + 1]).replace("-", "")) for i in range(len(block.lines) - 1)}
    assert points <= set(hyphen_breaks(word, "de"))


def test_a_long_word_with_no_hyphenation_patterns_is_reported_not_cut() -> None:
    word = "Kwamujibuwamakubalianohayotuwaliwekewamaelekezo"  # Swahili: pyphen has no patterns
    rule = FitRule(max_size=60, min_size=40, max_lines=4)
    block = layout(word, lang="sw", direction="ltr", box=(0, 0, 400, 400), rule=rule)
    assert not block.fits and block.size == 40


@pytest.mark.parametrize(("text", "lang", "whole"), [
    ("Only US$1.90 a day for 1,200,000 people", "en", ["US$1.90", "1,200,000"]),
    ("Seules 23 % achèvent, soit 1 200 000 filles", "fr", ["23 %", "1 200 000"]),
    ("١٢٫٥٪ فقط", "ar", ["١٢٫٥٪"]),
    ("see un.org/sdgs/2023 or mail info@example.org", "en", ["un.org/sdgs/2023",
                                                              "info@example.org"]),
    ("१२,००,००० बच्चे", "ne", ["१२,००,०००"]),
    # A ratio in words is one figure; "21 millones" is a number and a word (may break).
    ("1 in 3 women", "en", ["1 in 3"]),
    ("واحدة من كل ١ من كل ٣ نساء", "ar", ["١ من كل ٣"]),
    ("3 में से 1 महिला", "hi", ["3 में से 1"]),
])
def test_no_line_breaks_inside_numbers_amounts_percentages_and_addresses(
        text: str, lang: str, whole: list[str]) -> None:
    breaks = line_breaks(text, lang)
    for span in whole:
        start = text.index(span)
        assert not [b for b in breaks if start < b < start + len(span)], span


def test_a_number_and_its_word_may_break() -> None:
    assert len("21 millones de personas") - len("de personas") in line_breaks(
        "21 millones de personas", "es")  # (after "21 millones ")
    assert 3 in line_breaks("21 millones", "es")  # "21" / "millones"


def test_hyphenation_only_where_the_language_has_patterns_and_the_script_hyphenates() -> None:
    assert hyphen_breaks("communautés", "fr") == [3, 5, 8]  # com-mu-nau-tés
    assert hyphen_breaks("शिक्षा अधिकार", "hi") == []  # Devanagari is not hyphenated
    assert hyphen_breaks("kinachowezekana", "sw") == []  # no Swahili patterns
    assert hyphen_breaks("1200000 internationalisation", "en") != []
    assert all(b > 8 for b in hyphen_breaks("1200000 internationalisation", "en"))


def test_a_character_no_bundled_font_has_is_an_error_naming_it() -> None:
    with pytest.raises(MissingGlyphError, match=r"U\+E000"):
        layout("private \ue000 use", lang="en", direction="ltr", box=BOX,
               rule=FitRule(40, 20, 2))


def test_markup_in_text_is_escaped_in_the_accessible_label() -> None:
    block = layout('<b>bold</b> & "quotes" ]]>', lang="en", direction="ltr", box=BOX,
                   rule=FitRule(40, 10, 4))
    assert "<b>" not in block.svg and "&lt;b&gt;" in block.svg and "]]>" not in block.svg


WORDS = st.lists(st.sampled_from(
    ["leave", "no", "one", "behind", "2030", "education", "girls", "—", "water,", "Menschenrechte",
     "لا", "نترك", "أحداً", "التعليم"]), min_size=1, max_size=40)


@settings(max_examples=40, deadline=None)
@given(words=WORDS, width=st.integers(120, 900), height=st.integers(60, 600),
       max_lines=st.integers(1, 8), lang=st.sampled_from(["en", "ar"]))
def test_fitter_properties(words: list[str], width: int, height: int, max_lines: int,
                           lang: str) -> None:
    text = " ".join(words)
    direction = "rtl" if lang == "ar" else "ltr"
    rule = FitRule(max_size=72, min_size=12, max_lines=max_lines)
    box = (10.0, 10.0, float(width), float(height))
    block = layout(text, lang=lang, direction=direction, box=box, rule=rule)  # type: ignore[arg-type]
    again = layout(text, lang=lang, direction=direction, box=box, rule=rule)  # type: ignore[arg-type]
    assert block.svg == again.svg  # deterministic
    assert 12 <= block.size <= 72
    # Words come back in order, none lost or duplicated.
    assert " ".join(block.lines).split() == text.split() or "".join(block.lines).replace(
        " ", "") == text.replace(" ", "")
    if block.fits:
        assert len(block.lines) <= max_lines
        assert block.left >= 10 - 0.5 and block.right <= 10 + width + 0.5
        # The ink itself (not only the line boxes) stays inside the box.
        assert block.ink_top >= 10 - 0.5 and block.ink_bottom <= 10 + height + 0.5
    # Shrinking never grows: a tighter box never gets a larger size — but for the one
    # choice that trades size for shape: the wider box may go down to ORPHAN_SHRINK of its
    # size to keep a word from standing alone on the last line, which the tighter box's
    # breaks may not need.
    narrower = layout(text, lang=lang, direction=direction, box=(10.0, 10.0, width * 0.8, height),  # type: ignore[arg-type]
                      rule=rule)
    assert narrower.size * ORPHAN_SHRINK <= block.size + 1e-9
    if direction == "rtl" and block.fits:
        assert abs(block.right - (10 + width)) < 0.01


@pytest.mark.parametrize(("lang", "text", "face"), [
    ("hi", "शिक्षा हर बच्चे का अधिकार है", "noto-sans-devanagari-regular"),
    ("ne", "शिक्षा हरेक बालबालिकाको अधिकार हो", "noto-sans-devanagari-regular"),
    ("bn", "শিক্ষা প্রতিটি শিশুর অধিকার", "noto-sans-bengali-regular"),
    ("km", "ការអប់រំគឺជាសិទ្ធិរបស់កុមារគ្រប់រូប", "noto-sans-khmer-regular"),
    ("ur", "تعلیم ہر بچے کا حق ہے", "noto-nastaliq-urdu-regular"),
    ("ps", "زده کړه د هر ماشوم حق دی", "noto-naskh-arabic-regular"),
])
def test_bundled_scripts_shape_with_their_language_font(lang: str, text: str, face: str) -> None:
    para = prepare(text, lang, None, "regular")[0]
    assert {run.face.key for run in para.runs} == {face}
    line = place_line(para, (0, len(para.bidi.text)), 40)
    # Shaping changed the glyph stream (conjuncts, reordered vowels, subscripts, joins):
    # a one-glyph-per-character result would be the broken rendering.
    glyphs = [g for _face, run in line.glyph_runs for g in run]
    ids = [g.glyph_id for g in glyphs]
    cmap_ids = [para.runs[0].face.hb_font.get_nominal_glyph(ord(c)) for c in text]
    assert ids != cmap_ids and ids != cmap_ids[::-1]


def test_khmer_breaks_between_words_without_spaces() -> None:
    text = "ការអប់រំគឺជាសិទ្ធិរបស់កុមារគ្រប់រូប"
    block = layout(text, lang="km", direction="ltr", box=(0, 0, 300, 400),
                   rule=FitRule(max_size=40, min_size=40, max_lines=6))
    assert len(block.lines) > 1 and "".join(block.lines) == text
    # Dictionary breaks: every line starts where ICU's Khmer dictionary puts a word.
    assert block.lines[0] in ("ការអប់រំ", "ការអប់រំគឺជា", "ការអប់រំគឺ", "ការអប់រំគឺជាសិទ្ធិ",
                              "ការអប់រំគឺជាសិទ្ធិរបស់")


def test_chinese_lines_end_between_dictionary_words_where_that_costs_little() -> None:
    # ICU may break a Chinese line between any two characters; the even breaking of this
    # text at 48 px in 700 px ends a line inside 女孩 ("girl"). Ending it one character
    # earlier costs little evenness, so the line ends between words.
    text = "每个儿童都有受教育的权利，一个也不能少。农村贫困女孩只有23%完成小学教育。"
    assert word_splits(text, "zh", line_breaks(text, "zh"))[:4] == [3, 5, 8, 11]  # 儿|童 …
    block = layout(text, lang="zh", direction=None, box=(0, 0, 700, 1000),
                   rule=FitRule(max_size=48, min_size=48, max_lines=8))
    assert block.lines == ("每个儿童都有受教育的权利，", "一个也不能少。农村贫困",
                           "女孩只有23%完成小学教育。")
    assert word_splits("Leave no one behind", "en", line_breaks("Leave no one behind", "en")) == []


def test_a_latin_currency_sign_stays_whole_in_arabic() -> None:
    # "١٫٩٠ US$" in an Arabic sentence: without the marks the numbers module puts around the
    # sign, "$" (a neutral) took the paragraph's direction and was drawn left of "US".
    from lnob_graphics.numbers import number_style

    text = number_style("ar").text("US$1.90 في اليوم")
    (para,) = prepare(text, "ar", "rtl", "regular")
    line = place_line(para, (0, len(para.bidi.text)), 40)
    visual = "".join(para.bidi.text[g.cluster] for _face, glyphs in line.glyph_runs
                     for g in glyphs if para.bidi.text[g.cluster] not in "\u200e\u200f")
    assert visual == "مويلا يف US$\u00a0١٫٩٠"  # read from the right: ١٫٩٠ US$ في اليوم


def test_a_line_never_starts_with_the_source_line_s_middle_dot() -> None:
    text = "World Bank WDI · EG.ELC.ACCS.RU.ZS · 2021"
    dot = text.index("·")
    assert dot not in line_breaks(text, "fr") and dot + 2 in line_breaks(text, "fr")
