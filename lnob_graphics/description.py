"""The card in words: its alt text, its post text and what a reader may miss.

Alt text and caption come from the card alone — not from the drawing — so they are
known before the template runs (templates put the alt text in the SVG's
``aria-label``). A carousel slide gets its own alt text. Both use only words of the
card's language: a label it lacks is left out (``used`` says which they wanted, for the
warning the render makes with those the template wanted). The warnings are the ones
about the card as read: text colours below WCAG AA contrast, alt text too long for
Mastodon.
"""

from __future__ import annotations

from dataclasses import dataclass

from lnob_graphics.alttext import ALT_WORDS, alt_text, comma_for
from lnob_graphics.campaign import Asset
from lnob_graphics.captions import caption, caption_body
from lnob_graphics.card import Card, PageView
from lnob_graphics.labels import filled, goal_key, goal_phrase
from lnob_graphics.platforms import Platform
from lnob_graphics.themes import AA_NORMAL, contrast_ratio

MASTODON_ALT = 1500  # characters of alt text Mastodon accepts


@dataclass(frozen=True)
class Description:
    alt_text: str
    caption: str  # the suggested post text for this platform
    warnings: list[str]  # about the card's colours
    alt_warnings: list[str]  # about the alt text (listed after the template's own warnings)
    used: list[str]  # the label keys alt text and caption want (Card.missing)


def describe(card: Card, platform: Platform) -> Description:
    asset, theme = card.asset, card.theme
    warnings: list[str] = []
    ratio = contrast_ratio(theme.text, theme.colour)
    if ratio < AA_NORMAL:
        warnings.append(f"text colour {theme.text} on {theme.colour} has a contrast of "
                        f"{ratio:.1f}:1, below WCAG AA (4.5:1): hard to read for many; "
                        "choose other colours")
    # A data series in words ("Nepal: 23%, Bangladesh: 31%"), for alt text and caption.
    summaries = {name: f"{comma_for(asset.lang)} ".join(f"{p.label}: {p.display}" for p in points)
                 for name, points in card.series.items()}
    # The goal ("Goal 4, Quality education" or as much as there are words for), the source
    # line and the pledge's hashtag, in the card's language only.
    name_used = goal_key(theme.number) if theme.number else "pledge_name"
    used = [] if asset.alt else [name_used, "goal"] if theme.number else [name_used]
    goal = (goal_phrase(card.words, card.goal_number, theme.name, comma_for(asset.lang))
            if theme.number else theme.name)
    source = asset.fields.get("source", "")
    source_line = (filled(card.words.get("source"), source=source) or source) if source else ""
    if source:
        used.append("source")
    hashtag = asset.fields.get("hashtag") or card.words.get("pledge_hashtag", "")
    if not asset.fields.get("hashtag"):
        used.append("pledge_hashtag")
    pattern = card.info.alt or ""
    words = {key: card.words.get(key, "") for key in ALT_WORDS if f"{{label_{key}}}" in pattern}
    if not asset.alt:
        used.extend(words)
    alt = asset.alt or alt_text(asset, card.info, goal, source_line, summaries, words)
    if card.page is not None:
        alt = page_alt(card.page, alt, asset) + f" ({card.page.counter})"
    post = caption(
        asset.caption or caption_body(card.info.caption, {**asset.fields, **summaries,
                                                          "goal": theme.name}, asset.lang),
        source_line, [hashtag, f"#SDG{theme.number}" if theme.number else "", *asset.hashtags],
        asset.fields.get("link", ""), platform.caption_limit,
        count_links_as_23=platform.name == "x-post")
    alt_warnings = ([f"alt text is {len(alt)} characters; Mastodon accepts {MASTODON_ALT}"]
                    if len(alt) > MASTODON_ALT else [])
    return Description(alt, post, warnings, alt_warnings, used)


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
