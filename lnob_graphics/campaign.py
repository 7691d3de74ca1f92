"""Validation: campaign entries (as written) into typed assets, one per language.

All problems in all files are collected before anything is rendered, each with
its file, line and field, and a suggestion where a near miss is likely a typo.

YAML, CSV and spreadsheets mean the same thing: a YAML asset with text per language
(``headline: {en: ..., ar: ...}``) becomes one Asset per language, exactly like
CSV rows that share an ``id`` and differ in ``lang``.

How: ``validate`` checks each file's defaults and (CSV) columns, then each entry
(``_expand``): first what holds in every language (id, template, goal, platforms,
languages …), then the template's fields in each language through the table of
field types in ``fields``. An entry's problems go through one ``errors.Reporter``,
which knows its file, line and asset id.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lnob_graphics.data import ImageRef, Point
from lnob_graphics.errors import Cells, InputError, Problem, Reporter, suggest
from lnob_graphics.fields import FIELD_TYPE_TABLE, FieldContext, field_contexts, read_fields, text_in
from lnob_graphics.i18n import LANG_PATTERN, read_language
from lnob_graphics.labels import Words, merged, read_defaults, words_for
from lnob_graphics.labels import read_file as read_labels_file
from lnob_graphics.loader import CampaignFile, Entry, Written
from lnob_graphics.notation import Notation, read_decimal_field, read_numbers_field
from lnob_graphics.numbers import DIGIT_CHOICES, DIGIT_ZERO
from lnob_graphics.official.cells import gathered, source_column
from lnob_graphics.platforms import DEFAULT_PLATFORMS, PLATFORMS, read_platform
from lnob_graphics.templates import TemplateInfo, TemplateSet
from lnob_graphics.themes import GOAL_KEYS

TABLES = ("csv", "sheet")  # files of rows and columns: a header names the fields
ID_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")
# Fields every asset may have, whatever its template.
CORE_FIELDS = ("id", "template", "goal", "lang", "languages", "platforms", "alt", "digits",
               "numbers", "decimal", "caption", "hashtags", "colour", "text_colour",
               "typography", "data_source")
HEX_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
# Ids become file names: these cannot be files on Windows (con.png is still "con").
RESERVED_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                            *(f"lpt{i}" for i in range(1, 10))})
LIST_SPLIT = re.compile(r"[\s,;]+")


@dataclass(frozen=True)
class Asset:
    """One asset in one language, ready to render on any number of platforms."""

    id: str
    lang: str
    template: str
    goal: str  # "1".."17" or "lnob"
    fields: dict[str, str]  # the template's text fields, in this language
    platforms: tuple[str, ...]
    alt: str | None
    file: str
    line: int
    digits: str | None = None  # numbering-system override (numbers.DIGIT_CHOICES)
    series: dict[str, tuple[Point, ...]] = field(default_factory=dict)  # chart data
    lists: dict[str, tuple[str, ...]] = field(default_factory=dict)  # several texts
    images: dict[str, ImageRef] = field(default_factory=dict)
    field_lines: dict[str, int] = field(default_factory=dict, compare=False)  # where written
    pages: int = 1  # a carousel: title slide, one per item or data point, closing slide
    caption: str | None = None  # the asset's own post text (else from the template)
    formats: tuple[str, ...] = ("square", "portrait", "tall", "wide")  # its template's layouts
    colour: str | None = None  # the card's colour instead of the goal's (#RRGGBB)
    text_colour: str | None = None  # its text colour instead of the computed one
    hashtags: tuple[str, ...] = ()  # added to the post text
    cells: Cells | None = field(default=None, compare=False)  # a spreadsheet row's cells
    # How the numbers of a text or list field are written, when not the plain way
    # (1,200.5): the field's text is kept as written and read this way when drawn.
    notations: dict[str, Notation] = field(default_factory=dict)
    # The words the card adds in its language (goal names, "Source: {source}" …): the
    # tool's, then the campaign's own; None: the tool's (labels.words_for).
    labels: dict[str, str] | None = None
    # The language's own quotation marks and apostrophe (text/typography.py); False: the
    # text's marks exactly as typed.
    typography: bool = True

    def line_of(self, name: str | None) -> int:
        """The line (or CSV row) of a field, for messages; the asset's own line otherwise."""
        return self.field_lines.get(name or "", self.line)

    def cell_of(self, name: str | None) -> str | None:
        """In a spreadsheet, the cell of a field in this asset's language (``Sheet1!E7``);
        the row's id cell for the asset as a whole. None in YAML and CSV."""
        return self.cells.of(name, self.lang) if self.cells is not None else None

    def where(self) -> str:
        """``file:line``, or ``file:Sheet1!A7``: where the asset is written."""
        return f"{self.file}:{self.cell_of('id') or self.line}"


