"""Rasterizer backends: a finished SVG in, a PNG of exactly the canvas size out.

A small registry behind one interface. Every backend must load nothing external: our
SVGs embed everything as ``data:`` URIs (the renderer refuses any other reference), and
text is already glyph outlines, so every backend draws the same picture.

- ``cairosvg``: pure Python over cairo; about 85 ms for a 1080² card.
- ``resvg``: Rust (PyPI ``resvg``); about 23 ms for the same card, within 0.2/255 of
  cairosvg's pixels (measured on the example pack). It cannot be interrupted mid-call
  and only draws at the SVG's own size, so anything unusual — a size other than the
  canvas's, many ``<use>`` references — goes to cairosvg instead, and a panic becomes an
  ordinary error for that image.
- ``auto`` (the default): resvg when it is installed, else cairosvg.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from typing import Protocol


class Rasterizer(Protocol):
    name: str

    def to_png(self, svg: str, width: int, height: int) -> bytes: ...


class CairoSvgRasterizer:
    """cairosvg with its safe defaults: ``unsafe=False`` (no external files, no
    XML entities); the output size is given explicitly, never taken from the SVG."""

    name = "cairosvg"

    def to_png(self, svg: str, width: int, height: int) -> bytes:
        import cairosvg  # ~0.3 s to import (cairocffi parses cairo's headers): only when used

        png = cairosvg.svg2png(bytestring=svg.encode("utf-8"),
                               output_width=width, output_height=height, unsafe=False)
        assert isinstance(png, bytes)
        return png


class ResvgRasterizer:
    """resvg, with cairosvg for what resvg should not be given (see the module docstring)."""

    name = "resvg"
    MAX_USES = 20  # <use> references: a nested-<use> chain goes where a timeout can stop it

    def __init__(self) -> None:
        import resvg  # optional: imported only when this backend is chosen

        self._resvg = resvg
        self._options = resvg.usvg.Options.default()  # no fonts loaded: we draw no <text>
        self._fallback = CairoSvgRasterizer()
        keep_freed_memory()

    def to_png(self, svg: str, width: int, height: int) -> bytes:
        # What could keep Rust busy where no timeout reaches (filters, <use> chains), and
        # plain <text> (we give resvg no fonts), goes to cairosvg: there --timeout applies.
        if svg.count("<use") > self.MAX_USES or "<filter" in svg or "<text" in svg:
            return self._fallback.to_png(svg, width, height)
        try:
            tree = self._resvg.usvg.Tree.from_str(svg, self._options)
            if tuple(tree.int_size()) != (width, height):
                return self._fallback.to_png(svg, width, height)  # resvg draws at its own size
            return bytes(self._resvg.render(tree, (1.0, 0.0, 0.0, 0.0, 1.0, 0.0)))
        except Exception:
            raise  # (a time limit reached, among others: not resvg's failure)
        except BaseException as error:  # a Rust panic arrives as a BaseException
            if isinstance(error, (KeyboardInterrupt, SystemExit)):
                raise
            raise RuntimeError(f"resvg refused the SVG ({error}): too many elements, or one it "
                               "cannot draw") from None


def keep_freed_memory() -> None:
    """Let the C library keep the memory of one image for the next (glibc only).

    resvg draws each card on a pixmap of its own (4.7 MB for 1080², and as much again for
    its PNG encoder's copy). By default glibc hands blocks that large to the system when
    they are freed and asks for them again, zeroed, for the next card: measured, 23.4 ms a
    card instead of 18.9 (the same SVG, 40 times). Raised thresholds keep up to 64 MB of
    freed memory in the process for reuse. (glibc raises them by itself after the first
    large block it frees — which a run that hashed a large font happened to do, and a
    run with the digests remembered did not.)"""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt  # the process's C library
    except (OSError, AttributeError):
        return  # no mallopt (not glibc): its defaults
    m_trim_threshold, m_mmap_threshold = -1, -3  # glibc's malloc.h
    mallopt(m_mmap_threshold, 32 << 20)  # (glibc's largest on 64-bit)
    mallopt(m_trim_threshold, 64 << 20)


def _auto() -> Rasterizer:
    try:
        return ResvgRasterizer()
    except ImportError:
        return CairoSvgRasterizer()


BACKENDS: dict[str, Callable[[], Rasterizer]] = {
    "auto": _auto,
    "cairosvg": CairoSvgRasterizer,
    "resvg": ResvgRasterizer,
}


def get_rasterizer(name: str = "auto") -> Rasterizer:
    return BACKENDS[name]()


def backend_name(name: str = "auto") -> str:
    """Which backend ``name`` means here ("auto" resolved), without loading it: the
    pixels depend on it, so it is part of every image's fingerprint."""
    if name != "auto":
        return name
    return "resvg" if importlib.util.find_spec("resvg") is not None else "cairosvg"
