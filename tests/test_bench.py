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
