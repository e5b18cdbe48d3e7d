"""Is the law a document cites in force for its council: repealed, disapplied, replaced,
renumbered, superseded or not yet in force, judged on the day it was published and on the day
asked about — for a reference by registry id and for the same law written in words alike.

Each fix names what to cite instead for the council's own nation and date: a Welsh council
citing the Local Government Act 2000, s.2 is told the Welsh general power of competence, not
the English one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ...publish.locale import load_locale
from ...source.errors import Severity
from ...source.models import Provision, StatusChange
from ...source.registry import role_of
from .setting import NATION_NAMES, Finding, Setting, either, grade_note, graded, long_day

# A notice may go out a little ahead of the law it relies on, as councils' GDPR notices did
# in May 2018 for the day it applied; earlier than this, relying on it is a mistake.
AHEAD_OF_COMMENCEMENT = dt.timedelta(days=31)
_VERB = {"repealed": "repealed", "disapplied": "disapplied", "superseded": "superseded",
         "replaced": "replaced", "renumbered": "renumbered"}
# Changes after which the law cited still exists, only under a new name or edition.
_WARN_ONLY = {"superseded", "renumbered"}
_ROLE_WORDS = {"article-6": "an Art 6(1) lawful basis",
               "article-9": "for special category data, an Art 9(2) condition with its "
                            "DPA 2018 Schedule 1 condition",
               "article-10": "for criminal offence data, an Art 10 condition with its "
                             "DPA 2018 Schedule 1 condition",
               "schedule-1": "a DPA 2018 Schedule 1 condition"}


def subject(provisions: Sequence[Provision], words: str | None) -> str:
    """How a finding names what was cited: the words, then the registry's citation."""
    citations = " and ".join(p.citation for p in provisions)
    return f"'{words}' ({citations})" if words and words != citations else citations


def check_provisions(provisions: Sequence[Provision], words: str | None, setting: Setting,
                     *, named: bool = False) -> list[Finding]:
    """Findings for one citation of `provisions` (a reference by id or words in a text).
    `named`: the law is named in words ('public task'), not cited: its commencement is not
    judged, since the words were ordinary words before it."""
    registry = setting.registry
    day = setting.published
    found: list[Finding] = []
    # Provisions sharing one change (Schedules 2 and 3 of one repealed Act) make one finding.
    changes: dict[tuple[str, dt.date, str], tuple[StatusChange, list[Provision]]] = {}
    for provision in provisions:
        for change in provision.changes:
            if change.change != "amended" and setting.nation in change.nations and \
                    (change.on <= day or change.on <= setting.as_of):
                key = (change.change, change.on, change.by)
                changes.setdefault(key, (change, []))[1].append(provision)
        source = f"{registry.defined_at[f'provisions:{provision.id}']} [{provision.evidence}]"
        if not named and provision.in_force_from and \
                day + AHEAD_OF_COMMENCEMENT < provision.in_force_from:
            found.append(Finding(
                ("not-in-force", provision.id), graded("error", provision.evidence),
                "not-in-force-when-published",
                f"{subject([provision], words)} was not yet in force when this document was "
                f"published on {long_day(day)}: it came into force on "
                f"{long_day(provision.in_force_from)}{grade_note(provision.evidence)}",
                "date the document from that day, or cite the law in force when it was "
                "published", source))
        if setting.nation not in provision.nations:
            extent = load_locale().joined([NATION_NAMES[n] for n in provision.nations])
            found.append(Finding(
                ("wrong-nation", provision.id), "warning", "wrong-nation",
                f"{subject([provision], words)} extends to {extent} only, but "
                f"{setting.council} is in {NATION_NAMES[setting.nation]}",
                _elsewhere_fix(provision, setting), source))
    for change, changed in changes.values():
        found.append(_change(change, changed, words, setting))
    return found