@dataclass(frozen=True)
class Campaign:
    assets: list[Asset]
    names: list[str]
    template_dirs: tuple[Path, ...] = ()  # from --templates and the files' templates: keys
    notes: list[str] = field(default_factory=list)  # what loading assumed (encoding …)
    warnings: list[Problem] = field(default_factory=list)  # a language skipped, a field left out
    # Every file the assets are made from besides templates and fonts: the campaign files,
    # photos, data files (resolved). A run whose inputs all keep their bytes is unchanged.
    inputs: tuple[str, ...] = ()


def validate(files: Sequence[CampaignFile], templates: TemplateSet,
             platform_override: Sequence[str] = (), allowed: tuple[Path, ...] = ()) -> Campaign:
    """Check every entry of every file; ``allowed`` folders may hold photos too."""
    problems: list[Problem] = []
    for name in platform_override:
        if name not in PLATFORMS:
            problems.append(Problem("--platform", None, None, read_platform(name)[1] or name))
    assets: list[Asset] = []
    warnings: list[Problem] = [w for f in files for w in f.warnings]  # from reading the files
    notes: list[Problem] = []
    for campaign_file in files:
        defaults = _check_defaults(campaign_file.defaults, templates, problems)
        words = _campaign_words(campaign_file, problems)
        ignored: set[str] = set()
        entries = campaign_file.entries
        if campaign_file.kind in TABLES:
            known = _all_field_names(templates)
            names = canonical_columns(campaign_file.columns, known)
            _check_repeated_columns(campaign_file, names, problems)
            entries = [_renamed(entry, names) for entry in entries]
            entries = [gathered(entry, problems) for entry in entries]
            wide = wide_columns(list(names.values()), set(known))
            entries = [_widen(entry, wide, problems) for entry in entries]
            ignored = _check_csv_columns(campaign_file, entries, templates, problems)
        rules = _FileRules(templates, defaults, csv=campaign_file.kind in TABLES, ignored=ignored,
                           own_platforms=not platform_override, allowed=allowed, words=words)
        for entry in entries:
            assets.extend(_expand(entry, rules, problems, warnings, notes))
    _check_duplicates(assets, problems)
    for asset in assets:  # --platform for a format the template was not drawn for: skipped
        missing = [p for p in platform_override
                   if p in PLATFORMS and PLATFORMS[p].format_class not in asset.formats]
        if missing and asset.lang == next(a.lang for a in assets if a.id == asset.id):
            warnings.append(Problem(asset.file, asset.line, "platforms", (
                f"template {asset.template!r} has no "
                f"{' or '.join(sorted({PLATFORMS[p].format_class for p in missing}))} layout: "
                f"no {', '.join(missing)} images of {asset.id!r}"), id=asset.id,
                cell=asset.cell_of("platforms")))
    if problems:
        order = {str(f.path): i for i, f in enumerate(files)}
        problems.sort(key=lambda p: (order.get(p.file, -1), p.line or 0))  # stable: file order
        raise InputError(problems, warnings)
    inputs = {str(Path(f.path).resolve()) for f in files}
    inputs |= {str(path) for f in files for path in f.labels}
    inputs |= {ref.path for asset in assets for ref in asset.images.values()}
    for campaign_file in files:
        folder = Path(campaign_file.path).parent
        for entry in [*campaign_file.entries, *filter(None, [campaign_file.defaults])]:
            inputs |= {str((folder / value.replace("\\", "/")).resolve())
                       for key, value in entry.values.items()
                       if str(key).endswith("_file") and isinstance(value, str)}
            source = entry.values.get("data_source")
            if campaign_file.kind in TABLES:  # data_source.file: a; b
                source = {"file": [f.strip() for key, value in entry.values.items()
                                   if source_column(str(key)) == "data_source.file"
                                   for f in str(value).split(";") if f.strip()]}
            if isinstance(source, dict):
                named = source.get("file")
                inputs |= {str((folder / name.replace("\\", "/")).resolve())
                           for name in (named if isinstance(named, list) else [named])
                           if isinstance(name, str)}
    return Campaign(assets, [f.name for f in files if f.name], warnings=warnings,
                    notes=[str(n) for n in notes], inputs=tuple(sorted(inputs)))


