"""Labels: the words a card adds to the campaign's own, per language, as data.

Goal names 1–17, "Goal 4", "Source: …", the pledge's name and hashtag, "Target",
"Now", the quotation mark. The tool ships them in ``data/labels/LANG.yaml``, each entry
with where it comes from (``source``) and how sure that is (``status``); a campaign gives
its own — in its ``defaults`` (``goal_names``, ``labels``, ``hashtag``) or in a labels
file of the same form named by its top-level ``labels:`` — and its own win.

A word the card's language lacks is never replaced by English: the card, its alt text
and its caption leave it out, and a warning says which words are missing and how to give
them (``missing_warning``).

A label file::

    lang: ne
    sources:
      ne-icons: {what: "…", repository: "…", path: "…", commit: "…"}
    goal_names:
      1: {text: गरिबीको अन्त्य, source: ne-icons, status: official}
    labels:
      source: {text: "स्रोत: {source}", source: …, status: community}

In a campaign's own file an entry may be just its text (``1: गरिबीको अन्त्य``).
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from lnob_graphics.errors import Problem, suggest
from lnob_graphics.paths import data_file

STATUSES = ("official", "community", "machine", "unverified")
GOALS = tuple(str(n) for n in range(1, 18))


@dataclass(frozen=True)
class LabelKey:
    """One label: its key, the placeholders its text must have, and where it appears."""

    key: str
    placeholders: tuple[str, ...]
    meaning: str


# In the order messages and `lnob labels` list them.
LABEL_KEYS: dict[str, LabelKey] = {k.key: k for k in (
    LabelKey("goal", ("n",), "the goal and its number, in the alt text"),
    LabelKey("goal_and_name", ("n", "name"), "the goal, its number and name, in the alt text "
                                             "(default: goal, a comma, the name)"),
    LabelKey("source", ("source",), "before the source on cards, in the alt text and caption"),
    LabelKey("pledge_name", (), "the pledge's name, on cards of goal: lnob"),
    LabelKey("pledge_hashtag", (), "the pledge's hashtag, on cards and in captions"),
    LabelKey("target", (), "a chart's target line"),
    LabelKey("target_year", ("year",), "the target and its year, on progress cards"),
    LabelKey("now", (), "the latest value, on progress cards"),
    LabelKey("quote", (), "the opening quotation mark of a story"),
)}
# Keys a card can do without: they are made from others.
DERIVED = frozenset({"goal_and_name"})


def goal_key(number: int | str) -> str:
    """A goal's name as a key of a label table: ``goal_names.4``."""
    return f"goal_names.{number}"


KEYS: tuple[str, ...] = (*(goal_key(n) for n in GOALS), *LABEL_KEYS)


@dataclass(frozen=True)
class Entry:
    text: str
    source: str | None = None
    status: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class LabelFile:
    """A label file read: its language, its sources and its entries (``goal_names.4``,
    ``source`` …). ``problems`` are what is wrong with it, each at its line."""

    lang: str
    entries: dict[str, Entry]
    sources: dict[str, Any] = field(default_factory=dict)
    path: str = ""
    problems: list[Problem] = field(default_factory=list)


# --- reading -----------------------------------------------------------------------------

class _Where:
    """Problems of one mapping in one file, at the lines the YAML loader remembered."""

    def __init__(self, file: str, problems: list[Problem], prefix: str = "") -> None:
        self.file, self.problems, self.prefix = file, problems, prefix

    def add(self, node: Any, key: object, message: str) -> None:
        lines = getattr(node, "key_lines", {})
        line = lines.get(key) or getattr(node, "line", None) or None
        name = f"{self.prefix}{key}" if key is not None else self.prefix.rstrip(".")
        self.problems.append(Problem(self.file, line, name or None, message))


