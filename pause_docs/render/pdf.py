"""HTML to tagged PDF with WeasyPrint, fetching nothing but the project's own assets.

Only this module imports WeasyPrint, and only `build` imports this module, when a PDF is
wanted: `--help`, `validate` and `lint` never pay for it.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import signal
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from urllib.request import url2pathname

import weasyprint
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from ..source.resources import TEMPLATES
from .pdf_tags import repair

if TYPE_CHECKING:
    from .edition import Edition

PDF_VARIANT = "pdf/ua-1"
PDF_STYLESHEET = "pdf.css"
# The built-in assets: pdf.css and the fonts it declares, used when a project's own
# templates/assets has no pdf.css of its own.
BUILTIN_ASSETS = TEMPLATES / "assets"


class BlockedResource(FatalURLFetchingError):  # type: ignore[misc]
    """A document asked for something outside the project's assets: the render stops."""


class TooSlow(BaseException):
    """Printing went past its time limit.  A BaseException, like WeasyPrint's own fatal
    errors, so that no `except Exception` inside WeasyPrint can swallow it."""


# What a page that cannot be printed raises: WeasyPrint stops a render with a BaseException
# so that it cannot be swallowed on the way; a build reports it and goes on to the next page.
PAGE_ERRORS: tuple[type[BaseException], ...] = (Exception, FatalURLFetchingError, TooSlow)


class SafeURLFetcher(URLFetcher):  # type: ignore[misc]
    """Allow data: URLs and files inside the asset folders; refuse everything else, loudly.

    WeasyPrint's default fetcher will embed file:///etc/passwd as an attachment or call
    cloud metadata addresses; this one aborts the render instead.  Nothing leaves the
    machine: no http(s) at all.
    """

    def __init__(self, *asset_roots: Path, beside: Mapping[str, Path] | None = None) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False, timeout=5,
                         fail_on_errors=True)
        self.asset_roots = tuple(root.resolve() for root in asset_roots)
        self.beside = dict(beside or {})
        self.fetched: list[str] = []

    def fetch(self, url: str, headers: object = None) -> object:
        if url in self.beside:  # a file the page shows from beside it (the council's logo)
            self.fetched.append(str(self.beside[url]))
            return super().fetch(self.beside[url].as_uri(), headers)
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        allowed = scheme == "data"
        if scheme == "file" and parts.netloc in ("", "localhost"):
            path = Path(url2pathname(parts.path)).resolve()  # symlinks and ../ resolved first
            allowed = any(path.is_relative_to(root) for root in self.asset_roots)
            if allowed and not path.is_file():
                raise BlockedResource(f"{url!r} is not there: no such file in the assets")
            if allowed:
                self.fetched.append(str(path))
        if not allowed:
            raise BlockedResource(f"refused to fetch {url!r}: only the project's own assets "
                                  "may be used in a document")
        return super().fetch(url, headers)


def render_pdf(html: str, asset_root: Path, epoch: int,
               files: Mapping[str, str] | None = None, time_limit: float | None = None
               ) -> bytes:
    """A tagged PDF (PDF/UA-1) of the page; the same input always gives the same bytes.

    `epoch` (seconds since 1970) stands in for "now" wherever a font subsetter would stamp
    the time, so output never depends on when it was built.  `files` are the files the page
    shows from beside it (`Publication.files`: its name -> the file).
    """
    return print_pdf(html, asset_root, epoch, files, time_limit)[0]


