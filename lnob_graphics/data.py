"""Template data beyond text: numbers, data series and images, checked where they are written.

A template's metadata gives each field a type:

- ``text`` (the default): words, per language or shared;
- ``number``: a plain number such as ``33``, ``12.5`` or ``1,200,000`` (``%`` allowed),
  read in the campaign's notation (``1.200.000`` with ``numbers: es``);
- ``series``: a list of ``{label, value}`` — in YAML a list (labels may be maps of
  language: text), in a CSV cell ``Label: 23; Other label: 45``, or from a CSV file
  named by ``<field>_file`` (columns ``label,value``, relative to the campaign file);
- ``image``: a JPEG, PNG or WebP file, relative to the campaign file and inside its
  folder; ``<field>_focus`` (``x,y`` in percent or 0–1) says where to keep the
  subject when the photo is cropped to its frame;
- ``focus``: that focus point;
- ``list``: several texts (a carousel's points or quotes) — in YAML a list, or a map
  of language: list; in a CSV cell separated by `` | ``.

These are the readers of each written form; ``fields`` holds the table of field types
that decides, per language, which reader a field uses and what a missing one means.
Every problem is reported with its file, line (or row) and field, like the rest of
the campaign. Images are opened and verified here (Pillow, decompression-bomb limit
kept) so that a broken photo stops the run before anything is rendered.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath
from typing import Any

from lnob_graphics.notation import ENGLISH, Notation, Quantity, findings, whole_quantity

FIELD_TYPES = ("text", "number", "series", "list", "image", "focus", "logo")
MAX_ITEMS = 10  # a carousel holds 10 images on Instagram and LinkedIn
IMAGE_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
MAX_POINTS = 24

Report = Callable[[str, str, int | None], None]  # field, message, line


@dataclass(frozen=True)
class Point:
    """One bar of a chart: its label in the asset's language, value as written and parsed."""

    label: str
    value: float
    written: str  # the plain form ("23", "1,200", "12.5%"), localized by the renderer


@dataclass(frozen=True)
class ImageRef:
    path: str  # absolute, checked to be inside the campaign file's folder
    focus: tuple[float, float]  # 0–1 from the left and from the top


def number_in(value: Any, notation: Notation = ENGLISH) -> Quantity | None:
    """The number a value is, read in ``notation`` (see ``notation``): ``1,200,000.5``,
    ``1.200.000,5``, ``1 200 000``, ``12,5%``, ``-3.5``; not money, not a number in words."""
    if isinstance(value, (bool, int, float)):
        return None
    quantity = whole_quantity(str(value), notation)
    return None if quantity is None or quantity.currency else quantity


