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
        if not count_links_as_23:
            return len(text)
        # X's own counting: a link is 23, CJK, emoji and most scripts beyond Latin count 2.
        plain = text.replace(link, "") if link else text
        return sum(_x_weight(c) for c in plain) + (text.count(link) * _URL_WEIGHT if link else 0)

    def assemble(text: str, with_source: bool) -> str:
        return "\n\n".join(p for p in (text, source_line if with_source else "", *tail) if p)

    for with_source in (True, False):
        full = assemble(body, with_source)
        if size(full) <= limit:
            return full
        room = limit - size(assemble("", with_source)) - 2  # the blank line before the rest
        while room >= 40:  # a shortened body still worth reading
            text = assemble(_shorten(body, room), with_source)
            if size(text) <= limit:
                return text
            room = int(room * 0.9)  # characters X counts double: shorten further
    # Even the hashtags and link alone are too long: keep the first hashtag and the link —
    # never half a link.
    tail = [part for part in (tags.split(" ")[0] if tags else "", link) if part]
    return "\n\n".join(tail)


def _x_weight(char: str) -> int:
    """twitter-text's weights: 1 for these ranges (Latin, punctuation …), 2 for the rest."""
    code = ord(char)
    light = (code <= 0x10FF or 0x2000 <= code <= 0x200D or 0x2010 <= code <= 0x201F
             or 0x2032 <= code <= 0x2037)
    return 1 if light else 2


def _shorten(text: str, room: int) -> str:
    if len(text) <= room:
        return text
    cut = text[: max(room - 1, 0)]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return re.sub(r"[\s,;:—–-]+$", "", cut) + "…"


def caption_body(pattern: str, values: dict[str, str], lang: str) -> str:
    return fill_pattern(pattern, values, comma_for(lang)) if pattern else ""
