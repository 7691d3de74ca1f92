"""The bundled font library: faces loaded by path, per-language fallback stacks.

Fonts are described by ``fonts/fonts.yaml`` (faces and stacks) so that adding a
script is a data change. Every face is loaded once per process and keeps a cache
of its glyph outlines as SVG path data, because the same glyphs recur on every card.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal, NamedTuple

import uharfbuzz as hb
from fontTools.pens.svgPathPen import SVGPathPen

from lnob_graphics.i18n import primary
from lnob_graphics.loader import read_yaml
from lnob_graphics.paths import bundled_dir

Weight = Literal["regular", "bold"]
WEIGHTS: tuple[Weight, ...] = ("regular", "bold")


class Extents(NamedTuple):
    """A glyph's ink box in font units, y up: left, top (above the baseline), width, height."""

    left: int
    top: int
    width: int
    height: int


@dataclass(eq=False)
class Face:
    """One font file, ready for shaping and outline extraction.

    A ``color`` face holds bitmap emoji (CBDT): its glyphs come out as PNG images,
    not outlines, and it is chosen for whole emoji sequences (see shaping). A subset face
    (CJK) says which characters it kept: ``subset_note`` for a missing character of its
    ``subset_blocks``."""

    key: str  # stable id, e.g. "noto-sans-bold"
    path: Path
    leading: float
    middle: float
    color: bool = False
    scale: float = 1.0  # drawn at this multiple of the text's size (the type scale, below)
    numbers: bool = True  # sets a text that is only a Western-digit number (fonts.yaml)
    subset_blocks: tuple[tuple[int, int], ...] = ()  # inclusive code point ranges
    subset_note: str = ""
    hb_font: hb.Font = field(init=False, repr=False)
    upem: int = field(init=False)
    unicodes: frozenset[int] = field(init=False, repr=False)
    _outlines: dict[int, str] = field(init=False, repr=False, default_factory=dict)
    _bitmaps: dict[int, str] = field(init=False, repr=False, default_factory=dict)
    _extents: dict[int, Extents] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        face = hb.Face(hb.Blob.from_file_path(str(self.path)))
        self.hb_font = hb.Font(face)
        self.upem = face.upem
        self.unicodes = frozenset(face.unicodes)

    def covers(self, char: str) -> bool:
        return ord(char) in self.unicodes

    def subsets(self, char: str) -> bool:
        """Whether ``char`` belongs to the blocks this face was cut down from."""
        return any(first <= ord(char) <= last for first, last in self.subset_blocks)

    def outline(self, glyph_id: int) -> str:
        """SVG path data of a glyph in font units (y up), cached."""
        d = self._outlines.get(glyph_id)
        if d is None:
            pen = SVGPathPen(None, ntos=_compact_number)
            self.hb_font.draw_glyph_with_pen(glyph_id, pen)
            d = pen.getCommands()
            self._outlines[glyph_id] = d
        return d

    def bitmap(self, glyph_id: int) -> str:
        """A colour glyph as a ``data:`` URI of its PNG ("" if it has none), cached."""
        uri = self._bitmaps.get(glyph_id)
        if uri is None:
            png = bytes(self.hb_font.get_glyph_color_png(glyph_id).data)
            uri = "data:image/png;base64," + base64.b64encode(png).decode("ascii") if png else ""
            self._bitmaps[glyph_id] = uri
        return uri

    def extents(self, glyph_id: int) -> Extents:
        """The glyph's ink box in font units (zero-sized for blank glyphs), cached."""
        box = self._extents.get(glyph_id)
        if box is None:
            raw = self.hb_font.get_glyph_extents(glyph_id)
            box = Extents(raw.x_bearing, raw.y_bearing, raw.width, -raw.height) if raw else \
                Extents(0, 0, 0, 0)
            self._extents[glyph_id] = box
        return box


def _compact_number(value: float) -> str:
    # Font units are integers for TrueType outlines; keep "12" rather than "12.0".
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


@dataclass(frozen=True, eq=False)  # hashed by identity: a cache key for prepared text
class FontLibrary:
    """Faces by (family, weight), the fallback stack for each language, and the line
    spacing of languages whose orthography stacks marks on a shared face's letters."""

    faces: dict[tuple[str, Weight], Face]
    stacks: dict[str, tuple[str, ...]]
    leading: dict[str, float] = field(default_factory=dict)

    def stack(self, lang: str, weight: Weight) -> list[Face]:
        families = self.stacks.get(primary(lang), self.stacks["default"])
        return [self.faces[(family, weight)] for family in families]

    def language_leading(self, lang: str) -> float:
        """The line-height multiplier ``lang`` needs whatever its faces (1.0: none)."""
        return self.leading.get(primary(lang), 1.0)

    def all_faces(self) -> list[Face]:
        return list(self.faces.values())


def _blocks(written: list[str]) -> tuple[tuple[int, int], ...]:
    """``["4E00-9FFF", ...]`` as inclusive code point ranges."""
    ranges = []
    for block in written:
        first, _, last = str(block).partition("-")
        ranges.append((int(first, 16), int(last or first, 16)))
    return tuple(ranges)


def load_library(folder: Path) -> FontLibrary:
    spec = read_yaml((folder / "fonts.yaml").read_text(encoding="utf-8"))
    faces: dict[tuple[str, Weight], Face] = {}
    for family, entry in spec["faces"].items():
        loaded: dict[str, Face] = {}
        subset = entry.get("subset", {})
        for weight in WEIGHTS:
            # A family with one file (the emoji) serves every weight with it, loaded once.
            file = entry.get(weight, entry["regular"])
            if file not in loaded:
                loaded[file] = Face(
                    key=f"{family}-{weight}",
                    path=folder / file,
                    leading=float(entry.get("leading", 1.0)),
                    scale=float(entry.get("scale", 1.0)),
                    numbers=bool(entry.get("numbers", True)),
                    middle=float(entry.get("middle", 0.36)),
                    color=bool(entry.get("color", False)),
                    subset_blocks=_blocks(subset.get("blocks", [])),
                    subset_note=" ".join(str(subset.get("note", "")).split()),
                )
            faces[(family, weight)] = loaded[file]
    stacks = {lang: tuple(families) for lang, families in spec["stacks"].items()}
    for lang, families in stacks.items():
        for family in families:
            if (family, "regular") not in faces:
                raise ValueError(f"fonts.yaml: stack {lang!r} names unknown face {family!r}")
    leading = {lang: float(value) for lang, value in spec.get("leading", {}).items()}
    return FontLibrary(faces=faces, stacks=stacks, leading=leading)


@cache
def default_library() -> FontLibrary:
    """The bundled library, loaded once per process."""
    return load_library(bundled_dir("fonts"))
