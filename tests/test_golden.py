"""The golden comparison (tests/golden.py) catches what matters and ignores what doesn't.

Real cards of the corpus, rendered in-process by the real engine and rasterizer with one
thing broken — a haraka, a vowel sign, a conjunct, the direction of a run, a glyph, a shape
or colour outside the text — each fail against the real golden, naming the region; the
same pixels re-encoded, and the same SVG drawn by the other rasterizer, pass.
"""

from __future__ import annotations

import dataclasses
import io
import re
import struct
import unicodedata
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from conftest import EXAMPLES
from golden import (
    GOLDENS,
    Comparison,
    Region,
    check_golden,
    find_job,
    script_of,
    text_regions,
)
from lnob_graphics.platforms import PLATFORMS
from lnob_graphics.rasterize import get_rasterizer
from lnob_graphics.render import Rendered, render_svg
from lnob_graphics.text.fonts import default_library

CORPUS = EXAMPLES / "corpus" / "every-script.yaml"
SQUARE, STORY = "instagram-square", "instagram-story"
HARAKAT = "بِسْمِ اللَّهِ"  # the arabic-harakat card's headline
HINDI = "शिक्षा हर बच्चे का अधिकार है"  # the hindi-conjuncts card's headline
VIRAMA = "\u094d"


def card(asset: str, lang: str, platform: str = SQUARE, *,
         headline: Callable[[str], str] | None = None,
         svg: Callable[[Rendered], str] | None = None,
         rasterizer: str = "auto") -> tuple[Image.Image, list[Region]]:
    """A corpus card drawn in-process, its headline (data) or SVG (drawing) changed first,
    and the text regions of that render."""
    job, templates = find_job(CORPUS, asset, lang, platform)
    source = job.asset
    if headline is not None:
        source = dataclasses.replace(
            source, fields={**source.fields, "headline": headline(source.fields["headline"])})
    rendered = render_svg(source, PLATFORMS[platform], templates)
    drawing = svg(rendered) if svg is not None else rendered.svg
    size = PLATFORMS[platform]
    png = get_rasterizer(rasterizer).to_png(drawing, size.width, size.height)
    return Image.open(io.BytesIO(png)).convert("RGB"), text_regions(rendered, lang)


def golden_of(asset: str, platform: str = SQUARE) -> str:
    return f"script-{asset}-{platform}.png"


def fails(asset: str, lang: str, platform: str = SQUARE, *, where: str,
          failures: Path, **change: Callable[..., str]) -> str:
    """The comparator's failure message for the changed card; it must name ``where``."""
    image, regions = card(asset, lang, platform, **change)
    with pytest.raises(AssertionError, match=re.escape(golden_of(asset, platform))) as caught:
        check_golden(image, golden_of(asset, platform), regions, failures=failures)
    message = str(caught.value)
    assert where in message, message
    return message


# --- unchanged, it passes (so each failure below is the change's) ----------------------------

@pytest.mark.parametrize(("asset", "lang", "platform"), [
    ("arabic-harakat", "ar", SQUARE), ("arabic-bidi", "ar", SQUARE),
    ("hindi-conjuncts", "hi", SQUARE), ("urdu-nastaliq", "ur", SQUARE),
    ("khmer", "km", STORY), ("chinese-mixed", "zh", STORY)])
def test_the_unchanged_card_matches_its_golden(asset: str, lang: str, platform: str) -> None:
    image, regions = card(asset, lang, platform)
    result = check_golden(image, golden_of(asset, platform), regions)
    # (Hindi and Urdu have no goal names yet: their cards leave the name out.)
    named = {"headline", "stat"} | (set() if lang in ("hi", "ur") else {"goal name"})
    assert {r.region.name for r in result.regions} >= named
    assert all(r.solid == 0 for r in result.regions)


# --- what matters fails ---------------------------------------------------------------------

def test_every_haraka_stripped_fails(tmp_path: Path) -> None:
    def strip(text: str) -> str:
        assert text == HARAKAT
        return "".join(c for c in text if unicodedata.category(c) != "Mn")

    fails("arabic-harakat", "ar", headline=strip, where="region 'headline' (Arabic",
          failures=tmp_path)


HARAKAT_MARKS = [(i, unicodedata.name(c)) for i, c in enumerate(HARAKAT)
                 if unicodedata.category(c) == "Mn"]


@pytest.mark.parametrize(("index", "mark"), HARAKAT_MARKS,
                         ids=[f"{name}@{i}" for i, name in HARAKAT_MARKS])
def test_one_haraka_dropped_fails(index: int, mark: str, tmp_path: Path) -> None:
    assert len(HARAKAT_MARKS) == 6
    fails("arabic-harakat", "ar", headline=lambda t: t[:index] + t[index + 1:],
          where="region 'headline' (Arabic", failures=tmp_path)


