"""The whole run: files ─▶ assets ─▶ jobs ─▶ SVG ─▶ PNG ─▶ pack + manifest.

Validation problems stop the run before anything is rendered (exit 2). After
that, one failing job never stops the others: it is reported with its reason
(exit 1) and every other image is still written.
"""

from __future__ import annotations

import hashlib
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from lnob_graphics import __version__
from lnob_graphics.campaign import Asset, Campaign, validate
from lnob_graphics.encode import BudgetError, fit_budget, text_chunk, to_format, with_chunks
from lnob_graphics.errors import InputError
from lnob_graphics.loader import MAX_ROWS, load
from lnob_graphics.paths import bundled_dir
from lnob_graphics.platforms import PLATFORMS
from lnob_graphics.rasterize import Rasterizer, get_rasterizer
from lnob_graphics.render import Overflow, RenderError, render_svg
from lnob_graphics.templates import TemplateSet, template_set
from lnob_graphics.writer import (
    Journal,
    image_path,
    previous_entries,
    remove_leftovers,
    shard_manifest_name,
    write_atomic,
    write_manifest,
)


@dataclass(frozen=True)
class Job:
    asset: Asset
    platform: str
    page: int = 0  # 1.. for the slides of a carousel, 0 for a single image
    key: str = field(default="", compare=False)  # its input fingerprint, once computed


@dataclass
class Outcome:
    entry: dict[str, Any] | None = None
    error: dict[str, Any] | None = None
    job: Job | None = None
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
    reused: bool = False


class _Clock:
    """Seconds spent in each stage of one image (for --report and the benchmark)."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.laps[stage] = round(now - self._last, 6)
        self._last = now


@dataclass
class Report:
    assets: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    manifest: Path | None = None
    reused: int = 0  # images an earlier run made from the same inputs
    removed: list[str] = field(default_factory=list)  # images of assets no longer there
    outcomes: list[Outcome] = field(default_factory=list)  # every job, in finishing order

    def as_json(self) -> dict[str, Any]:
        """``--report json``: every image's status and timings, for CI dashboards."""
        rows = []
        for outcome in self.outcomes:
            job = outcome.job
            row: dict[str, Any] = {
                "id": job.asset.id if job else None, "lang": job.asset.lang if job else None,
                "platform": job.platform if job else None,
                "status": "reused" if outcome.reused else "failed" if outcome.error else "ok",
                "seconds": outcome.timings, **(_page(job) if job else {})}
            if outcome.entry is not None:
                row.update(file=outcome.entry.get("file"), bytes=outcome.entry.get("bytes"))
            if outcome.error is not None:
                row.update(field=outcome.error.get("field"), message=outcome.error.get("message"))
            rows.append(row)
        rows.sort(key=lambda r: (str(r["lang"]), str(r["platform"]), str(r["id"]),
                                 r.get("page", 0)))
        return {"images": len(rows), "written": sum(r["status"] == "ok" for r in rows),
                "reused": self.reused, "failed": len(self.errors), "removed": self.removed,
                "manifest": str(self.manifest), "jobs": rows}

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0


def load_campaign(paths: Sequence[Path], templates: TemplateSet | None = None,
                  platforms: Sequence[str] = (),
                  template_dirs: tuple[Path, ...] = (), encoding: str | None = None,
                  delimiter: str | None = None, max_rows: int = MAX_ROWS,
                  allowed: tuple[Path, ...] = ()) -> Campaign:
    """Read and validate every file; raises InputError with all problems of all files.

    Without ``templates``, the template set is ``template_dirs`` (from the command
    line) followed by the folders the files name in ``templates:``, then the built-ins."""
    files = []
    problems = []
    for path in paths:
        try:
            files.append(load(path, encoding, delimiter, max_rows))
        except InputError as error:
            problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    if templates is None:
        folders = tuple(dict.fromkeys([*template_dirs, *(d for f in files for d in f.templates)]))
        templates = template_set(folders)
    else:
        folders = templates.folders[:-1]  # all but the built-ins
    campaign = validate(files, templates, platforms, allowed)
    notes = [f"{f.path}: {note}" for f in files for note in f.notes]
    return replace(campaign, template_dirs=folders, notes=notes)


def plan_key(jobs: Sequence[Job]) -> str:
    """Which whole run shards belong to: every image of it and what it is made from."""
    salt = _salt((), "error", "")
    keys = sorted(input_key(job, salt) for job in jobs)
    return hashlib.sha256("".join(keys).encode()).hexdigest()[:16]


def shard_of(jobs: Sequence[Job], shard: tuple[int, int]) -> list[Job]:
    """Shard K of N: every N-th job of the list in a fixed order (by id, language, platform,
    slide), so shards are disjoint, cover everything and differ by at most one image."""
    k, n = shard
    ordered = sorted(jobs, key=lambda j: (j.asset.id, j.asset.lang, j.platform, j.page))
    return ordered[k - 1::n]


