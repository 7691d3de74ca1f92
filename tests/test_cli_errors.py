"""The command line's error paths and listing commands, through typer's CliRunner.

Bad input exits with status 2, prints every problem as ``error: file:line: field:
message`` on stderr and renders nothing (not even the output folder). Only one test
renders an image, on one platform, to show the folder *is* made when input is good.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from conftest import CANONICAL_YAML, EXAMPLES
from lnob_graphics.cli import app
from lnob_graphics.platforms import PLATFORMS

GOOD_YAML = CANONICAL_YAML

BAD_YAML = """\
assets:
  - id: girls-school
    template: stat
    goal: 18
    lang: en
    stat: "23%"
    headlne: "Only 23% of poor rural girls in sub-Saharan Africa finish primary school"
"""


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty folder, so file names in messages are short and relative."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- bad input

def test_bad_file_exit_2_with_every_problem_and_nothing_rendered(workdir: Path) -> None:
    _write(workdir, "bad.yaml", BAD_YAML)
    result = _run("render", "bad.yaml", "--out", "out", "--platform", "instagram-square")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "error: bad.yaml:4: goal: must be a goal number from 1 to 17 (4, or Goal 4), or lnob for the pledge "
        "itself; got '18'",
        "error: bad.yaml:7: headlne: unknown field (did you mean headline?); template 'stat' "
        "uses: alt, caption, colour, data_source, decimal, digits, goal, hashtags, headline, "
        "id, lang, languages, note, numbers, platforms, source, stat, template, text_colour, "
        "typography",
        "2 problems found; nothing was rendered.",
    ]
    assert not (workdir / "out").exists()
    assert sorted(p.name for p in workdir.iterdir()) == ["bad.yaml"]


def test_bad_csv_exit_2(workdir: Path) -> None:
    _write(workdir, "bad.csv", "id,template,goal,lang,stat,headline\n"
                               "Girls School!,stat,4,en,23%,Hello\n")
    result = _run("render", "bad.csv")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "error: bad.csv:2: id: invalid id 'Girls School!': use lowercase letters, digits and "
        "'-' (it becomes a file name), e.g. 'girls-school'",
        "1 problem found; nothing was rendered.",
    ]
    assert not (workdir / "out").exists()  # the default output folder


def test_problems_of_several_files_are_all_printed(workdir: Path) -> None:
    _write(workdir, "a.yaml", "assets:\n  - id: a\n    id: b\n")
    _write(workdir, "b.csv", "")
    result = _run("render", "a.yaml", "b.csv", "--out", "out")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "error: a.yaml:3: invalid YAML: duplicate key 'id' (first on line 2)",
        "error: b.csv:1: the file is empty; expected a header row",
        "2 problems found; nothing was rendered.",
    ]
    assert not (workdir / "out").exists()


def test_unknown_platform_option(workdir: Path) -> None:
    _write(workdir, "good.yaml", GOOD_YAML)
    result = _run("render", "good.yaml", "--out", "out", "--platform", "bogus",
                  "-p", "instagram-storie")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "error: --platform: unknown platform 'bogus'; see `lnob platforms`",
        "error: --platform: unknown platform 'instagram-storie' "
        "(did you mean instagram-story?); see `lnob platforms`",
        "2 problems found; nothing was rendered.",
    ]
    assert not (workdir / "out").exists()


def test_unknown_platform_and_bad_file_are_reported_together(workdir: Path) -> None:
    _write(workdir, "bad.yaml", BAD_YAML.replace("headlne", "headline"))
    result = _run("render", "bad.yaml", "-p", "x-pots")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "error: --platform: unknown platform 'x-pots' (did you mean x-post?); "
        "see `lnob platforms`",
        "error: bad.yaml:4: goal: must be a goal number from 1 to 17 (4, or Goal 4), or lnob for the pledge "
        "itself; got '18'",
        "2 problems found; nothing was rendered.",
    ]


def test_missing_file(workdir: Path) -> None:
    result = _run("render", "missing.yaml", "--out", "out")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "error: missing.yaml: cannot read the file: No such file or directory",
        "1 problem found; nothing was rendered.",
    ]
    assert not (workdir / "out").exists()


def test_unknown_file_type(workdir: Path) -> None:
    _write(workdir, "campaign.json", GOOD_YAML)
    result = _run("render", "campaign.json", "--out", "out")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "error: campaign.json: unknown file type '.json'; use .yaml, .yml, .csv, .xlsx, .xls or .ods",
        "1 problem found; nothing was rendered.",
    ]
    assert not (workdir / "out").exists()


def test_bad_on_overflow(workdir: Path) -> None:
    _write(workdir, "good.yaml", GOOD_YAML)
    result = _run("render", "good.yaml", "--out", "out", "--on-overflow", "maybe")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "error: --on-overflow: expected 'error' or 'warn', got 'maybe'"]
    assert not (workdir / "out").exists()


def test_negative_jobs_is_a_usage_error(workdir: Path) -> None:
    _write(workdir, "good.yaml", GOOD_YAML)
    result = _run("render", "good.yaml", "--out", "out", "--jobs", "-1")
    assert result.exit_code == 2
    assert "Invalid value for '--jobs'" in result.stderr
    assert not (workdir / "out").exists()


def test_render_without_files_is_a_usage_error(workdir: Path) -> None:
    result = _run("render")
    assert result.exit_code == 2
    assert "Missing argument" in result.stderr
    assert list(workdir.iterdir()) == []


def test_good_file_renders_one_image(workdir: Path) -> None:
    """The counterpart of the tests above: with good input the folder is made."""
    _write(workdir, "good.yaml", GOOD_YAML)
    result = _run("render", "good.yaml", "--out", "out", "--platform", "instagram-square",
                  "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.splitlines()[0] == (
        "Rendering 1 images (1 assets; languages: en) into out/")
    assert (workdir / "out" / "en" / "instagram-square" / "girls-school.png").is_file()
    manifest = json.loads((workdir / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert "1 images written, 0 failed" in result.stdout
    assert manifest  # its shape is tested elsewhere


# --------------------------------------------------------------------------- listings

def test_platforms_lists_all_13_with_sizes(workdir: Path) -> None:
    result = _run("platforms")
    assert result.exit_code == 0
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["platform", "size", "max", "bytes", "format", "note"]
    rows = {line.split()[0]: line for line in lines[1:]}
    assert len(PLATFORMS) == 13
    assert list(rows) == list(PLATFORMS)
    assert "1200×675" in rows["bluesky-post"]
    assert "1,000,000" in rows["bluesky-post"]
    assert "1080×1920" in rows["instagram-story"]
    assert "20,000,000" in rows["pinterest-pin"]
    for name, platform in PLATFORMS.items():
        assert f"{platform.width}×{platform.height}" in rows[name]
        assert f"{platform.max_bytes:,}" in rows[name]
        assert platform.format_class in rows[name]
    assert rows["instagram-square"].endswith("(default)")
    assert not rows["bluesky-post"].endswith("(default)")


def test_platforms_json(workdir: Path) -> None:
    result = _run("platforms", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [p["name"] for p in data] == list(PLATFORMS)
    for item in data:
        platform = PLATFORMS[item["name"]]
        assert isinstance(item["width"], int) and isinstance(item["height"], int)
        assert (item["width"], item["height"], item["max_bytes"]) == (
            platform.width, platform.height, platform.max_bytes)
        assert item["format"] in {"square", "portrait", "tall", "wide"}
        assert isinstance(item["default"], bool)
    bluesky = next(p for p in data if p["name"] == "bluesky-post")
    assert (bluesky["width"], bluesky["height"], bluesky["max_bytes"]) == (1200, 675, 1_000_000)
    assert sum(p["default"] for p in data) == 5


def test_templates_lists_every_built_in_with_its_fields(workdir: Path) -> None:
    result = _run("templates")
    assert result.exit_code == 0
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    names = [line.split()[0] for line in lines[::2]]
    assert names == ["carousel", "chart", "gap", "goal", "pictogram", "pledge", "progress", "stat",
                     "story", "trend"]
    by_name = dict(zip(names, lines[1::2], strict=True))
    assert by_name["stat"].split() == ["fields:", "stat,", "headline,", "source?,", "note?"]
    assert by_name["goal"].split() == ["fields:", "headline,", "source?"]


def test_templates_json(workdir: Path) -> None:
    result = _run("templates", "--json")
    assert result.exit_code == 0
    data = {t["name"]: t for t in json.loads(result.stdout)}
    assert set(data) == {"carousel", "chart", "gap", "goal", "pictogram", "pledge", "progress",
                         "stat", "story", "trend"}
    assert data["chart"]["fields"]["data"]["type"] == "series"
    assert data["story"]["fields"]["image"]["type"] == "image"
    assert data["stat"]["fields"]["stat"]["required"] is True
    assert data["stat"]["fields"]["source"]["required"] is False


def test_templates_with_missing_folder(workdir: Path) -> None:
    result = _run("templates", "--templates", "nope")
    assert result.exit_code == 2
    assert result.stderr == f"error: {workdir / 'nope'}: templates folder not found\n"


def test_render_with_missing_templates_folder(workdir: Path) -> None:
    _write(workdir, "good.yaml", GOOD_YAML)
    result = _run("render", "good.yaml", "--out", "out", "--templates", "nope")
    assert result.exit_code == 2
    assert result.stderr == f"error: {workdir / 'nope'}: templates folder not found\n"
    assert not (workdir / "out").exists()


def test_version(workdir: Path) -> None:
    result = _run("version")
    assert result.exit_code == 0
    assert result.stdout.startswith("lnob-graphics ")


VALIDATE = """\
assets:
  - id: long
    template: stat
    goal: 1
    lang: en
    stat: "23%"
    headline: "LONG"
    platforms: [x-post, instagram-square]
  - id: traditional
    template: goal
    goal: 2
    languages: [en, zh]
    headline: {en: "Zero hunger", zh: "零飢餓"}
    platforms: [instagram-square]