@dataclass(frozen=True)
class _FileRules:
    """What every entry of one campaign file is checked against."""

    templates: TemplateSet
    defaults: dict[str, Written]  # the file's defaults: block, each at its own line
    csv: bool
    ignored: set[str]  # unknown CSV columns: reported once, at the header
    own_platforms: bool  # False when --platform replaces the assets' own platforms
    allowed: tuple[Path, ...]  # folders photos may come from besides the file's own
    words: Words  # the file's own goal names and labels (its labels files, then defaults)


# Defaults that are not fields: the campaign's own words (labels.read_defaults).
WORD_DEFAULTS = ("goal_names", "labels")


def _check_defaults(entry: Entry | None, templates: TemplateSet,
                    problems: list[Problem]) -> dict[str, Written]:
    if entry is None:
        return {}
    allowed = _all_field_names(templates)
    result: dict[str, Written] = {}
    for key, value in entry.values.items():
        key = str(key)
        if key in WORD_DEFAULTS:
            continue
        if key == "id" or key not in allowed:
            options = [f for f in allowed if f != "id"] + list(WORD_DEFAULTS)
            problems.append(Problem(entry.file, entry.line_of(key), f"defaults.{key}",
                                    f"not a field that can have a default{suggest(key, options)}"))
            continue
        result[key] = Written(value, entry.line_of(key))
    return result


def _campaign_words(campaign_file: CampaignFile, problems: list[Problem]) -> Words:
    """A campaign file's own goal names and labels: its labels files (in order), then its
    defaults, which win."""
    layers = []
    for path in campaign_file.labels:
        read = read_labels_file(path)
        problems.extend(read.problems)
        if read.lang:
            layers.append({read.lang: {k: e.text for k, e in read.entries.items()}})
    entry = campaign_file.defaults
    if entry is not None:
        layers.append(read_defaults({str(k): v for k, v in entry.values.items()}, entry.file,
                                    {str(k): entry.line_of(str(k)) for k in entry.values},
                                    problems))
    return merged(*layers)


# Text fields that may come in wide form (headline_fr, headline_ar …): not these.
_NOT_TRANSLATED = ("id", "template", "goal", "lang", "languages", "platforms", "digits",
                   "numbers", "decimal", "colour", "text_colour", "typography")


def _squash(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().casefold())


def canonical_columns(columns: Sequence[str], known: Sequence[str]) -> dict[str, str]:
    """Header cells as the fields they name, whatever their case and spacing: ``Headline``,
    ``ID``, ``Headline `` → headline, id; translation columns too (``Headline FR``,
    ``headline_pt_BR`` → headline_fr, headline_pt-BR). Others stay as written."""
    fields = {_squash(k): k for k in known}
    by_length = sorted(fields, key=len, reverse=True)
    names = {}
    for column in columns:
        squashed = _squash(column)
        if (source_key := source_column(column)) is not None:  # data_source.where …
            names[column] = source_key
            continue
        name = fields.get(squashed)
        if name is None:
            for field_key in by_length:
                if squashed.startswith(field_key + "_"):
                    lang = read_language(squashed[len(field_key) + 1:]).code
                    if lang is not None:
                        name = f"{fields[field_key]}_{lang}"
                    break
        names[column] = name or column
    return names


