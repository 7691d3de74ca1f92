"""The command line: the one place where problems become messages and exit codes.

Exit status: 0 everything rendered; 1 some jobs failed (the others are written
and listed in the manifest); 2 the input could not be read or validated
(nothing rendered).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from lnob_graphics import __version__
from lnob_graphics.options import DEFAULT_TIMEOUT, IMAGE_FORMATS, MAX_ROWS, RASTERIZERS

# Everything else is imported by the command that needs it: `lnob --help` and
# `lnob version` load typer and nothing more (bench/startup.py measures it).
if TYPE_CHECKING:
    from lnob_graphics.cache import Digests, RunRecord
    from lnob_graphics.campaign import Campaign
    from lnob_graphics.pipeline import Outcome, RenderOptions, Report
    from lnob_graphics.plan import Job
    from lnob_graphics.render import Overflow
    from lnob_graphics.templates import TemplateSet

app = typer.Typer(
    name="lnob",
    help="Turn campaign data (YAML, CSV or a spreadsheet) into on-brand SDG images for every "
         "platform "
         "and language — Leave No One Behind.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help and usage errors (click's): Rich's formatter costs ~70 ms at every start.
    rich_markup_mode=None,
)

EXIT_OK, EXIT_SOME_FAILED, EXIT_BAD_INPUT = 0, 1, 2

ENCODING = typer.Option("--encoding", help="The CSV files' encoding (default: detected — UTF-8 "
                                           "with or without BOM, UTF-16, Windows-1252).")
ALLOW = typer.Option("--allow", help="A folder photos may also come from (repeatable); by "
                                     "default only the campaign file's folder.")
MAX_ROWS_OPTION = typer.Option("--max-rows", min=1, help="Most assets (or CSV rows) read from "
                                                        "one file.")
IGNORE = typer.Option("--ignore", help="A column (or field) of your own to skip, such as notes "
                                       "(repeatable); a CSV header starting with # is skipped "
                                       "anyway.")
REPAIR_TEXT = typer.Option("--repair-text", help="Repair text that was decoded with the wrong "
                                                 "encoding (dâ€™Afrique → d’Afrique) instead of "
                                                 "stopping; each repair is noted.")
DELIMITER = typer.Option("--delimiter", help="The CSV files' cell separator: ',' ';' 'tab' '|' "
                                             "(default: detected from the header).")
SHEET = typer.Option("--sheet", help="The sheet to read of the spreadsheets (.xlsx, .xls, .ods) "
                                     "(default: the first; FILE.xlsx#NAME chooses for one file).")
FILES_HELP = ("Campaign files (.yaml, .yml, .csv, or a spreadsheet: .xlsx, .xls, .ods — "
              "FILE.xlsx#SHEET for one of its sheets).")


@contextmanager
def progress_display(total: int,
                     quiet: bool) -> Iterator[Callable[[int, int, Outcome | None], None]]:
    """A progress bar on a terminal; in CI logs (CI=true, or no terminal) a plain line
    every tenth of the way; nothing with --quiet."""
    if quiet or total == 0:
        yield lambda done, total, outcome: None
        return
    if sys.stderr.isatty() and not os.environ.get("CI"):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        with Progress("[progress.description]{task.description}", BarColumn(),
                      MofNCompleteColumn(), TimeRemainingColumn(), transient=True) as bar:
            task = bar.add_task("rendering", total=total)
            yield lambda done, total, outcome: bar.update(task, completed=done)
        return
    step = max(1, total // 10)

    def line(done: int, total: int, outcome: Outcome | None) -> None:
        if done % step == 0 or done == total:
            typer.echo(f"rendered {done}/{total}")

    yield line


def _load(files: list[Path], platform: list[str] | None, templates: list[Path] | None,
          encoding: str | None, delimiter: str | None, max_rows: int,
          allow: list[Path] | None, repair_text: bool, sheet: str | None = None,
          ignore: list[str] | None = None) -> Campaign:
    """The campaign as `render` and `validate` read it (their shared options)."""
    from lnob_graphics.pipeline import load_campaign

    return load_campaign(files, None, platform or (), tuple(p.resolve() for p in templates or ()),
                         encoding, _delimiter(delimiter), max_rows, tuple(allow or ()),
                         repair_text, _sheet(sheet, files), tuple(ignore or ()))


def _sheet(sheet: str | None, files: list[Path]) -> str | None:
    """``--sheet``: only for spreadsheets (a usage error when no file is one)."""
    from lnob_graphics.spreadsheet import split_sheet, spreadsheet_kind

    if sheet is not None and not any(spreadsheet_kind(split_sheet(f)[0]) for f in files):
        _err(f"error: --sheet {sheet}: no spreadsheet (.xlsx, .xls, .ods) among the files; a "
             "CSV or YAML file has no sheets")
        raise typer.Exit(EXIT_BAD_INPUT)
    return sheet


def _platform_option(platform: list[str] | None) -> list[str]:
    """``--platform`` as people write it (twitter → x-post, with a note); names that mean
    nothing are kept, for validation to report with the campaign's other problems."""
    from lnob_graphics.platforms import read_platform

    names = []
    for written in platform or ():
        name, said = read_platform(written)
        if name is not None and said:
            _err(f"note: --platform: {said}")
        names.append(name or written)
    return list(dict.fromkeys(names))


