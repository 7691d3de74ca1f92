"""Numbers as each language writes them: digits, separators and the percent sign.

Campaigners write numbers the plain way — ``23%``, ``1,200,000``, ``1.2`` — once for
every language. Each card shows them the way its language does, from CLDR (Babel):
``23 %`` in French, ``%23`` in Turkish, ``٢٣٪`` in Arabic, ``१२,००,०००`` in Nepali.

- A field that is *only* a number (``23%``, ``1200000``, ``-3.5``) is fully
  localized: grouping (Indian 12,00,000 where CLDR says so), decimal sign, percent
  sign and its place, digits. It is grouped when written with separators or when it
  has five or more digits — so a year such as ``2030`` stays ``2030``.
- In running text (a headline), numbers keep the grouping their writer chose; where
  the language's digits are not Western, their digits and separators are converted
  (``1.2`` → ``١٫٢`` in Arabic). Numbers in a word with Latin or Cyrillic letters
  (``COVID-19``, ``G20``) or in an address (``un.org/sdgs/2023``) are names, not
  quantities, and stay as written; so does a keycap emoji (``4️⃣``).
- The ``digits`` field overrides the language's digits (``latn``, ``arab`` …), per
  campaign (in ``defaults``), per asset or per language.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError

# Decimal digit sets we can draw with the bundled fonts: numbering system -> zero.
DIGIT_ZERO = {
    "latn": "0",
    "arab": "\u0660",  # Arabic-Indic ٠١٢
    "arabext": "\u06F0",  # Extended Arabic-Indic (Persian, Urdu, Pashto) ۰۱۲
    "deva": "\u0966",  # Devanagari ०१२
    "beng": "\u09E6",  # Bengali ০১২
    "khmr": "\u17E0",  # Khmer ០១២
}
DIGIT_CHOICES = ("default", *DIGIT_ZERO)

# CLDR 42 made Western digits the default for generic Arabic ("ar"). The UN's own
# Arabic goal icons use Arabic-Indic digits, so generic Arabic keeps them; regional
# Arabic follows CLDR (ar-MA, ar-DZ, ar-TN: Western; ar-EG, ar-SA: Arabic-Indic).
_GENERIC_DEFAULTS = {"ar": "arab"}

# Western digits only ([0-9], not \d: that would take Arabic-Indic digits for Western),
# and no leading zero (0123 is a code, not a quantity).
_WHOLE_NUMBER = re.compile(
    r"^([+\-\u2212]?)([1-9][0-9]{0,2}(?:,[0-9]{3})+|[1-9][0-9]*|0)(?:\.([0-9]+))?(\s?%)?$")
_NUMBER_IN_TEXT = re.compile(r"(?<![0-9.,])([0-9]+(?:[.,][0-9]+)*)(%?)")
_KEYCAP_OR_EMOJI = ("\ufe0f", "\u20e3")
_WESTERN_DIGIT = re.compile(r"[0-9]")


@dataclass(frozen=True)
class NumberStyle:
    """How one language (with an optional digits override) writes numbers."""

    locale: Locale | None
    system: str

    def text(self, value: str) -> str:
        """Localize the numbers in one field's text (see the module docstring)."""
        whole = _WHOLE_NUMBER.match(value.strip())
        if whole:
            sign, integer, fraction, percent = whole.groups()
            grouped = "," in integer or len(integer) >= 5
            return self._format(sign, integer.replace(",", ""), fraction or "", bool(percent),
                                grouped)
        if self.system == "latn":
            return value
        return _NUMBER_IN_TEXT.sub(self._convert_in_text, value)

    def integer(self, number: int) -> str:
        """A small whole number such as a goal number: digits only, never grouped."""
        return self._digits(str(number))

    def _convert_in_text(self, match: re.Match[str]) -> str:
        body, percent = match.groups()
        text, start, end = match.string, match.start(), match.end()
        if text[end:end + 1] in _KEYCAP_OR_EMOJI:
            return match.group()  # 4️⃣ is an emoji, drawn as one
        if _in_a_name(text, start, end):
            return match.group()  # COVID-19, G20, un.org/2030: names and addresses
        symbols = self._symbols()
        if body.count(".") <= 1:  # 10.5.2023 is a date: only its digits change
            body = re.sub(r"(?<=[0-9])\.(?=[0-9])", symbols["decimal"], body)
            body = re.sub(r"(?<=[0-9]),(?=[0-9])", symbols["group"], body)
        if percent:
            return self._percent(self._digits(body), symbols)
        return self._digits(body)

    def _format(self, sign: str, integer: str, fraction: str, percent: bool,
                grouped: bool) -> str:
        symbols = self._symbols()
        body = integer
        if grouped:
            primary, secondary = self._grouping(percent)
            body = _group(integer, primary, secondary, symbols["group"])
        if fraction:
            body += symbols["decimal"] + fraction
        body = self._digits(body)
        if percent:
            body = self._percent(body, symbols)
        if sign in ("-", "\u2212"):
            body = symbols["minusSign"] + body
        elif sign == "+":
            body = symbols["plusSign"] + body
        return body

    def _percent(self, body: str, symbols: dict[str, str]) -> str:
        if self.locale is None:
            return body + "%"
        pattern = self.locale.percent_formats[None]
        prefix, suffix = str(pattern.prefix[0]), str(pattern.suffix[0])
        return (prefix.replace("%", symbols["percentSign"]) + body
                + suffix.replace("%", symbols["percentSign"]))

    def _grouping(self, percent: bool) -> tuple[int, int]:
        if self.locale is None:
            return 3, 3
        formats = self.locale.percent_formats if percent else self.locale.decimal_formats
        primary, secondary = formats[None].grouping
        return primary, secondary

    def _symbols(self) -> dict[str, str]:
        latin = {"decimal": ".", "group": ",", "percentSign": "%", "minusSign": "-",
                 "plusSign": "+"}
        if self.locale is None:
            return latin
        symbols = {**latin, **self.locale.number_symbols.get("latn", {})}
        symbols.update(self.locale.number_symbols.get(self.system, {}))
        return symbols

    def _digits(self, text: str) -> str:
        zero = ord(DIGIT_ZERO[self.system])
        if zero == ord("0"):
            return text
        return _WESTERN_DIGIT.sub(lambda m: chr(zero + int(m.group())), text)


