"""Readers of official data files, one per format, and the detection of the format.

Each reader returns a ``table.Table``; a file it cannot read is a ``DataError`` naming the
file, the line and what to do. Nothing is fetched: the campaigner downloads the file.

- UN SDG Global Database export (``read_un``): the fixed columns ``Goal, Target,
  Indicator, SeriesCode, SeriesDescription, GeoAreaCode, GeoAreaName, TimePeriod, Value,
  Time_Detail, TimeCoverage, UpperBound, LowerBound, BasePeriod, Source, GeoInfoUrl,
  FootNote``, then one column per dimension or attribute, in square brackets in the CSV
  (``[Sex]``, ``[Location]``, ``[Nature]``, ``[Units]`` …) and without them in the Excel
  download. Every bracketed column is a dimension the selection must pin down.
- Open SDG (``read_open_sdg``): ``Year``, the disaggregation columns, optional ``GeoCode``,
  ``Units`` and ``Series``, and ``Value`` (last); a blank disaggregation cell is the total.
  Headers may be in the platform's language: ``columns:`` maps roles to them.
- World Bank WDI (``read_wdi``): a preamble (``"Data Source","World Development
  Indicators",`` …), then ``Country Name, Country Code, Indicator Name, Indicator Code``
  and one column per year, every row ending in a comma. The breakdown is in the indicator
  code: ``.FE.``/``.MA.`` (Sex), ``.RU.``/``.UR.`` (Location), ``SI.DST.FRST.20`` …
  ``SI.DST.05TH.20`` (Quantile Q1–Q5); the reader gives those codes the dimension they
  stand for, so a WDI file is selected like the others.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from lnob_graphics.official.table import OPEN_SDG, UN, WDI, DataError, Observation, Table

MAX_BYTES = 512 * 1024 * 1024  # a whole-database export is ~1 GB; one series is far smaller
SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".ods")

UN_FIXED = ("Goal", "Target", "Indicator", "SeriesCode", "SeriesDescription", "GeoAreaCode",
            "GeoAreaName", "TimePeriod", "Value", "Time_Detail", "TimeCoverage", "UpperBound",
            "LowerBound", "BasePeriod", "Source", "GeoInfoUrl", "FootNote")
UN_REQUIRED = ("SeriesCode", "GeoAreaName", "TimePeriod", "Value")
# The roles of an Open SDG file's columns, and their names on an English platform.
OPEN_SDG_ROLES = {"year": "Year", "value": "Value", "geocode": "GeoCode", "units": "Units",
                  "series": "Series", "area": None}
WDI_HEAD = ("Country Name", "Country Code", "Indicator Name", "Indicator Code")

# WDI: a segment of the indicator code → (dimension, code), as the UN export names them.
WDI_SEGMENTS = {"FE": ("Sex", "FEMALE"), "MA": ("Sex", "MALE"),
                "RU": ("Location", "RURAL"), "UR": ("Location", "URBAN")}
WDI_QUINTILES = {"SI.DST.FRST.20": "Q1", "SI.DST.02ND.20": "Q2", "SI.DST.03RD.20": "Q3",
                 "SI.DST.04TH.20": "Q4", "SI.DST.05TH.20": "Q5"}
WDI_QUINTILE_FAMILY = "SI.DST.20"
TOTALS = {"Sex": "BOTHSEX", "Location": "ALLAREA", "Quantile": "_T"}


def read_table(path: Path, name: str, columns: Mapping[str, str] | None = None) -> Table:
    """The file at ``path`` (named ``name`` in messages), whichever format it is."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise DataError(f"{name}: cannot be read ({error.strerror})") from None
    if size > MAX_BYTES:
        raise DataError(f"{name}: {size // 1_000_000} MB is more than this tool reads "
                        f"({MAX_BYTES // 1_000_000} MB); download the series you need only")
    if path.suffix.lower() in SPREADSHEETS:
        return _un_rows(path, name, _sheet_rows(path, name), brackets=False)
    rows = _csv_rows(path, name)
    first = rows[0] if rows else []
    header = [c.strip() for c in first]
    if (first and first[0].strip().strip('"') == "Data Source") or tuple(header[:4]) == WDI_HEAD:
        return read_wdi(path, name, rows)  # (the bulk WDIData.csv has no preamble)
    if "SeriesCode" in header:
        return _un_rows(path, name, rows, brackets=True)
    roles = {**{k: v for k, v in OPEN_SDG_ROLES.items() if v}, **(columns or {})}
    if roles["year"] in header and roles["value"] in header:
        return read_open_sdg(path, name, rows, columns or {})
    raise DataError(
        f"{name}: not a file this tool knows; expected a UN SDG Global Database export "
        "(columns SeriesCode, GeoAreaName, TimePeriod, Value …), an Open SDG file (Year, "
        "Value; other headers map with columns: {year: …, value: …}) or a World Bank WDI "
        f"CSV (starting \"Data Source\",\"World Development Indicators\"); its header: "
        f"{', '.join(header[:8]) or '(empty)'}")


