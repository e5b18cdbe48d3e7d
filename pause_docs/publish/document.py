"""Publishing a document: its kind's publisher, in the language asked for."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..source.kinds import KINDS, Layout
from ..source.resolved import ResolvedDocument
from .assessment import publish_form
from .locale import Locale, load_locale
from .notice import publish_notice
from .tree import Publication

PUBLISHERS: dict[Layout, Callable[[ResolvedDocument, Locale], Publication]] = {
    "notice": publish_notice, "form": publish_form}
"""The publisher of each shape of document (`Kind.layout`)."""


def publish(doc: ResolvedDocument, language: str | None = None) -> Publication:
    """What the document prints, in `language` (None: the language of `doc`, its council's
    first unless it is another language's version).  A document is published in the
    languages of its council; asked for another, its own text is printed in the locale of
    `language`."""
    language = language or doc.language
    if language in doc.languages:
        doc = doc.in_language(language)
    return PUBLISHERS[KINDS[doc.kind].layout](doc, load_locale(language))


def publish_recorded(doc: ResolvedDocument, language: str | None = None
                     ) -> tuple[Publication, frozenset[str]]:
    """The publication, and every registry entry it depends on ('table:id', or 'table:*'
    for a whole table): those it read and those the document was resolved with."""
    registry, used = doc.registry.recording()
    publication = publish(replace(doc, registry=registry), language)
    return publication, frozenset(used) | doc.provenance.cites
