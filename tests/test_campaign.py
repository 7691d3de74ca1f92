"""lnob_graphics.campaign.validate, through pipeline.load_campaign on real files.

YAML and CSV must mean the same thing; every problem is reported with its file,
line and field, all at once. Messages are pinned exactly (``str(Problem)``).
"""

from __future__ import annotations

import dataclasses
import shutil
import textwrap
from pathlib import Path

import pytest

from conftest import CANONICAL_CSV, CANONICAL_YAML, EXAMPLES
from lnob_graphics.campaign import Asset, Campaign, validate
from lnob_graphics.errors import InputError
from lnob_graphics.labels import words_for
from lnob_graphics.loader import load
from lnob_graphics.pipeline import load_campaign
from lnob_graphics.platforms import DEFAULT_PLATFORMS, PLATFORMS
from lnob_graphics.templates import template_set

# The two canonical inputs of the product spec, verbatim (shared with other tests).
SPEC_YAML = CANONICAL_YAML
SPEC_CSV = CANONICAL_CSV


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def _load(*paths: Path, platforms: tuple[str, ...] = ()) -> Campaign:
    return load_campaign(list(paths), template_set(), platforms)


def _problems(*paths: Path, platforms: tuple[str, ...] = ()) -> list[str]:
    with pytest.raises(InputError) as caught:
        _load(*paths, platforms=platforms)
    return [str(p) for p in caught.value.problems]


def _key(asset: Asset) -> Asset:
    """The asset without where it came from (file, line)."""
    return dataclasses.replace(asset, file="", line=0)


def _summary(asset: Asset) -> tuple[object, ...]:
    return (asset.id, asset.lang, asset.template, asset.goal,
            tuple(sorted(asset.fields.items())), asset.platforms, asset.alt)


# --------------------------------------------------------------------------- YAML == CSV

def test_spec_yaml_and_csv_load_to_identical_assets(tmp_path: Path) -> None:
    from_yaml = _load(_write(tmp_path, "spec.yaml", SPEC_YAML)).assets
    from_csv = _load(_write(tmp_path, "spec.csv", SPEC_CSV)).assets
    assert [_key(a) for a in from_yaml] == [_key(a) for a in from_csv]
    (asset,) = from_yaml
    assert _key(asset) == Asset(
        id="girls-school", lang="en", template="stat", goal="4",
        fields={"stat": "23%",
                "headline": "Only 23% of poor rural girls in sub-Saharan Africa finish "
                            "primary school",
                "source": "Leave No One Behind Partnership, 2016"},
        platforms=DEFAULT_PLATFORMS, alt=None, file="", line=0, labels=words_for("en"))
    assert (asset.file, asset.line) == (str(tmp_path / "spec.yaml"), 2)
    assert (from_csv[0].file, from_csv[0].line) == (str(tmp_path / "spec.csv"), 2)


def test_examples_yaml_and_csv_are_the_same_campaign() -> None:
    from_yaml = _load(EXAMPLES / "lnob-2030.yaml")
    from_csv = _load(EXAMPLES / "csv" / "lnob-2030.csv")
    assert from_yaml.names == ["Leave No One Behind 2030"]
    assert from_csv.names == []
    assert sorted(map(_summary, from_yaml.assets)) == sorted(map(_summary, from_csv.assets))
    assert len(from_yaml.assets) == len(from_csv.assets) == 45
    assert {a.id for a in from_yaml.assets} == {
        "extreme-poverty", "girls-school", "every-girl-in-school", "violence-against-women",
        "forced-labour", "child-forced-labour", "reduce-inequality", "forcibly-displaced",
        "leave-no-one-behind"}
    assert {a.lang for a in from_yaml.assets} == {"en", "fr", "es", "pt", "ar"}
    assert {a.template for a in from_yaml.assets} == {"stat", "goal"}
    assert {a.goal for a in from_yaml.assets} == {"1", "4", "5", "8", "10", "16", "lnob"}
    girls = [a for a in from_yaml.assets if a.id == "girls-school"]
    assert all(a.platforms == tuple(PLATFORMS) for a in girls)


