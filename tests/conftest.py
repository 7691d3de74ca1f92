"""Shared test helpers: real files, real fonts, the real rasterizer."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
GOLDENS = Path(__file__).resolve().parent / "goldens"
FAILURES = Path(__file__).resolve().parent / "_failures"

CANONICAL_YAML = """\
assets:
  - id: girls-school
    template: stat
    goal: 4
    lang: en
    stat: "23%"
    headline: "Only 23% of poor rural girls in sub-Saharan Africa finish primary school"
    source: "Leave No One Behind Partnership, 2016"
"""

CANONICAL_CSV = """\
id,template,goal,lang,stat,headline,source
girls-school,stat,4,en,23%,Only 23% of poor rural girls in sub-Saharan Africa finish primary school,"Leave No One Behind Partnership, 2016"
"""


def assert_image_similar(actual_path: Path, golden_name: str, epsilon: float,
                         scale: float = 1.0) -> None:
    """Mode and size first, then the mean absolute difference per channel (0–255).

    ``scale`` < 1 compares (and stores) the golden at that fraction of the size: enough to
    catch any change of layout, at a quarter of the bytes in the repository.
    ``LNOB_UPDATE_GOLDENS=1`` rewrites the golden instead — look at it before committing.
    On failure the actual image and the difference are saved in tests/_failures/.
    """
    golden = GOLDENS / golden_name
    with Image.open(actual_path) as opened:
        actual = opened.convert("RGB")
    if scale != 1.0:
        actual = actual.resize((round(actual.width * scale), round(actual.height * scale)),
                               Image.Resampling.BOX)
    if os.environ.get("LNOB_UPDATE_GOLDENS") == "1":
        GOLDENS.mkdir(exist_ok=True)
        actual.save(golden, optimize=True)
        return
    assert golden.is_file(), f"no golden {golden}; run with LNOB_UPDATE_GOLDENS=1 and look at it"
    with Image.open(golden) as b:
        expected = b.convert("RGB")
        assert actual.size == expected.size, f"size {actual.size} != golden {expected.size}"
        diff = ImageChops.difference(actual, expected)
        mean = sum(ImageStat.Stat(diff).mean) / 3
        if mean > epsilon:
            FAILURES.mkdir(exist_ok=True)
            actual.save(FAILURES / golden_name)
            diff.save(FAILURES / ("diff-" + golden_name))
        assert mean <= epsilon, f"{golden_name}: mean difference {mean:.3f} > {epsilon}"


@pytest.fixture
def write(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write a file under tmp_path and return its path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write


def render_pack(factory: pytest.TempPathFactory, campaign: Path, *args: str) -> Path:
    """Render ``campaign`` once through the real CLI into a fresh folder (for module
    fixtures) and return the folder."""
    from typer.testing import CliRunner

    from lnob_graphics.cli import app

    out = factory.mktemp(campaign.stem)
    result = CliRunner().invoke(app, ["render", str(campaign), "--out", str(out), "--quiet",
                                      *args])
    assert result.exit_code == 0, result.output
    return out
