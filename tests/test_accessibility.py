"""What readers get besides pixels: alt text (manifest, sidecar file, inside the PNG),
suggested post text within each platform's limit, in the asset's language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from conftest import EXAMPLES
from lnob_graphics.captions import caption
from lnob_graphics.cli import app
from lnob_graphics.pipeline import load_campaign, plan
from lnob_graphics.platforms import PLATFORMS
from lnob_graphics.render import render_svg
from lnob_graphics.templates import template_set
from lnob_graphics.themes import contrast_ratio, themes

runner = CliRunner()


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("a11y")
    result = runner.invoke(app, ["render", str(EXAMPLES / "every-template.yaml"), "--out",
                                 str(out), "-p", "x-post", "-p", "instagram-portrait",
                                 "--quiet"])
    assert result.exit_code == 0, result.output
    return out


def _entries(out: Path) -> list[dict]:  # type: ignore[type-arg]
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))["assets"]


def test_every_image_has_its_alt_text_beside_it_and_inside_it(pack: Path) -> None:
    entries = _entries(pack)
    assert entries
    for entry in entries:
        sidecar = (pack / entry["alt_file"]).read_text(encoding="utf-8")
        assert sidecar == entry["alt_text"] + "\n"
        assert entry["alt_file"] == entry["file"].replace(".png", ".alt.txt")
        with Image.open(pack / entry["file"]) as image:
            assert image.text["Description"] == entry["alt_text"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("template", "lang", "alt"), [
    ("stat", "en", "Goal 4, Quality education: 23% — Only 23% of poor rural girls in sub-Saharan "
                   "Africa finish primary school. Source: Leave No One Behind Partnership, 2016."),
    ("stat", "ar", "الهدف ٤، التعليم الجيد: ٢٣٪\u061c — لا تكمل المرحلة الابتدائية سوى ٢٣٪\u061c "
                   "من الفتيات الفقيرات في ريف أفريقيا جنوب الصحراء الكبرى. المصدر: شراكة «عدم "
                   "ترك أحد خلف الركب»، ٢٠١٦."),
    ("pictogram", "en", "Goal 5, Gender equality: 1 in 3 — women worldwide experience physical "
                        "or sexual violence in their lifetime. Source: UN Women."),
    ("pictogram", "ar", "الهدف ٥، المساواة بين الجنسين: ١ من كل ٣ — نساء في العالم يتعرضن للعنف "
                        "الجسدي أو الجنسي خلال حياتهن. المصدر: هيئة الأمم المتحدة للمرأة."),
    ("progress", "en", "Goal 4, Quality education: Children who complete primary school — 87% "
                       "(2022); Target 100%. Source: UNESCO."),
    ("goal", "ar", "الهدف ٤، التعليم الجيد: من حق كل فتاة أن تكمل تعليمها. المصدر: شراكة «عدم "
                   "ترك أحد خلف الركب»، ٢٠١٦."),
    ("pledge", "en", "Leave no one behind: Count everyone. Reach the furthest behind first. Ask "
                     "your representatives to fund data on who is left behind. "
                     "lnob.example.org/act."),
    ("story", "ar", "الهدف ٤، التعليم الجيد: فتاة تحمل حقيبة مدرسية تسير في طريق صاعد نحو مدرسة "
                    "عند شروق الشمس. أمشي ساعتين إلى المدرسة كل صباح. سأصبح يوماً طبيبة في "
                    "قريتي. — أمينة، ١٤ عاماً، كايلالي، نيبال. المصدر: رسم توضيحي."),
])
def test_alt_text_per_template_and_language(pack: Path, template: str, lang: str,
                                            alt: str) -> None:
    entry = next(e for e in _entries(pack) if e["template"] == template and e["lang"] == lang
                 and e["platform"] == "x-post")
    assert entry["alt_text"] == alt


def test_post_text_in_the_language_with_hashtags(pack: Path) -> None:
    by_key = {(e["id"], e["lang"], e["platform"]): e for e in _entries(pack)}
    ar = by_key[("rural-girls", "ar", "instagram-portrait")]
    assert ar["caption"] == (
        "لا تكمل المرحلة الابتدائية سوى ٢٣٪\u061c من الفتيات الفقيرات في ريف أفريقيا جنوب الصحراء "
        "الكبرى\n\nالمصدر: شراكة «عدم ترك أحد خلف الركب»، ٢٠١٦\n\n#ألا_يتخلف_أحد_عن_الركب #SDG4")
    assert (pack / ar["caption_file"]).read_text(encoding="utf-8") == ar["caption"] + "\n"
    act = by_key[("act", "en", "x-post")]
    assert act["caption"] == ("Count everyone. Reach the furthest behind first. Ask your "
                              "representatives to fund data on who is left behind\n\n"
                              "#LeaveNoOneBehind\n\nlnob.example.org/act")


def test_every_caption_fits_its_platform(pack: Path) -> None:
    for entry in _entries(pack):
        limit = PLATFORMS[entry["platform"]].caption_limit
        assert len(entry["caption"]) <= limit


def test_a_long_caption_is_shortened_at_a_word_keeping_hashtags_and_link() -> None:
    body = " ".join(["Every child deserves to learn to read and write"] * 12)
    text = caption(body, "Source: UNESCO", ["#LeaveNoOneBehind", "#SDG4"],
                   "https://example.org/a-very-long-campaign-address/act", 280,
                   count_links_as_23=True)
    link = "https://example.org/a-very-long-campaign-address/act"
    assert text.endswith("\n\n#LeaveNoOneBehind #SDG4\n\n" + link)
    assert len(text) - len(link) + 23 <= 280  # X counts the link as 23 characters
    assert text.split("\n\n")[0].endswith("…") and "  " not in text
    assert "Source: UNESCO" in text
    bluesky = caption(body, "Source: UNESCO", ["#LeaveNoOneBehind"], "", 300)
    assert len(bluesky) <= 300 and bluesky.endswith("#LeaveNoOneBehind")


def test_own_caption_and_hashtags(tmp_path: Path) -> None:
    campaign = tmp_path / "c.yaml"
    campaign.write_text("""\
