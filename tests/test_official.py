"""Official SDG data: the readers of each format on real extracts (tests/fixtures/official,
see its README for where each comes from), the selection and its errors, data_source in a
campaign, and `lnob data`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO
from lnob_graphics.cli import app
from lnob_graphics.errors import InputError
from lnob_graphics.official.readers import read_table, wdi_breakdown
from lnob_graphics.official.select import Spec, select
from lnob_graphics.official.table import OPEN_SDG, UN, WDI, DataError
from lnob_graphics.pipeline import load_campaign

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "official"
UN_CSV = FIXTURES / "un-ag-food-wst.csv"
KG_CSV = FIXTURES / "kg" / "4-1-2.csv"
# Real World Bank downloads (one indicator a file), cut to three countries: see the README.
WDI_RURAL = FIXTURES / "wdi-EG.ELC.ACCS.RU.ZS.csv"
WDI_URBAN = FIXTURES / "wdi-EG.ELC.ACCS.UR.ZS.csv"
# NOT REAL DATA: the documented layout with made-up values, for the family-total rule only.
WDI_LAYOUT = FIXTURES / "wdi-layout-not-real.csv"
UPPER = "Процент завершения полного среднего образования"
QUINTILE = "Квинтиль индекса благосостояния"


# --- readers ---------------------------------------------------------------------------

def test_the_un_export_is_read_with_every_bracketed_column_a_dimension() -> None:
    table = read_table(UN_CSV, "un.csv")
    assert table.kind == UN
    assert len(table.observations) == 15
    assert table.dimensions == ("Food Waste Sector", "Nature", "Observation Status",
                                "Reporting Type", "Units")
    albania = [o for o in table.observations if o.area == "Albania"]
    assert [(o.dim("Food Waste Sector"), o.value, o.footnote) for o in albania] == [
        ("HHS", 238491.7727, "Low Confidence"), ("OOHC", 79651.33802, "Very Low Confidence"),
        ("RTL", 45057.93456, "Very Low Confidence")]
    assert {(o.nature, o.units, o.area_code, o.year) for o in albania} == {("E", "TONNES", "8",
                                                                           2019)}
    assert albania[0].source == "Food Waste Index Report 2021 / WESR"
    assert albania[0].row == 14


def test_the_un_excel_download_has_the_same_columns_without_brackets(tmp_path: Path) -> None:
    import csv

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    with open(UN_CSV, encoding="utf-8", newline="") as handle:
        for index, row in enumerate(csv.reader(handle)):
            sheet.append([c.strip("[]") for c in row] if index == 0 else row)
    book.save(tmp_path / "un.xlsx")
    from_sheet = read_table(tmp_path / "un.xlsx", "un.xlsx")
    from_csv = read_table(UN_CSV, "un.csv")
    assert from_sheet.dimensions == from_csv.dimensions
    assert [o.__dict__ for o in from_sheet.observations] == \
        [o.__dict__ for o in from_csv.observations]


def test_open_sdg_blank_cells_are_totals_and_russian_headers_are_dimensions() -> None:
    table = read_table(KG_CSV, "4-1-2.csv")
    assert table.kind == OPEN_SDG
    assert len(table.observations) == 36
    assert table.dimensions == ("Показатель", "Местность", "Пол", "Территория",
                                "Образование матери", "Функциональные трудности у матери",
                                QUINTILE)
    total = table.observations[0]
    assert (total.series, total.year, total.value, total.area) == ("4-1-2", 2018, 86.8, "")
    assert all(value == "" for dim, value in total.dims if dim != "Показатель")


def test_open_sdg_columns_can_be_mapped_to_roles(tmp_path: Path) -> None:
    renamed = KG_CSV.read_text(encoding="utf-8").replace("Year,", "Год,", 1)
    (tmp_path / "4-1-2.csv").write_text(renamed.replace(",Value\n", ",Значение\n", 1),
                                        encoding="utf-8")
    with pytest.raises(DataError, match=r"^4-1-2.csv: not a file this tool knows"):
        read_table(tmp_path / "4-1-2.csv", "4-1-2.csv")
    table = read_table(tmp_path / "4-1-2.csv", "4-1-2.csv", {"year": "Год", "value": "Значение"})
    assert [o.value for o in table.observations][:2] == [86.8, 89.1]


def test_wdi_reads_past_its_preamble_and_finds_the_breakdown_in_the_code() -> None:
    raw = WDI_RURAL.read_bytes()
    assert raw.startswith(b'\xef\xbb\xbf"Data Source","World Development Indicators",\r\n\r\n')
    table = read_table(WDI_RURAL, "rural.csv")
    assert table.kind == WDI
    assert table.series() == ["EG.ELC.ACCS.ZS"]
    assert table.codes() == ["EG.ELC.ACCS.RU.ZS"]
    assert table.dimensions == ("Location",)
    nepal = [o for o in table.observations if o.area == "Nepal"]
    last = nepal[-1]
    assert (last.area_code, last.year, last.written, last.value, last.dims, last.units,
            last.row) == ("NPL", 2018, "93.46991028645", 93.46991028645,
                          (("Location", "RURAL"),), "PERCENT", 8)
    assert last.description == "Access to electricity, rural (% of rural population)"
    assert [o.area for o in table.observations if o.year == 2021] == ["Malawi", "Niger"]


def test_wdi_without_its_preamble_is_read_the_same(tmp_path: Path) -> None:
    """The real download with its first four lines cut off (as the bulk file starts)."""
    lines = WDI_RURAL.read_bytes().split(b"\r\n")
    (tmp_path / "cut.csv").write_bytes(b"\r\n".join(lines[4:]))
    cut, whole = read_table(tmp_path / "cut.csv", "cut.csv"), read_table(WDI_RURAL, "w.csv")
    assert cut.kind == WDI
    assert [(o.area, o.year, o.value, o.row + 4) for o in cut.observations] == \
        [(o.area, o.year, o.value, o.row) for o in whole.observations]


def test_wdi_a_family_total_gets_its_dimension_total() -> None:
    """On the layout file (not real data): EG.ELC.ACCS.ZS beside .RU. and .UR. is ALLAREA."""
    table = read_table(WDI_LAYOUT, "wdi.csv")
    assert table.series() == ["EG.ELC.ACCS.ZS", "SE.PRM.CMPT.ZS", "SI.DST.20"]
    total = next(o for o in table.observations if o.code == "EG.ELC.ACCS.ZS")
    assert total.dims == (("Location", "ALLAREA"),)


def test_two_wdi_downloads_are_read_as_one_table() -> None:
    from lnob_graphics.official.readers import merged

    table = merged([read_table(WDI_RURAL, "rural.csv"), read_table(WDI_URBAN, "urban.csv")])
    assert table.name == "rural.csv + urban.csv"
    assert table.codes() == ["EG.ELC.ACCS.RU.ZS", "EG.ELC.ACCS.UR.ZS"]
    assert {o.file for o in table.observations} == {"rural.csv", "urban.csv"}
    with pytest.raises(DataError) as caught:
        merged([read_table(WDI_RURAL, "rural.csv"), read_table(UN_CSV, "un.csv")])
    assert str(caught.value) == ("files read together must be of one format; rural.csv is "
                                 "World Bank WDI, un.csv is UN SDG Global Database")


@pytest.mark.parametrize(("code", "family", "dims"), [
    ("SE.PRM.CMPT.FE.ZS", "SE.PRM.CMPT.ZS", (("Sex", "FEMALE"),)),
    ("SE.PRM.CMPT.MA.ZS", "SE.PRM.CMPT.ZS", (("Sex", "MALE"),)),
    ("EG.ELC.ACCS.UR.ZS", "EG.ELC.ACCS.ZS", (("Location", "URBAN"),)),
    ("SI.DST.FRST.20", "SI.DST.20", (("Quantile", "Q1"),)),
    ("SI.DST.05TH.20", "SI.DST.20", (("Quantile", "Q5"),)),
    ("SH.STA.MALN.ZS", "SH.STA.MALN.ZS", ()),
    ("FE.X.ZS", "FE.X.ZS", ()),
])
def test_wdi_breakdown(code: str, family: str, dims: tuple[tuple[str, str], ...]) -> None:
    assert wdi_breakdown(code) == (family, dims)


@pytest.mark.parametrize(("content", "message"), [
    ("a,b\n1,2\n", "x.csv: not a file this tool knows; expected a UN SDG Global Database export "
                   "(columns SeriesCode, GeoAreaName, TimePeriod, Value …), an Open SDG file "
                   "(Year, Value; other headers map with columns: {year: …, value: …}) or a "
                   "World Bank WDI CSV (starting \"Data Source\",\"World Development "
                   "Indicators\"); its header: a, b"),
    ("SeriesCode,Value\nX,1\n", "x.csv:1: not a UN SDG Global Database export: no column "
                                "GeoAreaName, TimePeriod; its header: SeriesCode, Value"),
    ("Year,Value\n20x9,1\n", "x.csv:2: Year '20x9' is not a year"),
    ('"Data Source","World Development Indicators",\n\nCountry,Code\n',
     "x.csv: a World Bank file without its table: no row starting 'Country Name' in the first "
     "10 lines"),
])
def test_unreadable_files(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "x.csv").write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_table(tmp_path / "x.csv", "x.csv")
    assert str(caught.value) == message


def test_a_file_not_in_utf8_names_its_line(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_bytes("Year,Value\n2019,1\n2020,é\n".encode("latin-1"))
    with pytest.raises(DataError) as caught:
        read_table(tmp_path / "x.csv", "x.csv")
    assert str(caught.value).startswith("x.csv:3: not UTF-8 text;")


# --- selection -------------------------------------------------------------------------

def un(**spec: object) -> Spec:
    return Spec("un.csv", ("AG_FOOD_WST",), **spec)  # type: ignore[arg-type]


@pytest.mark.parametrize(("spec", "message"), [
    (Spec("un.csv", ("AG_FOOD_WS",)),
     "un.csv: no series 'AG_FOOD_WS' (did you mean AG_FOOD_WST?); the file has: AG_FOOD_WST"),
    (un(), "un.csv: AG_FOOD_WST has 5 areas; choose one with area: (a name or code): World, "
           "Africa, Afghanistan, South America, Albania"),
    (un(area="Albnia"), "un.csv: no area 'Albnia' for AG_FOOD_WST (did you mean Albania?); its "
                        "areas: World, Africa, Afghanistan, South America, Albania"),
    (un(area="Albania"), "un.csv: AG_FOOD_WST for Albania, 2019: 3 rows match; they differ by "
                         "Food Waste Sector: HHS, OOHC, RTL. Say which: add where: {Food Waste "
                         "Sector: HHS}, or compare them: {Food Waste Sector: [HHS, OOHC, RTL]}"),
    (un(area="8", years=(2015, 2015), where=(("Food Waste Sector", "HHS"),)),
     "un.csv: AG_FOOD_WST: no value in 2015; years with a value for Albania: 2019"),
    (un(area="Albania", where=(("Sector", "HHS"),)),
     "un.csv: data_source.where: no dimension 'Sector'; the dimensions: Food Waste Sector, "
     "Nature, Observation Status, Reporting Type, Units"),
    (un(area="Albania", where=(("Food Waste Sector", "HSH"),)),
     "un.csv: data_source.where: Food Waste Sector has no value 'HSH' for AG_FOOD_WST for "
     "Albania (did you mean HHS?); its values: HHS, OOHC, RTL"),
    (un(area="Albania", compare=("Food Waste Sector", ("HHS", "HH"))),
     "un.csv: data_source.compare: Food Waste Sector has no value 'HH' for AG_FOOD_WST for "
     "Albania (did you mean HHS?); its values: HHS, OOHC, RTL"),
])
def test_a_selection_that_matches_none_or_several_rows_lists_what_is_there(
        spec: Spec, message: str) -> None:
    with pytest.raises(DataError) as caught:
        select(read_table(UN_CSV, "un.csv"), spec)
    assert str(caught.value) == message


def test_open_sdg_has_no_area_column() -> None:
    with pytest.raises(DataError) as caught:
        select(read_table(KG_CSV, "4-1-2.csv"), Spec("4-1-2.csv", ("4-1-2",), area="Nepal"))
    assert str(caught.value) == ("4-1-2.csv: 4-1-2 has no area column; leave area out (an Open "
                                 "SDG file is one country), or name the column of areas in "
                                 "columns: {area: …}")


def test_open_sdg_groups_and_blank_totals() -> None:
    spec = Spec("4-1-2.csv", ("4-1-2",), compare=(QUINTILE, ("Беднейший", "Богатейший")),
                where=(("Показатель", UPPER), ("Пол", "total")))
    chosen = select(read_table(KG_CSV, "4-1-2.csv"), spec)
    assert [(g.code, [(o.year, o.value) for o in g.observations]) for g in chosen.groups] == [
        ("Беднейший", [(2023, 89.6)]), ("Богатейший", [(2023, 98.3)])]
    over_time = select(read_table(KG_CSV, "4-1-2.csv"),
                       Spec("4-1-2.csv", ("4-1-2",), years=(2010, 2030),
                            where=((QUINTILE, "Беднейший"),)))
    assert [(o.year, o.value) for o in over_time.groups[0].observations] == [(2018, 77.6),
                                                                            (2023, 89.6)]


def test_a_total_is_not_the_same_as_a_group() -> None:
    """Pinning nothing leaves the national total and every breakdown: several rows."""
    with pytest.raises(DataError) as caught:
        select(read_table(KG_CSV, "4-1-2.csv"), Spec("4-1-2.csv", ("4-1-2",)))
    assert str(caught.value) == (
        "4-1-2.csv: 4-1-2, 2023: 18 rows match; they differ by Местность: (blank: total), "
        "Городская, Сельская; Пол: (blank: total), Мужской, Женский; Территория: (blank: "
        "total), Баткенская область, Джалал-Абадская область, Иссык-Кульская область, Ошская "
        "область, Таласская область, Чуйская область, г. Бишкек, г. Ош; Квинтиль индекса "
        "благосостояния: (blank: total), Беднейший, Второй, Средний, Четвертый, Богатейший. Say "
        "which: add where: {Местность: _T, Пол: _T, Территория: _T, Квинтиль индекса "
        "благосостояния: _T}")


# --- data_source in a campaign ---------------------------------------------------------

KG_GAP = f"""\
assets:
  - id: kg-gap
    template: gap
    goal: 4
    languages: [en, ru, fr]
    headline: {{en: "Upper secondary completion", ru: "Полное среднее образование", fr: "Lycée"}}
    data_source:
      file: data/4-1-2.csv
      series: 4-1-2
      lang: ru
      units: "%"
      compare: {{{QUINTILE}: [Беднейший, Богатейший]}}
      where: {{Показатель: {UPPER}}}
      labels: {{Беднейший: {{en: Poorest 20%}}, Богатейший: {{en: Richest 20%}}}}
      publisher: National Statistical Committee of the Kyrgyz Republic
