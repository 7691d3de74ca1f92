"""Line breaking and fitting as pure functions over measured widths.

Nothing here knows about fonts: a paragraph arrives as per-character advance
widths in em, the offsets where a line may start (ICU, minus those inside numbers and
addresses), the hyphenation points of its language and the grapheme boundaries. Because
outlines are unhinted, widths scale linearly with the font size, so one measurement
serves every candidate size.

The order of a designer's choices: shrink the text before breaking inside a word;
hyphenate (with the language's patterns, drawing the hyphen) only when a word cannot fit
whole at the minimum size; never cut a word between letters — a text that still does not
fit is reported (``Fit.fits`` is False), and is only drawn cut for ``--on-overflow warn``.
A last line of one word, where the script separates words, takes a word from the line
above.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Line = tuple[int, int]  # [start, end) offsets into the paragraph text


@dataclass(frozen=True)
class Measured:
    """A paragraph as the line breaker sees it."""

    widths: Sequence[float]  # advance of each character in em (0 inside a cluster)
    spaces: Sequence[bool]  # character is whitespace (does not count at a line end)
    breaks: Sequence[int]  # offsets where a line may begin; the last is len(text)
    graphemes: Sequence[int]  # grapheme boundaries: only for a text that cannot fit
    hyphens: Sequence[int] = ()  # offsets inside words where the language hyphenates
    hyphen_width: float = 0.0  # em, of the hyphen drawn at the end of such a line

    def __post_init__(self) -> None:
        prefix = [0.0]
        for width in self.widths:
            prefix.append(prefix[-1] + width)
        object.__setattr__(self, "_prefix", prefix)
        object.__setattr__(self, "_breaks", frozenset(self.breaks))

    def width(self, start: int, end: int) -> float:
        """Width of ``[start, end)`` without its trailing whitespace, with the hyphen
        drawn when the line ends at a hyphenation point."""
        hyphen = self.hyphen_width if self.hyphenated(end) else 0.0
        while end > start and self.spaces[end - 1]:
            end -= 1
        prefix: list[float] = self._prefix  # type: ignore[attr-defined]
        return prefix[end] - prefix[start] + hyphen

    def hyphenated(self, end: int) -> bool:
        """A line ending at ``end`` ends inside a word, at a hyphenation point."""
        return end not in self._breaks and end in self.hyphens  # type: ignore[attr-defined]

    def separates_words(self) -> bool:
        return any(self.spaces)

    def clean(self, lines: Sequence[Line], hyphenate: bool) -> bool:
        """Every line ends where a line may end (at a hyphenation point if allowed)."""
        ends = self._breaks  # type: ignore[attr-defined]
        return all(end in ends or (hyphenate and end in self.hyphens) for _start, end in lines)


def break_greedy(para: Measured, max_width: float, hyphenate: bool = False) -> list[Line]:
    """Fill each line with as many break-separated pieces as fit in ``max_width`` (em).

    A piece wider than the whole line is split at a hyphenation point (``hyphenate``),
    else between graphemes — which the fitter counts as not fitting (see ``Measured.clean``):
    such a line is drawn only for a text reported as too long.
    """
    lines: list[Line] = []
    start = 0
    total = len(para.widths)
    candidates = [b for b in para.breaks if b > 0]
    while start < total:
        end = None
        for candidate in candidates:
            if candidate <= start:
                continue
            if para.width(start, candidate) <= max_width:
                end = candidate
            else:
                break
        if end is None:
            end = _split_long_piece(para, start, max_width, hyphenate)
        lines.append((start, end))
        start = end
    return _no_lone_last_word(para, lines, max_width)


def _split_long_piece(para: Measured, start: int, max_width: float, hyphenate: bool) -> int:
    points = [h for h in para.hyphens if h > start] if hyphenate else []
    fitting = [h for h in points if para.width(start, h) <= max_width]
    if fitting:
        return fitting[-1]
    end = None
    for boundary in para.graphemes:
        if boundary <= start:
            continue
        if para.width(start, boundary) <= max_width:
            end = boundary
        else:
            break
    if end is None:  # not even one grapheme fits: it still has to go somewhere
        end = next(b for b in para.graphemes if b > start)
    return end


def _no_lone_last_word(para: Measured, lines: list[Line], max_width: float) -> list[Line]:
    """Where words are separated by spaces, a last line of one word takes the last word
    of the line above, if that line keeps two and the new last line fits."""
    if len(lines) < 2 or not para.separates_words():
        return lines
    (prev_start, prev_end), (last_start, last_end) = lines[-2], lines[-1]
    if any(last_start < b < last_end for b in para.breaks):
        return lines  # two words or more already
    inside = [b for b in para.breaks if prev_start < b < prev_end]
    if len(inside) < 2 or prev_end not in para.breaks:
        return lines
    if para.width(inside[-1], last_end) > max_width:
        return lines
    return [*lines[:-2], (prev_start, inside[-1]), (inside[-1], last_end)]


def break_balanced(para: Measured, max_width: float, hyphenate: bool = False) -> list[Line]:
    """Greedy breaking at the narrowest width that needs no more lines than at
    ``max_width``: lines of similar length instead of a long one and an orphan."""
    lines = break_greedy(para, max_width, hyphenate)
    if len(lines) < 2:
        return lines
    low, high = 0.0, max_width
    for _ in range(14):
        mid = (low + high) / 2
        trial = break_greedy(para, mid, hyphenate)
        if (len(trial) <= len(lines) and para.clean(trial, hyphenate)
                and all(para.width(a, b) <= mid for a, b in trial)):
            high = mid
        else:
            low = mid
    return break_greedy(para, high, hyphenate)


@dataclass(frozen=True)
class FitRule:
    """How a text box wants its text: the template's declaration."""

    max_size: float
    min_size: float
    max_lines: int
    line_height: float = 1.15  # multiple of the font size
    balance: bool = True


