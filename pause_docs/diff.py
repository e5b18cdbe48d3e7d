"""What changed between two versions of a document, in legal terms: a list of change records.

Both versions are compared as resolved models (after programme inheritance, variables and
registry lookup), never as YAML text, so re-ordering, re-indenting or re-wording keys is no
change in law. A re-ordering is reported separately, as presentation.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from .errors import Problem
from .models import LegalReference, Provision, Right
from .models.notice import DataCategory, Notice
from .project import ResolvedDocument
from .render import citation

Weight = Literal["legal", "wording", "presentation"]
Action = Literal["added", "removed", "replaced", "changed", "now-applies", "no-longer-applies",
                 "reordered"]

# Areas in the order a legal team reads them; the title says what the area is in law.
AREAS: dict[str, str] = {
    "lawful-basis": "Lawful basis (UK GDPR Art 6)",
    "special-category": "Special category condition (UK GDPR Art 9)",
    "criminal-offence": "Criminal offence data condition (UK GDPR Art 10)",
    "schedule-1": "DPA 2018 Schedule 1 condition",
    "gateways": "Statutory gateways (powers and duties)",
    "rights": "Rights of the people the data is about",
    "purposes": "Purposes",
    "data-categories": "Categories of personal data",
    "data-subjects": "Whom the data is about",
    "sources": "Where the data comes from",
    "recipients": "Recipients, processors and onward sharing",
    "transfers": "Transfers outside the UK",
    "retention": "Retention",
    "data-matching": "Data-matching annexes",
    "contacts": "Contacts and Data Protection Officer",
    "safeguards": "Safeguards",
    "document": "Document",
    "text": "Text",
    "order": "Order and layout",
}
# What a legal reference's role (render.Citation.role) makes it in a diff.
_ROLE_AREAS = {"article-6": "lawful-basis", "article-9": "special-category",
               "article-10": "criminal-offence", "schedule-1": "schedule-1",
               "gateway": "gateways"}
_PAIRED_AREAS = {"lawful-basis", "special-category", "criminal-offence", "schedule-1"}
_SIMILAR = 0.5


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
        return AREAS[self.area]


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

    def weighted(self, weight: Weight) -> list[Change]:
        return [c for c in self.changes if c.weight == weight]

    @property
    def changed(self) -> bool:
        """True when the content changed; a change of order or layout alone does not count."""
        return any(c.weight != "presentation" for c in self.changes)

    def as_dict(self) -> dict[str, Any]:
        def problem(p: Problem) -> dict[str, str]:
            return {"location": str(p.location), "severity": p.severity, "code": p.code,
                    "message": p.message}

        return {
            "old": _jsonable(dataclasses.asdict(self.old)),
            "new": _jsonable(dataclasses.asdict(self.new)),
            "changed": self.changed,
            "changes": [{**_jsonable(dataclasses.asdict(c)), "area_title": c.area_title}
                        for c in self.changes],
            "lint": None if self.lint is None else {
                "fixed": [problem(p) for p in self.lint.fixed],
                "introduced": [problem(p) for p in self.lint.introduced]},
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


def diff_documents(old: ResolvedDocument, new: ResolvedDocument, lint: Lint | None = None,
                   *, old_label: str | None = None, new_label: str | None = None,
                   notes: Iterable[str] = ()) -> Comparison:
    """Every change from `old` to `new`; `lint`, when given, finds each version's problems."""
    changes = [*_law(old, new), *_rights(old, new), *_content(old.model, new.model),
               *_contacts(old, new), *_texts(old.model, new.model), *_order(old, new)]
    order = list(AREAS)
    weights = ("legal", "wording", "presentation")
    changes.sort(key=lambda c: (weights.index(c.weight), order.index(c.area)))
    delta = None
    if lint is not None:
        delta = _lint_delta(list(lint(old)), list(lint(new)))
    return Comparison(version_of(old, old_label), version_of(new, new_label), tuple(changes),
                      delta, tuple(notes))


# --- the law ---------------------------------------------------------------------------

@dataclass(frozen=True)
class _Basis:
    """One provision a document relies on, with the Schedule 1 conditions cited with it."""

    law: Law
    conditions: tuple[Law, ...]
    cited: str
    reason: str


