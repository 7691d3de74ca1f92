"""Contact sheets: every image of a rendered pack on one page, to look at at once —
a PNG grid, and an HTML page (the images themselves, with their alt text).

Reads the pack's ``manifest.json`` (never a file it does not list), scales each
image to a thumbnail with Pillow, and lays the thumbnails out in rows with a
caption (id · language · platform) drawn by our own text engine, so captions
and alt-text excerpts in any script come out right. The page is an SVG,
rasterized like every other image.
"""

from __future__ import annotations

import base64
import io
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

from PIL import Image

from lnob_graphics.i18n import direction_of
from lnob_graphics.rasterize import get_rasterizer
from lnob_graphics.text.engine import layout
from lnob_graphics.text.fit import FitRule
from lnob_graphics.text.shaping import MissingGlyphError


class SheetError(ValueError):
    """The pack cannot be put on a sheet (no manifest, nothing selected)."""


@dataclass(frozen=True)
class Tile:
    file: Path
    caption: str
    note: str  # the first words of the alt text, in the image's language
    lang: str


def tiles_of(pack: Path, platforms: Sequence[str] = (), langs: Sequence[str] = ()) -> list[Tile]:
    manifest_path = pack / "manifest.json"
    if not manifest_path.is_file():
        raise SheetError(f"{manifest_path}: no manifest; render the campaign into {pack} first")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        assets = manifest["assets"]
        assert isinstance(assets, list)
    except (ValueError, KeyError, TypeError, AssertionError):
        raise SheetError(f"{manifest_path}: not a manifest written by `lnob render`") from None
    tiles = []
    for asset in assets:
        try:
            platform, lang, name = str(asset["platform"]), str(asset["lang"]), str(asset["file"])
            caption = f"{asset['id']} · {lang} · {platform}"
        except (KeyError, TypeError):
            continue  # not an image entry
        if (platforms and platform not in platforms) or (langs and lang not in langs):
            continue
        # Only PNG files under the pack: a manifest is data, not a licence to read elsewhere.
        file = (pack / name).resolve()
        if pack.resolve() not in file.parents or file.suffix not in (".png", ".jpg", ".webp") \
                or not file.is_file():
            continue
        tiles.append(Tile(file, caption, str(asset.get("alt_text", "")), lang))
    if not tiles:
        raise SheetError(f"{manifest_path}: no rendered images match")
    return tiles


def contact_sheet(tiles: Sequence[Tile], *, width: int = 2400, thumb_height: int = 360,
                  gap: int = 24, caption_height: int = 64) -> bytes:
    """A PNG of ``tiles`` in rows, ``width`` px wide."""
    rows: list[list[tuple[Tile, int, int]]] = [[]]
    x = gap
    for tile in tiles:
        try:
            with Image.open(tile.file) as image:
                w = round(image.width * thumb_height / image.height)
        except (OSError, ValueError):
            continue  # not a readable image: leave it off the sheet
        if rows[-1] and x + w + gap > width:
            rows.append([])
            x = gap
        rows[-1].append((tile, x, w))
        x += w + gap
    row_h = thumb_height + caption_height + gap
    height = gap + row_h * len(rows)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">',
             f'<rect width="{width}" height="{height}" fill="#F2F4F7"/>']
    for r, row in enumerate(rows):
        y = gap + r * row_h
        for tile, x, w in row:
            parts.append(f'<image x="{x}" y="{y}" width="{w}" height="{thumb_height}" '
                         f'href="{_thumbnail(tile.file, w, thumb_height)}"/>')
            try:
                caption = layout(tile.caption, lang="en", direction="ltr",
                                 box=(x, y + thumb_height + 6, w, 26),
                                 rule=FitRule(20, 9, 1, 1.1), weight="bold", fill="#14213D")
                note = layout(_excerpt(tile.note), lang=tile.lang,
                              direction=direction_of(tile.lang),
                              box=(x, y + thumb_height + 34, w, 26),
                              rule=FitRule(18, 9, 1, 1.1), fill="#4A5568")
                parts += [caption.svg, note.svg]
            except MissingGlyphError:
                pass  # text in a script we cannot draw (an alt text of the user's): no caption
    parts.append("</svg>")
    svg = "".join(parts)
    return get_rasterizer().to_png(svg, width, height)


def _excerpt(text: str, words: int = 6) -> str:
    split = text.split()
    return " ".join(split[:words]) + (" …" if len(split) > words else "")


def _thumbnail(file: Path, width: int, height: int) -> str:
    with Image.open(file) as image:
        small = image.convert("RGB").resize((width, height), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    small.save(buffer, "PNG", compress_level=1)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def html_page(tiles: Sequence[Tile], target: Path, title: str = "Contact sheet") -> str:
    """A static page for ``target``: every image (linked by a relative path, nothing
    copied), its caption and its full alt text, grouped by language."""
    groups: dict[str, list[Tile]] = {}
    for tile in tiles:
        groups.setdefault(tile.lang, []).append(tile)
    parts = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
             f"<title>{escape(title)}</title>",
             "<style>body{font-family:sans-serif;background:#F2F4F7;margin:24px}"
             "section{display:flex;flex-wrap:wrap;gap:24px}"
             "figure{margin:0;width:300px}img{max-width:300px;max-height:360px;display:block}"
             "figcaption{font-size:13px}figcaption b{display:block;margin:6px 0 2px}"
             "</style></head><body>", f"<h1>{escape(title)}</h1>"]
    for lang, members in groups.items():
        parts.append(f"<h2>{escape(lang)}</h2><section>")
        for tile in members:
            src = Path(os.path.relpath(tile.file, target.parent.resolve())).as_posix()
            parts.append(
                f'<figure><a href="{escape(src)}"><img src="{escape(src)}" alt="'
                f'{escape(tile.note)}" loading="lazy"></a><figcaption><b>{escape(tile.caption)}'
                f'</b><span lang="{escape(lang)}" dir="{direction_of(lang)}">'
                f"{escape(tile.note)}</span></figcaption></figure>")
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
