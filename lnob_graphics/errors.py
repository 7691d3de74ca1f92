"""Problems with the user's input, as data: where, which field, what, and what to do.

Every stage collects problems instead of stopping at the first, so the user
fixes a file in one pass. Only ``cli.py`` turns them into text and exit codes.
One image that cannot be drawn fails alone, as a ``RenderError`` naming its field.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Cells:
    """Where the values of one spreadsheet row are, for messages: ``Sheet1!F7``.

    ``columns`` maps each column's name to its letter, in the header's order: the name
    as the header writes it, or the field it names once the campaign is validated."""

    sheet: str
    row: int  # as the spreadsheet numbers it (1 is the first row)
    columns: Mapping[str, str]

    def of(self, name: str | None = None, lang: str | None = None) -> str:
        """The cell of a field — of its translation in ``lang`` in a wide row
        (``headline_fr``) — or, for the whole row or a field with no column, the row's
        id cell (else its first)."""
        keys = [f"{name}_{lang}", f"{name}_{lang.split('-')[0]}"] if name and lang else []
        letter = next((self.columns[key] for key in [*keys, name or "", "id"]
                       if key in self.columns), next(iter(self.columns.values()), "A"))
        return f"{sheet_reference(self.sheet)}!{letter}{self.row}"

    def renamed(self, names: Mapping[str, str]) -> Cells:
        """The same cells under the names of the fields the columns name."""
        return Cells(self.sheet, self.row, {names.get(k, k): v for k, v in self.columns.items()})


def sheet_reference(sheet: str) -> str:
    """A sheet's name as a cell reference writes it: ``Sheet1``, ``'Second sheet'``."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", sheet):
        return sheet
    return "'" + sheet.replace("'", "''") + "'"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    field: str | None
    message: str
    id: str | None = None
    cell: str | None = None  # in a spreadsheet: shown instead of the line (Sheet1!B7)

    def __str__(self) -> str:
        where = _where(self.file, self.line, self.cell)
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        entry: dict[str, object] = {"id": self.id, "file": self.file, "line": self.line,
                                    "field": self.field, "message": self.message}
        if self.cell:
            entry["cell"] = self.cell
        return entry


def _where(file: str, line: int | None, cell: str | None) -> str:
    """``file:line``, or ``file:Sheet1!B7`` in a spreadsheet."""
    if cell:
        return f"{file}:{cell}"
    return file if line is None else f"{file}:{line}"


@dataclass(frozen=True)
class JobFailure:
    """One image that could not be made: which, where its data is written, and why.

    The one place a failed job becomes text (``render`` and ``validate`` print it) or a
    manifest/report entry."""

    id: str
    lang: str
    platform: str
    file: str
    line: int | None
    field: str | None
    message: str
    page: int = 0  # a carousel's slide (1..pages), 0 for a single image
    pages: int = 0
    cell: str | None = None  # in a spreadsheet: shown instead of the line (Sheet1!B7)

    def __str__(self) -> str:
        where = _where(self.file, self.line, self.cell)
        field = f" {self.field}:" if self.field else ""
        slide = f", slide {self.page}/{self.pages}" if self.page else ""
        return f"{where}:{field} {self.id} [{self.lang}, {self.platform}{slide}]: {self.message}"

    def as_dict(self) -> dict[str, object]:
        entry: dict[str, object] = {"id": self.id, "lang": self.lang, "platform": self.platform,
                                    "file": self.file, "line": self.line, "field": self.field,
                                    "message": self.message}
        if self.page:
            entry.update(page=self.page, pages=self.pages)
        if self.cell:
            entry["cell"] = self.cell
        return entry


