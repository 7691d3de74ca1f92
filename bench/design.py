"""The design matrix: every built-in template × the 13 platforms × 19 languages × three
lengths of text, through the design check (lnob_graphics/design.py).

- Texts are real: the sentences of examples/lnob-2030.yaml, examples/every-template.yaml
  and examples/corpus/every-script.yaml, per language. "2 words" is the first two words of
  the language's first sentence, "typical" that sentence, "40 words" its sentences one
  after the other (again from the first when they run out) cut at the 40th word. Words
  are separated by spaces, or — Chinese, Khmer — are the pieces between the language's
  line-break opportunities (a character, a dictionary word). German has one sentence of
  one word (Menschenrechtsverletzungsuntersuchungskommission): its typical text only.
  Nothing is translated here: where the examples have no text of a secondary field in a
  language (a chart's labels, a quote's place, a source), labels are words of its
  sentence, and optional fields are left out.
- The text under test is each template's main text (stat, goal, pictogram, progress,
  pledge: the headline; story: the quote; chart: the title; carousel: the title, an item,
  a data point's label and the call to action); the story also with 1:1, 2:3 and 3:2
  photos (the example photo cropped), with a partner's logo and a photo credit beside a
  1:1 photo, and full-bleed (`image_style: full`) on the 2:3 and 3:2 photos with both.

Each image is laid out as `lnob validate` does (SVG, text that cannot fit is a failure
naming its field) and then checked. Texts that cannot fit are no violation — a template
declares what it holds, and the tool says so loudly: refused by validation (longer than
the field's max_length) or failed by layout (does not fit its box at the minimum size);
both must name the field. Everything else the check finds is a violation.

Prints the counts per kind, per template × format and kind × template, the most frequent
findings and the worst images, and writes a contact sheet of a sample (the worst image
of each template, then the largest voids, then each template on each format class in the
hardest languages in turn, from the images found clean) to docs/images/design-matrix.png. Exit 1 when
violations remain (or a failure does not name its field).

    python bench/design.py [--scale small|full] [--jobs N] [--json] [--sheet PATH | --no-sheet]

(--scale small: English and Arabic, the stat and story templates — the story without a
photo and with a 3:2 one — on instagram-square and x-post.)
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import yaml  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402

from lnob_graphics import design  # noqa: E402
from lnob_graphics.campaign import Asset, validate  # noqa: E402
from lnob_graphics.errors import InputError  # noqa: E402
from lnob_graphics.loader import CampaignFile, Entry  # noqa: E402
from lnob_graphics.platforms import PLATFORMS  # noqa: E402
from lnob_graphics.text.segment import line_breaks  # noqa: E402

EXAMPLES = REPO / "examples"
LANGS = ["en", "fr", "es", "pt", "ar", "ur", "fa", "ps", "hi", "ne", "bn", "km", "zh", "ru",
         "tg", "sw", "rw", "tet", "de"]
LENGTHS = ["2 words", "typical", "40 words"]
TEMPLATES = ["stat", "goal", "pictogram", "progress", "pledge", "chart", "story", "carousel",
             "gap", "trend"]
PHOTOS = {"none": None, "1x1": (1, 1), "2x3": (2, 3), "3x2": (3, 2)}  # the story's
# The story's other ways to be drawn, on those photos: a partner's logo and a photo credit
# beside the photo, and the full-bleed photo (`image_style: full`) with both.
STORY_STYLES: dict[str, tuple[str, dict[str, Any]]] = {
    "1x1-logo": ("1x1", {"logo": "logo.png", "credit": "Example Studio/A. Photographer"}),
    "2x3-full": ("2x3", {"image_style": "full", "logo": "logo.png",
                         "credit": "Example Studio/A. Photographer"}),
    "3x2-full": ("3x2", {"image_style": "full", "logo": "logo.png",
                         "credit": "Example Studio/A. Photographer"}),
}
FORMATS = ["square", "portrait", "tall", "wide"]
SMALL = {"langs": ["en", "ar"], "templates": ["stat", "story"], "photos": ["none", "3x2"],
         "platforms": ["instagram-square", "x-post"]}  # --scale small: a smoke test
SHEET = REPO / "docs" / "images" / "design-matrix.png"
SAMPLE_VOIDS = 5  # the largest voids added to the sheet after the worst of each template


# --- Texts -----------------------------------------------------------------------------

def _read(name: str) -> dict[str, Any]:
    loaded = yaml.safe_load((EXAMPLES / name).read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def real_texts() -> tuple[dict[str, list[str]], dict[str, dict[str, Any]]]:
    """The examples' sentences per language (first the main ones), and per language the
    secondary texts they give (source, name, place, body …)."""
    sentences: dict[str, list[str]] = {}
    extra: dict[str, dict[str, Any]] = {}

    def add(lang: str, text: object) -> None:
        if isinstance(text, str) and text.strip() and text not in sentences.setdefault(lang, []):
            sentences[lang].append(text)

    lnob, every = _read("lnob-2030.yaml"), _read("every-template.yaml")
    corpus = _read("corpus/every-script.yaml")
    for asset in lnob["assets"]:
        for lang, text in asset["headline"].items():
            add(lang, text)
    for asset in corpus["assets"]:  # (not the hostile strings, nor emoji-only words)
        if not str(asset["id"]).startswith(("hostile", "emoji")):
            add(str(asset["lang"]), asset["headline"])
    for asset in every["assets"]:
        for key in ("headline", "quote", "title", "cta", "body", "subtitle"):
            if isinstance(asset.get(key), dict):
                for lang, text in asset[key].items():
                    add(lang, text)
    for lang, text in lnob["defaults"]["source"].items():
        extra.setdefault(lang, {})["source"] = text
    by_id = {a["id"]: a for a in every["assets"]}
    for lang in ("en", "ar"):
        own = extra.setdefault(lang, {})
        own.update(name=by_id["amina"]["name"][lang], place=by_id["amina"]["place"][lang],
                   image_alt=by_id["amina"]["image_alt"][lang],
                   body=by_id["act"]["body"][lang],
                   subtitle=by_id["who-is-left-behind"]["subtitle"][lang],
                   labels=[p["label"][lang] for p in by_id["school-gap"]["data"]],
                   stat_words=by_id["violence"]["stat"][lang])
    for asset in lnob["assets"]:
        if asset["id"] == "violence-against-women":
            for lang, text in asset["stat"].items():
                extra.setdefault(lang, {}).setdefault("stat_words", text)
    return sentences, extra


def words(text: str, lang: str) -> list[str]:
    """Words separated by spaces, or the pieces between line-break opportunities."""
    if " " in text:
        return text.split()
    ends = line_breaks(text, lang)
    return [text[a:b] for a, b in zip([0, *ends], ends, strict=False)]


def variants(lang: str, sentences: list[str]) -> dict[str, str]:
    """The language's 2-word, typical and 40-word texts (only the typical one when its
    only sentence is one word)."""
    first = sentences[0]
    joiner = " " if " " in first else ""
    if len(words(first, lang)) < 2:
        return {"typical": first}
    pool: list[str] = []
    while len(pool) < 40:
        for sentence in sentences:
            pool += words(sentence, lang)
    return {"2 words": joiner.join(words(first, lang)[:2]), "typical": first,
            "40 words": joiner.join(pool[:40])}


# --- The matrix ------------------------------------------------------------------------

@dataclass(frozen=True)
class Variant:
    template: str
    length: str
    lang: str
    photo: str = ""  # the story's: none, 1x1, 2x3, 3x2, or one of STORY_STYLES

    @property
    def id(self) -> str:
        slug = self.length.replace(" ", "")
        return f"{self.template}-{slug}" + (f"-{self.photo}" if self.photo else "")

    @property
    def row(self) -> str:
        """The template as the tables list it (the story per photo)."""
        return self.template + (f" ({self.photo})" if self.photo else "")


def values_for(variant: Variant, text: str, first: str, extra: dict[str, Any]) -> dict[str, Any]:
    """The asset's fields: ``text`` in the template's main text, the rest real or left out."""
    source = {"source": extra["source"]} if "source" in extra else {}
    lang = variant.lang
    base: dict[str, Any] = {"id": variant.id, "template": variant.template, "goal": 4,
                            "lang": lang}
    if variant.template == "stat":
        return {**base, "stat": "23%", "headline": text, **source}
    if variant.template == "goal":
        return {**base, "headline": text, **source}
    if variant.template == "pictogram":
        stat = {"stat": extra["stat_words"]} if "stat_words" in extra else {}
        return {**base, "value": 1, "total": 3, **stat, "headline": text, **source}
    if variant.template == "progress":
        return {**base, "headline": text, "value": "87%", "year": "2022", "baseline": "85%",
                "baseline_year": "2015", "target": "100%", **source}
    if variant.template == "pledge":
        body = {"body": extra["body"]} if "body" in extra else {}
        return {**base, "goal": "lnob", "headline": text, **body,
                "link": "lnob.example.org/act"}
    if variant.template == "chart":
        labels = extra.get("labels") or _labels(first, lang)
        return {**base, "title": text, "highlight": labels[-1], **source,
                "data": [{"label": label, "value": value}
                         for label, value in zip(labels, ("80%", "52%", "23%"), strict=False)]}
    if variant.template == "story":
        ratio, style = STORY_STYLES.get(variant.photo, (variant.photo, {}))
        photo = {"image": f"photo-{ratio}.jpg", "image_focus": "54%,60%", **style} \
            if variant.photo != "none" else {}
        own: dict[str, Any] = {k: extra[k] for k in ("place", "image_alt") if k in extra}
        return {**base, "quote": text, "name": extra.get("name", "Amina, 14"), **own, **photo,
                **source}
    if variant.template == "carousel":
        subtitle = {"subtitle": extra["subtitle"]} if "subtitle" in extra else {}
        return {**base, "goal": "lnob", "title": text, **subtitle, "items": [text],
                "data": [{"label": text, "value": "60,000,000"}], "cta": text,
                "link": "lnob.example.org", **source}
    if variant.template == "gap":
        labels = extra.get("labels") or _labels(first, lang)
        return {**base, "headline": text, **source,
                "groups": [{"label": label, "value": value}
                           for label, value in zip(labels, ("23%", "80%"), strict=False)]}
    if variant.template == "trend":
        return {**base, "headline": text, "target": "100%", **source,
                "points": [{"label": year, "value": value} for year, value
                           in (("2015", "70%"), ("2018", "74%"), ("2021", "79%"))]}
    raise ValueError(variant.template)


def _labels(sentence: str, lang: str) -> list[str]:
    """Three chart labels: words of the language's sentence (nothing translated)."""
    found = [w.strip(" ,.:;!?،۔।—") for w in words(sentence, lang)]
    found = [w for w in found if w and not any(c.isdigit() for c in w)] or [sentence]
    return [found[i % len(found)] for i in range(3)]


