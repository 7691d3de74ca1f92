"""Spreadsheets read directly — .xlsx, .xls, .ods — one sheet's rows as a CSV's rows.

A sheet means what the same rows in a CSV mean (long and wide form, series and lists in
cells, ``#`` columns skipped), and each value remembers its cell, so that a message
points at ``campaign.xlsx:Sheet1!E7: stat``.

A spreadsheet stores numbers, not what they look like: a cell shown as ``23%`` holds
0.23, one shown as ``33.3`` may hold 33.33333. The text of a cell is its value drawn
with the cell's number format, as the sheet draws it — the decimals it shows, ``%``,
literal text and currency signs — without grouping (each card writes numbers as its
language does); dates are ISO (``2024-03-08``); a formula gives the value the file
saved. What cannot be drawn as the sheet draws it is an error at its cell, never a
different number on a card:

- .xlsx (and .xlsm): values and number formats by openpyxl (``excel_look`` reads a
  format code);
- .ods: values by calamine, each cell's type and data style from the file's XML
  (``_ods_cells``), checked against calamine's value;
- .xls: values by calamine, which does not give formats: a number with a fraction may
  be shown as a percentage or rounded, so it is an error that says to type the text
  or save as .xlsx or .ods. A whole number is read as itself.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from lnob_graphics.errors import Cells, InputError, Problem, sheet_reference, suggest
from lnob_graphics.loader import CampaignFile, Entry

SPREADSHEET_KINDS = {".xlsx": "xlsx", ".xlsm": "xlsx", ".ods": "ods", ".xls": "xls"}


def spreadsheet_kind(path: Path) -> str | None:
    """``xlsx``, ``ods`` or ``xls`` for a spreadsheet's file name, else None."""
    return SPREADSHEET_KINDS.get(path.suffix.lower())


def split_sheet(path: Path) -> tuple[Path, str | None]:
    """``campaign.xlsx#Sheet2`` → (campaign.xlsx, "Sheet2"). A file whose own name has a
    ``#`` stays whole."""
    text = str(path)
    base, hash_sign, sheet = text.rpartition("#")
    if hash_sign and not path.exists() and spreadsheet_kind(Path(base)) is not None:
        return Path(base), sheet
    return path, None


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# --- how a number is shown --------------------------------------------------------------

class Unreadable(Exception):
    """A cell that cannot be shown as the sheet shows it; the message says what to do."""


class Unsure(str):
    """A cell's text that may not be what the sheet shows (an .xls's 1 may be shown as
    100%): read, and said as a warning at its cell."""

    warning: str

    def __new__(cls, text: str, warning: str) -> Unsure:
        made = super().__new__(cls, text)
        made.warning = warning
        return made


@dataclass(frozen=True)
class Look:
    """How a number format shows a number."""

    min_decimals: int = 0
    max_decimals: int | None = None  # None: as "General", every significant digit
    scale: int = 0  # a power of ten: 2 per %, -3 per scaling comma (#,##0, shows thousands)
    prefix: str = ""  # literal text, currency signs
    suffix: str = ""
    sign: bool = True  # False: the format's negative section draws the number without '-'
    number: bool = True  # False: a section of text alone ("-" for zero in accounting formats)
    min_integer: int = 1  # 0: a zero before the point is not shown (#.## shows 0.5 as .5)


GENERAL = Look()
PERCENT = Look(scale=2, suffix="%")  # a percentage whose decimals are not known


