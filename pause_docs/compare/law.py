"""Changes in the law a document relies on, and in the rights that follow from it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..publish.locale import load_locale
from ..source.models import LegalReference, Provision, Right
from ..source.models.notice import Notice
from ..source.registry import role_of
from ..source.resolved import ResolvedDocument
from .records import Change, Law, notice_of
from .words import joined, norm, words

# What a legal reference's role (registry.role_of) makes it in a diff.
_ROLE_AREAS = {"article-6": "lawful-basis", "article-9": "special-category",
               "article-10": "criminal-offence", "schedule-1": "schedule-1",
               "gateway": "gateways"}
_PAIRED_AREAS = {"lawful-basis", "special-category", "criminal-offence", "schedule-1"}


# --- the law ---------------------------------------------------------------------------

@dataclass(frozen=True)
class _Basis:
    """One provision a document relies on, with the Schedule 1 conditions cited with it."""

    law: Law
    conditions: tuple[Law, ...]
    cited: str
    reason: str


def _as_law(provision: Provision) -> Law:
    return Law(provision.id, provision.citation, provision.url, role_of((provision,)))


def _references(model: Notice) -> list[LegalReference]:
    return [*model.legal_bases, *(r for p in model.purposes for r in p.legal_bases),
            *(r for m in model.data_matching for r in m.legal_bases)]


def _bases(doc: ResolvedDocument) -> dict[str, dict[str, _Basis]]:
    """Area -> provision id -> basis, in the order the document cites them."""
    provisions = doc.registry.provisions
    found: dict[str, dict[str, _Basis]] = {}
    for ref in _references(notice_of(doc)):
        cited = ref.cited_as or " and ".join(provisions[i].citation
                                             for i in ref.provision_ids)
        conditions = tuple(_as_law(provisions[i]) for i in ref.schedule_1.provision_ids
                           ) if ref.schedule_1 else ()
        condition_reason = ref.schedule_1.reason if ref.schedule_1 else None
        reason = norm(" ".join(filter(None, (ref.wording, ref.reason, condition_reason))))
        for pid in ref.provision_ids:
            law = _as_law(provisions[pid])
            found.setdefault(_ROLE_AREAS[law.role], {}).setdefault(
                pid, _Basis(law, conditions, cited, reason))
    return found


def _own_words(basis: _Basis) -> str | None:
    """How the document cites the law, when that is not simply the registry's citation."""
    return None if basis.cited in (basis.law.citation, _with_conditions(basis)) else basis.cited


def _with_conditions(basis: _Basis) -> str:
    if not basis.conditions:
        return basis.law.citation
    return f"{basis.law.citation} with {joined([c.citation for c in basis.conditions])}"


def law_changes(old: ResolvedDocument, new: ResolvedDocument) -> list[Change]:
    before, after = _bases(old), _bases(new)
    changes: list[Change] = []
    for area in _ROLE_AREAS.values():
        was, now = before.get(area, {}), after.get(area, {})
        removed = [b for i, b in was.items() if i not in now]
        added = [b for i, b in now.items() if i not in was]
        for a, b in _replacements(removed, added, old.registry.provisions, area):
            removed.remove(a)
            added.remove(b)
            changes.append(Change(
                area, "replaced", f"{a.law.citation} → {_with_conditions(b)}",
                old=a.cited, new=b.cited,
                old_law=(a.law, *a.conditions), new_law=(b.law, *b.conditions),
                note=_status_note(old.registry.provisions[a.law.id], new)))
        for b in removed:
            changes.append(Change(area, "removed", _with_conditions(b), old=_own_words(b),
                                  old_law=(b.law, *b.conditions),
                                  note=_status_note(old.registry.provisions[b.law.id], new)))
        for b in added:
            status = _status_note(new.registry.provisions[b.law.id], new)
            changes.append(Change(area, "added", _with_conditions(b), new=_own_words(b),
                                  new_law=(b.law, *b.conditions), note=status and
                                  f"{status} The new version cites law that no longer applies."))
        for pid in (i for i in was if i in now):
            changes += _same_basis(area, was[pid], now[pid], old.registry.instruments,
                                   old.registry.provisions)
    return changes


def _replacements(removed: list[_Basis], added: list[_Basis],
                  provisions: dict[str, Provision], area: str) -> list[tuple[_Basis, _Basis]]:
    """Pair a removed provision with the added one the registry says supersedes it; for the
    lawful basis and the conditions, pair what is left in order (one basis replaced another)."""
    pairs: list[tuple[_Basis, _Basis]] = []
    left = list(added)
    for a in removed:
        successor = next((b for b in left if b.law.id in provisions[a.law.id].superseded_by),
                         None)
        if successor is not None:
            pairs.append((a, successor))
            left.remove(successor)
    if area in _PAIRED_AREAS:
        rest = [a for a in removed if all(a is not p for p, _ in pairs)]
        pairs += list(zip(rest, left, strict=False))
    return pairs