def neutral_number(value: Any, notation: Notation = ENGLISH) -> str | None:
    """A number as it is written in ``notation`` (a spreadsheet in any locale), in the
    plain form the rest of the tool uses (``1,200.5``, ``12.5%``), or None. Forms with one
    reading are read whatever the notation (``1.200.000``, ``1,2``, ``12,5%``, ``1.2``);
    ``1,200`` and ``1.200`` are read with the notation's decimal sign (English when the
    campaign says nothing: ``fields`` warns that they read two ways)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return format(value, "f").rstrip("0").rstrip(".") if isinstance(value, float) \
            else str(value)
    text = str(value).strip()
    padded = re.fullmatch(r"([+\-\u2212]?)(0[0-9]+)(\s?%)?", text)
    if padded:  # 010 is ten (a code elsewhere, but this field takes only numbers)
        return ("-" if padded.group(1) in ("-", "\u2212") else "") + padded.group(2) \
            + ("%" if padded.group(3) else "")
    quantity = number_in(text, notation)
    if quantity is None:
        return None
    return (("-" if quantity.sign == "-" else "") + quantity.amount.neutral()
            + ("%" if quantity.percent else ""))


def parse_number(value: Any, notation: Notation = ENGLISH) -> float | None:
    """A number in any of the forms ``neutral_number`` accepts (``23%`` is 23), or None."""
    neutral = neutral_number(value, notation)
    return None if neutral is None else float(neutral.rstrip("%").replace(",", ""))


def number_problem(value: Any) -> str:
    return (f"expected a number such as 33, 12.5, 1,200,000 or 23%, got {str(value)!r} "
            "(the image shows it as each language writes numbers)")


def _read_value(value: Any, notation: Notation, where: str, field: str, line: int,
                warn: Report | None) -> tuple[float, str] | None:
    """A data point's value as a number and in the plain form; warned when it reads two
    ways (``1.200``) and the campaign did not say how it writes numbers."""
    neutral = neutral_number(value, notation)
    if neutral is None:
        return None
    if warn is not None and not isinstance(value, (int, float)):
        for message in findings(str(value), notation)[0]:
            warn(field, f"{where}: {message}", line)
    return float(neutral.rstrip("%").replace(",", "")), neutral


def series_from_yaml(value: Any, lang: str, line: int, field: str, report: Report,
                     text_in: Callable[[tuple[Any, int] | None, str], str | None],
                     notation: Notation = ENGLISH, warn: Report | None = None,
                     ) -> tuple[Point, ...] | None:
    if not isinstance(value, list):
        report(field, "expected a list of {label, value} (or a CSV cell 'Label: 23; "
                      "Other: 45')", line)
        return None
    points = []
    for index, item in enumerate(value, 1):
        item_line = getattr(item, "line", 0) or line
        where = f"item {index}"
        if not isinstance(item, dict) or "label" not in item or "value" not in item:
            report(field, f"{where}: expected {{label: ..., value: ...}}", item_line)
            continue
        unknown = sorted(str(k) for k in item if k not in ("label", "value"))
        if unknown:
            report(field, f"{where}: unknown key {unknown[0]!r}; an item has label and value",
                   item_line)
        label = text_in((item["label"], item_line), lang)
        read = _read_value(item["value"], notation, where, field, item_line, warn)
        if read is None:
            report(field, f"{where}: {number_problem(item['value'])}", item_line)
            continue
        if label is None:
            report(field, f"{where}: no label for language {lang!r}", item_line)
            continue
        points.append(Point(label, *read))
    return _checked(points, field, line, report)


def series_from_cell(text: str, line: int, field: str, report: Report,
                     notation: Notation = ENGLISH, warn: Report | None = None,
                     ) -> tuple[Point, ...] | None:
    """``Label: 23; Other label: 45`` (the last ``:`` of each part separates the value)."""
    points = []
    for index, part in enumerate([p for p in text.split(";") if p.strip()], 1):
        label, colon, value = part.rpartition(":")
        if not colon or not label.strip():
            report(field, f"item {index} {part.strip()!r}: expected 'Label: value'", line)
            continue
        read = _read_value(value.strip(), notation, f"item {index}", field, line, warn)
        if read is None:
            report(field, f"item {index}: {number_problem(value.strip())}", line)
            continue
        points.append(Point(label.strip(), *read))
    return _checked(points, field, line, report)


def series_from_file(name: str, base: Path, line: int, field: str, report: Report,
                     notation: Notation = ENGLISH, warn: Report | None = None,
                     ) -> tuple[Point, ...] | None:
    path = inside(base, name, field + "_file", line, report)
    if path is None:
        return None
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        report(field + "_file", f"{name}: not UTF-8 text; save the CSV as UTF-8", line)
        return None
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = [h.strip().lower() for h in rows[0]] if rows else []
    if "label" not in header or "value" not in header:
        report(field + "_file", f"{name}:1: expected a header with the columns label,value", line)
        return None
    at_label, at_value = header.index("label"), header.index("value")
    points = []
    for row_number, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        cells = row + [""] * (len(header) - len(row))
        read = _read_value(cells[at_value], notation, f"{name}:{row_number}: value",
                           field + "_file", line, warn)
        if read is None:
            report(field + "_file", f"{name}:{row_number}: value: "
                                    f"{number_problem(cells[at_value])}", line)
            continue
        if not cells[at_label].strip():
            report(field + "_file", f"{name}:{row_number}: label: empty", line)
            continue
        points.append(Point(cells[at_label].strip(), *read))
    return _checked(points, field, line, report)


def _checked(points: list[Point], field: str, line: int,
             report: Report) -> tuple[Point, ...] | None:
    if not points:
        report(field, "has no data points", line)
        return None
    if len(points) > MAX_POINTS:
        report(field, f"has {len(points)} data points; a readable chart has at most "
                      f"{MAX_POINTS}", line)
        return None
    return tuple(points)


_WEB_ADDRESS = re.compile(r"^(?:https?://|www\.)", re.IGNORECASE)
_ONE_COMPUTER = re.compile(r"^(?:[A-Za-z]:[\\/]|\\\\|~)")  # C:\… or \\server\… or ~/…


def inside(base: Path, name: str, field: str, line: int, report: Report,
           allowed: tuple[Path, ...] = ()) -> Path | None:
    """``name`` relative to the campaign file's folder, which it must not leave (after
    following links), unless it is inside a folder the user allowed (``--allow``).
    Windows' backslashes are read as slashes (``photos\\amina.jpg``)."""
    written = name.strip()
    if not written:
        report(field, "is empty", line)
        return None
    if _WEB_ADDRESS.match(written):
        report(field, f"'{written}' is a web address; lnob never downloads anything: save the "
                      "file into the campaign's folder (e.g. photos/) and give its path from "
                      "there", line)
        return None
    if _ONE_COMPUTER.match(written):
        report(field, f"'{written}' is a path on one computer; copy the file into the "
                      "campaign's folder (e.g. photos/) and give its path from there, such as "
                      f"photos/{PureWindowsPath(written).name}", line)
        return None
    relative = written.replace("\\", "/")
    candidate = (base / relative).resolve()
    roots = (base.resolve(), *(root.resolve() for root in allowed))
    if not any(candidate.is_relative_to(root) for root in roots):
        report(field, f"'{written}' is outside the campaign's folder {base}; put the file "
                      "beside the campaign file (or in a folder below it), or allow its "
                      "folder with --allow", line)
        return None
    if not candidate.is_file():
        report(field, f"'{written}': no such file in {base.resolve()}{_case_hint(base, relative)}",
               line)
        return None
    return candidate


