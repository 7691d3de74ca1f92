"""tools/upgrade_pins.py, its pure parts: the pins it moves and the goldens it shows.
(The rest installs packages and asks the index; README "Dependencies" says how to run it.)"""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest
from PIL import Image

from conftest import REPO


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("upgrade_pins", REPO / "tools" / "upgrade_pins.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["upgrade_pins"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


up = _load()

PYPROJECT = """\
[project]
name = "x"
# "babel==1.0" in a comment is no pin
dependencies = [
    "typer>=0.12",
    # Exact pins [the pixels]
    "babel==2.19.0",
    "Python_Bidi==0.6.12",  # a comment after a pin
    "pillow==13.0.0; python_version >= '3.11'",
]

[project.optional-dependencies]
test = ["pytest==9.0"]

[tool.other]
dependencies = ["babel==1.0"]
"""


def test_the_pins_are_the_exact_ones_of_project_dependencies() -> None:
    assert up.exact_pins(PYPROJECT) == {"babel": "2.19.0", "python-bidi": "0.6.12",
                                        "pillow": "13.0.0"}
    real = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    dependencies = tomllib.loads(real)["project"]["dependencies"]
    assert up.exact_pins(real) == {up.normalize(d.split("==")[0]): d.split("==")[1]
                                   for d in dependencies if "==" in d}


def test_moving_pins_changes_those_versions_and_not_one_other_byte() -> None:
    text, moved = up.rewrite_pins(PYPROJECT, {"babel": "2.18.0", "python-bidi": "0.7.0",
                                              "pillow": "13.0.0"})
    assert moved == ["babel 2.19.0 -> 2.18.0", "Python_Bidi 0.6.12 -> 0.7.0"]
    assert text == (PYPROJECT.replace('"babel==2.19.0"', '"babel==2.18.0"')
                    .replace('"Python_Bidi==0.6.12"', '"Python_Bidi==0.7.0"'))
    assert tomllib.loads(text)["tool"]["other"]["dependencies"] == ["babel==1.0"]


@pytest.mark.parametrize(("pins", "message"), [
    ({"typer": "1.0"}, "not pinned exactly in [project] dependencies: typer"),
    ({"pytest": "9.1"}, "not pinned exactly in [project] dependencies: pytest"),
])
def test_only_exact_pins_move(pins: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        up.rewrite_pins(PYPROJECT, pins)


@pytest.mark.parametrize(("arguments", "parsed"), [
    (["babel==2.18.0"], {"babel": "2.18.0"}),
    (["Pillow==12.0.0", "python_bidi==0.6.11"], {"pillow": "12.0.0", "python-bidi": "0.6.11"}),
    ([], {}),
])
def test_requests(arguments: list[str], parsed: dict[str, str]) -> None:
    assert up.parse_requests(arguments) == parsed


@pytest.mark.parametrize("argument", ["babel", "babel>=2.18", "babel==", "==2.18", "babel==2 18"])
def test_a_request_that_is_not_package_equals_version(argument: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ValueError, match="expected PACKAGE==VERSION"):
        up.parse_requests([argument])
    before = (REPO / "pyproject.toml").read_bytes()
    assert up.main([argument]) == 2  # before anything is asked or installed
    assert capsys.readouterr().err == f"error: {argument!r}: expected PACKAGE==VERSION\n"
    assert (REPO / "pyproject.toml").read_bytes() == before


def _png(path: Path, colour: str, level: int = 6, mark: bool = False) -> None:
    image = Image.new("RGB", (40, 30), colour)
    if mark:
        image.putpixel((5, 5), (0, 0, 0))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, compress_level=level)


def test_changed_goldens_are_those_whose_pixels_changed(tmp_path: Path) -> None:
    before, after = tmp_path / "before", tmp_path / "after"
    _png(before / "same.png", "white", level=1)
    _png(after / "same.png", "white", level=9)  # other bytes, same pixels
    _png(before / "marked.png", "white")
    _png(after / "marked.png", "white", mark=True)
    _png(before / "gone.png", "white")
    _png(after / "new.png", "white")
    assert (before / "same.png").read_bytes() != (after / "same.png").read_bytes()
    changes = {c.name: c for c in up.changed_goldens(before, after)}
    assert sorted(changes) == ["gone.png", "marked.png", "new.png"]
    assert changes["marked.png"].pixels == 1
    assert changes["marked.png"].mean == pytest.approx(255 / 1200)
    assert changes["new.png"].before is None and changes["gone.png"].after is None


def test_the_sheet_has_a_row_per_change_or_says_none_changed(tmp_path: Path) -> None:
    before, after = tmp_path / "before", tmp_path / "after"
    _png(before / "a.png", "white")
    _png(after / "a.png", "white", mark=True)
    _png(after / "b.png", "white")
    up.sheet(up.changed_goldens(before, after), tmp_path / "sheet.png")
    with Image.open(tmp_path / "sheet.png") as page:
        two = page.size
    up.sheet([], tmp_path / "none.png")
    with Image.open(tmp_path / "none.png") as page:
        none = page.size
    assert two[0] == none[0] == 3 * up.TILE + 2 * 16 + 2 * 16
    assert two[1] == 16 + 2 * (26 + 30 + 16) > none[1]  # two rows of 30 px tiles, captioned