VOWEL_SIGNS = [(i, unicodedata.name(c)) for i, c in enumerate(HINDI)
               if unicodedata.category(c) in ("Mn", "Mc") and c != VIRAMA]


@pytest.mark.parametrize(("index", "sign"), VOWEL_SIGNS,
                         ids=[f"{name}@{i}" for i, name in VOWEL_SIGNS])
def test_one_vowel_sign_dropped_fails(index: int, sign: str, tmp_path: Path) -> None:
    def drop(text: str) -> str:
        assert text == HINDI
        return text[:index] + text[index + 1:]

    fails("hindi-conjuncts", "hi", headline=drop, where="region 'headline' (Devanagari",
          failures=tmp_path)


VIRAMAS = [i for i, c in enumerate(HINDI) if c == VIRAMA]


@pytest.mark.parametrize("index", VIRAMAS, ids=[HINDI[i - 1:i + 2] for i in VIRAMAS])
def test_a_conjunct_broken_by_a_zwnj_after_the_virama_fails(index: int, tmp_path: Path) -> None:
    """क्ष and च्च drawn as a half form or with a visible virama instead of the conjunct."""
    fails("hindi-conjuncts", "hi", headline=lambda t: t[:index + 1] + "\u200c" + t[index + 1:],
          where="region 'headline' (Devanagari", failures=tmp_path)


@pytest.mark.parametrize("change", [
    pytest.param(lambda t: "\u202d" + t + "\u202c", id="laid-out-left-to-right"),
    pytest.param(lambda t: t[::-1], id="reversed-order"),
])
@pytest.mark.parametrize("asset", ["arabic-bidi", "arabic-harakat"])
def test_a_reversed_rtl_run_fails(asset: str, change: Callable[[str], str],
                                  tmp_path: Path) -> None:
    fails(asset, "ar", headline=change, where="region 'headline' (Arabic", failures=tmp_path)


# A mark of each stacking script taken off one letter of its card's headline: a Myanmar
# medial, a Tibetan subjoined letter, a Thai tone mark, a Lao vowel sign above, a Sinhala
# yansaya (the ZWJ that makes it), a Yiddish point, a Vietnamese second mark, a Yoruba mark
# below. Each is a change of a few letters' worth of pixels that must count.
STACKED_MARKS = [
    ("myanmar-life", "my", STORY, "ခြုံ", "ခုံ", "Myanmar"),
    ("tibetan-life", "bo", STORY, "སྤྱོད", "སྤོད", "Tibetan"),
    ("thai-born-free", "th", SQUARE, "ทั้ง", "ทัง", "Thai"),
    ("lao-born-free", "lo", SQUARE, "ເກີດ", "ເກດ", "Lao"),
    ("sinhala-born-free", "si", SQUARE, "\u0dca\u200d\u0dba", "\u0dca\u0dba", "Sinhala"),
    ("yiddish-born-free", "yi", SQUARE, "פֿרײַ", "פרײַ", "Hebrew"),
    ("vietnamese-born-free", "vi", SQUARE, "đẳng", "đăng", "Latin"),
    ("yoruba-born-free", "yo", SQUARE, "dó\u0329gba", "dógba", "Latin"),
]


@pytest.mark.parametrize(("asset", "lang", "platform", "before", "after", "script"),
                         STACKED_MARKS, ids=[m[0] for m in STACKED_MARKS])
def test_a_stacked_mark_taken_off_fails(asset: str, lang: str, platform: str, before: str,
                                        after: str, script: str, tmp_path: Path) -> None:
    def take_off(text: str) -> str:
        text = unicodedata.normalize("NFC", text)  # (Vietnamese is written decomposed)
        assert before in text
        return text.replace(before, after, 1)

    fails(asset, lang, platform, headline=take_off, where=f"region 'headline' ({script}",
          failures=tmp_path)


def test_a_hebrew_line_laid_out_left_to_right_fails(tmp_path: Path) -> None:
    fails("hebrew-born-free", "he", headline=lambda t: "\u202d" + t + "\u202c",
          where="region 'headline' (Hebrew", failures=tmp_path)


_PATH = re.compile(r'<path(?: transform="[^"]*")? d="([^"]*)"/>')


def _replace_glyph(rendered: Rendered, field: str, pick: Callable[[list[str]], int],
                   outline: str) -> str:
    """The card's SVG with one glyph outline of ``field`` replaced by ``outline``."""
    block = dict(rendered.texts)[field].svg
    assert block in rendered.svg
    glyphs = list(_PATH.finditer(block))
    match = glyphs[pick([m[1] for m in glyphs])]
    start, end = match.span(1)
    return rendered.svg.replace(block, block[:start] + outline + block[end:], 1)


