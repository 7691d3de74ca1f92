"""The whole run: files ─▶ assets ─▶ jobs ─▶ SVG ─▶ PNG ─▶ pack + manifest.

Validation problems stop the run before anything is rendered (exit 2). After
that, one failing job never stops the others: it is reported with its reason
(exit 1) and every other image is still written — unless the folder itself can take
no more (a full disk): then the run stops, and what finished is kept and journalled.

Beside it: ``plan`` (which images), ``cache`` (fingerprints, journal), ``pack`` (the
output folder: the only code that writes there).
"""

from __future__ import annotations

import errno
import hashlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lnob_graphics import pack
from lnob_graphics.cache import Digests, Journal, input_key, journalled, reusable, run_salt, still_there
from lnob_graphics.campaign import Asset, Campaign, validate
from lnob_graphics.errors import InputError, JobFailure
from lnob_graphics.loader import load
from lnob_graphics.options import DEFAULT_TIMEOUT, MAX_ROWS
from lnob_graphics.plan import Job, plan, shard_of
from lnob_graphics.platforms import PLATFORMS
from lnob_graphics.rasterize import backend_name
from lnob_graphics.templates import TemplateSet, template_set

# The render stack (templates' Jinja, the text engine, the rasterizers, the encoders) is
# imported where an image is made: a re-run with nothing to make never loads it.
if TYPE_CHECKING:
    from lnob_graphics.rasterize import Rasterizer
    from lnob_graphics.render import Overflow

__all__ = ["Job", "Outcome", "RenderOptions", "Report", "check_campaign", "load_campaign", "plan",
           "render_all", "shard_of"]

# A write that fails with one of these will fail for every image after it: stop the run.
_FOLDER_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM}


@dataclass(frozen=True)
class RenderOptions:
    """How every image of a run is made (the command line's choices)."""

    overflow: Overflow = "error"
    debug: bool = False
    timeout: float | None = DEFAULT_TIMEOUT
    image_format: str = "png"
    rasterizer: str = "auto"  # resolved to the backend's name by render_all
    strict: bool = False  # a card's warning fails it (--strict)

    def fingerprint(self) -> str:
        """The options that change an image (or whether it is made) — not the time limit."""
        return (f"{self.overflow}|{self.debug}|{self.image_format}|{self.rasterizer}|"
                f"{self.strict}")


@dataclass
class Outcome:
    job: Job
    entry: dict[str, Any] | None = None
    failure: JobFailure | None = None
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage
    reused: bool = False
    stop: bool = False  # the folder can take no more (disk full, read-only): stop the run


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
    assets: list[dict[str, Any]] = field(default_factory=list)  # made or reused by this run
    failures: list[JobFailure] = field(default_factory=list)
    manifest: Path | None = None
    reused: int = 0  # images an earlier run made from the same inputs
    removed: list[str] = field(default_factory=list)  # images of assets no longer there
    outcomes: list[Outcome] = field(default_factory=list)  # every job, in finishing order
    stopped: str | None = None  # why the run stopped before the end (a full disk …)
    replaced: list[str] = field(default_factory=list)  # images another campaign file had made
    options: str = ""  # RenderOptions.fingerprint() of the run, "auto" resolved
    salt: str = ""  # cache.run_salt: what every image of the run depends on

    def as_json(self) -> dict[str, Any]:
        """``--report json``: every image's status and timings, for CI dashboards."""
        rows = []
        for outcome in self.outcomes:
            job = outcome.job
            row: dict[str, Any] = {
                "id": job.asset.id, "lang": job.asset.lang, "platform": job.platform,
                "status": "reused" if outcome.reused else "failed" if outcome.failure else "ok",
                "seconds": outcome.timings, **job.slide}
            if outcome.entry is not None:
                row.update(file=outcome.entry.get("file"), bytes=outcome.entry.get("bytes"))
            if outcome.failure is not None:
                row.update(field=outcome.failure.field, message=outcome.failure.message)
            rows.append(row)
        rows.sort(key=lambda r: (str(r["lang"]), str(r["platform"]), str(r["id"]),
                                 r.get("page", 0)))
        return {"images": len(rows), "written": sum(r["status"] == "ok" for r in rows),
                "reused": self.reused, "failed": len(self.failures), "removed": self.removed,
                "stopped": self.stopped, "manifest": str(self.manifest), "jobs": rows}

    @property
    def exit_code(self) -> int:
        return 1 if self.failures or self.stopped else 0