"""


def campaign_in(tmp_path: Path, text: str, *data: Path) -> Path:
    (tmp_path / "data").mkdir(exist_ok=True)
    for path in data or (KG_CSV,):
        shutil.copy(path, tmp_path / "data" / path.name)
    (tmp_path / "c.yaml").write_text(text, encoding="utf-8")
    return tmp_path / "c.yaml"


def test_a_gap_card_from_open_sdg_data_in_two_languages(tmp_path: Path) -> None:
    campaign = load_campaign([campaign_in(tmp_path, KG_GAP)])
    by_lang = {a.lang: a for a in campaign.assets}
    assert sorted(by_lang) == ["en", "ru"]  # fr has no names for the groups: left out
    en, ru = by_lang["en"], by_lang["ru"]
    assert [(p.label, p.written) for p in en.series["groups"]] == [("Poorest 20%", "89.6%"),
                                                                   ("Richest 20%", "98.3%")]
    assert [p.label for p in ru.series["groups"]] == ["Беднейший", "Богатейший"]
    assert en.fields["source"] == "National Statistical Committee of the Kyrgyz Republic · 4-1-2 · 2023"
    assert [str(w) for w in campaign.warnings] == [
        f"{tmp_path / 'c.yaml'}:7: data_source: no name in 'fr' for Беднейший, Богатейший: "
        "the 'fr' images of 'kg-gap' are not made (never another language's words); name them "
        "in data_source: labels: {Беднейший: {fr: …}}"]
    assert str(tmp_path / "data" / "4-1-2.csv") in campaign.inputs


def test_the_campaign_s_own_fields_win_over_the_data(tmp_path: Path) -> None:
    text = KG_GAP.replace("    goal: 4\n", "    goal: 4\n    source: Our own words\n")
    campaign = load_campaign([campaign_in(tmp_path, text)])
    assert {a.fields["source"] for a in campaign.assets} == {"Our own words"}


def test_estimates_and_footnotes_are_stated(tmp_path: Path) -> None:
    text = """\
