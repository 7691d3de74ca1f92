"""Numbers as each language writes them (CLDR via Babel), and the ``digits`` override
through a real campaign."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lnob_graphics.card import Card
from lnob_graphics.cli import app
from lnob_graphics.description import describe
from lnob_graphics.numbers import number_style, western_digits
from lnob_graphics.pipeline import load_campaign
from lnob_graphics.platforms import PLATFORMS
from lnob_graphics.render import render_svg
from lnob_graphics.templates import template_set

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


# --- numbers as the campaign writes them, drawn as each card's language does ------------

def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _campaign(tmp_path: Path, assets: str, defaults: str = "", name: str = "c.yaml") -> Path:
    path = tmp_path / name
    path.write_text("defaults:\n  template: stat\n  goal: 1\n  platforms: [x-post]\n"
                    + defaults + "assets:\n" + assets, encoding="utf-8")
    return path


def _drawn(path: Path) -> dict[str, tuple[str, str, str]]:
    """Per language: the stat and the headline as the card draws them, and the alt text."""
    campaign = load_campaign([path])
    templates = template_set(())
    drawn = {}
    for asset in campaign.assets:
        card = Card.of(asset, PLATFORMS["x-post"], templates.infos[asset.template])
        alt = describe(card, PLATFORMS["x-post"]).alt_text
        drawn[asset.lang] = (str(card.fields["stat"]), str(card.fields["headline"]), alt)
    return drawn


SPANISH = """\
  - id: ninas
    languages: [es, fr, ar, en, hi, ne, bn, fa, pt, de, sw, zh]
    numbers: es
    stat: "1.200.000"
    headline: "12,5% de 1.200 niñas viven con US$1,90 al día (2030, COVID-19, meta 4.1)"
