"""The card and its description: pure, so tested without running a template."""

from __future__ import annotations

import dataclasses

import pytest

from conftest import EXAMPLES
from lnob_graphics.campaign import Asset
from lnob_graphics.card import Canvas, Card, Frame
from lnob_graphics.description import MASTODON_ALT, describe
from lnob_graphics.pipeline import load_campaign
from lnob_graphics.platforms import PLATFORMS
from lnob_graphics.templates import TemplateSet, template_set


@pytest.fixture(scope="module")
def every_template() -> tuple[dict[tuple[str, str], Asset], TemplateSet]:
    campaign = load_campaign([EXAMPLES / "every-template.yaml"])
    assets = {(a.id, a.lang): a for a in campaign.assets}
    return assets, template_set(campaign.template_dirs)


def card_of(every_template, key: tuple[str, str], platform: str = "instagram-square",  # type: ignore[no-untyped-def]
            page: int = 0, **changes: object) -> Card:
    assets, templates = every_template
    asset = dataclasses.replace(assets[key], **changes)
    return Card.of(asset, PLATFORMS[platform], templates.infos[asset.template], page)


@pytest.mark.parametrize(("size", "fmt", "expected"), [
    ((1080, 1080), "square", Frame(1.0, 80.0, 80.0, 1000.0, 920.0)),
    ((1080, 1920), "tall", Frame(1.0, 80.0, 260.0, 1660.0, 920.0)),
    ((1260, 630), "wide", Frame(1.0, 56.0, 56.0, 574.0, 1148.0)),
])
def test_frame_scales_the_reference_grid(size: tuple[int, int], fmt: str, expected: Frame) -> None:
    assert Frame.of(Canvas(*size, fmt, "test")) == expected


def test_card_writes_numbers_the_languages_way_and_keeps_them_for_geometry(every_template) -> None:  # type: ignore[no-untyped-def]
    card = card_of(every_template, ("primary-completion", "ar"))
    assert card.rtl and card.context()["dir"] == "rtl"
    assert card.fields["value"].startswith("٨٧٪")  # (Babel adds a bidi mark after the sign)
    assert card.fields["value"].field_name == "value"
    assert card.values["value"] == 87
    assert card.goal_number == "٤"


def test_carousel_slides_title_items_points_end(every_template) -> None:  # type: ignore[no-untyped-def]
    key = ("who-is-left-behind", "en")
    count = every_template[0][key].pages
    kinds = [card_of(every_template, key, "instagram-portrait", page).page for page in
             range(1, count + 1)]
    assert [p.kind for p in kinds if p] == ["title", "item", "item", "point", "end"]
    assert kinds[1] is not None and kinds[1].counter == f"2/{count}"


def test_description_warns_about_contrast_and_a_long_alt_text(every_template) -> None:  # type: ignore[no-untyped-def]
    card = card_of(every_template, ("rural-girls", "en"), colour="#EEEE00", text_colour="#FFFFFF",
                   alt="x" * (MASTODON_ALT + 1))
    description = describe(card, PLATFORMS["instagram-square"])
    assert [w.split(" has ")[0] for w in description.warnings] == [
        "text colour #FFFFFF on #EEEE00"]
    assert description.alt_warnings == [f"alt text is {MASTODON_ALT + 1} characters; Mastodon "
                                        f"accepts {MASTODON_ALT}"]


def test_slide_alt_text_says_what_the_slide_shows(every_template) -> None:  # type: ignore[no-untyped-def]
    card = card_of(every_template, ("who-is-left-behind", "en"), "instagram-portrait", page=2)
    alt = describe(card, PLATFORMS["instagram-portrait"]).alt_text
    assert alt == f"1.2 billion people still live in extreme poverty (2/{card.asset.pages})"


def test_one_digit_system_on_a_card_chart_labels_and_translated_digits(every_template) -> None:  # type: ignore[no-untyped-def]
    from lnob_graphics.data import Point

    years = tuple(Point(str(year), 10.0 * i, f"{10 * i}%") for i, year in
                  enumerate((2015, 2020), 1))
    card = card_of(every_template, ("school-gap", "ar"), series={"data": years})
    assert [(p.label, p.display) for p in card.series["data"]] == [
        ("٢٠١٥", "١٠٪\u061c"), ("٢٠٢٠", "٢٠٪\u061c")]
    # A Hindi translator's Devanagari digits, on a card whose digits are Western (CLDR).
    stat = card_of(every_template, ("rural-girls", "en"), lang="hi",
                   fields={"stat": "3.2%", "headline": "२०३० तक १५% लड़कियाँ"})
    assert (stat.fields["stat"], stat.fields["headline"]) == ("3.2%", "2030 तक 15% लड़कियाँ")


def test_a_goal_name_gets_the_language_s_apostrophe(every_template) -> None:  # type: ignore[no-untyped-def]
    # The official French name of goal 7 is published with a straight apostrophe.
    card = card_of(every_template, ("rural-girls", "en"), lang="fr", goal="7", labels=None)
    assert card.labels["goal_name"] == "Énergie propre et d’un coût abordable"
    assert card.theme.name == "Énergie propre et d’un coût abordable"
