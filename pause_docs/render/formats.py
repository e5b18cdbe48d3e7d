"""The output formats a document is published in: one entry each, read by `build --format`,
the build's workers and the preview.

The build publishes a document once in each language and hands each format the same
publication, as an `html.Edition` (the publication, with the templates to print it with, the
document's date and the time a format may take): `make(edition)` returns the file's bytes and
the files it read (fonts, a logo), which the build records as the file's inputs.  The
document's date stands in for "now" wherever a format would stamp a time, so the same input
always gives the same bytes.  Makers are named as 'package.module:function' and imported
only when a file of that format is made, so that WeasyPrint (PDF) or python-docx (Word) load
only in a build that needs them.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .edition import Edition


@dataclass(frozen=True)
class OutputFormat:
    """One kind of file a document is published as."""

    name: str
    """What `build --format` calls it."""
    suffix: str
    """The file name's ending, e.g. 'html'."""
    maker: str
    """'package.module:function'(edition) -> (bytes, files read)."""
    from_html: bool = False
    """Made from the HTML page: the same HTML makes the same file, so it need not be made
    again when the HTML did not change."""
    timed: bool = False
    """It can take long (it keeps to `Edition.time_limit`): the preview makes it in a worker."""
    description: str = ""
    label: str = ""
    """What a link to the file says, e.g. 'PDF' or 'Word' (the name in capitals if none)."""
    media_type: str = "application/octet-stream"
    """The file's media type, as the preview serves it."""

    @property
    def link_text(self) -> str:
        return self.label or self.name.upper()

    @property
    def shown_in_browser(self) -> bool:
        """A browser shows the file itself rather than saving it."""
        return self.media_type.startswith("text/") or self.media_type == "application/pdf"

    def make(self, edition: Edition) -> tuple[bytes, tuple[str, ...]]:
        module, _, name = self.maker.partition(":")
        made: tuple[bytes, tuple[str, ...]] = getattr(importlib.import_module(module), name)(
            edition)
        return made


FORMATS: dict[str, OutputFormat] = {f.name: f for f in (
    OutputFormat("html", "html", "pause_docs.render.edition:html_file",
                 description="accessible HTML, styles included", label="HTML",
                 media_type="text/html; charset=utf-8"),
    OutputFormat("pdf", "pdf", "pause_docs.render.pdf:make_pdf", from_html=True, timed=True,
                 description="tagged PDF (PDF/UA-1)", label="PDF", media_type="application/pdf"),
    OutputFormat("docx", "docx", "pause_docs.render.docx:make_docx",
                 description="Word document: heading styles, lists, table headers, links",
                 label="Word", media_type="application/vnd.openxmlformats-officedocument."
                 "wordprocessingml.document"),
)}
ALL = "all"
"""Every format."""


def selected(name: str) -> list[OutputFormat]:
    """The formats `build --format NAME` makes: one, or all of them."""
    return list(FORMATS.values()) if name == ALL else [FORMATS[name]]


def choices() -> list[str]:
    return [*FORMATS, ALL]


def suffixes(name: str) -> set[str]:
    """The file endings `build --format NAME` makes."""
    return {f.suffix for f in selected(name)}
