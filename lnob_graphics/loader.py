"""Reading campaign files (YAML, CSV or a spreadsheet) into entries that remember their
line numbers.

This stage only parses: it knows nothing of goals or templates. Every value keeps
the line it came from, so validation can point at ``file:line: field`` — or, in a
spreadsheet (read by ``spreadsheet``), at ``file:Sheet1!B7: field``.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from lnob_graphics.errors import Cells, InputError, Problem, suggest
from lnob_graphics.options import MAX_ROWS


class Written(NamedTuple):
    """A value as the campaign gives it, with the line (or CSV row) it is written on.

    A value from a file's ``defaults:`` carries the line of the default."""

    value: Any
    line: int


@dataclass
class Entry:
    """One asset as written: a YAML mapping or a CSV row."""

    values: dict[str, Any]
    file: str
    line: int
    lines: dict[str, int] = field(default_factory=dict)  # line of each field
    cells: Cells | None = None  # a spreadsheet row's: the cell of each column

    def line_of(self, name: str) -> int:
        return self.lines.get(name, self.line)


@dataclass
class CampaignFile:
    path: Path
    kind: str  # "yaml", "csv" or "sheet" (a spreadsheet's sheet: read as a CSV is)
    entries: list[Entry]
    defaults: Entry | None = None
    name: str | None = None
    templates: tuple[Path, ...] = ()  # template folders named by the file, resolved
    labels: tuple[Path, ...] = ()  # labels files named by the file (top-level labels:)
    notes: list[str] = field(default_factory=list)  # what was assumed (encoding, delimiter)
    columns: tuple[str, ...] = ()  # a CSV's header
    warnings: list[Problem] = field(default_factory=list)  # read, but maybe not as meant
    cells: Cells | None = None  # a sheet's header row: where each column is named


class Commented(str):
    """A YAML value that YAML read as a comment (``hashtag: #EducationForAll``): empty, but
    it remembers the text, so that messages can say how to write it."""

    comment: str

    def __new__(cls, comment: str) -> Commented:
        obj = super().__new__(cls, "")
        obj.comment = comment
        return obj


class _LineDict(dict[Any, Any]):
    """A mapping that remembers the line of each key and of itself."""

    line: int = 0
    key_lines: dict[Any, int]


class _Loader(yaml.SafeLoader):
    """PyYAML's own parser: its error messages say what is wrong (libyaml's are terser)."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> _LineDict:
    loader.flatten_mapping(node)  # YAML merge keys (<<: *defaults)
    result = _LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    seen: dict[Any, int] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a plain name, not a list or mapping", key_node.start_mark)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (first on line {seen[key]})",
                key_node.start_mark)
        seen[key] = line
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


# libyaml's parser, when PyYAML has it (its wheels do): ~6x faster on a big campaign, the
# same nodes, marks and constructors. A file it refuses is parsed again by _Loader, for
# the message.
_C_LOADER: type[yaml.SafeLoader] | None = getattr(yaml, "CSafeLoader", None)


class _FastLoader(_C_LOADER or yaml.SafeLoader):  # type: ignore[misc]
    pass


def read_yaml(text: str) -> Any:
    """Plain YAML (goal data, fonts, template sidecars) at libyaml's speed; a file it
    refuses raises PyYAML's own error, which says what is wrong."""
    try:
        return yaml.load(text, Loader=_C_LOADER or yaml.SafeLoader)
    except yaml.YAMLError:
        return yaml.safe_load(text)


# A campaign's values are text, as written: YAML 1.1 would read `goal: 010` as 8 (octal),
# `stat: 1.50` as 1.5, `1_000` as 1000, `12:30` as 750 and `2024-03-08` as a date — the card
# would show something else than the file says. Only empty/null, true/false (YAML 1.2's
# booleans: `lang: no` stays Norwegian) and merge keys (<<) are read as YAML values;
# the fields parse their own numbers (data.neutral_number), in the campaign's style.
_KEPT_TAGS = ("tag:yaml.org,2002:null", "tag:yaml.org,2002:merge")
for _cls in (_Loader, _FastLoader):
    _cls.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _cls.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag in _KEPT_TAGS]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _cls.add_implicit_resolver("tag:yaml.org,2002:bool",
                               re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))