GLYPH_CARDS = [("arabic-harakat", "ar", SQUARE), ("urdu-nastaliq", "ur", SQUARE),
               ("hindi-conjuncts", "hi", SQUARE), ("bengali", "bn", SQUARE),
               ("khmer", "km", STORY), ("chinese-mixed", "zh", STORY),
               ("latin-kerning", "en", SQUARE), ("tajik", "tg", SQUARE)]


@pytest.mark.parametrize(("asset", "lang", "platform"), GLYPH_CARDS, ids=[c[0] for c in GLYPH_CARDS])
def test_a_missing_glyph_fails(asset: str, lang: str, platform: str, tmp_path: Path) -> None:
    """The smallest outline of the headline (a dot, a mark) left out; and its first glyph drawn
    as the font's .notdef box, as a glyph the font lacks would be."""
    notdef = default_library().stack(lang, "bold")[0].outline(0)
    assert notdef.startswith("M")
    smallest = card(asset, lang, platform, svg=lambda r: _replace_glyph(
        r, "headline", lambda ds: min(range(len(ds)), key=lambda i: len(ds[i])), ""))
    boxed = card(asset, lang, platform, svg=lambda r: _replace_glyph(
        r, "headline", lambda ds: 0, notdef))
    for image, regions in (smallest, boxed):
        with pytest.raises(AssertionError, match="region 'headline'"):
            check_golden(image, golden_of(asset, platform), regions, failures=tmp_path)


def test_a_shape_outside_the_text_fails(tmp_path: Path) -> None:
    """The rule between the number and the headline left out: no text region sees it."""
    def without_rule(rendered: Rendered) -> str:
        svg, removed = re.subn(r'<rect class="accent"[^>]*/>', "", rendered.svg)
        assert removed == 1
        return svg

    message = fails("arabic-harakat", "ar", svg=without_rule, where="outside the text",
                    failures=tmp_path)
    assert "region" not in message


def test_a_slightly_different_colour_fails(tmp_path: Path) -> None:
    """Goal 16's blue, 12 levels lighter in each channel: in no glyph, everywhere."""
    def lighter(rendered: Rendered) -> str:
        assert 'fill="#00689D"' in rendered.svg
        return rendered.svg.replace('fill="#00689D"', 'fill="#0C74A9"')

    fails("arabic-harakat", "ar", svg=lighter, where="whole image: mean difference",
          failures=tmp_path)


def test_a_failure_names_the_golden_region_and_numbers_and_saves_the_pictures(
        tmp_path: Path) -> None:
    message = fails("hindi-conjuncts", "hi", failures=tmp_path,
                    headline=lambda t: t.replace("बच्चे", "बच्चा"),
                    where="region 'headline' (Devanagari, box ")
    assert re.search(r"region 'headline' \(Devanagari, box \d+,\d+,\d+,\d+\): \d+ px of solid "
                     r"difference \(allowed 4\), mean difference \d+\.\d{3} \(allowed 1\.0\)",
                     message), message
    assert "'stat'" not in message and "'goal name'" not in message  # only what changed
    stem = "script-hindi-conjuncts-instagram-square"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        f"{stem}.diff.png", f"{stem}.headline.golden-actual-diff.png", f"{stem}.png"]


# --- what doesn't matter passes -------------------------------------------------------------

def _rechunked(png: bytes, size: int) -> bytes:
    """The same PNG with its image data split into IDAT chunks of ``size`` bytes."""
    chunks = []
    position = 8
    while position < len(png):
        (length,) = struct.unpack(">I", png[position:position + 4])
        chunks.append((png[position + 4:position + 8], png[position + 8:position + 8 + length]))
        position += 12 + length
    data = b"".join(body for kind, body in chunks if kind == b"IDAT")
    out = [png[:8]]
    idat_done = False
    for kind, body in chunks:
        if kind == b"IDAT":
            if not idat_done:
                for i in range(0, len(data), size):
                    piece = data[i:i + size]
                    out.append(struct.pack(">I", len(piece)) + b"IDAT" + piece + struct.pack(
                        ">I", zlib.crc32(b"IDAT" + piece) & 0xFFFFFFFF))
                idat_done = True
            continue
        out.append(struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body) & 0xFFFFFFFF))
    return b"".join(out)


def _encodings(image: Image.Image) -> dict[str, bytes]:
    def save(picture: Image.Image, **options: object) -> bytes:
        buffer = io.BytesIO()
        picture.save(buffer, "PNG", **options)
        return buffer.getvalue()

    info = PngImagePlugin.PngInfo()
    info.add_text("Description", "re-encoded")
    return {
        "level 0": save(image, compress_level=0),
        "level 9": save(image, compress_level=9),
        "RGBA": save(image.convert("RGBA")),
        "text chunk, 4 KB IDAT chunks": _rechunked(save(image, pnginfo=info), 4096),
    }


