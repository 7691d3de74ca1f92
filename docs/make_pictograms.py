"""Draw the contact sheet of the goal pictograms, docs/images/pictograms.png.

    python docs/make_pictograms.py [docs/images/pictograms.png]

The 17 pictograms (templates/pictograms/) side by side as cards draw them: at 200 px and
at 48 px on the goal colours, in the colour of large text and graphics (white wherever it
reaches 3:1), then at 48 px in black on white; and the pledge's wheel. Look at it after
changing a drawing: each must be recognisable at 48 px.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lnob_graphics.pictograms import pictogram, wheel
from lnob_graphics.rasterize import get_rasterizer
from lnob_graphics.text.engine import layout
from lnob_graphics.text.fit import FitRule
from lnob_graphics.themes import themes

BIG, SMALL, GAP = 200, 48, 16
PAD = 28  # around a big pictogram on its tile
BIG_TILE, SMALL_TILE = BIG + 2 * PAD, SMALL + 16
PER_ROW = 9


def label(text: str, x: float, y: float, width: float, size: float) -> str:
    return layout(text, lang="en", direction="ltr", box=(x, y, width, size * 1.3),
                  rule=FitRule(max_size=size, min_size=size, max_lines=1, line_height=1.2,
                               balance=False),
                  weight="bold", align="center", fill="#0B132B").svg


def sheet() -> tuple[str, int, int]:
    table = themes()
    goals = [table[str(n)] for n in range(1, 18)]
    width = PER_ROW * (BIG_TILE + GAP) - GAP + 2 * GAP
    parts: list[str] = []
    y = GAP
    # 200 px, two rows, each with its number under it.
    for i, theme in enumerate(goals):
        x = GAP + (i % PER_ROW) * (BIG_TILE + GAP)
        top = y + (i // PER_ROW) * (BIG_TILE + 44 + GAP)
        parts.append(f'<rect x="{x}" y="{top}" width="{BIG_TILE}" height="{BIG_TILE}" '
                     f'fill="{theme.colour}"/>')
        parts.append(pictogram(i + 1, x + PAD, top + PAD, BIG, str(theme.large)))
        parts.append(label(str(i + 1), x, top + BIG_TILE + 6, BIG_TILE, 28))
    # The pledge's wheel in the free cell of the second row.
    x = GAP + (17 % PER_ROW) * (BIG_TILE + GAP)
    top = y + BIG_TILE + 44 + GAP
    parts.append(f'<rect x="{x}" y="{top}" width="{BIG_TILE}" height="{BIG_TILE}" '
                 f'fill="{table["lnob"].colour}"/>')
    parts.append(wheel(x + PAD, top + PAD, BIG, table["lnob"].stripe))
    parts.append(label("lnob", x, top + BIG_TILE + 6, BIG_TILE, 28))
    y += 2 * (BIG_TILE + 44 + GAP) + GAP
    # 48 px: on the goal colours, then black on white.
    step = (width - 2 * GAP) / 17
    for i, theme in enumerate(goals):
        left = GAP + i * step
        parts.append(f'<rect x="{left:.1f}" y="{y}" width="{SMALL_TILE}" '
                     f'height="{SMALL_TILE}" fill="{theme.colour}"/>')
        parts.append(pictogram(i + 1, left + 8, y + 8, SMALL, str(theme.large)))
        parts.append(pictogram(i + 1, left + 8, y + SMALL_TILE + 16, SMALL, "#000000"))
    height = int(y + 2 * SMALL_TILE + 2 * GAP)
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}"><rect width="{width}" height="{height}" '
           f'fill="#FFFFFF"/>{"".join(parts)}</svg>')
    return svg, width, height


def main(target: Path) -> None:
    svg, width, height = sheet()
    target.write_bytes(get_rasterizer("cairosvg").to_png(svg, width, height))
    print(f"{target} ({width}×{height})")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else
         Path(__file__).resolve().parent / "images" / "pictograms.png")
