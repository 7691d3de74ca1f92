"""What an SVG points at outside itself, found by parsing it (attributes and <style>
text only: user text in a <title> is text, never a reference). One scanner for the
renderer, which refuses such SVGs, and for `templates check`, which reports them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.parsers import expat

_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)")


@dataclass(frozen=True)
class Reference:
    line: int
    tag: str
    attribute: str  # "href", another attribute holding url(...), or "style" for <style> text
    target: str


@dataclass
class Scan:
    references: list[Reference] = field(default_factory=list)
    plain_text_lines: list[int] = field(default_factory=list)  # <text> not marked lnob-…
    # What could run: <script>, <foreignObject> (HTML inside) and on… event attributes.
    active: list[Reference] = field(default_factory=list)
    root: str = ""  # the root element's name
    size: dict[str, str] = field(default_factory=dict)  # the root's width, height, viewBox


def scan(svg: str) -> Scan:
    """Raises ``expat.ExpatError`` (with ``lineno``) if the SVG is not well-formed."""
    result = Scan()
    parser = expat.ParserCreate(namespace_separator=" ")
    current = [""]

    def start(name: str, attrs: dict[str, str]) -> None:
        # (Called for every element — a card has hundreds of glyph paths: kept lean.)
        tag = current[0] = name.rpartition(" ")[2]
        if not result.root:
            result.root = tag
            result.size = {k.rpartition(" ")[2]: v for k, v in attrs.items()
                           if k.rpartition(" ")[2] in ("width", "height", "viewBox")}
        if tag in ("script", "foreignObject"):
            result.active.append(Reference(parser.CurrentLineNumber, tag, "", tag))
        for key, value in attrs.items():
            attribute = key.rpartition(" ")[2]
            if attribute[:2].lower() == "on":
                result.active.append(Reference(parser.CurrentLineNumber, tag, attribute, value))
            if attribute == "href" and not value.startswith(("#", "data:")):
                result.references.append(Reference(parser.CurrentLineNumber, tag, attribute,
                                                   value))
            if "url(" in value:
                result.references.extend(Reference(parser.CurrentLineNumber, tag, attribute, url)
                                         for url in _URL.findall(value) if not url.startswith("#"))
        if tag == "text" and not (attrs.get("id") or "").startswith("lnob-"):
            result.plain_text_lines.append(parser.CurrentLineNumber)

    def text(data: str) -> None:
        if current[0] == "style":
            line = parser.CurrentLineNumber
            result.references.extend(Reference(line, "style", "style", url)
                                     for url in _URL.findall(data) if not url.startswith("#"))
            if "@import" in data:
                result.references.append(Reference(line, "style", "style", "@import"))

    parser.StartElementHandler = start
    parser.CharacterDataHandler = text
    parser.Parse(svg, True)
    return result


# An SVG logo a campaign provides: small, self-contained, inert.
MAX_LOGO_BYTES = 1_000_000
_NUMBER = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(px)?\s*$")


def logo_problem(svg: str) -> str | None:
    """Why an SVG cannot be a partner's logo on a card, or None: it must be well-formed
    SVG under 1 MB, declare no DOCTYPE or entities, refer to nothing outside itself (no
    file, no web address, no @import: the card would fetch nothing anyway, but a logo that
    needs something it cannot have is wrong on the card), hold nothing that runs (scripts,
    event attributes, foreignObject) and say its proportions (a viewBox, or a width and a
    height in px)."""
    if len(svg.encode("utf-8")) > MAX_LOGO_BYTES:
        return f"is larger than {MAX_LOGO_BYTES // 1_000_000} MB; simplify it or export it again"
    if re.search(r"<!(DOCTYPE|ENTITY)", svg, re.IGNORECASE):
        return "declares a DOCTYPE or entities; export it again as plain SVG"
    try:
        found = scan(svg)
    except expat.ExpatError as error:
        return f"is not well-formed SVG (line {error.lineno}: {expat.errors.messages[error.code]})"
    if found.root != "svg":
        return "is not an SVG (its root element is not <svg>)"
    if found.references:
        ref = found.references[0]
        return (f"refers to {ref.target!r} outside itself (<{ref.tag}> {ref.attribute} on line "
                f"{ref.line}); a logo must be self-contained: embed its images, turn its text "
                "into paths, and export it again")
    if found.active:
        ref = found.active[0]
        what = f"an {ref.attribute} attribute" if ref.attribute else f"a <{ref.tag}>"
        return (f"has {what} on line {ref.line}; a logo must be a drawing only: remove it "
                "and export it again")
    if proportions(found.size) is None:
        return "says nothing of its proportions; give its <svg> a viewBox (or width and height in px)"
    return None


def proportions(size: dict[str, str]) -> tuple[float, float] | None:
    """(width, height) of an SVG from its root's viewBox, else its width and height in px."""
    box = size.get("viewBox", "").replace(",", " ").split()
    if len(box) == 4:
        try:
            w, h = float(box[2]), float(box[3])
        except ValueError:
            w = h = 0.0
        if w > 0 and h > 0:
            return w, h
    width, height = _NUMBER.match(size.get("width", "")), _NUMBER.match(size.get("height", ""))
    if width and height and float(width.group(1)) > 0 and float(height.group(1)) > 0:
        return float(width.group(1)), float(height.group(1))
    return None
