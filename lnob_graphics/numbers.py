"""Numbers, money and dates as each language writes them: digits, separators, signs.

Campaigners write numbers once, their way (``notation``: ``1,200,000`` or
``1.200.000``, ``12,5%``, ``US$1.90``); each card shows them the way its language
does, from CLDR (Babel): ``23 %`` in French, ``%23`` in Turkish, ``٢٣٪`` in Arabic,
``१२,००,०००`` in Nepali, ``1,90 $US`` in French, ``8 mars 2024`` for ``2024-03-08``.

- A field that is *only* a number (``23%``, ``1200000``, ``-3.5``, ``US$1.90``) is
  fully localized: grouping (Indian 12,00,000 where CLDR says so), decimal sign,
  percent or currency sign and its side, digits. It is grouped when written with
  separators or when it has five or more digits — so a year such as ``2030`` stays
  ``2030``. The writer's decimals are kept (``1.90`` keeps two, ``500`` has none).
- In running text (a headline), every quantity ``notation.scan`` finds is drawn the
  same way, but keeps the grouping its writer chose (``1200`` stays ungrouped). What
  is not a quantity stays as written: dates, codes and phone numbers take the
  language's digits only; names and addresses (``COVID-19``, ``G20``,
  ``un.org/sdgs/2023``) and keycap emoji (``4️⃣``) keep even their digits.
- A field that is only an ISO date (``2024-03-08``, as spreadsheets' date cells
  arrive) is written as the language writes a date, in full (CLDR's *long* format:
  ``8 March 2024``, ``8 mars 2024``, ``٨ مارس ٢٠٢٤``, ``2024年3月8日``): the month in
  words is read the same everywhere, where ``08/03/2024`` is 3 August to some readers.
- Money: a currency with one sign (``US$``, ``€``, ``₹``) is written with the
  language's sign for it on the language's side (``US$1.90``, ``1,90 $US``,
  ``١٫٩٠ US$``); where CLDR's sign for the US dollar is a bare ``$`` (English), it is
  ``US$``, which says which dollar. A sign several currencies share (``$``, ``¥``,
  ``FCFA``) is kept as written, on the language's side.
- The ``digits`` field overrides the language's digits (``latn``, ``arab`` …), per
  campaign (in ``defaults``), per asset or per language.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache, lru_cache

from babel import Locale, UnknownLocaleError

from lnob_graphics.notation import (
    ENGLISH,
    SHARED_SIGNS,
    Amount,
    Notation,
    Quantity,
    iso_date,
    scan,
    whole_quantity,
)

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

_WESTERN_DIGIT = re.compile(r"[0-9]")


@dataclass(frozen=True)
class NumberStyle:
    """How one language (with an optional digits override) writes numbers."""

    locale: Locale | None
    system: str

    def text(self, value: str, notation: Notation = ENGLISH) -> str:
        """Localize the numbers, money and dates in one field's text, read as
        ``notation`` says it is written (see the module docstring). Digits of any script
        are read as digits (a translator's ``१५%`` is 15 %) and drawn in the card's."""
        original = value
        value = western_digits(value, notation)  # (same length: positions still hold)
        day = iso_date(value)
        if day is not None:
            return self.date(day)
        whole = whole_quantity(value, notation)
        if whole is not None:
            return self._quantity(whole, whole=True)
        parts, at = [], 0
        for token in scan(value, notation):
            parts.append(original[at:token.start])
            written = value[token.start:token.end]
            if isinstance(token, Quantity):
                parts.append(self._quantity(token, whole=False))
            else:  # a name keeps even its digits as typed (COVID-19, G20)
                parts.append(original[token.start:token.end] if token.name
                             else self._digits(written))
            at = token.end
        parts.append(original[at:])
        return "".join(parts)

    def integer(self, number: int) -> str:
        """A small whole number such as a goal number: digits only, never grouped."""
        return self._digits(str(number))

    def date(self, day: date) -> str:
        """A day in full, as the language writes it (CLDR's long date format)."""
        from babel.dates import format_date

        return self._digits(format_date(day, "long", locale=self.locale or _english()))

    def _quantity(self, quantity: Quantity, whole: bool) -> str:
        amount = quantity.amount
        grouped = amount.grouped or (whole and len(amount.integer) >= 5)
        symbols = self._symbols()
        if quantity.currency:
            body = self._money(amount, quantity.currency, grouped, quantity.sign == "-")
            return (symbols["plusSign"] if quantity.sign == "+" else "") + body
        body = amount.integer
        if grouped:
            primary, secondary = self._grouping(quantity.percent)
            body = _group(body, primary, secondary, symbols["group"])
        if amount.fraction:
            body += symbols["decimal"] + amount.fraction
        body = self._digits(body)
        if quantity.percent:
            body = self._percent(body, symbols)
        if quantity.sign == "-":
            body = symbols["minusSign"] + body
        elif quantity.sign == "+":
            body = symbols["plusSign"] + body
        return body

    def _money(self, amount: Amount, currency: str, grouped: bool, negative: bool) -> str:
        """An amount of money with Babel: the language's pattern (its sign's side, its
        spacing), the writer's decimals, the card's digits."""
        from babel.numbers import format_currency, parse_pattern

        locale = self.locale or _english()
        sign = _money_sign(currency, locale)
        pattern = parse_pattern(locale.currency_formats["standard"].pattern)
        places = len(amount.fraction)
        pattern.frac_prec = (places, places)  # 1.90 keeps two decimals, 500 has none
        number = Decimal(amount.integer + ("." + amount.fraction if amount.fraction else ""))
        text = format_currency(-number if negative else number, sign, pattern, locale=locale,
                               currency_digits=False, group_separator=grouped,
                               numbering_system=self.system)
        text = _currency_spacing(text, sign)
        if locale.character_order == "right-to-left" and any(c.isascii() and c.isalpha()
                                                              for c in sign):
            # A Latin sign with a symbol (US$) in right-to-left text: left-to-right marks
            # around it keep the symbol with its letters (else "$US" is drawn).
            at = text.find(sign)
            before = "" if text[:at].endswith("\u200e") else "\u200e"
            text = text[:at] + before + sign + "\u200e" + text[at + len(sign):]
        return self._digits(text)

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
        return _number_symbols(self.locale, self.system)

    def _digits(self, text: str) -> str:
        zero = ord(DIGIT_ZERO[self.system])
        if zero == ord("0"):
            return text
        return _WESTERN_DIGIT.sub(lambda m: chr(zero + int(m.group())), text)


@lru_cache(maxsize=64)
def _number_symbols(locale: Locale | None, system: str) -> dict[str, str]:
    """The decimal, group, percent, minus and plus signs of a language in a digit system
    (read only: shared by every card in that language; CLDR's tables are slow to walk)."""
    latin = {"decimal": ".", "group": ",", "percentSign": "%", "minusSign": "-",
             "plusSign": "+"}
    if locale is None:
        return latin
    symbols = {**latin, **locale.number_symbols.get("latn", {})}
    symbols.update(locale.number_symbols.get(system, {}))
    return symbols


_ARABIC_SEPARATORS = re.compile(r"(?<=\d)[\u066b\u066c\u066a](?=\d)|(?<=\d)\u066a")


def western_digits(text: str, notation: Notation = ENGLISH) -> str:
    """``text`` with the decimal digits of every script as 0–9, and the Arabic decimal and
    thousands separators and percent sign next to digits as ``notation``'s (``١٬٢٠٠٫٥``
    is 1,200.5 read the English way); one character for one, so offsets keep."""
    if text.isascii():
        return text
    digits = "".join(str(unicodedata.digit(c)) if c.isdecimal() and not c.isascii() else c
                     for c in text)
    signs = {"\u066b": notation.decimal, "\u066c": notation.group, "\u066a": "%"}
    return _ARABIC_SEPARATORS.sub(lambda m: signs[m.group()], digits)


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


@cache
def _english() -> Locale:
    return Locale("en")


def _money_sign(currency: str, locale: Locale) -> str:
    """The sign ``locale`` writes for a currency; a shared sign (``$``, ``FCFA``) as
    written. A bare ``$`` for the US dollar outside the countries that pay in it is
    ``US$``: the writer said which dollar, the card says it too."""
    if currency in SHARED_SIGNS:
        return currency
    sign = str(locale.currency_symbols.get(currency, currency))
    if sign == "$" and currency == "USD":
        from babel.numbers import get_territory_currencies

        if not locale.territory or "USD" not in get_territory_currencies(locale.territory):
            return "US$"
    return sign


def _currency_spacing(text: str, sign: str) -> str:
    """CLDR's currency spacing, which Babel leaves out: a no-break space between digits
    and a sign that ends (or starts) with a letter — ``F CFA 1,900``, not ``F CFA1,900``;
    ``US$1.90`` and ``1.90$`` stay together."""
    at = text.find(sign)
    if at < 0 or not sign:
        return text
    after = at + len(sign)
    if after < len(text) and text[after].isdigit() \
            and not unicodedata.category(sign[-1]).startswith("S"):
        return text[:after] + "\u00a0" + text[after:]
    if at > 0 and text[at - 1].isdigit() and not unicodedata.category(sign[0]).startswith("S"):
        return text[:at] + "\u00a0" + text[at:]
    return text
