"""lnob_graphics.design: each check on constructed texts and real renders, with its exact
message; the roles; and the check inside `validate` (--strict, --format json) and
`templates check`."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from typer.testing import CliRunner

from conftest import REPO
from lnob_graphics import design
from lnob_graphics.cli import app
from lnob_graphics.errors import WARNING_KINDS, warning_kind
from lnob_graphics.pipeline import load_campaign, plan
from lnob_graphics.platforms import PLATFORMS
from lnob_graphics.rasterize import get_rasterizer
from lnob_graphics.render import Rendered, render_svg
from lnob_graphics.templates import TemplateError, template_set
from lnob_graphics.text.engine import TextBlock

runner = CliRunner()
STORY_ROLES = design.roles_of(template_set().infos["story"])


def block(text: str, lines: tuple[str, ...], size: float = 40.0, top: float = 100.0,
          bottom: float = 200.0) -> TextBlock:
    """A laid-out text as the engine reports it (only what the checks read is real)."""
    return TextBlock(svg="", text=text, x=80, y=top, width=920, height=bottom - top, size=size,
                     lines=lines, fits=True, direction="ltr", top=top, bottom=bottom, left=80,
                     right=1000, ink_top=top, ink_bottom=bottom, ink_left=80, ink_right=1000)


def messages(findings: list[design.Finding]) -> list[str]:
    return [str(f) for f in findings]


# --- Line breaks --------------------------------------------------------------------

@pytest.mark.parametrize(("text", "lines", "expected"), [
    ("Children: 1,200,000 of them", ("Children: 1,200,", "000 of them"),
     "headline: '1,200,000' broken across lines after '1,200,'"),
    ("Act now at lnob.example.org/act today", ("Act now at lnob.example.org/", "act today"),
     "headline: 'lnob.example.org/act' broken across lines after 'lnob.example.org/'"),
    ("Seules 23 % des filles", ("Seules 23", "% des filles"),
     "headline: '23 %' broken across lines after '23'"),
    ("From 2015–2030 on", ("From 2015–", "2030 on"),
     "headline: '2015–2030' broken across lines after '2015–'"),
    ("It costs $5 a day", ("It costs $", "5 a day"),
     "headline: '$5' broken across lines after '$'"),
])
def test_a_break_inside_a_number_amount_or_address(text: str, lines: tuple[str, ...],
                                                   expected: str) -> None:
    found = design.line_findings("headline", block(text, lines), "en")
    assert [(f.kind, f.field, f.message) for f in found] == [("number", "headline", expected)]


def test_a_word_split_without_a_hyphen_is_found_and_a_hyphenated_one_is_not() -> None:
    word = "Menschenrechtsverletzungsuntersuchungskommission"
    cut = block(word, ("Menschenrechts", "verletzungsuntersuchungskommission"))
    assert messages(design.line_findings("headline", cut, "de")) == [
        "headline: 'Menschenrechtsverletzungsuntersuchungskommission' split without a hyphen "
        "after 'Menschenrechts'"]
    hyphenated = block(word, ("Menschenrechts-", "verletzungsuntersuchungskommission"))
    assert design.line_findings("headline", hyphenated, "de") == []
    # A break after a hyphen the text has is a break, not a split.
    assert design.line_findings("headline", block("sub-Saharan Africa",
                                                  ("sub-", "Saharan Africa")), "en") == []


def test_scripts_without_spaces_break_where_their_language_breaks() -> None:
    khmer = "ការអប់រំគឺជាសិទ្ធិរបស់កុមារគ្រប់រូប"  # ICU's words: ការអប់រំ|គឺជា|សិទ្ធិ|របស់|កុមារ|គ្រប់រូប
    assert design.line_findings("headline", block(khmer, (khmer[:12], khmer[12:])), "km") == []
    assert messages(design.line_findings("headline", block(khmer, (khmer[:10], khmer[10:])),
                                         "km")) == [
        f"headline: {khmer!r} split without a hyphen after {khmer[:10]!r}"]
    chinese = "教育是每个儿童的权利"
    assert design.line_findings("headline", block(chinese, (chinese[:5], chinese[5:])),
                                "zh") == []


def test_a_line_that_is_not_in_the_text_is_passed_by() -> None:
    assert design.line_findings("headline", block("Leave no one behind", ("Leave", "nobody")),
                                "en") == []


# --- Orphans ------------------------------------------------------------------------

def test_a_lone_last_word() -> None:
    found = design.line_findings("headline", block("Leave no one behind dd",
                                                   ("Leave no one behind", "dd")), "en")
    assert [(f.kind, f.field, f.message) for f in found] == [
        ("orphan", "headline", "headline: 'dd' alone on the last line")]


@pytest.mark.parametrize(("text", "lines"), [
    ("Elimu ni", ("Elimu", "ni")),  # a stack of single words: nothing to take from above
    ("Leave no one behind", ("Leave no", "one behind")),
    ("Leave no one behind", ("Leave no one behind",)),
    ("Menschenrechtsverletzungsuntersuchungskommission heute",
     ("Menschenrechtsverletzungs-", "untersuchungskommission heute")),
])
def test_no_orphan(text: str, lines: tuple[str, ...]) -> None:
    assert design.line_findings("headline", block(text, lines), "en") == []


def test_orphans_per_paragraph_and_in_chinese() -> None:
    two = block("Leave no one behind dd\nReach the furthest first",
                ("Leave no one behind", "dd", "Reach the furthest first"))
    assert messages(design.line_findings("title", two, "en")) == [
        "title: 'dd' alone on the last line"]
    chinese = block("教育是每个儿童的权利", ("教育是每个儿童的权", "利"))
    assert messages(design.line_findings("headline", chinese, "zh")) == [
        "headline: '利' alone on the last line"]


def test_a_long_last_word_alone_is_no_orphan() -> None:
    # Tamil (UDHR art. 26): the last word fills 75 % of the line above it — no hole beside
    # it. The same lines with a last word a third as wide are an orphan.
    text = "ஒவ்வொருவருக்கும் கல்வி கற்பதற்கான உரிமையுண்டு."
    lines = ("ஒவ்வொருவருக்கும்", "கல்வி கற்பதற்கான", "உரிமையுண்டு.")
    long_word = dataclasses.replace(block(text, lines), line_widths=(905.0, 905.0, 680.0))
    assert design.line_findings("headline", long_word, "ta") == []
    short_word = dataclasses.replace(long_word, line_widths=(905.0, 905.0, 300.0))
    assert messages(design.line_findings("headline", short_word, "ta")) == [
        "headline: 'உரிமையுண்டு.' alone on the last line"]


def test_words_of_a_script_without_spaces_are_its_dictionary_words() -> None:
    # Thai puts spaces between phrases, not words: "มั่นคงแห่งบุคคล" is three words
    # (มั่นคง แห่ง บุคคล), so the line is no lone word (UDHR art. 3).
    text = "ทุกคนมีสิทธิในการดำรงชีวิต เสรีภาพ และความมั่นคงแห่งบุคคล"
    thai = block(text, ("ทุกคนมีสิทธิในการดำรงชีวิต เสรีภาพ และความ", "มั่นคงแห่งบุคคล"))
    assert design.line_findings("headline", thai, "th") == []


# --- Sizes and hierarchy ----------------------------------------------------------------

def test_text_below_the_readable_minimum() -> None:
    texts = [("headline", block("Leave no one behind", ("Leave no one behind",), 60)),
             ("source", block("Source: UNESCO", ("Source: UNESCO",), 19.2)),
             ("data", block("Rich", ("Rich",), 30)), ("data", block("Poor", ("Poor",), 21)),
             ("text", block("Target 2030: 100%", ("Target 2030: 100%",), 20))]
    found = design.small_findings(texts, 1080)
    assert [(f.kind, f.field) for f in found] == [("small", "source"), ("small", "data"),
                                                  ("small", "text")]
    assert messages(found) == ["source 19.2 px is below 2.2% of the width (23.8 px)",
                               "data 21.0 px is below 2.2% of the width (23.8 px)",
                               "'Target 2030: 100%' 20.0 px is below 2.2% of the width (23.8 px)"]


def test_a_hierarchy_inversion() -> None:
    texts = [("quote mark", block("“", ("“",), 150)),
             ("quote", block("I walk two hours", ("I walk two hours",), 29.6)),
             ("name", block("Amina, 14", ("Amina, 14",), 38.9)),
             ("place", block("Kailali, Nepal", ("Kailali, Nepal",), 28))]
    found = design.hierarchy_findings(texts, STORY_ROLES)
    assert [(f.kind, f.field, f.message) for f in found] == [
        ("hierarchy", "quote", "quote 29.6 px is smaller than name 38.9 px")]
    texts[-1] = ("place", block("Kailali, Nepal", ("Kailali, Nepal",), 40))
    assert messages(design.hierarchy_findings(texts, STORY_ROLES)) == [
        "quote 29.6 px is smaller than name 38.9 px",
        "quote 29.6 px is smaller than place 40.0 px",
        "name 38.9 px is smaller than place 40.0 px"]


def test_roles_inferred_declared_and_refused(tmp_path: Path) -> None:
    stat = design.roles_of(template_set().infos["stat"])
    assert (stat["stat"], stat["headline"], stat["source"], stat["goal name"]) == (
        "primary", "secondary", "tertiary", "tertiary")
    assert "quote mark" not in STORY_ROLES and "text" not in stat
    (tmp_path / "mine.svg.j2").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>',
                                          encoding="utf-8")
    meta = tmp_path / "mine.yaml"
    meta.write_text("name: mine\nroles: {goal_name: primary}\nfields:\n"
                    "  headline: {role: tertiary}\n  kicker: {role: secondary}\n"
                    "  aside: {}\n", encoding="utf-8")
    template_set.cache_clear()
    roles = design.roles_of(template_set((tmp_path,)).infos["mine"])
    assert (roles["headline"], roles["kicker"], roles["goal name"]) == (
        "tertiary", "secondary", "primary")
    assert "aside" not in roles
    for written, problem in [
            ("fields:\n  headline: {role: huge}\n",
             "field 'headline': unknown role 'huge'; one of: primary, secondary, tertiary"),
            ("fields:\n  headline: {}\nroles: {headline: primary}\n",
             "roles: 'headline' is not a word the tool adds (give a field its role in fields: "
             "headline: role:)"),
            ("roles: {goal_name: big}\n",
             "roles: goal_name: unknown role 'big'; one of: primary, secondary, tertiary")]:
        meta.write_text("name: mine\n" + written, encoding="utf-8")
        template_set.cache_clear()
        with pytest.raises(TemplateError) as error:
            template_set((tmp_path,))
        assert str(error.value) == f"{meta}: {problem}"
    template_set.cache_clear()


# --- Empty space --------------------------------------------------------------------

# A template drawn with fixed boxes (the built-in ones compose, and the design matrix,
# bench/design.py, holds them to its findings): the faults the check exists to find.
FIXED = REPO / "tests/fixtures/design"


def _with_fixed(folder: Path) -> Path:
    """The fixed template copied beside a campaign (a campaign's templates are its own)."""
    (folder / "t").mkdir(exist_ok=True)
    for name in ("fixed.svg.j2", "fixed.yaml"):
        (folder / "t" / name).write_bytes((FIXED / name).read_bytes())
    return folder / "t"


def _rendered(tmp_path: Path, headline: str, platform: str, template: str = "stat",
              extra: str = 'stat: "23%"') -> Rendered:
    campaign = tmp_path / "c.yaml"
    _with_fixed(tmp_path)
    campaign.write_text(f"templates: t\nassets:\n  - {{id: a, template: {template}, goal: 4, lang: en, "
                        f"{extra}, headline: \"{headline}\", platforms: [{platform}]}}\n",
                        encoding="utf-8")
    job = plan(load_campaign([campaign]))[0]
    return render_svg(job.asset, PLATFORMS[platform], template_set((tmp_path / "t",)))


def test_a_short_headline_on_a_tall_format_leaves_a_void(tmp_path: Path) -> None:
    rendered = _rendered(tmp_path, "Leave no one behind", "instagram-story", template="fixed")
    found = design.void_finding(rendered.texts, PLATFORMS["instagram-story"],
                                lambda: design.small_picture(rendered.svg, 1080, 1920,
                                                             get_rasterizer()))
    assert found is not None and (found.kind, found.field) == ("void", None)
    # The safe area of a story runs from y=260 to y=1660 (1400 px); the footer is at its foot.
    assert found.message == ("empty band 79% of the safe height (1100 px) between y=560 and "
                             "y=1660")
    assert str(found) == found.message


def test_a_card_the_texts_fill_is_never_drawn(tmp_path: Path) -> None:
    rendered = _rendered(tmp_path, "Only 23% of poor rural girls in sub-Saharan Africa finish "
                         "primary school, and 1.2 billion people still live in extreme poverty",
                         "instagram-square", extra='stat: "23%", source: UNESCO')

    def never() -> Image.Image:
        raise AssertionError("the texts leave no room for a void: nothing to draw")

    assert design.void_finding(rendered.texts, PLATFORMS["instagram-square"], never) is None


def test_shapes_and_photos_fill_space_text_does_not() -> None:
    frame = design.safe_area(PLATFORMS["instagram-square"])  # 80 … 1000
    picture = Image.new("RGB", (135, 135), "#C5192D")
    empty = design.void_finding([], PLATFORMS["instagram-square"], lambda: picture)
    assert empty is not None and empty.message == ("empty band 100% of the safe height (920 px) "
                                                   "between y=80 and y=1000")
    ImageDraw.Draw(picture).rectangle((40, 60, 90, 64), fill="#FFFFFF")  # y 480 … 520 of 1080
    split = design.void_finding([], PLATFORMS["instagram-square"], lambda: picture)
    assert split is not None and split.message == ("empty band 52% of the safe height (480 px) "
                                                   "between y=520 and y=1000")
    assert frame.top == 80 and frame.bottom == 1000


def test_a_photo_is_drawn_as_a_checkerboard_and_counts_as_content(tmp_path: Path) -> None:
    photo = Image.new("RGB", (300, 200), "#C5192D")  # a flat photo is still a photo
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="1080" height="1080" '
           'viewBox="0 0 1080 1080"><rect width="1080" height="1080" fill="#FFFFFF"/>'
           '<image x="0" y="540" width="1080" height="540" preserveAspectRatio="none" '
           f'href="{_data_uri(photo)}"/></svg>')
    picture = design.small_picture(svg, 1080, 1080, get_rasterizer())
    assert picture.size == (135, 135)
    found = design.void_finding([], PLATFORMS["instagram-square"], lambda: picture)
    # (rows of 8 px: the one the photo's edge crosses counts as taken)
    assert found is not None and found.message == ("empty band 50% of the safe height (456 px) "
                                                   "between y=80 and y=536")