def _status_note(provision: Provision, new: ResolvedDocument) -> str | None:
    """Why the old law had to go: repealed or disapplied before the new version."""
    nation = new.council.nation
    for change in provision.changes:
        if change.change in ("repealed", "disapplied") and nation in change.nations and \
                change.on <= notice_of(new).published:
            where = "" if len(change.nations) == 4 else f" in {nation.replace('-', ' ').title()}"
            return (f"{provision.citation} was {change.change}{where} on "
                    f"{load_locale().date(change.on)} ({change.by}).")
    return None


def _same_basis(area: str, was: _Basis, now: _Basis, instruments: dict[str, Any],
                provisions: dict[str, Provision]) -> list[Change]:
    changes = []
    if was.conditions != now.conditions:
        changes.append(Change(area, "changed", f"conditions for {was.law.citation}",
                              old=_with_conditions(was), new=_with_conditions(now),
                              old_law=was.conditions, new_law=now.conditions))
    if was.cited != now.cited:
        wrong = [m for m in instruments[provisions[was.law.id].instrument].misnomers
                 + provisions[was.law.id].misnomers if m in was.cited and m not in now.cited]
        note = (f"Corrects a wrong name: '{wrong[0]}' is the "
                f"{instruments[provisions[was.law.id].instrument].title}." if wrong else None)
        changes.append(Change(area, "changed", f"{was.law.citation}: how it is cited",
                              "wording", old=was.cited, new=now.cited, new_law=(now.law,),
                              note=note, words=words(was.cited, now.cited)))
    if was.reason != now.reason:
        changes.append(Change(area, "changed", f"{was.law.citation}: why it applies", "wording",
                              old=was.reason, new=now.reason, new_law=(now.law,),
                              words=words(was.reason, now.reason)))
    return changes


# --- rights --------------------------------------------------------------------------------

def _right_law(right: Right) -> Law:
    return Law(right.id, right.article, right.url, "right")


def _points(doc: ResolvedDocument) -> dict[str, Provision]:
    """The document's Art 6(1) points (e for public task...) and the provision of each."""
    found: dict[str, Provision] = {}
    for basis in _bases(doc).get("lawful-basis", {}).values():
        provision = doc.registry.provisions[basis.law.id]
        if provision.basis:
            found.setdefault(provision.basis, provision)
    return found


def right_changes(old: ResolvedDocument, new: ResolvedDocument) -> list[Change]:
    registry = new.registry
    was = [e.right for e in notice_of(old).rights]
    now = [e.right for e in notice_of(new).rights]
    changes = []
    for rid in (r for r in now if r not in was):
        right = registry.rights[rid]
        note = None
        if right.in_force_from and right.in_force_from > notice_of(old).published:
            note = (f"A right that came into force on {load_locale().date(right.in_force_from)}"
                    ", after the old version.")
        changes.append(Change("rights", "added", right.title, new=right.summary,
                              new_law=(_right_law(right),), note=note))
    for rid in (r for r in was if r not in now):
        right = old.registry.rights[rid]
        changes.append(Change("rights", "removed", right.title, old=right.summary,
                              old_law=(_right_law(right),)))
    points_was, points_now = _points(old), _points(new)
    for right in registry.rights.values():
        if right.applies_to is None:
            continue
        applied = [p for p in right.applies_to if p in points_was]
        applies = [p for p in right.applies_to if p in points_now]
        if bool(applied) == bool(applies):
            continue
        title = right.title[0].lower() + right.title[1:]
        if applies:
            basis = points_now[applies[0]]
            listed = "the new version lists it" if right.id in now else \
                "the new version does not list it"
            changes.append(Change(
                "rights", "now-applies", f"{right.title} ({right.article})",
                new_law=(_right_law(right), _as_law(basis)),
                note=f"The {title} now applies, because the lawful basis is now "
                     f"{basis.citation} ({_short_title(basis)}); {listed}."))
        else:
            basis = points_was[applied[0]]
            listed = "the new version still lists it" if right.id in now else \
                "the new version no longer lists it"
            changes.append(Change(
                "rights", "no-longer-applies", f"{right.title} ({right.article})",
                old_law=(_right_law(right), _as_law(basis)),
                note=f"The {title} no longer applies, because the lawful basis is no longer "
                     f"{basis.citation} ({_short_title(basis)}); {listed}."))
    return changes


def _short_title(provision: Provision) -> str:
    return provision.title.split(":", 1)[-1].strip()
