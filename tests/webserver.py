"""A real `lnob serve` in a thread of the test process (port 0), and plain HTTP to it."""

from __future__ import annotations

import http.client
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lnob_graphics.web.safety import LIMITS, Limits
from lnob_graphics.web.server import Running, prepare


@contextmanager
def running_server(limits: Limits = LIMITS, workers: int = 1,
                   allow_hosts: tuple[str, ...] = ()) -> Iterator[Running]:
    running = prepare([], "127.0.0.1", 0, allow_hosts, limits=limits, workers=workers)
    thread = threading.Thread(target=running.serve, daemon=True)
    thread.start()
    for _ in range(200):
        if running.server.started:
            break
        time.sleep(0.05)
    assert running.server.started, "the server did not start"
    try:
        yield running
    finally:
        running.server.should_exit = True
        thread.join(timeout=30)
        assert not thread.is_alive(), "the server did not stop"
        assert not running.config.root.exists(), "the sessions' folder was not removed"


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


@dataclass
class Client:
    """One browser: its own cookies (the token's and the session's)."""

    running: Running
    cookies: dict[str, str] = field(default_factory=dict)

    @property
    def base(self) -> str:
        return self.running.url.split("/?", 1)[0]

    @property
    def host(self) -> str:
        return urlsplit(self.base).netloc

    def open(self) -> Reply:
        """The printed address: sets the cookies, as a browser would."""
        return self.request("GET", "/?" + self.running.url.split("?", 1)[1])

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None, cookies: bool = True) -> Reply:
        sent = {"Host": self.host, **({"Origin": self.base} if method == "POST" else {})}
        if cookies and self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        sent.update(headers or {})
        sent = {k: v for k, v in sent.items() if v is not None}
        connection = http.client.HTTPConnection(self.host, timeout=120)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            data = response.read()
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key] = rest.split(";", 1)[0]
            return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, data)
        finally:
            connection.close()

    def upload(self, files: list[tuple[str, bytes]], extra: dict[str, str] | None = None) -> Reply:
        boundary = uuid.uuid4().hex
        parts = []
        for name, data in files:
            parts.append(f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; "
                         f"filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                         .encode() + data + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request("POST", "/upload", body, {
            "Content-Type": f"multipart/form-data; boundary={boundary}", **(extra or {})})
