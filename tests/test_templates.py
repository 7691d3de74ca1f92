"""The template library: every built-in (and a designer's Inkscape drawing) in every
format class, left to right and right to left, through the real CLI; goldens at half
size (looked at before committing); and the facts behind the pictures."""

from __future__ import annotations

import base64
import io
import json
import math
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from conftest import EXAMPLES, REPO, render_pack
from golden import assert_golden, card_regions
from lnob_graphics.campaign import Asset
from lnob_graphics.card import name_key
from lnob_graphics.cli import app
from lnob_graphics.labels import words_for
from lnob_graphics.numbers import number_style
from lnob_graphics.pipeline import load_campaign, plan
from lnob_graphics.platforms import PLATFORMS
from lnob_graphics.render import Rendered, framed_photo, render_svg
from lnob_graphics.templates import template_set
from lnob_graphics.themes import AA_LARGE, AA_NORMAL, INK, WHITE, contrast_ratio, themes

runner = CliRunner()
EVERY = EXAMPLES / "every-template.yaml"
PHOTO = EXAMPLES / "photos" / "girl-walking-to-school.jpg"


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render_pack(tmp_path_factory, EVERY, "-j", "2")


def _manifest(out: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def test_every_template_renders_in_english_and_arabic(pack: Path) -> None:
    manifest = _manifest(pack)
    assert manifest["errors"] == []
    templates = {a["template"] for a in manifest["assets"]}
    assert templates == {"stat", "goal", "story", "chart", "pictogram", "progress", "pledge",
                         "carousel", "poster", "gap", "trend"}
    for entry in manifest["assets"]:
        platform = PLATFORMS[entry["platform"]]
        with Image.open(pack / entry["file"]) as image:
            assert image.size == (platform.width, platform.height)
        assert entry["warnings"] == []


GOLDEN_PLATFORMS = {"square": "instagram-square", "portrait": "instagram-portrait",
                    "tall": "instagram-story", "wide": "x-post"}
GOLDENS = [(asset, form) for asset in ("rural-girls", "quality-education", "amina",
                                       "school-gap", "violence", "primary-completion", "act")
           for form in GOLDEN_PLATFORMS]
GOLDENS += [("who-is-left-behind-01", "portrait"), ("who-is-left-behind-04", "portrait"),
            ("who-is-left-behind-05", "wide"), ("counted", "square")]


# English in every format; Arabic in the square and portrait ones (and the carousel's).
CASES = [(a, f, "en") for a, f in GOLDENS] + [
    (a, f, "ar") for a, f in GOLDENS if f in ("square", "portrait") or a.startswith("who")]


@pytest.mark.golden
@pytest.mark.parametrize(("asset", "form", "lang"), CASES, ids=["-".join(c) for c in CASES])
def test_template_golden(pack: Path, asset: str, form: str, lang: str) -> None:
    platform = GOLDEN_PLATFORMS[form]
    slide = re.fullmatch(r"(.+)-(\d\d)", asset)  # a carousel's slide: who-is-left-behind-04
    asset_id, page = (slide[1], int(slide[2])) if slide else (asset, 0)
    assert_golden(pack / lang / platform / f"{asset}.png", f"template-{asset}-{form}-{lang}.png",
                  card_regions(EVERY, asset_id, lang, platform, page), scale=0.5)


def test_rtl_cards_mirror_the_ltr_ones(pack: Path) -> None:
    """The goal tile of goal 4 (its pictogram first, an open book in white) sits at the start
    edge: left in English, right in Arabic."""
    def dark_tile_side(path: Path) -> str:
        with Image.open(path) as image:
            rgb = image.convert("RGB")
            left = rgb.getpixel((80 + 10, 80 + 48))
            right = rgb.getpixel((1080 - 80 - 10, 80 + 48))
        white = (255, 255, 255)
        return "left" if left == white else "right" if right == white else "none"

    assert dark_tile_side(pack / "en/instagram-square/school-gap.png") == "left"
    assert dark_tile_side(pack / "ar/instagram-square/school-gap.png") == "right"


def test_carousel_slides_are_numbered_files_with_their_own_alt_text(pack: Path) -> None:
    entries = [a for a in _manifest(pack)["assets"]
               if a["id"] == "who-is-left-behind" and a["lang"] == "en"
               and a["platform"] == "instagram-portrait"]
    assert [(e["page"], e["pages"]) for e in entries] == [(n, 5) for n in range(1, 6)]
    assert [e["file"] for e in entries] == [
        f"en/instagram-portrait/who-is-left-behind-0{n}.png" for n in range(1, 6)]
    alts = [e["alt_text"] for e in entries]
    assert alts[0] == ("Leave no one behind: Who is left behind? — Three facts, one promise. "
                       "Source: Leave No One Behind Partnership, 2016 (1/5)")
    assert alts[1] == "1.2 billion people still live in extreme poverty (2/5)"
    assert alts[3] == "people forced from their homes by conflict and persecution: 60,000,000 (4/5)"
    assert alts[4] == "Share this, and ask: who is missing from our data? lnob.example.org (5/5)"
    arabic = [a for a in _manifest(pack)["assets"] if a["id"] == "who-is-left-behind"
              and a["lang"] == "ar" and a["platform"] == "x-post"]
    assert arabic[3]["alt_text"].endswith("٦٠٬٠٠٠٬٠٠٠ (٤/٥)")


def test_story_alt_text_describes_the_photo(pack: Path) -> None:
    entry = next(a for a in _manifest(pack)["assets"]
                 if a["id"] == "amina" and a["lang"] == "en" and a["platform"] == "x-post")
    assert entry["alt_text"] == (
        "Goal 4, Quality education: A girl with a school bag walks up a path to a school at "
        "sunrise. I walk two hours to school every morning. One day I will be a doctor in my "
        "village. — Amina, 14, Kailali, Nepal. Source: Illustration.")


def test_chart_alt_text_reads_the_data_in_the_language(pack: Path) -> None:
    alt = {(a["id"], a["lang"]): a["alt_text"] for a in _manifest(pack)["assets"]}
    assert alt[("school-gap", "en")].startswith(
        "Goal 4, Quality education: Girls who finish primary school in sub-Saharan Africa — "
        "Richest urban: 80%, All girls: 52%, Poorest rural: 23%.")
    assert "الأفقر في الريف: ٢٣٪" in alt[("school-gap", "ar")]


# --- photos ---------------------------------------------------------------------------

def _decode(uri: str) -> Image.Image:
    return Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1])))


