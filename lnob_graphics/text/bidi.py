"""Unicode Bidirectional Algorithm (UAX #9): embedding levels and visual reordering.

python-bidi's fast ``get_display`` hides the levels we need, so we drive the
steps of its bundled pure-Python ``bidi.algorithm`` ourselves (rules P2–I2), and
apply rule L2 per *line* after line breaking — reordering a whole paragraph
before breaking would put the wrong words on the first line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar
from unicodedata import bidirectional as _bidirectional

from bidi import algorithm as _uba

Direction = Literal["ltr", "rtl"]
_KEPT = {"\u200c", "\u200d", "\u2060"}  # ZWNJ, ZWJ, word joiner
_ISOLATES = {0x2066: "\u202a", 0x2067: "\u202b", 0x2068: "\u202a", 0x2069: "\u202c"}


@dataclass(frozen=True)
class BidiParagraph:
    text: str  # the paragraph without explicit embedding controls (rule X9)
    levels: tuple[int, ...]  # one resolved embedding level per character of ``text``
    base_level: int

    @property
    def direction(self) -> Direction:
        return "rtl" if self.base_level % 2 else "ltr"


def analyse(text: str, direction: Direction | None) -> BidiParagraph:
    """Resolve embedding levels; ``direction`` None means "from the first strong character"."""
    # python-bidi's algorithm predates the isolates (LRI, RLI, FSI, PDI, Unicode 6.3) and
    # fails on them: read them as the embeddings they refine (LRE, RLE, PDF).
    text = text.translate(_ISOLATES)
    if direction != "rtl":
        plain = _left_to_right(text)
        if plain is not None:
            return plain
    return _analysed(text, direction)


def _analysed(text: str, direction: Direction | None) -> BidiParagraph:
    """The whole algorithm (``text`` with its isolates already read as embeddings)."""
    storage = _uba.get_empty_storage()
    if direction is None:
        base_level = _uba.get_base_level(text, False)
    else:
        base_level = 1 if direction == "rtl" else 0
    storage["base_level"] = base_level
    storage["base_dir"] = ("L", "R")[base_level]
    _uba.get_embedding_levels(text, storage, False, False)
    every_char = list(storage["chars"])
    for char in every_char:
        if not char["type"]:  # unassigned in Python's Unicode data: L, as UAX #9 says
            char["type"] = char["orig"] = "L"
    _uba.explicit_embed_and_overrides(storage, False)
    _uba.resolve_weak_types(storage, False)
    _resolve_brackets(storage)
    _uba.resolve_neutral_types(storage, False)
    _uba.resolve_implicit_levels(storage, False)
    # Rule X9 removes boundary neutrals too, but some are not decoration: ZWNJ
    # separates Persian letters, ZWJ and tags build emoji sequences, the word joiner
    # forbids a line break. Keep those, at their neighbour's level (UAX #9 section
    # 5.2, "retaining BNs"). A soft hyphen stays dropped: we draw no hyphen at a break.
    kept = {id(c) for c in storage["chars"]}
    chars: list[str] = []
    levels: list[int] = []
    for c in every_char:
        if id(c) in kept:
            chars.append(c["ch"])
            levels.append(int(c["level"]))
        elif c["ch"] in _KEPT or 0xE0020 <= ord(c["ch"]) <= 0xE007F:
            chars.append(c["ch"])
            levels.append(levels[-1] if levels else base_level)
    return BidiParagraph(text="".join(chars), levels=tuple(levels), base_level=base_level)


# What can make a paragraph anything but level 0 throughout: right-to-left letters, Arabic
# numbers (level 2 even in left-to-right text) and explicit embeddings and overrides.
_NOT_LEFT_TO_RIGHT = frozenset({"R", "AL", "AN", "RLE", "LRE", "RLO", "LRO", "PDF",
                                "RLI", "LRI", "FSI", "PDI"})


def _left_to_right(text: str) -> BidiParagraph | None:
    """The result of the whole algorithm for a paragraph with none of _NOT_LEFT_TO_RIGHT
    (most cards: Latin, Cyrillic, Indic, Chinese… with European digits), without running
    it: its base level is 0 (its first strong character, if any, is L), every number
    takes the L before it (W7), every neutral the L around it (N1, N2), so every
    character is at level 0; boundary neutrals are dropped or kept as ``analyse`` does.
    None for any other paragraph. (The same results as the full algorithm, compared on
    every text of the examples and labels and on random strings: tests/test_bidi.py.)"""
    if not text.isascii() and any(_bidirectional(c) in _NOT_LEFT_TO_RIGHT for c in text):
        return None
    if any(_bidirectional(c) == "BN" for c in text):
        text = "".join(c for c in text if _bidirectional(c) != "BN" or c in _KEPT
                       or 0xE0020 <= ord(c) <= 0xE007F)
    return BidiParagraph(text=text, levels=(0,) * len(text), base_level=0)


# Paired brackets (UAX #9 BD14–BD16, from the Unicode Character Database's
# BidiBrackets.txt): opening bracket -> its closing one.
_BRACKETS = {"(": ")", "[": "]", "{": "}", "\u0f3a": "\u0f3b", "\u0f3c": "\u0f3d",
             "\u169b": "\u169c", "\u2045": "\u2046", "\u207d": "\u207e", "\u208d": "\u208e",
             "\u2308": "\u2309", "\u230a": "\u230b", "\u2329": "\u232a", "\u2768": "\u2769",
             "\u276a": "\u276b", "\u276c": "\u276d", "\u276e": "\u276f", "\u2770": "\u2771",
             "\u2772": "\u2773", "\u2774": "\u2775", "\u27e6": "\u27e7", "\u27e8": "\u27e9",
             "\u27ea": "\u27eb", "\u2983": "\u2984", "\u2985": "\u2986", "\u3008": "\u3009",
             "\u300a": "\u300b", "\u300c": "\u300d", "\u300e": "\u300f", "\u3010": "\u3011",
             "\u3014": "\u3015", "\u3016": "\u3017", "\u3018": "\u3019", "\u301a": "\u301b",
             "\ufe59": "\ufe5a", "\uff08": "\uff09", "\uff3b": "\uff3d", "\uff5b": "\uff5d",
             "\uff5f": "\uff60", "\uff62": "\uff63"}
_CLOSING = {close: open_ for open_, close in _BRACKETS.items()}
_CANONICAL = {"\u2329": "\u3008", "\u232a": "\u3009"}  # canonically equivalent brackets


def _strong(bidi_type: str) -> str | None:
    """A character's direction for rule N0: L, or R (numbers count as R); None if neutral."""
    if bidi_type == "L":
        return "L"
    if bidi_type in ("R", "AL", "EN", "AN"):
        return "R"
    return None