""".replace("LONG", " ".join(["wordy"] * 50))


def test_validate_lays_out_every_image_without_writing_any(workdir: Path) -> None:
    _write(workdir, "v.yaml", VALIDATE)
    result = _run("validate", "v.yaml")
    assert result.exit_code == 1
    assert [line for line in result.stderr.splitlines() if line.startswith("error:")] == [
        "error: v.yaml:7: headline: long [en, x-post]: text does not fit its box on x-post "
        "(1600×900) even at the minimum size 35.2 px in 7 lines; shorten it",
        "error: v.yaml:13: headline: traditional [zh, instagram-square]: no bundled font has the "
        "characters '飢' (U+98E2 CJK UNIFIED IDEOGRAPH-98E2), '餓' (U+9913 CJK UNIFIED "
        "IDEOGRAPH-9913); the bundled Chinese font has the 6,763 Simplified characters of GB "
        "2312 (Traditional forms and rare characters are not included); remove or replace them"]
    # (The square card holds the long headline in 9 lines; the design check finds nothing.)
    assert result.stdout == "4 images checked: 2 would fail, 0 warnings\n"
    assert sorted(p.name for p in workdir.iterdir()) == ["v.yaml"]  # nothing written


def test_validate_json_for_ci(workdir: Path) -> None:
    _write(workdir, "v.yaml", VALIDATE)
    report = json.loads(_run("validate", "v.yaml", "--format", "json").stdout)
    assert report["ok"] is False and report["images"] == 4
    assert [(e["id"], e["platform"], e["line"], e["field"]) for e in report["errors"]] == [
        ("long", "x-post", 7, "headline"),
        ("traditional", "instagram-square", 13, "headline")]
    _write(workdir, "bad.yaml", VALIDATE.replace("goal: 1", "goal: 99"))
    bad = _run("validate", "bad.yaml", "--format", "json")
    assert bad.exit_code == 2
    assert json.loads(bad.stdout)["input_errors"] == [
        {"id": "long", "file": "bad.yaml", "line": 4, "field": "goal",
         "message": "must be a goal number from 1 to 17 (4, or Goal 4), or lnob for the pledge itself; got '99'"}]


def test_validate_passes_the_examples() -> None:
    # The examples are clean, the design check's findings included (--strict).
    result = _run("validate", "--strict", str(EXAMPLES / "lnob-2030.yaml"),
                  str(EXAMPLES / "every-template.yaml"), str(EXAMPLES / "data/kyrgyzstan.yaml"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "377 images checked: 0 would fail, 0 warnings\n"


def test_init_scaffolds_a_campaign_that_validates_and_renders(workdir: Path) -> None:
    result = _run("init", "mine")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == ("Created mine/: campaign.csv, campaign.xlsx, "
                                             "campaign.yaml, photo.jpg")
    checked = _run("validate", "--strict", "mine/campaign.yaml", "mine/campaign.csv",
                   "mine/campaign.xlsx")
    assert checked.exit_code == 0, checked.stdout + checked.stderr
    # 24 + 10 (csv) + 10 (xlsx), the design check's findings included (--strict)
    assert checked.stdout == "44 images checked: 0 would fail, 0 warnings\n"
    # With a byte-order mark, so that Excel opens it as UTF-8 (not Windows-1252) and a round
    # trip through Excel keeps every accent.
    assert (workdir / "mine/campaign.csv").read_bytes().startswith(b"\xef\xbb\xbfid,template,")
    rendered = _run("render", "mine/campaign.yaml", "--out", "out", "-p", "instagram-square",
                    "--quiet")
    assert rendered.exit_code == 0, rendered.output
    assert (workdir / "out/fr/instagram-square/a-story.png").is_file()
    # The spreadsheet's stat is a percent cell (0.23): its cards say 23%, as its CSV's do.
    sheet = _run("render", "mine/campaign.xlsx", "--out", "sheet", "-p", "x-post", "--quiet")
    assert sheet.exit_code == 0, sheet.output
    manifest = json.loads((workdir / "sheet/manifest.json").read_text(encoding="utf-8"))
    assert {(a["id"], a["lang"]): a["alt_text"].split(" — ")[0] for a in manifest["assets"]} == {
        ("girls-school-xlsx", "en"): "Goal 4, Quality education: 23%",
        ("girls-school-xlsx", "fr"): "Objectif 4, Éducation de qualité: 23 %"}
    again = _run("init", "mine")
    assert again.exit_code == 2
    assert again.stderr == ("error: mine/campaign.csv, mine/campaign.xlsx, mine/campaign.yaml, "
                            "mine/photo.jpg already exist; nothing was written (choose another "
                            "folder)\n")


def test_warnings_are_grouped_by_kind_with_counts_and_examples(tmp_path: Path) -> None:
    corpus = EXAMPLES / "corpus" / "every-script.yaml"
    result = CliRunner().invoke(app, ["render", str(corpus), "--out", str(tmp_path), "-p", "x-post",
                                 "--quiet"])
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == "warning: 66 × labels missing in the card's language (left out):"
    assert lines[1] == (f"  {corpus}:20: latin-long-word [de]: no labels in 'de' for "
                        "pledge_hashtag ('#LeaveNoOneBehind'): the card, its alt text and caption "
                        "leave them out (never English); give them once for the campaign in its "
                        "defaults (labels: {de: {pledge_hashtag: …}}) or in a labels file (`lnob "
                        "labels de --template` prints one)")
    assert lines[4:] == ["  … and 63 more (all in the manifest's warnings)"]
    assert result.stdout == ""


def test_strict_makes_warnings_failures_for_ci(tmp_path: Path) -> None:
    campaign = tmp_path / "c.yaml"
    # A template drawn with a small source line (tests/fixtures/design): a design finding.
    (tmp_path / "t").mkdir()
    for name in ("fixed.svg.j2", "fixed.yaml"):
        (tmp_path / "t" / name).write_bytes(
            (EXAMPLES.parent / "tests/fixtures/design" / name).read_bytes())
    campaign.write_text("""\
