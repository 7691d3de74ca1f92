"""`lnob serve` from the command line: the address is the first line, Ctrl-C stops it
cleanly and removes the sessions' folders; the web stack is not loaded by other commands."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import REPO


@pytest.mark.slow
def test_serve_prints_the_address_first_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "lnob_graphics", "serve", str(REPO / "lnob_graphics/starter"),
         "--port", "0", "--no-browser"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env=env, cwd=tmp_path)
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        match = re.fullmatch(r"Open (http://127\.0\.0\.1:(\d+)/\?token=[A-Za-z0-9_-]{32})\n", first)
        assert match, first
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        with opener.open(match.group(1), timeout=60) as response:
            page = response.read().decode("utf-8")
        assert "campaign.yaml" in page and 'hx-get="/card?id=girls-school' in page
        assert len(list(tmp_path.glob("lnob-serve-*"))) == 1
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "stopped; the session folders are removed" in out
    assert "Traceback" not in err
    assert list(tmp_path.glob("lnob-serve-*")) == []


def test_serve_names_a_missing_campaign() -> None:
    from typer.testing import CliRunner

    from lnob_graphics.cli import app

    result = CliRunner().invoke(app, ["serve", "/no/such/campaign.csv", "--no-browser"])
    assert result.exit_code == 2
    assert result.output == "error: /no/such/campaign.csv: no such file or folder\n"


@pytest.mark.slow
def test_serve_warns_when_other_computers_can_reach_it(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "lnob_graphics", "serve", "--host", "0.0.0.0", "--port", "0",
         "--no-browser"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
        env={**os.environ, "TMPDIR": str(tmp_path)})
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert re.fullmatch(r"Open http://127\.0\.0\.1:\d+/\?token=\S+\n", first)
        assert process.stdout.readline().startswith(
            "warning: --host 0.0.0.0: the page can be reached from other computers;")
        # Serving (it answers) before Ctrl-C: what is tested here is the warning and a
        # clean stop of a running server (an early Ctrl-C has its own test below).
        port = int(first.split(":")[2].split("/")[0])
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err


def test_other_commands_do_not_load_the_web_stack() -> None:
    code = ("import sys; from lnob_graphics.cli import app; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('starlette', 'uvicorn', 'multipart', 'python_multipart', 'anyio')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=tempfile.gettempdir())
    assert result.stdout.strip() == "[]"


@pytest.mark.slow
def test_ctrl_c_before_the_server_is_up_still_stops_cleanly(tmp_path: Path) -> None:
    """Ctrl-C right after the address is printed (before uvicorn has its own handler):
    exit 0, and the session folder removed — every time."""
    for _ in range(3):
        process = subprocess.Popen(
            [sys.executable, "-m", "lnob_graphics", "serve", "--port", "0", "--no-browser"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
            env={**os.environ, "TMPDIR": str(tmp_path)})
        try:
            assert process.stdout is not None
            assert process.stdout.readline().startswith("Open http://127.0.0.1:")
            process.send_signal(signal.SIGINT)
            _out, err = process.communicate(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
        assert process.returncode == 0, err
        assert list(tmp_path.glob("lnob-serve-*")) == []
