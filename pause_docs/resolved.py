"""A document ready to publish, check and compare: its model, everything it refers to, and
where each of its values was written."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import Location
from .layout import COUNCIL_FILE, COUNCILS_DIR
from .loader import Path_, SourceFile
from .models import Council, Programme
from .registry import Registry

if TYPE_CHECKING:
    from .models import Document


@dataclass(frozen=True)
class Merged:
    """A document's data after inheritance, and where each value came from."""

    data: dict[str, Any]
    own: SourceFile
    inherited: SourceFile | None = None
    inherited_prefix: Path_ = ()

    def locate(self, path: Path_, key: bool = False) -> Location:
        if path and self.inherited is not None and path[0] not in self.own.data:
            return self.inherited.locate(self.inherited_prefix + path, key=key)
        return self.own.locate(path, key=key)

    def with_data(self, data: dict[str, Any]) -> Merged:
        return Merged(data, self.own, self.inherited, self.inherited_prefix)


@dataclass(frozen=True)
class ResolvedDocument:
    """A document ready to check and render: its model and everything it refers to."""

    council_slug: str
    slug: str
    path: str
    model: Document
    council: Council
    programme: Programme | None
    registry: Registry
    source: Merged
    inputs: tuple[str, ...] = ()
    notice: ResolvedDocument | None = None  # the notice a DPIA screening is about
    cites: frozenset[str] = frozenset()
    """Registry entries read to resolve it, as 'table:id' ('table:*' for all of a table)."""
    council_source: SourceFile | None = None
    programme_source: SourceFile | None = None

    @property
    def kind(self) -> str:
        return self.model.kind

    def locate_council(self, path: Path_) -> Location:
        """Where a value of the council file was written (the file itself if unknown)."""
        if self.council_source is not None:
            return self.council_source.locate(path)
        return Location(self.council_file)

    @property
    def council_file(self) -> str:
        if self.council_source is not None:
            return self.council_source.path
        return f"{COUNCILS_DIR}/{self.council_slug}/{COUNCIL_FILE}"
