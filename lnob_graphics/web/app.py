"""The page's routes (Starlette). Every request passes ``Guard`` first: the run's token,
this server's Host, a same-site Origin, the size limit. Work that reads campaign files
or draws goes to the render processes (``work``), never into this process's threads.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import dataclasses
import hashlib
import io
import pickle
import shutil
import zipfile
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlencode

import jinja2
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lnob_graphics.campaign import Asset
from lnob_graphics.i18n import direction_of, read_language
from lnob_graphics.labels import shipped_languages
from lnob_graphics.options import DEFAULT_TIMEOUT
from lnob_graphics.pipeline import RenderOptions
from lnob_graphics.platforms import PLATFORMS
from lnob_graphics.web import edits, safety, ui, work
from lnob_graphics.web.sessions import CAMPAIGN_SUFFIXES, PHOTO_SUFFIXES, Session, Sessions

HERE = Path(__file__).resolve().parent
T = TypeVar("T")


@dataclass
class Config:
    host: str
    port: int
    token: str
    root: Path  # the run's temporary folder: one folder per session inside
    allowed: frozenset[str] = frozenset()  # Host values answered (safety.allowed_hosts)
    limits: safety.Limits = safety.LIMITS
    timeout: float = DEFAULT_TIMEOUT  # per image, as `lnob render --timeout`
    workers: int = 2
    start: list[Path] = field(default_factory=list)  # a campaign given on the command line

    @property
    def token_cookie(self) -> str:  # cookies ignore ports: two servers must not share one
        return f"lnob_token_{self.port}"

    @property
    def session_cookie(self) -> str:
        return f"lnob_session_{self.port}"


class TooLarge(Exception):
    pass


class Guard:
    """Refuses, before any route runs: a request without the run's token (in the query
    or the cookie the first page sets), to another Host (DNS rebinding), from another
    site's page (Origin; required on POST), or larger than the upload limit."""

    def __init__(self, app: ASGIApp, config: Config) -> None:
        self.app, self.config = app, config

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        config = self.config
        problem = None
        if not safety.host_ok(headers.get("host"), config.allowed):
            problem = (421, "This server answers only to the address it printed.")
        elif not safety.origin_ok(headers.get("origin"), config.allowed) or (
                scope["method"] not in ("GET", "HEAD") and "origin" not in headers):
            problem = (403, "A request from another site was refused.")
        else:
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            given = (query.get("token") or [None])[0] or _cookie(headers, config.token_cookie)
            if not safety.token_ok(given, config.token):
                problem = (403, "Open the address that `lnob serve` printed (it has the "
                                "key of this run: ?token=…).")
        length = headers.get("content-length")
        if problem is None and length is not None and length.isdigit() \
                and int(length) > config.limits.request_bytes:
            problem = (413, f"The upload is larger than {config.limits.request_bytes // safety.MiB}"
                            " MiB, the limit of one upload.")
        if problem is not None:
            response = PlainTextResponse(problem[1], status_code=problem[0])
            await response(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > config.limits.request_bytes:
                raise TooLarge
            return message

        await self.app(scope, counted, send)


def _cookie(headers: dict[str, str], name: str) -> str | None:
    for part in headers.get("cookie", "").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


class Renderer:
    """The render processes (spawned: they share nothing with this server's threads)."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def _get(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, mp_context=get_context("spawn"))
        return self._pool

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        for attempt in range(2):
            future: Future[T] = self._get().submit(function, *args)
            try:
                return await asyncio.wrap_future(future)
            except BrokenProcessPool:  # a worker died (a crash in a C library): start again
                self._pool = None
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def create_app(config: Config) -> Starlette:
    sessions = Sessions(config.root, config.limits.sessions)
    renderer = Renderer(config.workers)
    pages = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                               autoescape=True, undefined=jinja2.StrictUndefined,
                               trim_blocks=True, lstrip_blocks=True)
    pages.globals["query"] = urlencode
    pages.filters["b64"] = lambda text: base64.b64encode(str(text).encode()).decode("ascii")
    options = RenderOptions(timeout=config.timeout)

    def session_of(request: Request) -> Session | None:
        return sessions.get(request.cookies.get(config.session_cookie))

    def page(request: Request, session: Session, name: str, status: int = 200,
             **context: Any) -> HTMLResponse:
        lang = ui.choose(session.ui, request.headers.get("accept-language"))
        html = pages.get_template(name).render(
            t=ui.translator(lang), ui_lang=lang, ui_dir=direction_of(lang),
            ui_languages=ui.LANGUAGES, session=session, platforms=PLATFORMS,
            direction_of=direction_of, **context)
        return HTMLResponse(html, status_code=status)

    async def with_session(request: Request,
                           handler: Callable[[Session], Awaitable[Response]]) -> Response:
        session = session_of(request)
        fresh = session is None
        if session is None:
            session = sessions.new()
            if config.start:
                await _start_from(session, config.start, renderer, config)
        response = await handler(session)
        if fresh:
            response.set_cookie(config.session_cookie, session.id, httponly=True,
                                samesite="strict", path="/")
        if "token" in request.query_params:
            response.set_cookie(config.token_cookie, config.token, httponly=True,
                                samesite="strict", path="/")
        return response

    async def home(request: Request) -> Response:
        if "token" in request.query_params:  # keep the key out of the address bar
            async def to_home(session: Session) -> Response:
                return RedirectResponse("/", status_code=303)
            return await with_session(request, to_home)

        async def show(session: Session) -> Response:
            return page(request, session, "index.html", **_view(session))
        return await with_session(request, show)

    async def choose_ui(request: Request) -> Response:
        async def chosen(session: Session) -> Response:
            wanted = request.query_params.get("lang", "")
            session.ui = wanted if wanted in ui.LANGUAGES else None
            back = "/gallery" if request.query_params.get("back") == "gallery" else "/"
            return RedirectResponse(back, status_code=303)
        return await with_session(request, chosen)

    async def upload(request: Request) -> Response:
        async def received(session: Session) -> Response:
            try:
                form = await request.form(max_files=config.limits.files, max_fields=20,
                                          max_part_size=64 * 1024)
            except TooLarge:
                return page(request, session, "index.html", 413, **_view(session, [
                    ui.translator(ui.choose(session.ui, None))("too_large").format(
                        mib=config.limits.request_bytes // safety.MiB)]))
            except MultiPartException as error:
                return page(request, session, "index.html", 400, **_view(session, [str(error)]))
            uploads = [v for v in form.getlist("files") if isinstance(v, UploadFile)]
            async with session.lock:
                try:
                    await _store(session, uploads, config.limits)
                except safety.UploadError as error:
                    session.reset()
                    return page(request, session, "index.html", 400, **_view(session, [str(error)]))
                finally:
                    await form.close()
                await _reload(session, renderer, config)
            return RedirectResponse("/", status_code=303)
        return await with_session(request, received)

    async def start_example(request: Request) -> Response:
        async def started(session: Session) -> Response:
            async with session.lock:
                session.reset()
                starter = Path(__file__).resolve().parent.parent / "starter"
                for source in sorted(starter.iterdir()):
                    if source.is_file() and source.name != "campaign.csv" \
                            and source.name != "campaign.xlsx":
                        shutil.copyfile(source, session.folder / source.name)
                session.files = ["campaign.yaml"]
                await _reload(session, renderer, config)
            return RedirectResponse("/", status_code=303)
        return await with_session(request, started)

    async def gallery(request: Request) -> Response:
        async def shown(session: Session) -> Response:
            examples = await renderer.run(work.gallery, config.root / "gallery", config.timeout)
            return page(request, session, "gallery.html", examples=examples)
        return await with_session(request, shown)

    async def start_template(request: Request) -> Response:
        async def started(session: Session) -> Response:
            form = await request.form(max_files=0, max_fields=5)
            name = str(form.get("template", ""))
            async with session.lock:
                session.reset()
                made = await renderer.run(work.starter_of, name, session.folder)
                if made is None:
                    return PlainTextResponse("No such template.", status_code=404)
                session.files = [made]
                await _reload(session, renderer, config)
            return RedirectResponse("/", status_code=303)
        return await with_session(request, started)

    async def reset(request: Request) -> Response:
        async def emptied(session: Session) -> Response:
            async with session.lock:
                session.reset()
            return RedirectResponse("/", status_code=303)
        return await with_session(request, emptied)

    async def card(request: Request) -> Response:
        async def drawn(session: Session) -> Response:
            q = request.query_params
            asset = session.asset(q.get("id", ""), q.get("lang", ""))
            platform = q.get("platform", "")
            if asset is None or platform not in PLATFORMS:
                return PlainTextResponse("No such card.", status_code=404)
            page_no = int(q.get("page", "0")) if q.get("page", "0").isdigit() else 0
            made = await _card(session, asset, platform, page_no, renderer, config)
            return page(request, session, "card.html", asset=asset, platform=platform,
                        page_no=page_no, card=made, svg_data=_data_uri(made.svg))
        return await with_session(request, drawn)

    async def edit(request: Request) -> Response:
        async def changed(session: Session) -> Response:
            form = await request.form(max_files=0, max_fields=50, max_part_size=64 * 1024)
            asset_id, lang = str(form.get("id", "")), str(form.get("lang", ""))
            async with session.lock:
                asset = session.asset(asset_id, lang) or next(
                    (a for a in _left_out(session).get(asset_id, []) if a.lang == lang), None)
                if asset is None or len(session.files) != 1:
                    return PlainTextResponse("No such card.", status_code=404)
                problems: list[str] = []
                names = {k for k in form if k.startswith("f:")}
                for key in sorted(names):
                    field_name = key[2:]
                    value = str(form.get(key, ""))
                    if asset.fields.get(field_name, "") == value:
                        continue
                    try:
                        edits.set_value(session.folder / session.files[0], asset, field_name,
                                        lang, value)
                    except (edits.EditError, OSError, ValueError) as error:
                        problems.append(str(error))
                await _reload(session, renderer, config)
                made = session.asset(asset_id, lang)
                if made is None:  # still without a text it needs: no card, the warning
                    asset = next((a for a in _left_out(session).get(asset_id, [])
                                  if a.lang == lang), asset)
                    cards = []
                else:
                    asset = made
                    cards = await _cards(session, asset, renderer, config)
            view = {**_view(session), "oob": True, "edit_problems": problems}
            return page(request, session, "cards.html", asset=asset, cards=cards, **view)
        return await with_session(request, changed)

    async def settings(request: Request) -> Response:
        async def changed(session: Session) -> Response:
            form = await request.form(max_files=0, max_fields=60, max_part_size=64 * 1024)
            asset_id = str(form.get("id", ""))
            async with session.lock:
                assets = [a for a in (session.shown.campaign.assets if session.shown
                                      and session.shown.campaign else []) if a.id == asset_id]
                if not assets or len(session.files) != 1:
                    return PlainTextResponse("No such asset.", status_code=404)
                asset, problems = assets[0], []
                wanted: dict[str, str | list[str]] = {
                    "goal": str(form.get("goal", asset.goal)),
                    "template": str(form.get("template", asset.template)),
                    "platforms": [str(p) for p in form.getlist("platforms")
                                  if str(p) in PLATFORMS]}
                now: dict[str, str | list[str]] = {"goal": asset.goal, "template": asset.template,
                                                   "platforms": list(asset.platforms)}
                written = [a.lang for a in assets] + [
                    a.lang for a in _left_out(session).get(asset_id, [])]
                languages = [lang for lang in written if lang in form.getlist("languages")]
                added = str(form.get("add_language", "")).strip()
                if added:
                    code = _known_language(added)
                    if code is None:
                        problems.append(f"{added!r}: not a language the cards have words in; "
                                        f"one of {', '.join(shipped_languages())}")
                    elif code not in languages:
                        languages.append(code)
                if "languages_shown" not in form:
                    pass  # (a form without the languages: they stay as written)
                elif not languages:
                    problems.append(f"{asset_id}: keep at least one language")
                else:
                    wanted["languages"] = languages
                    now["languages"] = written
                for key, value in wanted.items():
                    if key == "platforms" and set(value) == set(now[key]):
                        continue  # the page lists them in its own order: none changed
                    if value != now[key] and value:
                        try:
                            edits.set_value(session.folder / session.files[0], asset, key, None,
                                            value, work.text_fields(asset.template))
                        except (edits.EditError, OSError, ValueError) as error:
                            problems.append(str(error))
                await _reload(session, renderer, config)
            return page(request, session, "index.html", **_view(session, problems))
        return await with_session(request, changed)

    async def campaign_file(request: Request) -> Response:
        async def sent(session: Session) -> Response:
            if not session.files:
                return PlainTextResponse("No campaign yet.", status_code=404)
            if len(session.files) == 1:
                path = session.folder / session.files[0]
                return Response(path.read_bytes(), media_type="application/octet-stream",
                                headers=_attachment(path.name))
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for name in session.files:
                    archive.write(session.folder / name, name)
            return Response(buffer.getvalue(), media_type="application/zip",
                            headers=_attachment("campaign.zip"))
        return await with_session(request, sent)

    async def pack_zip(request: Request) -> Response:
        async def sent(session: Session) -> Response:
            if session.loaded is None or session.loaded.campaign is None:
                return PlainTextResponse("The campaign has problems; fix them first.",
                                         status_code=409)
            async with session.lock:
                zip_path = session.root / "pack.zip"
                packed = await renderer.run(work.pack, session.folder, session.files,
                                            session.out, zip_path, options)
            if packed.zip_path is None:
                return PlainTextResponse("Nothing was rendered.", status_code=409)
            data = packed.zip_path.read_bytes()
            return Response(data, media_type="application/zip",
                            headers=_attachment("lnob-pack.zip"))
        return await with_session(request, sent)

    async def image(request: Request) -> Response:
        async def sent(session: Session) -> Response:
            q = request.query_params
            asset = session.asset(q.get("id", ""), q.get("lang", ""))
            platform = q.get("platform", "")
            if asset is None or platform not in PLATFORMS or session.loaded is None \
                    or session.loaded.campaign is None:
                return PlainTextResponse("No such image.", status_code=404)
            page_no = int(q.get("page", "0")) if q.get("page", "0").isdigit() else 0
            async with session.lock:
                png, problem = await renderer.run(work.image, session.folder, session.files,
                                                  asset.id, asset.lang, platform, page_no,
                                                  session.root / "one", options)
            if png is None:
                return PlainTextResponse(problem or "Not rendered.", status_code=409)
            name = f"{asset.id}{f'-{page_no:02d}' if page_no else ''}-{asset.lang}-{platform}.png"
            return Response(png, media_type="image/png", headers=_attachment(name))
        return await with_session(request, sent)

    async def sheet(request: Request) -> Response:
        async def shown(session: Session) -> Response:
            return page(request, session, "sheet.html", **_view(session))
        return await with_session(request, shown)

    routes = [
        Route("/", home), Route("/ui", choose_ui), Route("/upload", upload, methods=["POST"]),
        Route("/start/example", start_example, methods=["POST"]),
        Route("/start/template", start_template, methods=["POST"]),
        Route("/gallery", gallery), Route("/reset", reset, methods=["POST"]),
        Route("/card", card), Route("/edit", edit, methods=["POST"]),
        Route("/settings", settings, methods=["POST"]),
        Route("/campaign-file", campaign_file), Route("/pack.zip", pack_zip),
        Route("/image.png", image), Route("/sheet", sheet),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:  # Ctrl-C: the render processes stop, every session's folder goes
            renderer.close()
            sessions.close()

    app = Starlette(routes=routes, lifespan=lifespan)
    app.add_middleware(Guard, config=config)
    return app


def _attachment(name: str) -> dict[str, str]:
    from urllib.parse import quote

    return {"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"}


def _data_uri(svg: str | None) -> str | None:
    if svg is None:
        return None
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _view(session: Session, problems: list[str] | None = None) -> dict[str, Any]:
    """What the campaign page shows: the assets grouped (each language under its asset),
    the problems of the last reading and their places."""
    loaded, shown = session.loaded, session.shown
    campaign = shown.campaign if shown is not None else None
    groups: dict[str, list[Any]] = {}
    for asset in campaign.assets if campaign else []:
        groups.setdefault(asset.id, []).append(asset)
    listed = [_problem_text(p) for p in (loaded.problems if loaded else [])]
    by_id: dict[str, list[str]] = {}
    for found, text in zip(loaded.problems if loaded else [], listed, strict=True):
        by_id.setdefault(str(found.get("id") or ""), []).append(text)
    by_field: dict[str, list[tuple[str | None, str]]] = {}
    for found, text in zip(loaded.problems if loaded else [], listed, strict=True):
        if found.get("id") and found.get("field"):
            by_field.setdefault(f"{found['id']}|{found['field']}", []).append(
                (found.get("cell"), text))
    templates = work.template_names()
    left_out = _left_out(session)
    written = {i: [a.lang for a in assets] + [a.lang for a in left_out.get(i, [])]
               for i, assets in groups.items()}
    return {"groups": groups, "left_out": left_out, "written_languages": written,
            "left_out_why": loaded.left_out if loaded else {},
            "asset_warnings": loaded.asset_warnings if loaded else {},
            "known_languages": shipped_languages(), "problems": listed, "problems_by_id": by_id,
            "field_problems": by_field,
            "warnings": loaded.warnings if loaded else [], "notes": session.notes
            + (loaded.notes if loaded else []), "messages": problems or [],
            "template_names": templates, "goals": [str(g) for g in range(1, 18)] + ["lnob"],
            "files": session.files, "edit_problems": [], "oob": False,
            "editable": len(session.files) == 1 and session.files[0]
            .lower().endswith((".yaml", ".yml", ".csv", ".tsv", ".xlsx"))}


def _left_out(session: Session) -> dict[str, list[Asset]]:
    """Per asset id, its languages whose images are not made (a required text missing):
    the asset with those languages' text fields empty, to type them in the page. Never
    drawn: a stand-in for the form only."""
    loaded, shown = session.loaded, session.shown
    campaign = shown.campaign if shown is not None else None
    if loaded is None or campaign is None:
        return {}
    found: dict[str, list[Asset]] = {}
    for asset_id, langs in loaded.left_out.items():
        first = next((a for a in campaign.assets if a.id == asset_id), None)
        if first is None:
            continue
        names = work.text_fields(first.template)
        for lang in langs:
            if session.asset(asset_id, lang) is None:
                found.setdefault(asset_id, []).append(dataclasses.replace(
                    first, lang=lang, fields=dict.fromkeys(names, "")))
    return found


def _known_language(written: str) -> str | None:
    """A language the page offers to add: one the tool has the cards' words in."""
    code = read_language(written).code
    if code is None:
        return None
    return code if code in shipped_languages() or code.split("-")[0] in shipped_languages() \
        else None


def _problem_text(found: dict[str, Any]) -> str:
    where = found.get("cell") or found.get("line")
    place = f"{found.get('file')}:{where}" if found.get("file") and where else \
        str(found.get("file") or "")
    field_name = f" {found['field']}:" if found.get("field") else ""
    return f"{place}:{field_name} {found.get('message')}" if place else \
        f"{field_name.strip()} {found.get('message')}".strip()


async def _reload(session: Session, renderer: Renderer, config: Config) -> None:
    if not session.files:
        session.loaded = None
        return
    loaded = await renderer.run(work.load, session.folder, session.files, config.timeout)
    session.loaded = loaded
    if loaded.campaign is not None:
        session.shown = loaded


async def _card(session: Session, asset: Any, platform: str, page_no: int, renderer: Renderer,
                config: Config) -> work.Card:
    campaign = session.shown.campaign if session.shown else None
    dirs = campaign.template_dirs if campaign else ()
    key = (hashlib.sha256(pickle.dumps((asset, dirs))).hexdigest(), platform, page_no)
    made = session.cards.get(key)
    if made is None:
        made = await renderer.run(work.card, session.folder, asset, platform, page_no, dirs,
                                  config.timeout)
        session.remember(key, made)
    return made


async def _cards(session: Session, asset: Any, renderer: Renderer,
                 config: Config) -> list[tuple[str, int, work.Card, str | None]]:
    jobs = [(p, n) for p in asset.platforms if PLATFORMS[p].format_class in asset.formats
            for n in (range(1, asset.pages + 1) if asset.pages > 1 else (0,))]
    made = await asyncio.gather(*(_card(session, asset, p, n, renderer, config)
                                  for p, n in jobs))
    return [(p, n, c, _data_uri(c.svg)) for (p, n), c in zip(jobs, made, strict=True)]


async def _store(session: Session, uploads: list[UploadFile], limits: safety.Limits) -> None:
    """The uploaded files into the session's campaign folder, each under a safe name of
    its own (never a path); a zip is checked and unpacked; a spreadsheet — a zip too — is
    checked before any reader opens it."""
    session.reset()
    if not uploads:
        raise safety.UploadError("Choose a campaign file first.")
    zips, campaign, notes = [], [], []
    for upload in uploads:
        raw_name = upload.filename or ""
        name = safety.safe_name(raw_name)
        if name is None:
            raise safety.UploadError(f"{raw_name!r}: not a plain file name; rename the file "
                                     "(letters, digits, - and _) and try again")
        size = upload.size if upload.size is not None else 0
        if size > limits.file_bytes:
            raise safety.UploadError(f"{name}: {safety.size_text(size)}; at most "
                                     f"{safety.size_text(limits.file_bytes)} per file")
        suffix = Path(name).suffix.lower()
        if suffix not in (*CAMPAIGN_SUFFIXES, *PHOTO_SUFFIXES, ".zip"):
            notes.append(f"{name}: left out (not a campaign file, a photo or a zip)")
            continue
        target = session.folder / name
        if target.exists():
            raise safety.UploadError(f"{name}: two files of that name; rename one")
        await upload.seek(0)
        with open(target, "wb") as sink:
            while chunk := await upload.read(1024 * 1024):
                sink.write(chunk)
        if suffix in (".xlsx", ".ods"):
            safety.check_zip(target, name, limits)
        if suffix == ".zip":
            zips.append(target)
        elif suffix in CAMPAIGN_SUFFIXES:
            campaign.append(name)
    for archive in zips:
        inside = session.root / "unzipped"
        shutil.rmtree(inside, ignore_errors=True)
        inside.mkdir()
        written = safety.extract_zip(archive, archive.name, inside, limits)
        archive.unlink()
        top = {w.split("/")[0] for w in written}
        base = inside / next(iter(top)) if len(top) == 1 and (inside / next(iter(top))).is_dir() \
            else inside
        for item in base.iterdir():
            destination = session.folder / item.name
            if destination.exists():
                raise safety.UploadError(f"{archive.name}: {item.name} is also uploaded on its own")
            shutil.move(str(item), destination)
        for path in sorted(session.folder.iterdir()):
            if path.suffix.lower() in (".xlsx", ".ods") and path.is_file():
                safety.check_zip(path, f"{archive.name}: {path.name}", limits)
        campaign += [p.name for p in sorted(session.folder.iterdir())
                     if p.is_file() and p.suffix.lower() in CAMPAIGN_SUFFIXES
                     and p.name not in campaign]
    yamls = [n for n in campaign if n.lower().endswith((".yaml", ".yml"))]
    # A YAML campaign names its own data files (a chart's CSV): only it is the campaign.
    session.files = sorted(yamls) if yamls else sorted(campaign)
    if not session.files:
        raise safety.UploadError("No campaign file among the files: drop a .csv, .xlsx, .ods "
                                 "or .yaml file (or a zip of a campaign folder)")
    session.notes = notes


async def _start_from(session: Session, paths: list[Path], renderer: Renderer,
                      config: Config) -> None:
    """`lnob serve CAMPAIGN_OR_FOLDER`: a copy of it in the session's folder (the original
    is never changed; the page's Save gives the changed file)."""
    for path in paths:
        if path.is_dir():
            shutil.copytree(path, session.folder, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns(".*", "out", "__pycache__"))
            found = sorted(p.name for p in path.iterdir() if p.is_file()
                           and p.suffix.lower() in CAMPAIGN_SUFFIXES)
            yamls = [n for n in found if n.lower().endswith((".yaml", ".yml"))]
            session.files += yamls or found
        else:
            shutil.copyfile(path, session.folder / path.name)
            for sibling in path.parent.iterdir():  # its photos, beside it
                if sibling.is_file() and sibling.suffix.lower() in PHOTO_SUFFIXES:
                    shutil.copyfile(sibling, session.folder / sibling.name)
            session.files.append(path.name)
    await _reload(session, renderer, config)
