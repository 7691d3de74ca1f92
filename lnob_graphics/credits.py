"""Credits as a card draws them: a source's web addresses shown as their domain, and a
photo credit with its own sign. Pure text functions, for the card (what is drawn) and the
alt text (which keeps every address whole)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# A web address in a source or credit: with its scheme, or starting www.
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}»”’'\""


def on_card(text: str) -> str:
    """``text`` as a card draws it: every web address in it shown as its domain, without
    ``www.`` ("World Bank, https://www.worldbank.org/en/topic/poverty" → "World Bank,
    worldbank.org"). A full address takes two lines of small type on a card and reads as
    noise; the alt text and the caption keep it whole."""
    def domain(match: re.Match[str]) -> str:
        url = match.group()
        tail = ""
        while url and url[-1] in _TRAILING:
            url, tail = url[:-1], url[-1] + tail
        parsed = urlsplit(url if "://" in url else "http://" + url)
        host = parsed.hostname or ""
        if not host:
            return match.group()
        return host.removeprefix("www.") + tail

    return _URL.sub(domain, text)


def credit_line(credit: str, shorten: bool = True) -> str:
    """The photo credit as a card draws it: the sign © and the credit ("© UNICEF/Dejongh"),
    in every language — no word for "photo": no labels file has a citable translation of
    one, and an English word never goes on a local card. A credit that starts with © (or
    with the campaign's own words, "Photo: …") is drawn as given. ``shorten``: web
    addresses as their domain (on the card; the alt text keeps them whole)."""
    credit = on_card(credit.strip()) if shorten else credit.strip()
    if not credit:
        return ""
    return credit if credit.startswith("©") or ":" in credit else f"© {credit}"