TOP_LEVEL_KEYS = ("campaign", "templates", "labels", "ignore", "defaults", "assets")


def parse_yaml(text: str) -> Any:
    """YAML whose mappings remember the line of each key (``key_lines``), for messages that
    point at a line (a campaign's labels file)."""
    try:
        return yaml.load(text, Loader=_FastLoader)
    except yaml.YAMLError:
        return yaml.load(text, Loader=_Loader)  # raises again, with PyYAML's words


def load(path: Path, encoding: str | None = None, delimiter: str | None = None,
         max_rows: int = MAX_ROWS, repair_text: bool = False,
         sheet: str | None = None, ignore: Sequence[str] = ()) -> CampaignFile:
    """Parse one campaign file; raises InputError naming the file and line.

    A CSV may come in any encoding spreadsheets write (see ``decode``) and with ``,``
    ``;``, tab or ``|`` between cells; what was detected rather than certain is said
    in ``CampaignFile.notes``. ``encoding`` and ``delimiter`` override the detection.
    Text that shows the marks of a wrong decoding (``Ã©`` for ``é``) stops the file,
    unless ``repair_text`` (then it is repaired, with a note per cell).
    A spreadsheet (.xlsx, .xls, .ods) is read by ``spreadsheet.load_sheet``: ``sheet``
    (or ``file.xlsx#Sheet2``) chooses its sheet."""
    if _is_spreadsheet(path):
        sheet_file = _load_spreadsheet(path, sheet, max_rows)
        _drop_ignored(sheet_file, ignore)
        _check_garbled(sheet_file, repair_text)  # (a cell pasted from a garbled file)
        return sheet_file
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError([Problem(name, None, None, f"cannot read the file: {error.strerror}")]) from None
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        text, notes = decode(raw, name, encoding or "utf-8")
        loaded = _load_yaml(path, text)
    elif suffix in (".csv", ".tsv", ".txt"):
        text, notes = decode(raw, name, encoding)
        if "\x00" in text:
            offset = raw.find(b"\x00") if b"\x00" in raw else text.index("\x00")
            raise InputError([Problem(name, raw[:offset].count(b"\n") + 1, None,
                                      f"a NUL byte at offset {offset}: this is not a text file "
                                      "(or pass --encoding utf-16)")])
        sep = delimiter or _detect_delimiter(text)
        if delimiter is None and sep != ",":
            notes.append(f"cells separated by {_DELIMITER_NAMES[sep]} (detected)")
        loaded = _load_csv(path, text, sep)
    else:
        raise InputError([Problem(name, None, None, f"unknown file type {suffix or '(none)'!r}; "
                                                    "use .yaml, .yml, .csv, .xlsx, .xls or .ods")])
    loaded.notes.extend(notes)
    if len(loaded.entries) > max_rows:  # (before reading every cell again for garbling)
        raise InputError([Problem(name, None, None,
                                  f"{len(loaded.entries):,} assets; the limit is {max_rows:,} per "
                                  "file (split the file, or raise it with --max-rows)")])
    _drop_ignored(loaded, ignore)
    _check_garbled(loaded, repair_text)
    return loaded


def _is_spreadsheet(path: Path) -> bool:
    from lnob_graphics.spreadsheet import split_sheet, spreadsheet_kind

    return spreadsheet_kind(split_sheet(path)[0]) is not None


def _load_spreadsheet(path: Path, sheet: str | None, max_rows: int) -> CampaignFile:
    from lnob_graphics.spreadsheet import load_sheet, split_sheet

    path, named = split_sheet(path)
    return load_sheet(path, named or sheet, max_rows)


_DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "vertical bars"}


def _drop_ignored(loaded: CampaignFile, names: Sequence[str]) -> None:
    """Columns or fields the campaign keeps for itself (``ignore: [notes, comment]`` in YAML,
    ``--ignore notes``), whatever their case: never read, never reported as unknown."""
    if not names:
        return
    ignored = {" ".join(str(n).split()).casefold() for n in names}

    def kept(key: object) -> bool:
        return " ".join(str(key).split()).casefold() not in ignored

    for entry in [*loaded.entries, *filter(None, [loaded.defaults])]:
        entry.values = {k: v for k, v in entry.values.items() if kept(k)}
    loaded.columns = tuple(c for c in loaded.columns if kept(c))