@dataclass
class Reporter:
    """Where the problems of one campaign entry go: each at the entry's file, at the line
    given (else the entry's own), with its asset id.

    Its ``error`` has the signature of ``data.Report``, so the readers in ``data`` report
    through it too."""

    file: str
    line: int  # the entry's: where a problem without a line of its own points
    asset_id: str | None
    problems: list[Problem]  # the run's, shared: an entry's problems are listed in the order found
    warnings: list[Problem]
    notes: list[Problem] = dataclasses.field(default_factory=list)  # read one way, as meant
    cells: Cells | None = None  # a spreadsheet row's: problems point at the field's cell
    lang: str | None = None  # the language being read (a wide row has a cell per language)
    _first: int = dataclasses.field(init=False, repr=False)  # this entry's problems start here
    _first_warning: int = dataclasses.field(init=False, repr=False)  # and its warnings

    def __post_init__(self) -> None:
        self._first = len(self.problems)
        self._first_warning = len(self.warnings)

    def error(self, field: str, message: str, line: int | None = None) -> None:
        problem = self._at(field, message, line)
        if problem not in self.problems[self._first:]:  # the same mistake, once, not once per language
            self.problems.append(problem)

    def error_once_for_all_assets(self, field: str, message: str, line: int) -> None:
        """An error no other asset has had at this line: a default's text too long for the
        template is one problem, not one per asset that inherits it. (It compares message
        and line only, not the file.)"""
        if not any(p.message == message and p.line == line for p in self.problems):
            self.error(field, message, line)

    def warn(self, field: str, message: str, line: int | None = None) -> None:
        self.warnings.append(self._at(field, message, line))

    def warn_once(self, field: str, message: str, line: int | None = None) -> None:
        """A warning about what the entry says in every language (a shared number that
        reads two ways): once for the entry, not once per language."""
        warning = self._at(field, message, line)
        if warning not in self.warnings[self._first_warning:]:
            self.warnings.append(warning)

    def note(self, field: str, message: str, line: int | None = None) -> None:
        """Something written another way than the tool's, with one meaning (``EN`` for
        ``en``): accepted, and said, once."""
        note = self._at(field, message, line)
        if note not in self.notes:
            self.notes.append(note)

    @property
    def failed(self) -> bool:
        """Whether this entry has had an error (then it gives no assets)."""
        return len(self.problems) > self._first

    def _at(self, field: str, message: str, line: int | None) -> Problem:
        cell = self.cells.of(field, self.lang) if self.cells is not None else None
        return Problem(self.file, line or self.line, field, message, id=self.asset_id, cell=cell)


class InputError(Exception):
    """The input could not be read or validated: nothing is rendered (exit status 2)."""

    def __init__(self, problems: Iterable[Problem], warnings: Iterable[Problem] = ()) -> None:
        self.problems = list(problems)
        self.warnings = list(warnings)  # found on the way; they may explain a problem
        super().__init__("\n".join(str(p) for p in self.problems))


class RenderError(Exception):
    """This job cannot be rendered; ``field`` names the culprit when known."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def suggest(value: str, known: Iterable[str]) -> str:
    """' (did you mean x?)' for a near miss, else ''."""
    matches = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return f" (did you mean {matches[0]}?)" if matches else ""


# Kinds of warning, for the summary a run prints (cli): the first pattern that matches.
# The design check's come first, matched on the fixed end of their messages (which quote
# the card's text): design.KINDS says the same, a test keeps the two in step.
WARNING_KINDS: tuple[tuple[str, str], ...] = (
    ("design: a line break inside a number, amount or address", r" broken across lines after "),
    ("design: a word split without a hyphen", r" split without a hyphen after "),
    ("design: a last word alone on its line", r" alone on the last line$"),
    ("design: an empty band inside the safe area",
     r"empty band \d+% of the safe height \(\d+ px\) between y=\d+ and y=\d+$"),
    ("design: text too small to read on a phone",
     r" px is below [\d.]+% of the width \([\d.]+ px\)$"),
    ("design: a less important text larger than a more important one",
     r" px is smaller than .+ [\d.]+ px$"),
    ("a translation is missing", r"has no (?:text|list) in "),
    ("YAML read a value as a comment", r"YAML reads everything after"),
    ("labels missing in the card's language (left out)", r"no labels in "),
    ("low contrast", r"has a contrast of"),
    ("text at its minimum size, not fitting", r"does not fit its box"),
    ("a platform the template has no layout for", r"has no \w+(?: or \w+)* layout"),
    ("alt text too long for Mastodon", r"alt text is \d+ characters"),
    ("a number that reads two ways", r"can be read as"),
    ("text that looks wrongly decoded", r"looks wrongly decoded"),
    ("a number an .xls file may show otherwise", r"in an \.xls file, which does not say"),
    ("file size reduced to fit the platform", r"reduced from \d+ to|quality \d+ to stay"),
)


def warning_kind(text: str) -> str:
    import re

    return next((kind for kind, pattern in WARNING_KINDS if re.search(pattern, text)), "other")