def read_entries(goal_names: Any, labels: Any, where: _Where,
                 require_provenance: bool = False,
                 sources: Mapping[str, Any] | None = None,
                 names: tuple[str, str] = ("goal_names", "labels")) -> dict[str, Entry]:
    """The entries of a ``goal_names:`` and a ``labels:`` mapping, checked: goal numbers
    1–17, known label keys, the placeholders each needs, and (shipped files) a source and
    a status for each entry."""
    entries: dict[str, Entry] = {}
    for section, name, node in (("goal_names", names[0], goal_names),
                                ("labels", names[1], labels)):
        if node is None:
            continue
        inner = _Where(where.file, where.problems, f"{where.prefix}{name}.")
        if not isinstance(node, Mapping):
            where.add(node, name, "expected a mapping of "
                      + ("goal number: name, e.g. {4: …}" if section == "goal_names"
                         else "label: text, e.g. {source: \"…: {source}\"}"))
            continue
        for raw_key, value in node.items():
            key = str(raw_key).strip()
            placeholders: tuple[str, ...] = ()
            if section == "goal_names":
                key = key.lstrip("0") or key
                if key not in GOALS:
                    inner.add(node, raw_key, "not a goal number: goal names are numbered 1 to 17")
                    continue
                name = goal_key(key)
            else:
                if key not in LABEL_KEYS:
                    hint = (" (goal names go under goal_names)" if key.isdigit()
                            else suggest(key, LABEL_KEYS))
                    inner.add(node, raw_key, f"unknown label{hint}; the labels are "
                                             f"{', '.join(LABEL_KEYS)}")
                    continue
                name, placeholders = key, LABEL_KEYS[key].placeholders
            entry = _entry(node, raw_key, value, placeholders, inner, require_provenance,
                           sources)
            if entry is not None and entry.text:
                entries[name] = entry
    return entries


def _entry(node: Any, key: object, value: Any, placeholders: tuple[str, ...], where: _Where,
           require_provenance: bool, sources: Mapping[str, Any] | None) -> Entry | None:
    if isinstance(value, Mapping):
        unknown = [k for k in value if k not in ("text", "source", "status", "note")]
        if unknown:
            where.add(node, key, f"unknown key {unknown[0]!r}; an entry has text, source, "
                                 "status and note")
            return None
        text, source, status = value.get("text"), value.get("source"), value.get("status")
        note = value.get("note")
    else:
        text, source, status, note = value, None, None, None
    if text is None:
        return None  # (a template's blank: not given)
    if not isinstance(text, str):
        where.add(node, key, f"expected text, got {text!r}")
        return None
    text = text.strip()
    if status is not None and status not in STATUSES:
        where.add(node, key, f"unknown status {status!r}{suggest(str(status), STATUSES)}; one of: "
                             f"{', '.join(STATUSES)}")
    if require_provenance and text and (not source or not status):
        where.add(node, key, "every entry needs its source and its status")
    if sources is not None and source and source not in sources:
        where.add(node, key, f"source {source!r} is not among this file's sources"
                             f"{suggest(str(source), sources)}")
    if text and not _placeholders_ok(text, placeholders, node, key, where):
        return None
    return Entry(text, None if source is None else str(source), status,
                 None if note is None else str(note))


def _placeholders_ok(text: str, wanted: tuple[str, ...], node: Any, key: object,
                     where: _Where) -> bool:
    try:
        found = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError:
        where.add(node, key, f"unbalanced braces in {text!r}; write {{ and }} only around a "
                             "placeholder")
        return False
    unknown = [name for name in found if name not in wanted]
    missing = [name for name in wanted if name not in found]
    if unknown:
        allowed = ", ".join("{" + w + "}" for w in wanted) or "none"
        where.add(node, key, f"unknown placeholder {{{unknown[0]}}} in {text!r}; this label's: "
                             f"{allowed}")
        return False
    if missing:
        where.add(node, key, f"{text!r} has no {{{missing[0]}}}: write it where the "
                             f"{_PLACEHOLDER_MEANING[missing[0]]} goes, e.g. "
                             f"{_EXAMPLES.get(str(key).strip(), '')}")
        return False
    return True


_PLACEHOLDER_MEANING = {"n": "goal's number", "name": "goal's name", "source": "source",
                        "year": "year"}
_EXAMPLES = {"goal": '"Goal {n}"', "goal_and_name": '"Goal {n}, {name}"',
             "source": '"Source: {source}"', "target_year": '"Target {year}"'}


Words = dict[str, dict[str, str]]  # a campaign's own: language ("*": every one) → key → text