def _shard(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    k, _, n = value.partition("/")
    if not (k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n)):
        _err(f"error: --shard: expected K/N with 1 ≤ K ≤ N, e.g. 2/4; got {value!r}")
        raise typer.Exit(EXIT_BAD_INPUT)
    return int(k), int(n)


def _delimiter(value: str | None) -> str | None:
    if value is None:
        return None
    named = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";"}.get(value.lower(), value)
    if named not in (",", ";", "\t", "|"):
        _err(f"error: --delimiter: expected ',', ';', 'tab' or '|', got {value!r}")
        raise typer.Exit(EXIT_BAD_INPUT)
    return named


def _err(message: str) -> None:
    typer.echo(message, err=True)


@app.command()
def render(
    files: Annotated[list[Path], typer.Argument(help=FILES_HELP, show_default=False,
                                                metavar="FILES...")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    platform: Annotated[list[str] | None, typer.Option(
        "--platform", "-p",
        help="Render only for this platform (repeatable); see `lnob platforms`.")] = None,
    lang: Annotated[list[str] | None, typer.Option(
        "--lang", "-l", help="Render only this language of the campaign (repeatable).")] = None,
    templates: Annotated[list[Path] | None, typer.Option(
        "--templates", help="A folder of your own templates (repeatable); they override "
                            "built-in templates of the same name.")] = None,
    on_overflow: Annotated[str, typer.Option(
        help="When text does not fit at the template's minimum size: 'error' fails that "
             "image, 'warn' renders it at the minimum size and records a warning.")] = "error",
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=0,
                                      help="Worker processes (0: one per core).")] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only problems.")] = False,
    debug: Annotated[bool, typer.Option(
        "--debug", help="Draw the templates' text and image boxes, the safe areas of story "
                        "formats and a 12-column grid over every image (for designers).")] = False,
    encoding: Annotated[str | None, ENCODING] = None,
    delimiter: Annotated[str | None, DELIMITER] = None,
    sheet: Annotated[str | None, SHEET] = None,
    max_rows: Annotated[int, MAX_ROWS_OPTION] = MAX_ROWS,
    allow: Annotated[list[Path] | None, ALLOW] = None,
    repair_text: Annotated[bool, REPAIR_TEXT] = False,
    ignore: Annotated[list[str] | None, IGNORE] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Render every image, even those unchanged since the last run.")] = False,
    image_format: Annotated[str, typer.Option(
        "--format", help="png (default: alt text inside, palette-reduced within each "
                         "platform's byte limit), jpeg or webp (photo-heavy packs), or svg (text "
                         "as paths).")] = "png",
    rasterizer: Annotated[str, typer.Option(
        help="auto (resvg if installed, else cairosvg), resvg or cairosvg.")] = "auto",
    report_to: Annotated[Path | None, typer.Option(
        "--report", help="Also write a JSON report (every image's status and timings) here.")
    ] = None,
    shard: Annotated[str | None, typer.Option(
        help="Render only part K of N of the images (e.g. 2/4), for a CI matrix; the manifest "
             "is manifest.shard-K-of-N.json, and `lnob merge` combines them.")] = None,
    timeout: Annotated[float, typer.Option(
        min=1, help="Seconds one image may take before it fails (a hostile template must not "
                    "hang a batch).")] = DEFAULT_TIMEOUT,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Warnings are failures (for CI): a missing translation, English "
                         "labels, low contrast, a number that reads two ways …")] = False,
) -> None:
    """Render every asset of the campaign files, in each of its languages, for each platform.

    Images go to OUT/<lang>/<platform>/<id>.png, with OUT/manifest.json listing every
    image (size, bytes, sha256, alt text, warnings) and every failure.
    """
    if on_overflow not in ("error", "warn"):
        _err(f"error: --on-overflow: expected 'error' or 'warn', got {on_overflow!r}")
        raise typer.Exit(EXIT_BAD_INPUT)
    overflow: Overflow = "warn" if on_overflow == "warn" else "error"
    if rasterizer not in RASTERIZERS:
        _err(f"error: --rasterizer: expected one of {', '.join(RASTERIZERS)}; got {rasterizer!r}")
        raise typer.Exit(EXIT_BAD_INPUT)
    if image_format not in IMAGE_FORMATS:
        _err(f"error: --format: expected one of {', '.join(IMAGE_FORMATS)}; got {image_format!r}")
        raise typer.Exit(EXIT_BAD_INPUT)
    if report_to is not None and (report_to.is_dir() or not report_to.parent.is_dir()):
        _err(f"error: --report {report_to}: "
             + ("is a folder; name a file such as report.json" if report_to.is_dir() else
                f"the folder {report_to.parent} does not exist"))
        raise typer.Exit(EXIT_BAD_INPUT)
    split = _shard(shard)
    platform = _platform_option(platform)
    sheet = _sheet(sheet, files)
    from lnob_graphics.cache import Digests, run_key, unchanged_run
    from lnob_graphics.pack import PackError, opened
    from lnob_graphics.rasterize import backend_name
    from lnob_graphics.spreadsheet import split_sheet

    command = {"files": [str(f.resolve()) for f in files], "platform": platform, "lang": lang,
               "templates": [str(t.resolve()) for t in templates or ()], "overflow": overflow,
               "debug": debug, "encoding": encoding, "delimiter": delimiter,
               "max_rows": max_rows, "allow": [str(a.resolve()) for a in allow or ()],
               "format": image_format, "rasterizer": backend_name(rasterizer), "shard": shard,
               "strict": strict, "repair_text": repair_text, "ignore": ignore or [],
               **({"sheet": sheet} if sheet is not None else {})}
    digests = Digests(out)
    key = run_key(command, [split_sheet(f)[0] for f in files], digests)
    try:
        if not force and out.is_dir():
            with opened(out):
                record = unchanged_run(out, key, digests)
                if record is not None:  # nothing changed since the last run: say what it said
                    digests.save()
                    raise typer.Exit(_replay(record, out, quiet, report_to))
        code = _render_files(files, out, platform, lang, templates, overflow, jobs, quiet,
                             debug, encoding, delimiter, max_rows, allow, force, image_format,
                             rasterizer, report_to, split, timeout, strict, repair_text,
                             digests, key, sheet, ignore)
    except PackError as error:
        _err(f"error: {error}")
        raise typer.Exit(EXIT_BAD_INPUT) from None
    raise typer.Exit(code)


