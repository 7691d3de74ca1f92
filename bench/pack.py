"""Benchmark: a reference pack through the real CLI, against the floor measured in the
same run.

The pack: the `stat` card for the 17 goals × 5 languages (en, fr, es, ar, zh) × 6
platforms (510 vector images), plus a variant with photos (`story`, 2 goals × 2
languages × 6 platforms). `--scale small` uses 4 goals × 2 languages × 3 platforms.

It prints, in one run:
- per-image time by stage (svg = layout and SVG, rasterize, encode, write), median and p95,
  from the CLI's own `--report`; load (reading and validating the files) per image;
- the floor on the same final SVGs: cairosvg rasterizing alone, and Pillow encoding a
  PNG alone;
- wall time with --jobs 1 and --jobs 2, peak RSS, and an unchanged re-run of the --jobs 2
  pack (the default on 2 cores: what a campaigner runs twice).

Targets, as ratios in the same run: everything outside rasterize + encode ≤ 25 % of the
pipeline's time; --jobs 2 ≥ 1.7× faster than --jobs 1 (on 2 cores); an unchanged re-run
≥ 40× faster than the first (the same command); peak RSS ≤ 300 MB per process.

    python bench/pack.py [--scale small|full] [--json]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from PIL import Image  # noqa: E402

from lnob_graphics.pipeline import load_campaign, plan  # noqa: E402
from lnob_graphics.platforms import PLATFORMS  # noqa: E402
from lnob_graphics.rasterize import get_rasterizer  # noqa: E402
from lnob_graphics.render import render_svg  # noqa: E402
from lnob_graphics.templates import template_set  # noqa: E402

HEADLINES = {
    "en": "Goal {n}: no one left behind — the furthest behind first, everywhere, by 2030",
    "fr": "Objectif {n} : ne laisser personne de côté — les plus défavorisés d’abord, d’ici 2030",
    "es": "Objetivo {n}: que nadie se quede atrás — primero los más rezagados, para 2030",
    "ar": "الهدف {n}: ألا يتخلف أحد عن الركب، والوصول أولاً إلى الأبعد عنه بحلول عام 2030",
    "zh": "目标{n}：不让任何一个人掉队，首先帮助最落后的人，到2030年",
}
PLATFORM_SET = ["instagram-square", "instagram-portrait", "instagram-story", "x-post",
                "facebook-link", "linkedin-post"]
TARGETS = {"overhead_share": 0.25, "jobs2_speedup": 1.7, "rerun_speedup": 40.0,
           "peak_rss_mb": 300.0}


def write_campaign(folder: Path, small: bool) -> Path:
    goals = range(1, 5) if small else range(1, 18)
    langs = ["en", "ar"] if small else list(HEADLINES)
    platforms = PLATFORM_SET[:3] if small else PLATFORM_SET
    shutil.copy(REPO / "examples/photos/girl-walking-to-school.jpg", folder / "photo.jpg")
    assets = []
    for goal in goals:
        assets.append({"id": f"goal-{goal}", "template": "stat", "goal": goal,
                       "languages": langs, "stat": f"{goal * 5}%",
                       "headline": {lang: text.format(n=goal) for lang, text in
                                    HEADLINES.items() if lang in langs},
                       "source": "Leave No One Behind Partnership, 2016"})
    for goal in (4, 5):
        assets.append({"id": f"story-{goal}", "template": "story", "goal": goal,
                       "languages": ["en", "ar"], "image": "photo.jpg", "image_focus": "54%,60%",
                       "quote": {"en": "I walk two hours to school. I will be a doctor.",
                                 "ar": "أمشي ساعتين إلى المدرسة. سأصبح طبيبة."},
                       "name": {"en": "Amina, 14", "ar": "أمينة، 14 عاماً"}})
    path = folder / "bench.yaml"
    path.write_text(json.dumps({"defaults": {"platforms": platforms}, "assets": assets},
                               ensure_ascii=False), encoding="utf-8")
    return path


def run(args: list[str]) -> tuple[float, float]:
    """Wall seconds of one CLI run, and the peak RSS (MB) of it and its workers."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "lnob_graphics", "render", *args, "--quiet"],
                   check=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    wall = time.perf_counter() - start
    peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
    return wall, peak


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=["small", "full"], default="full")
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="lnob-bench-"))
    try:
        campaign = write_campaign(work, options.scale == "small")
        first_wall, rss_1 = run([str(campaign), "--out", str(work / "o1"), "-j", "1",
                                 "--report", str(work / "r1.json")])
        second_wall, rss_2 = run([str(campaign), "--out", str(work / "o2"), "-j", "2"])
        rerun_wall, _ = run([str(campaign), "--out", str(work / "o2"), "-j", "2"])
        report = json.loads((work / "r1.json").read_text(encoding="utf-8"))

        start = time.perf_counter()
        loaded = load_campaign([campaign])
        jobs = plan(loaded)
        load_each = (time.perf_counter() - start) / len(jobs)

        stages: dict[str, list[float]] = {"svg": [], "rasterize": [], "encode": [], "write": []}
        for job in report["jobs"]:
            for stage, seconds in job["seconds"].items():
                stages[stage].append(seconds)

        # The floor, on the same final SVGs: the rasterizer alone and the PNG encoder alone.
        templates, raster, cairo = template_set(), get_rasterizer(), get_rasterizer("cairosvg")
        sample = jobs[:: max(1, len(jobs) // 30)]
        floor_raster, floor_cairo, floor_encode = [], [], []
        for job in sample:
            platform = PLATFORMS[job.platform]
            svg = render_svg(job.asset, platform, templates).svg
            start = time.perf_counter()
            png = raster.to_png(svg, platform.width, platform.height)
            floor_raster.append(time.perf_counter() - start)
            start = time.perf_counter()
            cairo.to_png(svg, platform.width, platform.height)
            floor_cairo.append(time.perf_counter() - start)
            with Image.open(io.BytesIO(png)) as image:
                pixels = image.convert("RGBA")
            start = time.perf_counter()
            pixels.save(io.BytesIO(), "PNG")
            floor_encode.append(time.perf_counter() - start)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    median = {stage: statistics.median(values) for stage, values in stages.items()}
    total = sum(median.values()) + load_each
    overhead = (median["svg"] + median["write"] + load_each) / total
    result = {
        "images": report["images"],
        "per_image_ms": {s: {"median": median[s] * 1000, "p95": percentile(v, 0.95) * 1000}
                         for s, v in stages.items()} | {"load": {"median": load_each * 1000}},
        "rasterizer": raster.name,
        "floor_ms": {"rasterize_only": statistics.median(floor_raster) * 1000,
                     "cairosvg_only": statistics.median(floor_cairo) * 1000,
                     "png_encode_only": statistics.median(floor_encode) * 1000},
        "wall_s": {"jobs_1": first_wall, "jobs_2": second_wall, "unchanged_rerun": rerun_wall},
        "peak_rss_mb": max(rss_1, rss_2),
        "ratios": {"overhead_share": overhead, "jobs2_speedup": first_wall / second_wall,
                   "rerun_speedup": second_wall / rerun_wall},
    }
    checks = {
        "overhead_share": result["ratios"]["overhead_share"] <= TARGETS["overhead_share"],
        "jobs2_speedup": result["ratios"]["jobs2_speedup"] >= TARGETS["jobs2_speedup"],
        "rerun_speedup": result["ratios"]["rerun_speedup"] >= TARGETS["rerun_speedup"],
        "peak_rss_mb": result["peak_rss_mb"] <= TARGETS["peak_rss_mb"],
    }
    result["targets"] = {name: {"target": TARGETS[name], "met": met} for name, met in checks.items()}
    if options.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{result['images']} images ({options.scale})")
        print(f"{'stage':<10}{'median ms':>11}{'p95 ms':>9}")
        for stage, row in result["per_image_ms"].items():
            print(f"{stage:<10}{row['median']:>11.1f}{row.get('p95', row['median']):>9.1f}")
        floor = result["floor_ms"]
        print(f"floor on the same SVGs: {raster.name} alone {floor['rasterize_only']:.1f} ms, "
              f"cairosvg alone {floor['cairosvg_only']:.1f} ms, Pillow PNG encode alone "
              f"{floor['png_encode_only']:.1f} ms")
        wall = result["wall_s"]
        print(f"wall: --jobs 1 {wall['jobs_1']:.1f} s, --jobs 2 {wall['jobs_2']:.1f} s, "
              f"unchanged re-run {wall['unchanged_rerun']:.2f} s; peak RSS "
              f"{result['peak_rss_mb']:.0f} MB")
        for name, row in result["targets"].items():
            value = result["ratios"].get(name, result.get(name))
            print(f"  {name:<15} {value:8.2f}  target {row['target']:<6} "
                  f"{'met' if row['met'] else 'NOT met'}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
