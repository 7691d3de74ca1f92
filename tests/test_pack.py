"""The output folder as a whole: a manifest that describes every image in it, one run at a
time, file modes from the umask, a cache that survives a fresh clone, and a clear message
(never a traceback) when the folder cannot take the pack."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES, REPO
from lnob_graphics import pack
from lnob_graphics.cli import app

runner = CliRunner()
TEMPLATES = EXAMPLES / "every-template.yaml"  # 11 assets, en and ar
EXAMPLE = EXAMPLES / "lnob-2030.yaml"  # 9 assets, en fr es pt ar


def _render(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, ["render", *args])
    assert result.exit_code == code, result.output
    return result.output


def _manifest(out: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def _images_on_disk(out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in out.rglob("*.png")}


@pytest.mark.slow
def test_restricted_runs_and_a_second_campaign_add_to_the_manifest(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _render(str(TEMPLATES), "--out", str(out), "--quiet")
    full = _manifest(out)
    assert len(full["assets"]) == 94 and _images_on_disk(out) == {a["file"] for a in
                                                                  full["assets"]}
    # A run for one platform: 20 of its images are unchanged, 10 are new (the carousel is
    # not made for instagram-square unless asked); everything else stays described.
    assert "30 images written (20 unchanged" in _render(str(TEMPLATES), "--out", str(out),
                                                         "-p", "instagram-square")
    square = _manifest(out)
    assert len(square["assets"]) == 104 and _images_on_disk(out) == {a["file"] for a in
                                                                    square["assets"]}
    assert [a for a in square["assets"] if a["file"] in {b["file"] for b in full["assets"]}] \
        == full["assets"]
    # One language, one platform it was not rendered for before: added, the rest kept.
    _render(str(TEMPLATES), "--out", str(out), "--lang", "ar", "-p", "facebook-link", "--quiet")
    after_lang = _manifest(out)
    added = {a["file"] for a in after_lang["assets"]} - {a["file"] for a in square["assets"]}
    assert len(added) == 14 and {f.split("/")[:2] == ["ar", "facebook-link"] for f in added} \
        == {True}
    # A second campaign in the same folder: both are described, each with its own file.
    _render(str(EXAMPLE), "--out", str(out), "-p", "x-post", "--quiet")
    both = _manifest(out)
    assert _images_on_disk(out) == {a["file"] for a in both["assets"]}
    sources = {}
    for entry in both["assets"]:
        sources.setdefault(entry["source"]["file"], set()).add(entry["lang"])
    assert sources == {str(TEMPLATES): {"en", "ar"}, str(EXAMPLE): {"en", "fr", "es", "pt", "ar"}}
    assert len(both["assets"]) == len(after_lang["assets"]) + 45
    # Re-rendering the first campaign never removes the second's images.
    assert "94 images written (94 unchanged" in _render(str(TEMPLATES), "--out", str(out))
    final = _manifest(out)
    assert final["assets"] == both["assets"] and final["errors"] == both["errors"] == []
    # Its warnings are those of its latest run (the -p facebook-link one is gone).
    assert both["warnings"] == [f"{TEMPLATES}:111: platforms: template 'poster' has no wide "
                                "layout: no facebook-link images of 'counted'"]
    assert final["warnings"] == []


def test_an_unknown_lang_is_refused_with_the_campaigns_languages(tmp_path: Path) -> None:
    result = runner.invoke(app, ["render", str(TEMPLATES), "--out", str(tmp_path), "--lang",
                                 "ara"])
    assert result.exit_code == 2
    assert result.stderr == ("error: --lang: the campaign has no 'ara' text (did you mean ar?); "
                             "its languages: ar, en\n")
    assert not (tmp_path / "manifest.json").exists()


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_files_get_the_mode_the_umask_gives(tmp_path: Path, mask: int, mode: int) -> None:
    pack._file_mode.cache_clear()
    previous = os.umask(mask)
    try:
        _render(str(TEMPLATES), "--out", str(tmp_path), "-p", "x-post", "--lang", "en",
                "--quiet", "-j", "1")
    finally:
        os.umask(previous)
        pack._file_mode.cache_clear()
    files = [tmp_path / "manifest.json", *tmp_path.rglob("*.png"), *tmp_path.rglob("*.alt.txt")]
    assert len(files) > 10
    assert {oct(f.stat().st_mode & 0o777) for f in files} == {oct(mode)}


@pytest.fixture
def held(tmp_path: Path) -> Iterator[Path]:
    """Another process holding the output folder, as a second lnob run would."""
    out = tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import fcntl, sys, time\n"
         f"f = open({str(out / '.lnob.lock')!r}, 'a+')\n"
         "fcntl.flock(f.fileno(), fcntl.LOCK_EX)\n"
         "f.write('pid 4242'); f.flush(); print('held', flush=True); time.sleep(60)\n"],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    yield out
    holder.kill()
    holder.wait()
    holder.stdout.close()


def test_a_second_run_into_the_same_folder_stops_at_once(held: Path) -> None:
    start = time.monotonic()
    result = runner.invoke(app, ["render", str(TEMPLATES), "--out", str(held), "--quiet"])
    assert time.monotonic() - start < 10
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"error: --out {held}: another lnob run (pid 4242) is writing into this folder; wait "
        "for it to finish, or render into another folder\n")
    assert _images_on_disk(held) == set() and not (held / "manifest.json").exists()


def test_merge_waits_its_turn_too(held: Path) -> None:
    result = runner.invoke(app, ["merge", str(held)])
    assert result.exit_code == 2 and "another lnob run (pid 4242)" in result.stderr


@pytest.mark.parametrize(("setup", "message"), [
    ("file", "error: --out {out}: is a file, not a folder; name a folder for the images"),
    ("under-file", "error: --out {out}: cannot write there (Not a directory); name a folder "
                   "you can write to"),
])
def test_an_output_folder_that_cannot_be_one_is_one_message(tmp_path: Path, setup: str,
                                                            message: str) -> None:
    (tmp_path / "taken").write_text("not a folder", encoding="utf-8")
    out = tmp_path / "taken" if setup == "file" else tmp_path / "taken" / "pack"
    result = runner.invoke(app, ["render", str(TEMPLATES), "--out", str(out), "--quiet"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == message.format(out=out)
    assert "Traceback" not in result.output
    assert (tmp_path / "taken").read_text(encoding="utf-8") == "not a folder"


def test_a_folder_that_refuses_writing_is_one_message(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self.name == pack.LOCK:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", refuse)
    result = runner.invoke(app, ["render", str(TEMPLATES), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"error: --out {tmp_path / 'o'}: cannot write there (Permission denied); name a folder "
        "you can write to")


def _disk_fills_after(monkeypatch: pytest.MonkeyPatch, images: int) -> None:
    """Writes fail with ENOSPC once ``images`` PNGs (with their sidecars) are written."""
    real = pack.write_atomic
    written: list[Path] = []

    def write(path: Path, data: bytes) -> None:
        if path.suffix == ".png":
            if len(written) >= images:
                raise OSError(errno.ENOSPC, "No space left on device", str(path))
            written.append(path)
        real(path, data)

    monkeypatch.setattr(pack, "write_atomic", write)


def test_a_full_disk_stops_the_run_keeps_what_finished_and_a_rerun_completes_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    _disk_fills_after(monkeypatch, 3)
    result = runner.invoke(app, ["render", str(TEMPLATES), "--out", str(out), "-j", "1", "-p",
                                 "x-post", "--lang", "en", "--quiet"])
    assert result.exit_code == 1
    stopped = result.stderr.splitlines()[-1]
    assert stopped.startswith(f"error: {out}: the run stopped: could not write {out}/en/x-post/")
    assert stopped.endswith(".png: No space left on device; the 3 images that finished are kept "
                            "and listed; run again to finish")
    assert "Traceback" not in result.output
    assert len(_images_on_disk(out)) == 3
    assert len(_manifest(out)["assets"]) == 3  # the manifest describes what is there
    monkeypatch.undo()
    again = _render(str(TEMPLATES), "--out", str(out), "-p", "x-post", "--lang", "en")
    assert "(3 unchanged since the last run)" in again
    assert len(_images_on_disk(out)) == len(_manifest(out)["assets"]) == 14


def test_a_disk_full_from_the_start_writes_nothing_and_exits_2(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _disk_fills_after(monkeypatch, 0)
    result = runner.invoke(app, ["render", str(TEMPLATES), "--out", str(tmp_path), "-j", "1",
                                 "-p", "x-post", "--quiet"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].endswith(
        ".png: No space left on device; nothing was written")


def test_a_report_path_that_cannot_be_written_is_refused_before_rendering(tmp_path: Path) -> None:
    result = runner.invoke(app, ["render", str(TEMPLATES), "--out", str(tmp_path / "o"),
                                 "--report", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == f"error: --report {tmp_path}: is a folder; name a file such as " \
                            "report.json\n"
    assert not (tmp_path / "o").exists()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(folder), str(REPO)], check=True, capture_output=True,
                   timeout=300)
    (built,) = folder.glob("lnob_graphics-*.whl")
    return built


def _fresh_checkout(where: Path) -> Path:
    """The campaign's files as a fresh clone has them: same bytes, new times and inodes."""
    shutil.copytree(EXAMPLES / "templates", where / "templates", copy_function=shutil.copy)
    shutil.copytree(EXAMPLES / "photos", where / "photos", copy_function=shutil.copy)
    shutil.copy(TEMPLATES, where / "campaign.yaml")
    return where / "campaign.yaml"