"""


@pytest.mark.parametrize(("lang", "stat", "headline"), [
    ("es", "1.200.000", f"12,5{NBSP}% de 1.200 niñas viven con 1,90{NBSP}US$ al día"),
    ("fr", f"1{NNBSP}200{NNBSP}000",
     f"12,5{NBSP}% de 1{NNBSP}200 niñas viven con 1,90{NBSP}$US al día"),
    ("ar", "١٬٢٠٠٬٠٠٠", f"١٢٫٥٪{ALM} de ١٬٢٠٠ niñas viven con \u200f١٫٩٠{NBSP}\u200eUS$\u200e al día"),
    ("en", "1,200,000", "12.5% de 1,200 niñas viven con US$1.90 al día"),
    ("hi", "12,00,000", "12.5% de 1,200 niñas viven con US$1.90 al día"),  # Indian grouping
    ("ne", "१२,००,०००", f"१२.५% de १,२०० niñas viven con US${NBSP}१.९० al día"),
    ("bn", "১২,০০,০০০", f"১২.৫% de ১,২০০ niñas viven con ১.৯০{NBSP}US$ al día"),
    ("fa", "۱٬۲۰۰٬۰۰۰",
     f"۱۲٫۵٪ de ۱٬۲۰۰ niñas viven con \u200eUS$\u200e{NBSP}۱٫۹۰ al día"),
    ("pt", "1.200.000", f"12,5% de 1.200 niñas viven con US${NBSP}1,90 al día"),
    ("de", "1.200.000", f"12,5{NBSP}% de 1.200 niñas viven con 1,90{NBSP}US$ al día"),
    ("sw", "1,200,000", f"12.5% de 1,200 niñas viven con US${NBSP}1.90 al día"),
    ("zh", "1,200,000", "12.5% de 1,200 niñas viven con US$1.90 al día"),
])
def test_a_spanish_campaigns_numbers_on_every_card(tmp_path: Path, lang: str, stat: str,
                                                   headline: str) -> None:
    """numbers: es — 1.200.000 is 1200000, 12,5% is 12.5 %, US$1,90 is 1.90 US dollars,
    in the stat and in running text; years, names and SDG targets stay as written."""
    drawn = _drawn(_campaign(tmp_path, SPANISH))[lang]
    tail = {"ar": " (٢٠٣٠, COVID-19, meta ٤.١)", "ne": " (२०३०, COVID-19, meta ४.१)",
            "bn": " (২০৩০, COVID-19, meta ৪.১)", "fa": " (۲۰۳۰, COVID-19, meta ۴.۱)",
            }.get(lang, " (2030, COVID-19, meta 4.1)")  # digits only: a year, a name, a target
    assert drawn[:2] == (stat, headline + tail)
    # The alt text says what the card shows (its spaces are plain ones).
    assert _plain(f"{stat} — {headline}{tail}") in drawn[2]


@pytest.mark.parametrize(("numbers", "lang", "stat", "headline"), [
    # The same words, written the French way: spaces group, the comma is the decimal sign.
    ("numbers: fr", "en", "1,200,000", "1,200,000 people, 12.5%"),
    ("numbers: fr", "ar", "١٬٢٠٠٬٠٠٠", f"١٬٢٠٠٬٠٠٠ people, ١٢٫٥٪{ALM}"),
    ("numbers: fr", "fr", f"1{NNBSP}200{NNBSP}000", f"1{NNBSP}200{NNBSP}000 people, 12,5{NBSP}%"),
    ('decimal: ","', "en", "1,200,000", "1 200 000 people, 12.5%"),  # a plain space: not said
    ("numbers: en", "en", "1,200,000", "1 200 000 people, 12.5%"),  # 12,5%: one reading
])
def test_the_way_a_campaign_says_it_writes_numbers(tmp_path: Path, numbers: str, lang: str,
                                                   stat: str, headline: str) -> None:
    assets = (f"  - id: people\n    languages: [en, ar, fr]\n    {numbers}\n"
              f'    stat: "1 200 000"\n    headline: "1 200 000 people, 12,5%"\n')
    assert _drawn(_campaign(tmp_path, assets))[lang][:2] == (stat, headline)


@pytest.mark.parametrize(("lang", "written", "shown"), [
    # Money: the currency the sign means, on the side and with the sign the language uses,
    # the writer's decimals; a sign several currencies share is kept as written.
    ("en", "US$1.90", "US$1.90"),  # English's $ for the US dollar says which dollar: US$
    ("fr", "US$1.90", f"1,90{NBSP}$US"),
    ("es", "US$1.90", f"1,90{NBSP}US$"),
    ("pt", "US$1.90", f"US${NBSP}1,90"),
    ("de", "US$1.90", f"1,90{NBSP}US$"),
    ("sw", "US$1.90", f"US${NBSP}1.90"),
    ("zh", "US$1.90", "US$1.90"),
    ("ar", "US$1.90", f"\u200f١٫٩٠{NBSP}\u200eUS$\u200e"),  # marks keep US$ whole
    ("fa", "US$1.90", f"\u200eUS$\u200e{NBSP}۱٫۹۰"),
    ("hi", "US$1.90", "US$1.90"),
    ("ne", "US$1.90", f"US${NBSP}१.९०"),
    ("bn", "US$1.90", f"১.৯০{NBSP}US$"),
    ("en", "1,90 €", "€1.90"),
    ("fr", "€1.90", f"1,90{NBSP}€"),
    ("ar", "€1.90", f"\u200f١٫٩٠{NBSP}€"),
    ("hi", "₹5,00,000", "₹5,00,000"),
    ("en", "₹5,00,000", "₹500,000"),
    ("fr", "₹500", f"500{NBSP}₹"),
    ("es", "₹500", f"500{NBSP}INR"),  # CLDR's Spanish writes the code
    ("fr", "£3", f"3{NBSP}£GB"),
    ("ar", "£3", f"\u200f٣{NBSP}\u200eUK£\u200e"),
    ("en", "1.900,50 FCFA", f"FCFA{NBSP}1,900.50"),  # a space between letters and digits
    ("fr", "1.900,50 FCFA", f"1{NNBSP}900,50{NBSP}FCFA"),
    ("fr", "XOF 1.900,50", f"1{NNBSP}900,50{NBSP}F{NNBSP}CFA"),
    ("en", "$1.90", "$1.90"),  # a dollar, but which: kept
    ("fr", "$1.90", f"1,90{NBSP}$"),
    ("fr", "¥500", f"500{NBSP}¥"),
    ("en", "-US$5", "-US$5"),
])
def test_money_in_every_language(lang: str, written: str, shown: str) -> None:
    assert number_style(lang).text(written) == shown


@pytest.mark.parametrize(("lang", "shown"), [
    # A field that is only an ISO date: CLDR's long date, in the card's digits.
    ("en", "March 8, 2024"),
    ("fr", "8 mars 2024"),
    ("es", "8 de marzo de 2024"),
    ("pt", "8 de março de 2024"),
    ("de", "8. März 2024"),
    ("sw", "8 Machi 2024"),
    ("zh", "2024年3月8日"),
    ("ar", "٨ مارس ٢٠٢٤"),
    ("fa", "۸ مارس ۲۰۲۴"),
    ("hi", "8 मार्च 2024"),
    ("ne", "२०२४ मार्च ८"),
    ("bn", "৮ মার্চ, ২০২৪"),
    ("ur", "8 مارچ، 2024"),
])
def test_dates_in_every_language(lang: str, shown: str) -> None:
    assert number_style(lang).text("2024-03-08") == shown
    assert number_style(lang).text("Report of 2024-03-08") == (
        "Report of " + number_style(lang).integer(2024) + "-"
        + number_style(lang).text("03") + "-" + number_style(lang).text("08"))


def test_a_date_follows_the_digits_override() -> None:
    assert number_style("ar", "latn").text("2024-03-08") == "8 مارس 2024"


def test_a_date_cell_reaches_the_card_and_its_alt_text(tmp_path: Path) -> None:
    assets = ('  - id: day\n    languages: [en, fr, ar, zh]\n    stat: "2024-03-08"\n'
              '    headline: "International Women\'s Day"\n')
    drawn = _drawn(_campaign(tmp_path, assets))
    assert {lang: d[0] for lang, d in drawn.items()} == {
        "en": "March 8, 2024", "fr": "8 mars 2024", "ar": "٨ مارس ٢٠٢٤", "zh": "2024年3月8日"}
    assert drawn["fr"][2] == "Objectif 1, Pas de pauvreté: 8 mars 2024 — International Women’s Day."
    assert drawn["ar"][2].startswith("الهدف ١، القضاء على الفقر: ٨ مارس ٢٠٢٤ — ")


def _render(path: Path, tmp_path: Path, *options: str) -> tuple[int, str, dict[str, object]]:
    result = CliRunner().invoke(app, ["render", str(path), "--out", str(tmp_path / "out"),
                                      "--quiet", *options])
    manifest_path = tmp_path / "out" / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() \
        else {}
    return result.exit_code, result.stderr, manifest


def test_a_number_that_reads_two_ways_is_a_warning_naming_both(tmp_path: Path) -> None:
    path = _campaign(tmp_path, (
        "  - id: shared\n    languages: [en, fr, ar]\n    stat: \"1.200\"\n"
        "    headline: {en: \"1,200 girls\", fr: \"1.200 filles\", ar: \"1,200 فتاة\"}\n"
        "  - id: spanish\n    lang: es\n    stat: \"12,5%\"\n    headline: \"1.200 niñas\"\n"))
    code, stderr, manifest = _render(path, tmp_path)
    assert code == 0, stderr
    assert manifest["warnings"] == [
        f"{path}:8: stat: '1.200' can be read as 1200 (es, de, fr…) or as 1.2 (en…); the cards "
        "show 1.2, as English writes numbers — say how the campaign writes numbers: numbers: es "
        "or numbers: en",
        f"{path}:9: headline: '1,200' can be read as 1200 (en…) or as 1.2 (es, de, fr…); the en "
        "cards show 1200, as en writes numbers — say how the campaign writes numbers: numbers: "
        "en or numbers: es",
        f"{path}:9: headline: '1.200' can be read as 1200 (es, de, fr…) or as 1.2 (en…); the fr "
        "cards show 1200, as fr writes numbers — say how the campaign writes numbers: numbers: "
        "es or numbers: en",
        f"{path}:9: headline: '1,200' can be read as 1200 (en…) or as 1.2 (es, de, fr…); the ar "
        "cards show 1200, as ar writes numbers — say how the campaign writes numbers: numbers: "
        "en or numbers: es",
        f"{path}:13: headline: '1.200' can be read as 1200 (es, de, fr…) or as 1.2 (en…); the es "
        "cards show 1200, as es writes numbers — say how the campaign writes numbers: numbers: "
        "es or numbers: en"]
    assert "warning: 5 × a number that reads two ways:" in stderr  # grouped in the summary
    alt = {(a["id"], a["lang"]): a["alt_text"] for a in manifest["assets"]}  # type: ignore[union-attr]
    assert alt[("shared", "en")].endswith(": 1.200 — 1,200 girls.")  # 1.2, and 1200 girls
    assert alt[("shared", "fr")].endswith(": 1,200 — 1 200 filles.")
    assert alt[("shared", "ar")].endswith(": ١٫٢٠٠ — ١٬٢٠٠ فتاة.")
    assert alt[("spanish", "es")].endswith(": 12,5 % — 1.200 niñas.")
    code, stderr, _ = _render(path, tmp_path, "--strict")
    assert code != 0


def test_said_once_for_the_campaign_no_warning_and_every_card_agrees(tmp_path: Path) -> None:
    path = _campaign(tmp_path, (
        "  - id: shared\n    languages: [en, fr, ar]\n    stat: \"1.200\"\n"
        "    headline: \"1.200 girls\"\n"), defaults="  numbers: es\n")
    code, stderr, manifest = _render(path, tmp_path)
    assert code == 0 and manifest["warnings"] == [], stderr
    alt = {a["lang"]: a["alt_text"] for a in manifest["assets"]}  # type: ignore[union-attr]
    assert alt == {
        "en": "Goal 1, No poverty: 1,200 — 1,200 girls.",
        "fr": "Objectif 1, Pas de pauvreté: 1 200 — 1 200 girls.",
        "ar": "الهدف ١، القضاء على الفقر: ١٬٢٠٠ — ١٬٢٠٠ girls."}


def test_an_asset_says_otherwise_than_its_files_defaults(tmp_path: Path) -> None:
    path = _campaign(tmp_path, (
        "  - id: a\n    lang: en\n    stat: \"1.200\"\n    headline: x\n"
        "  - id: b\n    lang: en\n    decimal: \".\"\n    stat: \"1.200\"\n    headline: x\n"),
        defaults="  numbers: de\n")
    drawn = {asset.id: asset for asset in load_campaign([path]).assets}
    assert [Card.of(drawn[i], PLATFORMS["x-post"], template_set(()).infos["stat"]).fields["stat"]
            for i in ("a", "b")] == ["1,200", "1.200"]


def test_a_translation_its_language_reads_otherwise_than_the_campaign_says(tmp_path: Path) -> None:
    path = _campaign(tmp_path, (
        "  - id: a\n    languages: [es, en]\n    numbers: es\n    stat: \"1.200.000\"\n"
        "    headline: {es: \"1.200 niñas\", en: \"Only 1,200 girls\"}\n"))
    code, stderr, manifest = _render(path, tmp_path)
    assert code == 0, stderr
    assert manifest["warnings"] == [
        f"{path}:10: headline: '1,200' can be read as 1.2 (numbers: es, as the campaign says) "
        "or as 1200 (as en writes numbers, the language of this text); the en cards show 1.2 "
        "— to mean 1200, write 1200"]


def test_numbers_in_a_csv_column_per_row(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("id,template,goal,lang,numbers,stat,headline\n"
                    "a,stat,1,fr,es,1.200,Hay 1.200 niñas\n"
                    "b,stat,1,fr,en,1.200,There are 1.200 girls\n"
                    "c,stat,1,fr,,\"1 200\",Il y a 1 200 filles\n", encoding="utf-8")
    drawn = {a.id: Card.of(a, PLATFORMS["x-post"], template_set(()).infos["stat"])
             for a in load_campaign([path]).assets}
    assert {k: (str(c.fields["stat"]), str(c.fields["headline"])) for k, c in drawn.items()} == {
        "a": (f"1{NNBSP}200", f"Hay 1{NNBSP}200 niñas"),
        "b": ("1,200", "There are 1,200 girls"),  # 1.2 with three decimals, in French
        "c": (f"1{NNBSP}200", f"Il y a 1{NNBSP}200 filles")}  # the French row, read the French way


@pytest.mark.parametrize(("line", "message"), [
    ("numbers: spanish", "numbers: unknown language 'spanish' (did you mean es?); numbers: "
                         "takes the language whose way of writing numbers the campaign uses, such "
                         'as es, fr, en, pt-BR (or say decimal: "," or decimal: ".")'),
    ("numbers: {en: en, es: es}", "numbers: one way of writing numbers for all the asset's "
                                  "text, such as numbers: es; the text of each language is read "
                                  "as that language writes numbers when the campaign does not say"),
    ("decimal: comma", "decimal: expected \",\" or \".\" (in quotes in YAML: decimal: \",\"), "
                       "got 'comma'"),
])
def test_a_way_of_writing_numbers_that_is_not_one(tmp_path: Path, line: str, message: str) -> None:
    path = _campaign(tmp_path, "  - id: a\n    lang: en\n    stat: \"1\"\n    headline: x\n",
                     defaults=f"  {line}\n")
    code, stderr, _ = _render(path, tmp_path)
    assert code == 2
    assert stderr.splitlines()[0] == f"error: {path}:5: {message}"


def test_numbers_and_decimal_that_disagree(tmp_path: Path) -> None:
    path = _campaign(tmp_path, "  - id: a\n    numbers: es\n    decimal: \".\"\n    lang: en\n"
                               "    stat: \"1\"\n    headline: x\n")
    code, stderr, _ = _render(path, tmp_path)
    assert code == 2 and stderr.splitlines()[0] == (
        f"error: {path}:8: decimal: numbers: es writes decimals with ',' but decimal: \".\": "
        "give one of them")


def test_a_day_the_calendar_lacks_is_an_error(tmp_path: Path) -> None:
    path = _campaign(tmp_path, "  - id: a\n    lang: en\n    stat: \"2024-02-30\"\n"
                               "    headline: x\n")
    code, stderr, _ = _render(path, tmp_path)
    assert code == 2 and stderr.splitlines()[0] == (
        f"error: {path}:8: stat: '2024-02-30' is not a day of the calendar (a date is written "
        "year-month-day, e.g. 2024-03-08)")


def test_a_bare_dollar_is_kept_with_a_note(tmp_path: Path) -> None:
    path = _campaign(tmp_path, "  - id: a\n    languages: [en, fr]\n    stat: \"$1.90\"\n"
                               "    headline: Living on $1.90 a day\n")
    code, stderr, manifest = _render(path, tmp_path)
    assert code == 0 and manifest["warnings"] == []
    assert stderr.splitlines()[:2] == [
        f"note: {path}:8: stat: '$1.90': $ is the sign of the US, Canadian, Australian… dollars "
        "and of several pesos; the cards keep it as written — for US dollars write US$1.90 or "
        "1.90 USD",
        f"note: {path}:9: headline: '$1.90': $ is the sign of the US, Canadian, Australian… "
        "dollars and of several pesos; the cards keep it as written — for US dollars write "
        "US$1.90 or 1.90 USD"]
    alt = {a["lang"]: a["alt_text"] for a in manifest["assets"]}  # type: ignore[union-attr]
    assert alt["fr"] == "Objectif 1, Pas de pauvreté: 1,90 $ — Living on 1,90 $ a day."


def test_number_fields_and_chart_data_read_the_campaigns_way(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("""\
defaults:
  numbers: es
