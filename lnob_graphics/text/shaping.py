"""Font runs and HarfBuzz shaping.

A paragraph is cut into runs of one embedding level and one font. The font for
each character is the first face of the language's stack that covers it; neutral
characters (spaces, punctuation, digits, marks) stay with a neighbouring run's
font when it covers them, so "2030" inside Arabic does not split a word needlessly
and a space does not switch fonts. A character no face covers is an error, never
a silent box.

Emoji are the exception: a whole emoji sequence (base, skin tone, ZWJ joins,
variation selector, keycap, flag pairs and tags) goes to the colour face as one
piece, because HarfBuzz can only ligate a sequence that is in one run.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import uharfbuzz as hb

from lnob_graphics.text.bidi import BidiParagraph
from lnob_graphics.text.fonts import Face

# Joiners and selectors belong to the character before them, whatever the font.
_STICKY = {0x200C, 0x200D, 0xFE0E, 0xFE0F}

_ZWJ, _VS15, _VS16, _KEYCAP = 0x200D, 0xFE0E, 0xFE0F, 0x20E3


def _is_selector(cp: int) -> bool:
    """Variation selectors: invisible, they choose a form of the character before."""
    return 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF


def _emoji_extender(cp: int) -> bool:
    """Characters that continue an emoji sequence: VS16, skin tones, keycap, tags."""
    return cp in (_VS16, _KEYCAP) or 0x1F3FB <= cp <= 0x1F3FF or 0xE0020 <= cp <= 0xE007F


def _pictographic(cp: int) -> bool:
    """Emoji by default (outside the text symbol blocks Noto Sans may also draw)."""
    return 0x1F000 <= cp <= 0x1FAFF


def emoji_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every emoji sequence: a pictograph, or any symbol, digit,
    "#" or "*" followed by VS16 or a keycap; with its skin tones, tags and ZWJ joins.
    A symbol followed by VS15 (text presentation) is not an emoji."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        cp = ord(text[i])
        following = ord(text[i + 1]) if i + 1 < n else 0
        if following == _VS15 or not (_pictographic(cp) or following in (_VS16, _KEYCAP)):
            i += 1
            continue
        start = i
        if 0x1F1E6 <= cp <= 0x1F1FF and 0x1F1E6 <= following <= 0x1F1FF:
            i += 2  # a regional-indicator pair is one flag
        else:
            i += 1
        while i < n:
            cp = ord(text[i])
            if _emoji_extender(cp):
                i += 1
            elif cp == _ZWJ and i + 1 < n and unicodedata.category(text[i + 1]) == "So":
                i += 2  # ZWJ joins the next pictograph (👩 + 🌾 = 👩‍🌾)
            else:
                break
        spans.append((start, i))
    return spans


class MissingGlyphError(ValueError):
    """No bundled font covers some characters (all of them are named at once), with what
    the subset fonts of their scripts keep (``notes``)."""

    def __init__(self, chars: list[str], notes: Sequence[str] = ()) -> None:
        self.chars = chars
        named = ", ".join(f"{c!r} (U+{ord(c):04X} {unicodedata.name(c, 'unnamed character')})"
                          for c in chars)
        plural = "s" if len(chars) > 1 else ""
        hint = "".join(f"; {note}" for note in notes)
        super().__init__(f"no bundled font has the character{plural} {named}{hint}")


def _subset_notes(chars: list[str], stack: list[Face]) -> list[str]:
    """What the first subset face of the stack for each character's block keeps."""
    notes: list[str] = []
    for char in chars:
        face = next((f for f in stack if f.subsets(char)), None)
        if face is not None and face.subset_note and face.subset_note not in notes:
            notes.append(face.subset_note)
    return notes


