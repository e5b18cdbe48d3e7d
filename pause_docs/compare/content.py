"""Changes in what the data is, where it comes from, where it goes, and whom to contact."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..publish.tree import Address, Group, Link, Paragraph, Publication, plain, walk
from ..source.models.matching import DataMatching
from ..source.models.notice import DataCategory, Notice
from ..source.resolved import ResolvedDocument
from .records import Change
from .words import flag_change, joined, key_of, match_items, norm, text_change

# --- what the data is, where it comes from and where it goes ---------------------------------

# The fields compared for what they mean in law.  A field the page does not present says
# nothing to its readers, so it is compared as empty (data subjects are always compared:
# they decide what a screening and the law make of the rest).
COMPARED = ("purposes", "data_categories", "sources", "recipients", "transfers", "retention",
            "safeguards", "data_matching")


def published(model: Notice, publication: Publication) -> Notice:
    """The notice with what its page does not present left out."""
    hidden = {name: Notice.model_fields[name].default for name in COMPARED
              if not publication.presents(name, via_parent=False)}
    return model.model_copy(update=hidden)


def content_changes(old: Notice, new: Notice, old_page: Publication, new_page: Publication
                    ) -> list[Change]:
    old, new = published(old, old_page), published(new, new_page)
    return [*_purposes(old, new), *_categories(old, new), *_subjects(old, new),
            *_sources(old, new), *_recipients(old, new), *_transfers(old, new),
            *_retention("retention", old.retention, new.retention), *_matching(old, new),
            *_safeguards(old, new)]


def _purposes(old: Notice, new: Notice) -> list[Change]:
    pairs, removed, added = match_items(old.purposes, new.purposes, lambda p: norm(p.description),
                                   lambda p: p.description)
    changes = [Change("purposes", "removed", norm(p.description)) for p in removed]
    changes += [Change("purposes", "added", norm(p.description)) for p in added]
    for a, b in pairs:
        changes += text_change("purposes", "a purpose", a.description, b.description)
    return changes


_SPECIAL = "special category data (UK GDPR Art 9)"
_CRIMINAL = "criminal offence data (UK GDPR Art 10)"


def _categories(old: Notice, new: Notice) -> list[Change]:
    area = "data-categories"
    pairs, removed, added = match_items(old.data_categories, new.data_categories,
                                   lambda c: key_of(c.name), lambda c: c.name)
    changes = [Change(area, "removed", c.name, note=_flags(c)) for c in removed]
    changes += [Change(area, "added", c.name, new=norm(c.examples or "") or None,
                       note=_flags(c)) for c in added]
    for a, b in pairs:
        changes += text_change(area, f"{a.name}: name", a.name, b.name)
        changes += flag_change(area, b.name, a.special_category, b.special_category, _SPECIAL)
        changes += flag_change(area, b.name, a.criminal_offence, b.criminal_offence, _CRIMINAL)
        changes += text_change(area, f"{b.name}: examples", a.examples, b.examples)
    return changes


def _subjects(old: Notice, new: Notice) -> list[Change]:
    area = "data-subjects"
    pairs, removed, added = match_items(old.data_subjects, new.data_subjects,
                                   lambda s: key_of(s.name), lambda s: s.name)
    changes = [Change(area, "removed", s.name) for s in removed]
    changes += [Change(area, "added", s.name,
                       note=joined([w for w, f in (("includes children", s.children),
                                                    ("vulnerable", s.vulnerable)) if f]) or None)
                for s in added]
    for a, b in pairs:
        changes += text_change(area, f"{a.name}: name", a.name, b.name)
        changes += flag_change(area, b.name, a.children, b.children, "includes children")
        changes += flag_change(area, b.name, a.vulnerable, b.vulnerable, "vulnerable")
        changes += text_change(area, f"{b.name}: description", a.description, b.description)
    return changes


def _sources(old: Notice, new: Notice) -> list[Change]:
    area = "sources"
    pairs, removed, added = match_items(old.sources, new.sources, lambda s: key_of(s.name),
                                   lambda s: s.name)
    changes = [Change(area, "removed", s.name) for s in removed]
    changes += [Change(area, "added", s.name, note="publicly accessible"
                       if s.publicly_accessible else None) for s in added]
    for a, b in pairs:
        changes += text_change(area, f"{a.name}: name", a.name, b.name)
        changes += flag_change(area, b.name, a.publicly_accessible, b.publicly_accessible,
                         "publicly accessible")
        changes += text_change(area, f"{b.name}: description", a.description, b.description)
    return changes


def _transfers(old: Notice, new: Notice) -> list[Change]:
    was, now = old.transfers, new.transfers
    if was is not None and now is not None:
        return [*flag_change("transfers", "transfers", was.outside_uk, now.outside_uk,
                       "outside the UK"),
                *text_change("transfers", "what the notice says", was.statement,
                              now.statement, "legal")]
    if now is not None:
        return [Change("transfers", "added", "outside the UK" if now.outside_uk else
                       "none outside the UK", new=norm(now.statement))]
    if was is not None:
        return [Change("transfers", "removed", "outside the UK" if was.outside_uk else
                       "none outside the UK", old=norm(was.statement))]
    return []


def _safeguards(old: Notice, new: Notice) -> list[Change]:
    """A safeguard added or dropped is substance; a re-worded one is wording."""
    pairs, removed, added = match_items(old.safeguards, new.safeguards, norm, lambda s: s)
    changes = [Change("safeguards", "removed", norm(s)) for s in removed]
    changes += [Change("safeguards", "added", norm(s)) for s in added]
    for a, b in pairs:
        changes += text_change("safeguards", "a safeguard", a, b)
    return changes


def _flags(category: DataCategory) -> str | None:
    return joined([w for w, f in ((_SPECIAL, category.special_category),
                                   (_CRIMINAL, category.criminal_offence)) if f]) or None


def _recipients(old: Notice, new: Notice) -> list[Change]:
    area = "recipients"
    changes: list[Change] = []
    pairs, removed, added = match_items(old.recipients, new.recipients, lambda r: key_of(r.name),
                                   lambda r: r.name)
    for r in removed:
        changes.append(Change(area, "removed", r.name, old=norm(r.purpose or "") or None,
                              note=None if r.role == "recipient" else r.role))
    for r in added:
        onward = f"; may pass it on to {joined([o.to for o in r.onward])}" if r.onward else ""
        changes.append(Change(area, "added", r.name, new=norm(r.purpose or "") or None,
                              note=(r.role if r.role != "recipient" else "") + onward or None))
    for a, b in pairs:
        if a.role != b.role:
            changes.append(Change(area, "changed", b.name, old=a.role, new=b.role))
        changes += text_change(area, f"{b.name}: why it receives the data", a.purpose,
                                b.purpose)
        shared_pairs, lost, gained = match_items(a.data_shared, b.data_shared, norm, lambda s: s)
        changes += [Change(area, "removed", f"{b.name} no longer receives", old=norm(s))
                    for s in lost]
        changes += [Change(area, "added", f"{b.name} now receives", new=norm(s))
                    for s in gained]
        for x, y in shared_pairs:
            changes += text_change(area, f"{b.name}: what it receives", x, y)
        onward_pairs, gone, new_onward = match_items(a.onward, b.onward, lambda o: key_of(o.to))
        changes += [Change(area, "removed", f"onward sharing by {b.name} to {o.to}")
                    for o in gone]
        changes += [Change(area, "added", f"onward sharing by {b.name} to {o.to}",
                           new=o.form) for o in new_onward]
        for ox, oy in onward_pairs:
            if ox.form != oy.form:
                changes.append(Change(area, "changed", f"onward sharing by {b.name} to {oy.to}",
                                      old=ox.form, new=oy.form))
            changes += text_change(area, f"onward sharing by {b.name} to {oy.to}: why",
                                    ox.purpose, oy.purpose)
        changes += text_change(area, f"{b.name}: onward recipients described as",
                                a.onward_group, b.onward_group)
    return changes


def _retention(area: str, old: Sequence[Any], new: Sequence[Any],
               prefix: str = "") -> list[Change]:
    changes: list[Change] = []
    pairs, removed, added = match_items(old, new, lambda r: key_of(r.records or r.rule),
                                   lambda r: f"{r.records or ''} {r.period or ''} {r.rule}")
    changes += [Change(area, "removed", prefix + (r.records or "a retention rule"),
                       old=norm(r.rule)) for r in removed]
    changes += [Change(area, "added", prefix + (r.records or "a retention rule"),
                       new=norm(r.rule)) for r in added]
    for a, b in pairs:
        subject = prefix + (b.records or "a retention rule")
        if a.period != b.period:
            changes.append(Change(area, "changed", f"{subject}: period", old=a.period,
                                  new=b.period))
        changes += text_change(area, subject, a.rule, b.rule, "legal")
    return changes


def _matching(old: Notice, new: Notice) -> list[Change]:
    area = "data-matching"
    changes: list[Change] = []
    pairs, removed, added = match_items(old.data_matching, new.data_matching, lambda m: m.id)
    changes += [Change(area, "removed", m.name) for m in removed]
    changes += [Change(area, "added", m.name) for m in added]
    for a, b in pairs:
        changes += text_change(area, f"{b.name}: name", a.name, b.name)
        changes += text_change(area, f"{b.name}: processor", a.processor, b.processor, "legal")
        changes += text_change(area, f"{b.name}: platform", _platform(a), _platform(b), "legal")
        changes += text_change(area, f"{b.name}: profiling", _profiling(a), _profiling(b),
                               "legal")
        changes += text_change(area, f"{b.name}: purpose", a.purpose, b.purpose)
        sets = match_items(a.datasets, b.datasets, lambda d: key_of(d.name))
        changes += [Change(area, "removed", f"{b.name}: matched against {d.name}")
                    for d in sets[1]]
        changes += [Change(area, "added", f"{b.name}: matched against {d.name}",
                           new=d.holder or d.supplied_by) for d in sets[2]]
        crit = match_items(a.criteria, b.criteria, norm, lambda c: c)
        changes += [Change(area, "removed", f"{b.name}: criterion", old=norm(c))
                    for c in crit[1]]
        changes += [Change(area, "added", f"{b.name}: criterion", new=norm(c))
                    for c in crit[2]]
        for x, y in crit[0]:
            changes += text_change(area, f"{b.name}: a criterion", x, y)
        sent = match_items(a.data_sent, b.data_sent, norm)
        changes += [Change(area, "removed", f"{b.name}: data sent", old=s) for s in sent[1]]
        changes += [Change(area, "added", f"{b.name}: data sent", new=s) for s in sent[2]]
        changes += _retention(area, a.retention, b.retention, f"{b.name}: ")
    return changes


def _platform(annex: DataMatching) -> str | None:
    platform = annex.platform
    return None if platform is None else f"{platform.name}, run by {platform.run_by} " \
        f"({platform.role})"


def _profiling(annex: DataMatching) -> str | None:
    profiling = annex.profiling
    if profiling is None:
        return None
    said = [f"decisions: {profiling.decisions}"] if profiling.decisions else []
    return "; ".join(["profiles people" if profiling.applies else "does not profile people",
                      *said, *([profiling.description] if profiling.description else [])])


# --- contacts ------------------------------------------------------------------------------

# What a contact the page prints is for, by the topics around it (the first that applies).
_CONTACT_ROLES = (("dpo", "Data Protection Officer"), ("complaint-to-regulator", "Regulator"),
                  ("regulator", "Regulator"), ("controller-contact", "Contact"))


def _shown_contacts(page: Publication) -> dict[str, str]:
    """The contacts a reader of the published page sees, by what they are for."""
    found: dict[str, str] = {}

    def visit(nodes: tuple[object, ...], topics: frozenset[str], via: bool) -> None:
        for node in nodes:
            if isinstance(node, Group):
                visit(node.blocks, topics | {node.topic}, via or node.via is not None)
            elif isinstance(node, Address):
                role = next((r for t, r in _CONTACT_ROLES if t in topics), "Contact")
                found.setdefault(role, "; ".join(plain(line, ", ") for line in node.lines))
            elif isinstance(node, Paragraph) and not via:
                links = [n for n in walk(node.content) if isinstance(n, Link)]
                if "complaint-form" in topics and links:
                    found.setdefault("Online complaints form", links[-1].href)
                elif "controller-contact" in topics:
                    emails = [n.href.removeprefix("mailto:") for n in links
                              if n.href.startswith("mailto:")]
                    if emails:
                        found.setdefault("Questions about data sharing", emails[0])
            elif hasattr(node, "blocks"):
                visit(node.blocks, topics, via)

    visit(tuple(page.blocks()), frozenset(), False)
    return found


def contact_changes(old: Publication, new: Publication) -> list[Change]:
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


def document_changes(old: ResolvedDocument, new: ResolvedDocument) -> list[Change]:
    """A different controller (two councils' documents compared) or kind of document."""
    changes = []
    if old.council.name != new.council.name:
        changes.append(Change("document", "changed", "controller", old=old.council.name,
                              new=new.council.name))
    if old.kind != new.kind:
        changes.append(Change("document", "changed", "kind of document", "wording",
                              old=old.kind, new=new.kind))
    return changes
