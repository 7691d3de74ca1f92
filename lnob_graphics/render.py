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
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
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
from lnob_graphics.data import ImageRef, parse_number
from lnob_graphics.i18n import direction_of, labels_for
from lnob_graphics.numbers import NumberStyle, number_style
from lnob_graphics.platforms import Platform
from lnob_graphics.svgscan import scan
from lnob_graphics.templates import TemplateSet
from lnob_graphics.text.engine import Align, TextBlock, VAlign, layout
from lnob_graphics.text.fit import FitRule
from lnob_graphics.text.shaping import MissingGlyphError
from lnob_graphics.themes import (
    AA_GRAPHICS,
    AA_NORMAL,
    WHITE,
    Theme,
    contrast_ratio,
    darken_to,
    text_colour_on,
    theme_for,
)

Overflow = Literal["error", "warn"]
MASTODON_ALT = 1500  # characters of alt text Mastodon accepts


class FieldText(str):
    """A string that knows which field it came from, so fit errors can name it, and
    its language when it differs from the card's (an English fallback label)."""

    field_name: str
    lang: str | None

    def __new__(cls, value: str, field_name: str, lang: str | None = None) -> FieldText:
        obj = super().__new__(cls, value)
        obj.field_name = field_name
        obj.lang = lang
        return obj


class RenderError(Exception):
    """This job cannot be rendered; ``field`` names the culprit when known."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Canvas:
    width: int
    height: int
    format: str  # square | portrait | tall | wide
    platform: str
    min_text: float = 0.0  # no text smaller than this (px): readable on a phone

    @property
    def short(self) -> int:
        return min(self.width, self.height)


@dataclass(frozen=True)
class Frame:
    """The designer's grid for a canvas: unit, margin and the safe top and bottom.

    ``u`` is one pixel of the reference layout (1080 wide, or 630 high for wide
    formats), so templates are written once and scale to every size. Tall formats
    keep their top and bottom 250 px (at 1920) free for the apps' own buttons."""

    u: float
    margin: float
    top: float
    bottom: float
    width: float  # between the margins

    @classmethod
    def of(cls, canvas: Canvas) -> Frame:
        if canvas.format == "wide":
            u = canvas.height / 630
            margin = 56 * u
            return cls(u, margin, margin, canvas.height - margin, canvas.width - 2 * margin)
        u = canvas.width / 1080
        margin = 80 * u
        if canvas.format == "tall":
            band = 260 * canvas.height / 1920
            return cls(u, margin, band, canvas.height - band, canvas.width - 2 * margin)
        return cls(u, margin, margin, canvas.height - margin, canvas.width - 2 * margin)

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class ThemeView:
    """What a template may know about the theme, in the asset's language."""

    key: str
    number: int | None
    colour: str
    text: str
    stripe: Sequence[str]
    name: str
    is_pledge: bool
    accent: str  # the goal colour for shapes on a white card (3:1 at least)
    goals: Sequence[str]  # the 17 goal colours, in order (the pledge's stripe)


@dataclass
class Rendered:
    svg: str
    alt_text: str
    warnings: list[str] = field(default_factory=list)
    caption: str = ""  # the suggested post text for this platform
    # Every text the template laid out, with the field it came from: where text is on
    # the card (the goldens compare these regions; a checker can read sizes from them).
    texts: list[tuple[str, TextBlock]] = field(default_factory=list)


@dataclass(frozen=True)
class PointView:
    """A data point as a template sees it: label in the card's language, the value as
    a number (for geometry) and as the language writes it (for labels)."""

    label: FieldText
    value: float
    display: FieldText
    highlight: bool


Box = tuple[str, float, float, float, float]  # kind, physical x, y, width, height


@dataclass(frozen=True)
class PageView:
    """One slide of a carousel: which one, of how many, and what it shows."""

    number: int
    count: int
    kind: str  # "title", "item" (a text of a list field), "point" (a data point), "end"
    item: FieldText | None = None
    point: PointView | None = None
    counter: str = ""  # "2/7" as the card's language writes it


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