def _is_neutral(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in "ZPSNMC" or ord(char) in _STICKY


def _western_number(text: str) -> bool:
    """``text`` has Western digits and no letters or other digits (``23%``, ``US$1.90``,
    ``٢٣٪`` not: a number written with its own script's digits belongs to that script)."""
    return (any("0" <= c <= "9" for c in text)
            and all(_is_neutral(c) and (unicodedata.category(c) != "Nd" or "0" <= c <= "9")
                    for c in text))


def assign_faces(text: str, stack: list[Face]) -> list[Face]:
    """Choose a face for every character of ``text`` (see module docstring)."""
    chosen: list[Face | None] = [None] * len(text)
    fixed = [False] * len(text)  # emoji sequences: decided, and never a neighbour's font
    color = next((face for face in stack if face.color), None)
    if color is not None:
        for start, end in emoji_spans(text):
            # A sequence ends early at a character the emoji font lacks (it then
            # goes through the normal choice, and is reported if no font has it).
            stop = next((i for i in range(start, end) if not color.covers(text[i])), end)
            chosen[start:stop] = [color] * (stop - start)
            fixed[start:stop] = [True] * (stop - start)
    if not any(fixed) and _western_number(text):
        # Only a number in Western digits: not in a face whose digits are another style's.
        stack = [face for face in stack if face.numbers] or stack
    missing: list[str] = []
    for i, char in enumerate(text):
        if not fixed[i] and not _is_neutral(char):
            chosen[i] = _first_covering(char, stack, missing)
    # Neutrals: previous strong face, else next strong face, else first covering.
    previous: Face | None = None
    for i, char in enumerate(text):
        face = chosen[i]
        if fixed[i]:
            continue
        if face is not None and not _is_neutral(char):
            previous = face
            continue
        is_mark = unicodedata.category(char).startswith("M") and not _is_selector(ord(char))
        sticks = is_mark or ord(char) in _STICKY or _is_selector(ord(char))
        base_face = chosen[i - 1] if i > 0 else None
        if sticks and base_face is not None:
            # Marks and joiners must be shaped with their base character; a mark its
            # base's font lacks would be a silent box.
            if is_mark and not base_face.covers(char):
                missing.append(char)
            chosen[i] = base_face
            continue
        if previous is not None and previous.covers(char):
            chosen[i] = previous
            continue
        following = next((chosen[j] for j in range(i + 1, len(text))
                          if chosen[j] is not None and not fixed[j] and not _is_neutral(text[j])),
                         None)
        if following is not None and following.covers(char):
            chosen[i] = following
        elif unicodedata.category(char) == "Cf":
            # Invisible format characters (ALM in the Arabic percent sign, ZWSP, word
            # joiner): HarfBuzz hides them in any font, so they never need coverage.
            chosen[i] = previous or following or stack[0]
        else:
            chosen[i] = _first_covering(char, stack, missing)
    if missing:
        chars = list(dict.fromkeys(missing))
        raise MissingGlyphError(chars, _subset_notes(chars, stack))
    return [face for face in chosen if face is not None]


def _first_covering(char: str, stack: list[Face], missing: list[str]) -> Face:
    for face in stack:
        if face.covers(char):
            return face
    missing.append(char)
    return stack[0]


@dataclass(frozen=True)
class Run:
    """A stretch of a paragraph with one embedding level and one face."""

    start: int
    end: int
    level: int
    face: Face


def itemize(paragraph: BidiParagraph, faces: list[Face]) -> list[Run]:
    runs: list[Run] = []
    start = 0
    for i in range(1, len(paragraph.text) + 1):
        if (
            i == len(paragraph.text)
            or paragraph.levels[i] != paragraph.levels[start]
            or faces[i] is not faces[start]
        ):
            runs.append(Run(start, i, paragraph.levels[start], faces[start]))
            start = i
    return runs


@dataclass(frozen=True)
class Glyph:
    face: Face
    glyph_id: int
    cluster: int  # index in the paragraph text of the first character it draws
    advance: int  # font units
    x_offset: int
    y_offset: int


def shape(text: str, start: int, end: int, level: int, face: Face, lang: str) -> list[Glyph]:
    """Shape ``text[start:end]`` with its paragraph as context; glyphs in visual order."""
    buffer = hb.Buffer()
    buffer.add_str(text, start, end - start)
    buffer.direction = "rtl" if level % 2 else "ltr"
    buffer.language = lang
    buffer.guess_segment_properties()
    hb.shape(face.hb_font, buffer, {})
    return [
        Glyph(face, info.codepoint, info.cluster, pos.x_advance, pos.x_offset, pos.y_offset)
        for info, pos in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True)
    ]
