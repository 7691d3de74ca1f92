"""Problems with the user's input, as data: where, which field, what, and what to do.

Every stage collects problems instead of stopping at the first, so the user
fixes a file in one pass. Only ``cli.py`` turns them into text and exit codes.
One image that cannot be drawn fails alone, as a ``RenderError`` naming its field.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    field: str | None
    message: str
    id: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "file": self.file, "line": self.line, "field": self.field,
                "message": self.message}


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

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        field = f" {self.field}:" if self.field else ""
        slide = f", slide {self.page}/{self.pages}" if self.page else ""
        return f"{where}:{field} {self.id} [{self.lang}, {self.platform}{slide}]: {self.message}"

    def as_dict(self) -> dict[str, object]:
        entry: dict[str, object] = {"id": self.id, "lang": self.lang, "platform": self.platform,
                                    "file": self.file, "line": self.line, "field": self.field,
                                    "message": self.message}
        if self.page:
            entry.update(page=self.page, pages=self.pages)
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
    _first: int = dataclasses.field(init=False, repr=False)  # this entry's problems start here

    def __post_init__(self) -> None:
        self._first = len(self.problems)

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
        return Problem(self.file, line or self.line, field, message, id=self.asset_id)


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
WARNING_KINDS: tuple[tuple[str, str], ...] = (
    ("a translation is missing", r"has no (?:text|list) in "),
    ("YAML read a value as a comment", r"YAML reads everything after"),
    ("labels missing in the card's language (left out)", r"no labels in "),
    ("low contrast", r"has a contrast of"),
    ("text at its minimum size, not fitting", r"does not fit its box"),
    ("a platform the template has no layout for", r"has no \w+(?: or \w+)* layout"),
    ("alt text too long for Mastodon", r"alt text is \d+ characters"),
    ("a number that reads two ways", r"can be read as"),
    ("text that looks wrongly decoded", r"looks wrongly decoded"),
    ("file size reduced to fit the platform", r"reduced from \d+ to|quality \d+ to stay"),
)


def warning_kind(text: str) -> str:
    import re

    return next((kind for kind, pattern in WARNING_KINDS if re.search(pattern, text)), "other")