def _check_repeated_columns(campaign_file: CampaignFile, names: dict[str, str],
                            problems: list[Problem]) -> None:
    first: dict[str, str] = {}
    for column, name in names.items():
        if name in first:
            problems.append(_header_problem(campaign_file, column, name,
                                            f"columns {first[name]!r} and {column!r} are the "
                                            "same field; keep one"))
        first.setdefault(name, column)


def _header_problem(campaign_file: CampaignFile, column: str, field_name: str,
                    message: str) -> Problem:
    """A problem with a column, at its name in the header (line 1 of a CSV; its cell in a
    sheet)."""
    header = campaign_file.cells
    if header is None:
        return Problem(str(campaign_file.path), 1, field_name, message)
    return Problem(str(campaign_file.path), header.row, field_name, message,
                   cell=header.of(column))


def _renamed(entry: Entry, names: dict[str, str]) -> Entry:
    columns = entry.cells.columns if entry.cells is not None else {}
    if all(names.get(k, k) == k for k in [*entry.values, *columns]):
        return entry
    return Entry({names.get(k, k): v for k, v in entry.values.items()}, entry.file, entry.line,
                 {names.get(k, k): line for k, line in entry.lines.items()},
                 entry.cells.renamed(names) if entry.cells is not None else None)


def wide_columns(columns: Sequence[str], known: set[str]) -> dict[str, tuple[str, str]]:
    """The header's translation columns: ``headline_fr`` → ("headline", "fr")."""
    wide = {}
    for column in columns:
        if column in known:
            continue
        field_name, _, lang = column.rpartition("_")
        if field_name in known and field_name not in _NOT_TRANSLATED and LANG_PATTERN.match(lang):
            wide[column] = (field_name, lang)
    return wide


def _widen(entry: Entry, wide: dict[str, tuple[str, str]], problems: list[Problem]) -> Entry:
    """A CSV row in wide form — ``headline`` (in ``lang``), ``headline_fr``,
    ``headline_ar`` — as the same per-language maps a YAML asset has: its languages are
    ``lang`` and those of the header's translation columns (or the ``languages``
    column). An empty translation cell is a missing translation, never the base text."""
    if not wide:
        return entry
    values = {k: v for k, v in entry.values.items() if k not in wide}
    base = str(values.pop("lang", "")).strip()
    base = read_language(base).code or base  # (EN → en: the translation maps use the code)
    if not base:
        problems.append(Problem(entry.file, entry.line, "lang", "a row with translation "
                                "columns (such as headline_fr) needs lang: the language of the "
                                "columns without a suffix", id=str(entry.values.get("id")),
                                cell=entry.cells.of("lang") if entry.cells else None))
        return entry
    languages = [base]
    maps: dict[str, dict[str, Any]] = {}
    for column, (field_name, lang) in wide.items():
        languages += [lang] if lang not in languages else []
        maps.setdefault(field_name, {base: values.get(field_name)})[lang] = \
            entry.values.get(column)
    values.update(maps)
    values.setdefault("languages", " ".join(languages))
    return Entry(values, entry.file, entry.line, {k: entry.line for k in values}, entry.cells)


def _check_csv_columns(campaign_file: CampaignFile, entries: list[Entry],
                       templates: TemplateSet, problems: list[Problem]) -> set[str]:
    """A misspelt column is one problem at the header, not one per row."""
    known = _all_field_names(templates)
    columns = {key for entry in entries for key in entry.values}
    unknown = {c for c in columns if c not in known}
    for column in sorted(unknown):
        problems.append(_header_problem(
            campaign_file, column, column,
            f"unknown column{suggest(column, known)}; the columns are "
            f"{', '.join(f for f in CORE_FIELDS if f != 'data_source')} and the fields of the "
            "templates "
            "(see `lnob templates`); a column of your own notes is skipped "
            f"when its name starts with # (#{column})"))
    return unknown


