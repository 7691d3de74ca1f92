"""Labels: the words a card adds (goal names, 'Goal 4', 'Source:', the hashtag …) as data
with their provenance; the campaign's own win; and a card never mixes languages — a word
its language lacks is left out of the card, its alt text and caption, with a warning."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from lnob_graphics.cli import app
from lnob_graphics.errors import InputError
from lnob_graphics.labels import (
    GOALS,
    KEYS,
    LABEL_KEYS,
    STATUSES,
    goal_key,
    parse_file,
    shipped,
    shipped_languages,
    template_text,
    words_for,
)
from lnob_graphics.paths import data_file
from lnob_graphics.pipeline import load_campaign
from lnob_graphics.platforms import PLATFORMS
from lnob_graphics.render import Rendered, render_svg
from lnob_graphics.templates import template_set

runner = CliRunner()
FOLDER = data_file("labels")
SHIPPED = sorted(p.stem for p in FOLDER.glob("*.yaml"))


# --- the shipped files: provenance on every entry ------------------------------------------

def test_the_languages_of_the_national_dialogues_have_files() -> None:
    assert set(SHIPPED) >= {"en", "fr", "es", "pt", "ar", "zh", "ru", "hi", "ne", "bn", "ur",
                            "fa", "ps", "sw", "km", "tg", "de", "tr", "my", "am"}
    assert shipped_languages() == tuple(SHIPPED)


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_entry_has_its_source_and_status(lang: str) -> None:
    raw = yaml.safe_load((FOLDER / f"{lang}.yaml").read_text(encoding="utf-8"))
    table = shipped(lang)
    assert table is not None and table.problems == [] and table.lang == lang
    assert table.entries, "an empty file says nothing"
    for key, entry in table.entries.items():
        assert entry.source in table.sources, (key, entry.source)
        assert entry.status in STATUSES, (key, entry.status)
    # every source says what it is, and is used
    for name, source in table.sources.items():
        assert isinstance(source, dict) and source.get("what"), name
        assert any(e.source == name for e in table.entries.values()), f"{name} is not used"
    # nothing dropped by the reader: every written entry is an entry
    written = len(raw.get("goal_names") or {}) + len(raw.get("labels") or {})
    assert written == len(table.entries)


def test_english_has_every_key_and_no_file_has_a_key_english_lacks() -> None:
    english = shipped("en")
    assert english is not None and set(english.entries) == set(KEYS)
    for lang in SHIPPED:
        table = shipped(lang)
        assert table is not None and set(table.entries) <= set(KEYS), lang


def test_the_six_un_languages_names_are_the_icons_and_the_fact_sheet_keeps_them() -> None:
    """The goal names migrated from data/sdg-goals.yaml (the UN icon sets; pt unverified)."""
    facts = yaml.safe_load(data_file("sdg-goals.yaml").read_text(encoding="utf-8"))
    for goal in facts["goals"]:
        for lang, name in goal["names"].items():
            table = shipped(lang)
            assert table is not None
            entry = table.entries[goal_key(goal["number"])]
            assert entry.text == name
            assert entry.status == ("unverified" if lang == "pt" else "official")


@pytest.mark.parametrize(("lang", "goal", "name", "status"), [
    ("ne", 1, "गरिबीको अन्त्य", "unverified"),  # the Nepali icons, not open-sdg's 'कुनै गरीबी छैन'
    ("ne", 6, "स्वच्छ पानी तथा सरसफाई", "unverified"),
    ("de", 5, "Geschlechtergleichheit", "unverified"),  # the icons, not 'Geschlechtergleichstellung'
    ("de", 6, "Sauberes Wasser und Sanitäreinrichtungen", "unverified"),
    ("de", 9, "Industrie, Innovation und Infrastruktur", "unverified"),
    ("de", 12, "Nachhaltige/r Konsum und Produktion", "unverified"),
    ("sw", 4, "Elimu ya ubora", "machine"),  # Microsoft Translator, on Weblate
    ("tr", 4, "Kaliteli eğitim", "community"),
    ("tg", 6, "Оби тоза ва канализатсия", "unverified"),  # anonymous Weblate edit
    ("ar", 4, "التعليم الجيد", "official"),
])
def test_goal_names_and_how_sure_they_are(lang: str, goal: int, name: str, status: str) -> None:
    table = shipped(lang)
    assert table is not None
    entry = table.entries[goal_key(goal)]
    assert (entry.text, entry.status) == (name, status)


@pytest.mark.parametrize("lang", ["hi", "bn", "ur", "fa", "ps", "am"])
def test_no_goal_names_where_no_source_was_found(lang: str) -> None:
    table = shipped(lang)
    assert table is not None
    assert not any(k.startswith("goal_names.") for k in table.entries)
    assert set(table.entries) == {"now", "quote"}  # Unicode CLDR's
    assert {e.source for e in table.entries.values()} == {"cldr-now", "cldr-quotes"}


def test_words_fall_back_from_a_regional_tag_to_its_language_and_the_campaign_wins() -> None:
    assert words_for("pt-BR")[goal_key(4)] == "Educação de qualidade"
    assert words_for("rw") == {}
    campaign = {"*": {"pledge_hashtag": "#Ours"}, "pt": {goal_key(4): "A"},
                "pt-BR": {goal_key(4): "B"}}
    words = words_for("pt-BR", campaign)
    assert (words[goal_key(4)], words["pledge_hashtag"]) == ("B", "#Ours")
    assert words_for("pt", campaign)[goal_key(4)] == "A"


# --- a campaign's own words ------------------------------------------------------------------

def _campaign(folder: Path, text: str, files: dict[str, str] | None = None) -> Path:
    for name, content in (files or {}).items():
        (folder / name).write_text(content, encoding="utf-8")
    path = folder / "c.yaml"
    path.write_text(text, encoding="utf-8")
    return path


TG = "Таҳсил ҳуқуқи ҳар як кӯдак аст"  # the corpus's Tajik headline


def test_defaults_give_goal_names_labels_and_hashtag_per_language(tmp_path: Path) -> None:
    # The campaign's own text for the test (not shipped data).
    path = _campaign(tmp_path, f"""\