def test_photos_are_pre_sized_to_their_frame_and_cropped_around_the_focus(tmp_path: Path) -> None:
    # A 400×100 picture: left half red, right half blue. A square frame keeps the focus.
    source = Image.new("RGB", (400, 100), (255, 0, 0))
    source.paste((0, 0, 255), (200, 0, 400, 100))
    path = tmp_path / "split.png"
    source.save(path)
    left = _decode(framed_photo(str(path), (0.1, 0.5), 50, 50))
    right = _decode(framed_photo(str(path), (0.9, 0.5), 50, 50))
    middle = _decode(framed_photo(str(path), (0.5, 0.5), 50, 50))
    assert left.size == right.size == (50, 50)  # exactly the frame's pixels
    assert left.convert("RGB").getpixel((25, 25)) == (255, 0, 0)
    assert right.convert("RGB").getpixel((25, 25)) == (0, 0, 255)
    assert middle.convert("RGB").getpixel((5, 25))[0] > 200  # red on the left …
    assert middle.convert("RGB").getpixel((45, 25))[2] > 200  # … blue on the right


def test_the_story_svg_embeds_the_photo_at_the_frames_size(tmp_path: Path) -> None:
    from lnob_graphics.pipeline import load_campaign
    from lnob_graphics.render import render_svg
    from lnob_graphics.templates import template_set

    campaign = load_campaign([EVERY], None)
    asset = next(a for a in campaign.assets if a.id == "amina" and a.lang == "en")
    svg = render_svg(asset, PLATFORMS["x-post"], template_set(campaign.template_dirs)).svg
    match = re.search(r'<image x="0.0" y="0.0" width="([\d.]+)" height="([\d.]+)" '
                      r'preserveAspectRatio="none" href="(data:image/png;base64,[^"]+)"', svg)
    assert match is not None
    width, height = float(match.group(1)), float(match.group(2))
    assert (width, height) == (1600 * 0.44, 900.0)
    assert _decode(match.group(3)).size == (round(width), round(height))


# --- campaign errors for the new field types -------------------------------------------

BAD = [
    ("image: ../secret.jpg", "image: '../secret.jpg' is outside the campaign's folder"),
    ("image: nothing.jpg", "image: 'nothing.jpg': no such file in"),
    ("image: notes.txt", "image: 'notes.txt' is not a readable image (UnidentifiedImageError); "
                         "use a JPEG, PNG or WebP file"),
    ("image_focus: 150%,20%", "image_focus: expected 'x,y' from the top-left, in percent "
                              "(50%,30%) or 0–1 (0.5,0.3); got '150%,20%'"),
]


