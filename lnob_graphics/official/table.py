"""The common table: what every reader of official data returns."""

from __future__ import annotations

from dataclasses import dataclass

# The formats, by the name the tool gives them on cards and in messages.
UN = "UN SDG Global Database"
OPEN_SDG = "Open SDG"
WDI = "World Bank WDI"


class DataError(Exception):
    """A data file cannot be read, or a selection does not name exactly what it should.
    The message names the file (and row) and says what is there and what to do."""


@dataclass(frozen=True)
class Observation:
    """One value of one series, for one area, year and combination of dimensions."""

    series: str  # UN SeriesCode, Open SDG indicator (the file's name), WDI family code
    code: str  # the series as the file writes it (a WDI indicator code such as SE.PRM.CMPT.FE.ZS)
    description: str  # SeriesDescription / WDI Indicator Name / "" (Open SDG)
    area: str  # GeoAreaName, Country Name … ("" when the file has none)
    area_code: str  # GeoAreaCode, Country Code, GeoCode ("" when the file has none)
    year: int
    period: str  # the year as written (TimePeriod, Year, the WDI column)
    value: float | None  # None: the cell is not a number (e.g. "<5", "NaN"); never guessed
    written: str  # the value as the file writes it
    dims: tuple[tuple[str, str], ...]  # (dimension, code), in the file's column order
    units: str = ""
    nature: str = ""  # UN Nature: C country, E estimated, M modelled, G global monitoring …
    lower: str = ""  # LowerBound as written
    upper: str = ""  # UpperBound as written
    source: str = ""  # the Source column (the agency or survey behind the number)
    footnote: str = ""
    row: int = 0  # its line (CSV) or row (sheet) in the file, for messages
    file: str = ""  # the file it was read from, when a table is read from several

    def dim(self, name: str) -> str | None:
        for key, value in self.dims:
            if key == name:
                return value
        return None


@dataclass(frozen=True)
class Table:
    """A file read: its format, its observations and its dimensions."""

    path: str
    name: str  # the file as the campaign names it, for messages
    kind: str  # UN, OPEN_SDG or WDI
    observations: tuple[Observation, ...]
    dimensions: tuple[str, ...]  # in the file's column order

    def series(self) -> list[str]:
        return sorted({o.series for o in self.observations})

    def codes(self) -> list[str]:
        return sorted({o.code for o in self.observations})
