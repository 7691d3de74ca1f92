"""CSV as spreadsheets really save it: every variant in tests/fixtures/csv (made with
the real encoders by make_variants.py) loads to the same assets as the clean file,
says what it assumed, and broken files fail with the promised messages."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lnob_graphics.cli import app
from lnob_graphics.pipeline import load_campaign

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "csv"
runner = CliRunner()


def _assets(path: Path) -> list[object]:
    return [replace(a, file="", line=0) for a in load_campaign([path]).assets]


@pytest.mark.parametrize(("name", "notes"), [
    ("utf8-bom-crlf.csv", []),
    ("excel-windows-1252-semicolon.csv", [
        "not UTF-8 (byte 0xE8 at offset 142): decoded as Windows-1252, as Excel saves it; if "
        "letters look wrong, pass --encoding",
        "cells separated by semicolons (detected)"]),
    ("excel-unicode-text.txt", ["cells separated by tabs (detected)"]),
    ("utf8-semicolon-trailing.csv", ["cells separated by semicolons (detected)"]),
])
def test_variant_loads_to_the_same_assets_as_the_clean_file(name: str, notes: list[str]) -> None:
    clean = _assets(FIXTURES / "clean-utf8.csv")
    assert len(clean) == 4
    assert _assets(FIXTURES / name) == clean
    assert load_campaign([FIXTURES / name]).notes == [f"{FIXTURES / name}: {n}" for n in notes]


def test_numbers_from_a_european_spreadsheet_are_plain_numbers() -> None:
    assets = {(a.id, a.lang): a for a in
              load_campaign([FIXTURES / "excel-windows-1252-semicolon.csv"]).assets}
    assert assets[("violence", "pt")].fields["value"] == "33.3"  # written 33,3
    assert assets[("poverty", "fr")].fields["value"] == "8.5%"  # written 8,5%
    assert assets[("girls-school", "fr")].fields["headline"].startswith("Seules 23 % des")
    # A quoted cell with a line break (CRLF in the file) keeps one plain line break.
    assert assets[("violence", "pt")].fields["headline"] == (
        "mulheres sofrem violência física ou sexual\nao longo da vida")


def test_cli_says_what_it_assumed_and_renders_accents_right(tmp_path: Path) -> None:
    path = FIXTURES / "excel-windows-1252-semicolon.csv"
    result = runner.invoke(app, ["render", str(path), "--out", str(tmp_path), "-p", "x-post",
                                 "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[:2] == [
        f"note: {path}: not UTF-8 (byte 0xE8 at offset 142): decoded as Windows-1252, as Excel "
        "saves it; if letters look wrong, pass --encoding",
        f"note: {path}: cells separated by semicolons (detected)"]
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    alt = {(a["id"], a["lang"]): a["alt_text"] for a in manifest["assets"]}
    assert "achèvent l’école primaire" in alt[("girls-school", "fr")]
    # The pictogram's alt text says the number as the writer worded it ("1 em 3"; the 33,3
    # only sets the icons), with the Windows-1252 accents decoded and the quoted cell's line
    # break read as a space.
    assert alt[("violence", "pt")] == (
        "Objetivo 5, Igualdade de gênero: 1 em 3 — mulheres sofrem violência física ou sexual "
        "ao longo da vida. Fonte: ONU Mulheres.")
    # A decimal comma from the spreadsheet ("8,5%") is read as 8.5 and written back the
    # French way (decimal comma, a space before the percent sign).
    assert "pauvreté — 8,5 %;" in alt[("poverty", "fr")]


def test_forcing_the_wrong_encoding_names_the_byte_and_a_likely_one(tmp_path: Path) -> None:
    path = FIXTURES / "excel-windows-1252-semicolon.csv"
    result = runner.invoke(app, ["render", str(path), "--out", str(tmp_path / "o"),
                                 "--encoding", "utf-8"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        f"error: {path}:2: not valid UTF-8 at byte 142 (0xE8); it looks like cp1252: pass "
        "--encoding cp1252, or save the file as UTF-8")
    assert not (tmp_path / "o").exists()


def test_overrides_for_encoding_and_delimiter(tmp_path: Path) -> None:
    path = FIXTURES / "excel-windows-1252-semicolon.csv"
    forced = load_campaign([path], encoding="cp1252", delimiter=";")
    assert forced.notes == []
    assert [a.id for a in forced.assets] == [a.id for a in load_campaign([path]).assets]
    bad = runner.invoke(app, ["render", str(path), "--delimiter", "::"])
    assert bad.exit_code == 2
    assert bad.stderr == "error: --delimiter: expected ',', ';', 'tab' or '|', got '::'\n"
    unknown = runner.invoke(app, ["render", str(path), "--encoding", "klingon", "--out",
                                  str(tmp_path / "o")])
    assert unknown.exit_code == 2
    assert unknown.stderr.splitlines()[0] == (
        f"error: {path}: unknown encoding 'klingon'; e.g. utf-8, utf-16, cp1252, latin-1")


def test_wide_form_translations_equal_long_form(tmp_path: Path) -> None:
    long_form = tmp_path / "long.csv"
    long_form.write_text(
        "id,template,goal,lang,stat,headline,source\n"
        "g,stat,4,en,23%,Only 23% finish,LNOB\n"
        "g,stat,4,fr,23%,Seules 23 % achèvent,LNOB FR\n"
        "g,stat,4,ar,23%,لا تكمل سوى 23%,LNOB AR\n", encoding="utf-8")
    wide_form = tmp_path / "wide.csv"
    wide_form.write_text(
        "id,template,goal,lang,stat,headline,headline_fr,headline_ar,source,source_fr,source_ar\n"
        "g,stat,4,en,23%,Only 23% finish,Seules 23 % achèvent,لا تكمل سوى 23%,LNOB,LNOB FR,"
        "LNOB AR\n", encoding="utf-8")
    assert _assets(wide_form) == _assets(long_form)


def test_wide_form_with_a_missing_cell_warns_and_never_mixes(tmp_path: Path) -> None:
    wide_form = tmp_path / "wide.csv"
    wide_form.write_text(
        "id,template,goal,lang,stat,headline,headline_fr,source,source_fr\n"
        "g,stat,4,en,23%,Only 23% finish,Seules 23 % achèvent,LNOB,\n"
        "h,stat,4,en,40%,Forty,,LNOB,LNOB FR\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(wide_form), "--out", str(out), "-p", "x-post",
                                 "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "warning: 2 × a translation is missing:",
        f"  {wide_form}:2: source: has no text in 'fr': the 'fr' images of 'g' go without it",
        f"  {wide_form}:3: headline: has no text in 'fr': the 'fr' images of 'h' are not made"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert sorted((a["id"], a["lang"]) for a in manifest["assets"]) == [
        ("g", "en"), ("g", "fr"), ("h", "en")]
    assert len(manifest["warnings"]) == 2
    french = next(a for a in manifest["assets"] if a["lang"] == "fr")
    assert "Source" not in french["alt_text"] and "LNOB" not in french["alt_text"]


def test_a_file_garbled_by_an_excel_round_trip_stops_naming_each_cell_and_the_repair(
        tmp_path: Path) -> None:
    """A UTF-8 file without BOM opened by Excel on Windows, a row added, saved as CSV: the
    old rows' accents are now mojibake (made with the real encoders: make_variants.py)."""
    path = FIXTURES / "excel-roundtrip-garbled.csv"
    result = runner.invoke(app, ["render", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 4
    assert errors[0] == (
        f"error: {path}:2: headline: looks wrongly decoded: 'Seules 23 % des filles pauvres des "
        "zones rurales achÃ¨vent lâ€™Ã©cole primaire' would read 'Seules 23 % des filles pauvres "
        "des zones rurales achèvent l’école primaire'; the file was saved in another encoding "
        "than it was opened in. In Excel: File ▸ Save As ▸ \"CSV UTF-8 (Comma delimited)\", "
        "then check the text; or run with --repair-text to repair it")
    assert not (tmp_path / "out").exists()
    repaired = runner.invoke(app, ["render", str(path), "--out", str(tmp_path / "out"),
                                   "--repair-text", "-p", "x-post", "--quiet"])
    assert repaired.exit_code == 0, repaired.output
    assert f"note: {path}: line 6, headline: repaired 'Personnes en situation dâ€™extrÃªme " \
           "pauvretÃ©' → 'Personnes en situation d’extrême pauvreté' (--repair-text)" \
           in repaired.stderr
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    alt = {(a["id"], a["lang"]): a["alt_text"] for a in manifest["assets"]}
    assert "achèvent l’école primaire" in alt[("girls-school", "fr")]
    assert "Só 23% das meninas concluem a escola" in alt[("girls-school", "pt")]  # typed in Excel
    assert not any("Ã" in text or "â€" in text for text in alt.values())