def _csv_rows(path: Path, name: str) -> list[list[str]]:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise DataError(f"{name}:{line}: not UTF-8 text; the UN, Open SDG and World Bank "
                        "downloads are UTF-8: download the file again rather than re-saving "
                        "it from a spreadsheet") from None
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise DataError(f"{name}: not a readable CSV ({error})") from None


def _sheet_rows(path: Path, name: str) -> list[list[str]]:
    """The first sheet of a spreadsheet (the UN's Excel download), every cell as text."""
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        sheet = book.get_sheet_by_index(0)
        grid = sheet.to_python(skip_empty_area=False)
    except Exception as error:  # calamine's, zip and XML errors of a damaged file
        raise DataError(f"{name}: not a readable spreadsheet ({type(error).__name__})") from None
    return [[_cell_text(value) for value in row] for row in grid]


def _cell_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, float):
        return repr(value)
    return "" if value is None else str(value)


def _number(text: str) -> float | None:
    """A value cell as a number; None for anything else ("<5", "NaN", "", "..")."""
    try:
        number = float(text.strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _year(text: str, name: str, line: int, column: str) -> int:
    match = re.fullmatch(r"\s*(\d{4})(?:\.0+)?\s*", text)
    if match is None:
        raise DataError(f"{name}:{line}: {column} {text!r} is not a year")
    return int(match.group(1))


# --- UN SDG Global Database ---------------------------------------------------------------

def _un_rows(path: Path, name: str, rows: list[list[str]], brackets: bool) -> Table:
    if not rows:
        raise DataError(f"{name}: empty")
    header = [c.strip() for c in rows[0]]
    missing = [c for c in UN_REQUIRED if c not in header]
    if missing:
        raise DataError(f"{name}:1: not a UN SDG Global Database export: no column "
                        f"{', '.join(missing)}; its header: {', '.join(header[:8])}")
    at = {c: header.index(c) for c in UN_FIXED if c in header}
    dims = [(i, c[1:-1] if brackets and c.startswith("[") and c.endswith("]") else c)
            for i, c in enumerate(header) if c and c not in UN_FIXED]
    observations = []
    for line, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        cells = row + [""] * (len(header) - len(row))

        def cell(column: str, cells: list[str] = cells) -> str:
            return cells[at[column]].strip() if column in at else ""

        values = tuple((dim, cells[i].strip()) for i, dim in dims)
        lookup = dict(values)
        observations.append(Observation(
            series=cell("SeriesCode"), code=cell("SeriesCode"),
            description=cell("SeriesDescription"), area=cell("GeoAreaName"),
            area_code=cell("GeoAreaCode"), year=_year(cell("TimePeriod"), name, line,
                                                      "TimePeriod"),
            period=cell("TimePeriod"), value=_number(cell("Value")), written=cell("Value"),
            dims=values, units=lookup.get("Units", ""), nature=lookup.get("Nature", ""),
            lower=cell("LowerBound"), upper=cell("UpperBound"), source=cell("Source"),
            footnote=cell("FootNote"), row=line))
    return Table(str(path), name, UN, tuple(observations), tuple(d for _, d in dims))


# --- Open SDG ----------------------------------------------------------------------------

def read_open_sdg(path: Path, name: str, rows: list[list[str]],
                  columns: Mapping[str, str]) -> Table:
    header = [c.strip() for c in rows[0]]
    roles: dict[str, str | None] = {**OPEN_SDG_ROLES, **columns}
    for role, column in columns.items():
        if column not in header:
            raise DataError(f"{name}:1: columns: {role}: no column {column!r}; its columns: "
                            f"{', '.join(header)}")
    year_at = header.index(str(roles["year"]))
    value_at = header.index(str(roles["value"]))
    special = {role: header.index(str(col)) for role, col in roles.items()
               if col is not None and col in header}
    dims = [(i, c) for i, c in enumerate(header) if i not in special.values() and c]
    series = re.sub(r"^indicator_", "", Path(name).stem)
    observations = []
    for line, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        cells = row + [""] * (len(header) - len(row))

        def role_cell(role: str, cells: list[str] = cells) -> str:
            return cells[special[role]].strip() if role in special else ""

        observations.append(Observation(
            series=role_cell("series") or series, code=role_cell("series") or series,
            description="", area=role_cell("area"), area_code=role_cell("geocode"),
            year=_year(cells[year_at], name, line, header[year_at]), period=cells[year_at].strip(),
            value=_number(cells[value_at]), written=cells[value_at].strip(),
            dims=tuple((dim, cells[i].strip()) for i, dim in dims),
            units=role_cell("units"), row=line))
    return Table(str(path), name, OPEN_SDG, tuple(observations), tuple(d for _, d in dims))


# --- World Bank WDI ----------------------------------------------------------------------

def read_wdi(path: Path, name: str, rows: list[list[str]]) -> Table:
    start = next((i for i, row in enumerate(rows[:10]) if row and row[0].strip() == WDI_HEAD[0]),
                 None)
    if start is None:
        raise DataError(f"{name}: a World Bank file without its table: no row starting "
                        f"{WDI_HEAD[0]!r} in the first 10 lines")
    header = [c.strip() for c in rows[start]]
    if tuple(header[:4]) != WDI_HEAD:
        raise DataError(f"{name}:{start + 1}: expected the columns {', '.join(WDI_HEAD)} then "
                        f"the years; found {', '.join(header[:4])}")
    years = [(i, int(c)) for i, c in enumerate(header) if re.fullmatch(r"\d{4}", c)]
    read: list[Observation] = []
    for line, row in enumerate(rows[start + 1:], start + 2):
        if not any(cell.strip() for cell in row):
            continue
        cells = row + [""] * (len(header) - len(row))
        code = cells[3].strip()
        family, dims = wdi_breakdown(code)
        for i, year in years:
            written = cells[i].strip()
            if not written:
                continue  # the World Bank leaves a year without data empty
            read.append(Observation(
                series=family, code=code, description=cells[2].strip(), area=cells[0].strip(),
                area_code=cells[1].strip(), year=year, period=str(year),
                value=_number(written), written=written, dims=dims,
                units="PERCENT" if code.endswith(".ZS") else "", row=line))
    observations, dimensions = _wdi_totals(read)
    return Table(str(path), name, WDI, observations, dimensions)


def _wdi_totals(read: list[Observation]) -> tuple[tuple[Observation, ...], tuple[str, ...]]:
    """A family's total (SE.PRM.CMPT.ZS beside .FE. and .MA.) gets its dimension's total;
    the dimensions the codes name, in the order found."""
    split: dict[str, set[str]] = {}
    for obs in read:
        if obs.dims and obs.code != obs.series:
            split.setdefault(obs.series, set()).update(d for d, _ in obs.dims)
    observations = []
    dimensions: list[str] = []
    for obs in read:
        if obs.code == obs.series and obs.series in split:
            obs = replace(obs, dims=tuple((d, TOTALS[d]) for d in sorted(split[obs.series])))
        dimensions.extend(d for d, _ in obs.dims if d not in dimensions)
        observations.append(obs)
    return tuple(observations), tuple(dimensions)


def merged(tables: list[Table]) -> Table:
    """Several downloads read as one table: the World Bank gives one indicator a file
    (rural and urban come in two). They must be of one format; each value keeps its file's
    name for messages."""
    if len(tables) == 1:
        return tables[0]
    kinds = {t.kind for t in tables}
    if len(kinds) > 1:
        said = ", ".join(f"{t.name} is {t.kind}" for t in tables)
        raise DataError(f"files read together must be of one format; {said}")
    read = [replace(o, file=o.file or t.name) for t in tables for o in t.observations]
    if tables[0].kind == WDI:  # a family's total may come in one file, its groups in another
        observations, wdi_dimensions = _wdi_totals(
            [replace(o, dims=()) if o.code == o.series else o for o in read])
        return Table(tables[0].path, " + ".join(t.name for t in tables), WDI, observations,
                     wdi_dimensions)
    dimensions: list[str] = []
    for table in tables:
        dimensions.extend(d for d in table.dimensions if d not in dimensions)
    return Table(tables[0].path, " + ".join(t.name for t in tables), tables[0].kind,
                 tuple(read), tuple(dimensions))


def wdi_breakdown(code: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """A WDI indicator code → (its family, the breakdown its code names):
    ``SE.PRM.CMPT.FE.ZS`` → (``SE.PRM.CMPT.ZS``, Sex FEMALE); ``SI.DST.FRST.20`` →
    (``SI.DST.20``, Quantile Q1); a code without a breakdown is its own family."""
    if code in WDI_QUINTILES:
        return WDI_QUINTILE_FAMILY, (("Quantile", WDI_QUINTILES[code]),)
    parts = code.split(".")
    for index, part in enumerate(parts[1:-1], 1):  # never the first or last segment
        if part in WDI_SEGMENTS:
            return ".".join(parts[:index] + parts[index + 1:]), (WDI_SEGMENTS[part],)
    return code, ()
