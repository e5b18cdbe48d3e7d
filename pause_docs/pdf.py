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
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher

PDF_VARIANT = "pdf/ua-1"
PDF_STYLESHEET = "pdf.css"
# The built-in assets: pdf.css and the fonts it declares, used when a project's own
# templates/assets has no pdf.css of its own.
BUILTIN_ASSETS = Path(__file__).resolve().parent.parent / "templates" / "assets"


class BlockedResource(FatalURLFetchingError):  # type: ignore[misc]
    """A document asked for something outside the project's assets: the render stops."""


class SafeURLFetcher(URLFetcher):  # type: ignore[misc]
    """Allow data: URLs and files inside the asset folders; refuse everything else, loudly.

    WeasyPrint's default fetcher will embed file:///etc/passwd as an attachment or call
    cloud metadata addresses; this one aborts the render instead.  Nothing leaves the
    machine: no http(s) at all.
    """

    def __init__(self, *asset_roots: Path) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False, timeout=5,
                         fail_on_errors=True)
        self.asset_roots = tuple(root.resolve() for root in asset_roots)

    def fetch(self, url: str, headers: object = None) -> object:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        allowed = scheme == "data"
        if scheme == "file" and parts.netloc in ("", "localhost"):
            path = Path(url2pathname(parts.path)).resolve()  # symlinks and ../ resolved first
            allowed = any(path.is_relative_to(root) for root in self.asset_roots)
            if allowed and not path.is_file():
                raise BlockedResource(f"{url!r} is not there: no such file in the assets")
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
    own = asset_root / PDF_STYLESHEET
    stylesheet = own if own.is_file() else BUILTIN_ASSETS / PDF_STYLESHEET
    fetcher = SafeURLFetcher(asset_root, stylesheet.parent)
    fonts = FontConfiguration()
    # base_url ends with '/' so that 'fonts/x.ttf' means a file inside the asset folder.
    document = weasyprint.HTML(string=html, base_url=asset_root.resolve().as_uri() + "/",
                               url_fetcher=fetcher)
    css = weasyprint.CSS(filename=str(stylesheet), url_fetcher=fetcher, font_config=fonts)
    pdf: bytes = document.write_pdf(pdf_variant=PDF_VARIANT, stylesheets=[css],
                                    font_config=fonts)
    return pdf


def render_pdf_job(job: tuple[str, str, str, int]) -> tuple[str, bytes | None, str | None]:
    """For a worker process: (name, PDF, None) or (name, None, why it failed)."""
    name, html, asset_root, epoch = job
    try:
        return name, render_pdf(html, Path(asset_root), epoch), None
    except (Exception, FatalURLFetchingError) as exc:  # one bad document must not stop the rest
        return name, None, str(exc) or type(exc).__name__
