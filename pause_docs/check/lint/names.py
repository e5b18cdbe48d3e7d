"""Names in a document's words: misnamed and non-existent Acts, Acts called by a name that
was right only until a day ('GDPR' after 2020), bodies and programmes known by an outdated
name, and email addresses in retired domains."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from ...publish.locale import load_locale
from ...source.models import Body, BodyName
from ...source.models.registry import FormerTitle
from ...source.registry import Registry
from .citations import Citation, plain
from .setting import Finding, Setting, either, grade_note, graded, long_day

_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
_WHAT = {"regulator": "the regulator", "department": "the department",
         "programme": "the programme"}


def check_name(citation: Citation, text: str, setting: Setting) -> Finding | None:
    """What is wrong with how `citation` names an Act or a body, if anything; `text` is the
    passage it is in."""
    name = citation.name
    if name is None or citation.historical:
        return None
    found = " ".join(plain(text[citation.name_span[0]:citation.name_span[1]]).split())
    registry = setting.registry
    if name.kind == "nonexistent":
        title = registry.nonexistent[name.key]
        meant = [_title_of(registry, s) for s in title.suggest]
        return Finding(
            ("nonexistent-instrument", title.title), graded("error", title.evidence),
            "nonexistent-instrument",
            f"no Act called '{found}' is known. {title.note}{grade_note(title.evidence)}",
            f"write {' or '.join(repr(m) for m in meant)}, whichever was meant",
            f"{registry.defined_at[f'nonexistent:{title.title}']} [{title.evidence}]")
    if name.kind == "misnomer":
        instrument = registry.instruments[name.key]
        grade = instrument.evidence
        return Finding(
            ("misnamed-instrument", instrument.id), graded("error", grade),
            "misnamed-instrument",
            f"'{found}' is not the Act's name: it is the {instrument.title}{grade_note(grade)}",
            f"write '{instrument.title}'",
            f"{registry.defined_at[f'instrument:{instrument.id}']} [{grade or 'S'}]")
    if name.kind == "former":
        return _former_title(found, name.key, setting)
    if name.kind == "body":
        body = registry.bodies[name.key]
        if _told_of_its_time(body, found, text, citation.start):
            return None  # 'in 2023 DLUHC funded ...': named as it was then
        return _body(body, found, setting)
    return None


def _title_of(registry: Registry, ident: str) -> str:
    if ident in registry.instruments:
        return registry.instruments[ident].title
    return registry.provisions[ident].citation


def _former_title(found: str, instrument_id: str, setting: Setting) -> Finding | None:
    """'GDPR' in a document published after 31 December 2020."""
    instrument = setting.registry.instruments[instrument_id]
    former: FormerTitle = next(f for f in instrument.former_titles
                               if found.lower() in {t.lower() for t in f.titles})
    short = min((instrument.title, *instrument.aliases), key=len)
    if setting.published <= former.until:
        if setting.as_of <= former.until:
            return None
        # right when published, wrong in a notice still live: judged on the review date
        # when that has passed and the name was already wrong then, else on the day asked
        review = setting.reviewed_by
        judged = (f"judged on its review date, {long_day(review)}, the notice was already out "
                  f"of date and should have been changed then"
                  if review is not None and review > former.until else
                  f"judged as of {long_day(setting.as_of)}, a notice still in use is out of "
                  f"date")
        return Finding(
            ("former-title-since-published", instrument.id), "warning",
            "former-title-since-published",
            f"'{found}' was the right name when this document was published on "
            f"{long_day(setting.published)}, but only until {long_day(former.until)}: "
            f"{judged}: {former.note}{grade_note(former.evidence)}",
            f"write '{short}' and publish a new version",
            f"{setting.registry.defined_at[f'instrument:{instrument.id}']} [{former.evidence}]")
    return Finding(
        ("former-title-when-published", instrument.id), "warning",
        "former-title-when-published",
        f"'{found}' was the right name only until {long_day(former.until)}, and this "
        f"document was published on {long_day(setting.published)}: {former.note}"
        f"{grade_note(former.evidence)}",
        f"write '{short}'",
        f"{setting.registry.defined_at[f'instrument:{instrument.id}']} [{former.evidence}]")


def _current(body: Body, spelling: str, day: dt.date) -> bool:
    return spelling.lower() in {s.lower() for s in body.name_on(day).spellings}


def _renames(body: Body, after: dt.date, until: dt.date) -> list[BodyName]:
    return [n for n in body.names if n.since is not None and after < n.since <= until]


def _grade(body: Body, name: BodyName) -> str:
    return name.evidence or body.evidence


def _body(body: Body, found: str, setting: Setting) -> Finding | None:
    day, as_of = setting.published, setting.as_of
    source = setting.registry.defined_at[f"bodies:{body.id}"]
    what = _WHAT.get(body.kind or "", "the body")
    spellings = [n for n in body.names if found.lower() in {s.lower() for s in n.spellings}]
    if not spellings:
        return None
    if all(n.since and n.since > day for n in spellings):
        return _too_early(body, found, min(n.since for n in spellings if n.since), setting)
    if not _current(body, found, day):
        now = body.name_on(day)
        grade = _grade(body, now)
        return Finding(
            ("outdated-name-when-published", body.id), "warning",
            "outdated-name-when-published",
            f"'{found}' was no longer the name of {what} when this document was "
            f"published on {long_day(day)}: it has been '{now.name}' since "
            f"{long_day(now.since) if now.since else 'before then'}{grade_note(grade)}",
            _write_current(body, found, as_of), f"{source} [{grade}]")
    changes = _renames(body, day, as_of)
    if not changes:
        return None
    history = ", then ".join(f"'{n.name}' on {long_day(n.since)}" for n in changes
                             if n.since is not None)
    grades = [_grade(body, n) for n in changes]
    if not _current(body, found, as_of):
        return Finding(
            ("outdated-name-since-published", body.id), "warning",
            "outdated-name-since-published",
            f"'{found}' was the name of {what} when this document was published on "
            f"{long_day(day)}, but it became {history}: the document has become out of date"
            f"{grade_note(*grades)}",
            _write_current(body, found, as_of), f"{source} [{', '.join(grades)}]")
    kept = all(found.lower() in {s.lower() for s in n.spellings} for n in changes)
    said = (f"'{found}' still names {what} on {long_day(as_of)}, but since this document was "
            f"published on {long_day(day)} {what} became {history}" if kept else
            f"'{found}' is the name of {what} again on {long_day(as_of)}, but after this "
            f"document was published on {long_day(day)} it became {history}")
    return Finding(
        ("renamed-since-published", body.id), "info", "renamed-since-published",
        f"{said}: check that what the document says about it is still true"
        f"{grade_note(*grades)}",
        "check the body still does what the document says",
        f"{source} [{', '.join(grades)}]")


def _too_early(body: Body, found: str, since: dt.date, setting: Setting) -> Finding:
    """A name the body took only after the document was published."""
    day = setting.published
    now = body.name_on(day)
    grade = _grade(body, next(n for n in body.names if n.since == since))
    return Finding(
        ("name-before-it-took-effect", body.id), graded("error", grade),
        "name-before-it-took-effect",
        f"'{found}' is the name of {_WHAT.get(body.kind or '', 'the body')} only from "
        f"{long_day(since)}, but this document was published on {long_day(day)}, when it was "
        f"'{now.name}'{grade_note(grade)}",
        f"write '{now.name}' (or date the document from {long_day(since)})",
        f"{setting.registry.defined_at[f'bodies:{body.id}']} [{grade}]")


_YEAR = re.compile(r"\b(?:in|during|from|until|by|since)\s+(?:\w+\s+)?((?:19|20)\d\d)\b",
                   re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?;\n]*(?:[.!?;](?!\d)|\n|$)")


def _told_of_its_time(body: Body, found: str, text: str, start: int) -> bool:
    """The sentence tells of a year in which the body had the name written: 'in 2023 DLUHC
    funded the programme' is history, not an outdated name."""
    sentence = next((m.group() for m in _SENTENCE.finditer(text)
                     if m.start() <= start < max(m.end(), m.start() + 1)), "")
    years = [int(y) for y in _YEAR.findall(sentence)]
    for index, name in enumerate(body.names):
        if found.lower() not in {s.lower() for s in name.spellings}:
            continue
        after = body.names[index + 1].since if index + 1 < len(body.names) else None
        if any((name.since is None or name.since.year <= year) and
               (after is None or year <= after.year) for year in years):
            return True
    return False


