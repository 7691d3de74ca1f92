"""The functions a template calls: ``text()``, ``image()``, ``pictogram()``, ``mx()``,
``num()``, ``fail()``.

Each is bound to one card. Templates place boxes in *logical* coordinates — ``x``
from the start edge — and these helpers make them physical, so a right-to-left card
is the mirror image of the left-to-right one without the template doing anything.
Text is never drawn by the SVG renderer: ``text()`` runs our text engine and returns
glyph outlines. The helpers also remember every box they placed, for the debug overlay.
"""

from __future__ import annotations

import base64
import dataclasses
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from markupsafe import Markup

from lnob_graphics import pictograms
from lnob_graphics.card import Canvas, Card, Frame, ThemeView
from lnob_graphics.data import ImageRef
from lnob_graphics.errors import RenderError
from lnob_graphics.i18n import direction_of
from lnob_graphics.numbers import NumberStyle
from lnob_graphics.text.engine import Align, TextBlock, VAlign, layout
from lnob_graphics.text.fit import FitRule
from lnob_graphics.text.shaping import MissingGlyphError
from lnob_graphics.themes import LargeInk, is_large

Overflow = Literal["error", "warn"]  # text that cannot fit: fail the image, or warn
Box = tuple[str, float, float, float, float]  # kind, physical x, y, width, height


@dataclass(frozen=True)
class Ink:
    """The colour a text was drawn in, and whether it counts as large text (WCAG: 24 px,
    18.67 px bold, at 1x) — which contrast it owes its background: 3:1 or 4.5:1."""

    field: str
    fill: str
    size: float  # px on the card
    bold: bool
    large: bool


def size_at_1x(size: float, canvas: Canvas) -> float:
    """A text's size for WCAG's large-text test: its px on the card, or at the 1080-wide
    (630-high) reference layout, whichever is smaller — a card drawn larger than the
    reference does not make its text large."""
    return min(size, size / Frame.of(canvas).u)


