"""A campaign's selection of official data: which series, area, year(s), groups.

``read_spec`` checks the ``data_source:`` mapping as written; ``select`` applies it to a
table. One country, series and year is not one row in these files: rows differ by
nature (estimate, modelled …), reporting type, units and every dimension. A selection
must pin each of them down: nothing is averaged, nothing dropped in silence. A
selection that matches no row, or several, is an error that lists what the file has —
the series, the areas, the years of that area, the values of each dimension — with
"did you mean" for a near miss.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from lnob_graphics.errors import suggest
from lnob_graphics.official.table import OPEN_SDG, DataError, Observation, Table

KEYS = ("file", "series", "area", "year", "compare", "where", "columns", "labels", "lang",
        "decimals", "units", "publisher")
LATEST = "latest"
TOTAL_WORDS = ("", "_T", "total")  # an Open SDG file's blank cell is the total
MAX_LISTED = 12


@dataclass(frozen=True)
class Spec:
    """A ``data_source:`` as written, checked."""

    file: str
    series: tuple[str, ...]
    area: str | None = None
    years: tuple[int, int] | None = None  # None: the latest; (y, y): one year; a range
    compare: tuple[str, tuple[str, ...]] | None = None
    where: tuple[tuple[str, str], ...] = ()
    columns: dict[str, str] = field(default_factory=dict)  # Open SDG: role → column
    labels: dict[str, dict[str, str]] = field(default_factory=dict)  # code → lang → name
    lang: str | None = None  # the language of the file's own words (an Open SDG platform's)
    decimals: int | None = None
    units: str | None = None  # "%" when the file does not say
    # who published the file (language → name; "*" every language), instead of the format's
    publisher: dict[str, str] = field(default_factory=dict)
    also: tuple[str, ...] = ()  # more files read with the first as one table (WDI: one code a file)

    @property
    def files(self) -> tuple[str, ...]:
        return (self.file, *self.also)

    @property
    def trend(self) -> bool:
        return self.years is not None and self.years[0] != self.years[1]


@dataclass(frozen=True)
class Group:
    code: str  # the compared dimension's value (a WDI code when series are compared); "" alone
    observations: tuple[Observation, ...]  # one per year, oldest first


@dataclass(frozen=True)
class Selection:
    table: Table
    spec: Spec
    series: str
    area: str
    dimension: str | None  # the compared one ("series" for several WDI codes)
    groups: tuple[Group, ...]


def read_spec(value: Any, report: Any) -> Spec | None:
    """``data_source:`` → a Spec; each problem goes to ``report(key, message)``."""
    if not isinstance(value, dict):
        report("data_source", "expected a mapping: file, series, area, year, compare, where")
        return None
    said: list[str] = []

    def problem(key: str, message: str) -> None:  # (every problem makes the spec unusable)
        said.append(key)
        report(key, message)

    ok = True
    for key in value:
        if key not in KEYS:
            problem(f"data_source.{key}", f"unknown key{suggest(str(key), KEYS)}; the keys: "
                                          f"{', '.join(KEYS)}")
            ok = False
    files = _texts(value.get("file")) if isinstance(value.get("file"), (str, list)) else ()
    if not files:
        problem("data_source.file", "missing: the downloaded file, e.g. data/sdg-4.csv (or a "
                                    "list of files of one format, read as one)")
        ok = False
    series = _texts(value.get("series"))
    if not series:
        problem("data_source.series", "missing: the series code (UN SeriesCode such as "
                                      "SE_TOT_CPLR, an Open SDG indicator such as 4-1-2, or a "
                                      "WDI indicator code); `lnob data FILE` lists them")
        ok = False
    years = _years(value.get("year"), problem)
    compare = None
    raw_compare = value.get("compare")
    if raw_compare is not None:
        if (not isinstance(raw_compare, dict) or len(raw_compare) != 1
                or not _texts(next(iter(raw_compare.values())))):
            problem("data_source.compare", "expected one dimension and its groups, e.g. "
                                           "{Sex: [FEMALE, MALE]}")
            ok = False
        else:
            dim, groups = next(iter(raw_compare.items()))
            compare = (str(dim), _texts(groups))
    where = value.get("where") or {}
    if not isinstance(where, dict) or any(isinstance(v, (list, dict)) for v in where.values()):
        problem("data_source.where", "expected dimension: value, e.g. {Location: ALLAREA}")
        ok = False
        where = {}
    columns = value.get("columns") or {}
    if not isinstance(columns, dict):
        problem("data_source.columns", "expected role: column, e.g. {year: Год, value: "
                                       "Значение}")
        ok = False
        columns = {}
    labels = value.get("labels") or {}
    if not isinstance(labels, dict) or not all(isinstance(v, (dict, str))
                                               for v in labels.values()):
        problem("data_source.labels", "expected group: {language: name}, e.g. {FEMALE: {en: "
                                      "Girls, fr: Filles}}")
        ok = False
        labels = {}
    decimals = value.get("decimals")
    if decimals is not None:
        text = str(decimals).strip()
        if isinstance(decimals, bool) or text not in ("0", "1", "2", "3"):
            problem("data_source.decimals", f"expected 0, 1, 2 or 3; got {text!r}")
            ok = False
        decimals = int(text) if ok else None
    if not ok or said:
        return None
    return Spec(files[0], series, _text(value.get("area")), years, compare,
                tuple((str(k), _cell(v)) for k, v in where.items()),
                {str(k): str(v) for k, v in columns.items()},
                {str(k): ({"*": str(v)} if isinstance(v, str) else
                          {str(lang): str(t) for lang, t in v.items() if t is not None})
                 for k, v in labels.items()},
                _text(value.get("lang")), decimals, _text(value.get("units")),
                _per_language(value.get("publisher")), files[1:])


def _per_language(value: Any) -> dict[str, str]:
    if isinstance(value, dict):
        return {str(k): str(v).strip() for k, v in value.items() if v is not None}
    text = _text(value)
    return {"*": text} if text else {}


def _text(value: Any) -> str | None:
    text = "" if value is None else str(value).strip()
    return text or None


def _cell(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _texts(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    return tuple(str(v).strip() for v in items if v is not None and str(v).strip())


def _years(value: Any, problem: Any) -> tuple[int, int] | None:
    if value is None or str(value).strip().lower() == LATEST:
        return None
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})(?:\s*[-–]\s*(\d{4}))?", text)
    if match is None or (match.group(2) and int(match.group(2)) <= int(match.group(1))):
        problem("data_source.year", f"expected latest, a year (2019) or years (2010-2022); "
                                    f"got {text!r}")
        return None
    first = int(match.group(1))
    return first, int(match.group(2) or first)


# --- selecting ---------------------------------------------------------------------------

def listed(values: Iterable[str]) -> str:
    """``a, b, c`` — at most MAX_LISTED, then how many more."""
    items = [v if v else "(blank: total)" for v in values]
    more = len(items) - MAX_LISTED
    return ", ".join(items[:MAX_LISTED]) + (f" … and {more} more" if more > 0 else "")


def _ordered(values: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen


def select(table: Table, spec: Spec) -> Selection:
    """The groups the spec names in ``table``, or a DataError listing what is there."""
    name = table.name
    rows = [o for o in table.observations if o.series in spec.series or o.code in spec.series]
    for wanted in spec.series:
        if not any(o.series == wanted or o.code == wanted for o in rows):
            known = table.series() + [c for c in table.codes() if c not in table.series()]
            raise DataError(f"{name}: no series {wanted!r}{suggest(wanted, known)}; the file "
                            f"has: {listed(known)}")
    series = " + ".join(spec.series)
    rows = _area(rows, spec, name, series)
    area = rows[0].area or rows[0].area_code
    where_area = f" for {area}" if area else ""
    for dim, value in spec.where:
        rows = _pinned(rows, table, dim, value, f"{series}{where_area}", "where")
    compare = spec.compare
    if compare is None and len({o.code for o in rows}) > 1 and len(spec.series) > 1:
        compare = ("series", tuple(spec.series))  # WDI: one code per group
    groups: list[tuple[str, list[Observation]]] = []
    if compare is None:
        groups = [("", rows)]
    else:
        dim, codes = compare
        for code in codes:
            if dim == "series":
                groups.append((code, [o for o in rows if o.code == code or o.series == code]))
            else:
                groups.append((code, _pinned(rows, table, dim, code, f"{series}{where_area}",
                                             "compare")))
    chosen = tuple(Group(code, _years_of(group, spec, name, series, area, code, compare))
                   for code, group in groups)
    return Selection(table, spec, series, area, compare[0] if compare else None, chosen)


def _area(rows: list[Observation], spec: Spec, name: str, series: str) -> list[Observation]:
    areas = _ordered(o.area or o.area_code for o in rows)
    if spec.area is None:
        if len(areas) > 1:
            raise DataError(f"{name}: {series} has {len(areas)} areas; choose one with area: "
                            f"(a name or code): {listed(areas)}")
        return rows
    wanted = spec.area.casefold()
    found = [o for o in rows if wanted in (o.area.casefold(), o.area_code.casefold())]
    if not found:
        if not any(areas):
            raise DataError(f"{name}: {series} has no area column; leave area out (an Open SDG "
                            "file is one country), or name the column of areas in columns: "
                            "{area: …}")
        raise DataError(f"{name}: no area {spec.area!r} for {series}"
                        f"{suggest(spec.area, areas)}; its areas: {listed(areas)}")
    return found


def _same(value: str, code: str, kind: str) -> bool:
    if kind == OPEN_SDG and value in TOTAL_WORDS:
        return code == ""
    return value.casefold() == code.casefold()


def _pinned(rows: list[Observation], table: Table, dim: str, value: str, what: str,
            key: str) -> list[Observation]:
    if dim not in table.dimensions:
        raise DataError(f"{table.name}: data_source.{key}: no dimension {dim!r}"
                        f"{suggest(dim, table.dimensions)}; the dimensions: "
                        f"{listed(table.dimensions)}")
    kept = [o for o in rows if _same(value, o.dim(dim) or "", table.kind)]
    if not kept:
        values = _ordered(o.dim(dim) or "" for o in rows)
        raise DataError(f"{table.name}: data_source.{key}: {dim} has no value {value!r} for "
                        f"{what}{suggest(value, values)}; its values: {listed(values)}")
    return kept


def _years_of(rows: list[Observation], spec: Spec, name: str, series: str, area: str,
              group: str, compare: tuple[str, Sequence[str]] | None) -> tuple[Observation, ...]:
    """The group's observation in the chosen year (the latest by default), or each of the
    years of a range — exactly one row per year, or an error saying what differs."""
    who = f"{group} " if group else ""
    where = f" for {area}" if area else ""
    available = sorted({o.year for o in rows})
    if spec.years is None:
        chosen = [available[-1]] if available else []
    else:
        chosen = [y for y in available if spec.years[0] <= y <= spec.years[1]]
    if not chosen:
        wanted = "-".join(str(y) for y in sorted(set(spec.years or ())))
        raise DataError(f"{name}: {series}: no value {'for ' + who if who else ''}in {wanted}; "
                        f"years with a value{where}: {', '.join(map(str, available))}")
    picked = []
    for year in chosen:
        at_year = [o for o in rows if o.year == year]
        if len(at_year) > 1:
            raise DataError(_ambiguous(name, series, who, where, year, at_year, compare))
        obs = at_year[0]
        if obs.value is None:
            raise DataError(f"{obs.file or name}:{obs.row}: {series}{where}, {who}{year}: the value "
                            f"{obs.written!r} is not a number; choose another year (years"
                            f"{where}: {', '.join(map(str, available))})")
        picked.append(obs)
    return tuple(picked)


def _ambiguous(name: str, series: str, who: str, where: str, year: int,
               rows: list[Observation], compare: tuple[str, Sequence[str]] | None) -> str:
    differ = []
    for dim, _ in rows[0].dims:
        values = _ordered(o.dim(dim) or "" for o in rows)
        if len(values) > 1:
            differ.append((dim, values))
    if not differ:
        lines = ", ".join(str(o.row) for o in rows)
        return (f"{name}: {series}{where}, {who}{year}: {len(rows)} rows say the same "
                f"(lines {lines}) with different values; the file repeats itself: keep one")
    said = "; ".join(f"{dim}: {listed(values)}" for dim, values in differ)
    first = ", ".join(f"{dim}: {values[0] or '_T'}" for dim, values in differ)
    hint = f"add where: {{{first}}}"
    if compare is None and len(differ) == 1:
        hint += f", or compare them: {{{differ[0][0]}: [{', '.join(differ[0][1][:3])}]}}"
    return (f"{name}: {series}{where}, {who}{year}: {len(rows)} rows match; they differ by "
            f"{said}. Say which: {hint}")


def describe(table: Table) -> dict[str, Any]:
    """What ``lnob data`` prints: per series, its areas, years, dimensions and values."""
    out: dict[str, Any] = {"file": table.name, "format": table.kind, "series": []}
    by_series: dict[str, list[Observation]] = {}
    for obs in table.observations:
        by_series.setdefault(obs.series, []).append(obs)
    for code, rows in sorted(by_series.items()):
        dims: dict[str, list[str]] = {}
        for dim in table.dimensions:
            values = _ordered(o.dim(dim) or "" for o in rows if o.dim(dim) is not None)
            if values:
                dims[dim] = values
        areas = _ordered(o.area or o.area_code for o in rows)
        not_numbers = [o for o in rows if o.value is None]
        out["series"].append({
            "series": code,
            "codes": _ordered(o.code for o in rows) if table.kind != OPEN_SDG else [code],
            "description": next((o.description for o in rows if o.description and o.code == code), ""),
            "rows": len(rows),
            "areas": [{"name": a, "code": next((o.area_code for o in rows
                                                 if (o.area or o.area_code) == a), ""),
                       "years": sorted({o.year for o in rows if (o.area or o.area_code) == a})}
                      for a in areas],
            "dimensions": dims,
            "units": _ordered(o.units for o in rows if o.units),
            "nature": _ordered(o.nature for o in rows if o.nature),
            "sources": _ordered(o.source for o in rows if o.source),
            "not_numbers": [{"line": o.row, "value": o.written} for o in not_numbers[:20]],
        })
    return out


def labels_of(spec: Spec) -> Mapping[str, Mapping[str, str]]:
    return spec.labels