def photos(folder: Path) -> None:
    """The example photo cropped to 1:1, 2:3 and 3:2 around its subject."""
    with Image.open(EXAMPLES / "photos" / "girl-walking-to-school.jpg") as source:
        photo = source.convert("RGB")
    for name, ratio in PHOTOS.items():
        if ratio is None:
            continue
        w, h = ratio
        width = min(photo.width, photo.height * w / h)
        height = width * h / w
        left = (photo.width - width) * 0.54
        top = (photo.height - height) * 0.6
        photo.crop((round(left), round(top), round(left + width), round(top + height))) \
            .save(folder / f"photo-{name}.jpg", quality=90)
    # A partner's logo: a 3:1 wordmark-shaped block in a partner's blue.
    Image.new("RGBA", (300, 100), (10, 92, 138, 255)).save(folder / "logo.png")


@dataclass
class Matrix:
    assets: list[tuple[Variant, Asset]] = field(default_factory=list)
    refused: list[dict[str, Any]] = field(default_factory=list)  # by validation
    unexpected: list[str] = field(default_factory=list)  # problems that are the matrix's own


def build(folder: Path, small: bool) -> Matrix:
    """Every variant as a validated asset (one language each); a variant validation
    refuses is recorded with the field it names."""
    from lnob_graphics.templates import template_set

    templates = template_set()
    sentences, extras = real_texts()
    photos(folder)
    matrix = Matrix()
    file = folder / "matrix.yaml"
    langs = SMALL["langs"] if small else LANGS
    for lang in langs:
        texts = variants(lang, sentences[lang])
        for template in SMALL["templates"] if small else TEMPLATES:
            for length, text in texts.items():
                story = SMALL["photos"] if small else [*PHOTOS, *STORY_STYLES]
                for photo in (story if template == "story" else [""]):
                    variant = Variant(template, length, lang, photo)
                    values = values_for(variant, text, sentences[lang][0], extras.get(lang, {}))
                    values["platforms"] = SMALL["platforms"] if small else list(PLATFORMS)
                    entry = Entry(values, str(file), 1)
                    try:
                        campaign = validate([CampaignFile(file, "yaml", [entry])], templates)
                    except InputError as error:
                        for problem in error.problems:
                            record = {"image": f"{variant.id} [{lang}]", "template": variant.row,
                                      "field": problem.field, "message": problem.message}
                            if "allows at most" in problem.message and problem.field:
                                matrix.refused.append(record)
                            else:
                                matrix.unexpected.append(f"{record['image']}: {problem}")
                        continue
                    matrix.assets += [(variant, asset) for asset in campaign.assets]
    return matrix