def print_pdf(html: str, asset_root: Path, epoch: int, files: Mapping[str, str] | None = None,
              time_limit: float | None = None) -> tuple[bytes, tuple[str, ...]]:
    """`render_pdf`, and the asset files the page pulled in (a build's dependencies).

    With `time_limit` (seconds), printing that takes longer stops with `TooSlow`.
    """
    own = asset_root / PDF_STYLESHEET
    stylesheet = own if own.is_file() else BUILTIN_ASSETS / PDF_STYLESHEET
    base_url = asset_root.resolve().as_uri() + "/"
    beside = {base_url + name: Path(source).resolve() for name, source in (files or {}).items()}
    fetcher = SafeURLFetcher(asset_root, stylesheet.parent, beside=beside)
    _settle()
    with _source_date(epoch), _time_limit(time_limit):
        if "@font-face" in html:  # its own fonts, never reaching another page's
            fonts = FontConfiguration()
            css = weasyprint.CSS(filename=str(stylesheet), url_fetcher=fetcher, font_config=fonts)
        else:
            fonts, css, read = _stylesheet(stylesheet, stylesheet.read_bytes(), asset_root)
            fetcher.fetched += read
        # base_url ends with '/' so that 'fonts/x.ttf' means a file inside the asset folder.
        document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher)
        pdf = repair(document.write_pdf(pdf_variant=PDF_VARIANT, stylesheets=[css],
                                        font_config=fonts), html)
    return pdf, tuple(sorted(set(fetcher.fetched)))


@contextlib.contextmanager
def _source_date(epoch: int) -> Iterator[None]:
    """`epoch` as "now" for fontTools, for this call only.

    WeasyPrint asks no date of its caller: the PDF's own dates come from the page's
    `dcterms.created`/`modified`.  The one clock it reaches is fontTools', when it saves a
    font it has changed (its subsetter, used when libharfbuzz-subset is missing, and its
    variable- and colour-font clean-ups): `head.modified` is then set by
    `fontTools.misc.timeTools.timestampNow()`, whose only input is SOURCE_DATE_EPOCH in the
    environment (the reproducible-builds convention).  Neither library takes a parameter
    for it, so the variable is set around the call and put back as it was after it: nothing
    else in the process, and no process it starts, sees it.
    """
    before = os.environ.get(SOURCE_DATE_EPOCH)
    os.environ[SOURCE_DATE_EPOCH] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(SOURCE_DATE_EPOCH, None)
        else:
            os.environ[SOURCE_DATE_EPOCH] = before


SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"


@contextlib.contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Raise `TooSlow` in this thread once `seconds` have passed (a real-time timer: no cost
    while it runs).  Only the main thread of a process receives signals; elsewhere, and
    without a limit, printing is not timed."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise TooSlow(f"printing took more than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@functools.lru_cache(maxsize=4)
def _stylesheet(path: Path, text: bytes, asset_root: Path  # noqa: ARG001 - the cache's key
                ) -> tuple[FontConfiguration, weasyprint.CSS, tuple[str, ...]]:
    """The stylesheet parsed once per process (per stylesheet and its text), with its own
    font configuration and the files (fonts) it fetched.

    Parsing it and loading its fonts cost as much for every page as for the first, and the
    parsed rules do not change with the page.  WeasyPrint makes a font configuration per
    document unless given one, and does not give back all its memory: one per process (and
    stylesheet) also keeps a long build's memory flat.  The fonts are fetched only on the
    first parse, so every page reports them as read from here (a build's dependencies).
    """
    fonts = FontConfiguration()
    fetcher = SafeURLFetcher(asset_root, path.parent)
    css = weasyprint.CSS(filename=str(path), url_fetcher=fetcher, font_config=fonts)
    return fonts, css, tuple(fetcher.fetched)


PYTHONS_THRESHOLDS = (700, 10, 10)  # CPython's own (gc.get_threshold() at start)


@functools.cache
def _settle() -> None:
    """Before the first page a process prints, what it holds so far (its modules, and in a
    build the loaded project and templates) is set aside from the garbage collector's
    passes: WeasyPrint makes and drops so many objects that the collector runs its full
    pass a few times a page, and each would otherwise walk all of those again.

    From then on the young garbage is collected at Python's own pace (a command raises it
    for loading): WeasyPrint's is made and dropped by the page, and collected 100,000 objects
    at a time it made a full build's processes 40 MB larger at their peak, and no faster."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*PYTHONS_THRESHOLDS)


def make_pdf(edition: Edition) -> tuple[bytes, tuple[str, ...]]:
    """The PDF output format (`formats`): the edition's page printed, with the files it
    read."""
    return print_pdf(edition.page.html, edition.asset_root, edition.epoch,
                     edition.publication.files, edition.time_limit)
