"""Validation: campaign entries (as written) into typed assets, one per language.

All problems in all files are collected before anything is rendered, each with
its file, line and field, and a suggestion where a near miss is likely a typo.

YAML and CSV mean the same thing: a YAML asset with text per language
(``headline: {en: ..., ar: ...}``) becomes one Asset per language, exactly like
CSV rows that share an ``id`` and differ in ``lang``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lnob_graphics.data import (
    ImageRef,
    Point,
    check_image,
    items_from,
    neutral_number,
    number_problem,
    parse_focus,
    series_from_cell,
    series_from_file,
    series_from_yaml,
)
from lnob_graphics.errors import InputError, Problem, suggest
from lnob_graphics.i18n import LANG_PATTERN
from lnob_graphics.loader import CampaignFile, Entry
from lnob_graphics.numbers import DIGIT_CHOICES, DIGIT_ZERO
from lnob_graphics.platforms import DEFAULT_PLATFORMS, PLATFORMS
from lnob_graphics.templates import TemplateSet
from lnob_graphics.text.fonts import default_library
from lnob_graphics.themes import GOAL_KEYS

ID_PATTERN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")
# Fields every asset may have, whatever its template.
CORE_FIELDS = ("id", "template", "goal", "lang", "languages", "platforms", "alt", "digits",
               "caption", "hashtags", "colour", "text_colour")
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

    def line_of(self, name: str | None) -> int:
        """The line (or CSV row) of a field, for messages; the asset's own line otherwise."""
        return self.field_lines.get(name or "", self.line)


@dataclass(frozen=True)
class Campaign:
    assets: list[Asset]
    names: list[str]
    template_dirs: tuple[Path, ...] = ()  # from --templates and the files' templates: keys
    notes: list[str] = field(default_factory=list)  # what loading assumed (encoding …)
    warnings: list[Problem] = field(default_factory=list)  # a language skipped, a field left out


def validate(files: Sequence[CampaignFile], templates: TemplateSet,
             platform_override: Sequence[str] = (), allowed: tuple[Path, ...] = ()) -> Campaign:
    """Check every entry of every file; ``allowed`` folders may hold photos too."""
    problems: list[Problem] = []
    for name in platform_override:
        if name not in PLATFORMS:
            problems.append(Problem("--platform", None, None,
                                    f"unknown platform {name!r}{suggest(name, PLATFORMS)}; "
                                    "see `lnob platforms`"))
    assets: list[Asset] = []
    warnings: list[Problem] = []
    for campaign_file in files:
        defaults = _check_defaults(campaign_file.defaults, templates, problems)
        ignored: set[str] = set()
        entries = campaign_file.entries
        if campaign_file.kind == "csv":
            wide = wide_columns(campaign_file.columns, set(_all_field_names(templates)))
            entries = [_widen(entry, wide, problems) for entry in entries]
            ignored = _check_csv_columns(campaign_file, entries, templates, problems)
        for entry in entries:
            assets.extend(_expand(entry, defaults, templates, problems, warnings,
                                  csv=campaign_file.kind == "csv", ignored=ignored,
                                  own_platforms=not platform_override, allowed=allowed))
    _check_duplicates(assets, problems)
    for asset in assets:  # --platform for a format the template was not drawn for: skipped
        missing = [p for p in platform_override
                   if p in PLATFORMS and PLATFORMS[p].format_class not in asset.formats]
        if missing and asset.lang == next(a.lang for a in assets if a.id == asset.id):
            warnings.append(Problem(asset.file, asset.line, "platforms", (
                f"template {asset.template!r} has no "
                f"{' or '.join(sorted({PLATFORMS[p].format_class for p in missing}))} layout: "
                f"no {', '.join(missing)} images of {asset.id!r}"), id=asset.id))
    if problems:
        order = {str(f.path): i for i, f in enumerate(files)}
        problems.sort(key=lambda p: (order.get(p.file, -1), p.line or 0))  # stable: file order
        raise InputError(problems)
    return Campaign(assets, [f.name for f in files if f.name], warnings=warnings)


