"""Goal themes: official colours, names, and text colours that meet WCAG AA."""

from __future__ import annotations

import pytest

from lnob_graphics.themes import AA_NORMAL, INK, WHITE, contrast_ratio, themes


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