assets:
  - id: waste
    template: stat
    goal: 12
    lang: en
    headline: Food wasted by households in Albania, tonnes
    data_source: {file: data/un-ag-food-wst.csv, series: AG_FOOD_WST, area: Albania,
                  where: {Food Waste Sector: HHS}, decimals: 0}
"""
    asset = load_campaign([campaign_in(tmp_path, text, UN_CSV)]).assets[0]
    assert asset.fields["stat"] == "238492"
    assert asset.fields["source"] == "UN SDG Global Database · AG_FOOD_WST · 2019 · Estimated"


def test_groups_of_different_years_say_so(tmp_path: Path) -> None:
    """Nepal: rural access last measured in 2018, urban in 2021 (real WDI downloads, two
    files read as one)."""
    text = """\
assets:
  - id: power
    template: gap
    goal: 7
    lang: en
    headline: Rural homes in Nepal wait longer for electricity
    data_source: {file: [data/wdi-EG.ELC.ACCS.RU.ZS.csv, data/wdi-EG.ELC.ACCS.UR.ZS.csv],
                  series: EG.ELC.ACCS.ZS, area: NPL, compare: {Location: [RURAL, URBAN]}}
"""
    asset = load_campaign([campaign_in(tmp_path, text, WDI_RURAL, WDI_URBAN)]).assets[0]
    assert [(p.label, p.written) for p in asset.series["groups"]] == [("Rural", "93.5%"),
                                                                      ("Urban", "94.2%")]
    assert asset.fields["source"] == ("World Bank WDI · EG.ELC.ACCS.RU.ZS + EG.ELC.ACCS.UR.ZS · "
                                      "Rural 2018, Urban 2021")


def test_wdi_codes_compared_as_series(tmp_path: Path) -> None:
    text = """\