def _all_field_names(templates: TemplateSet) -> list[str]:
    names = list(CORE_FIELDS)
    for info in templates.infos.values():
        for spec in info.fields.values():
            names.extend(k for k in spec.keys if k not in names)
    return names


def _expand(entry: Entry, rules: _FileRules, problems: list[Problem],
            warnings: list[Problem], notes: list[Problem]) -> list[Asset]:
    """Check one entry and turn it into one Asset per language; none if it has an error."""
    raw_id = entry.values.get("id")
    report = Reporter(entry.file, entry.line, None if raw_id is None else str(raw_id),
                      problems, warnings, notes, cells=entry.cells)
    values = {**rules.defaults,  # what the entry says itself wins over its file's defaults
              **{str(key): Written(value, entry.line_of(str(key)))
                 for key, value in entry.values.items()}}
    checked = _check_entry(entry, values, rules, report)
    if checked is None or report.failed:
        return []
    assets = [asset for lang in checked.languages
              if (asset := _asset_in(lang, checked, entry, report, rules.words)) is not None]
    return [] if report.failed else assets


@dataclass(frozen=True)
class _Checked:
    """An entry whose language-independent parts are valid, ready to read in each language."""

    id: str
    info: TemplateInfo
    goal: str
    platforms: tuple[str, ...]
    languages: list[str]
    values: dict[str, Written]  # its own over its file's defaults
    fields: tuple[FieldContext, ...]  # its template's


def _check_entry(entry: Entry, values: dict[str, Written], rules: _FileRules,
                 report: Reporter) -> _Checked | None:
    """What holds in every language. Problems on one line are listed in the order found,
    so the order of these checks is the order of the messages."""
    _check_id(values.get("id"), report)
    template = _scalar(values.get("template"))
    info = _check_template(template, values.get("template"), rules.templates, report)
    _check_field_names(entry, template, info, rules, report)
    goal = _check_goal(values.get("goal"), report)
    platforms = _check_platforms(values.get("platforms"), report)
    languages = _check_languages(values, entry, rules.csv, report)
    _check_digits(values.get("digits"), report)
    notation = _check_notation(entry, values, report)
    for key in ("colour", "text_colour"):
        _check_colour(key, values.get(key), report)
    _check_switch("typography", values.get("typography"), report)
    if info is not None:
        _check_not_lists(info, values, report)
        if rules.own_platforms:  # (--platform replaces them: checked in validate)
            _check_layouts(info, platforms, values.get("platforms"), report)
    if info is None or goal is None or report.asset_id is None:
        return None
    source = values.get("data_source")
    if source is not None and source.value is not None:  # official data fills the fields
        from lnob_graphics.official.source import data_values

        values, languages = data_values(source, [str(k) for k in entry.values], values,
                                        info.name, languages, Path(entry.file).parent,
                                        rules.allowed, report)
        if not languages:
            return None
    fields = field_contexts(info, values, Path(entry.file).parent, rules.allowed, notation,
                            tuple(languages))
    return _Checked(report.asset_id, info, goal, platforms, languages, values, fields)


