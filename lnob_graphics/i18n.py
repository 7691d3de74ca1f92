"""Language facts and the words that appear on images besides the user's own text.

The tool's messages stay English; everything drawn on an image, and the alt
text, is in the asset's language. Languages without an entry here use English
labels, and the manifest says so in the asset's warnings.
"""

from __future__ import annotations

import re

from lnob_graphics.text.bidi import Direction

# Languages written right to left (primary subtags).
RTL_LANGUAGES = frozenset({"ar", "fa", "ps", "ur", "he", "yi", "dv", "ckb", "sd", "ug"})

LANG_PATTERN = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")

LABELS: dict[str, dict[str, str]] = {
    "en": {"goal": "Goal {n}", "source": "Source: {source}", "pledge": "#LeaveNoOneBehind",
           "alt_goal": "Goal {n}, {name}", "alt_source": "Source: {source}",
           "target": "Target", "now": "Now", "quote": "“"},
    "fr": {"goal": "Objectif {n}", "source": "Source : {source}", "pledge": "#NePasLaisserPersonneDeCôté",
           "alt_goal": "Objectif {n}, {name}", "alt_source": "Source : {source}",
           "target": "Cible", "now": "Aujourd’hui", "quote": "«"},
    "es": {"goal": "Objetivo {n}", "source": "Fuente: {source}", "pledge": "#QueNadieSeQuedeAtrás",
           "alt_goal": "Objetivo {n}, {name}", "alt_source": "Fuente: {source}",
           "target": "Meta", "now": "Hoy", "quote": "“"},
    "pt": {"goal": "Objetivo {n}", "source": "Fonte: {source}", "pledge": "#NãoDeixarNinguémParaTrás",
           "alt_goal": "Objetivo {n}, {name}", "alt_source": "Fonte: {source}",
           "target": "Meta", "now": "Hoje", "quote": "“"},
    "ar": {"goal": "الهدف {n}", "source": "المصدر: {source}", "pledge": "#ألا_يتخلف_أحد_عن_الركب",
           "alt_goal": "الهدف {n}، {name}", "alt_source": "المصدر: {source}",
           "target": "المستهدف", "now": "الآن", "quote": "«"},
    "zh": {"goal": "目标{n}", "source": "来源：{source}", "pledge": "#不让任何一个人掉队",
           "alt_goal": "目标{n}：{name}", "alt_source": "来源：{source}",
           "target": "目标值", "now": "现在", "quote": "“"},
    "ru": {"goal": "Цель {n}", "source": "Источник: {source}", "pledge": "#НиктоНеБудетЗабыт",
           "alt_goal": "Цель {n}, {name}", "alt_source": "Источник: {source}",
           "target": "Цель", "now": "Сейчас", "quote": "«"},
}


def primary(lang: str) -> str:
    return lang.split("-")[0].lower()


def direction_of(lang: str) -> Direction:
    return "rtl" if primary(lang) in RTL_LANGUAGES else "ltr"


def labels_for(lang: str) -> tuple[dict[str, str], bool]:
    """Labels in ``lang``, and whether they are really in that language (else English)."""
    table = LABELS.get(primary(lang))
    return (table, True) if table is not None else (LABELS["en"], False)
