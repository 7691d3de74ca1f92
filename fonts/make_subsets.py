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
# Faces of the collection: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK (then the same five, monospaced).
CJK_JP_INDEX, CJK_KR_INDEX, CJK_SC_INDEX = 0, 1, 2
EMOJI = "usr/share/fonts/truetype/noto/NotoColorEmoji.ttf"


def _euc_rows(codec: str, rows: range) -> list[int]:
    """The characters of the given rows of a 94x94 double-byte standard, read through
    its EUC codec (row 1 is byte 0xA1): the standard's own table, not a list of ours."""
    chars = []
    for high in rows:
        for low in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):  # unassigned code points
                chars.append(ord(bytes([high, low]).decode(codec)))
    return chars


def gb2312() -> list[int]:
    """Every character of GB 2312: 6,763 hanzi (the set that covers nearly all
    modern Simplified Chinese text) plus its 682 symbols, kana and full-width forms."""
    return _euc_rows("gb2312", range(0xA1, 0xF8))


def jis_x_0208() -> list[int]:
    """Every character of JIS X 0208: its 6,355 kanji (level 1, rows 16-47: 2,965 in
    everyday use; level 2, rows 48-84: 3,390 more, among them Jōyō kanji such as 拶 and
    嗅) and its 524 kana, symbols, Latin, Greek and Cyrillic letters (rows 1-8)."""
    return _euc_rows("euc_jp", range(0xA1, 0xA9)) + _euc_rows("euc_jp", range(0xB0, 0xF5))


def ks_x_1001_hangul() -> list[int]:
    """KS X 1001 without its hanja: the 2,350 precomposed hangul syllables of modern
    Korean (rows 16-40) and its 987 symbols, compatibility jamo (ㄱ ㅏ), Latin, Greek,
    Cyrillic letters and kana (rows 1-12)."""
    return _euc_rows("euc_kr", range(0xA1, 0xAD)) + _euc_rows("euc_kr", range(0xB0, 0xC9))


PUNCTUATION = range(0x3000, 0x3040)  # CJK symbols and punctuation
FULLWIDTH = range(0xFF00, 0xFFF0)  # full-width and half-width forms: ，。！？（）％ ｶﾅ
QUOTES = [0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x2014, 0x00B7]


def chinese_coverage() -> list[int]:
    return sorted({*gb2312(), *PUNCTUATION, *FULLWIDTH, *QUOTES})


def japanese_coverage() -> list[int]:
    kana = range(0x3040, 0x3100)  # all of hiragana and katakana (ゔ ヴ ヵ ヶ ー・)
    return sorted({*jis_x_0208(), *kana, *PUNCTUATION, *FULLWIDTH, *QUOTES})


def korean_coverage() -> list[int]:
    jamo = range(0x3131, 0x318F)  # compatibility jamo, typed alone (ㅋㅋ)
    return sorted({*ks_x_1001_hangul(), *jamo, *PUNCTUATION, *FULLWIDTH, *QUOTES})


# Horizontal text needs these; dropping the vertical forms and the other languages'
# (locl) alternates halves the Chinese file (2.8 MB -> 1.5 MB). Each face of the
# collection draws its own language's forms by default, with no locl needed.
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
    cjk = [("SC", "GB2312", chinese_coverage(), CJK_SC_INDEX),
           ("JP", "JISX0208", japanese_coverage(), CJK_JP_INDEX),
           ("KR", "KSX1001", korean_coverage(), CJK_KR_INDEX)]
    for language, standard, coverage, index in cjk:
        for weight in ("Regular", "Bold"):
            subset_font(root / CJK.format(weight=weight),
                        HERE / f"NotoSans{language}-{weight}-{standard}.otf",
                        coverage, CJK_FEATURES, font_number=index)
    # Every emoji stays: one a campaigner can type and we cannot draw is an error.
    subset_font(root / EMOJI, HERE / "NotoColorEmoji.ttf", None, ALL_FEATURES)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
