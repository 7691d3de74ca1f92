"""The text engine: plain text in, fitted glyph outlines (SVG) out.

    text ─▶ paragraphs ─▶ bidi levels ─▶ font per character ─▶ shape runs
         ─▶ widths + ICU break opportunities ─▶ fit (size, lines)
         ─▶ re-shape each line exactly ─▶ reorder runs (L2) ─▶ <path> glyph outlines

Renderers never see a ``<text>`` element: what we measure is what we draw, in
every rasterizer.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from html import escape
from typing import Literal

from lnob_graphics.text.bidi import BidiParagraph, Direction, analyse, reorder
from lnob_graphics.text.fit import Fit, FitRule, Line, Measured, fit, phrase_ends
from lnob_graphics.text.fonts import Face, FontLibrary, Weight, default_library
from lnob_graphics.text.segment import grapheme_breaks, hyphen_breaks, line_breaks, word_splits
from lnob_graphics.text.shaping import Glyph, Run, assign_faces, itemize, shape

Align = Literal["start", "center", "end", "left", "right"]  # start/end follow the direction
VAlign = Literal["top", "middle", "bottom"]


class TextFitError(ValueError):
    """The text does not fit its box even at the template's minimum size."""


@dataclass(frozen=True)
class PreparedParagraph:
    bidi: BidiParagraph
    runs: tuple[Run, ...]
    measured: Measured
    lang: str


def normalize(text: str) -> str:
    """NFC, one kind of newline, tabs as spaces, other control characters dropped."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\t", " ")
    return "".join(c for c in text if c == "\n" or unicodedata.category(c) != "Cc")


def _prepare_paragraph(text: str, lang: str, direction: Direction | None,
                       stack: list[Face]) -> PreparedParagraph:
    bidi = analyse(text, direction)
    faces = assign_faces(bidi.text, stack)
    runs = tuple(itemize(bidi, faces))
    widths = [0.0] * len(bidi.text)
    for run in runs:
        for glyph in shape(bidi.text, run.start, run.end, run.level, run.face, lang):
            widths[glyph.cluster] += glyph.advance * run.face.scale / run.face.upem
    hyphens = hyphen_breaks(bidi.text, lang)
    breaks = line_breaks(bidi.text, lang)
    measured = Measured(
        widths=widths,
        spaces=[c.isspace() for c in bidi.text],
        breaks=breaks,
        graphemes=grapheme_breaks(bidi.text, lang),
        hyphens=hyphens,
        hyphen_width=_hyphen(stack[0], lang)[1] if hyphens else 0.0,
        phrase_ends=phrase_ends(bidi.text),
        word_splits=word_splits(bidi.text, lang, breaks),
    )
    return PreparedParagraph(bidi, runs, measured, lang)


HYPHEN = "-"  # what a hyphenated line ends with (every bundled text face has it)


def _hyphen(face: Face, lang: str) -> tuple[list[Glyph], float]:
    """The hyphen's glyphs in ``face`` and its advance in em."""
    glyphs = shape(HYPHEN, 0, 1, 0, face, lang)
    return glyphs, sum(g.advance for g in glyphs) * face.scale / face.upem


@lru_cache(maxsize=4096)
def prepare(text: str, lang: str, direction: Direction | None, weight: Weight,
            library: FontLibrary | None = None) -> tuple[PreparedParagraph, ...]:
    """Everything about a text that does not depend on the box: cached, because
    the same headline is laid out again for every platform."""
    library = library or default_library()
    stack = library.stack(lang, weight)
    paragraphs = [p.strip() for p in normalize(text).split("\n")]
    prepared = (_prepare_paragraph(p, lang, direction, stack) for p in paragraphs if p)
    return tuple(p for p in prepared if p.bidi.text)  # only bidi controls: nothing to draw


def line_leading(paras: Sequence[PreparedParagraph], lang: str,
                 library: FontLibrary | None = None) -> float:
    """The line-height multiplier of these paragraphs, from one line to the next: the
    largest of their text faces' (an emoji first must not squeeze Nastaliq lines together),
    each at its type scale (Nastaliq drawn 1.3× needs its leading 1.3× too), and of the
    language, where its orthography stacks marks on a shared face's letters (Vietnamese)."""
    faces = [run.face.leading * run.face.scale for p in paras for run in p.runs
             if not run.face.color]
    return max([*faces, (library or default_library()).language_leading(lang)])


