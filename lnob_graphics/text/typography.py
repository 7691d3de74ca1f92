"""The language's own quotation marks and apostrophe in a campaign's text.

Campaigners type ``"…"`` and ``'`` on their keyboards; a card sets each language's own
marks: ``“…”`` in English, ``„…“`` in German, ``« … »`` in French, ``«…»`` in Arabic,
Persian and Russian, ``”…“`` in Urdu, and ``’`` for the apostrophe in Latin-script
languages (``l’ONU``, ``don’t``).

- The marks are CLDR's ``delimiters`` (quotationStart/End for the outer pair,
  alternateQuotationStart/End for a quotation inside it), copied below from
  github.com/unicode-org/cldr-json ``cldr-json/cldr-misc-full/main/LANG/delimiters.json``
  (CLDR 44–45; Babel 2.19 does not expose them). A language not in the table keeps its
  straight quotes: we do not guess a language's marks.
- French sets a narrow no-break space (U+202F) inside guillemets — the French national
  printing office's rule (Imprimerie nationale, *Lexique des règles typographiques en usage
  à l'Imprimerie nationale*: « espace insécable » inside « »), the narrow one as Unicode's
  notes on U+202F recommend for French punctuation; Swiss French (``fr-CH``) sets none. The
  space also keeps a guillemet on its word's line (U+202F never allows a break).
- Conservative, never wrong: a text that already has typographic quotes is left as it is
  (except French spacing inside guillemets), and so is one whose straight double quotes do
  not pair up (an odd number, or a mark that is neither clearly opening nor closing).
  Inside web addresses, e-mail addresses and after a digit (``5'11"``, a prime) nothing
  changes. An apostrophe becomes ``’`` only between two letters of a Latin-script word
  (``d'un``, ``don't``), in any language: U+2019 is the apostrophe the Unicode Standard
  prefers (chapter 6, "Apostrophes"); other scripts' apostrophe-like letters are their own
  characters, and a ``'`` among them is left as typed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import NamedTuple

from lnob_graphics.i18n import primary


class Marks(NamedTuple):
    open: str
    close: str
    inner_open: str
    inner_close: str


# CLDR delimiters (quotationStart, quotationEnd, alternateQuotationStart,
# alternateQuotationEnd), per language: cldr-json/cldr-misc-full/main/LANG/delimiters.json.
# Arabic is the exception: CLDR gives ”…“, but Arabic print sets guillemets «…», as
# Wikipedia's "Guillemet" article lists (Uses: Arabic, pointing outwards) and as the
# project's issue 13 asks; the story's large quotation mark (labels: quote) is « as well, so
# one card never shows two kinds. The inner pair stays CLDR's.
# Tajik (tg) is left out: its CLDR data opens with » and closes with «, which we could not
# confirm against Tajik practice.
QUOTES: dict[str, Marks] = {
    "en": Marks("“", "”", "‘", "’"),
    "fr": Marks("«", "»", "«", "»"),
    "de": Marks("„", "“", "‚", "‘"),
    "es": Marks("“", "”", "‘", "’"),
    "pt": Marks("“", "”", "‘", "’"),
    "sw": Marks("“", "”", "‘", "’"),
    "tr": Marks("“", "”", "‘", "’"),
    "ru": Marks("«", "»", "„", "“"),
    "ar": Marks("«", "»", "’", "‘"),  # not CLDR's ”…“: see above
    "ur": Marks("”", "“", "’", "‘"),
    "fa": Marks("«", "»", "‹", "›"),
    "ps": Marks("“", "”", "‘", "’"),
    "hi": Marks("“", "”", "‘", "’"),
    "ne": Marks("“", "”", "‘", "’"),
    "bn": Marks("“", "”", "‘", "’"),
    "km": Marks("“", "”", "‘", "’"),
    "my": Marks("“", "”", "‘", "’"),
    "zh": Marks("“", "”", "‘", "’"),
    "am": Marks("«", "»", "‹", "›"),
}
NNBSP = "\u202f"  # narrow no-break space
_TYPOGRAPHIC = frozenset("“”„‟«»‹›‚‘’")
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[\w.+'-]+@[\w-]+(?:\.[\w-]+)+"
                      r"|\b[\w-]+(?:\.[\w-]+)+/\S*")
_OPENERS = "([{\u2014\u2013-/"  # a quotation may start right after these


def marks(lang: str) -> Marks | None:
    """The language's quotation marks (CLDR), None for a language we have none for."""
    return QUOTES.get(primary(lang))


def _french_spaces(lang: str) -> bool:
    return primary(lang) == "fr" and lang.replace("_", "-").lower() != "fr-ch"


def _is_letter(char: str) -> bool:
    return char.isalpha() or unicodedata.category(char).startswith("M")


@cache
def typographic(text: str, lang: str) -> str:
    """``text`` with ``lang``'s quotation marks and apostrophe (see the module docstring)."""
    if not text or not any(c in "'\"«»" for c in text):
        return text
    if any(c in _TYPOGRAPHIC for c in text):
        return _space_guillemets(text) if _french_spaces(lang) else text
    protected = [False] * len(text)
    for match in _ADDRESS.finditer(text):
        protected[match.start():match.end()] = [True] * (match.end() - match.start())
    chars = list(text)
    singles: list[int] = []  # straight single quotes that are not apostrophes
    for i, char in enumerate(text):
        if char != "'" or protected[i]:
            continue
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if before.isdigit():
            continue  # a prime: 5'11"
        if before and after and _is_letter(before) and _is_letter(after):
            if _latin(before) and _latin(after):
                chars[i] = "’"
            continue
        singles.append(i)
    doubles = [i for i, c in enumerate(text)
               if c == '"' and not protected[i] and not (i and text[i - 1].isdigit())]
    found = marks(lang)
    if found is not None:
        _pair(text, doubles, chars, found.open, found.close)  # (unpaired: left straight)
        _pair(text, singles, chars, found.inner_open, found.inner_close)
    result = "".join(chars)
    return _space_guillemets(result) if _french_spaces(lang) else result


def _latin(char: str) -> bool:
    return unicodedata.name(char, "").startswith("LATIN") or \
        unicodedata.category(char).startswith("M")


def _pair(text: str, positions: list[int], chars: list[str], opening: str,
          closing: str) -> bool:
    """Replace straight marks at ``positions`` by ``opening``/``closing`` where they pair
    up, alternately; False (nothing changed) when they do not."""
    if not positions:
        return True
    if len(positions) % 2:
        return False
    for index, at in enumerate(positions):
        before = text[at - 1] if at else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        opens = (before.isspace() or before in _OPENERS) and not after.isspace()
        closes = not before.isspace() and (after.isspace() or
                                           unicodedata.category(after)[0] in "PZ")
        if index % 2 == 0 and not opens:
            return False
        if index % 2 == 1 and not closes:
            return False
    for index, at in enumerate(positions):
        chars[at] = opening if index % 2 == 0 else closing
    return True


_INSIDE_OPEN = re.compile(r"«[ \u00a0]*")
_INSIDE_CLOSE = re.compile(r"[ \u00a0]*»")


def _space_guillemets(text: str) -> str:
    """French: a narrow no-break space inside « », whatever space (or none) was typed."""
    text = _INSIDE_OPEN.sub("«" + NNBSP, text)
    return _INSIDE_CLOSE.sub(NNBSP + "»", text)
