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


def scan(svg: str) -> Scan:
    """Raises ``expat.ExpatError`` (with ``lineno``) if the SVG is not well-formed."""
    result = Scan()
    parser = expat.ParserCreate(namespace_separator=" ")
    current = [""]

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = current[0] = name.split(" ")[-1]
        line = parser.CurrentLineNumber
        for key, value in attrs.items():
            attribute = key.split(" ")[-1]
            if attribute == "href" and not value.startswith(("#", "data:")):
                result.references.append(Reference(line, tag, attribute, value))
            result.references.extend(Reference(line, tag, attribute, url)
                                     for url in _URL.findall(value) if not url.startswith("#"))
        if tag == "text" and not (attrs.get("id") or "").startswith("lnob-"):
            result.plain_text_lines.append(line)

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