assets:
  - id: power
    template: gap
    goal: 7
    lang: en
    headline: Rural homes in Niger wait longer for electricity
    data_source:
      file: [data/wdi-EG.ELC.ACCS.RU.ZS.csv, data/wdi-EG.ELC.ACCS.UR.ZS.csv]
      series: [EG.ELC.ACCS.RU.ZS, EG.ELC.ACCS.UR.ZS]
      area: Niger
"""
    asset = load_campaign([campaign_in(tmp_path, text, WDI_RURAL, WDI_URBAN)]).assets[0]
    assert [(p.label, p.written) for p in asset.series["groups"]] == [("Rural", "9.1%"),
                                                                      ("Urban", "65.9%")]
    assert asset.fields["source"] == ("World Bank WDI · EG.ELC.ACCS.RU.ZS + EG.ELC.ACCS.UR.ZS · "
                                      "2021")


@pytest.mark.parametrize(("source", "message"), [
    ("{file: ../elsewhere.csv, series: X}",
     "data_source.file: '../elsewhere.csv' is outside the campaign's folder {folder}; put the "
     "file beside the campaign file (or in a folder below it), or allow its folder with --allow"),
    ("{file: data/4-1-2.csv, series: 4-1-3}",
     "data_source: data/4-1-2.csv: no series '4-1-3' (did you mean 4-1-2?); the file has: 4-1-2"),
    ("{file: data/4-1-2.csv, series: 4-1-2, year: 2019-2015}",
     "data_source.year: expected latest, a year (2019) or years (2010-2022); got '2019-2015'"),
    ("{file: data/4-1-2.csv, series: 4-1-2, sheet: 1}",
     "data_source.sheet: unknown key (did you mean where?); the keys: file, series, area, year, compare, where, "
     "columns, labels, lang, decimals, units, publisher"),
])
def test_data_source_problems_name_the_entry(tmp_path: Path, source: str, message: str) -> None:
    text = f"""\
