"""The page's own words in its five languages (``ui.yaml``: each with its status and
source), the language a browser asks for, and the page's direction."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import yaml

LANGUAGES = {"en": "English", "fr": "Français", "es": "Español", "pt": "Português",
             "ar": "العربية"}
STATUSES = ("source", "community", "reviewed", "unverified")


@cache
def strings() -> dict[str, dict[str, dict[str, Any]]]:
    data = yaml.safe_load((Path(__file__).resolve().parent / "ui.yaml").read_text(encoding="utf-8"))
    table: dict[str, dict[str, dict[str, Any]]] = data["strings"]
    return table


def choose(chosen: str | None, accept_language: str | None) -> str:
    """The page's language: the one chosen in the page, else the first of the browser's
    (``Accept-Language``, by weight) that the page has, else English."""
    if chosen in LANGUAGES:
        return chosen
    wanted: list[tuple[float, int, str]] = []
    for index, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        wanted.append((-weight, index, tag.split("-")[0].lower()))
    for _weight, _index, code in sorted(wanted):
        if code in LANGUAGES:
            return code
    return "en"


def translator(lang: str) -> Callable[[str], str]:
    table = strings()

    def t(key: str) -> str:
        entry = table[key]
        return str((entry.get(lang) or entry["en"])["text"])
    return t
