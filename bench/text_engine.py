"""Benchmark: the text engine against the rasterizer, on the same card.

For a 40-word headline in several scripts, on a 1080×1080 `stat` card:

- text, cold: the whole card's SVG (template + every text block: itemize, shape,
  ICU breaks, fit, exact re-shaping, glyph outlines) with every engine cache empty
  (fonts stay loaded: that is once per process, reported separately);
- text, warm: the same card again (paragraphs and glyph outlines cached, as for
  the second and later platforms of an asset);
- raster: cairosvg turning that SVG into pixels.

Times are medians; the verdict is the ratio text / raster measured in the same run,
never an absolute time. Target: warm text ≤ 10 % of the raster time, cold ≤ 50 %.

    python bench/text_engine.py [--repeat N] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lnob_graphics.campaign import Asset
from lnob_graphics.platforms import PLATFORMS
from lnob_graphics.rasterize import get_rasterizer
from lnob_graphics.render import render_svg
from lnob_graphics.templates import template_set
from lnob_graphics.text import engine
from lnob_graphics.text.fonts import default_library

WARM_TARGET, COLD_TARGET = 0.10, 0.50

# About 40 words each (Chinese and Khmer: the same sentences, written without spaces).
PARAGRAPHS = {
    "en": ("Leave no one behind means reaching the furthest behind first: the girls who never "
           "finish primary school, the families in extreme poverty, the people forced from their "
           "homes by conflict, and everyone left unheard when decisions about them are made."),
    "ar": ("عدم ترك أحد خلف الركب يعني أن نصل أولاً إلى الأبعد عن الركب: الفتيات اللواتي لا يكملن "
           "المرحلة الابتدائية، والأسر التي تعيش في فقر مدقع، والناس الذين أجبرتهم النزاعات على الفرار "
           "من ديارهم، وكل من يغيب صوته حين يقرر الآخرون مصير حياته."),
    "hi": ("किसी को पीछे न छोड़ने का अर्थ है सबसे पीछे रह गए लोगों तक पहले पहुँचना: वे लड़कियाँ जो "
           "प्राथमिक विद्यालय पूरा नहीं कर पातीं, अत्यधिक गरीबी में रहने वाले परिवार, संघर्ष के कारण "
           "घर छोड़ने को मजबूर लोग, और हर वह व्यक्ति जिसकी आवाज़ निर्णयों में शामिल नहीं होती।"),
    "km": ("ការអប់រំគឺជាសិទ្ធិរបស់កុមារគ្រប់រូប " * 4).strip(),
    "zh": ("不让任何一个人掉队，意味着首先帮助最落后的人：没有读完小学的女孩、生活在极端贫困中的家庭、"
           "因冲突被迫离开家园的人，以及在别人决定他们命运时没有发言权的每一个人。"),
}


def median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def clear_engine_caches() -> None:
    engine.prepare.cache_clear()
    for face in default_library().all_faces():
        face._outlines.clear()
        face._bitmaps.clear()
        face._extents.clear()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    start = time.perf_counter()
    library = default_library()
    fonts_ms = (time.perf_counter() - start) * 1000
    templates = template_set()
    platform = PLATFORMS["instagram-square"]
    raster = get_rasterizer()
    rows = []
    for lang, text in PARAGRAPHS.items():
        asset = Asset("bench", lang, "stat", "4",
                      {"stat": "23%", "headline": text, "source": "UN, 2015"},
                      (platform.name,), None, "bench", 1)

        def card(asset: Asset = asset) -> str:
            return render_svg(asset, platform, templates, overflow="warn").svg

        def cold(card: Callable[[], str] = card) -> str:
            clear_engine_caches()
            return card()

        svg = card()
        rows.append({
            "lang": lang,
            "words": len(text.split()),
            "text_cold_ms": median_ms(cold, args.repeat),
            "text_warm_ms": median_ms(card, args.repeat),
            "raster_ms": median_ms(lambda svg=svg: raster.to_png(svg, 1080, 1080), args.repeat),
        })
    for row in rows:
        row["cold_ratio"] = row["text_cold_ms"] / row["raster_ms"]
        row["warm_ratio"] = row["text_warm_ms"] / row["raster_ms"]
    ok = all(r["warm_ratio"] <= WARM_TARGET and r["cold_ratio"] <= COLD_TARGET for r in rows)
    if args.json:
        print(json.dumps({"fonts_load_ms": fonts_ms, "faces": len(library.all_faces()),
                          "rows": rows, "ok": ok}, indent=2))
    else:
        print(f"fonts loaded once per process: {fonts_ms:.0f} ms")
        print(f"{'lang':<5}{'text cold':>11}{'text warm':>11}{'raster':>9}"
              f"{'cold/raster':>13}{'warm/raster':>13}")
        for r in rows:
            print(f"{r['lang']:<5}{r['text_cold_ms']:>9.1f}ms{r['text_warm_ms']:>9.1f}ms"
                  f"{r['raster_ms']:>7.0f}ms{r['cold_ratio']:>12.0%}{r['warm_ratio']:>13.0%}")
        print(f"target: warm ≤ {WARM_TARGET:.0%}, cold ≤ {COLD_TARGET:.0%} of the raster time: "
              f"{'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