def _lnob(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(site), "PYTHONSAFEPATH": "1"}
    return subprocess.run([sys.executable, "-m", "lnob_graphics", *args], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=300, check=False)


@pytest.mark.slow
def test_a_fresh_clone_and_reinstall_with_the_pack_restored_renders_nothing(
        wheel: Path, tmp_path: Path) -> None:
    """The GitHub Actions example: each run is a new machine — a fresh clone of the campaign,
    lnob-graphics installed anew — with the output folder restored from the cache."""
    first, second = tmp_path / "run-1", tmp_path / "run-2"
    for run in (first, second):
        run.mkdir()
        zipfile.ZipFile(wheel).extractall(run / "site")  # a reinstall: new files, same bytes
        _fresh_checkout(run / "repo")
    made = _lnob(first / "site", first / "repo", "render", "campaign.yaml", "--out", "pack",
                 "--quiet")
    assert made.returncode == 0, made.stderr
    # actions/cache restores the folder from a tarball: same bytes, new inodes.
    shutil.copytree(first / "repo" / "pack", second / "repo" / "pack", copy_function=shutil.copy)
    again = _lnob(second / "site", second / "repo", "render", "campaign.yaml", "--out", "pack",
                  "--report", "report.json")
    assert again.returncode == 0, again.stderr
    assert "94 images written (94 unchanged since the last run), 0 failed" in again.stdout
    report = json.loads((second / "repo" / "report.json").read_text(encoding="utf-8"))
    assert (report["images"], report["reused"], report["written"]) == (94, 94, 0)
    assert {job["status"] for job in report["jobs"]} == {"reused"}
    assert (_manifest(second / "repo" / "pack")
            == _manifest(first / "repo" / "pack"))


