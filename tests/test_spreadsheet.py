"""lnob_graphics.spreadsheet: .xlsx, .ods and .xls read directly, on files LibreOffice wrote
(tests/fixtures/sheets/make_sheets.py). Each cell becomes the text the sheet shows (23%
for a percent cell holding 0.23), a sheet means what the same rows in a CSV mean, and
every message points at the cell (``cells.xlsx:Typos!C2: goal``)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES
from lnob_graphics.campaign import Asset
from lnob_graphics.cli import app
from lnob_graphics.errors import InputError
from lnob_graphics.loader import load
from lnob_graphics.pipeline import load_campaign
from lnob_graphics.spreadsheet import (
    Unreadable,
    column_letter,
    date_text,
    excel_look,
    number_text,
    split_sheet,
)

SHEETS = Path(__file__).resolve().parent / "fixtures" / "sheets"
runner = CliRunner()

HEADLINE_EN = "Only 23% of poor rural girls in sub-Saharan Africa finish primary school"
HEADLINE_FR = ("Seules 23 % des filles pauvres des zones rurales d’Afrique subsaharienne "
               "achèvent l’école primaire")
SOURCE_EN = "Leave No One Behind Partnership, 2016"
SOURCE_FR = "Partenariat Leave No One Behind, 2016"


def _fields(path: Path, sheet: str | None = None) -> dict[tuple[str, str], dict[str, object]]:
    return {(a.id, a.lang): {**a.fields, **{k: list(v) for k, v in a.lists.items()},
                             **{k: [(p.label, p.written) for p in v]
                                for k, v in a.series.items()}}
            for a in load_campaign([path], sheet=sheet).assets}


def _problems(path: Path, sheet: str | None = None) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_campaign([path], sheet=sheet)
    return [str(p) for p in caught.value.problems]


def _bare(asset: Asset) -> Asset:
    """The asset without where it is written."""
    return replace(asset, file="", line=0, field_lines={}, cells=None)


# --------------------------------------------------------------------------- cell → text

@pytest.mark.parametrize(("code", "value", "text"), [
    ("General", 4.0, "4"),
    ("General", 0.1 + 0.2, "0.3"),  # 15 significant digits, as the sheet shows it
    ("General", 1e20, "100000000000000000000"),
    ("General", 1e-7, "0.0000001"),
    ("General", -0.0, "0"),
    ("@", 12.5, "12.5"),
    ("0%", 0.23, "23%"),
    ("0%", 0.125, "13%"),  # rounded half up, as spreadsheets round
    ("0.0%", 0.125, "12.5%"),
    ("0.00%", 0.5, "50.00%"),
    ("0.0 %", 0.125, "12.5 %"),
    ("0.0", 33.3333333, "33.3"),
    ("0.00", 12, "12.00"),
    ("0.0#", 3.1, "3.1"),
    ("0.0#", 3.14159, "3.14"),
    ("#,##0", 1234.5, "1235"),  # no grouping: each card groups as its language does
    ("#.##", 0.5, ".5"),
    ('0.0,,"M"', 1234567, "1.2M"),
    ('#,##0.0,,," billion"', 1.2e9, "1.2 billion"),
    ("#,##0.00\\ [$€-40C]", 1200, "1200.00 €"),
    ('[$$-409]#,##0', 1200, "$1200"),
    ("#,##0;(#,##0)", -5, "(5)"),
    ("#,##0;-#,##0", -5, "-5"),
    ("[Red]0.0;[Blue]-0.0", -2.25, "-2.3"),
    ('_-* #,##0.00 €_-;-* #,##0.00 €_-;_-* "-"?? €_-;_-@_-', 0, "- €"),
])
def test_a_number_is_shown_as_its_format_shows_it(code: str, value: float, text: str) -> None:
    assert number_text(value, excel_look(code, value)) == text


@pytest.mark.parametrize(("code", "why"), [
    ("0.00E+00", "it shows an exponent"),
    ("# ?/?", "it shows a fraction"),
    ("[>100]0;0.0", "it has conditions"),
    ("000-0000", "it shows several numbers"),
])
def test_a_format_a_card_cannot_show_is_refused(code: str, why: str) -> None:
    with pytest.raises(Unreadable) as caught:
        excel_look(code, 5)
    assert str(caught.value) == (
        f"its number format {code!r} cannot be shown on a card as in the sheet ({why}): give "
        "the cell a Number or Percent format, or type the text as the card should show it")


def test_dates_are_iso() -> None:
    from datetime import date, datetime, time, timedelta

    assert date_text(date(2024, 3, 8)) == "2024-03-08"
    assert date_text(datetime(2024, 3, 8)) == "2024-03-08"
    assert date_text(datetime(2024, 3, 8, 14, 30)) == "2024-03-08 14:30"
    assert date_text(datetime(2024, 3, 8, 14, 30), shows_time=False) == "2024-03-08"
    assert date_text(time(9, 5, 7)) == "09:05:07"
    assert date_text(timedelta(hours=26, minutes=5)) == "26:05"


def test_column_letters_and_sheet_names() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
    assert split_sheet(Path("c.xlsx#Second sheet")) == (Path("c.xlsx"), "Second sheet")
    assert split_sheet(Path("c.csv#x")) == (Path("c.csv#x"), None)
    assert split_sheet(Path("c.xlsx")) == (Path("c.xlsx"), None)


# --------------------------------------------------------------------------- reading

CAMPAIGN = {
    ("girls-school", "en"): {"stat": "23%", "headline": HEADLINE_EN, "source": SOURCE_EN},
    ("girls-school", "fr"): {"stat": "23%", "headline": HEADLINE_FR, "source": SOURCE_FR},
    ("poverty", "en"): {"stat": "12.5%", "headline": "of rural people live in extreme poverty",
                        "source": "2024-03-08"},  # a date cell, shown 08/03/2024
    ("violence", "en"): {"value": "33.3", "total": "100", "stat": "1 in 3", "source": "UN Women",
                         "headline": "women experience physical or sexual violence in their "
                                     "lifetime"},
    ("tenths", "en"): {"value": "0.3", "total": "10", "stat": "3 in 10",  # formulas
                       "headline": "of girls marry before they are 18"},
    ("schooling", "en"): {"headline": "Children who complete primary school", "value": "87%",
                          "target": "100%", "year": "2024"},
    ("school-gap", "en"): {"title": "Girls who finish primary school", "target": "100",
                           "data": [("Richest urban", "80%"), ("Poorest rural", "23%")]},
}


@pytest.mark.parametrize("name", ["cells.xlsx", "cells.ods"])
def test_every_kind_of_cell_reads_as_the_sheet_shows_it(name: str) -> None:
    campaign = load_campaign([SHEETS / name])
    assert _fields(SHEETS / name) == CAMPAIGN
    # The blank row 4 is skipped, the #notes column too; each asset is at its row.
    assert [(a.id, a.lang, a.line) for a in campaign.assets][:3] == [
        ("girls-school", "en", 2), ("girls-school", "fr", 3), ("poverty", "en", 5)]
    assert campaign.notes == [
        f"{SHEETS / name}: read its first sheet, 'Campaign' (it has 7: Campaign, Wide, Empty, "
        f"Mistakes, Typos, Whole, Long); choose another with {name}#NAME or --sheet NAME"]


def test_xlsx_ods_and_xls_mean_the_same_and_the_same_as_a_csv(tmp_path: Path) -> None:
    csv = tmp_path / "wide.csv"
    csv.write_text("id,template,goal,lang,stat,headline,headline_fr,source,source_fr\n"
                   f'girls-school,stat,4,en,23%,{HEADLINE_EN},{HEADLINE_FR},"{SOURCE_EN}",'
                   f'"{SOURCE_FR}"\n'
                   f'count-everyone,goal,10,en,,Count everyone,,"{SOURCE_EN}","{SOURCE_FR}"\n',
                   encoding="utf-8")
    expected = [_bare(a) for a in load_campaign([csv]).assets]
    assert len(expected) == 3  # count-everyone has no French headline: English only
    for name in ("cells.xlsx#Wide", "cells.ods#Wide", "cells.xls#Wide"):
        assert [_bare(a) for a in load_campaign([SHEETS / name]).assets] == expected, name
    assert [_bare(a) for a in load_campaign([SHEETS / "cells.xlsx"], sheet="wide").assets] == \
        expected  # --sheet ignores case, as spreadsheet programs do


def test_a_missing_translation_is_warned_at_its_empty_cell() -> None:
    campaign = load_campaign([SHEETS / "cells.ods#Wide"])
    assert [str(w) for w in campaign.warnings] == [
        f"{SHEETS / 'cells.ods'}:Wide!G3: headline: has no text in 'fr': the 'fr' images of "
        "'count-everyone' are not made"]


def test_xls_numbers_with_a_fraction_are_errors_at_their_cells() -> None:
    path = SHEETS / "cells.xls"
    xls = ("in an .xls file, which does not say how the sheet shows it ({}rounded?): type the "
           "text as the card should show it, or save the file as .xlsx or .ods")
    assert _problems(path) == [
        f"{path}:Campaign!E2: stat: 0.23 {xls.format('as 23%? ')}",
        f"{path}:Campaign!E3: stat: 0.23 {xls.format('as 23%? ')}",
        f"{path}:Campaign!E5: stat: 0.125 {xls.format('as 12.5%? ')}",
        f"{path}:Campaign!I6: value: 33.3333333 {xls.format('')}",
        f"{path}:Campaign!I7: value: 0.3 {xls.format('as 30%? ')}",
        f"{path}:Campaign!I8: value: 0.87 {xls.format('as 87%? ')}"]


def test_xls_ones_and_zeros_are_read_with_a_warning() -> None:
    assert _fields(SHEETS / "cells.xls", "Whole") == _fields(SHEETS / "cells.xlsx", "Whole")
    assert [str(w) for w in load_campaign([SHEETS / "cells.xls"], sheet="Whole").warnings] == [
        f"{SHEETS / 'cells.xls'}:Whole!G2: value: 1 in an .xls file, which does not say how the "
        "sheet shows it: if it shows 100%, type 100% in the cell, or save the file as .xlsx or "
        ".ods"]  # (the goal 1 in C2 is no percentage)
    assert load_campaign([SHEETS / "cells.xlsx"], sheet="Whole").warnings == []


# --------------------------------------------------------------------------- messages at cells

@pytest.mark.parametrize("name", ["cells.xlsx", "cells.ods"])
def test_cells_that_cannot_be_shown_are_errors_at_their_cells(name: str) -> None:
    path = SHEETS / name
    exponent = ("'0.00E+00' " if name.endswith("xlsx") else "")
    assert _problems(path, "Mistakes") == [
        f"{path}:Mistakes!E2: stat: its number format {exponent}cannot be shown on a card as in "
        "the sheet (it shows an exponent): give the cell a Number or Percent format, or type "
        "the text as the card should show it",
        f"{path}:Mistakes!E3: stat: the cell shows the error #DIV/0!: correct its formula or its "
        "value",
        f"{path}:Mistakes!G3: a value in column G, which has no name in the header (row 1): name "
        "the column (start it with # for your own notes), or clear the cells"]


def test_validation_problems_point_at_cells() -> None:
    path = SHEETS / "cells.xlsx"
    problems = _problems(path, "Typos")
    assert problems[1] == (f"{path}:Typos!C2: goal: must be a goal number from 1 to 17 (4, or "
                           "Goal 4), or lnob for the pledge itself; got '18'")
    assert problems[0].startswith(f"{path}:Typos!F1: headlne: unknown column (did you mean "
                                  "headline?); the columns are id, template")
    with pytest.raises(InputError) as caught:
        load_campaign([path], sheet="Typos")
    assert caught.value.problems[1].as_dict() == {
        "id": "typo", "file": str(path), "line": 2, "field": "goal", "cell": "Typos!C2",
        "message": "must be a goal number from 1 to 17 (4, or Goal 4), or lnob for the pledge "
                   "itself; got '18'"}


@pytest.mark.parametrize(("name", "sheet", "message"), [
    ("cells.xlsx", "Empty", "the sheet 'Empty' is empty; expected a header row (id, template, "
                            "goal, lang …) and a row per asset"),
    ("cells.ods", "Wides", "no sheet named 'Wides' (did you mean Wide?); its sheets: Campaign, "
                           "Wide, Empty, Mistakes, Typos, Whole, Long"),
    ("cells.xls", "Sheet9", "no sheet named 'Sheet9'; its sheets: Campaign, Wide, Empty, "
                            "Mistakes, Typos, Whole, Long"),
])
def test_the_sheet_must_exist_and_hold_a_header(name: str, sheet: str, message: str) -> None:
    assert _problems(SHEETS / name, sheet) == [f"{SHEETS / name}: {message}"]


def test_a_formula_a_script_wrote_without_its_value_is_an_error() -> None:
    path = SHEETS / "script-written.xlsx"
    assert _problems(path) == [
        f"{path}:Sheet1!E2: stat: a formula whose value the file does not hold (it was written "
        "by a program that does not calculate): open the file in a spreadsheet program and save "
        "it"]


def test_a_text_file_named_xlsx_says_so(tmp_path: Path) -> None:
    path = tmp_path / "c.xlsx"
    path.write_text("id,lang\na,en\n", encoding="utf-8")
    assert _problems(path) == [
        f"{path}: not a spreadsheet but a text file: if it holds comma-separated values, name it "
        "c.csv"]
    broken = tmp_path / "broken.ods"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    assert _problems(broken)[0].startswith(f"{broken}: cannot be read as an OpenDocument "
                                           "spreadsheet (.ods) (")


def test_max_rows_counts_the_rows_of_a_sheet() -> None:
    with pytest.raises(InputError) as caught:
        load(SHEETS / "cells.xlsx", max_rows=6)
    assert [str(p) for p in caught.value.problems] == [
        f"{SHEETS / 'cells.xlsx'}: more than 6 assets; the limit is 6 per file (split the file, "
        "or raise it with --max-rows)"]
    assert len(load(SHEETS / "cells.xlsx", max_rows=7).entries) == 7


# --------------------------------------------------------------------------- the command line

def test_validate_and_render_point_failures_at_the_cell_of_the_language(tmp_path: Path) -> None:
    path = SHEETS / "cells.xlsx"
    checked = runner.invoke(app, ["validate", f"{path}#Long", "-p", "x-post"])
    assert checked.exit_code == 1
    assert [line for line in checked.stderr.splitlines() if line.startswith("error:")] == [
        f"error: {path}:Long!F2: headline: long [en, x-post]: text does not fit its box on x-post "
        "(1600×900) even at the minimum size 35.2 px in 7 lines; shorten it"]
    rendered = runner.invoke(app, ["render", str(path), "--sheet", "Long", "-p", "x-post",
                                   "--out", str(tmp_path), "--quiet"])
    assert rendered.exit_code == 1
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert [(e["id"], e["lang"], e["cell"], e["line"]) for e in manifest["errors"]] == [
        ("long", "en", "Long!F2", 2)]
    assert [(a["id"], a["lang"], a["source"]) for a in manifest["assets"]] == [
        ("long", "fr", {"file": str(path), "line": 2, "cell": "Long!A2"})]


def test_render_a_spreadsheet_shows_its_percent_cells_as_percentages(tmp_path: Path) -> None:
    result = runner.invoke(app, ["render", str(SHEETS / "cells.ods"), "-p", "x-post", "--out",
                                 str(tmp_path), "--quiet"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    alt = {(a["id"], a["lang"]): a["alt_text"] for a in manifest["assets"]}
    assert alt[("girls-school", "en")] == (
        "Goal 4, Quality education: 23% — Only 23% of poor rural girls in sub-Saharan Africa "
        "finish primary school. Source: Leave No One Behind Partnership, 2016.")
    assert alt[("girls-school", "fr")].startswith("Objectif 4, Éducation de qualité: 23 % — ")
    assert alt[("poverty", "en")] == ("Goal 1, No poverty: 12.5% — of rural people live in "
                                      "extreme poverty. Source: March 8, 2024.")
    assert alt[("schooling", "en")] == ("Goal 4, Quality education: Children who complete "
                                        "primary school — 87% (2024); Target 100%.")


def test_sheet_option_needs_a_spreadsheet(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(EXAMPLES / "lnob-2030.yaml"), "--sheet", "X"])
    assert result.exit_code == 2
    assert result.stderr == ("error: --sheet X: no spreadsheet (.xlsx, .xls, .ods) among the "
                             "files; a CSV or YAML file has no sheets\n")


def test_a_header_below_a_title_and_right_of_a_margin(tmp_path: Path) -> None:
    """Rows and columns keep their own numbers and letters: a header in row 3 from column B
    (a title above, an empty margin column A) gives cells as the spreadsheet names them."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "My campaign"
    sheet["B1"] = "Campaign 2030"
    for column, text in zip("BCDEFG", ["id", "template", "goal", "lang", "stat", "#who"],
                            strict=True):
        sheet[f"{column}3"] = text
    for column, value in zip("BCDEF", ["girls-school", "stat", 40, "en", 0.23], strict=True):
        sheet[f"{column}4"] = value
    sheet["F4"].number_format = "0%"
    path = tmp_path / "margins.xlsx"
    book.save(path)
    # The first row with text is the header: a title above it is said to be one.
    problems = _problems(path)
    assert problems[0] == (
        f"{path}:'My campaign'!C3: a value in column C and 1 more below, which has no name in "
        "the header (row 1) (is row 1 a title? the first row with text is the header: delete "
        "the rows above the header): name the column (start it with # for your own notes), or "
        "clear the cells")
    assert len(problems) == 5  # one for each of the columns C to G
    sheet.delete_rows(1, 2)  # the title gone, the header is row 1
    book.save(path)
    assert _problems(path) == [
        f"{path}:'My campaign'!D2: goal: must be a goal number from 1 to 17 (4, or Goal 4), or "
        "lnob for the pledge itself; got '40'"]
    sheet["D2"] = 4
    book.save(path)
    assert _problems(path) == [  # a field with no column: at the row's id cell
        f"{path}:'My campaign'!B2: headline: missing required field for template 'stat'"]
    sheet["G1"] = "headline"
    sheet["G2"] = " "
    book.save(path)
    assert _problems(path) == [  # a field's empty cell: there
        f"{path}:'My campaign'!G2: headline: missing required field for template 'stat'"]