@dataclass
class TextHelper:
    """The ``text()`` function templates call; remembers what overflowed."""

    canvas: Canvas
    lang: str
    overflow: Overflow
    warnings: list[str]
    rtl: bool
    boxes: list[Box] = field(default_factory=list)  # for the debug overlay
    blocks: list[tuple[str, TextBlock]] = field(default_factory=list)  # what was laid out
    inks: list[Ink] = field(default_factory=list)  # the colour of each, in the same order
    mirror: bool = True  # False for designer drawings: their boxes are where they are drawn
    _box_of: dict[int, int] = field(default_factory=dict)  # id(block) → its index in boxes

    def __call__(self, value: str, x: float, y: float, w: float, h: float, *,
                 max: float, min: float, lines: int = 1, lh: float = 1.15,
                 weight: str = "regular", align: Align = "start", valign: VAlign = "top",
                 fill: str = "#000", balance: bool = True, lang: str | None = None,
                 optional: bool = False) -> TextBlock:
        """Fit ``value`` into the box. ``optional`` (for words the tool adds, such as the
        goal's name in its tile): when it cannot fit, it is left out with a warning
        instead of failing the image — the card still says what it must."""
        field_name = getattr(value, "field_name", "text")
        # Never below the canvas's minimum size, whatever the template asks for.
        min = _larger(min, self.canvas.min_text)
        max = _larger(max, min)
        physical_x = self.canvas.width - x - w if self.rtl and self.mirror else x
        # start/end follow the card's direction, even for a run in another language
        # (the goal number is drawn as "en" but still sits at the start edge).
        if align in ("start", "end"):
            align = "right" if (align == "start") == self.rtl else "left"
        # lang="auto": the card's language, direction from the text itself (a Latin
        # hashtag or web address on an Arabic card reads left to right).
        auto = lang == "auto"
        text_lang = (None if auto else lang) or getattr(value, "lang", None) or self.lang
        self.boxes.append(("text", physical_x, y, w, h))
        bold = weight == "bold"
        try:
            def fitted(colour: str) -> TextBlock:
                return layout(
                    str(value), lang=text_lang,
                    direction=None if auto else direction_of(text_lang),
                    box=(physical_x, y, w, h),
                    rule=FitRule(max_size=max, min_size=min, max_lines=lines, line_height=lh,
                                 balance=balance),
                    weight="bold" if bold else "regular",
                    align=align, valign=valign, fill=colour,
                )

            # A colour for large text only (theme.large) is used on text fitted large;
            # smaller text gets the theme's colour for every size instead.
            small = fill.small if isinstance(fill, LargeInk) else fill
            if small == fill or not is_large(size_at_1x(max, self.canvas), bold):
                fill = small
            block = fitted(fill)
            if fill != small and not is_large(size_at_1x(block.size, self.canvas), bold):
                fill = small
                block = fitted(fill)
        except MissingGlyphError as error:
            them = "them" if len(error.chars) > 1 else "it"
            raise RenderError(f"{error}; remove or replace {them}", field=field_name) from None
        if not block.fits:
            message = (f"text does not fit its box on {self.canvas.platform} "
                       f"({self.canvas.width}×{self.canvas.height}) even at the minimum size "
                       f"{min:g} px in {lines} line{'s' if lines != 1 else ''}; shorten it")
            if optional:
                self.warnings.append(f"{field_name}: left out: {message.removesuffix('; shorten it')}"
                                     " (give a shorter one in the campaign's labels)")
                return _empty(block)
            if self.overflow == "error":
                raise RenderError(message, field=field_name)
            self.warnings.append(f"{field_name}: {message}")
        self._box_of[id(block)] = len(self.boxes) - 1
        self.blocks.append((field_name, block))
        self.inks.append(Ink(field_name, str(fill), block.size, bold,
                             is_large(size_at_1x(block.size, self.canvas), bold)))
        return block


    def measure(self, value: str, x: float, y: float, w: float, h: float,
                **options: Any) -> TextBlock:
        """``value`` laid out as ``text()`` would (same arguments), but not drawn, checked or
        failed: the ``measure()`` templates call to find a size before drawing — e.g. one
        size for every label of a chart (the smallest any of them needs). A text that does
        not fit comes back with ``fits`` false; drawing it with ``text()`` fails loudly."""
        boxes, blocks, warnings = len(self.boxes), len(self.blocks), len(self.warnings)
        overflow, self.overflow = self.overflow, "warn"
        try:
            block = self(value, x, y, w, h, **options)
        finally:
            self.overflow = overflow
            del self.boxes[boxes:], self.blocks[blocks:], self.inks[blocks:]
            del self.warnings[warnings:]
        self._box_of.pop(id(block), None)
        return block

    def move(self, block: TextBlock, dy: float) -> TextBlock:
        """``block`` moved down by ``dy`` (up if negative), as laid out: the ``move()``
        templates call to compose — lay the texts out first, measure what they take, then
        share the free space out — without fitting anything twice."""
        if not dy:
            return block
        moved = dataclasses.replace(
            block, svg=f'<g transform="translate(0 {dy:.2f})">{block.svg}</g>' if block.svg else "",
            y=block.y + dy, top=block.top + dy, bottom=block.bottom + dy,
            ink_top=block.ink_top + dy, ink_bottom=block.ink_bottom + dy)
        for index, (name, laid_out) in enumerate(self.blocks):
            if laid_out is block:
                self.blocks[index] = (name, moved)
        box = self._box_of.pop(id(block), None)
        if box is not None:
            kind, x, y, w, h = self.boxes[box]
            self.boxes[box] = (kind, x, y + dy, w, h)
            self._box_of[id(moved)] = box
        return moved


def _empty(block: TextBlock) -> TextBlock:
    """Nothing drawn where ``block`` would have been (its box kept for neighbours)."""
    return dataclasses.replace(block, svg="", text="", lines=(), right=block.left,
                               ink_right=block.ink_left, fits=True)


