"""lnob_graphics.notation: reading numbers, money and dates as a campaign writes them.

What the cards then show is in test_numbers.py; here, what each written form means."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lnob_graphics.notation import (
    ENGLISH,
    Digits,
    Notation,
    Quantity,
    findings,
    iso_date,
    language_notation,
    read_decimal_field,
    read_numbers_field,
    reads_as_english,
    scan,
    whole_quantity,
)
from lnob_graphics.numbers import number_style

NBSP, NNBSP = "\u00a0", "\u202f"
ES = Notation(",", said="numbers: es")
FR = Notation(",", spaces=True, said="numbers: fr")
EN = Notation(".", said="numbers: en")


def _read(written: str, notation: Notation) -> tuple[str, str | None, str, bool]:
    """(the number taken, the other reading, the currency, percent) of a whole field."""
    quantity = whole_quantity(written, notation)
    assert quantity is not None, written
    other = quantity.other.value if quantity.other else None
    return quantity.sign + quantity.amount.value, other, quantity.currency, quantity.percent


@pytest.mark.parametrize(("written", "notation", "number", "other"), [
    # One reading: the same whatever the campaign says.
    ("1.200.000", ES, "1200000", None),
    ("1.200.000", EN, "1200000", None),
    ("1,200,000", ES, "1200000", None),
    ("1.200,5", EN, "1200.5", None),
    ("1,200.5", ES, "1200.5", None),
    ("1,2", EN, "1.2", None),
    ("1.2", ES, "1.2", None),
    ("0.500", ES, "0.5", None),  # 0 cannot start a group of thousands
    ("1234.567", ES, "1234.567", None),  # neither can 4 digits
    ("12,00,000", ES, "1200000", None),  # Indian grouping
    ("1 200 000", EN, "1200000", None),  # a whole field: plain spaces group too
    (f"1{NBSP}200{NBSP}000", EN, "1200000", None),
    (f"1{NNBSP}200,5", EN, "1200.5", None),
    ("-3,5", EN, "-3.5", None),
    ("\u22123.5", EN, "-3.5", None),
    ("2030", ES, "2030", None),
    # Two readings: the campaign's decimal sign decides, the other is kept for the warning.
    ("1.200", ES, "1200", "1.2"),
    ("1.200", EN, "1.2", "1200"),
    ("1,200", ES, "1.2", "1200"),
    ("1,200", EN, "1200", "1.2"),
    ("12.500", FR, "12500", "12.5"),
    ("999,999", ENGLISH, "999999", "999.999"),
])
def test_what_a_number_means(written: str, notation: Notation, number: str,
                             other: str | None) -> None:
    assert _read(written, notation)[:2] == (number, other)


@pytest.mark.parametrize(("written", "number", "currency", "percent"), [
    ("12,5%", "12.5", "", True),
    ("12,5 %", "12.5", "", True),
    (f"23{NBSP}%", "23", "", True),
    ("US$1.90", "1.9", "USD", False),
    ("US $1.90", "1.9", "USD", False),
    ("$1.90", "1.9", "$", False),  # the sign of many dollars and pesos: kept as written
    ("1,90 €", "1.9", "EUR", False),
    ("€1.90", "1.9", "EUR", False),
    ("1,90 $US", "1.9", "USD", False),  # as French writes it
    ("₹500", "500", "INR", False),
    ("₹5,00,000", "500000", "INR", False),
    ("£3", "3", "GBP", False),
    ("¥500", "500", "¥", False),  # yen or yuan: kept
    ("1.900,50 FCFA", "1900.5", "FCFA", False),  # XOF or XAF: kept
    ("XOF 1.900,50", "1900.5", "XOF", False),
    ("500 KES", "500", "KES", False),
    ("15000 KES", "15000", "KES", False),
    ("KSh 500", "500", "KES", False),
    ("R$ 10", "10", "BRL", False),
    ("-US$5", "-5", "USD", False),
])
def test_percent_and_money(written: str, number: str, currency: str, percent: bool) -> None:
    assert _read(written, ENGLISH) == (number, None, currency, percent)


@pytest.mark.parametrize("written", [
    "COVID-19", "G20", "5km", "goal4-2030", "un.org/sdgs/2023", "$2.15/day",
    "4\ufe0f\u20e3",  # a keycap emoji
])
def test_names_keep_even_their_digits(written: str) -> None:
    tokens = scan(written, ENGLISH)
    assert tokens and all(isinstance(t, Digits) and t.name for t in tokens)


@pytest.mark.parametrize(("text", "kept"), [
    ("10.5.2023", "10.5.2023"),  # a date: no reading fits
    ("indicator 4.1.1", "4.1.1"),
    ("007", "007"),  # a code
    ("+34 912 345 678", "34 912 345 678"),  # a phone number
    ("target 4.1", "4.1"),  # an SDG target, in any language
    ("cible 4.1", "4.1"),
    ("meta 16.2", "16.2"),
    ("الغاية 4.1", "4.1"),
])
def test_not_quantities_stay_as_written(text: str, kept: str) -> None:
    tokens = scan(text, FR)
    assert [text[t.start:t.end] for t in tokens if isinstance(t, Digits)] == [kept]
    assert not any(isinstance(t, Quantity) for t in tokens)


@pytest.mark.parametrize(("text", "notation", "quantities"), [
    # Plain spaces group only where the way of writing does (French), or in a whole field.
    ("in 2023 150 countries", ENGLISH, ["2023", "150"]),
    ("1 200 000 personnes", FR, ["1 200 000"]),
    ("1 200 000 people", ENGLISH, ["1", "200"]),  # (000 is a code: kept)
    (f"1{NBSP}200{NBSP}000 people", ENGLISH, [f"1{NBSP}200{NBSP}000"]),
    ("In 2019 USD", ENGLISH, ["2019"]),  # a year before a code is a year
    # Read with a decimal point, a comma in text is a decimal sign only with % or money.
    ("Goals 3,4 and 5", ENGLISH, ["5"]),
    ("Goals 3,4 and 5", ES, ["3,4", "5"]),
    ("12,5% and 1,90 € but 1,5 million", ENGLISH, ["12,5%", "1,90 €"]),
    ("US$1.90 a day, 1,90 € and 12,5% of 1.200.000", ENGLISH,
     ["US$1.90", "1,90 €", "12,5%", "1.200.000"]),
])
def test_quantities_in_running_text(text: str, notation: Notation, quantities: list[str]) -> None:
    found = [text[t.start:t.end] for t in scan(text, notation) if isinstance(t, Quantity)]
    assert found == quantities


@pytest.mark.parametrize(("written", "day"), [
    ("2024-03-08", date(2024, 3, 8)),
    (" 2024-02-29 ", date(2024, 2, 29)),
    ("2024-02-30", None),  # not in the calendar (an error where it is written)
    ("8/3/2024", None),
    ("2024-03-08 and more", None),
])
def test_iso_dates(written: str, day: date | None) -> None:
    assert iso_date(written) == day


# --- what the campaign is told ---------------------------------------------------------

@pytest.mark.parametrize(("text", "notation", "own", "warnings"), [
    ("1.200", ENGLISH, None, [
        "'1.200' can be read as 1200 (es, de, fr…) or as 1.2 (en…); the cards show 1.2, as "
        "English writes numbers — say how the campaign writes numbers: numbers: es or "
        "numbers: en"]),
    ("Only 1,200 girls", Notation(",", lang="es"), None, [
        "'1,200' can be read as 1200 (en…) or as 1.2 (es, de, fr…); the es cards show 1.2, "
        "as es writes numbers — say how the campaign writes numbers: numbers: en or "
        "numbers: es"]),
    ("12.500 FCFA", ENGLISH, None, [
        "'12.500 FCFA' can be read as 12500 (es, de, fr…) or as 12.5 (en…); the cards show "
        "12.5, as English writes numbers — say how the campaign writes numbers: numbers: es "
        "or numbers: en"]),
    ("1,200 girls", ES, Notation(".", lang="en"), [
        "'1,200' can be read as 1.2 (numbers: es, as the campaign says) or as 1200 (as en "
        "writes numbers, the language of this text); the en cards show 1.2 — to mean 1200, "
        "write 1200"]),
    ("1.200", ES, None, []),  # said: no warning
    ("1.200 niñas", ES, Notation(",", lang="es"), []),  # the text's language agrees
    ("1.200.000, 1,2, 12,5%, 1.2", ENGLISH, None, []),  # one reading each
])
def test_what_reads_two_ways_is_warned(text: str, notation: Notation, own: Notation | None,
                                       warnings: list[str]) -> None:
    assert findings(text, notation, own) == (tuple(warnings), ())


def test_a_shared_money_sign_gets_a_note() -> None:
    assert findings("Living on $1.90 a day", ENGLISH) == ((), (
        "'$1.90': $ is the sign of the US, Canadian, Australian… dollars and of several "
        "pesos; the cards keep it as written — for US dollars write US$1.90 or 1.90 USD",))
    assert findings("US$1.90, 1.900 FCFA", ENGLISH)[1] == ()


@pytest.mark.parametrize(("written", "decimal", "spaces", "note"), [
    ("es", ",", False, None),
    ("fr", ",", True, None),
    ("de", ",", False, None),
    ("pt-BR", ",", False, None),
    ("pt_BR", ",", False, "'pt_BR' read as 'pt-BR'"),
    ("en", ".", False, None),
    ("hi", ".", False, None),
    ("ru", ",", True, None),
])
def test_numbers_field(written: str, decimal: str, spaces: bool, note: str | None) -> None:
    said = read_numbers_field(written)
    assert said.notation is not None and said.problem is None
    assert (said.notation.decimal, said.notation.spaces, said.note) == (decimal, spaces, note)


@pytest.mark.parametrize(("written", "problem"), [
    ("spanish", "unknown language 'spanish' (did you mean es?); numbers: takes the language "
                "whose way of writing numbers the campaign uses, such as es, fr, en, pt-BR (or "
                'say decimal: "," or decimal: ".")'),
    ("xx", "unknown language 'xx'"),
])
def test_unknown_numbers_field(written: str, problem: str) -> None:
    said = read_numbers_field(written)
    assert said.notation is None and (said.problem or "").startswith(problem)


def test_decimal_field() -> None:
    assert read_decimal_field(",").notation == Notation(",", said='decimal: ","')
    assert read_decimal_field(".").notation == Notation(".", said='decimal: "."')
    assert read_decimal_field("comma").problem == (
        'expected "," or "." (in quotes in YAML: decimal: ","), got \'comma\'')


def test_language_notations_come_from_cldr() -> None:
    assert language_notation("fr") == Notation(",", spaces=True, lang="fr")
    assert language_notation("ar") == Notation(".", lang="ar")  # with Western digits
    assert language_notation("xx-nope") is None


def test_only_texts_whose_numbers_read_otherwise_remember_how_they_are_written() -> None:
    assert reads_as_english("Seules 23 % achèvent", FR)
    assert reads_as_english("1.200.000", ES)
    assert not reads_as_english("1.200 niñas", ES)
    assert not reads_as_english("1 200 000 personnes", FR)


# --- never lose or change an amount ----------------------------------------------------

AMOUNTS = st.tuples(st.integers(0, 10**12), st.text("0123456789", max_size=4))
LATIN_DIGIT_LANGUAGES = ("en", "fr", "es", "de", "pt", "pt-BR", "sw", "hi", "ru")


@given(AMOUNTS, st.sampled_from(["", "%", "US$", "€", "₹", " FCFA"]),
       st.sampled_from(LATIN_DIGIT_LANGUAGES))
def test_an_amount_read_and_drawn_reads_back_the_same(amount: tuple[int, str], sign: str,
                                                      lang: str) -> None:
    """Whatever the language draws (its separators, its sign on its side), reading the
    card's text as that language writes numbers gives back the amount as written."""
    integer, fraction = amount
    written = f"{integer:,}" + (f".{fraction}" if fraction else "")
    written = (written + sign) if sign in ("%", " FCFA") else (sign + written)
    quantity = whole_quantity(written, ENGLISH)
    assert quantity is not None
    drawn = number_style(lang).text(written)
    back = whole_quantity(drawn, language_notation(lang) or ENGLISH)
    assert back is not None, drawn
    assert (back.amount.integer, back.amount.fraction) == (str(integer), fraction)
    assert (back.percent, back.currency) == (quantity.percent, quantity.currency)