def test_a_changed_font_byte_is_a_changed_input(tmp_path: Path) -> None:
    """Fingerprints come from contents: the same bytes under a new date are the same input,
    one different byte is not."""
    from lnob_graphics.cache import Digests

    digests = Digests(tmp_path)
    font = tmp_path / "font.ttf"
    font.write_bytes(b"a" * 1000)
    before = digests.of(font)
    os.utime(font, (1, 1))
    assert Digests(tmp_path).of(font) == before
    font.write_bytes(b"a" * 999 + b"b")
    assert digests.of(font) != before
    digests.save()
    assert json.loads((tmp_path / ".lnob-digests.json").read_text(encoding="utf-8"))[
        str(font.absolute())][3] == digests.of(font)


def test_a_failure_without_a_field_is_printed_without_one() -> None:
    from lnob_graphics.errors import JobFailure

    failure = JobFailure("girls", "en", "x-post", "c.yaml", 4, None, "too big")
    assert str(failure) == "c.yaml:4: girls [en, x-post]: too big"
    slide = JobFailure("steps", "ar", "instagram-square", "c.yaml", 9, "items", "too long", 3, 7)
    assert str(slide) == "c.yaml:9: items: steps [ar, instagram-square, slide 3/7]: too long"
    assert slide.as_dict() == {"id": "steps", "lang": "ar", "platform": "instagram-square",
                               "file": "c.yaml", "line": 9, "field": "items",
                               "message": "too long", "page": 3, "pages": 7}


