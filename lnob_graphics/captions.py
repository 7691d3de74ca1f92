"""Post text: a suggested caption for each image, in the asset's language, within each
platform's limit.

    body (the template's caption pattern, or the asset's own ``caption``)
    Source: … (in the language)
    #LeaveNoOneBehind (in the language) #SDG4 #the-asset's-own-hashtags
    the asset's link

When it is too long for the platform (X: 280 characters, a link counting 23; Bluesky
300; Threads 500 …), the body is shortened at a word with "…", then the source line
goes; the hashtags and the link always stay.
"""

from __future__ import annotations

import re

from lnob_graphics.alttext import comma_for, fill_pattern

_URL_WEIGHT = 23  # X counts every link as 23 characters


def caption(body: str, source_line: str, hashtags: list[str], link: str, limit: int,
            count_links_as_23: bool = False) -> str:
    tags = " ".join(dict.fromkeys(h for h in hashtags if h))
    tail = [part for part in (tags, link) if part]

    def size(text: str) -> int:
        if count_links_as_23 and link:
            return len(text) - text.count(link) * (len(link) - _URL_WEIGHT)
        return len(text)

    def assemble(text: str, with_source: bool) -> str:
        return "\n\n".join(p for p in (text, source_line if with_source else "", *tail) if p)

    for with_source in (True, False):
        full = assemble(body, with_source)
        if size(full) <= limit:
            return full
        room = limit - size(assemble("", with_source)) - 2  # the blank line before the rest
        if room >= 40:  # a shortened body still worth reading
            return assemble(_shorten(body, room), with_source)
    return assemble(_shorten(body, max(limit - size("\n\n".join(tail)) - 2, 0)), False)[:limit]


def _shorten(text: str, room: int) -> str:
    if len(text) <= room:
        return text
    cut = text[: max(room - 1, 0)]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return re.sub(r"[\s,;:—–-]+$", "", cut) + "…"


def caption_body(pattern: str, values: dict[str, str], lang: str) -> str:
    return fill_pattern(pattern, values, comma_for(lang)) if pattern else ""