def _check_garbled(loaded: CampaignFile, repair: bool) -> None:
    """Text decoded with the wrong encoding somewhere on its way (``dâ€™Afrique`` for
    ``d’Afrique``: a UTF-8 file opened as Windows-1252 in Excel and saved again) is found
    with ftfy, which also knows the repair. It never reaches a card silently. (ASCII text
    cannot be wrongly decoded — ftfy returns it as it is — so a file of ASCII text alone
    does not load ftfy: ~50 ms saved at every start.)"""
    entries = [*loaded.entries, *filter(None, [loaded.defaults])]
    if all(text.isascii() for entry in entries for key, value in entry.values.items()
           for _where, text in _texts(str(key), value)):
        return
    import ftfy

    problems = []
    for entry in entries:
        for key, value in entry.values.items():
            for where, text in _texts(str(key), value):
                repaired = ftfy.fix_encoding(text)
                if repaired == text:
                    continue
                if repair:
                    entry.values[key] = _replaced(value, text, repaired)
                    loaded.notes.append(f"line {entry.line_of(str(key))}, {where}: repaired "
                                        f"{text!r} → {repaired!r} (--repair-text)")
                    continue
                problems.append(Problem(
                    entry.file, entry.line_of(str(key)), where,
                    f"looks wrongly decoded: {text!r} would read {repaired!r}; the file was "
                    "saved in another encoding than it was opened in. In Excel: File ▸ Save "
                    "As ▸ \"CSV UTF-8 (Comma delimited)\", then check the text; or run with "
                    "--repair-text to repair it", str(entry.values.get("id") or "") or None))
    if problems:
        raise InputError(problems)


def _texts(field: str, value: Any) -> list[tuple[str, str]]:
    """Every text in a value, with the field it is in (``headline.fr`` for a translation)."""
    if isinstance(value, str):
        return [(field, value)]
    if isinstance(value, dict):
        return [pair for key, item in value.items() for pair in _texts(f"{field}.{key}", item)]
    if isinstance(value, list):
        return [pair for item in value for pair in _texts(field, item)]
    return []


def _replaced(value: Any, old: str, new: str) -> Any:
    if isinstance(value, str):
        return new if value == old else value
    if isinstance(value, dict):
        return {k: _replaced(v, old, new) for k, v in value.items()}
    if isinstance(value, list):
        return [_replaced(v, old, new) for v in value]
    return value


def decode(raw: bytes, name: str, encoding: str | None = None) -> tuple[str, list[str]]:
    """Text from a file's bytes, and notes on what was assumed.

    With a byte-order mark: UTF-8 or UTF-16 ("Unicode text" from Excel). Otherwise
    UTF-8 if it decodes, UTF-16 if every other byte is zero, else Windows-1252 (what
    Excel on Windows saves for French, Spanish and Portuguese) — said in a note. A file
    that none of these decode is an error with the byte offset and a likely encoding:
    never garbled letters in an image."""
    notes: list[str] = []
    if encoding is not None:
        try:
            return raw.decode(_python_codec(encoding, raw)).removeprefix("\ufeff"), notes
        except LookupError:
            raise InputError([Problem(name, None, None, f"unknown encoding {encoding!r}; "
                                      "e.g. utf-8, utf-16, cp1252, latin-1")]) from None
        except UnicodeDecodeError as error:
            raise InputError([_decode_problem(name, raw, error, encoding)]) from None
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            try:
                return raw.decode(codec), notes
            except UnicodeDecodeError as error:
                raise InputError([_decode_problem(name, raw, error, codec)]) from None
    if len(raw) >= 4 and raw.count(0) * 3 >= len(raw):  # UTF-16 without a BOM
        codec = "utf-16-le" if raw[1] == 0 else "utf-16-be"
        try:
            text = raw.decode(codec)
            notes.append(f"decoded as {codec.upper()} (detected; it has no byte-order mark)")
            return text, notes
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8"), notes
    except UnicodeDecodeError as error:
        first = error
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError([_decode_problem(name, raw, first, "utf-8")]) from None
    notes.append(f"not UTF-8 (byte 0x{raw[first.start]:02X} at offset {first.start}): decoded as "
                 "Windows-1252, as Excel saves it; if letters look wrong, pass --encoding")
    return text, notes


