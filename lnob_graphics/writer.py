"""The only module that writes into the output folder.

Every file is written to a temporary name and renamed into place, so an
interrupted run never leaves a half-written PNG or manifest behind.
"""

from __future__ import annotations

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
                   warnings: Sequence[str] = ()) -> Path:
    """``manifest.json``: entries sorted, keys sorted, so equal runs give equal bytes."""
    assets = sorted(assets, key=lambda a: (a["lang"], a["platform"], a["id"], a.get("page", 0)))
    errors = sorted(errors, key=lambda e: (str(e.get("file")), e.get("line") or 0,
                                           str(e.get("id")), str(e.get("lang")),
                                           str(e.get("platform")), str(e.get("field"))))
    text = json.dumps({"assets": assets, "errors": errors, "warnings": list(warnings)},
                      ensure_ascii=False, indent=2, sort_keys=True)
    path = out / "manifest.json"
    write_atomic(path, (text + "\n").encode("utf-8"))
    return path