def type_scale(paras: Sequence[PreparedParagraph]) -> float:
    """The largest type scale of the paragraphs' text faces (1.0 but for Nastaliq)."""
    return max([1.0, *(run.face.scale for p in paras for run in p.runs if not run.face.color)])


def first_line(scale: float, leading: float) -> float:
    """The first line's box, as a multiple of the line height: ``leading``, as every line's;
    but for a face drawn larger than its size (Nastaliq), its ``scale`` alone. Such a face's
    leading is the room its descents need from the next line's ascents, not room one line
    needs: that one line's ink is checked on the glyphs drawn (and kept inside the box)."""
    return scale if scale > 1.0 else leading


@dataclass(frozen=True)
class PlacedLine:
    glyph_runs: list[tuple[Face, list[Glyph]]]  # visual order
    width: float  # px
    text: str  # logical text of the line
    ascent: float  # px of ink above the baseline (from the glyphs drawn, not font metrics)
    descent: float  # px of ink below the baseline


def _shape_line(para: PreparedParagraph, line: Line) -> list[tuple[Face, int, list[Glyph]]]:
    start, end = line
    while end > start and para.measured.spaces[end - 1]:
        end -= 1
    pieces = []
    for run in para.runs:
        a, b = max(run.start, start), min(run.end, end)
        if a < b:
            glyphs = shape(para.bidi.text, a, b, run.level, run.face, para.lang)
            pieces.append((run.face, run.level, glyphs))
    return pieces


def place_line(para: PreparedParagraph, line: Line, size: float) -> PlacedLine:
    pieces = _shape_line(para, line)
    hyphenated = para.measured.hyphenated(line[1])
    if hyphenated and pieces:  # the hyphen, in the face and direction of the word it ends
        face, level, _glyphs = pieces[-1]
        pieces.append((face, level, _hyphen(face, para.lang)[0]))
    ordered = reorder(pieces, [level for _face, level, _glyphs in pieces])
    width = sum(sum(g.advance for g in glyphs) * size * face.scale / face.upem
                for face, _l, glyphs in ordered)
    ascent = descent = 0.0
    for face, _level, glyphs in ordered:
        scale = size * face.scale / face.upem
        for glyph in glyphs:
            box = face.extents(glyph.glyph_id)
            if box.height:
                top = (glyph.y_offset + box.top) * scale
                ascent = max(ascent, top)
                descent = max(descent, box.height * scale - top)
    return PlacedLine(
        glyph_runs=[(face, glyphs) for face, _level, glyphs in ordered],
        width=width,
        text=para.bidi.text[line[0]:line[1]].strip() + (HYPHEN if hyphenated else ""),
        ascent=ascent,
        descent=descent,
    )


@dataclass(frozen=True)
class TextBlock:
    """A fitted, positioned text: its SVG and where it ended up."""

    svg: str
    text: str
    x: float
    y: float
    width: float
    height: float
    size: float
    lines: tuple[str, ...]
    fits: bool
    direction: Direction
    top: float  # of the lines' boxes: stable whatever the letters (for placing neighbours)
    bottom: float  # (for a face drawn larger, Nastaliq, its ink where it reaches lower)
    left: float  # of the lines' advance widths (where alignment puts them)
    right: float
    ink_top: float  # of the glyphs actually drawn
    ink_bottom: float
    ink_left: float
    ink_right: float
    scale: float = 1.0  # the type scale it is drawn at (Nastaliq: 1.3 × its size)
    line_widths: tuple[float, ...] = ()  # px, of each of ``lines`` (for the design check)

    @property
    def drawn_size(self) -> float:
        """The size the eye sees: ``size`` at the text's type scale (Nastaliq set at 20 px
        is drawn as large as Latin at 26), what the design check compares."""
        return self.size * self.scale

    def __html__(self) -> str:  # Jinja's Markup protocol: our SVG is already safe
        return self.svg

    def __str__(self) -> str:
        return self.svg


