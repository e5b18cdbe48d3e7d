"""A document ready to publish, check and compare: its model, everything it refers to, and
where each of its values was written."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Location
from .languages import DEFAULT_LANGUAGE
from .layout import COUNCIL_FILE, COUNCILS_DIR
from .loader import Path_, SourceFile
from .models import Council, Programme
from .registry import Registry

if TYPE_CHECKING:
    from ..forms.form import Form
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
    languages: Mapping[Path_, str] = field(default_factory=dict)
    """Each text given per language, by its path in `data` -> the language chosen (its
    place in the file is inside the mapping, at that language)."""

    def locate(self, path: Path_, key: bool = False) -> Location:
        if not key and path in self.languages:
            path = path + (self.languages[path],)
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

    def with_data(self, data: dict[str, Any], languages: Mapping[Path_, str] | None = None
                  ) -> Merged:
        return Merged(data, self.own, self.inherited, self.inherited_prefix,
                      self.languages if languages is None else languages)

    def language_of(self, path: Path_) -> str:
        """The language of the text at `path`: the one chosen from its per-language
        mapping, or English for text written plainly."""
        return self.languages.get(path, DEFAULT_LANGUAGE)


@dataclass(frozen=True)
class Provenance:
    """Where a resolved document came from: its file and what it inherits, the files and
    registry entries it was made from, and the language of each text given per language."""

    path: str
    """The document's file, as messages name it."""
    source: Merged
    """Its data after inheritance, and where each value was written."""
    inputs: tuple[str, ...] = ()
    """Every file it was resolved from (for the build's records)."""
    cites: frozenset[str] = frozenset()
    """Registry entries read to resolve it, as 'table:id' ('table:*' for all of a table)."""
    council_source: SourceFile | None = None
    programme_source: SourceFile | None = None
    folder: Path | None = None
    """The council's folder on disk (where its logo is)."""
    council_languages: Mapping[Path_, str] = field(default_factory=dict)
    """The council's texts given per language -> the language chosen (see `Merged`)."""
    programme_languages: Mapping[Path_, str] = field(default_factory=dict)
    section_sources: Mapping[str, SourceFile] = field(default_factory=dict)
    """The standard sections its sections use (`use:`), by name."""

    def locate(self, path: Path_, key: bool = False) -> Location:
        """Where a value of the document (or what it inherits) was written."""
        return self.source.locate(path, key=key)

    def language_of(self, path: Path_) -> str:
        return self.source.language_of(path)

    def council_language_of(self, path: Path_) -> str:
        return self.council_languages.get(path, DEFAULT_LANGUAGE)

    def locate_council(self, path: Path_) -> Location:
        """Where a value of the council file was written (the file itself if unknown)."""
        if self.council_source is not None:
            if path in self.council_languages:
                path = path + (self.council_languages[path],)
            return self.council_source.locate(path)
        return Location(self.council_file)

    def locate_programme(self, path: Path_) -> Location:
        """Where a value of the programme was written (the document if none)."""
        if self.programme_source is None:
            return self.source.locate(())
        if path in self.programme_languages:
            path = path + (self.programme_languages[path],)
        return self.programme_source.locate(path)

    @property
    def council_file(self) -> str:
        if self.council_source is not None:
            return self.council_source.path
        council = Path(self.path).parent.name
        return f"{COUNCILS_DIR}/{council}/{COUNCIL_FILE}"


@dataclass(frozen=True)
class ResolvedDocument:
    """A document ready to check and render: what it says — its model and everything it
    refers to, in one language — and, apart, where it came from (`provenance`)."""

    council_slug: str
    slug: str
    model: Document
    council: Council
    programme: Programme | None
    registry: Registry
    provenance: Provenance
    notice: ResolvedDocument | None = None  # the notice a DPIA screening is about
    screening: ResolvedDocument | None = None  # the DPIA screening a full DPIA follows
    form: Form | None = None  # the form a screening or assessment is written on
    language: str = DEFAULT_LANGUAGE
    """The language this version of the document is in."""
    languages: tuple[str, ...] = (DEFAULT_LANGUAGE,)
    """Every language the document is published in (its council's), the first first."""
    versions: Mapping[str, ResolvedDocument] = field(default_factory=dict)
    """The document in each of its other languages (in the first language's version)."""
    parent: ResolvedDocument | None = None
    """For a layer (a young people's or Easy Read notice): the full notice it sits under;
    for an addendum, the notice it adds to."""
    addenda: tuple[ResolvedDocument, ...] = ()
    """For a notice: the notices of its council folder that are addenda to it."""

    @property
    def kind(self) -> str:
        return self.model.kind

    @property
    def path(self) -> str:
        """The document's file, as messages name it."""
        return self.provenance.path

    def in_language(self, language: str | None) -> ResolvedDocument:
        """This document in `language` (None: its first language)."""
        if language is None or language == self.language:
            return self
        if language in self.versions:
            return self.versions[language]
        raise ValueError(f"{self.path} is not published in '{language}'; its council's "
                         f"languages are: {', '.join(self.languages)}")

    def all_versions(self) -> list[ResolvedDocument]:
        """The document in each of its languages, the first first."""
        return [self, *(self.versions[lang] for lang in self.languages
                        if lang in self.versions and lang != self.language)]
