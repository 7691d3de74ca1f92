"""The cache: what each image is made from (its input fingerprint), and what a run has
finished so far (the journal), so an unchanged image is never made twice.

Fingerprints come from file *contents* — templates, fonts and photos are hashed, never
dated — so a fresh clone, a reinstall or a CI runner that restores the output folder
reuses every image whose inputs are the same bytes. Hashing costs once: the digests are
kept in the output folder, keyed by each file's path, size, modification time and inode.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

from lnob_graphics import __version__, pack
from lnob_graphics.paths import bundled_dir
from lnob_graphics.plan import Job

DIGESTS = ".lnob-digests.json"
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
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
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


def run_salt(template_dirs: Sequence[Path], options: str, digests: Digests) -> str:
    """What every image of a run depends on besides its asset: the tool's version, the
    options, and the contents of every template and font file (all of them: a macro or a
    fallback font may change any card), named by their place in their folder."""
    digest = hashlib.sha256(f"{__version__}|{options}".encode())
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
                 asset.caption, asset.hashtags, asset.colour, asset.text_colour))
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