defaults:
  template: stat
  platforms: [x-post]
  goal_names:
    tg: {{6: "Оби тоза"}}
  labels:
    tg: {{source: "Манбаъ: {{source}}"}}
  hashtag: {{tg: "#ҲечКас"}}
assets:
  - {{id: water, goal: 6, lang: tg, stat: "23%", headline: "{TG}", source: "ЮНИСЕФ"}}
""")
    (asset,) = load_campaign([path]).assets
    assert asset.labels is not None
    assert asset.labels[goal_key(6)] == "Оби тоза"
    assert asset.labels[goal_key(4)] == "Таҳсилоти босифат"  # the shipped ones stay
    rendered = _render(path, "water", "tg")
    assert _texts(rendered)["goal name"] == "Оби тоза"
    assert _texts(rendered)["source"] == "Манбаъ: ЮНИСЕФ"
    assert _texts(rendered)["pledge label"] == "#ҲечКас"
    assert rendered.alt_text == f"Оби тоза: 23% — {TG}. Манбаъ: ЮНИСЕФ."
    assert rendered.caption == f"{TG}\n\nМанбаъ: ЮНИСЕФ\n\n#ҲечКас #SDG6"


def test_a_labels_file_gives_them_too_and_defaults_win_over_it(tmp_path: Path) -> None:
    path = _campaign(tmp_path, f"""\
labels: tg-labels.yaml
defaults: {{template: stat, platforms: [x-post], goal_names: {{tg: {{6: "B"}}}}}}
assets:
  - {{id: water, goal: 6, lang: tg, stat: "23%", headline: "{TG}"}}
  - {{id: school, goal: 4, lang: tg, stat: "23%", headline: "{TG}"}}
""", {"tg-labels.yaml": """\
lang: tg
sources:
  ours: {what: "our ministry's list"}
goal_names:
  4: {text: "A4", source: ours, status: official}
  6: "A6"
labels:
  goal: {text: "G{n}", source: ours, status: unverified}
