"""What the page's render processes do: read a session's campaign, draw one card, render
the pack. Each runs in a worker process's main thread, where the CLI's time limit
(``pipeline.time_limit``, SIGALRM) works, under the same sandboxed templates and
rasterizer limits as `lnob render`; a worker that crashes takes no session with it.

Each task changes into the session's folder first, so the campaign's file names are
written as the user knows them (``campaign.csv:3``) and never as a temporary path.
"""

from __future__ import annotations

import os
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lnob_graphics.campaign import Asset, Campaign
from lnob_graphics.errors import InputError
from lnob_graphics.options import DEFAULT_TIMEOUT, MAX_ROWS
from lnob_graphics.pipeline import JobTimeout, RenderOptions, time_limit


@dataclass
class Loaded:
    """A campaign as the page shows it: its assets, or every problem of its files."""

    campaign: Campaign | None
    problems: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Per asset id: its warnings, and the languages it is written in whose images are not
    # made (a required text missing in them: never another language's text instead).
    asset_warnings: dict[str, list[str]] = field(default_factory=dict)
    left_out: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # id → lang → why


_LEFT_OUT = re.compile(r"the '([^']+)' images of '[^']*' are not made")


def load(folder: Path, files: list[str], timeout: float = DEFAULT_TIMEOUT) -> Loaded:
    """Read and validate the session's campaign files as `lnob validate` does."""
    from lnob_graphics.pipeline import load_campaign
    from lnob_graphics.templates import TemplateError

    os.chdir(folder)
    try:
        with time_limit(timeout):
            campaign = load_campaign([Path(f) for f in files], None, (), (), None, None,
                                     MAX_ROWS, (), False, None, ())
    except InputError as error:
        return Loaded(None, [p.as_dict() for p in error.problems],
                      [str(w) for w in error.warnings])
    except TemplateError as error:
        return Loaded(None, [{"message": str(error), "file": None, "field": "template"}])
    except JobTimeout:
        return Loaded(None, [{"message": f"reading the campaign took longer than {timeout:g} s",
                              "file": None, "field": None}])
    loaded = Loaded(campaign, [], [str(w) for w in campaign.warnings], list(campaign.notes))
    for warning in campaign.warnings:
        if warning.id:
            loaded.asset_warnings.setdefault(warning.id, []).append(str(warning))
            found = _LEFT_OUT.search(warning.message)
            if found:
                loaded.left_out.setdefault(warning.id, {}).setdefault(
                    found.group(1), []).append(str(warning))
    return loaded


@dataclass
class Card:
    """One image of the campaign, drawn as SVG for the page."""

    svg: str | None
    alt_text: str = ""
    caption: str = ""
    warnings: list[str] = field(default_factory=list)
    failure: dict[str, Any] | None = None  # JobFailure.as_dict()


def card(folder: Path, asset: Asset, platform: str, page: int,
         template_dirs: tuple[Path, ...], timeout: float = DEFAULT_TIMEOUT,
         design: bool = True) -> Card:
    """One card's SVG, alt text and caption, with what `lnob validate` says of it: its
    warnings and, with ``design``, the design check's findings; or why it fails."""
    from lnob_graphics import design as designer
    from lnob_graphics.errors import JobFailure
    from lnob_graphics.platforms import PLATFORMS
    from lnob_graphics.rasterize import get_rasterizer
    from lnob_graphics.render import RenderError, render_svg
    from lnob_graphics.templates import template_set

    os.chdir(folder)
    where = PLATFORMS[platform]

    def failed(message: str, field_name: str | None) -> Card:
        return Card(None, failure=JobFailure(
            asset.id, asset.lang, platform, asset.file, asset.line_of(field_name), field_name,
            message, page, asset.pages if page else 0, asset.cell_of(field_name)).as_dict())

    try:
        with time_limit(timeout):
            templates = template_set(template_dirs)
            rendered = render_svg(asset, where, templates, "error", page=page)
            warnings = list(rendered.warnings)
            if design:
                roles = designer.roles_of(templates.infos.get(asset.template))
                for finding in designer.check_card(rendered.texts, rendered.svg, where,
                                                   asset.lang, roles, get_rasterizer):
                    cell = asset.cell_of(finding.field) or asset.line_of(finding.field)
                    warnings.append(f"{asset.file}:{cell}: {finding}")
    except RenderError as error:
        return failed(str(error), error.field)
    except JobTimeout:
        return failed(f"took longer than {timeout:g} s, the limit for one image", "template")
    except Exception as error:  # a template's bug or a rasterizer failure: this card only
        return failed(f"could not render: {type(error).__name__}: {error}", None)
    return Card(rendered.svg, rendered.alt_text, rendered.caption, warnings)


@dataclass
class Packed:
    zip_path: Path | None
    images: int = 0
    failures: list[str] = field(default_factory=list)


