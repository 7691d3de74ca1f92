"""Hostile input, broken input, interrupted runs: each case with its expected outcome —
drawn literally, refused with a message, or stopped in bounded time."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from conftest import EXAMPLES, REPO
from lnob_graphics.cli import app
from lnob_graphics.errors import InputError
from lnob_graphics.loader import load
from lnob_graphics.pipeline import load_campaign
from lnob_graphics.platforms import PLATFORMS
from lnob_graphics.render import render_svg
from lnob_graphics.templates import template_set

runner = CliRunner()
HERE = Path(__file__).resolve().parent


def _campaign(folder: Path, text: str, name: str = "c.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- data is never code, and is drawn as typed ---------------------------------------------

@pytest.mark.parametrize("text", [
    "{{ 7*7 }} {% if true %}x{% endif %}",
    "<b>bold</b> & \"quotes\" ]]> <!-- x -->",
    "<image href=\"file:///etc/passwd\"/>",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "\u202eevil\u202c override and \u200b zero width",
])
def test_field_text_is_drawn_literally_never_run(tmp_path: Path, text: str) -> None:
    path = _campaign(tmp_path, "assets:\n  - {id: x, template: stat, goal: 4, lang: en, "
                     f"stat: '23%', headline: {json.dumps(text)}}}\n")
    asset = load_campaign([path]).assets[0]
    svg = render_svg(asset, PLATFORMS["instagram-square"], template_set()).svg
    assert "49" not in svg.split("<title>")[1].split("</title>")[0] or "7*7" in svg
    assert "<b>" not in svg and "<image href=\"file" not in svg and "__subclasses__()" not in \
        svg.replace("__subclasses__() }}", "")  # only ever as escaped text
    from xml.dom.minidom import parseString

    parseString(svg)  # still well-formed XML
    titles = [n.firstChild.data for n in parseString(svg).getElementsByTagName("title")
              if n.firstChild]
    assert any(text.replace("\u202e", "").replace("\u202c", "").split()[0] in t for t in titles)


def test_a_bidi_override_stays_inside_its_field() -> None:
    from lnob_graphics.text.engine import layout
    from lnob_graphics.text.fit import FitRule

    rule = FitRule(40, 10, 1)
    hostile = layout("\u202eabc", lang="en", direction="ltr", box=(0, 0, 600, 60), rule=rule)
    neighbour = layout("Source: UN", lang="en", direction="ltr", box=(0, 60, 600, 60), rule=rule)
    plain = layout("Source: UN", lang="en", direction="ltr", box=(0, 60, 600, 60), rule=rule)
    assert hostile.lines == ("abc",)  # reordered within itself …
    assert neighbour.svg == plain.svg  # … and nothing else moved


# --- templates are sandboxed and cannot reach outside -------------------------------------

def _user_template(folder: Path, body: str) -> Path:
    tpl = folder / "tpl"
    tpl.mkdir(parents=True, exist_ok=True)
    (tpl / "evil.svg.j2").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{{{{ canvas.width }}}}" height="{{{{ canvas.height }}}}">{body}</svg>',
        encoding="utf-8")
    (tpl / "evil.yaml").write_text("fields:\n  headline: {required: true}\n", encoding="utf-8")
    return tpl


@pytest.mark.parametrize(("body", "message"), [
    ('<image href="file:///etc/passwd" width="10" height="10"/>',
     "template 'evil' refers to 'file:///etc/passwd': external files and web addresses are "
     "never loaded; embed it (data: URI) or remove it"),
    ('<image xlink:href="https://example.org/x.png" width="10" height="10"/>',
     "template 'evil' refers to 'https://example.org/x.png'"),
    ('<image href="../../secret.png" width="10" height="10"/>',
     "template 'evil' refers to '../../secret.png'"),
    ('<rect fill="url(http://example.org/p)" width="9" height="9"/>',
     "template 'evil' refers to 'http://example.org/p'"),
    ("<style>@import url(https://example.org/a.css);</style>",
     "template 'evil' refers to 'https://example.org/a.css'"),
    ("{{ ''.__class__.__mro__[1].__subclasses__() }}",
     "template 'evil' failed: SecurityError: access to attribute '__class__' of 'str' object "
     "is unsafe."),
    ("{{ lipsum.__globals__ }}",
     "template 'evil' failed: SecurityError: access to attribute '__globals__' of 'function' "
     "object is unsafe."),
])
def test_a_hostile_template_fails_its_images_with_a_message(tmp_path: Path, body: str,
                                                            message: str) -> None:
    tpl = _user_template(tmp_path, body)
    path = _campaign(tmp_path, "assets:\n  - {id: x, template: evil, goal: 4, lang: en, "
                     "headline: hi, platforms: [instagram-square]}\n")
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(path), "--out", str(out), "--templates",
                                 str(tpl), "-j", "1"])
    assert result.exit_code == 1
    (error,) = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["errors"]
    assert error["field"] == "template" and error["message"].startswith(message)


@pytest.mark.slow
def test_nested_use_cannot_hang_a_batch(tmp_path: Path) -> None:
    """CVE-2026-31899: cairosvg follows nested <use> for a long time; --timeout stops it."""
    defs = ['<rect id="l0" width="1" height="1"/>']
    for level in range(1, 9):
        uses = "".join(f'<use href="#l{level - 1}" x="{i}"/>' for i in range(10))
        defs.append(f'<g id="l{level}">{uses}</g>')
    tpl = _user_template(tmp_path, f'<defs>{"".join(defs)}</defs><use href="#l8"/>')
    path = _campaign(tmp_path, "assets:\n  - {id: x, template: evil, goal: 4, lang: en, "
                     "headline: hi, platforms: [instagram-square]}\n"
                     "  - {id: y, template: stat, goal: 4, lang: en, stat: '1', headline: fine, "
                     "platforms: [instagram-square]}\n")
    # resvg cannot be interrupted: a <use> chain (or a filter) is handed to cairosvg, where
    # the time limit stops it.
    for backend, message in (("cairosvg", "took longer than 2 s, the limit for one image "
                                           "(--timeout)"),
                             ("resvg", "took longer than 2 s, the limit for one image")):
        out = tmp_path / backend
        start = time.monotonic()
        result = runner.invoke(app, ["render", str(path), "--out", str(out), "--templates",
                                     str(tpl), "--timeout", "2", "-j", "1", "--rasterizer",
                                     backend])
        assert time.monotonic() - start < 20
        assert result.exit_code == 1
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        assert [a["id"] for a in manifest["assets"]] == ["y"]  # the rest of the batch is made
        assert manifest["errors"][0]["message"].startswith(message)


# --- only named files inside the campaign's folder are read ------------------------------

def test_photos_escaping_the_campaign_folder_are_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.jpg"
    shutil.copy(EXAMPLES / "photos/girl-walking-to-school.jpg", secret)
    folder = tmp_path / "campaign"
    folder.mkdir()
    (folder / "link.jpg").symlink_to(secret)
    story = ("assets:\n  - {id: s, template: story, goal: 4, lang: en, quote: q, name: n, "
             "image: IMAGE}\n")
    for image, shown in (("link.jpg", "'link.jpg' is outside the campaign's folder"),
                         ("../secret.jpg", "'../secret.jpg' is outside the campaign's folder"),
                         (str(secret), f"{str(secret)!r} is outside the campaign's folder"),
                         ("/etc/passwd", "'/etc/passwd' is outside the campaign's folder")):
        path = _campaign(folder, story.replace("IMAGE", json.dumps(image)))
        with pytest.raises(InputError) as caught:
            load_campaign([path])
        assert shown in str(caught.value)


@pytest.mark.parametrize(("asset_id", "message"), [
    ("../up", "invalid id '../up': use lowercase letters, digits and '-'"),
    ("/abs", "invalid id '/abs'"),
    ("con", "'con' is a reserved file name on Windows; choose another id"),
    ("lpt1-x", "'lpt1-x' is a reserved file name on Windows"),
])
def test_ids_cannot_escape_or_misname_the_output(tmp_path: Path, asset_id: str,
                                                  message: str) -> None:
    path = _campaign(tmp_path, f"assets:\n  - {{id: {json.dumps(asset_id)}, template: stat, "
                     "goal: 4, lang: en, stat: '1', headline: h}\n")
    with pytest.raises(InputError) as caught:
        load_campaign([path])
    assert message in str(caught.value)


def test_two_assets_that_would_share_a_file_are_refused(tmp_path: Path) -> None:
    path = _campaign(tmp_path, """\
