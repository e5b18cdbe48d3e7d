"""The publish stage: a resolved document, in one language, as the tree of what its reader
sees (`publication.Publication`).  Each kind of document has its publisher (see `kinds`)."""

from __future__ import annotations

from ..kinds import KINDS
from ..locale import DEFAULT_LANGUAGE, load_locale
from ..publication import Publication
from ..resolved import ResolvedDocument


def publish(doc: ResolvedDocument, language: str = DEFAULT_LANGUAGE) -> Publication:
    """What the document prints, in `language`."""
    kind = KINDS[doc.kind]
    publisher = kind.function(kind.publisher)
    publication: Publication = publisher(doc, load_locale(language))
    return publication
