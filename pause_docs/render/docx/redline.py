"""The redline as a Word document for a legal team: the redline's publication as the
ordinary writer prints it, with the document itself before its sign-off, every change
tracked (author and date on each, so that Word's and LibreOffice's Review pane list them to
accept or reject).  In the redline's language, as the HTML redline is."""

from __future__ import annotations

import calendar
import itertools

from ...publish.locale import load_locale
from ...publish.tree import Heading, Paragraph, Publication, Section, Text
from .blocks import Writer
from .package import footer, new_document, properties, save, track_revisions
from .place import Context
from .tracked import TrackedWriter, aligned, units

AUTHOR = "pause-docs"
"""Whom the changes are by, unless `--author` says."""
SIGN_OFF = "sign-off"
"""The role of the redline's last part, which the tracked document stands before."""


def redline_docx(redline: Publication, old: Publication, new: Publication,
                 author: str = AUTHOR) -> bytes:
    """The redline (`compare.redline.publish_redline`) of `old` and `new` (the two versions'
    publications) as a .docx with tracked changes by `author`, dated the new version's
    date."""
    locale = load_locale(redline.language)
    day = redline.published
    document = new_document(redline.lang)
    track_revisions(document)
    writer = Writer(document, {})
    before = tuple(itertools.takewhile(
        lambda b: not (isinstance(b, Section) and b.role == SIGN_OFF), redline.body))
    writer.blocks(writer.body, (*redline.header, *before, Section(
        Heading(2, (Text(locale.text("redline_tracked")),)),
        (Paragraph((Text(locale.text("redline_tracked_how", author=author,
                                     date=locale.date(day))),)),))))
    pairs = list(aligned(units(old, shift=2), units(new, shift=2)))
    TrackedWriter(writer, author, day).write(writer.body, pairs)
    writer.blocks(writer.body, redline.body[len(before):])
    writer.paragraph(writer.body, redline.footer, "Colophon", Context())
    separator = locale.text("footer_separator")
    footer(document, f"{redline.title}{separator}{locale.date(day)}",
           locale.strings["page_number"])
    properties(document, title=redline.title, author=author,
               subject=locale.text("redline_subject"), lang=redline.lang, day=day)
    return save(document, calendar.timegm(day.timetuple()))