assets:
  - {id: facts, template: carousel, goal: 1, lang: en, title: T, items: [a, b], cta: Go}
  - {id: facts-02, template: stat, goal: 1, lang: en, stat: "1", headline: h}
""")
    with pytest.raises(InputError) as caught:
        load_campaign([path])
    assert f"{path}:3: id: 'facts-02' is also the file name of a slide of the carousel 'facts'" \
        in str(caught.value)


# --- malformed files: a clear error or a bounded result, never a traceback -----------------

@pytest.mark.parametrize(("name", "content", "message"), [
    ("truncated.yaml", b"assets:\n  - {id: x, template: stat, goal: 4, lang: en, stat: '1",
     "invalid YAML"),
    ("bomb.yaml", ("a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n"
        for i in range(7)) + "assets:\n  - {id: x, headline: {en: *h}}\n").encode(),
     "its aliases (*name) expand to more than 200,000 values ('billion laughs')"),
    ("dup.yaml", b"assets:\n  - id: x\n    id: y\n", "duplicate key"),
    ("nul.csv", b"id,lang\nx\x00y,en\n", "nul.csv:2: a NUL byte at offset 9: this is not "
     "a text file (or pass --encoding utf-16)"),
    ("ragged.csv", b"id,lang\nx,en,extra\n", "row has 3 cells but the header has 2"),
    ("empty.csv", b"", "the file is empty; expected a header row"),
    ("empty.yaml", b"", "expected a mapping with an 'assets:' list at the top level"),
    ("binary.csv", bytes(range(128, 256)) * 4, "not valid UTF-8"),
])
def test_malformed_files(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_a_50_mb_file_is_refused_quickly_with_a_limit_to_raise(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    row = "a-{n},stat,4,en,23%,Only 23% of poor rural girls finish primary school,Source\n"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("id,template,goal,lang,stat,headline,source\n")
        handle.writelines(row.format(n=n) for n in range(650_000))
    assert path.stat().st_size > 50_000_000
    start = time.monotonic()
    with pytest.raises(InputError) as caught:
        load(path)
    assert time.monotonic() - start < 30
    assert str(caught.value) == (f"{path}: 650,000 assets; the limit is 10,000 per file (split "
                                 "the file, or raise it with --max-rows)")


# --- interrupted runs lose nothing --------------------------------------------------------

@pytest.mark.slow
def test_a_killed_run_leaves_a_consistent_folder_and_a_rerun_completes_it(tmp_path: Path) -> None:
    out = tmp_path / "out"
    command = [sys.executable, "-m", "lnob_graphics", "render",
               str(EXAMPLES / "lnob-2030.yaml"), "--out", str(out), "-j", "1", "--quiet"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while len(list(out.rglob("*.png"))) < 12 and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    made = list(out.rglob("*.png"))
    assert 12 <= len(made) < 265
    for png in made:  # every image there is whole (written to a temporary name, renamed)
        with Image.open(png) as image:
            image.verify()
    assert not (out / "manifest.json").exists()  # no manifest claims what is not there
    journal = (out / ".lnob-journal.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(journal) >= len(made) - 1
    rerun = subprocess.run([*command[:-3]], env=env, capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    reused = int(re.search(r"\((\d+) unchanged since the last run\)", rerun.stdout)[1])
    assert reused >= len(made) - 1  # what was done is not done again
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["assets"]) == 265 and manifest["errors"] == []
    assert not list(out.rglob(".*.part")) and not (out / ".lnob-journal.jsonl").exists()


def test_allowed_folders_and_the_photo_size_limit(tmp_path: Path) -> None:
    shared = tmp_path / "shared-photos"
    shared.mkdir()
    shutil.copy(EXAMPLES / "photos/girl-walking-to-school.jpg", shared / "girl.jpg")
    Image.new("1", (8000, 7000)).save(shared / "huge.png")  # 56 megapixels, a few KB
    folder = tmp_path / "campaign"
    story = ("assets:\n  - {id: s, template: story, goal: 4, lang: en, quote: q, name: n, "
             f"image: {json.dumps(str(shared / 'IMAGE'))}}}\n")
    path = _campaign(folder, story.replace("IMAGE", "girl.jpg"))
    refused = runner.invoke(app, ["validate", str(path)])
    assert refused.exit_code == 2 and "or allow its folder with --allow" in refused.stderr
    allowed = runner.invoke(app, ["validate", str(path), "--allow", str(shared)])
    assert allowed.exit_code == 0, allowed.stderr
    path = _campaign(folder, story.replace("IMAGE", "huge.png"))
    huge = runner.invoke(app, ["validate", str(path), "--allow", str(shared)])
    assert huge.exit_code == 2
    assert (f"'{shared / 'huge.png'}' is 8000×7000 pixels; the limit is 50 megapixels: "
            "resize it") in huge.stderr


def test_a_filter_bomb_cannot_hang_the_default_rasterizer(tmp_path: Path) -> None:
    tpl = _user_template(tmp_path, '<filter id="f"><feGaussianBlur stdDeviation="80"/>'
                         '<feMorphology radius="30"/></filter>'
                         '<rect width="1080" height="1080" filter="url(#f)"/>')
    path = _campaign(tmp_path, "assets:\n  - {id: x, template: evil, goal: 4, lang: en, "
                     "headline: hi, platforms: [instagram-square]}\n")
    out = tmp_path / "out"
    start = time.monotonic()
    result = runner.invoke(app, ["render", str(path), "--out", str(out), "--templates", str(tpl),
                                 "--timeout", "2", "-j", "1"])
    # resvg (the default) would blur for seconds where no time limit reaches, and then
    # the image would fail as too slow; a <filter> goes to cairosvg instead, which draws
    # it at once (it ignores these filter primitives).
    assert time.monotonic() - start < 10
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.splitlines()[-1] == (
        f"1 images written, 0 failed; manifest: {out / 'manifest.json'}")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["errors"] == []
    assert [a["file"] for a in manifest["assets"]] == ["en/instagram-square/x.png"]
    with Image.open(out / "en/instagram-square/x.png") as image:
        assert image.size == (1080, 1080)
