"""Batch runs for CI: incremental, reproducible, shardable."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from PIL import Image
from typer.testing import CliRunner

from conftest import EXAMPLES, REPO
from lnob_graphics.cli import app

runner = CliRunner()
CAMPAIGN = EXAMPLES / "every-template.yaml"


def _render(*args: str) -> str:
    result = runner.invoke(app, ["render", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def _files(out: Path) -> dict[str, bytes]:
    """The pack: every file but the run's own bookkeeping (.lnob-*: lock, digests, record)."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and not p.name.startswith(".lnob")}


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("full")
    _render(str(CAMPAIGN), "--out", str(out), "--quiet")
    return out


@pytest.mark.slow
def test_shards_merge_into_exactly_the_full_pack(full: Path, tmp_path: Path) -> None:
    out = tmp_path / "sharded"
    for k in (1, 2, 3):
        _render(str(CAMPAIGN), "--out", str(out), "--shard", f"{k}/3", "--quiet")
    counts = [len(json.loads((out / f"manifest.shard-{k}-of-3.json").read_text())["assets"])
              for k in (1, 2, 3)]
    assert sum(counts) == 94 and max(counts) - min(counts) <= 1  # disjoint and balanced
    merged = runner.invoke(app, ["merge", str(out)])
    assert merged.exit_code == 0
    assert merged.stdout.startswith("94 images from 3 of 3 shards, 0 failed")
    for name in ("manifest.shard-1-of-3.json", "manifest.shard-2-of-3.json",
                 "manifest.shard-3-of-3.json"):
        (out / name).unlink()
    assert _files(out) == _files(full)  # byte for byte: reproducible, and nothing lost


