"""The command line's vocabularies and defaults, in a module that imports nothing:
``lnob --help`` and ``lnob version`` must start as fast as typer itself, so the CLI
loads the pipeline only when a command runs."""

from __future__ import annotations

MAX_ROWS = 10_000  # assets (YAML) or rows (CSV) in one file; see --max-rows
DEFAULT_TIMEOUT = 60.0  # seconds per image; a normal card takes well under one
IMAGE_FORMATS = ("png", "jpeg", "webp", "svg")  # --format
RASTERIZERS = ("auto", "cairosvg", "resvg")  # --rasterizer (rasterize.BACKENDS)
