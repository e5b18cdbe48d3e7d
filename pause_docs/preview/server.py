"""The preview's web application and the server that runs it (Starlette on uvicorn).

Pages are rendered on request; `/_events` is a stream of server-sent events that tells open
pages to reload when the watcher (watchfiles) sees a project file change, and the index
that statuses were found (it asks `/_statuses` for their rows); a page's file in
every other format of `render.formats.FORMATS` is made by that format's maker (a timed one,
the PDF, in a worker process); `/api/law` answers the editor's law picker; `/_rules/`
explains every rule a problem's code names. Only GET and HEAD are answered, only at the
addresses listed in `routes`, and only for the project's own documents, the rules and the
preview's own two files: anything else is 404.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from types import FrameType

import anyio
import uvicorn
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from watchfiles import Change, DefaultFilter, awatch

from ..check.explained import SERVED
from ..editor.app import Editor
from ..render.formats import FORMATS, OutputFormat
from ..source.errors import Location, Problem, display_path
from ..source.layout import home
from ..source.logo import media_type, read_logo
from ..source.reader import NotReadable
from . import api
from .connections import (
    IDLE_TIMEOUT,
    LOOPBACK_NAMES,
    QuietStop,
    TimedConnection,
    is_loopback,
    stopping_cleanly,
)
from .pages import (
    PAGE,
    asset,
    document_page,
    index_page,
    message_page,
    redline_page,
    row_html,
    rule_page,
    rules_page,
)
from .printing import Printer, PrintFailed
from .session import DocumentRef, DocumentView, Session

TICK = 0.25  # seconds between looks at whether the server is stopping, in an event stream
KEEP_ALIVE = 15.0  # seconds between comments on an idle event stream
# The page's own stylesheet is inline; the preview's script and stylesheet come from here.
# Nothing else may load or run, forms go only here (the editor's), and no page may be framed
# by another site (the editor frames its own preview).
HEADERS = [
    (b"content-security-policy", b"default-src 'none'; style-src 'self' 'unsafe-inline'; "
     b"script-src 'self'; connect-src 'self'; img-src 'self' data:; font-src 'self' data:; "
     b"frame-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),  # the editor's forms then carry their Origin
    (b"cache-control", b"no-store"),
]

# The files pages are made from: YAML, templates, stylesheets, and what they may pull in.
SOURCES = {".yaml", ".yml", ".html", ".css", ".ttf", ".otf", ".woff", ".woff2", ".png",
           ".jpg", ".jpeg", ".gif", ".svg"}

Say = Callable[[str], None]


class Changes:
    """What the watcher has seen, as a token each page carries, and a way to wait for more."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.instance = secrets.token_hex(4)  # a restarted server reloads every open page
        self.closing = False
        self._next = asyncio.Event()

    @property
    def token(self) -> str:
        return f"{self.instance}-{self.session.generation}"

    def changed(self) -> None:
        self.session.changed()
        done, self._next = self._next, asyncio.Event()
        done.set()

    async def wait(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._next.wait(), seconds)


