"""Audit notices a council already published — not written with pause-docs — with the same
law checks `lint` runs on prose: repealed, disapplied, misnamed and non-existent law,
outdated names, what the law cited needs said with it; and which of the items UK GDPR
Arts 13 and 14 ask for can be found in the words ("not found" is for a person to check:
prose cannot prove that something is missing)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from textwrap import shorten

from ...source.errors import Location, Problem
from ...source.models.base import Nation
from ...source.registry import Registry
from ..lint.citing import Mention, check_citations, once
from ..lint.conditions import conditions_missing
from ..lint.drafting import check_drafting, retention_without_period
from ..lint.pointers import for_officers
from ..lint.setting import NATION_NAMES, Passage, Setting, long_day
from ..lint.statements import ITEMS, Item
from .dates import find_published, find_review
from .deferral import deferred_by, names_an_item, outside_pointers, pointers
from .extract import SUFFIXES, Block, CannotRead, Extracted, extract, looks_like_heading
from .welsh import in_both_languages, mostly_welsh

GDPR_APPLIED = dt.date(2018, 5, 25)
CONTROLLER_COMPLAINTS_FROM = dt.date(2026, 6, 19)
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
READ_ITEMS = tuple(in_both_languages(item) for item in ITEMS)
"""The Art 13/14 items as audit finds them: by their English or their Welsh words."""
WELSH_NOTE = ("read as Welsh: the items below are found by the Welsh words councils and the "
              "ICO use, which no Welsh speaker has yet reviewed for pause-docs")


@dataclass(frozen=True)
class FoundItem:
    """An Art 13/14 item, and where the words say it (None: not found)."""

    item: Item
    where: Location | None
    how: str = ""  # 'heading' or 'phrase'
    note: str = ""
    deferred: Location | None = None
    """Not found here, but a sentence there leaves it to another of the council's notices."""


@dataclass(frozen=True)
class Audit:
    """One published notice's findings."""

    path: str
    kind: str
    setting: Setting
    notes: tuple[str, ...]
    problems: tuple[Problem, ...]
    items: tuple[FoundItem, ...] = ()
    pages: tuple[int, ...] = ()

    def page_line(self, where: Location) -> tuple[int | None, int]:
        """For a PDF, the page of a place and its line on that page."""
        if not self.pages or not where.line:
            return None, where.line
        page = max(i for i, start in enumerate(self.pages, 1) if start <= where.line)
        return page, where.line - self.pages[page - 1] + 1

    def place(self, where: Location) -> str:
        """'page 2, line 14' (PDF), 'paragraph 12' (Word) or 'line 14' (HTML, text)."""
        page, line = self.page_line(where)
        if page is not None:
            return f"page {page}, line {line}"
        return f"{'paragraph' if self.kind == 'docx' else 'line'} {where.line}" \
            if where.line else ""

    def count(self, severity: str) -> int:
        return sum(p.severity == severity for p in self.problems)

    @property
    def worst(self) -> Problem | None:
        return min(self.problems, key=lambda p: (_SEVERITY_ORDER[p.severity], p.location),
                   default=None)


def audit_file(file: Path, display: str, registry: Registry, *, nation: Nation | None,
               published: dt.date | None, as_of: dt.date) -> Audit:
    """Check one published notice."""
    given = Setting(registry, nation or "england", published or as_of, as_of)
    try:
        extracted = extract(file, display)
    except CannotRead as exc:
        return Audit(display, SUFFIXES.get(file.suffix.lower(), ""), given, (),
                     (Problem(Location(display), "error", "unreadable", str(exc)),))
    passages = [Passage(b.text, b.anchors[0][1], anchors=b.anchors) for b in extracted.blocks]
    welsh = mostly_welsh(" ".join(p.text for p in passages))
    setting, notes = _setting(Audit(display, extracted.kind, given, (), (),
                                    pages=extracted.pages),
                              extracted, registry, nation, published, as_of, welsh)
    if welsh:
        notes = (*notes, WELSH_NOTE)
    if not passages:
        return Audit(display, extracted.kind, setting, notes, (Problem(
            Location(display), "warning", "no-text", "no text could be read from the file (a "
            "scanned image?): nothing was checked"),), (), extracted.pages)
    found, mentions = check_citations(passages, [], setting)
    found += check_drafting(mentions, passages, setting)
    found += conditions_missing(passages, mentions)
    retention = next(item for item in READ_ITEMS if item.id == "retention")
    found += retention_without_period(
        (p, None) for p in passages if retention.phrase.search(p.text)
        or (retention.heading is not None and retention.heading.search(p.text)))
    items = find_items(extracted, passages, mentions, setting)
    notes = (*notes, *_pointing(passages, items))
    problems = [for_officers(p, registry) for p in once(found)]
    if any(note.startswith(UNDATED) for note in notes):
        problems = [judged_today(p, as_of) for p in problems]
    return Audit(display, extracted.kind, setting, notes, tuple(sorted(problems)),
                 tuple(items), extracted.pages)


UNDATED = "no publication date found"


def _pointing(passages: Sequence[Passage], items: Sequence[FoundItem]) -> list[str]:
    """A note for each pointer to another notice that leaves no item to it by name."""
    return [f"at {p.where.line and f'line {p.where.line}' or p.where} it points to another "
            f"notice ('{shorten(p.text, 80, placeholder=' …')}'): items not found here may "
            "be said there"
            for p in pointers(passages) if not names_an_item(p, [f.item for f in items])]


