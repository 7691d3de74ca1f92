"""The language's own quotation marks and apostrophe (lnob_graphics/text/typography.py)."""

from __future__ import annotations

import dataclasses

import pytest

from conftest import EXAMPLES
from lnob_graphics.card import Card
from lnob_graphics.pipeline import load_campaign
from lnob_graphics.platforms import PLATFORMS
from lnob_graphics.templates import template_set
from lnob_graphics.text.typography import typographic

N = "\u202f"  # narrow no-break space


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", 'She said "we can" today', "She said “we can” today"),
    ("en", "don't", "don’t"),
    ("en", 'He said "it\'s \'fine\' now"', "He said “it’s ‘fine’ now”"),
    ("fr", "D'après l'ONU, \"personne\" ne doit", f"D’après l’ONU, «{N}personne{N}» ne doit"),
    ("fr", "« déjà »", f"«{N}déjà{N}»"),  # typed guillemets: the spaces made narrow, no-break
    ("fr-CH", '"déjà"', "«déjà»"),  # Swiss French sets no space inside guillemets
    ("de", 'Laut UN soll "niemand" leben, sagt\'s', "Laut UN soll „niemand“ leben, sagt’s"),
    ("ru", '"никто"', "«никто»"),
    ("ar", '"لا أحد" يجب', "«لا أحد» يجب"),
    ("ur", '"کوئی بھی" 2030', "”کوئی بھی“ 2030"),
    ("fa", '"هیچ\u200cکس" نباید', "«هیچ\u200cکس» نباید"),
    ("hi", '"कोई भी" 2030', "“कोई भी” 2030"),
    ("zh", '"不让任何一个人掉队"', "“不让任何一个人掉队”"),
])
def test_quotes_and_apostrophes_per_language(lang: str, text: str, expected: str) -> None:
    assert typographic(text, lang) == expected


@pytest.mark.parametrize(("lang", "text"), [
    ("en", 'He is 5\'11" tall'),  # primes after digits
    ("en", "see www.un.org/it's or o'brien@un.org"),  # addresses
    ("en", 'one " unpaired mark'),  # a double quote that pairs with nothing
    ("en", "“already” typographic, don't"),  # already typographic: left as typed
    ("tg", '"ҳеҷ кас"'),  # no CLDR marks we apply: straight quotes kept
    ("ar", "it's"),  # a Latin word in Arabic text: only its apostrophe changes
])
def test_left_alone(lang: str, text: str) -> None:
    expected = text.replace("it's", "it’s") if lang == "ar" else text
    assert typographic(text, lang) == expected


def test_card_sets_the_quotes_and_a_campaign_can_switch_it_off() -> None:
    campaign = load_campaign([EXAMPLES / "every-template.yaml"])
    templates = template_set(campaign.template_dirs)
    asset = next(a for a in campaign.assets if a.id == "rural-girls" and a.lang == "en")
    asset = dataclasses.replace(asset, lang="fr", fields={
        **asset.fields, "headline": "D'après l'ONU, \"23%\" des filles"})
    info = templates.infos[asset.template]
    card = Card.of(asset, PLATFORMS["instagram-square"], info)
    assert card.fields["headline"] == f"D’après l’ONU, «{N}23\u00a0%{N}» des filles"
    off = Card.of(dataclasses.replace(asset, typography=False), PLATFORMS["instagram-square"],
                  info)
    assert off.fields["headline"] == "D'après l'ONU, \"23\u00a0%\" des filles"
