"""Language facts: direction, and language codes as campaigners write them.

The tool's messages stay English; everything drawn on an image, and the alt text, is in
the asset's language — the words the tool adds come from ``labels`` (never English on a
card in another language).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from lnob_graphics.text.bidi import Direction

# Languages written right to left (primary subtags).
RTL_LANGUAGES = frozenset({"ar", "fa", "ps", "ur", "he", "yi", "dv", "ckb", "sd", "ug"})

LANG_PATTERN = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def primary(lang: str) -> str:
    return lang.split("-")[0].lower()


def direction_of(lang: str) -> Direction:
    return "rtl" if primary(lang) in RTL_LANGUAGES else "ltr"


# Three-letter codes (ISO 639-2/3) campaigners meet for the languages of the national
# dialogues, and the code the tool knows them by (CLDR's). Dari is tagged fa-AF in CLDR.
_THREE_LETTER = {"ara": "ar", "ben": "bn", "hin": "hi", "nep": "ne", "npi": "ne", "urd": "ur",
                 "fas": "fa", "per": "fa", "pes": "fa", "prs": "fa-AF", "pus": "ps", "pbt": "ps",
                 "pbu": "ps", "khm": "km", "tgk": "tg", "swa": "sw", "swh": "sw", "por": "pt",
                 "spa": "es", "fra": "fr", "fre": "fr", "eng": "en", "rus": "ru", "zho": "zh",
                 "chi": "zh", "cmn": "zh", "deu": "de", "ger": "de", "tur": "tr", "amh": "am"}


@dataclass(frozen=True)
class LanguageCode:
    """What a written language code means: the code to use (``code``), with a ``note`` when
    it was written another way that has one meaning (``EN``, ``pt_BR``); or no code and a
    ``problem`` saying what it might have meant (``Arabic``, ``np``)."""

    code: str | None
    note: str | None = None
    problem: str | None = None


def read_language(written: str) -> LanguageCode:
    """A language as a campaigner may write it, checked against the languages CLDR knows."""
    text = written.strip()
    parts = text.replace("_", "-").split("-")
    if not text or not all(p.isalnum() and p.isascii() for p in parts):
        return LanguageCode(None, problem=_unknown(text))
    tag = "-".join([parts[0].lower()] + [_subtag_case(p) for p in parts[1:]])
    primary = parts[0].lower()
    if primary in _known_languages() and LANG_PATTERN.match(tag):
        note = None if tag == text else f"{text!r} read as {tag!r}"
        return LanguageCode(tag, note=note)
    return LanguageCode(None, problem=_unknown(text))


def _subtag_case(part: str) -> str:
    # BCP 47's conventional case: regions upper (BR, 419), scripts title (Latn), others lower.
    if len(part) == 2 or part.isdigit():
        return part.upper()
    return part.title() if len(part) == 4 else part.lower()


# The languages campaigners of the national dialogues write most: near misses of a code
# are suggested among these (any of CLDR's 600 would suggest Venda for "e").
_COMMON = ("en", "fr", "es", "pt", "ar", "fa", "ps", "ur", "hi", "ne", "bn", "km", "zh", "ru",
           "tg", "sw", "tr", "de", "am", "my")


def _unknown(text: str) -> str:
    import difflib

    key = text.casefold()
    names = _by_name()
    near = difflib.get_close_matches(key, list(names), n=1, cutoff=0.8)
    guess = _THREE_LETTER.get(key) or names.get(key) or (names[near[0]] if near else None)
    territory = _territory_language(text)
    if guess:
        hint = f" (did you mean {guess}?)"
    elif territory:
        hint = f" (did you mean {territory[0]}? {text.upper()} is the country code of {territory[1]})"
    else:
        close = [c for c in _COMMON if c.startswith(key)] or difflib.get_close_matches(
            key, _COMMON, n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]}?)" if close else ""
    return (f"unknown language {text!r}{hint}; use a language code (BCP 47) such as en, ar, "
            "ne, pt-BR")


@cache
def _known_languages() -> frozenset[str]:
    from babel import Locale

    return frozenset(Locale("en").languages)


@cache
def _by_name() -> dict[str, str]:
    """Language names → code: English ("Arabic"), and each language's own ("Français",
    "العربية", "नेपाली")."""
    from babel import Locale, UnknownLocaleError

    names = {name.casefold(): code for code, name in Locale("en").languages.items()
             if "_" not in code}
    for code in ("ar", "bn", "de", "es", "fa", "fr", "hi", "km", "ne", "ps", "pt", "ru", "sw",
                 "tg", "tr", "ur", "zh", "am", "my"):
        try:
            own = Locale(code).languages.get(code)
        except UnknownLocaleError:
            continue
        if own:
            names.setdefault(own.casefold(), code)
    return names


def _territory_language(text: str) -> tuple[str, str] | None:
    """A country code written for a language (``np`` for Nepal): its official language."""
    if len(text) != 2 or not text.isalpha():
        return None
    from babel import Locale
    from babel.languages import get_official_languages

    region = text.upper()
    name = Locale("en").territories.get(region)
    languages = get_official_languages(region)
    return (languages[0], name) if name and languages else None
