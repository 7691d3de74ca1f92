"""Compose the README picture from a pack rendered by the README's first command.

    lnob render examples/lnob-2030.yaml --out out/ && python docs/make_picture.py out/
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image

GAP, WIDTH = 16, 1548
ROWS = [  # (lang, platform, id) — the same card in English and Arabic, a story, the pledge
    [("en", "instagram-square", "girls-school"), ("ar", "instagram-square", "girls-school"),
     ("fr", "instagram-story", "violence-against-women"),
     ("ar", "instagram-story", "extreme-poverty")],
    [("en", "x-post", "forced-labour"), ("pt", "x-post", "leave-no-one-behind"),
     ("es", "x-post", "every-girl-in-school")],
]


def main(pack: Path, target: Path) -> None:
    rows = []
    for row in ROWS:
        images = [Image.open(pack / lang / platform / f"{asset}.png").convert("RGB")
                  for lang, platform, asset in row]
        # One height per row, chosen so the row (with gaps) is exactly WIDTH wide.
        aspect = sum(i.width / i.height for i in images)
        height = round((WIDTH - GAP * (len(images) - 1)) / aspect)
        rows.append([i.resize((round(i.width * height / i.height), height), Image.LANCZOS)
                     for i in images])
    sheet = Image.new("RGB", (WIDTH, sum(r[0].height for r in rows) + GAP * (len(rows) - 1)),
                      "white")
    y = 0
    for row in rows:
        x = 0
        for image in row:
            sheet.paste(image, (x, y))
            x += image.width + GAP
        y += row[0].height + GAP
    sheet.save(target, optimize=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else
         Path(__file__).parent / "images" / "example-pack.png")
