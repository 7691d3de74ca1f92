"""A template's fields in one language: one parser per field type, in one table.

A template's metadata gives each field a type (``data.FIELD_TYPES``).
``FIELD_TYPE_TABLE`` maps each type to its parser and to the map of ``Asset`` that
keeps its value. Every parser has the same signature (``FieldParser``): the value as
written (with its line), the field's context, the language, and the entry's reporter
→ the typed value in that language, or none once the problem is reported. A stricter
check for one type is a change to its parser alone.

Parsers decide what a field means in a language (a map of language: text, a
missing translation, a required field left out); the readers of each written form
(a number, a CSV cell of data points, a photo file …) are in ``data``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from lnob_graphics.data import (
    ImageRef,
    Point,
    check_image,
    check_logo,
    items_from,
    neutral_number,
    number_problem,
    parse_focus,
    series_from_cell,
    series_from_file,
    series_from_yaml,
)
from lnob_graphics.errors import Reporter
from lnob_graphics.loader import Written
from lnob_graphics.notation import (
    ENGLISH,
    Notation,
    findings,
    iso_date,
    language_notation,
    looks_like_a_date,
    reads_as_english,
)
from lnob_graphics.templates import FieldSpec, TemplateInfo

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


@dataclass(frozen=True)
class FieldContext:
    """What a field's parser may need besides the value itself."""

    name: str
    spec: FieldSpec
    template: str  # its name, for messages
    values: Mapping[str, Written]  # the entry's (over its file's defaults): <name>_file, focus …
    folder: Path  # the campaign file's: photos and data files are relative to it
    allowed: tuple[Path, ...]  # folders photos may come from besides (--allow)
    notation: Notation | None = None  # how the entry says its numbers are written (numbers:)
    languages: tuple[str, ...] = ()  # the entry's


@dataclass(frozen=True)
class Parsed(Generic[T_co]):
    """A field's value in one language; ``None`` when it has none (absent, or reported)."""

    value: T_co | None = None
    # A required field has no translation in this language (warned): no images in it.
    drops_language: bool = False
    # How its numbers are written, when they read otherwise than the plain way (1,200.5).
    notation: Notation | None = None


class FieldParser(Protocol[T_co]):
    def __call__(self, written: Written | None, field: FieldContext, lang: str,
                 report: Reporter, /) -> Parsed[T_co]:
        """``written`` is None when the entry does not give the field."""
        ...


@dataclass
class TypedFields:
    """One language's typed values of a template's fields, in the maps an Asset keeps."""

    texts: dict[str, str] = dataclasses.field(default_factory=dict)  # text and number fields
    series: dict[str, tuple[Point, ...]] = dataclasses.field(default_factory=dict)
    lists: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    images: dict[str, ImageRef] = dataclasses.field(default_factory=dict)
    notations: dict[str, Notation] = dataclasses.field(default_factory=dict)  # text and list fields


@dataclass(frozen=True)
class FieldType(Generic[T]):
    parse: FieldParser[T]
    kept_in: Callable[[TypedFields], dict[str, T]]
    takes_a_list: bool = False  # else a YAML list as its value is an error (reported per entry)


# --- text and number -------------------------------------------------------------------

def parse_text_field(written: Written | None, field: FieldContext, lang: str,
                     report: Reporter) -> Parsed[str]:
    text = text_in(written, lang)
    if text is None or written is None:
        return _no_text(written, field, lang, report)
    notation, own = reading(written, field, lang)
    check_numbers(text, notation, own, field.name, written.line, report)
    parsed = _within_length(text, written, field, lang, report)
    if parsed.value is None or reads_as_english(text, notation):
        return parsed
    return dataclasses.replace(parsed, notation=notation)


def parse_number_field(written: Written | None, field: FieldContext, lang: str,
                       report: Reporter) -> Parsed[str]:
    text = text_in(written, lang)
    if text is None or written is None:
        return _no_text(written, field, lang, report)
    notation, own = reading(written, field, lang)
    neutral = neutral_number(text, notation)
    if neutral is None:
        report.error(field.name, number_problem(text), written.line)
        return Parsed()
    check_numbers(text, notation, own, field.name, written.line, report)
    # 1.200.000 and 1,2 from a European spreadsheet, made plain (the renderer localizes it)
    return _within_length(neutral, written, field, lang, report)


def reading(written: Written, field: FieldContext, lang: str) -> tuple[Notation, Notation | None]:
    """How a field's numbers are written in ``lang``, and how the language of its text
    writes them (when the text is in one language: a translation, or the text of an
    entry with one language).

    The way the entry says (``numbers: es``, ``decimal: ","``) is taken for all its text.
    Otherwise the text's own language's is (the Spanish text is read as Spanish writes
    numbers), and text shared by several languages is read the plain, English way."""
    one_language = isinstance(written.value, dict) or len(field.languages) == 1
    own = language_notation(lang) if one_language else None
    if field.notation is not None:
        return field.notation, own
    return own or ENGLISH, None


