"""How a campaign writes its numbers, and reading them back out of any text.

The same number is written ``1,200,000.5`` in English, ``1.200.000,5`` in Spanish,
German or Portuguese, ``1 200 000,5`` in French and ``12,00,000.5`` in India. A
``Notation`` says which of ``.`` and ``,`` is a text's decimal sign (the other one
groups digits) and whether a plain space groups digits too. ``scan`` finds the
quantities of a text in it — amounts, percentages, amounts of money — and marks what
is not a quantity; ``numbers.NumberStyle`` draws them again as each card's language
writes them, and the campaign's checks (``fields``) warn about what reads two ways.

The rules, in the order they apply:

- **One reading**: a form that can mean one number means it, whatever the notation —
  ``1.200.000``, ``1,200,000``, ``1.200,5``, ``1,200.5``, ``1,2``, ``12,5%``, ``1.2``,
  ``0.500``, ``12,00,000``; ``1 200 000`` with no-break or narrow spaces, or with plain
  spaces where the notation groups with spaces or when the number is the whole field.
- **Two readings**: one ``.`` or ``,`` followed by exactly three digits, after one to
  three digits (``1.200``, ``1,200``, ``12.500``), is a grouped whole number or a decimal.
  The notation's decimal sign decides; ``Quantity.other`` keeps the reading not taken.
- **Not quantities**, left as written (their digits still follow the card's language):
  what no reading fits (a date ``10.5.2023``, an indicator ``4.1.1``), a code with a
  leading zero (``007``), digit groups after ``+`` (a phone number), the number of an
  SDG target (``target 4.1``), and, in running text read with a decimal point, a decimal
  comma without ``%`` or money (``Goals 3,4 and 5`` is a list; ``12,5%`` is 12.5 %).
  **Names** keep even their digits: a number in a word with Latin, Cyrillic or Greek
  letters (``COVID-19``, ``G20``, ``5km``), in an address (``un.org/sdgs/2023``,
  ``$2.15/day``), or on a keycap emoji (``4️⃣``).
- **Money**: a sign or an ISO 4217 code before or after an amount (``US$1.90``,
  ``1,90 €``, ``₹500``, ``1.900 XOF``). A sign with one meaning becomes its code
  (``US$`` → USD, ``€`` → EUR, ``₹`` → INR, ``£`` → GBP …), which each card writes its
  language's way; a sign several currencies share (``$``, ``¥``, ``₨``, ``FCFA``) is
  kept as written. A year before a code (``in 2019 USD``) is a year.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, lru_cache

NARROW_SPACES = "\u00a0\u202f\u2009"  # no-break, narrow no-break, thin: always between groups
_SPACES = " " + NARROW_SPACES


@dataclass(frozen=True)
class Notation:
    """How one text writes its numbers.

    ``said`` is how the campaign said it (``numbers: es``, ``decimal: ","``); when it
    said nothing, ``lang`` is the language the text is written in, whose way is assumed
    (empty for English, the way of text shared by several languages)."""

    decimal: str = "."
    spaces: bool = False  # a plain space groups digits (1 200 000), as in French
    said: str = ""
    lang: str = ""

    @property
    def group(self) -> str:
        return "," if self.decimal == "." else "."

    @property
    def who(self) -> str:
        """Whose way of writing numbers this is, for messages."""
        return self.said or f"as {self.lang or 'English'} writes numbers"


ENGLISH = Notation()


@dataclass(frozen=True)
class Amount:
    """One reading of a written number: its digits, its decimals as written (``1.90``
    keeps two), whether it was written grouped, and the decimal sign the reading takes
    (for a grouped whole number, the sign it does not use to group)."""

    integer: str
    fraction: str = ""
    grouped: bool = False
    decimal: str = ""

    @property
    def value(self) -> str:
        """The number in plain digits, for messages: ``1200``, ``1.2``."""
        fraction = self.fraction.rstrip("0")
        return self.integer + ("." + fraction if fraction else "")

    def neutral(self) -> str:
        """The tool's plain form (``1,200,000.5``; ungrouped when written so)."""
        integer = f"{int(self.integer):,}" if self.grouped else self.integer
        return integer + ("." + self.fraction if self.fraction else "")


@dataclass(frozen=True)
class Quantity:
    """A number in a text at ``text[start:end]`` (with its percent or money sign)."""

    start: int
    end: int
    amount: Amount
    percent: bool = False
    currency: str = ""  # an ISO 4217 code, or a sign several currencies share, as written
    sign: str = ""  # "-" or "+", for a whole field only
    other: Amount | None = None  # the reading not taken, when there were two


