"""`lnob serve` is safe by default: the run's token on every request, its own Host and
Origin only, upload limits, zip guards, and sessions that cannot see each other."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from webserver import Client, running_server

from conftest import CANONICAL_CSV
from lnob_graphics.web.safety import Limits, UploadError, check_zip, safe_member, safe_name
from lnob_graphics.web.server import Running

LIMITS = Limits(file_bytes=300_000, request_bytes=1_000_000, zip_bytes=5_000_000)


@pytest.fixture(scope="module")
def server() -> Iterator[Running]:
    with running_server(LIMITS, allow_hosts=("tools.example.org",)) as running:
        yield running


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_no_token_no_page(server: Running) -> None:
    client = Client(server)
    assert client.request("GET", "/").status == 403
    assert client.request("GET", "/static/htmx.min.js").status == 403
    assert client.request("GET", "/?token=wrong").status == 403
    assert "printed" in client.request("GET", "/").text
    opened = client.open()
    assert opened.status == 303 and opened.headers["location"] == "/"
    assert client.request("GET", "/").status == 200  # the cookie carries the token now
    assert client.request("GET", "/static/htmx.min.js").status == 200


def test_the_token_cookie_is_strict_and_httponly(server: Running) -> None:
    client = Client(server)
    connection_cookies = client.open().headers["set-cookie"]
    assert "HttpOnly" in connection_cookies and "SameSite=strict" in connection_cookies


def test_a_foreign_host_is_refused_even_with_the_token(server: Running) -> None:
    client = Client(server)
    client.open()
    port = server.config.port
    for host in (f"evil.example:{port}", "evil.example", f"127.0.0.2:{port}"):
        reply = client.request("GET", "/", headers={"Host": host})
        assert reply.status == 421, host
    assert client.request("GET", "/", headers={"Host": f"localhost:{port}"}).status == 200
    # Behind the partner's own proxy, named with --allow-host: its name and its origin.
    assert client.request("POST", "/reset", headers={
        "Host": "tools.example.org", "Origin": "https://tools.example.org"}).status == 303


def test_a_foreign_origin_is_refused(server: Running) -> None:
    client = Client(server)
    client.open()
    assert client.request("GET", "/", headers={"Origin": "http://evil.example"}).status == 403
    assert client.request("POST", "/reset", headers={"Origin": "http://evil.example"}).status == 403
    assert client.request("POST", "/reset", headers={"Origin": "null"}).status == 403
    assert client.request("POST", "/reset", headers={"Origin": None}).status == 403  # none at all
    assert client.request("POST", "/reset").status == 303  # its own


def test_an_upload_over_the_request_limit_is_refused_before_reading(server: Running) -> None:
    client = Client(server)
    client.open()
    reply = client.upload([("campaign.csv", b"x" * 1_200_000)])
    assert reply.status == 413
    assert "1000000" not in reply.text  # (the limit in MiB, for people)


def test_a_file_over_the_per_file_limit_is_refused(server: Running) -> None:
    client = Client(server)
    client.open()
    reply = client.upload([("campaign.csv", CANONICAL_CSV.encode()),
                           ("photo.jpg", b"\xff\xd8" + b"0" * 400_000)])
    assert reply.status == 400
    assert "photo.jpg: 391 KiB; at most 293 KiB per file" in reply.text


def test_zip_slip_is_refused(server: Running) -> None:
    client = Client(server)
    client.open()
    evil = _zip({"campaign.csv": CANONICAL_CSV.encode(), "../../escaped.csv": b"x"})
    reply = client.upload([("campaign.zip", evil)])
    assert reply.status == 400
    assert "campaign.zip: &#39;../../escaped.csv&#39; is not a plain relative file name" in reply.text
    assert not (server.config.root / "escaped.csv").exists()
    assert not (server.config.root.parent / "escaped.csv").exists()


def test_a_zip_bomb_is_refused(server: Running) -> None:
    client = Client(server)
    client.open()
    bomb = _zip({"campaign.csv": CANONICAL_CSV.encode(), "big.csv": b"0" * 20_000_000})
    assert len(bomb) < 100_000
    reply = client.upload([("campaign.zip", bomb)])
    assert reply.status == 400
    assert "big.csv unpacks to more than 200 times its packed size (a zip bomb?)" in reply.text


def test_a_spreadsheet_bomb_is_refused_before_any_reader_opens_it(server: Running) -> None:
    client = Client(server)
    client.open()
    bomb = _zip({"[Content_Types].xml": b"<x/>", "xl/worksheets/sheet1.xml": b" " * 20_000_000})
    reply = client.upload([("campaign.xlsx", bomb)])
    assert reply.status == 400
    assert "campaign.xlsx: xl/worksheets/sheet1.xml unpacks to more than 200 times" in reply.text


def test_an_uploaded_name_is_never_a_path(server: Running) -> None:
    client = Client(server)
    client.open()
    reply = client.upload([("../../../evil.csv", CANONICAL_CSV.encode())])
    assert reply.status == 303  # kept under its last part, inside the session's folder
    assert not (server.config.root.parent / "evil.csv").exists()
    assert list(server.config.root.glob("*/campaign/evil.csv"))
    assert client.upload([(".hidden.csv", b"x")]).status == 400


def test_two_sessions_do_not_see_each_other(server: Running) -> None:
    alice, bob = Client(server), Client(server)
    alice.open()
    bob.open()
    assert alice.cookies != bob.cookies
    assert alice.upload([("campaign.csv", CANONICAL_CSV.encode())]).status == 303
    query = "/card?id=girls-school&lang=en&platform=instagram-square&page=0"
    assert alice.request("GET", query).status == 200
    assert bob.request("GET", query).status == 404
    assert bob.request("GET", "/campaign-file").status == 404
    assert bob.request("GET", "/image.png?id=girls-school&lang=en&platform=instagram-square"
                       ).status == 404
    assert "girls-school" not in bob.request("GET", "/").text
    assert alice.request("GET", "/campaign-file").body == CANONICAL_CSV.encode()
    # A made-up session cookie is a new, empty session, not someone else's.
    mallory = Client(server)
    mallory.open()
    mallory.cookies = {k: ("guess" if "session" in k else v) for k, v in mallory.cookies.items()}
    assert mallory.request("GET", query).status == 404


@pytest.mark.parametrize(("name", "safe"), [
    ("campaign.csv", "campaign.csv"), ("C:\\Users\\me\\données.xlsx", "données.xlsx"),
    ("../../etc/passwd", "passwd"), (".bashrc", None), ("con.csv", None), ("a..b.csv", None),
    ("", None), ("x" * 121, None), ("photo 1 (2).jpg", "photo 1 (2).jpg")])
def test_safe_name(name: str, safe: str | None) -> None:
    assert safe_name(name) == safe


@pytest.mark.parametrize(("name", "ok"), [
    ("campaign.yaml", True), ("photos/girl.jpg", True), ("../x", False), ("/etc/x", False),
    ("C:/x", False), ("a/.git/config", False), ("a/b/c/d/e/f/g.txt", False)])
def test_safe_member(name: str, ok: bool) -> None:
    assert (safe_member(name) is not None) == ok


def test_check_zip_counts_what_comes_out(tmp_path: Path) -> None:
    path = tmp_path / "many.zip"
    path.write_bytes(_zip({f"f{i}.txt": b"x" for i in range(30)}))
    with pytest.raises(UploadError, match="30 files inside; at most 20"):
        check_zip(path, "many.zip", Limits(zip_members=20))
    assert len(check_zip(path, "many.zip")) == 30


def test_every_ui_string_is_in_five_languages_with_a_status() -> None:
    from lnob_graphics.web import ui

    for key, entries in ui.strings().items():
        assert set(entries) == set(ui.LANGUAGES), key
        for lang, entry in entries.items():
            assert entry["status"] in ui.STATUSES, (key, lang)
            assert entry["text"].strip(), (key, lang)
            assert (entry["status"] == "community") == ("source" in entry), (key, lang)
        assert entries["en"]["status"] == "source"
    templates = Path(ui.__file__).parent / "templates"
    import re
    used = {m for f in templates.glob("*.html")
            for m in re.findall(r"""t\(["'](\w+)["']\)""", f.read_text(encoding="utf-8"))}
    assert used <= set(ui.strings()), used - set(ui.strings())


@pytest.mark.parametrize(("chosen", "header", "lang"), [
    (None, "ar-EG,ar;q=0.9,en;q=0.8", "ar"), (None, "de-DE,pt-BR;q=0.5", "pt"),
    (None, "en;q=0.2,fr;q=0.9", "fr"), (None, None, "en"), ("es", "ar", "es"), ("xx", "fr", "fr")])
def test_the_page_language(chosen: str | None, header: str | None, lang: str) -> None:
    from lnob_graphics.web.ui import choose

    assert choose(chosen, header) == lang
