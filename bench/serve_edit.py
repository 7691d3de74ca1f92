"""Benchmark: `lnob serve`'s edit round trip — a text changed in the page, written back
into the campaign file, the campaign read again, the asset's cards drawn again (SVG) and
sent back — as the browser's htmx request makes it. Target: ≤ 300 ms for a typical card
(one stat asset in one language on five platforms), medians.

    python bench/serve_edit.py [--runs N] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from webserver import Client, running_server

CSV = ("id,template,goal,lang,stat,headline,source\n"
       "water,stat,6,ar,2.2,مليارا شخص بلا مياه شرب مأمونة,اليونيسف ومنظمة الصحة العالمية ٢٠٢٣\n")
TARGET = 0.300


def measure(runs: int) -> dict[str, object]:
    with running_server(workers=2) as running:
        client = Client(running)
        client.open()
        assert client.upload([("water.csv", CSV.encode())]).status == 303
        for platform in ("instagram-square", "instagram-portrait", "instagram-story", "x-post",
                         "facebook-link"):  # the first drawing of each (the page loads them)
            client.request("GET", "/card?" + urlencode({"id": "water", "lang": "ar",
                                                        "platform": platform}))
        times = []
        for run in range(runs):
            body = urlencode({"id": "water", "lang": "ar", "f:stat": "2.2",
                              "f:headline": f"مليارا شخص بلا مياه شرب مأمونة {run}",
                              "f:source": "اليونيسف ومنظمة الصحة العالمية ٢٠٢٣"}).encode()
            start = time.perf_counter()
            reply = client.request("POST", "/edit", body, {
                "Content-Type": "application/x-www-form-urlencoded"})
            times.append(time.perf_counter() - start)
            assert reply.status == 200 and reply.text.count("<img") == 5, reply.text[:500]
    median = statistics.median(times)
    return {"runs": runs, "median_s": round(median, 4), "max_s": round(max(times), 4),
            "cards": 5, "target_s": TARGET, "ok": median <= TARGET}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = measure(args.runs)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"edit round trip, 1 asset × 5 platforms redrawn: median {result['median_s']} s, "
              f"max {result['max_s']} s over {args.runs} runs (target ≤ {TARGET} s): "
              f"{'ok' if result['ok'] else 'SLOWER'}")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
