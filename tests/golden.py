"""Golden images compared where the text is, with a tolerance per script.

A golden is a full PNG in tests/goldens/ (look at it). The comparison crops both images to
the text regions of the card — the ink and line boxes of every text the template laid out
(``Rendered.texts``), a few pixels around — and asks two questions of each region:

- **solid**: how many pixels differ by more than ``THRESHOLD`` (of 255, in any channel)
  *together with all 8 neighbours*. Anti-aliasing differences run along the edges of the
  glyphs, one pixel wide, and never count; a mark that appears or disappears (a haraka, a
  vowel sign, a half form, a whole glyph) is a solid patch and does.
- **mean**: the mean absolute difference per channel over the region (0–255), Pillow's
  ``assert_image_similar`` epsilon: a change of tone or weight spread thin everywhere.

Both have a tolerance per script (``TOLERANCES``), measured: see the comment there. Then a
looser look at the whole image, so a changed layout, colour or shape outside the text fails
too: its mean difference, and the solid pixels outside the text regions.

``LNOB_UPDATE_GOLDENS=1`` rewrites the goldens instead; look at them before committing.
On failure the whole actual image and difference, and golden | actual | difference of each
failing region, are saved in tests/_failures/.
"""

from __future__ import annotations

import math
import os
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageStat

from lnob_graphics.pipeline import Job, load_campaign, plan
from lnob_graphics.platforms import PLATFORMS
from lnob_graphics.render import Rendered, render_svg
from lnob_graphics.templates import TemplateSet, template_set

GOLDENS = Path(__file__).resolve().parent / "goldens"
FAILURES = Path(__file__).resolve().parent / "_failures"

THRESHOLD = 32  # of 255: a pixel differs when one of its channels moved by more than this
PAD = 4  # px around each text region (at full size)
IMAGE_MEAN = 1.0  # whole image: mean difference per channel (the comparison before regions)
IMAGE_SOLID = 16  # whole image: solid pixels outside the text regions (at full size)


@dataclass(frozen=True)
class Tolerance:
    mean: float  # mean difference per channel over the region (0-255)
    solid: int  # pixels of solid difference in the region (at full size)


# Measured: the same SVG of every golden card drawn by resvg and by cairosvg (the two
# backends; `auto` falls back to cairosvg where resvg is missing), region by region.
# Solid difference: 0 px in every region of every script, and outside them. Largest region
# mean: Latin 1.33 (1.27 at half size), Arabic 0.64, Nastaliq 0.21, Devanagari 0.53, Bengali
# 0.53, Khmer 0.45, Han 1.42, Cyrillic 0.52; the means allowed are about twice that. The
# solid pixels allowed stay far under the smallest change that must count: one kasra
# dropped from the 60 px headline makes 30; the smallest glyph of a headline left out, 51
# (Nastaliq) to 620 (Han) (tests/test_golden.py). Every text of every golden moved by a
# quarter pixel (across, down or both) makes no solid difference; by half a pixel, up to
# 33 px (a 25 px source line): text that moved is a change to look at, not noise.
# The scripts added with issue 14, measured the same way (largest region mean; solid 0
# everywhere): Gurmukhi 0.48, Gujarati 0.38, Odia 0.43, Tamil 0.48, Telugu 0.35, Kannada
# 0.35, Malayalam 0.43, Sinhala 0.42, Myanmar 0.67 (the goal name, small), Thai 0.47, Lao
# 0.52, Tibetan 0.31, Ethiopic 0.45, Hebrew 0.36 (Yiddish's points 0.34), Georgian 0.43,
# Armenian 0.41, Hangul 0.50, Kana 0.32; Latin with stacked marks (Vietnamese, Yoruba,
# Hausa) 0.50 and Kazakh Cyrillic 0.44, within theirs.
TOLERANCES: dict[str, Tolerance] = {
    "Latin": Tolerance(mean=2.5, solid=4),
    "Arabic": Tolerance(mean=1.2, solid=4),
    "Nastaliq": Tolerance(mean=0.5, solid=4),
    "Devanagari": Tolerance(mean=1.0, solid=4),
    "Bengali": Tolerance(mean=1.0, solid=4),
    "Khmer": Tolerance(mean=1.0, solid=4),
    "Han": Tolerance(mean=2.8, solid=4),
    "Cyrillic": Tolerance(mean=1.0, solid=4),
    "Gurmukhi": Tolerance(mean=1.0, solid=4),
    "Gujarati": Tolerance(mean=1.0, solid=4),
    "Odia": Tolerance(mean=1.0, solid=4),
    "Tamil": Tolerance(mean=1.0, solid=4),
    "Telugu": Tolerance(mean=1.0, solid=4),
    "Kannada": Tolerance(mean=1.0, solid=4),
    "Malayalam": Tolerance(mean=1.0, solid=4),
    "Sinhala": Tolerance(mean=1.0, solid=4),
    "Myanmar": Tolerance(mean=1.4, solid=4),
    "Thai": Tolerance(mean=1.0, solid=4),
    "Lao": Tolerance(mean=1.1, solid=4),
    "Tibetan": Tolerance(mean=1.0, solid=4),
    "Ethiopic": Tolerance(mean=1.0, solid=4),
    "Hebrew": Tolerance(mean=1.0, solid=4),
    "Georgian": Tolerance(mean=1.0, solid=4),
    "Armenian": Tolerance(mean=1.0, solid=4),
    "Hangul": Tolerance(mean=1.0, solid=4),
    "Kana": Tolerance(mean=1.0, solid=4),
}

