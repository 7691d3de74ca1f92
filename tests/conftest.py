"""Shared test helpers: real files, real fonts, the real rasterizer."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"

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