# --- Checking, in worker processes -----------------------------------------------------

_WORKER: dict[str, Any] = {}


def _setup() -> None:
    from lnob_graphics.rasterize import get_rasterizer
    from lnob_graphics.templates import template_set

    _WORKER.update(templates=template_set(), rasterizer=get_rasterizer())


def check_one(item: tuple[Variant, Asset, str, int]) -> dict[str, Any]:
    """One image through `validate`'s layout and the design check."""
    from lnob_graphics.render import RenderError, render_svg

    if not _WORKER:
        _setup()
    variant, asset, name, page = item
    platform = PLATFORMS[name]
    templates = _WORKER["templates"]
    result: dict[str, Any] = {"id": variant.id, "template": variant.row, "length": variant.length,
                              "lang": variant.lang, "platform": name,
                              "format": platform.format_class, "page": page, "findings": []}
    start = time.perf_counter()
    try:
        rendered = render_svg(asset, platform, templates, "error", page=page)
    except RenderError as error:
        result["failure"] = {"field": error.field, "message": str(error)}
        return result
    laid_out = time.perf_counter()
    drawn: list[bool] = []

    def rasterizer() -> Any:
        drawn.append(True)
        return _WORKER["rasterizer"]

    findings = design.check_card(rendered.texts, rendered.svg, platform, asset.lang,
                                 design.roles_of(templates.infos[asset.template]), rasterizer)
    result.update(findings=[f.as_dict() for f in findings], svg_s=laid_out - start,
                  check_s=time.perf_counter() - laid_out, drawn=bool(drawn))
    return result


