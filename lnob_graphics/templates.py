"""The template registry: built-in and user templates, their metadata, the Jinja environment.

A template is either
- ``NAME.svg.j2`` (the SVG, with Jinja for layout logic) with ``NAME.yaml`` beside it
  (its metadata: description, fields, formats, alt text); or
- a designer's plain SVG, ``NAME.svg`` or one per format (``NAME.wide.svg`` …), with
  its boxes marked by id (see ``marked``); ``NAME.yaml`` is optional there: without
  it, the fields are read from the marked boxes.
Files whose name starts with ``_`` are shared partials (macros), not templates.
User folders come first, so a user template overrides a built-in of the same name.

Autoescape is on for every template (Jinja's ``select_autoescape`` would *not*
escape ``.svg.j2``), undefined names are errors, and templates run in Jinja's
sandbox. User data is only ever passed as context values — never compiled.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from lnob_graphics import marked
from lnob_graphics.data import FIELD_TYPES
from lnob_graphics.loader import read_yaml
from lnob_graphics.paths import bundled_dir

if TYPE_CHECKING:  # Jinja loads when a template is first run (a re-run may run none)
    from jinja2 import Template
    from jinja2.sandbox import SandboxedEnvironment

TEMPLATE_SUFFIX = ".svg.j2"


@dataclass(frozen=True)
class FieldSpec:
    name: str
    required: bool
    description: str
    max_length: int
    type: str = "text"  # one of data.FIELD_TYPES
    role: str | None = None  # primary | secondary | tertiary, for the design check (design.py)

    @property
    def keys(self) -> tuple[str, ...]:
        """The keys a campaign may use for this field (a series may come from a file)."""
        return (self.name, self.name + "_file") if self.type == "series" else (self.name,)


@dataclass(frozen=True)
class TemplateInfo:
    name: str
    description: str
    fields: dict[str, FieldSpec]
    formats: tuple[str, ...]
    example: dict[str, Any]
    alt: str  # alt-text pattern over the fields, e.g. "{goal}: {stat} — {headline}. {source}"
    source: Path
    folder: Path
    kind: str = "jinja"  # or "svg": a designer's marked SVG
    pages: tuple[str, ...] = ()  # a carousel: one slide per entry of these fields
    caption: str = "{headline}"  # the post text's pattern over the fields
    layouts: dict[str, Path] = field(default_factory=dict)  # svg kind: format -> file
    roles: dict[str, str] = field(default_factory=dict)  # the tool's words' roles (``roles:``)

    @property
    def required(self) -> list[str]:
        return [f.name for f in self.fields.values() if f.required]


class TemplateError(Exception):
    """A template or its metadata is broken (the designer's problem, not the campaigner's)."""


def _read_meta(meta_path: Path) -> dict[str, Any]:
    try:
        meta = read_yaml(meta_path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise TemplateError(f"{meta_path}: invalid YAML: {error}") from None
    if not isinstance(meta, dict):
        raise TemplateError(f"{meta_path}: expected a mapping (name, description, fields …)")
    return meta


def _fields(meta: dict[str, Any], meta_path: Path) -> dict[str, FieldSpec]:
    fields = {}
    for field_name, spec in (meta.get("fields") or {}).items():
        spec = spec or {}
        kind = str(spec.get("type", "text"))
        if kind not in FIELD_TYPES:
            raise TemplateError(f"{meta_path}: field {field_name!r}: unknown type {kind!r}; "
                                f"one of: {', '.join(FIELD_TYPES)}")
        fields[field_name] = FieldSpec(
            name=field_name,
            required=bool(spec.get("required", False)),
            description=str(spec.get("description", "")),
            max_length=int(spec.get("max_length", 400)),
            type=kind,
            role=_role(spec.get("role"), f"field {field_name!r}", meta_path),
        )
    return fields


# The roles a text can have in the design check's hierarchy (design.ROLES), and the words
# the tool adds that a template can give one (``roles: {goal_name: primary}``).
ROLES = ("primary", "secondary", "tertiary")
LABELS_WITH_ROLES = ("goal_name", "goal", "pledge", "target", "target_year", "now")


def _role(value: object, what: str, meta_path: Path) -> str | None:
    if value is None:
        return None
    if value not in ROLES:
        raise TemplateError(f"{meta_path}: {what}: unknown role {value!r}; one of: "
                            f"{', '.join(ROLES)}")
    return str(value)


def _roles(meta: dict[str, Any], meta_path: Path) -> dict[str, str]:
    """``roles:``, the roles of the words the tool adds (a field's is in ``fields:``)."""
    roles = meta.get("roles") or {}
    if not isinstance(roles, dict):
        raise TemplateError(f"{meta_path}: roles: expected a mapping such as "
                            "{goal_name: primary}")
    found = {}
    for name, value in roles.items():
        if name not in LABELS_WITH_ROLES:
            hint = (f"give a field its role in fields: {name}: role:"
                    if name in (meta.get("fields") or {}) else
                    f"the words with roles: {', '.join(LABELS_WITH_ROLES)}")
            raise TemplateError(f"{meta_path}: roles: {name!r} is not a word the tool adds "
                                f"({hint})")
        role = _role(value, f"roles: {name}", meta_path)
        if role is None:
            raise TemplateError(f"{meta_path}: roles: {name}: give a role, one of: "
                                f"{', '.join(ROLES)}")
        found[str(name)] = role
    return found


def _read_info(svg_path: Path) -> TemplateInfo:
    name = svg_path.name[: -len(TEMPLATE_SUFFIX)]
    meta_path = svg_path.with_name(name + ".yaml")
    if not meta_path.is_file():
        raise TemplateError(f"{svg_path}: missing metadata file {meta_path.name}")
    meta = _read_meta(meta_path)
    return TemplateInfo(
        name=name,
        description=str(meta.get("description", "")),
        fields=_fields(meta, meta_path),
        formats=tuple(meta.get("formats", ("square", "portrait", "tall", "wide"))),
        example={str(k): v for k, v in (meta.get("example") or {}).items()},
        alt=str(meta.get("alt", "")),
        source=svg_path,
        folder=svg_path.parent,
        pages=tuple(str(p) for p in (meta.get("pages") or ())),
        caption=str(meta.get("caption", "{headline}")),
        roles=_roles(meta, meta_path),
    )


def _read_drawings(name: str, files: list[Path]) -> TemplateInfo:
    """A designer template: one drawing per format, metadata from NAME.yaml or the marks."""
    layouts: dict[str, Path] = {}
    drawings = []
    for path in sorted(files):
        try:
            drawing = marked.parse(path)
        except marked.MarkedError as error:
            raise TemplateError(str(error)) from None
        form = marked.split_name(path)[1] or drawing.format
        if form in layouts:
            raise TemplateError(f"{path}: a second {form} layout for template {name!r} "
                                f"(the first is {layouts[form].name})")
        layouts[form] = path
        drawings.append(drawing)
    meta_path = files[0].with_name(name + ".yaml")
    meta = _read_meta(meta_path) if meta_path.is_file() else {}
    fields = _fields(meta, meta_path) if meta.get("fields") else _fields_from_marks(drawings)
    return TemplateInfo(
        name=name,
        description=str(meta.get("description", f"Designer template ({', '.join(layouts)})")),
        fields=fields,
        formats=tuple(f for f in ("square", "portrait", "tall", "wide") if f in layouts),
        example={str(k): v for k, v in (meta.get("example") or {}).items()},
        alt=str(meta.get("alt", "")),
        source=files[0],
        folder=files[0].parent,
        kind="svg",
        layouts=layouts,
        caption=str(meta.get("caption", "{headline}")),
        roles=_roles(meta, meta_path),
    )


def _fields_from_marks(drawings: list[marked.Drawing]) -> dict[str, FieldSpec]:
    fields: dict[str, FieldSpec] = {}
    for drawing in drawings:
        for box in drawing.boxes:
            if box.name == "source_line" and "source" not in fields:  # "Source: …" needs one
                fields["source"] = FieldSpec("source", False, "Where it comes from.", 160)
            if box.kind == "goal" or box.name in marked.BUILT_IN_TEXT or box.name in fields:
                continue
            optional = box.options.get("optional") == "true" or box.kind == "image"
            fields[box.name] = FieldSpec(box.name, not optional, "", 400,
                                         "image" if box.kind == "image" else "text")
    return fields


@dataclass(frozen=True)
class TemplateSet:
    """The templates visible to one run: user folders first, then the built-ins."""

    folders: tuple[Path, ...]
    infos: dict[str, TemplateInfo]

    @cached_property
    def env(self) -> SandboxedEnvironment:
        return _environment(self.folders)

    def get(self, name: str) -> Template:
        return self.env.get_template(name + TEMPLATE_SUFFIX)

    @cached_property
    def goal_tile(self) -> Template:
        """The goal tile macro of ``_macros.svg.j2``, for a designer drawing's
        ``lnob-goal-tile`` box: x, y, width and height of the box come in the context, and
        whether the tile is on a panel (then the panel fills the box's height)."""
        return self.env.from_string(
            '{% import "_macros.svg.j2" as m with context %}'
            "{{ m.goal_tile(x, y, height / (1.36 if panel else 1), width, panel=panel, "
            "pad=0.18) }}")


def _environment(folders: Sequence[Path]) -> SandboxedEnvironment:
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(
        loader=FileSystemLoader([str(f) for f in folders]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )


@cache
def template_set(user_folders: tuple[Path, ...] = ()) -> TemplateSet:
    folders = (*user_folders, bundled_dir("templates"))
    infos: dict[str, TemplateInfo] = {}
    for folder in reversed(folders):  # later (user) folders override earlier (built-in)
        if not folder.is_dir():
            raise TemplateError(f"{folder}: templates folder not found")
        found: dict[str, TemplateInfo] = {}
        for svg_path in sorted(folder.glob("*" + TEMPLATE_SUFFIX)):
            if svg_path.name.startswith("_"):
                continue
            info = _read_info(svg_path)
            found[info.name] = info
        drawings: dict[str, list[Path]] = {}
        for svg_path in sorted(folder.glob("*.svg")):
            if not svg_path.name.startswith("_"):
                drawings.setdefault(marked.split_name(svg_path)[0], []).append(svg_path)
        for name, files in drawings.items():
            if name in found:
                raise TemplateError(f"{files[0]}: template {name!r} is also "
                                    f"{found[name].source.name}; keep one of them")
            found[name] = _read_drawings(name, files)
        infos.update(found)
    return TemplateSet(folders, infos)


def describe(info: TemplateInfo) -> dict[str, Any]:
    return {
        "name": info.name,
        "description": info.description,
        "fields": {f.name: {"type": f.type, "required": f.required,
                            "description": f.description}
                   for f in info.fields.values()},
        "formats": list(info.formats),
        "kind": info.kind,
    }


def example_text(info: TemplateInfo) -> str:
    """``lnob templates show``: the fields, and the example as a YAML asset and a CSV row."""
    lines = [f"{info.name} — {info.description}",
             f"formats: {', '.join(info.formats)}    kind: "
             f"{'designer SVG' if info.kind == 'svg' else 'Jinja SVG'} ({info.source.name})",
             "", "fields:"]
    width = max((len(k) for spec in info.fields.values() for k in spec.keys), default=4)
    for spec in info.fields.values():
        need = "required" if spec.required else "optional"
        lines.append(f"  {spec.name:<{width}}  {spec.type:<6}  {need:<8}  {spec.description}")
        if spec.type == "series":
            lines.append(f"  {spec.name + '_file':<{width}}  {'file':<6}  {'':<8}  or a CSV file "
                         "with label,value columns")
    row: dict[str, Any] = {"id": "example", "template": info.name, "goal": 4, "lang": "en",
                           **info.example}
    lines += ["", "example (YAML):",
              yaml.safe_dump({"assets": [row]}, allow_unicode=True, sort_keys=False).rstrip(),
              "", "example (CSV):"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(row.keys())
    writer.writerow(_cell(v) for v in row.values())
    lines.append(buffer.getvalue().rstrip())
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):  # a series
        return "; ".join(f"{item['label']}: {item['value']}" for item in value)
    if isinstance(value, list):  # a list of texts
        return " | ".join(str(v) for v in value)
    return str(value)