@dataclass(frozen=True)
class Digits:
    """Digits at ``text[start:end]`` that are not a quantity: kept as written. A
    ``name`` keeps its Western digits too; the others take the card's digits."""

    start: int
    end: int
    name: bool


Token = Quantity | Digits

# --- money -------------------------------------------------------------------------------

# Signs with one meaning, and their ISO 4217 codes.
CURRENCY_SIGNS = {
    "US$": "USD", "US $": "USD", "US\u00a0$": "USD", "$US": "USD", "$CA": "CAD",
    "$AU": "AUD", "£GB": "GBP", "€": "EUR", "£": "GBP", "₹": "INR", "R$": "BRL", "CA$": "CAD",
    "A$": "AUD", "AU$": "AUD", "NZ$": "NZD", "HK$": "HKD", "S$": "SGD", "MX$": "MXN",
    "CN¥": "CNY", "JP¥": "JPY", "E£": "EGP", "₦": "NGN", "₱": "PHP", "₩": "KRW", "₫": "VND",
    "₺": "TRY", "₽": "RUB", "₴": "UAH", "₪": "ILS", "฿": "THB", "₭": "LAK", "៛": "KHR",
    "৳": "BDT", "₵": "GHS", "KSh": "KES", "Ksh": "KES", "TSh": "TZS", "USh": "UGX",
}
# Signs several currencies share: kept as written (a wrong currency is a wrong amount).
SHARED_SIGNS = {
    "$": "$ is the sign of the US, Canadian, Australian… dollars and of several pesos",
    "¥": "¥ is the sign of both the Japanese yen and the Chinese yuan",
    "₨": "₨ is the sign of the Pakistani, Nepalese, Sri Lankan… rupees",
    "FCFA": "", "F CFA": "", "F\u00a0CFA": "", "F\u202fCFA": "", "CFA": "",  # XOF and XAF
}
# ISO codes read as money next to an amount: the common ones of development work. Not
# every ISO code: SDG (the Sudanese pound) is the Goals, ALL and TOP are words.
CURRENCY_CODES = frozenset({
    "USD", "EUR", "GBP", "CHF", "CAD", "AUD", "JPY", "CNY", "INR", "PKR", "NPR", "BDT", "LKR",
    "AFN", "IRR", "IQD", "JOD", "LBP", "SYP", "YER", "SAR", "AED", "EGP", "MAD", "TND", "DZD",
    "XOF", "XAF", "NGN", "GHS", "KES", "TZS", "UGX", "RWF", "ETB", "SOS", "SSP", "CDF", "MWK",
    "ZMW", "MZN", "AOA", "ZAR", "BRL", "MXN", "COP", "ARS", "PEN", "CLP", "HTG", "PHP", "IDR",
    "VND", "KHR", "THB", "MMK", "TRY", "RUB", "UAH", "TJS", "KGS", "UZS",
})


def _alternatives(signs: list[str]) -> str:
    return "|".join(re.escape(s) for s in sorted(signs, key=len, reverse=True))


_MONEY = _alternatives([*CURRENCY_SIGNS, *SHARED_SIGNS, *CURRENCY_CODES])
_MONEY_BEFORE = re.compile(rf"(?<![A-Za-z0-9])({_MONEY})[ \u00a0\u202f]?$")
_MONEY_AFTER = re.compile(rf"[ \u00a0\u202f]?({_MONEY})(?![A-Za-z0-9])")
_PERCENT_AFTER = re.compile(r"[ \u00a0\u202f]?%")


def currency_code(sign: str) -> str:
    """The ISO code a written sign or code means; a shared sign, as written."""
    return CURRENCY_SIGNS.get(sign, sign)


# --- reading a text ----------------------------------------------------------------------

_RUN = re.compile(r"[0-9]+(?:[.,\u0020\u00a0\u202f\u2009][0-9]+)*")
_SPACE_GROUPED = re.compile(r"([1-9][0-9]{0,2}(?:[\u0020\u00a0\u202f\u2009][0-9]{3})+)"
                            r"(?:([.,])([0-9]+))?")
