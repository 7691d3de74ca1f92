"""The design check: what a designer of UN campaigns looks at on every card.

Pure checks over a rendered card (``Rendered.texts``: every text laid out, with its field,
size, lines and boxes) and, for empty space, its pixels at a reduced scale:

- ``number``: a line break inside a number, an amount with its currency, a percentage, a
  range (``2015–2030``) or a web or e-mail address;
- ``word``: a word split across lines without a hyphen (where the script's own line
  breaking — ICU: by dictionary in Khmer, between characters in Chinese — allows no break);
- ``orphan``: the last word of a paragraph alone on its line, under a line of several;
- ``void``: the tallest band of empty rows inside the safe area, as a share of its height;
- ``small``: text smaller than 2.2 % of the card's width (unreadable on a phone), by the
  size it is drawn at (Nastaliq at its type scale, 1.3 × its size) — as is the hierarchy;
- ``hierarchy``: a less important text drawn larger than a more important one
  (stat > headline > labels > source; quote > name > place), by the roles of the fields.

Each finding is data (kind, field, message with its numbers). ``validate`` prints them as
warnings (failures with ``--strict``), ``templates check`` as the template's warnings, and
``bench/design.py`` runs them over every template × platform × language × text length.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Literal

from lnob_graphics.card import Canvas, Frame
from lnob_graphics.platforms import Platform
from lnob_graphics.text.engine import HYPHEN, TextBlock
from lnob_graphics.text.fit import ORPHAN_SHARE
from lnob_graphics.text.segment import line_breaks, protected_spans

if TYPE_CHECKING:
    from PIL import Image

    from lnob_graphics.rasterize import Rasterizer
    from lnob_graphics.templates import TemplateInfo

Kind = Literal["number", "word", "orphan", "void", "small", "hierarchy"]
Role = Literal["primary", "secondary", "tertiary"]

# The kinds, in the order a report lists them, as `validate` names them (errors.WARNING_KINDS).
KINDS: dict[Kind, str] = {
    "number": "design: a line break inside a number, amount or address",
    "word": "design: a word split without a hyphen",
    "orphan": "design: a last word alone on its line",
    "void": "design: an empty band inside the safe area",
    "small": "design: text too small to read on a phone",
    "hierarchy": "design: a less important text larger than a more important one",
}
ROLES: tuple[Role, ...] = ("primary", "secondary", "tertiary")

# --- Thresholds ------------------------------------------------------------------------
# Tertiary text (sources, places, labels) must stay readable on a phone, where a feed shows
# the image about 375 px wide: 2.2 % of the width is then about 8 px, the smallest size a
# credit still reads at (the engine's hard floor, platforms.MIN_TEXT_SHARE, is 1.6 %: the
# smallest that reads at all). Any text smaller than tertiary text is held to it too.
MIN_TEXT_SHARE = 0.022
# An empty band taller than a quarter of the safe area is a void. A designer's hard line is
# "nothing leaves a third of the card empty"; the safe area is 73–90 % of the card, so a
# quarter of it is a fifth to a quarter of the card: flagged before it reaches a third.
VOID_SHARE = 0.25
# The card is drawn at an eighth of its size to find empty rows: a row is 8 px of the card,
# fine enough against a threshold of 25 % of a safe area 470–1400 px high (at a quarter the
# bands move by at most 8 px and the findings are the same, at twice the cost). Photos are
# not decoded (see _CHECKER): the whole check costs 1–4 ms a card, ~2 ms the median over the
# design matrix (bench/design.py prints it), where laying the card out costs 2–10 ms.
RASTER_SCALE = 0.125
# A row is empty when every pixel between the margins is within this many levels (of 255,
# per channel) of the row's first: one flat colour. Anything drawn on it differs by more —
# a glyph or a 1 px rule drawn at an eighth still covers an eighth of a pixel, 12+ levels
# on any background with the contrast text needs — and photos are drawn as a checkerboard.
# (A gradient background never reads as empty: such templates get no void findings.)
EMPTY_ROW_SPREAD = 8
# Sizes come from the fitter on a 0.5 px grid scaled to the canvas: a difference below this
# is rounding, not an inversion.
SIZE_EPSILON = 0.05

# The roles of fields by their usual names, for templates that do not declare them
# (``role:`` in a field's metadata). Names not here have no role: they are not compared.
INFERRED_ROLES: dict[str, Role] = {
    "stat": "primary", "quote": "primary", "value": "primary", "title": "primary",
    "items": "primary", "cta": "primary",
    "headline": "secondary", "name": "secondary", "subtitle": "secondary", "body": "secondary",
    "source": "tertiary", "place": "tertiary", "link": "tertiary", "hashtag": "tertiary",
    "data": "tertiary", "credit": "tertiary", "caption": "tertiary",
}
# The words the tool adds (templates' ``labels.*`` names) and the field names their texts
# carry; all tertiary unless a template's ``roles:`` says otherwise — but the opening
# quotation mark, an ornament, which has none.
LABEL_TEXTS: dict[str, str] = {
    "goal_name": "goal name", "goal": "goal label", "pledge": "pledge label",
    "target": "target label", "target_year": "target label", "now": "now label",
    "quote": "quote mark",
}
_UNROLED_LABELS = {"quote mark"}
UNNAMED = "text"  # the field name of a text that comes from no field (a counter, the goal number)


@dataclass(frozen=True)
class Finding:
    kind: Kind
    field: str | None  # the field (as the card's texts name it), None for the whole card
    message: str

    def __str__(self) -> str:
        return self.message

    def as_dict(self) -> dict[str, str | None]:
        return {"kind": self.kind, "field": self.field, "message": self.message}


def roles_of(info: TemplateInfo | None) -> dict[str, Role]:
    """The role of each text a template draws, by the field name its texts carry: the
    field's ``role:``, else inferred from its name; the tool's words tertiary unless the
    template's ``roles:`` says otherwise."""
    roles: dict[str, Role] = {text: "tertiary" for text in LABEL_TEXTS.values()
                              if text not in _UNROLED_LABELS}
    roles.update({name: role for name, role in INFERRED_ROLES.items()
                  if info is None or name not in info.fields})
    if info is None:
        return roles
    for name, spec in info.fields.items():
        role = _role(spec.role) or INFERRED_ROLES.get(name)
        if role is not None:
            roles[name] = role
    for label, declared in info.roles.items():
        role = _role(declared)
        if role is not None:
            roles[LABEL_TEXTS.get(label, label)] = role
    return roles


