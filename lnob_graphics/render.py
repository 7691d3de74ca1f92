"""Render one job (an asset in one language on one platform) to an SVG string.

The template receives the canvas, the theme, the asset's fields and a few
helpers; it lays itself out per format class (square, portrait, tall, wide).
Text is never drawn by the SVG renderer: ``text()`` runs our text engine and
returns glyph outlines. Template boxes are in *logical* coordinates — ``x`` is
measured from the start edge — so a right-to-left card is the mirror image of
the left-to-right one without the template doing anything.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape
from typing import Any, Literal
from xml.parsers import expat

from markupsafe import Markup
from PIL import Image, ImageOps

from lnob_graphics import marked
from lnob_graphics.alttext import alt_text
from lnob_graphics.campaign import Asset
from lnob_graphics.captions import caption, caption_body
from lnob_graphics.card import Canvas, Card, FieldText, Frame, PageView, PointView, ThemeView
from lnob_graphics.data import ImageRef
from lnob_graphics.errors import RenderError
from lnob_graphics.i18n import direction_of
from lnob_graphics.numbers import NumberStyle
from lnob_graphics.platforms import Platform
from lnob_graphics.svgscan import scan
from lnob_graphics.templates import TemplateSet
from lnob_graphics.text.engine import Align, TextBlock, VAlign, layout
from lnob_graphics.text.fit import FitRule
from lnob_graphics.text.shaping import MissingGlyphError
from lnob_graphics.themes import AA_NORMAL, contrast_ratio

Overflow = Literal["error", "warn"]
MASTODON_ALT = 1500  # characters of alt text Mastodon accepts

# What other modules use of the renderer, wherever it is defined.
__all__ = ["MASTODON_ALT", "Canvas", "FieldText", "Frame", "Overflow", "PageView", "PointView",
           "RenderError", "Rendered", "ThemeView", "framed_photo", "refuse_external", "render_svg"]


@dataclass
class Rendered:
    svg: str
    alt_text: str
    warnings: list[str] = field(default_factory=list)
    caption: str = ""  # the suggested post text for this platform
    # Every text the template laid out, with the field it came from: where text is on
    # the card (the goldens compare these regions; a checker can read sizes from them).
    texts: list[tuple[str, TextBlock]] = field(default_factory=list)


Box = tuple[str, float, float, float, float]  # kind, physical x, y, width, height


@dataclass
class _TextHelper:
    """The ``text()`` function templates call; remembers what overflowed."""

    canvas: Canvas
    lang: str
    overflow: Overflow
    warnings: list[str]
    rtl: bool
    boxes: list[Box] = field(default_factory=list)  # for the debug overlay
    blocks: list[tuple[str, TextBlock]] = field(default_factory=list)  # what was laid out
    mirror: bool = True  # False for designer drawings: their boxes are where they are drawn

    def __call__(self, value: str, x: float, y: float, w: float, h: float, *,
                 max: float, min: float, lines: int = 1, lh: float = 1.15,
                 weight: str = "regular", align: Align = "start", valign: VAlign = "top",
                 fill: str = "#000", balance: bool = True, lang: str | None = None,
                 ) -> TextBlock:
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
        try:
            block = layout(
                str(value), lang=text_lang, direction=None if auto else direction_of(text_lang),
                box=(physical_x, y, w, h),
                rule=FitRule(max_size=max, min_size=min, max_lines=lines, line_height=lh,
                             balance=balance),
                weight="bold" if weight == "bold" else "regular",
                align=align, valign=valign, fill=fill,
            )
        except MissingGlyphError as error:
            them = "them" if len(error.chars) > 1 else "it"
            raise RenderError(f"{error}; remove or replace {them}", field=field_name) from None
        if not block.fits:
            message = (f"text does not fit its box on {self.canvas.platform} "
                       f"({self.canvas.width}×{self.canvas.height}) even at the minimum size "
                       f"{min:g} px in {lines} line{'s' if lines != 1 else ''}; shorten it")
            if self.overflow == "error":
                raise RenderError(message, field=field_name)
            self.warnings.append(f"{field_name}: {message}")
        self.blocks.append((field_name, block))
        return block


@dataclass
class _ImageHelper:
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


@lru_cache(maxsize=64)
def framed_photo(path: str, focus: tuple[float, float], width: int, height: int) -> str:
    """The photo cropped to ``width``:``height`` keeping ``focus`` as central as the
    edges allow, resized to exactly that many pixels, as a PNG data URI."""
    with Image.open(path) as source:
        source.draft("RGB", (width, height))  # JPEG: decode at a reduced scale when possible
        photo = ImageOps.exif_transpose(source).convert("RGB")
    scale = max(width / photo.width, height / photo.height)
    crop_w, crop_h = width / scale, height / scale
    left = min(max(focus[0] * photo.width - crop_w / 2, 0), photo.width - crop_w)
    top = min(max(focus[1] * photo.height - crop_h / 2, 0), photo.height - crop_h)
    framed = photo.resize((width, height), Image.Resampling.LANCZOS,
                          box=(left, top, left + crop_w, top + crop_h))
    buffer = io.BytesIO()
    framed.save(buffer, "PNG", compress_level=1)  # the final PNG is compressed once, later
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _page_alt(page: PageView, whole: str, asset: Asset) -> str:
    """Each slide's own alt text: the title slide describes the carousel; the others
    say what they show."""
    if page.kind == "item" and page.item is not None:
        return str(page.item)
    if page.kind == "point" and page.point is not None:
        return f"{page.point.label}: {page.point.display}"
    if page.kind == "end":
        parts = [asset.fields.get(k, "") for k in ("cta", "hashtag", "link")]
        return " ".join(p for p in parts if p) or whole
    return whole.rstrip(".")


def _fail(message: str, field: str | None = None) -> None:
    """Templates call ``fail("...", "field")`` for data they cannot draw (e.g. 500 icons):
    the job fails with that message, naming the field."""
    raise RenderError(message, field=field)


def _number_helper(numbers: NumberStyle) -> Any:
    def num(value: object) -> str:
        """A number (or text holding numbers) as the card's language writes it."""
        return numbers.text(str(value))

    return num