_INDIAN = re.compile(r"([1-9][0-9]?(?:,[0-9]{2})+,[0-9]{3})(?:\.([0-9]+))?")
_KEYCAP = ("\ufe0f", "\u20e3")
# An SDG target or indicator is a name ("target 4.1", "cible 4.1", "meta 4.1", "الغاية 4.1").
_REFERENCE = re.compile(
    r"(?:\b(?:sdgs?|targets?|indicators?|cibles?|indicateurs?|odd|ods|metas?|"
    r"indicador(?:es)?|unterziel|lengo|malengo)|الغاية|المؤشر)\s*#?$", re.IGNORECASE)
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def scan(text: str, notation: Notation, whole: bool = False) -> list[Token]:
    """The numbers of ``text`` in order, read in ``notation``. ``whole``: the text is one
    field that may be just a number (then plain spaces may group its digits)."""
    return list(_scan(text, notation, whole))


@lru_cache(maxsize=4096)  # a shared text is read once per language, and drawn per platform
def _scan(text: str, notation: Notation, whole: bool) -> tuple[Token, ...]:
    tokens: list[Token] = []
    for match in _RUN.finditer(text):
        tokens.extend(_run(text, match.start(), match.end(), notation, whole))
    return tuple(tokens)


def whole_quantity(text: str, notation: Notation) -> Quantity | None:
    """The quantity ``text`` is, if it is only one (a sign, a number, its % or money
    sign): ``23%``, ``-3,5``, ``1 200 000``, ``US$1.90``. Its span is in ``text.strip()``
    after the sign."""
    body = text.strip()
    sign = ""
    if body[:1] in ("+", "-", "\u2212"):
        sign, body = ("+" if body[0] == "+" else "-"), body[1:]
        if sign == "+" and any(c in _SPACES for c in body):
            return None  # +34 912 345 678: a phone number
    runs = _RUN.findall(body)
    if len(runs) != 1 or len(body) - len(runs[0]) > 8:  # more than a number and its sign
        return None
    tokens = scan(body, notation, whole=True)
    if (len(tokens) == 1 and isinstance(tokens[0], Quantity) and tokens[0].start == 0
            and tokens[0].end == len(body)):
        return replace(tokens[0], sign=sign)
    return None


# Digits on both sides of a separator: without one, every way of writing reads the same.
_SEPARATED = re.compile(r"[0-9][.,\u0020\u00a0\u202f\u2009][0-9]")


@lru_cache(maxsize=4096)
def reads_as_english(text: str, notation: Notation) -> bool:
    """Whether every number of ``text`` means the same in ``notation`` as in the plain,
    English way (then nothing needs to remember how the text is written)."""
    if (notation.decimal, notation.spaces) == (".", False) or not _SEPARATED.search(text):
        return True

    def meaning(way: Notation) -> tuple[object, ...]:
        whole = whole_quantity(text, way)
        tokens: list[Token] = [whole] if whole is not None else scan(text, way)
        return tuple(replace(t, other=None, amount=replace(t.amount, decimal=""))
                     if isinstance(t, Quantity) else t for t in tokens)

    return notation == ENGLISH or meaning(notation) == meaning(ENGLISH)


def iso_date(text: str) -> date | None:
    """The day a text that is only an ISO date (``2024-03-08``) names; None otherwise,
    and for a day the calendar does not have (``2024-02-30``: see ``looks_like_a_date``)."""
    if not ISO_DATE.fullmatch(text.strip()):
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def looks_like_a_date(text: str) -> bool:
    return ISO_DATE.fullmatch(text.strip()) is not None


def _run(text: str, start: int, end: int, notation: Notation, whole: bool) -> list[Token]:
    """One run of digits and separators: a quantity, or separate numbers, or digits."""
    body = text[start:end]
    before = text[start - 1:start]
    if before in (".", ","):  # .5, or the tail of something that is not a number
        return [Digits(start, end, _in_a_name(text, start, end))]
    if not any(c in _SPACES for c in body):
        return [_quantity(text, start, end, notation, whole)]
    if before == "+":  # +34 912 345 678: a phone number
        return [Digits(start, end, _in_a_name(text, start, end))]
    if whole or notation.spaces or " " not in body:
        token = _quantity(text, start, end, notation, whole)
        if isinstance(token, Quantity):
            return [token]
    # Not one grouped number: each part on its own ("in 2023 150 countries").
    between = " " if " " in body else NARROW_SPACES
    tokens: list[Token] = []
    for part in re.finditer(f"[^{between}]+", body):
        tokens.extend(_run(text, start + part.start(), start + part.end(), notation, False))
    return tokens


