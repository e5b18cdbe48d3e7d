"""Word output: a publication as an accessible .docx, and a redline with tracked changes.

Made from the same tree as the HTML page and the PDF (`publication`), with python-docx:
heading styles, Word lists, tables with repeating header rows, hyperlinks, the logo with
its alternative text, the document's language on its styles, its title, author and subject
in its properties, and the PDF's footer.  Imported only when a Word file is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...publish.tree import Paragraph, Publication, Time, plain, walk
from ...source.kinds import KINDS
from .blocks import Writer
from .package import footer, new_document, properties, save
from .place import Context

if TYPE_CHECKING:
    from ..edition import Edition

FOOTER_SEPARATOR = " · "
"""Between the title and the date in the page footer (as pdf.css prints it)."""


def make_docx(edition: Edition) -> tuple[bytes, tuple[str, ...]]:
    """The Word format's file (see `formats`): the edition's publication as a .docx, and the
    files it read (the logo)."""
    return publication_docx(edition.publication, edition.epoch)


def publication_docx(publication: Publication, epoch: int) -> tuple[bytes, tuple[str, ...]]:
    """A publication as the bytes of a .docx; the same publication and `epoch` (the
    document's date, in seconds) always give the same bytes."""
    document = new_document(publication.lang)
    writer = Writer(document, publication.files)
    writer.inlines.link_addresses = publication.link_addresses
    writer.blocks(writer.body, publication.masthead)
    writer.blocks(writer.body, (*publication.header, *publication.body))
    if plain(publication.footer).strip():
        writer.paragraph(writer.body, publication.footer, "Colophon", Context())
    footer(document, running_title(publication), publication.strings["page_number"])
    properties(document, title=publication.title, author=publication.council,
               subject=subject(publication), lang=publication.lang,
               day=publication.published)
    return save(document, epoch), tuple(sorted(set(writer.inlines.read)))


def running_title(publication: Publication) -> str:
    """The title and the date under it, as the PDF's footer prints them."""
    dated = next((b for b in publication.header
                  if isinstance(b, Paragraph) and b.role == "date"), None)
    day = next((n for n in walk(dated.content) if isinstance(n, Time)), None) if dated else None
    return publication.title + (FOOTER_SEPARATOR + plain(day.children) if day else "")


def subject(publication: Publication) -> str:
    """What the document is: 'Privacy notice', 'DPIA screening'."""
    return KINDS[publication.kind].label