def _page_view(page: int, asset: Asset, fields: Sequence[str],
               series: dict[str, list[PointView]], numbers: NumberStyle) -> PageView:
    """Slide ``page`` of ``asset.pages``: the title, then every entry of the template's
    page fields in order (texts of a list, points of a series), then the closing slide."""
    counter = f"{numbers.integer(page)}/{numbers.integer(asset.pages)}"
    if page == 1:
        return PageView(page, asset.pages, "title", counter=counter)
    if page == asset.pages:
        return PageView(page, asset.pages, "end", counter=counter)
    index = page - 2
    for name in fields:
        texts = asset.lists.get(name, ())
        if index < len(texts):
            return PageView(page, asset.pages, "item", FieldText(numbers.text(texts[index]), name),
                            counter=counter)
        index -= len(texts)
        points = series.get(name, [])
        if index < len(points):
            return PageView(page, asset.pages, "point", point=points[index], counter=counter)
        index -= len(points)
    raise RenderError(f"slide {page} of {asset.pages} has nothing to show", field="template")


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
    theme = theme_for(asset.goal)
    numbers = number_style(asset.lang, asset.digits)
    info = templates.infos[asset.template]
    # Number fields as numbers, for geometry (None when not given).
    raw_numbers = {name: parse_number(asset.fields[name]) if name in asset.fields else None
                   for name, spec in info.fields.items() if spec.type == "number"}
    highlight = asset.fields.get("highlight", "").strip().casefold()
    series = {
        name: [PointView(FieldText(p.label, name), p.value,
                         FieldText(numbers.text(p.written), name),
                         bool(highlight) and p.label.strip().casefold() == highlight)
               for p in points]
        for name, points in asset.series.items()}
    # Numbers as the card's language writes them, in the image and its alt text alike.
    asset = replace(asset, fields={k: numbers.text(v) for k, v in asset.fields.items()})
    labels, localized = labels_for(asset.lang)
    goal_number = numbers.integer(theme.number) if theme.number else ""
    warnings: list[str] = []
    if not localized:
        warnings.append(f"no labels in {asset.lang!r} yet: words added by the template "
                        "(such as 'Goal 4' and 'Source') are in English")
    canvas = Canvas(platform.width, platform.height, platform.format_class, platform.name,
                    platform.min_text)
    rtl = direction_of(asset.lang) == "rtl"
    view = _theme_view(theme, asset.lang, asset.colour, asset.text_colour)
    ratio = contrast_ratio(view.text, view.colour)
    if ratio < AA_NORMAL:
        warnings.append(f"text colour {view.text} on {view.colour} has a contrast of "
                        f"{ratio:.1f}:1, below WCAG AA (4.5:1): hard to read for many; "
                        "choose other colours")
    summaries = {name: ", ".join(f"{p.label}: {p.display}" for p in points)
                 for name, points in series.items()}
    alt = asset.alt or alt_text(asset, info, view.name, labels, goal_number, summaries)
    page_view = _page_view(page, asset, info.pages, series, numbers) if page else None
    if page_view is not None:
        alt = _page_alt(page_view, alt, asset) + f" ({page_view.counter})"
    fields = {name: FieldText(value, name) for name, value in asset.fields.items()}
    for name in info.fields:
        fields.setdefault(name, FieldText("", name))
    text_helper = _TextHelper(canvas, asset.lang, overflow, warnings, rtl)
    label_lang = None if localized else "en"  # English fallback labels keep English direction
    name_lang = None if theme.name(asset.lang) else "en"
    context = {
        "canvas": canvas,
        "theme": view,
        "lang": asset.lang,
        "dir": "rtl" if rtl else "ltr",
        "fields": fields,
        "labels": {
            "goal": FieldText(labels["goal"].format(n=goal_number), "goal label", label_lang),
            "source": FieldText(labels["source"].format(source=asset.fields.get("source", "")),
                                "source", label_lang),
            "pledge": FieldText(labels["pledge"], "pledge label", label_lang),
            "goal_name": FieldText(view.name, "goal name", name_lang),
            "target": FieldText(labels["target"], "target label", label_lang),
            "now": FieldText(labels["now"], "now label", label_lang),
            "quote": FieldText(labels["quote"], "quote mark", label_lang),
        },
        "frame": Frame.of(canvas),
        "page": page_view,
        "lists": {name: [FieldText(numbers.text(t), name) for t in texts]
                  for name, texts in asset.lists.items()},
        "fail": _fail,
        "alt_text": alt,
        "goal_number": goal_number,
        "num": _number_helper(numbers),
        "numbers": raw_numbers,
        "series": series,
        "images": {name: ref.focus for name, ref in asset.images.items()},  # which were given
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
            svg = _fill_drawing(marked.parse(layout_file), canvas, context, asset.images)
        else:
            svg = templates.get(asset.template).render(context)
            if 'id="lnob-' in svg or 'label="lnob-' in svg:  # marked boxes in a Jinja template
                svg = _fill_drawing(marked.parse(info.source, svg), canvas, context,
                                    asset.images)
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
        labels["alt_source"].format(source=source) if source else "",
        [asset.fields.get("hashtag") or labels["pledge"],
         f"#SDG{theme.number}" if theme.number else "", *asset.hashtags],
        asset.fields.get("link", ""), platform.caption_limit,
        count_links_as_23=platform.name == "x-post")
    if len(alt) > MASTODON_ALT:
        warnings.append(f"alt text is {len(alt)} characters; Mastodon accepts {MASTODON_ALT}")
    return Rendered(svg=svg, alt_text=alt, warnings=warnings, caption=post,
                    texts=text_helper.blocks)


