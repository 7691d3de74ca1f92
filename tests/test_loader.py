"""lnob_graphics.loader.load: parsing YAML and CSV campaign files, with line numbers.

Every test writes a real file under pytest's tmp_path. Error messages are pinned
exactly (``str(Problem)`` is ``file:line: field: message``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lnob_graphics.errors import InputError
from lnob_graphics.loader import CampaignFile, load


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        # newline="" so a test controls the exact line endings written
        path.write_text(content, encoding="utf-8", newline="")
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load(path)
    return [str(p) for p in caught.value.problems]


def _ok(tmp_path: Path, name: str, content: str | bytes) -> CampaignFile:
    return load(_write(tmp_path, name, content))


# --------------------------------------------------------------------------- YAML

CAMPAIGN_YAML = """\
# a comment on line 1
campaign: Test campaign
defaults:
  template: stat
  platforms: [instagram-square]
assets:
  - id: girls-school
    goal: 4
    lang: en
    stat: "23%"
    headline: >-
      Only 23% of poor rural girls
      in sub-Saharan Africa finish primary school

    source: "Leave No One Behind Partnership, 2016"
  -
    id: second
    goal: lnob
    headline:
      en: Leave no one behind
      fr: Ne laisser personne de côté
"""


def test_yaml_entries_values_and_kind(tmp_path: Path) -> None:
    loaded = _ok(tmp_path, "c.yaml", CAMPAIGN_YAML)
    assert loaded.kind == "yaml"
    assert loaded.path == tmp_path / "c.yaml"
    assert loaded.name == "Test campaign"
    assert [e.values["id"] for e in loaded.entries] == ["girls-school", "second"]
    first = loaded.entries[0]
    assert first.file == str(tmp_path / "c.yaml")
    assert first.values["goal"] == "4"  # values as written (text); validation reads them
    assert first.values["headline"] == (
        "Only 23% of poor rural girls in sub-Saharan Africa finish primary school")
    assert loaded.entries[1].values["headline"] == {
        "en": "Leave no one behind", "fr": "Ne laisser personne de côté"}


def test_yaml_line_of_each_asset_and_field(tmp_path: Path) -> None:
    first, second = _ok(tmp_path, "c.yaml", CAMPAIGN_YAML).entries
    assert first.line == 7
    assert first.lines == {"id": 7, "goal": 8, "lang": 9, "stat": 10, "headline": 11,
                           "source": 15}
    assert first.line_of("source") == 15
    # the mapping starts at its first key, even when "-" is alone on the line before
    assert second.line == 17
    assert second.lines == {"id": 17, "goal": 18, "headline": 19}
    # a field that is not there falls back to the asset's own line
    assert first.line_of("platforms") == 7
    assert second.line_of("stat") == 17


def test_yaml_defaults_entry_has_lines(tmp_path: Path) -> None:
    loaded = _ok(tmp_path, "c.yaml", CAMPAIGN_YAML)
    assert loaded.defaults is not None
    assert loaded.defaults.values == {"template": "stat", "platforms": ["instagram-square"]}
    assert loaded.defaults.line == 4
    assert loaded.defaults.line_of("template") == 4
    assert loaded.defaults.line_of("platforms") == 5


def test_yaml_without_defaults_or_campaign(tmp_path: Path) -> None:
    loaded = _ok(tmp_path, "c.yml", "assets:\n  - {id: a, goal: 1}\n")
    assert loaded.defaults is None
    assert loaded.name is None
    assert loaded.entries[0].values == {"id": "a", "goal": "1"}
    assert loaded.entries[0].line == 2


def test_yaml_extension_is_case_insensitive(tmp_path: Path) -> None:
    assert _ok(tmp_path, "C.YAML", "assets:\n  - id: a\n").kind == "yaml"


def test_yaml_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    path = _write(tmp_path, "dup.yaml",
                  "assets:\n  - id: a\n    goal: 4\n    lang: en\n    goal: 5\n")
    assert _problems(path) == [f"{path}:5: invalid YAML: duplicate key 'goal' (first on line 3)"]


def test_yaml_duplicate_top_level_key(tmp_path: Path) -> None:
    path = _write(tmp_path, "dup.yaml", "assets:\n  - id: a\nassets:\n  - id: b\n")
    assert _problems(path) == [
        f"{path}:3: invalid YAML: duplicate key 'assets' (first on line 1)"]


@pytest.mark.parametrize(("text", "expected"), [
    ("assets:\n  - id: a\n    goal: [4\n",
     '3: invalid YAML: a list in brackets ([ ) is opened here and never closed with ] (the line: '
     '"goal: [4")'),
    ("assets:\n  - id: a\n     goal: 4\n",
     '3: invalid YAML: this field is indented more than the one above it; line them up (the '
     'line: "goal: 4")'),
    ("assets:\n\t- id: a\n",
     "2: invalid YAML: a tab: YAML indents with spaces only; replace the tab at the start of the "
     'line with spaces (the line: "- id: a")'),
    ('assets:\n  - id: "a\n',
     """2: invalid YAML: a quote (" or ') is opened here and never closed (the line: "- id: "a")"""),
    ("assets:\n  - id: a\n    headline: Girls: only 23%\n",
     "3: invalid YAML: a value holds ': ', which YAML reads as a new field; put the whole value "
     'in quotes: headline: "Girls: only 23%" (the line: "headline: Girls: only 23%")'),
    ("assets:\n  - id: a\n    platforms: - x-post\n",
     "3: invalid YAML: a list item ('- ') where a value was expected: put the list on the lines "
     "under the field, each item indented and starting with '- ' (the line: \"platforms: - "
     'x-post")'),
])
def test_yaml_syntax_error_has_line(tmp_path: Path, text: str, expected: str) -> None:
    path = _write(tmp_path, "bad.yaml", text)
    assert _problems(path) == [f"{path}:{expected}"]


def test_yaml_unknown_top_level_key_suggests_assets(tmp_path: Path) -> None:
    path = _write(tmp_path, "typo.yaml", "campaign: x\nasets:\n  - id: a\n")
    assert _problems(path) == [
        f"{path}:2: asets: unknown top-level key (did you mean assets?); "
        "expected one of: campaign, templates, labels, ignore, defaults, assets",
        f"{path}:1: assets: expected a non-empty list of assets",
    ]


def test_yaml_unknown_top_level_key_next_to_valid_assets(tmp_path: Path) -> None:
    path = _write(tmp_path, "extra.yaml", "assets:\n  - id: a\ndefault:\n  goal: 4\n")
    assert _problems(path) == [
        f"{path}:3: default: unknown top-level key (did you mean defaults?); "
        "expected one of: campaign, templates, labels, ignore, defaults, assets",
    ]


@pytest.mark.parametrize("text", ["- id: a\n- id: b\n", "just a string\n", "42\n", "", "# only\n"])
def test_yaml_top_level_must_be_a_mapping(tmp_path: Path, text: str) -> None:
    path = _write(tmp_path, "list.yaml", text)
    assert _problems(path) == [
        f"{path}:1: expected a mapping with an 'assets:' list at the top level"]


@pytest.mark.parametrize(("text", "line"), [
    ("campaign: x\nassets: []\n", 2),
    ("campaign: x\nassets:\n", 2),
    ("campaign: x\nassets: {id: a}\n", 2),
    ("campaign: x\nassets: girls-school\n", 2),
    ("campaign: x\n", 1),  # no assets key at all: line 1
])
def test_yaml_assets_must_be_a_non_empty_list(tmp_path: Path, text: str, line: int) -> None:
    path = _write(tmp_path, "empty.yaml", text)
    assert _problems(path) == [f"{path}:{line}: assets: expected a non-empty list of assets"]


def test_yaml_asset_that_is_not_a_mapping(tmp_path: Path) -> None:
    path = _write(tmp_path, "scalar.yaml", "assets:\n  - id: a\n  - girls-school\n  - [x]\n")
    assert _problems(path) == [
        f"{path}:1: assets[1]: each asset must be a mapping of field: value",
        f"{path}:1: assets[2]: each asset must be a mapping of field: value",
    ]


def test_yaml_defaults_must_be_a_mapping(tmp_path: Path) -> None:
    path = _write(tmp_path, "d.yaml", "defaults: stat\nassets:\n  - id: a\n")
    assert _problems(path) == [f"{path}:1: defaults: expected a mapping of field: value"]


def test_yaml_with_bom_and_crlf(tmp_path: Path) -> None:
    loaded = _ok(tmp_path, "bom.yaml", "\ufeffassets:\r\n  - id: a\r\n    goal: 4\r\n")
    assert loaded.entries[0].values == {"id": "a", "goal": "4"}
    assert loaded.entries[0].lines == {"id": 2, "goal": 3}


def test_yaml_unhashable_key_is_an_input_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "key.yaml", "assets:\n  - {[a, b]: 1}\n")
    assert len(_problems(path)) == 1


# --------------------------------------------------------------------------- CSV

def test_csv_header_values_and_lines(tmp_path: Path) -> None:
    loaded = _ok(tmp_path, "c.csv",
                 "id,goal,lang,headline\n"
                 "girls-school,4,en,Only 23% finish\n"
                 "girls-school,4,fr,Seules 23 %\n")
    assert loaded.kind == "csv"
    assert loaded.defaults is None
    assert loaded.name is None
    assert [e.values for e in loaded.entries] == [
        {"id": "girls-school", "goal": "4", "lang": "en", "headline": "Only 23% finish"},
        {"id": "girls-school", "goal": "4", "lang": "fr", "headline": "Seules 23 %"},
    ]
    assert [e.line for e in loaded.entries] == [2, 3]
    assert loaded.entries[1].lines == {"id": 3, "goal": 3, "lang": 3, "headline": 3}
    assert loaded.entries[1].line_of("headline") == 3
    assert loaded.entries[1].file == str(tmp_path / "c.csv")


def test_csv_cells_and_header_are_stripped_and_empty_cells_dropped(tmp_path: Path) -> None:
    loaded = _ok(tmp_path, "c.csv", " id , stat ,headline\n  a  ,, Hello  \n")
    assert loaded.entries[0].values == {"id": "a", "headline": "Hello"}
    assert loaded.entries[0].lines == {"id": 2, "headline": 2}


def test_csv_blank_and_empty_rows_are_skipped(tmp_path: Path) -> None:
    loaded = _ok(tmp_path, "c.csv",
                 "id,lang\n"          # 1
                 "\n"                 # 2 blank
                 "a,en\n"             # 3
                 ",\n"                # 4 row of empty cells
                 " , \n"              # 5 row of blanks
                 "b,fr\n"             # 6
                 ",,,\n"              # 7 trailing empty row with extra (empty) cells
                 "\n")                # 8
    assert [(e.values["id"], e.line) for e in loaded.entries] == [("a", 3), ("b", 6)]


def test_csv_line_numbers_after_a_multi_line_cell(tmp_path: Path) -> None:
    loaded = _ok(tmp_path, "c.csv",
                 'id,lang,headline\n'              # 1
                 'a,en,"first line\n'              # 2
                 'second line\n'                   # 3
                 'third, with comma"\n'            # 4
                 'b,fr,plain\n'                    # 5
                 '\n'                              # 6
                 'c,es,"x\r\ny"\n')                # 7
    assert [(e.values["id"], e.line) for e in loaded.entries] == [("a", 2), ("b", 5), ("c", 7)]
    assert loaded.entries[0].values["headline"] == "first line\nsecond line\nthird, with comma"
    assert loaded.entries[2].values["headline"] == "x\ny"  # CRLF in a cell: one line break


def test_csv_crlf_line_endings(tmp_path: Path) -> None:
    loaded = _ok(tmp_path, "c.csv", "id,lang\r\na,en\r\n\r\nb,fr\r\n")
    assert [(e.values, e.line) for e in loaded.entries] == [
        ({"id": "a", "lang": "en"}, 2), ({"id": "b", "lang": "fr"}, 4)]


def test_csv_too_many_cells(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.csv",
                  "id,lang\n"
                  "a,en,,\n"          # extra cells that are empty are fine
                  "b,fr,oops\n"
                  '"c\nc",es,x,y\n')
    assert _problems(path) == [
        f"{path}:3: row has 3 cells but the header has 2",
        f"{path}:4: row has 4 cells but the header has 2",
    ]


def test_csv_fewer_cells_than_header_is_fine(tmp_path: Path) -> None:
    loaded = _ok(tmp_path, "c.csv", "id,lang,headline\na,en\n")
    assert loaded.entries[0].values == {"id": "a", "lang": "en"}


def test_csv_repeated_column(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.csv", "id,lang,id\na,en,b\n")
    assert _problems(path) == [f"{path}:1: id: column 3 repeats column 1"]


def test_csv_utf8_bom_is_accepted(tmp_path: Path) -> None:
    loaded = _ok(tmp_path, "bom.csv", "\ufeffid,lang\r\nécole,fr\r\n".encode())
    # the first column is "id", not "\ufeffid"
    assert loaded.entries[0].values == {"id": "école", "lang": "fr"}
    assert loaded.entries[0].line == 2


def test_csv_in_windows_1252_is_read_and_the_assumption_said(tmp_path: Path) -> None:
    path = _write(tmp_path, "latin1.csv", "id,lang\na,en\nécole,fr\n".encode("cp1252"))
    loaded = load(path)
    assert loaded.entries[1].values["id"] == "école"
    # "id,lang\n" (8) + "a,en\n" (5): the "é" is byte 13
    assert loaded.notes == ["not UTF-8 (byte 0xE9 at offset 13): decoded as Windows-1252, as "
                            "Excel saves it; if letters look wrong, pass --encoding"]


def test_csv_that_no_encoding_decodes_names_byte_offset_and_line(tmp_path: Path) -> None:
    # 0x81 is undefined in Windows-1252 and invalid in UTF-8; UTF-16 would need NULs.
    path = _write(tmp_path, "bad.csv", b"id,lang\na,en\n\x81cole,fr\n")
    assert _problems(path) == [f"{path}:3: not valid UTF-8 at byte 13 (0x81); save the file "
                               "as UTF-8"]


def test_forced_encoding_that_fails_suggests_a_likely_one(tmp_path: Path) -> None:
    path = _write(tmp_path, "fr.csv", "id,lang\nécole,fr\n".encode("cp1252"))
    with pytest.raises(InputError) as caught:
        load(path, encoding="utf-8")
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:2: not valid UTF-8 at byte 8 (0xE9); it looks like cp1252: pass --encoding "
        "cp1252, or save the file as UTF-8"]


def test_yaml_invalid_utf8_names_byte_offset(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad.yaml", b"assets:\n  - id: \xff\n")
    assert _problems(path) == [f"{path}:2: not valid UTF-8 at byte 16 (0xFF); it looks like "
                               "cp1252: pass --encoding cp1252, or save the file as UTF-8"]


def test_invalid_utf8_after_bom_counts_the_bom(tmp_path: Path) -> None:
    path = _write(tmp_path, "bom.csv", b"\xef\xbb\xbfid,lang\na,en\n\xff\n")
    assert _problems(path) == [f"{path}:3: not valid UTF-8 at byte 16 (0xFF); it looks like "
                               "cp1252: pass --encoding cp1252, or save the file as UTF-8"]


def test_csv_empty_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "empty.csv", "")
    assert _problems(path) == [f"{path}:1: the file is empty; expected a header row"]


def test_csv_bom_only_file_is_empty(tmp_path: Path) -> None:
    path = _write(tmp_path, "empty.csv", b"\xef\xbb\xbf")
    assert _problems(path) == [f"{path}:1: the file is empty; expected a header row"]


@pytest.mark.parametrize("text", ["id,lang\n", "id,lang", "id,lang\n\n,\n \n"])
def test_csv_header_only(tmp_path: Path, text: str) -> None:
    path = _write(tmp_path, "header.csv", text)
    assert _problems(path) == [f"{path}:2: no asset rows after the header"]


def test_csv_field_too_large(tmp_path: Path) -> None:
    path = _write(tmp_path, "big.csv", 'id,lang\na,en\nb,"' + "x" * 200_000 + '"\n')
    assert _problems(path) == [
        f"{path}:3: invalid CSV: field larger than field limit (131072)"]


def test_csv_line_numbers_after_a_multi_line_header(tmp_path: Path) -> None:
    loaded = _ok(tmp_path, "c.csv", 'id,"lang\n(code)"\na,en\n')
    assert loaded.entries[0].line == 3


def test_csv_unterminated_quote_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.csv", 'id,lang,source\na,en,"Partnership, 2016\nb,fr,Source\n')
    assert len(_problems(path)) == 1


# --------------------------------------------------------------------------- any file

@pytest.mark.parametrize(("name", "shown"), [("c.numbers", "'.numbers'"), ("c.json", "'.json'"),
                                             ("campaign", "'(none)'")])
def test_unknown_extension(tmp_path: Path, name: str, shown: str) -> None:
    path = _write(tmp_path, name, "id,lang\na,en\n")
    assert _problems(path) == [f"{path}: unknown file type {shown}; use .yaml, .yml, .csv, .xlsx, .xls or .ods"]


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    assert _problems(path) == [f"{path}: cannot read the file: No such file or directory"]


def test_directory_instead_of_file(tmp_path: Path) -> None:
    path = tmp_path / "folder.csv"
    path.mkdir()
    assert _problems(path) == [f"{path}: cannot read the file: Is a directory"]
