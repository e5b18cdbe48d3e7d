"""The publish stage: a resolved document, in one language, as the tree of what its reader
sees (`publication.Publication`).  Each kind of document has its publisher (see `kinds`)."""

from __future__ import annotations

from ..source.kinds import KINDS
from ..source.resolved import ResolvedDocument
from .locale import load_locale
from .tree import Publication


def publish(doc: ResolvedDocument, language: str | None = None) -> Publication:
    """What the document prints, in `language` (None: the language of `doc`, its council's
    first unless it is another language's version).  A document is published in the
    languages of its council; asked for another, its own text is printed in the locale of
    `language`."""
    language = language or doc.language
    if language in doc.languages:
        doc = doc.in_language(language)
    kind = KINDS[doc.kind]
    publisher = kind.function(kind.publisher)
    publication: Publication = publisher(doc, load_locale(language))
    return publication
