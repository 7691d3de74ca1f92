"""The benchmark scripts run and report what they promise (their verdicts are
ratios for people and CI logs, never timed assertions here)."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import REPO


def test_text_engine_benchmark_reports_ratios_per_script() -> None:
    result = subprocess.run([sys.executable, str(REPO / "bench" / "text_engine.py"),
                             "--repeat", "1", "--json"], capture_output=True, text=True,
                            check=False, timeout=300)
    report = json.loads(result.stdout)
    assert result.returncode == (0 if report["ok"] else 1), result.stderr
    assert [row["lang"] for row in report["rows"]] == ["en", "ar", "hi", "km", "zh"]
    for row in report["rows"]:
        assert row["text_cold_ms"] > 0 and row["text_warm_ms"] > 0 and row["raster_ms"] > 0
        assert row["warm_ratio"] == row["text_warm_ms"] / row["raster_ms"]
    assert report["rows"][0]["words"] == 40


def test_pack_benchmark_reports_stages_floor_and_ratios() -> None:
    result = subprocess.run([sys.executable, str(REPO / "bench" / "pack.py"), "--scale",
                             "small", "--json"], capture_output=True, text=True, check=False,
                            timeout=600)
    report = json.loads(result.stdout)
    assert report["images"] == 4 * 2 * 3 + 2 * 2 * 3
    assert set(report["per_image_ms"]) == {"svg", "rasterize", "encode", "write", "load"}
    assert report["floor_ms"]["rasterize_only"] > 0 and report["floor_ms"]["png_encode_only"] > 0
    assert set(report["targets"]) == {"overhead_share", "jobs2_speedup", "rerun_speedup",
                                      "peak_rss_mb"}
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