assets:
  - id: chart
    template: chart
    goal: 4
    languages: [en, fr]
    platforms: [x-post]
    title: Niñas en la escuela
    data: "Rural: 1.200; Urbano: 2.500,5"
    target: "3.000"
""", encoding="utf-8")
    assets = {a.lang: a for a in load_campaign([path]).assets}
    points = assets["en"].series["data"]
    assert [(p.value, p.written) for p in points] == [(1200.0, "1,200"), (2500.5, "2,500.5")]
    card = Card.of(assets["fr"], PLATFORMS["x-post"], template_set(()).infos["chart"])
    assert card.values["target"] == 3000
    assert [str(p.display) for p in card.series["data"]] == [f"1{NNBSP}200", f"2{NNBSP}500,5"]
    assert str(card.fields["target"]) == f"3{NNBSP}000"


def test_what_the_card_draws_is_the_localized_text(tmp_path: Path) -> None:
    """Through the template: the text blocks laid out on the card."""
    asset = next(a for a in load_campaign([_campaign(tmp_path, SPANISH)]).assets
                 if a.lang == "fr")
    rendered = render_svg(asset, PLATFORMS["x-post"], template_set(()))
    drawn = {name: block.text for name, block in rendered.texts}
    assert drawn["stat"] == f"1{NNBSP}200{NNBSP}000"
    assert drawn["headline"].startswith(f"12,5{NBSP}% de 1{NNBSP}200 niñas viven con 1,90{NBSP}$US")


def test_a_carousels_points_read_the_campaigns_way_on_their_slides(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("""\
assets:
  - id: slides
    template: carousel
    goal: 1
    numbers: es
    languages: [fr, ar]
    platforms: [instagram-portrait]
    title: Quién se queda atrás
    items: "1.200.000 niñas | el 12,5% más pobre"
    cta: Actúa
