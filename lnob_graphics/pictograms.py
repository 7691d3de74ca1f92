"""The goals' pictograms, and the pledge's wheel of the 17 goal colours.

The 17 pictograms were drawn for this project — simple geometric shapes, not copies or
traces of the UN's goal icons — on a 100 × 100 grid in one colour, bold enough to read
at 48 px: ``templates/pictograms/goal-N.svg`` (MIT, like the project; see the LICENSE
there and the contact sheet ``docs/images/pictograms.png``). Their only paint is
``currentColor``, replaced by the colour a card draws them in (``theme.large``: white
wherever it reaches the 3:1 WCAG asks of graphics). Artwork is never mirrored for
right-to-left cards: only where it stands.

Each file is checked when first read: its grid, and nothing in it but plain shapes
painted ``currentColor`` or ``none`` (no links, styles, images or text).
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from lnob_graphics.paths import bundled_dir

SVG = "http://www.w3.org/2000/svg"
GRID = 100.0
SHAPES = frozenset({"g", "path", "circle", "ellipse", "rect", "title"})
ATTRIBUTES = frozenset({"d", "cx", "cy", "r", "rx", "ry", "x", "y", "width", "height",
                        "transform", "fill", "fill-rule", "stroke", "stroke-width",
                        "stroke-linecap", "stroke-linejoin"})
PAINTS = frozenset({"currentColor", "none"})
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


class PictogramError(ValueError):
    """A pictogram file that is not a plain one-colour drawing on the 100 × 100 grid."""


def folder() -> Path:
    return bundled_dir("templates") / "pictograms"


def path_of(number: int) -> Path:
    return folder() / f"goal-{number}.svg"


@cache
def artwork(number: int) -> tuple[str, str]:
    """Goal ``number``'s pictogram: its shapes (SVG markup, painted ``currentColor``) and
    what it shows (the file's title)."""
    path = path_of(number)
    try:
        root = ET.fromstring(path.read_text(encoding="utf-8"))
    except (OSError, ET.ParseError) as error:
        raise PictogramError(f"{path}: {error}") from None
    if root.tag != f"{{{SVG}}}svg" or root.get("viewBox") != "0 0 100 100":
        raise PictogramError(f'{path}: expected <svg viewBox="0 0 100 100">')
    title = ""
    for element in root.iter():
        name = element.tag.removeprefix(f"{{{SVG}}}")
        if element is root:
            continue
        if name not in SHAPES:
            raise PictogramError(f"{path}: <{name}> is not a plain shape")
        unknown = sorted(set(element.attrib) - ATTRIBUTES)
        if unknown:
            raise PictogramError(f"{path}: <{name}> has {', '.join(unknown)}")
        for paint in ("fill", "stroke"):
            if element.get(paint, "currentColor") not in PAINTS:
                raise PictogramError(f"{path}: <{name}> {paint}={element.get(paint)!r}; "
                                     "paint it currentColor (or none)")
        element.tag = name  # no namespace: the shapes go inside the card's <svg>
        if name == "title":
            title = (element.text or "").strip()
    shapes = "".join(ET.tostring(child, encoding="unicode").strip()
                     for child in root if child.tag != "title")
    return shapes, title


def pictogram(number: int, x: float, y: float, size: float, colour: str) -> str:
    """Goal ``number``'s pictogram, ``size`` px square at physical ``x``, ``y``."""
    if not _COLOUR.fullmatch(colour):
        raise ValueError(f"a pictogram's colour is #RRGGBB, not {colour!r}")
    shapes, _ = artwork(number)
    return (f'<g class="pictogram" id="pictogram-{number}" transform="translate({_f(x)} '
            f'{_f(y)}) scale({_f(size / GRID, 5)})" aria-hidden="true">'
            f"{shapes.replace('currentColor', colour)}</g>")


def wheel(x: float, y: float, size: float, colours: Sequence[str], hole: float = 0.52,
          gap: float = 1.4) -> str:
    """The pledge's wheel: a ring of one segment per colour (the 17 goals, goal 1 at the
    top, then clockwise), ``size`` px across at physical ``x``, ``y``; ``hole`` is the
    inner radius as a share of the outer, ``gap`` the space between segments in degrees."""
    outer = size / 2
    inner = outer * hole
    cx, cy = x + outer, y + outer
    step = 360 / len(colours)
    parts = []
    for k, colour in enumerate(colours):
        if not _COLOUR.fullmatch(colour):
            raise ValueError(f"a wheel's colours are #RRGGBB, not {colour!r}")
        a0 = math.radians(-90 + k * step + gap / 2)
        a1 = math.radians(-90 + (k + 1) * step - gap / 2)

        def at(radius: float, angle: float) -> str:
            return f"{_f(cx + radius * math.cos(angle))} {_f(cy + radius * math.sin(angle))}"

        parts.append(f'<path fill="{colour}" d="M{at(outer, a0)} A{_f(outer)} {_f(outer)} 0 0 1 '
                     f'{at(outer, a1)} L{at(inner, a1)} A{_f(inner)} {_f(inner)} 0 0 0 '
                     f'{at(inner, a0)} Z"/>')
    return f'<g class="wheel" id="goal-wheel">{"".join(parts)}</g>'


def _f(value: float, digits: int = 2) -> str:
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