def number_text(value: float, look: Look = GENERAL) -> str:
    """A number as ``look`` shows it: ``0.23`` with ``0%`` → ``23%``; ``4.0`` → ``4``;
    ``0.1 + 0.2`` → ``0.3`` (15 significant digits, as spreadsheets show numbers)."""
    if not look.number:
        return (look.prefix + look.suffix).strip()
    number = Decimal(f"{value:.15g}").scaleb(look.scale)
    if look.max_decimals is None:
        text = _plain(number)
    else:
        text = f"{number.quantize(Decimal(1).scaleb(-look.max_decimals), ROUND_HALF_UP):f}"
        if "." in text and look.max_decimals > look.min_decimals:
            whole, _, decimals = text.partition(".")
            decimals = decimals.rstrip("0").ljust(look.min_decimals, "0")
            text = f"{whole}.{decimals}" if decimals else whole
    if text.startswith("-") and (not look.sign or text.strip("-0.") == ""):
        text = text[1:]  # the section shows it without a sign; or -0 rounded
    if look.min_integer == 0 and (text.lstrip("-") == "0" or text.lstrip("-").startswith("0.")):
        text = text.replace("0", "", 1)
    return (look.prefix + text + look.suffix).strip()


def _plain(number: Decimal) -> str:
    """Every significant digit, never an exponent: 1E+3 → 1000, 0.50 → 0.5."""
    text = f"{number.normalize():f}"
    return "0" if text in ("-0", "") else text


def date_text(value: date | time | timedelta, shows_time: bool | None = None) -> str:
    """ISO: ``2024-03-08``, ``2024-03-08 14:30``, ``14:30:05``. ``shows_time``: whether the
    cell's format shows the time of a date (None: when it is not midnight)."""
    if isinstance(value, timedelta):
        seconds = int(value.total_seconds())
        hours, rest = divmod(seconds, 3600)
        return f"{hours}:{rest // 60:02d}" + (f":{rest % 60:02d}" if rest % 60 else "")
    if isinstance(value, datetime):
        clock = value.time()
        if shows_time is None:
            shows_time = clock != time(0)
        return value.date().isoformat() + (" " + _clock(clock) if shows_time else "")
    if isinstance(value, time):
        return _clock(value)
    return value.isoformat()


def _clock(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}" + (f":{value.second:02d}" if value.second else "")


# --- Excel number format codes ------------------------------------------------------------

_CONDITION = re.compile(r"\[[<>=]")
_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')  # quoted text, \x, [brackets]


def excel_look(code: str | None, value: float) -> Look:
    """How an Excel number format code (``0.0%``, ``#,##0.00 [$€-40C]``, ``0.0,,"M"``) shows
    ``value``; raises Unreadable for what this does not draw the way Excel does
    (exponents, fractions, conditions, several numbers in one cell)."""
    if not code or code.strip().lower() in ("general", "@"):
        return GENERAL
    sections = _sections(code)
    if any(_CONDITION.search(section) for section in sections):
        raise _unshown(code, "it has conditions")
    if any(re.search(r"[0#?] */ *[0-9#?]", _LITERALS.sub("", section)) for section in sections):
        raise _unshown(code, "it shows a fraction")
    section, sign = sections[0], True
    if value < 0 and len(sections) >= 2:
        section, sign = sections[1], False
    elif value == 0 and len(sections) >= 3:
        section = sections[2]
    before: list[str] = []
    after: list[str] = []
    digits = ""  # the number's placeholders: 0 # ? , .
    general = False
    percent = 0
    i = 0
    while i < len(section):
        char = section[i]
        literal = ""
        if char == '"':
            end = section.find('"', i + 1)
            end = len(section) if end < 0 else end
            literal, i = section[i + 1:end], end + 1
        elif char == "\\":
            literal, i = section[i + 1:i + 2], i + 2
        elif char in "_*":  # _x: a space as wide as x; *x: x repeated to fill the cell
            literal, i = (" " if char == "_" else ""), i + 2
        elif char == "[":
            end = section.find("]", i)
            end = len(section) if end < 0 else end
            inner, i = section[i + 1:end], end + 1
            if inner.startswith("$"):  # [$€-40C]: a currency sign (and a locale)
                literal = inner[1:].split("-")[0]
            # other brackets ([Red], [Color10], [DBNum1]) only colour or localize
        elif section[i:i + 7].lower() == "general":
            general, i = True, i + 7
            if after:
                raise _unshown(code, "it has text between numbers")
            continue
        elif char in "0#?.,":
            if after:
                raise _unshown(code, "it shows several numbers")
            digits += char
            i += 1
            continue
        elif char in "eE" and section[i + 1:i + 2] in ("+", "-"):
            raise _unshown(code, "it shows an exponent")
        elif char.isalpha() or char == "@":
            raise _unshown(code, f"it has {char!r}")
        else:
            literal, i = char, i + 1  # $ - + ( ) : space % € …
            percent += char == "%"
        (after if digits or general else before).append(literal)
    prefix, suffix = "".join(before), "".join(after)
    # Each % shows the number times 100; each comma at the end of the digits (#,##0,) shows
    # it divided by 1000.
    scale = 2 * percent - 3 * sum(len(m.group()) for m in re.finditer(r",+(?=\.|$)", digits))
    if general:
        return Look(0, None, scale, prefix, suffix, sign)
    if not any(c in "0#?" for c in digits):
        return Look(prefix=prefix + suffix, sign=sign, number=False)
    whole, _, places = digits.partition(".")
    places = places.replace(",", "")
    return Look(places.count("0"), len(places), scale, prefix, suffix, sign,
                min_integer=whole.count("0"))