def check_numbers(text: str, notation: Notation, own: Notation | None, name: str, line: int,
                  report: Reporter) -> None:
    """Numbers that read two ways are warned (once for all the entry's languages); a day
    that is not in the calendar, written as an ISO date, is an error."""
    if looks_like_a_date(text) and iso_date(text) is None:
        report.error(name, f"{text!r} is not a day of the calendar (a date is written "
                           "year-month-day, e.g. 2024-03-08)", line)
    warnings, notes = findings(text, notation, own)
    for message in warnings:
        report.warn_once(name, message, line)
    for message in notes:
        report.note(name, message, line)


def _no_text(written: Written | None, field: FieldContext, lang: str,
             report: Reporter) -> Parsed[str]:
    """A text (or number) field with no text in ``lang``."""
    if written is not None and isinstance(written.value, (list, tuple)):
        return Parsed()  # reported once for the entry: expected text, got a list
    if written is not None and isinstance(written.value, dict):
        # A translation missing: never another language's text on this card.
        if field.spec.required:
            report.warn(field.name, f"has no text in {lang!r}: the {lang!r} images of "
                                    f"{report.asset_id!r} are not made", written.line)
            return Parsed(drops_language=True)
        if any(v is not None for v in written.value.values()):
            report.warn(field.name, f"has no text in {lang!r}: the {lang!r} images of "
                                    f"{report.asset_id!r} go without it", written.line)
        return Parsed()
    if field.spec.required:
        if written is None or written.value is None:
            report.error(field.name, f"missing required field for template {field.template!r}")
        else:
            report.error(field.name, f"is empty; template {field.template!r} requires it",
                         written.line)
    return Parsed()


def _within_length(text: str, written: Written, field: FieldContext, lang: str,
                   report: Reporter) -> Parsed[str]:
    if len(text) <= field.spec.max_length:
        return Parsed(text)
    in_lang = f" in {lang!r}" if isinstance(written.value, dict) else ""
    report.error_once_for_all_assets(
        field.name, f"text{in_lang} is {len(text)} characters; template {field.template!r} "
                    f"allows at most {field.spec.max_length}", written.line)
    return Parsed()


# --- series, list, image ---------------------------------------------------------------

def parse_series_field(written: Written | None, field: FieldContext, lang: str,
                       report: Reporter) -> Parsed[tuple[Point, ...]]:
    from_file = field.values.get(field.name + "_file")
    points = _points(field, written, from_file, lang, report)
    if points is None and field.spec.required and written is None and from_file is None:
        report.error(field.name, f"missing required field for template {field.template!r} (a "
                                 f"list of label and value, or {field.name}_file: a CSV file)")
    return Parsed(points)


def _points(field: FieldContext, written: Written | None, from_file: Written | None, lang: str,
            report: Reporter) -> tuple[Point, ...] | None:
    """A series from whichever form it is written in: a CSV file, a CSV cell (one per
    language in a wide CSV) or a YAML list; its values read as ``reading`` says."""
    name = field.name
    if written is not None and written.value is not None and from_file is not None:
        report.error(name, f"give either {name} or {name}_file, not both", written.line)
        return None
    if from_file is not None and from_file.value is not None:
        notation = reading(from_file, field, lang)[0]
        return series_from_file(str(from_file.value), field.folder, from_file.line, name,
                                report.error, notation, report.warn_once)
    if written is None or written.value is None:
        return None
    value, line = written
    notation = reading(written, field, lang)[0]
    if isinstance(value, dict) and all(isinstance(v, str) or v is None for v in value.values()):
        value = text_in(written, lang)  # wide-form CSV: a cell per language
        if value is None:
            return None
    if isinstance(value, str):
        return series_from_cell(value, line, name, report.error, notation, report.warn_once)
    return series_from_yaml(value, lang, line, name, report.error, text_in, notation,
                            report.warn_once)


