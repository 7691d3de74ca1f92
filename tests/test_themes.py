"""Goal themes: official colours, names, and text colours that meet WCAG AA."""

from __future__ import annotations

import pytest

from lnob_graphics.themes import AA_LARGE, AA_NORMAL, INK, WHITE, contrast_ratio, is_large, themes


@pytest.mark.parametrize("key", [str(n) for n in range(1, 18)] + ["lnob"])
def test_every_theme_text_meets_wcag_aa_for_normal_text(key: str) -> None:
    theme = themes()[key]
    assert contrast_ratio(theme.text, theme.colour) >= AA_NORMAL


def test_text_colour_is_computed_yellow_gets_dark_text_red_gets_white() -> None:
    assert themes()["7"].colour == "#FCC30B" and themes()["7"].text == INK
    assert themes()["4"].colour == "#C5192D" and themes()["4"].text == WHITE


def test_contrast_ratio_matches_wcag_reference_values() -> None:
    assert contrast_ratio("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_official_colours() -> None:
    table = themes()
    assert [table[str(n)].colour for n in (1, 6, 13, 17)] == ["#E5243B", "#26BDE2", "#3F7E44",
                                                              "#19486A"]
    assert table["lnob"].is_pledge and len(table["lnob"].stripe) == 17
    # (The goals' names are labels: tests/test_labels.py.)


# The official colours on which white reaches WCAG's 3:1 for large text and graphics
# (goal 12: 3.02:1), and those on which it reaches 4.5:1 for text of every size.
WHITE_LARGE = {1, 3, 4, 5, 8, 10, 12, 13, 14, 16, 17}
WHITE_SMALL = {1, 4, 8, 10, 13, 16, 17}


@pytest.mark.parametrize("goal", range(1, 18))
def test_white_wherever_it_reads_the_computed_colour_otherwise(goal: int) -> None:
    """Per goal: which text gets white (large: numerals, headlines, the pictogram; small:
    source lines), which the computed colour — and every pair meets its level."""
    theme = themes()[str(goal)]
    assert (theme.large == WHITE) == (goal in WHITE_LARGE)
    assert (theme.text == WHITE) == (goal in WHITE_SMALL)
    if goal not in WHITE_LARGE:
        assert theme.large == theme.text == INK  # one dark colour on the card
    assert theme.large.small == theme.text
    white = contrast_ratio(WHITE, theme.colour)
    assert (white >= AA_LARGE) == (goal in WHITE_LARGE)
    assert (white >= AA_NORMAL) == (goal in WHITE_SMALL)
    assert contrast_ratio(theme.large, theme.colour) >= AA_LARGE
    assert contrast_ratio(theme.text, theme.colour) >= AA_NORMAL


def test_ten_of_the_17_goals_had_dark_text_now_four_of_them_get_white_numerals() -> None:
    dark_small = {n for n in range(1, 18) if themes()[str(n)].text != WHITE}
    assert dark_small == {2, 3, 5, 6, 7, 9, 11, 12, 14, 15}
    assert dark_small & WHITE_LARGE == {3, 5, 12, 14}
    assert themes()["lnob"].large == themes()["lnob"].text == WHITE


@pytest.mark.parametrize(("size", "bold", "large"), [
    (24, False, True), (23.9, False, False), (18.67, True, True), (18.6, True, False),
    (300, True, True), (17.3, False, False)])
def test_large_text_is_24_px_or_18_67_px_bold(size: float, bold: bool, large: bool) -> None:
    assert is_large(size, bold) is large
