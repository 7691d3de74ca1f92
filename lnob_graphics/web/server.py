"""`lnob serve`: bind the socket (``--port 0``: a free one), make the run's token, print
the address first, open the browser, serve until Ctrl-C, and remove every session's
folder on the way out."""

from __future__ import annotations

import secrets
import shutil
import signal
import socket
import tempfile
import threading
import webbrowser
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from lnob_graphics.options import DEFAULT_TIMEOUT
from lnob_graphics.web.app import Config, create_app
from lnob_graphics.web.safety import LIMITS, Limits, allowed_hosts

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass
class Running:
    server: uvicorn.Server
    sock: socket.socket
    url: str
    config: Config

    def serve(self) -> None:
        try:
            self.server.run(sockets=[self.sock])
        finally:
            self.sock.close()
            shutil.rmtree(self.config.root, ignore_errors=True)


def prepare(paths: list[Path], host: str = "127.0.0.1", port: int = 0,
            allow_hosts: tuple[str, ...] = (), limits: Limits = LIMITS,
            timeout: float = DEFAULT_TIMEOUT, workers: int = 2) -> Running:
    """The bound socket and the app, not yet serving (the tests serve it in a thread)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    port = sock.getsockname()[1]
    token = secrets.token_urlsafe(24)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    shown = f"[{shown}]" if ":" in shown else shown
    extra = tuple(h.lower() for h in allow_hosts)  # as the proxy sends it: name[:port]
    allowed = allowed_hosts(host, port, extra)
    if host in ("0.0.0.0", "::"):
        allowed |= allowed_hosts("127.0.0.1", port)
    root = Path(tempfile.mkdtemp(prefix="lnob-serve-"))
    config = Config(host, port, token, root, allowed, limits, timeout, workers,
                    [p.resolve() for p in paths])
    app = create_app(config)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False,
                                           lifespan="on", timeout_graceful_shutdown=5))
    return Running(server, sock, f"http://{shown}:{port}/?token={token}", config)


def serve(paths: list[Path], host: str, port: int, browser: bool,
          allow_hosts: tuple[str, ...]) -> None:
    running = prepare(paths, host, port, allow_hosts)

    def stop(_signum: int, _frame: object) -> None:
        running.server.should_exit = True  # uvicorn stops at its next turn, or at once

    # Ctrl-C (and SIGTERM) ask the server to stop rather than raise KeyboardInterrupt
    # wherever Python happens to be: one landing in a garbage collector's callback before
    # uvicorn took the signal over was "ignored" and lost, and the server ran on. uvicorn
    # takes the signals over while it serves and hands them back (to this) when it stops.
    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        print(f"Open {running.url}", flush=True)
        if host not in LOOPBACK:
            print(f"warning: --host {host}: the page can be reached from other computers; "
                  "anyone who has the address with its token can use it (put it behind your "
                  "own proxy with HTTPS, and name the proxy's host with --allow-host)",
                  flush=True)
        print("Stop with Ctrl-C.", flush=True)
        if browser:
            threading.Timer(0.5, webbrowser.open, args=(running.url,)).start()
        running.serve()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        running.sock.close()
        shutil.rmtree(running.config.root, ignore_errors=True)
    print("stopped; the session folders are removed", flush=True)