def _elsewhere_fix(provision: Provision, setting: Setting) -> str:
    """Cite the provision that does the same in the council's nation, named when the
    registry knows it."""
    registry = setting.registry
    there = [registry.provisions[i] for i in provision.elsewhere if i in registry.provisions
             and in_force(registry.provisions[i], setting)]
    nation = NATION_NAMES[setting.nation]
    if not there:
        return f"cite the law that applies in {nation}"
    return f"cite {either([p.citation for p in there])}, which applies in {nation}, instead"


def _change(change: StatusChange, provisions: list[Provision], words: str | None,
            setting: Setting) -> Finding:
    day = setting.published
    verb = _VERB[change.change]
    where_applies = (f" in {NATION_NAMES[setting.nation]}"
                     if len(change.nations) < len(NATION_NAMES) else "")
    what = subject(provisions, words)
    were = "were" if len(provisions) > 1 else "was"
    note = f" ({change.note})" if change.note else ""
    if change.on <= day:
        code = f"{change.change}-when-published"
        message = (f"{what} had already been {verb}{where_applies} when this document was "
                   f"published on {long_day(day)}: {verb} on {long_day(change.on)} by "
                   f"{change.by}{note}, so the document was wrong when published")
    else:
        code = f"{change.change}-since-published"
        message = (f"{what} {were} in force when this document was published on "
                   f"{long_day(day)}, but {were} {verb}{where_applies} on "
                   f"{long_day(change.on)} by {change.by}{note}: the document has become out "
                   f"of date (as of {long_day(setting.as_of)})")
    severity: Severity = "warning" if change.change in _WARN_ONLY else "error"
    source = setting.registry.defined_at[f"provisions:{provisions[0].id}"]
    return Finding((code, change.change, change.on, change.by), graded(severity, change.evidence),
                   code, message + grade_note(change.evidence),
                   replacement_fix(provisions, setting),
                   f"{change.by} [{change.evidence}] ({source})")


def in_force(provision: Provision, setting: Setting) -> bool:
    """Whether the council can cite `provision` today: it applies in its nation, has come
    into force and has not been repealed, disapplied or replaced there."""
    day = setting.as_of
    return setting.nation in provision.nations and \
        (provision.in_force_from is None or provision.in_force_from <= day) and \
        not any(c.change != "amended" and c.on <= day and setting.nation in c.nations
                for c in provision.changes)


def replacement_fix(provisions: Sequence[Provision], setting: Setting) -> str:
    """What to cite instead, for this council's nation, today: only the replacements that
    apply there; lawful bases and conditions as the set a notice needs."""
    registry = setting.registry
    later = [registry.provisions[i] for p in provisions for i in p.superseded_by
             if i in registry.provisions]
    usable = list({p.id: p for p in later if in_force(p, setting)}.values())
    if not usable:
        return "remove the reference or cite the law that replaced it"
    by_role: dict[str, list[Provision]] = {}
    for provision in usable:
        by_role.setdefault(role_of([provision]), []).append(provision)
    if set(by_role) <= {"gateway"}:
        joiner = "and" if all(p.kind == "act" for p in usable) else "or"
        return f"cite {either([p.citation for p in usable], joiner)} instead"
    parts = []
    for role in ("article-6", "article-9", "article-10", "schedule-1", "gateway"):
        options = [_with_needs(p, setting) for p in by_role.get(role, [])]
        if options:
            options[-1] = options[-1].rstrip(",")
            parts.append(f"{_ROLE_WORDS.get(role, 'the law')} ({either(options)})")
    joined = either(parts, "and").replace(" and for ", " and, for ")
    return f"cite {'both ' if len(parts) == 2 else ''}{joined} instead"


def _with_needs(provision: Provision, setting: Setting) -> str:
    """'UK GDPR Art 9(2)(g), with a condition in DPA 2018 Sch 1 Part 2'."""
    needed = [setting.registry.provisions[n].citation for n in provision.needs
              if n in setting.registry.provisions]
    return provision.citation + (f", with a condition in {either(needed)}," if needed else "")
