"""Line breaking and fitting (lnob_graphics/text/fit.py) on synthetic measurements, as Rich
tests its wrapper: no fonts, no shaping, no ICU — each character has a width we choose
(1 em unless a test says otherwise), a line may begin after a run of spaces, and every
character is its own grapheme. Every expected value below was worked out by hand."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lnob_graphics.text.fit import (
    FitRule,
    Line,
    Measured,
    break_balanced,
    break_greedy,
    fit,
    fits_at,
    layout_at,
    orphaned,
    phrase_ends,
)


def measure(text: str, widths: dict[str, float] | None = None, *,
            breaks: Sequence[int] | None = None,
            graphemes: Sequence[int] | None = None,
            hyphens: Sequence[int] = (), hyphen_width: float = 0.5) -> Measured:
    """``text`` as the engine would hand it over, with made-up widths (em)."""
    if breaks is None:  # after each run of spaces, and the end (what ICU says for Latin)
        breaks = [i for i in range(1, len(text)) if text[i - 1] == " " != text[i]]
        breaks += [len(text)] if text else []
    return Measured(
        widths=[(widths or {}).get(c, 1.0) for c in text],
        spaces=[c == " " for c in text],
        breaks=list(breaks),
        graphemes=list(graphemes) if graphemes is not None else list(range(1, len(text) + 1)),
        hyphens=list(hyphens), hyphen_width=hyphen_width,
    )


def offsets(*lines: str) -> list[Line]:
    """The [start, end) offsets of consecutive lines written out as strings."""
    result, start = [], 0
    for line in lines:
        result.append((start, start + len(line)))
        start += len(line)
    return result


# --- Measured.width ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "widths", "span", "expected"), [
    ("ab  ", None, (0, 4), 2.0),  # trailing spaces do not count
    ("ab  ", None, (0, 2), 2.0),
    ("ab  ", None, (1, 3), 1.0),
    ("ab  ", None, (2, 4), 0.0),  # only spaces: nothing to see
    ("a b", None, (0, 3), 3.0),  # a space inside the line does count
    ("WiW", {"W": 3.0, "i": 0.5}, (0, 3), 6.5),  # widths are summed, not characters counted
    ("WiW", {"W": 3.0, "i": 0.5}, (1, 2), 0.5),
])
def test_width_sums_the_advances_without_trailing_spaces(
        text: str, widths: dict[str, float] | None, span: tuple[int, int], expected: float) -> None:
    assert measure(text, widths).width(*span) == expected


# --- break_greedy --------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "max_width", "lines"), [
    ("aa bb", 100, ["aa bb"]),
    ("aa bb cc dd", 5, ["aa bb ", "cc dd"]),  # exactly full: 5 em, its trailing space is free
    ("aa bb cc dd", 4.99, ["aa ", "bb ", "cc ", "dd"]),  # a hair narrower: one word a line
    ("aaaa bbbb", 4, ["aaaa ", "bbbb"]),
    ("aa  bb", 2, ["aa  ", "bb"]),  # a run of spaces stays at the end of the line it follows
    ("abcdefghij", 4, ["abcd", "efgh", "ij"]),  # a word longer than the box: cut, nothing lost
    ("a bcdefgh i", 4, ["a ", "bcde", "fgh ", "i"]),  # the cut word's rest takes the next word
    ("", 4, []),
])
def test_greedy_fills_each_line_with_what_fits(text: str, max_width: float,
                                                lines: list[str]) -> None:
    assert break_greedy(measure(text), max_width) == offsets(*lines)


def test_greedy_measures_widths_not_characters() -> None:
    para = measure("WW ii", {"W": 3.0, "i": 0.5, " ": 0.25})
    assert break_greedy(para, 6) == offsets("WW ", "ii")  # 6 em, then 6.25 + 1 = 7.25
    assert break_greedy(para, 7.25) == offsets("WW ii")


def test_greedy_breaks_only_where_the_breaker_allows() -> None:
    # No spaces, one opportunity in the middle (as ICU gives between Chinese characters):
    # the line ends there, not at the 3 em the box would hold.
    assert break_greedy(measure("aaaa", breaks=[2, 4]), 3) == offsets("aa", "aa")


def test_an_over_long_word_is_cut_between_graphemes_never_inside_one() -> None:
    # Three clusters of two characters (a conjunct, a letter with its mark): 3 em holds one.
    para = measure("abcdef", graphemes=[2, 4, 6])
    assert break_greedy(para, 3) == offsets("ab", "cd", "ef")


def test_a_grapheme_wider_than_the_line_still_gets_a_line_of_its_own() -> None:
    para = measure("ab", {"a": 6.0, "b": 6.0})
    assert break_greedy(para, 4) == offsets("a", "b")  # no endless loop, no letter lost


# --- break_balanced ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "max_width", "greedy", "balanced"), [
    # Greedy fills the first line; the narrowest width that still needs two lines is 11 em.
    ("aa bb cc dd ee ff gg", 14, ["aa bb cc dd ee ", "ff gg"], ["aa bb cc dd ", "ee ff gg"]),
    # Greedy would leave one word on the last line: it takes one from the line above.
    ("aaa bbb ccc dd", 11, ["aaa bbb ", "ccc dd"], ["aaa bbb ", "ccc dd"]),
    ("aaaa bb cc dddd", 12, ["aaaa bb ", "cc dddd"], ["aaaa bb ", "cc dddd"]),
    # One line: nothing to balance.
    ("aaa bbb", 11, ["aaa bbb"], ["aaa bbb"]),
    # Already as even as it gets (at 4.99 em it would take four lines).
    ("aa bb cc dd", 5, ["aa bb ", "cc dd"], ["aa bb ", "cc dd"]),
])
def test_balanced_keeps_the_line_count_and_evens_the_lines(
        text: str, max_width: float, greedy: list[str], balanced: list[str]) -> None:
    para = measure(text)
    assert break_greedy(para, max_width) == offsets(*greedy)
    assert break_balanced(para, max_width) == offsets(*balanced)


# --- layout_at and fits_at: from px to em --------------------------------------------------

ORPHAN = "aaa bbb ccc dd"  # 14 em: two lines at 11 em, "aaa bbb " + "ccc dd" (never "dd" alone)
UNEVEN = "aa bb cc dd ee ff gg"  # 20 em: at 14 em greedy "aa bb cc dd ee " + "ff gg"


@pytest.mark.parametrize(("balance", "lines"), [
    (True, ["aa bb cc dd ", "ee ff gg"]),
    (False, ["aa bb cc dd ee ", "ff gg"]),
])
def test_layout_at_a_size_breaks_at_box_width_over_size(balance: bool, lines: list[str]) -> None:
    # 140 px at 10 px per em: 14 em.
    assert layout_at([measure(UNEVEN)], 10, 140, balance) == [offsets(*lines)]


@pytest.mark.parametrize(("box_height", "max_lines", "leading", "fits"), [
    (23.0, 2, 1.0, True),  # two lines of 10 × 1.15 = 11.5 px
    (22.9, 2, 1.0, False),  # a tenth of a pixel short
    (23.0, 1, 1.0, False),  # tall enough, but two lines where one is allowed
    (34.5, 2, 1.5, True),  # the font's own leading multiplies the line height
    (34.4, 2, 1.5, False),
])
def test_fits_at_checks_line_count_and_height(box_height: float, max_lines: int, leading: float,
                                              fits: bool) -> None:
    rule = FitRule(max_size=10, min_size=10, max_lines=max_lines)
    assert fits_at([measure(ORPHAN)], 10, 110, box_height, rule, leading) is fits


def test_fits_at_refuses_a_line_wider_than_the_box() -> None:
    # One 12 em grapheme at 10 px is 120 px: no break can help in a 110 px box.
    rule = FitRule(max_size=10, min_size=10, max_lines=3)
    assert not fits_at([measure("W", {"W": 12.0})], 10, 110, 1000, rule, 1.0)
    assert fits_at([measure("W", {"W": 12.0})], 10, 120, 1000, rule, 1.0)


# --- fit: the largest size that fits ---------------------------------------------------------

WORD = "abcdefghij"  # one 10 em word: on one line it fits a box up to size = width / 10


@pytest.mark.parametrize(("box_width", "step", "size"), [
    (500, 0.5, 40.0),  # fits at the maximum: no shrinking
    (300, 0.5, 30.0),  # exactly 300 px at 30
    (295, 0.5, 29.5),
    (297, 0.5, 29.5),  # 29.7 would fit, but sizes are on the 0.5 grid: the largest below
    (297, 1.0, 29.0),
    (100, 0.5, 10.0),  # exactly the minimum
])
def test_fit_finds_the_largest_size_on_the_step_grid(box_width: float, step: float,
                                                      size: float) -> None:
    rule = FitRule(max_size=40, min_size=10, max_lines=1)
    result = fit([measure(WORD)], box_width, 1000, rule, step=step)
    assert result.fits and result.size == size
    assert result.lines == [offsets(WORD)]


def test_below_the_minimum_it_reports_not_fitting_laid_out_at_the_minimum() -> None:
    # 50 px at 10 px: 5 em, so the word is cut in two where one line is allowed.
    result = fit([measure(WORD)], 50, 1000, FitRule(max_size=40, min_size=10, max_lines=1))
    assert not result.fits and result.size == 10
    assert result.lines == [offsets("abcde", "fghij")]


def test_a_failed_fit_is_laid_out_greedy_even_when_balance_is_asked() -> None:
    # 11 em at the minimum, but the box is shorter than two lines (2 × 11.5 px).
    rule = FitRule(max_size=10, min_size=10, max_lines=2, balance=True)
    result = fit([measure(UNEVEN)], 140, 20, rule)
    assert not result.fits and result.lines == [offsets("aa bb cc dd ee ", "ff gg")]


def test_max_lines_decides_the_size() -> None:
    # Two lines need at least 7 em ("aaa bbb " / "ccc dd"): size ≤ 110 / 7 = 15.71,
    # so 15.5 on the grid; at 16 (6.875 em) it takes three lines.
    rule = FitRule(max_size=20, min_size=5, max_lines=2, balance=False)
    result = fit([measure(ORPHAN)], 110, 1000, rule)
    assert result.fits and result.size == 15.5
    assert result.lines == [offsets("aaa bbb ", "ccc dd")]


@pytest.mark.parametrize(("leading", "size"), [
    (1.0, 40.0),  # one line of size × 1.15 in a 46 px box: 40
    (1.25, 32.0),  # and the font's leading on top: 46 / 1.15 / 1.25 = 32
])
def test_the_box_height_decides_the_size(leading: float, size: float) -> None:
    rule = FitRule(max_size=60, min_size=10, max_lines=5)
    result = fit([measure(ORPHAN)], 1000, 46, rule, leading)
    assert result.fits and result.size == size and result.line_count == 1


@pytest.mark.parametrize(("balance", "lines"), [
    (True, ["aa bb cc dd ", "ee ff gg"]),
    (False, ["aa bb cc dd ee ", "ff gg"]),
])
def test_the_chosen_size_is_laid_out_as_the_rule_asks(balance: bool, lines: list[str]) -> None:
    rule = FitRule(max_size=10, min_size=5, max_lines=3, balance=balance)
    result = fit([measure(UNEVEN)], 140, 1000, rule)
    assert result.fits and result.size == 10 and result.lines == [offsets(*lines)]


def test_paragraphs_share_the_line_budget() -> None:
    paras = [measure("aa"), measure("bb")]  # two paragraphs: two lines at least
    one = fit(paras, 100, 1000, FitRule(max_size=20, min_size=10, max_lines=1))
    assert not one.fits and one.size == 10 and one.line_count == 2
    two = fit(paras, 100, 1000, FitRule(max_size=20, min_size=10, max_lines=2))
    assert two.fits and two.size == 20 and two.lines == [[(0, 2)], [(0, 2)]]


def test_a_glyph_wider_than_the_box_at_the_minimum_never_fits() -> None:
    result = fit([measure("W", {"W": 12.0})], 110, 1000, FitRule(max_size=20, min_size=10,
                                                                 max_lines=3))
    assert not result.fits and result.size == 10


def test_a_narrower_box_never_gets_a_larger_size() -> None:
    rule = FitRule(max_size=40, min_size=10, max_lines=2)
    sizes = [fit([measure(ORPHAN)], width, 1000, rule).size for width in range(400, 60, -10)]
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[0] == 40 and sizes[-1] == 10


# --- properties, checked against our own arithmetic ------------------------------------------

TEXTS = st.lists(st.text("abc", min_size=1, max_size=12), min_size=1, max_size=12).map(" ".join)
WIDTHS = st.fixed_dictionaries({"a": st.floats(0.3, 2), "b": st.floats(0.3, 2),
                                "c": st.floats(0.3, 2), " ": st.floats(0.1, 1)})


@settings(max_examples=200, deadline=None)
@given(text=TEXTS, widths=WIDTHS, max_width=st.floats(0.5, 30))
def test_breaking_properties(text: str, widths: dict[str, float], max_width: float) -> None:
    para = measure(text, widths)
    greedy = break_greedy(para, max_width)
    balanced = break_balanced(para, max_width)
    for lines in (greedy, balanced):
        # Consecutive, covering the text: nothing lost, duplicated or reordered.
        assert [a for a, _b in lines] == [0] + [b for _a, b in lines[:-1]]
        assert lines[-1][1] == len(text)
        for a, b in lines:
            ink = text[a:b].rstrip(" ")
            width = sum(widths[c] for c in ink)
            # Every line fits, except a single character wider than the whole line.
            assert width <= max_width + 1e-9 or len(ink) == 1
            # A line ends at a break opportunity, or inside a word that had to be cut.
            assert b == len(text) or text[b - 1] == " " or " " not in text[a:b]
    assert len(balanced) == len(greedy)


@settings(max_examples=100, deadline=None)
@given(text=TEXTS, box_width=st.integers(40, 600), box_height=st.integers(20, 400),
       max_lines=st.integers(1, 6))
def test_fit_properties(text: str, box_width: int, box_height: int, max_lines: int) -> None:
    rule = FitRule(max_size=48, min_size=12, max_lines=max_lines)
    result = fit([measure(text)], box_width, box_height, rule)
    assert rule.min_size <= result.size <= rule.max_size
    assert (result.size - rule.min_size) % 0.5 == 0 or result.size == rule.max_size
    if result.fits:
        lines = result.lines[0]
        assert len(lines) <= max_lines
        assert len(lines) * result.size * rule.line_height <= box_height + 1e-6
        for a, b in lines:
            assert len(text[a:b].rstrip(" ")) * result.size <= box_width + 1e-6
    else:
        assert result.size == rule.min_size



# --- a designer's order: shrink, then hyphenate, never cut -----------------------------------

def test_the_text_shrinks_before_a_word_is_broken() -> None:
    # "abcdefgh" is 8 em: at 20 px it needs 160 px, the box is 100 px wide. Cutting it at
    # 20 px would "fit" two lines; the fitter shrinks to 12.5 px (8 em = 100 px) instead.
    rule = FitRule(max_size=20, min_size=5, max_lines=3, balance=False)
    result = fit([measure("abcdefgh")], 100, 1000, rule)
    assert result.fits and result.size == 12.5 and result.lines == [offsets("abcdefgh")]


def test_a_word_too_long_at_the_minimum_size_is_hyphenated_where_its_language_allows() -> None:
    # "abcdefgh" (8 em) in a 5 em box at the minimum size: hyphenation points after "abc"
    # and "abcdef"; a line ending at one carries the hyphen (0.5 em): "abc-" is 3.5 em,
    # "abcdef-" 6.5 em is too wide, so "abc-" / "defgh".
    para = measure("abcdefgh", hyphens=[3, 6])
    rule = FitRule(max_size=10, min_size=10, max_lines=2, balance=False)
    result = fit([para], 50, 1000, rule)
    assert result.fits and result.lines == [offsets("abc", "defgh")]
    assert para.hyphenated(3) and para.width(0, 3) == 3.5 and not para.hyphenated(8)


def test_without_hyphenation_points_a_word_that_cannot_fit_is_reported_not_cut() -> None:
    rule = FitRule(max_size=10, min_size=10, max_lines=2, balance=False)
    result = fit([measure("abcdefgh")], 50, 1000, rule)
    assert not result.fits  # drawn cut only for --on-overflow warn, and reported
    assert result.lines == [offsets("abcde", "fgh")]
    assert not fits_at([measure("abcdefgh")], 10, 50, 1000, rule, 1.0)


def test_a_whole_line_is_not_hyphenated_when_the_words_fit_whole() -> None:
    para = measure("abc defgh", hyphens=[6])
    assert break_greedy(para, 6, hyphenate=True) == offsets("abc ", "defgh")


def test_a_script_without_spaces_keeps_its_breaks_as_they_are() -> None:
    # No spaces (Chinese, Thai): a short last line is normal there, nothing is moved.
    para = measure("一二三四五六七", breaks=list(range(1, 8)))
    assert break_greedy(para, 6) == offsets("一二三四五六", "七")


# --- no word alone on the last line; phrase ends ---------------------------------------------

def test_balanced_reflows_the_paragraph_rather_than_leave_a_word_alone() -> None:
    # "aaaaaaaa bb " (11 em) / "cccc": taking "bb" down leaves "aaaaaaaa" alone above,
    # where the old rule gave up; the whole paragraph's breaking allows it (8 / 7 em).
    para = measure("aaaaaaaa bb cccc")
    assert break_greedy(para, 12) == offsets("aaaaaaaa bb ", "cccc")
    assert orphaned(para, break_greedy(para, 12))
    assert break_balanced(para, 12) == offsets("aaaaaaaa ", "bb cccc")


def test_balanced_avoids_an_orphan_three_lines_down() -> None:
    # 7 em: greedy "aaa bb " / "cc dd " / "ee" leaves "ee" alone, and taking "dd" down
    # would leave "cc" alone above it (the old rule gave up). The whole paragraph reflowed:
    # "aaa " (3) / "bb cc " (5) / "dd ee" (5) is the evenest breaking without an orphan
    # (costs 16/49 + 4/49; "aaa bb " / "cc " / "dd ee" costs 1/49 + 25/49).
    para = measure("aaa bb cc dd ee")
    assert break_greedy(para, 7) == offsets("aaa bb ", "cc dd ", "ee")
    assert orphaned(para, break_greedy(para, 7))
    assert break_balanced(para, 7) == offsets("aaa ", "bb cc ", "dd ee")


def test_a_long_last_word_alone_is_no_orphan() -> None:
    # "eeee" is 4 em under "cc dd" (5 em): it fills its line (at least half the line
    # above), so it stays where greedy filling put it.
    para = measure("aaa bb cc dd eeee")
    assert break_greedy(para, 7) == offsets("aaa bb ", "cc dd ", "eeee")
    assert not orphaned(para, break_greedy(para, 7))
    assert break_balanced(para, 7) == offsets("aaa bb ", "cc dd ", "eeee")
    # One em shorter than half the line above, it is one.
    assert orphaned(measure("aaa bb cc dd e"), offsets("aaa bb ", "cc dd ", "e"))


def test_a_line_ending_at_a_phrase_end_is_preferred_when_it_costs_little() -> None:
    # 12 em: "aaa bb, cccc " (12) / "ddd eee" (7) and "aaa bb, " (7) / "cccc ddd eee" (12)
    # are as even as each other (25/144); without phrase ends the shorter last line wins,
    # with them the line that ends at the comma.
    text = "aaa bb, cccc ddd eee"
    plain = measure(text)
    with_phrases = Measured(plain.widths, plain.spaces, plain.breaks, plain.graphemes,
                            phrase_ends=phrase_ends(text))
    assert phrase_ends(text) == [7]
    assert break_balanced(plain, 12) == offsets("aaa bb, cccc ", "ddd eee")
    assert break_balanced(with_phrases, 12) == offsets("aaa bb, ", "cccc ddd eee")
    # Not at any price: at 11 em "aa, " (3) / "bbb ccc ddd" (11) fits, but costs
    # 64/121 - 0.04 where the even "aa, bbb " / "ccc ddd" (7 and 7) costs 32/121.
    early = "aa, bbb ccc ddd"
    para = measure(early)
    para = Measured(para.widths, para.spaces, para.breaks, para.graphemes,
                    phrase_ends=phrase_ends(early))
    assert break_balanced(para, 11) == offsets("aa, bbb ", "ccc ddd")


@pytest.mark.parametrize(("text", "size", "lines"), [
    # At 10 px the 110 px box is 11 em: "aa bbbbbbbb " / "ccc" leaves a short word alone;
    # at 9 px (12.2 em) "bbbbbbbb ccc" (12 em) fits on the last line: 10 % smaller, chosen.
    ("aa bbbbbbbb ccc", 9.0, ["aa ", "bbbbbbbb ccc"]),
    # "bbbbbbbb cccc" (13 em) would take 8 px (20 % smaller): too much, kept as it is.
    ("aa bbbbbbbb cccc", 10.0, ["aa bbbbbbbb ", "cccc"]),
])
def test_fit_takes_a_slightly_smaller_size_to_avoid_an_orphan(text: str, size: float,
                                                               lines: list[str]) -> None:
    rule = FitRule(max_size=10, min_size=5, max_lines=2)
    result = fit([measure(text)], 110, 1000, rule)
    assert result.fits and result.size == size and result.lines == [offsets(*lines)]
