"""Rebuild the subset fonts in this folder from Debian's packages.

    apt-get download fonts-noto-cjk fonts-noto-color-emoji
    for deb in *.deb; do dpkg -x "$deb" x; done
    python fonts/make_subsets.py x

The budget and the coverage kept are explained in SOURCES.md. The result is
deterministic (same inputs, same bytes), so SOURCES.md can list checksums.
"""

from __future__ import annotations

import contextlib
import hashlib
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

HERE = Path(__file__).resolve().parent
CJK = "usr/share/fonts/opentype/noto/NotoSansCJK-{weight}.ttc"
CJK_SC_INDEX = 2  # Noto Sans CJK SC is face 2 of the collection
EMOJI = "usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"


def gb2312() -> list[int]:
    """Every character of GB 2312: 6,763 hanzi (the set that covers nearly all
    modern Simplified Chinese text) plus its 682 symbols, kana and full-width forms."""
    chars = []
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):  # unassigned code points
                chars.append(ord(bytes([high, low]).decode("gb2312")))
    return chars


def chinese_coverage() -> list[int]:
    punctuation = range(0x3000, 0x3040)  # CJK symbols and punctuation
    fullwidth = range(0xFF00, 0xFFF0)  # full-width forms: ，。！？（）％
    quotes = [0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x2014, 0x00B7]
    return sorted({*gb2312(), *punctuation, *fullwidth, *quotes})


# Horizontal Simplified Chinese needs these; dropping the vertical, Japanese,
# Korean and Traditional (locl) alternates halves the file (2.8 MB -> 1.5 MB).
CJK_FEATURES = ["ccmp", "kern", "liga", "mark", "mkmk", "halt", "palt"]
ALL_FEATURES = ["*"]  # emoji: the ligatures are the skin-tone and ZWJ sequences


def _options(features: list[str]) -> subset.Options:
    options = subset.Options()
    options.layout_features = features
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False  # rendered as outlines at large sizes: hints do nothing
    options.drop_tables += ["VORG", "vhea", "vmtx"]  # we lay out horizontally only
    return options


def subset_font(source: Path, target: Path, unicodes: list[int] | None, features: list[str],
                font_number: int = -1) -> None:
    font = TTFont(source, fontNumber=font_number, recalcTimestamp=False)
    subsetter = subset.Subsetter(_options(features))
    if unicodes is None:
        subsetter.populate(unicodes=font.getBestCmap().keys())
    else:
        subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)
    font.save(target)
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    print(f"{target.name}: {target.stat().st_size // 1024} KB, {len(font.getGlyphOrder())} glyphs,"
          f" sha256 {digest}")


def main(root: Path) -> None:
    coverage = chinese_coverage()
    for weight in ("Regular", "Bold"):
        subset_font(root / CJK.format(weight=weight), HERE / f"NotoSansSC-{weight}-GB2312.otf",
                    coverage, CJK_FEATURES, font_number=CJK_SC_INDEX)
    # Every emoji stays: one a campaigner can type and we cannot draw is an error.
    subset_font(root / EMOJI, HERE / "NotoColorEmoji.ttf", None, ALL_FEATURES)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
