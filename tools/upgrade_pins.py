"""Move the exact pins of lnob-graphics and show which pictures that changes.

    python3 tools/upgrade_pins.py                      # every exact pin to its newest release
    python3 tools/upgrade_pins.py babel==2.18.0        # or to the versions named
    python3 tools/upgrade_pins.py --upgrade            # and every other locked package too

1. the ``==`` pins of ``[project] dependencies`` in pyproject.toml move (nothing else there);
2. requirements/lock.txt and requirements/test.txt are compiled again with uv (installed with
   pip, at the version that made the current lock, if it is missing);
3. the test lock and lnob-graphics are installed into the Python running this;
4. the goldens are kept in out/upgrade/goldens-before/, rendered again
   (``LNOB_UPDATE_GOLDENS=1 pytest -m golden``), and every golden whose pixels changed goes
   on out/upgrade/goldens-changed.png: before | after | difference, captioned.

Nothing is committed: ``git diff`` shows the pins, the locks and the goldens that moved.
README, "Dependencies".
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

REPO = Path(__file__).resolve().parent.parent
UV_VERSION = "0.13.9"  # made the current lock files
LOCKS = ("requirements/lock.txt", "requirements/test.txt")
COMPILE = [
    ["pip", "compile", "pyproject.toml", "requirements/build.in", "--generate-hashes",
     "--universal", "--python-version", "3.11", "--no-header", "-q",
     "-o", "requirements/lock.txt"],
    ["pip", "compile", "pyproject.toml", "requirements/build.in", "--extra", "test",
     "-c", "requirements/lock.txt", "--generate-hashes", "--universal", "--python-version",
     "3.11", "--no-header", "-q", "-o", "requirements/test.txt"],
]
OUT = Path("out/upgrade")  # under the repository
SHEET = "goldens-changed.png"


# --- pins (pure) ----------------------------------------------------------------------------

def normalize(name: str) -> str:
    """A package name as PyPI compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


# "NAME==VERSION" or "NAME==VERSION; marker": a range (>=, ~=) is not an exact pin.
_PIN = re.compile(r'^\s*"(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^"\s;,]+)(?=[";\s])')


def _code(line: str) -> str:
    """A TOML line without its comment ("" for a comment line); comments here hold no quotes."""
    return "" if line.lstrip().startswith("#") else re.sub(r'\s#[^"]*$', "", line).strip()


def _dependency_lines(text: str) -> range:
    """Line numbers of the ``dependencies = [...]`` list of the ``[project]`` table."""
    lines = [_code(line) for line in text.splitlines()]
    table = ""
    for number, code in enumerate(lines):
        if re.fullmatch(r"\[\[?[^\]\[]+\]\]?", code):
            table = code
        elif table == "[project]" and re.match(r"dependencies\s*=\s*\[", code):
            for end in range(number, len(lines)):
                if lines[end].endswith("]") or lines[end].startswith("]"):
                    return range(number, end + 1)
            raise ValueError("pyproject.toml: [project] dependencies has no closing ]")
    raise ValueError("pyproject.toml: no [project] dependencies")


def exact_pins(text: str) -> dict[str, str]:
    """The ``NAME==VERSION`` pins of ``[project] dependencies``, by normalized name."""
    lines = text.splitlines()
    pins = {}
    for number in _dependency_lines(text):
        match = _PIN.match(lines[number])
        if match:
            pins[normalize(match["name"])] = match["version"]
    return pins


def rewrite_pins(text: str, versions: dict[str, str]) -> tuple[str, list[str]]:
    """``text`` (pyproject.toml) with the exact pins named in ``versions`` (normalized name →
    version) moved, every other byte as it was; and a line per pin that moved."""
    lines = text.splitlines(keepends=True)
    changes = []
    unknown = set(versions) - set(exact_pins(text))
    if unknown:
        raise ValueError(f"not pinned exactly in [project] dependencies: {', '.join(sorted(unknown))}")
    for number in _dependency_lines(text):
        match = _PIN.match(lines[number])
        if not match:
            continue
        name, old = match["name"], match["version"]
        new = versions.get(normalize(name), old)
        if new != old:
            start, end = match.span("version")
            lines[number] = lines[number][:start] + new + lines[number][end:]
            changes.append(f"{name} {old} -> {new}")
    return "".join(lines), changes