def _check_defaults(entry: Entry | None, templates: TemplateSet,
                    problems: list[Problem]) -> dict[str, tuple[Any, int]]:
    if entry is None:
        return {}
    allowed = _all_field_names(templates)
    result: dict[str, tuple[Any, int]] = {}
    for key, value in entry.values.items():
        key = str(key)
        if key == "id" or key not in allowed:
            options = [f for f in allowed if f != "id"]
            problems.append(Problem(entry.file, entry.line_of(key), f"defaults.{key}",
                                    f"not a field that can have a default{suggest(key, options)}"))
            continue
        result[key] = (value, entry.line_of(key))
    return result


# Text fields that may come in wide form (headline_fr, headline_ar …): not these.
_NOT_TRANSLATED = ("id", "template", "goal", "lang", "languages", "platforms", "digits",
                   "colour", "text_colour")
_HASHTAG = re.compile(r"[\s,;]+")


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
    if not base:
        problems.append(Problem(entry.file, entry.line, "lang", "a row with translation "
                                "columns (such as headline_fr) needs lang: the language of the "
                                "columns without a suffix", id=str(entry.values.get("id"))))
        return entry
    languages = [base]
    maps: dict[str, dict[str, Any]] = {}
    for column, (field_name, lang) in wide.items():
        languages += [lang] if lang not in languages else []
        maps.setdefault(field_name, {base: values.get(field_name)})[lang] = \
            entry.values.get(column)
    values.update(maps)
    values.setdefault("languages", " ".join(languages))
    return Entry(values, entry.file, entry.line, {k: entry.line for k in values})


def _check_csv_columns(campaign_file: CampaignFile, entries: list[Entry],
                       templates: TemplateSet, problems: list[Problem]) -> set[str]:
    """A misspelt column is one problem at the header, not one per row."""
    known = _all_field_names(templates)
    columns = {key for entry in entries for key in entry.values}
    unknown = {c for c in columns if c not in known}
    for column in sorted(unknown):
        problems.append(Problem(str(campaign_file.path), 1, column,
                                f"unknown column{suggest(column, known)}; the columns are "
                                f"{', '.join(CORE_FIELDS)} and the fields of the templates "
                                "(see `lnob templates`)"))
    return unknown


def _all_field_names(templates: TemplateSet) -> list[str]:
    names = list(CORE_FIELDS)
    for info in templates.infos.values():
        for spec in info.fields.values():
            names.extend(k for k in spec.keys if k not in names)
    return names