def _quantity(text: str, start: int, end: int, notation: Notation, whole: bool) -> Token:
    readings = _readings(text[start:end])
    if not readings:
        return Digits(start, end, _in_a_name(text, start, end))
    chosen, other = readings[0], None
    if len(readings) == 2:
        chosen, other = sorted(readings, key=lambda r: r.decimal != notation.decimal)
    first, last, money, percent = start, end, "", False
    before = _MONEY_BEFORE.search(text, max(0, start - 8), start)
    if before:
        first, money = before.start(), before.group(1)
    elif (pct := _PERCENT_AFTER.match(text, end)) is not None:
        last, percent = pct.end(), True
    elif (after := _MONEY_AFTER.match(text, end)) is not None and not (
            after.group(1).isalpha() and chosen.integer == text[start:end]
            and 1900 <= int(chosen.integer) <= 2100):  # in 2019 USD: a year, kept as written
        last, money = after.end(), after.group(1)
    if text[last:last + 1] in _KEYCAP or _in_a_name(text, first, last):
        return Digits(start, end, True)
    if chosen.fraction and not money and _REFERENCE.search(text, max(0, first - 24), first):
        return Digits(start, end, False)  # target 4.1
    if (not whole and not chosen.grouped and chosen.decimal == "," != notation.decimal
            and not money and not percent):
        return Digits(start, end, False)  # "Goals 3,4 and 5" in text read the English way
    return Quantity(first, last, chosen, percent, currency_code(money), other=other)


def _readings(body: str) -> list[Amount]:
    """Every number ``body`` can be (none, one, or two for 1.200 and 1,200)."""
    if any(c in _SPACES for c in body):
        spaced = _SPACE_GROUPED.fullmatch(body)
        if not spaced:
            return []
        digits = re.sub(f"[{_SPACES}]", "", spaced.group(1))
        return [Amount(digits, spaced.group(3) or "", True, spaced.group(2) or "")]
    indian = _INDIAN.fullmatch(body)
    if indian:
        return [Amount(indian.group(1).replace(",", ""), indian.group(2) or "", True, ".")]
    separators = [c for c in body if c in ".,"]
    parts = re.split(r"[.,]", body)
    if not separators:
        return [Amount(body)] if body == "0" or body[0] != "0" else []
    readings = []
    if len(set(separators)) == 1:
        sign = separators[0]
        if _grouped(parts):  # 1.200.000, 1,200
            readings.append(Amount("".join(parts), "", True, "," if sign == "." else "."))
        if len(separators) == 1 and (parts[0] == "0" or parts[0][0] != "0"):  # 1,2 and 1.200
            readings.append(Amount(parts[0], parts[1], False, sign))
    elif len(set(separators[:-1])) == 1 and separators[-1] not in separators[:-1] \
            and _grouped(parts[:-1]):  # 1.200,5 and 1,200.5
        readings.append(Amount("".join(parts[:-1]), parts[-1], True, separators[-1]))
    return readings


def _grouped(parts: list[str]) -> bool:
    return (len(parts) >= 2 and 1 <= len(parts[0]) <= 3 and parts[0][0] != "0"
            and all(len(p) == 3 for p in parts[1:]))