def plan(campaign: Campaign, platforms: Sequence[str] = ()) -> list[Job]:
    """Every image to make: asset × language × platform (× slide, for a carousel)."""
    return [Job(asset, name, page)
            for asset in campaign.assets
            for name in (platforms or asset.platforms)
            if PLATFORMS[name].format_class in asset.formats  # else warned when validated
            for page in (range(1, asset.pages + 1) if asset.pages > 1 else (0,))]


DEFAULT_TIMEOUT = 60.0  # seconds per image; a normal card takes well under one


class JobTimeout(Exception):
    """One image took longer than its time limit."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Interrupt the work inside after ``seconds`` (SIGALRM; the main thread of this
    process, which is where each worker runs its jobs). cairosvg spends ~13 s of CPU on
    1 KB of nested <use> (CVE-2026-31899) before it gives up: a batch must not wait."""
    if not seconds or not hasattr(signal, "SIGALRM") \
            or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(_signum: int, _frame: object) -> None:
        raise JobTimeout

    previous = signal.signal(signal.SIGALRM, on_alarm)
    # Repeat every 0.2 s after the first: a delivery that lands inside a C callback (cffi)
    # is swallowed there, and the next one stops the work in Python code.
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.2)
    try:
        yield
    finally:
        while True:  # a last alarm may land right here: cancel until it is done
            try:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
                break
            except JobTimeout:
                continue


def render_job(job: Job, out: Path, templates: TemplateSet, rasterizer: Rasterizer,
               overflow: Overflow, debug: bool = False,
               timeout: float | None = DEFAULT_TIMEOUT, image_format: str = "png") -> Outcome:
    asset, platform = job.asset, PLATFORMS[job.platform]
    where = {"id": asset.id, "lang": asset.lang, "platform": platform.name,
             "file": asset.file, "line": asset.line, **_page(job)}
    clock = _Clock()
    try:
        with time_limit(timeout):
            rendered = render_svg(asset, platform, templates, overflow, debug, page=job.page)
            clock.lap("svg")
            if image_format == "svg":  # the SVG itself: text as paths, renderer-independent
                png, note = rendered.svg.encode("utf-8"), None
            else:
                png = rasterizer.to_png(rendered.svg, platform.width, platform.height)
            clock.lap("rasterize")
        if image_format == "png":
            # The alt text goes inside the PNG too (iTXt "Description", with its language).
            description = text_chunk("Description", rendered.alt_text, asset.lang)
            budget = platform.max_bytes - len(description) if platform.max_bytes else None
            png, note = fit_budget(png, budget)
            png = with_chunks(png, [description])
        elif image_format in ("jpeg", "webp"):
            png, note = to_format(png, image_format, platform.max_bytes)
        clock.lap("encode")
    except RenderError as error:
        _forget(out, job, image_format)
        return Outcome(error={**where, "line": asset.line_of(error.field), "field": error.field,
                              "message": str(error)})
    except BudgetError as error:
        _forget(out, job, image_format)
        return Outcome(error={**where, "field": None, "message": str(error)})
    except JobTimeout:
        _forget(out, job, image_format)
        return Outcome(error={**where, "field": "template", "message": (
            f"took longer than {timeout:g} s, the limit for one image (--timeout); the template "
            "may be hostile (e.g. deeply nested <use>) or far too complex")})
    except Exception as error:  # a bug or a rasterizer failure: fail this job, not the run
        _forget(out, job, image_format)
        return Outcome(error={**where, "field": None,
                              "message": f"could not render: {type(error).__name__}: {error}"})
    warnings = list(rendered.warnings) + ([note] if note else [])
    path = _output_path(out, job, image_format)
    write_atomic(path, png)
    # Sidecars in the form platforms ask for: plain text to paste (alt, post text).
    alt_path, caption_path = path.with_suffix(".alt.txt"), path.with_suffix(".caption.txt")
    write_atomic(alt_path, (rendered.alt_text + "\n").encode("utf-8"))
    write_atomic(caption_path, (rendered.caption + "\n").encode("utf-8"))
    clock.lap("write")
    return Outcome(timings=clock.laps, entry={
        "id": asset.id,
        "template": asset.template,
        "goal": int(asset.goal) if asset.goal.isdigit() else asset.goal,
        "lang": asset.lang,
        "platform": platform.name,
        "width": platform.width,
        "height": platform.height,
        "file": path.relative_to(out).as_posix(),
        "bytes": len(png),
        "sha256": hashlib.sha256(png).hexdigest(),
        "alt_text": rendered.alt_text,
        "alt_file": alt_path.relative_to(out).as_posix(),
        "caption": rendered.caption,
        "caption_file": caption_path.relative_to(out).as_posix(),
        "warnings": warnings,
        "source": {"file": asset.file, "line": asset.line},
        **_page(job),
    })