def _data_uri(image: Image.Image) -> str:
    import base64
    import io

    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


# --- One card, the kinds, the commands ------------------------------------------------

def test_a_card_s_findings_in_the_order_of_the_kinds(tmp_path: Path) -> None:
    rendered = _rendered(tmp_path, "Leave no one behind", "x-post", template="fixed",
                         extra='stat: "23%", source: UNESCO')
    wide = PLATFORMS["x-post"]
    found = design.check_card(rendered.texts, rendered.svg, wide, "en",
                              design.roles_of(template_set((FIXED,)).infos["fixed"]),
                              get_rasterizer)
    assert [(f.kind, f.field, f.message) for f in found] == [
        ("void", None, "empty band 40% of the safe height (297 px) between y=161 and y=458"),
        ("small", "source", "source 27.1 px is below 2.2% of the width (35.2 px)"),
        ("hierarchy", "stat", "stat 57.1 px is smaller than headline 85.7 px")]
    # Without a rasterizer, no void is looked for.
    assert [f.kind for f in design.check_card(rendered.texts, rendered.svg, wide, "en",
                                              design.roles_of(None), None)] == [
        "small", "hierarchy"]


@pytest.mark.parametrize(("kind", "message"), [
    ("number", "headline: '1,200,000' broken across lines after '1,200,'"),
    ("word", "headline: 'Menschenrechts' split without a hyphen after 'Menschen'"),
    ("orphan", "headline: 'dd' alone on the last line"),
    ("void", "empty band 29% of the safe height (562 px) between y=400 and y=962"),
    ("small", "source 19.2 px is below 2.2% of the width (23.8 px)"),
    ("hierarchy", "quote 29.6 px is smaller than name 38.9 px"),
    ("hierarchy", "'Target: 100%' 29.6 px is smaller than goal name 38.9 px"),
])
def test_validate_groups_each_kind_under_its_name(kind: design.Kind, message: str) -> None:
    line = f"c.yaml:2: a [en, x-post]: {message}"
    assert warning_kind(line) == design.KINDS[kind]
    assert {name for name, _pattern in WARNING_KINDS} >= set(design.KINDS.values())