def _resolve_brackets(storage: dict[str, object]) -> None:
    """Rule N0 (Unicode 6.3), which python-bidi's algorithm predates: a bracket pair takes
    one direction, so that its two brackets mirror together. Without it, ``(World Bank)``
    followed by Latin text in an Arabic paragraph resolves "(" right-to-left and ")"
    left-to-right, and the ")" lands on the far side of its word when the line is
    reordered. Applied per level run (this engine has no isolates)."""
    chars: list[dict[str, object]] = storage["chars"]  # type: ignore[assignment]
    runs: list[dict[str, object]] = storage["runs"]  # type: ignore[assignment]
    for run in runs:
        start, length = int(run["start"]), int(run["length"])  # type: ignore[call-overload]
        indices = list(range(start, start + length))
        if not indices:
            continue
        embedding = "R" if int(chars[start]["level"]) % 2 else "L"
        sos = "R" if run["sor"] == "R" else "L"
        # BD16: pairs of brackets, by a stack of openings (63 deep, as the rule says).
        stack: list[tuple[str, int]] = []
        pairs: list[tuple[int, int]] = []
        for i in indices:
            char, kind = str(chars[i]["ch"]), chars[i]["type"]
            if kind != "ON":
                continue
            if char in _BRACKETS:
                if len(stack) == 63:
                    break
                stack.append((_CANONICAL.get(_BRACKETS[char], _BRACKETS[char]), i))
            elif char in _CLOSING:
                wanted = _CANONICAL.get(char, char)
                for depth in range(len(stack) - 1, -1, -1):
                    if stack[depth][0] == wanted:
                        pairs.append((stack[depth][1], i))
                        del stack[depth:]
                        break
        for opening, closing in sorted(pairs):
            inside = {_strong(str(chars[i]["type"])) for i in range(opening + 1, closing)}
            if embedding in inside:
                direction = embedding
            elif inside - {None}:
                before = next((d for i in range(opening - 1, start - 1, -1)
                               if (d := _strong(str(chars[i]["type"]))) is not None), sos)
                direction = before if before != embedding else embedding
            else:
                continue
            chars[opening]["type"] = chars[closing]["type"] = direction


T = TypeVar("T")


def reorder(items: Sequence[T], levels: Sequence[int]) -> list[T]:
    """Rule L2: from the highest level down to the lowest odd level, reverse
    every maximal sequence of items at that level or higher."""
    order = list(range(len(items)))
    if not items:
        return []
    highest = max(levels)
    lowest_odd = min(level for level in levels) | 1
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return [items[k] for k in order]