def _render_files(files: list[Path], out: Path, platform: list[str], lang: list[str] | None,
                  templates: list[Path] | None, overflow: Overflow, jobs: int, quiet: bool,
                  debug: bool, encoding: str | None, delimiter: str | None, max_rows: int,
                  allow: list[Path] | None, force: bool, image_format: str, rasterizer: str,
                  report_to: Path | None, split: tuple[int, int] | None, timeout: float,
                  strict: bool, repair_text: bool, digests: Digests, key: str,
                  sheet: str | None = None, ignore: list[str] | None = None) -> int:
    """`render` after its options are checked: read the campaign (the output folder is
    not touched if it is invalid), then hold the folder and render; the exit status."""
    from lnob_graphics.errors import InputError
    from lnob_graphics.pack import opened
    from lnob_graphics.templates import TemplateError

    try:
        campaign = _load(files, platform, templates, encoding, delimiter, max_rows, allow,
                         repair_text, sheet, ignore)
    except InputError as error:
        for warning in error.warnings:
            _err(f"warning: {warning}")
        for problem in error.problems:
            _err(f"error: {problem}")
        _err(f"{len(error.problems)} problem{'s' if len(error.problems) != 1 else ''} "
             "found; nothing was rendered.")
        return EXIT_BAD_INPUT
    except TemplateError as error:
        _err(f"error: {error}")
        return EXIT_BAD_INPUT
    languages = _languages(lang, campaign)

    from lnob_graphics.cache import plan_key
    from lnob_graphics.pipeline import RenderOptions, plan, shard_of

    for note in campaign.notes:
        _err(f"note: {note}")
    if strict and campaign.warnings:
        _print_warnings([str(w) for w in campaign.warnings], strict, "lnob validate lists them all")
        _err(f"{len(campaign.warnings)} warning{'s' * (len(campaign.warnings) != 1)} with "
             "--strict; nothing was rendered.")
        return EXIT_BAD_INPUT
    job_list = plan(campaign, platform or (), languages)
    whole_plan = None
    if split is not None:
        whole_plan = plan_key(job_list, campaign.template_dirs)
        job_list = shard_of(job_list, split)
    summary = {"images": len(job_list), "assets": len({a.id for a in campaign.assets}),
               "languages": sorted({a.lang for a in campaign.assets
                                    if not languages or a.lang in languages})}
    _say_rendering(summary, out, quiet)
    options = RenderOptions(overflow, debug, timeout, image_format, rasterizer, strict)
    with opened(out):
        code = _render_jobs(job_list, out, campaign, options, jobs, quiet, force, report_to,
                            split, whole_plan, summary, strict, digests, key, files)
    return code


def _render_jobs(job_list: list[Job], out: Path, campaign: Campaign, options: RenderOptions,
                 jobs: int, quiet: bool, force: bool, report_to: Path | None,
                 split: tuple[int, int] | None, whole_plan: str | None,
                 summary: dict[str, Any], strict: bool, digests: Digests, key: str,
                 files: list[Path]) -> int:
    """Render the planned images into the held folder, say how it went, and remember a
    whole run that had no failure; the exit status."""
    from lnob_graphics.cache import save_run
    from lnob_graphics.pipeline import render_all

    with progress_display(len(job_list), quiet) as progress:
        report = render_all(job_list, out, campaign.template_dirs, options, jobs or None,
                            progress=progress, warnings=[str(w) for w in campaign.warnings],
                            reuse=not force, assets=campaign.assets, shard=split,
                            plan=whole_plan, digests=digests)
    report_json = report.as_json()
    if report_to is not None and not _write_report(report_to, report_json):
        return EXIT_SOME_FAILED
    if report.removed:
        typer.echo(f"removed {len(report.removed)} images of assets no longer in the campaign: "
                   f"{', '.join(report.removed[:5])}{' …' if len(report.removed) > 5 else ''}")
    for replaced in report.replaced:
        _err(f"warning: {out / replaced} was made from another campaign file; this run "
             "replaced it (give the assets different ids to keep both)")
    for failure in report.failures:
        _err(f"error: {failure}")
    written = len(report.assets)
    if report.stopped is not None:
        save_run(out, None)
        kept = (f"the {written} images that finished are kept and listed; run again to finish"
                if written else "nothing was written")
        _err(f"error: {out}: the run stopped: {report.stopped}; {kept}")
        return EXIT_SOME_FAILED if written else EXIT_BAD_INPUT
    warnings = list(dict.fromkeys([str(w) for w in campaign.warnings]
                                  + _image_warnings(report.assets)))
    _print_warnings(warnings, strict=False)
    _say_written(written, report.reused, len(report.failures), len(warnings), report.manifest,
                 quiet)
    _remember(out, report, campaign, key, summary, warnings, report_json, digests, split,
              files)
    return report.exit_code