CAMPAIGN = """\
templates: t
assets:
  - id: short
    template: fixed
    goal: 4
    lang: en
    headline: "Leave no one behind"
    platforms: [instagram-story]
  - id: told
    template: fixed
    goal: 4
    lang: en
    stat: "23%"
    headline: "I walk two hours to school, and I will be a doctor."
    platforms: [instagram-square]
"""


def test_validate_warns_fails_with_strict_and_lists_in_json(tmp_path: Path) -> None:
    campaign = tmp_path / "c.yaml"
    campaign.write_text(CAMPAIGN, encoding="utf-8")
    _with_fixed(tmp_path)
    result = runner.invoke(app, ["validate", str(campaign)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "warning: 2 × design: an empty band inside the safe area:",
        f"  {campaign}:3: short [en, instagram-story]: empty band 96% of the safe height "
        "(1340 px) between y=320 and y=1660",
        f"  {campaign}:9: told [en, instagram-square]: empty band 67% of the safe height "
        "(616 px) between y=384 and y=1000",
        "warning: 1 × design: a less important text larger than a more important one:",
        f"  {campaign}:13: told [en, instagram-square]: stat 40.0 px is smaller than headline "
        "60.0 px"]
    assert result.stdout == ("2 images checked: 0 would fail, 3 warnings (3 from the design "
                             "check)\n")
    strict = runner.invoke(app, ["validate", str(campaign), "--strict"])
    assert strict.exit_code == 1
    assert strict.stderr.splitlines()[0] == ("error: 2 × design: an empty band inside the safe "
                                             "area (--strict):")
    assert strict.stdout == ("2 images checked: 0 would fail, 3 warnings (failures with "
                             "--strict; 3 from the design check)\n")
    report = json.loads(runner.invoke(app, ["validate", str(campaign), "--format", "json"]).stdout)
    assert report["ok"] is True and report["warnings"] == [
        f"{campaign}:3: short [en, instagram-story]: empty band 96% of the safe height (1340 px) "
        "between y=320 and y=1660",
        f"{campaign}:9: told [en, instagram-square]: empty band 67% of the safe height (616 px) "
        "between y=384 and y=1000",
        f"{campaign}:13: told [en, instagram-square]: stat 40.0 px is smaller than headline 60.0 px"]
    assert report["design"][0] == {
        "id": "short", "lang": "en", "platform": "instagram-story", "file": str(campaign),
        "line": 3, "kind": "void", "field": None,
        "message": "empty band 96% of the safe height (1340 px) between y=320 and y=1660"}
    strict_json = runner.invoke(app, ["validate", str(campaign), "--format", "json", "--strict"])
    assert strict_json.exit_code == 1 and json.loads(strict_json.stdout)["ok"] is False


def test_validate_names_the_field_s_line_and_the_slide(tmp_path: Path) -> None:
    (tmp_path / "t").mkdir()
    for name in ("slides.svg.j2", "slides.yaml"):
        (tmp_path / "t" / name).write_bytes((FIXED / name).read_bytes())
    campaign = tmp_path / "c.yaml"
    campaign.write_text("""\
templates: t
assets:
  - id: deck
    template: slides
    goal: lnob
    lang: en
    title: "Who is left behind?"
    items: ["1.2 billion people live in extreme poverty", "Girls"]
    cta: "Share this, and ask who is missing from our data"
    platforms: [instagram-story]
""", encoding="utf-8")
    report = json.loads(runner.invoke(app, ["validate", str(campaign), "--format",
                                            "json"]).stdout)
    # (Every slide leaves the foot of a 9:16 card empty: one finding for each, named.)
    voids = [d for d in report["design"] if d["kind"] == "void"]
    assert [d["page"] for d in voids] == [1, 2, 3, 4]
    assert voids[2] == {"id": "deck", "lang": "en", "platform": "instagram-story", "page": 3,
                        "file": str(campaign), "line": 3, "kind": "void", "field": None,
                        "message": "empty band 96% of the safe height (1340 px) between y=320 "
                        "and y=1660"}
    assert (f"{campaign}:3: deck [en, instagram-story, slide 3/4]: empty band 96% of the safe "
            "height (1340 px) between y=320 and y=1660") in report["warnings"]


def test_templates_check_reports_the_design_of_the_example(tmp_path: Path) -> None:
    for name in ("fixed.svg.j2", "fixed.yaml"):
        (tmp_path / name).write_bytes((FIXED / name).read_bytes())
    result = runner.invoke(app, ["templates", "check", str(tmp_path)])
    assert result.exit_code == 0  # warnings only
    meta = tmp_path / "fixed.yaml"
    assert (f"{meta}: warning: example in 'en' on instagram-story (tall): empty band 77% of the "
            "safe height (1080 px) between y=560 and y=1640") in result.stderr.splitlines()
    assert re.fullmatch(r"0 errors, \d+ warnings\n", result.stdout)


README_CAMPAIGN = """\
templates: t
assets:
  - id: short
    template: fixed
    goal: 4
    lang: en
    stat: "23%"
    headline: "Leave no one behind"
    source: "UNESCO Institute for Statistics, 2023"
    platforms: [instagram-story]
"""


def test_the_readme_shows_what_validate_prints(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### The design check"):]
    shown = section[section.index("$ lnob validate campaign.yaml\n"):].split("```")[0]
    (tmp_path / "campaign.yaml").write_text(README_CAMPAIGN, encoding="utf-8")
    _with_fixed(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate", "campaign.yaml"])
    assert result.exit_code == 0
    assert shown == "$ lnob validate campaign.yaml\n" + result.stderr + result.stdout


def test_sizes_are_compared_as_drawn_nastaliq_at_its_type_scale() -> None:
    """Nastaliq is drawn 1.3 × its size: set at 22 px it is as large as Latin at 28.6 px —
    above 2.2 % of a 1200 px card (26.4 px), where Latin at 22 px is below it."""
    from lnob_graphics.text.engine import layout
    from lnob_graphics.text.fit import FitRule

    def block(text: str, lang: str) -> TextBlock:
        return layout(text, lang=lang, direction="rtl" if lang == "ur" else "ltr",
                      box=(0, 0, 1000, 200), rule=FitRule(max_size=22, min_size=22, max_lines=1))

    urdu, latin = block("تعلیم ہر بچے کا حق ہے", "ur"), block("Source: UNESCO", "en")
    assert (urdu.scale, latin.scale) == (1.3, 1.0)
    assert urdu.drawn_size == pytest.approx(urdu.size * 1.3)
    assert [f.message for f in design.small_findings([("source", urdu), ("place", latin)],
                                                      1200)] == [
        "place 22.0 px is below 2.2% of the width (26.4 px)"]