_SCRIPT_WORDS = {"LATIN": "Latin", "ARABIC": "Arabic", "ARABIC-INDIC": "Arabic",
                 "EXTENDED": "Arabic", "DEVANAGARI": "Devanagari", "BENGALI": "Bengali",
                 "KHMER": "Khmer", "CJK": "Han", "FULLWIDTH": "Han", "CYRILLIC": "Cyrillic",
                 "GURMUKHI": "Gurmukhi", "GUJARATI": "Gujarati", "ORIYA": "Odia",
                 "TAMIL": "Tamil", "TELUGU": "Telugu", "KANNADA": "Kannada",
                 "MALAYALAM": "Malayalam", "SINHALA": "Sinhala", "MYANMAR": "Myanmar",
                 "THAI": "Thai", "LAO": "Lao", "TIBETAN": "Tibetan", "ETHIOPIC": "Ethiopic",
                 "HEBREW": "Hebrew", "GEORGIAN": "Georgian", "ARMENIAN": "Armenian",
                 "HANGUL": "Hangul", "HIRAGANA": "Kana", "KATAKANA": "Kana"}


def script_of(text: str, lang: str) -> str:
    """The script a text is drawn in: that of most of its letters (else of its digits), and
    Nastaliq for Arabic letters in Urdu (its own font). Latin when neither says more."""
    for category in ("L", "N"):
        counts: dict[str, int] = {}
        for char in text:
            if unicodedata.category(char)[0] == category:
                word = unicodedata.name(char, "").split(" ")[0]
                script = _SCRIPT_WORDS.get(word, "Latin")
                counts[script] = counts.get(script, 0) + 1
        if counts:
            script = max(counts, key=lambda s: counts[s])  # the first of equals
            if script == "Arabic" and lang.split("-")[0] == "ur":
                return "Nastaliq"
            return script
    return "Latin"


@dataclass(frozen=True)
class Region:
    name: str  # the field it shows ("headline", "source", "data[2]" for a repeat)
    script: str
    box: tuple[int, int, int, int]  # left, top, right, bottom in full-size px (right/bottom out)


def text_regions(rendered: Rendered, lang: str, pad: int = PAD) -> list[Region]:
    """Every text the template laid out, as a region: ink box and line box together (the
    line box stays put when marks vanish from the ink), ``pad`` px around."""
    regions: list[Region] = []
    seen: dict[str, int] = {}
    for field, block in rendered.texts:
        if block.ink_right <= block.ink_left or block.ink_bottom <= block.ink_top:
            continue  # nothing drawn
        seen[field] = seen.get(field, 0) + 1
        name = field if seen[field] == 1 else f"{field}[{seen[field]}]"
        box = (math.floor(min(block.ink_left, block.left)) - pad,
               math.floor(min(block.ink_top, block.top)) - pad,
               math.ceil(max(block.ink_right, block.right)) + pad,
               math.ceil(max(block.ink_bottom, block.bottom)) + pad)
        regions.append(Region(name, script_of(block.text, lang), box))
    return regions