def _sections(code: str) -> list[str]:
    """A format code's sections (positive;negative;zero;text), split outside quotes."""
    sections, current, quoted, escaped = [], "", False, False
    for char in code:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == ";" and not quoted:
            sections.append(current)
            current = ""
            continue
        current += char
    return [*sections, current]


def _unshown(code: str | None, why: str) -> Unreadable:
    shown = f" {code!r}" if code else ""
    return Unreadable(f"its number format{shown} cannot be shown on a card as in the sheet "
                      f"({why}): give the cell a Number or Percent format, or type the text "
                      "as the card should show it")


def _shows(code: str | None) -> tuple[bool, bool]:
    """Whether a date format code shows the date, and the time."""
    plain = _LITERALS.sub("", code or "").lower()
    return bool(re.search(r"[yd]", plain)) or ("m" in plain and "h" not in plain), \
        bool(re.search(r"[hs]", plain))


# --- the cells of one sheet ----------------------------------------------------------------

Cell = str | Unreadable  # a cell's text, or why it cannot be shown as in the sheet


@dataclass
class Grid:
    """One sheet's cells from A1, as text (``Unsure``: maybe not as the sheet shows it)."""

    sheet: str
    rows: list[list[Cell]]
    notes: list[str] = field(default_factory=list)


def _text(value: str) -> str:
    """A text cell as a CSV cell reads: no spaces around it, line breaks as \\n."""
    return value.strip().replace("\r\n", "\n").replace("\r", "\n")


def _choose(path: Path, sheets: list[tuple[str, bool]], wanted: str | None) -> tuple[str, list[str]]:
    """The sheet named (exactly, else ignoring case), or the first visible one."""
    names = [name for name, _ in sheets]
    if not names:
        raise InputError([Problem(str(path), None, None, "the file has no sheets")])
    if wanted is not None:
        same = [n for n in names if n == wanted] or [
            n for n in names if n.casefold() == wanted.strip().casefold()]
        if len(same) == 1:
            return same[0], []
        raise InputError([Problem(str(path), None, None,
                                  f"no sheet named {wanted!r}{suggest(wanted, names)}; its "
                                  f"sheets: {', '.join(names)}")])
    visible = [name for name, shown in sheets if shown] or names
    notes = []
    if len(names) > 1:
        notes.append(f"read its first sheet, {visible[0]!r} (it has {len(names)}: "
                     f"{', '.join(names)}); choose another with {path.name}#NAME or --sheet NAME")
    return visible[0], notes