def _fill_drawing(drawing: marked.Drawing, canvas: Canvas, context: dict[str, Any],
                  images: dict[str, ImageRef]) -> str:
    """Fill a designer's drawing: theme colours, fitted text on top, photos in place."""
    helper: _TextHelper = context["text"]
    helper.mirror = False
    theme: ThemeView = context["theme"]
    labels = context["labels"]
    values = {**context["fields"],
              "goal_number": FieldText(context["goal_number"], "goal_number", "en"),
              "goal_name": labels["goal_name"],
              "source_line": labels["source"] if context["fields"].get("source") else "",
              "hashtag": labels["pledge"]}

    def image(name: str, x: float, y: float, w: float, h: float, pw: int, ph: int) -> str:
        ref = images.get(name)
        if ref is None:
            return ""
        uri = framed_photo(ref.path, ref.focus, pw, ph)
        return (f'<image x="{x:.2f}" y="{y:.2f}" width="{w:.2f}" height="{h:.2f}" '
                f'preserveAspectRatio="none" href="{uri}"/>')

    painter = marked.Painter(
        colours={"goal": theme.colour, "text": theme.text, "accent": theme.accent},
        values=values, rtl=context["dir"] == "rtl", text=helper, image=image)
    svg = marked.fill(drawing, canvas.width, canvas.height, painter)
    title = escape(str(context["alt_text"]), quote=False)
    return svg.replace(">", f' role="img" aria-label="{escape(str(context["alt_text"]))}">'
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


def _theme_view(theme: Theme, lang: str, colour: str | None = None,
                text: str | None = None) -> ThemeView:
    """The theme in ``lang``; the asset's own colours, if it has any, replace the goal's
    (the text colour is then computed for contrast unless given too)."""
    name = theme.name(lang) or theme.names["en"]
    background = (colour or theme.colour).upper()
    foreground = (text or (text_colour_on(background) if colour else theme.text)).upper()
    stripe = theme.stripe if not colour or theme.is_pledge else (background,)
    return ThemeView(theme.key, theme.number, background, foreground, stripe, name,
                     theme.is_pledge, darken_to(background, WHITE, AA_GRAPHICS),
                     theme_for("lnob").stripe)