def _expand(entry: Entry, defaults: dict[str, tuple[Any, int]], templates: TemplateSet,
            problems: list[Problem], warnings: list[Problem], csv: bool,
            ignored: set[str], own_platforms: bool = True,
            allowed: tuple[Path, ...] = ()) -> list[Asset]:
    """Check one entry and turn it into one Asset per language."""
    before = len(problems)
    values: dict[str, tuple[Any, int]] = dict(defaults)
    for key, value in entry.values.items():
        values[str(key)] = (value, entry.line_of(str(key)))

    def warn(field: str, message: str, line: int | None = None) -> None:
        warnings.append(Problem(entry.file, line or entry.line, field, message, id=asset_id))

    def report(field: str, message: str, line: int | None = None) -> None:
        problem = Problem(entry.file, line or entry.line, field, message, id=asset_id)
        if problem not in problems[before:]:  # the same mistake, once, not once per language
            problems.append(problem)

    raw_id = entry.values.get("id")
    asset_id = str(raw_id) if raw_id is not None else None
    if raw_id is None or str(raw_id).strip() == "":
        report("id", "missing required field; give each asset a short id such as girls-school")
    elif str(raw_id).split("-")[0] in RESERVED_NAMES:
        report("id", f"{str(raw_id)!r} is a reserved file name on Windows; choose another id",
               entry.line_of("id"))
    elif not ID_PATTERN.match(str(raw_id)):
        report("id", f"invalid id {str(raw_id)!r}: use lowercase letters, digits and '-' "
                     f"(it becomes a file name), e.g. {_slug(str(raw_id))!r}", entry.line_of("id"))

    template_name = _scalar(values.get("template"))
    info = None
    if template_name is None:
        report("template", f"missing required field; one of: {', '.join(sorted(templates.infos))}")
    elif template_name not in templates.infos:
        report("template", f"unknown template {template_name!r}"
                           f"{suggest(template_name, templates.infos)}; "
                           f"available: {', '.join(sorted(templates.infos))}",
               values["template"][1])
    else:
        info = templates.infos[template_name]

    known = set(CORE_FIELDS) | ({k for spec in info.fields.values() for k in spec.keys} if info
                                else set(_all_field_names(templates)))
    for key in entry.values:
        key = str(key)
        if key not in known and key not in ignored:
            hint = suggest(key, sorted(known))
            where = f"template {template_name!r}" if info else "any template"
            report(key, f"unknown field{hint}; {where} uses: {', '.join(sorted(known))}",
                   entry.line_of(key))

    goal = _check_goal(values.get("goal"), report)
    platforms = _check_platforms(values.get("platforms"), report)
    languages = _check_languages(values, entry, csv, report)
    _check_digits(values.get("digits"), report)
    for key in ("colour", "text_colour"):
        given = values.get(key, (None, 0))
        if given[0] is not None and not HEX_COLOUR.match(str(given[0]).strip()):
            report(key, f"expected a colour as #RRGGBB, e.g. #E5243B; got {str(given[0])!r}",
                   given[1])
    for name, spec in info.fields.items() if info else ():
        if (spec.type not in ("series", "list") and name in values
                and isinstance(values[name][0], (list, tuple))):
            report(name, "expected text (or a map of language: text), got a list", values[name][1])

    if info is not None and own_platforms:  # (--platform replaces them: checked later)
        unsupported = [p for p in platforms if PLATFORMS[p].format_class not in info.formats]
        if unsupported:
            forms = sorted({PLATFORMS[p].format_class for p in unsupported})
            report("platforms", f"template {info.name!r} has no {' or '.join(forms)} layout (for "
                                f"{', '.join(unsupported)}); it has: {', '.join(info.formats)}",
                   values["platforms"][1] if "platforms" in values else None)
    if len(problems) > before or info is None or goal is None or asset_id is None:
        return []

    base = Path(entry.file).parent
    assets = []
    for lang in languages:
        skip = False
        fields: dict[str, str] = {}
        series: dict[str, tuple[Point, ...]] = {}
        lists: dict[str, tuple[str, ...]] = {}
        images: dict[str, ImageRef] = {}
        for name, spec in info.fields.items():
            item = values.get(name)
            if spec.type == "series":
                points = _series(name, item, values.get(name + "_file"), lang, base, report)
                if points is not None:
                    series[name] = points
                elif spec.required and item is None and values.get(name + "_file") is None:
                    report(name, f"missing required field for template {info.name!r} (a list "
                                 f"of label and value, or {name}_file: a CSV file)")
                continue
            if spec.type == "focus":
                continue  # read with its image
            if spec.type == "list":
                if (item is not None and isinstance(item[0], dict)
                        and all(item[0].get(k) is None for k in (lang, lang.split("-")[0]))):
                    warn(name, f"has no list in {lang!r}: the {lang!r} images of {asset_id!r} "
                               + ("are not made" if spec.required else "go without it"), item[1])
                    skip = skip or spec.required
                elif item is not None and item[0] is not None:
                    texts = items_from(item[0], lang, item[1], name, report, _text_in)
                    if texts is not None:
                        lists[name] = texts
                elif spec.required:
                    report(name, f"missing required field for template {info.name!r}")
                continue
            text = _text_in(item, lang)
            if spec.type == "image":
                if text is not None and item is not None:
                    focus_item = values.get(name + "_focus") or values.get("focus")
                    focus = parse_focus(focus_item[0] if focus_item else None,
                                        name + "_focus", focus_item[1] if focus_item else 0,
                                        report)
                    ref = check_image(text, base, focus, name, item[1], report, allowed)
                    if ref is not None:
                        images[name] = ref
                elif spec.required:
                    report(name, f"missing required field for template {info.name!r}")
                continue
            if text is not None and spec.type == "number":
                neutral = neutral_number(text)
                if neutral is None:
                    report(name, number_problem(text), item[1] if item else None)
                    continue
                text = neutral  # 1.200.000 and 1,2 from a European spreadsheet, made plain
            if text is None:
                if item is not None and isinstance(item[0], (list, tuple)):
                    continue
                if item is not None and isinstance(item[0], dict):
                    # A translation missing: never another language's text on this card.
                    if spec.required:
                        warn(name, f"has no text in {lang!r}: the {lang!r} images of "
                                   f"{asset_id!r} are not made", item[1])
                        skip = True
                    elif any(v is not None for v in item[0].values()):
                        warn(name, f"has no text in {lang!r}: the {lang!r} images of "
                                   f"{asset_id!r} go without it", item[1])
                elif spec.required:
                    if item is None or item[0] is None:
                        report(name, f"missing required field for template {info.name!r}")
                    else:
                        report(name, f"is empty; template {info.name!r} requires it", item[1])
                continue
            if len(text) > spec.max_length:
                in_lang = f" in {lang!r}" if isinstance(values[name][0], dict) else ""
                message = (f"text{in_lang} is {len(text)} characters; template {info.name!r} "
                           f"allows at most {spec.max_length}")
                if not any(p.message == message and p.line == values[name][1] for p in problems):
                    report(name, message, values[name][1])
                continue
            fields[name] = text
        if skip:
            continue
        own_caption = _text_in(values.get("caption"), lang)
        tags = tuple("#" + t.lstrip("#") for t in
                     _HASHTAG.split(_text_in(values.get("hashtags"), lang) or "") if t.strip("#"))
        alt = _text_in(values.get("alt"), lang)
        digits = _text_in(values.get("digits"), lang)
        if digits in DIGIT_ZERO and not any(
                face.covers(DIGIT_ZERO[digits]) for face in default_library().stack(lang, "regular")):
            report("digits", f"the fonts for {lang!r} have no {digits!r} digits; use latn, or "
                             "default for the language's own", values["digits"][1])
        lines = {name: values[name][1] for name in (*fields, *series, *lists, *images)
                 if name in values and values[name][1]}
        pages = 1
        if info.pages:
            pages = 2 + sum(len(lists.get(f) or series.get(f) or ()) for f in info.pages)
        assets.append(Asset(asset_id, lang, info.name, goal, fields, platforms, alt,
                            entry.file, entry.line, digits, series, lists, images, lines,
                            pages, own_caption, formats=info.formats, hashtags=tags,
                            colour=_scalar(values.get("colour")),
                            text_colour=_scalar(values.get("text_colour"))))
    if len(problems) > before:
        return []
    return assets