assets:
  - id: x
    template: gap
    goal: 4
    lang: en
    headline: A headline
    data_source: {source}
"""
    with pytest.raises(InputError) as caught:
        load_campaign([campaign_in(tmp_path, text)])
    problems = [p for p in caught.value.problems if p.field and p.field.startswith("data_source")]
    assert [f"{p.field}: {p.message}" for p in problems] == [message.format(folder=tmp_path)]
    assert problems[0].line == 7


def test_a_template_without_data_fields_says_which_have_them(tmp_path: Path) -> None:
    text = """\
assets:
  - id: x
    template: goal
    goal: 4
    lang: en
    headline: A headline
    data_source: {file: data/4-1-2.csv, series: 4-1-2}
"""
    with pytest.raises(InputError) as caught:
        load_campaign([campaign_in(tmp_path, text)])
    assert [p.message for p in caught.value.problems] == [
        "template 'goal' takes no data_source; these do: carousel, chart, gap, progress, stat, "
        "trend"]


def test_a_trend_from_a_range_of_years(tmp_path: Path) -> None:
    text = """\
assets:
  - id: power
    template: trend
    goal: 7
    lang: en
    headline: Rural homes with electricity
    target: 100%
    data_source: {file: data/wdi-EG.ELC.ACCS.RU.ZS.csv, series: EG.ELC.ACCS.RU.ZS, area: Niger,
                  year: 2019-2021}
"""
    asset = load_campaign([campaign_in(tmp_path, text, WDI_RURAL)]).assets[0]
    assert [(p.label, p.written) for p in asset.series["points"]] == [
        ("2019", "9.7%"), ("2020", "9.7%"), ("2021", "9.1%")]
    assert asset.fields["source"] == "World Bank WDI · EG.ELC.ACCS.RU.ZS · 2019–2021"


# --- lnob data -------------------------------------------------------------------------

def test_lnob_data_prints_what_the_file_holds() -> None:
    result = CliRunner().invoke(app, ["data", str(KG_CSV)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:5] == [
        f"{KG_CSV}: Open SDG", "", "series 4-1-2 — 36 rows",
        "  years: 2018, 2023 (no area column: one country)",
        f"  Показатель: {UPPER}"]
    assert f"  {QUINTILE}: (blank: total), Беднейший, Второй, Средний, Четвертый, Богатейший" \
        in result.output.splitlines()


def test_lnob_data_as_json() -> None:
    result = CliRunner().invoke(app, ["data", str(UN_CSV), "--format", "json"])
    assert result.exit_code == 0
    described = json.loads(result.output)
    series = described["series"][0]
    assert (described["format"], series["series"], series["rows"]) == (UN, "AG_FOOD_WST", 15)
    assert series["areas"][4] == {"name": "Albania", "code": "8", "years": [2019]}
    assert series["dimensions"]["Food Waste Sector"] == ["OOHC", "RTL", "HHS"]


def test_lnob_data_on_a_file_it_does_not_know_exits_2(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("a,b\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["data", str(tmp_path / "x.csv")])
    assert result.exit_code == 2
    assert result.output.startswith(f"error: {tmp_path / 'x.csv'}: not a file this tool knows;")


# --- goldens: gap and trend from real data, in English, Arabic and Nepali ----------------
# (The headlines and the Arabic and Nepali group names are this test campaign's own words.)

GOLDEN_CAMPAIGN = f"""\
assets:
  - id: kg-gap
    template: gap
    goal: 4
    languages: [en, ar, ne]
    headline:
      en: "The poorest young people in Kyrgyzstan are less likely to finish secondary school"
      ar: "أفقر الشباب في قيرغيزستان أقل حظاً في إتمام التعليم الثانوي"
      ne: "किर्गिस्तानका सबैभन्दा गरिब युवाले माध्यमिक शिक्षा पूरा गर्ने सम्भावना कम छ"
    data_source:
      file: data/4-1-2.csv
      series: 4-1-2
      units: "%"
      year: 2018
      compare: {{{QUINTILE}: [Беднейший, Богатейший]}}
      where: {{Показатель: {UPPER}}}
      publisher: &nsc
        en: National Statistical Committee of the Kyrgyz Republic
        ar: اللجنة الوطنية للإحصاء في جمهورية قيرغيزستان
        ne: किर्गिज गणतन्त्रको राष्ट्रिय तथ्याङ्क समिति
      labels:
        Беднейший: {{en: Poorest 20%, ar: "أفقر 20%", ne: "सबैभन्दा गरिब २०%"}}
        Богатейший: {{en: Richest 20%, ar: "أغنى 20%", ne: "सबैभन्दा धनी २०%"}}
  - id: kg-trend
    template: trend
    goal: 4
    languages: [en, ar, ne]
    headline:
      en: "The poorest fifth: finishing upper secondary school"
      ar: "الخُمس الأفقر: إتمام التعليم الثانوي"
      ne: "सबैभन्दा गरिब पाँचौं भाग: माध्यमिक शिक्षा पूरा गर्ने"
    target: "100%"
    data_source:
      file: data/4-1-2.csv
      series: 4-1-2
      units: "%"
      year: 2015-2023
      where: {{Показатель: {UPPER}, {QUINTILE}: Беднейший}}
      publisher: *nsc
