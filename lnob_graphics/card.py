"""The card: what one template draws, in the card's language, as plain data.

Built once per job (an asset in one language on one platform) and pure — no I/O,
no drawing: the canvas and its grid, the theme's colours and names, the fields with
numbers written the language's way, the words a template adds (labels: "" where the
language has none — never English), the data series and, for a carousel, the slide.
The template helpers and the description read it; ``Card.context()`` is what a
template sees of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from lnob_graphics.campaign import Asset
from lnob_graphics.credits import credit_line, on_card
from lnob_graphics.data import parse_number
from lnob_graphics.errors import RenderError
from lnob_graphics.i18n import direction_of
from lnob_graphics.labels import DERIVED, KEYS, filled, goal_key, words_for
from lnob_graphics.notation import ENGLISH
from lnob_graphics.numbers import NumberStyle, number_style
from lnob_graphics.platforms import Platform
from lnob_graphics.templates import TemplateInfo
from lnob_graphics.text.typography import typographic
from lnob_graphics.themes import (
    AA_GRAPHICS,
    WHITE,
    LargeInk,
    Theme,
    accent_on_scrim,
    darken_to,
    large_ink,
    scrim,
    text_colour_on,
    theme_for,
)


class FieldText(str):
    """A string that knows which field it came from, so fit errors can name it, and
    its language when it differs from the card's."""

    field_name: str
    lang: str | None

    def __new__(cls, value: str, field_name: str, lang: str | None = None) -> FieldText:
        obj = super().__new__(cls, value)
        obj.field_name = field_name
        obj.lang = lang
        return obj


@dataclass(frozen=True)
class Canvas:
    width: int
    height: int
    format: str  # square | portrait | tall | wide
    platform: str
    min_text: float = 0.0  # no text smaller than this (px): readable on a phone

    @property
    def short(self) -> int:
        return min(self.width, self.height)


@dataclass(frozen=True)
class Frame:
    """The designer's grid for a canvas: unit, margin and the safe top and bottom.

    ``u`` is one pixel of the reference layout (1080 wide, or 630 high for wide
    formats), so templates are written once and scale to every size. Tall formats
    keep their top and bottom 250 px (at 1920) free for the apps' own buttons."""

    u: float
    margin: float
    top: float
    bottom: float
    width: float  # between the margins

    @classmethod
    def of(cls, canvas: Canvas) -> Frame:
        if canvas.format == "wide":
            u = canvas.height / 630
            margin = 56 * u
            return cls(u, margin, margin, canvas.height - margin, canvas.width - 2 * margin)
        u = canvas.width / 1080
        margin = 80 * u
        if canvas.format == "tall":
            band = 260 * canvas.height / 1920
            return cls(u, margin, band, canvas.height - band, canvas.width - 2 * margin)
        return cls(u, margin, margin, canvas.height - margin, canvas.width - 2 * margin)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def small(self) -> float:
        """The smallest size for tertiary text (sources, labels, the goal's name): 2.2 % of
        the card's width, about 8 px on a phone that shows the image 375 px wide
        (design.MIN_TEXT_SHARE, which the design check holds every text to)."""
        return 0.022 * (self.width + 2 * self.margin)

    @property
    def foot(self) -> float:
        """The least height of the footer (``footer`` in _macros.svg.j2): two lines of
        ``small`` text at 1.2 leading, and room for the descenders."""
        return 2.7 * self.small


class Labels(dict[str, FieldText]):
    """The words a template adds, in the card's language, by the names templates use
    (``goal_name``, ``source``, ``pledge`` …): "" where the language has no such word.
    Remembers which ones were asked for, so that a missing one the template wanted is
    reported (Card.missing)."""

    def __init__(self, items: dict[str, FieldText], keys: dict[str, str]) -> None:
        super().__init__(items)
        self.key_of = keys  # template name → label key (goal_name → goal_names.4)
        self.asked: set[str] = set()

    def __getitem__(self, name: str) -> FieldText:
        self.asked.add(name)
        return super().__getitem__(name)

    def get(self, name: str, default: Any = None) -> Any:
        if name in self:
            return self[name]
        return default

    def ask(self, *names: str) -> None:
        """Say that these were used (a designer drawing's boxes)."""
        self.asked.update(n for n in names if n in self)


@dataclass(frozen=True)
class ThemeView:
    """What a template may know about the theme, in the asset's language."""

    key: str
    number: int | None
    colour: str
    text: str  # for text of any size (4.5:1)
    large: LargeInk  # for large text and pictograms (3:1): white wherever it reaches that
    stripe: Sequence[str]
    name: str  # the goal's (or the pledge's) name in the card's language; "" if none
    is_pledge: bool
    accent: str  # the goal colour for shapes on a white card (3:1 at least)
    goals: Sequence[str]  # the 17 goal colours, in order (the pledge's stripe)
    # A veil for white text over a photo (themes.scrim): the goal colour darkened, and the
    # least opacity at which white text keeps 4.5:1 over any photo.
    scrim: str = "#000000"
    scrim_opacity: float = 1.0
    scrim_accent: str = "#FFFFFF"  # the goal colour (or a tint of it) for a mark on the veil