def _output_path(out: Path, job: Job, image_format: str) -> Path:
    name = f"{job.asset.id}-{job.page:02d}" if job.page else job.asset.id
    return image_path(out, job.asset.lang, job.platform, name,
                      "jpg" if image_format == "jpeg" else image_format)


def _forget(out: Path, job: Job, image_format: str) -> None:
    """A job that fails now leaves no older image of itself behind (it would look current)."""
    path = _output_path(out, job, image_format)
    for file in (path, path.with_suffix(".alt.txt"), path.with_suffix(".caption.txt")):
        file.unlink(missing_ok=True)


def _page(job: Job) -> dict[str, int]:
    return {"page": job.page, "pages": job.asset.pages} if job.page else {}


@dataclass
class CheckReport:
    images: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def check_campaign(campaign: Campaign, platforms: Sequence[str] = ()) -> CheckReport:
    """``lnob validate``: lay out every image (SVG only, nothing rasterized or written),
    so that text that would not fit, or a character no font has, is found before a run."""
    templates = template_set(campaign.template_dirs)
    report = CheckReport(warnings=[str(w) for w in campaign.warnings])
    for job in plan(campaign, platforms):
        asset, platform = job.asset, PLATFORMS[job.platform]
        report.images += 1
        try:
            rendered = render_svg(asset, platform, templates, "error", page=job.page)
        except RenderError as error:
            report.errors.append({"id": asset.id, "lang": asset.lang, "platform": platform.name,
                                  "file": asset.file, "line": asset.line_of(error.field),
                                  "field": error.field, "message": str(error), **_page(job)})
            continue
        for warning in rendered.warnings:  # once per asset and language, not per platform
            line = f"{asset.file}:{asset.line}: {asset.id} [{asset.lang}]: {warning}"
            if line not in report.warnings:
                report.warnings.append(line)
    return report


# Per-worker state: templates and the rasterizer are set up once per process,
# and the text engine's font and glyph caches live as long as the worker.
_WORKER: dict[str, Any] = {}


def _init_worker(template_dirs: tuple[Path, ...], out: Path, overflow: Overflow,
                 debug: bool, timeout: float | None, image_format: str,
                 rasterizer: str = "auto") -> None:
    _WORKER.update(templates=template_set(template_dirs), rasterizer=get_rasterizer(rasterizer),
                   out=out, overflow=overflow, debug=debug, timeout=timeout,
                   image_format=image_format)


def _run_in_worker(job: Job) -> Outcome:
    outcome = render_job(job, _WORKER["out"], _WORKER["templates"], _WORKER["rasterizer"],
                         _WORKER["overflow"], _WORKER["debug"], _WORKER["timeout"],
                         _WORKER["image_format"])
    outcome.job = job
    return outcome


def render_all(jobs: Sequence[Job], out: Path, template_dirs: tuple[Path, ...] = (),
               overflow: Overflow = "error", workers: int | None = None,
               progress: Callable[[int, int, Outcome], None] | None = None,
               debug: bool = False, warnings: Sequence[str] = (),
               timeout: float | None = DEFAULT_TIMEOUT, reuse: bool = True,
               assets: Sequence[Asset] | None = None, shard: tuple[int, int] | None = None,
               image_format: str = "png", rasterizer: str = "auto",
               plan: str | None = None) -> Report:
    """Render ``jobs`` into ``out``. An image whose inputs have not changed since an
    earlier run (finished, or killed half-way) is not rendered again (``reuse``). With the
    campaign's ``assets``, images of assets no longer in it are removed."""
    out.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out)
    workers = workers or os.cpu_count() or 1
    report = Report()
    backend = get_rasterizer(rasterizer).name  # "auto" resolved: the pixels depend on it
    salt = _salt(template_dirs, overflow, f"{debug}|{image_format}|{backend}")
    previous = previous_entries(out)
    done = {e.get("input"): e for e in previous} if reuse else {}
    todo: list[Job] = []
    reused: list[Outcome] = []
    for job in jobs:
        key = input_key(job, salt)
        entry = done.get(key)
        if entry is not None and _still_there(out, entry):
            reused.append(Outcome(entry={**entry, **_source(job)}, job=job, reused=True))
        else:
            todo.append(replace(job, key=key))  # carried to the worker and back
    journal = Journal(out, f".lnob-journal.{shard[0]}-of-{shard[1]}.jsonl" if shard else
                      ".lnob-journal.jsonl")

    def collect(outcome: Outcome) -> None:
        if outcome.entry is not None:
            if not outcome.reused:
                outcome.entry["input"] = outcome.job.key if outcome.job else None
                journal.add(outcome.entry)
            report.assets.append(outcome.entry)
        if outcome.error is not None:
            report.errors.append(outcome.error)
        report.outcomes.append(outcome)
        if progress is not None:
            progress(len(report.outcomes), len(jobs), outcome)

    for outcome in reused:
        report.reused += 1
        collect(outcome)

    try:
        if workers <= 1 or len(todo) < 4:
            _init_worker(template_dirs, out, overflow, debug, timeout, image_format, backend)
            for job in todo:
                collect(_run_in_worker(job))
        else:
            with ProcessPoolExecutor(max_workers=min(workers, len(todo)),
                                     initializer=_init_worker,
                                     initargs=(template_dirs, out, overflow, debug,
                                               timeout, image_format, backend)) as pool:
                for outcome in pool.map(_run_in_worker, todo, chunksize=4):
                    collect(outcome)
    except BaseException:
        journal.close(finished=False)  # Ctrl-C: what is done stays done for the next run
        raise
    if assets is not None and shard is None:  # a shard sees only its part: not what is gone
        report.removed = remove_gone(out, previous, assets, report.assets)
    report.manifest = write_manifest(out, report.assets, report.errors, warnings,
                                     shard_manifest_name(shard), plan if shard else None)
    journal.close(finished=True)
    return report