def judged_today(problem: Problem, as_of: dt.date) -> Problem:
    """A finding on a notice with no date says it is judged as of today, not 'when this
    document was published' on a day nobody wrote (issue 27 item 18)."""
    today = long_day(as_of)
    message = problem.message
    for said in (f"when this document was published on {today}",
                 f"this document was published on {today}"):
        message = message.replace(said, f"judged as of today ({today}), since the notice "
                                        "gives no date")
    return replace(problem, message=message)


def _setting(empty: Audit, extracted: Extracted, registry: Registry, nation: Nation | None,
             published: dt.date | None, as_of: dt.date, welsh: bool = False
             ) -> tuple[Setting, tuple[str, ...]]:
    notes = []
    if published is not None:
        notes.append(f"published on {long_day(published)} (as given)")
        day = published
    else:
        found = find_published(extracted, as_of)
        if found is not None:
            day = found.day
            notes.append(f"published on {long_day(day)}: the date '{found.words}' at "
                         f"{empty.place(found.where)} was used (give --published if it is "
                         f"not the publication date)")
        else:
            day = as_of
            notes.append(f"{UNDATED}: judged as if published on "
                         f"{long_day(as_of)} (give --published)")
    review = find_review(extracted)
    if review is not None:
        notes.append(f"due for review on {long_day(review.day)}: the date '{review.words}' at "
                     f"{empty.place(review.where)}; once it has passed, the names of the law "
                     "are judged on it as well as today")
    if nation is None and welsh:  # a notice in Welsh is a Welsh council's
        nation = "wales"
        notes.append("council taken to be in Wales, since the notice is in Welsh (give "
                     "--council-nation if it is not)")
    elif nation is None:
        notes.append("council taken to be in England (give --council-nation if it is not)")
    else:
        notes.append(f"council in {NATION_NAMES[nation]} (as given)")
    if day < GDPR_APPLIED:
        notes.append(f"published before the UK GDPR applied on {long_day(GDPR_APPLIED)}: "
                     "Arts 13 and 14 did not bind it then; the items are listed for a notice "
                     "still in use")
    return Setting(registry, nation or "england", day, as_of,
                   review=review.day if review is not None else None), tuple(notes)


def find_items(extracted: Extracted, passages: Sequence[Passage],
               mentions: Sequence[Mention], setting: Setting) -> list[FoundItem]:
    """Each Art 13/14 item: found by a heading, by a phrase, or not found."""
    headings = list(_headings(extracted))
    consent = any(p.basis == "a" for m in mentions for p in m.provisions)
    sent_on = pointers(passages)
    said_here = [outside_pointers(p) for p in passages]
    out = []
    for item in READ_ITEMS:
        note = item.when
        if item.id == "complain-to-controller" and setting.published < CONTROLLER_COMPLAINTS_FROM:
            note = f"required from {long_day(CONTROLLER_COMPLAINTS_FROM)}"
        if item.id == "withdraw-consent" and not consent:
            note = "needed only when consent is a basis; none was found"
        where = next((at for text, at in headings
                      if item.heading is not None and item.heading.search(text)), None)
        how = "heading" if where else ""
        if where is None:
            where = _phrase(item, said_here)
            how = "phrase" if where else ""
        deferred = None if where else deferred_by(item, sent_on)
        out.append(FoundItem(item, where, how, note, deferred))
    return out


def _headings(extracted: Extracted) -> Iterable[tuple[str, Location]]:
    """Headings: marked as such, or (in a PDF, which has no marks) lines that look it."""
    for block in extracted.blocks:
        if block.heading:
            yield block.text, block.anchors[0][1]
        elif extracted.kind == "pdf":
            yield from _heading_lines(block)


def _heading_lines(block: Block) -> Iterable[tuple[str, Location]]:
    """Lines of a PDF paragraph that look like a heading: short, after a finished sentence.
    The paragraph is not split there, so a citation running over the line stays whole."""
    lines = block.text.split("\n")
    for index, ((_, at), line) in enumerate(zip(block.anchors, lines, strict=False)):
        after_sentence = index == 0 or lines[index - 1].rstrip().endswith((".", ":", ";"))
        if after_sentence and len(line) <= 60 and looks_like_heading(line):
            yield line, at


def _phrase(item: Item, passages: Sequence[Passage]) -> Location | None:
    """The first place the item's phrase is said; a block with the two after it, since the
    DPO's address is often on the lines after their title."""
    first = item.phrase.search("\n".join(p.text for p in passages))
    if first is None:  # said nowhere: no window need be searched
        return None
    skip, ends = 0, 0  # the windows of the passages before it cannot say it
    while skip < len(passages) and ends + len(passages[skip].text) < first.start():
        ends += len(passages[skip].text) + 1
        skip += 1
    for index, passage in enumerate(passages[skip:], skip):
        window = "\n".join(p.text for p in passages[index:index + 3])
        match = item.phrase.search(window)
        if match is not None and match.start() < len(passage.text):
            return passage.locate(match.start(), match.end())
    return None


def notices_in(folder: Path) -> list[Path]:
    """Every file in `folder` (and below it) that can be audited, in name order."""
    return sorted(f for f in folder.rglob("*") if f.is_file() and
                  f.suffix.lower() in SUFFIXES and not f.name.startswith("."))
