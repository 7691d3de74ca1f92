"""Problems with the user's input, as data: where, which field, what, and what to do.

Every stage collects problems instead of stopping at the first, so the user
fixes a file in one pass. Only ``cli.py`` turns them into text and exit codes.
One image that cannot be drawn fails alone, as a ``RenderError`` naming its field.
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


class InputError(Exception):
    """The input could not be read or validated: nothing is rendered (exit status 2)."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
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