def _as_law(provision: Provision) -> Law:
    role = citation(LegalReference(provision=provision.id), {provision.id: provision}).role
    return Law(provision.id, provision.citation, provision.url, role)


def _references(model: Notice) -> list[LegalReference]:
    return [*model.legal_bases, *(r for p in model.purposes for r in p.legal_bases),
            *(r for m in model.data_matching for r in m.legal_bases)]


def _bases(doc: ResolvedDocument) -> dict[str, dict[str, _Basis]]:
    """Area -> provision id -> basis, in the order the document cites them."""
    provisions = doc.registry.provisions
    found: dict[str, dict[str, _Basis]] = {}
    for ref in _references(doc.model):
        cited = citation(ref, provisions)
        conditions = tuple(_as_law(provisions[i]) for i in ref.schedule_1.provision_ids
                           ) if ref.schedule_1 else ()
        condition_reason = ref.schedule_1.reason if ref.schedule_1 else None
        reason = _norm(" ".join(filter(None, (ref.wording, ref.reason, condition_reason))))
        for pid in ref.provision_ids:
            law = _as_law(provisions[pid])
            found.setdefault(_ROLE_AREAS[law.role], {}).setdefault(
                pid, _Basis(law, conditions, cited.text, reason))
    return found


def _own_words(basis: _Basis) -> str | None:
    """How the document cites the law, when that is not simply the registry's citation."""
    return None if basis.cited in (basis.law.citation, _with_conditions(basis)) else basis.cited


def _with_conditions(basis: _Basis) -> str:
    if not basis.conditions:
        return basis.law.citation
    return f"{basis.law.citation} with {_joined([c.citation for c in basis.conditions])}"


def _law(old: ResolvedDocument, new: ResolvedDocument) -> list[Change]:
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
            changes.append(Change(area, "added", _with_conditions(b), new=_own_words(b),
                                  new_law=(b.law, *b.conditions)))
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
                change.on <= new.model.published:
            where = "" if len(change.nations) == 4 else f" in {nation.replace('-', ' ').title()}"
            return (f"{provision.citation} was {change.change}{where} on "
                    f"{change.on.day} {change.on:%B %Y} ({change.by}).")
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


def _rights(old: ResolvedDocument, new: ResolvedDocument) -> list[Change]:
    registry = new.registry
    was = [e.right for e in old.model.rights]
    now = [e.right for e in new.model.rights]
    changes = []
    for rid in (r for r in now if r not in was):
        right = registry.rights[rid]
        note = None
        if right.in_force_from and right.in_force_from > old.model.published:
            note = (f"A right that came into force on {right.in_force_from.day} "
                    f"{right.in_force_from:%B %Y}, after the old version.")
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


# --- what the data is, where it comes from and where it goes ---------------------------------

T = TypeVar("T")


def _match(was: Sequence[T], now: Sequence[T], key: Callable[[T], str],
           text: Callable[[T], str] | None = None
           ) -> tuple[list[tuple[T, T]], list[T], list[T]]:
    """Pairs (by key, then by similar text), the removed and the added, in order."""
    pairs: list[tuple[T, T]] = []
    left = list(now)
    removed = []
    for item in was:
        same = next((n for n in left if key(n) == key(item)), None)
        if same is None:
            removed.append(item)
        else:
            pairs.append((item, same))
            left.remove(same)
    if text is not None:
        for item in list(removed):
            best = max(left, key=lambda n: _similarity(text(item), text(n)), default=None)
            if best is not None and _similarity(text(item), text(best)) >= _SIMILAR:
                pairs.append((item, best))
                removed.remove(item)
                left.remove(best)
    return pairs, removed, left


def _flag(area: str, subject: str, was: bool, now: bool, what: str) -> list[Change]:
    if was == now:
        return []
    return [Change(area, "changed", subject, old=f"{'' if was else 'not '}{what}",
                   new=f"{'' if now else 'not '}{what}")]


def _text_change(area: str, subject: str, was: str | None, now: str | None,
                 weight: Weight = "wording") -> list[Change]:
    a, b = _norm(was or ""), _norm(now or "")
    if a == b:
        return []
    return [Change(area, "changed", subject, weight, old=a or None, new=b or None,
                   words=words(a, b))]


