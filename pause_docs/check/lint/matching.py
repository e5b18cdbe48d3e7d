"""Profiling in a data-matching annex: what a notice must tell people when its matching
evaluates or predicts things about them (UK GDPR Art 4(4), 13(2)(f) / 14(2)(g), 21, 22A-22D)."""

from __future__ import annotations

from ...source.errors import Problem
from ...source.models.statements import LegalReference
from .published import Published

_OBJECTABLE = {"e", "f"}
"""The Art 6(1) bases processing (including profiling) can be objected to under (Art 21(1))."""


def check_matching(published: Published) -> list[Problem]:
    """Profiling the page never shows, solely automated decisions the notice does not
    state, and profiling people could object to with no right to object listed."""
    if not published.under_gdpr:
        return []
    found: list[Problem] = []
    for m, annex in enumerate(published.notice.data_matching):
        profiling = annex.profiling
        if profiling is None:
            continue
        path = ("data_matching", m, "profiling")
        if annex.id not in published.shown_ids("matching_profiling"):
            found.append(Problem(
                published.locate(path, key=True), "warning", "matching-profiling-not-shown",
                f"the annex '{annex.id}' says whether its matching profiles people, but no "
                "section shows it, so readers never see it",
                fix=f"add a section with 'show: matching-profiling' and 'matching: {annex.id}'",
                rule="UK GDPR Art 13(2)(f) / 14(2)(g); ICO right-to-be-informed checklist "
                     "item 16 [R]"))
        if profiling.decisions == "solely-automated" and not _automated(published):
            found.append(Problem(
                published.locate(path + ("decisions",)), "error",
                "matching-automated-decisions-unstated",
                f"the annex '{annex.id}' says decisions are made from its profiling by "
                "automated means alone, but the notice's 'automated_decisions:' does not say "
                "that such decisions are made", fix="add 'automated_decisions:' with 'applies: "
                "true' and a description of the logic and its consequences, and show it",
                rule="UK GDPR Art 13(2)(f) / 14(2)(g) and Arts 22A to 22D (DUAA 2025 s.80) "
                     "[P]"))
        if profiling.applies and _objection_unlisted(published, annex.legal_bases):
            found.append(Problem(
                published.locate(path + ("applies",)), "error",
                "matching-profiling-without-objection",
                f"the annex '{annex.id}' profiles people under public task or legitimate "
                "interests, so they have the right to object to it, but the notice does not "
                "list that right", fix="add '- right: object' to rights",
                rule="UK GDPR Art 21(1) (the right to object covers profiling based on Art "
                     "6(1)(e) or (f)) and Art 21(4) [P]"))
    return found


def _automated(published: Published) -> bool:
    feature = published.notice.automated_decisions
    return feature is not None and feature.applies


def _objection_unlisted(published: Published, annex_bases: tuple[LegalReference, ...]) -> bool:
    """The matching rests on public task or legitimate interests (its own bases, or the
    notice's when it gives none), the page lists the rights itself without the right to
    object, and `missing-right` does not already say so (the page cites such a basis)."""
    notice = published.notice
    if not notice.rights or not published.shows("rights", via_parent=False) or \
            any(entry.right == "object" for entry in notice.rights):
        return False
    cited = {p.basis for ref in published.references() for p in ref.provisions
             if p.kind == "lawful-basis" and p.basis}
    if cited & _OBJECTABLE:
        return False
    provisions = published.doc.registry.provisions
    relied_on = {provisions[i].basis for ref in annex_bases or notice.legal_bases
                 for i in ref.provision_ids
                 if i in provisions and provisions[i].kind == "lawful-basis"}
    return bool(relied_on & _OBJECTABLE)