@dataclass(frozen=True)
class Fit:
    size: float
    lines: list[list[Line]]  # per paragraph
    fits: bool  # False when even min_size overflows the box

    @property
    def line_count(self) -> int:
        return sum(len(p) for p in self.lines)


def layout_at(paras: Sequence[Measured], size: float, box_width: float,
              balance: bool, hyphenate: bool = False) -> list[list[Line]]:
    breaker = break_balanced if balance else break_greedy
    return [breaker(para, box_width / size, hyphenate) for para in paras]


def fits_at(paras: Sequence[Measured], size: float, box_width: float, box_height: float,
            rule: FitRule, leading: float, hyphenate: bool = False) -> bool:
    lines = layout_at(paras, size, box_width, balance=False, hyphenate=hyphenate)
    count = sum(len(p) for p in lines)
    if count > rule.max_lines or count * size * rule.line_height * leading > box_height + 1e-6:
        return False
    return all(para.clean(plines, hyphenate)
               and all(para.width(a, b) * size <= box_width + 1e-6 for a, b in plines)
               for para, plines in zip(paras, lines, strict=True))


def fit(paras: Sequence[Measured], box_width: float, box_height: float, rule: FitRule,
        leading: float = 1.0, step: float = 0.5) -> Fit:
    """The largest size in ``[min_size, max_size]`` (on a ``step`` grid) at which the text
    fits the box within ``max_lines`` with every word whole; failing that, the largest at
    which it fits hyphenated; ``fits=False`` at ``min_size`` otherwise."""
    for hyphenate in (False, True):
        if hyphenate and not any(p.hyphens for p in paras):
            break
        if fits_at(paras, rule.max_size, box_width, box_height, rule, leading, hyphenate):
            size = rule.max_size
        elif not fits_at(paras, rule.min_size, box_width, box_height, rule, leading, hyphenate):
            continue
        else:
            # Invariant: fits at low, not at high. Binary search on the step grid.
            low, high = rule.min_size, rule.max_size
            while high - low > step:
                mid = low + round((high - low) / 2 / step) * step
                if mid <= low or mid >= high:
                    break
                if fits_at(paras, mid, box_width, box_height, rule, leading, hyphenate):
                    low = mid
                else:
                    high = mid
            size = low
        return Fit(size, layout_at(paras, size, box_width, rule.balance, hyphenate), fits=True)
    size = rule.min_size
    return Fit(size, layout_at(paras, size, box_width, balance=False, hyphenate=True),
               fits=False)
