"""``data_source`` in a CSV or spreadsheet campaign: one column per key, one cell per value.

A table has no nesting, so each key of ``data_source:`` is a column of its own —
``data_source.file``, ``data_source.series``, ``data_source.area``, ``data_source.year``,
``data_source.compare``, ``data_source.where`` … — and the two keys that hold a mapping in
YAML are written in one cell:

- ``compare``: a dimension, a colon, its groups separated by commas —
  ``Sex: FEMALE, MALE`` (YAML: ``{Sex: [FEMALE, MALE]}``);
- ``where`` (and ``columns``): ``dimension: value`` pairs separated by semicolons —
  ``Location: ALLAREA; Education level: LOWSEC``;
- ``labels``: ``group: name`` pairs separated by semicolons, in the row's language
  (its ``lang``) — ``FEMALE: Niñas; MALE: Niños``;
- ``file``: one file, or several of one format separated by semicolons;
- ``series``: one code, or several (WDI) separated by commas.

The row's cells become the same mapping a YAML entry writes, checked by the same code
(``select.read_spec``); a cell that cannot be read is an error at its cell.
"""

from __future__ import annotations

import re
from typing import Any

from lnob_graphics.errors import Cells, Problem
from lnob_graphics.i18n import read_language
from lnob_graphics.loader import Entry

PREFIX = "data_source."
COMPARE_EXAMPLE = "Sex: FEMALE, MALE"
WHERE_EXAMPLE = "Location: ALLAREA; Education level: LOWSEC"
PAIRS = {"where": WHERE_EXAMPLE, "columns": "year: Год; value: Значение",
         "labels": "FEMALE: Girls; MALE: Boys"}


def source_column(name: str) -> str | None:
    """``Data Source.Where`` → ``data_source.where``; None for another column."""
    squashed = re.sub(r"[\s\-]+", "_", name.strip().casefold())
    if not squashed.startswith(PREFIX):
        return None
    return PREFIX + squashed[len(PREFIX):].strip("_")


def gathered(entry: Entry, problems: list[Problem]) -> Entry:
    """The row with its ``data_source.*`` cells as one ``data_source`` mapping."""
    keys = [str(k) for k in entry.values if str(k).startswith(PREFIX)]
    if not keys:
        return entry
    values = {k: v for k, v in entry.values.items() if str(k) not in keys}

    def problem(key: str, message: str) -> None:
        problems.append(Problem(entry.file, entry.line, key, message,
                                id=str(entry.values.get("id")),
                                cell=entry.cells.of(key) if entry.cells else None))

    if "data_source" in values:
        problem("data_source", "a data_source column beside data_source.* columns: keep the "
                               f"columns {', '.join(keys)}")
        return entry
    source: dict[str, Any] = {}
    for key in keys:
        name = key[len(PREFIX):]
        text = str(entry.values[key]).strip()
        read = _cell(name, text, str(values.get("lang") or "").strip(), problem)
        if read is not None:
            source[name] = read
    values["data_source"] = source
    cells = entry.cells
    if cells is not None:  # a problem of the whole selection points at its first cell
        cells = Cells(cells.sheet, cells.row, {**cells.columns,
                                               "data_source": cells.columns.get(keys[0], "A")})
    return Entry(values, entry.file, entry.line, {**entry.lines, "data_source": entry.line},
                 cells)


def _cell(name: str, text: str, lang: str, problem: Any) -> Any:
    key = PREFIX + name
    if name == "file":
        files = [f.strip() for f in text.split(";") if f.strip()]
        return files if len(files) > 1 else text
    if name == "series":
        codes = [c.strip() for c in re.split(r"[,;]", text) if c.strip()]
        return codes if len(codes) > 1 else text
    if name == "compare":
        dim, colon, groups = text.partition(":")
        listed = [g.strip() for g in groups.split(",") if g.strip()]
        if not colon or not dim.strip() or not listed or ";" in groups:
            problem(key, f"expected one dimension, a colon and its groups separated by commas, "
                         f"e.g. {COMPARE_EXAMPLE}; got {text!r}")
            return None
        return {dim.strip(): listed}
    if name in PAIRS:
        pairs: dict[str, Any] = {}
        for part in (p for p in text.split(";") if p.strip()):
            left, colon, right = part.partition(":")
            if not colon or not left.strip():
                problem(key, f"expected name: value pairs separated by semicolons, e.g. "
                             f"{PAIRS[name]}; got {part.strip()!r}")
                return None
            if left.strip() in pairs:
                problem(key, f"{left.strip()} is given twice; give it once")
                return None
            pairs[left.strip()] = right.strip()
        if name == "labels":
            if not lang:
                problem(key, "the names are in the row's language: give the row a lang "
                             "(the language of its text)")
                return None
            code = read_language(lang).code or lang
            return {group: {code: label} for group, label in pairs.items()}
        return pairs
    return text
