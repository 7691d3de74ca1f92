"""Installed from a wheel, the built-in templates and fonts are found and used."""

from __future__ import annotations

import importlib.metadata
import os
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from conftest import CANONICAL_YAML, REPO
from lnob_graphics.paths import bundled_dir


def test_source_checkout_finds_top_level_templates_and_fonts() -> None:
    assert bundled_dir("templates") in (REPO / "templates", )
    assert (bundled_dir("fonts") / "NotoSans-Regular.ttf").is_file()


@pytest.mark.slow
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
                     "lnob_graphics/data/sdg-goals.yaml",
                     "lnob_graphics/data/labels/ne.yaml"):
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


def _readme_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("```sh\n", 1)[1].split("```", 1)[0]
    return block.strip().splitlines()


def _locked(name: str) -> dict[str, str]:
    """``requirements/NAME``: package → exact version, each line with its hashes."""
    text = (REPO / "requirements" / name).read_text(encoding="utf-8")
    pins: dict[str, str] = {}
    for entry in re.split(r"\n(?=[a-z0-9])", text.split("\n", 1)[1] if text.startswith("#")
                          else text):
        first = entry.split(" ", 1)[0].strip()
        if not first or first.startswith("#"):
            continue
        package, _, version = first.partition("==")
        assert version, f"{name}: {first!r} is not pinned to one version"
        assert "--hash=sha256:" in entry, f"{name}: {package} has no hashes"
        pins[package.lower().replace("_", "-")] = version
    return pins


def test_readme_installs_from_the_lock_and_ci_runs_its_test_command_word_for_word() -> None:
    render, test = _readme_commands()
    for command, lock in ((render, "requirements/lock.txt"), (test, "requirements/test.txt")):
        assert command.startswith(f"python3 -m pip install --require-hashes -r {lock} && "
                                  "python3 -m pip install --no-deps --no-build-isolation . && ")
    assert render.endswith("lnob render examples/lnob-2030.yaml --out out/")
    assert test.endswith("python3 -m pytest")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test in ci


def test_every_package_is_locked_and_the_pixel_pins_agree_with_the_lock() -> None:
    run, test = _locked("lock.txt"), _locked("test.txt")
    assert {"babel", "uharfbuzz", "icu4py", "python-bidi", "fonttools", "pillow", "resvg",
            "cairosvg", "hatchling"} <= run.keys()
    assert {k: v for k, v in test.items() if k in run} == run  # one version of each, both locks
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    exact = [d for d in project["project"]["dependencies"] if "==" in d]
    pinned = {d.split("==")[0].lower() for d in exact}
    # The nine that decide the pixels, and the web page's stack (`lnob serve`).
    assert pinned == {"babel", "pyphen", "uharfbuzz", "icu4py", "python-bidi", "fonttools",
                      "pillow", "cairosvg", "resvg", "starlette", "uvicorn", "python-multipart"}
    for requirement in exact:
        package, version = requirement.split("==")
        assert run[package.lower()] == version, requirement
    # What is installed here is what the lock says (CI installs it with the README command).
    for package, version in test.items():
        try:
            installed = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            continue  # e.g. colorama: only on Windows (an environment marker in the lock)
        assert installed == version, f"{package} {installed} installed, {version} locked"