@cache
def number_style(lang: str, digits: str | None = None) -> NumberStyle:
    """The style for a BCP 47 language tag; ``digits`` is a DIGIT_CHOICES override."""
    locale = _locale(lang)
    if digits and digits != "default":
        return NumberStyle(locale, digits)
    if locale is None:
        return NumberStyle(None, "latn")
    system = locale.default_numbering_system if hasattr(locale, "default_numbering_system") \
        else "latn"
    if locale.territory is None and locale.language in _GENERIC_DEFAULTS:
        system = _GENERIC_DEFAULTS[locale.language]
    return NumberStyle(locale, system if system in DIGIT_ZERO else "latn")


def _locale(lang: str) -> Locale | None:
    try:
        return Locale.parse(lang, sep="-")
    except (UnknownLocaleError, ValueError):
        try:
            return Locale.parse(lang.split("-")[0])
        except (UnknownLocaleError, ValueError):
            return None


def _in_a_name(text: str, start: int, end: int) -> bool:
    """Whether the number at text[start:end] is part of a word with Latin, Cyrillic or
    Greek letters (COVID-19, G20, goal4-2030) or of an address (un.org/sdgs/2023,
    name@example.org). Arabic prefixes such as و "and" glue to quantities, so other
    scripts' letters do not count."""
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    word = text[left:right]
    if "/" in word or "@" in word or "www." in word:
        return True
    return any(c.isalpha() and unicodedata.name(c, "").startswith(("LATIN", "CYRILLIC", "GREEK"))
               for c in word)


def _group(digits: str, primary: int, secondary: int, separator: str) -> str:
    if len(digits) <= primary:
        return digits
    head, tail = digits[:-primary], digits[-primary:]
    groups = [tail]
    while len(head) > secondary:
        groups.insert(0, head[-secondary:])
        head = head[:-secondary]
    groups.insert(0, head)
    return separator.join(groups)
