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
Balanced breaking considers the whole paragraph (``break_balanced``): even lines, never a
last line of one short word (or of one dictionary word or character, in scripts without
spaces) where the width allows a second beside it, line ends after phrase punctuation where that
costs little; where only a slightly smaller size avoids a lone last word, the fitter takes
it (``ORPHAN_SHRINK``).
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
    phrase_ends: Sequence[int] = ()  # offsets just after phrase punctuation (PHRASE_ENDS)
    word_splits: Sequence[int] = ()  # breaks inside a Chinese or Japanese dictionary word

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


# Where a phrase ends: a line that ends after one of these reads as a unit (commas,
# semicolons, colons, dashes and full stops of Latin, Arabic, Devanagari, Chinese and
# Khmer text, among others).
PHRASE_ENDS = frozenset(",;:.!?\u2013\u2014\u060c\u061b\u061f\u06d4\u0964\u0965"
                        "\u3001\u3002\uff0c\uff1b\uff1a\uff01\uff1f\u17d4\u17d5\u104a\u104b")
# The costs of a paragraph's breaks, in squared shares of the line width left empty: a line
# 10 % short costs 0.01. A last line of one word costs more than any spacing can (it is
# avoided wherever the box allows); a line ending at a phrase end is worth a line about
# 20 % shorter than the even breaking's (0.04); a hyphen is a last resort among the breaks.
ORPHAN_COST = 10.0
PHRASE_BONUS = 0.04
HYPHEN_COST = 0.25
# A Chinese or Japanese line may end inside a word (一 / 个): allowed, as the language sets
# it, but a line about 17 % shorter that ends between words reads better.
WORD_SPLIT_COST = 0.03
LAST_LINE_TIE = 1e-6  # between two equally even breakings, the shorter last line
# A text whose last line would be one word, at the fitted size, may be set up to this
# much smaller, within the rule's sizes, where that avoids it.
ORPHAN_SHRINK = 0.85
# A last word alone is an orphan only when its line is shorter than this share of the line
# above: a long word (Tamil உரிமையுண்டு, Spanish desigualdades) fills its line and leaves
# no hole beside it, and its only cure — the two last words together on a line wider than
# the box — would set the whole text a third smaller.
ORPHAN_SHARE = 0.5


def pieces(para: Measured, line: Line) -> int:
    """How many words (pieces between break opportunities) a line holds."""
    start, end = line
    while end > start and para.spaces[end - 1]:
        end -= 1
    return 1 + sum(1 for b in para.breaks if start < b < end)


def lone_word(para: Measured, last: Line, above: Line) -> bool:
    """``last`` holds one short word under ``above``, a line of several (the designer's
    orphan: shorter than ``ORPHAN_SHARE`` of the line above)."""
    return (pieces(para, last) == 1 and pieces(para, above) >= 2
            and para.width(*last) < ORPHAN_SHARE * para.width(*above))


def orphaned(para: Measured, lines: Sequence[Line]) -> bool:
    """The paragraph ends in a lone short word (``lone_word``), not after a hyphen."""
    return (len(lines) >= 2 and lone_word(para, lines[-1], lines[-2])
            and not para.hyphenated(lines[-2][1]))


def phrase_ends(text: str) -> list[int]:
    """Offsets just after the phrase punctuation of ``text`` (for ``Measured.phrase_ends``)."""
    return [i + 1 for i, char in enumerate(text) if char in PHRASE_ENDS]


def break_balanced(para: Measured, max_width: float, hyphenate: bool = False) -> list[Line]:
    """The best breaking of the whole paragraph into as few lines as greedy filling needs
    at ``max_width``: lines of even length, no last line of one word where the width
    allows another beside it, line ends after phrase punctuation where that costs little
    (``Measured.phrase_ends``). Dynamic programming over the
    break opportunities (as Knuth and Plass's, with the line count fixed); a paragraph
    with a word wider than the line is left as greedy filling cut it."""
    greedy = break_greedy(para, max_width, hyphenate)
    count = len(greedy)
    if count < 2 or not para.clean(greedy, hyphenate) \
            or any(para.width(a, b) > max_width for a, b in greedy):
        return greedy
    total = len(para.widths)
    ends = sorted({b for b in para.breaks if b > 0}
                  | ({h for h in para.hyphens if 0 < h < total} if hyphenate else set()))
    starts = [0, *[e for e in ends if e < total]]
    # best[k][end]: (cost, start of the line that ends there) for k + 1 lines up to end.
    best: list[dict[int, tuple[float, int]]] = [{} for _ in range(count)]
    phrases = frozenset(para.phrase_ends)
    splits = frozenset(para.word_splits)

    def line_cost(start: int, end: int, last: bool) -> float:
        share = para.width(start, end) / max_width
        cost = (1.0 - share) ** 2 + (LAST_LINE_TIE * share if last else 0.0)
        if not last:
            trimmed = end
            while trimmed > start and para.spaces[trimmed - 1]:
                trimmed -= 1
            if para.hyphenated(end):
                cost += HYPHEN_COST
            elif trimmed in phrases:
                cost -= PHRASE_BONUS
            elif end in splits:
                cost += WORD_SPLIT_COST
        return cost

    for end in ends:
        for start in reversed(starts):
            if start >= end:
                continue
            if para.width(start, end) > max_width:
                break  # (widths only grow as the line starts earlier)
            last = end == total
            here = line_cost(start, end, last)
            if start == 0:
                previous: list[tuple[int, float]] = [(0, 0.0)]
            else:
                previous = [(k + 1, best[k][start][0]) for k in range(count - 1)
                            if start in best[k]]
            for lines_before_plus_one, cost_before in previous:
                k = lines_before_plus_one  # index of this line
                if k >= count or (last and k != count - 1) or (not last and k == count - 1):
                    continue
                cost = cost_before + here
                if last and k >= 1:
                    line_above_start = best[k - 1][start][1] if start in best[k - 1] else 0
                    if lone_word(para, (start, end), (line_above_start, start)):
                        cost += ORPHAN_COST
                if end not in best[k] or cost < best[k][end][0] - 1e-12:
                    best[k][end] = (cost, start)
    if total not in best[count - 1]:
        return greedy
    lines: list[Line] = []
    end, k = total, count - 1
    while k >= 0:
        start = best[k][end][1]
        lines.append((start, end))
        end, k = start, k - 1
    lines.reverse()
    return lines


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