def pack(folder: Path, files: list[str], out: Path, zip_path: Path,
         options: RenderOptions) -> Packed:
    """The whole pack, made exactly as `lnob render FILES --out OUT` makes it (the same
    ``render_all``, the same options: byte-identical images), then zipped: images,
    ``manifest.json``, alt text and captions."""
    from lnob_graphics.pack import opened
    from lnob_graphics.pipeline import load_campaign, plan, render_all

    os.chdir(folder)
    campaign = load_campaign([Path(f) for f in files], None, (), (), None, None, MAX_ROWS, (),
                             False, None, ())
    if out.exists():
        shutil.rmtree(out)
    with opened(out):
        report = render_all(plan(campaign), out, campaign.template_dirs, options, 1,
                            warnings=[str(w) for w in campaign.warnings],
                            reuse=False, assets=campaign.assets)
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(out.rglob("*")):
            relative = path.relative_to(out).as_posix()
            if path.is_file() and not relative.startswith(".") and "/." not in relative:
                archive.write(path, relative)
    return Packed(zip_path, len(report.assets), [str(f) for f in report.failures])


def image(folder: Path, files: list[str], asset_id: str, lang: str, platform: str, page: int,
          out: Path, options: RenderOptions) -> tuple[bytes | None, str | None]:
    """One image, made as the pack makes it (``render_all``): the same bytes."""
    from lnob_graphics.pack import opened
    from lnob_graphics.pipeline import load_campaign, plan, render_all

    os.chdir(folder)
    campaign = load_campaign([Path(f) for f in files], None, (), (), None, None, MAX_ROWS, (),
                             False, None, ())
    jobs = [j for j in plan(campaign) if j.asset.id == asset_id and j.asset.lang == lang
            and j.platform == platform and j.page == page]
    if not jobs:
        return None, "no such image in the campaign"
    if out.exists():
        shutil.rmtree(out)
    with opened(out):
        report = render_all(jobs, out, campaign.template_dirs, options, 1, reuse=False)
    if report.failures:
        return None, str(report.failures[0])
    return (out / str(report.assets[0]["file"])).read_bytes(), None


def text_fields(template: str) -> tuple[str, ...]:
    """The template's fields of text (what each language writes its own of)."""
    from lnob_graphics.templates import template_set

    info = template_set().infos.get(template)
    return tuple(n for n, spec in info.fields.items() if spec.type == "text") if info else ()


def template_names() -> list[str]:
    from lnob_graphics.templates import template_set

    return sorted(template_set().infos)


@dataclass
class Example:
    name: str
    description: str
    svg: str | None
    alt_text: str
    fields: list[str]


def _example_yaml(name: str) -> tuple[str, str | None] | None:
    """A campaign of one asset, the template's own example (and the photo it names)."""
    import yaml

    from lnob_graphics.paths import bundled_dir
    from lnob_graphics.templates import template_set

    info = template_set().infos.get(name)
    if info is None:
        return None
    values = dict(info.example)
    photo = None
    for key, value in values.items():
        if isinstance(value, str) and value.startswith("_example/"):
            source = bundled_dir("templates") / value
            if source.is_file():
                photo = str(source)
                values[key] = source.name
    asset = {"id": f"my-{name}", "template": name, "goal": 4, "lang": "en", **values}
    text = (f"# A campaign started from the {name} template: change the text, add languages\n"
            f"# (`languages: [en, fr]` and each text as {{en: …, fr: …}}), then render it.\n")
    return text + yaml.safe_dump({"assets": [asset]}, allow_unicode=True, sort_keys=False), photo


def starter_of(name: str, folder: Path) -> str | None:
    """The session's campaign started from template ``name``'s example."""
    made = _example_yaml(name)
    if made is None:
        return None
    text, photo = made
    (folder / "campaign.yaml").write_text(text, encoding="utf-8")
    if photo is not None:
        shutil.copyfile(photo, folder / Path(photo).name)
    return "campaign.yaml"


def gallery(folder: Path, timeout: float = DEFAULT_TIMEOUT) -> list[Example]:
    """Every template, its example drawn square (drawn once per run, then kept)."""
    from lnob_graphics.templates import template_set

    done = folder / "gallery.pickle"
    if done.is_file():
        import pickle

        kept: list[Example] = pickle.loads(done.read_bytes())
        return kept
    examples = []
    for name, info in sorted(template_set().infos.items()):
        place = folder / name
        place.mkdir(parents=True, exist_ok=True)
        made = starter_of(name, place)
        svg, alt = None, ""
        if made is not None:
            loaded = load(place, [made], timeout)
            if loaded.campaign is not None and loaded.campaign.assets:
                asset = loaded.campaign.assets[0]
                drawn = card(place, asset, "instagram-square" if "square" in asset.formats
                             else next(p for p in asset.platforms),
                             1 if asset.pages > 1 else 0,
                             loaded.campaign.template_dirs, timeout, design=False)
                svg, alt = drawn.svg, drawn.alt_text
        examples.append(Example(name, info.description, svg, alt, list(info.fields)))
    import pickle

    done.write_bytes(pickle.dumps(examples))
    return examples
