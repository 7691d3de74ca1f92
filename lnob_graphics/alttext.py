"""Alt text: a real description of each image, in the asset's language, from its content.

Each template's metadata gives an ``alt`` pattern over its fields (e.g.
``"{goal}: {stat} — {headline}. {source}"``); ``{goal}`` is the localized
"Goal 4, Quality education" (or the pledge's name). Parts whose field is empty
are dropped together with the punctuation that introduces them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lnob_graphics.themes import theme_for

if TYPE_CHECKING:
    from lnob_graphics.campaign import Asset
    from lnob_graphics.templates import TemplateInfo

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def alt_text(asset: Asset, info: TemplateInfo, goal_name: str, labels: dict[str, str],
             goal_number: str = "", summaries: dict[str, str] | None = None) -> str:
    """``goal_number`` is the goal's number as the language writes it ("٤" in Arabic);
    ``summaries`` give a data series in words ("Nepal: 23%, Bangladesh: 31%")."""
    theme = theme_for(asset.goal)
    goal = (labels["alt_goal"].format(n=goal_number or theme.number, name=goal_name)
            if theme.number else goal_name)
    values = {"goal": goal, **asset.fields, **(summaries or {})}
    source = asset.fields.get("source")
    values["source"] = labels["alt_source"].format(source=source) if source else ""
    pattern = info.alt or "{goal}: " + " — ".join("{" + f + "}" for f in info.fields)
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
    text = re.sub(r"(?<!\.)\.\.(?!\.)", ".", re.sub(r"\s+", " ", text))
    return text if text.endswith((".", "!", "?", "。", "؟")) else text + "."
