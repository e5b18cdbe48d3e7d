"""HTML to tagged PDF with WeasyPrint, fetching nothing but the project's own assets.

Only this module imports WeasyPrint, and only `build` imports this module, when a PDF is
wanted: `--help`, `validate` and `lint` never pay for it.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import weasyprint
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher

PDF_VARIANT = "pdf/ua-1"
# What a page that cannot be printed raises: WeasyPrint stops a render with a BaseException
# so that it cannot be swallowed on the way; a build reports it and goes on to the next page.
PAGE_ERRORS: tuple[type[BaseException], ...] = (Exception, FatalURLFetchingError)


class BlockedResource(FatalURLFetchingError):  # type: ignore[misc]
    """A document asked for something outside the project's assets: the render stops."""


class SafeURLFetcher(URLFetcher):  # type: ignore[misc]
    """Allow data: URLs and files inside `asset_root`; refuse everything else, loudly.

    WeasyPrint's default fetcher will embed file:///etc/passwd as an attachment or call
    cloud metadata addresses; this one aborts the render instead.
    """

    def __init__(self, asset_root: Path) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False, timeout=5,
                         fail_on_errors=True)
        self.asset_root = asset_root.resolve()
        self.fetched: list[str] = []

    def fetch(self, url: str, headers: object = None) -> object:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        allowed = scheme == "data"
        if scheme == "file" and parts.netloc in ("", "localhost"):
            path = Path(url2pathname(parts.path)).resolve()
            allowed = path.is_relative_to(self.asset_root) and path.is_file()
            if allowed:
                self.fetched.append(str(path))
        if not allowed:
            raise BlockedResource(f"refused to fetch {url!r}: only the project's own assets "
                                  "may be used in a document")
        return super().fetch(url, headers)


def render_pdf(html: str, asset_root: Path, epoch: int) -> bytes:
    """A tagged PDF (PDF/UA-1) of the page; the same input always gives the same bytes.

    `epoch` (seconds since 1970) stands in for "now" wherever a font subsetter would stamp
    the time, so output never depends on when it was built.
    """
    return print_pdf(html, asset_root, epoch)[0]


def print_pdf(html: str, asset_root: Path, epoch: int) -> tuple[bytes, tuple[str, ...]]:
    """`render_pdf`, and the asset files the page pulled in (a build's dependencies)."""
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    fetcher = SafeURLFetcher(asset_root)
    document = weasyprint.HTML(string=html, base_url=str(asset_root), url_fetcher=fetcher)
    # WeasyPrint makes a font configuration per document unless given one, and does not
    # give back all its memory: one per process keeps a long build's memory flat.  A page
    # declaring its own fonts gets its own, so one page's fonts never reach another's.
    fonts = FontConfiguration() if "@font-face" in html else _fonts()
    pdf: bytes = document.write_pdf(pdf_variant=PDF_VARIANT, font_config=fonts)
    return pdf, tuple(sorted(set(fetcher.fetched)))


@functools.cache
def _fonts() -> FontConfiguration:
    return FontConfiguration()