def test_the_same_pixels_re_encoded_pass(tmp_path: Path) -> None:
    image, regions = card("arabic-harakat", "ar")
    golden = (GOLDENS / golden_of("arabic-harakat")).read_bytes()
    for how, png in _encodings(image).items():
        assert png != golden, how
        with Image.open(io.BytesIO(png)) as reread:
            assert reread.convert("RGB").tobytes() == image.tobytes(), how
        result = check_golden(Image.open(io.BytesIO(png)), golden_of("arabic-harakat"), regions,
                              failures=tmp_path)
        assert _zero(result), how
    assert not any(tmp_path.iterdir())


def _zero(result: Comparison) -> bool:
    return (result.image_mean == 0 and result.outside_solid == 0
            and all(r.solid == 0 and r.mean == 0 for r in result.regions))


SCRIPT_CARDS = [("latin-kerning", "en", SQUARE), ("arabic-bidi", "ar", SQUARE),
                ("urdu-nastaliq", "ur", SQUARE), ("hindi-conjuncts", "hi", SQUARE),
                ("bengali", "bn", SQUARE), ("khmer", "km", STORY),
                ("chinese-mixed", "zh", STORY), ("tajik", "tg", SQUARE),
                ("emoji-arabic", "ar", SQUARE), ("myanmar-life", "my", STORY),
                ("tibetan-life", "bo", STORY), ("thai-born-free", "th", SQUARE),
                ("hebrew-born-free", "he", SQUARE), ("korean-born-free", "ko", SQUARE),
                ("japanese-born-free", "ja", STORY), ("kannada-born-free", "kn", SQUARE)]


@pytest.mark.parametrize(("asset", "lang", "platform"), SCRIPT_CARDS, ids=[c[0] for c in SCRIPT_CARDS])
def test_the_other_rasterizer_passes(asset: str, lang: str, platform: str,
                                     tmp_path: Path) -> None:
    """cairosvg (what `auto` uses without resvg) anti-aliases differently: the tolerances
    were measured on exactly this, and it never makes a solid difference."""
    image, regions = card(asset, lang, platform, rasterizer="cairosvg")
    result = check_golden(image, golden_of(asset, platform), regions, failures=tmp_path)
    assert not _zero(result)  # it did draw differently
    assert all(r.solid == 0 for r in result.regions) and result.outside_solid == 0


# --- the pieces -----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "lang", "script"), [
    ("Quality education", "hi", "Latin"),
    ("23%", "ar-MA", "Latin"),
    ("٢٣٪", "ar", "Arabic"),
    ("تعلیم ہر بچے کا حق ہے", "ur", "Nastaliq"),
    ("۲۳٪", "fa", "Arabic"),
    ("(World Bank) يعيش مليار شخص", "ar", "Arabic"),  # most of the letters decide
    ("Goal 4: التعليم", "ar", "Arabic"),
    ("शिक्षा", "hi", "Devanagari"),
    ("१२,००,०००", "ne", "Devanagari"),
    ("শিক্ষা", "bn", "Bengali"),
    ("ការអប់រំ", "km", "Khmer"),
    ("到2030年", "zh", "Han"),
    ("Таҳсил", "tg", "Cyrillic"),
    ("ਵਿਦਿਆ", "pa", "Gurmukhi"),
    ("ସମାନ", "or", "Odia"),
    ("လူတိုင်း", "my", "Myanmar"),
    ("སྐྱེ་བོ", "bo", "Tibetan"),
    ("ትምህርቲ", "ti", "Ethiopic"),
    ("פֿרײַ", "yi", "Hebrew"),
    ("모든 사람은", "ko", "Hangul"),
    ("すべて人は、教育を受ける", "ja", "Kana"),  # more kana than kanji
    ("Tất cả mọi người", "vi", "Latin"),
    ("🌍🤝", "en", "Latin"),
])
def test_script_of_a_region(text: str, lang: str, script: str) -> None:
    assert script_of(text, lang) == script


def test_half_size_goldens_compare_half_size_regions() -> None:
    from golden import compare

    plain = Image.new("RGB", (100, 100), "white")
    marked = plain.copy()
    marked.paste((0, 0, 0), (60, 60, 66, 66))  # a 6x6 mark: 16 px survive the erosion
    region = [Region("headline", "Latin", (100, 100, 140, 140))]  # full-size coordinates
    result = compare(marked, plain, "x.png", region, scale=0.5)
    assert result.regions[0].box == (50, 50, 70, 70)
    assert result.regions[0].solid == 16 and result.regions[0].allowed.solid == 1
    assert result.outside_solid == 0
