"""A publication on its way into files: the page templates of its kind, its page printed
as HTML once, and what every output format makes its file from (`Edition`)."""

from __future__ import annotations

import calendar
import functools
from dataclasses import dataclass
from pathlib import Path

from ..publish.document import publish
from ..publish.tree import Publication
from ..source.kinds import KINDS
from ..source.layout import TEMPLATES_DIR
from ..source.resolved import ResolvedDocument
from .html import DOCUMENT_TEMPLATE, Page, render_page


def template_names(doc: ResolvedDocument) -> list[str]:
    """A council's own template first, then the kind's, then the one for every document."""
    return [f"{doc.council_slug}/{doc.kind}.html", f"{doc.kind}.html", KINDS[doc.kind].template]


@dataclass
class Edition:
    """A publication on its way into files: what every output format makes its file from
    (`formats`).  Its page's HTML is printed once, when the first format asks for it (the
    HTML file, and the PDF printed from the same page)."""

    publication: Publication
    names: tuple[str, ...] = (DOCUMENT_TEMPLATE,)
    """The page templates to print it with, the first that exists (see `template_names`)."""
    templates: tuple[Path, ...] = (TEMPLATES_DIR,)
    epoch: int = 0
    """The document's date, in seconds: 'now' wherever a format would stamp a time."""
    time_limit: float | None = None
    """Seconds a format that takes a time limit (the PDF) may take."""

    @functools.cached_property
    def page(self) -> Page:
        return render_page(self.publication, self.names, self.templates)

    @property
    def html(self) -> str:
        return self.page.html

    @property
    def asset_root(self) -> Path:
        return self.templates[0] / "assets"


def html_file(edition: Edition) -> tuple[bytes, tuple[str, ...]]:
    """The HTML format's file (see `formats`): the page as UTF-8."""
    return edition.page.html.encode(), ()


def render_document(doc: ResolvedDocument, templates: tuple[Path, ...] = (TEMPLATES_DIR,),
                    language: str | None = None) -> Edition:
    """The document published in `language` (None: its first), ready to print: for tests
    and the preview, which make one page at a time."""
    return Edition(publish(doc, language), tuple(template_names(doc)), templates,
                   calendar.timegm(doc.model.published.timetuple()))


def render_html(doc: ResolvedDocument, templates: tuple[Path, ...] = (TEMPLATES_DIR,),
                language: str | None = None) -> str:
    """The document as a standalone HTML page."""
    return render_document(doc, templates, language).page.html