templates: t
assets:
  - id: hindi
    template: stat
    goal: 4
    lang: hi
    stat: "23%"
    headline: "हर बच्चे को शिक्षा"
    platforms: [x-post]
  - id: english
    template: fixed
    goal: 4
    lang: en
    headline: "Every child in school, every girl in class, every boy learning to read"
    source: UNESCO
    platforms: [x-post]
""", encoding="utf-8")
    checked = CliRunner().invoke(app, ["validate", str(campaign), "--strict"])
    assert checked.exit_code == 1
    assert checked.stdout == ("2 images checked: 0 would fail, 3 warnings (failures with "
                              "--strict; 2 from the design check)\n")
    assert checked.stderr.splitlines()[0] == ("error: 1 × labels missing in the card's language "
                                              "(left out) (--strict):")
    assert checked.stderr.splitlines()[2:] == [
        "error: 1 × design: an empty band inside the safe area (--strict):",
        f"  {campaign}:10: english [en, x-post]: empty band 68% of the safe height (506 px) "
        "between y=281 and y=788",
        "error: 1 × design: text too small to read on a phone (--strict):",
        f"  {campaign}:15: english [en, x-post]: source 27.1 px is below 2.2% of the width "
        "(35.2 px)"]
    assert CliRunner().invoke(app, ["validate", str(campaign)]).exit_code == 0
    rendered = CliRunner().invoke(app, ["render", str(campaign), "--out", str(tmp_path / "o"),
                                   "--strict", "--quiet"])
    assert rendered.exit_code == 1
    assert rendered.stderr.splitlines() == [
        f"error: {campaign}:3: hindi [hi, x-post]: no labels in 'hi' for goal_names 4 ('Quality "
        "education'), goal ('Goal {n}'), pledge_hashtag ('#LeaveNoOneBehind'): the card, its alt "
        "text and caption leave them out (never English); give them once for the campaign in its "
        "defaults (goal_names: {hi: {4: …}}; labels: {hi: {goal: …, pledge_hashtag: …}}) or in a "
        "labels file (`lnob labels hi --template` prints one) (a warning: --strict fails the "
        "image)"]
    assert sorted(p.relative_to(tmp_path / "o").as_posix()
                  for p in (tmp_path / "o").rglob("*.png")) == ["en/x-post/english.png"]
    # A campaign warning (a missing translation) stops a strict run before anything is made.
    campaign.write_text(campaign.read_text(encoding="utf-8").replace(
        'headline: "Every child in school, every girl in class, every boy learning to read"',
        'headline: {en: "Every child", fr: null}').replace(
        "    lang: en\n", "    languages: [en, fr]\n"), encoding="utf-8")
    stopped = CliRunner().invoke(app, ["render", str(campaign), "--out", str(tmp_path / "p"),
                                  "--strict"])
    assert stopped.exit_code == 2
    assert stopped.stderr.splitlines() == [
        "error: 1 × a translation is missing (--strict):",
        f"  {campaign}:14: headline: has no text in 'fr': the 'fr' images of 'english' are not "
        "made",
        "1 warning with --strict; nothing was rendered."]
    assert not (tmp_path / "p").exists()