def _role(value: str | None) -> Role | None:
    return next((role for role in ROLES if role == value), None)


# --- Text ------------------------------------------------------------------------------

def text_findings(texts: Sequence[tuple[str, TextBlock]], lang: str, width: float,
                  roles: Mapping[str, Role]) -> list[Finding]:
    """Breaks, orphans, sizes and hierarchy of a card's texts (``width``: the card's, px)."""
    findings: list[Finding] = []
    for field, block in texts:
        findings += line_findings(field, block, lang)
    findings += small_findings(texts, width)
    findings += hierarchy_findings(texts, roles)
    return findings


@dataclass(frozen=True)
class _Line:
    paragraph: int
    start: int  # offsets into the paragraph's text
    end: int
    hyphen: bool  # the engine drew a hyphen at its end (the word goes on)
    width: float  # px as drawn (NaN where the engine did not say)


def _lines(block: TextBlock) -> list[_Line] | None:
    """Where each line of the block lies in its paragraph; None if a line cannot be found
    (the checks that need it then pass the block by)."""
    paragraphs = block.text.split("\n")
    found: list[_Line] = []
    index, cursor = 0, 0
    widths = block.line_widths or (math.nan,) * len(block.lines)
    for line, width in zip(block.lines, widths, strict=True):
        if not line:
            continue
        while True:
            text = paragraphs[index]
            while cursor < len(text) and text[cursor].isspace():
                cursor += 1
            if cursor < len(text) or index == len(paragraphs) - 1:
                break
            index, cursor = index + 1, 0
        if text.startswith(line, cursor):
            end, hyphen = cursor + len(line), False
        elif line.endswith(HYPHEN) and text.startswith(line[:-len(HYPHEN)], cursor):
            end, hyphen = cursor + len(line) - len(HYPHEN), True
        else:
            return None
        found.append(_Line(index, cursor, end, hyphen, width))
        cursor = end
    return found