def parse_requests(arguments: Sequence[str]) -> dict[str, str]:
    """``PACKAGE==VERSION`` arguments, by normalized name."""
    requests = {}
    for argument in arguments:
        name, sep, version = argument.partition("==")
        if not sep or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name) or not version \
                or not re.fullmatch(r"[0-9A-Za-z.+!-]+", version):
            raise ValueError(f"{argument!r}: expected PACKAGE==VERSION")
        requests[normalize(name)] = version
    return requests


# --- goldens (pure) -------------------------------------------------------------------------

@dataclass(frozen=True)
class Change:
    name: str
    before: Path | None  # None: a new golden
    after: Path | None  # None: a golden no longer made
    pixels: int  # pixels that differ (every pixel of a new or removed one)
    mean: float  # mean difference per channel, 0-255


def changed_goldens(before: Path, after: Path) -> list[Change]:
    """Every golden whose pixels differ between two folders (PNG bytes may differ alone)."""
    from PIL import Image, ImageChops, ImageStat  # installed with the lock, after startup

    names = sorted({p.name for p in before.glob("*.png")} | {p.name for p in after.glob("*.png")})
    changes = []
    for name in names:
        old, new = before / name, after / name
        if not old.is_file() or not new.is_file():
            present = new if new.is_file() else old
            with Image.open(present) as image:
                pixels = image.width * image.height
            changes.append(Change(name, old if old.is_file() else None,
                                  new if new.is_file() else None, pixels, 255.0))
            continue
        with Image.open(old) as a, Image.open(new) as b:
            first, second = a.convert("RGBA"), b.convert("RGBA")
        if first.size != second.size:
            changes.append(Change(name, old, new, max(first.width * first.height,
                                                       second.width * second.height), 255.0))
            continue
        diff = ImageChops.difference(first, second)
        if diff.getbbox(alpha_only=False) is None:
            continue
        red, green, blue, alpha = diff.split()
        largest = ImageChops.lighter(ImageChops.lighter(red, green), ImageChops.lighter(blue, alpha))
        pixels = first.width * first.height - largest.histogram()[0]
        mean = sum(ImageStat.Stat(diff.convert("RGB")).mean) / 3
        changes.append(Change(name, old, new, pixels, mean))
    return changes


TILE = 360  # px, the longer side of each picture on the sheet


def _tile(path: Path) -> Image.Image:
    from PIL import Image

    with Image.open(path) as opened:
        image = opened.convert("RGB")
    image.thumbnail((TILE, TILE), Image.Resampling.LANCZOS)
    return image


def sheet(changes: Sequence[Change], out: Path) -> None:
    """One row per change: before | after | difference (4x brighter, the changed area boxed in
    red), with the golden's name and how much changed above it."""
    from PIL import Image, ImageChops, ImageDraw, ImageFont

    font = ImageFont.load_default(size=16)
    gap, caption = 16, 26
    rows = []
    for change in changes:
        source = change.after or change.before
        assert source is not None
        present = _tile(source)
        blank = Image.new("RGB", present.size, "#DDDDDD")  # new, or no longer made
        before = _tile(change.before) if change.before else blank
        after = _tile(change.after) if change.after else blank
        height = max(before.height, after.height)
        if change.before and change.after and before.size == after.size:
            diff = ImageChops.difference(before, after)
            with Image.open(change.before) as a, Image.open(change.after) as b:
                full = ImageChops.difference(a.convert("RGB"), b.convert("RGB"))
            box = full.getbbox()
            diff = diff.point(lambda v: min(255, v * 4))
            if box:
                f = before.width / full.width
                ImageDraw.Draw(diff).rectangle(
                    (box[0] * f - 3, box[1] * f - 3, box[2] * f + 3, box[3] * f + 3),
                    outline="#FF0000", width=2)
        else:
            diff = Image.new("RGB", present.size, "#000000")
        state = ("new" if change.before is None else "no longer made" if change.after is None
                 else f"{change.pixels} px changed, mean difference {change.mean:.3f}")
        row = Image.new("RGB", (3 * TILE + 2 * gap, height + caption), "white")
        ImageDraw.Draw(row).text((0, 4), f"{change.name}: {state}   (before | after | difference)",
                                 fill="black", font=font)
        for i, image in enumerate((before, after, diff)):
            row.paste(image, (i * (TILE + gap), caption))
        rows.append(row)
    if not rows:
        rows.append(Image.new("RGB", (3 * TILE + 2 * gap, caption), "white"))
        ImageDraw.Draw(rows[0]).text((0, 4), "no golden changed", fill="black", font=font)
    width = max(r.width for r in rows) + 2 * gap
    page = Image.new("RGB", (width, sum(r.height + gap for r in rows) + gap), "white")
    y = gap
    for row in rows:
        page.paste(row, (gap, y))
        y += row.height + gap
    out.parent.mkdir(parents=True, exist_ok=True)
    page.save(out, optimize=True)