class Site:
    """The preview's pages for one session."""

    def __init__(self, session: Session, say: Say) -> None:
        self.session = session
        self.root = session.root
        self.say = say
        self.changes = Changes(session)
        self.printer = Printer()
        session.checker.say = say

    def routes(self) -> list[Route]:
        return [Route("/", self.index), Route("/_events", self.events),
                Route("/_statuses", self.statuses),
                Route("/api/law", self.law),
                Route("/api/choices/{kind}", self.choices),
                Route("/_preview/{name}", self.preview_file),
                Route(SERVED, self.rules), Route(SERVED.rstrip("/"), self.rules),
                Route(SERVED + "{code}", self.rule),
                Route("/_published/{council}/{name}.html", self.published),
                Route("/_published/{council}/{name}", self.published_file),
                Route("/_diff/{council}/{name}.html", self.redline),
                Route("/{council}/{name}.html", self.page),
                *(Route(f"/{{council}}/{{name}}.{f.suffix}", self.made_as(f))
                  for f in FORMATS.values() if f.suffix != PAGE.suffix),
                Route("/{council}/{name}", self.published_file)]

    async def index(self, request: Request) -> Response:
        token = self.changes.token
        overview = await run_in_threadpool(self.session.overview)
        return HTMLResponse(await run_in_threadpool(index_page, overview, token, self.root))

    async def statuses(self, request: Request) -> Response:
        """The index's rows whose status was found after `since`, for the index to put in
        place of its own (JSON), and how many documents are still being checked."""
        try:
            since = int(request.query_params.get("since", "0"))
        except ValueError:
            since = 0
        found = await run_in_threadpool(self.session.checker.rows, since)
        return JSONResponse({"seq": found.seq, "checking": found.checking,
                             "checks": self.session.checker.checks,
                             "rows": {f"pd-row-{status.council}-{status.slug}": row_html(status)
                                      for status in found.rows.values()}})

    async def law(self, request: Request) -> Response:
        return await api.law(self.session, request)

    async def choices(self, request: Request) -> Response:
        return await api.choices(self.session, request)

    async def page(self, request: Request) -> Response:
        token = self.changes.token
        view = await self._view(request)
        return HTMLResponse(document_page(view, token, self.root))

    async def published(self, request: Request) -> Response:
        """The page alone, as the HTML format's maker writes it."""
        view = await self._view(request)
        job = await run_in_threadpool(self.session.print_job, view)
        if job is None:
            return self._cannot(view, "published")
        made = await self.printer.make(PAGE, job.key, job.edition)
        return Response(made, media_type=PAGE.media_type)

    async def published_file(self, request: Request) -> Response:
        """A file the published page shows from beside it (the council's logo)."""
        council, name = request.path_params["council"], request.path_params["name"]
        path = await run_in_threadpool(self.session.file_beside, council, name)
        if path is None:
            raise HTTPException(404)
        try:  # the rules `validate` applies: a file of the project, bounded, no script
            data = await run_in_threadpool(read_logo, path, home(path, self.root))
        except NotReadable as exc:
            raise HTTPException(404) from exc
        return Response(data, media_type=media_type(path.name))

    def made_as(self, fmt: OutputFormat) -> Callable[[Request], Awaitable[Response]]:
        async def made(request: Request) -> Response:
            return await self.made(request, fmt)
        return made

    async def made(self, request: Request, fmt: OutputFormat) -> Response:
        """The page's file in `fmt`, made by the format's maker as `build` makes it (in a
        worker when the format is timed)."""
        view = await self._view(request)
        job = await run_in_threadpool(self.session.print_job, view)
        name = f"{request.path_params['name']}.{fmt.suffix}"
        if job is None:
            return self._cannot(view, f"made as {fmt.link_text}")
        try:
            made = await self.printer.make(fmt, job.key, job.edition)
        except PrintFailed as exc:
            problem = Problem(Location(view.ref.path), "error", f"{fmt.name}-failed",
                              f"could not make {name}: {exc}")
            back = [("Back to the page", f"/{view.ref.council}/{request_name(view)}.html")]
            return HTMLResponse(message_page(f"{name} could not be made", self.changes.token,
                                             self.root, [], (problem,), back), 500)
        shown = "inline" if fmt.shown_in_browser else "attachment"
        return Response(made, media_type=fmt.media_type,
                        headers={"content-disposition": f'{shown}; filename="{name}"'})

    async def redline(self, request: Request) -> Response:
        token = self.changes.token
        ref = self._ref(request)
        found = await run_in_threadpool(self.session.redline, ref)
        if found.html is None:
            return HTMLResponse(message_page(
                f"No comparison of {ref.path} with its last commit", token, self.root,
                [found.message], found.problems,
                [("Back to the page", f"/{ref.council}/{ref.slug}.html")]))
        return HTMLResponse(redline_page(found.html, token))

    async def rules(self, request: Request) -> Response:
        return HTMLResponse(rules_page(self.changes.token, self.root))

    async def rule(self, request: Request) -> Response:
        """One rule explained; for a code no check reports, a page saying so (404)."""
        page, status = rule_page(request.path_params["code"], self.changes.token, self.root)
        return HTMLResponse(page, status)

    async def preview_file(self, request: Request) -> Response:
        found = asset(request.path_params["name"])
        if found is None:
            raise HTTPException(404)
        return Response(found[0], media_type=found[1])

    async def events(self, request: Request) -> Response:
        """Server-sent events: the token now whenever it is not the page's own."""
        since = request.query_params.get("since", "")

        async def stream() -> AsyncIterator[str]:
            sent, quiet, checked = since, 0.0, self.session.checker.seq
            yield "retry: 1000\n\n"
            while not self.changes.closing:
                if self.changes.token != sent:
                    sent = self.changes.token
                    yield f"data: {sent}\n\n"
                if self.session.checker.seq != checked:  # for the index: statuses found
                    checked = self.session.checker.seq
                    yield f"event: checked\ndata: {checked}\n\n"
                await self.changes.wait(TICK)
                quiet += TICK
                if quiet >= KEEP_ALIVE:
                    quiet = 0.0
                    yield ": still here\n\n"

        return StreamingResponse(stream(), media_type="text/event-stream")

    async def not_found(self, request: Request, exc: Exception) -> Response:
        return HTMLResponse(message_page("Page not found", self.changes.token, self.root, [
            "There is nothing here: the preview shows only the project's own documents."],
            links=[("All documents", "/")]), 404)

    def _ref(self, request: Request) -> DocumentRef:
        ref = self.session.find(request.path_params["council"], request.path_params["name"])
        if ref is None:
            raise HTTPException(404)
        return ref

    async def _view(self, request: Request) -> DocumentView:
        view = await run_in_threadpool(self.session.document, self._ref(request))
        if view is None:
            raise HTTPException(404)
        return view

    def _cannot(self, view: DocumentView, what: str) -> Response:
        page = f"/{view.ref.council}/{request_name(view)}.html"
        return HTMLResponse(message_page(
            f"{view.ref.path} cannot be {what} as it is", self.changes.token, self.root,
            [f"Errors stop this document being {what}: fix them and save the file."],
            tuple(p for p in view.problems if p.severity == "error"),
            [("Back to the page and its problems", page)]), 409)

    async def watch(self, stop: anyio.Event) -> None:
        """Move the token on at every change to a file the pages are made from."""
        try:
            async for found in awatch(*self.session.watched(), watch_filter=Sources(),
                                      stop_event=stop, step=50):
                self.session.checker.changed(Path(p) for _, p in found)
                self.changes.changed()
                names = sorted({display_path(Path(p), self.root) for _, p in found})
                self.say(f"changed: {', '.join(names)}")
        except (OSError, RuntimeError) as exc:  # no inotify watches left, a folder removed
            self.say(f"stopped watching files ({exc}): reload pages by hand")

    @contextlib.asynccontextmanager
    async def lifespan(self, app: Starlette) -> AsyncIterator[None]:
        stop = anyio.Event()
        watching = asyncio.create_task(self.watch(stop))
        self.session.checker.start()
        try:
            yield
        finally:
            self.changes.closing = True
            stop.set()
            self.printer.close()
            await run_in_threadpool(self.session.checker.stop)
            with contextlib.suppress(asyncio.TimeoutError, asyncio.CancelledError):
                await asyncio.wait_for(watching, 5)


