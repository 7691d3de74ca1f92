"""End to end through the real CLI: sizes, manifest, alt text, exit codes, goldens."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from conftest import CANONICAL_CSV, CANONICAL_YAML, EXAMPLES, REPO
from golden import assert_golden, card_regions
from lnob_graphics.cli import app
from lnob_graphics.pipeline import load_campaign, plan
from lnob_graphics.platforms import PLATFORMS
from lnob_graphics.templates import template_set

runner = CliRunner()


@pytest.fixture(scope="module")
def example_pack(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """The whole example campaign, every listed platform, rendered once for this module."""
    out = tmp_path_factory.mktemp("pack")
    result = runner.invoke(app, ["render", str(EXAMPLES / "lnob-2030.yaml"), "--out", str(out),
                                 "--quiet"])
    return out, result


@pytest.mark.slow
def test_example_pack_renders_every_asset_language_and_platform(example_pack) -> None:  # type: ignore[no-untyped-def]
    out, result = example_pack
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["errors"] == []
    campaign = load_campaign([EXAMPLES / "lnob-2030.yaml"], template_set())
    expected = {(j.asset.id, j.asset.lang, j.platform) for j in plan(campaign)}
    got = {(a["id"], a["lang"], a["platform"]) for a in manifest["assets"]}
    assert got == expected
    assert {p for _i, _l, p in got} == set(PLATFORMS)  # girls-school lists all 13
    assert {lang for _i, lang, _p in got} == {"en", "fr", "es", "pt", "ar"}
    for entry in manifest["assets"]:
        path = out / entry["file"]
        assert entry["file"] == f"{entry['lang']}/{entry['platform']}/{entry['id']}.png"
        data = path.read_bytes()
        assert entry["bytes"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        platform = PLATFORMS[entry["platform"]]
        with Image.open(path) as image:
            assert image.size == (platform.width, platform.height) == (entry["width"],
                                                                        entry["height"])
        assert platform.max_bytes is None or entry["bytes"] <= platform.max_bytes
        assert entry["alt_text"] and entry["warnings"] == []


@pytest.mark.slow
def test_manifest_entry_and_alt_text_in_the_assets_language(example_pack) -> None:  # type: ignore[no-untyped-def]
    out, _ = example_pack
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    by_key = {(a["id"], a["lang"], a["platform"]): a for a in manifest["assets"]}
    en = by_key[("girls-school", "en", "instagram-square")]
    assert en["alt_text"] == (
        "Goal 4, Quality education: 23% — Only 23% of poor rural girls in sub-Saharan Africa "
        "finish primary school. Source: Leave No One Behind Partnership, 2016.")
    assert en["template"] == "stat" and en["goal"] == 4 and en["width"] == 1080
    ar = by_key[("girls-school", "ar", "instagram-square")]
    # Numbers as Arabic writes them (Arabic-Indic digits, the Arabic percent sign), as drawn.
    assert ar["alt_text"].startswith("الهدف ٤، التعليم الجيد: ٢٣٪\u061c — لا تكمل")
    pledge = by_key[("leave-no-one-behind", "fr", "instagram-square")]
    assert pledge["goal"] == "lnob" and pledge["alt_text"].startswith("Ne laisser personne")


def test_canonical_yaml_and_csv_render_the_same_images(tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    yaml_file = write("c.yaml", CANONICAL_YAML)
    csv_file = write("c.csv", CANONICAL_CSV)
    for name, source in (("y", yaml_file), ("c", csv_file)):
        result = runner.invoke(app, ["render", str(source), "--out", str(tmp_path / name),
                                     "--platform", "instagram-square", "--platform", "x-post"])
        assert result.exit_code == 0, result.output
    for rel in ("en/instagram-square/girls-school.png", "en/x-post/girls-school.png"):
        assert (tmp_path / "y" / rel).read_bytes() == (tmp_path / "c" / rel).read_bytes()


@pytest.mark.golden
def test_arabic_golden_and_mirrored_layout(tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    campaign = write("ar.yaml", """\
assets:
  - id: girls-school
    template: stat
    goal: 4
    languages: [en, ar]
    stat: "23%"
    headline:
      en: "Only 23% of poor rural girls in sub-Saharan Africa finish primary school"
      ar: "لا تكمل المرحلة الابتدائية سوى 23% من الفتيات الفقيرات في ريف أفريقيا جنوب الصحراء الكبرى"
    source: {en: "Leave No One Behind Partnership, 2016", ar: "شراكة «عدم ترك أحد خلف الركب»، 2016"}
