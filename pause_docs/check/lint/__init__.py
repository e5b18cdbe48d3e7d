"""Check documents against the law: currency, names, completeness, consistency, plain
language. Pure functions from resolved documents to findings (errors.Problem), each with a
stable code, the source of its rule and a suggested fix."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ...publish.dpia import notice_of
from ...publish.tree import Publication
from ...source.errors import Location, Problem, did_you_mean
from ...source.kinds import KINDS, Layout
from ...source.languages import DEFAULT_LANGUAGE
from ...source.project import Project
from ...source.resolved import ResolvedDocument
from ...source.resources import from_label
from .categories import check_categories
from .checklist import check_completeness, check_consistency, check_dated
from .dpia import check_dpia
from .law import check_law, home, inherited_at_document
from .layers import check_layer
from .matching import check_matching
from .parties import check_parties
from .pointers import for_officers, named_for_officers
from .published import Published
from .readability import check_readability, check_sentences
from .screening import check_answers, check_dates
from .translations import check_translations

__all__ = ["Citing", "UnknownProvision", "lint_document", "lint_project", "where_used"]

CHECKS: dict[Layout, tuple[Callable[[Published], list[Problem]], ...]] = {
    "notice": (check_completeness, check_consistency, check_dated, check_readability,
               check_layer, check_parties, check_categories, check_matching),
    "form": (check_answers, check_dates, check_dpia),
}
"""The checks each shape of document (`Kind.layout`) adds to those of the law and names."""


def lint_document(doc: ResolvedDocument, as_of: dt.date,
                  publication: Publication | None = None) -> list[Problem]:
    """Every finding for one document, judged on its publication date and on `as_of`: the
    law and the names it prints, then the checks its kind adds (what a notice must say), on
    its English page (or its first, without one); then its translations, and how each other
    language's page reads.  `publication`: a page of it already published, to reuse."""
    pages = {publication.language: publication} if publication is not None else {}
    main = doc.in_language(DEFAULT_LANGUAGE) if DEFAULT_LANGUAGE in doc.languages else doc
    published = Published(main, pages.get(main.language), as_of)
    found = check_law(published, as_of)
    for check in CHECKS[KINDS[doc.kind].layout]:
        found += check(published)
    found += check_translations(doc, pages)
    for version in doc.all_versions():
        if version.language != main.language:
            found += check_sentences(Published(version, pages.get(version.language), as_of))
    return sorted({for_officers(p, doc.registry) for p in inherited_at_document(found, doc)})


def lint_project(project: Project, as_of: dt.date) -> list[Problem]:
    """The project's own problems (a document that does not load) and every document's
    findings."""
    found = list(project.problems)
    for doc in project.documents:
        found += lint_document(doc, as_of)
    return sorted(set(found))


@dataclass(frozen=True)
class Citing:
    """One place a document cites a provision."""

    location: Location
    document: str
    title: str
    words: str
    published: dt.date
    inherited: str = ""
    """The programme the tool ships that the document inherits the reference from, named
    for an officer ('the programme 'pause', line 65: pause-docs show programme pause');
    `location` is then the document's `programme:` line."""


class UnknownProvision(LookupError):
    """The id is neither a provision nor an instrument in the registry."""

    def __init__(self, ident: str, suggestion: str) -> None:
        super().__init__(f"'{ident}' is not in the legal registry{suggestion}")


def where_used(project: Project, ident: str) -> list[Citing]:
    """Every reference in every document to the provision `ident` or, for an instrument id,
    to any of its provisions; references a document inherits are located in the programme."""
    registry = project.registry
    if ident not in registry.provisions and ident not in registry.instruments:
        raise UnknownProvision(ident, did_you_mean(
            ident, registry.provisions.keys() | registry.instruments.keys()))
    found = []
    for doc in project.documents:
        found += _citing(Published(doc), doc, ident)
        assessed = notice_of(doc) if doc.kind == "dpia" else None
        if assessed is not None:  # a DPIA prints the law of the notice it assesses
            found += _citing(Published(assessed), doc, ident)
    return sorted(found, key=lambda c: (c.document, c.location))


def _citing(published: Published, doc: ResolvedDocument, ident: str) -> list[Citing]:
    """The references `published` holds to `ident`, as cited by `doc` (itself, or a DPIA
    printing its notice's law: located where the notice gives it)."""
    found = []
    for ref in published.references(shown_only=False):
        if any(p.id == ident or p.instrument == ident for p in ref.provisions):
            words = ref.reference.cited_as or " and ".join(p.citation for p in ref.provisions)
            where = published.locate(ref.path)
            shipped = from_label(where.path) is not None  # in site-packages: not for officers
            found.append(Citing(home(doc)(where) if shipped else where, doc.path,
                                doc.model.title, words, doc.model.published,
                                named_for_officers(str(where), doc.registry) if shipped else ""))
    return found