def _in_a_name(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is in a word with Latin, Cyrillic or Greek letters
    (COVID-19, G20, 5km) or in an address (un.org/sdgs/2023, name@example.org). Arabic
    prefixes such as و "and" glue to quantities, so other scripts' letters do not count."""
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    rest = text[left:start] + " " + text[end:right]
    if "/" in rest or "@" in rest or "www." in rest.lower():
        return True
    return any(c.isalpha() and unicodedata.name(c, "").startswith(("LATIN", "CYRILLIC", "GREEK"))
               for c in rest)


# --- how a campaign says it ------------------------------------------------------------

@cache
def language_notation(lang: str) -> Notation | None:
    """How ``lang`` writes numbers with Western digits (CLDR): ``fr`` → decimal comma,
    groups with spaces; ``es`` → decimal comma, groups with dots; ``en`` → decimal point."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(lang.replace("_", "-"), sep="-")
    except (UnknownLocaleError, ValueError):
        return None
    symbols = locale.number_symbols.get("latn", {})
    decimal = "," if symbols.get("decimal", ".") == "," else "."
    group = symbols.get("group", ",")
    return Notation(decimal, spaces=group in _SPACES, lang=lang)


@dataclass(frozen=True)
class Said:
    """What a campaign's ``numbers:`` or ``decimal:`` means: a notation, or a problem."""

    notation: Notation | None
    problem: str | None = None
    note: str | None = None


def read_numbers_field(written: str) -> Said:
    """``numbers: es`` — the language whose way of writing numbers the campaign uses."""
    from lnob_graphics.i18n import read_language

    read = read_language(written)
    notation = language_notation(read.code) if read.code else None
    if read.code is None or notation is None:
        hint = re.search(r" \(did you mean [^)]*\)", read.problem or "")
        return Said(None, (f"unknown language {written.strip()!r}{hint.group() if hint else ''}; "
                           "numbers: takes the language whose way of writing numbers the "
                           'campaign uses, such as es, fr, en, pt-BR (or say decimal: "," or '
                           'decimal: ".")'))
    return Said(replace(notation, said=f"numbers: {read.code}", lang=""), note=read.note)


def read_decimal_field(written: str) -> Said:
    """``decimal: ","`` or ``decimal: "."`` — the campaign's decimal sign."""
    text = written.strip()
    if text not in (",", "."):
        return Said(None, f'expected "," or "." (in quotes in YAML: decimal: ","), got {text!r}')
    return Said(Notation(text, said=f'decimal: "{text}"'))


# --- what a campaign is told ---------------------------------------------------------

_WRITE_GROUPS = {".": "es, de, fr…", ",": "en…"}  # who writes 1.200 / 1,200 for 1200
_WRITE_DECIMALS = {".": "en…", ",": "es, de, fr…"}  # who writes 1.200 / 1,200 for 1.2
_SUGGEST = {".": "en", ",": "es"}  # a numbers: value that makes the sign a decimal sign


@lru_cache(maxsize=4096)
def findings(text: str, notation: Notation,
             own: Notation | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What the campaign is told about the numbers of one text: warnings (a number that
    reads two ways and the campaign did not say how it writes numbers, or that the
    language of the text reads otherwise than the campaign said: ``own``) and notes (a
    money sign several currencies share)."""
    if not _SEPARATED.search(text) and not any(sign in text for sign in _NOTED_SIGNS):
        return (), ()  # no number that reads two ways, no shared money sign
    warnings: list[str] = []
    notes: list[str] = []
    whole = whole_quantity(text, notation)
    quantities = [(text.strip(), whole)] if whole is not None else [
        (text[t.start:t.end], t) for t in scan(text, notation) if isinstance(t, Quantity)]
    for written, quantity in quantities:
        if quantity.other is not None:
            if not notation.said:
                warnings.append(ambiguity(written, quantity, notation))
            elif own is not None and (clash := conflict(written, quantity, notation, own)):
                warnings.append(clash)
        if (note := shared_sign(written, quantity)) is not None:
            notes.append(note)
    return tuple(warnings), tuple(notes)


def ambiguity(written: str, quantity: Quantity, notation: Notation) -> str:
    """A number that reads two ways, and the reading the cards take (no style said)."""
    chosen, other = quantity.amount, quantity.other
    assert other is not None
    grouped, decimal = (chosen, other) if chosen.grouped else (other, chosen)
    sign = decimal.decimal
    cards = f"the {notation.lang} cards" if notation.lang else "the cards"
    return (f"{written!r} can be read as {grouped.value} ({_WRITE_GROUPS[sign]}) or as "
            f"{decimal.value} ({_WRITE_DECIMALS[sign]}); {cards} show {chosen.value}, "
            f"{notation.who} — say how the campaign writes numbers: "
            f"numbers: {_SUGGEST[grouped.decimal]} or numbers: {_SUGGEST[sign]}")


def conflict(written: str, quantity: Quantity, said: Notation, own: Notation) -> str | None:
    """A number the campaign's declared way reads otherwise than the language of the text
    it is in (``numbers: es`` and ``1,200`` in the English text); None when they agree."""
    other = quantity.other
    if other is None or said.decimal == own.decimal:
        return None
    return (f"{written!r} can be read as {quantity.amount.value} ({said.said}, as the campaign "
            f"says) or as {other.value} (as {own.lang} writes numbers, the language of this "
            f"text); the {own.lang} cards show {quantity.amount.value} — to mean {other.value}, "
            f"write "
            f"{other.value}")


_NOTED_SIGNS = tuple(sign for sign, why in SHARED_SIGNS.items() if why)


def shared_sign(written: str, quantity: Quantity) -> str | None:
    """A note for a money sign several currencies share (kept as written)."""
    why = SHARED_SIGNS.get(quantity.currency)
    if not why:
        return None
    if quantity.currency == "$":
        advice = f"for US dollars write US${quantity.amount.neutral()} or {quantity.amount.neutral()} USD"
    else:
        advice = "write JPY or CNY (or JP¥, CN¥)" if quantity.currency == "¥" else \
            "write its ISO code (PKR, NPR, LKR …)"
    return f"{written!r}: {why}; the cards keep it as written — {advice}"
