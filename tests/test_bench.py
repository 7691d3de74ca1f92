"""The benchmark scripts run and report what they promise: numbers that agree with each
other, and verdicts that follow from those numbers and the documented targets (never a
timed assertion here: the verdict may be either, but never a wrong one)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import REPO

# The targets as the scripts' docstrings promise them.
WARM_TARGET, COLD_TARGET = 0.10, 0.50  # bench/text_engine.py: share of the raster time
PACK_TARGETS = {"overhead_share": 0.25, "jobs2_speedup": 1.7, "rerun_speedup": 40.0,
                "peak_rss_mb": 300.0}  # bench/pack.py


def test_text_engine_benchmark_reports_ratios_per_script() -> None:
    result = subprocess.run([sys.executable, str(REPO / "bench" / "text_engine.py"),
                             "--repeat", "1", "--json"], capture_output=True, text=True,
                            check=False, timeout=300)
    report = json.loads(result.stdout)
    assert [row["lang"] for row in report["rows"]] == ["en", "ar", "hi", "km", "zh"]
    assert report["rows"][0]["words"] == 40
    assert report["faces"] > 0 and report["fonts_load_ms"] > 0
    for row in report["rows"]:
        assert row["text_cold_ms"] > 0 and row["text_warm_ms"] > 0 and row["raster_ms"] > 0
        assert row["cold_ratio"] == row["text_cold_ms"] / row["raster_ms"]
        assert row["warm_ratio"] == row["text_warm_ms"] / row["raster_ms"]
    ok = all(row["warm_ratio"] <= WARM_TARGET and row["cold_ratio"] <= COLD_TARGET
             for row in report["rows"])
    assert report["ok"] is ok
    assert result.returncode == (0 if ok else 1), result.stderr


@pytest.mark.slow
def test_pack_benchmark_reports_stages_floor_and_ratios() -> None:
    result = subprocess.run([sys.executable, str(REPO / "bench" / "pack.py"), "--scale",
                             "small", "--json"], capture_output=True, text=True, check=False,
                            timeout=600)
    report = json.loads(result.stdout)
    assert report["images"] == 4 * 2 * 3 + 2 * 2 * 3
    stages = report["per_image_ms"]
    assert list(stages) == ["svg", "rasterize", "encode", "write", "load"]
    for stage in ("svg", "rasterize", "encode", "write"):
        assert 0 < stages[stage]["median"] <= stages[stage]["p95"], stage
    assert list(stages["load"]) == ["median"] and stages["load"]["median"] > 0
    assert report["floor_ms"]["rasterize_only"] > 0 and report["floor_ms"]["png_encode_only"] > 0
    assert report["floor_ms"]["cairosvg_only"] > 0

    # Each ratio is the quotient of the numbers reported beside it.
    medians = {stage: row["median"] for stage, row in stages.items()}
    outside = medians["svg"] + medians["write"] + medians["load"]
    wall = report["wall_s"]
    ratios = report["ratios"]
    assert ratios["overhead_share"] == pytest.approx(outside / sum(medians.values()), rel=1e-9)
    assert 0 < ratios["overhead_share"] < 1
    assert ratios["jobs2_speedup"] == pytest.approx(wall["jobs_1"] / wall["jobs_2"], rel=1e-9)
    # (the re-run is of the --jobs 2 pack: the same command run twice)
    assert ratios["rerun_speedup"] == pytest.approx(wall["jobs_2"] / wall["unchanged_rerun"],
                                                    rel=1e-9)
    assert report["peak_rss_mb"] > 0

    # The verdicts follow from those numbers: shares and memory at most, speed-ups at least.
    met = {"overhead_share": ratios["overhead_share"] <= PACK_TARGETS["overhead_share"],
           "jobs2_speedup": ratios["jobs2_speedup"] >= PACK_TARGETS["jobs2_speedup"],
           "rerun_speedup": ratios["rerun_speedup"] >= PACK_TARGETS["rerun_speedup"],
           "peak_rss_mb": report["peak_rss_mb"] <= PACK_TARGETS["peak_rss_mb"]}
    assert report["targets"] == {name: {"target": PACK_TARGETS[name], "met": met[name]}
                                 for name in PACK_TARGETS}
    assert result.returncode == (0 if all(met.values()) else 1), result.stderr


def test_startup_benchmark_compares_lnob_with_typer_itself() -> None:
    result = subprocess.run([sys.executable, str(REPO / "bench" / "startup.py"), "--runs", "3",
                             "--json"], capture_output=True, text=True, check=False, timeout=300)
    report = json.loads(result.stdout)
    median = report["median_s"]
    assert set(median) == {"import_typer", "lnob_help", "lnob_version"}
    assert all(seconds > 0 for seconds in median.values())
    for name in ("lnob_help", "lnob_version"):
        assert report["ratios"][name] == pytest.approx(median[name] / median["import_typer"],
                                                       rel=1e-9)
        assert report["targets"][name] == {"target": 1.5,
                                           "met": report["ratios"][name] <= 1.5}
    assert result.returncode == (0 if all(t["met"] for t in report["targets"].values()) else 1)


def test_cards_benchmark_runs_lnob_alone_without_node() -> None:
    result = subprocess.run([sys.executable, str(REPO / "bench" / "cards.py"), "--no-satori",
                             "--cards", "4", "--rounds", "1", "--json"], capture_output=True,
                            text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["cards"] == 4 and report["satori_skipped"] == "--no-satori"
    assert set(report["ms_per_card"]) == {"lnob_jobs_1", "lnob_jobs_2"}
    assert all(ms > 0 for ms in report["ms_per_card"].values())
    assert set(report["lnob_stages_ms"]) == {"svg", "rasterize", "encode", "write",
                                             "outside the images"}
    assert report["target"] == {"target": 0.8, "met": None}


def test_design_matrix_reports_counts_that_add_up() -> None:
    result = subprocess.run([sys.executable, str(REPO / "bench" / "design.py"), "--scale",
                             "small", "--json", "--no-sheet", "--jobs", "1"], capture_output=True,
                            text=True, check=False, timeout=300)
    report = json.loads(result.stdout)
    assert report["languages"] == ["en", "ar"]
    # 2 languages × 3 lengths × 2 platforms × (stat + the story with and without a photo)
    assert report["images"] == 2 * 3 * 2 * 3 - 2 * report["refused_by_validation"]
    assert report["images"] == report["checked"] + report["cannot_fit"]
    assert list(report["per_kind"]) == ["number", "word", "orphan", "void", "small",
                                        "hierarchy"]
    assert sum(report["per_kind"].values()) == report["findings"]
    cells = [c for row in report["template_by_format"].values() for c in row.values()]
    assert sum(c["images"] for c in cells) == report["checked"]
    assert sum(c["findings"] for c in cells) == report["findings"]
    assert sum(c["with_findings"] for c in cells) == report["images_with_findings"]
    for kind, count in report["per_kind"].items():
        assert sum(row[kind] for row in report["kind_by_template"].values()) == count
    assert sum(report["cannot_fit_by_field"].values()) == report["cannot_fit"]
    assert all(": " in key and not key.endswith(": None") for key in report["cannot_fit_by_field"])
    # The verdict follows from the counts: every finding is a violation, a failure is not
    # (unless it does not name its field).
    assert report["violations"] == (report["findings"] + report["cannot_fit_without_field"]
                                    + len(report["unexpected"]))
    assert report["ok"] is (report["violations"] == 0)
    assert result.returncode == (0 if report["ok"] else 1), result.stderr