def _unreadable_file(path: Path, kind: str, error: Exception) -> InputError:
    hint = {"xlsx": "an Excel workbook (.xlsx)", "ods": "an OpenDocument spreadsheet (.ods)",
            "xls": "an Excel 97–2003 workbook (.xls)"}[kind]
    detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return InputError([Problem(str(path), None, None,
                               f"cannot be read as {hint} ({detail}); open it in your "
                               "spreadsheet program and save it again in that format")])


def _read_xlsx(path: Path, wanted: str | None) -> Grid:
    """openpyxl: each cell's value and number format. Formulas give the values the file
    saved; a formula with none (a file written by a script, never opened) is an error."""
    import openpyxl

    def opened(data_only: bool) -> Any:
        with warnings.catch_warnings():  # (unsupported extensions it drops: not ours)
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, read_only=True, data_only=data_only)

    def cells(book: Any, name: str) -> list[list[Any]]:
        sheet = book[name]
        sheet.reset_dimensions()  # the file's claimed size may be huge: read what is there
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return [[(c.value, c.number_format, c.data_type) for c in row]
                    for row in sheet.iter_rows()]

    try:
        book = opened(data_only=False)
        sheets = [(s.title, s.sheet_state == "visible") for s in book.worksheets]
        name, notes = _choose(path, sheets, wanted)
        raw = cells(book, name)
        formulas = {(r, c) for r, row in enumerate(raw) for c, cell in enumerate(row)
                    if cell[2] == "f"}
        if formulas:
            saved = cells(opened(data_only=True), name)
            for r, c in formulas:
                value, code, kind = saved[r][c] if r < len(saved) and c < len(saved[r]) \
                    else (None, None, "n")
                raw[r][c] = (value, code, "formula" if value is None else kind)
    except InputError:
        raise
    except Exception as error:  # a damaged or foreign file: openpyxl raises many kinds
        raise _unreadable_file(path, "xlsx", error) from None
    return Grid(name, [[_xlsx_cell(*cell) for cell in row] for row in raw], notes)


def _xlsx_cell(value: Any, code: str | None, kind: str) -> Cell:
    if kind == "formula":
        return Unreadable("a formula whose value the file does not hold (it was written by a "
                          "program that does not calculate): open the file in a spreadsheet "
                          "program and save it")
    if value is None:
        return ""
    if kind == "e":
        return Unreadable(f"the cell shows the error {value}: correct its formula or its value")
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (date, time, timedelta)):
        shows_date, shows_time = _shows(code)
        if isinstance(value, datetime) and shows_time and not shows_date:
            return _clock(value.time())
        return date_text(value, shows_time)
    if isinstance(value, (int, float)):
        try:
            return number_text(value, excel_look(code, value))
        except Unreadable as error:
            return error
    return _text(str(value))


def _read_xls(path: Path, wanted: str | None) -> Grid:
    """calamine: values only. A number with a fraction cannot be shown as the sheet
    shows it (0.23 may be 23%): an error at its cell."""
    book, name, notes = _calamine(path, wanted, "xls")
    rows = _calamine_rows(path, "xls", book, name)
    return Grid(name, [[_xls_cell(value) for value in row] for row in rows], notes)


def _xls_cell(value: Any) -> Cell:
    if not isinstance(value, bool) and isinstance(value, (int, float)) and value in (0, 1):
        return Unsure(number_text(value), (
            f"{number_text(value)} in an .xls file, which does not say how the sheet shows it: "
            f"if it shows {number_text(value, PERCENT)}, type {number_text(value, PERCENT)} in "
            "the cell, or save the file as .xlsx or .ods"))
    if isinstance(value, float) and not value.is_integer():
        guess = f"as {number_text(value, PERCENT)}? " if abs(value) < 1 else ""
        return Unreadable(
            f"{number_text(value)} in an .xls file, which does not say how the sheet shows it "
            f"({guess}rounded?): type the text as the card should show it, or save the file as "
            ".xlsx or .ods")
    return _value_text(value)