@dataclass(frozen=True)
class PointView:
    """A data point as a template sees it: label in the card's language, the value as
    a number (for geometry) and as the language writes it (for labels)."""

    label: FieldText
    value: float
    display: FieldText
    highlight: bool
    percent: bool = False  # written as a percentage (decided on the written form: the
    # display may carry the language's own sign, ٪ in Arabic)


@dataclass(frozen=True)
class PageView:
    """One slide of a carousel: which one, of how many, and what it shows."""

    number: int
    count: int
    kind: str  # "title", "item" (a text of a list field), "point" (a data point), "end"
    item: FieldText | None = None
    point: PointView | None = None
    counter: str = ""  # "2/7" as the card's language writes it


@dataclass(frozen=True)
class Card:
    """One job's card. ``asset`` is the job's asset with the numbers in its fields
    written the language's way, in the image and its alt text alike."""

    asset: Asset
    info: TemplateInfo
    canvas: Canvas
    theme: ThemeView
    numbers: NumberStyle
    rtl: bool
    words: dict[str, str]  # the label texts in the card's language (labels.KEYS), as given
    goal_number: str  # the goal's number in the language's digits ("" for the pledge)
    fields: dict[str, FieldText]  # every field the template declares, "" when not given
    labels: Labels  # ``words`` filled in, as texts to draw
    lists: dict[str, list[FieldText]]
    values: dict[str, float | None]  # number fields as numbers, for geometry
    series: dict[str, list[PointView]]
    page: PageView | None  # None: not a carousel slide

    @classmethod
    def of(cls, asset: Asset, platform: Platform, info: TemplateInfo, page: int = 0) -> Card:
        """``page`` is the carousel slide to draw, from 1; 0 for a single image."""
        theme = theme_for(asset.goal)
        numbers = number_style(asset.lang, asset.digits)
        # Geometry and highlighting read the fields as written in the campaign file.
        values = {name: parse_number(asset.fields[name]) if name in asset.fields else None
                  for name, spec in info.fields.items() if spec.type == "number"}
        highlight = asset.fields.get("highlight", "").strip().casefold()

        def typeset(text: str) -> str:  # the language's quotes and apostrophe
            return typographic(text, asset.lang) if asset.typography else text

        # Text is kept as written; its numbers are read the way it is written, drawn the
        # card's language's way, with the language's quotation marks.
        notations = asset.notations
        series = {
            name: [PointView(FieldText(numbers.text(typeset(p.label),
                                                    notations.get(name, ENGLISH)), name),
                             p.value, FieldText(numbers.text(p.written), name),
                             bool(highlight) and p.label.strip().casefold() == highlight,
                             p.written.strip().endswith("%"))
                   for p in points]
            for name, points in asset.series.items()}
        texts = {name for name, spec in info.fields.items() if spec.type == "text"}
        asset = replace(asset, fields={
            k: numbers.text(typeset(v) if k in texts else v, notations.get(k, ENGLISH))
            for k, v in asset.fields.items()})
        words = asset.labels if asset.labels is not None else words_for(asset.lang)
        goal_number = FieldText(numbers.integer(theme.number) if theme.number else "",
                                "goal number")
        canvas = Canvas(platform.width, platform.height, platform.format_class, platform.name,
                        platform.min_text)
        view = theme_view(theme, goal_name(words, theme, asset.lang), asset.colour,
                          asset.text_colour)
        fields = {name: FieldText(value, name) for name, value in asset.fields.items()}
        for name in info.fields:
            fields.setdefault(name, FieldText("", name))
        return cls(
            asset=asset, info=info, canvas=canvas, theme=view, numbers=numbers,
            rtl=direction_of(asset.lang) == "rtl", words=words,
            goal_number=goal_number, fields=fields,
            labels=_labels(asset, theme, words, goal_number, numbers, view.name),
            lists={name: [FieldText(numbers.text(typeset(t), notations.get(name, ENGLISH)), name)
                          for t in items]
                   for name, items in asset.lists.items()},
            values=values, series=series,
            page=page_view(page, asset, info.pages, series, numbers) if page else None)

    def context(self) -> dict[str, Any]:
        """The card as templates see it (docs/templates.md lists these names)."""
        return {
            "canvas": self.canvas,
            "theme": self.theme,
            "lang": self.asset.lang,
            "dir": "rtl" if self.rtl else "ltr",
            "fields": self.fields,
            "labels": self.labels,
            "frame": Frame.of(self.canvas),
            "page": self.page,
            "lists": self.lists,
            "goal_number": self.goal_number,
            "numbers": self.values,
            "series": self.series,
            "images": {name: ref.focus for name, ref in self.asset.images.items()},  # which were given
        }

    def missing(self, used: Sequence[str] = ()) -> list[str]:
        """The label keys this card wanted — asked for by its template, or ``used`` by its
        alt text and caption — that its language has no words for (labels.KEYS order)."""
        labels = self.labels
        wanted = {labels.key_of[name] for name in labels.asked if name in labels.key_of}
        wanted |= set(used)
        if not self.asset.fields.get("source"):
            wanted.discard("source")  # (nothing to introduce)
        return [key for key in KEYS if key in wanted and key not in DERIVED
                and not self.words.get(key)]