def _asset_in(lang: str, checked: _Checked, entry: Entry, report: Reporter,
              words: Words) -> Asset | None:
    """The entry in one language; None when a required field has no translation in it."""
    report.lang = lang  # (a wide spreadsheet row has a cell per language)
    try:
        typed = read_fields(checked.fields, lang, report)
    finally:
        report.lang = None
    if typed is None:
        return None
    values = checked.values
    digits = text_in(values.get("digits"), lang)
    if digits in DIGIT_ZERO and not _fonts_have(DIGIT_ZERO[digits], lang):
        report.error("digits", f"the fonts for {lang!r} have no {digits!r} digits; use latn, or "
                               "default for the language's own", values["digits"].line)
    lines = {name: values[name].line for name in (*typed.texts, *typed.series, *typed.lists,
                                                  *typed.images)
             if name in values and values[name].line}
    pages = 1
    if checked.info.pages:  # a carousel: title slide, one per item or data point, closing slide
        pages = 2 + sum(len(typed.lists.get(f) or typed.series.get(f) or ())
                        for f in checked.info.pages)
    hashtags = text_in(values.get("hashtags"), lang) or ""
    return Asset(checked.id, lang, checked.info.name, checked.goal, typed.texts,
                 checked.platforms, alt=text_in(values.get("alt"), lang),
                 file=entry.file, line=entry.line, digits=digits, series=typed.series,
                 lists=typed.lists, images=typed.images, field_lines=lines, pages=pages,
                 caption=text_in(values.get("caption"), lang), formats=checked.info.formats,
                 colour=_scalar(values.get("colour")),
                 text_colour=_scalar(values.get("text_colour")),
                 hashtags=tuple("#" + t.lstrip("#") for t in LIST_SPLIT.split(hashtags)
                                if t.strip("#")),
                 cells=entry.cells, notations=typed.notations,
                 labels=words_for(lang, words),
                 typography=_switch(values.get("typography")) is not False)


# --- the checks of an entry's language-independent parts, in the order they run ---------

def _check_id(written: Written | None, report: Reporter) -> None:
    if written is None or written.value is None or str(written.value).strip() == "":
        report.error("id", "missing required field; give each asset a short id such as "
                           "girls-school")
        return
    text = str(written.value)
    if text.split("-")[0] in RESERVED_NAMES:
        report.error("id", f"{text!r} is a reserved file name on Windows; choose another id",
                     written.line)
    elif not ID_PATTERN.match(text):
        report.error("id", f"invalid id {text!r}: use lowercase letters, digits and '-' "
                           f"(it becomes a file name), e.g. {_slug(text)!r}", written.line)


def _check_template(name: str | None, written: Written | None, templates: TemplateSet,
                    report: Reporter) -> TemplateInfo | None:
    if name is None or written is None:
        report.error("template", "missing required field; one of: "
                                 f"{', '.join(sorted(templates.infos))}")
        return None
    if name not in templates.infos:
        report.error("template", f"unknown template {name!r}{suggest(name, templates.infos)}; "
                                 f"available: {', '.join(sorted(templates.infos))}",
                     written.line)
        return None
    return templates.infos[name]


def _check_field_names(entry: Entry, template: str | None, info: TemplateInfo | None,
                       rules: _FileRules, report: Reporter) -> None:
    """The entry's own keys (not its defaults'); without a template, those of any template."""
    known = set(CORE_FIELDS) | ({k for spec in info.fields.values() for k in spec.keys} if info
                                else set(_all_field_names(rules.templates)))
    for key in entry.values:
        key = str(key)
        if key not in known and key not in rules.ignored:
            hint = suggest(key, sorted(known))
            where = f"template {template!r}" if info else "any template"
            report.error(key, f"unknown field{hint}; {where} uses: {', '.join(sorted(known))}",
                         entry.line_of(key))


# How people write a goal: 4, 04, 4.0, "Goal 4", "SDG 4", "SDG4", "Goal #4", "ODS 4" (es, pt),
# "ODD 4" (fr), "Objective 4" — one right answer each.
_GOAL_WORDS = re.compile(r"^(?:goal|sdg|sdgs|ods|odd|objective|objectif|objetivo|ziel|ciel)?"
                         r"[\s#:.-]*0*(\d{1,2})(?:\.0+)?$")


def goal_key(value: object) -> str | None:
    """The goal a cell means ("1".."17", "lnob"), or None when it means none."""
    if isinstance(value, bool) or value is None:
        return None
    text = " ".join(str(value).split()).lower()
    if text in GOAL_KEYS:
        return text
    match = _GOAL_WORDS.match(text)
    return match.group(1) if match and match.group(1) in GOAL_KEYS else None


