"""Is the law a document cites in force for its council: repealed, disapplied, superseded or
not yet in force, judged on the day it was published and on the day asked about."""

from __future__ import annotations

import datetime as dt

from ..errors import Problem, Severity
from ..models import Provision, StatusChange
from .published import AHEAD_OF_COMMENCEMENT, Published, Reference, grade_note, graded, long_day

NATION_NAMES = {"england": "England", "wales": "Wales", "scotland": "Scotland",
                "northern-ireland": "Northern Ireland"}
_VERB = {"repealed": "repealed", "disapplied": "disapplied", "superseded": "superseded"}


def check_currency(published: Published, as_of: dt.date) -> list[Problem]:
    """One finding per reference and change: 'was already wrong when published' or 'has
    become out of date' since."""
    problems: list[Problem] = []
    for ref in published.references():
        problems += _reference(published, ref, as_of)
    return problems


def _subject(ref: Reference, provisions: list[Provision]) -> str:
    citations = " and ".join(p.citation for p in provisions)
    cited = ref.reference.cited_as
    return f"'{cited}' ({citations})" if cited and cited != citations else citations


def _reference(published: Published, ref: Reference, as_of: dt.date) -> list[Problem]:
    doc = published.doc
    nation = doc.council.nation
    day = doc.model.published
    registry = doc.registry
    where = published.locate(ref.path)
    problems: list[Problem] = []
    # Provisions sharing one change (Schedules 2 and 3 of one repealed Act) make one finding.
    changes: dict[tuple[str, dt.date, str], tuple[StatusChange, list[Provision]]] = {}
    for provision in ref.provisions:
        for change in provision.changes:
            if change.change != "amended" and nation in change.nations and \
                    (change.on <= day or change.on <= as_of):
                key = (change.change, change.on, change.by)
                changes.setdefault(key, (change, []))[1].append(provision)
        if provision.in_force_from and day + AHEAD_OF_COMMENCEMENT < provision.in_force_from:
            problems.append(Problem(
                where, graded("error", provision.evidence), "not-in-force-when-published",
                f"{_subject(ref, [provision])} was not yet in force when this document was "
                f"published on {long_day(day)}: it came into force on "
                f"{long_day(provision.in_force_from)}{grade_note(provision.evidence)}",
                fix="date the document from that day, or cite the law in force when it was "
                    "published",
                rule=f"{registry.defined_at[f'provisions:{provision.id}']} "
                     f"[{provision.evidence}]"))
        if nation not in provision.nations:
            extent = " and ".join(NATION_NAMES[n] for n in provision.nations)
            problems.append(Problem(
                where, "warning", "outside-extent",
                f"{_subject(ref, [provision])} extends to {extent} only, but "
                f"{doc.council.name} is in {NATION_NAMES[nation]}",
                fix=f"cite the law that applies in {NATION_NAMES[nation]}",
                rule=f"{registry.defined_at[f'provisions:{provision.id}']} "
                     f"[{provision.evidence}]"))
    for change, provisions in changes.values():
        problems.append(_change(published, ref, change, provisions, as_of))
    return problems


def _change(published: Published, ref: Reference, change: StatusChange,
            provisions: list[Provision], as_of: dt.date) -> Problem:
    doc = published.doc
    day = doc.model.published
    registry = doc.registry
    verb = _VERB[change.change]
    where_applies = (f" in {NATION_NAMES[doc.council.nation]}"
                     if len(change.nations) < len(NATION_NAMES) else "")
    subject = _subject(ref, provisions)
    plural = len(provisions) > 1
    if change.on <= day:
        code = f"{change.change}-when-published"
        message = (f"{subject} had already been {verb}{where_applies} when this document was "
                   f"published on {long_day(day)}: {verb} on {long_day(change.on)} by "
                   f"{change.by}, so the document was wrong when published")
    else:
        code = f"{change.change}-since-published"
        message = (f"{subject} {'were' if plural else 'was'} in force when this document was "
                   f"published on {long_day(day)}, but {'were' if plural else 'was'} {verb}"
                   f"{where_applies} on {long_day(change.on)} by {change.by}: the document "
                   f"has become out of date (as of {long_day(as_of)})")
    later = [registry.provisions[i].citation for p in provisions for i in p.superseded_by
             if i in registry.provisions]
    fix = (f"cite {_either(list(dict.fromkeys(later)))} instead" if later
           else "remove the reference or cite the law that replaced it")
    severity: Severity = "warning" if change.change == "superseded" else "error"
    source = registry.defined_at[f"provisions:{provisions[0].id}"]
    return Problem(published.locate(ref.path), graded(severity, change.evidence), code,
                   message + grade_note(change.evidence), fix=fix,
                   rule=f"{change.by} [{change.evidence}] ({source})")


def _either(words: list[str]) -> str:
    """'A', 'A or B', 'A, B or C'."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"