def test_merge_names_missing_shards(tmp_path: Path) -> None:
    _render(str(CAMPAIGN), "--out", str(tmp_path), "--shard", "2/3", "--quiet")
    result = runner.invoke(app, ["merge", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr == (f"error: {tmp_path}: shards missing: 1/3, 3/3; the manifest lists "
                             "only what the others made\n")
    bad = runner.invoke(app, ["render", str(CAMPAIGN), "--shard", "4/3"])
    assert bad.exit_code == 2 and "expected K/N with 1 ≤ K ≤ N" in bad.stderr


@pytest.mark.slow
def test_rerun_reuses_force_rerenders_and_gone_assets_are_removed(full: Path,
                                                                  tmp_path: Path) -> None:
    folder = tmp_path / "campaign"
    shutil.copytree(EXAMPLES / "templates", folder / "templates")
    shutil.copytree(EXAMPLES / "photos", folder / "photos")
    campaign = folder / "campaign.yaml"
    shutil.copy(CAMPAIGN, campaign)
    out = tmp_path / "out"
    _render(str(campaign), "--out", str(out), "--quiet")
    again = _render(str(campaign), "--out", str(out))
    assert "94 images written (94 unchanged since the last run)" in again
    forced = _render(str(campaign), "--out", str(out), "--force")
    assert "unchanged" not in forced
    images = {k: v for k, v in _files(out).items() if k.endswith(".png")}
    assert images == {k: v for k, v in _files(full).items() if k.endswith(".png")}
    # The same file edited: one asset changed, one removed.
    data = yaml.safe_load(campaign.read_text(encoding="utf-8"))
    data["assets"] = [a for a in data["assets"] if a["id"] != "violence"]
    data["assets"][0]["stat"] = "24%"
    campaign.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = _render(str(campaign), "--out", str(out))
    assert "86 images written (78 unchanged since the last run)" in result, result  # 8 redone
    assert "removed 8 images of assets no longer in the campaign: ar/instagram-portrait/" \
           "violence.png" in result
    assert not list(out.rglob("violence*"))
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["assets"]) == 86


def test_the_github_actions_example_renders_shards_and_merges() -> None:
    workflow = yaml.safe_load((REPO / "examples/ci/render-pack.yml").read_text(encoding="utf-8"))
    render_steps = " ".join(str(step.get("run", "")) for step in workflow["jobs"]["render"]["steps"])
    assert "--shard ${{ matrix.shard }}/4" in render_steps
    # Every runner installs the same packages (the lock), so a cached image stays current.
    assert "pip install --require-hashes -r .lnob-graphics/requirements/lock.txt" in render_steps
    assert workflow["jobs"]["render"]["strategy"]["matrix"]["shard"] == [1, 2, 3, 4]
    merge_steps = " ".join(str(step.get("run", "")) for step in workflow["jobs"]["merge"]["steps"])
    assert "lnob merge pack" in merge_steps


def test_report_json_and_plain_progress_for_ci_logs(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    result = runner.invoke(app, ["render", str(CAMPAIGN), "--out", str(tmp_path / "out"),
                                 "-p", "x-post", "--report", str(report)],
                           env={"CI": "true"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1:4] == ["rendered 2/28", "rendered 4/28", "rendered 6/28"]  # every tenth
    assert lines[-2] == "rendered 28/28"
    data = json.loads(report.read_text(encoding="utf-8"))
    assert (data["images"], data["written"], data["reused"], data["failed"]) == (28, 28, 0, 0)
    job = data["jobs"][0]
    assert job["status"] == "ok" and set(job["seconds"]) == {"svg", "rasterize", "encode",
                                                             "write"}
    assert job["bytes"] == (tmp_path / "out" / job["file"]).stat().st_size
    again = runner.invoke(app, ["render", str(CAMPAIGN), "--out", str(tmp_path / "out"),
                                "-p", "x-post", "--report", str(report), "--quiet"])
    assert again.exit_code == 0 and again.stdout == ""
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["reused"] == 28 and {j["status"] for j in data["jobs"]} == {"reused"}


@pytest.mark.parametrize(("image_format", "suffix", "magic"), [
    pytest.param("jpeg", ".jpg", b"\xff\xd8\xff", marks=pytest.mark.slow),
    pytest.param("webp", ".webp", b"RIFF", marks=pytest.mark.slow),
    ("svg", ".svg", b"<svg"),
])
def test_other_formats(tmp_path: Path, image_format: str, suffix: str, magic: bytes) -> None:
    out = tmp_path / "out"
    _render(str(EXAMPLES / "lnob-2030.yaml"), "--out", str(out), "-p", "bluesky-post",
            "--format", image_format, "--quiet")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["assets"]) == 5 * 9
    for entry in manifest["assets"]:
        data = (out / entry["file"]).read_bytes()
        assert entry["file"].endswith(suffix) and data.startswith(magic)
        assert entry["bytes"] == len(data) <= 1_000_000  # Bluesky's limit holds
        if image_format != "svg":
            with Image.open(out / entry["file"]) as image:
                assert image.size == (1200, 675)
    again = _render(str(EXAMPLES / "lnob-2030.yaml"), "--out", str(out), "-p", "bluesky-post",
                    "--format", image_format)
    assert "(45 unchanged since the last run)" in again  # deterministic and reused
    bad = runner.invoke(app, ["render", str(EXAMPLES / "lnob-2030.yaml"), "--format", "gif"])
    assert bad.exit_code == 2 and "expected one of png, jpeg, webp, svg; got 'gif'" in bad.stderr


@pytest.mark.slow
def test_two_campaigns_rendered_into_one_folder_keep_each_others_images(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _render(str(EXAMPLES / "lnob-2030.yaml"), "--out", str(out), "-p", "x-post", "--quiet")
    second = _render(str(CAMPAIGN), "--out", str(out), "-p", "x-post")
    assert "removed" not in second
    assert (out / "en/x-post/girls-school.png").is_file()  # the first campaign's, still there


def test_pruning_spares_filtered_platforms_and_this_runs_files(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    shutil.copytree(EXAMPLES / "templates", folder / "templates")
    campaign = folder / "c.yaml"
    campaign.write_text("""\
templates: templates
assets:
  - {id: p, template: poster, goal: 5, lang: en, headline: Counted, platforms: [instagram-square]}
  - {id: facts, template: carousel, goal: 1, lang: en, title: T, items: [a, b], cta: Go,
     platforms: [x-post]}
""", encoding="utf-8")
    out = tmp_path / "out"
    _render(str(campaign), "--out", str(out), "--quiet")
    only_x = _render(str(campaign), "--out", str(out), "-p", "x-post")
    assert "removed" not in only_x  # the poster is still in the campaign (square only)
    assert (out / "en/instagram-square/p.png").is_file()
    campaign.write_text(campaign.read_text(encoding="utf-8").replace(
        "  - {id: facts, template: carousel, goal: 1, lang: en, title: T, items: [a, b], cta: Go,",
        "  - {id: facts-01, template: stat, goal: 1, lang: en, stat: '1', headline: h,"),
        encoding="utf-8")
    result = _render(str(campaign), "--out", str(out))
    assert (out / "en/x-post/facts-01.png").is_file()  # written by this run: kept
    assert not (out / "en/x-post/facts-02.png").exists()  # the gone carousel's other slides
    assert "facts-01.png" not in result.split("removed")[1].split("\n")[0]


def test_a_failing_rerender_leaves_no_stale_image(tmp_path: Path) -> None:
    campaign = tmp_path / "c.yaml"
    campaign.write_text("assets:\n  - {id: s, template: stat, goal: 1, lang: en, stat: '1', "
                        "headline: fine, platforms: [x-post]}\n", encoding="utf-8")
    out = tmp_path / "out"
    _render(str(campaign), "--out", str(out), "--quiet")
    assert (out / "en/x-post/s.png").is_file()
    campaign.write_text(campaign.read_text(encoding="utf-8").replace(
        "headline: fine", 'headline: "private \\ue000 use"'), encoding="utf-8")
    result = runner.invoke(app, ["render", str(campaign), "--out", str(out), "--quiet"])
    assert result.exit_code == 1
    assert not (out / "en/x-post/s.png").exists() and not (out / "en/x-post/s.alt.txt").exists()


def test_wide_form_series_and_list_examples(tmp_path: Path) -> None:
    wide = tmp_path / "w.csv"
    wide.write_text("id,template,goal,lang,title,title_fr,data,data_fr\n"
                    "g,chart,4,en,Finish,Achèvent,Rich: 80%; Poor: 23%,Riches: 80%; "
                    "Pauvres: 23%\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(wide)])
    assert result.exit_code == 0, result.stderr
    shown = runner.invoke(app, ["templates", "show", "carousel"])
    assert shown.exit_code == 0 and "1.2 billion people still live in extreme poverty | " \
        in shown.stdout


def test_merge_refuses_shards_of_different_runs(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    campaign = folder / "c.yaml"
    campaign.write_text("assets:\n  - {id: a, template: stat, goal: 1, lang: en, stat: '1', "
                        "headline: h, platforms: [x-post, instagram-square]}\n", encoding="utf-8")
    out = tmp_path / "out"
    _render(str(campaign), "--out", str(out), "--shard", "1/2", "--quiet")
    campaign.write_text(campaign.read_text(encoding="utf-8").replace("headline: h",
                                                                     "headline: changed"),
                        encoding="utf-8")
    _render(str(campaign), "--out", str(out), "--shard", "2/2", "--quiet")
    result = runner.invoke(app, ["merge", str(out)])
    assert result.exit_code == 2
    assert "the shards were made from different campaigns (or versions of one)" in result.stderr
