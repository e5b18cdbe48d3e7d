"""A document ready to publish, check and compare: its model, everything it refers to, and
where each of its values was written."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Location
from .layout import COUNCIL_FILE, COUNCILS_DIR
from .loader import Path_, SourceFile
from .models import Council, Programme
from .registry import Registry

if TYPE_CHECKING:
    from .form import Form
    from .models import Document


# Mappings a document merges with its programme's, entry by entry, instead of replacing them:
# a screening answers some questions itself and keeps the answers its programme pre-fills.
MERGED_KEYS = ("answers",)


@dataclass(frozen=True)
class Merged:
    """A document's data after inheritance, and where each value came from."""

    data: dict[str, Any]
    own: SourceFile
    inherited: SourceFile | None = None
    inherited_prefix: Path_ = ()

    def locate(self, path: Path_, key: bool = False) -> Location:
        if path and self.inherited is not None and not self.own_has(path):
            return self.inherited.locate(self.inherited_prefix + path, key=key)
        return self.own.locate(path, key=key)

    def own_has(self, path: Path_) -> bool:
        """The document itself gives the value at `path` (not its programme); the entries
        of a merged mapping (`MERGED_KEYS`) are each the document's or the programme's."""
        data = self.own.data
        if not isinstance(data, dict) or path[0] not in data:
            return False
        inner = data[path[0]]
        return not (path[0] in MERGED_KEYS and len(path) > 1 and isinstance(inner, dict)
                    and path[1] not in inner)

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
    form: Form | None = None  # the form a screening or assessment is written on
    cites: frozenset[str] = frozenset()
    """Registry entries read to resolve it, as 'table:id' ('table:*' for all of a table)."""
    council_source: SourceFile | None = None
    programme_source: SourceFile | None = None
    folder: Path | None = None
    """The council's folder on disk (where its logo is)."""

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