# Numbers joined by a dash or a slash (2015–2030, 1/3, 2024-05-01): one number to a reader,
# though a line may break after a dash.
_JOINED_NUMBERS = re.compile(r"\d+(?:[-\u2010\u2011\u2012\u2013\u2014/]\d+)+")


def unbreakable_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of what no line may break inside: the text engine's numbers, amounts,
    percentages and addresses, and numbers joined by a dash or slash."""
    spans = protected_spans(text) + [m.span() for m in _JOINED_NUMBERS.finditer(text)]
    return sorted(spans)


def _word_char(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char) in ("Mn", "Mc", "Me", "Cf")


def line_findings(field: str, block: TextBlock, lang: str) -> list[Finding]:
    """Breaks inside numbers and words, and a lone last word, in one text."""
    lines = _lines(block)
    if lines is None:
        return []
    name = display_name(field, block)
    paragraphs = block.text.split("\n")
    findings: list[Finding] = []
    for before, after in pairwise(lines):
        if before.paragraph != after.paragraph:
            continue
        text, at = paragraphs[after.paragraph], after.start
        span = next(((a, b) for a, b in unbreakable_spans(text) if a < at < b), None)
        if span is not None:
            findings.append(Finding("number", field, f"{name}: {text[span[0]:span[1]]!r} broken "
                                    f"across lines after {text[span[0]:at].rstrip()!r}"))
        elif (not before.hyphen and at > 0 and _word_char(text[at - 1]) and _word_char(text[at])
              and at not in line_breaks(text, lang)):
            start, end = at, at
            while start > 0 and _word_char(text[start - 1]):
                start -= 1
            while end < len(text) and _word_char(text[end]):
                end += 1
            findings.append(Finding("word", field, f"{name}: {text[start:end]!r} split without a "
                                    f"hyphen after {text[start:at]!r}"))
    for index, paragraph in enumerate(paragraphs):
        own = [line for line in lines if line.paragraph == index]
        if len(own) < 2 or own[-2].hyphen:
            continue
        last = paragraph[own[-1].start:own[-1].end]
        above = paragraph[own[-2].start:own[-2].end]
        if len(_words(last, lang)) == 1 and len(_words(above, lang)) >= 2 \
                and not own[-1].width >= ORPHAN_SHARE * own[-2].width:
            findings.append(Finding("orphan", field, f"{name}: {last!r} alone on the last line"))
    return findings


# Scripts that write words without spaces between them (Thai, Lao, Tibetan, Myanmar, Khmer,
# Chinese, Japanese): a space there ends a phrase, so their words are the pieces between
# the language's line-break opportunities (a dictionary word, a syllable, a character).
_UNSPACED = ((0x0E00, 0x0FFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x19E0, 0x19FF),
             (0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


def _unspaced(text: str) -> bool:
    return any(low <= ord(char) <= high for char in text for low, high in _UNSPACED)


def _words(line: str, lang: str) -> list[str]:
    """The words of a line: separated by spaces, or — in scripts written without them —
    the pieces between the language's line-break opportunities (a Thai or Khmer word, a
    Tibetan syllable, a Chinese character with the punctuation that sticks to it)."""
    if not _unspaced(line):
        return line.split()
    ends = line_breaks(line, lang)
    return [line[a:b] for a, b in zip([0, *ends], ends, strict=False) if line[a:b].strip()]


def display_name(field: str, block: TextBlock) -> str:
    """How a finding names a text: its field, or the text itself when it comes from none."""
    if field != UNNAMED:
        return field
    text = " ".join(block.text.split())
    return repr(text if len(text) <= 24 else text[:23] + "…")


def small_findings(texts: Sequence[tuple[str, TextBlock]], width: float) -> list[Finding]:
    """Each text (the smallest of a field's) below ``MIN_TEXT_SHARE`` of the width."""
    floor = width * MIN_TEXT_SHARE
    smallest: dict[str, tuple[str, TextBlock]] = {}
    for field, block in texts:
        name = display_name(field, block)
        if block.lines and (name not in smallest
                            or block.drawn_size < smallest[name][1].drawn_size):
            smallest[name] = (field, block)
    return [Finding("small", field, f"{name} {block.drawn_size:.1f} px is below "
                    f"{MIN_TEXT_SHARE:.1%} of the width ({floor:.1f} px)")
            for name, (field, block) in smallest.items()
            if block.drawn_size < floor - SIZE_EPSILON]


def hierarchy_findings(texts: Sequence[tuple[str, TextBlock]],
                       roles: Mapping[str, Role]) -> list[Finding]:
    """Every pair of texts with roles where the less important one is drawn larger (each
    field at the largest size it is drawn at)."""
    sizes: dict[str, float] = {}
    for field, block in texts:
        if field in roles and block.lines:
            sizes[field] = max(sizes.get(field, 0.0), block.drawn_size)
    rank = {role: i for i, role in enumerate(ROLES)}
    findings = []
    for more, more_size in sizes.items():
        for less, less_size in sizes.items():
            if rank[roles[more]] < rank[roles[less]] and less_size > more_size + SIZE_EPSILON:
                findings.append(Finding("hierarchy", more, f"{more} {more_size:.1f} px is smaller "
                                        f"than {less} {less_size:.1f} px"))
    return findings


# --- Empty space -----------------------------------------------------------------------

def safe_area(platform: Platform) -> Frame:
    """The card's safe area: within the margins (tall formats: clear of the apps' bands)."""
    return Frame.of(Canvas(platform.width, platform.height, platform.format_class,
                           platform.name, platform.min_text))


def _largest_gap(top: float, bottom: float,
                 taken: Iterable[tuple[float, float]]) -> tuple[float, float]:
    """The tallest stretch of [top, bottom] that none of ``taken`` covers: (start, end)."""
    best, cursor = (top, top), top
    for start, end in sorted(taken):
        if start > cursor and min(start, bottom) - cursor > best[1] - best[0]:
            best = (cursor, min(start, bottom))
        cursor = max(cursor, end)
        if cursor >= bottom:
            break
    if bottom - cursor > best[1] - best[0]:
        best = (cursor, bottom)
    return best


def void_finding(texts: Sequence[tuple[str, TextBlock]], platform: Platform,
                 pixels: Callable[[], Image.Image] | None) -> Finding | None:
    """The tallest empty band inside the safe area, if taller than ``VOID_SHARE`` of it.

    A row is taken where a text's ink is (its lines and the leading between them) or where
    the pixels between the margins are not one flat colour. The card is rasterized (by
    ``pixels``) only when the texts alone leave room for a void: shapes and photos can only
    fill space, never make more of it."""
    frame = safe_area(platform)
    limit = VOID_SHARE * frame.height
    inked = [(b.ink_top, b.ink_bottom) for _f, b in texts if b.lines and b.ink_bottom > b.ink_top]
    start, end = _largest_gap(frame.top, frame.bottom, inked)
    if end - start <= limit or pixels is None:
        return None
    image = pixels()
    scale = image.height / platform.height
    left, right = round(frame.margin * scale), round((platform.width - frame.margin) * scale)
    rows = [y / scale for y in _busy_rows(image, left, right)]
    taken = inked + [(y, y + 1 / scale) for y in rows]
    start, end = _largest_gap(frame.top, frame.bottom, taken)
    if end - start <= limit:
        return None
    return Finding("void", None, f"empty band {(end - start) / frame.height:.0%} of the safe "
                   f"height ({end - start:.0f} px) between y={start:.0f} and y={end:.0f}")


def _busy_rows(image: Image.Image, left: int, right: int) -> list[int]:
    """The rows of ``image`` whose pixels in [left, right) are not all within
    ``EMPTY_ROW_SPREAD`` of the row's first one (per channel)."""
    from PIL import Image, ImageChops

    inner = image.crop((left, 0, max(left + 1, right), image.height))
    first = inner.crop((0, 0, 1, inner.height)).resize(inner.size, Image.Resampling.NEAREST)
    red, green, blue = ImageChops.difference(inner, first).split()
    spread = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    marks = spread.tobytes().translate(_BEYOND)  # 1 where a pixel differs, else 0
    width = inner.width
    return [y for y in range(inner.height) if 1 in marks[y * width:(y + 1) * width]]


_BEYOND = bytes(int(level > EMPTY_ROW_SPREAD) for level in range(256))
_ROOT = re.compile(r"<svg\b[^>]*>")
_SIZE = re.compile(r'\s(width|height)="[^"]*"')
_BITMAP = re.compile(r'(href=")data:image/[^"]*(")')
# A photo (or any bitmap) is content, never empty space, whatever it shows: it is drawn as
# this 2×2 checkerboard stretched over its frame (clip, transform and all), which no row
# crosses as one flat colour — and the photo itself is never decoded for the check.
_CHECKER = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAAAAABX3VL4AAAADklEQVR4"
            "2mNg+M/wnwEABgAB/5KZsuwAAAAASUVORK5CYII=")