def _python_codec(encoding: str, raw: bytes) -> str:
    codec = codecs.lookup(encoding).name
    if codec == "utf-8" and raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    return codec


def _decode_problem(name: str, raw: bytes, error: UnicodeDecodeError, encoding: str) -> Problem:
    offset = error.start
    if encoding == "utf-8-sig" and raw.startswith(codecs.BOM_UTF8):
        offset += len(codecs.BOM_UTF8)  # utf-8-sig counts from after the BOM
    # UTF-16 decodes almost any even number of bytes: suggest it only when it has zeros.
    candidates = ("utf-8", "cp1252") + (("utf-16",) if raw.count(0) * 4 >= len(raw) else ())
    likely = next((c for c in candidates if c != codecs.lookup(encoding).name
                   and _decodes(raw, c)), None)
    hint = (f"it looks like {likely}: pass --encoding {likely}, or save the file as UTF-8"
            if likely else "save the file as UTF-8")
    line = raw[:offset].count(b"\n") + 1
    return Problem(name, line, None, f"not valid {encoding.upper().replace('-SIG', '')} at byte "
                                     f"{offset} (0x{raw[offset]:02X}); {hint}")


def _decodes(raw: bytes, codec: str) -> bool:
    try:
        raw.decode(codec)
        return True
    except UnicodeDecodeError:
        return False


def _detect_delimiter(text: str) -> str:
    """The separator used most in the header row (outside quotes); a comma if none."""
    header = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char == "\n" and not quoted:
            break
        elif not quoted:
            header.append(char)
    counts = {sep: header.count(sep) for sep in _DELIMITER_NAMES}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


MAX_NODES = 200_000  # values once aliases (*name) are expanded: "billion laughs" guard


