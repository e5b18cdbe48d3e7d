"""The editor's addresses in `pause-docs serve` (all under /_edit/).

Every POST is refused unless editing is on (a loopback address, or `--allow-edit`), it comes
from the editor's own pages (its Origin is this server's) and carries this session's token;
its body is a plain form of bounded size. Files are named by the listing in `files`, never by
a path made from the request.
"""

from __future__ import annotations

import hmac
import json
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from ..source.logo import media_type
from . import pages
from .actions import apply
from .editing import Editing
from .files import EditableFile, editable_files, find

MAX_BODY = 2_000_000  # bytes of one posted form
MAX_FIELDS = 20_000
FORM_TYPE = "application/x-www-form-urlencoded"
Say = Callable[[str], None]


class Refused(Exception):
    def __init__(self, status: int, why: str) -> None:
        super().__init__(why)
        self.status = status
        self.why = why


class Editor:
    """The editor of one project, for one run of `serve`."""

    def __init__(self, root: Path, writable: bool, say: Say | None = None) -> None:
        self.root = root.resolve()
        self.writable = writable
        self.token = secrets.token_urlsafe(32)
        self.say = say or (lambda message: None)
        self.editing = Editing(self.root, self.token, writable)

    def routes(self) -> list[Route]:
        return [Route("/_edit/", self.listing), Route("/_edit", self.listing),
                Route("/_edit/_assets/{name}", self.asset),
                Route("/_edit/_draft/{folder}/{stem}/", self.draft),
                Route("/_edit/_draft/{folder}/{stem}/{name}", self.draft_file),
                Route("/_edit/_new/{what}", self.new, methods=["GET", "POST"]),
                Route("/_edit/{folder}/{stem}/check", self.live, methods=["POST"]),
                Route("/_edit/{folder}/{stem}", self.edit, methods=["GET", "POST"])]

    async def listing(self, request: Request) -> Response:
        files = await run_in_threadpool(editable_files, self.root)
        groups: dict[str, list[Any]] = {}
        for file in files.values():
            groups.setdefault(file.council or file.name.split("/")[0], []).append(file)
        return HTMLResponse(pages.render("list.html", groups=sorted(groups.items()),
                                         writable=self.writable, has_errors=False))

    async def asset(self, request: Request) -> Response:
        found = pages.asset(request.path_params["name"])
        if found is None:
            raise HTTPException(404)
        return Response(found[0], media_type=found[1])

    async def draft(self, request: Request) -> Response:
        name = f"{request.path_params['folder']}/{request.path_params['stem']}"
        html = self.editing.drafts.get(name)
        if html is None:
            return HTMLResponse("<!DOCTYPE html><html lang=\"en\"><head><title>No preview"
                                "</title></head><body><main><p>No page yet: errors stop this "
                                "document being published (see the list beside the form)."
                                "</p></main></body></html>")
        return HTMLResponse(html)

    async def draft_file(self, request: Request) -> Response:
        """A file the draft's page shows from beside it (the council's logo): the bytes the
        draft was checked with, found by name among that draft's own files, never on disk."""
        name = f"{request.path_params['folder']}/{request.path_params['stem']}"
        data = self.editing.draft_files.get(name, {}).get(request.path_params["name"])
        if data is None:
            raise HTTPException(404)
        return Response(data, media_type=media_type(request.path_params["name"]))

    async def edit(self, request: Request) -> Response:
        file = self._file(request)
        if request.method == "GET":
            return HTMLResponse(await run_in_threadpool(self.editing.opened, file))
        try:
            form = await self._form(request)
        except Refused as exc:
            return self._refused(exc)
        html = await run_in_threadpool(self.editing.posted, file, form, apply)
        return HTMLResponse(html)

    async def live(self, request: Request) -> Response:
        """For the page's script: the problems and preview of the form as typed (not saved)."""
        file = self._file(request)
        try:
            form = await self._form(request)
        except Refused as exc:
            return JSONResponse({"error": exc.why}, exc.status)
        found = await run_in_threadpool(self.editing.live, file, form)
        return Response(json.dumps(found), media_type="application/json")

    async def new(self, request: Request) -> Response:
        what = request.path_params["what"]
        if what not in ("council", "document"):
            raise HTTPException(404)
        if request.method == "GET":
            return HTMLResponse(await run_in_threadpool(self.editing.new_page, what, {}))
        try:
            form = await self._form(request)
        except Refused as exc:
            return self._refused(exc)
        made, html = await run_in_threadpool(self.editing.make, what, form)
        if made is not None:
            self.say(f"made {made}")
            return Response(status_code=303, headers={"location": f"/_edit/{made}"})
        return HTMLResponse(html, 400)

    def _file(self, request: Request) -> EditableFile:
        found = find(self.root, f"{request.path_params['folder']}/{request.path_params['stem']}")
        if found is None:
            raise HTTPException(404)
        return found

    def _refused(self, exc: Refused) -> Response:
        return HTMLResponse(pages.render("refused.html", why=exc.why, has_errors=True),
                            exc.status)

    async def _form(self, request: Request) -> dict[str, str]:
        """The posted form, once the request is shown to be a write this editor allows."""
        if not self.writable:
            raise Refused(403, "Editing is off: this preview listens on an address other "
                               "machines can reach, and was not started with --allow-edit.")
        self._same_origin(request)
        if request.headers.get("content-type", "").split(";")[0].strip() != FORM_TYPE:
            raise Refused(415, "Only the editor's own forms can be sent here.")
        body = await _body(request)
        try:
            pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True,
                              max_num_fields=MAX_FIELDS, strict_parsing=False)
        except (UnicodeDecodeError, ValueError) as exc:
            raise Refused(400, "The form sent could not be read.") from exc
        form: dict[str, str] = {}
        for key, value in pairs:
            form.setdefault(key, value)
        if not hmac.compare_digest(form.get("_token", ""), self.token):
            raise Refused(403, "This form is from an earlier run of pause-docs serve (or from "
                               "another site): reload the page and make the change again.")
        return form

    def _same_origin(self, request: Request) -> None:
        own = f"{request.url.scheme}://{request.headers.get('host', '')}"
        origin = request.headers.get("origin")
        if origin is None:
            referer = request.headers.get("referer", "")
            origin = referer[:len(own)] if referer.startswith(own + "/") else None
        site = request.headers.get("sec-fetch-site")
        if origin == "null" and site == "same-origin":  # a browser hiding where it was sent from
            origin = own
        if origin != own or site not in ("same-origin", "none", None):
            raise Refused(403, "Changes can be sent only from the editor's own pages "
                               "(this request came from another site).")


async def _body(request: Request) -> bytes:
    declared = request.headers.get("content-length", "0")
    if not declared.isdigit() or int(declared) > MAX_BODY:
        raise Refused(413, "The form sent is too large.")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise Refused(413, "The form sent is too large.")
        chunks.append(chunk)
    return b"".join(chunks)