def read_defaults(defaults: Mapping[str, Any], file: str, lines: Mapping[str, int],
                  problems: list[Problem]) -> Words:
    """A campaign file's ``defaults: goal_names: {LANG: {N: …}}``, ``labels: {LANG: {KEY:
    …}}`` and ``hashtag`` (one for every language, or per language): its own words."""
    from lnob_graphics.i18n import read_language

    words: Words = {}
    for section in ("goal_names", "labels"):
        node = defaults.get(section)
        if node is None:
            continue
        where = _Where(file, problems, f"defaults.{section}.")
        if not isinstance(node, Mapping) or not node:
            example = "{tg: {6: …}}" if section == "goal_names" else '{tg: {source: "…: {source}"}}'
            problems.append(Problem(file, lines.get(section), f"defaults.{section}",
                                    f"expected a map of language: {section}, e.g. {section}: "
                                    f"{example}"))
            continue
        for raw_lang, inner in node.items():
            code = read_language(str(raw_lang)).code
            if code is None:
                looks_like = (str(raw_lang).strip().lstrip("0") in GOALS if section == "goal_names"
                              else str(raw_lang) in LABEL_KEYS)
                where.add(node, raw_lang, (f"give the language first: {section}: {{LANG: "
                                           f"{{{raw_lang}: …}}}}" if looks_like else
                                           read_language(str(raw_lang)).problem or ""))
                continue
            entries = read_entries(inner if section == "goal_names" else None,
                                   inner if section == "labels" else None,
                                   _Where(file, problems, "defaults."),
                                   names=(f"goal_names.{raw_lang}", f"labels.{raw_lang}"))
            words.setdefault(code, {}).update({k: e.text for k, e in entries.items()})
    tag = defaults.get("hashtag")
    if isinstance(tag, str) and tag.strip():
        words.setdefault("*", {})["pledge_hashtag"] = tag.strip()
    elif isinstance(tag, Mapping):
        for raw_lang, text in tag.items():
            code = read_language(str(raw_lang)).code
            if code and isinstance(text, str) and text.strip():
                words.setdefault(code, {})["pledge_hashtag"] = text.strip()
    return words


def merged(*layers: Words) -> Words:
    """Words of several sources, the later winning key by key."""
    result: Words = {}
    for layer in layers:
        for lang, table in layer.items():
            result.setdefault(lang, {}).update(table)
    return result


def parse_file(data: Any, path: str, require_provenance: bool = False) -> LabelFile:
    """A label file's parsed YAML (a mapping with ``lang``, ``sources``, ``goal_names``,
    ``labels``), checked."""
    from lnob_graphics.i18n import read_language

    problems: list[Problem] = []
    where = _Where(path, problems)
    if not isinstance(data, Mapping):
        where.add(data, None, "expected a mapping with lang:, goal_names: and labels:")
        return LabelFile("", {}, path=path, problems=problems)
    for key in data:
        if key not in ("lang", "sources", "goal_names", "labels"):
            where.add(data, key, "unknown key" + suggest(str(key), ("lang", "sources",
                                                                    "goal_names", "labels"))
                      + "; a labels file has lang, sources, goal_names and labels")
    written = str(data.get("lang") or "").strip()
    lang = read_language(written).code if written else None
    if lang is None:
        where.add(data, "lang" if written else None,
                  (read_language(written).problem or "") if written else
                  "missing lang: the language of the file's words, e.g. lang: tg")
        lang = ""
    sources = data.get("sources") or {}
    if not isinstance(sources, Mapping):
        where.add(data, "sources", "expected a mapping of name: where the words come from")
        sources = {}
    entries = read_entries(data.get("goal_names"), data.get("labels"), where,
                           require_provenance, sources if require_provenance or sources else None)
    return LabelFile(lang, entries, dict(sources), path, problems)


def read_file(path: Path) -> LabelFile:
    """A campaign's labels file (lines remembered for its messages)."""
    from lnob_graphics.loader import parse_yaml

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        return LabelFile("", {}, path=str(path), problems=[
            Problem(str(path), None, None, f"cannot read the labels file: {reason}")])
    try:
        data = parse_yaml(text)
    except Exception as error:  # yaml.YAMLError: said with its line
        mark = getattr(error, "problem_mark", None)
        return LabelFile("", {}, path=str(path), problems=[Problem(
            str(path), mark.line + 1 if mark else None, None,
            f"not valid YAML: {getattr(error, 'problem', None) or error}")])
    return parse_file(data, str(path))


# --- the shipped files -------------------------------------------------------------------

def _folder() -> Path:
    return data_file("labels")


@cache
def shipped_languages() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in _folder().glob("*.yaml")))


@cache
def shipped(lang: str) -> LabelFile | None:
    """The tool's own labels in ``lang`` (a file's exact name: ``pt``, ``pt-BR``)."""
    if lang not in shipped_languages():
        return None
    from lnob_graphics.loader import read_yaml

    path = _folder() / f"{lang}.yaml"
    return parse_file(read_yaml(path.read_text(encoding="utf-8")), str(path),
                      require_provenance=True)


def words_for(lang: str, campaign: Mapping[str, Mapping[str, str]] | None = None
              ) -> dict[str, str]:
    """Every word there is for a card in ``lang``: the shipped ones of its language
    (``pt`` for ``pt-BR``, then ``pt-BR``'s own), then the campaign's, which win."""
    primary = lang.split("-")[0].lower()
    codes = [primary] if lang == primary else [primary, lang]
    words: dict[str, str] = {}
    for code in codes:
        table = shipped(code)
        if table is not None:
            words.update({k: e.text for k, e in table.entries.items()})
    for code in ("*", *codes):
        words.update((campaign or {}).get(code, {}))
    return words