@dataclass
class ImageHelper:
    """The ``image()`` function: a photo cover-cropped around its focus point and
    pre-sized to the exact pixels of its frame, embedded as PNG (cairosvg would
    re-encode a JPEG anyway, at several times the cost)."""

    canvas: Canvas
    images: dict[str, ImageRef]
    rtl: bool
    boxes: list[Box]

    def __call__(self, name: str, x: float, y: float, w: float, h: float, *,
                 rx: float = 0) -> Markup:
        ref = self.images.get(name)
        physical_x = self.canvas.width - x - w if self.rtl else x
        self.boxes.append(("image", physical_x, y, w, h))
        if ref is None:
            return Markup("")
        uri = framed_photo(ref.path, ref.focus, max(1, round(w)), max(1, round(h)))
        clip = ""
        if rx:
            clip_id = f"clip-{name}-{round(physical_x)}-{round(y)}"
            clip = (f'<clipPath id="{clip_id}"><rect x="{physical_x:.1f}" y="{y:.1f}" '
                    f'width="{w:.1f}" height="{h:.1f}" rx="{rx:.1f}"/></clipPath>')
            return Markup(f'{clip}<image x="{physical_x:.1f}" y="{y:.1f}" width="{w:.1f}" '
                          f'height="{h:.1f}" preserveAspectRatio="none" '
                          f'clip-path="url(#{clip_id})" href="{uri}"/>')
        return Markup(f'<image x="{physical_x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" '
                      f'preserveAspectRatio="none" href="{uri}"/>')


    def logo(self, name: str, x: float, y: float, w: float, h: float, *,
             align: str = "end") -> Placed:
        """The ``logo()`` function: a partner's logo (an SVG or a bitmap) as large as the box
        allows, its proportions kept, at the box's ``start`` or ``end`` edge (logical),
        centred in its height. An SVG goes in as itself (checked again here: it must be
        self-contained and inert), a bitmap pre-sized to its pixels. Where the card has no
        logo, nothing (width 0)."""
        ref = self.images.get(name)
        physical_x = self.canvas.width - x - w if self.rtl else x
        self.boxes.append(("image", physical_x, y, w, h))
        if ref is None:
            return Placed(Markup(""), physical_x, y, 0.0, 0.0)
        aspect, uri = logo_data(ref.path, max(1, round(w)), max(1, round(h)))
        width, height = (w, w / aspect) if w / aspect <= h else (h * aspect, h)
        at_end = (align == "end") != self.rtl
        px = physical_x + (w - width if at_end else 0)
        py = y + (h - height) / 2
        return Placed(Markup(f'<image class="logo" x="{px:.1f}" y="{py:.1f}" width="{width:.1f}" '
                             f'height="{height:.1f}" href="{uri}"/>'), px, py, width, height)


@dataclass(frozen=True)
class Placed:
    """Something drawn, and where (physical coordinates), for a template to frame it."""

    svg: Markup
    x: float
    y: float
    width: float
    height: float

    def __html__(self) -> str:
        return str(self.svg)

    def __str__(self) -> str:
        return str(self.svg)


