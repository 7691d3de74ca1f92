"""Installed from a wheel, the built-in templates and fonts are found and used."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from PIL import Image

from conftest import CANONICAL_YAML, REPO
from lnob_graphics.paths import bundled_dir


def test_source_checkout_finds_top_level_templates_and_fonts() -> None:
    assert bundled_dir("templates") in (REPO / "templates", )
    assert (bundled_dir("fonts") / "NotoSans-Regular.ttf").is_file()


def test_wheel_carries_templates_and_fonts_and_renders_from_them(tmp_path: Path) -> None:
    wheel_dir = tmp_path / "wheel"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(wheel_dir), str(REPO)],
        check=True, capture_output=True, timeout=300)
    (wheel,) = wheel_dir.glob("lnob_graphics-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for required in ("lnob_graphics/_bundled/templates/stat.svg.j2",
                     "lnob_graphics/_bundled/templates/goal.yaml",
                     "lnob_graphics/_bundled/fonts/NotoSansArabic-Bold.ttf",
                     "lnob_graphics/_bundled/fonts/OFL.txt",
                     "lnob_graphics/_bundled/fonts/fonts.yaml",
                     "lnob_graphics/data/sdg-goals.yaml"):
        assert required in names, required
    # "Install" it by unpacking into a folder that is the only place to import it from,
    # and run the real CLI from a working directory far from the checkout.
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    work = tmp_path / "work"
    work.mkdir()
    (work / "c.yaml").write_text(CANONICAL_YAML.replace("lang: en", "lang: ar"), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(site), "PYTHONSAFEPATH": "1"}
    probe = subprocess.run(
        [sys.executable, "-c", "import lnob_graphics.paths as p; print(p.bundled_dir('fonts'));"
                               "print(p.bundled_dir('templates'))"],
        capture_output=True, text=True, env=env, cwd=work, check=True, timeout=60)
    fonts, templates = probe.stdout.split()
    assert Path(fonts) == site / "lnob_graphics/_bundled/fonts"
    assert Path(templates) == site / "lnob_graphics/_bundled/templates"
    proc = subprocess.run(
        [sys.executable, "-m", "lnob_graphics", "render", "c.yaml", "--out", "out", "-p",
         "instagram-square"],
        capture_output=True, text=True, env=env, cwd=work, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    with Image.open(work / "out/ar/instagram-square/girls-school.png") as image:
        assert image.size == (1080, 1080)