def load_campaign(paths: Sequence[Path], templates: TemplateSet | None = None,
                  platforms: Sequence[str] = (),
                  template_dirs: tuple[Path, ...] = (), encoding: str | None = None,
                  delimiter: str | None = None, max_rows: int = MAX_ROWS,
                  allowed: tuple[Path, ...] = (), repair_text: bool = False,
                  sheet: str | None = None, ignore: Sequence[str] = ()) -> Campaign:
    """Read and validate every file; raises InputError with all problems of all files.

    Without ``templates``, the template set is ``template_dirs`` (from the command
    line) followed by the folders the files name in ``templates:``, then the built-ins.
    ``sheet`` is the sheet to read of each spreadsheet not named ``file.xlsx#Sheet``."""
    files = []
    problems = []
    for path in paths:
        try:
            files.append(load(path, encoding, delimiter, max_rows, repair_text, sheet, ignore))
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
    notes = [f"{f.path}: {note}" for f in files for note in f.notes] + campaign.notes
    return replace(campaign, template_dirs=folders, notes=notes)




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

    # Repeat every 0.2 s after the first: a delivery that lands inside a C callback (cffi's
    # destructors) is swallowed there — Python would print "Exception ignored …" for it, so
    # that one is dropped quietly — and the next one stops the work in Python code.
    previous_hook = sys.unraisablehook

    def quiet(unraisable: Any) -> None:
        if not isinstance(unraisable.exc_value, JobTimeout):
            previous_hook(unraisable)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    sys.unraisablehook = quiet
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
        sys.unraisablehook = previous_hook