@pytest.mark.parametrize(("line", "message"), BAD, ids=[b[0] for b in BAD])
def test_story_image_problems_name_the_line(tmp_path: Path, line: str, message: str) -> None:
    folder = tmp_path / "campaign"
    folder.mkdir()
    shutil.copy(PHOTO, folder / "photo.jpg")
    (folder / "notes.txt").write_text("not a picture", encoding="utf-8")
    (tmp_path / "secret.jpg").write_bytes(PHOTO.read_bytes())
    image_line = line if line.startswith("image:") else "image: photo.jpg"
    focus_line = line if line.startswith("image_focus") else "image_focus: 50%,50%"
    campaign = folder / "c.yaml"
    campaign.write_text(f"""\
assets:
  - id: amina
    template: story
    goal: 4
    lang: en
    quote: "I will be a doctor"
    name: "Amina"
    {image_line}
    {focus_line}
""", encoding="utf-8")
    result = runner.invoke(app, ["render", str(campaign), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    where = 9 if line.startswith("image_focus") else 8
    assert f"error: {campaign}:{where}: {message}" in result.stderr
    assert not (tmp_path / "out").exists()


CHART = """\
assets:
  - id: gap
    template: chart
    goal: 4
    lang: en
    title: "Girls who finish school"
DATA
"""


@pytest.mark.parametrize(("data", "message"), [
    ("    data: [{label: A, value: 12}, {label: B, value: lots}]",
     "7: data: item 2: expected a number such as 33, 12.5, 1,200,000 or 23%, got 'lots'"),
    ("    data: [{label: A, valu: 12}]", "7: data: item 1: expected {label: ..., value: ...}"),
    ("    data: 'A: 12; B 13'", "7: data: item 2 'B 13': expected 'Label: value'"),
    ("    data: []", "7: data: has no data points"),
    ("    data_file: points.csv", "7: data_file: points.csv:3: value: expected a number such as "
     "33, 12.5, 1,200,000 or 23%, got 'n/a'"),
    ("    target: soon\n    data: 'A: 1; B: 2'", "7: target: expected a number such as 33, 12.5, "
     "1,200,000 or 23%, got 'soon'"),
])
def test_chart_data_problems(tmp_path: Path, data: str, message: str) -> None:
    (tmp_path / "points.csv").write_text("label,value\nA,12\nB,n/a\n", encoding="utf-8")
    campaign = tmp_path / "c.yaml"
    campaign.write_text(CHART.replace("DATA", data), encoding="utf-8")
    result = runner.invoke(app, ["render", str(campaign), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert any(line.startswith(f"error: {campaign}:{message}")
               for line in result.stderr.splitlines()), result.stderr


def test_chart_data_from_a_csv_cell_and_from_a_file_are_the_same(tmp_path: Path) -> None:
    (tmp_path / "points.csv").write_text("label,value\nRichest,80%\nPoorest,23%\n",
                                         encoding="utf-8")
    (tmp_path / "c.csv").write_text(
        "id,template,goal,lang,title,data,highlight\n"
        "cell,chart,4,en,Finish school,Richest: 80%; Poorest: 23%,Poorest\n", encoding="utf-8")
    (tmp_path / "c.yaml").write_text(
        "assets:\n  - {id: file, template: chart, goal: 4, lang: en, title: Finish school, "
        "data_file: points.csv, highlight: Poorest}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(tmp_path / "c.csv"), str(tmp_path / "c.yaml"),
                                 "--out", str(out), "-p", "x-post"])
    assert result.exit_code == 0, result.output
    with Image.open(out / "en/x-post/cell.png") as a, Image.open(out / "en/x-post/file.png") as b:
        assert a.tobytes() == b.tobytes()


def test_a_layout_the_template_lacks_is_refused_before_rendering(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    shutil.copytree(EXAMPLES / "templates", folder / "templates")
    campaign = folder / "c.yaml"
    campaign.write_text("templates: templates\nassets:\n  - {id: p, template: poster, goal: 5, "
                        "lang: en, headline: Counted, platforms: [x-post]}\n", encoding="utf-8")
    result = runner.invoke(app, ["render", str(campaign), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"error: {campaign}:3: platforms: template 'poster' has no wide layout (for x-post); "
        "it has: square")


# --- designer templates ------------------------------------------------------------------

def test_inkscape_template_fills_colours_and_boxes(pack: Path) -> None:
    with Image.open(pack / "en/instagram-square/counted.png") as image:
        rgb = image.convert("RGB")
        assert rgb.getpixel((20, 1060)) == (0xFF, 0x3A, 0x21)  # lnob-fill-goal: goal 5's colour
        # The rule, lnob-fill-large: white, which reaches 3:1 (graphics) on goal 5's colour.
        assert rgb.getpixel((100, 816)) == (0xFF, 0xFF, 0xFF)
    svg_source = (REPO / "examples/templates/poster.svg").read_text(encoding="utf-8")
    assert "inkscape:" in svg_source and "sodipodi:namedview" in svg_source


def test_inkscape_template_keeps_inkscape_markup_and_draws_no_placeholder(tmp_path: Path) -> None:
    from lnob_graphics.pipeline import load_campaign
    from lnob_graphics.render import render_svg
    from lnob_graphics.templates import template_set

    campaign = load_campaign([EVERY], None)
    asset = next(a for a in campaign.assets if a.id == "counted" and a.lang == "ar")
    svg = render_svg(asset, PLATFORMS["instagram-square"],
                     template_set(campaign.template_dirs)).svg
    assert "sodipodi:namedview" in svg or "namedview" in svg  # left as it was
    assert "#ff00ff" not in svg  # the placeholder rectangles are gone
    assert 'aria-label="الهدف ٥، المساواة بين الجنسين: كل امرأة وفتاة' in svg
    assert "scale(-1 1)" in svg  # data-lnob-rtl="mirror": the Arabic drawing is mirrored


def test_templates_check_reports_a_broken_designer_svg_with_lines(tmp_path: Path) -> None:
    (tmp_path / "bad.svg").write_text("""\
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 1080 1080">
  <rect id="lnob-fill-goal" width="1080" height="1080"/>
  <image xlink:href="https://example.org/logo.png" width="10" height="10"/>
  <text x="10" y="10">Hello</text>
  <circle id="lnob-text-headline" r="4"/>
  <rect id="lnob-fill-purple" width="1" height="1"/>
</svg>
""", encoding="utf-8")
    result = runner.invoke(app, ["templates", "check", str(tmp_path / "bad.svg")])
    assert result.exit_code == 1
    path = tmp_path / "bad.svg"
    assert result.stderr.splitlines()[:4] == [
        f"{path}:3: error: <image> refers to 'https://example.org/logo.png': external files "
        "and web addresses are never loaded; embed it or remove it",
        f"{path}:4: warning: a plain <text> is drawn by the rasterizer letter by letter (no "
        "shaping, no right-to-left, no fallback): convert it to a path, or make it a lnob-text- "
        "box",
        f"{path}: error: lnob-text-headline: a text box must be a rectangle (<rect>), not <circle>",
        f"{path}: error: lnob-fill-purple: unknown colour role 'purple'; one of: goal, text, "
        "large, accent",
    ]
    assert result.stdout.startswith("3 errors, 2 warnings")


def test_templates_check_reports_malformed_xml_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "broken.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg">\n'
                                         '  <rect id="x">\n</svg>\n', encoding="utf-8")
    result = runner.invoke(app, ["templates", "check", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {tmp_path / 'broken.svg'}:3: not well-formed XML") \
        or f"{tmp_path / 'broken.svg'}:3: not well-formed XML" in result.stderr


def test_templates_check_passes_the_built_ins_and_the_example(tmp_path: Path) -> None:
    for folder in (REPO / "templates", EXAMPLES / "templates"):
        result = runner.invoke(app, ["templates", "check", str(folder)])
        assert result.exit_code == 0, result.stderr
        # No error; the warnings left are the design check's on the examples (test_design).
        assert result.stdout.startswith("0 errors, "), result.stdout
        assert all(re.search(r": warning: example in '(en|ar)' on [\w-]+ \(\w+(, slide \d)?\): ",
                             line) for line in result.stderr.splitlines()), result.stderr


def test_templates_check_finds_an_undeclared_field_in_a_jinja_template(tmp_path: Path) -> None:
    shutil.copy(REPO / "templates/stat.yaml", tmp_path / "mine.yaml")
    text = (REPO / "templates/stat.svg.j2").read_text(encoding="utf-8")
    (tmp_path / "mine.svg.j2").write_text(text.replace("fields.headline", "fields.headlin"),
                                          encoding="utf-8")
    shutil.copy(REPO / "templates/_macros.svg.j2", tmp_path / "_macros.svg.j2")
    (tmp_path / "mine.yaml").write_text((tmp_path / "mine.yaml").read_text(encoding="utf-8")
                                        .replace("name: stat", "name: mine"), encoding="utf-8")
    result = runner.invoke(app, ["templates", "check", str(tmp_path / "mine.svg.j2")])
    assert result.exit_code == 1
    assert (f"{tmp_path / 'mine.svg.j2'}: error: uses the field 'headlin', which its metadata "
            "does not declare") in result.stderr
    assert "example in 'en' on x-post (wide): template: template 'mine' failed: " \
           "UndefinedError" in result.stderr


def test_templates_show_prints_fields_and_an_example_row() -> None:
    result = runner.invoke(app, ["templates", "show", "pictogram"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("pictogram — ")
    assert "  value     number  required  How many of the total" in result.stdout
    assert lines[-2:] == ["id,template,goal,lang,value,total,stat,headline,source",
                          "example,pictogram,4,en,1,3,1 in 3,women experience physical or "
                          "sexual violence in their lifetime,UN Women"]
    unknown = runner.invoke(app, ["templates", "show", "stats"])
    assert unknown.exit_code == 2
    assert unknown.stderr.startswith("error: unknown template 'stats' (did you mean stat?)")


@pytest.mark.slow
def test_debug_overlay_draws_boxes_and_the_story_safe_areas(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(EXAMPLES / "lnob-2030.yaml"), "--out", str(out),
                                 "--debug", "-p", "instagram-story", "--quiet"])
    assert result.exit_code == 0, result.output
    with Image.open(out / "en/instagram-story/girls-school.png") as debug, \
            Image.open(REPO / "tests/goldens/template-rural-girls-tall-en.png") as plain:
        top_band = debug.convert("RGB").getpixel((500, 100))  # the unsafe band, shaded
        normal = plain.convert("RGB").getpixel((250, 50))
        assert all(d < n for d, n in zip(top_band, normal, strict=True))
        colours = debug.convert("RGB").getcolors(maxcolors=1 << 20) or []
        magenta = sum(count for count, colour in colours if colour == (255, 0, 255))
        assert magenta > 2000  # the dashed outlines of the text boxes


@pytest.mark.parametrize("size", [(2000, 3000), (4000, 6000), (3000, 2000), (1200, 1200)])
def test_a_story_photo_of_any_aspect_ratio_renders_on_the_wide_formats(
        tmp_path: Path, size: tuple[int, int]) -> None:
    """2:3 photos used to stop x-post and youtube-thumbnail ('box offset can't be
    negative': a crop a hair wider than the photo)."""
    from PIL import Image as PILImage

    PILImage.new("RGB", size, (150, 90, 40)).save(tmp_path / "photo.jpg", quality=80)
    campaign = tmp_path / "c.yaml"
    campaign.write_text(
        "assets:\n  - {id: s, template: story, goal: 4, lang: en, quote: \"I walk to school\", "
        "name: Amina, image: photo.jpg, platforms: [x-post, youtube-thumbnail, "
        "instagram-square, instagram-story, pinterest-pin]}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["render", str(campaign), "--out", str(tmp_path / "o"),
                                      "--quiet", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "o" / "en").rglob("s.png"))) == 5


# --- the goal tile on every card ----------------------------------------------------------

Card_ = tuple[Asset, str, int, Rendered]  # asset, platform, slide (0: none), as rendered


@pytest.fixture(scope="module")
def every_card() -> list[Card_]:
    """Every asset of examples/every-template.yaml (each template, English and Arabic) on
    one platform of each format its template has, each carousel slide, rendered in-process."""
    campaign = load_campaign([EVERY])
    templates = template_set(campaign.template_dirs)
    cards = []
    for asset in campaign.assets:
        for form, name in GOLDEN_PLATFORMS.items():
            if form in templates.infos[asset.template].formats:
                for page in range(1, asset.pages + 1) if asset.pages > 1 else (0,):
                    cards.append((asset, name, page,
                                  render_svg(asset, PLATFORMS[name], templates, page=page)))
    return cards


def _tile_x(svg: str) -> float:
    """The physical x of the middle of the tile's artwork (a pictogram, or the wheel)."""
    found = re.search(r'id="pictogram-\d+" transform="translate\(([-\d.]+) [-\d.]+\) '
                      r'scale\(([\d.]+)\)', svg)
    if found:
        return float(found[1]) + 50 * float(found[2])
    wheel = re.search(r'id="goal-wheel"><path fill="#[0-9A-F]{6}" d="M([-\d.]+) [-\d.]+ '
                      r'A([\d.]+) ', svg)
    assert wheel, "no pictogram and no wheel"
    # Its first segment starts half a gap (0.7°, pictograms.wheel) right of the top centre.
    return float(wheel[1]) - float(wheel[2]) * math.sin(math.radians(0.7))


def test_every_card_of_every_template_and_format_carries_the_goal_tile(
        every_card: list[Card_]) -> None:
    """The number (in the card's digits), the name in its language and the pictogram (the
    wheel of the 17 goals for the pledge), at the start edge, on every card — photo stories
    (on a tab of the goal colour), carousel slides and the designer's poster included."""
    infos = template_set((EXAMPLES / "templates",)).infos
    seen = set()
    middles = {}
    for asset, name, page, rendered in every_card:
        platform = PLATFORMS[name]
        where = (asset.id, asset.lang, name, page)
        seen.add((asset.template, platform.format_class))
        theme = themes()[asset.goal]
        texts = [(name, block.text) for name, block in rendered.texts]
        goal_name = words_for(asset.lang)[name_key(theme)]
        assert ("goal name", goal_name) in texts, where
        if theme.is_pledge:
            assert rendered.svg.count('id="goal-wheel"') == 1, where
            assert "pictogram-" not in rendered.svg and "goal number" not in dict(texts), where
        else:
            number = number_style(asset.lang, asset.digits).integer(theme.number)
            assert ("goal number", number) in texts, where
            drawn = re.findall(rf'id="pictogram-{theme.number}" [^>]*>(.*?)</g>', rendered.svg,
                               re.S)
            assert len(drawn) == 1 and f'="{theme.large}"' in drawn[0], where  # fill or stroke
        middles[where] = _tile_x(rendered.svg)
        if asset.template == "story" and "image" in asset.images and \
                platform.format_class != "wide":
            assert 'class="goal-panel"' in rendered.svg, where  # over the photo
    assert seen == {(name, form) for name, info in infos.items() for form in info.formats}
    # At the start edge (of the card, or of the words beside a photo): the Arabic card's
    # tile is the English one's mirror image.
    for (asset_id, lang, name, page), x in middles.items():
        if lang == "en":
            mirrored = PLATFORMS[name].width - middles[(asset_id, "ar", name, page)]
            assert abs(x - mirrored) < 2, (asset_id, name, page, x, mirrored)
            assert x < PLATFORMS[name].width / 2 or (asset_id, name) == ("amina", "x-post")
    assert len(middles) == len(every_card)


def test_a_card_whose_language_has_no_goal_name_shows_the_number_and_pictogram_no_english(
        tmp_path: Path) -> None:
    """Kinyarwanda has no labels here: the tile keeps the number and the pictogram (and the
    pledge its wheel) and leaves the name out — never English."""
    shutil.copy(PHOTO, tmp_path / "photo.jpg")
    (tmp_path / "c.yaml").write_text("""\
defaults: {lang: rw, platforms: [instagram-square, instagram-portrait, instagram-story, x-post]}
assets:
  - {id: stat, template: stat, goal: 7, stat: "23%", headline: "Uburezi"}
  - {id: goal, template: goal, goal: 14, headline: "Uburezi"}
  - {id: story, template: story, goal: 4, quote: "Uburezi", name: "Amina", image: photo.jpg}
  - {id: pledge, template: pledge, goal: lnob, headline: "Uburezi"}
  - {id: carousel, template: carousel, goal: 3, title: "Uburezi", items: ["Uburezi"], cta: "Uburezi"}
""", encoding="utf-8")
    campaign = load_campaign([tmp_path / "c.yaml"])
    templates = template_set(campaign.template_dirs)
    english = {text for text in words_for("en").values() if any(c.isalpha() for c in text)}
    for job in plan(campaign):
        asset = job.asset
        rendered = render_svg(asset, PLATFORMS[job.platform], templates, page=job.page)
        texts = dict((name, block.text) for name, block in rendered.texts)
        assert "goal name" not in texts, (asset.id, job.platform)
        assert not set(texts.values()) & english
        if asset.goal == "lnob":
            assert 'id="goal-wheel"' in rendered.svg
        else:
            assert texts["goal number"] == asset.goal
            assert f'id="pictogram-{asset.goal}"' in rendered.svg
        assert rendered.warnings and ("goal_names" in rendered.warnings[0]
                                      or "pledge_name" in rendered.warnings[0])


@pytest.mark.parametrize("goal", [*range(1, 18), "lnob"])
def test_every_text_gets_white_where_it_is_large_enough_for_it_and_meets_its_level(
        tmp_path: Path, goal: int | str) -> None:
    """Per goal, every text of a stat and a story card as drawn: large text (24 px, 18.67
    px bold) in the large-text colour (white wherever it reaches 3:1), smaller text in the
    colour for every size (4.5:1) — decided by the size the text was fitted at (a chart of
    twelve bars draws its labels at 2.2 % of the width: small text)."""
    theme = themes()[str(goal)]
    (tmp_path / "c.yaml").write_text(f"""\
defaults: {{goal: {goal}, lang: en, platforms: [instagram-square, x-post]}}
assets:
  - id: stat
    template: stat
    stat: "23%"
    headline: "Only 23% of poor rural girls finish primary school"
    source: "Leave No One Behind Partnership, with UNESCO and UNICEF, 2016"
  - {{id: story, template: story, quote: "I walk two hours to school.", name: "Amina, 14",
     place: "Kailali", source: "Illustration"}}
  - id: chart
    template: chart
    title: "Girls who finish primary school"
    data: "A: 1; B: 2; C: 3; D: 4; E: 5; F: 6; G: 7; H: 8; I: 9; J: 10; K: 11; L: 12"
""", encoding="utf-8")
    campaign = load_campaign([tmp_path / "c.yaml"])
    templates = template_set()
    kinds = set()
    for job in plan(campaign):
        rendered = render_svg(job.asset, PLATFORMS[job.platform], templates)
        assert len(rendered.inks) == len(rendered.texts)
        for ink in rendered.inks:
            level = AA_LARGE if ink.large else AA_NORMAL
            assert ink.fill == (theme.large if ink.large else theme.text), (job.platform, ink)
            assert contrast_ratio(ink.fill, theme.colour) >= level, (job.platform, ink)
            kinds.add((ink.large, ink.fill))
    assert (True, str(theme.large)) in kinds and (False, theme.text) in kinds
    if str(goal) in ("3", "5", "12", "14"):  # white numerals and headlines, dark small print
        assert kinds == {(True, WHITE), (False, INK)}


def test_text_asked_large_but_fitted_small_gets_the_colour_for_every_size() -> None:
    """theme.large is for text fitted at a large size: a text that shrinks below 18.67 px
    bold is drawn in theme.text instead, and says so in its ink."""
    from lnob_graphics.card import Canvas
    from lnob_graphics.template_helpers import TextHelper

    theme = themes()["3"]  # white reaches 3.3:1 on its green: large text only
    canvas = Canvas(1080, 1080, "square", "instagram-square", 17.3)
    text = TextHelper(canvas, "en", "warn", [], rtl=False)
    big = text("Good health", 0, 0, 1000, 200, max=120, min=40, weight="bold", fill=theme.large)
    small = text("Good health and well-being for everyone at every age", 0, 0, 300, 40,
                 max=40, min=17.3, weight="bold", fill=theme.large)
    regular = text("Source: WHO", 0, 0, 300, 40, max=23, min=18, fill=theme.large)
    assert [(i.fill, i.large) for i in text.inks] == [(WHITE, True), (INK, False), (INK, False)]
    assert 'fill="#FFFFFF"' in big.svg and 'fill="#0B132B"' in small.svg + regular.svg
    assert small.size < 18.67 <= big.size


def test_a_drawing_places_the_goal_tile_and_the_pictogram_in_its_boxes(tmp_path: Path) -> None:
    """lnob-goal-tile: the built-in tile in the box (its row as high as the box, from the
    box's start edge; on a panel with data-lnob-panel); lnob-goal-pictogram: the pictogram
    alone, centred in its box, in the colour asked for."""
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "card.svg").write_text("""\
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1080 1080">
  <rect id="lnob-fill-goal" width="1080" height="1080"/>
  <rect id="lnob-goal-tile" x="100" y="100" width="700" height="100" data-lnob-panel="true"/>
  <rect id="lnob-goal-pictogram" x="700" y="700" width="300" height="200" data-lnob-fill="goal"/>
  <rect id="lnob-text-headline" x="100" y="400" width="880" height="200"/>
</svg>
""", encoding="utf-8")
    (tmp_path / "c.yaml").write_text("""\
templates: templates
defaults: {template: card, platforms: [instagram-square]}
assets:
  - {id: a, goal: 13, languages: [en, ar], headline: {en: "Act now", ar: "تحركوا الآن"}}
""", encoding="utf-8")
    campaign = load_campaign([tmp_path / "c.yaml"])
    templates = template_set(campaign.template_dirs)
    assert set(templates.infos["card"].fields) == {"headline"}  # the goal boxes are no fields
    drawn = {a.lang: render_svg(a, PLATFORMS["instagram-square"], templates)
             for a in campaign.assets}
    en, ar = drawn["en"], drawn["ar"]
    assert [(n, b.text) for n, b in en.texts][:2] == [("goal number", "13"),
                                                       ("goal name", "Climate action")]
    assert [(n, b.text) for n, b in ar.texts][:2] == [("goal number", "١٣"),
                                                       ("goal name", "العمل المناخي")]
    tiles = {lang: re.findall(r'id="pictogram-13" transform="translate\(([\d.]+) ([\d.]+)\) '
                              r'scale\(([\d.]+)\)', r.svg) for lang, r in drawn.items()}
    (tile_x, tile_y, _), (box_x, box_y, box_scale) = tiles["en"]
    pad = 100 / 1.36 * 0.18  # the panel's padding: the row is the box's height less it
    assert float(tile_x) == pytest.approx(100 + pad, abs=0.1)
    assert float(tile_y) == pytest.approx(100 + pad, abs=0.1)
    # The pictogram box: 200 px square, centred in 300 × 200, in the goal colour.
    assert (float(box_x), float(box_y), float(box_scale)) == (750, 700, 2)
    assert f'fill="{themes()["13"].colour}"' in en.svg.split('id="pictogram-13"')[2]
    assert 'class="goal-panel"' in en.svg
    # Arabic: the tile runs from the box's right edge; the pictogram box stays where drawn.
    (ar_x, _, ar_scale), (ar_box_x, _, _) = tiles["ar"]
    assert float(ar_x) + 100 * float(ar_scale) == pytest.approx(800 - pad, abs=0.1)
    assert float(ar_box_x) == 750


def test_templates_check_names_an_unknown_goal_box(tmp_path: Path) -> None:
    (tmp_path / "bad.svg").write_text("""\
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1080 1080">
  <rect id="lnob-goal-badge" width="100" height="100"/>
  <rect id="lnob-text-headline" y="200" width="1000" height="100"/>
</svg>
""", encoding="utf-8")
    result = runner.invoke(app, ["templates", "check", str(tmp_path / "bad.svg")])
    assert result.exit_code == 1
    assert (f"{tmp_path / 'bad.svg'}: error: lnob-goal-badge: unknown goal box 'badge'; one of: "
            "lnob-goal-tile, lnob-goal-pictogram") in result.stderr.splitlines()


def test_the_longest_goal_name_never_fails_a_card(tmp_path: Path) -> None:
    """Goal 13 in French is the longest shipped name: every composed tile holds it on every
    format; a name too long for any tile (a campaign's own) is left out, saying so (the
    pictogram and number still name the goal), instead of failing the image."""
    campaign = tmp_path / "c.yaml"
    campaign.write_text(
        "assets:\n"
        "  - {id: g, template: goal, goal: 13, lang: fr, headline: Agir pour le climat,\n"
        "     platforms: [x-post, youtube-thumbnail, facebook-link]}\n"
        "  - {id: s, template: stat, goal: 13, lang: fr, stat: '23 %',\n"
        "     headline: Agir pour le climat, platforms: [x-post, instagram-square]}\n"
        "  - {id: p, template: pictogram, goal: 13, lang: fr, value: 1, total: 3,\n"
        "     headline: Agir pour le climat, platforms: [x-post, facebook-link]}\n",
        encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(campaign), "--format", "json"])
    report = json.loads(result.stdout)
    assert result.exit_code == 0 and report["errors"] == []
    assert [w for w in report["warnings"] if "goal name" in w] == []
    name = "Mesures relatives à la lutte contre les changements climatiques " * 3
    campaign.write_text(
        f"defaults: {{goal_names: {{fr: {{13: '{name.strip()}'}}}}}}\n"
        "assets:\n"
        "  - {id: s, template: stat, goal: 13, lang: fr, stat: '23 %',\n"
        "     headline: Agir pour le climat, platforms: [x-post]}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(campaign), "--format", "json"])
    report = json.loads(result.stdout)
    assert result.exit_code == 0 and report["errors"] == []
    assert [w for w in report["warnings"] if "goal name" in w] == [
        f"{campaign}:3: s [fr]: goal name: left out: text does not fit its box on x-post "
        "(1600×900) even at the minimum size 35.2 px in 3 lines (give a shorter one in the "
        "campaign's labels)"]