def remove_gone(out: Path, previous: list[dict[str, Any]], assets: Sequence[Asset],
                written: Sequence[dict[str, Any]]) -> list[str]:
    """Delete the images (and sidecars) an earlier run made for assets that are no longer
    in their campaign file — only files an earlier manifest listed, never anything else,
    never a file this run wrote, and never another campaign's (same folder)."""
    present = {(asset.id, asset.lang) for asset in assets}
    files = {str(Path(asset.file).resolve()) for asset in assets}
    kept = {str(entry.get("file")) for entry in written}
    removed = []
    for entry in previous:
        source = entry.get("source")
        source = source if isinstance(source, dict) else {}
        if ((entry.get("id"), entry.get("lang")) in present or "file" not in entry
                or str(entry["file"]) in kept
                or str(Path(str(source.get("file", ""))).resolve()) not in files):
            continue
        path = (out / str(entry["file"])).resolve()
        if not path.is_relative_to(out.resolve()) or not path.is_file():
            continue
        for file in (path, path.with_suffix(".alt.txt"), path.with_suffix(".caption.txt")):
            file.unlink(missing_ok=True)
        removed.append(str(entry["file"]))
    return sorted(set(removed))


def _salt(template_dirs: tuple[Path, ...], overflow: Overflow, options: str) -> str:
    """What every image of a run depends on besides its asset: the tool's version, the
    templates' files (all of them: a macro may change), the fonts' list and options."""
    digest = hashlib.sha256(f"{__version__}|{overflow}|{options}".encode())
    for folder in (*template_dirs, bundled_dir("templates"), bundled_dir("fonts")):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".j2", ".svg", ".yaml", ".jpg", ".ttf", ".otf"):
                stat = path.stat()
                digest.update(f"{path.name}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def input_key(job: Job, salt: str) -> str:
    """A fingerprint of everything one image is made from."""
    asset = job.asset
    images = {name: (_content_hash(ref.path), ref.focus) for name, ref in asset.images.items()}
    data = repr((salt, job.platform, job.page, asset.id, asset.lang, asset.template, asset.goal,
                 sorted(asset.fields.items()), asset.alt, asset.digits,
                 sorted((k, [(p.label, p.written) for p in v]) for k, v in asset.series.items()),
                 sorted(asset.lists.items()), sorted(images.items()), asset.pages,
                 asset.caption, asset.hashtags, asset.colour, asset.text_colour))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]


@lru_cache(maxsize=256)
def _content_hash_of(path: str, size: int, mtime_ns: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _content_hash(path: str) -> str:
    """A photo's bytes, not its path: moving the campaign folder changes nothing."""
    try:
        stat = Path(path).stat()
        return _content_hash_of(path, stat.st_size, stat.st_mtime_ns)
    except OSError:
        return ""


def _still_there(out: Path, entry: dict[str, Any]) -> bool:
    """The image an entry describes is in ``out`` with the same bytes (and its sidecars)."""
    try:
        path = out / str(entry["file"])
        data = path.read_bytes()
        return (hashlib.sha256(data).hexdigest() == entry.get("sha256")
                and path.with_suffix(".alt.txt").is_file()
                and path.with_suffix(".caption.txt").is_file())
    except (KeyError, OSError, TypeError):
        return False


def _source(job: Job) -> dict[str, Any]:
    return {"source": {"file": job.asset.file, "line": job.asset.line}}
