"""The cache: what each image is made from (its input fingerprint), and what a run has
finished so far (the journal), so an unchanged image is never made twice.

Fingerprints come from file *contents* — templates, fonts and photos are hashed, never
dated — so a fresh clone, a reinstall or a CI runner that restores the output folder
reuses every image whose inputs are the same bytes. Hashing costs once: the digests are
kept in the output folder, keyed by each file's path, size, modification time and inode.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from lnob_graphics import __version__, pack
from lnob_graphics.paths import bundled_dir

if TYPE_CHECKING:
    from lnob_graphics.plan import Job

DIGESTS = ".lnob-digests.json"
RUN = ".lnob-run.json"  # the last whole run that finished without a failure
JOURNAL = ".lnob-journal.jsonl"  # one line per finished image, while a run is going
# The files of a template folder or the fonts that can change a picture.
_INPUT_SUFFIXES = (".j2", ".svg", ".yaml", ".jpg", ".png", ".ttf", ".otf")


class Digests:
    """sha256 of files, computed once per (path, size, mtime, inode) and remembered in
    the output folder between runs."""

    def __init__(self, out: Path | None = None) -> None:
        self._file = out / DIGESTS if out is not None else None
        self._known: dict[str, list[Any]] = {}
        self._changed = False
        if self._file is not None:
            try:
                loaded = json.loads(self._file.read_text(encoding="utf-8"))
                if isinstance(loaded, dict):
                    self._known = loaded
            except (OSError, ValueError):
                pass  # none yet, or damaged: hash again

    def of(self, path: Path) -> str:
        """The file's sha256 (hex); "" for a file that cannot be read."""
        name = str(path.absolute())
        try:
            stat = path.stat()
        except OSError:
            return ""
        stamp = [stat.st_size, stat.st_mtime_ns, stat.st_ino]
        known = self._known.get(name)
        if isinstance(known, list) and known[:3] == stamp and len(known) == 4:
            return str(known[3])
        try:
            with path.open("rb") as handle:  # (in chunks: a 10 MB font is not copied whole)
                digest = hashlib.file_digest(handle, "sha256").hexdigest()
        except OSError:
            return ""
        self._known[name] = [*stamp, digest]
        self._changed = True
        return digest

    def save(self) -> None:
        """Remember the digests for the next run (only if something was hashed)."""
        if self._file is not None and self._changed:
            live = {k: v for k, v in self._known.items() if Path(k).exists()}
            pack.write_atomic(self._file, json.dumps(live, sort_keys=True).encode("utf-8"))
            self._changed = False


# The packages that decide the pixels (pinned in pyproject.toml): a new CLDR or HarfBuzz
# changes cards without changing lnob's version, so their versions are inputs too.
PIXEL_PACKAGES = ("babel", "uharfbuzz", "icu4py", "python_bidi", "fonttools", "pillow", "resvg",
                  "cairosvg", "pyphen")


@functools.cache
def pixel_versions() -> str:
    """The installed versions of PIXEL_PACKAGES, from their dist-info folders' names (the
    same answer as importlib.metadata, without its 30 ms import)."""
    found: dict[str, str] = {}
    for folder in sys.path:
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info"):
                dist, _, version = name[:-len(".dist-info")].partition("-")
                key = dist.lower().replace("-", "_").replace(".", "_")
                if key in PIXEL_PACKAGES:
                    found.setdefault(key, version)
    return ",".join(f"{k}={v}" for k, v in sorted(found.items()))


def run_salt(template_dirs: Sequence[Path], options: str, digests: Digests) -> str:
    """What every image of a run depends on besides its asset: the tool's version and
    those of the packages that draw, the options, and the contents of every template and
    font file (all of them: a macro or a fallback font may change any card), named by their
    place in their folder."""
    digest = hashlib.sha256(f"{__version__}|{pixel_versions()}|{options}".encode())
    for number, folder in enumerate((*template_dirs, bundled_dir("templates"),
                                     bundled_dir("fonts"))):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in _INPUT_SUFFIXES:
                name = path.relative_to(folder).as_posix()
                digest.update(f"{number}|{name}|{digests.of(path)}\n".encode())
    return digest.hexdigest()


def input_key(job: Job, salt: str, digests: Digests) -> str:
    """A fingerprint of everything one image is made from (photos by their bytes, so
    moving the campaign folder changes nothing)."""
    asset = job.asset
    images = {name: (digests.of(Path(ref.path)), ref.focus) for name, ref in asset.images.items()}
    data = repr((salt, job.platform, job.page, asset.id, asset.lang, asset.template, asset.goal,
                 sorted(asset.fields.items()), asset.alt, asset.digits,
                 sorted((k, [(p.label, p.written) for p in v]) for k, v in asset.series.items()),
                 sorted(asset.lists.items()), sorted(images.items()), asset.pages,
                 asset.caption, asset.hashtags, asset.colour, asset.text_colour,
                 sorted(asset.notations.items()), sorted((asset.labels or {}).items())))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]