def _campaign_copy(where: Path) -> Path:
    shutil.copytree(EXAMPLES / "templates", where / "templates")
    shutil.copytree(EXAMPLES / "photos", where / "photos")
    shutil.copy(TEMPLATES, where / "campaign.yaml")
    return where / "campaign.yaml"


def test_an_unchanged_rerun_says_exactly_what_reusing_every_image_says(tmp_path: Path) -> None:
    """The shortcut (the last run's record) and the long way (reading the campaign and
    checking every image) agree to the byte, in the console and in the report."""
    campaign, out = _campaign_copy(tmp_path), tmp_path / "out"
    args = ["render", str(campaign), "--out", str(out), "-p", "x-post", "-p", "instagram-story"]
    first = runner.invoke(app, args, env={"CI": "true"})
    assert first.exit_code == 0 and (out / ".lnob-run.json").is_file()
    runs = []
    for shortcut in (True, False):
        if not shortcut:
            (out / ".lnob-run.json").unlink()
        result = runner.invoke(app, [*args, "--report", str(tmp_path / f"r{shortcut}.json")],
                               env={"CI": "true"})
        assert result.exit_code == 0
        runs.append((result.stdout, result.stderr,
                     (tmp_path / f"r{shortcut}.json").read_text(encoding="utf-8")))
    assert runs[0] == runs[1]
    assert "56 images written (56 unchanged since the last run), 0 failed" in runs[0][0]
    assert runs[0][0].splitlines()[1:3] == ["rendered 5/56", "rendered 10/56"]
    report = json.loads(runs[0][2])
    assert (report["reused"], report["written"]) == (56, 0)


def test_a_photo_changed_under_the_same_name_is_made_again(tmp_path: Path) -> None:
    campaign, out = _campaign_copy(tmp_path), tmp_path / "out"
    _render(str(campaign), "--out", str(out), "-p", "x-post", "--quiet")
    photo = tmp_path / "photos" / "girl-walking-to-school.jpg"
    from PIL import Image

    with Image.open(photo) as image:
        image.transpose(Image.Transpose.FLIP_LEFT_RIGHT).save(photo, quality=90)
    again = _render(str(campaign), "--out", str(out), "-p", "x-post")
    assert "28 images written (26 unchanged since the last run)" in again  # the two stories


def test_a_new_version_of_a_package_that_draws_makes_every_image_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new CLDR (Babel) or HarfBuzz changes cards without changing lnob's version."""
    from lnob_graphics import cache

    assert "babel=" in cache.pixel_versions() and "uharfbuzz=" in cache.pixel_versions()
    out = tmp_path / "out"
    _render(str(TEMPLATES), "--out", str(out), "-p", "x-post", "--quiet")
    monkeypatch.setattr(cache, "pixel_versions", lambda: "babel=99.0")
    again = _render(str(TEMPLATES), "--out", str(out), "-p", "x-post")
    assert "28 images written, 0 failed" in again and "unchanged" not in again
