"""Benchmark: lnob against Satori + resvg-js on the same vector 1080² stat cards, side
by side in one run.

The cards: 100 `stat` cards for instagram-square in English (the goal's colour as
background, the goal badge, a big number, a headline of 12 words, the source line and
the hashtag), the goals in turn. The same data goes to both tools: lnob gets a campaign
file, Satori a JSON list with the same colours, goal names and labels, and our Noto Sans
files as its fonts (bench/satori/cards.mjs).

In each round, in turn (the order rotates from round to round, so a busy moment of the
shared machine costs each the same): `lnob render --jobs 1`, `lnob render --jobs 2` (the
real CLI, a fresh output folder each time) and `node bench/satori/cards.mjs`, each timed
from outside, start-up included. It prints the median ms per card of each, the ratio of
lnob `--jobs 1` to Satori, and where the time goes: lnob's stages from its own `--report`
(the time outside the images is start-up, loading and the manifest; `rasterize` includes
resvg's own PNG encoding, as the `resvg` binding returns a PNG, and `encode` is the alt-text
chunk and the byte-budget check), Satori's from its script.

Target, as a ratio in the same run: lnob `--jobs 1` ≤ 0.8 × Satori + resvg-js. Without
Node or without `bench/satori/node_modules` (`cd bench/satori && npm ci`), or with
`--no-satori`, it reports lnob alone and exits 0; else 0 when the target is met, 1 if not.

    python bench/cards.py [--cards N] [--rounds N] [--no-satori] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SATORI = REPO / "bench" / "satori"
sys.path.insert(0, str(REPO))

from lnob_graphics.labels import filled, goal_key, words_for  # noqa: E402
from lnob_graphics.platforms import PLATFORMS  # noqa: E402
from lnob_graphics.themes import theme_for  # noqa: E402

TARGET = 0.8  # lnob --jobs 1 / Satori + resvg-js, ms per card
PLATFORM = "instagram-square"
HEADLINE = "Only {stat} of poor rural girls in sub-Saharan Africa finish primary school"
SOURCE = "Leave No One Behind Partnership, 2016"
TOOLS = ("lnob_jobs_1", "lnob_jobs_2", "satori")


def cards(count: int) -> list[dict[str, Any]]:
    """The cards' data: the goals in turn, a different number on each."""
    rows = []
    for i in range(count):
        stat = f"{(i * 7) % 97 + 1}%"
        rows.append({"id": f"card-{i:03d}", "goal": i % 17 + 1, "stat": stat,
                     "headline": HEADLINE.format(stat=stat), "source": SOURCE})
    return rows


def write_campaign(folder: Path, rows: list[dict[str, Any]]) -> Path:
    assets = [{"template": "stat", "languages": ["en"], **row} for row in rows]
    path = folder / "cards.yaml"  # JSON is YAML: no YAML writer needed
    path.write_text(json.dumps({"defaults": {"platforms": [PLATFORM]}, "assets": assets}),
                    encoding="utf-8")
    return path


def write_satori_cards(folder: Path, rows: list[dict[str, Any]]) -> Path:
    """The same cards for bench/satori/cards.mjs: colours, goal names and labels as lnob
    draws them (its goal themes and English labels)."""
    words = words_for("en")
    platform = PLATFORMS[PLATFORM]
    data = []
    for row in rows:
        theme = theme_for(str(row["goal"]))
        data.append({"width": platform.width, "height": platform.height, "colour": theme.colour,
                     "text": theme.text, "number": str(row["goal"]),
                     "goal_name": words[goal_key(row["goal"])],
                     "stat": row["stat"], "headline": row["headline"],
                     "source": filled(words["source"], source=row["source"]),
                     "hashtag": words["pledge_hashtag"], "file": f"{row['id']}.png"})
    path = folder / "cards.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def satori_ready() -> str | None:
    """Why Satori cannot run here, or None."""
    if shutil.which("node") is None:
        return "no `node` on PATH"
    if not (SATORI / "node_modules" / "satori").is_dir():
        return "bench/satori/node_modules is missing: run `cd bench/satori && npm ci`"
    return None


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True, env=env)
    return time.perf_counter() - start, done.stdout


def run_lnob(campaign: Path, out: Path, jobs: int, report: Path | None = None) -> float:
    command = [sys.executable, "-m", "lnob_graphics", "render", str(campaign), "--out", str(out),
               "--jobs", str(jobs), "--quiet"]
    if report is not None:
        command += ["--report", str(report)]
    wall, _ = timed(command, {**os.environ, "PYTHONPATH": str(REPO)})
    return wall


def run_satori(cards_file: Path, out: Path) -> tuple[float, dict[str, Any]]:
    wall, stdout = timed(["node", str(SATORI / "cards.mjs"), str(cards_file), str(out),
                          str(REPO / "fonts")])
    inner: dict[str, Any] = json.loads(stdout.strip().splitlines()[-1])
    return wall, inner


