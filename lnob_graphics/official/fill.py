"""A selection of official data as the fields of a template.

``TEMPLATE_FILLS`` maps each template that takes ``data_source:`` to the function that
turns a selection into its fields, all with one signature. The campaign's own fields win:
data fills only what the entry does not write itself (``campaign`` merges them).

The card states what the numbers are: the source line names the database, the series,
the year (each group's, when they differ), the nature of estimates and modelled values,
and the bounds of a value that has them; the file's footnote and source go into the
``note`` field (the alt text and the manifest), never silently away.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lnob_graphics.official.groups import group_name, nature_name
from lnob_graphics.official.readers import merged, read_table
from lnob_graphics.official.select import Selection, Spec, select
from lnob_graphics.official.table import DataError, Observation, Table

PERCENT_UNITS = ("PERCENT", "%", "PT")
ALL_YEARS = (1000, 9999)


@dataclass
class Filled:
    """Fields from data, as a YAML entry would write them (maps of language: text)."""

    values: dict[str, Any] = field(default_factory=dict)
    # language → the groups it has no name for (its images are not made)
    unnamed: dict[str, list[str]] = field(default_factory=dict)
    # language → words of the source line it has no name for (left out of its cards)
    missing_words: dict[str, list[str]] = field(default_factory=dict)


_TABLES: dict[tuple[str, float, int, tuple[tuple[str, str], ...]], Table] = {}


def table_for(path: Path, name: str, columns: dict[str, str]) -> Table:
    """A file read once per run (many cards come from one download)."""
    stat = path.stat()
    key = (str(path), stat.st_mtime, stat.st_size, tuple(sorted(columns.items())))
    if key not in _TABLES:
        _TABLES[key] = read_table(path, name, columns)
    return _TABLES[key]


def tables_for(paths: Sequence[tuple[Path, str]], columns: dict[str, str]) -> Table:
    """The files of one data_source (each read once per run) as one table."""
    return merged([table_for(path, name, columns) for path, name in paths])


def fill(template: str, spec: Spec, table: Table, languages: Sequence[str]) -> Filled:
    """The fields ``template`` takes from the data, in each of ``languages``."""
    filler = TEMPLATE_FILLS.get(template)
    if filler is None:
        raise DataError(f"template {template!r} takes no data_source; these do: "
                        f"{', '.join(sorted(TEMPLATE_FILLS))}")
    return filler(spec, table, languages)


# --- writing values ----------------------------------------------------------------------

def _decimals(spec: Spec, observations: Sequence[Observation]) -> int:
    if spec.decimals is not None:
        return spec.decimals
    return 0 if all(float(o.value or 0).is_integer() for o in observations) else 1


def _percent(spec: Spec, obs: Observation) -> bool:
    return spec.units == "%" or (spec.units is None and obs.units.upper() in PERCENT_UNITS)


def written(spec: Spec, obs: Observation, decimals: int) -> str:
    """A value in the plain form the rest of the tool reads (``23.4%``), rounded."""
    text = f"{obs.value or 0:.{decimals}f}"
    return text + ("%" if _percent(spec, obs) else "")


def _all(selection: Selection) -> list[Observation]:
    return [o for g in selection.groups for o in g.observations]


def _names(selection: Selection, languages: Sequence[str],
           filled: Filled) -> dict[str, dict[str, str]]:
    """Each group's name per language; a language lacking one is recorded as unnamed."""
    names: dict[str, dict[str, str]] = {}
    for group in selection.groups:
        names[group.code] = {}
        for lang in languages:
            name = group_name(group.code, lang, selection.spec.labels, selection.spec.lang)
            if name is None:
                filled.unnamed.setdefault(lang, []).append(group.code)
            else:
                names[group.code][lang] = name
    return names


def _source_line(selection: Selection, languages: Sequence[str], filled: Filled,
                 names: dict[str, dict[str, str]], decimals: int) -> dict[str, str]:
    """``UN SDG Global Database · SE_TOT_CPLR · 2019 · Estimated`` per language: years per
    group when they differ, the nature of estimates, the bounds of a value."""
    observations = _all(selection)
    years = sorted({o.year for o in observations})
    same_years = len({tuple(o.year for o in g.observations) for g in selection.groups}) == 1
    natures = [n for n in dict.fromkeys(o.nature for o in observations) if n and n != "C"]
    # The codes of the values shown, as the file writes them: a WDI breakdown is its own
    # indicator (EG.ELC.ACCS.RU.ZS), and the family's code names another (the total).
    codes = " + ".join(dict.fromkeys(o.code or selection.series for o in observations))
    lines = {}
    for lang in languages:
        publisher = selection.spec.publisher
        parts = [next((publisher[k] for k in (lang, lang.split("-")[0], "*") if k in publisher),
                      selection.table.kind), codes]
        if same_years:
            parts.append(str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}")
        else:
            parts.append(", ".join(
                f"{names[g.code].get(lang, g.code)} {g.observations[-1].year}"
                for g in selection.groups))
        for nature in natures:
            word = nature_name(nature, lang)
            if word is None:
                filled.missing_words.setdefault(lang, []).append(f"Nature {nature}")
            else:
                parts.append(word)
        bounds = [(g, o) for g in selection.groups for o in g.observations[-1:]
                  if o.lower and o.upper]
        for group, obs in bounds:
            who = f"{names[group.code].get(lang, '')} " if group.code else ""
            low = _bound(obs.lower, decimals)
            high = _bound(obs.upper, decimals)
            parts.append(f"{who}{low}–{high}".strip())
        lines[lang] = " · ".join(parts)
    return lines


