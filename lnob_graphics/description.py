"""The card in words: its alt text, its post text and what a reader may miss.

Alt text and caption come from the card alone — not from the drawing — so they are
known before the template runs (templates put the alt text in the SVG's
``aria-label``). A carousel slide gets its own alt text. The warnings are the ones
about the card as read: words the template adds still in English, text colours below
WCAG AA contrast, alt text too long for Mastodon.
"""

from __future__ import annotations

from dataclasses import dataclass

from lnob_graphics.alttext import alt_text
from lnob_graphics.campaign import Asset
from lnob_graphics.captions import caption, caption_body
from lnob_graphics.card import Card, PageView
from lnob_graphics.platforms import Platform
from lnob_graphics.themes import AA_NORMAL, contrast_ratio

MASTODON_ALT = 1500  # characters of alt text Mastodon accepts


@dataclass(frozen=True)
class Description:
    alt_text: str
    caption: str  # the suggested post text for this platform
    warnings: list[str]  # about the card's words and colours
    alt_warnings: list[str]  # about the alt text (listed after the template's own warnings)


def describe(card: Card, platform: Platform) -> Description:
    asset, theme = card.asset, card.theme
    warnings: list[str] = []
    if not card.localized:
        warnings.append(f"no labels in {asset.lang!r} yet: words added by the template "
                        "(such as 'Goal 4' and 'Source') are in English")
    ratio = contrast_ratio(theme.text, theme.colour)
    if ratio < AA_NORMAL:
        warnings.append(f"text colour {theme.text} on {theme.colour} has a contrast of "
                        f"{ratio:.1f}:1, below WCAG AA (4.5:1): hard to read for many; "
                        "choose other colours")
    # A data series in words ("Nepal: 23%, Bangladesh: 31%"), for alt text and caption.
    summaries = {name: ", ".join(f"{p.label}: {p.display}" for p in points)
                 for name, points in card.series.items()}
    alt = asset.alt or alt_text(asset, card.info, theme.name, card.phrases, card.goal_number,
                                summaries)
    if card.page is not None:
        alt = page_alt(card.page, alt, asset) + f" ({card.page.counter})"
    source = asset.fields.get("source")
    post = caption(
        asset.caption or caption_body(card.info.caption, {**asset.fields, **summaries,
                                                          "goal": theme.name}, asset.lang),
        card.phrases["alt_source"].format(source=source) if source else "",
        [asset.fields.get("hashtag") or card.phrases["pledge"],
         f"#SDG{theme.number}" if theme.number else "", *asset.hashtags],
        asset.fields.get("link", ""), platform.caption_limit,
        count_links_as_23=platform.name == "x-post")
    alt_warnings = ([f"alt text is {len(alt)} characters; Mastodon accepts {MASTODON_ALT}"]
                    if len(alt) > MASTODON_ALT else [])
    return Description(alt, post, warnings, alt_warnings)


def page_alt(page: PageView, whole: str, asset: Asset) -> str:
    """Each slide's own alt text: the title slide describes the carousel; the others
    say what they show."""
    if page.kind == "item" and page.item is not None:
        return str(page.item)
    if page.kind == "point" and page.point is not None:
        return f"{page.point.label}: {page.point.display}"
    if page.kind == "end":
        parts = [asset.fields.get(k, "") for k in ("cta", "hashtag", "link")]
        return " ".join(p for p in parts if p) or whole
    return whole.rstrip(".")