def _remember(out: Path, report: Report, campaign: Campaign, key: str,
              summary: dict[str, Any], warnings: list[str], report_json: dict[str, Any],
              digests: Digests, split: tuple[int, int] | None, files: list[Path]) -> None:
    """Record a whole run that finished without a failure, so that running it again
    unchanged reads nothing but this record and the files' dates (cache.unchanged_run)."""
    from lnob_graphics.cache import RunRecord, save_run

    if report.failures or report.manifest is None or split is not None:
        save_run(out, None)
        return
    campaign_files = {str(f.resolve()) for f in files}  # (the key covers their bytes)
    inputs = {path: digests.of(Path(path)) for path in campaign.inputs
              if path not in campaign_files}
    save_run(out, RunRecord(
        key, inputs, [str(d) for d in campaign.template_dirs], report.options, report.salt,
        [[str(e["file"]), str(e["sha256"])] for e in report.assets],
        digests.of(report.manifest), list(campaign.notes), warnings, summary, report_json))
    digests.save()


def _replay(record: RunRecord, out: Path, quiet: bool, report_to: Path | None) -> int:
    """An unchanged run: what the last one said, every image reused."""
    for note in record.notes:
        _err(f"note: {note}")
    total = int(record.summary["images"])
    _say_rendering(record.summary, out, quiet)
    with progress_display(total, quiet) as progress:
        for done in range(1, total + 1):
            progress(done, total, None)
    rows = [{**row, "status": "reused", "seconds": {}} for row in record.report["jobs"]]
    report = {**record.report, "jobs": rows, "written": 0, "reused": len(rows), "removed": []}
    if report_to is not None and not _write_report(report_to, report):
        return EXIT_SOME_FAILED
    _print_warnings(record.warnings, strict=False)
    _say_written(total, total, 0, len(record.warnings), out / "manifest.json", quiet)
    return EXIT_OK


def _say_rendering(summary: dict[str, Any], out: Path, quiet: bool) -> None:
    if not quiet:
        typer.echo(f"Rendering {summary['images']} images ({summary['assets']} assets; "
                   f"languages: {', '.join(summary['languages'])}) into {out}/")


def _say_written(written: int, reused: int, failed: int, warnings: int, manifest: Path | None,
                 quiet: bool) -> None:
    if not quiet or failed:
        unchanged = f" ({reused} unchanged since the last run)" if reused else ""
        typer.echo(f"{written} images written{unchanged}, {failed} failed"
                   f"{f', {warnings} warning' + 's' * (warnings != 1) if warnings else ''}; "
                   f"manifest: {manifest}")


