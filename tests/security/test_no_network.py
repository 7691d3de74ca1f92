"""Nothing leaves the machine and nothing outside the allowed folders is read: the real
CLI, run under an audit hook (PEP 578) that records every file opened and every network
call, on a campaign and a template full of external references."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

from conftest import EXAMPLES, REPO

HERE = Path(__file__).resolve().parent
HOSTILE_TEMPLATE = """\
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 1080 1080">
  <rect id="lnob-fill-goal" width="1080" height="1080"/>
  <image href="file:///etc/passwd" width="10" height="10"/>
  <image xlink:href="http://example.org/tracker.png" width="10" height="10"/>
  <rect id="lnob-text-headline" x="80" y="300" width="900" height="400" data-lnob-lines="4"/>
</svg>
"""


def test_no_connection_and_no_read_outside_the_allowed_folders(tmp_path: Path) -> None:
    folder = tmp_path / "campaign"
    shutil.copytree(EXAMPLES / "templates", folder / "templates")
    (folder / "templates" / "leaky.svg").write_text(HOSTILE_TEMPLATE, encoding="utf-8")
    shutil.copy(EXAMPLES / "photos/girl-walking-to-school.jpg", folder / "photo.jpg")
    (folder / "c.yaml").write_text("""\
templates: templates
assets:
  - {id: text, template: stat, goal: 4, lang: en, stat: "23%",
     headline: "<image href=\\"file:///etc/passwd\\"/> http://example.org {{ 7*7 }}"}
  - {id: leaky, template: leaky, goal: 5, lang: ar, headline: "تسريب"}
  - {id: story, template: story, goal: 4, lang: en, quote: q, name: n, image: photo.jpg}
  - {id: poster, template: poster, goal: 5, lang: en, headline: Counted,
     platforms: [instagram-square]}
""", encoding="utf-8")
    events_file = tmp_path / "events.jsonl"
    result = subprocess.run(
        [sys.executable, str(HERE / "audit_run.py"), str(events_file), "render",
         str(folder / "c.yaml"), "--out", str(tmp_path / "out"), "-j", "1", "-p",
         "instagram-square"],
        env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True,
        check=False, timeout=300)
    assert result.returncode == 1, result.stderr  # the leaky template's image fails …
    assert "template 'leaky' refers to 'file:///etc/passwd'" in result.stderr  # … saying why
    events = [json.loads(line) for line in events_file.read_text(encoding="utf-8").splitlines()]
    # (cairosvg reads embedded images through urllib with data: URIs: no network)
    network = [e for e in events if e[0].startswith(("socket", "http"))
               or (e[0] == "urllib.Request" and not e[1].startswith("data:"))]
    assert network == []
    opened = {path for event, path in events if event == "open" and not path.isdigit()}
    roots = {sys.prefix, sys.base_prefix, sysconfig.get_paths()["purelib"],
             sysconfig.get_paths()["stdlib"], REPO, tmp_path, tempfile.gettempdir()}
    allowed = (*(str(Path(p).resolve()) for p in roots),
               "/dev/null", "/usr/share/zoneinfo/", "/usr/lib/", "/proc/self/")
    outside = sorted(p for p in opened if not str(Path(p).resolve()).startswith(allowed))
    assert outside == []
    assert not [p for p in opened if p.startswith("/etc/")]
    assert str(folder / "photo.jpg") in opened  # what the campaign names is read