def test_examples_yaml_and_xlsx_are_the_same_campaign() -> None:
    """examples/xlsx/lnob-2030.xlsx is the CSV saved by LibreOffice, its stat column percent
    cells (0.23 shown as 23%) and its goals numbers (4.0): the same assets as the YAML."""
    from_yaml = _load(EXAMPLES / "lnob-2030.yaml")
    from_xlsx = _load(EXAMPLES / "xlsx" / "lnob-2030.xlsx")
    assert sorted(map(_summary, from_yaml.assets)) == sorted(map(_summary, from_xlsx.assets))
    assert [_key(a) for a in from_xlsx.assets] == [_key(a) for a in _load(
        EXAMPLES / "csv" / "lnob-2030.csv").assets]
    girls = next(a for a in from_xlsx.assets if (a.id, a.lang) == ("girls-school", "ar"))
    assert (girls.fields["stat"], girls.line, girls.cell_of("stat")) == ("23%", 11, "Campaign!E11")


def test_yaml_languages_list_equals_csv_rows(tmp_path: Path) -> None:
    yaml_path = _write(tmp_path, "c.yaml", textwrap.dedent("""\
        assets:
          - id: pledge
            template: goal
            goal: lnob
            languages: [en, fr]
            headline: {en: Leave no one behind, fr: Ne laisser personne de côté}
            platforms: "instagram-square, x-post"
        """))
    csv_path = _write(tmp_path, "c.csv",
                      "id,template,goal,lang,headline,platforms\n"
                      "pledge,goal,lnob,en,Leave no one behind,instagram-square x-post\n"
                      "pledge,goal,lnob,fr,Ne laisser personne de côté,instagram-square;x-post\n")
    assert [_key(a) for a in _load(yaml_path).assets] == [_key(a) for a in _load(csv_path).assets]


# --------------------------------------------------------------------------- meaning