def _bound(text: str, decimals: int) -> str:
    try:
        return f"{float(text):.{decimals}f}"
    except ValueError:
        return text


def _note(selection: Selection) -> str:
    """The file's own source and footnotes of the values shown (for the alt text)."""
    observations = _all(selection)
    sources = list(dict.fromkeys(o.source for o in observations if o.source))
    notes = list(dict.fromkeys(o.footnote for o in observations if o.footnote))
    return " ".join(f"{text.rstrip('.')}." for text in [*sources, *notes])


def _common(selection: Selection, languages: Sequence[str], filled: Filled,
            names: dict[str, dict[str, str]], decimals: int) -> None:
    filled.values["source"] = _source_line(selection, languages, filled, names, decimals)
    note = _note(selection)
    if note:
        filled.values["note"] = note


# --- per template ------------------------------------------------------------------------

def _groups_field(name: str, least: int, most: int) -> Callable[[Spec, Table, Sequence[str]],
                                                                  Filled]:
    """gap, chart, carousel: one point per group (its latest year, or the year chosen)."""

    def fill_groups(spec: Spec, table: Table, languages: Sequence[str]) -> Filled:
        if spec.trend:
            if spec.compare is None and len(spec.series) == 1 and name == "data":
                return _years_field(name)(spec, table, languages)
            raise DataError(f"data_source.year: {spec.years[0]}-{spec.years[1]} is a range; "  # type: ignore[index]
                            "this template shows one year per group: give latest or a year "
                            "(a range is for template trend)")
        selection = select(table, spec)
        if not least <= len(selection.groups) <= most:
            raise DataError(f"data_source.compare: this template shows {least} to {most} "
                            f"groups; got {len(selection.groups)}")
        filled = Filled()
        names = _names(selection, languages, filled)
        decimals = _decimals(spec, _all(selection))
        filled.values[name] = [
            {"label": names[g.code], "value": written(spec, g.observations[-1], decimals)}
            for g in selection.groups]
        _common(selection, languages, filled, names, decimals)
        return filled

    return fill_groups


def _years_field(name: str) -> Callable[[Spec, Table, Sequence[str]], Filled]:
    """trend (and a chart of a range): one point per year of one group."""

    def fill_years(spec: Spec, table: Table, languages: Sequence[str]) -> Filled:
        if spec.compare is not None and len(spec.compare[1]) > 1:
            raise DataError("data_source.compare: a trend follows one group over the years; "
                            f"pin {spec.compare[0]} with where: "
                            f"{{{spec.compare[0]}: {spec.compare[1][0]}}}")
        if spec.years is None:
            spec = dataclasses.replace(spec, years=ALL_YEARS)
        selection = select(table, spec)
        group = selection.groups[0]
        if len(group.observations) < 2:
            raise DataError(f"data_source.year: a trend needs two years or more; "
                            f"{selection.series} has {group.observations[0].year} only")
        filled = Filled()
        names = _names(selection, languages, filled) if group.code else {"": {}}
        decimals = _decimals(spec, group.observations)
        filled.values[name] = [{"label": str(o.year), "value": written(spec, o, decimals)}
                               for o in group.observations]
        _common(selection, languages, filled, names, decimals)
        if group.code:
            filled.values["group"] = names[group.code]
        return filled

    return fill_years


def _one(spec: Spec, table: Table, what: str) -> tuple[Selection, Observation]:
    if spec.trend:
        raise DataError(f"data_source.year: template {what} shows one year: give latest or a "
                        "year")
    selection = select(table, spec)
    if len(selection.groups) != 1:
        raise DataError(f"data_source.compare: template {what} shows one number; to compare "
                        "groups use template gap (or chart)")
    return selection, selection.groups[0].observations[-1]


def fill_stat(spec: Spec, table: Table, languages: Sequence[str]) -> Filled:
    selection, obs = _one(spec, table, "stat")
    filled = Filled()
    decimals = _decimals(spec, [obs])
    filled.values["stat"] = written(spec, obs, decimals)
    _common(selection, languages, filled, {"": {}}, decimals)
    return filled


def fill_progress(spec: Spec, table: Table, languages: Sequence[str]) -> Filled:
    """The latest value and its year; with a range, its first year as the baseline."""
    baseline = None
    if spec.trend:
        selection = select(table, spec)
        if len(selection.groups) != 1:
            raise DataError("data_source.compare: template progress shows one group")
        observations = selection.groups[0].observations
        baseline, obs = observations[0], observations[-1]
    else:
        selection, obs = _one(spec, table, "progress")
    filled = Filled()
    decimals = _decimals(spec, [obs] + ([baseline] if baseline else []))
    filled.values["value"] = written(spec, obs, decimals)
    filled.values["year"] = str(obs.year)
    if baseline is not None:
        filled.values["baseline"] = written(spec, baseline, decimals)
        filled.values["baseline_year"] = str(baseline.year)
    _common(selection, languages, filled, {"": {}}, decimals)
    return filled


TEMPLATE_FILLS: dict[str, Callable[[Spec, Table, Sequence[str]], Filled]] = {
    "gap": _groups_field("groups", 2, 3),
    "chart": _groups_field("data", 2, 24),
    "carousel": _groups_field("data", 1, 8),
    "trend": _years_field("points"),
    "stat": fill_stat,
    "progress": fill_progress,
}