def _series(name: str, item: tuple[Any, int] | None, file_item: tuple[Any, int] | None,
            lang: str, base: Path, report: Any) -> tuple[Point, ...] | None:
    if item is not None and item[0] is not None and file_item is not None:
        report(name, f"give either {name} or {name}_file, not both", item[1])
        return None
    if file_item is not None and file_item[0] is not None:
        return series_from_file(str(file_item[0]), base, file_item[1], name, report)
    if item is None or item[0] is None:
        return None
    value, line = item
    if isinstance(value, dict) and all(isinstance(v, str) or v is None for v in value.values()):
        value = _text_in(item, lang)  # wide-form CSV: a cell per language
        if value is None:
            return None
    if isinstance(value, str):
        return series_from_cell(value, line, name, report)
    return series_from_yaml(value, lang, line, name, report, _text_in)


def _scalar(item: tuple[Any, int] | None) -> str | None:
    if item is None or item[0] is None:
        return None
    text = str(item[0]).strip()
    return text or None


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "asset"


def _check_goal(item: tuple[Any, int] | None, report: Any) -> str | None:
    if item is None or item[0] is None or str(item[0]).strip() == "":
        report("goal", "missing required field; a goal number from 1 to 17, or lnob")
        return None
    value, line = item
    text = str(value).strip().lower()
    if isinstance(value, bool) or text not in GOAL_KEYS:
        report("goal", f"must be a goal number from 1 to 17, or lnob for the pledge itself; "
                       f"got {value!r}", line)
        return None
    return text


def _check_digits(item: tuple[Any, int] | None, report: Any) -> None:
    if item is None or item[0] is None:
        return
    value, line = item
    for choice in (value.values() if isinstance(value, dict) else [value]):
        text = "" if choice is None else str(choice).strip()
        if text and text not in DIGIT_CHOICES:
            report("digits", f"unknown digits {text!r}{suggest(text, DIGIT_CHOICES)}; one of: "
                             f"{', '.join(DIGIT_CHOICES)} (default: the language's own)", line)


