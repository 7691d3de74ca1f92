"""lnob_graphics.fields: the table of field types, each parser on its own, and the Reporter.

Messages as the user sees them are asserted through real files in test_campaign.py;
these pin the contract the table relies on (one signature, values or reported problems).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lnob_graphics.data import FIELD_TYPES
from lnob_graphics.errors import Problem, Reporter
from lnob_graphics.fields import FIELD_TYPE_TABLE, FieldContext, Parsed, read_fields
from lnob_graphics.loader import Written
from lnob_graphics.templates import FieldSpec


def _reporter(problems: list[Problem] | None = None) -> Reporter:
    return Reporter("c.yaml", 5, "an-id", [] if problems is None else problems, [])


def _field(kind: str, required: bool = False, max_length: int = 10, **values: Any) -> FieldContext:
    spec = FieldSpec("f", required, "", max_length, kind)
    written = {name: Written(value, 9) for name, value in values.items()}
    return FieldContext("f", spec, "tpl", written, Path("."), ())


def test_every_field_type_a_template_may_declare_has_a_parser() -> None:
    assert tuple(FIELD_TYPE_TABLE) == FIELD_TYPES


def test_reporter_reports_the_same_problem_once_per_entry_and_every_warning() -> None:
    report = _reporter()
    for _ in ("en", "ar"):
        report.error("f", "wrong", 7)
        report.warn("f", "missing")
    report.error("g", "no line of its own")
    assert report.problems == [Problem("c.yaml", 7, "f", "wrong", id="an-id"),
                               Problem("c.yaml", 5, "g", "no line of its own", id="an-id")]
    assert len(report.warnings) == 2
    assert report.failed


def test_reporter_counts_only_its_own_entrys_problems() -> None:
    earlier = [Problem("c.yaml", 7, "f", "wrong", id="other")]
    report = _reporter(earlier)
    assert not report.failed
    report.error("f", "wrong", 7)  # another asset's problem: this one's too
    report.error_once_for_all_assets("f", "wrong", 7)  # a shared default's: once for all
    assert len(earlier) == 2 and report.failed


@pytest.mark.parametrize(("kind", "value", "expected"), [
    ("text", "  Hello\x1b ", "Hello"),
    ("text", {"en": "hi", "ar": "مرحبا"}, "hi"),
    ("text", {"en": "olá", "pt": None}, "olá"),
    ("number", "1.200.000", "1,200,000"),
    ("number", 12.5, "12.5"),
    ("list", "a | b", ("a", "b")),
    ("series", "A: 1; B: 2", None),  # checked below: Points
    ("focus", "50%,30%", None),  # read with its image
])
def test_a_parser_gives_the_typed_value_in_the_language(kind: str, value: Any, expected: Any) -> None:
    report = _reporter()
    parsed = FIELD_TYPE_TABLE[kind].parse(Written(value, 9), _field(kind), "en", report)
    if kind == "series":
        assert parsed.value is not None and [p.label for p in parsed.value] == ["A", "B"]
    else:
        assert parsed == Parsed(expected)
    assert report.problems == [] and report.warnings == []


@pytest.mark.parametrize(("kind", "value", "required", "problem", "warning", "drops"), [
    ("text", None, True, "missing required field for template 'tpl'", None, False),
    ("text", "  ", True, "is empty; template 'tpl' requires it", None, False),
    ("text", "x" * 11, False, "text is 11 characters; template 'tpl' allows at most 10", None, False),
    ("text", {"ar": "x"}, True, None, "has no text in 'en': the 'en' images of 'an-id' are not made", True),
    ("text", {"ar": "x"}, False, None, "has no text in 'en': the 'en' images of 'an-id' go without it", False),
    ("text", ["a"], True, None, None, False),  # reported once for the entry, not per language
    ("number", "abc", False, "expected a number such as 33, 12.5, 1,200,000 or 23%, got 'abc' "
                             "(the image shows it as each language writes numbers)", None, False),
    ("list", {"ar": ["x"]}, True, None, "has no list in 'en': the 'en' images of 'an-id' are not made", True),
    ("image", None, True, "missing required field for template 'tpl'", None, False),
])
def test_a_parser_reports_what_is_wrong(kind: str, value: Any, required: bool, problem: str | None,
                                        warning: str | None, drops: bool) -> None:
    report = _reporter()
    written = None if value is None else Written(value, 9)
    parsed = FIELD_TYPE_TABLE[kind].parse(written, _field(kind, required), "en", report)
    assert parsed.value is None and parsed.drops_language is drops
    assert [p.message for p in report.problems] == ([problem] if problem else [])
    assert [p.message for p in report.warnings] == ([warning] if warning else [])


def test_read_fields_reports_every_field_before_dropping_a_language() -> None:
    spec = FieldSpec("title", True, "", 100, "text")
    other = FieldSpec("count", False, "", 100, "number")
    values = {"title": Written({"ar": "x"}, 3), "count": Written("abc", 4)}
    fields = (FieldContext("title", spec, "tpl", values, Path("."), ()),
              FieldContext("count", other, "tpl", values, Path("."), ()))
    report = _reporter()
    assert read_fields(fields, "en", report) is None
    assert [(p.line, p.field) for p in report.warnings] == [(3, "title")]
    assert [(p.line, p.field) for p in report.problems] == [(4, "count")]


def test_a_shared_number_that_reads_two_ways_is_warned_once_for_all_languages() -> None:
    report = _reporter()
    spec = FieldSpec("f", False, "", 100, "text")
    field = FieldContext("f", spec, "tpl", {}, Path("."), (), None, ("en", "fr", "ar"))
    for lang in ("en", "fr", "ar"):
        parsed = FIELD_TYPE_TABLE["text"].parse(Written("1.200 girls", 9), field, lang, report)
        assert parsed.value == "1.200 girls" and parsed.notation is None  # read the English way
    assert [w.message.split(" can be read as ")[0] for w in report.warnings] == ["'1.200'"]


@pytest.mark.parametrize(("value", "languages", "decimal"), [
    ({"es": "1.200 niñas", "en": "x"}, ("es", "en"), ","),  # a translation: its language's way
    ("1.200 niñas", ("es",), ","),  # an entry with one language
    ("1.200 niñas", ("es", "en"), "."),  # shared by several: the English way
])
def test_a_text_is_read_as_the_language_it_is_written_in(value: Any, languages: tuple[str, ...],
                                                         decimal: str) -> None:
    spec = FieldSpec("f", False, "", 100, "text")
    field = FieldContext("f", spec, "tpl", {}, Path("."), (), None, languages)
    parsed = FIELD_TYPE_TABLE["text"].parse(Written(value, 9), field, "es", _reporter())
    assert (parsed.notation.decimal if parsed.notation else ".") == decimal