def block_height(count: int, size: float, rule: FitRule, leading: float,
                 first: float | None = None) -> float:
    """The height of ``count`` lines: the first line's box (``first`` × the line height; the
    leading when not given), then a step of ``leading`` × the line height for each further
    line. Leading is the space stacked marks need *between* lines; one line needs only room
    for its own ink, which the engine checks on the glyphs drawn."""
    if count == 0:
        return 0.0
    first = leading if first is None else first
    return size * rule.line_height * (first + (count - 1) * leading)


def fits_at(paras: Sequence[Measured], size: float, box_width: float, box_height: float,
            rule: FitRule, leading: float, hyphenate: bool = False,
            first: float | None = None) -> bool:
    lines = layout_at(paras, size, box_width, balance=False, hyphenate=hyphenate)
    count = sum(len(p) for p in lines)
    if count > rule.max_lines or \
            block_height(count, size, rule, leading, first) > box_height + 1e-6:
        return False
    return all(para.clean(plines, hyphenate)
               and all(para.width(a, b) * size <= box_width + 1e-6 for a, b in plines)
               for para, plines in zip(paras, lines, strict=True))


def fit(paras: Sequence[Measured], box_width: float, box_height: float, rule: FitRule,
        leading: float = 1.0, step: float = 0.5, first: float | None = None) -> Fit:
    """The largest size in ``[min_size, max_size]`` (on a ``step`` grid) at which the text
    fits the box within ``max_lines`` with every word whole; failing that, the largest at
    which it fits hyphenated; ``fits=False`` at ``min_size`` otherwise."""
    for hyphenate in (False, True):
        if hyphenate and not any(p.hyphens for p in paras):
            break
        if fits_at(paras, rule.max_size, box_width, box_height, rule, leading, hyphenate,
                   first):
            size = rule.max_size
        elif not fits_at(paras, rule.min_size, box_width, box_height, rule, leading,
                             hyphenate, first):
            continue
        else:
            # Invariant: fits at low, not at high. Binary search on the step grid.
            low, high = rule.min_size, rule.max_size
            while high - low > step:
                mid = low + round((high - low) / 2 / step) * step
                if mid <= low or mid >= high:
                    break
                if fits_at(paras, mid, box_width, box_height, rule, leading, hyphenate, first):
                    low = mid
                else:
                    high = mid
            size = low
        lines = layout_at(paras, size, box_width, rule.balance, hyphenate)
        if any(orphaned(p, plines) for p, plines in zip(paras, lines, strict=True)):
            size, lines = _without_orphans(paras, size, lines, box_width, box_height, rule,
                                           leading, step, hyphenate, first)
        return Fit(size, lines, fits=True)
    size = rule.min_size
    return Fit(size, layout_at(paras, size, box_width, balance=False, hyphenate=True),
               fits=False)


def _without_orphans(paras: Sequence[Measured], size: float, lines: list[list[Line]],
                     box_width: float, box_height: float, rule: FitRule, leading: float,
                     step: float, hyphenate: bool,
                     first: float | None) -> tuple[float, list[list[Line]]]:
    """The largest size on the step grid, down to ``ORPHAN_SHRINK`` of ``size`` and not
    below the rule's minimum, at which no paragraph ends in a word alone; ``size`` and its
    ``lines`` when there is none."""
    floor = max(rule.min_size, size * ORPHAN_SHRINK)
    grid = int((size - rule.min_size) / step - 1e-9)  # the grid point just below size
    for k in range(grid, -1, -1):
        smaller = rule.min_size + k * step
        if smaller < floor - 1e-9:
            break
        if not fits_at(paras, smaller, box_width, box_height, rule, leading, hyphenate, first):
            continue
        trial = layout_at(paras, smaller, box_width, rule.balance, hyphenate)
        if not any(orphaned(p, plines) for p, plines in zip(paras, trial, strict=True)):
            return smaller, trial
    return size, lines
