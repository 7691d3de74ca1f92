"""Fuzzing: any text in any field, any bytes as a campaign file. The outcome is always an
image of the exact platform size or a clear, located error — never a traceback."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from lnob_graphics.campaign import validate
from lnob_graphics.errors import InputError
from lnob_graphics.loader import load
from lnob_graphics.pipeline import load_campaign
from lnob_graphics.platforms import PLATFORMS
from lnob_graphics.rasterize import get_rasterizer
from lnob_graphics.render import RenderError, render_svg
from lnob_graphics.templates import template_set

# Any Unicode but lone surrogates (they cannot be in a UTF-8 file), with a bias towards
# the troublemakers: controls, bidi overrides, joiners, combining marks, RTL letters.
TROUBLE = "\u202e\u202d\u2066\u2069\u200b\u200d\u200c\ufe0f\u0301\u064b\u0627\u05d0\x00\x07\t\n<&>\"'{}%"
TEXT = st.text(st.one_of(st.characters(blacklist_categories=("Cs",)),
                         st.sampled_from(TROUBLE)), min_size=1, max_size=80)
# Characters the bundled fonts draw, from several scripts, for images that get rasterized.
COVERED = ("abcXYZ 0123456789.,;:!?-—“”’%#@ éçñãö ЖжҳӯĀ αβ اللغة العربية ١٢٣ ۲۳ "
           "हिन्दी क्ष নতুন ខ្មែរ 中文教育 👩🏽‍🌾🌍")
SCRIPT_TEXT = st.text(st.sampled_from(COVERED + TROUBLE.replace("\x00", "")), min_size=1,
                      max_size=80)
PLATFORM = PLATFORMS["bluesky-post"]


def _outcome(folder: Path, stat: str, headline: str, lang: str, rasterize: bool) -> None:
    path = folder / "c.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "template", "goal", "lang", "stat", "headline"])
        writer.writerow(["f", "stat", "4", lang, stat, headline])
    try:
        campaign = load_campaign([path])
    except InputError as error:
        assert all(p.file == str(path) for p in error.problems)
        return
    for asset in campaign.assets:
        try:
            svg = render_svg(asset, PLATFORM, template_set()).svg
        except RenderError as error:
            assert error.field in ("stat", "headline") and str(error)
            continue
        if rasterize:
            png = get_rasterizer().to_png(svg, PLATFORM.width, PLATFORM.height)
            with Image.open(io.BytesIO(png)) as image:
                assert image.size == (PLATFORM.width, PLATFORM.height)


@settings(max_examples=60, deadline=None)
@given(stat=TEXT, headline=TEXT, lang=st.sampled_from(["en", "ar", "hi", "zh", "km"]))
def test_any_field_text_gives_an_svg_or_a_named_error(tmp_path_factory, stat: str,  # type: ignore[no-untyped-def]
                                                      headline: str, lang: str) -> None:
    _outcome(tmp_path_factory.mktemp("fuzz"), stat, headline, lang, rasterize=False)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stat=SCRIPT_TEXT.map(lambda t: t[:10]), headline=SCRIPT_TEXT,
       lang=st.sampled_from(["en", "ar", "hi", "zh", "km", "ur"]))
def test_text_in_many_scripts_gives_an_image_of_the_exact_size(tmp_path_factory, stat: str,  # type: ignore[no-untyped-def]
                                                               headline: str, lang: str) -> None:
    _outcome(tmp_path_factory.mktemp("fuzz"), stat, headline, lang, rasterize=True)


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".csv", ".yaml"]))
def test_any_bytes_as_a_campaign_file_load_or_fail_cleanly(tmp_path_factory, data: bytes,  # type: ignore[no-untyped-def]
                                                           suffix: str) -> None:
    path: Path = tmp_path_factory.mktemp("bytes") / f"c{suffix}"
    path.write_bytes(data)
    try:
        validate([load(path)], template_set())
    except InputError as error:
        assert error.problems and all(p.file == str(path) for p in error.problems)


CSV_PIECES = st.sampled_from(["id", "template", "goal", "lang", "stat", "headline", ",", ";",
                              "\t", "\n", "\r\n", '"', "stat", "4", "en", "ar", "23%", "x",
                              "1,2", "\ufeff", "é", "\x00"])


@settings(max_examples=150, deadline=None)
@given(pieces=st.lists(CSV_PIECES, max_size=60), encoding=st.sampled_from(
    ["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
def test_csv_like_input_in_any_encoding_loads_or_fails_cleanly(tmp_path_factory,  # type: ignore[no-untyped-def]
                                                               pieces: list[str],
                                                               encoding: str) -> None:
    path: Path = tmp_path_factory.mktemp("csv") / "c.csv"
    path.write_bytes("".join(pieces).encode(encoding, errors="replace"))
    try:
        validate([load(path)], template_set())
    except InputError as error:
        assert error.problems and all(p.file == str(path) for p in error.problems)
