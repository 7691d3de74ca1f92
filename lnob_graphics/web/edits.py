"""A value changed in the page, written back into the campaign file it came from, in
that file's own form: a CSV keeps its encoding (and byte-order mark), its delimiter and
its line endings; a YAML file is changed only where the value is written (its comments,
order and quoting elsewhere stay as they were); an .xlsx changes one cell.

The file is then read again by the same reader as `lnob render`, so what the page shows
is what the command line would make of the saved file.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from pathlib import Path

import yaml

from lnob_graphics.campaign import Asset
from lnob_graphics.loader import _detect_delimiter, decode


class EditError(Exception):
    """A change that cannot be written back: the message says why and what to do."""


def set_value(path: Path, asset: Asset, field: str, lang: str | None, value: str | list[str],
              texts: tuple[str, ...] = ()) -> None:
    """Write ``value`` as ``field`` of ``asset`` (in ``lang`` when the field is text in
    several languages; None for goal, template, platforms, languages) into ``path``. In
    YAML, a value the asset takes from the campaign's ``defaults:`` is changed there (for
    every asset that uses it, as the file says) — except ``languages``, always written on
    the asset itself. ``texts``: the asset's text fields; when ``languages`` makes an
    asset of one language one of several, its plain texts in YAML become maps in that
    language (``headline: Only`` → ``headline: {en: "Only"}``), so that a new language
    never shows another's text (a spreadsheet row's texts are per column already)."""
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml") and field == "languages" and isinstance(value, list):
        _set_yaml_languages(path, asset, value, texts)
    elif suffix in (".yaml", ".yml"):
        _set_yaml(path, asset, field, lang, value)
    elif suffix in (".csv", ".tsv", ".txt"):
        _set_csv(path, asset, field, lang, value)
    elif suffix == ".xlsx":
        _set_xlsx(path, asset, field, lang, value)
    else:
        raise EditError(f"{path.name}: changes cannot be written into a {suffix} file; "
                        "save it as .xlsx or .csv in your spreadsheet program and drop that")


# --- CSV ------------------------------------------------------------------------------------

def _codec(raw: bytes) -> str:
    """The encoding to write a CSV back in: the one its bytes were read in."""
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if len(raw) >= 4 and raw.count(0) * 3 >= len(raw):
        return "utf-16-le" if raw[1] == 0 else "utf-16-be"
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1252"


def _column(header: list[str], field: str, lang: str | None, row_lang: str | None) -> int | None:
    names = [h.strip().lower() for h in header]
    keys = [f"{field}_{lang}".lower(), f"{field}_{lang.split('-')[0]}".lower()] if lang else []
    if lang is None or row_lang is None or row_lang.lower() == lang.lower() \
            or not any(n.startswith(f"{field}_") for n in names):
        keys.append(field.lower())
    return next((names.index(k) for k in keys if k in names), None)


def _set_csv(path: Path, asset: Asset, field: str, lang: str | None,
             value: str | list[str]) -> None:
    raw = path.read_bytes()
    codec = _codec(raw)
    text, _ = decode(raw, path.name)
    delimiter = _detect_delimiter(text)
    ending = "\r\n" if "\r\n" in text else "\n"
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=delimiter)
    rows: list[list[str]] = []
    target = None
    line = 1
    for row in reader:
        if target is None and line == asset.line and rows:
            target = len(rows)
        rows.append(row)
        line = reader.line_num + 1
    if target is None:
        raise EditError(f"{path.name}:{asset.line}: the row of {asset.id} is no longer there; "
                        "drop the file again")
    header = rows[0]
    lang_column = _column(header, "lang", None, None)
    row_lang = rows[target][lang_column] if lang_column is not None and \
        lang_column < len(rows[target]) else None
    column = _column(header, field, lang, row_lang)
    if column is None:
        raise EditError(f"{path.name}: no column for {field}"
                        + (f" in {lang} ({field}_{lang})" if lang else "")
                        + "; add the column in your spreadsheet program")
    row = rows[target]
    row += [""] * (column + 1 - len(row))
    row[column] = " ".join(value) if isinstance(value, list) else value
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator=ending).writerows(rows)
    out = buffer.getvalue()
    if not text.endswith(("\n", "\r")):
        out = out.removesuffix(ending)
    path.write_bytes(out.encode(codec))


# --- YAML -----------------------------------------------------------------------------------

def _scalar_text(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string escapes are YAML's)."""
    return json.dumps(value, ensure_ascii=False)