def _check_goal(written: Written | None, report: Reporter) -> str | None:
    if written is None or written.value is None or str(written.value).strip() == "":
        report.error("goal", "missing required field; a goal number from 1 to 17, or lnob")
        return None
    value, line = written
    key = goal_key(value)
    if key is None:
        report.error("goal", "must be a goal number from 1 to 17 (4, or Goal 4), or lnob for "
                             f"the pledge itself; got {str(value)!r}", line)
    return key


def _check_platforms(written: Written | None, report: Reporter) -> tuple[str, ...]:
    if written is None or written.value is None:
        return DEFAULT_PLATFORMS
    value, line = written
    names = ([str(v).strip() for v in value] if isinstance(value, list)
             else [n for n in LIST_SPLIT.split(str(value)) if n])
    good = []
    for name in names:
        platform, said = read_platform(name)
        if platform is None:
            report.error("platforms", said or "", line)
            continue
        if said:
            report.note("platforms", said, line)
        if platform not in good:
            good.append(platform)
    return tuple(good) or DEFAULT_PLATFORMS


def _check_languages(values: dict[str, Written], entry: Entry, csv: bool,
                     report: Reporter) -> list[str]:
    """A CSV row has one ``lang``; a YAML asset has ``lang`` or ``languages`` (or a default).
    What the asset says itself wins over any default."""
    own = [k for k in ("lang", "languages") if entry.values.get(k) is not None]
    if len(own) == 2 and not csv:  # (a wide CSV row gets languages from its header)
        report.error("languages", "give lang (one language) or languages (a list), not both: "
                                  "with both, one of them would be ignored",
                     entry.line_of("languages"))
        return []
    if own:
        values = {k: v for k, v in values.items() if k not in ("lang", "languages") or k in own}
    if "lang" in values and values["lang"].value is not None:
        value, line = values["lang"]
        raw: list[Any] = [value]
    elif "languages" in values and values["languages"].value is not None:
        value, line = values["languages"]
        raw = value if isinstance(value, list) else LIST_SPLIT.split(str(value))
    else:
        report.error("lang", "missing required field; the language of the text, e.g. en, ar, fr"
                     + ("" if csv else " (or a languages: list)"))
        return []
    languages = []
    for item in raw:
        read = read_language(str(item))
        if read.code is None:
            report.error("lang", read.problem or "", line)
            continue
        if read.note:
            report.note("lang", read.note, line)
        if read.code not in languages:
            languages.append(read.code)
    return languages


def _check_digits(written: Written | None, report: Reporter) -> None:
    """The choice only; whether the language's fonts have those digits, per language."""
    if written is None or written.value is None:
        return
    value, line = written
    for choice in (value.values() if isinstance(value, dict) else [value]):
        text = "" if choice is None else str(choice).strip()
        if text and text not in DIGIT_CHOICES:
            report.error("digits", f"unknown digits {text!r}{suggest(text, DIGIT_CHOICES)}; one "
                                   f"of: {', '.join(DIGIT_CHOICES)} (default: the language's own)",
                         line)


def _check_notation(entry: Entry, values: dict[str, Written],
                    report: Reporter) -> Notation | None:
    """How the entry says its numbers are written: ``numbers: es`` (a language whose way
    it uses) or ``decimal: ","``; what the entry says itself wins over its file's
    defaults. One way for all its text: not a map of language: way."""
    keys = [k for k in ("numbers", "decimal") if entry.values.get(k) is not None] or \
        [k for k in ("numbers", "decimal") if k in values and values[k].value is not None]
    said: list[Notation] = []
    for key in keys:
        value, line = values[key]
        if isinstance(value, (dict, list)):
            report.error(key, "one way of writing numbers for all the asset's text, such as "
                              f"{key}: {'es' if key == 'numbers' else repr(',')}; the text of "
                              "each language is read as that language writes numbers when the "
                              "campaign does not say", line)
            continue
        read = (read_numbers_field if key == "numbers" else read_decimal_field)(str(value))
        if read.notation is None:
            report.error(key, read.problem or "", line)
            continue
        if read.note:
            report.note(key, read.note, line)
        said.append(read.notation)
    if len(said) == 2 and said[0].decimal != said[1].decimal:
        report.error("decimal", f"{said[0].said} writes decimals with {said[0].decimal!r} but "
                                f"{said[1].said}: give one of them", values["decimal"].line)
        return None
    return said[0] if said else None