"""})
    campaign = load_campaign([path])
    words = {a.id: a.labels or {} for a in campaign.assets}
    assert (words["water"][goal_key(6)], words["school"][goal_key(4)]) == ("B", "A4")
    assert str(tmp_path / "tg-labels.yaml") in campaign.inputs  # a change re-renders
    assert _render(path, "school", "tg").alt_text == f"G4, A4: 23% — {TG}."


def test_the_template_lnob_labels_prints_is_a_labels_file(tmp_path: Path) -> None:
    text = template_text("tg")
    read = parse_file(yaml.safe_load(text), "tg.yaml")
    assert read.problems == [] and read.lang == "tg"
    assert read.entries == shipped("tg").entries  # type: ignore[union-attr]
    blank = parse_file(yaml.safe_load(template_text("rw")), "rw.yaml")
    assert blank.problems == [] and blank.lang == "rw" and blank.entries == {}
    assert text.count("# en: ") == len(KEYS)


@pytest.mark.parametrize(("defaults", "expected"), [
    ('goal_names: {tg: {18: "x"}}',
     "3: defaults.goal_names.tg.18: not a goal number: goal names are numbered 1 to 17"),
    ('goal_names: {6: "x"}',
     "3: defaults.goal_names.6: give the language first: goal_names: {LANG: {6: …}}"),
    ('labels: {tg: {sorce: "x"}}',
     "3: defaults.labels.tg.sorce: unknown label (did you mean source?); the labels are goal, "
     "goal_and_name, source, pledge_name, pledge_hashtag, target, target_year, now, quote"),
    ('labels: {tg: {source: "Манбаъ"}}',
     "3: defaults.labels.tg.source: 'Манбаъ' has no {source}: write it where the source goes, "
     'e.g. "Source: {source}"'),
    ('labels: {tg: {target_year: "x {n}"}}',
     "3: defaults.labels.tg.target_year: unknown placeholder {n} in 'x {n}'; this label's: {year}"),
    ('labels: {tgg: {now: "x"}}',
     "3: defaults.labels.tgg: unknown language 'tgg' (did you mean tg?); use a language code "
     "(BCP 47) such as en, ar, ne, pt-BR"),
    ('goal_name: {tg: {6: "x"}}',
     "3: defaults.goal_name: not a field that can have a default (did you mean goal_names?)"),
])
def test_a_campaigns_words_are_checked_with_file_and_line(tmp_path: Path, defaults: str,
                                                          expected: str) -> None:
    path = _campaign(tmp_path, f"""\
defaults:
  template: stat
  {defaults}
assets:
  - {{id: a, goal: 6, lang: tg, stat: "1", headline: "{TG}"}}
""")
    with pytest.raises(InputError) as caught:
        load_campaign([path])
    assert [str(p) for p in caught.value.problems] == [f"{path}:{expected}"]


def test_a_labels_files_problems_are_at_its_own_lines(tmp_path: Path) -> None:
    path = _campaign(tmp_path, f"""\
labels: tg-labels.yaml
assets:
  - {{id: a, template: stat, goal: 6, lang: tg, stat: "1", headline: "{TG}"}}
""", {"tg-labels.yaml": "lang: tg\ngoal_names:\n  4: {text: x, status: offical}\nlabels:\n  qoute: «\n"})
    with pytest.raises(InputError) as caught:
        load_campaign([path])
    labels = tmp_path / "tg-labels.yaml"
    assert [str(p) for p in caught.value.problems] == [
        f"{labels}:3: goal_names.4: unknown status 'offical' (did you mean official?); one of: "
        "official, community, machine, unverified",
        f"{labels}:5: labels.qoute: unknown label (did you mean quote?); the labels are goal, "
        "goal_and_name, source, pledge_name, pledge_hashtag, target, target_year, now, quote"]


# --- never two languages on one card ---------------------------------------------------------

# A text in each language, from the corpus (examples/corpus/every-script.yaml), for every
# text field: the card's words then come only from its language — and the labels.
TEXT = {"ne": "शिक्षा हरेक बालबालिकाको अधिकार हो", "hi": "शिक्षा हर बच्चे का अधिकार है",
        "tg": TG, "de": "Hochwertige Bildung"}  # (German: the icon's words)
SOURCE = {"ne": "युनेस्को", "hi": "यूनेस्को", "tg": "ЮНЕСКО", "de": "UNESCO-Institut"}


def _every_template(folder: Path, lang: str) -> Path:
    t, s = TEXT[lang], SOURCE[lang]
    return _campaign(folder, f"""\