def items(matrix: Matrix) -> Iterator[tuple[Variant, Asset, str, int]]:
    for variant, asset in matrix.assets:
        for name in asset.platforms:
            if PLATFORMS[name].format_class in asset.formats:
                for page in (range(1, asset.pages + 1) if asset.pages > 1 else (0,)):
                    yield variant, asset, name, page


def run(matrix: Matrix, jobs: int) -> list[dict[str, Any]]:
    todo = list(items(matrix))
    if jobs <= 1 or len(todo) < 50:
        return [check_one(item) for item in todo]
    with ProcessPoolExecutor(max_workers=jobs, initializer=_setup) as pool:
        return list(pool.map(check_one, todo, chunksize=16))


# --- Report ----------------------------------------------------------------------------

def summarize(results: list[dict[str, Any]], matrix: Matrix, seconds: float) -> dict[str, Any]:
    checked = [r for r in results if "failure" not in r]
    failed = [r for r in results if "failure" in r]
    findings = [(r, f) for r in checked for f in r["findings"]]
    kinds = Counter(f["kind"] for _r, f in findings)
    rows = sorted({r["template"] for r in results}, key=_template_order)
    table = {row: {form: {"images": 0, "with_findings": 0, "findings": 0} for form in FORMATS}
             for row in rows}
    for r in checked:
        cell = table[r["template"]][r["format"]]
        cell["images"] += 1
        cell["with_findings"] += bool(r["findings"])
        cell["findings"] += len(r["findings"])
    by_template = {row: dict.fromkeys(design.KINDS, 0) for row in rows}
    for r, f in findings:
        by_template[r["template"]][f["kind"]] += 1
    common = Counter((f["kind"], r["template"].split(" ")[0], _shape(f["message"]))
                     for r, f in findings)
    worst = sorted((r for r in checked if r["findings"]),
                   key=lambda r: (-len(r["findings"]), -_void(r)))[:10]
    unnamed = [r for r in failed if not r["failure"]["field"]]
    svg_ms = sorted(r["svg_s"] * 1000 for r in checked)
    check_ms = sorted(r["check_s"] * 1000 for r in checked)
    drawn_ms = sorted(r["check_s"] * 1000 for r in checked if r["drawn"])
    violations = len(findings) + len(unnamed) + len(matrix.unexpected)
    return {
        "images": len(results),
        "checked": len(checked),
        "languages": sorted({r["lang"] for r in results}, key=LANGS.index),
        "refused_by_validation": len(matrix.refused),
        "cannot_fit": len(failed),
        "cannot_fit_without_field": len(unnamed),
        "unexpected": matrix.unexpected,
        "images_with_findings": sum(bool(r["findings"]) for r in checked),
        "findings": len(findings),
        "per_kind": {kind: kinds.get(kind, 0) for kind in design.KINDS},
        "template_by_format": table,
        "kind_by_template": by_template,
        "cannot_fit_by_field": _count(f"{r['template']}: {r['failure']['field']}" for r in failed),
        "refused_by_field": _count(f"{r['template']}: {r['field']}" for r in matrix.refused),
        "most_frequent": [{"kind": k, "template": t, "finding": m, "count": n}
                          for (k, t, m), n in common.most_common(15)],
        "worst": [{"image": _name(r), "findings": [f["message"] for f in r["findings"]]}
                  for r in worst],
        "cost_ms": {"layout_median": _median(svg_ms), "check_median": _median(check_ms),
                    "check_mean": sum(check_ms) / max(1, len(check_ms)),
                    "check_when_drawn_median": _median(drawn_ms),
                    "drawn_share": len(drawn_ms) / max(1, len(checked))},
        "wall_s": seconds,
        "violations": violations,
        "ok": violations == 0,
    }


