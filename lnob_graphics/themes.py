"""Goal themes: official colours, and text colours chosen for contrast.

Colours come from ``data/sdg-goals.yaml`` (a copy of the project's fact sheet, with its
sources: UN DGC SDG logo guidelines, May 2020). The goals' names, in every language, are
labels (``labels.py``, ``data/labels/``). Text colours are *computed* with the WCAG 2.x
contrast ratio, never hand-picked, so goal 7's yellow gets dark text and goal 4's red
gets white.

Two levels, as WCAG 2.x sets them (1.4.3, 1.4.11): text at normal sizes needs 4.5:1;
large text (24 px regular, 18.67 px bold) and meaningful graphics (a pictogram) need 3:1.
So each theme has two text colours: ``text`` for every size, and ``large`` for large text
and pictograms — white wherever white reaches 3:1, as on the official icons (goal 3's
green: white numbers and pictogram, dark small print); where it does not (goal 7's
yellow), the computed colour. Which sizes count as large is ``is_large``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from lnob_graphics.loader import read_yaml
from lnob_graphics.paths import data_file

WHITE = "#FFFFFF"
INK = "#0B132B"  # near-black navy: softer than pure black, still > 17:1 on white
BLACK = "#000000"
AA_NORMAL = 4.5
AA_GRAPHICS = 3.0  # WCAG 2.1 1.4.11: bars, icons and other meaningful shapes
AA_LARGE = 3.0  # WCAG 2.1 1.4.3: large text
# Large text, in CSS px at 1x: 18 pt regular, 14 pt bold.
LARGE_TEXT = 24.0
LARGE_BOLD_TEXT = 14 * 4 / 3  # 18.67
GOAL_KEYS = (*(str(n) for n in range(1, 18)), "lnob")

# The pledge has no UN goal colour: a deep navy that carries white text and lets
# a stripe of all 17 goal colours be the accent.
_LNOB_COLOUR = "#14213D"


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of an ``#RRGGBB`` colour."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def darken_to(colour: str, background: str, minimum: float) -> str:
    """``colour`` mixed towards black in small steps until it reaches ``minimum`` contrast."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    for step in range(21):
        k = 1 - step * 0.05
        candidate = f"#{round(r * k):02X}{round(g * k):02X}{round(b * k):02X}"
        if contrast_ratio(candidate, background) >= minimum:
            return candidate
    return BLACK


def blend(top: str, opacity: float, under: str) -> str:
    """``top`` at ``opacity`` over ``under``, as a renderer composites them (in sRGB)."""
    mixed = (opacity * int(top[i:i + 2], 16) + (1 - opacity) * int(under[i:i + 2], 16)
             for i in (1, 3, 5))
    return "#" + "".join(f"{round(c):02X}" for c in mixed)


# The scrim's own colour: the goal colour darkened until white text has this much on it,
# so that a light veil of it already carries the text.
SCRIM_DEPTH = 10.0


@lru_cache(maxsize=256)  # (asked for on every card, worked out in 101 steps)
def scrim(colour: str, text: str = WHITE, minimum: float = AA_NORMAL) -> tuple[str, float]:
    """The veil that keeps ``text`` readable over any photo: the goal ``colour`` darkened
    (SCRIM_DEPTH) and the least opacity, in steps of 0.01, at which ``text`` keeps
    ``minimum`` contrast over the worst pixel a photo can have under it — pure white or
    pure black, whichever is worse for this text (every other pixel lies between)."""
    shade = darken_to(colour, text, SCRIM_DEPTH)
    for step in range(101):
        opacity = step / 100
        if min(contrast_ratio(text, blend(shade, opacity, under))
               for under in (WHITE, BLACK)) >= minimum:
            return shade, opacity
    return shade, 1.0