defaults: {{lang: {lang}, platforms: [instagram-square, instagram-story, x-post], source: "{s}"}}
assets:
  - {{id: stat, template: stat, goal: 4, stat: "23%", headline: "{t}"}}
  - {{id: goal, template: goal, goal: 6, headline: "{t}"}}
  - {{id: pledge-goal, template: goal, goal: lnob, headline: "{t}"}}
  - {{id: story, template: story, goal: 4, quote: "{t}", name: "{s}", place: "{s}"}}
  - id: chart
    template: chart
    goal: 4
    title: "{t}"
    data: [{{label: "{s}", value: "80%"}}, {{label: "{t}", value: "23%"}}]
    target: "100%"
  - {{id: pictogram, template: pictogram, goal: 5, value: 1, total: 3, headline: "{t}"}}
  - {{id: progress, template: progress, goal: 4, headline: "{t}", value: "87%", year: "2022",
     baseline: "85%", target: "100%"}}
  - {{id: compare, template: progress, goal: 1, headline: "{t}", value: "9%", target: "3%"}}
  - {{id: pledge, template: pledge, goal: lnob, headline: "{t}", body: "{t}", link: "x.org"}}
  - {{id: carousel, template: carousel, goal: 4, title: "{t}", items: ["{t}"], cta: "{t}"}}
  - {{id: gap, template: gap, goal: 4, headline: "{t}",
     groups: [{{label: "{s}", value: "23%"}}, {{label: "{t}", value: "80%"}}]}}
  - {{id: trend, template: trend, goal: 4, headline: "{t}", target: "100%",
     points: [{{label: "2015", value: "70%"}}, {{label: "2021", value: "79%"}}]}}
""")


def _english() -> list[str]:
    """Every English label, without its placeholders: none may reach another language's card."""
    texts = {re.sub(r"\{\w+\}", "", text).strip(" ,:") for text in words_for("en").values()}
    return sorted(t for t in texts if any(c.isalpha() for c in t))  # (quote marks are shared)


def _render(path: Path, asset_id: str, lang: str, platform: str = "x-post",
            page: int = 0) -> Rendered:
    campaign = load_campaign([path])
    templates = template_set(campaign.template_dirs)
    asset = next(a for a in campaign.assets if a.id == asset_id and a.lang == lang)
    return render_svg(asset, PLATFORMS[platform], templates, page=page)


def _texts(rendered: Rendered) -> dict[str, str]:
    return {name: block.text for name, block in rendered.texts}


@pytest.mark.parametrize("lang", ["ne", "hi", "tg", "de"])
def test_no_english_on_any_template_nor_in_its_alt_text_and_caption(tmp_path: Path,
                                                                    lang: str) -> None:
    path = _every_template(tmp_path, lang)
    campaign = load_campaign([path])
    templates = template_set(campaign.template_dirs)
    english = _english()
    seen = set()
    for asset in campaign.assets:
        for platform in ("instagram-square", "instagram-story", "x-post"):
            for page in range(1, asset.pages + 1) if asset.pages > 1 else [0]:
                rendered = render_svg(asset, PLATFORMS[platform], templates, page=page)
                seen.add(asset.template)
                said = [block.text for _, block in rendered.texts]
                said += [rendered.alt_text, rendered.caption]
                for text in said:
                    found = [e for e in english
                             if re.search(rf"(?<!\w){re.escape(e)}(?!\w)", text)]
                    assert not found, (asset.id, platform, page, text, found)
    assert seen == set(templates.infos) - {"poster"}


def test_the_card_leaves_out_what_its_language_lacks_and_says_exactly_what(tmp_path: Path) -> None:
    path = _campaign(tmp_path, """\
assets:
  - {id: a, template: stat, goal: 4, lang: rw, stat: "23%", headline: "Uburezi", source: "UNESCO"}
""")
    rendered = _render(path, "a", "rw")
    texts = _texts(rendered)
    assert "goal name" not in texts and "pledge label" not in texts
    assert "4" in [block.text for _, block in rendered.texts]  # the goal's number
    assert texts["source"] == "UNESCO"  # the credit stays
    assert rendered.alt_text == "23% — Uburezi. UNESCO."
    assert rendered.caption == "Uburezi\n\nUNESCO\n\n#SDG4"
    assert rendered.warnings == [
        "no labels in 'rw' for goal_names 4 ('Quality education'), goal ('Goal {n}'), source "
        "('Source: {source}'), pledge_hashtag ('#LeaveNoOneBehind'): the card, its alt text and "
        "caption leave them out (never English); give them once for the campaign in its defaults "
        "(goal_names: {rw: {4: …}}; labels: {rw: {goal: …, source: …, pledge_hashtag: …}}) or in "
        "a labels file (`lnob labels rw --template` prints one)"]


