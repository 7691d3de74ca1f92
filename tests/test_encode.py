"""Byte budgets: a PNG over its platform's limit is reduced or refused, never written silently."""

from __future__ import annotations

import io
import random

import pytest
from PIL import Image

from lnob_graphics.encode import BudgetError, fit_budget


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _flat_card_with_noise() -> bytes:
    # Few colours but many small details: big as truecolour PNG, small as a palette PNG.
    rng = random.Random(4)
    image = Image.new("RGB", (600, 400), (197, 25, 45))
    colours = [(255, 255, 255), (11, 19, 43), (252, 195, 11), (38, 189, 226)]
    pixels = image.load()
    assert pixels is not None
    for _ in range(40000):
        pixels[rng.randrange(600), rng.randrange(400)] = rng.choice(colours)
    return _png(image)


def test_under_the_limit_is_untouched() -> None:
    png = _flat_card_with_noise()
    assert fit_budget(png, len(png)) == (png, None)
    assert fit_budget(png, None) == (png, None)


def test_over_the_limit_is_quantized_and_says_so() -> None:
    png = _flat_card_with_noise()
    limit = len(png) * 3 // 4
    reduced, note = fit_budget(png, limit)
    assert len(reduced) <= limit
    assert note is not None and note.startswith(f"reduced from {len(png)} to {len(reduced)} bytes")
    with Image.open(io.BytesIO(reduced)) as image:
        assert image.size == (600, 400) and image.mode == "P"


def test_impossible_limit_fails_with_a_clear_message() -> None:
    rng = random.Random(1)
    noise = Image.frombytes("RGB", (300, 300), bytes(rng.randrange(256) for _ in range(270000)))
    png = _png(noise)
    with pytest.raises(BudgetError, match=r"over this platform's limit of 1000 bytes even with a "
                                          r"64-colour palette"):
        fit_budget(png, 1000)