def _template_order(row: str) -> tuple[int, str]:
    name = row.split(" ")[0]
    return (TEMPLATES.index(name) if name in TEMPLATES else len(TEMPLATES), row)


def _shape(message: str) -> str:
    """A finding with the card's own words and numbers taken out, to count alike ones."""
    message = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", message)
    return re.sub(r"\d+(?:\.\d+)?", "N", message)


def _void(result: dict[str, Any]) -> float:
    for found in result["findings"]:
        if found["kind"] == "void":
            return float(re.search(r"(\d+)%", found["message"]).group(1))  # type: ignore[union-attr]
    return 0.0


def _name(result: dict[str, Any]) -> str:
    page = f" slide {result['page']}" if result["page"] else ""
    return f"{result['id']} [{result['lang']}, {result['platform']}{page}]"


def _count(keys: Iterator[str] | Any) -> dict[str, int]:
    return dict(Counter(keys).most_common())


def _median(values: list[float]) -> float:
    return values[len(values) // 2] if values else 0.0


def print_report(report: dict[str, Any]) -> None:
    print(f"{report['images']} images ({len(report['languages'])} languages: "
          f"{' '.join(report['languages'])}) in {report['wall_s']:.0f} s; "
          f"{report['refused_by_validation']} variants refused by validation and "
          f"{report['cannot_fit']} images that cannot fit (each naming its field: "
          f"{'yes' if not report['cannot_fit_without_field'] else 'NO'})")
    print(f"checked {report['checked']}: {report['findings']} findings on "
          f"{report['images_with_findings']} images")
    print("\nper kind")
    for kind, count in report["per_kind"].items():
        print(f"  {kind:<10} {count:>6}  {design.KINDS[kind]}")
    print("\nimages with findings / images, per template × format")
    print(f"  {'template':<18}" + "".join(f"{form:>16}" for form in FORMATS))
    for row, cells in report["template_by_format"].items():
        shown = [f"{c['with_findings']}/{c['images']}" if c["images"] else "—"
                 for c in cells.values()]
        print(f"  {row:<18}" + "".join(f"{s:>16}" for s in shown))
    print("\nfindings per kind × template")
    print(f"  {'template':<18}" + "".join(f"{k:>10}" for k in design.KINDS))
    for row, counts in report["kind_by_template"].items():
        print(f"  {row:<18}" + "".join(f"{n:>10}" for n in counts.values()))
    print("\nmost frequent findings (the card's words and numbers as …/N)")
    for common in report["most_frequent"]:
        print(f"  {common['count']:>5}  {common['template']:<10} {common['finding']}")
    print("\nworst images")
    for worst in report["worst"]:
        print(f"  {worst['image']}")
        for message in worst["findings"]:
            print(f"      {message}")
    print("\ncannot fit, by template and field (loud failures, not violations)")
    for key, count in report["cannot_fit_by_field"].items():
        print(f"  {count:>5}  layout: {key}")
    for key, count in report["refused_by_field"].items():
        print(f"  {count:>5}  max_length: {key}")
    for problem in report["unexpected"]:
        print(f"  unexpected: {problem}")
    cost = report["cost_ms"]
    print(f"\ncost per image: layout (SVG) {cost['layout_median']:.1f} ms median; design check "
          f"{cost['check_median']:.1f} ms median, {cost['check_mean']:.1f} ms mean — "
          f"{cost['drawn_share']:.0%} of images drawn small for voids, "
          f"{cost['check_when_drawn_median']:.1f} ms median when drawn")
    print(f"\nviolations: {report['violations']} (target 0) — "
          f"{'met' if report['ok'] else 'NOT met'}")


# --- Contact sheet ---------------------------------------------------------------------

def sample(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The worst image of each template (most findings, then the largest void), then the
    largest voids of templates and languages not yet shown."""
    checked = [r for r in results if "failure" not in r and r["findings"]]
    chosen: list[dict[str, Any]] = []
    for row in sorted({r["template"] for r in checked}, key=_template_order):
        own = [r for r in checked if r["template"] == row]
        chosen.append(min(own, key=lambda r: (-len(r["findings"]), -_void(r))))
    shown = {(r["template"].split(" ")[0], r["lang"]) for r in chosen}
    voids: list[dict[str, Any]] = []
    for result in sorted((r for r in checked if _void(r)), key=lambda r: -_void(r)):
        key = (result["template"].split(" ")[0], result["lang"])
        if len(voids) < SAMPLE_VOIDS and key not in shown:
            shown.add(key)
            voids.append(result)
    return chosen + voids + spread(results)


# The sheet's spread: for each template, one image per format class, in the languages that
# are hardest to set (joined, right-to-left, stacked, unspaced scripts, long compounds) in
# turn, with the three lengths of text in turn.
SPREAD_LANGS = ["ar", "ur", "hi", "km", "zh", "de", "sw", "ne", "fa", "bn", "ru", "tg"]
SPREAD_ROWS = ["stat", "goal", "pictogram", "progress", "pledge", "chart", "story (none)",
               "story (2x3-full)", "carousel", "gap", "trend"]


def spread(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the matrix draws when nothing is wrong: each template on each format class (a
    carousel's first slide), languages and lengths in turn — the images found clean."""
    clean = {(r["template"], r["format"], r["lang"], r["length"]): r
             for r in sorted(results, key=lambda r: r["platform"])
             if "failure" not in r and not r["findings"] and not r["page"]}
    picked = []
    for i, row in enumerate(SPREAD_ROWS):
        for j, form in enumerate(FORMATS):
            for k in range(len(SPREAD_LANGS)):  # the next language where the image exists
                lang = SPREAD_LANGS[(i * len(FORMATS) + j + k) % len(SPREAD_LANGS)]
                found = clean.get((row, form, lang, LENGTHS[(i + j) % len(LENGTHS)]))
                if found is not None:
                    picked.append(found)
                    break
    return picked


def write_sheet(picked: list[dict[str, Any]], matrix: Matrix, target: Path,
                folder: Path) -> None:
    """The sample drawn full size, each void outlined, on one contact sheet."""
    from lnob_graphics.rasterize import get_rasterizer
    from lnob_graphics.render import render_svg
    from lnob_graphics.sheet import Tile, contact_sheet
    from lnob_graphics.templates import template_set

    templates, rasterizer = template_set(), get_rasterizer()
    assets = {(v.id, v.lang): a for v, a in matrix.assets}
    tiles = []
    for number, result in enumerate(picked):
        platform = PLATFORMS[result["platform"]]
        asset = assets[(result["id"], result["lang"])]
        svg = render_svg(asset, platform, templates, page=result["page"]).svg
        with Image.open(io.BytesIO(rasterizer.to_png(svg, platform.width,
                                                     platform.height))) as drawn:
            picture = drawn.convert("RGB")
        pen = ImageDraw.Draw(picture)
        for found in result["findings"]:
            band = re.search(r"between y=(\d+) and y=(\d+)", found["message"])
            if band:
                pen.rectangle((4, int(band.group(1)), platform.width - 5, int(band.group(2))),
                              outline="#FF00FF", width=max(4, platform.width // 180))
        file = folder / f"sample-{number:02d}.png"
        picture.save(file)
        kinds = Counter(f["kind"] for f in result["findings"])
        note = ", ".join(f"{kind} {count}" if count > 1 else kind
                         for kind, count in kinds.items()) or f"{result['length']}: no finding"
        tiles.append(Tile(file, f"{result['id']} · {result['lang']} · {result['platform']}",
                          note, "en"))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(contact_sheet(tiles, width=2000, thumb_height=240))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=["small", "full"], default="full")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--sheet", type=Path, default=SHEET)
    parser.add_argument("--no-sheet", action="store_true")
    parser.add_argument("--template", action="append", default=[],
                        help="only this template (story rows: story); repeatable")
    parser.add_argument("--results", type=Path,
                        help="write every image's findings and failure here (JSON lines)")
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="lnob-design-"))
    try:
        start = time.perf_counter()
        matrix = build(folder, options.scale == "small")
        if options.template:
            matrix.assets = [(variant, asset) for variant, asset in matrix.assets
                             if asset.template in options.template]
        results = run(matrix, options.jobs)
        if options.results:
            options.results.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                                               for r in results), encoding="utf-8")
        report = summarize(results, matrix, time.perf_counter() - start)
        if not options.no_sheet:
            write_sheet(sample(results), matrix, options.sheet, folder)
            report["sheet"] = str(options.sheet)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if options.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print_report(report)
        if "sheet" in report:
            print(f"contact sheet of a sample: {report['sheet']}")
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