def test_only_the_words_a_card_uses_are_missing(tmp_path: Path) -> None:
    """A Nepali story: its quote mark and goal name exist; the hashtag does not."""
    path = _campaign(tmp_path, f"""\
assets:
  - {{id: s, template: story, goal: 4, lang: ne, quote: "{TEXT['ne']}", name: "x"}}
  - {{id: p, template: progress, goal: 4, lang: ne, headline: "{TEXT['ne']}", value: "1",
     target: "2"}}
""")
    assert _render(path, "s", "ne").warnings[0].startswith(
        "no labels in 'ne' for pledge_hashtag ('#LeaveNoOneBehind'): ")
    assert _render(path, "p", "ne").warnings[0].startswith(
        "no labels in 'ne' for pledge_hashtag ('#LeaveNoOneBehind'), target_year ('Target "
        "{year}'): ")
    assert _texts(_render(path, "s", "ne"))["quote mark"] == "“"


def test_goal_numbers_and_target_years_follow_the_languages_digits(tmp_path: Path) -> None:
    path = _campaign(tmp_path, f"""\
assets:
  - {{id: p, template: progress, goal: 4, lang: ne, headline: "{TEXT['ne']}", value: "87%",
     target: "100%"}}
""")
    rendered = _render(path, "p", "ne")
    assert "४" in [block.text for _, block in rendered.texts]
    assert rendered.alt_text.startswith("लक्ष्य ४, गुणस्तरीय शिक्षा: ")
    assert any("२०३०" in block.text for _, block in rendered.texts)


def test_the_source_label_follows_the_cards_direction(tmp_path: Path) -> None:
    """An Urdu 'Source:' (the campaign's own, for the test) at the right end of the line."""
    path = _campaign(tmp_path, """\
defaults: {labels: {ur: {source: "ماخذ: {source}"}}}
assets:
  - {id: u, template: stat, goal: 4, lang: ur, stat: "23%", headline: "تعلیم ہر بچے کا حق ہے",
     source: "یونیسکو"}
  - {id: e, template: stat, goal: 4, lang: en, stat: "23%", headline: "Every child", source: "UNESCO"}
""")
    width = PLATFORMS["x-post"].width
    urdu = dict(_render(path, "u", "ur").texts)["source"]
    english = dict(_render(path, "e", "en").texts)["source"]
    assert urdu.text == "ماخذ: یونیسکو" and urdu.direction == "rtl"
    assert urdu.right == pytest.approx(width - english.left, abs=1)  # the mirror image
    assert urdu.left > width / 2 > english.right


# --- `lnob labels` ---------------------------------------------------------------------------

def test_lnob_labels_lists_languages_with_coverage_and_status() -> None:
    result = runner.invoke(app, ["labels"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "lang   goal names  labels  status of the entries"
    assert "ne          17/17     5/9  community 3, unverified 19" in lines
    assert "hi           0/17     2/9  community 2" in lines
    assert "sw          17/17     6/9  community 2, machine 21" in lines
    assert len(lines) == len(SHIPPED) + 2


def test_lnob_labels_lang_shows_each_entry_and_template_prints_a_file() -> None:
    shown = runner.invoke(app, ["labels", "ne"])
    assert shown.exit_code == 0
    assert "goal 1          गरिबीको अन्त्य  [unverified: ne-icons]" in shown.stdout
    assert "pledge_hashtag  —  (none: left out of ne cards)" in shown.stdout
    printed = runner.invoke(app, ["labels", "ne", "--template"])
    assert printed.exit_code == 0 and printed.stdout == template_text("ne")
    unknown = runner.invoke(app, ["labels", "nepali", "--template"])
    assert unknown.exit_code == 2
    assert unknown.stderr.startswith("error: unknown language 'nepali' (did you mean ne?)")


def test_every_label_key_is_documented() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for key in LABEL_KEYS:
        assert f"`{key}`" in readme, key
    assert len(GOALS) == 17
