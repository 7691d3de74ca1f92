"""A text changed in the page goes back into the file it came from, in that file's form."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from lnob_graphics.campaign import Asset
from lnob_graphics.pipeline import load_campaign
from lnob_graphics.web.edits import EditError, set_value

STARTER = Path(__file__).resolve().parent.parent / "lnob_graphics" / "starter"


def _asset(path: Path, asset_id: str, lang: str) -> Asset:
    campaign = load_campaign([path])
    return next(a for a in campaign.assets if a.id == asset_id and a.lang == lang)


def test_csv_keeps_its_encoding_delimiter_and_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    text = ("id;template;goal;lang;stat;headline;source\r\n"
            "girls;stat;4;fr;23 %;Seules 23 % des filles achèvent l’école;Partenariat, 2016\r\n")
    path.write_bytes(text.encode("cp1252"))
    set_value(path, _asset(path, "girls", "fr"), "headline", "fr", "Très peu de filles; « hélas »")
    raw = path.read_bytes()
    assert raw == text.replace("Seules 23 % des filles achèvent l’école",
                               '"Très peu de filles; « hélas »"').encode("cp1252")
    assert _asset(path, "girls", "fr").fields["headline"] == "Très peu de filles; « hélas »"


def test_csv_wide_translation_column_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "campaign.csv"
    shutil.copyfile(STARTER / "campaign.csv", path)
    before = path.read_bytes()
    set_value(path, _asset(path, "girls-school-csv", "fr"), "headline", "fr", "Nouveau titre")
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf") and before.startswith(b"\xef\xbb\xbf")
    assert _asset(path, "girls-school-csv", "fr").fields["headline"] == "Nouveau titre"
    assert _asset(path, "girls-school-csv", "en").fields["headline"].startswith("Only 23%")


def test_yaml_changes_only_the_value_and_keeps_the_comments(tmp_path: Path) -> None:
    path = tmp_path / "campaign.yaml"
    shutil.copyfile(STARTER / "campaign.yaml", path)
    shutil.copyfile(STARTER / "photo.jpg", tmp_path / "photo.jpg")
    before = path.read_text(encoding="utf-8").splitlines()
    set_value(path, _asset(path, "a-story", "fr"), "quote", "fr", "Je veux « enseigner » ici.")
    after = path.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert len(changed) == 1
    assert changed[0][1] == ('    quote: {en: "Every morning I walk to school. One day I will teach '
                             'here.", fr: "Je veux « enseigner » ici."}')
    assert "    # Replace with a real person's words and photo, with their consent." in after
    assert _asset(path, "a-story", "fr").fields["quote"] == "Je veux « enseigner » ici."


def test_yaml_block_mapping_and_a_new_translation(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("assets:\n  - id: a\n    template: stat\n    goal: 4\n    languages: [en, ar]\n"
                    "    stat: '23%'\n    headline:\n      en: Only 23%  # ours\n"
                    "      ar: فقط 23٪\n    source: {en: Us}\n", encoding="utf-8")
    set_value(path, _asset(path, "a", "ar"), "headline", "ar", "فقط ٢٣٪ من الفتيات")
    set_value(path, _asset(path, "a", "ar"), "source", "ar", "نحن")
    text = path.read_text(encoding="utf-8")
    assert "      en: Only 23%  # ours\n      ar: \"فقط ٢٣٪ من الفتيات\"\n" in text
    assert "source: {en: Us, ar: \"نحن\"}" in text
    assert _asset(path, "a", "ar").fields["source"] == "نحن"


def test_yaml_goal_template_and_platforms(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("assets:\n  - id: a\n    template: stat\n    goal: 4  # education\n    lang: en\n"
                    "    stat: '23%'\n    headline: Only\n", encoding="utf-8")
    asset = _asset(path, "a", "en")
    set_value(path, asset, "goal", None, "5")
    set_value(path, asset, "platforms", None, ["x-post", "instagram-square"])
    changed = _asset(path, "a", "en")
    assert changed.goal == "5" and changed.platforms == ("x-post", "instagram-square")
    assert "goal: \"5\"  # education" in path.read_text(encoding="utf-8")


def test_xlsx_changes_one_cell(tmp_path: Path) -> None:
    path = tmp_path / "campaign.xlsx"
    shutil.copyfile(STARTER / "campaign.xlsx", path)
    set_value(path, _asset(path, "girls-school-xlsx", "fr"), "headline", "fr", "Nouveau")
    book = openpyxl.load_workbook(path)
    assert book["Campaign"]["G2"].value == "Nouveau"
    assert book["Campaign"]["E2"].number_format == "0%"  # the rest as it was
    assert _asset(path, "girls-school-xlsx", "fr").fields["headline"] == "Nouveau"


def test_a_field_without_a_column_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("id,template,goal,lang,stat,headline\na,stat,4,en,23%,Only\n", encoding="utf-8")
    with pytest.raises(EditError, match=r"^c.csv: no column for source in en \(source_en\); add "
                                        "the column in your spreadsheet program$"):
        set_value(path, _asset(path, "a", "en"), "source", "en", "Us")


def test_yaml_a_default_is_changed_where_it_is_written(tmp_path: Path) -> None:
    path = tmp_path / "campaign.yaml"
    shutil.copyfile(STARTER / "campaign.yaml", path)
    shutil.copyfile(STARTER / "photo.jpg", tmp_path / "photo.jpg")
    set_value(path, _asset(path, "girls-school", "en"), "source", "en", "UNESCO, 2024")
    text = path.read_text(encoding="utf-8")
    assert '  source:\n    en: "UNESCO, 2024"\n    fr: "Partenariat Leave No One Behind, 2016"' in text
    assert _asset(path, "girls-school", "fr").fields["source"] == "Partenariat Leave No One Behind, 2016"
    assert _asset(path, "school-gap", "en").fields["source"] == "UNESCO, 2024"


def test_yaml_languages_a_new_language_never_takes_the_english_text(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("assets:\n  - id: a\n    template: goal\n    goal: 4\n    lang: en  # ours\n"
                    "    headline: Only 23%  # said so\n", encoding="utf-8")
    set_value(path, _asset(path, "a", "en"), "languages", None, ["en", "fr"],
              ("headline", "source"))
    text = path.read_text(encoding="utf-8")
    assert text == ("assets:\n  - id: a\n    template: goal\n    goal: 4\n"
                    "    languages: [\"en\", \"fr\"]  # ours\n"
                    "    headline: {en: \"Only 23%\"}  # said so\n")
    campaign = load_campaign([path])
    assert [a.lang for a in campaign.assets] == ["en"]  # no French card with English text
    assert any("has no text in 'fr': the 'fr' images of 'a' are not made" in str(w)
               for w in campaign.warnings)
    set_value(path, _asset(path, "a", "en"), "headline", "fr", "Seules 23 %")
    assert _asset(path, "a", "fr").fields["headline"] == "Seules 23 %"
    set_value(path, _asset(path, "a", "en"), "languages", None, ["en"])  # its texts stay
    assert [a.lang for a in load_campaign([path]).assets] == ["en"]
    assert 'headline: {en: "Only 23%", fr: "Seules 23 %"}' in path.read_text(encoding="utf-8")


def test_csv_languages_in_the_languages_column(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    text = ("id;template;goal;lang;languages;headline;headline_fr\r\n"
            "a;goal;4;en;en fr;Only;Seules\r\n")
    path.write_bytes(text.encode("cp1252"))
    set_value(path, _asset(path, "a", "en"), "languages", None, ["en"])
    assert path.read_bytes() == text.replace("en fr;", "en;").encode("cp1252")
    assert [a.lang for a in load_campaign([path]).assets] == ["en"]
    set_value(path, _asset(path, "a", "en"), "languages", None, ["en", "fr", "de"])
    campaign = load_campaign([path])
    assert [a.lang for a in campaign.assets] == ["en", "fr"]  # no German text: no German card
    assert any("the 'de' images of 'a' are not made" in str(w) for w in campaign.warnings)


def test_csv_without_a_languages_column_says_what_to_do(tmp_path: Path) -> None:
    path = tmp_path / "campaign.csv"
    shutil.copyfile(STARTER / "campaign.csv", path)
    with pytest.raises(EditError, match=r"^campaign.csv: no column for languages; add the column "
                                        "in your spreadsheet program$"):
        set_value(path, _asset(path, "girls-school-csv", "en"), "languages", None, ["en"])


def test_xlsx_languages_change_one_cell(tmp_path: Path) -> None:
    path = tmp_path / "c.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Campaign"
    sheet.append(["id", "template", "goal", "lang", "languages", "headline", "headline_fr"])
    sheet.append(["a", "goal", 4, "en", "en fr", "Only", "Seules"])
    book.save(path)
    set_value(path, _asset(path, "a", "fr"), "languages", None, ["en"])
    saved = openpyxl.load_workbook(path)["Campaign"]
    assert saved["E2"].value == "en" and saved["G2"].value == "Seules"
    assert [a.lang for a in load_campaign([path]).assets] == ["en"]