def _asset_node(root: yaml.Node | None, asset_id: str) -> yaml.MappingNode | None:
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, node in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "assets" \
                and isinstance(node, yaml.SequenceNode):
            for item in node.value:
                if isinstance(item, yaml.MappingNode) and any(
                        isinstance(k, yaml.ScalarNode) and k.value == "id"
                        and isinstance(v, yaml.ScalarNode) and v.value == asset_id
                        for k, v in item.value):
                    return item
    return None


def _defaults_node(root: yaml.Node | None) -> yaml.MappingNode | None:
    if not isinstance(root, yaml.MappingNode):
        return None
    node = _get(root, "defaults")
    return node if isinstance(node, yaml.MappingNode) else None


def _get(mapping: yaml.MappingNode, key: str) -> yaml.Node | None:
    return next((v for k, v in mapping.value
                 if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def _replace(text: str, node: yaml.Node, new: str) -> str:
    start, end = node.start_mark.index, node.end_mark.index
    old = text[start:end]
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        new += "\n" * (len(old) - len(old.rstrip("\n")))
    return text[:start] + new + text[end:]


def _add(text: str, mapping: yaml.MappingNode, key: str, new: str) -> str:
    """``key: new`` added at the end of a mapping (flow or block)."""
    if mapping.flow_style:
        close = mapping.end_mark.index - 1
        joint = ", " if mapping.value else ""
        return text[:close].rstrip() + f"{joint}{key}: {new}" + text[close:]
    indent = mapping.value[0][0].start_mark.column if mapping.value else 2
    cut = (mapping.value[-1][1] if mapping.value else mapping).end_mark.index
    line = " " * indent + f"{key}: {new}"
    if cut and text[cut - 1] == "\n":  # a nested block ends at the start of the next line
        return text[:cut] + line + "\n" + text[cut:]
    line_end = text.find("\n", cut)
    if line_end < 0:
        return text + "\n" + line + "\n"
    return text[:line_end] + "\n" + line + text[line_end:]


def _asset_in(path: Path, asset: Asset) -> tuple[str, yaml.Node | None, yaml.MappingNode]:
    """The YAML file's text, its node tree and the asset's mapping in it."""
    text = path.read_text(encoding="utf-8")
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    mapping = _asset_node(root, asset.id) if root is not None else None
    if mapping is None:
        raise EditError(f"{path.name}: the asset {asset.id!r} is not written in this file's "
                        "assets; drop the file again")
    return text, root, mapping


def _set_yaml(path: Path, asset: Asset, field: str, lang: str | None,
              value: str | list[str]) -> None:
    text, root, mapping = _asset_in(path, asset)
    new = ("[" + ", ".join(_scalar_text(v) for v in value) + "]" if isinstance(value, list)
           else _scalar_text(value))
    node = _get(mapping, field)
    defaults = _defaults_node(root)
    if node is None and defaults is not None and _get(defaults, field) is not None:
        mapping, node = defaults, _get(defaults, field)  # the campaign's default: changed there
    if node is None:
        if lang is not None and _get(mapping, "lang") is None:  # an asset in several languages
            new = "{" + f"{lang}: {new}" + "}"
        text = _add(text, mapping, field, new)
    elif isinstance(node, yaml.MappingNode) and lang is not None:
        inner = _get(node, lang)
        if inner is None:
            text = _add(text, node, lang, new)
        elif isinstance(inner, yaml.ScalarNode):
            text = _replace(text, inner, new)
        else:
            raise EditError(f"{path.name}:{inner.start_mark.line + 1}: {field}.{lang} is not "
                            "one text; change it in the file")
    elif isinstance(node, (yaml.ScalarNode, yaml.SequenceNode)):
        text = _replace(text, node, new)
    else:
        raise EditError(f"{path.name}:{node.start_mark.line + 1}: {field} is not one text; "
                        "change it in the file")
    path.write_text(text, encoding="utf-8")


def _set_yaml_languages(path: Path, asset: Asset, value: list[str],
                        texts: tuple[str, ...]) -> None:
    """``languages`` on the asset itself (its ``lang:`` becomes ``languages:``); the
    texts of an asset in one language first made maps in that language."""
    text, root, mapping = _asset_in(path, asset)
    defaults = _defaults_node(root)
    before = _languages_of(mapping) or (_languages_of(defaults) if defaults else None) or []
    if len(before) == 1 and len(value) > 1:
        owned: list[tuple[str, yaml.ScalarNode, bool]] = []
        for name in texts:  # the asset's own value, else its default's
            own = _get(mapping, name)
            written = own if own is not None else (_get(defaults, name) if defaults else None)
            if isinstance(written, yaml.ScalarNode) and written.value != "" \
                    and written.tag != "tag:yaml.org,2002:null":
                owned.append((name, written, own is not None))
        # from the last in the file to the first: the earlier marks stay true
        for _name, scalar, _own in sorted((o for o in owned if o[2]),
                                          key=lambda o: -o[1].start_mark.index):
            text = _replace(text, scalar, "{" + f"{before[0]}: {_scalar_text(scalar.value)}" + "}")
        for name, default, _own in (o for o in owned if not o[2]):  # a default's: on the asset
            found = _asset_node(yaml.compose(text, Loader=yaml.SafeLoader), asset.id)
            assert found is not None
            text = _add(text, found, name,
                        "{" + f"{before[0]}: {_scalar_text(default.value)}" + "}")
        found = _asset_node(yaml.compose(text, Loader=yaml.SafeLoader), asset.id)
        assert found is not None
        mapping = found
    new = "[" + ", ".join(_scalar_text(v) for v in value) + "]"
    lang_key = next((k for k, _v in mapping.value
                     if isinstance(k, yaml.ScalarNode) and k.value == "lang"), None)
    node = _get(mapping, "languages")
    if lang_key is not None:  # lang: en → languages: [en, fr] (both would be an error)
        lang_node = _get(mapping, "lang")
        assert lang_node is not None
        text = text[:lang_key.start_mark.index] + f"languages: {new}" + \
            text[lang_node.end_mark.index:]
    elif node is not None:
        text = _replace(text, node, new)
    else:
        text = _add(text, mapping, "languages", new)
    path.write_text(text, encoding="utf-8")


def _languages_of(mapping: yaml.MappingNode) -> list[str] | None:
    lang = _get(mapping, "lang")
    if isinstance(lang, yaml.ScalarNode) and lang.value:
        return [lang.value]
    node = _get(mapping, "languages")
    if isinstance(node, yaml.SequenceNode):
        return [str(v.value) for v in node.value if isinstance(v, yaml.ScalarNode)]
    if isinstance(node, yaml.ScalarNode) and node.value:
        return str(node.value).replace(",", " ").split()
    return None


# --- XLSX -----------------------------------------------------------------------------------

def _set_xlsx(path: Path, asset: Asset, field: str, lang: str | None,
              value: str | list[str]) -> None:
    import openpyxl

    cells = asset.cells
    if cells is None:
        raise EditError(f"{path.name}: the asset {asset.id!r} has no cells; drop the file again")
    keys = [f"{field}_{lang}", f"{field}_{lang.split('-')[0]}"] if lang else []
    letter = next((cells.columns[k] for k in [*keys, field] if k in cells.columns), None)
    if letter is None:
        raise EditError(f"{path.name}: no column for {field}"
                        + (f" in {lang} ({field}_{lang})" if lang else "")
                        + "; add the column in your spreadsheet program")
    book = openpyxl.load_workbook(path)
    try:
        sheet = book[cells.sheet]
        sheet[f"{letter}{cells.row}"] = " ".join(value) if isinstance(value, list) else value
        book.save(path)
    finally:
        book.close()