def _content(old: Notice, new: Notice) -> list[Change]:
    return [*_purposes(old, new), *_categories(old, new), *_subjects(old, new),
            *_sources(old, new), *_recipients(old, new), *_transfers(old, new),
            *_retention("retention", old.retention, new.retention), *_matching(old, new),
            *_safeguards(old, new)]


def _purposes(old: Notice, new: Notice) -> list[Change]:
    pairs, removed, added = _match(old.purposes, new.purposes, lambda p: _norm(p.description),
                                   lambda p: p.description)
    changes = [Change("purposes", "removed", _norm(p.description)) for p in removed]
    changes += [Change("purposes", "added", _norm(p.description)) for p in added]
    for a, b in pairs:
        changes += _text_change("purposes", "a purpose", a.description, b.description)
    return changes


_SPECIAL = "special category data (UK GDPR Art 9)"
_CRIMINAL = "criminal offence data (UK GDPR Art 10)"


def _categories(old: Notice, new: Notice) -> list[Change]:
    area = "data-categories"
    pairs, removed, added = _match(old.data_categories, new.data_categories,
                                   lambda c: _key(c.name), lambda c: c.name)
    changes = [Change(area, "removed", c.name, note=_flags(c)) for c in removed]
    changes += [Change(area, "added", c.name, new=_norm(c.examples or "") or None,
                       note=_flags(c)) for c in added]
    for a, b in pairs:
        changes += _text_change(area, f"{a.name}: name", a.name, b.name)
        changes += _flag(area, b.name, a.special_category, b.special_category, _SPECIAL)
        changes += _flag(area, b.name, a.criminal_offence, b.criminal_offence, _CRIMINAL)
        changes += _text_change(area, f"{b.name}: examples", a.examples, b.examples)
    return changes


def _subjects(old: Notice, new: Notice) -> list[Change]:
    area = "data-subjects"
    pairs, removed, added = _match(old.data_subjects, new.data_subjects,
                                   lambda s: _key(s.name), lambda s: s.name)
    changes = [Change(area, "removed", s.name) for s in removed]
    changes += [Change(area, "added", s.name,
                       note=_joined([w for w, f in (("includes children", s.children),
                                                    ("vulnerable", s.vulnerable)) if f]) or None)
                for s in added]
    for a, b in pairs:
        changes += _text_change(area, f"{a.name}: name", a.name, b.name)
        changes += _flag(area, b.name, a.children, b.children, "includes children")
        changes += _flag(area, b.name, a.vulnerable, b.vulnerable, "vulnerable")
        changes += _text_change(area, f"{b.name}: description", a.description, b.description)
    return changes


def _sources(old: Notice, new: Notice) -> list[Change]:
    area = "sources"
    pairs, removed, added = _match(old.sources, new.sources, lambda s: _key(s.name),
                                   lambda s: s.name)
    changes = [Change(area, "removed", s.name) for s in removed]
    changes += [Change(area, "added", s.name, note="publicly accessible"
                       if s.publicly_accessible else None) for s in added]
    for a, b in pairs:
        changes += _text_change(area, f"{a.name}: name", a.name, b.name)
        changes += _flag(area, b.name, a.publicly_accessible, b.publicly_accessible,
                         "publicly accessible")
        changes += _text_change(area, f"{b.name}: description", a.description, b.description)
    return changes


def _transfers(old: Notice, new: Notice) -> list[Change]:
    was, now = old.transfers, new.transfers
    if was is not None and now is not None:
        return [*_flag("transfers", "transfers", was.outside_uk, now.outside_uk,
                       "outside the UK"),
                *_text_change("transfers", "what the notice says", was.statement,
                              now.statement, "legal")]
    if now is not None:
        return [Change("transfers", "added", "outside the UK" if now.outside_uk else
                       "none outside the UK", new=_norm(now.statement))]
    if was is not None:
        return [Change("transfers", "removed", "outside the UK" if was.outside_uk else
                       "none outside the UK", old=_norm(was.statement))]
    return []


def _safeguards(old: Notice, new: Notice) -> list[Change]:
    """A safeguard added or dropped is substance; a re-worded one is wording."""
    pairs, removed, added = _match(old.safeguards, new.safeguards, _norm, lambda s: s)
    changes = [Change("safeguards", "removed", _norm(s)) for s in removed]
    changes += [Change("safeguards", "added", _norm(s)) for s in added]
    for a, b in pairs:
        changes += _text_change("safeguards", "a safeguard", a, b)
    return changes