def plan_key(jobs: Sequence[Job], template_dirs: Sequence[Path] = ()) -> str:
    """Which whole run shards belong to: every image of it and what it is made from."""
    digests = Digests()
    salt = run_salt(template_dirs, "plan", digests)
    keys = sorted(input_key(job, salt, digests) for job in jobs)
    return hashlib.sha256("".join(keys).encode()).hexdigest()[:16]


def still_there(out: Path, entry: dict[str, Any], digests: Digests) -> bool:
    """The image an entry describes is in ``out`` with the same bytes, and its sidecars."""
    try:
        path = out / str(entry["file"])
    except (KeyError, TypeError):
        return False
    return (digests.of(path) == entry.get("sha256")
            and path.with_suffix(".alt.txt").is_file()
            and path.with_suffix(".caption.txt").is_file())


class Journal:
    """What a run has finished so far, one JSON line per image, flushed as it goes: if
    the run is killed, the next run reads it and does not redo that work."""

    def __init__(self, out: Path, shard: tuple[int, int] | None = None) -> None:
        name = f".lnob-journal.{shard[0]}-of-{shard[1]}.jsonl" if shard else JOURNAL
        self._handle: IO[str] = pack.open_for_appending(out / name)
        self.path = out / name

    def add(self, entry: dict[str, Any]) -> None:
        self._handle.write(json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")
        self._handle.flush()

    def close(self, finished: bool) -> None:
        with contextlib.suppress(OSError):  # a full disk: what was flushed is what is kept
            self._handle.close()
        if finished:
            pack.remove(self.path)


def journalled(out: Path) -> list[dict[str, Any]]:
    """Images a run that was cut short finished (a last line cut in half is ignored)."""
    entries: list[dict[str, Any]] = []
    for journal in sorted(out.glob(".lnob-journal*.jsonl")):
        for line in journal.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if isinstance(entry, dict):
                entries.append(entry)
    return entries


def reusable(entries: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Earlier images by input fingerprint."""
    return {str(e["input"]): e for e in entries if isinstance(e.get("input"), str)}



@dataclass
class RunRecord:
    """A whole run that finished without a failure, and everything it was made from: a
    re-run with the same command, the same campaign files and the same inputs (photos, data
    files, templates, fonts), into a folder still holding exactly what it wrote, makes
    nothing and needs to read nothing else — not even the campaign."""

    key: str  # the command, the tool's version, the campaign files' bytes (run_key)
    inputs: dict[str, str]  # every other file the images are made from → sha256
    template_dirs: list[str]
    options: str  # RenderOptions.fingerprint(), for the salt
    salt: str  # run_salt: the templates' and fonts' bytes
    images: list[list[str]]  # [file, sha256] of every image of the run
    manifest: str  # sha256 of manifest.json as the run left it
    notes: list[str]
    warnings: list[str]
    summary: dict[str, Any]  # what the run printed first: images, assets, languages
    report: dict[str, Any]  # its --report, for a re-run's (every job then "reused")


def run_key(command: dict[str, Any], campaign_files: Sequence[Path], digests: Digests) -> str:
    """What is known of a run before its campaign is read: the command and the files' bytes."""
    files = {str(p.resolve()): digests.of(p) for p in campaign_files}
    text = json.dumps({"version": __version__, "command": command, "files": files},
                      sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def unchanged_run(out: Path, key: str, digests: Digests) -> RunRecord | None:
    """The record of the last run if this one would make exactly what it made, else None."""
    try:
        data = json.loads((out / RUN).read_text(encoding="utf-8"))
        record = RunRecord(**data)
    except (OSError, ValueError, TypeError):
        return None
    if record.key != key or any(digests.of(Path(path)) != digest
                                for path, digest in record.inputs.items()):
        return None
    if run_salt([Path(d) for d in record.template_dirs], record.options, digests) != record.salt:
        return None
    if digests.of(out / pack.MANIFEST) != record.manifest:
        return None
    for file, digest in record.images:
        if not still_there(out, {"file": file, "sha256": digest}, digests):
            return None
    return record


def save_run(out: Path, record: RunRecord | None) -> None:
    """Remember a run that finished without a failure (None: forget the last one)."""
    if record is None:
        pack.remove(out / RUN)
    else:
        # (keys in their own order: a replayed --report must be the report, byte for byte)
        pack.write_atomic(out / RUN, json.dumps(asdict(record), ensure_ascii=False).encode("utf-8"))