@lru_cache(maxsize=8)
def _jobs(campaign: Path) -> tuple[dict[tuple[str, str, str, int], Job], TemplateSet]:
    loaded = load_campaign([campaign])
    jobs = {(j.asset.id, j.asset.lang, j.platform, j.page): j for j in plan(loaded)}
    return jobs, template_set(loaded.template_dirs)


def find_job(campaign: Path, asset: str, lang: str, platform: str,
             page: int = 0) -> tuple[Job, TemplateSet]:
    """One job of a campaign file (loaded once per test session) and its templates."""
    jobs, templates = _jobs(campaign)
    return jobs[(asset, lang, platform, page)], templates


def render_job(campaign: Path, asset: str, lang: str, platform: str,
               page: int = 0) -> Rendered:
    """One job rendered in-process (SVG and the texts it laid out): the layout the CLI drew,
    for the regions of its golden."""
    job, templates = find_job(campaign, asset, lang, platform, page)
    return render_svg(job.asset, PLATFORMS[platform], templates, page=page)


def card_regions(campaign: Path, asset: str, lang: str, platform: str,
                 page: int = 0) -> list[Region]:
    return text_regions(render_job(campaign, asset, lang, platform, page), lang)


# --- the comparison ---------------------------------------------------------------------

@dataclass(frozen=True)
class RegionResult:
    region: Region
    box: tuple[int, int, int, int]  # at the golden's size
    solid: int
    mean: float
    allowed: Tolerance

    @property
    def ok(self) -> bool:
        return self.solid <= self.allowed.solid and self.mean <= self.allowed.mean

    def describe(self) -> str:
        r = self.region
        return (f"region {r.name!r} ({r.script}, box {','.join(map(str, self.box))}): "
                f"{self.solid} px of solid difference (allowed {self.allowed.solid}), "
                f"mean difference {self.mean:.3f} (allowed {self.allowed.mean})")


@dataclass(frozen=True)
class Comparison:
    golden: str
    regions: list[RegionResult]
    image_mean: float
    outside_solid: int  # solid pixels outside the text regions
    allowed_outside: int
    allowed_mean: float

    @property
    def failed(self) -> list[str]:
        problems = [r.describe() for r in self.regions if not r.ok]
        if self.outside_solid > self.allowed_outside:
            problems.append(f"outside the text: {self.outside_solid} px of solid difference "
                            f"(allowed {self.allowed_outside})")
        if self.image_mean > self.allowed_mean:
            problems.append(f"whole image: mean difference {self.image_mean:.3f} "
                            f"(allowed {self.allowed_mean})")
        return problems


def _difference(actual: Image.Image, golden: Image.Image) -> tuple[Image.Image, Image.Image]:
    """The difference image, and the mask of solid difference (255 where a pixel and its 8
    neighbours all differ by more than THRESHOLD in some channel)."""
    diff = ImageChops.difference(actual, golden)
    red, green, blue = diff.split()
    largest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    mask = largest.point(lambda v: 255 if v > THRESHOLD else 0)
    return diff, mask.filter(ImageFilter.MinFilter(3))


