"""``data_source:`` in a campaign entry: the file read, the selection made, the fields
filled — every problem reported at the entry's line, like the rest of the campaign.

The file must be inside the campaign's folder (or a folder allowed with ``--allow``),
as photos and ``<field>_file`` files are.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from lnob_graphics.data import inside
from lnob_graphics.errors import Reporter
from lnob_graphics.loader import Written
from lnob_graphics.official.fill import fill, tables_for
from lnob_graphics.official.select import listed, read_spec
from lnob_graphics.official.table import DataError

FIELD = "data_source"


def data_values(written: Written, own: Sequence[str], values: Mapping[str, Written],
                template: str, languages: Sequence[str], folder: Path,
                allowed: tuple[Path, ...], report: Reporter,
                ) -> tuple[dict[str, Written], list[str]]:
    """``values`` with the fields the data fills (those the entry does not write itself,
    in ``own``), and the languages that keep their images (a language with no name for
    a group is left out, with a warning)."""
    line = written.line
    spec = read_spec(written.value, lambda key, message: report.error(key, message, line))
    if spec is None:
        return dict(values), list(languages)
    paths = [(inside(folder, name, f"{FIELD}.file", line, report.error, allowed), name)
             for name in spec.files]
    if any(path is None for path, _ in paths):
        return dict(values), list(languages)
    try:
        table = tables_for([(path, name) for path, name in paths if path is not None],
                           spec.columns)
        filled = fill(template, spec, table, languages)
    except DataError as error:
        report.error(FIELD, str(error), line)
        return dict(values), list(languages)
    merged = dict(values)
    for key, value in filled.values.items():
        if key not in own:
            merged[key] = Written(value, line)
    kept = []
    for lang in languages:
        unnamed = filled.unnamed.get(lang)
        if unnamed:
            report.warn(FIELD, f"no name in {lang!r} for {listed(unnamed)}: the {lang!r} images "
                               f"of {report.asset_id!r} are not made (never another language's "
                               f"words); name them in data_source: labels: "
                               f"{{{unnamed[0]}: {{{lang}: …}}}}", line)
            continue
        for word in filled.missing_words.get(lang, []):
            report.warn(FIELD, f"no word in {lang!r} for {word}: the {lang!r} source line leaves "
                               "it out; the alt text's note keeps the data's own words", line)
        kept.append(lang)
    return merged, kept