def request_name(view: DocumentView) -> str:
    """The document's name in its addresses: 'slug', or 'slug.cy' for another language."""
    if view.language == view.languages[0]:
        return view.ref.slug
    return f"{view.ref.slug}.{view.language}"


class Sources(DefaultFilter):
    """What pages are made from: not an editor's swap file or a tool's temporary file."""

    def __call__(self, change: Change, path: str) -> bool:
        return Path(path).suffix.lower() in SOURCES and super().__call__(change, path)


class _SecurityHeaders:
    """Adds `HEADERS` to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *HEADERS]
            await send(message)

        await self.app(scope, receive, sending if scope["type"] == "http" else send)


def application(site: Site, host: str, allow_edit: bool = False) -> Starlette:
    """The web application; on a loopback address it answers only requests made to one, so
    that a web page elsewhere cannot read the preview through a name it points here. The
    editor (/_edit/) saves only on a loopback address, or with `allow_edit`."""
    hosts = ["*"] if not is_loopback(host) else sorted({*LOOPBACK_NAMES, host})
    editor = Editor(site.root, is_loopback(host) or allow_edit, site.say)
    return Starlette(routes=editor.routes() + site.routes(), lifespan=site.lifespan,
                     middleware=[Middleware(QuietStop, lambda: site.changes.closing),
                                 Middleware(_SecurityHeaders),
                                 Middleware(TrustedHostMiddleware, allowed_hosts=hosts)],
                     exception_handlers={404: site.not_found})


class _Server(uvicorn.Server):
    """Ends the open event streams as soon as it is asked to stop, so that it can."""

    def __init__(self, config: uvicorn.Config, changes: Changes,
                 printer: Printer | None = None) -> None:
        super().__init__(config)
        self.changes = changes
        self.printer = printer

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        self.changes.closing = True
        if self.printer is not None:  # a file being made is not waited for: it says so
            self.printer.stop()
        super().handle_exit(sig, frame)


def run(session: Session, sock: socket.socket, say: Say, allow_edit: bool = False) -> None:
    """Serve the preview on `sock` until Ctrl-C (or SIGTERM)."""
    site = Site(session, say)
    host = sock.getsockname()[0]
    config = uvicorn.Config(application(site, host, allow_edit), lifespan="on", log_config=None,
                            log_level="warning", access_log=False, server_header=False,
                            proxy_headers=False, timeout_graceful_shutdown=3,
                            http=TimedConnection, timeout_keep_alive=IDLE_TIMEOUT)
    server = _Server(config, site.changes, site.printer)
    try:
        with stopping_cleanly():
            server.run(sockets=[sock])
    finally:
        sock.close()
