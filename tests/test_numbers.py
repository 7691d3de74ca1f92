"""Numbers as each language writes them (CLDR via Babel), and the ``digits`` override
through a real campaign."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lnob_graphics.cli import app
from lnob_graphics.numbers import number_style

ALM, NBSP, NNBSP = "\u061c", "\u00a0", "\u202f"


@pytest.mark.parametrize(("lang", "written", "shown"), [
    # A field that is only a number: the language's separators, percent sign and digits.
    ("en", "23%", "23%"),
    ("fr", "23%", f"23{NBSP}%"),
    ("tr", "23%", "%23"),
    ("ar", "23%", f"٢٣٪{ALM}"),  # Arabic-Indic, as on the UN's Arabic goal icons
    ("ar-EG", "23%", f"٢٣٪{ALM}"),
    ("ar-MA", "23%", "23\u200e%\u200e"),  # Western digits in the Maghreb (CLDR)
    ("fa", "23%", "۲۳٪"),
    ("ps", "12.5%", "۱۲٫۵٪"),
    ("ne", "1,200,000", "१२,००,०००"),  # Devanagari digits, Indian grouping
    ("hi", "1200000", "12,00,000"),  # Hindi: Western digits by default (CLDR)
    ("bn", "1,200,000", "১২,০০,০০০"),
    ("en", "1200000", "1,200,000"),  # five digits or more: grouped
    ("fr", "1200000", f"1{NNBSP}200{NNBSP}000"),
    ("pt", "1,200,000", "1.200.000"),
    ("ru", "-3.5", "-3,5"),
    ("en", "2030", "2030"),  # a year stays a year
    ("ar", "2030", "٢٠٣٠"),
    ("en", "12.50%", "12.50%"),  # the writer's decimals are kept
    ("xx", "1200000", "1,200,000"),  # unknown language: plain Western
])
def test_whole_numbers(lang: str, written: str, shown: str) -> None:
    assert number_style(lang).text(written) == shown


@pytest.mark.parametrize(("lang", "written", "shown"), [
    # Running text: the writer's grouping is kept; digits and separators follow the language.
    ("ar", "يعيش 1.2 مليار شخص", "يعيش ١٫٢ مليار شخص"),
    ("ar", "و23% من الفتيات", f"و٢٣٪{ALM} من الفتيات"),  # glued to the Arabic "and": a number
    ("ar", "كوفيد COVID-19 و G20 و 4G", "كوفيد COVID-19 و G20 و 4G"),  # names stay
    ("fa", "تا سال 2030", "تا سال ۲۰۳۰"),
    ("fa", "تا سال ۲۰۳۰", "تا سال ۲۰۳۰"),  # already Persian
    ("en", "Only 23% of 1,200 girls", "Only 23% of 1,200 girls"),  # Western: untouched
    ("fr", "1,2 milliard", "1,2 milliard"),  # translators' own conventions are kept
    ("ne", "सन् 2030 सम्म", "सन् २०३० सम्म"),
])
def test_numbers_in_text(lang: str, written: str, shown: str) -> None:
    assert number_style(lang).text(written) == shown


@pytest.mark.parametrize(("lang", "digits", "shown"), [
    ("ar", "latn", "23%"),
    ("en", "arab", f"٢٣٪{ALM}"),
    ("hi", "deva", "२३%"),
    ("ar", "default", f"٢٣٪{ALM}"),
])
def test_digits_override(lang: str, digits: str, shown: str) -> None:
    assert number_style(lang, digits).text("23%").replace("\u200e", "") == shown


def test_goal_numbers_are_digits_only() -> None:
    assert number_style("ar").integer(17) == "١٧"
    assert number_style("bn").integer(4) == "৪"
    assert number_style("en").integer(16) == "16"


CAMPAIGN = """\
defaults:
  template: stat
  goal: 4
  platforms: [x-post]
  digits: {digits}
assets:
  - id: girls-school
    languages: [en, ar]
    stat: "23%"
    headline: {{en: "Only 23% finish school", ar: "لا تكمل سوى 23% المدرسة"}}
"""


@pytest.mark.parametrize(("digits", "arabic_stat"), [
    ("default", f"٢٣٪{ALM}"),
    ("latn", "23\u200e%\u200e"),  # CLDR's Arabic percent with Western digits: LRM-marked
    ("{ar: latn}", "23\u200e%\u200e"),
])
def test_campaign_digits_reach_the_image_and_its_alt_text(tmp_path: Path, digits: str,
                                                          arabic_stat: str) -> None:
    campaign = tmp_path / "c.yaml"
    campaign.write_text(CAMPAIGN.format(digits=digits), encoding="utf-8")
    result = CliRunner().invoke(app, ["render", str(campaign), "--out", str(tmp_path / "out"),
                                      "--quiet"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    alt = {a["lang"]: a["alt_text"] for a in manifest["assets"]}
    goal = "٤" if arabic_stat.startswith("٢") else "4"
    assert alt["ar"].startswith(f"الهدف {goal}، التعليم الجيد: {arabic_stat} — ")
    assert alt["en"].startswith("Goal 4, Quality education: 23% — ")


@pytest.mark.parametrize(("lang", "written", "shown"), [
    ("ar", "unstats.un.org/sdgs/report/2023", "unstats.un.org/sdgs/report/2023"),  # an address
    ("ar", "goal4-2030", "goal4-2030"),  # a name with Latin letters
    ("ar", "10.5.2023", "١٠.٥.٢٠٢٣"),  # a date: digits only, no decimal sign
    ("ar", "مرحبا 4\ufe0f\u20e3 بالعالم", "مرحبا 4\ufe0f\u20e3 بالعالم"),  # a keycap emoji
    ("ar", "كوفيد-19", "كوفيد-١٩"),  # Arabic letters: the digits follow Arabic
    ("en", "00123", "00123"),  # a code, not a quantity: never grouped
    ("fa", "name@example.org 2030", "name@example.org ۲۰۳۰"),
])
def test_names_addresses_dates_and_keycaps(lang: str, written: str, shown: str) -> None:
    assert number_style(lang).text(written) == shown


def test_digits_the_fonts_cannot_draw_are_refused_at_the_digits_line(tmp_path: Path) -> None:
    campaign = tmp_path / "c.yaml"
    campaign.write_text(CAMPAIGN.format(digits="khmr").replace("[en, ar]", "[ar]"),
                        encoding="utf-8")
    result = CliRunner().invoke(app, ["render", str(campaign), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"error: {campaign}:5: digits: the fonts for 'ar' have no 'khmr' digits; use latn, or "
        "default for the language's own")