def _flags(category: DataCategory) -> str | None:
    return _joined([w for w, f in ((_SPECIAL, category.special_category),
                                   (_CRIMINAL, category.criminal_offence)) if f]) or None


def _recipients(old: Notice, new: Notice) -> list[Change]:
    area = "recipients"
    changes: list[Change] = []
    pairs, removed, added = _match(old.recipients, new.recipients, lambda r: _key(r.name),
                                   lambda r: r.name)
    for r in removed:
        changes.append(Change(area, "removed", r.name, old=_norm(r.purpose or "") or None,
                              note=None if r.role == "recipient" else r.role))
    for r in added:
        onward = f"; may pass it on to {_joined([o.to for o in r.onward])}" if r.onward else ""
        changes.append(Change(area, "added", r.name, new=_norm(r.purpose or "") or None,
                              note=(r.role if r.role != "recipient" else "") + onward or None))
    for a, b in pairs:
        if a.role != b.role:
            changes.append(Change(area, "changed", b.name, old=a.role, new=b.role))
        changes += _text_change(area, f"{b.name}: why it receives the data", a.purpose,
                                b.purpose)
        shared_pairs, lost, gained = _match(a.data_shared, b.data_shared, _norm, lambda s: s)
        changes += [Change(area, "removed", f"{b.name} no longer receives", old=_norm(s))
                    for s in lost]
        changes += [Change(area, "added", f"{b.name} now receives", new=_norm(s))
                    for s in gained]
        for x, y in shared_pairs:
            changes += _text_change(area, f"{b.name}: what it receives", x, y)
        onward_pairs, gone, new_onward = _match(a.onward, b.onward, lambda o: _key(o.to))
        changes += [Change(area, "removed", f"onward sharing by {b.name} to {o.to}")
                    for o in gone]
        changes += [Change(area, "added", f"onward sharing by {b.name} to {o.to}",
                           new=o.form) for o in new_onward]
        for ox, oy in onward_pairs:
            if ox.form != oy.form:
                changes.append(Change(area, "changed", f"onward sharing by {b.name} to {oy.to}",
                                      old=ox.form, new=oy.form))
            changes += _text_change(area, f"onward sharing by {b.name} to {oy.to}: why",
                                    ox.purpose, oy.purpose)
        changes += _text_change(area, f"{b.name}: onward recipients described as",
                                a.onward_group, b.onward_group)
    return changes


def _retention(area: str, old: Sequence[Any], new: Sequence[Any],
               prefix: str = "") -> list[Change]:
    changes: list[Change] = []
    pairs, removed, added = _match(old, new, lambda r: _key(r.records or r.rule),
                                   lambda r: f"{r.records or ''} {r.period or ''} {r.rule}")
    changes += [Change(area, "removed", prefix + (r.records or "a retention rule"),
                       old=_norm(r.rule)) for r in removed]
    changes += [Change(area, "added", prefix + (r.records or "a retention rule"),
                       new=_norm(r.rule)) for r in added]
    for a, b in pairs:
        subject = prefix + (b.records or "a retention rule")
        if a.period != b.period:
            changes.append(Change(area, "changed", f"{subject}: period", old=a.period,
                                  new=b.period))
        changes += _text_change(area, subject, a.rule, b.rule, "legal")
    return changes


