"""Problems with the user's input, as data: where, which field, what, and what to do.

Every stage collects problems instead of stopping at the first, so the user
fixes a file in one pass. Only ``cli.py`` turns them into text and exit codes.
"""

from __future__ import annotations

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


class InputError(Exception):
    """The input could not be read or validated: nothing is rendered (exit status 2)."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def suggest(value: str, known: Iterable[str]) -> str:
    """' (did you mean x?)' for a near miss, else ''."""
    matches = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return f" (did you mean {matches[0]}?)" if matches else ""
