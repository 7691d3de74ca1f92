"""Line breaking and fitting as pure functions over measured widths.

Nothing here knows about fonts: a paragraph arrives as per-character advance
widths in em, the offsets where a line may start (ICU) and the grapheme
boundaries used as a last resort. Because outlines are unhinted, widths scale
linearly with the font size, so one measurement serves every candidate size.
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
    graphemes: Sequence[int]  # grapheme boundaries, for breaking an over-long word

    def __post_init__(self) -> None:
        prefix = [0.0]
        for width in self.widths:
            prefix.append(prefix[-1] + width)
        object.__setattr__(self, "_prefix", prefix)

    def width(self, start: int, end: int) -> float:
        """Width of ``[start, end)`` without its trailing whitespace."""
        while end > start and self.spaces[end - 1]:
            end -= 1
        prefix: list[float] = self._prefix  # type: ignore[attr-defined]
        return prefix[end] - prefix[start]


def break_greedy(para: Measured, max_width: float) -> list[Line]:
    """Fill each line with as many break-separated pieces as fit in ``max_width`` (em).

    A piece wider than the whole line (a long word, a URL) is cut at grapheme
    boundaries: the only way to keep it inside the box without losing letters.
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
            end = _cut_long_piece(para, start, max_width)
        lines.append((start, end))
        start = end
    return lines


def _cut_long_piece(para: Measured, start: int, max_width: float) -> int:
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


def break_balanced(para: Measured, max_width: float) -> list[Line]:
    """Greedy breaking at the narrowest width that needs no more lines than at
    ``max_width``: lines of similar length instead of a long one and an orphan."""
    lines = break_greedy(para, max_width)
    if len(lines) < 2:
        return lines
    low, high = 0.0, max_width
    for _ in range(14):
        mid = (low + high) / 2
        trial = break_greedy(para, mid)
        if len(trial) <= len(lines) and all(para.width(a, b) <= mid for a, b in trial):
            high = mid
        else:
            low = mid
    return break_greedy(para, high)


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
              balance: bool) -> list[list[Line]]:
    breaker = break_balanced if balance else break_greedy
    return [breaker(para, box_width / size) for para in paras]


def fits_at(paras: Sequence[Measured], size: float, box_width: float, box_height: float,
            rule: FitRule, leading: float) -> bool:
    lines = layout_at(paras, size, box_width, balance=False)
    count = sum(len(p) for p in lines)
    if count > rule.max_lines or count * size * rule.line_height * leading > box_height + 1e-6:
        return False
    return all(para.width(a, b) * size <= box_width + 1e-6
               for para, plines in zip(paras, lines, strict=True) for a, b in plines)


def fit(paras: Sequence[Measured], box_width: float, box_height: float, rule: FitRule,
        leading: float = 1.0, step: float = 0.5) -> Fit:
    """The largest size in ``[min_size, max_size]`` (on a ``step`` grid) at which
    the text fits the box within ``max_lines``; ``fits=False`` at ``min_size`` otherwise."""
    if fits_at(paras, rule.max_size, box_width, box_height, rule, leading):
        size = rule.max_size
    elif not fits_at(paras, rule.min_size, box_width, box_height, rule, leading):
        size = rule.min_size
        return Fit(size, layout_at(paras, size, box_width, balance=False), fits=False)
    else:
        # Invariant: fits at low, not at high. Binary search on the step grid.
        low, high = rule.min_size, rule.max_size
        while high - low > step:
            mid = low + round((high - low) / 2 / step) * step
            if mid <= low or mid >= high:
                break
            if fits_at(paras, mid, box_width, box_height, rule, leading):
                low = mid
            else:
                high = mid
        size = low
    return Fit(size, layout_at(paras, size, box_width, balance=rule.balance), fits=True)