def _matching(old: Notice, new: Notice) -> list[Change]:
    area = "data-matching"
    changes: list[Change] = []
    pairs, removed, added = _match(old.data_matching, new.data_matching, lambda m: m.id)
    changes += [Change(area, "removed", m.name) for m in removed]
    changes += [Change(area, "added", m.name) for m in added]
    for a, b in pairs:
        changes += _text_change(area, f"{b.name}: name", a.name, b.name)
        changes += _text_change(area, f"{b.name}: processor", a.processor, b.processor, "legal")
        changes += _text_change(area, f"{b.name}: purpose", a.purpose, b.purpose)
        sets = _match(a.datasets, b.datasets, lambda d: _key(d.name))
        changes += [Change(area, "removed", f"{b.name}: matched against {d.name}")
                    for d in sets[1]]
        changes += [Change(area, "added", f"{b.name}: matched against {d.name}",
                           new=d.holder) for d in sets[2]]
        crit = _match(a.criteria, b.criteria, _norm, lambda c: c)
        changes += [Change(area, "removed", f"{b.name}: criterion", old=_norm(c))
                    for c in crit[1]]
        changes += [Change(area, "added", f"{b.name}: criterion", new=_norm(c))
                    for c in crit[2]]
        for x, y in crit[0]:
            changes += _text_change(area, f"{b.name}: a criterion", x, y)
        sent = _match(a.data_sent, b.data_sent, _norm)
        changes += [Change(area, "removed", f"{b.name}: data sent", old=s) for s in sent[1]]
        changes += [Change(area, "added", f"{b.name}: data sent", new=s) for s in sent[2]]
        changes += _retention(area, a.retention, b.retention, f"{b.name}: ")
    return changes


# --- contacts ------------------------------------------------------------------------------

def _shows(model: Notice, block: str) -> bool:
    covered = model.top_level_notice is not None and block in model.top_level_notice.covers
    return not covered and any(s.show == block for s in model.sections)


def _contact_text(contact: Any) -> str:
    parts = [contact.name, *(f"email {contact.email}",) * bool(contact.email),
             *(f"phone {contact.phone}",) * bool(contact.phone),
             *((", ".join(contact.address),) if contact.address else ())]
    return "; ".join(parts)


def _shown_contacts(doc: ResolvedDocument) -> dict[str, str]:
    """The contacts a reader of the published document sees, by what they are for."""
    model, council = doc.model, doc.council
    found = {}
    if _shows(model, "dpo") or _shows(model, "complaints"):
        contact = council.dpo or council.enquiries
        if contact is not None:
            found["Data Protection Officer" if council.dpo else "Contact for complaints"] = \
                _contact_text(contact)
    if _shows(model, "further-information"):
        who = council.enquiries or council.dpo
        if who is not None and who.email:
            found["Questions about data sharing"] = f"{who.name}; email {who.email}"
    regulator = doc.registry.regulator
    if _shows(model, "complaints") and regulator is not None:
        found["Regulator"] = regulator.name_on(model.published).name
        if model.complaints.online_form and (council.complaints_form or council.website):
            found["Online complaints form"] = str(council.complaints_form or council.website)
    return found


def _contacts(old: ResolvedDocument, new: ResolvedDocument) -> list[Change]:
    was, now = _shown_contacts(old), _shown_contacts(new)
    changes = []
    for role in now:
        if role not in was:
            changes.append(Change("contacts", "added", role, new=now[role]))
        elif was[role] != now[role]:
            changes.append(Change("contacts", "changed", role, old=was[role], new=now[role]))
    changes += [Change("contacts", "removed", role, old=was[role]) for role in was
                if role not in now]
    return changes


# --- free text -------------------------------------------------------------------------------

_COMPLAINT_STEPS = (("first_step", "first step"), ("to_dpo", "to the DPO"),
                    ("online_form", "online form"), ("to_regulator", "to the regulator"))


def _passages(model: Notice) -> list[tuple[str, str]]:
    """The free text a reader sees, as (where it is, text), in page order."""
    found: list[tuple[str, str]] = [("title", model.title)]
    if model.subtitle:
        found.append(("subtitle", model.subtitle))
    part = "opening"
    for section in model.sections:
        if section.heading:
            part = f"'{section.heading}'"
            found.append(("heading", section.heading))
        if section.intro:
            found.append((f"{part}: introduction", section.intro))
        show = section.show
        if show == "summary" and model.summary:
            found.append((f"{part}: summary", model.summary))
        elif show == "purpose" and model.purpose:
            found.append((f"{part}: purpose", model.purpose))
        elif show == "phases":
            found += [(f"{part}: phase {i}", p) for i, p in enumerate(model.phases, 1)]
        elif show == "complaints" and _shows(model, "complaints"):
            found += [(f"{part}: complaints, {what}", getattr(model.complaints, name))
                      for name, what in _COMPLAINT_STEPS if getattr(model.complaints, name)]
        if section.text:
            found.append((f"{part}: text", section.text))
    counted: dict[str, int] = {}
    labelled = []
    for label, text in found:
        counted[label] = counted.get(label, 0) + 1
        n = counted[label]
        unique = label if n == 1 or label == "heading" else f"{label} ({n})"
        labelled.append((unique, _norm(text)))
    return labelled