def name_key(theme: Theme) -> str:
    """The label key of a theme's name: a goal's, or the pledge's."""
    return goal_key(theme.number) if theme.number else "pledge_name"


def goal_name(words: dict[str, str], theme: Theme, lang: str) -> str:
    """The goal's name in the language, with its typographic apostrophe: the official
    names are published with straight ones ("Énergie propre et d'un coût abordable")."""
    return typographic(words.get(name_key(theme), ""), lang)


def _labels(asset: Asset, theme: Theme, words: dict[str, str], goal_number: str,
            numbers: NumberStyle, name: str) -> Labels:
    """The words a template adds, filled in, in the card's language. A missing word is
    "" — except the source, which is then the campaign's source alone (a credit is never
    dropped)."""
    source = on_card(asset.fields.get("source", ""))
    year = asset.fields.get("target_year") or numbers.text("2030")
    texts = {
        "goal": (filled(words.get("goal"), n=goal_number), "goal label", "goal"),
        "source": (filled(words.get("source"), source=source) or source if source else "",
                   "source", "source"),
        "pledge": (words.get("pledge_hashtag", ""), "pledge label", "pledge_hashtag"),
        "goal_name": (name, "goal name", name_key(theme)),
        "target": (words.get("target", ""), "target label", "target"),
        "target_year": (filled(words.get("target_year"), year=year), "target label",
                        "target_year"),
        "now": (words.get("now", ""), "now label", "now"),
        "quote": (words.get("quote", ""), "quote mark", "quote"),
        "credit": (credit_line(asset.fields.get("credit", "")), "credit", "credit"),
    }
    return Labels({name: FieldText(text, field) for name, (text, field, _) in texts.items()},
                  {name: key for name, (_, _, key) in texts.items()})


def theme_view(theme: Theme, name: str, colour: str | None = None,
               text: str | None = None) -> ThemeView:
    """The theme with its name in the card's language ("" if it has none); the asset's
    own colours, if it has any, replace the goal's (the text colours are then computed
    for contrast unless given too: a text colour given is used at every size)."""
    background = (colour or theme.colour).upper()
    foreground = (text or (text_colour_on(background) if colour else theme.text)).upper()
    large = (LargeInk(foreground, foreground) if text
             else large_ink(background, foreground) if colour else theme.large)
    stripe = theme.stripe if not colour or theme.is_pledge else (background,)
    veil, opacity = scrim(background)
    return ThemeView(theme.key, theme.number, background, foreground, large, stripe, name,
                     theme.is_pledge, darken_to(background, WHITE, AA_GRAPHICS),
                     theme_for("lnob").stripe, veil, opacity,
                     accent_on_scrim(background, veil, opacity))


def page_view(page: int, asset: Asset, fields: Sequence[str],
              series: dict[str, list[PointView]], numbers: NumberStyle) -> PageView:
    """Slide ``page`` of ``asset.pages``: the title, then every entry of the template's
    page fields in order (texts of a list, points of a series), then the closing slide."""
    counter = f"{numbers.integer(page)}/{numbers.integer(asset.pages)}"
    if page == 1:
        return PageView(page, asset.pages, "title", counter=counter)
    if page == asset.pages:
        return PageView(page, asset.pages, "end", counter=counter)
    index = page - 2
    for name in fields:
        texts = asset.lists.get(name, ())
        if index < len(texts):
            written = typographic(texts[index], asset.lang) if asset.typography else texts[index]
            item = numbers.text(written, asset.notations.get(name, ENGLISH))
            return PageView(page, asset.pages, "item", FieldText(item, name), counter=counter)
        index -= len(texts)
        points = series.get(name, [])
        if index < len(points):
            return PageView(page, asset.pages, "point", point=points[index], counter=counter)
        index -= len(points)
    raise RenderError(f"slide {page} of {asset.pages} has nothing to show", field="template")