"""
GOLDEN_CARDS = [("kg-gap", "en", "instagram-square"), ("kg-gap", "ar", "instagram-square"),
                ("kg-gap", "ne", "instagram-portrait"), ("kg-gap", "en", "x-post"),
                ("kg-trend", "en", "instagram-square"), ("kg-trend", "ar", "instagram-story"),
                ("kg-trend", "ne", "x-post")]


@pytest.mark.golden
def test_gap_and_trend_goldens(tmp_path: Path) -> None:
    from golden import assert_golden, card_regions

    campaign = campaign_in(tmp_path, GOLDEN_CAMPAIGN)
    out = tmp_path / "out"
    platforms = sorted({p for _, _, p in GOLDEN_CARDS})
    result = CliRunner().invoke(app, ["render", str(campaign), "--out", str(out),
                                      *[a for p in platforms for a in ("-p", p)]])
    assert result.exit_code == 0, result.output
    for asset, lang, platform in GOLDEN_CARDS:
        kind = asset.split("-")[1]
        assert_golden(out / lang / platform / f"{asset}.png",
                      f"official-{kind}-{lang}-{platform}.png",
                      card_regions(campaign, asset, lang, platform))
    alt = (out / "en/instagram-square/kg-gap.alt.txt").read_text(encoding="utf-8")
    assert alt == ("Goal 4, Quality education: The poorest young people in Kyrgyzstan are less "
                   "likely to finish secondary school — Poorest 20%: 77.6%, Richest 20%: 96.2%. "
                   "Source: National Statistical Committee of the Kyrgyz Republic · 4-1-2 · "
                   "2018.\n")


def test_the_worked_example_reads_real_data() -> None:
    example = Path(__file__).resolve().parent.parent / "examples" / "data" / "kyrgyzstan.yaml"
    campaign = load_campaign([example])
    shown = {(a.id, a.lang): [(p.label, p.written) for ps in a.series.values() for p in ps]
             for a in campaign.assets}
    assert shown[("kg-poorest-richest", "en")] == [("Poorest 20%", "77.6%"),
                                                  ("Richest 20%", "96.2%")]
    assert shown[("kg-rural-urban", "ru")] == [("Сельская", "87.8%"), ("Городская", "91.7%")]
    assert shown[("kg-poorest-trend", "ru")] == [("2018", "77.6%"), ("2023", "89.6%")]
    assert campaign.warnings == []
    assert (example.parent / "data" / "4-1-2.csv").read_bytes() == KG_CSV.read_bytes()


def test_gap_bars_are_the_same_length_in_every_language() -> None:
    """A bar's length is its value: 23 % and 80 % of a 0–100 track in Arabic (written with
    ٪) as in English — only where the bars start mirrors."""
    import re

    from lnob_graphics.pipeline import plan
    from lnob_graphics.platforms import PLATFORMS
    from lnob_graphics.render import render_svg
    from lnob_graphics.templates import template_set

    campaign = load_campaign([REPO / "examples/every-template.yaml"])
    widths = {}
    for job in plan(campaign):
        if job.asset.id == "girls-gap" and job.platform == "instagram-square":
            svg = render_svg(job.asset, PLATFORMS[job.platform],
                             template_set(campaign.template_dirs)).svg
            bars = re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="[\d.]+" '
                              r'rx="[\d.]+" fill="#FFFFFF" fill-opacity="(?:1|0\.55)"/>', svg)
            widths[job.asset.lang] = [round(float(w), 1) for _x, w in bars]
    assert widths["ar"] == widths["en"]
    track = 1080 - 2 * 80
    assert widths["en"] == [round(track * 0.23, 1), round(track * 0.80, 1)]


# --- data_source in a CSV or spreadsheet campaign ----------------------------------------

TABLE_HEADER = ["id", "template", "goal", "lang", "headline", "data_source.file",
                "data_source.series", "data_source.area", "data_source.compare",
                "data_source.where"]
TABLE_ROWS = [
    ["nepal-power", "gap", "7", "en", "Rural Nepal waits longer for electricity",
     "data/wdi-EG.ELC.ACCS.RU.ZS.csv; data/wdi-EG.ELC.ACCS.UR.ZS.csv", "EG.ELC.ACCS.ZS",
     "Nepal", "Location: RURAL, URBAN", ""],
    ["kg-rural", "gap", "4", "ru", "Сельская молодёжь реже заканчивает школу",
     "data/4-1-2.csv", "4-1-2", "", "Местность: Сельская, Городская",
     "Пол: ; Территория: ; Образование матери: ; Функциональные трудности у матери: ; "
     f"{QUINTILE}: "],
]


def table_campaign(tmp_path: Path, kind: str, header: list[str], rows: list[list[str]]) -> Path:
    """A campaign as a CSV or an .xlsx (sheet "Cards"), beside real data files."""
    import csv

    (tmp_path / "data").mkdir(exist_ok=True)
    for path in (WDI_RURAL, WDI_URBAN, KG_CSV):
        shutil.copy(path, tmp_path / "data" / path.name)
    if kind == "csv":
        with open(tmp_path / "c.csv", "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([header, *rows])
        return tmp_path / "c.csv"
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Cards"
    for row in [header, *rows]:
        sheet.append(row)
    book.save(tmp_path / "c.xlsx")
    return tmp_path / "c.xlsx"


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_data_source_columns_in_a_table_campaign(tmp_path: Path, kind: str) -> None:
    campaign = table_campaign(tmp_path, kind, [*TABLE_HEADER, "data_source.lang"],
                              [TABLE_ROWS[0] + [""], TABLE_ROWS[1] + ["ru"]])
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["render", str(campaign), "--out", str(out),
                                      "-p", "instagram-square"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    alts = {(e["id"], e["lang"]): e["alt_text"] for e in manifest["assets"]}
    assert alts == {
        ("nepal-power", "en"): "Goal 7, Affordable and clean energy: Rural Nepal waits longer "
                               "for electricity — Rural: 93.5%, Urban: 94.2%. Source: World "
                               "Bank WDI · EG.ELC.ACCS.RU.ZS + EG.ELC.ACCS.UR.ZS · Rural "
                               "2018, Urban 2021.",
        ("kg-rural", "ru"): "Цель 4, Качественное образование: Сельская молодёжь реже "
                            "заканчивает школу — Сельская: 87,8, Городская: 91,7. Источник: "
                            "Open SDG · 4-1-2 · 2023."}
    assert (out / "en/instagram-square/nepal-power.png").exists()
    assert (out / "ru/instagram-square/kg-rural.png").exists()


BAD_CELLS = [
    ("data_source.compare", "RURAL, URBAN",
     "data_source.compare: expected one dimension, a colon and its groups separated by commas, "
     "e.g. Sex: FEMALE, MALE; got 'RURAL, URBAN'"),
    ("data_source.compare", "Location: RURAL, URBAN; Sex: FEMALE",
     "data_source.compare: expected one dimension, a colon and its groups separated by commas, "
     "e.g. Sex: FEMALE, MALE; got 'Location: RURAL, URBAN; Sex: FEMALE'"),
    ("data_source.where", "Location ALLAREA",
     "data_source.where: expected name: value pairs separated by semicolons, e.g. Location: "
     "ALLAREA; Education level: LOWSEC; got 'Location ALLAREA'"),
    ("data_source.where", "Sex: FEMALE; Sex: MALE",
     "data_source.where: Sex is given twice; give it once"),
    ("data_source.file", "../elsewhere.csv",
     "data_source.file: '../elsewhere.csv' is outside the campaign's folder {folder}; put the "
     "file beside the campaign file (or in a folder below it), or allow its folder with --allow"),
    ("data_source.area", "Nepl",
     "data_source: data/wdi-EG.ELC.ACCS.RU.ZS.csv + data/wdi-EG.ELC.ACCS.UR.ZS.csv: no area "
     "'Nepl' for EG.ELC.ACCS.ZS (did you mean Nepal?); its areas: Malawi, Niger, Nepal"),
]


@pytest.mark.parametrize(("kind", "column", "cell", "message"),
                         [(kind, *bad) for kind in ("csv", "xlsx") for bad in BAD_CELLS])
def test_a_bad_data_source_cell_is_named_by_file_row_and_cell(
        tmp_path: Path, kind: str, column: str, cell: str, message: str) -> None:
    row = list(TABLE_ROWS[0])
    row[TABLE_HEADER.index(column)] = cell
    campaign = table_campaign(tmp_path, kind, TABLE_HEADER, [row])
    result = CliRunner().invoke(app, ["render", str(campaign), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    # the cell of the column; a problem of the whole selection: its first column (file)
    letter = "ABCDEFGHIJ"[TABLE_HEADER.index(column if column != "data_source.area"
                                             else "data_source.file")]
    where = f"{campaign}:2" if kind == "csv" else f"{campaign}:Cards!{letter}2"
    assert result.output.splitlines()[0] == \
        f"error: {where}: {message.format(folder=tmp_path)}"


def test_data_source_labels_in_a_table_are_in_the_rows_language(tmp_path: Path) -> None:
    header = [*TABLE_HEADER, "data_source.lang", "data_source.labels"]
    row = TABLE_ROWS[1] + ["ru", "Сельская: Село; Городская: Город"]
    row[TABLE_HEADER.index("lang")] = "ru"
    asset = load_campaign([table_campaign(tmp_path, "csv", header, [row])]).assets[0]
    assert [p.label for p in asset.series["groups"]] == ["Село", "Город"]
    row[TABLE_HEADER.index("lang")] = ""
    with pytest.raises(InputError) as caught:
        load_campaign([table_campaign(tmp_path, "csv", header, [row])])
    assert [f"{p.field}: {p.message}" for p in caught.value.problems] == [
        "data_source.labels: the names are in the row's language: give the row a lang (the "
        "language of its text)",
        "lang: missing required field; the language of the text, e.g. en, ar, fr"]


def test_the_footnote_goes_into_the_alt_text_of_every_template_fed_by_data(
        tmp_path: Path) -> None:
    """The UN export's Source and FootNote columns (Albania's food waste, 2019): in the alt
    text, so in the manifest, of stat, chart, progress and carousel too (gap and trend:
    test_gap_and_trend_goldens)."""
    one = "{file: data/un-ag-food-wst.csv, series: AG_FOOD_WST, area: Albania, " \
          "where: {Food Waste Sector: HHS}}"
    each = "{file: data/un-ag-food-wst.csv, series: AG_FOOD_WST, area: Albania, " \
           "compare: {Food Waste Sector: [HHS, OOHC, RTL]}, labels: {HHS: Households, " \
           "OOHC: Out of home, RTL: Retail}}"
    text = f"""\
