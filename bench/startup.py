"""Benchmark: how long `lnob --help` and `lnob version` take to start, against the floor
measured in the same run — `python -c "import typer"`, the library the CLI is built on.

Every command imports what it needs when it runs (lnob_graphics/cli.py), so these two
should cost little more than typer itself. Target: ≤ 1.5× the floor (medians).

    python bench/startup.py [--runs N] [--json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET = 1.5


def lnob_command() -> list[str]:
    """The console script beside this Python (what users run), else the module."""
    script = Path(sys.executable).parent / "lnob"
    if script.is_file():
        return [str(script)]
    found = shutil.which("lnob")
    return [found] if found else [sys.executable, "-m", "lnob_graphics"]


def wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(runs: int) -> dict[str, object]:
    commands = {
        "import_typer": [sys.executable, "-c", "import typer"],
        "lnob_help": [*lnob_command(), "--help"],
        "lnob_version": [*lnob_command(), "version"],
    }
    for command in commands.values():  # warm the file cache and the bytecode
        wall(command)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):  # interleaved, so a busy moment costs each the same
        for name, command in commands.items():
            times[name].append(wall(command))
    median = {name: statistics.median(values) for name, values in times.items()}
    ratios = {name: median[name] / median["import_typer"] for name in ("lnob_help",
                                                                        "lnob_version")}
    return {"runs": runs, "median_s": median, "ratios": ratios,
            "targets": {name: {"target": TARGET, "met": ratio <= TARGET}
                        for name, ratio in ratios.items()}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()
    result = measure(options.runs)
    if options.json:
        print(json.dumps(result, indent=2))
    else:
        median = result["median_s"]
        assert isinstance(median, dict)
        print(f"median of {options.runs} runs: import typer {median['import_typer'] * 1000:.0f} ms, "
              f"lnob --help {median['lnob_help'] * 1000:.0f} ms, "
              f"lnob version {median['lnob_version'] * 1000:.0f} ms")
        ratios = result["ratios"]
        assert isinstance(ratios, dict)
        for name, ratio in ratios.items():
            print(f"  {name:<13} {ratio:5.2f}× import typer  target ≤ {TARGET}  "
                  f"{'met' if ratio <= TARGET else 'NOT met'}")
    targets = result["targets"]
    assert isinstance(targets, dict)
    return 0 if all(row["met"] for row in targets.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
