"""The registry searched by plain words ("children act 2004 section 10", "public task",
"s.10", "art 6(1)(e)"): each provision with its Welsh name, address and status for a nation
on a day, so an officer can pick the law to cite without knowing its id.

An entry that is wrong for the council (repealed, disapplied in its nation, not yet in
force, outside its extent) is shown with that status, never hidden: an officer who looks for
it should learn why not to cite it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..source.models import Provision
from ..source.models.base import NATIONS, Nation
from ..source.registry import Registry
from .words import Field, Match, fields, match, words

# What a status change does to a provision's force; 'amended' leaves it in force.
_ENDING = ("repealed", "disapplied", "superseded", "replaced", "renumbered")
STATUSES = ("in-force", "not-yet-in-force", "outside-extent", *_ENDING)
WELSH = "cy"


@dataclass(frozen=True)
class Change:
    """A dated change in the provision's force, as the registry records it."""

    change: str
    on: dt.date
    nations: tuple[Nation, ...]
    by: str

    def as_json(self) -> dict[str, Any]:
        return {"change": self.change, "on": self.on.isoformat(),
                "nations": list(self.nations), "by": self.by}


@dataclass(frozen=True)
class LawFound:
    """One provision found: what it is, where it is, and whether it can be cited."""

    id: str
    citation: str
    title: str
    welsh: str | None
    url: str
    kind: str
    instrument: str
    nations: tuple[Nation, ...]
    status: str
    since: dt.date | None
    by: str | None
    cite_instead: tuple[str, ...]
    changes: tuple[Change, ...]
    summary: str

    @property
    def usable(self) -> bool:
        return self.status == "in-force"

    def as_json(self) -> dict[str, Any]:
        """Stable JSON: the same keys in the same order for every entry."""
        return {"id": self.id, "citation": self.citation, "title": self.title,
                "welsh": self.welsh, "url": self.url, "kind": self.kind,
                "instrument": self.instrument, "nations": list(self.nations),
                "status": self.status, "usable": self.usable,
                "since": self.since.isoformat() if self.since else None, "by": self.by,
                "cite_instead": list(self.cite_instead),
                "changes": [c.as_json() for c in self.changes], "summary": self.summary}


def status_of(provision: Provision, nation: Nation | None, day: dt.date
              ) -> tuple[str, dt.date | None, str | None]:
    """The provision's status on `day` in `nation` (with no nation: a change counts only
    where it took effect in every nation the provision extends to), with the day it began
    and the instrument that made it."""
    if nation is not None and nation not in provision.nations:
        return "outside-extent", None, None
    ends = []
    for place in (nation,) if nation is not None else provision.nations:
        ended = [c for c in provision.changes
                 if c.change in _ENDING and c.on <= day and place in c.nations]
        if not ended:
            break
        ends.append(max(ended, key=lambda c: c.on))
    else:  # ended in every place asked about: the last of those ends
        last = max(ends, key=lambda c: c.on)
        return last.change, last.on, last.by
    if provision.in_force_from is not None and day < provision.in_force_from:
        return "not-yet-in-force", provision.in_force_from, None
    return "in-force", provision.in_force_from, None


def _fields(provision: Provision, registry: Registry) -> tuple[Field, ...]:
    instrument = registry.instruments.get(provision.instrument)
    welsh = provision.translations.get(WELSH)
    return fields([
        ((provision.id,), 3.0),
        ((provision.citation, welsh.citation if welsh else None), 3.0),
        ((*provision.aliases, *provision.named, *provision.named_as_basis), 2.5),
        ((provision.title,), 2.0),
        ((*provision.misnomers,
          *((instrument.title, *instrument.aliases, *instrument.misnomers)
            if instrument else ())), 1.5),
        ((provision.summary, welsh.summary if welsh else None), 0.5),
    ])


def found(provision: Provision, registry: Registry, nation: Nation | None, day: dt.date
          ) -> LawFound:
    """The provision as a search shows it."""
    status, since, by = status_of(provision, nation, day)
    welsh = provision.translations.get(WELSH)
    instrument = registry.instruments.get(provision.instrument)
    return LawFound(
        provision.id, provision.citation, provision.title,
        welsh.citation if welsh and welsh.citation else None, provision.url, provision.kind,
        instrument.title if instrument else provision.instrument, provision.nations, status,
        since, by, provision.superseded_by,
        tuple(Change(c.change, c.on, c.nations, c.by) for c in provision.changes
              if c.change in _ENDING),
        " ".join(provision.summary.split()))


@dataclass(frozen=True)
class LawSearch:
    """The answer to a search: the entries in order, and whether each matched every word
    (when none does, the nearest: those matching at least half the words)."""

    query: str
    nation: Nation | None
    as_of: dt.date
    complete: bool
    results: tuple[LawFound, ...]

    def as_json(self) -> dict[str, Any]:
        return {"query": self.query, "nation": self.nation, "as_of": self.as_of.isoformat(),
                "complete": self.complete, "results": [r.as_json() for r in self.results]}


def search_law(registry: Registry, query: str, nation: Nation | None = None,
               as_of: dt.date | None = None, limit: int | None = None) -> LawSearch:
    """The provisions that `query` names, best first. An id or citation written exactly
    comes first; with no words, every provision in id order."""
    day = as_of or dt.date.today()
    if nation is not None and nation not in NATIONS:
        raise ValueError(f"unknown nation {nation!r}")
    asked = words(query)
    provisions = sorted(registry.provisions.values(), key=lambda p: p.id)
    if not asked:
        chosen = provisions
        complete = True
    else:
        scored = [(match(asked, _fields(p, registry)), p) for p in provisions]
        complete = any(m.complete for m, _ in scored)
        kept = [(m, p) for m, p in scored if _kept(m, complete)]
        kept.sort(key=lambda pair: (-pair[0].found, -pair[0].score, pair[1].id))
        chosen = [p for _, p in kept]
    results = tuple(found(p, registry, nation, day) for p in chosen[:limit])
    return LawSearch(query, nation, day, complete, results)


def _kept(m: Match, complete: bool) -> bool:
    return m.complete if complete else m.found * 2 >= m.of and m.found > 0


def ids_of(results: Sequence[LawFound]) -> list[str]:
    return [r.id for r in results]