assets:
  - {{id: waste-stat, template: stat, goal: 12, lang: en, headline: Food wasted at home,
     data_source: {one}}}
  - {{id: waste-progress, template: progress, goal: 12, lang: en, headline: Food wasted at home,
     target: "0", data_source: {one}}}
  - {{id: waste-chart, template: chart, goal: 12, lang: en, title: Food wasted in Albania,
     data_source: {each}}}
  - {{id: waste-carousel, template: carousel, goal: 12, lang: en, title: Food wasted in Albania,
     subtitle: Three sectors, cta: Waste less, data_source: {each}}}
"""
    campaign = campaign_in(tmp_path, text, UN_CSV)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["render", str(campaign), "--out", str(out),
                                      "-p", "instagram-square"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    alts = {e["id"]: e["alt_text"] for e in manifest["assets"] if e.get("page", 1) == 1}
    source = "Source: UN SDG Global Database · AG_FOOD_WST · 2019 · Estimated."
    assert alts == {
        "waste-stat": "Goal 12, Responsible consumption and production: 238,491.8 — Food wasted "
                      f"at home. {source} Food Waste Index Report 2021 / WESR. Low Confidence.",
        "waste-progress": "Goal 12, Responsible consumption and production: Food wasted at home "
                          f"— 238,491.8 (2019); Target 0. {source} Food Waste Index Report 2021 "
                          "/ WESR. Low Confidence.",
        "waste-chart": "Goal 12, Responsible consumption and production: Food wasted in Albania "
                       "— Households: 238,491.8, Out of home: 79,651.3, Retail: 45,057.9. "
                       f"{source} Food Waste Index Report 2021 / WESR. Low Confidence. Very Low "
                       "Confidence.",
        "waste-carousel": "Goal 12, Responsible consumption and production: Food wasted in "
                          f"Albania — Three sectors. {source} Food Waste Index Report 2021 / "
                          "WESR. Low Confidence. Very Low Confidence (1/5)"}


# --- the names of groups -----------------------------------------------------------------

def test_every_shipped_group_name_has_its_source_and_status() -> None:
    from lnob_graphics.labels import STATUSES
    from lnob_graphics.official.groups import shipped

    table = shipped()
    for source in table["sources"].values():
        assert set(source) == {"what", "repository", "path", "commit"}
        assert len(source["commit"]) == 40
    for kind in ("groups", "nature"):
        for code, entry in table[kind].items():
            names = {k: v for k, v in entry.items() if k != "sdmx"}
            assert "en" in names, code
            for lang, name in names.items():
                assert name["source"] in table["sources"], (code, lang)
                assert name["status"] in STATUSES, (code, lang)
                assert name["text"].strip() == name["text"] and "&#" not in name["text"]


@pytest.mark.parametrize(("code", "lang", "name"), [
    ("FEMALE", "en", "Female"), ("FEMALE", "ru", "Женщины"), ("FEMALE", "fr", "Femmes"),
    ("MALE", "fr-CA", "Hommes"), ("FEMALE", "es", "Mujer"), ("MALE", "eu", "Gizona"),
    ("RURAL", "kk", "ауыл"), ("Q1", "kk", "ең кедей"), ("URBAN", "hy", "քաղաք"),
    ("EG.ELC.ACCS.RU.ZS", "fr", "Rural"),  # a WDI code: the group its code names
    ("RURAL", "es", None), ("Q2", "kk", None), ("FEMALE", "ar", None), ("FEMALE", "zh", None),
])
def test_group_names_per_language(code: str, lang: str, name: str | None) -> None:
    from lnob_graphics.official.groups import group_name

    assert group_name(code, lang, {}) == name