# --- what a card says with them ----------------------------------------------------------

def filled(pattern: str | None, **values: str) -> str:
    """A label's text with its placeholders filled ("" for a missing label)."""
    if not pattern:
        return ""
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), pattern)


def goal_phrase(words: Mapping[str, str], number: str, name: str, comma: str = ",") -> str:
    """"Goal 4, Quality education" in the card's language, or as much of it as there are
    words for ("Quality education"; "Goal 4"; "")."""
    goal = filled(words.get("goal"), n=number)
    if goal and name:
        both = words.get("goal_and_name")
        return filled(both, n=number, name=name) if both else f"{goal}{comma} {name}"
    return goal or name


def describe_key(key: str) -> str:
    """A key as messages name it, with the English for reference."""
    english = words_for("en").get(key, "")
    shown = f"goal_names {key.split('.')[1]}" if key.startswith("goal_names.") else key
    return f"{shown} ({english!r})" if english else shown


def missing_warning(lang: str, keys: Sequence[str]) -> str:
    """What a card lacks in ``lang`` and how to give it (``keys`` in KEYS order)."""
    goals = [k.split(".")[1] for k in keys if k.startswith("goal_names.")]
    labels = [k for k in keys if k in LABEL_KEYS]
    hints = []
    if goals:
        hints.append(f"goal_names: {{{lang}: {{{', '.join(g + ': …' for g in goals)}}}}}")
    if labels:
        hints.append(f"labels: {{{lang}: {{{', '.join(k + ': …' for k in labels)}}}}}")
    return (f"no labels in {lang!r} for {', '.join(describe_key(k) for k in keys)}: the card, "
            "its alt text and caption leave them out (never English); give them once for the "
            f"campaign in its defaults ({'; '.join(hints)}) or in a labels file (`lnob labels "
            f"{lang} --template` prints one)")


def ordered(keys: set[str]) -> list[str]:
    return [k for k in KEYS if k in keys]


# --- `lnob labels` -----------------------------------------------------------------------

@dataclass(frozen=True)
class Coverage:
    lang: str
    goal_names: int  # of 17
    labels: int  # of len(LABEL_KEYS)
    statuses: dict[str, int]  # entries per status


def coverage(lang: str) -> Coverage:
    table = shipped(lang)
    entries = table.entries if table else {}
    statuses = {s: sum(e.status == s for e in entries.values()) for s in STATUSES}
    return Coverage(lang, sum(k.startswith("goal_names.") for k in entries),
                    sum(k in LABEL_KEYS for k in entries), {s: n for s, n in statuses.items() if n})


def template_text(lang: str) -> str:
    """A labels file for ``lang`` to fill in: every key, the shipped entries filled (with
    their source and status), the English beside each as a guide."""
    table = shipped(lang.split("-")[0].lower()) if lang not in shipped_languages() \
        else shipped(lang)
    entries = table.entries if table else {}
    english = words_for("en")
    lines = [f"# Labels in {lang!r} for lnob-graphics: fill in each text: your government's or the",
             "# UN's published words where they exist (the names printed on goal icons). Say where",
             "# each comes from (source: a name under sources) and how sure it is (status: official,",
             "# community, machine or unverified). An empty text is not given: the card leaves that",
             "# element out. Use it from a campaign file beside it: top-level `labels: THIS-FILE.yaml`.",
             f"lang: {lang}", "", "sources:"]
    sources = dict(table.sources) if table else {}
    sources.setdefault("mine", {"what": "", "repository": "", "path": "", "commit": ""})
    import yaml

    body = yaml.safe_dump(sources, allow_unicode=True, sort_keys=False, width=92)
    lines += ["  " + line for line in body.rstrip().splitlines()]
    for section, keys in (("goal_names", [goal_key(n) for n in GOALS]),
                          ("labels", list(LABEL_KEYS))):
        lines += ["", f"{section}:"]
        for key in keys:
            entry = entries.get(key) or Entry("", "mine", "unverified")
            short = key.split(".")[1] if section == "goal_names" else key
            value = {"text": entry.text, "source": entry.source, "status": entry.status}
            if entry.note:
                value["note"] = entry.note
            flow = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True,
                                  width=10_000, sort_keys=False).strip()
            guide = english.get(key, "")
            meaning = "" if section == "goal_names" else f" — {LABEL_KEYS[key].meaning}"
            lines.append(f"  {short}: {flow}  # en: {guide}{meaning}")
    return "\n".join(lines) + "\n"
