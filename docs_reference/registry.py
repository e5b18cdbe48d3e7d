"""The legal registry page: every instrument and provision (id, citation, address, status
in England and in Wales, changes and their dates, evidence grade), the rights, the bodies'
names over time, the titles of Acts that do not exist and the retired email domains."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from pause_docs.source.models.registry import Provision
from pause_docs.source.registry import Registry, load_registry

from . import REPO

ENDS = ("repealed", "disapplied", "replaced")
GRADES = "P primary text, R regulator, S secondary source, U unverified"


def pages() -> dict[str, str]:
    registry, _problems = load_registry(REPO)
    out = ["# The legal registry", "",
           "Every piece of law pause-docs knows, as the package holds it: what a document "
           "cites by id (`provision: ca2004-s10`) and what `lint` reads the law against. "
           "Search this page for the words a notice uses (\"section 10 of the Children Act "
           "2004\") to find the id. Evidence grades: " + GRADES + ". How the registry is "
           "written, and how a council adds its own law: "
           "[keeping the law up to date](../guides/law-updates.md).", ""]
    out += _instruments(registry)
    out += _rights(registry)
    out += _bodies(registry)
    out += _nonexistent(registry)
    out += _domains(registry)
    return {"reference/registry.md": "\n".join(out) + "\n"}


def _instruments(registry: Registry) -> list[str]:
    out = ["## Instruments and their provisions", ""]
    by_instrument: dict[str, list[Provision]] = {}
    for provision in registry.provisions.values():
        by_instrument.setdefault(provision.instrument, []).append(provision)
    for iid in sorted(registry.instruments, key=lambda i: registry.instruments[i].title):
        ins = registry.instruments[iid]
        number = f", number {ins.number}" if ins.number is not None else ""
        out += [f"### {ins.title}", "",
                f"`{ins.id}`: {ins.type}, {ins.year}{number}, <{ins.url}>"
                + (f", evidence {ins.evidence}" if ins.evidence else "") + "."
                + (f" Enacted {_day(ins.enacted)}." if ins.enacted else ""), ""]
        if ins.misnomers:
            out += ["Written wrongly as: " + _words(ins.misnomers) + ".", ""]
        for former in ins.former_titles:
            out += [f"Former name {_words(former.titles)}, right until {_day(former.until)} "
                    f"[{former.evidence}]: {former.note}", ""]
        provisions = sorted(by_instrument.get(iid, ()), key=lambda p: p.id)
        if provisions:
            out += ["| id | citation | what it is | England | Wales | changes | grade |",
                    "|---|---|---|---|---|---|---|"]
            out += [_provision_row(p) for p in provisions]
            out.append("")
    return out


def _provision_row(p: Provision) -> str:
    cite = f"[{p.citation}]({p.url})"
    what = f"{p.title} ({p.kind})"
    changes = "; ".join(
        f"{c.change} {_day(c.on)}" + _in(c.nations) + f" by {c.by} [{c.evidence}]"
        + (f": {c.note}" if c.note else "") for c in p.changes)
    if p.superseded_by:
        changes += ("; " if changes else "") + "cite instead: " + ", ".join(
            f"`{s}`" for s in p.superseded_by)
    return "| " + " | ".join(_cell(c) for c in (
        f"`{p.id}`", cite, what, _status(p, "england"), _status(p, "wales"), changes,
        p.evidence)) + " |"


def _status(p: Provision, nation: str) -> str:
    if nation not in p.nations:
        return "does not extend"
    for change in sorted(p.changes, key=lambda c: c.on, reverse=True):
        if change.change in ENDS and nation in change.nations:
            return f"{change.change} {_day(change.on)}"
    since = f" from {_day(p.in_force_from)}" if p.in_force_from else ""
    superseded = [c for c in p.changes if c.change == "superseded" and nation in c.nations]
    if superseded:
        return f"superseded {_day(superseded[-1].on)}"
    return "in force" + since


def _rights(registry: Registry) -> list[str]:
    out = ["## Rights", "", "| id | right | where | applies to bases | from |",
           "|---|---|---|---|---|"]
    for r in registry.rights.values():
        applies = ", ".join(r.applies_to) if r.applies_to is not None else "all"
        out.append("| " + " | ".join(_cell(c) for c in (
            f"`{r.id}`", r.title, f"[{r.article}]({r.url})", applies,
            _day(r.in_force_from) if r.in_force_from else "")) + " |")
    return out + [""]


def _bodies(registry: Registry) -> list[str]:
    out = ["## Bodies and their names over time", "", "| id | kind | names, oldest first |",
           "|---|---|---|"]
    for b in registry.bodies.values():
        names = "; ".join(
            n.name + (f" ({n.short})" if n.short else "")
            + (f" from {_day(n.since)}" if n.since else "")
            + (f" [{n.evidence}]" if n.evidence else "") for n in b.names)
        out.append(f"| `{b.id}` | {b.kind or ''} | {_cell(names)} |")
    return out + [""]


def _nonexistent(registry: Registry) -> list[str]:
    out = ["## Titles that name no Act", "", "| title as written | meant | why | grade |",
           "|---|---|---|---|"]
    for n in registry.nonexistent.values():
        meant = ", ".join(f"`{s}`" for s in n.suggest)
        out.append("| " + " | ".join(_cell(c) for c in (
            _words((n.title, *n.patterns)), meant, n.note, n.evidence)) + " |")
    return out + [""]


def _domains(registry: Registry) -> list[str]:
    out = ["## Retired email domains", "", "| domain | retired | instead | grade |",
           "|---|---|---|---|"]
    for d in registry.retired_domains.values():
        out.append("| " + " | ".join(_cell(c) for c in (
            f"`{d.domain}`", _day(d.retired_on), d.replaced_by or "", d.evidence)) + " |")
    return out


def _in(nations: Iterable[str]) -> str:
    nations = tuple(nations)
    if len(nations) == 4:
        return ""
    return " in " + ", ".join(n.replace("-", " ").title() for n in nations)


def _words(items: Iterable[str]) -> str:
    return ", ".join(f"\"{w}\"" for w in items)


def _day(day: dt.date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else ""


def _cell(text: str) -> str:
    return text.replace("\n", " ").replace("|", "\\|")