def _value_text(value: Any, shows_time: bool | None = None) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return number_text(value)
    if isinstance(value, (date, time, timedelta)):
        return date_text(value, shows_time)
    return _text(str(value or ""))


def _calamine(path: Path, wanted: str | None, kind: str) -> tuple[Any, str, list[str]]:
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    try:
        book = CalamineWorkbook.from_path(str(path))
        sheets = [(m.name, m.visible == SheetVisibleEnum.Visible) for m in book.sheets_metadata
                  if m.typ == SheetTypeEnum.WorkSheet]
    except Exception as error:  # calamine's errors, zip and XML errors of a damaged file
        raise _unreadable_file(path, kind, error) from None
    name, notes = _choose(path, sheets, wanted)
    return book, name, notes


def _calamine_rows(path: Path, kind: str, book: Any, name: str) -> list[list[Any]]:
    try:
        return list(book.get_sheet_by_name(name).to_python(skip_empty_area=False))
    except Exception as error:
        raise _unreadable_file(path, kind, error) from None


# --- .ods: each cell's type and data style -----------------------------------------------

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "number": "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "calcext": "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0",
    "loext": "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0",
}
MAX_ODS_XML = 64 * 1024 * 1024  # bytes of content.xml or styles.xml: a campaign is far smaller
MAX_REPEAT = 100_000  # rows or columns one element may repeat and still hold values


def _q(name: str) -> str:
    prefix, _, local = name.partition(":")
    return f"{{{_NS[prefix]}}}{local}"


@dataclass(frozen=True)
class _OdsCell:
    """What the file says of a cell that calamine gives as a number, date or error."""

    type: str  # float, percentage, currency, date, time, boolean, error
    value: float | None
    look: Look | Unreadable
    shows_time: bool | None = None
    shown: str = ""  # the text the sheet shows (for an error)


def _read_ods(path: Path, wanted: str | None) -> Grid:
    book, name, notes = _calamine(path, wanted, "ods")
    values = _calamine_rows(path, "ods", book, name)
    try:
        typed = _ods_cells(path, name)
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError, ValueError) as error:
        raise _unreadable_file(path, "ods", error) from None
    rows = [[_ods_cell(value, typed.get((r, c))) for c, value in enumerate(row)]
            for r, row in enumerate(values)]
    return Grid(name, rows, notes)


def _ods_cell(value: Any, typed: _OdsCell | None) -> Cell:
    if typed is not None and typed.type == "error":
        return Unreadable(f"the cell shows the error {typed.shown or '(an error)'}: correct "
                          "its formula or its value")
    if typed is not None and typed.type == "boolean":
        return "TRUE" if value else "FALSE"
    if isinstance(value, (date, time, timedelta)):
        return _value_text(value, typed.shows_time if typed else None)
    if isinstance(value, (int, float)):
        # The file's record of the cell must be of the same number: never another cell's format.
        if typed is None or typed.value is None or abs(typed.value - value) > 1e-9 * max(
                1.0, abs(value)):
            return _unshown(None, "lnob could not match the cell with its format")
        if isinstance(typed.look, Unreadable):
            return typed.look
        return number_text(value, typed.look)
    return _value_text(value)


