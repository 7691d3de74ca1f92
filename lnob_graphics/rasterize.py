"""Rasterizer backends: a finished SVG in, a PNG of exactly the canvas size out.

A small registry, so another rasterizer (e.g. resvg) can be added behind the same
interface. Every backend must load nothing external: our SVGs embed everything
as ``data:`` URIs, and text is already glyph outlines.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import cairosvg


class Rasterizer(Protocol):
    name: str

    def to_png(self, svg: str, width: int, height: int) -> bytes: ...


class CairoSvgRasterizer:
    """cairosvg with its safe defaults: ``unsafe=False`` (no external files, no
    XML entities); the output size is given explicitly, never taken from the SVG."""

    name = "cairosvg"

    def to_png(self, svg: str, width: int, height: int) -> bytes:
        png = cairosvg.svg2png(bytestring=svg.encode("utf-8"),
                               output_width=width, output_height=height, unsafe=False)
        assert isinstance(png, bytes)
        return png


BACKENDS: dict[str, Callable[[], Rasterizer]] = {
    "cairosvg": CairoSvgRasterizer,
}


def get_rasterizer(name: str = "cairosvg") -> Rasterizer:
    return BACKENDS[name]()