assets:
  - id: own
    template: stat
    goal: 6
    languages: [en, fr]
    stat: "2.2 billion"
    headline: {en: "people lack safe drinking water", fr: "personnes sans eau potable sûre"}
    caption: {en: "Water is a right. Share if you agree.", fr: "L’eau est un droit."}
    hashtags: "WaterAction, #CleanWater"
    platforms: [bluesky-post]
""", encoding="utf-8")
    out = tmp_path / "out"
    assert runner.invoke(app, ["render", str(campaign), "--out", str(out)]).exit_code == 0
    captions = {e["lang"]: e["caption"] for e in _entries(out)}
    assert captions == {
        "en": "Water is a right. Share if you agree.\n\n#LeaveNoOneBehind #SDG6 #WaterAction "
              "#CleanWater",
        "fr": "L’eau est un droit.\n\n#NePasLaisserPersonneDeCôté #SDG6 #WaterAction "
              "#CleanWater"}


def test_every_text_and_background_pair_meets_wcag_aa() -> None:
    """The pairs the templates draw: text on the goal colour, the goal colour on a tile of
    the text colour (badge, pill), near-black on white (pictogram), and the accent on white
    for shapes (3:1 for graphics)."""
    for theme in themes().values():
        assert contrast_ratio(theme.text, theme.colour) >= 4.5, theme.key
        assert contrast_ratio(theme.accent, "#FFFFFF") >= 3.0, theme.key
    assert contrast_ratio("#0B132B", "#FFFFFF") >= 4.5


def test_own_colours_get_a_readable_text_colour_and_bad_pairs_are_flagged(tmp_path: Path) -> None:
    campaign = tmp_path / "c.yaml"
    campaign.write_text("""\
assets:
  - {id: brand, template: stat, goal: 4, lang: en, stat: "23%", headline: "Our brand colour",
     colour: "#FFD166", platforms: [instagram-square]}
  - {id: clash, template: stat, goal: 4, lang: en, stat: "23%", headline: "Yellow on white",
     colour: "#FFFFFF", text_colour: "#FFD166", platforms: [instagram-square]}
  - {id: typo, template: stat, goal: 4, lang: en, stat: "23%", headline: "x", colour: "red"}
