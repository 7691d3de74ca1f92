"""Designer SVGs: templates drawn in Inkscape or exported from Figma, no Jinja needed.

A designer marks shapes by their ``id`` (or Inkscape's ``inkscape:label``, which
the Layers and Objects panel edits):

- ``lnob-text-FIELD``: a rectangle where a text field goes (``headline``,
  ``stat`` …, or a built-in: ``goal_number``, ``goal_name``, ``source_line``,
  ``hashtag``). The rectangle is the box; it is replaced by the fitted text.
  Optional attributes: ``data-lnob-lines`` (default 1), ``data-lnob-max`` and
  ``data-lnob-min`` (font sizes in the drawing's units), ``data-lnob-align``
  (``start`` ``center`` ``end``), ``data-lnob-valign`` (``top`` ``middle``
  ``bottom``), ``data-lnob-weight`` (``regular`` ``bold``), ``data-lnob-lh``
  (line height), ``data-lnob-fill`` (``text`` ``goal`` ``accent`` or a colour),
  ``data-lnob-optional="true"``.
- ``lnob-image-FIELD``: a rectangle filled with the photo, cropped around its focus.
- ``lnob-goal-tile``: a rectangle where the goal tile goes — the goal's pictogram, its
  number and its name in the card's language (the pledge's wheel and name for goal:
  lnob), in one row as high as the box, from its start edge; ``data-lnob-panel="true"``
  puts it on a panel of the goal colour (over a photo, on a white card).
  ``lnob-goal-pictogram``: the pictogram alone, as large as the box allows, centred in
  it (``data-lnob-fill``: its colour; default the large-text colour, white wherever it
  reads).
- ``lnob-fill-ROLE`` / ``lnob-stroke-ROLE``: a shape painted in a theme colour:
  ``goal`` (the goal's colour), ``text`` (the text colour computed for contrast on
  it, 4.5:1), ``large`` (the colour for large text and graphics on it, 3:1: white
  wherever that holds) or ``accent`` (the goal colour darkened to read on white).

Several shapes may share a mark: add ``--anything`` (``lnob-fill-goal--band``);
Figma's ``_2`` suffixes are understood too. Everything else in the drawing —
Inkscape's own namespaces and attributes included — is left as it is.

Files: ``NAME.svg`` (its format is read from its proportions) or one file per format,
``NAME.square.svg``, ``NAME.portrait.svg``, ``NAME.tall.svg``, ``NAME.wide.svg``. The
drawing is scaled to cover the canvas; text is laid out in canvas pixels, on top.
For right-to-left languages text aligned ``start`` goes to the right edge of its box.
The drawing itself stays as drawn — unless the root ``<svg>`` says
``data-lnob-rtl="mirror"``: then the whole drawing and its boxes are mirrored, as the
built-in templates are (photos keep their orientation).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lnob_graphics.platforms import format_class

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
INKSCAPE = "http://www.inkscape.org/namespaces/inkscape"
NAMESPACES = {"": SVG, "xlink": XLINK, "inkscape": INKSCAPE,
              "sodipodi": "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"}
for _prefix, _uri in NAMESPACES.items():
    ET.register_namespace(_prefix, _uri)

MARK = re.compile(r"^lnob-(text|image|fill|stroke|goal)-([A-Za-z][A-Za-z0-9_]*?)(?:--[\w-]*|_\d+)?$")
FORMAT_SUFFIXES = ("square", "portrait", "tall", "wide")
BUILT_IN_TEXT = ("goal_number", "goal_name", "source_line", "hashtag")
ROLES = ("goal", "text", "large", "accent")
GOAL_BOXES = ("tile", "pictogram")  # lnob-goal-tile, lnob-goal-pictogram
_TRANSLATE = re.compile(r"^\s*translate\(\s*([-\d.eE]+)(?:[\s,]+([-\d.eE]+))?\s*\)\s*$")
_MATRIX = re.compile(r"^\s*matrix\(\s*1[\s,]+0[\s,]+0[\s,]+1[\s,]+([-\d.eE]+)[\s,]+([-\d.eE]+)\s*\)\s*$")


class MarkedError(ValueError):
    """A designer SVG that cannot be used; the message names the file and what to fix."""


@dataclass(frozen=True)
class Box:
    kind: str  # "text", "image" or "goal"
    name: str  # the field it shows (for "goal": tile or pictogram)
    x: float  # in the drawing's units, ancestors' translations applied
    y: float
    width: float
    height: float
    options: dict[str, str]  # data-lnob-* attributes, without the prefix
    element: ET.Element = field(compare=False, repr=False)


@dataclass
class Drawing:
    """A parsed designer SVG and what is marked in it."""

    path: Path
    root: ET.Element
    view: tuple[float, float, float, float]  # viewBox: x, y, width, height
    boxes: list[Box] = field(default_factory=list)
    roles: list[tuple[ET.Element, str, str]] = field(default_factory=list)  # element, paint, role
    problems: list[str] = field(default_factory=list)

    @property
    def format(self) -> str:
        return format_class(self.view[2], self.view[3])  # the same rule as the platforms


def split_name(path: Path) -> tuple[str, str | None]:
    """``poster.wide.svg`` → ("poster", "wide"); ``poster.svg`` → ("poster", None)."""
    stem = path.name[: -len(".svg")]
    base, _, suffix = stem.rpartition(".")
    if base and suffix in FORMAT_SUFFIXES:
        return base, suffix
    return stem, None


def mark_of(element: ET.Element) -> tuple[str, str] | None:
    for name in (element.get("id"), element.get(f"{{{INKSCAPE}}}label")):
        match = MARK.match(name or "")
        if match:
            return match.group(1), match.group(2)
    return None


def parse(path: Path, text: str | None = None) -> Drawing:
    """Read a designer SVG; ``Drawing.problems`` lists what ``templates check`` reports.
    Filling changes the tree: parse once per image (it takes about a millisecond)."""
    source = path.read_text(encoding="utf-8") if text is None else text
    if "<!DOCTYPE" in source or "<!ENTITY" in source:
        raise MarkedError(f"{path}: has a DOCTYPE or entities; remove them (an SVG needs none)")
    try:
        root = ET.fromstring(source)
    except ET.ParseError as error:
        line, column = error.position
        raise MarkedError(f"{path}:{line}: not well-formed XML (column {column + 1}): "
                          f"{str(error).split(':')[0]}") from None
    if root.tag != f"{{{SVG}}}svg":
        raise MarkedError(f"{path}: the root element is not <svg>")
    drawing = Drawing(path, root, _view_box(root, path))
    _walk(drawing, root, 0.0, 0.0, transformed=False)
    return drawing


def _view_box(root: ET.Element, path: Path) -> tuple[float, float, float, float]:
    box = root.get("viewBox")
    try:
        if box:
            x, y, w, h = (float(v) for v in box.replace(",", " ").split())
        else:
            x, y = 0.0, 0.0
            w = float(re.sub(r"(px)?$", "", root.get("width", "")))
            h = float(re.sub(r"(px)?$", "", root.get("height", "")))
    except ValueError:
        raise MarkedError(f"{path}: give the <svg> a viewBox (or width and height in px)") from None
    if w <= 0 or h <= 0:
        raise MarkedError(f"{path}: the viewBox has no area")
    return x, y, w, h


def _walk(drawing: Drawing, element: ET.Element, dx: float, dy: float,
          transformed: bool) -> None:
    for child in element:
        cdx, cdy, ctransformed = dx, dy, transformed
        transform = child.get("transform")
        if transform:
            move = _TRANSLATE.match(transform) or _MATRIX.match(transform)
            if move:
                cdx += float(move.group(1))
                cdy += float(move.group(2) or 0)
            else:
                ctransformed = True
        mark = mark_of(child)
        if mark is not None:
            kind, name = mark
            label = child.get("id") or name
            if kind in ("fill", "stroke"):
                if name not in ROLES:
                    drawing.problems.append(f"{label}: unknown colour role {name!r}; one of: "
                                            f"{', '.join(ROLES)}")
                else:
                    drawing.roles.append((child, kind, name))
            elif kind == "goal" and name not in GOAL_BOXES:
                drawing.problems.append(f"{label}: unknown goal box {name!r}; one of: "
                                        f"{', '.join('lnob-goal-' + n for n in GOAL_BOXES)}")
            elif child.tag != f"{{{SVG}}}rect":
                drawing.problems.append(f"{label}: a {kind} box must be a rectangle (<rect>), "
                                        f"not <{child.tag.split('}')[-1]}>")
            elif ctransformed:
                drawing.problems.append(
                    f"{label}: is inside a rotated, scaled or skewed group; only moves are "
                    "understood (Inkscape: Object ▸ Transform, or ungroup and apply)")
            else:
                try:
                    x, y = float(child.get("x", 0)) + cdx, float(child.get("y", 0)) + cdy
                    w, h = float(child.get("width", 0)), float(child.get("height", 0))
                except ValueError:
                    drawing.problems.append(f"{label}: x, y, width and height must be numbers")
                    continue
                if w <= 0 or h <= 0:
                    drawing.problems.append(f"{label}: the box has no area")
                    continue
                options = {k[len("data-lnob-"):]: v for k, v in child.attrib.items()
                           if k.startswith("data-lnob-")}
                drawing.boxes.append(Box(kind, name, x, y, w, h, options, child))
        _walk(drawing, child, cdx, cdy, ctransformed)


def iter_with_parents(root: ET.Element) -> Iterator[tuple[ET.Element, ET.Element]]:
    for parent in root.iter():
        for child in parent:
            yield parent, child


@dataclass(frozen=True)
class Painter:
    """What filling a drawing needs from the renderer (kept apart so this module
    knows nothing of campaigns): theme colours, text values, and the two helpers."""

    colours: dict[str, str]  # role -> colour
    values: dict[str, Any]  # field -> text (FieldText) for text boxes
    rtl: bool  # the card's language is written right to left
    text: Callable[..., Any]  # the renderer's text(): returns a TextBlock
    # box name (tile, pictogram), x, y, width, height (canvas px), the box's options -> SVG
    goal: Callable[[str, float, float, float, float, dict[str, str]], str]
    # field, x, y, width, height (drawing units), pixel width, pixel height -> <image> or ""
    image: Callable[[str, float, float, float, float, int, int], str]


def fill(drawing: Drawing, width: int, height: int, painter: Painter) -> str:
    """The drawing scaled to cover ``width``×``height``, colours and boxes filled."""
    root = drawing.root
    vx, vy, vw, vh = drawing.view
    scale = max(width / vw, height / vh)
    ox, oy = (width - vw * scale) / 2 - vx * scale, (height - vh * scale) / 2 - vy * scale
    for element, paint, role in drawing.roles:
        colour = painter.colours[role]
        element.set(paint, colour)
        style = element.get("style")
        if style:  # Inkscape keeps paint in style="fill:#ff0000;…", which wins over fill=
            element.set("style", re.sub(rf"(^|;)\s*{paint}\s*:[^;]*", rf"\g<1>{paint}:{colour}",
                                        style))
    mirror = painter.rtl and root.get("data-lnob-rtl") == "mirror"
    parents = {child: parent for parent, child in iter_with_parents(root)}
    texts: list[str] = []
    for box in drawing.boxes:
        parent = parents[box.element]
        index = list(parent).index(box.element)
        parent.remove(box.element)
        bx = 2 * vx + vw - box.x - box.width if mirror else box.x
        x, y = bx * scale + ox, box.y * scale + oy
        w, h = box.width * scale, box.height * scale
        if box.kind == "image":
            markup = painter.image(box.name, box.x, box.y, box.width, box.height,
                                   max(1, round(w)), max(1, round(h)))
            if markup:
                element = ET.fromstring(_with_namespace(markup))
                if mirror:  # the drawing is flipped: flip the photo back
                    wrapper = ET.Element(f"{{{SVG}}}g", transform=f"translate("
                                         f"{2 * box.x + box.width:.3f} 0) scale(-1 1)")
                    wrapper.append(element)
                    element = wrapper
                parent.insert(index, element)
            continue
        if box.kind == "goal":
            texts.append(painter.goal(box.name, x, y, w, h, box.options))
            continue
        value = painter.values.get(box.name)
        if value:
            texts.append(str(painter.text(value, x, y, w, h, **_rule(box, scale,
                                                                      painter.colours))))
    body = "".join(ET.tostring(child, encoding="unicode") for child in root)
    return (f'<svg xmlns="{SVG}" xmlns:xlink="{XLINK}" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}">'
            f'<g transform="translate({ox:.3f} {oy:.3f}) scale({scale:.6f})'
            f'{f" translate({2 * vx + vw:.3f} 0) scale(-1 1)" if mirror else ""}">{body}</g>'
            f'{"".join(texts)}</svg>')


def _with_namespace(markup: str) -> str:
    return markup.replace("<image ", f'<image xmlns="{SVG}" ', 1) if "xmlns" not in markup \
        else markup


def _rule(box: Box, scale: float, colours: dict[str, str]) -> dict[str, Any]:
    o = box.options
    lines = _int(o.get("lines"), 1)
    line_height = _float(o.get("lh"), 1.15)
    largest = _float(o.get("max"), min(box.height / (lines * line_height), box.height * 0.8))
    smallest = _float(o.get("min"), largest * 0.4)
    fill_role = o.get("fill", "text")
    return {
        "max": largest * scale, "min": min(smallest, largest) * scale, "lines": lines,
        "lh": line_height, "weight": "bold" if o.get("weight") == "bold" else "regular",
        "align": o.get("align", "start") if o.get("align") in ("start", "center", "end")
        else "start",
        "valign": o.get("valign") if o.get("valign") in ("top", "middle", "bottom") else "top",
        "fill": colours.get(fill_role, fill_role if re.fullmatch(r"#[0-9A-Fa-f]{6}", fill_role)
                            else colours["text"]),
    }


def _int(value: str | None, default: int) -> int:
    try:
        return max(1, int(value)) if value else default
    except ValueError:
        return default


def _float(value: str | None, default: float) -> float:
    try:
        return float(value) if value else default
    except ValueError:
        return default