def _larger(a: float, b: float) -> float:
    return a if a >= b else b  # (text()'s parameters are called max and min)


def mirror_helper(canvas: Canvas, rtl: bool) -> Any:
    def mx(x: float, w: float = 0) -> float:
        """Physical x of a shape placed at logical ``x`` (from the start edge), ``w`` wide."""
        return canvas.width - x - w if rtl else x

    return mx


def render_svg(asset: Asset, platform: Platform, templates: TemplateSet,
               overflow: Overflow = "error", debug: bool = False, page: int = 0) -> Rendered:
    """The job's SVG and alt text. ``debug`` draws the template's text and image boxes,
    the safe areas of tall formats and a 12-column grid over the card."""
    info = templates.infos[asset.template]
    card = Card.of(asset, platform, info, page)
    asset, view, canvas, rtl = card.asset, card.theme, card.canvas, card.rtl
    warnings: list[str] = []
    if not card.localized:
        warnings.append(f"no labels in {asset.lang!r} yet: words added by the template "
                        "(such as 'Goal 4' and 'Source') are in English")
    ratio = contrast_ratio(view.text, view.colour)
    if ratio < AA_NORMAL:
        warnings.append(f"text colour {view.text} on {view.colour} has a contrast of "
                        f"{ratio:.1f}:1, below WCAG AA (4.5:1): hard to read for many; "
                        "choose other colours")
    summaries = {name: ", ".join(f"{p.label}: {p.display}" for p in points)
                 for name, points in card.series.items()}
    alt = asset.alt or alt_text(asset, info, view.name, card.phrases, card.goal_number,
                                summaries)
    if card.page is not None:
        alt = _page_alt(card.page, alt, asset) + f" ({card.page.counter})"
    text_helper = _TextHelper(canvas, asset.lang, overflow, warnings, rtl)
    context = {
        **card.context(),
        "fail": _fail,
        "alt_text": alt,
        "num": _number_helper(card.numbers),
        "text": text_helper,
        "image": _ImageHelper(canvas, asset.images, rtl, text_helper.boxes),
        "mx": mirror_helper(canvas, rtl),
    }
    try:
        if info.kind == "svg":
            layout_file = info.layouts.get(canvas.format)
            if layout_file is None:
                raise RenderError(f"template {info.name!r} has no {canvas.format} layout; it has "
                                  f"{', '.join(info.layouts)}", field="template")
            svg = _fill_drawing(marked.parse(layout_file), card, text_helper, alt)
        else:
            svg = templates.get(asset.template).render(context)
            if 'id="lnob-' in svg or 'label="lnob-' in svg:  # marked boxes in a Jinja template
                svg = _fill_drawing(marked.parse(info.source, svg), card, text_helper, alt)
    except RenderError:
        raise
    except Exception as error:  # a template bug: report it as this job's failure
        raise RenderError(f"template {asset.template!r} failed: {type(error).__name__}: {error}",
                          field="template") from None
    refuse_external(svg, asset.template)
    if debug:
        svg = _with_overlay(svg, canvas, text_helper.boxes)
    source = asset.fields.get("source")
    post = caption(
        asset.caption or caption_body(info.caption, {**asset.fields, **summaries,
                                                     "goal": view.name}, asset.lang),
        card.phrases["alt_source"].format(source=source) if source else "",
        [asset.fields.get("hashtag") or card.phrases["pledge"],
         f"#SDG{view.number}" if view.number else "", *asset.hashtags],
        asset.fields.get("link", ""), platform.caption_limit,
        count_links_as_23=platform.name == "x-post")
    if len(alt) > MASTODON_ALT:
        warnings.append(f"alt text is {len(alt)} characters; Mastodon accepts {MASTODON_ALT}")
    return Rendered(svg=svg, alt_text=alt, warnings=warnings, caption=post,
                    texts=text_helper.blocks)


