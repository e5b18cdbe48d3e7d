"""HTML to tagged PDF with WeasyPrint, fetching nothing but the project's own assets.

Only this module imports WeasyPrint, and only `build` imports this module, when a PDF is
wanted: `--help`, `validate` and `lint` never pay for it.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import weasyprint
from weasyprint.urls import FatalURLFetchingError, URLFetcher

PDF_VARIANT = "pdf/ua-1"


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

    def fetch(self, url: str, headers: object = None) -> object:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        allowed = scheme == "data"
        if scheme == "file" and parts.netloc in ("", "localhost"):
            path = Path(url2pathname(parts.path)).resolve()
            allowed = path.is_relative_to(self.asset_root) and path.is_file()
        if not allowed:
            raise BlockedResource(f"refused to fetch {url!r}: only the project's own assets "
                                  "may be used in a document")
        return super().fetch(url, headers)


def render_pdf(html: str, asset_root: Path, epoch: int) -> bytes:
    """A tagged PDF (PDF/UA-1) of the page; the same input always gives the same bytes.

    `epoch` (seconds since 1970) stands in for "now" wherever a font subsetter would stamp
    the time, so output never depends on when it was built.
    """
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    document = weasyprint.HTML(string=html, base_url=str(asset_root),
                               url_fetcher=SafeURLFetcher(asset_root))
    pdf: bytes = document.write_pdf(pdf_variant=PDF_VARIANT)
    return pdf


def render_pdf_job(job: tuple[str, str, str, int]) -> tuple[str, bytes | None, str | None]:
    """For a worker process: (name, PDF, None) or (name, None, why it failed)."""
    name, html, asset_root, epoch = job
    try:
        return name, render_pdf(html, Path(asset_root), epoch), None
    except (Exception, FatalURLFetchingError) as exc:  # one bad document must not stop the rest
        return name, None, str(exc) or type(exc).__name__