@lru_cache(maxsize=16)
def logo_data(path: str, width: int, height: int) -> tuple[float, str]:
    """A logo's proportions (width / height) and its data URI: an SVG as it is (refused if
    ``svgscan.logo_problem`` finds anything), a bitmap resized to fit ``width`` × ``height``
    pixels, as PNG (transparency kept)."""
    if path.lower().endswith(".svg"):
        from lnob_graphics.svgscan import logo_problem, proportions, scan

        svg = Path(path).read_bytes().decode("utf-8")
        problem = logo_problem(svg)
        if problem is not None:
            raise RenderError(f"{Path(path).name!r} {problem}", field="logo")
        size = proportions(scan(svg).size)
        assert size is not None  # (logo_problem checked it)
        return (size[0] / size[1],
                "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii"))
    from PIL import Image, ImageOps  # (imported where a card has a photo or a logo)

    with Image.open(path) as source:
        logo = ImageOps.exif_transpose(source).convert("RGBA")
    aspect = logo.width / logo.height
    scale = min(width / logo.width, height / logo.height, 1.0) if logo.width > width or \
        logo.height > height else 1.0
    if scale < 1.0:
        logo = logo.resize((max(1, round(logo.width * scale)), max(1, round(logo.height * scale))),
                           Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    logo.save(buffer, format="PNG", optimize=False, compress_level=1)
    return aspect, "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


@lru_cache(maxsize=64)
def framed_photo(path: str, focus: tuple[float, float], width: int, height: int) -> str:
    """The photo cropped to ``width``:``height`` keeping ``focus`` as central as the
    edges allow, resized to exactly that many pixels, as a PNG data URI."""
    from PIL import Image, ImageOps

    with Image.open(path) as source:
        source.draft("RGB", (width, height))  # JPEG: decode at a reduced scale when possible
        photo = ImageOps.exif_transpose(source).convert("RGB")
    scale = max(width / photo.width, height / photo.height)
    # (min: at a frame exactly as wide as the photo, w / (w / pw) can come out a hair
    # wider than pw, and a negative crop offset stops Pillow: any aspect ratio must work.)
    crop_w, crop_h = min(width / scale, photo.width), min(height / scale, photo.height)
    left = max(0.0, min(focus[0] * photo.width - crop_w / 2, photo.width - crop_w))
    top = max(0.0, min(focus[1] * photo.height - crop_h / 2, photo.height - crop_h))
    framed = photo.resize((width, height), Image.Resampling.LANCZOS,
                          box=(left, top, left + crop_w, top + crop_h))
    buffer = io.BytesIO()
    framed.save(buffer, "PNG", compress_level=1)  # the final PNG is compressed once, later
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def pictogram_helper(theme: ThemeView, mx: Callable[..., float]) -> Callable[..., Markup]:
    def pictogram(x: float, y: float, size: float, fill: str | None = None) -> Markup:
        """The goal's pictogram, ``size`` px square at logical ``x`` (never mirrored
        itself), in ``fill`` (default ``theme.large``: white wherever it reads); for the
        pledge, the wheel of the 17 goal colours."""
        left = mx(x, size)
        if theme.number is None:
            return Markup(pictograms.wheel(left, y, size, theme.goals))
        return Markup(pictograms.pictogram(theme.number, left, y, size,
                                           str(fill or theme.large)))

    return pictogram


def fail(message: str, field: str | None = None) -> None:
    """Templates call ``fail("...", "field")`` for data they cannot draw (e.g. 500 icons):
    the job fails with that message, naming the field."""
    raise RenderError(message, field=field)


def number_helper(numbers: NumberStyle) -> Callable[[object], str]:
    def num(value: object) -> str:
        """A number (or text holding numbers) as the card's language writes it."""
        return numbers.text(str(value))

    return num


def mirror_helper(canvas: Canvas, rtl: bool) -> Callable[..., float]:
    def mx(x: float, w: float = 0) -> float:
        """Physical x of a shape placed at logical ``x`` (from the start edge), ``w`` wide."""
        return canvas.width - x - w if rtl else x

    return mx


def _larger(a: float, b: float) -> float:
    return a if a >= b else b  # (text()'s parameters are called max and min)


@dataclass(frozen=True)
class Helpers:
    """One card's helpers. ``text()`` adds its overflow warnings to ``warnings``."""

    text: TextHelper
    image: ImageHelper
    mx: Callable[..., float]
    num: Callable[[object], str]
    pictogram: Callable[..., Markup]

    @classmethod
    def of(cls, card: Card, overflow: Overflow, warnings: list[str]) -> Helpers:
        text = TextHelper(card.canvas, card.asset.lang, overflow, warnings, card.rtl)
        mx = mirror_helper(card.canvas, card.rtl)
        return cls(text, ImageHelper(card.canvas, card.asset.images, card.rtl, text.boxes),
                   mx, number_helper(card.numbers), pictogram_helper(card.theme, mx))

    @property
    def boxes(self) -> list[Box]:
        """Every text and image box placed so far, in physical coordinates."""
        return self.text.boxes

    def context(self) -> dict[str, Any]:
        """The helpers under the names templates call them by."""
        return {"text": self.text, "move": self.text.move, "measure": self.text.measure,
                "image": self.image, "logo": self.image.logo, "mx": self.mx, "num": self.num,
                "pictogram": self.pictogram, "fail": fail}