def _fill_drawing(drawing: marked.Drawing, card: Card, text: _TextHelper, alt: str) -> str:
    """Fill a designer's drawing: theme colours, fitted text on top, photos in place."""
    text.mirror = False
    theme, labels, fields = card.theme, card.labels, card.fields
    values = {**fields,
              "goal_number": FieldText(card.goal_number, "goal_number", "en"),
              "goal_name": labels["goal_name"],
              "source_line": labels["source"] if fields.get("source") else "",
              "hashtag": labels["pledge"]}
    images = card.asset.images

    def image(name: str, x: float, y: float, w: float, h: float, pw: int, ph: int) -> str:
        ref = images.get(name)
        if ref is None:
            return ""
        uri = framed_photo(ref.path, ref.focus, pw, ph)
        return (f'<image x="{x:.2f}" y="{y:.2f}" width="{w:.2f}" height="{h:.2f}" '
                f'preserveAspectRatio="none" href="{uri}"/>')

    painter = marked.Painter(
        colours={"goal": theme.colour, "text": theme.text, "accent": theme.accent},
        values=values, rtl=card.rtl, text=text, image=image)
    svg = marked.fill(drawing, card.canvas.width, card.canvas.height, painter)
    title = escape(alt, quote=False)
    return svg.replace(">", f' role="img" aria-label="{escape(alt)}">'
                       f"<title>{title}</title>", 1)


def refuse_external(svg: str, template: str) -> None:
    """Refuse an SVG that points outside itself (``href`` to a file or web address,
    ``url(...)`` to anything but ``#id``, ``@import``). The rasterizer would not load
    them anyway (cairosvg with unsafe=False); this says so instead of a silent hole."""
    try:
        references = scan(svg).references
    except expat.ExpatError as error:
        raise RenderError(f"template {template!r} made SVG that is not well-formed: "
                          f"{expat.ErrorString(error.code)} at line {error.lineno}",
                          field="template") from None
    if references:
        raise RenderError(f"template {template!r} refers to {references[0].target!r}: "
                          "external files and web addresses are never loaded; embed it "
                          "(data: URI) or remove it", field="template")


def _with_overlay(svg: str, canvas: Canvas, boxes: list[Box]) -> str:
    """Boxes (text magenta, images cyan), tall formats' unsafe bands shaded, a 12-column grid.
    (Colours with opacity attributes: cairosvg ignores the alpha of #RRGGBBAA.)"""
    w, h = canvas.width, canvas.height
    parts = ['<g class="debug" fill="none" stroke-width="2">']
    margin = w / 24
    for i in range(13):
        x = margin + i * (w - 2 * margin) / 12
        parts.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{h}" stroke="#FFFFFF" '
                     'stroke-opacity="0.35"/>')
    if canvas.format == "tall":
        band = 250 * h / 1920
        shade = 'fill="#000000" fill-opacity="0.45" stroke="none"'
        parts.append(f'<rect width="{w}" height="{band:.1f}" {shade}/>'
                     f'<rect y="{h - band:.1f}" width="{w}" height="{band:.1f}" {shade}/>')
    for kind, x, y, bw, bh in boxes:
        colour = "#FF00FF" if kind == "text" else "#00E5FF"
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bw:.1f}" height="{bh:.1f}" '
                     f'stroke="{colour}" stroke-dasharray="8 6"/>')
    parts.append("</g>")
    end = svg.rstrip().rfind("</svg>")
    return svg[:end] + "".join(parts) + svg[end:]