def _ods_cells(path: Path, sheet: str) -> dict[tuple[int, int], _OdsCell]:
    """Every cell of ``sheet`` that holds a number, date, time, truth value or error: its
    type and how its data style shows it, by (row, column) from A1."""
    with zipfile.ZipFile(path) as archive:
        parts = {}
        for part in ("content.xml", "styles.xml"):
            if part in archive.namelist():
                if archive.getinfo(part).file_size > MAX_ODS_XML:
                    raise ValueError(f"{part} is larger than {MAX_ODS_XML // 2**20} MiB")
                parts[part] = ElementTree.fromstring(archive.read(part))
    content = parts["content.xml"]
    roots = [*parts.values()]
    data_styles = {el.get(_q("style:name")): el for root in roots for holder in root
                   if holder.tag in (_q("office:styles"), _q("office:automatic-styles"))
                   for el in holder if el.tag.startswith(f"{{{_NS['number']}}}")}
    cell_styles = {el.get(_q("style:name")): el for root in roots
                   for el in root.iter(_q("style:style"))
                   if el.get(_q("style:family")) == "table-cell"}

    def data_style(name: str | None) -> ElementTree.Element | None:
        for _ in range(10):  # a style's data style may be its parent's
            style = cell_styles.get(name) if name else None
            if style is None:
                return None
            if style.get(_q("style:data-style-name")):
                return data_styles.get(style.get(_q("style:data-style-name")))
            name = style.get(_q("style:parent-style-name"))
        return None

    table = next((t for t in content.iter(_q("table:table")) if t.get(_q("table:name")) == sheet),
                 None)
    found: dict[tuple[int, int], _OdsCell] = {}
    if table is None:
        return found
    column_styles: list[str | None] = []
    for column in table.iter(_q("table:table-column")):
        repeat = int(column.get(_q("table:number-columns-repeated"), "1"))
        column_styles.extend([column.get(_q("table:default-cell-style-name"))]
                             * min(repeat, MAX_REPEAT))
    row_index = 0
    for row in table.iter(_q("table:table-row")):
        rows = int(row.get(_q("table:number-rows-repeated"), "1"))
        col_index = 0
        for cell in row:
            if cell.tag not in (_q("table:table-cell"), _q("table:covered-table-cell")):
                continue
            repeat = int(cell.get(_q("table:number-columns-repeated"), "1"))
            read = _ods_typed(cell, data_style(
                cell.get(_q("table:style-name"))
                or (column_styles[col_index] if col_index < len(column_styles) else None)
                or row.get(_q("table:default-cell-style-name"))), data_styles)
            if read is not None:
                if rows * repeat > MAX_REPEAT:
                    raise ValueError("a value repeated over more than "
                                     f"{MAX_REPEAT:,} cells")
                for r in range(row_index, row_index + rows):
                    for c in range(col_index, col_index + repeat):
                        found[(r, c)] = read
            col_index += repeat
        row_index += rows
    return found


def _ods_typed(cell: ElementTree.Element, style: ElementTree.Element | None,
               data_styles: dict[str | None, ElementTree.Element]) -> _OdsCell | None:
    kind = cell.get(_q("office:value-type"))
    if cell.get(_q("calcext:value-type")) == "error":
        shown = "".join("".join(p.itertext()) for p in cell.iter(_q("text:p")))
        return _OdsCell("error", None, GENERAL, shown=shown.strip())
    if kind in ("date", "time"):
        return _OdsCell(kind, None, GENERAL, shows_time=_ods_shows_time(style, kind))
    if kind == "boolean":
        return _OdsCell(kind, None, GENERAL)
    if kind not in ("float", "percentage", "currency"):
        return None
    value = float(cell.get(_q("office:value"), "nan"))
    try:
        look = _ods_look(style, value, data_styles) if style is not None else (
            PERCENT if kind == "percentage" else GENERAL)
    except Unreadable as error:
        return _OdsCell(kind, value, error)
    if kind == "currency" and style is None:
        look = Look(suffix=" " + cell.get(_q("office:currency"), ""))
    return _OdsCell(kind, value, look)


def _ods_shows_time(style: ElementTree.Element | None, kind: str) -> bool | None:
    if style is None:
        return None if kind == "date" else True
    return any(el.tag in (_q("number:hours"), _q("number:minutes")) for el in style)


_MAP_CONDITION = re.compile(r"value\(\)\s*(>=|<=|!=|<>|=|>|<)\s*(-?[\d.]+)")
_COMPARE: dict[str, Callable[[float, float], bool]] = {
    ">=": lambda a, b: a >= b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
    "<": lambda a, b: a < b, "=": lambda a, b: a == b, "!=": lambda a, b: a != b,
    "<>": lambda a, b: a != b}


