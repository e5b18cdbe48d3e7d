"""The change records a comparison is made of, and the comparison itself."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from ..publish.locale import load_locale
from ..publish.tree import Publication
from ..source.errors import Problem
from ..source.languages import DEFAULT_LANGUAGE
from ..source.models import Notice
from ..source.resolved import ResolvedDocument

Weight = Literal["legal", "wording", "presentation"]
WEIGHTS: tuple[Weight, ...] = ("legal", "wording", "presentation")
"""Legal changes first, then wording, then order and layout."""
Action = Literal["added", "removed", "replaced", "changed", "now-applies", "no-longer-applies",
                 "reordered"]

AREAS: tuple[str, ...] = (
    "document", "decision", "answers", "risks", "lawful-basis", "special-category",
    "criminal-offence", "schedule-1", "gateways", "rights", "purposes", "data-categories",
    "data-subjects", "sources", "recipients", "transfers", "retention", "data-matching", "contacts",
    "safeguards", "text", "translations", "order")
"""The areas a change is in, in the order a legal team reads them; each area's title, which
says what it is in law, is the locale's `area_<area>` ('Lawful basis (UK GDPR Art 6)')."""


def area_key(area: str) -> str:
    """The locale's key for the title of `area`."""
    return "area_" + area.replace("-", "_")


@dataclass(frozen=True)
class Law:
    """A provision or right as a change cites it: the words and where to read the law."""

    id: str
    citation: str
    url: str
    role: str

    def __str__(self) -> str:
        return self.citation


@dataclass(frozen=True)
class Change:
    """One change from the old version to the new, with the law it concerns."""

    area: str
    action: Action
    subject: str
    weight: Weight = "legal"
    old: str | None = None
    new: str | None = None
    old_law: tuple[Law, ...] = ()
    new_law: tuple[Law, ...] = ()
    note: str | None = None
    words: tuple[tuple[str, str], ...] = ()  # ("=", "-" or "+", text): a word-level diff

    @property
    def area_title(self) -> str:
        """The area's title in English (for `--format json`)."""
        return load_locale().text(area_key(self.area))


@dataclass(frozen=True)
class Version:
    """Which document a side of the comparison is."""

    label: str
    title: str
    council: str
    kind: str
    published: dt.date
    version: str | None


@dataclass(frozen=True)
class LintDelta:
    """Findings the new version fixes and findings it introduces."""

    fixed: tuple[Problem, ...]
    introduced: tuple[Problem, ...]


@dataclass(frozen=True)
class Comparison:
    """Two versions of a document and every change between them, legal changes first."""

    old: Version
    new: Version
    changes: tuple[Change, ...]
    lint: LintDelta | None = None
    notes: tuple[str, ...] = field(default=())
    language: str = DEFAULT_LANGUAGE
    """The language both versions were compared in (and the redline is written in)."""
    pages: tuple[Publication, Publication] | None = field(default=None, compare=False,
                                                          repr=False)
    """What each version prints in that language, old then new (for the Word redline's
    tracked changes)."""

    def weighted(self, weight: Weight) -> list[Change]:
        return [c for c in self.changes if c.weight == weight]

    @property
    def changed(self) -> bool:
        """True when the content changed; a change of order or layout alone does not count."""
        return any(c.weight != "presentation" for c in self.changes)

    def as_dict(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "old": _jsonable(dataclasses.asdict(self.old)),
            "new": _jsonable(dataclasses.asdict(self.new)),
            "changed": self.changed,
            "changes": [{**_jsonable(dataclasses.asdict(c)), "area_title": c.area_title}
                        for c in self.changes],
            "lint": None if self.lint is None else {
                "fixed": [p.as_json() for p in self.lint.fixed],
                "introduced": [p.as_json() for p in self.lint.introduced]},
            "notes": list(self.notes),
        }


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


Lint = Callable[[ResolvedDocument], Sequence[Problem]]


def version_of(doc: ResolvedDocument, label: str | None = None) -> Version:
    return Version(label or doc.path, doc.model.title, doc.council.name, doc.kind,
                   doc.model.published, doc.model.version)


def notice_of(doc: ResolvedDocument) -> Notice:
    """The document as a notice: only notices are compared in law (diff_documents checks
    first)."""
    assert isinstance(doc.model, Notice), "only notices are compared in law"
    return doc.model