def _fmt(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def layout(
    text: str,
    *,
    lang: str,
    direction: Direction | None,
    box: tuple[float, float, float, float],
    rule: FitRule,
    weight: Weight = "regular",
    align: Align = "start",
    valign: VAlign = "top",
    fill: str = "#000",
    library: FontLibrary | None = None,
) -> TextBlock:
    """Fit ``text`` into ``box`` (x, y, width, height in px) and emit it as glyph paths.

    Raises MissingGlyphError (from shaping) for a character no bundled font has.
    When it cannot fit at ``rule.min_size`` the block is returned with
    ``fits=False``, laid out at the minimum size; the caller decides whether that
    is an error or a warning.
    """
    x, y, box_w, box_h = box
    paras = prepare(text, lang, direction, weight, library)
    para_direction: Direction = (
        direction if direction is not None else (paras[0].bidi.direction if paras else "ltr")
    )
    if not paras:
        return TextBlock("", "", x, y, box_w, box_h, rule.max_size, (), True, para_direction,
                         y, y, x, x, y, y, x, x)
    # Vertical centring comes from the text faces (an emoji first must not lift Nastaliq).
    text_faces = [run.face for p in paras for run in p.runs if not run.face.color]
    leading = line_leading(paras, lang, library)
    larger = type_scale(paras)  # (Nastaliq: drawn larger than its size)
    first = first_line(larger, leading)
    if larger > 1.0:
        # The template's minimum is a floor in drawn pixels (what a phone can still show):
        # a face drawn larger than its size (Nastaliq) may be set that small, on its scale.
        rule = replace(rule, min_size=rule.min_size / larger)
    middle = text_faces[0].middle * text_faces[0].scale if text_faces else 0.36
    result, placed = _fit_exact(paras, box_w, box_h, rule, leading, first)
    # Line boxes come from the template's line height; the ink of some scripts
    # (Nastaliq, stacked Devanagari, emoji) reaches beyond them. Shrink until the
    # ink itself is no taller than the box, then keep it inside.
    for _ in range(8):
        size = result.size
        _b, ink_above, ink_below = _vertical(placed, size * rule.line_height * first,
                                             size * rule.line_height * leading, middle * size)
        ink_h = ink_below - ink_above
        if ink_h <= box_h + 0.5 or not result.fits:
            break
        smaller = size * box_h / ink_h * 0.995  # ink scales with the size
        if smaller < rule.min_size:
            result = Fit(rule.min_size, result.lines, fits=False)
            placed = [place_line(p, line, rule.min_size)
                      for p, plines in zip(paras, result.lines, strict=True) for line in plines]
        else:
            result, placed = _fit_exact(paras, box_w, box_h, FitRule(
                smaller, rule.min_size, rule.max_lines, rule.line_height, rule.balance), leading,
                first)
    else:
        result = Fit(result.size, result.lines, fits=False)  # still too tall: say so
    size = result.size
    line_box = size * rule.line_height * leading
    first_box = size * rule.line_height * first
    baselines, ink_above, ink_below = _vertical(placed, first_box, line_box, middle * size)
    block_h = first_box + line_box * (len(placed) - 1)
    top = {"top": y, "middle": y + (box_h - block_h) / 2, "bottom": y + box_h - block_h}[valign]
    if top + ink_above < y:
        top = y - ink_above
    elif top + ink_below > y + box_h:
        top = max(y - ink_above, y + box_h - ink_below)
    side = _resolve_align(align, para_direction)

    parts: list[str] = []
    ink = _Ink()
    left_edges: list[float] = []
    right_edges: list[float] = []
    for i, line in enumerate(placed):
        baseline = top + baselines[i]
        if side == "left":
            pen = x
        elif side == "right":
            pen = x + box_w - line.width
        else:
            pen = x + (box_w - line.width) / 2
        left_edges.append(pen)
        right_edges.append(pen + line.width)
        for face, glyphs in line.glyph_runs:
            scale = size * face.scale / face.upem
            paths: list[str] = []
            units = 0
            for glyph in glyphs:
                gx, gy = units + glyph.x_offset, glyph.y_offset
                box = face.extents(glyph.glyph_id)
                if box.width and box.height:
                    ink.add(pen + (gx + box.left) * scale, baseline - (gy + box.top) * scale,
                            box.width * scale, box.height * scale)
                if face.color:
                    parts.append(_bitmap_glyph(face, glyph.glyph_id, pen + gx * scale,
                                               baseline - gy * scale, scale))
                elif d := face.outline(glyph.glyph_id):
                    # Outlines inline, not <defs>+<use>: cairosvg re-parses the
                    # document for every <use> (measured: ~20x slower per card).
                    move = f' transform="translate({gx} {gy})"' if gx or gy else ""
                    paths.append(f'<path{move} d="{d}"/>')
                units += glyph.advance
            if paths:
                parts.append(
                    f'<g transform="translate({_fmt(pen)} {_fmt(baseline)}) '
                    f'scale({_fmt_scale(scale)} {_fmt_scale(-scale)})">{"".join(paths)}</g>'
                )
            pen += units * scale

    plain = "\n".join(p.bidi.text for p in paras)
    label = escape(" ".join(plain.split()), quote=True)
    svg = (
        f'<g class="text" role="img" aria-label="{label}" fill="{escape(fill, quote=True)}">'
        f"<title>{escape(plain, quote=False)}</title>{''.join(parts)}</g>"
    )
    return TextBlock(
        svg=svg,
        text=plain,
        x=x, y=y, width=box_w, height=box_h,
        size=size,
        lines=tuple(line.text for line in placed),
        fits=result.fits,
        direction=para_direction,
        # The lines' boxes; below, the ink where it reaches beyond them (a face drawn larger
        # than its line box, as Nastaliq's descents): a neighbour placed there never touches
        # it. (Above, the ink stays inside the box the template gave.)
        top=top,
        bottom=max(top + block_h, ink.bottom) if ink.seen and larger > 1.0 else top + block_h,
        left=min(left_edges),
        right=max(right_edges),
        ink_top=ink.top if ink.seen else top,
        ink_bottom=ink.bottom if ink.seen else top,
        ink_left=ink.left if ink.seen else x,
        ink_right=ink.right if ink.seen else x,
        scale=larger,
        line_widths=tuple(line.width for line in placed),
    )


def _vertical(placed: Sequence[PlacedLine], first_box: float, line_box: float,
              middle: float) -> tuple[list[float], float, float]:
    """Baselines of the lines relative to the block's top (the first line centred in its
    box, each next one a line step lower), and the ink's top and bottom."""
    baselines = [first_box / 2 + middle + i * line_box for i in range(len(placed))]
    above = min(b - line.ascent for b, line in zip(baselines, placed, strict=True))
    below = max(b + line.descent for b, line in zip(baselines, placed, strict=True))
    return baselines, above, below


class _Ink:
    """The union of the glyphs' ink boxes, in px."""

    def __init__(self) -> None:
        self.seen = False
        self.left = self.top = float("inf")
        self.right = self.bottom = float("-inf")

    def add(self, x: float, y: float, width: float, height: float) -> None:
        self.seen = True
        self.left, self.top = min(self.left, x), min(self.top, y)
        self.right, self.bottom = max(self.right, x + width), max(self.bottom, y + height)


def _bitmap_glyph(face: Face, glyph_id: int, x: float, baseline: float, scale: float) -> str:
    """A colour emoji: its PNG placed on the glyph's box (y down, so outside the
    flipped outline group)."""
    uri = face.bitmap(glyph_id)
    box = face.extents(glyph_id)
    if not uri or not box.width:
        return ""
    return (f'<image x="{_fmt(x + box.left * scale)}" y="{_fmt(baseline - box.top * scale)}" '
            f'width="{_fmt(box.width * scale)}" height="{_fmt(box.height * scale)}" '
            f'preserveAspectRatio="none" href="{uri}"/>')


def _fmt_scale(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _resolve_align(align: Align, direction: Direction) -> Literal["left", "right", "center"]:
    if align in ("center", "left", "right"):
        return align
    if (align == "start") == (direction == "ltr"):
        return "left"
    return "right"


def _fit_exact(paras: Sequence[PreparedParagraph], box_w: float, box_h: float, rule: FitRule,
               leading: float, first: float) -> tuple[Fit, list[PlacedLine]]:
    """Fit on summed advances, then re-shape the chosen lines: shaping across a break
    can change a line's width a little. Shrink until the exact widths fit too.
    Returns the fit and its lines, shaped once, ready to draw."""
    measured = [p.measured for p in paras]

    def place(result: Fit) -> list[PlacedLine]:
        return [place_line(p, line, result.size)
                for p, plines in zip(paras, result.lines, strict=True) for line in plines]

    result = fit(measured, box_w, box_h, rule, leading, first=first)
    placed = place(result)
    for _ in range(20):
        if max(line.width for line in placed) <= box_w + 0.5 or not result.fits:
            break
        smaller = result.size * 0.97
        if smaller < rule.min_size:
            result = Fit(rule.min_size, result.lines, fits=False)
        else:
            current = FitRule(smaller, rule.min_size, rule.max_lines, rule.line_height,
                              rule.balance)
            result = fit(measured, box_w, box_h, current, leading, first=first)
        placed = place(result)
    return result, placed