def compare(actual: Image.Image, golden: Image.Image, golden_name: str,
            regions: Sequence[Region], scale: float = 1.0,
            tolerances: dict[str, Tolerance] | None = None) -> Comparison:
    """Measure ``actual`` against ``golden`` (both RGB, the golden's size) region by region."""
    tolerances = tolerances or TOLERANCES
    width, height = golden.size
    diff, solid = _difference(actual, golden)
    outside = solid.copy()
    draw = ImageDraw.Draw(outside)
    results = []
    for region in regions:
        left, top, right, bottom = region.box
        box = (max(0, math.floor(left * scale)), max(0, math.floor(top * scale)),
               min(width, math.ceil(right * scale)), min(height, math.ceil(bottom * scale)))
        if box[2] <= box[0] or box[3] <= box[1]:
            continue
        allowed = tolerances[region.script]
        # Solid pixels shrink with the area: a half-size golden allows a quarter of them.
        allowed = Tolerance(allowed.mean, math.ceil(allowed.solid * scale * scale))
        results.append(RegionResult(region, box, solid.crop(box).histogram()[255],
                                    sum(ImageStat.Stat(diff.crop(box)).mean) / 3, allowed))
        draw.rectangle((box[0], box[1], box[2] - 1, box[3] - 1), fill=0)
    return Comparison(golden_name, results, sum(ImageStat.Stat(diff).mean) / 3,
                      outside.histogram()[255], math.ceil(IMAGE_SOLID * scale * scale),
                      IMAGE_MEAN)


def load_rgb(source: Path | Image.Image, scale: float = 1.0) -> Image.Image:
    if isinstance(source, Image.Image):
        image = source.convert("RGB")
    else:
        with Image.open(source) as opened:
            image = opened.convert("RGB")
    if scale != 1.0:
        image = image.resize((round(image.width * scale), round(image.height * scale)),
                             Image.Resampling.BOX)
    return image


def assert_golden(actual_source: Path | Image.Image, golden_name: str,
                  regions: Sequence[Region], scale: float = 1.0) -> None:
    """``check_golden``, or with ``LNOB_UPDATE_GOLDENS=1`` rewrite the golden instead (look at
    it before committing). ``scale`` < 1 compares (and stores) the golden at that fraction of
    the size: enough for templates, at a quarter of the bytes."""
    if os.environ.get("LNOB_UPDATE_GOLDENS") == "1":
        GOLDENS.mkdir(exist_ok=True)
        load_rgb(actual_source, scale).save(GOLDENS / golden_name, optimize=True)
        return
    check_golden(actual_source, golden_name, regions, scale)


def check_golden(actual_source: Path | Image.Image, golden_name: str,
                 regions: Sequence[Region], scale: float = 1.0,
                 tolerances: dict[str, Tolerance] | None = None,
                 failures: Path = FAILURES) -> Comparison:
    """Fail, naming the golden, each region and its numbers, unless ``actual_source`` matches
    the golden within the tolerances; what failed is saved in ``failures``. Never writes a
    golden."""
    actual = load_rgb(actual_source, scale)
    path = GOLDENS / golden_name
    assert path.is_file(), f"no golden {path}; run with LNOB_UPDATE_GOLDENS=1 and look at it"
    golden = load_rgb(path)
    assert actual.size == golden.size, f"{golden_name}: size {actual.size} != golden {golden.size}"
    result = compare(actual, golden, golden_name, regions, scale, tolerances)
    if result.failed:
        _save_failure(actual, golden, result, failures)
    assert not result.failed, f"{golden_name}: " + "; ".join(result.failed)
    return result


def _save_failure(actual: Image.Image, golden: Image.Image, result: Comparison,
                  failures: Path) -> None:
    """The actual image, the difference (4x brighter), and for each failing region
    golden | actual | difference side by side (enlarged when small)."""
    failures.mkdir(parents=True, exist_ok=True)
    stem = result.golden.removesuffix(".png")
    diff = ImageChops.difference(actual, golden).point(lambda v: min(255, v * 4))
    actual.save(failures / result.golden)
    diff.save(failures / f"{stem}.diff.png")
    for region in result.regions:
        if region.ok:
            continue
        crops = [image.crop(region.box) for image in (golden, actual, diff)]
        w, h = crops[0].size
        zoom = max(1, 120 // h)  # small text: enlarged, pixel for pixel
        crops = [crop.resize((w * zoom, h * zoom), Image.Resampling.NEAREST) for crop in crops]
        w, h = w * zoom, h * zoom
        strip = Image.new("RGB", (3 * w + 8, h), "white")
        for i, crop in enumerate(crops):
            strip.paste(crop, (i * (w + 4), 0))
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in region.region.name)
        strip.save(failures / f"{stem}.{safe}.golden-actual-diff.png")
