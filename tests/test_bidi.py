"""The bidi analysis's shortcut for left-to-right paragraphs gives exactly what the whole
algorithm gives: on every text of the examples and of the bundled labels, and on random
strings of the characters that matter (digits, signs, brackets, boundary neutrals, joiners,
emoji tags, Arabic-Indic digits, Hebrew and Arabic letters, explicit controls)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from lnob_graphics.text.bidi import _ISOLATES, _analysed, _left_to_right, analyse

ROOT = Path(__file__).resolve().parent.parent


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(k) + _strings(v)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _corpus() -> list[str]:
    files = [*sorted((ROOT / "examples").rglob("*.yaml")),
             *sorted((ROOT / "lnob_graphics" / "data" / "labels").glob("*.yaml"))]
    texts: set[str] = set()
    for path in files:
        for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            texts.update(p.strip() for p in text.split("\n") if p.strip())
    return sorted(texts)


def _same(text: str, direction: Any) -> bool:
    """The shortcut, where it applies, agrees with the whole algorithm."""
    text = text.translate(_ISOLATES)
    short = _left_to_right(text) if direction != "rtl" else None
    return short is None or short == _analysed(text, direction)


def test_the_shortcut_agrees_with_the_algorithm_on_every_example_and_label() -> None:
    corpus = _corpus()
    assert len(corpus) > 500  # (the labels of 20 languages and the examples)
    taken = 0
    for text in corpus:
        for direction in (None, "ltr"):
            assert _same(text, direction), (text, direction)
            taken += _left_to_right(text.translate(_ISOLATES)) is not None
    assert taken > len(corpus)  # most texts are left to right: the shortcut is used


_CHARS = st.sampled_from([
    *"Ab7 .,%+-$()[]«»—'\"", "\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\u0661",
    "\u06f1", "\u05d0", "\u0627", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066",
    "\u2069", "\U000e0067", "\U0001f3f4", "\u0301", "\u0915", "\u4e00", "\t", "\u0085",
    "\u2029"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_CHARS, max_size=24).map("".join), st.sampled_from([None, "ltr"]))
def test_the_shortcut_agrees_with_the_algorithm_on_random_strings(text: str,
                                                                   direction: Any) -> None:
    assert _same(text, direction)


def test_right_to_left_text_is_never_taken_for_left_to_right() -> None:
    assert _left_to_right("Goal 4: التعليم") is None
    assert _left_to_right("15 ١٥") is None  # an Arabic number is at level 2 in any text
    assert analyse("Only 71% finish", "ltr").levels == (0,) * len("Only 71% finish")
    assert analyse("שלום 12", None).direction == "rtl"