def test_defaults_are_inherited_and_can_be_overridden(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.yaml", textwrap.dedent("""\
        defaults:
          template: stat
          languages: [en, fr]
          platforms: [x-post, bluesky-post]
          source: {en: "UN, 2015", fr: "ONU, 2015"}
        assets:
          - id: inherits
            goal: 1
            stat: "1.2 billion"
            headline: {en: People in poverty, fr: Personnes pauvres}
          - id: overrides
            template: goal
            goal: 2
            lang: es
            platforms: instagram-square
            source: "ONU"
            headline: Hambre cero
        """))
    assets = _load(path).assets
    assert [(a.id, a.lang, a.template, a.goal, a.platforms, a.fields, a.line)
            for a in assets] == [
        ("inherits", "en", "stat", "1", ("x-post", "bluesky-post"),
         {"stat": "1.2 billion", "headline": "People in poverty", "source": "UN, 2015"}, 7),
        ("inherits", "fr", "stat", "1", ("x-post", "bluesky-post"),
         {"stat": "1.2 billion", "headline": "Personnes pauvres", "source": "ONU, 2015"}, 7),
        ("overrides", "es", "goal", "2", ("instagram-square",),
         {"headline": "Hambre cero", "source": "ONU"}, 11),
    ]


def test_per_language_maps_expand_to_one_asset_per_language(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.yaml", textwrap.dedent("""\
        assets:
          - id: girls-school
            template: stat
            goal: 4
            languages: [en, fr, pt-BR, en]
            stat: "23%"
            headline:
              en: Only 23% finish
              fr: Seules 23 % terminent
              pt: Apenas 23% concluem
            alt: {en: Alt text, fr: Texte alt}
        """))
    assets = _load(path).assets
    # duplicates in the list are dropped; pt-BR falls back to the pt text
    assert [(a.lang, a.fields["headline"], a.fields["stat"], a.alt) for a in assets] == [
        ("en", "Only 23% finish", "23%", "Alt text"),
        ("fr", "Seules 23 % terminent", "23%", "Texte alt"),
        ("pt-BR", "Apenas 23% concluem", "23%", None),
    ]
    assert {a.id for a in assets} == {"girls-school"}
    assert {a.line for a in assets} == {2}


def test_languages_as_a_string(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.yaml", textwrap.dedent("""\
        assets:
          - {id: a, template: goal, goal: 3, languages: "en, ar", headline: Hi}
        """))
    assert [a.lang for a in _load(path).assets] == ["en", "ar"]


@pytest.mark.parametrize(("written", "goal"), [
    ("lnob", "lnob"), ("LNOB", "lnob"), ('"4"', "4"), ("4", "4"), ("17", "17"), ("' 1 '", "1"),
])
def test_goal_values(tmp_path: Path, written: str, goal: str) -> None:
    path = _write(tmp_path, "c.yaml", SPEC_YAML.replace("goal: 4", f"goal: {written}"))
    assert _load(path).assets[0].goal == goal


def test_goal_lnob_in_csv(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.csv", "id,template,goal,lang,headline\npledge,goal,lnob,en,Hi\n")
    assert _load(path).assets[0].goal == "lnob"


def test_platform_override_is_checked_but_not_stored(tmp_path: Path) -> None:
    path = _write(tmp_path, "spec.yaml", SPEC_YAML)
    assets = _load(path, platforms=("bluesky-post",)).assets
    assert assets[0].platforms == DEFAULT_PLATFORMS  # plan() applies the override


def test_several_files_are_combined(tmp_path: Path) -> None:
    one = _write(tmp_path, "one.yaml", SPEC_YAML)
    two = _write(tmp_path, "two.csv", SPEC_CSV.replace(",en,", ",fr,"))
    assets = _load(one, two).assets
    assert [(a.id, a.lang, a.file) for a in assets] == [
        ("girls-school", "en", str(one)), ("girls-school", "fr", str(two))]


# --------------------------------------------------------------------------- error table

STAT_YAML = """\
assets:
  - id: girls-school
    template: stat
    goal: 4
    lang: en
    stat: "23%"
    headline: "Only 23% of poor rural girls finish primary school"
    source: "Leave No One Behind Partnership, 2016"
"""
TEMPLATES = ("carousel, chart, gap, goal, pictogram, pledge, progress, stat, story, "
             "trend")  # every built-in
STAT_USES = ("alt, caption, colour, data_source, decimal, digits, goal, hashtags, headline, id, "
             "lang, languages, note, numbers, platforms, source, stat, template, text_colour, "
             "typography")

YAML_ERRORS = [
    pytest.param(
        STAT_YAML.replace("headline:", "headlne:"),
        [f"7: headlne: unknown field (did you mean headline?); template 'stat' uses: {STAT_USES}"],
        id="unknown-field-suggestion"),
    pytest.param(
        STAT_YAML + "    mood: happy\n",
        [f"9: mood: unknown field; template 'stat' uses: {STAT_USES}"],
        id="unknown-field-no-suggestion"),
    pytest.param(
        STAT_YAML.replace('    headline: "Only 23% of poor rural girls finish primary school"\n',
                          ""),
        ["2: headline: missing required field for template 'stat'"],
        id="missing-headline"),
    pytest.param(
        STAT_YAML.replace('    stat: "23%"\n', '    stat: ""\n'),
        ["6: stat: is empty; template 'stat' requires it"],
        id="empty-required-field"),
    pytest.param(
        STAT_YAML.replace("goal: 4", "goal: 18"),
        ["4: goal: must be a goal number from 1 to 17 (4, or Goal 4), or lnob for the pledge itself; got '18'"],
        id="goal-18"),
    pytest.param(
        STAT_YAML.replace("goal: 4", "goal: 0"),
        ["4: goal: must be a goal number from 1 to 17 (4, or Goal 4), or lnob for the pledge itself; got '0'"],
        id="goal-0"),
    pytest.param(
        STAT_YAML.replace("goal: 4", "goal: abc"),
        ["4: goal: must be a goal number from 1 to 17 (4, or Goal 4), or lnob for the pledge itself; "
         "got 'abc'"],
        id="goal-abc"),
    pytest.param(
        STAT_YAML.replace("goal: 4", "goal: true"),
        ["4: goal: must be a goal number from 1 to 17 (4, or Goal 4), or lnob for the pledge itself; "
         "got 'True'"],
        id="goal-bool"),
    pytest.param(
        STAT_YAML.replace("    goal: 4\n", ""),
        ["2: goal: missing required field; a goal number from 1 to 17, or lnob"],
        id="goal-missing"),
    pytest.param(
        STAT_YAML.replace("template: stat", "template: stats"),
        [f"3: template: unknown template 'stats' (did you mean stat?); available: {TEMPLATES}"],
        id="unknown-template"),
    pytest.param(
        STAT_YAML.replace("    template: stat\n", ""),
        [f"2: template: missing required field; one of: {TEMPLATES}"],
        id="missing-template"),
    pytest.param(
        STAT_YAML + "    platforms: [instagram-square, instagram-storie]\n",
        ["9: platforms: unknown platform 'instagram-storie' (did you mean instagram-story?); "
         "see `lnob platforms`"],
        id="unknown-platform"),
    pytest.param(
        STAT_YAML.replace("id: girls-school", 'id: "Girls School!"'),
        ["2: id: invalid id 'Girls School!': use lowercase letters, digits and '-' "
         "(it becomes a file name), e.g. 'girls-school'"],
        id="invalid-id"),
    pytest.param(
        STAT_YAML.replace("  - id: girls-school\n    template: stat\n", "  - template: stat\n"),
        ["2: id: missing required field; give each asset a short id such as girls-school"],
        id="missing-id"),
    pytest.param(
        STAT_YAML.replace("    lang: en\n", ""),
        ["2: lang: missing required field; the language of the text, e.g. en, ar, fr "
         "(or a languages: list)"],
        id="missing-lang"),
    pytest.param(
        STAT_YAML.replace("lang: en", "lang: English"),
        ["5: lang: unknown language 'English' (did you mean en?); use a language code (BCP 47) "
         "such as en, ar, ne, pt-BR"],
        id="invalid-lang"),
    pytest.param(
        STAT_YAML.replace("lang: en", "languages: [en, np]"),
        ["5: lang: unknown language 'np' (did you mean ne? NP is the country code of Nepal); use "
         "a language code (BCP 47) such as en, ar, ne, pt-BR"],
        id="invalid-lang-in-list"),
    pytest.param(
        STAT_YAML.replace('stat: "23%"', "stat: " + "9" * 41),
        ["6: stat: text is 41 characters; template 'stat' allows at most 40"],
        id="stat-too-long"),
    pytest.param(
        STAT_YAML.replace('"Only 23% of poor rural girls finish primary school"', "x" * 301),
        ["7: headline: text is 301 characters; template 'stat' allows at most 300"],
        id="headline-too-long"),
    pytest.param(
        "defaults:\n  id: x\n  temlpate: stat\n" + STAT_YAML,
        ["2: defaults.id: not a field that can have a default",
         "3: defaults.temlpate: not a field that can have a default (did you mean template?)"],
        id="bad-defaults"),
    pytest.param(
        STAT_YAML + "    digits: arabic\n",
        ["9: digits: unknown digits 'arabic' (did you mean arab?); one of: default, latn, arab, "
         "arabext, deva, beng, khmr (default: the language's own)"],
        id="bad-digits"),
    pytest.param(
        STAT_YAML + "    digits: {en: latn, ar: hindi}\n",
        ["9: digits: unknown digits 'hindi'; one of: default, latn, arab, arabext, deva, beng, "
         "khmr (default: the language's own)"],
        id="bad-digits-per-language"),
]


@pytest.mark.parametrize(("text", "expected"), YAML_ERRORS)
def test_yaml_error_table(tmp_path: Path, text: str, expected: list[str]) -> None:
    path = _write(tmp_path, "c.yaml", text)
    assert _problems(path) == [f"{path}:{e}" for e in expected]


def test_text_at_max_length_is_accepted(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.yaml", STAT_YAML.replace('stat: "23%"', "stat: " + "9" * 40))
    assert _load(path).assets[0].fields["stat"] == "9" * 40


CSV_HEADER = "id,template,goal,lang,stat,headline\n"
CSV_ROW = "girls-school,stat,4,en,23%,Only 23% finish\n"

CSV_ERRORS = [
    pytest.param(
        CSV_HEADER.replace("headline", "headlne") + CSV_ROW,
        ["1: headlne: unknown column (did you mean headline?); the columns are id, template, "
         "goal, lang, languages, platforms, alt, digits, numbers, decimal, caption, hashtags, "
         "colour, text_colour, typography "
         "and the fields of the templates "
         "(see `lnob templates`); a column of your own notes is skipped when its name starts "
         "with # (#headlne)",
         "2: headline: missing required field for template 'stat'"],
        id="unknown-column"),
    pytest.param(
        CSV_HEADER + CSV_ROW.replace(",4,", ",18,"),
        ["2: goal: must be a goal number from 1 to 17 (4, or Goal 4), or lnob for the pledge itself; "
         "got '18'"],
        id="goal-18"),
    pytest.param(
        CSV_HEADER + CSV_ROW.replace(",en,", ",,"),
        ["2: lang: missing required field; the language of the text, e.g. en, ar, fr"],
        id="missing-lang"),
    pytest.param(
        CSV_HEADER + CSV_ROW.replace("Only 23% finish", ""),
        ["2: headline: missing required field for template 'stat'"],
        id="empty-required-cell"),
    pytest.param(
        CSV_HEADER + "\n" + CSV_ROW + CSV_ROW.replace("finish", "end"),
        ["4: id: asset 'girls-school' in language 'en' is already defined at {path}:3; "
         "give it another id or language"],
        id="duplicate-id-lang"),
    pytest.param(
        CSV_HEADER + CSV_ROW.replace("stat,", "stats,", 1),
        [f"2: template: unknown template 'stats' (did you mean stat?); available: {TEMPLATES}"],
        id="unknown-template"),
]


@pytest.mark.parametrize(("text", "expected"), CSV_ERRORS)
def test_csv_error_table(tmp_path: Path, text: str, expected: list[str]) -> None:
    path = _write(tmp_path, "c.csv", text)
    assert _problems(path) == [f"{path}:{e.format(path=path)}" for e in expected]


def test_same_id_in_other_language_is_fine(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.csv", CSV_HEADER + CSV_ROW + CSV_ROW.replace(",en,", ",fr,"))
    assert [(a.id, a.lang) for a in _load(path).assets] == [
        ("girls-school", "en"), ("girls-school", "fr")]


def test_duplicate_id_and_lang_across_files_names_the_first(tmp_path: Path) -> None:
    first = _write(tmp_path, "first.yaml", SPEC_YAML)
    second = _write(tmp_path, "second.csv", SPEC_CSV)
    assert _problems(first, second) == [
        f"{second}:2: id: asset 'girls-school' in language 'en' is already defined at "
        f"{first}:2; give it another id or language"]


def test_duplicate_from_languages_list_and_lang(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.yaml", textwrap.dedent("""\
        defaults: {template: goal, goal: 1}
        assets:
          - {id: a, languages: [en, fr], headline: Hi}
          - {id: a, lang: fr, headline: Salut}
        """))
    assert _problems(path) == [
        f"{path}:4: id: asset 'a' in language 'fr' is already defined at {path}:3; "
        "give it another id or language"]


def test_unknown_platform_override(tmp_path: Path) -> None:
    path = _write(tmp_path, "spec.yaml", SPEC_YAML)
    assert _problems(path, platforms=("instagram-storie", "x-post", "bogus")) == [
        "--platform: unknown platform 'instagram-storie' "
        "(did you mean instagram-story?); see `lnob platforms`",
        "--platform: unknown platform 'bogus'; see `lnob platforms`",
    ]


# --------------------------------------------------------------------------- all at once

def test_all_problems_of_a_file_are_reported_at_once(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.yaml", textwrap.dedent("""\
        defaults:
          template: stat
          lang: en
        assets:
          - id: ok
            goal: 1
            stat: "1"
            headline: fine
          - id: Bad Id
            goal: 18
            stat: "2"
            headline: two problems in one asset
          - id: typo
            goal: 3
            stat: "3"
            headlne: typo
          - id: no-headline
            goal: 4
            stat: "4"
          - id: wrong-template
            template: stats
            goal: 5
            headline: x
            platforms: [x-post, tiktak]
        """))
    with pytest.raises(InputError) as caught:
        _load(path)
    problems = caught.value.problems
    assert [str(p) for p in problems] == [
        f"{path}:9: id: invalid id 'Bad Id': use lowercase letters, digits and '-' "
        "(it becomes a file name), e.g. 'bad-id'",
        f"{path}:10: goal: must be a goal number from 1 to 17 (4, or Goal 4), or lnob for the pledge itself; "
        "got '18'",
        f"{path}:16: headlne: unknown field (did you mean headline?); template 'stat' uses: "
        f"{STAT_USES}",
        f"{path}:17: headline: missing required field for template 'stat'",
        f"{path}:21: template: unknown template 'stats' (did you mean stat?); "
        f"available: {TEMPLATES}",
        f"{path}:24: platforms: unknown platform 'tiktak' (did you mean tiktok-photo?); "
        "see `lnob platforms`",
    ]
    lines = [p.line for p in problems]
    assert lines == sorted(lines)
    assert [p.id for p in problems] == [
        "Bad Id", "Bad Id", "typo", "no-headline", "wrong-template", "wrong-template"]
    assert {p.file for p in problems} == {str(path)}


def test_all_problems_of_all_files_are_reported_at_once(tmp_path: Path) -> None:
    yaml_path = _write(tmp_path, "a.yaml", STAT_YAML.replace("goal: 4", "goal: 0"))
    csv_path = _write(tmp_path, "b.csv",
                      CSV_HEADER + CSV_ROW.replace("girls-school", "x!") + "\n"
                      + CSV_ROW.replace(",en,", ",e,"))
    assert _problems(yaml_path, csv_path) == [
        f"{yaml_path}:4: goal: must be a goal number from 1 to 17 (4, or Goal 4), or lnob for the pledge "
        "itself; got '0'",
        f"{csv_path}:2: id: invalid id 'x!': use lowercase letters, digits and '-' "
        "(it becomes a file name), e.g. 'x'",
        f"{csv_path}:4: lang: unknown language 'e' (did you mean en?); use a language code (BCP 47) "
        "such as en, ar, ne, pt-BR",
    ]


def test_load_problems_of_all_files_are_reported_at_once(tmp_path: Path) -> None:
    bad_yaml = _write(tmp_path, "a.yaml", "assets:\n  - id: a\n    id: b\n")
    bad_csv = _write(tmp_path, "b.csv", "id,lang\na,en,extra\n")
    good = _write(tmp_path, "c.yaml", SPEC_YAML)
    assert _problems(bad_yaml, good, bad_csv) == [
        f"{bad_yaml}:3: invalid YAML: duplicate key 'id' (first on line 2)",
        f"{bad_csv}:2: row has 3 cells but the header has 2",
    ]


def test_duplicate_problem_is_in_file_order(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.csv",
                  CSV_HEADER + CSV_ROW + CSV_ROW + CSV_ROW.replace(",4,", ",19,"))
    with pytest.raises(InputError) as caught:
        _load(path)
    assert [(p.line, p.field) for p in caught.value.problems] == [(3, "id"), (4, "goal")]


# --------------------------------------------------------------------------- known bugs

def test_asset_languages_override_default_lang(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.yaml", "defaults:\n  lang: en\n"
                  + STAT_YAML.replace("lang: en", "languages: [fr, es]"))
    assert [a.lang for a in _load(path).assets] == ["fr", "es"]


def test_norwegian_lang_code(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.yaml", STAT_YAML.replace("lang: en", "lang: no"))
    assert _load(path).assets[0].lang == "no"


def test_a_missing_translation_skips_that_language_with_a_warning(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.yaml", STAT_YAML.replace("lang: en", "languages: [en, fr, es]")
                  .replace('headline: "Only 23% of poor rural girls finish primary school"',
                           "headline: {en: Only 23% finish, es: Solo el 23%}")
                  .replace('source: "Leave No One Behind Partnership, 2016"',
                           "source: {en: LNOB Partnership, fr: Partenariat LNOB}"))
    campaign = validate([load(path)], template_set())
    # Never English text on a French card: the French images are not made, and it says so.
    assert [(a.lang, a.fields.get("source")) for a in campaign.assets] == [
        ("en", "LNOB Partnership"), ("es", None)]
    assert [str(w) for w in campaign.warnings] == [
        f"{path}:7: headline: has no text in 'fr': the 'fr' images of 'girls-school' are not made",
        f"{path}:8: source: has no text in 'es': the 'es' images of 'girls-school' go without it"]


# ------------------------------------------------------------ as campaigners write them

@pytest.mark.parametrize(("written", "goal"), [
    ("010", "10"), ("011", "11"), ("017", "17"),  # YAML 1.1 would read 8, 9 and 15 (octal)
    ("04", "4"), ("4.0", "4"), ('"Goal 4"', "4"), ("SDG4", "4"), ('"SDG 4"', "4"),
    ('"Goal #4"', "4"), ("ODD 4", "4"), ("LNOB", "lnob"),
])
def test_a_goal_as_people_write_it(tmp_path: Path, written: str, goal: str) -> None:
    path = _write(tmp_path, "c.yaml", STAT_YAML.replace("goal: 4", f"goal: {written}"))
    assert [a.goal for a in _load(path).assets] == [goal]


@pytest.mark.parametrize("written", ["Goal 4", "SDG4", "04", "4.0", "SDG 4"])
def test_a_goal_as_a_spreadsheet_writes_it(tmp_path: Path, written: str) -> None:
    path = _write(tmp_path, "c.csv", CSV_HEADER + CSV_ROW.replace(",4,", f",{written},"))
    assert [a.goal for a in _load(path).assets] == ["4"]


def test_yaml_values_reach_the_card_as_written(tmp_path: Path) -> None:
    """YAML 1.1 would make 1.50 into 1.5, 1_000 into 1000 and 12:30 into 750."""
    text = STAT_YAML.replace('stat: "23%"', "stat: 1.50").replace(
        'headline: "Only 23% of poor rural girls finish primary school"',
        "headline: 1_000 girls at 12:30 on 2024-03-08")
    (asset,) = _load(_write(tmp_path, "c.yaml", text)).assets
    assert asset.fields["stat"] == "1.50"
    assert asset.fields["headline"] == "1_000 girls at 12:30 on 2024-03-08"


def test_a_value_yaml_read_as_a_comment_is_a_warning_saying_put_it_in_quotes(
        tmp_path: Path) -> None:
    text = STAT_YAML.replace('source: "Leave No One Behind Partnership, 2016"',
                             "hashtags: #EducationForAll")
    path = _write(tmp_path, "c.yaml", text)
    campaign = _load(path)
    assert [str(w) for w in campaign.warnings] == [
        f"{path}:8: hashtags: empty: YAML reads everything after ' #' as a comment; if "
        "'#EducationForAll' is the value, put it in quotes: hashtags: \"#EducationForAll\""]
    assert campaign.assets[0].hashtags == ()
    required = _write(tmp_path, "r.yaml", STAT_YAML.replace(
        'headline: "Only 23% of poor rural girls finish primary school"', "headline: #1 priority"))
    with pytest.raises(InputError) as caught:
        _load(required)
    assert [str(w) for w in caught.value.warnings] == [
        f"{required}:7: headline: empty: YAML reads everything after ' #' as a comment; if "
        "'#1 priority' is the value, put it in quotes: headline: \"#1 priority\""]
    assert [str(p) for p in caught.value.problems] == [
        f"{required}:7: headline: is empty; template 'stat' requires it"]


@pytest.mark.parametrize(("written", "lang", "note"), [
    ("EN", "en", "'EN' read as 'en'"),
    ("pt_BR", "pt-BR", "'pt_BR' read as 'pt-BR'"),
    ("ar-ma", "ar-MA", "'ar-ma' read as 'ar-MA'"),
    ("ne", "ne", None),
])
def test_a_language_code_written_another_way_is_read_with_a_note(
        tmp_path: Path, written: str, lang: str, note: str | None) -> None:
    path = _write(tmp_path, "c.yaml", STAT_YAML.replace("lang: en", f"lang: {written}"))
    campaign = _load(path)
    assert [a.lang for a in campaign.assets] == [lang]
    assert campaign.notes == ([f"{path}:5: lang: {note}"] if note else [])


@pytest.mark.parametrize(("written", "hint"), [
    ("Arabic", "(did you mean ar?)"),
    ("Français", "(did you mean fr?)"),
    ("नेपाली", "(did you mean ne?)"),
    ("np", "(did you mean ne? NP is the country code of Nepal)"),
    ("prs", "(did you mean fa-AF?)"),
    ("Arabik", "(did you mean ar?)"),
])
def test_a_language_name_or_country_code_asks_which_language(tmp_path: Path, written: str,
                                                              hint: str) -> None:
    path = _write(tmp_path, "c.yaml", STAT_YAML.replace("lang: en", f"lang: {written}"))
    assert _problems(path) == [
        f"{path}:5: lang: unknown language {written!r} {hint}; use a language code (BCP 47) "
        "such as en, ar, ne, pt-BR"]


def test_headers_match_whatever_their_case_and_spaces_and_notes_columns_are_skipped(
        tmp_path: Path) -> None:
    path = _write(tmp_path, "c.csv",
                  "ID,Template,Goal,LANG,Stat,Headline ,Headline FR,headline_pt_BR,#notes\n"
                  "girls,stat,4,EN,23%,Only 23% finish,Seules 23 % achèvent,Só 23% concluem,"
                  "ask Amina first\n")
    campaign = _load(path)
    assert [(a.id, a.lang, a.fields["headline"]) for a in campaign.assets] == [
        ("girls", "en", "Only 23% finish"), ("girls", "fr", "Seules 23 % achèvent"),
        ("girls", "pt-BR", "Só 23% concluem")]
    assert campaign.warnings == []


def test_two_headers_for_one_field_are_one_problem(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.csv", "id,template,goal,lang,stat,headline,Headline\n"
                                     "girls,stat,4,en,23%,a,b\n")
    assert _problems(path)[0] == (f"{path}:1: headline: columns 'headline' and 'Headline' are "
                                  "the same field; keep one")


@pytest.mark.parametrize(("written", "platforms", "note"), [
    ("[twitter]", ("x-post",), "'twitter' read as 'x-post'"),
    ("[X, Facebook]", ("x-post", "facebook-link"), "'X' read as 'x-post'"),
    ("[Instagram-Square]", ("instagram-square",), "'Instagram-Square' read as 'instagram-square'"),
])
def test_a_platform_as_people_name_it(tmp_path: Path, written: str,
                                       platforms: tuple[str, ...], note: str) -> None:
    path = _write(tmp_path, "c.yaml", STAT_YAML + f"    platforms: {written}\n")
    campaign = _load(path)
    assert campaign.assets[0].platforms == platforms
    assert campaign.notes[0] == f"{path}:9: platforms: {note}"


def test_instagram_alone_asks_which_formats(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.yaml", STAT_YAML + "    platforms: [instagram]\n")
    assert _problems(path) == [
        f"{path}:9: platforms: 'instagram' has several formats: instagram-square, "
        "instagram-portrait, instagram-story; name the ones you want"]


STORY_CSV = "id,template,goal,lang,quote,name,image\namina,story,4,en,I walk to school,Amina,{}\n"


@pytest.fixture
def photo_folder(tmp_path: Path) -> Path:
    (tmp_path / "Photos").mkdir()
    shutil.copy(EXAMPLES / "photos" / "girl-walking-to-school.jpg",
                tmp_path / "Photos" / "Amina.JPG")
    return tmp_path


def test_a_photo_path_with_windows_backslashes_is_read(photo_folder: Path) -> None:
    path = _write(photo_folder, "c.csv", STORY_CSV.format("Photos\\Amina.JPG"))
    (asset,) = _load(path).assets
    assert asset.images["image"].path == str(photo_folder / "Photos" / "Amina.JPG")


@pytest.mark.parametrize(("written", "message"), [
    ("photos/amina.jpg",
     "'photos/amina.jpg': no such file in {folder} (did you mean Photos/Amina.JPG? The letter "
     "case must match: Linux, macOS and CI runners tell Amina.JPG from amina.jpg)"),
    ("https://example.org/amina.jpg",
     "'https://example.org/amina.jpg' is a web address; lnob never downloads anything: save "
     "the file into the campaign's folder (e.g. photos/) and give its path from there"),
    ("C:\\Users\\Ana\\Pictures\\amina.jpg",
     "'C:\\Users\\Ana\\Pictures\\amina.jpg' is a path on one computer; copy the file into the "
     "campaign's folder (e.g. photos/) and give its path from there, such as photos/amina.jpg"),
])
def test_a_photo_that_is_not_there_says_why(photo_folder: Path, written: str,
                                            message: str) -> None:
    path = _write(photo_folder, "c.csv", STORY_CSV.format(written))
    assert _problems(path) == [f"{path}:2: image: " + message.format(folder=photo_folder)]


def test_lang_and_languages_together_is_a_problem_not_a_silent_choice(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.yaml", STAT_YAML.replace("lang: en", "lang: en\n    languages: [en, fr]"))
    assert _problems(path) == [
        f"{path}:6: languages: give lang (one language) or languages (a list), not both: with "
        "both, one of them would be ignored"]


def test_columns_a_campaign_keeps_for_itself_are_skipped_when_it_says_so(tmp_path: Path) -> None:
    with_notes = _write(tmp_path, "c.csv", CSV_HEADER.rstrip("\n") + ",Notes\n"
                        + CSV_ROW.rstrip("\n") + ",ask Amina first\n")
    assert _problems(with_notes)[0].startswith(f"{with_notes}:1: Notes: unknown column")
    campaign = load_campaign([with_notes], template_set(), ignore=("notes",))
    assert [a.fields["headline"] for a in campaign.assets] == ["Only 23% finish"]
    yaml_file = _write(tmp_path, "c.yaml", "ignore: [comment]\n" + STAT_YAML
                       + "    comment: check the figure with UNESCO\n")
    assert [a.id for a in _load(yaml_file).assets] == ["girls-school"]


def test_ignore_on_the_command_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from lnob_graphics.cli import app

    path = _write(tmp_path, "c.csv", CSV_HEADER.rstrip("\n") + ",notes\n"
                  + CSV_ROW.rstrip("\n") + ",to check\n")
    result = CliRunner().invoke(app, ["validate", str(path), "--ignore", "notes", "-p",
                                      "x-post"])
    assert result.exit_code == 0, result.output
