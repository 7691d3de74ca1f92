"""The names of groups (FEMALE, RURAL, Q1 …) and of a value's nature, per language.

In this order: the campaign's own (``data_source: labels:``), the file's own words when
the campaign says which language they are in (``data_source: lang: ru`` — an Open SDG
platform writes its groups in its language), then the tool's table
(``data/groups.yaml``, each name with its source and status). A language with none of
these has no name for the group: never English on its card (``fill`` warns and leaves
the language out).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import yaml

from lnob_graphics.official.readers import wdi_breakdown
from lnob_graphics.paths import data_file


@cache
def shipped() -> dict[str, Any]:
    with open(data_file("groups.yaml"), encoding="utf-8") as handle:
        loaded: dict[str, Any] = yaml.safe_load(handle)
    return loaded


def _in(names: dict[str, str], lang: str) -> str | None:
    for key in (lang, lang.split("-")[0], "*"):
        if names.get(key):
            return names[key]
    return None


def _shipped_in(entry: dict[str, Any] | None, lang: str) -> str | None:
    """A name of the tool's table: ``{en: {text: Female, source: …, status: …}}``."""
    if entry is None:
        return None
    return _in({k: str(v["text"]) for k, v in entry.items() if isinstance(v, dict)}, lang)


def group_name(code: str, lang: str, own: dict[str, dict[str, str]],
               file_lang: str | None = None) -> str | None:
    """The name of group ``code`` in ``lang``, or None when there is none."""
    if code in own and (name := _in(own[code], lang)) is not None:
        return name
    if file_lang is not None and file_lang.split("-")[0] == lang.split("-")[0]:
        return code  # the file's own word, in the language the campaign says it is
    family, dims = wdi_breakdown(code)
    if dims and family != code:  # a WDI code: the group its code names
        return group_name(dims[0][1], lang, own, None)
    return _shipped_in(shipped()["groups"].get(code), lang)


def nature_name(code: str, lang: str) -> str | None:
    return _shipped_in(shipped()["nature"].get(code), lang)
