"""The goals' pictograms (our own drawings, one colour, on a 100 × 100 grid) and the
pledge's wheel of the 17 goal colours."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from conftest import REPO
from lnob_graphics import pictograms
from lnob_graphics.pictograms import PictogramError, artwork, pictogram, wheel
from lnob_graphics.rasterize import get_rasterizer
from lnob_graphics.themes import themes

GOALS = range(1, 18)


def test_there_is_one_drawing_per_goal_and_nothing_else() -> None:
    folder = REPO / "templates" / "pictograms"
    assert pictograms.folder() == folder
    assert sorted(p.name for p in folder.glob("*.svg")) == sorted(
        f"goal-{n}.svg" for n in GOALS)


@pytest.mark.parametrize("number", GOALS)
def test_each_is_a_plain_one_colour_drawing_on_the_grid_that_says_what_it_shows(
        number: int) -> None:
    shapes, title = artwork(number)  # checked when read: grid, shapes, paint
    assert title.startswith(f"Goal {number}: ") and len(title) > len(f"Goal {number}: ") + 5
    assert "currentColor" in shapes and "#" not in shapes
    assert "xmlns" not in shapes and "<title" not in shapes
    # Coordinates stay on the grid (with the stroke's half-width to spare).
    numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", re.sub(r'stroke-width="[^"]*"|'
                                                                        r'rotate\([^)]*\)', "",
                                                                        shapes))]
    assert numbers and min(numbers) >= 0 and max(numbers) <= 100


@pytest.mark.parametrize("number", GOALS)
def test_each_reads_at_48_px_it_covers_enough_of_its_square_and_not_all(number: int) -> None:
    """Drawn at 48 px, black on white: bold enough to see (a fifth of the square at least),
    open enough to read (not a blot)."""
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48">'
           f'<rect width="48" height="48" fill="#FFFFFF"/>'
           f'{pictogram(number, 0, 0, 48, "#000000")}</svg>')
    png = get_rasterizer("cairosvg").to_png(svg, 48, 48)
    grey = Image.open(io.BytesIO(png)).convert("L")
    ink = grey.point(lambda v: 255 if v < 128 else 0).histogram()[255] / (48 * 48)
    assert 0.2 <= ink <= 0.7, ink


def test_a_pictogram_is_painted_in_the_colour_asked_for_and_placed() -> None:
    drawn = pictogram(4, 10, 20, 50, "#FFFFFF")
    assert drawn.startswith('<g class="pictogram" id="pictogram-4" '
                            'transform="translate(10 20) scale(0.5)" aria-hidden="true">')
    assert "currentColor" not in drawn and 'fill="#FFFFFF"' in drawn
    ET.fromstring(f'<svg xmlns="http://www.w3.org/2000/svg">{drawn}</svg>')  # well-formed
    with pytest.raises(ValueError, match="#RRGGBB"):
        pictogram(4, 0, 0, 50, 'red" onload="x')


@pytest.mark.parametrize(("drawing", "problem"), [
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M0 0H9"/></svg>',
     'expected <svg viewBox="0 0 100 100">'),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><path fill="#E5243B" '
     'd="M0 0H9"/></svg>', "fill='#E5243B'; paint it currentColor"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><image href="x.png"/>'
     '</svg>', "<image> is not a plain shape"),
    ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><path style="fill:red" '
     'd="M0 0H9"/></svg>', "<path> has style"),
])
def test_a_drawing_that_is_not_plain_is_refused_naming_the_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, drawing: str, problem: str) -> None:
    (tmp_path / "goal-3.svg").write_text(drawing, encoding="utf-8")
    monkeypatch.setattr(pictograms, "folder", lambda: tmp_path)
    artwork.cache_clear()
    try:
        with pytest.raises(PictogramError, match=re.escape(problem)) as caught:
            artwork(3)
        assert str(caught.value).startswith(str(tmp_path / "goal-3.svg"))
    finally:
        artwork.cache_clear()


def test_the_drawings_carry_the_projects_licence() -> None:
    licence = (REPO / "templates" / "pictograms" / "LICENSE").read_text(encoding="utf-8")
    assert "MIT License" in licence and "not copies, traces or" in licence
    project = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert project.split("\n", 3)[2] in licence  # the same copyright line


def test_the_contact_sheet_is_there_and_shows_all_17_and_the_wheel() -> None:
    with Image.open(REPO / "docs" / "images" / "pictograms.png") as sheet:
        assert sheet.width > 2000
    import runpy
    made = runpy.run_path(str(REPO / "docs" / "make_pictograms.py"))
    svg, width, _height = made["sheet"]()
    assert sorted(int(n) for n in re.findall(r'id="pictogram-(\d+)"', svg)) == sorted(
        list(GOALS) * 2 + list(GOALS))  # 200 px, 48 px on colour, 48 px black
    assert svg.count('id="goal-wheel"') == 1
    with Image.open(REPO / "docs" / "images" / "pictograms.png") as sheet:
        assert sheet.width == width


def test_the_wheel_has_17_segments_in_the_goal_colours_goal_1_at_the_top_then_clockwise(
        ) -> None:
    colours = themes()["lnob"].stripe
    drawn = wheel(0, 0, 100, colours)
    segments = re.findall(r'<path fill="(#[0-9A-F]{6})" d="M([\d.]+) ([\d.]+)', drawn)
    assert [c for c, _x, _y in segments] == list(colours) == [
        themes()[str(n)].colour for n in GOALS]
    first_x, first_y = float(segments[0][1]), float(segments[0][2])
    second_x = float(segments[1][1])
    assert first_y < 1 and 50 < first_x < 52 < second_x  # from the top, turning right
    assert drawn.startswith('<g class="wheel" id="goal-wheel">')
