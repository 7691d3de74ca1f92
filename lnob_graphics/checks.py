"""``lnob templates check``: what a designer needs to know before a campaign finds out.

For every template in a folder (or the one a file belongs to):
- the metadata reads, every field has a known type;
- the SVG is well-formed, with no external references (files, web addresses) and no
  plain ``<text>`` (the rasterizer would draw it unshaped, without fallback);
- fields used by the template are declared, declared ones are used, and a marked
  drawing has a box for every required field in every format;
- the template's example renders in every format it declares, left to right and
  right to left, with our real renderer — the check that catches everything else;
- and each of those renders passes the design check (``design.py``: line breaks inside
  numbers and words, lone last words, empty bands, text too small for a phone, hierarchy
  by the fields' roles), as warnings.
Findings carry a file and line where there is one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from xml.parsers import expat

from lnob_graphics import design, marked
from lnob_graphics.campaign import validate
from lnob_graphics.errors import InputError
from lnob_graphics.loader import CampaignFile, Entry
from lnob_graphics.platforms import PLATFORMS
from lnob_graphics.render import RenderError, render_svg
from lnob_graphics.svgscan import scan
from lnob_graphics.templates import TEMPLATE_SUFFIX, TemplateError, TemplateInfo, template_set

if TYPE_CHECKING:
    from lnob_graphics.rasterize import Rasterizer

# One platform per format class, to render the example on.
SAMPLE_PLATFORMS = {"square": "instagram-square", "portrait": "instagram-portrait",
                    "tall": "instagram-story", "wide": "x-post"}
_USES = re.compile(r"\b(?:fields|series|numbers|images)\.(\w+)|\bimage\(\s*[\"'](\w+)[\"']")


@dataclass(frozen=True)
class Finding:
    file: str
    line: int | None
    level: str  # "error" or "warning"
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.level}: {self.message}"


def check(path: Path) -> list[Finding]:
    """Check the templates at ``path`` (a folder, or a template's file)."""
    folder = path if path.is_dir() else path.parent
    names = None if path.is_dir() else {_template_name(path)}
    try:
        templates = template_set((folder.resolve(),))
    except TemplateError as error:
        return [Finding(str(path), None, "error", str(error))]
    findings: list[Finding] = []
    for info in templates.infos.values():
        if info.folder != folder.resolve() or (names and info.name not in names):
            continue
        findings += _check_one(info, templates)
    if names and not any(i.name in names and i.folder == folder.resolve()
                         for i in templates.infos.values()):
        findings.append(Finding(str(path), None, "error", "not a template (NAME.svg.j2 with "
                                "NAME.yaml, or a marked NAME.svg)"))
    return findings


def _template_name(path: Path) -> str:
    name = path.name
    for suffix in (TEMPLATE_SUFFIX, ".yaml"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return marked.split_name(path)[0] if name.endswith(".svg") else name


def _check_one(info: TemplateInfo, templates: object) -> list[Finding]:
    findings: list[Finding] = []
    sources = list(info.layouts.values()) if info.kind == "svg" else [info.source]
    used: set[str] = set()
    for source in sources:
        text = source.read_text(encoding="utf-8")
        if info.kind == "svg":
            findings += _scan_xml(str(source), text)
            drawing = marked.parse(source)
            findings += [Finding(str(source), None, "error", p) for p in drawing.problems]
            names = {b.name for b in drawing.boxes if b.kind != "goal"}
            used |= names
            for spec in info.fields.values():
                if spec.required and spec.type in ("text", "number") and spec.name not in names:
                    findings.append(Finding(str(source), None, "error",
                                            f"no box for the required field {spec.name!r} "
                                            f"(a rectangle with id lnob-text-{spec.name})"))
        else:
            for number, line in enumerate(text.splitlines(), 1):
                for match in _USES.finditer(line):
                    used.add(match.group(1) or match.group(2))
                if re.search(r"<text[\s>]", line):
                    findings.append(Finding(str(source), number, "warning", _PLAIN_TEXT))
    declared = set(info.fields)
    for name in sorted(used - declared - set(marked.BUILT_IN_TEXT)):
        findings.append(Finding(str(info.source), None, "error",
                                f"uses the field {name!r}, which its metadata does not declare"))
    if info.kind == "jinja":
        # Fields the alt text, the campaign or the macros use count as used.
        quiet = {"source", "highlight", *info.pages, *re.findall(r"\{(\w+)\}", info.alt),
                 *(s.name for s in info.fields.values() if s.type == "focus")}
        for name in sorted(declared - used - quiet):
            findings.append(Finding(str(info.source), None, "warning",
                                    f"declares the field {name!r} but never uses it"))
    findings += _render_example(info, templates)
    return findings


_PLAIN_TEXT = ("a plain <text> is drawn by the rasterizer letter by letter (no shaping, no "
               "right-to-left, no fallback): convert it to a path, or make it a lnob-text- box")


def _scan_xml(file: str, text: str) -> list[Finding]:
    """Well-formedness, external references and plain text, with line numbers."""
    try:
        found = scan(text)
    except expat.ExpatError as error:
        return [Finding(file, error.lineno, "error", f"not well-formed XML: "
                        f"{expat.ErrorString(error.code)} (column {error.offset + 1})")]
    findings = [Finding(file, ref.line, "error",
                        f"<{ref.tag}> refers to {ref.target!r}: external files and web "
                        "addresses are never loaded; embed it or remove it"
                        if ref.attribute == "href" else
                        f"<{ref.tag}> {ref.attribute}= refers outside the file")
                for ref in found.references]
    findings += [Finding(file, line, "warning", _PLAIN_TEXT) for line in found.plain_text_lines]
    return sorted(findings, key=lambda f: f.line or 0)


def _render_example(info: TemplateInfo, templates: object) -> list[Finding]:
    """Render the metadata's example in every format, in English and Arabic."""
    meta = info.source.with_name(info.name + ".yaml")
    file = str(meta if meta.is_file() else info.source)
    if not info.example:
        return [Finding(file, None, "warning", "no example: add one to the metadata so that "
                        "`lnob templates show` and this check can use it")]
    findings: list[Finding] = []
    roles = design.roles_of(info)
    for lang in ("en", "ar"):
        values = {"id": "example", "template": info.name, "goal": 4, "lang": lang,
                  **info.example, "platforms": [SAMPLE_PLATFORMS[f] for f in info.formats]}
        entry = Entry(values, file, 1)
        try:
            campaign = validate([CampaignFile(Path(file), "yaml", [entry])], templates)  # type: ignore[arg-type]
        except InputError as error:
            return [Finding(file, p.line, "error", f"example: {p.field}: {p.message}")
                    for p in error.problems]
        for asset in campaign.assets:
            for name in asset.platforms:
                for page in range(1, asset.pages + 1) if asset.pages > 1 else (0,):
                    slide = f", slide {page}" if page else ""
                    where = f"example in {lang!r} on {name} ({PLATFORMS[name].format_class}{slide})"
                    try:
                        rendered = render_svg(asset, PLATFORMS[name],
                                              templates,  # type: ignore[arg-type]
                                              page=page)
                    except RenderError as error:
                        findings.append(Finding(file, None, "error", f"{where}: "
                                                f"{error.field or 'template'}: {error}"))
                        continue
                    findings += [Finding(file, None, "warning", f"{where}: {found}")
                                 for found in design.check_card(rendered.texts, rendered.svg,
                                                                PLATFORMS[name], lang, roles,
                                                                _rasterizer)]
    return findings


@cache
def _rasterizer() -> Rasterizer:
    """The backend that draws examples small for the design check's empty bands."""
    from lnob_graphics.rasterize import get_rasterizer

    return get_rasterizer()