def _check_expansion(text: str, name: str) -> None:
    """Refuse YAML whose aliases expand to more than MAX_NODES values: nested aliases
    (``b: [*a, *a, …]``, ``c: [*b, *b, …]`` …) can reach gigabytes from a few lines."""
    try:
        root = yaml.compose(text, Loader=_FastLoader)
    except yaml.YAMLError:
        return  # reported, with its line, by the real parse
    sizes: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        known = sizes.get(id(node))
        if known is not None:
            return known
        sizes[id(node)] = 1  # a cycle counts once
        if isinstance(node, yaml.SequenceNode):
            total = 1 + sum(size(child) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            total = 1 + sum(size(k) + size(v) for k, v in node.value)
        else:
            total = 1
        sizes[id(node)] = total
        return total

    if root is not None and size(root) > MAX_NODES:
        raise InputError([Problem(name, 1, None,
                                  f"its aliases (*name) expand to more than {MAX_NODES:,} values "
                                  "('billion laughs'); write the values out instead")])


def _yaml_problem(name: str, lines: list[str], error: yaml.YAMLError) -> Problem:
    """A YAML syntax error as a campaigner can act on it: what is wrong in plain words,
    the line as written, and the fix."""
    if not isinstance(error, yaml.MarkedYAMLError):
        return Problem(name, None, None, f"invalid YAML: {error}")
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return Problem(name, None, None, f"invalid YAML: {error.problem or error}")
    line, column = mark.line + 1, mark.column
    text = lines[line - 1] if line <= len(lines) else ""
    problem = str(error.problem or error)
    shown = text.strip()
    quoted = f' (the line: "{shown}")' if shown else ""
    if "'\\t'" in problem or "\t" in text[:column + 1]:
        hint = ("a tab: YAML indents with spaces only; replace the tab at the start of the line "
                "with spaces")
    elif "mapping values are not allowed" in problem and ": " in text[:column]:
        key, _, value = shown.partition(": ")
        hint = ("a value holds ': ', which YAML reads as a new field; put the whole value in "
                f'quotes: {key}: "{value}"')
    elif "mapping values are not allowed" in problem:
        hint = "this field is indented more than the one above it; line them up"
    elif "sequence entries are not allowed" in problem:
        hint = ("a list item ('- ') where a value was expected: put the list on the lines under "
                "the field, each item indented and starting with '- '")
    elif "expected <block end>" in problem or "did not find expected '-' indicator" in problem:
        hint = ("the indentation does not match the lines above: each asset starts with '- ' "
                "and its fields line up under its first one")
    elif "unexpected end of stream" in problem and error.context_mark is not None \
            and "quoted scalar" in str(error.context):
        line = error.context_mark.line + 1
        opened = lines[line - 1].strip() if line <= len(lines) else ""
        hint = "a quote (\" or ') is opened here and never closed"
        quoted = f' (the line: "{opened}")' if opened else ""
    elif "expected ',' or ']'" in problem and error.context_mark is not None:
        line = error.context_mark.line + 1
        opened = lines[line - 1].strip() if line <= len(lines) else ""
        hint = "a list in brackets ([ ) is opened here and never closed with ]"
        quoted = f' (the line: "{opened}")' if opened else ""
    elif isinstance(error, yaml.constructor.ConstructorError):  # ours: already plain words
        return Problem(name, line, None, f"invalid YAML: {problem}")
    else:
        return Problem(name, line, None, f"invalid YAML: {problem}{quoted}")
    return Problem(name, line, None, f"invalid YAML: {hint}{quoted}")


def _mark_comments(node: Any, lines: list[str], found: list[tuple[int, str, str]]) -> Any:
    """Empty values whose line shows ``key: #text``: YAML read the text as a comment."""
    if isinstance(node, list):
        return [_mark_comments(item, lines, found) for item in node]
    if not isinstance(node, _LineDict):
        return node
    for key, value in list(node.items()):
        if value is None:
            line = node.key_lines.get(key, 0)
            text = lines[line - 1] if 0 < line <= len(lines) else ""
            match = re.match(rf"\s*(?:-\s+)?['\"]?{re.escape(str(key))}['\"]?\s*:\s+(#.*?)\s*$",
                             text)
            if match:
                node[key] = Commented(match.group(1))
                found.append((line, str(key), match.group(1)))
        else:
            node[key] = _mark_comments(value, lines, found)
    return node


def _load_yaml(path: Path, text: str) -> CampaignFile:
    name = str(path)
    _check_expansion(text, name)
    lines = text.splitlines()
    try:
        try:
            data = yaml.load(text, Loader=_FastLoader)
        except yaml.YAMLError:
            data = yaml.load(text, Loader=_Loader)  # raises again, with PyYAML's words
    except yaml.YAMLError as error:
        raise InputError([_yaml_problem(name, lines, error)]) from None
    commented: list[tuple[int, str, str]] = []
    data = _mark_comments(data, lines, commented)
    warnings = [Problem(name, line, key, f"empty: YAML reads everything after ' #' as a comment; "
                                         f'if {comment!r} is the value, put it in quotes: '
                                         f'{key}: "{comment}"')
                for line, key, comment in commented]
    if not isinstance(data, _LineDict):
        raise InputError([Problem(name, 1, None,
                                  "expected a mapping with an 'assets:' list at the top level")])
    problems: list[Problem] = []
    for key in data:
        if key not in TOP_LEVEL_KEYS:
            problems.append(Problem(name, data.key_lines[key], str(key),
                                    f"unknown top-level key{suggest(str(key), TOP_LEVEL_KEYS)}; "
                                    f"expected one of: {', '.join(TOP_LEVEL_KEYS)}"))
    assets = data.get("assets")
    if not isinstance(assets, list) or not assets:
        problems.append(Problem(name, data.key_lines.get("assets", 1), "assets",
                                "expected a non-empty list of assets"))
        raise InputError(problems)
    entries: list[Entry] = []
    for index, item in enumerate(assets):
        if not isinstance(item, _LineDict):
            problems.append(Problem(name, data.key_lines["assets"], f"assets[{index}]",
                                    "each asset must be a mapping of field: value"))
            continue
        entries.append(Entry(dict(item), name, item.line, dict(item.key_lines)))
    defaults = None
    raw_defaults = data.get("defaults")
    if raw_defaults is not None:
        if isinstance(raw_defaults, _LineDict):
            defaults = Entry(dict(raw_defaults), name, raw_defaults.line, dict(raw_defaults.key_lines))
        else:
            problems.append(Problem(name, data.key_lines["defaults"], "defaults",
                                    "expected a mapping of field: value"))
    if problems:
        raise InputError(problems)
    folders = _template_folders(path, data.get("templates"), data.key_lines.get("templates", 1),
                                problems)
    labels = _labels_files(path, data.get("labels"), data.key_lines.get("labels", 1), problems)
    if problems:
        raise InputError(problems)
    campaign = data.get("campaign")
    ignore = data.get("ignore")
    loaded = CampaignFile(path, "yaml", entries, defaults, str(campaign) if campaign else None,
                          folders, warnings=warnings, labels=labels)
    if ignore is not None:
        names = ignore if isinstance(ignore, list) else [ignore]
        if not all(isinstance(n, str) for n in names):
            raise InputError([Problem(name, data.key_lines["ignore"], "ignore",
                                      "expected a list of field names, e.g. [notes, comment]")])
        _drop_ignored(loaded, names)
    return loaded


def _template_folders(path: Path, value: Any, line: int,
                      problems: list[Problem]) -> tuple[Path, ...]:
    """``templates:`` a folder (or a list of folders) of the campaign's own templates,
    relative to the campaign file and inside its folder."""
    if value is None:
        return ()
    names = value if isinstance(value, list) else [value]
    base = path.parent.resolve()
    folders = []
    for name in names:
        folder = (base / str(name)).resolve()
        if not folder.is_relative_to(base):
            problems.append(Problem(str(path), line, "templates",
                                    f"{str(name)!r} is outside the campaign's folder {base}"))
        elif not folder.is_dir():
            problems.append(Problem(str(path), line, "templates",
                                    f"{str(name)!r}: no such folder beside the campaign file"))
        else:
            folders.append(folder)
    return tuple(folders)


def _labels_files(path: Path, value: Any, line: int,
                  problems: list[Problem]) -> tuple[Path, ...]:
    """``labels:`` a labels file (or a list of them) beside the campaign file: the campaign's
    own goal names and labels (lnob_graphics/labels.py)."""
    if value is None:
        return ()
    base = path.parent.resolve()
    files = []
    for name in value if isinstance(value, list) else [value]:
        if not isinstance(name, str) or not name.strip():
            problems.append(Problem(str(path), line, "labels", "expected the name of a labels "
                                    "file beside the campaign file, e.g. labels: tg-labels.yaml"))
            continue
        file = (base / name.strip().replace("\\", "/")).resolve()
        if not file.is_relative_to(base):
            problems.append(Problem(str(path), line, "labels",
                                    f"{name!r} is outside the campaign's folder {base}"))
        elif not file.is_file():
            problems.append(Problem(str(path), line, "labels",
                                    f"{name!r}: no such file beside the campaign file (`lnob "
                                    "labels LANG --template` prints one to fill in)"))
        else:
            files.append(file)
    return tuple(files)


def _load_csv(path: Path, text: str, delimiter: str = ",") -> CampaignFile:
    name = str(path)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError([Problem(name, 1, None, "the file is empty; expected a header row")]) from None
    except csv.Error as error:
        raise InputError([Problem(name, reader.line_num or 1, None,
                                  f"invalid CSV in the header: {error}")]) from None
    header = [h.strip() for h in header]
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for column, title in enumerate(header, start=1):
        if title and title in seen:
            problems.append(Problem(name, 1, title, f"column {column} repeats column {seen[title]}"))
        seen.setdefault(title, column)
    entries: list[Entry] = []
    line = reader.line_num + 1  # the header may span lines (a quoted line break)
    try:
        for row in reader:
            start = line
            line = reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue  # blank line or a row of empty cells (spreadsheets add them)
            if len(row) > len(header) and any(cell.strip() for cell in row[len(header):]):
                problems.append(Problem(name, start, None,
                                        f"row has {len(row)} cells but the header has {len(header)}"))
                continue
            # A line break inside a quoted cell is a line break, whichever the file used.
            # A column whose name starts with # holds the campaign's own notes: skipped.
            values = {h: cell.strip().replace("\r\n", "\n").replace("\r", "\n")
                      for h, cell in zip(header, row, strict=False)
                      if h and not h.startswith("#") and cell.strip()}
            entries.append(Entry(values, name, start, {h: start for h in values}))
    except csv.Error as error:
        problems.append(Problem(name, reader.line_num, None, f"invalid CSV: {error}"))
    if problems:
        raise InputError(problems)
    if not entries:
        raise InputError([Problem(name, 2, None, "no asset rows after the header")])
    return CampaignFile(path, "csv", entries,
                        columns=tuple(h for h in header if h and not h.startswith("#")))