def parse_list_field(written: Written | None, field: FieldContext, lang: str,
                     report: Reporter) -> Parsed[tuple[str, ...]]:
    if (written is not None and isinstance(written.value, dict)
            and all(written.value.get(k) is None for k in (lang, lang.split("-")[0]))):
        report.warn(field.name, f"has no list in {lang!r}: the {lang!r} images of "
                                f"{report.asset_id!r} "
                                + ("are not made" if field.spec.required else "go without it"),
                    written.line)
        return Parsed(drops_language=field.spec.required)
    if written is not None and written.value is not None:
        items = items_from(written.value, lang, written.line, field.name, report.error, text_in)
        notation, own = reading(written, field, lang)
        for item in items or ():
            check_numbers(item, notation, own, field.name, written.line, report)
        english = all(reads_as_english(item, notation) for item in items or ())
        return Parsed(items, notation=None if english else notation)
    if field.spec.required:
        report.error(field.name, f"missing required field for template {field.template!r}")
    return Parsed()


def _file_name(written: Written | None, field: FieldContext, lang: str,
               report: Reporter) -> str | None:
    """The file an image or logo field names, or None (an error if the field is required)."""
    name = text_in(written, lang)
    if (name is None or written is None) and field.spec.required:
        report.error(field.name, f"missing required field for template {field.template!r}")
    return None if written is None else name


def parse_image_field(written: Written | None, field: FieldContext, lang: str,
                      report: Reporter) -> Parsed[ImageRef]:
    name = _file_name(written, field, lang, report)
    if name is None or written is None:
        return Parsed()
    # Its focus: <image>_focus, else the asset's focus (problems named <image>_focus).
    focus_written = field.values.get(field.name + "_focus") or field.values.get("focus")
    focus = parse_focus(focus_written.value if focus_written else None, field.name + "_focus",
                        focus_written.line if focus_written else 0, report.error)
    return Parsed(check_image(name, field.folder, focus, field.name, written.line, report.error,
                              field.allowed))


def parse_logo_field(written: Written | None, field: FieldContext, lang: str,
                     report: Reporter) -> Parsed[ImageRef]:
    name = _file_name(written, field, lang, report)
    if name is None or written is None:
        return Parsed()
    return Parsed(check_logo(name, field.folder, field.name, written.line, report.error,
                             field.allowed))


def parse_focus_field(written: Written | None, field: FieldContext, lang: str,
                      report: Reporter) -> Parsed[ImageRef]:
    return Parsed()  # read with its image, into its ImageRef


FIELD_TYPE_TABLE: dict[str, FieldType[Any]] = {
    "text": FieldType(parse_text_field, lambda typed: typed.texts),
    "number": FieldType(parse_number_field, lambda typed: typed.texts),  # as plain text
    "series": FieldType(parse_series_field, lambda typed: typed.series, takes_a_list=True),
    "list": FieldType(parse_list_field, lambda typed: typed.lists, takes_a_list=True),
    "image": FieldType(parse_image_field, lambda typed: typed.images),
    "focus": FieldType(parse_focus_field, lambda typed: typed.images),
    "logo": FieldType(parse_logo_field, lambda typed: typed.images),
}


def field_contexts(info: TemplateInfo, values: Mapping[str, Written], folder: Path,
                   allowed: tuple[Path, ...], notation: Notation | None = None,
                   languages: tuple[str, ...] = ()) -> tuple[FieldContext, ...]:
    """The template's fields as one entry gives them, to read in each of its languages."""
    return tuple(FieldContext(name, spec, info.name, values, folder, allowed, notation,
                              languages)
                 for name, spec in info.fields.items())


def read_fields(fields: tuple[FieldContext, ...], lang: str,
                report: Reporter) -> TypedFields | None:
    """Every field in ``lang``, in the template's order; None when a required one has no
    translation in it (warned; its problems are still all reported)."""
    typed = TypedFields()
    complete = True
    for context in fields:
        kind = FIELD_TYPE_TABLE[context.spec.type]
        parsed = kind.parse(context.values.get(context.name), context, lang, report)
        if parsed.value is not None:
            kind.kept_in(typed)[context.name] = parsed.value
            if parsed.notation is not None:  # what drawing needs of it: the signs
                typed.notations[context.name] = Notation(parsed.notation.decimal,
                                                         parsed.notation.spaces)
        complete = complete and not parsed.drops_language
    return typed if complete else None


# --- text in a language ----------------------------------------------------------------

def text_in(item: tuple[Any, int] | None, lang: str) -> str | None:
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
                text = clean(str(value[key]))
                return text or None
        return None
    if isinstance(value, (list, tuple)):
        return None  # reported once for the entry
    text = clean(str(value))
    return text or None


_CONTROLS = {c: None for c in range(32) if chr(c) not in "\n\t"} | {0x7F: None} | {
    c: None for c in range(0x80, 0xA0)}


def clean(text: str) -> str:
    """Text without control characters (ESC, NUL, bell …: they cannot be in an SVG and are
    never meant to be seen); tabs become spaces."""
    return text.translate(_CONTROLS).replace("\t", " ").strip()
