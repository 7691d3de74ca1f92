"""The only module that writes into the output folder.

Every file is written to a temporary name and renamed into place, so an
interrupted run never leaves a half-written PNG or manifest behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def image_path(out: Path, lang: str, platform: str, asset_id: str, suffix: str = "png") -> Path:
    return out / lang / platform / f"{asset_id}.{suffix}"


def write_manifest(out: Path, assets: list[dict[str, Any]], errors: list[dict[str, Any]],
                   warnings: Sequence[str] = (), name: str = "manifest.json",
                   plan: str | None = None) -> Path:
    """``manifest.json``: entries sorted, keys sorted, so equal runs give equal bytes."""
    assets = sorted(assets, key=lambda a: (a["lang"], a["platform"], a["id"], a.get("page", 0)))
    errors = sorted(errors, key=lambda e: (str(e.get("file")), e.get("line") or 0,
                                           str(e.get("id")), str(e.get("lang")),
                                           str(e.get("platform")), str(e.get("field"))))
    data: dict[str, Any] = {"assets": assets, "errors": errors, "warnings": list(warnings)}
    if plan is not None:
        data["plan"] = plan  # a shard's: which whole run it is a part of
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
    path = out / name
    write_atomic(path, (text + "\n").encode("utf-8"))
    return path


JOURNAL = ".lnob-journal.jsonl"  # one line per finished image, while a run is going


class Journal:
    """What a run has finished so far, one JSON line per image, flushed as it goes: if
    the run is killed, the next run reads it and does not redo that work."""

    def __init__(self, out: Path, name: str = JOURNAL) -> None:
        self.path = out / name
        self._handle = self.path.open("a", encoding="utf-8")

    def add(self, entry: dict[str, Any]) -> None:
        self._handle.write(json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")
        self._handle.flush()

    def close(self, finished: bool) -> None:
        self._handle.close()
        if finished:
            self.path.unlink(missing_ok=True)


def shard_manifest_name(shard: tuple[int, int] | None) -> str:
    return f"manifest.shard-{shard[0]}-of-{shard[1]}.json" if shard else "manifest.json"


def previous_entries(out: Path) -> list[dict[str, Any]]:
    """Images an earlier run made: its manifest, and the journal of a run that was cut
    short (a last line cut in half is ignored)."""
    entries: list[dict[str, Any]] = []
    for manifest in sorted(out.glob("manifest*.json")):
        with contextlib.suppress(ValueError, AttributeError, TypeError):  # damaged: no reuse
            entries += list(json.loads(manifest.read_text(encoding="utf-8")).get("assets", []))
    for journal in out.glob(".lnob-journal*.jsonl"):
        for line in journal.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                entries.append(json.loads(line))
            except ValueError:
                continue
    return [e for e in entries if isinstance(e, dict)]


def remove_leftovers(out: Path) -> int:
    """Temporary files of a run that was killed while writing (``.NAME.xxxx.part``)."""
    count = 0
    for part in out.rglob(".*.part"):
        part.unlink(missing_ok=True)
        count += 1
    return count


def merge_manifests(out: Path) -> tuple[Path, int, list[str]]:
    """Combine the shard manifests in ``out`` into ``manifest.json``. Returns the path,
    the number of shards and the missing ones (K/N) — all must be there."""
    shards = sorted(out.glob("manifest.shard-*-of-*.json"))
    if not shards:
        raise FileNotFoundError(f"{out}: no shard manifests (manifest.shard-K-of-N.json)")
    totals = {p.name.rsplit("-of-", 1)[1].removesuffix(".json") for p in shards}
    if len(totals) != 1:
        raise ValueError(f"{out}: shard manifests of different splits: of {', '.join(totals)}")
    count = int(totals.pop())
    found = {int(p.name.split("-")[1]) for p in shards}
    missing = [f"{k}/{count}" for k in range(1, count + 1) if k not in found]
    assets: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
    warnings: list[str] = []
    plans = {json.loads(p.read_text(encoding="utf-8")).get("plan") for p in shards}
    if len(plans) > 1:
        raise ValueError(f"{out}: the shards were made from different campaigns (or versions of "
                         "one); render every shard again from the same files")
    for path in shards:
        data = json.loads(path.read_text(encoding="utf-8"))
        assets += data.get("assets", [])
        errors += data.get("errors", [])
        warnings += [w for w in data.get("warnings", []) if w not in warnings]
    return write_manifest(out, assets, errors, warnings), count, missing
