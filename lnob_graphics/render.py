"""Render one job (an asset in one language on one platform) to an SVG string.

One step per module: the card (``card.py``: what there is to draw, in the card's
language), its description (``description.py``: alt text, post text, warnings), then
the template — Jinja, or a designer's drawing filled in (``marked.py``) — run with the
card and its helpers (``template_helpers.py``: ``text()``, ``image()`` …); it lays
itself out per format class (square, portrait, tall, wide). Last, the SVG is refused
if it refers to anything outside itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from xml.parsers import expat

from lnob_graphics import marked, pictograms
from lnob_graphics.campaign import Asset
from lnob_graphics.card import Canvas, Card, FieldText, Frame, PageView, PointView, ThemeView
from lnob_graphics.description import MASTODON_ALT, describe
from lnob_graphics.errors import RenderError
from lnob_graphics.labels import missing_warning
from lnob_graphics.platforms import Platform
from lnob_graphics.svgscan import scan
from lnob_graphics.template_helpers import Box, Helpers, Ink, Overflow, framed_photo
from lnob_graphics.templates import TemplateSet
from lnob_graphics.text.engine import TextBlock

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
    # The colour of each of those texts and whether it is large (the contrast it owes).
    inks: list[Ink] = field(default_factory=list)


def render_svg(asset: Asset, platform: Platform, templates: TemplateSet,
               overflow: Overflow = "error", debug: bool = False, page: int = 0) -> Rendered:
    """The job's SVG and alt text. ``debug`` draws the template's text and image boxes,
    the safe areas of tall formats and a 12-column grid over the card."""
    card = Card.of(asset, platform, templates.infos[asset.template], page)
    description = describe(card, platform)
    warnings = list(description.warnings)
    helpers = Helpers.of(card, overflow, warnings)
    svg = _draw(card, templates, helpers, description.alt_text)
    missing = card.missing(description.used)
    if missing:  # first: the card's own words before how its text fitted
        warnings.insert(0, missing_warning(asset.lang, missing))
    refuse_external(svg, asset.template)
    if debug:
        svg = _with_overlay(svg, card.canvas, helpers.boxes)
    return Rendered(svg=svg, alt_text=description.alt_text,
                    warnings=[*warnings, *description.alt_warnings],
                    caption=description.caption, texts=helpers.text.blocks,
                    inks=helpers.text.inks)


def _draw(card: Card, templates: TemplateSet, helpers: Helpers, alt: str) -> str:
    """The template's SVG: a Jinja template rendered (and the boxes it marks filled),
    or a designer's drawing filled. A template's own bug fails this job, not the run."""
    info, canvas = card.info, card.canvas
    try:
        if info.kind == "svg":
            layout_file = info.layouts.get(canvas.format)
            if layout_file is None:
                raise RenderError(f"template {info.name!r} has no {canvas.format} layout; it has "
                                  f"{', '.join(info.layouts)}", field="template")
            return _fill_drawing(marked.parse(layout_file), card, helpers, alt, templates)
        context = {**card.context(), **helpers.context(), "alt_text": alt}
        svg = templates.get(card.asset.template).render(context)
        if 'id="lnob-' in svg or 'label="lnob-' in svg:  # marked boxes in a Jinja template
            svg = _fill_drawing(marked.parse(info.source, svg), card, helpers, alt, templates)
        return svg
    except RenderError:
        raise
    except Exception as error:
        raise RenderError(f"template {card.asset.template!r} failed: {type(error).__name__}: "
                          f"{error}", field="template") from None


def _fill_drawing(drawing: marked.Drawing, card: Card, helpers: Helpers, alt: str,
                  templates: TemplateSet) -> str:
    """Fill a designer's drawing: theme colours, fitted text on top, photos in place, the
    goal tile or pictogram in their boxes."""
    text = helpers.text
    text.mirror = False
    theme, labels, fields = card.theme, card.labels, card.fields
    # The built-in texts the drawing has boxes for are the labels it uses.
    labels.ask(*(_DRAWN_LABELS[box.name] for box in drawing.boxes if box.name in _DRAWN_LABELS))
    values = {**fields,
              "goal_number": FieldText(card.goal_number, "goal_number", "en"),
              "goal_name": dict.get(labels, "goal_name", ""),
              "source_line": dict.get(labels, "source", "") if fields.get("source") else "",
              "hashtag": dict.get(labels, "pledge", "")}
    images = card.asset.images

    def image(name: str, x: float, y: float, w: float, h: float, pw: int, ph: int) -> str:
        ref = images.get(name)
        if ref is None:
            return ""
        uri = framed_photo(ref.path, ref.focus, pw, ph)
        return (f'<image x="{x:.2f}" y="{y:.2f}" width="{w:.2f}" height="{h:.2f}" '
                f'preserveAspectRatio="none" href="{uri}"/>')

    colours = {"goal": theme.colour, "text": theme.text, "large": theme.large,
               "accent": theme.accent}

    def goal(name: str, x: float, y: float, w: float, h: float,
             options: dict[str, str]) -> str:
        if name == "pictogram":
            size = min(w, h)
            left, top = x + (w - size) / 2, y + (h - size) / 2
            if theme.number is None:
                return pictograms.wheel(left, top, size, theme.goals)
            fill = options.get("fill", "large")
            colour = colours.get(fill, fill if re.fullmatch(r"#[0-9A-Fa-f]{6}", fill)
                                 else theme.large)
            return pictograms.pictogram(theme.number, left, top, size, colour)
        # The tile: the built-in macro, with logical x (from the box's start edge).
        text.mirror = True
        try:
            return str(templates.goal_tile.render({
                **card.context(), **helpers.context(), "alt_text": alt,
                "x": card.canvas.width - x - w if card.rtl else x, "y": y, "height": h,
                "width": w, "panel": options.get("panel") == "true"}))
        finally:
            text.mirror = False

    painter = marked.Painter(colours=colours, values=values, rtl=card.rtl, text=text,
                             image=image, goal=goal)
    svg = marked.fill(drawing, card.canvas.width, card.canvas.height, painter)
    title = escape(alt, quote=False)
    return svg.replace(">", f' role="img" aria-label="{escape(alt)}">'
                       f"<title>{title}</title>", 1)


# A designer drawing's built-in text boxes and the labels they show.
_DRAWN_LABELS = {"goal_name": "goal_name", "source_line": "source", "hashtag": "pledge"}


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