@lru_cache(maxsize=256)
def accent_on_scrim(colour: str, shade: str, opacity: float,
                    minimum: float = AA_GRAPHICS) -> str:
    """The goal ``colour`` for a large mark on the veil (``shade`` at ``opacity`` over any
    photo): itself where it keeps ``minimum`` contrast over the veil's lightest and darkest
    (over white and black pixels), else mixed towards white in small steps until it does."""
    veils = [blend(shade, opacity, under) for under in (WHITE, BLACK)]
    for step in range(21):
        candidate = blend(WHITE, step * 0.05, colour)
        if min(contrast_ratio(candidate, veil) for veil in veils) >= minimum:
            return candidate
    return WHITE


def text_colour_on(background: str, candidates: tuple[str, ...] = (WHITE, INK, BLACK),
                   minimum: float = AA_NORMAL) -> str:
    """The first candidate (in order of preference) that reaches ``minimum``
    contrast on ``background``; the highest-contrast one if none does."""
    for candidate in candidates:
        if contrast_ratio(candidate, background) >= minimum:
            return candidate
    return max(candidates, key=lambda c: contrast_ratio(c, background))


def is_large(size: float, bold: bool) -> bool:
    """Whether text drawn ``size`` px high (at 1x) is large text for WCAG: at least 24 px,
    or 18.67 px in bold."""
    return size >= (LARGE_BOLD_TEXT if bold else LARGE_TEXT) - 1e-9


class LargeInk(str):
    """A text colour for large text (3:1), knowing the colour to use instead for text
    that turns out smaller (``small``, 4.5:1). ``text()`` picks by the size the text is
    fitted at, so a template can ask for it on any text that is meant to be big."""

    small: str

    def __new__(cls, colour: str, small: str) -> LargeInk:
        obj = super().__new__(cls, colour)
        obj.small = small
        return obj


def large_ink(background: str, small: str) -> LargeInk:
    """White on ``background`` where it reaches 3:1 (large text, graphics), otherwise the
    colour computed for small text (``small``) where that reaches 3:1 too — one card keeps
    one dark colour — else near-black or black."""
    return LargeInk(text_colour_on(background, (WHITE, small, INK, BLACK), AA_LARGE), small)


@dataclass(frozen=True)
class Theme:
    key: str  # "1".."17" or "lnob"
    number: int | None
    colour: str  # the background: the goal's official colour
    text: str  # text colour on ``colour`` for text of every size (4.5:1), computed
    large: LargeInk  # for large text and pictograms (3:1): white wherever that holds
    stripe: tuple[str, ...]  # accent colours: the goal colour, or all 17 for the pledge

    @property
    def contrast(self) -> float:
        return contrast_ratio(self.text, self.colour)

    @property
    def large_contrast(self) -> float:
        return contrast_ratio(self.large, self.colour)

    @property
    def accent(self) -> str:
        """The goal colour for shapes on a white card, darkened just enough to reach the
        3:1 WCAG contrast for graphics (goal 7's yellow would vanish on white)."""
        return darken_to(self.colour, WHITE, AA_GRAPHICS)

    @property
    def is_pledge(self) -> bool:
        return self.number is None


@cache
def themes() -> dict[str, Theme]:
    data = read_yaml(data_file("sdg-goals.yaml").read_text(encoding="utf-8"))
    goals = sorted(data["goals"], key=lambda g: g["number"])
    wheel = tuple(g["colour"].upper() for g in goals)
    table: dict[str, Theme] = {}
    for goal in goals:
        colour = goal["colour"].upper()
        text = text_colour_on(colour)
        table[str(goal["number"])] = Theme(
            key=str(goal["number"]), number=goal["number"], colour=colour,
            text=text, large=large_ink(colour, text), stripe=(colour,),
        )
    text = text_colour_on(_LNOB_COLOUR)
    table["lnob"] = Theme(key="lnob", number=None, colour=_LNOB_COLOUR, text=text,
                          large=large_ink(_LNOB_COLOUR, text), stripe=wheel)
    return table


def theme_for(goal: str) -> Theme:
    return themes()[goal]