def _write_report(path: Path, report: dict[str, Any]) -> bool:
    try:
        _write(path, (json.dumps(report, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    except OSError as error:
        _err(f"error: --report {path}: could not write it ({error.strerror or error})")
        return False
    return True


SHOWN_PER_KIND = 3  # examples printed of each kind of warning; the manifest has them all


def _print_warnings(warnings: list[str], strict: bool,
                    all_in: str = "all in the manifest's warnings") -> None:
    """Warnings grouped by kind, with counts and the first few of each (a pack of 500
    images must not bury the one that matters under 500 lines)."""
    from lnob_graphics.errors import warning_kind

    groups: dict[str, list[str]] = {}
    for warning in dict.fromkeys(warnings):
        groups.setdefault(warning_kind(warning), []).append(warning)
    label = "error" if strict else "warning"
    for kind, members in sorted(groups.items(), key=lambda g: -len(g[1])):
        _err(f"{label}: {len(members)} × {kind}{' (--strict)' if strict else ''}:")
        for member in members[:SHOWN_PER_KIND]:
            _err(f"  {member}")
        if len(members) > SHOWN_PER_KIND:
            _err(f"  … and {len(members) - SHOWN_PER_KIND} more ({all_in})")


def _image_warnings(assets: list[dict[str, Any]]) -> list[str]:
    """Each image's own warnings, once per asset and language (not once per platform)."""
    lines = []
    for entry in assets:
        source = entry.get("source")
        where = (f"{source.get('file')}:{source.get('cell') or source.get('line')}: "
                 if isinstance(source, dict) else "")
        for warning in entry.get("warnings") or ():
            lines.append(f"{where}{entry.get('id')} [{entry.get('lang')}]: {warning}")
    return lines


def _languages(lang: list[str] | None, campaign: Campaign) -> tuple[str, ...]:
    """``--lang``: languages of the campaign to render (all when not given)."""
    from lnob_graphics.errors import suggest

    have = sorted({a.lang for a in campaign.assets})
    for name in lang or ():
        if name not in have:
            _err(f"error: --lang: the campaign has no {name!r} text{suggest(name, have)}; its "
                 f"languages: {', '.join(have)}")
            raise typer.Exit(EXIT_BAD_INPUT)
    return tuple(lang or ())


def _write(path: Path, data: bytes) -> None:
    from lnob_graphics.pack import write_atomic

    write_atomic(path, data)


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help=FILES_HELP, show_default=False,
                                                metavar="FILES...")],
    platform: Annotated[list[str] | None, typer.Option(
        "--platform", "-p", help="Check only for this platform (repeatable).")] = None,
    lang: Annotated[list[str] | None, typer.Option(
        "--lang", "-l", help="Check only this language of the campaign (repeatable).")] = None,
    templates: Annotated[list[Path] | None, typer.Option(
        "--templates", help="A folder of your own templates (repeatable).")] = None,
    encoding: Annotated[str | None, ENCODING] = None,
    delimiter: Annotated[str | None, DELIMITER] = None,
    sheet: Annotated[str | None, SHEET] = None,
    max_rows: Annotated[int, MAX_ROWS_OPTION] = MAX_ROWS,
    allow: Annotated[list[Path] | None, ALLOW] = None,
    repair_text: Annotated[bool, REPAIR_TEXT] = False,
    ignore: Annotated[list[str] | None, IGNORE] = None,
    output: Annotated[str, typer.Option("--format", help="'text' or 'json' (for CI).")] = "text",
    strict: Annotated[bool, typer.Option(
        "--strict", help="Warnings are failures (for CI): a missing translation, English "
                         "labels, low contrast, a number that reads two ways, the design "
                         "check's findings …")] = False,
) -> None:
    """Check everything without rendering: the files, goals, templates and their required
    fields, photos, and — by laying out every image — that all text fits and every
    character has a font. The design check looks at every image as a designer would: line
    breaks inside numbers or words, a last word alone, empty bands, text too small to
    read on a phone, a less important text larger than a more important one (warnings).
    Exit 0 all good, 1 some images would fail, 2 invalid input."""
    from lnob_graphics.errors import InputError
    from lnob_graphics.templates import TemplateError

    if output not in ("text", "json"):
        _err(f"error: --format: expected 'text' or 'json', got {output!r}")
        raise typer.Exit(EXIT_BAD_INPUT)
    try:
        platform = _platform_option(platform)
        campaign = _load(files, platform, templates, encoding, delimiter, max_rows, allow,
                         repair_text, sheet, ignore)
    except (InputError, TemplateError) as error:
        problems = error.problems if isinstance(error, InputError) else []
        if output == "json":
            listed = [p.as_dict() for p in problems] or [{"message": str(error)}]
            typer.echo(json.dumps({"ok": False, "input_errors": listed, "errors": [],
                                   "warnings": [], "notes": [], "images": 0}, indent=2,
                                  ensure_ascii=False))
        else:
            for found in error.warnings if isinstance(error, InputError) else ():
                _err(f"warning: {found}")
            for line in [str(p) for p in problems] or [str(error)]:
                _err(f"error: {line}")
        raise typer.Exit(EXIT_BAD_INPUT) from None
    languages = _languages(lang, campaign)

    from lnob_graphics.pipeline import check_campaign

    report = check_campaign(campaign, platform or (), languages)
    failed = bool(report.failures) or (strict and bool(report.warnings))
    if output == "json":
        typer.echo(json.dumps({"ok": not failed, "strict": strict, "input_errors": [],
                               "errors": [f.as_dict() for f in report.failures],
                               "warnings": report.warnings, "design": report.design,
                               "notes": campaign.notes, "images": report.images}, indent=2,
                              ensure_ascii=False))
    else:
        for note in campaign.notes:
            _err(f"note: {note}")
        _print_warnings(report.warnings, strict, "--format json lists them all")
        for failure in report.failures:
            _err(f"error: {failure}")
        count = len(report.warnings)
        design = f"; {len(report.design)} from the design check" if report.design else ""
        typer.echo(f"{report.images} images checked: {len(report.failures)} would fail, "
                   f"{count} warning{'s' * (count != 1)}"
                   + (f" ({design[2:]})" if design and not (strict and count) else "")
                   + (f" (failures with --strict{design})" if strict and count else ""))
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="Where to create the campaign.")] = Path(
        "my-campaign"),
) -> None:
    """Start a campaign: a YAML file (four templates, English and French), one of its
    assets as CSV and as a spreadsheet (.xlsx), and a photo — ready to validate, render
    and edit."""
    starter = Path(__file__).resolve().parent / "starter"
    if folder.exists() and not folder.is_dir():
        _err(f"error: {folder}: is a file, not a folder; choose another name")
        raise typer.Exit(EXIT_BAD_INPUT)
    files = sorted(p for p in starter.iterdir() if p.is_file())
    existing = [folder / p.name for p in files if (folder / p.name).exists()]
    if existing:
        _err(f"error: {', '.join(str(p) for p in existing)} already exist; nothing was "
             "written (choose another folder)")
        raise typer.Exit(EXIT_BAD_INPUT)
    try:
        for source in files:
            _write(folder / source.name, source.read_bytes())
    except OSError as error:
        _err(f"error: {folder}: cannot write there ({error.strerror or error}); choose a "
             "folder you can write to")
        raise typer.Exit(EXIT_BAD_INPUT) from None
    typer.echo(f"Created {folder}/: {', '.join(p.name for p in files)}\n"
               f"Next: lnob validate {folder}/campaign.yaml\n"
               f"      lnob render {folder}/campaign.yaml --out {folder}/out")


