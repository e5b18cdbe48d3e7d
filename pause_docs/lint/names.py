"""Names in a document's words: misnamed and non-existent Acts, bodies and programmes known by
an outdated name, and email addresses in retired domains."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import Location, Problem
from ..models import Body, BodyName
from ..registry import Registry
from .published import Published, Text, grade_note, graded, long_day

_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
# Kinds of match, best first when two cover the same words: a title that names no Act says
# more than the same words listed as a misnomer of a real Act.
_PRIORITY = {"nonexistent": 0, "misnomer": 1, "body": 2}


@dataclass(frozen=True)
class _Pattern:
    words: str
    kind: str
    key: str  # registry key: nonexistent title, instrument/provision id, or body id
    regex: re.Pattern[str]


@dataclass(frozen=True)
class _Match:
    pattern: _Pattern
    found: str
    start: int
    end: int


def _compile(words: str, exact: bool = False) -> re.Pattern[str]:
    # Names of bodies are proper nouns ('supporting families' is an activity, 'Supporting
    # Families' a programme) and short capitals ('TF') are abbreviations: both match exactly.
    # Titles of Acts match whatever their case.
    flags = 0 if exact or (words.isupper() and len(words) <= 6) else re.IGNORECASE
    body = re.escape(_plain(words)).replace(r"\ ", r"\s+")
    return re.compile(rf"(?<![\w]){body}(?![\w])", flags)


def _plain(text: str) -> str:
    """Curly apostrophes as straight ones (same length, so positions still hold)."""
    return text.replace("\u2019", "'").replace("\u2018", "'")


def patterns(registry: Registry) -> list[_Pattern]:
    found: list[_Pattern] = []
    for title in registry.nonexistent.values():
        found += [_Pattern(w, "nonexistent", title.title, _compile(w)) for w in title.spellings]
    for instrument in registry.instruments.values():
        found += [_Pattern(w, "misnomer", f"instrument:{instrument.id}", _compile(w))
                  for w in instrument.misnomers]
    for provision in registry.provisions.values():
        found += [_Pattern(w, "misnomer", f"provision:{provision.id}", _compile(w))
                  for w in provision.misnomers]
    for body in registry.bodies.values():
        spellings = dict.fromkeys(s for name in body.names for s in name.spellings)
        found += [_Pattern(w, "body", body.id, _compile(w, exact=True)) for w in spellings]
    return found


def _matches(text: str, known: list[_Pattern]) -> list[_Match]:
    """Non-overlapping matches, the longest (then the most specific) winning."""
    plain = _plain(text)
    every = [_Match(p, text[m.start():m.end()], m.start(), m.end())
             for p in known for m in p.regex.finditer(plain)]
    every.sort(key=lambda m: (m.start - m.end, _PRIORITY[m.pattern.kind], m.start))
    kept: list[_Match] = []
    for match in every:
        if all(match.end <= k.start or match.start >= k.end for k in kept):
            kept.append(match)
    return sorted(kept, key=lambda m: m.start)


def check_names(published: Published, as_of: dt.date) -> list[Problem]:
    """Each wrong name once, at its first place, with the other places it appears."""
    known = patterns(published.doc.registry)
    grouped: dict[tuple[str, str], list[tuple[Problem, Location]]] = {}
    for text in published.texts():
        for match in _matches(text.text, known):
            problem = _name_problem(published, match, text, as_of)
            if problem is not None:  # one finding per Act or body, however it is written
                grouped.setdefault((problem.code, problem.fix), []).append(
                    (problem, text.where))
        for problem in _email_problems(published, text, as_of):
            grouped.setdefault((problem.code, problem.message), []).append(
                (problem, text.where))
    return [_once(places) for places in grouped.values()]


def _once(places: list[tuple[Problem, Location]]) -> Problem:
    first, where = places[0]
    others = sorted({w for _, w in places[1:] if w != where})
    if not others:
        return first
    also = ", ".join(f"line {w.line}" if w.path == where.path and w.line else str(w)
                     for w in others)
    return Problem(first.location, first.severity, first.code, f"{first.message} (also at {also})",
                   fix=first.fix, rule=first.rule)


def _name_problem(published: Published, match: _Match, text: Text, as_of: dt.date
                  ) -> Problem | None:
    registry = published.doc.registry
    pattern = match.pattern
    if pattern.kind == "nonexistent":
        title = registry.nonexistent[pattern.key]
        meant = [_title_of(registry, s) for s in title.suggest]
        return Problem(
            text.where, graded("error", title.evidence), "nonexistent-instrument",
            f"no Act called '{match.found}' is known. {title.note}{grade_note(title.evidence)}",
            fix=f"write {' or '.join(repr(m) for m in meant)}, whichever was meant",
            rule=f"{registry.defined_at[f'nonexistent:{title.title}']} [{title.evidence}]")
    if pattern.kind == "misnomer":
        kind, ident = pattern.key.split(":", 1)
        if kind == "instrument":
            instrument = registry.instruments[ident]
            correct, grade = instrument.title, instrument.evidence
        else:
            provision = registry.provisions[ident]
            correct, grade = provision.citation, provision.evidence
        where = registry.defined_at[f"{'instrument' if kind == 'instrument' else 'provisions'}"
                                    f":{ident}"]
        return Problem(
            text.where, graded("error", grade), "misnamed-instrument",
            f"'{match.found}' is not the Act's name: it is the {correct}"
            f"{grade_note(grade)}",
            fix=f"write '{correct}'", rule=f"{where} [{grade or 'S'}]")
    return _body_problem(published, registry.bodies[pattern.key], match, text, as_of)


def _title_of(registry: Registry, ident: str) -> str:
    if ident in registry.instruments:
        return registry.instruments[ident].title
    return registry.provisions[ident].citation


def _current(body: Body, spelling: str, day: dt.date) -> bool:
    return spelling.lower() in {s.lower() for s in body.name_on(day).spellings}


def _renames(body: Body, after: dt.date, until: dt.date) -> list[BodyName]:
    return [n for n in body.names if n.since is not None and after < n.since <= until]


def _body_problem(published: Published, body: Body, match: _Match, text: Text,
                  as_of: dt.date) -> Problem | None:
    day = published.doc.model.published
    source = published.doc.registry.defined_at[f"bodies:{body.id}"]
    what = {"regulator": "the regulator", "department": "the department",
            "programme": "the programme"}.get(body.kind or "", "the body")
    spelling = match.pattern.words
    if all(n.since and n.since > day for n in body.names if spelling in n.spellings):
        return None  # a name the body took only later: not outdated, whatever else it is
    if not _current(body, spelling, day):
        now = body.name_on(day)
        grade = now.evidence or body.evidence
        return Problem(
            text.where, "warning", "outdated-name-when-published",
            f"'{match.found}' was no longer the name of {what} when this document was "
            f"published on {long_day(day)}: it has been '{now.name}' since "
            f"{long_day(now.since) if now.since else 'before then'}{grade_note(grade)}",
            fix=_write_current(body, as_of), rule=f"{source} [{grade}]")
    changes = _renames(body, day, as_of)
    if not changes:
        return None
    history = ", then ".join(f"'{n.name}' on {long_day(n.since)}" for n in changes
                             if n.since is not None)
    grades = [n.evidence or body.evidence for n in changes]
    if not _current(body, spelling, as_of):
        return Problem(
            text.where, "warning", "outdated-name-since-published",
            f"'{match.found}' was the name of {what} when this document was published on "
            f"{long_day(day)}, but it became {history}: the document has become out of date"
            f"{grade_note(*grades)}",
            fix=_write_current(body, as_of), rule=f"{source} [{', '.join(grades)}]")
    return Problem(
        text.where, "info", "renamed-since-published",
        f"'{match.found}' is the name of {what} again on {long_day(as_of)}, but after this "
        f"document was published on {long_day(day)} it became {history}: check that what the "
        f"document says about it is still true{grade_note(*grades)}",
        fix="check the body still does what the document says", rule=f"{source} "
        f"[{', '.join(grades)}]")


def _write_current(body: Body, day: dt.date) -> str:
    name = body.name_on(day)
    unverified = (name.evidence or body.evidence) == "U"
    return f"write '{name.name}'" + (" (the current name is unverified: check it)"
                                     if unverified else "")


def _email_problems(published: Published, text: Text, as_of: dt.date) -> Iterator[Problem]:
    registry = published.doc.registry
    day = published.doc.model.published
    for match in _EMAIL.finditer(text.text):
        domain = match["domain"].lower()
        for retired in registry.retired_domains.values():
            if domain != retired.domain and not domain.endswith("." + retired.domain):
                continue
            if retired.retired_on < day:
                code, when = "retired-email-when-published", (
                    f"had already been switched off when this document was published on "
                    f"{long_day(day)}")
            elif retired.retired_on < as_of:
                code, when = "retired-email-since-published", (
                    f"worked when this document was published on {long_day(day)}, but the "
                    f"domain was retired after {long_day(retired.retired_on)}: the document "
                    f"has become out of date")
            else:
                continue
            yield Problem(
                text.where, graded("error", retired.evidence), code,
                f"the address {match.group()} is in the {retired.domain} domain, which {when}"
                f"{grade_note(retired.evidence)}",
                fix=f"use {retired.replaced_by or 'a working address'}",
                rule=f"{registry.defined_at[f'retired_domains:{retired.domain}']} "
                     f"[{retired.evidence}]")