""")
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(campaign), "--out", str(out), "-p",
                                 "instagram-square", "-p", "instagram-story"])
    assert result.exit_code == 0, result.output
    for lang, platform, golden in (("ar", "instagram-square", "ar-stat-square.png"),
                                   ("en", "instagram-square", "en-stat-square.png"),
                                   ("ar", "instagram-story", "ar-stat-story.png")):
        assert_golden(out / lang / platform / "girls-school.png", golden,
                      card_regions(campaign, "girls-school", lang, platform))
    # The goal tile starts with the pictogram (goal 4: an open book, white; 112 px at the
    # margin): top-left in English, top-right in Arabic, the book itself not mirrored.
    with Image.open(out / "en/instagram-square/girls-school.png") as en_img, \
            Image.open(out / "ar/instagram-square/girls-school.png") as ar_img:
        en_rgb, ar_rgb = en_img.convert("RGB"), ar_img.convert("RGB")
        page = (20 * 1.12, 50 * 1.12)  # a point on the book's left page
        assert en_rgb.getpixel((round(80 + page[0]), round(80 + page[1]))) == (255, 255, 255)
        assert ar_rgb.getpixel((round(888 + page[0]), round(80 + page[1]))) == (255, 255, 255)
        assert ar_rgb.getpixel((round(80 + page[0]), round(80 + page[1]))) == (0xC5, 0x19, 0x2D)


@pytest.mark.golden
def test_goal_template_golden(tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    campaign = write("g.yaml", """\
assets:
  - {id: pledge, template: goal, goal: lnob, lang: en, headline: "Reach the furthest behind first."}
  - {id: energy, template: goal, goal: 7, lang: en, headline: "Clean energy for every household."}
""")
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(campaign), "--out", str(out), "-p", "x-post"])
    assert result.exit_code == 0, result.output
    assert_golden(out / "en/x-post/pledge.png", "en-pledge-wide.png",
                  card_regions(campaign, "pledge", "en", "x-post"))
    assert_golden(out / "en/x-post/energy.png", "en-goal7-wide.png",
                  card_regions(campaign, "energy", "en", "x-post"))


def test_one_failing_image_does_not_stop_the_others(tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    long_headline = " ".join(["wordy"] * 50)
    campaign = write("mixed.yaml", """\
assets:
  - {id: ok, template: goal, goal: 3, lang: en, headline: "Health for all"}
  - id: tofu
    template: goal
    goal: 3
    lang: en
    headline: "A private use character \\ue000 here"
  - id: too-long
    template: stat
    goal: 1
    lang: en
    stat: "23%"
    headline: "LONG"