@app.command()
def merge(
    out: Annotated[Path, typer.Argument(help="The folder the shards rendered into (or were "
                                             "downloaded into).", show_default=False)],
) -> None:
    """Combine the manifests of `render --shard K/N` runs into one manifest.json."""
    from lnob_graphics.pack import PackError, merge_shards, opened

    try:
        with opened(out):
            path, count, missing = merge_shards(out)
    except PackError as error:
        _err(f"error: {error}")
        raise typer.Exit(EXIT_BAD_INPUT) from None
    if missing:
        _err(f"error: {out}: shards missing: {', '.join(missing)}; the manifest lists only "
             "what the others made")
    data = json.loads(path.read_text(encoding="utf-8"))
    typer.echo(f"{len(data['assets'])} images from {count - len(missing)} of {count} shards, "
               f"{len(data['errors'])} failed; manifest: {path}")
    raise typer.Exit(EXIT_SOME_FAILED if missing or data["errors"] else EXIT_OK)


@app.command()
def platforms(
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """List the platforms: name, pixel size and file-size limit."""
    from lnob_graphics.platforms import DEFAULT_PLATFORMS, PLATFORMS

    if as_json:
        typer.echo(json.dumps([
            {"name": p.name, "width": p.width, "height": p.height, "max_bytes": p.max_bytes,
             "format": p.format_class, "default": p.name in DEFAULT_PLATFORMS, "note": p.note}
            for p in PLATFORMS.values()], indent=2))
        return
    typer.echo(f"{'platform':<20} {'size':>11}  {'max bytes':>11}  {'format':<8}  note")
    for p in PLATFORMS.values():
        limit = f"{p.max_bytes:,}" if p.max_bytes else "—"
        mark = " (default)" if p.name in DEFAULT_PLATFORMS else ""
        typer.echo(f"{p.name:<20} {p.width:>5}×{p.height:<5}  {limit:>11}  "
                   f"{p.format_class:<8}  {p.note}{mark}")


templates_app = typer.Typer(help="List, show and check templates.", no_args_is_help=False)
app.add_typer(templates_app, name="templates")


@templates_app.callback(invoke_without_command=True)
def list_templates(
    ctx: typer.Context,
    templates: Annotated[list[Path] | None, typer.Option(
        "--templates", help="Also list the templates in this folder.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """List the available templates and the fields each one uses (`?`: optional)."""
    if ctx.invoked_subcommand is not None:
        return
    from lnob_graphics.templates import describe

    tset = _template_set_or_exit(templates)
    if as_json:
        typer.echo(json.dumps([describe(i) for i in tset.infos.values()], indent=2,
                              ensure_ascii=False))
        return
    for info in sorted(tset.infos.values(), key=lambda i: i.name):
        fields = ", ".join(f + ("" if s.required else "?") for f, s in info.fields.items())
        typer.echo(f"{info.name:<10} {info.description}\n{'':<10} fields: {fields}")


@templates_app.command("show")
def show_template(
    name: Annotated[str, typer.Argument(help="The template's name.", show_default=False)],
    templates: Annotated[list[Path] | None, typer.Option(
        "--templates", help="A folder of your own templates.")] = None,
) -> None:
    """Print a template's fields (type, required, meaning) and an example, in YAML and CSV."""
    from lnob_graphics.errors import suggest
    from lnob_graphics.templates import example_text

    tset = _template_set_or_exit(templates)
    info = tset.infos.get(name)
    if info is None:
        _err(f"error: unknown template {name!r}{suggest(name, tset.infos)}; "
             f"available: {', '.join(sorted(tset.infos))}")
        raise typer.Exit(EXIT_BAD_INPUT)
    typer.echo(example_text(info))


@templates_app.command("check")
def check_templates(
    path: Annotated[Path, typer.Argument(help="A template folder, or one template's file.",
                                         show_default=False)],
) -> None:
    """Check templates: metadata, well-formed SVG, no external references, fields declared
    and used, a layout for every format, and the example rendered in every format."""
    if not path.exists():
        _err(f"error: {path}: no such file or folder")
        raise typer.Exit(EXIT_BAD_INPUT)
    from lnob_graphics.checks import check

    findings = check(path)
    for finding in findings:
        _err(str(finding))
    errors = sum(f.level == "error" for f in findings)
    warnings = len(findings) - errors
    typer.echo(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")
    raise typer.Exit(EXIT_SOME_FAILED if errors else EXIT_OK)


def _template_set_or_exit(templates: list[Path] | None) -> TemplateSet:
    from lnob_graphics.templates import TemplateError, template_set

    try:
        return template_set(tuple(p.resolve() for p in templates or ()))
    except TemplateError as error:
        _err(f"error: {error}")
        raise typer.Exit(EXIT_BAD_INPUT) from None


@app.command()
def sheet(
    pack: Annotated[Path, typer.Argument(help="A folder rendered by `lnob render`.",
                                         show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="The PNG to write.")] = Path(
        "contact-sheet.png"),
    platform: Annotated[list[str] | None, typer.Option(
        "--platform", "-p", help="Only this platform (repeatable).")] = None,
    lang: Annotated[list[str] | None, typer.Option(
        "--lang", "-l", help="Only this language (repeatable).")] = None,
    width: Annotated[int, typer.Option(min=600, max=8000, help="Sheet width in px.")] = 2400,
    html: Annotated[Path | None, typer.Option(
        help="Also write an HTML page of the images with their alt text, e.g. PACK/index.html."
    )] = None,
) -> None:
    """Put every image of a rendered pack on one contact sheet, captioned, to review at once."""
    from lnob_graphics.sheet import SheetError, contact_sheet, html_page, tiles_of

    try:
        tiles = tiles_of(pack, platform or (), lang or ())
        png = contact_sheet(tiles, width=width)
    except SheetError as error:
        _err(f"error: {error}")
        raise typer.Exit(EXIT_BAD_INPUT) from None
    try:
        _write(out, png)
        typer.echo(f"contact sheet: {out}")
        if html is not None:
            _write(html, html_page(tiles, html, f"Contact sheet: {pack}").encode("utf-8"))
            typer.echo(f"contact page: {html}")
    except OSError as error:
        _err(f"error: {error.filename or out}: could not write it ({error.strerror or error})")
        raise typer.Exit(EXIT_BAD_INPUT) from None


@app.command()
def labels(
    lang: Annotated[str | None, typer.Argument(
        help="A language: its labels, each with its source and status.", show_default=False)
    ] = None,
    template: Annotated[bool, typer.Option(
        "--template", help="Print a labels file for LANG to fill in (every label, the tool's "
                           "own filled in, the English beside each).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """The words the tool adds to cards (goal names, 'Goal 4', 'Source:', the pledge's
    hashtag …) per language: how many there are and how sure each is (official, community,
    machine, unverified). A word a language lacks is left out of its cards, never English."""
    from lnob_graphics import labels as words
    from lnob_graphics.i18n import read_language

    if lang is not None:
        read = read_language(lang)
        if read.code is None:
            _err(f"error: {read.problem}")
            raise typer.Exit(EXIT_BAD_INPUT)
        lang = read.code
    if template:
        if lang is None:
            _err("error: --template: name a language, e.g. lnob labels tg --template")
            raise typer.Exit(EXIT_BAD_INPUT)
        typer.echo(words.template_text(lang), nl=False)
        return
    if lang is not None:
        _show_labels(lang, as_json)
        return
    rows = [words.coverage(code) for code in words.shipped_languages()]
    if as_json:
        typer.echo(json.dumps([{"lang": r.lang, "goal_names": r.goal_names, "labels": r.labels,
                                "statuses": r.statuses} for r in rows], indent=2))
        return
    count = len(words.LABEL_KEYS)
    typer.echo(f"{'lang':<6} {'goal names':>10}  {'labels':>6}  status of the entries")
    for r in rows:
        statuses = ", ".join(f"{s} {n}" for s, n in r.statuses.items())
        typer.echo(f"{r.lang:<6} {f'{r.goal_names}/17':>10}  {f'{r.labels}/{count}':>6}  {statuses}")
    typer.echo("Other languages have none. A card leaves out what its language lacks (never "
               "English); give your own in the campaign: lnob labels LANG --template")


def _show_labels(lang: str, as_json: bool) -> None:
    """`lnob labels LANG`: every label of a language, with its source and status."""
    from lnob_graphics import labels as words

    code = lang if lang in words.shipped_languages() else lang.split("-")[0].lower()
    table = words.shipped(code)
    entries = table.entries if table else {}
    if as_json:
        typer.echo(json.dumps({"lang": lang, "sources": table.sources if table else {},
                               "entries": {k: {"text": e.text, "source": e.source,
                                               "status": e.status, "note": e.note}
                                           for k, e in entries.items()}},
                              indent=2, ensure_ascii=False))
        return
    for key in words.KEYS:
        entry = entries.get(key)
        shown = f"goal {key.split('.')[1]}" if key.startswith("goal_names.") else key
        if entry is None and key in words.DERIVED:
            typer.echo(f"{shown:<15} —  (made of goal, a comma and the name)")
        elif entry is None:
            typer.echo(f"{shown:<15} —  (none: left out of {lang} cards)")
        else:
            typer.echo(f"{shown:<15} {entry.text}  [{entry.status}: {entry.source}]")
    if table is None:
        typer.echo(f"No labels in {lang!r}: give them in the campaign (lnob labels {lang} "
                   "--template prints a file to fill in).")


@app.command()
def serve(
    campaign: Annotated[list[Path] | None, typer.Argument(
        help="A campaign file or folder to open (a copy: the original is never changed).",
        show_default=False, metavar="[CAMPAIGN_OR_FOLDER]")] = None,
    port: Annotated[int, typer.Option(min=0, max=65535,
                                      help="The port (0: a free one).")] = 8765,
    host: Annotated[str, typer.Option(
        help="The address to listen on; anything but 127.0.0.1 lets other computers reach "
             "the page (a warning says so).")] = "127.0.0.1",
    no_browser: Annotated[bool, typer.Option("--no-browser",
                                             help="Do not open the browser.")] = False,
    allow_host: Annotated[list[str] | None, typer.Option(
        "--allow-host", help="Another host name the page answers to, such as your proxy's "
                             "(repeatable); others are refused (DNS rebinding).")] = None,
) -> None:
    """The campaign tool as a web page on this computer: drop a spreadsheet, see every
    card, fix the text, download the pack. Nothing leaves the computer; each browser
    works in its own temporary folder, removed when the server stops (Ctrl-C)."""
    for path in campaign or ():
        if not path.exists():
            _err(f"error: {path}: no such file or folder")
            raise typer.Exit(EXIT_BAD_INPUT)
    from lnob_graphics.web.server import serve as run

    try:
        run(list(campaign or ()), host, port, not no_browser, tuple(allow_host or ()))
    except OSError as error:
        _err(f"error: cannot listen on {host}:{port}: {error.strerror or error}; choose "
             "another port (--port 0 picks a free one)")
        raise typer.Exit(EXIT_BAD_INPUT) from None


@app.command()
def data(
    file: Annotated[Path, typer.Argument(
        help="A downloaded file: a UN SDG Global Database export (CSV or Excel), an Open SDG "
             "platform's CSV, or a World Bank WDI CSV.", show_default=False)],
    output: Annotated[str, typer.Option(
        "--format", help="text, or json (machine-readable).")] = "text",
    column: Annotated[list[str] | None, typer.Option(
        "--column", help="Open SDG: the column of a role when the headers are in another "
                         "language, e.g. --column year=Год (roles: year, value, area, geocode, "
                         "units, series).")] = None,
) -> None:
    """What a downloaded file of official SDG data holds — its series, areas, years,
    dimensions and their values — to write a campaign's data_source: selection."""
    from lnob_graphics.official.readers import read_table
    from lnob_graphics.official.select import describe, listed
    from lnob_graphics.official.table import DataError

    if output not in ("text", "json"):
        _err(f"error: --format: expected text or json, got {output!r}")
        raise typer.Exit(EXIT_BAD_INPUT)
    columns = {}
    for item in column or []:
        role, sep, name = item.partition("=")
        if not sep or not role.strip() or not name.strip():
            _err(f"error: --column: expected role=column, e.g. year=Год; got {item!r}")
            raise typer.Exit(EXIT_BAD_INPUT)
        columns[role.strip()] = name.strip()
    if not file.is_file():
        _err(f"error: {file}: no such file")
        raise typer.Exit(EXIT_BAD_INPUT)
    try:
        described = describe(read_table(file, str(file), columns))
    except DataError as error:
        _err(f"error: {error}")
        raise typer.Exit(EXIT_BAD_INPUT) from None
    if output == "json":
        typer.echo(json.dumps(described, indent=2, ensure_ascii=False))
        return
    typer.echo(f"{described['file']}: {described['format']}")
    for series in described["series"]:
        codes = [c for c in series["codes"] if c != series["series"]]
        typer.echo(f"\nseries {series['series']}" + (f" ({', '.join(codes)})" if codes else "")
                   + (f": {series['description']}" if series["description"] else "")
                   + f" — {series['rows']} rows")
        areas = series["areas"]
        if len(areas) == 1 and not areas[0]["name"]:
            typer.echo(f"  years: {', '.join(map(str, areas[0]['years']))} (no area column: "
                       "one country)")
        else:
            typer.echo(f"  areas ({len(areas)}):")
            for area in areas[:30]:
                code = f" [{area['code']}]" if area["code"] and area["code"] != area["name"] else ""
                typer.echo(f"    {area['name']}{code}: {', '.join(map(str, area['years']))}")
            if len(areas) > 30:
                typer.echo(f"    … and {len(areas) - 30} more (--format json lists them all)")
        for dim, values in series["dimensions"].items():
            typer.echo(f"  {dim}: {listed(values)}")
        for key in ("units", "nature", "sources"):
            if series[key] and key.title() not in series["dimensions"]:
                typer.echo(f"  {key}: {', '.join(series[key])}")
        if series["not_numbers"]:
            shown = ", ".join(f"line {n['line']} {n['value']!r}" for n in series["not_numbers"][:5])
            typer.echo(f"  not numbers (never drawn): {shown}")


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(f"lnob-graphics {__version__}")


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(130)