def _check_colour(key: str, written: Written | None, report: Reporter) -> None:
    if written is not None and written.value is not None \
            and not HEX_COLOUR.match(str(written.value).strip()):
        report.error(key, f"expected a colour as #RRGGBB, e.g. #E5243B; got {str(written.value)!r}",
                     written.line)


_SWITCH = {"true": True, "yes": True, "on": True, "1": True,
           "false": False, "no": False, "off": False, "0": False}


def _switch(written: Written | None) -> bool | None:
    """A yes/no field (YAML true/false; in a CSV cell true, false, yes, no, on, off, 1, 0);
    None when not given or not one of those."""
    if written is None or written.value is None or str(written.value).strip() == "":
        return None
    if isinstance(written.value, bool):
        return written.value
    return _SWITCH.get(str(written.value).strip().casefold())


def _check_switch(key: str, written: Written | None, report: Reporter) -> None:
    if written is not None and written.value is not None and str(written.value).strip() \
            and _switch(written) is None:
        report.error(key, f"expected true or false; got {str(written.value)!r}", written.line)


def _check_not_lists(info: TemplateInfo, values: dict[str, Written], report: Reporter) -> None:
    """A YAML list given for a field that takes text: once, not in each language."""
    for name, spec in info.fields.items():
        if (not FIELD_TYPE_TABLE[spec.type].takes_a_list and name in values
                and isinstance(values[name].value, (list, tuple))):
            report.error(name, "expected text (or a map of language: text), got a list",
                         values[name].line)


def _check_layouts(info: TemplateInfo, platforms: tuple[str, ...], written: Written | None,
                   report: Reporter) -> None:
    unsupported = [p for p in platforms if PLATFORMS[p].format_class not in info.formats]
    if unsupported:
        forms = sorted({PLATFORMS[p].format_class for p in unsupported})
        report.error("platforms", f"template {info.name!r} has no {' or '.join(forms)} layout "
                                  f"(for {', '.join(unsupported)}); it has: "
                                  f"{', '.join(info.formats)}",
                     written.line if written is not None else None)


def _scalar(written: Written | None) -> str | None:
    """One word of text (a template's name, a colour), the same in every language."""
    if written is None or written.value is None:
        return None
    text = str(written.value).strip()
    return text or None


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "asset"


def _check_duplicates(assets: list[Asset], problems: list[Problem]) -> None:
    # A carousel's slides are files ID-01 … : another asset with such an id would collide.
    slides = {(f"{a.id}-{n:02d}", a.lang): a for a in assets if a.pages > 1
              for n in range(1, a.pages + 1)}
    for asset in assets:
        carousel = slides.get((asset.id, asset.lang))
        if carousel is not None:
            problems.append(Problem(asset.file, asset.line, "id", (
                f"{asset.id!r} is also the file name of a slide of the carousel "
                f"{carousel.id!r} ({carousel.where()}); choose another id"),
                id=asset.id, cell=asset.cell_of("id")))
    seen: dict[tuple[str, str], Asset] = {}
    for asset in assets:
        key = (asset.id, asset.lang)
        first = seen.get(key)
        if first is not None:
            problems.append(Problem(
                asset.file, asset.line, "id",
                f"asset {asset.id!r} in language {asset.lang!r} is already defined at "
                f"{first.where()}; give it another id or language", id=asset.id,
                cell=asset.cell_of("id")))
        else:
            seen[key] = asset


def _fonts_have(char: str, lang: str) -> bool:
    """Whether a font of ``lang``'s stack draws ``char`` (the fonts load only when asked:
    a campaign without a digits override never needs them to be validated)."""
    from lnob_graphics.text.fonts import default_library

    return any(face.covers(char) for face in default_library().stack(lang, "regular"))