def pngs(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.png"))


def measure(count: int, rounds: int, with_satori: bool) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="lnob-cards-"))
    try:
        rows = cards(count)
        campaign = write_campaign(work, rows)
        cards_file = write_satori_cards(work, rows)
        tools = [t for t in TOOLS if with_satori or t != "satori"]
        # lnob's bytecode, as an installed lnob has it (pip compiles a package when it
        # installs it; an editable install with PYTHONDONTWRITEBYTECODE=1, as on this
        # machine, would compile every module again on every run: about 0.9 ms a card).
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "lnob_graphics")],
                       check=True)
        warm = cards(min(count, 4))  # file cache, Node's compile cache: not timed
        warm_dir = work / "warm"
        warm_dir.mkdir()
        run_lnob(write_campaign(warm_dir, warm), warm_dir / "out", 1)
        if with_satori:
            run_satori(write_satori_cards(warm_dir, warm), warm_dir / "satori")

        walls: dict[str, list[float]] = {t: [] for t in tools}
        stages: dict[str, list[float]] = {}
        outside: list[float] = []
        satori_stages: dict[str, list[float]] = {}
        sizes: dict[str, list[int]] = {t: [] for t in tools}
        for n in range(rounds):
            for tool in tools[n % len(tools):] + tools[:n % len(tools)]:
                out = work / f"{tool}-{n}"
                if tool == "satori":
                    wall, inner = run_satori(cards_file, out)
                    for stage, seconds in inner["seconds"].items():
                        if stage != "total":
                            satori_stages.setdefault(stage, []).append(seconds / count)
                else:
                    report = work / f"report-{n}.json" if tool == "lnob_jobs_1" else None
                    wall = run_lnob(campaign, out, 1 if tool == "lnob_jobs_1" else 2, report)
                    if report is not None:
                        jobs = json.loads(report.read_text(encoding="utf-8"))["jobs"]
                        spent = 0.0
                        for job in jobs:
                            for stage, seconds in job["seconds"].items():
                                stages.setdefault(stage, []).append(seconds)
                                spent += seconds
                        outside.append((wall - spent) / count)
                made = pngs(out)
                if len(made) != count:
                    raise SystemExit(f"{tool} wrote {len(made)} PNG files, not {count}")
                if n == 0:
                    sizes[tool] = [p.stat().st_size for p in made]
                walls[tool].append(wall)
                shutil.rmtree(out)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    per_card = {t: statistics.median(w) / count * 1000 for t, w in walls.items()}
    result: dict[str, Any] = {
        "cards": count, "rounds": rounds,
        "ms_per_card": per_card,
        "wall_s": walls,
        "lnob_stages_ms": {stage: statistics.median(v) * 1000 for stage, v in stages.items()}
        | {"outside the images": statistics.median(outside) * 1000},
        "png_bytes_median": {t: statistics.median(s) for t, s in sizes.items()},
    }
    if with_satori:
        result["satori_stages_ms"] = {s: statistics.median(v) * 1000 for s, v in satori_stages.items()}
        ratio = per_card["lnob_jobs_1"] / per_card["satori"]
        result["ratios"] = {"lnob_jobs_1_vs_satori": ratio,
                            "lnob_jobs_2_vs_satori": per_card["lnob_jobs_2"] / per_card["satori"]}
        result["target"] = {"target": TARGET, "met": ratio <= TARGET}
    else:
        result["target"] = {"target": TARGET, "met": None}
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (medians)")
    parser.add_argument("--no-satori", action="store_true", help="measure lnob alone")
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    why_not = "--no-satori" if options.no_satori else satori_ready()
    if why_not and not options.json:
        print(f"Satori + resvg-js not measured ({why_not}); lnob alone.")
    result = measure(options.cards, options.rounds, why_not is None)
    result["satori_skipped"] = why_not
    if options.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{options.cards} vector {PLATFORM} stat cards, {options.rounds} interleaved rounds, "
              "medians, wall time from outside (start-up included)")
        names = {"lnob_jobs_1": "lnob --jobs 1", "lnob_jobs_2": "lnob --jobs 2",
                 "satori": "Satori + resvg-js"}
        for tool, ms in result["ms_per_card"].items():
            print(f"  {names[tool]:<19}{ms:7.1f} ms per card   PNG "
                  f"{result['png_bytes_median'][tool] / 1000:6.1f} kB")
        print("  lnob --jobs 1 per card: " + ", ".join(
            f"{stage} {ms:.1f}" for stage, ms in result["lnob_stages_ms"].items()) + " ms")
        if "satori_stages_ms" in result:
            print("  Satori per card: " + ", ".join(
                f"{stage} {ms:.1f}" for stage, ms in result["satori_stages_ms"].items()) + " ms")
            ratio = result["ratios"]["lnob_jobs_1_vs_satori"]
            print(f"  lnob --jobs 1 / Satori {ratio:5.2f}  target ≤ {TARGET}  "
                  f"{'met' if result['target']['met'] else 'NOT met'}"
                  f"   (--jobs 2 / Satori {result['ratios']['lnob_jobs_2_vs_satori']:.2f})")
    return 1 if result["target"]["met"] is False else 0


if __name__ == "__main__":
    sys.exit(main())