def _ods_look(style: ElementTree.Element, value: float,
              data_styles: dict[str | None, ElementTree.Element], mapped: bool = False) -> Look:
    """How an ODS data style (number, percentage or currency) shows ``value``; a style
    with conditions (``style:map``: positive numbers one way, negative another) shows it
    with the style the first true condition names."""
    for condition in style.findall(_q("style:map")):
        match = _MAP_CONDITION.fullmatch(condition.get(_q("style:condition"), "").strip())
        if match is None:
            raise _unshown(None, "it has conditions")
        target = data_styles.get(condition.get(_q("style:apply-style-name")))
        if target is not None and not mapped and _COMPARE[match.group(1)](
                value, float(match.group(2))):
            return _ods_look(target, value, data_styles, mapped=True)
    before: list[str] = []
    after: list[str] = []
    number: ElementTree.Element | None = None
    for child in style:
        local = child.tag.rpartition("}")[2]
        if local == "number":
            number = child
        elif local in ("text", "currency-symbol"):
            (after if number is not None else before).append(child.text or "")
        elif local in ("scientific-number", "fraction"):
            raise _unshown(None, "it shows " + (
                "an exponent" if local == "scientific-number" else "a fraction"))
    scale = 2 if style.tag == _q("number:percentage-style") else 0
    if number is None:
        return Look(0, 0, scale, "".join(before), "".join(after))
    factor = number.get(_q("number:display-factor"))
    if factor:
        exponent = Decimal(factor).adjusted()
        if Decimal(factor) != Decimal(1).scaleb(exponent):
            raise _unshown(None, f"it divides by {factor}")
        scale -= exponent
    places = number.get(_q("number:decimal-places"))
    least = number.get(_q("number:min-decimal-places")) or number.get(_q("loext:min-decimal-places"))
    # A negative number drawn by a style chosen for negatives: its own text says it is negative.
    sign = not (mapped and value < 0)
    integer = int(number.get(_q("number:min-integer-digits"), "1"))
    if places is None:
        return Look(0, None, scale, "".join(before), "".join(after), sign, min_integer=integer)
    return Look(int(least if least is not None else places), int(places), scale, "".join(before),
                "".join(after), sign, min_integer=integer)


# --- a sheet as a campaign file --------------------------------------------------------------

def _sniff(path: Path, start: bytes) -> str | None:
    """The kind of spreadsheet the bytes are, whatever the name says (an .xls that is an
    .xlsx is read as one, as spreadsheet programs do); None if none."""
    if start.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # OLE2: Excel 97–2003
        return "xls"
    if not start.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (OSError, zipfile.BadZipFile):
        return spreadsheet_kind(path)  # (its reader says what is wrong)
    if "content.xml" in names:
        return "ods"
    return "xlsx" if "[Content_Types].xml" in names else spreadsheet_kind(path)


def _not_a_spreadsheet(path: Path, start: bytes) -> str:
    text = start.lstrip(b"\xef\xbb\xbf\xff\xfe").replace(b"\x00", b"")
    if text and all(32 <= b < 127 or b in b"\t\r\n" or b >= 0x80 for b in text):
        return (f"not a spreadsheet but a text file: if it holds comma-separated values, "
                f"name it {path.stem}.csv")
    return (f"not a {path.suffix.lower()} spreadsheet (nor any other): open it in your "
            "spreadsheet program and save it as .xlsx")


READERS: dict[str, Callable[[Path, str | None], Grid]] = {
    "xlsx": _read_xlsx, "ods": _read_ods, "xls": _read_xls}


