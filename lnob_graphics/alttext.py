"""Alt text: a real description of each image, in the asset's language, from its content.

Each template's metadata gives an ``alt`` pattern over its fields (e.g.
``"{goal}: {stat} — {headline}. {source}"``); ``{goal}`` is the localized
"Goal 4, Quality education" (or the pledge's name), ``{source}`` "Source: …". Parts
whose value is empty — a field not given, a word the language has none for — are
dropped together with the punctuation that introduces them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lnob_graphics.credits import credit_line

if TYPE_CHECKING:
    from lnob_graphics.campaign import Asset
    from lnob_graphics.templates import TemplateInfo

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def alt_text(asset: Asset, info: TemplateInfo, goal: str, source: str,
             summaries: dict[str, str] | None = None,
             words: dict[str, str] | None = None) -> str:
    """``goal`` is the goal as the card's language says it ("Goal 4, Quality education",
    numbers in its digits; "" when it has no words for it); ``source`` the source line
    ("Source: UNESCO"); ``summaries`` give a data series in words ("Nepal: 23%, …");
    ``words`` the card's words a pattern names as ``{label_target}`` (ALT_WORDS), in its
    language — "" where it has none, and a ``[bracketed part]`` holding one is dropped:
    the alt text never carries a word of another language."""
    values = {**asset.fields, **(summaries or {}), "goal": goal, "source": source,
              **{f"label_{key}": text for key, text in (words or {}).items()}}
    if values.get("credit"):  # a photo credit with its sign, its addresses whole
        values["credit"] = credit_line(values["credit"], shorten=False)
    pattern = info.alt or "{goal}: " + " — ".join("{" + f + "}" for f in info.fields)
    text = fill_pattern(pattern, values, comma_for(asset.lang))
    return text if not text or text.endswith((".", "!", "?", "。", "؟", "۔", "।")) else text + "."


# The card's words an alt-text pattern may use, as {label_KEY}.
ALT_WORDS = ("target", "now")


def comma_for(lang: str) -> str:
    """The comma the patterns' own punctuation uses: Arabic script has its own (،)."""
    return "،" if lang.split("-")[0] in ("ar", "fa", "ur", "ps", "ckb", "sd", "ug") else ","


def fill_pattern(pattern: str, values: dict[str, str], comma: str = ",") -> str:
    """``pattern`` with its ``{placeholders}`` filled; a part whose value is empty is
    dropped with the punctuation that introduces it; ``[a bracketed part]`` is dropped
    whole if any of its placeholders is empty. The pattern's own commas become ``comma``."""
    pattern = pattern.replace(", ", comma + " ")
    if comma == "،":  # Arabic script's semicolon, with its comma
        pattern = pattern.replace("; ", "؛ ")
    # [optional parts]: dropped whole when a placeholder inside them is empty.
    pattern = re.sub(r"\[([^\[\]]*)\]", lambda m: m.group(1) if all(
        values.get(n) for n in _PLACEHOLDER.findall(m.group(1))) else "", pattern)
    # Split the pattern into pieces that each carry one placeholder and the text
    # before it; drop a piece whose placeholder is empty.
    pieces = re.split(r"(?=\{\w+\})", pattern)
    out = []
    for piece in pieces:
        names = _PLACEHOLDER.findall(piece)
        if names and not all(values.get(n) for n in names):
            continue
        out.append(_PLACEHOLDER.sub(lambda m: values.get(m.group(1), ""), piece))
    text = "".join(out).strip(" —:-,.")
    # A headline ending in "." followed by the pattern's ". " gives "..": keep one
    # (but leave a real ellipsis "..." alone).
    return re.sub(r"(?<!\.)\.\.(?!\.)", ".", re.sub(r"\s+", " ", text))