""", encoding="utf-8")
    bad = runner.invoke(app, ["render", str(campaign), "--out", str(tmp_path / "out")])
    assert bad.exit_code == 2
    assert bad.stderr.splitlines()[0] == (
        f"error: {campaign}:6: colour: expected a colour as #RRGGBB, e.g. #E5243B; got 'red'")
    campaign.write_text("\n".join(campaign.read_text(encoding="utf-8").splitlines()[:5]) + "\n",
                        encoding="utf-8")
    out = tmp_path / "out"
    assert runner.invoke(app, ["render", str(campaign), "--out", str(out)]).exit_code == 0
    entries = {e["id"]: e for e in _entries(out)}
    with Image.open(out / entries["brand"]["file"]) as image:
        assert image.convert("RGB").getpixel((5, 540)) == (0xFF, 0xD1, 0x66)
    assert entries["brand"]["warnings"] == []  # near-black text was chosen on the yellow
    assert entries["clash"]["warnings"] == [
        "text colour #FFD166 on #FFFFFF has a contrast of 1.4:1, below WCAG AA (4.5:1): hard "
        "to read for many; choose other colours"]


@pytest.mark.parametrize("campaign_file", [
    EXAMPLES / "lnob-2030.yaml", EXAMPLES / "every-template.yaml",
    EXAMPLES / "corpus" / "every-script.yaml"], ids=lambda path: path.name)
def test_no_text_on_any_example_card_is_below_its_platforms_minimum(campaign_file: Path) -> None:
    """Every text every card lays out, as drawn: templates ask for smaller sizes on the
    1.91:1 formats (the source line, the pledge) and are raised to the platform's floor."""
    campaign = load_campaign([campaign_file])
    templates = template_set(campaign.template_dirs)
    jobs = plan(campaign)
    assert jobs
    for job in jobs:
        platform = PLATFORMS[job.platform]
        rendered = render_svg(job.asset, platform, templates, page=job.page)
        assert rendered.texts, (job.asset.id, job.platform)
        too_small = [(field, block.size) for field, block in rendered.texts
                     if block.size < platform.min_text]
        assert too_small == [], (job.asset.id, job.asset.lang, job.platform, job.page,
                                 platform.min_text)


def test_text_that_fits_only_below_the_minimum_fails_validation_naming_field_and_line(
        tmp_path: Path) -> None:
    campaign = tmp_path / "c.yaml"
    headline = " ".join(["wordy"] * 50)  # 299 characters, the template's max_length is 300
    campaign.write_text(f"""\
assets:
  - {{id: s, template: stat, goal: 4, lang: en, stat: "23%", source: UNESCO,
     headline: "{headline}", platforms: [x-post]}}
""", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(campaign)])
    assert result.exit_code == 1
    # Line 3 holds the headline; x-post's headline floor is 2.2 % of its 1600 px width.
    assert result.stderr == (
        f"error: {campaign}:3: headline: s [en, x-post]: text does not fit its box on x-post "
        "(1600×900) even at the minimum size 35.2 px in 7 lines; shorten it\n")
    assert result.stdout == "1 images checked: 1 would fail, 0 warnings\n"


def test_x_counts_chinese_double_and_the_link_is_never_cut() -> None:
    body = "不让任何一个人掉队，首先帮助最落后的人。" * 10
    text = caption(body, "来源：联合国", ["#不让任何一个人掉队", "#SDG4"], "https://example.org/act",
                   280, count_links_as_23=True)
    weight = sum(1 if ord(c) <= 0x10FF or 0x2000 <= ord(c) <= 0x201F else 2
                 for c in text.replace("https://example.org/act", "")) + 23
    assert weight <= 280 and text.endswith("https://example.org/act")
    tags = [f"#tag{n:02d}{'x' * 30}" for n in range(20)]
    crowded = caption("Body", "", tags, "https://example.org/a/very/long/link", 100)
    assert crowded.endswith("https://example.org/a/very/long/link") and len(crowded) <= 100