def _write_current(body: Body, found: str, day: dt.date) -> str:
    """The name to write, as far as the registry's evidence shows it: the latest name it can
    show on better than unverified evidence, and a later unverified one as a question."""
    now = body.name_on(day)
    if _grade(body, now) != "U":
        return f"write '{now.name}'{_translated(body, found, now)}"
    known = [n for n in body.names if _grade(body, n) != "U" and
             (n.since is None or n.since <= day)]
    since = f"from {long_day(now.since)}" if now.since else "from an unknown day"
    if not known or found.lower() in {s.lower() for s in known[-1].spellings}:
        return f"check whether it is now called '{now.name}' ({since}: unverified) and if so " \
               "write that name"
    sure = known[-1]
    sure_since = f", its name from {long_day(sure.since)}" if sure.since else ""
    return (f"write '{sure.name}' [{_grade(body, sure)}{sure_since}], or '{now.name}' if it "
            f"is now known by that name ({since}: unverified, check it)")


def _translated(body: Body, found: str, now: BodyName) -> str:
    """For a name found in another language (a Welsh notice's 'Swyddfa'r Comisiynydd
    Gwybodaeth'), the current name in that language, as far as the registry gives it."""
    for name in body.names:
        for language, translation in name.translations.items():
            if found.lower() in {w.lower() for w in (translation.name or "",
                                                     *translation.aliases)}:
                said = now.translations.get(language)
                if said is None or not said.name:
                    return ""
                checked = "" if said.reviewed else ", not yet checked by a speaker of it"
                return f" (in {load_locale(language).english_name}: '{said.name}'{checked})"
    return ""


def retired_emails(text: str, setting: Setting) -> Iterator[tuple[Finding, int, int]]:
    """Each address in a retired mail domain, with its span in `text`."""
    registry = setting.registry
    day, as_of = setting.published, setting.as_of
    for match in _EMAIL.finditer(text):
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
            message = (f"the address {match.group()} is in the {retired.domain} domain, which "
                       f"{when}{grade_note(retired.evidence)}")
            yield Finding(
                (code, match.group().lower()), graded("error", retired.evidence), code,
                message, f"use {retired.replaced_by or 'a working address'}",
                f"{registry.defined_at[f'retired_domains:{retired.domain}']} "
                f"[{retired.evidence}]"), match.start(), match.end()


__all__ = ["check_name", "either", "retired_emails"]
