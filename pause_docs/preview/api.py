"""The preview's JSON answers for pages that choose things (the editor's pickers): the law
searched by plain words, as `pause-docs law --format json` gives it.

`GET /api/law?q=WORDS&nation=wales&as_of=YYYY-MM-DD` (nation and day optional; the day
defaults to today): `{"query", "nation", "as_of", "complete", "results": [...]}`, each
result with its id, citation, Welsh name, address and status. A bad nation or day is a 400
with `{"error": "..."}` saying what is accepted.

`GET /api/choices/{list}?q=WORDS`, list one of block, programme, form, section, right: the
entries of that list the words name (every entry with no words), each with its id, title
and a line saying what it is (for a block, what it prints).
"""

from __future__ import annotations

import datetime as dt

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ..catalogue.choices import KINDS, search_choices
from ..catalogue.law import search_law
from ..source.models.base import NATIONS
from .session import Session

MAX_QUERY = 200  # characters of words searched: a citation is far shorter
MAX_RESULTS = 50


def _refused(message: str) -> Response:
    return JSONResponse({"error": message}, 400)


async def law(session: Session, request: Request) -> Response:
    """The registry entries the words name, best first, with their status."""
    params = request.query_params
    query = params.get("q", "")
    if len(query) > MAX_QUERY:
        return _refused(f"q is longer than {MAX_QUERY} characters")
    nation = params.get("nation") or None
    if nation is not None and nation not in NATIONS:
        return _refused(f"nation must be one of {', '.join(NATIONS)}")
    try:
        day = dt.date.fromisoformat(params["as_of"]) if params.get("as_of") else dt.date.today()
    except ValueError:
        return _refused("as_of must be a day written YYYY-MM-DD")
    registry = await run_in_threadpool(session.registry)
    found = search_law(registry, query, nation, day, MAX_RESULTS)
    return JSONResponse(found.as_json())


async def choices(session: Session, request: Request) -> Response:
    """The entries of one list (blocks, programmes, forms, sections, rights) the words name."""
    kind = request.path_params["kind"]
    if kind not in KINDS:
        return JSONResponse({"error": f"the lists are {', '.join(KINDS)}"}, 404)
    query = request.query_params.get("q", "")
    if len(query) > MAX_QUERY:
        return _refused(f"q is longer than {MAX_QUERY} characters")
    registry = await run_in_threadpool(session.registry)
    found = await run_in_threadpool(search_choices, kind, query, session.root, registry)
    return JSONResponse({"kind": kind, "query": query,
                         "results": [c.as_json() for c in found[:MAX_RESULTS]]})
