"""The pack: the output folder, and the only code that writes or deletes in it.

- Every file is written to a temporary name and renamed into place, so an interrupted
  run never leaves a half-written image or manifest behind; files get the mode the
  user's umask gives (a web server can serve the pack).
- One run at a time per folder (a lock), so two runs cannot both claim the manifest.
- ``manifest.json`` always describes every image in the folder: a run restricted to
  some platforms or languages, or a second campaign rendered into the same folder,
  adds to it; each entry names the campaign file it came from.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import IO, Any

MANIFEST = "manifest.json"
LOCK = ".lnob.lock"
SIDECARS = (".alt.txt", ".caption.txt")


class PackError(Exception):
    """The output folder cannot be used: one clear message, nothing rendered."""


@cache
def _file_mode() -> int:
    # mkstemp makes files rw------- whatever the umask; give them the mode open() would.
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: Path, data: bytes) -> None:
    if not path.parent.is_dir():
        path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        os.fchmod(fd, _file_mode())  # (on the open file: no second look-up of its path)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def open_for_appending(path: Path) -> IO[str]:
    return path.open("a", encoding="utf-8")


def remove(path: Path) -> None:
    path.unlink(missing_ok=True)


def image_path(out: Path, lang: str, platform: str, name: str, suffix: str = "png") -> Path:
    return out / lang / platform / f"{name}.{suffix}"


def forget(path: Path) -> None:
    """Remove an image and its sidecars (a job that fails now leaves no older image of
    itself behind: it would look current)."""
    for file in (path, *(path.with_suffix(s) for s in SIDECARS)):
        file.unlink(missing_ok=True)


def remove_leftovers(out: Path) -> int:
    """Temporary files of a run that was killed while writing (``.NAME.xxxx.part``)."""
    count = 0
    for part in out.rglob(".*.part"):
        part.unlink(missing_ok=True)
        count += 1
    return count


@contextlib.contextmanager
def opened(out: Path) -> Iterator[Path]:
    """The output folder, created if needed and held for this run alone.

    Raises PackError when ``out`` is a file, cannot be written, or another run holds it."""
    if out.exists() and not out.is_dir():
        raise PackError(f"--out {out}: is a file, not a folder; name a folder for the images")
    try:
        out.mkdir(parents=True, exist_ok=True)
        handle = (out / LOCK).open("a+", encoding="utf-8")
    except OSError as error:
        raise PackError(f"--out {out}: cannot write there ({error.strerror or error}); "
                        "name a folder you can write to") from None
    try:
        _lock(handle, out)
        yield out
    finally:
        handle.close()  # releases the lock


def _lock(handle: IO[str], out: Path) -> None:
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks here; one run at a time is on the user
        return
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "another process"
        raise PackError(f"--out {out}: another lnob run ({holder}) is writing into this "
                        "folder; wait for it to finish, or render into another folder") from None
    handle.seek(0)
    handle.truncate()
    handle.write(f"pid {os.getpid()}")
    handle.flush()


@dataclass
class Manifest:
    assets: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    plan: str | None = None  # a shard's: which whole run it is a part of


def read_manifest(path: Path) -> Manifest:
    """A manifest as written; an absent or damaged one is empty (nothing to keep)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Manifest()
    if not isinstance(data, dict):
        return Manifest()

    def dicts(key: str) -> list[dict[str, Any]]:
        value = data.get(key)
        return [e for e in value if isinstance(e, dict)] if isinstance(value, list) else []

    warnings = data.get("warnings")
    plan = data.get("plan")
    return Manifest(dicts("assets"), dicts("errors"),
                    [str(w) for w in warnings] if isinstance(warnings, list) else [],
                    plan if isinstance(plan, str) else None)


def earlier_images(out: Path) -> list[dict[str, Any]]:
    """Images earlier runs made, as their manifests list them (shards' too)."""
    entries: list[dict[str, Any]] = []
    for path in sorted(out.glob("manifest*.json")):
        entries += read_manifest(path).assets
    return entries


def image_key(entry: dict[str, Any]) -> tuple[str, str, str, int]:
    """Which image an entry (or a failure) is about: one file in the folder."""
    page = entry.get("page")
    return (str(entry.get("lang")), str(entry.get("platform")), str(entry.get("id")),
            page if isinstance(page, int) else 0)


def source_file(entry: dict[str, Any]) -> str:
    """The campaign file an image came from, resolved (the same file however it was named)."""
    source = entry.get("source")
    return _resolved(str((source.get("file") if isinstance(source, dict) else None) or ""))


@cache
def _resolved(name: str) -> str:
    return str(Path(name).resolve())