def render_job(job: Job, out: Path, templates: TemplateSet, rasterizer: Rasterizer,
               options: RenderOptions) -> Outcome:
    from lnob_graphics.encode import BudgetError, fit_budget, text_chunk, to_format, with_chunks
    from lnob_graphics.render import RenderError, render_svg

    overflow, debug, timeout = options.overflow, options.debug, options.timeout
    image_format = options.image_format
    asset, platform = job.asset, PLATFORMS[job.platform]
    path = pack.image_path(out, asset.lang, platform.name, job.name,
                           "jpg" if image_format == "jpeg" else image_format)

    def failed(message: str, field: str | None = None, stop: bool = False) -> Outcome:
        if not stop:
            pack.forget(path)
        return Outcome(job, failure=JobFailure(
            asset.id, asset.lang, platform.name, asset.file, asset.line_of(field), field,
            message, job.page, asset.pages if job.page else 0, asset.cell_of(field)), stop=stop)

    clock = _Clock()
    try:
        with time_limit(timeout):
            rendered = render_svg(asset, platform, templates, overflow, debug, page=job.page)
            clock.lap("svg")
            if options.strict and rendered.warnings:
                return failed(f"{rendered.warnings[0]} (a warning: --strict fails the image)")
            if image_format == "svg":  # the SVG itself: text as paths, renderer-independent
                image, note = rendered.svg.encode("utf-8"), None
            else:
                image = rasterizer.to_png(rendered.svg, platform.width, platform.height)
            clock.lap("rasterize")
        if image_format == "png":
            # The alt text goes inside the PNG too (iTXt "Description", with its language).
            description = text_chunk("Description", rendered.alt_text, asset.lang)
            budget = platform.max_bytes - len(description) if platform.max_bytes else None
            image, note = fit_budget(image, budget)
            image = with_chunks(image, [description])
        elif image_format in ("jpeg", "webp"):
            image, note = to_format(image, image_format, platform.max_bytes)
        clock.lap("encode")
    except RenderError as error:
        return failed(str(error), error.field)
    except BudgetError as error:
        return failed(str(error))
    except JobTimeout:
        return failed(f"took longer than {timeout:g} s, the limit for one image (--timeout); the "
                      "template may be hostile (e.g. deeply nested <use>) or far too complex",
                      "template")
    except Exception as error:  # a bug or a rasterizer failure: fail this job, not the run
        return failed(f"could not render: {type(error).__name__}: {error}")
    # Sidecars in the form platforms ask for: plain text to paste (alt, post text).
    alt_path, caption_path = path.with_suffix(".alt.txt"), path.with_suffix(".caption.txt")
    try:
        pack.write_atomic(path, image)
        pack.write_atomic(alt_path, (rendered.alt_text + "\n").encode("utf-8"))
        pack.write_atomic(caption_path, (rendered.caption + "\n").encode("utf-8"))
    except OSError as error:
        full = error.errno in _FOLDER_FULL
        if not full:
            pack.forget(path)
        return failed(f"could not write {path}: {error.strerror or error}", stop=full)
    clock.lap("write")
    return Outcome(job, timings=clock.laps, entry={
        "id": asset.id,
        "template": asset.template,
        "goal": int(asset.goal) if asset.goal.isdigit() else asset.goal,
        "lang": asset.lang,
        "platform": platform.name,
        "width": platform.width,
        "height": platform.height,
        "file": path.relative_to(out).as_posix(),
        "bytes": len(image),
        "sha256": hashlib.sha256(image).hexdigest(),
        "alt_text": rendered.alt_text,
        "alt_file": alt_path.relative_to(out).as_posix(),
        "caption": rendered.caption,
        "caption_file": caption_path.relative_to(out).as_posix(),
        "warnings": list(rendered.warnings) + ([note] if note else []),
        "source": source_of(asset),
        "input": job.key,
        **job.slide,
    })


def source_of(asset: Asset) -> dict[str, Any]:
    """Where an image's data is written, for the manifest: file and line, and in a
    spreadsheet the row's cell (``Sheet1!A7``)."""
    cell = asset.cell_of("id")
    return {"file": asset.file, "line": asset.line, **({"cell": cell} if cell else {})}