def _texts(old: Notice, new: Notice) -> list[Change]:
    was, now = _passages(old), _passages(new)
    changes = _compare_passages([p for p in was if not p[0].startswith("heading")],
                                [p for p in now if not p[0].startswith("heading")], True)
    return _compare_passages([p for p in was if p[0].startswith("heading")],
                             [p for p in now if p[0].startswith("heading")], False) + changes


def _compare_passages(was: list[tuple[str, str]], now: list[tuple[str, str]],
                      by_place: bool) -> list[Change]:
    """Text that did not change is matched wherever it moved to; then text in the same
    place (`by_place`), then similar text, is compared word by word."""
    pairs, removed, added = _match(was, now, lambda p: p[1])
    place = (lambda p: p[0]) if by_place else (lambda p: p[1])
    pairs, removed, added = _match(removed, added, place, lambda p: p[1])
    changes = [Change("text", "changed", where, "wording", old=a, new=b, words=words(a, b))
               for (_, a), (where, b) in pairs]
    changes += [Change("text", "removed", where, "wording", old=text, words=(("-", text),))
                for where, text in removed]
    changes += [Change("text", "added", where, "wording", new=text, words=(("+", text),))
                for where, text in added]
    return changes


# --- order -----------------------------------------------------------------------------------

def _order(old: ResolvedDocument, new: ResolvedDocument) -> list[Change]:
    """Lists whose items are the same but in another order: presentation, not law."""
    provisions = new.registry.provisions
    lists: list[tuple[str, list[str], list[str]]] = [
        ("legal bases", [_basis_label(r, provisions) for r in old.model.legal_bases],
         [_basis_label(r, provisions) for r in new.model.legal_bases]),
        ("rights", [new.registry.rights[e.right].title for e in old.model.rights
                    if e.right in new.registry.rights],
         [new.registry.rights[e.right].title for e in new.model.rights]),
        ("recipients", [r.name for r in old.model.recipients],
         [r.name for r in new.model.recipients]),
        ("categories of personal data", [c.name for c in old.model.data_categories],
         [c.name for c in new.model.data_categories]),
        ("sources", [s.name for s in old.model.sources], [s.name for s in new.model.sources]),
        ("retention rules", [r.rule for r in old.model.retention],
         [r.rule for r in new.model.retention]),
        ("safeguards", list(old.model.safeguards), list(new.model.safeguards)),
        ("headings", [s.heading for s in old.model.sections if s.heading],
         [s.heading for s in new.model.sections if s.heading]),
    ]
    changes = []
    for what, was, now in lists:
        common = [x for x in was if x in now]
        moved = [x for x in now if x in was]
        if common != moved:
            changes.append(Change("order", "reordered", what, "presentation",
                                  old="; ".join(_norm(x) for x in common),
                                  new="; ".join(_norm(x) for x in moved)))
    return changes


def _basis_label(ref: LegalReference, provisions: dict[str, Provision]) -> str:
    return " and ".join(provisions[i].citation for i in ref.provision_ids if i in provisions)


# --- lint ------------------------------------------------------------------------------------

def _lint_delta(old: list[Problem], new: list[Problem]) -> LintDelta:
    """Findings are the same finding when code and message agree; their lines move."""
    def key(p: Problem) -> tuple[str, str, str]:
        return (p.severity, p.code, p.message)

    was, now = {key(p) for p in old}, {key(p) for p in new}
    return LintDelta(tuple(sorted(p for p in old if key(p) not in now)),
                     tuple(sorted(p for p in new if key(p) not in was)))


# --- words -----------------------------------------------------------------------------------

_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _key(text: str) -> str:
    return _norm(text).casefold()


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, _norm(a).split(), _norm(b).split(),
                                   autojunk=False).ratio()


def words(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """A word-level diff: runs of ("=", kept), ("-", deleted), ("+", inserted) text."""
    a, b = _norm(old).split(), _norm(new).split()
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("+", " ".join(b[j1:j2])))
    return tuple(out)


def _joined(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
