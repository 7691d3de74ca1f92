"""Where a line may break: ICU's opportunities, minus those a designer never allows.

ICU breaks Thai, Lao, Khmer and Myanmar by dictionary, Chinese and Japanese between
characters, Korean at spaces (its "phrase" style for ``ko``: hangul words are kept whole, as
Korean is set), and everything else per UAX #14. It reports offsets in UTF-16 code units;
Python strings index code points, so offsets are converted here, once. On top of ICU:

- no break inside a number, an amount with its currency, a percentage, a ratio in words
  ("1 in 3", "١ من كل ٣"), a web address or an e-mail address (UAX #14 allows one after
  ``/`` and between some digits and spaces);
- no line that begins with the full stop of a script that sets it after a space (``हक़ है ।``:
  UAX #14 allows a break after the space, before the danda), nor with a middle dot ``·``;
- in Chinese and Japanese, the breaks that would split a dictionary word (ICU's word
  breaker: 一个, 儿童), which the line breaker avoids where that costs little evenness;
- hyphenation points, from the language's own patterns (pyphen: LibreOffice's
  dictionaries), only in words of Latin, Cyrillic or Greek letters: other scripts are not
  hyphenated. The fitter uses them only when a word cannot fit whole at the minimum size.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from icu4py.breakers import CharacterBreaker, LineBreaker, WordBreaker
from icu4py.locale import Locale

from lnob_graphics.i18n import primary

# Spans never broken inside. Numbers: grouped with , . or (narrow) spaces, with a decimal
# part, a currency symbol or code before or after, a percent sign (and the spaces French
# puts before it). Addresses: a scheme or www., or a name.name/path; e-mail addresses.
_CODES = "USD|EUR|GBP|INR|XOF|XAF|KES|NPR|BDT|PKR|AFN|TJS|BRL|SDG|SLE|ILS|FCFA"
_SYMBOLS = "$€£¥₹₦₵₨৳₭៛₸₽₺"
_CURRENCY = rf"(?:[A-Z]{{1,3}}\$|[{_SYMBOLS}]|(?:{_CODES})\s?)"
_SEPARATOR = "[.,\u066b\u066c\u00a0\u202f ]"  # (Arabic decimal and thousands signs too)
_PERCENT = "[%\u066a\u0609]"
_NUMBER = (rf"{_CURRENCY}?\d+(?:{_SEPARATOR}\d{{2,3}})*(?:[.,\u066b]\d+)?"
           rf"(?:[\u00a0\u202f ]?{_PERCENT}|[\u00a0\u202f ]?(?:[{_SYMBOLS}]|{_CODES}))?")
_ADDRESS = r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)+/\S*"
# A ratio in words — "1 in 3", "1 de cada 3", "١ من كل ٣", "3 में से 1": two numbers and up to
# three short words between them, read as one figure (a line between them splits it).
_RATIO = r"(?<![\d.,])\d+(?:[ \u00a0]\S{1,6}){1,3}[ \u00a0]\d+(?![.,]?\d)"
_PROTECTED = re.compile(rf"{_ADDRESS}|{_RATIO}|{_NUMBER}")
_ALPHABETIC = ("LATIN", "CYRILLIC", "GREEK")
_WORD = re.compile(r"\w+", re.UNICODE)
# Full stops and clause marks written after a space in some texts: danda and double danda,
# Tibetan shad and its kin, Myanmar's little and full section marks, Ethiopic punctuation,
# Khmer khan and bariyoosan; and the middle dot that separates a source line's parts
# ("World Bank WDI · 2021"). Never the first thing on a line.
_NEVER_FIRST = frozenset("।॥།༎༏༐༑༔၊။።፣፤፥፦፧፨។៕·")
# ICU keywords per language for the line breaker: Korean keeps hangul words whole.
_LINE_KEYWORDS = {"ko": "@lw=phrase"}


@cache
def _locale(lang: str, line: bool = False) -> Locale:
    keywords = _LINE_KEYWORDS.get(primary(lang), "") if line else ""
    return Locale(lang.replace("-", "_") + keywords)


def _utf16_to_index(text: str) -> dict[int, int]:
    mapping = {0: 0}
    units = 0
    for index, char in enumerate(text, start=1):
        units += 2 if ord(char) > 0xFFFF else 1
        mapping[units] = index
    return mapping


def _boundaries(breaker: LineBreaker | CharacterBreaker | WordBreaker, text: str) -> list[int]:
    to_index = _utf16_to_index(text)
    return [to_index[end] for _start, end in breaker.segments()]


def protected_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of every number, amount, percentage and address in ``text``."""
    return [(m.start(), m.end()) for m in _PROTECTED.finditer(text) if m.end() - m.start() > 1]


def line_breaks(text: str, lang: str) -> list[int]:
    """Code-point offsets where a new line may begin (the last one is ``len(text)``)."""
    if not text:
        return []
    inside = {i for start, end in protected_spans(text) for i in range(start + 1, end)}
    return [b for b in _boundaries(LineBreaker(text, _locale(lang, line=True)), text)
            if b not in inside and not (b < len(text) and text[b] in _NEVER_FIRST)]


# Han and kana: ICU may break a line between any two of them, inside a word as readily as
# between words. Its word breaker knows their words (a dictionary: 儿童, 权利, 一个).
_CJ = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def word_splits(text: str, lang: str, breaks: list[int]) -> list[int]:
    """The line-break opportunities among ``breaks`` that fall inside a dictionary word of
    Chinese or Japanese text (the breaker may take them, at a cost); none elsewhere."""
    if not _CJ.search(text):
        return []
    words = set(_boundaries(WordBreaker(text, _locale(lang)), text))
    return [b for b in breaks
            if b not in words and 0 < b < len(text) and _CJ.match(text[b - 1]) and _CJ.match(text[b])]


def grapheme_breaks(text: str, lang: str) -> list[int]:
    """Offsets between user-perceived characters: the break of no choice, for a text
    that does not fit anyway (drawn so, and reported)."""
    if not text:
        return []
    return _boundaries(CharacterBreaker(text, _locale(lang)), text)


@cache
def _hyphenator(lang: str) -> object | None:
    import pyphen

    found = pyphen.language_fallback(lang.replace("-", "_"))
    # At least two letters before the hyphen and three after it (a lone "-s" reads badly).
    return pyphen.Pyphen(lang=found, left=2, right=3) if found else None


def hyphen_breaks(text: str, lang: str) -> list[int]:
    """Offsets inside words where ``lang`` hyphenates them; none for languages without
    patterns, for words not in Latin, Cyrillic or Greek letters, and inside numbers and
    addresses."""
    hyphenator = _hyphenator(lang)
    if hyphenator is None:
        return []
    protected = protected_spans(text)
    offsets = []
    for word in _WORD.finditer(text):
        start, end = word.span()
        if any(a < end and start < b for a, b in protected) or not all(
                unicodedata.name(c, "").startswith(_ALPHABETIC) for c in word.group() if c.isalpha()):
            continue
        offsets += [start + position for position in hyphenator.positions(word.group())]  # type: ignore[attr-defined]
    return sorted(offsets)