""".replace("LONG", long_headline))
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(campaign), "--out", str(out), "-p", "x-post"])
    assert result.exit_code == 1
    assert (out / "en/x-post/ok.png").is_file()
    assert not (out / "en/x-post/tofu.png").exists()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in manifest["assets"]] == ["ok"]
    errors = {e["id"]: e for e in manifest["errors"]}
    # The line is the field's own line, not just the asset's.
    assert errors["tofu"]["field"] == "headline" and errors["tofu"]["line"] == 7
    assert "U+E000" in errors["tofu"]["message"]
    assert errors["too-long"]["field"] == "headline" and errors["too-long"]["line"] == 13
    assert errors["too-long"]["message"].startswith(
        "text does not fit its box on x-post (1600×900) even at the minimum size")
    assert "error: " in result.output and "U+E000" in result.output

    warn = runner.invoke(app, ["render", str(campaign), "--out", str(tmp_path / "w"),
                               "-p", "x-post", "--on-overflow", "warn"])
    assert warn.exit_code == 1  # the missing glyph still fails; the overflow only warns
    manifest = json.loads((tmp_path / "w/manifest.json").read_text(encoding="utf-8"))
    too_long = next(a for a in manifest["assets"] if a["id"] == "too-long")
    assert too_long["warnings"][0].startswith("headline: text does not fit")


def test_real_subprocess_module_and_console_script(tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    campaign = write("c.yaml", CANONICAL_YAML)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(
        [sys.executable, "-m", "lnob_graphics", "render", str(campaign), "--out",
         str(tmp_path / "out"), "-p", "bluesky-post"],
        capture_output=True, text=True, env=env, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "1 images written, 0 failed" in proc.stdout
    with Image.open(tmp_path / "out/en/bluesky-post/girls-school.png") as image:
        assert image.size == (1200, 675)
    bad = write("bad.yaml", CANONICAL_YAML.replace("goal: 4", "goal: 18"))
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    proc = subprocess.run([sys.executable, "-m", "lnob_graphics", "render", str(bad)],
                          capture_output=True, text=True, env=env, timeout=120, check=False,
                          cwd=workdir)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        f"error: {bad}:4: goal: must be a goal number from 1 to 17 (4, or Goal 4), or lnob for the pledge "
        "itself; got '18'",
        "1 problem found; nothing was rendered."]
    assert list(workdir.iterdir()) == []  # no out/ folder, nothing written


def test_the_tests_exercise_this_checkout_not_an_installed_copy() -> None:
    """`python3 -m pytest` from the repository (the README's command, and CI's after a
    plain `pip install .`) imports the package, its templates and its fonts from this
    checkout: a stale installed copy never passes for the code under review."""
    import lnob_graphics
    from lnob_graphics.paths import bundled_dir

    assert Path(lnob_graphics.__file__).resolve() == REPO / "lnob_graphics" / "__init__.py"
    assert bundled_dir("templates") == REPO / "templates"
    assert bundled_dir("fonts") == REPO / "fonts"


def test_svg_has_no_text_elements_keeps_plain_text_and_never_evaluates_data() -> None:
    from lnob_graphics.campaign import Asset
    from lnob_graphics.render import render_svg

    hostile = '{{ 7*7 }} <b>bold</b> & "quotes" ]]>'
    asset = Asset("h", "en", "stat", "4", {"stat": "23%", "headline": hostile}, ("x-post",), None,
                  "c.yaml", 2, typography=False)  # (its quotes as typed: see test_typography)
    svg = render_svg(asset, PLATFORMS["x-post"], template_set()).svg
    assert "<text" not in svg and "<tspan" not in svg  # text is glyph outlines only
    assert "<b>" not in svg and "49" not in svg.split("</title>")[0]
    # The plain text stays for accessibility, escaped, exactly as typed.
    assert '<title>{{ 7*7 }} &lt;b&gt;bold&lt;/b&gt; &amp; "quotes" ]]&gt;</title>' in svg
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert ('aria-label="Goal 4, Quality education: 23% — {{ 7*7 }} &lt;b&gt;bold&lt;/b&gt; '
            '&amp; &#34;quotes&#34; ]]&gt;."') in svg


def test_user_template_folder_and_a_broken_template_fails_only_its_jobs(tmp_path: Path, write) -> None:  # type: ignore[no-untyped-def]
    write("tpl/broken.svg.j2", '<svg xmlns="http://www.w3.org/2000/svg" width="{{ canvas.width }}" '
                               'height="{{ canvas.height }}"><rect </svg>')
    write("tpl/broken.yaml", "description: deliberately malformed\nfields:\n  headline: {required: true}\n")
    campaign = write("c.yaml", """\
assets:
  - {id: fine, template: goal, goal: 6, lang: en, headline: "Water for all"}
  - {id: bad, template: broken, goal: 6, lang: en, headline: "Never drawn"}
""")
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(campaign), "--out", str(out), "-p", "open-graph",
                                 "--templates", str(tmp_path / "tpl")])
    assert result.exit_code == 1
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in manifest["assets"]] == ["fine"]
    (error,) = manifest["errors"]
    assert error["id"] == "bad" and error["line"] == 3
    assert error["message"] == ("template 'broken' made SVG that is not well-formed: not "
                                "well-formed (invalid token) at line 1")
    assert error["field"] == "template"
    with Image.open(out / "en/open-graph/fine.png") as image:
        assert image.size == (1200, 630)