def load_sheet(path: Path, sheet: str | None, max_rows: int) -> CampaignFile:
    """One sheet of a spreadsheet as a CSV is read: its first row with text is the header;
    each row below with a value is an entry, each value at its cell."""
    name = str(path)
    try:
        with path.open("rb") as file:
            magic = file.read(8)
    except OSError as error:
        raise InputError([Problem(name, None, None,
                                  f"cannot read the file: {error.strerror}")]) from None
    kind = _sniff(path, magic)
    if kind is None:
        raise InputError([Problem(name, None, None, _not_a_spreadsheet(path, magic))])
    grid = READERS[kind](path, sheet)
    rows = grid.rows
    ref = sheet_reference(grid.sheet)
    start = next((i for i, row in enumerate(rows) if any(cell for cell in row)), None)
    if start is None:
        raise InputError([Problem(name, None, None, f"the sheet {grid.sheet!r} is empty; expected "
                                  "a header row (id, template, goal, lang …) and a row per asset")])
    header_row = start + 1
    problems: list[Problem] = []
    warnings: list[Problem] = []
    header: list[str] = []
    for index, cell in enumerate(rows[start]):
        if isinstance(cell, Unreadable):
            problems.append(Problem(name, header_row, None, f"a column's name: {cell}",
                                    cell=f"{ref}!{column_letter(index)}{header_row}"))
            cell = ""
        header.append(cell.strip())
    seen: dict[str, int] = {}
    for index, title in enumerate(header):
        if title and title in seen:
            problems.append(Problem(name, header_row, title,
                                    f"column {column_letter(index)} repeats column "
                                    f"{column_letter(seen[title])}",
                                    cell=f"{ref}!{column_letter(index)}{header_row}"))
        seen.setdefault(title, index)
    columns = {title: column_letter(index) for index, title in enumerate(header)
               if title and not title.startswith("#")}
    entries: list[Entry] = []
    unnamed: dict[int, list[tuple[int, str]]] = {}  # columns with values, no name: cells
    for index in range(start + 1, len(rows)):
        row, line = rows[index], index + 1
        if not any(cell for cell in row):
            continue  # a blank row
        if len(entries) == max_rows:
            raise InputError([Problem(name, None, None,
                                      f"more than {max_rows:,} assets; the limit is {max_rows:,} "
                                      "per file (split the file, or raise it with --max-rows)")])
        values: dict[str, str] = {}
        for column, cell in enumerate(row):
            title = header[column] if column < len(header) else ""
            where = f"{ref}!{column_letter(column)}{line}"
            if title.startswith("#") or not cell:
                continue  # a column of the campaign's own notes, or an empty cell
            if not title:
                unnamed.setdefault(column, []).append((line, where))
            elif isinstance(cell, Unreadable):
                problems.append(Problem(name, line, title, str(cell), cell=where))
            else:
                if isinstance(cell, Unsure) and title.casefold() != "goal":  # (goal 1 is no 100%)
                    warnings.append(Problem(name, line, title, cell.warning, cell=where))
                values[title] = str(cell)
        entries.append(Entry(values, name, line, {h: line for h in values},
                             Cells(grid.sheet, line, columns)))
    for column, cells in unnamed.items():
        title = (f" (is row {header_row} a title? the first row with text is the header: delete "
                 "the rows above the header)" if len(columns) <= 1 else "")
        more = f" and {len(cells) - 1} more below" if len(cells) > 1 else ""
        problems.append(Problem(name, cells[0][0], None,
                                f"a value in column {column_letter(column)}{more}, which has no "
                                f"name in the header (row {header_row}){title}: name the column "
                                "(start it with # for your own notes), or clear the cells",
                                cell=cells[0][1]))
    if problems:
        problems.sort(key=lambda p: p.line or 0)
        raise InputError(problems)
    if not entries:
        raise InputError([Problem(name, header_row + 1, None, "no asset rows after the header",
                                  cell=f"{ref}!A{header_row + 1}")])
    return CampaignFile(path, "sheet", entries, columns=tuple(columns), notes=grid.notes,
                        warnings=warnings, cells=Cells(grid.sheet, header_row, columns))