@dataclass
class CheckReport:
    images: int = 0
    failures: list[JobFailure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    design: list[dict[str, Any]] = field(default_factory=list)  # the design check's findings


def check_campaign(campaign: Campaign, platforms: Sequence[str] = (),
                   languages: Sequence[str] = (), design: bool = True) -> CheckReport:
    """``lnob validate``: lay out every image (SVG only, nothing written), so that text that
    would not fit, or a character no font has, is found before a run; and with ``design``,
    what a designer would change on each (``design.py``: breaks, orphans, voids, sizes,
    hierarchy), each image's own findings as warnings."""
    from lnob_graphics import design as designer
    from lnob_graphics.rasterize import get_rasterizer
    from lnob_graphics.render import RenderError, render_svg

    templates = template_set(campaign.template_dirs)
    report = CheckReport(warnings=[str(w) for w in campaign.warnings])
    rasterizer: list[Rasterizer] = []  # made once, when a card first needs drawing

    def draw_with() -> Rasterizer:
        if not rasterizer:
            rasterizer.append(get_rasterizer())
        return rasterizer[0]

    for job in plan(campaign, platforms, languages):
        asset, platform = job.asset, PLATFORMS[job.platform]
        report.images += 1
        try:
            rendered = render_svg(asset, platform, templates, "error", page=job.page)
        except RenderError as error:
            report.failures.append(JobFailure(
                asset.id, asset.lang, platform.name, asset.file, asset.line_of(error.field),
                error.field, str(error), job.page, asset.pages if job.page else 0,
                asset.cell_of(error.field)))
            continue
        for warning in rendered.warnings:  # once per asset and language, not per platform
            line = f"{asset.where()}: {asset.id} [{asset.lang}]: {warning}"
            if line not in report.warnings:
                report.warnings.append(line)
        if not design:
            continue
        roles = designer.roles_of(templates.infos.get(asset.template))
        slide = f", slide {job.page}/{asset.pages}" if job.page else ""
        for finding in designer.check_card(rendered.texts, rendered.svg, platform, asset.lang,
                                           roles, draw_with):
            where = asset.cell_of(finding.field) or asset.line_of(finding.field)
            report.warnings.append(f"{asset.file}:{where}: {asset.id} [{asset.lang}, "
                                   f"{platform.name}{slide}]: {finding}")
            report.design.append({"id": asset.id, "lang": asset.lang, "platform": platform.name,
                                  **({"page": job.page} if job.page else {}),
                                  "file": asset.file, "line": asset.line_of(finding.field),
                                  **finding.as_dict()})
    return report


# Per-worker state: templates and the rasterizer are set up once per process,
# and the text engine's font and glyph caches live as long as the worker.
_WORKER: dict[str, Any] = {}


def _init_worker(template_dirs: tuple[Path, ...], out: Path, options: RenderOptions) -> None:
    from lnob_graphics.rasterize import get_rasterizer

    _WORKER.update(templates=template_set(template_dirs),
                   rasterizer=get_rasterizer(options.rasterizer), out=out, options=options)


def _run_in_worker(job: Job) -> Outcome:
    return render_job(job, _WORKER["out"], _WORKER["templates"], _WORKER["rasterizer"],
                      _WORKER["options"])


def render_all(jobs: Sequence[Job], out: Path, template_dirs: tuple[Path, ...] = (),
               options: RenderOptions = RenderOptions(), workers: int | None = None,
               progress: Callable[[int, int, Outcome], None] | None = None,
               warnings: Sequence[str] = (), reuse: bool = True,
               assets: Sequence[Asset] | None = None, shard: tuple[int, int] | None = None,
               plan: str | None = None, digests: Digests | None = None) -> Report:
    """Render ``jobs`` into ``out``, which the caller holds (``pack.opened``). An image whose
    inputs have not changed since an earlier run (finished, or killed half-way) is not
    rendered again (``reuse``). With the campaign's ``assets``, images of assets no longer
    in it are removed."""
    options = replace(options, rasterizer=backend_name(options.rasterizer))
    return _render_into(jobs, out, template_dirs, options, workers or os.cpu_count() or 1,
                        progress, warnings, reuse, assets, shard, plan, digests or Digests(out))


def _render_into(jobs: Sequence[Job], out: Path, template_dirs: tuple[Path, ...],
                 options: RenderOptions, workers: int,
                 progress: Callable[[int, int, Outcome], None] | None,
                 warnings: Sequence[str], reuse: bool, assets: Sequence[Asset] | None,
                 shard: tuple[int, int] | None, plan: str | None, digests: Digests) -> Report:
    pack.remove_leftovers(out)
    report = Report()
    salt = run_salt(template_dirs, options.fingerprint(), digests)
    report.options, report.salt = options.fingerprint(), salt
    earlier = [*pack.earlier_images(out), *journalled(out)]
    done = reusable(earlier) if reuse else {}
    todo: list[Job] = []
    for job in jobs:
        job = replace(job, key=input_key(job, salt, digests))  # carried to the worker and back
        entry = done.get(job.key)
        if entry is not None and still_there(out, entry, digests):
            report.reused += 1
            _collect(report, Outcome(job, entry={**entry, "source": source_of(job.asset)},
                                     reused=True), len(jobs), progress)
        else:
            todo.append(job)
    journal = Journal(out, shard)
    try:
        with closing(_outcomes(todo, out, template_dirs, options, workers)) as outcomes:
            for outcome in outcomes:
                if outcome.entry is not None:
                    journal.add(outcome.entry)
                _collect(report, outcome, len(jobs), progress)
                if outcome.stop and outcome.failure is not None:
                    report.stopped = outcome.failure.message
                    break
    except OSError as error:  # the journal itself could not be written: the disk is full
        report.stopped = f"could not write into {out}: {error.strerror or error}"
    except BaseException:
        journal.close(finished=False)  # Ctrl-C: what is done stays done for the next run
        raise
    try:  # (after a stop too: the manifest describes what is there, if the disk lets it)
        report.manifest = _write_manifest(report, out, jobs, earlier, assets, shard, plan,
                                          warnings)
        digests.save()
    except OSError as error:
        report.stopped = report.stopped or (f"could not write the manifest into {out}: "
                                            f"{error.strerror or error}")
    journal.close(finished=report.stopped is None)  # else the next run reuses what finished
    return report


def _collect(report: Report, outcome: Outcome, total: int,
             progress: Callable[[int, int, Outcome], None] | None) -> None:
    if outcome.entry is not None:
        report.assets.append(outcome.entry)
    if outcome.failure is not None and not outcome.stop:
        report.failures.append(outcome.failure)
    report.outcomes.append(outcome)
    if progress is not None:
        progress(len(report.outcomes), total, outcome)


def _outcomes(todo: Sequence[Job], out: Path, template_dirs: tuple[Path, ...],
              options: RenderOptions, workers: int) -> Generator[Outcome, None, None]:
    """Each job's outcome as it finishes: in this process for a few, else in a pool of
    worker processes (which a stop — a full disk — shuts down without waiting for the rest)."""
    if not todo:
        return
    setup = (template_dirs, out, options)
    if workers <= 1 or len(todo) < 4:
        _init_worker(*setup)
        for job in todo:
            yield _run_in_worker(job)
        return
    from concurrent.futures import ProcessPoolExecutor  # (~12 ms to import: only for a pool)

    pool = ProcessPoolExecutor(max_workers=min(workers, len(todo)), initializer=_init_worker,
                               initargs=setup)
    try:
        yield from pool.map(_run_in_worker, todo, chunksize=4)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _write_manifest(report: Report, out: Path, jobs: Sequence[Job],
                    earlier: Sequence[dict[str, Any]], assets: Sequence[Asset] | None,
                    shard: tuple[int, int] | None, plan: str | None,
                    warnings: Sequence[str]) -> Path:
    """A shard's own manifest; otherwise the folder's, updated with this run (pack.updated)."""
    failed = [f.as_dict() for f in report.failures]
    if shard is not None:  # a shard sees only its part: not what is gone, not the rest
        return pack.write_manifest(out, pack.Manifest(report.assets, failed, list(warnings), plan),
                                   pack.shard_manifest_name(shard))
    files = {str(Path(a.file).resolve()) for a in assets or ()}
    present = {(a.id, a.lang) for a in assets or ()}
    previous = pack.read_manifest(out / pack.MANIFEST)
    if assets is not None:
        report.removed = pack.remove_gone(out, earlier, present, files,
                                          report.assets)
    made = {pack.image_key(e): pack.source_file(e) for e in report.assets}
    report.replaced = sorted(str(e.get("file")) for e in previous.assets
                             if made.get(pack.image_key(e), pack.source_file(e))
                             != pack.source_file(e))
    covered = {pack.image_key({"lang": j.asset.lang, "platform": j.platform, "id": j.asset.id,
                               "page": j.page}) for j in jobs}
    manifest = pack.updated(previous, out, report.assets, failed, covered, report.removed,
                            files if assets is not None else set(), present, warnings)
    return pack.write_manifest_if_changed(out, manifest, previous)