# --- the steps (network, installs, subprocesses) --------------------------------------------

def _run(command: Sequence[str], quiet: bool = False) -> None:
    print("+", " ".join(command), flush=True)
    subprocess.run(list(command), check=True, cwd=REPO, capture_output=quiet)


def newest_release(name: str) -> str:
    """The newest release of ``name`` on the package index pip is configured with."""
    result = subprocess.run([sys.executable, "-m", "pip", "index", "versions", name,
                             "--disable-pip-version-check"], capture_output=True, text=True,
                            check=True)
    match = re.match(r"\S+ \(([^)]+)\)", result.stdout.strip())
    if not match:
        raise RuntimeError(f"pip index versions {name}: no version in {result.stdout!r}")
    return match[1]


def uv() -> list[str]:
    """The command that runs uv: ``uv`` on the PATH, else the one pip installs."""
    found = shutil.which("uv")
    if found:
        return [found]
    try:
        _run([sys.executable, "-m", "uv", "--version"], quiet=True)
    except subprocess.CalledProcessError:
        _run([sys.executable, "-m", "pip", "install", "-q", f"uv=={UV_VERSION}"])
    return [sys.executable, "-m", "uv"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("pins", nargs="*", metavar="PACKAGE==VERSION",
                        help="move these pins to these versions (default: every exact pin to "
                             "its newest release)")
    parser.add_argument("--upgrade", action="store_true",
                        help="refresh every locked package too, not only the pins that moved")
    args = parser.parse_args(argv)
    pyproject = REPO / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    try:
        requested = parse_requests(args.pins)
        current = exact_pins(text)
        versions = requested or {name: newest_release(name) for name in current}
        text, moved = rewrite_pins(text, versions)
    except (ValueError, RuntimeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except subprocess.CalledProcessError as error:
        print(f"error: {' '.join(error.cmd)}: {error.stderr.strip()}", file=sys.stderr)
        return 2
    pyproject.write_text(text, encoding="utf-8")
    print("\n".join(f"pin: {line}" for line in moved) if moved else "no pin moved")

    runner = uv()
    for command in COMPILE:
        _run([*runner, *command, *(["--upgrade"] if args.upgrade else [])])
    _run([sys.executable, "-m", "pip", "install", "-q", "--require-hashes", "-r", LOCKS[1]])
    _run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
          "-e", "."])

    goldens = REPO / "tests" / "goldens"
    before = REPO / OUT / "goldens-before"
    shutil.rmtree(before, ignore_errors=True)
    shutil.copytree(goldens, before)
    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-m", "golden", "-p",
                            "no:cacheprovider"], cwd=REPO, check=False,
                           env={**os.environ, "LNOB_UPDATE_GOLDENS": "1"})
    changes = changed_goldens(before, goldens)
    sheet(changes, REPO / OUT / SHEET)
    if changes:
        print(f"{len(changes)} golden(s) changed; look at {OUT / SHEET}:")
        for change in changes:
            print(f"  {change.name}: {change.pixels} px, mean difference {change.mean:.3f}")
    else:
        print(f"no golden changed ({OUT / SHEET})")
    if tests.returncode != 0:
        print("warning: the golden tests failed while rendering (above): not only pixels "
              "moved", file=sys.stderr)
        return 1
    print("nothing committed: git diff shows the pins, the locks and the goldens")
    return 0


if __name__ == "__main__":
    sys.exit(main())
