"""What keeps the local page safe: the per-run token, the Host and Origin checks (DNS
rebinding, cross-site requests), upload limits, names that are never paths, and the
guard every zip passes before anything reads it (a campaign folder as .zip, and .xlsx
and .ods, which are zips too).

Pure functions over bytes and strings; the app calls them at its edge.
"""

from __future__ import annotations

import hmac
import re
import stat
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO
from urllib.parse import urlsplit

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Upload limits (per file, per request) and what a zip may unpack to."""

    file_bytes: int = 25 * MiB  # one uploaded file (a spreadsheet, a photo, a zip)
    request_bytes: int = 80 * MiB  # everything one upload sends
    files: int = 60  # files in one upload
    zip_members: int = 2000  # entries in one zip (an .xlsx has a few dozen)
    zip_bytes: int = 200 * MiB  # what a zip's members unpack to, together
    zip_ratio: int = 200  # unpacked / packed, per member (a zip bomb is 1000× and more)
    sessions: int = 200  # browser sessions held at once (each with its own folder)


LIMITS = Limits()


def size_text(size: int) -> str:
    """A size for people: ``2.4 MiB``, ``300 KiB``."""
    return f"{size / MiB:.1f} MiB" if size >= MiB else f"{max(1, round(size / 1024))} KiB"


class UploadError(Exception):
    """An upload refused: the message says which file and why, for the page."""


def token_ok(given: str | None, token: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), token.encode())


def host_ok(host: str | None, allowed: frozenset[str]) -> bool:
    """The request's Host is one this server answers to (a page of another site whose
    name was re-pointed to 127.0.0.1 — DNS rebinding — sends its own name)."""
    return host is not None and host.lower() in allowed


def origin_ok(origin: str | None, allowed: frozenset[str]) -> bool:
    """A browser's Origin, when sent, is this server's own (cross-site requests — CSRF —
    carry the other site's). ``null`` (a sandboxed frame, a file) is refused."""
    if origin is None:
        return True
    parts = urlsplit(origin)
    return parts.scheme in ("http", "https") and parts.netloc.lower() in allowed


def allowed_hosts(host: str, port: int, extra: tuple[str, ...] = ()) -> frozenset[str]:
    """The Host values this server answers to: the address it is bound to, its loopback
    names when bound to loopback, and the names given with ``--allow-host``."""
    names = {host}
    if host in ("127.0.0.1", "localhost", "::1"):
        names |= {"127.0.0.1", "localhost", "[::1]"}
    if ":" in host and not host.startswith("["):
        names = {f"[{host}]" if n == host else n for n in names}
    hosts = {f"{n}:{port}" for n in names} | set(extra)
    return frozenset(h.lower() for h in hosts)


_NAME = re.compile(r"^[\w][\w .()+,-]*$")
_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                       *(f"lpt{i}" for i in range(1, 10))})


def safe_name(name: str) -> str | None:
    """The name a file is kept under: the uploaded name's last part, if it is a plain
    name (letters, digits, spaces, ``. _ - ( ) + ,``; not hidden, not a device name, at
    most 120 characters); else None. Never a path: no folder, no ``..``."""
    base = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1]).strip()
    if not base or len(base) > 120 or not _NAME.match(base) or ".." in base:
        return None
    if base.split(".")[0].lower() in _RESERVED:
        return None
    return base


def safe_member(name: str) -> PurePosixPath | None:
    """A zip member's path inside the session's folder: every part a safe name, at most
    six deep; None for anything else (``../x``, ``/etc/x``, ``C:\\x``, hidden files)."""
    parts = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".")]
    if not parts or len(parts) > 6 or name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return None
    safe = [safe_name(p) for p in parts]
    if any(s is None or s != p for s, p in zip(safe, parts, strict=True)):
        return None
    return PurePosixPath(*parts)


# Left out of a campaign zip without a word: what archivers add on their own.
_ARCHIVER_LITTER = re.compile(r"(^|/)(__MACOSX/|\.DS_Store$|Thumbs\.db$|desktop\.ini$)")


def check_zip(file: IO[bytes] | Path, what: str, limits: Limits = LIMITS) -> list[zipfile.ZipInfo]:
    """Every member of a zip, checked by unpacking it into nothing: refused (UploadError)
    when it has too many members, a member that unpacks to more than ``zip_ratio`` times
    its packed size, or more than ``zip_bytes`` in all — counted from what really comes
    out, not from what the zip's directory claims."""
    try:
        archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError) as error:
        raise UploadError(f"{what}: not a readable zip file ({error})") from None
    with archive:
        members = archive.infolist()
        if len(members) > limits.zip_members:
            raise UploadError(f"{what}: {len(members)} files inside; at most "
                              f"{limits.zip_members} are accepted")
        total = 0
        for member in members:
            if member.is_dir():
                continue
            allowed = max(member.compress_size, 1024) * limits.zip_ratio
            unpacked = 0
            try:
                with archive.open(member) as stream:
                    while chunk := stream.read(1024 * 1024):
                        unpacked += len(chunk)
                        total += len(chunk)
                        if unpacked > allowed:
                            raise UploadError(
                                f"{what}: {member.filename} unpacks to more than "
                                f"{limits.zip_ratio} times its packed size (a zip bomb?); "
                                "refused")
                        if total > limits.zip_bytes:
                            raise UploadError(f"{what}: unpacks to more than "
                                              f"{limits.zip_bytes // MiB} MiB; refused")
            except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError,
                    ValueError) as error:  # damaged, encrypted, an unknown compression
                raise UploadError(f"{what}: {member.filename}: cannot be read ({error})") from None
        return members


def extract_zip(path: Path, what: str, into: Path, limits: Limits = LIMITS) -> list[str]:
    """A campaign folder sent as a zip, unpacked into ``into`` after ``check_zip``: every
    member's path is checked (no ``..``, no absolute path, no link, no hidden file) and
    one that is not safe refuses the whole zip, naming it. Returns the files written."""
    members = check_zip(path, what, limits)
    wanted: list[tuple[zipfile.ZipInfo, PurePosixPath]] = []
    for member in members:
        if member.is_dir() or _ARCHIVER_LITTER.search(member.filename):
            continue
        mode = member.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise UploadError(f"{what}: {member.filename} is a link; a campaign zip holds only "
                              "files and folders")
        target = safe_member(member.filename)
        if target is None:
            raise UploadError(f"{what}: {member.filename!r} is not a plain relative file name "
                              "(no '..', no absolute path, no hidden file); the zip is refused")
        wanted.append((member, target))
    root = into.resolve()
    written = []
    with zipfile.ZipFile(path) as archive:
        for member, target in wanted:
            destination = (root / target).resolve()
            if not destination.is_relative_to(root):  # (safe_member already ensures it)
                raise UploadError(f"{what}: {member.filename!r} points outside; refused")
            destination.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(member) as source, open(destination, "wb") as sink:
                while chunk := source.read(1024 * 1024):
                    sink.write(chunk)
            written.append(target.as_posix())
    return written