def _check_platforms(item: tuple[Any, int] | None, report: Any) -> tuple[str, ...]:
    if item is None or item[0] is None:
        return DEFAULT_PLATFORMS
    value, line = item
    names = ([str(v).strip() for v in value] if isinstance(value, list)
             else [n for n in LIST_SPLIT.split(str(value)) if n])
    good = []
    for name in names:
        if name in PLATFORMS:
            if name not in good:
                good.append(name)
        else:
            report("platforms", f"unknown platform {name!r}{suggest(name, PLATFORMS)}; "
                                "see `lnob platforms`", line)
    return tuple(good) or DEFAULT_PLATFORMS


def _check_languages(values: dict[str, tuple[Any, int]], entry: Entry, csv: bool,
                     report: Any) -> list[str]:
    """A CSV row has one ``lang``; a YAML asset has ``lang`` or ``languages`` (or a default).
    What the asset says itself wins over any default."""
    own = [k for k in ("lang", "languages") if entry.values.get(k) is not None]
    if own:
        values = {k: v for k, v in values.items() if k not in ("lang", "languages") or k in own}
    if "lang" in values and values["lang"][0] is not None:
        value, line = values["lang"]
        raw: list[Any] = [value]
    elif "languages" in values and values["languages"][0] is not None:
        value, line = values["languages"]
        raw = value if isinstance(value, list) else LIST_SPLIT.split(str(value))
    else:
        report("lang", "missing required field; the language of the text, e.g. en, ar, fr"
               + ("" if csv else " (or a languages: list)"))
        return []
    languages = []
    for item in raw:
        lang = str(item).strip()
        if not LANG_PATTERN.match(lang):
            report("lang", f"invalid language code {lang!r}; use a BCP 47 code such as "
                           "en, ar, pt-BR", line)
        elif lang not in languages:
            languages.append(lang)
    return languages


def _text_in(item: tuple[Any, int] | None, lang: str) -> str | None:
    """The text of a field in ``lang``: a plain value serves every language; a map
    needs the exact tag or its primary subtag (``pt`` serves ``pt-BR``)."""
    if item is None or item[0] is None:
        return None
    value = item[0]
    if isinstance(value, dict):
        for key in (lang, lang.split("-")[0]):
            if key in value and value[key] is not None:
                if isinstance(value[key], (list, dict)):
                    return None  # not text: reported as such, never turned into a string
                text = _clean(str(value[key]))
                return text or None
        return None
    if isinstance(value, (list, tuple)):
        return None  # reported once by _expand
    text = _clean(str(value))
    return text or None


_CONTROLS = {c: None for c in range(32) if chr(c) not in "\n\t"} | {0x7F: None} | {
    c: None for c in range(0x80, 0xA0)}


def _clean(text: str) -> str:
    """Text without control characters (ESC, NUL, bell …: they cannot be in an SVG and are
    never meant to be seen); tabs become spaces."""
    return text.translate(_CONTROLS).replace("\t", " ").strip()


def _check_duplicates(assets: list[Asset], problems: list[Problem]) -> None:
    # A carousel's slides are files ID-01 … : another asset with such an id would collide.
    slides = {(f"{a.id}-{n:02d}", a.lang): a for a in assets if a.pages > 1
              for n in range(1, a.pages + 1)}
    for asset in assets:
        carousel = slides.get((asset.id, asset.lang))
        if carousel is not None:
            problems.append(Problem(asset.file, asset.line, "id", (
                f"{asset.id!r} is also the file name of a slide of the carousel "
                f"{carousel.id!r} ({carousel.file}:{carousel.line}); choose another id"),
                id=asset.id))
    seen: dict[tuple[str, str], Asset] = {}
    for asset in assets:
        key = (asset.id, asset.lang)
        first = seen.get(key)
        if first is not None:
            problems.append(Problem(
                asset.file, asset.line, "id",
                f"asset {asset.id!r} in language {asset.lang!r} is already defined at "
                f"{first.file}:{first.line}; give it another id or language", id=asset.id))
        else:
            seen[key] = asset