""", encoding="utf-8")
    templates = template_set(())
    slides = {}
    for asset in load_campaign([path]).assets:
        card = Card.of(asset, PLATFORMS["instagram-portrait"], templates.infos["carousel"], 3)
        slides[asset.lang] = (str(card.lists["items"][0]), str(card.page.item if card.page else ""),
                              describe(card, PLATFORMS["instagram-portrait"]).alt_text)
    assert slides["fr"] == (f"1{NNBSP}200{NNBSP}000 niñas", f"el 12,5{NBSP}% más pobre",
                            f"el 12,5{NBSP}% más pobre (3/4)")
    assert slides["ar"][:2] == ("١٬٢٠٠٬٠٠٠ niñas", f"el ١٢٫٥٪{ALM} más pobre")


@pytest.mark.parametrize(("lang", "digits", "text", "shown"), [
    # A translator's own digits beside the card's: one digit system on the card.
    ("hi", None, "२०३० तक १५% और US$1.90", "2030 तक 15% और US$1.90"),
    ("hi", "deva", "2030 तक १५%", "२०३० तक १५%"),
    ("ne", None, "२०३० सम्म 15% र १५%", "२०३० सम्म १५% र १५%"),
    ("fa", None, "سال ۲۰۳۰ و 15%", "سال ۲۰۳۰ و ۱۵٪"),
    ("ar", "latn", "بحلول ٢٠٣٠ و١٫٥٪", "بحلول 2030 و1.5\u200e%\u200e"),  # (CLDR's marks)
    # A name keeps even its digits, whichever the script (as COVID-19 does).
    ("ar", None, "كوفيد-١٩ في 2020", "كوفيد-١٩ في ٢٠٢٠"),
])
def test_digits_of_any_script_become_the_cards(lang: str, digits: str | None, text: str,
                                                shown: str) -> None:
    assert number_style(lang, digits).text(text) == shown


def test_arabic_separators_are_read_as_the_campaign_writes_numbers() -> None:
    from lnob_graphics.notation import Notation

    assert western_digits("١٬٢٠٠٫٥") == "1,200.5"
    assert western_digits("١٬٢٠٠٫٥", Notation(decimal=",")) == "1.200,5"
    assert western_digits("١٥٪") == "15%"