def updated(previous: Manifest, out: Path, made: Sequence[dict[str, Any]],
            failed: Sequence[dict[str, Any]], covered: set[tuple[str, str, str, int]],
            removed: Iterable[str], campaign_files: set[str], present: set[tuple[str, str]],
            warnings: Sequence[str]) -> Manifest:
    """The folder's manifest after a run: what this run made or failed, plus every earlier
    image it did not cover that is still in the folder (other platforms, languages or
    campaign files), minus the images of assets gone from this run's campaign files."""
    gone = set(removed)

    def still_described(entry: dict[str, Any]) -> bool:
        if image_key(entry) in covered:
            return False
        ours = source_file(entry) in campaign_files
        return not ours or (str(entry.get("id")), str(entry.get("lang"))) in present

    kept = [e for e in previous.assets if still_described(e) and str(e.get("file")) not in gone
            and (out / str(e.get("file"))).is_file()]
    errors = [e for e in previous.errors if still_described(e)]
    # A warning starts with its campaign file's name: this run's replace theirs.
    old = [w for w in previous.warnings if _resolved(w.split(":", 1)[0]) not in campaign_files]
    return Manifest([*kept, *made], [*errors, *failed], list(dict.fromkeys([*old, *warnings])))


def write_manifest(out: Path, manifest: Manifest, name: str = MANIFEST) -> Path:
    """Entries sorted, keys sorted, so equal runs give equal bytes."""
    assets = sorted(manifest.assets, key=image_key)
    errors = _sorted_errors(manifest.errors)
    data: dict[str, Any] = {"assets": assets, "errors": errors,
                            "warnings": list(manifest.warnings)}
    if manifest.plan is not None:
        data["plan"] = manifest.plan
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    path = out / name
    write_atomic(path, (text + "\n").encode("utf-8"))
    return path


def write_manifest_if_changed(out: Path, manifest: Manifest, previous: Manifest,
                              name: str = MANIFEST) -> Path:
    """As write_manifest, but an unchanged re-run leaves the file as it is (writing 500
    entries costs more than all the rest of such a run)."""
    path = out / name
    same = (path.is_file() and manifest.plan == previous.plan
            and manifest.warnings == previous.warnings
            and sorted(manifest.assets, key=image_key) == previous.assets
            and _sorted_errors(manifest.errors) == previous.errors)
    return path if same else write_manifest(out, manifest, name)


def _sorted_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(errors, key=lambda e: (
        str(e.get("file")), e.get("line") or 0, str(e.get("id")), str(e.get("lang")),
        str(e.get("platform")), str(e.get("field"))))


def shard_manifest_name(shard: tuple[int, int] | None) -> str:
    return f"manifest.shard-{shard[0]}-of-{shard[1]}.json" if shard else MANIFEST


def remove_gone(out: Path, previous: Sequence[dict[str, Any]], present: set[tuple[str, str]],
                campaign_files: set[str], written: Sequence[dict[str, Any]]) -> list[str]:
    """Delete the images (and sidecars) an earlier run made for assets that are no longer
    in their campaign file — only files an earlier manifest listed, never anything else,
    never a file this run wrote, and never another campaign's (same folder)."""
    kept = {str(entry.get("file")) for entry in written}
    removed = []
    for entry in previous:
        if ((entry.get("id"), entry.get("lang")) in present or "file" not in entry
                or str(entry["file"]) in kept or source_file(entry) not in campaign_files):
            continue
        path = (out / str(entry["file"])).resolve()
        if not path.is_relative_to(out.resolve()) or not path.is_file():
            continue
        forget(path)
        removed.append(str(entry["file"]))
    return sorted(set(removed))


def merge_shards(out: Path) -> tuple[Path, int, list[str]]:
    """Combine the shard manifests in ``out`` into ``manifest.json``. Returns the path,
    the number of shards and the missing ones (K/N) — all must be there."""
    shards = sorted(out.glob("manifest.shard-*-of-*.json"))
    if not shards:
        raise PackError(f"{out}: no shard manifests (manifest.shard-K-of-N.json)")
    totals = {p.name.rsplit("-of-", 1)[1].removesuffix(".json") for p in shards}
    if len(totals) != 1:
        raise PackError(f"{out}: shard manifests of different splits: of {', '.join(totals)}")
    count = int(totals.pop())
    found = {int(p.name.split("-")[1]) for p in shards}
    missing = [f"{k}/{count}" for k in range(1, count + 1) if k not in found]
    parts = [read_manifest(p) for p in shards]
    if len({part.plan for part in parts}) > 1:
        raise PackError(f"{out}: the shards were made from different campaigns (or versions "
                        "of one); render every shard again from the same files")
    # Images already described and not remade by any shard (another campaign's) stay.
    covered = {image_key(e) for part in parts for e in part.assets + part.errors}
    before = read_manifest(out / MANIFEST)
    merged = Manifest([e for e in before.assets if image_key(e) not in covered
                       and (out / str(e.get("file"))).is_file()])
    for part in parts:
        merged.assets += part.assets
        merged.errors += part.errors
        merged.warnings += [w for w in part.warnings if w not in merged.warnings]
    return write_manifest(out, merged), count, missing
