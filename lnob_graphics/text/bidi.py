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