def _case_hint(base: Path, relative: str) -> str:
    """' (did you mean photos/amina.jpg? …)' when the file exists with other letter case."""
    folder = base
    found: list[str] = []
    for part in relative.split("/"):
        if not folder.is_dir():
            return ""
        match = next((p.name for p in folder.iterdir() if p.name.casefold() == part.casefold()),
                     None)
        if match is None:
            return ""
        found.append(match)
        folder = folder / match
    return (f" (did you mean {'/'.join(found)}? The letter case must match: Linux, macOS and "
            "CI runners tell Amina.JPG from amina.jpg)")


def parse_focus(value: Any, field: str, line: int, report: Report) -> tuple[float, float]:
    """``"50%,30%"`` or ``"0.5, 0.3"`` → (0.5, 0.3); the centre when not given."""
    if value is None or str(value).strip() == "":
        return (0.5, 0.5)
    parts = [p.strip() for p in str(value).replace(";", ",").split(",")]
    numbers = []
    for part in parts:
        number = parse_number(part)
        if number is not None and part.endswith("%"):
            number /= 100
        numbers.append(number)
    if len(numbers) != 2 or any(n is None or not 0 <= n <= 1 for n in numbers):
        report(field, f"expected 'x,y' from the top-left, in percent (50%,30%) or 0–1 "
                      f"(0.5,0.3); got {str(value)!r}", line)
        return (0.5, 0.5)
    return (float(numbers[0] or 0), float(numbers[1] or 0))


MAX_PHOTO_PIXELS = 50_000_000  # a 50-megapixel photo is plenty; bigger is a bomb or a mistake


def check_image(name: str, base: Path, focus: tuple[float, float], field: str, line: int,
                report: Report, allowed: tuple[Path, ...] = ()) -> ImageRef | None:
    path = inside(base, name, field, line, report, allowed)
    if path is None:
        return None
    from PIL import Image, UnidentifiedImageError  # (Pillow loads when a photo is checked)

    try:
        with Image.open(path) as image:
            kind = image.format or ""
            if image.width * image.height > MAX_PHOTO_PIXELS:
                report(field, f"{name!r} is {image.width}×{image.height} pixels; the limit is "
                              f"{MAX_PHOTO_PIXELS // 1_000_000} megapixels: resize it", line)
                return None
            image.verify()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        report(field, f"{name!r} is not a readable image ({type(error).__name__}); use a "
                      "JPEG, PNG or WebP file", line)
        return None
    if kind not in IMAGE_FORMATS:
        report(field, f"{name!r} is {kind or 'an unknown format'}; use JPEG, PNG or WebP", line)
        return None
    return ImageRef(str(path), focus)


def check_logo(name: str, base: Path, field: str, line: int, report: Report,
               allowed: tuple[Path, ...] = ()) -> ImageRef | None:
    """A partner's logo: an SVG that passes ``svgscan.logo_problem`` (self-contained and
    inert), or a JPEG, PNG or WebP as for a photo. Refused with the file and the field
    named, never cleaned up silently."""
    path = inside(base, name, field, line, report, allowed)
    if path is None:
        return None
    if path.suffix.lower() != ".svg":
        return check_image(name, base, (0.5, 0.5), field, line, report, allowed)
    from lnob_graphics.svgscan import logo_problem

    try:
        svg = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        report(field, f"{name!r} is not UTF-8 text; export the logo again as plain SVG", line)
        return None
    problem = logo_problem(svg)
    if problem is not None:
        report(field, f"{name!r} {problem}", line)
        return None
    return ImageRef(str(path), (0.5, 0.5))


def items_from(value: Any, lang: str, line: int, field: str, report: Report,
               text_in: Callable[[tuple[Any, int] | None, str], str | None],
               ) -> tuple[str, ...] | None:
    """A list of texts in ``lang``: a list (shared or per language) or ``a | b | c``."""
    if isinstance(value, dict):
        chosen = next((value[k] for k in (lang, lang.split("-")[0]) if value.get(k) is not None),
                      None)
        if chosen is None:
            report(field, f"has no list for language {lang!r}", line)
            return None
        value = chosen
    if isinstance(value, str):
        value = [part for part in value.split(" | ")]
    if not isinstance(value, list):
        report(field, "expected a list of texts (in a CSV cell: texts separated by ' | ')", line)
        return None
    items = []
    for index, item in enumerate(value, 1):
        text = text_in((item, line), lang)
        if text is None:
            report(field, f"item {index} is empty", line)
            continue
        items.append(text)
    if len(items) > MAX_ITEMS:
        report(field, f"has {len(items)} items; a carousel takes at most {MAX_ITEMS}", line)
        return None
    return tuple(items)