def small_picture(svg: str, width: int, height: int, rasterizer: Rasterizer,
                  scale: float = RASTER_SCALE) -> Image.Image:
    """The card drawn at ``scale`` of its size by ``rasterizer`` (its root's width and height
    made smaller, its viewBox — added if missing — keeping the drawing whole), with every
    bitmap drawn as a checkerboard."""
    from PIL import Image

    w, h = max(1, round(width * scale)), max(1, round(height * scale))
    root = _ROOT.search(svg)
    if root is None:
        raise ValueError("not an SVG")
    tag = _SIZE.sub("", root.group())
    view = "" if "viewBox=" in tag else f' viewBox="0 0 {width} {height}"'
    tag = tag[:4] + f' width="{w}" height="{h}"{view}' + tag[4:]
    body = _BITMAP.sub(rf"\g<1>{_CHECKER}\g<2>", svg[root.end():])
    png = rasterizer.to_png(svg[:root.start()] + tag + body, w, h)
    with Image.open(io.BytesIO(png)) as picture:
        return picture.convert("RGB")


# --- One card --------------------------------------------------------------------------

def check_card(texts: Sequence[tuple[str, TextBlock]], svg: str, platform: Platform, lang: str,
               roles: Mapping[str, Role], rasterizer: Callable[[], Rasterizer] | None
               ) -> list[Finding]:
    """Every finding on one card, in ``KINDS`` order. ``rasterizer`` gives the backend to
    draw the card small with, when a void is possible (None: voids are not looked for)."""
    pixels: Callable[[], Image.Image] | None = None
    if rasterizer is not None:
        get = rasterizer

        def draw() -> Image.Image:
            return small_picture(svg, platform.width, platform.height, get())

        pixels = draw
    findings = text_findings(texts, lang, platform.width, roles)
    void = void_finding(texts, platform, pixels)
    if void is not None:
        findings.append(void)
    order = list(KINDS)
    return sorted(findings, key=lambda f: order.index(f.kind))
