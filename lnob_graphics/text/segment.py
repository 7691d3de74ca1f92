"""Line-break and grapheme opportunities from ICU (icu4py).

ICU breaks Khmer and Thai by dictionary, Chinese between characters, and
everything else per UAX #14. It reports offsets in UTF-16 code units; Python
strings index code points, so offsets are converted here, once.
"""

from __future__ import annotations

from functools import cache

from icu4py.breakers import CharacterBreaker, LineBreaker
from icu4py.locale import Locale


@cache
def _locale(lang: str) -> Locale:
    return Locale(lang.replace("-", "_"))


def _utf16_to_index(text: str) -> dict[int, int]:
    mapping = {0: 0}
    units = 0
    for index, char in enumerate(text, start=1):
        units += 2 if ord(char) > 0xFFFF else 1
        mapping[units] = index
    return mapping


def _boundaries(breaker: LineBreaker | CharacterBreaker, text: str) -> list[int]:
    to_index = _utf16_to_index(text)
    return [to_index[end] for _start, end in breaker.segments()]


def line_breaks(text: str, lang: str) -> list[int]:
    """Code-point offsets where a new line may begin (the last one is ``len(text)``)."""
    if not text:
        return []
    return _boundaries(LineBreaker(text, _locale(lang)), text)


def grapheme_breaks(text: str, lang: str) -> list[int]:
    """Offsets between user-perceived characters: the last-resort break points."""
    if not text:
        return []
    return _boundaries(CharacterBreaker(text, _locale(lang)), text)
