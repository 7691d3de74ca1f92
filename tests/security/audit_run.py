"""Run the real CLI with an audit hook that records every file opened and every network
call (PEP 578), for tests/security/test_no_network.py.

    python audit_run.py EVENTS.jsonl lnob-args...
"""

from __future__ import annotations

import json
import sys

EVENTS = open(sys.argv[1], "w", encoding="utf-8")  # noqa: SIM115 - open for the whole run
WATCHED = ("open", "socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
           "urllib.Request", "http.client.connect", "os.listdir", "subprocess.Popen")


def hook(event: str, args: tuple[object, ...]) -> None:
    if event in WATCHED:
        first = args[0] if args else ""
        EVENTS.write(json.dumps([event, str(first)]) + "\n")
        EVENTS.flush()


sys.addaudithook(hook)
sys.argv = ["lnob", *sys.argv[2:]]
from lnob_graphics.cli import main  # noqa: E402

main()
