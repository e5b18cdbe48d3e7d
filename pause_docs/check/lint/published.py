"""What a document publishes, as the checks see it: read from its publication tree, so a
check can never disagree with the page about what it says.

The legal references it prints, the texts it prints (each with the place in the YAML it was
written), and what it presents (rights, the DPO, recipients...) or leaves to its parent
notice.  Data a document holds but never shows is not published, so the checks of what a
page says leave it alone.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ...publish.document import publish
from ...publish.printed import Printed, texts_of
from ...publish.tree import Publication
from ...source.errors import Location
from ...source.kinds import KINDS
from ...source.loader import Path_
from ...source.models import LegalReference, Notice, Provision
from ...source.registry import role_of
from ...source.resolved import ResolvedDocument

# UK GDPR and the DPA 2018 applied from this day: the transparency, rights and plain-language
# rules (Arts 12-14, 21, 37) judge documents published from then on, and documents written
# for them (relying on an Art 6(1) basis) published before.
GDPR_APPLIED = dt.date(2018, 5, 25)
# A notice may go out a little ahead of the law it relies on, as councils' GDPR notices did
# in May 2018 for the day it applied; earlier than this, relying on it is a mistake.
AHEAD_OF_COMMENCEMENT = dt.timedelta(days=31)


@dataclass(frozen=True)
class Reference:
    """One legal reference as published, with its provisions and the role it plays."""

    reference: LegalReference
    path: Path_
    provisions: tuple[Provision, ...]

    @property
    def role(self) -> str:
        return role_of(self.provisions)


class Published:
    """A resolved document and its publication: what the checks of a page read."""

    def __init__(self, doc: ResolvedDocument, publication: Publication | None = None,
                 as_of: dt.date | None = None) -> None:
        self.doc = doc
        self.data: dict[str, Any] = doc.provenance.source.data
        self.as_of = as_of or dt.date.today()
        """The day the checks judge the document on besides its publication date."""
        if publication is not None:
            self.__dict__["publication"] = publication

    @functools.cached_property
    def publication(self) -> Publication:
        return publish(self.doc)

    @property
    def is_notice(self) -> bool:
        """A notice of the processing, which must say what Arts 12-14 ask (not a form)."""
        return KINDS[self.doc.kind].describes_processing

    @property
    def notice(self) -> Notice:
        """The document as a notice: the checks of what a notice must say use it."""
        assert isinstance(self.doc.model, Notice), "only notices are checked for content"
        return self.doc.model

    @property
    def under_gdpr(self) -> bool:
        """Published when the UK GDPR applied, or written for it (relying on an Art 6(1)
        basis) before."""
        return self.doc.model.published >= GDPR_APPLIED or any(
            p.basis for ref in self.references() for p in ref.provisions)

    def locate(self, path: Path_, key: bool = False) -> Location:
        return self.doc.provenance.locate(path, key=key)

    def shows(self, *topics: str, via_parent: bool = True) -> bool:
        """The page presents one of `topics` ('rights', 'dpo', 'recipients', ...), itself or
        by a printed link to the parent notice (unless `via_parent` is False)."""
        return self.publication.presents(*topics, via_parent=via_parent)

    def shown_ids(self, topic: str) -> set[str]:
        """The ids of the items the page shows for `topic` (right ids, recipient names)."""
        return self.publication.shown_ids(topic)

    # --- legal references -------------------------------------------------------------
    def references(self, *, shown_only: bool = True) -> list[Reference]:
        """Every legal reference the page prints (each once), or with `shown_only=False`,
        every one the document holds (with its Schedule 1 companion)."""
        return list(self._shown_references if shown_only else self._references(False))

    @functools.cached_property
    def _shown_references(self) -> list[Reference]:
        return self._references(True)

    def _references(self, shown_only: bool) -> list[Reference]:
        provisions = self.doc.registry.provisions
        if shown_only:
            paths = dict.fromkeys(link.reference for link in self.publication.citations()
                                  if link.reference is not None)
            pairs = [(reference_at(self.doc.model, path), path) for path in paths]
        else:
            pairs = list(_references_in(self.doc.model, ()))
        found = []
        for ref, path in pairs:
            if isinstance(ref, LegalReference):
                found.append(Reference(ref, path, tuple(
                    provisions[i] for i in ref.provision_ids if i in provisions)))
        return found

    # --- text ---------------------------------------------------------------------------
    def texts(self) -> list[Printed]:
        """Every printed text the document's authors wrote: in the document, what it
        inherits, and the council's details (the registry's and the tool's words are not
        theirs to fix)."""
        return list(self._texts)

    @functools.cached_property
    def _texts(self) -> list[Printed]:
        return [printed for printed in texts_of(self.publication)
                if printed.origin is not None and printed.origin.owner != "registry"]


def reference_at(model: Any, path: Path_) -> Any:
    """The value at `path` in a document's model (attributes and list items)."""
    value = model
    for segment in path:
        value = value[segment] if isinstance(segment, int) else getattr(value, segment, None)
        if value is None:
            return None
    return value


def _references_in(value: Any, path: Path_) -> Iterator[tuple[LegalReference, Path_]]:
    """Every legal reference anywhere in a model, Schedule 1 companions included."""
    if isinstance(value, LegalReference):
        yield value, path
        if value.schedule_1 is not None:
            yield value.schedule_1, path + ("schedule_1",)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _references_in(getattr(value, name), path + (name,))
    elif isinstance(value, tuple | list):
        for i, item in enumerate(value):
            yield from _references_in(item, path + (i,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _references_in(item, path + (key,))
