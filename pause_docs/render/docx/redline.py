"""The redline as a Word document for a legal team: the versions compared, the summary of
legal changes, the document itself with every change tracked (author and date on each, so
Word's and LibreOffice's Review pane list them to accept or reject), and the sign-off.

In English, as the HTML redline is; the document's own words keep their language.
"""

from __future__ import annotations

import calendar

from ...compare import Comparison
from ...compare.redline import ACTIONS, groups, long_date
from ...publish.locale import load_locale
from ...publish.tree import (
    Block,
    Cell,
    Heading,
    Inline,
    Paragraph,
    Publication,
    Row,
    RowGroup,
    Styled,
    Table,
    Text,
    Tick,
)
from .blocks import Writer
from .package import footer, new_document, properties, save, track_revisions
from .tracked import TrackedWriter, aligned, units

AUTHOR = "pause-docs"
"""Whom the changes are by, unless `--author` says."""
SIGN_OFF = ("Name", "Role", "Signature", "Date", "Comments")
DECISIONS = ("Approved", "Approved with changes", "Not approved")


def redline_docx(comparison: Comparison, old: Publication, new: Publication,
                 author: str = AUTHOR) -> bytes:
    """The redline of `old` and `new` (the two versions' publications) as a .docx with
    tracked changes by `author`, dated the new version's date."""
    locale = load_locale()
    document = new_document(locale.tag)
    track_revisions(document)
    writer = Writer(document, {})
    body = writer.body
    day = comparison.new.published
    councils = (comparison.old.council if comparison.old.council == comparison.new.council
                else f"{comparison.old.council} and {comparison.new.council}")
    title = f"Changes to {comparison.new.title}"
    writer.blocks(body, (
        Heading(1, _words(title)),
        Paragraph(_words(f"{councils}: what changed between two versions, in legal terms"),
                  role="subtitle"),
        _versions(comparison),
        Heading(2, _words("How to read this redline")),
        Paragraph(_words(
            f"The document below is the new version, with every change from the old version "
            f"tracked: each insertion and deletion is by {author}, dated {long_date(day)}. "
            "Word's Review pane (in LibreOffice: Edit, Track Changes, Manage) lists them, to "
            "accept or reject one by one. Accepting every change gives the new version; "
            "rejecting every change gives the old one.")),
        Paragraph(_words(
            "Both versions were compared after inheriting their programme and looking up the "
            "law in the registry, so a change of order or of layout is not a change in law.")),
        Heading(2, _words("Summary")),
        *_summary(comparison),
        Heading(2, _words("The document, with its changes tracked")),
    ))
    pairs = list(aligned(units(old, shift=2), units(new, shift=2)))
    TrackedWriter(writer, author, day).write(body, pairs)
    writer.blocks(body, _sign_off())
    old_v, new_v = comparison.old, comparison.new
    writer.blocks(body, (Paragraph(_words(
        f"Redline of {old_v.label} ({long_date(old_v.published)}) and {new_v.label} "
        f"({long_date(new_v.published)}), made by pause-docs."), role="colophon"),))
    footer(document, f"{title} · {long_date(day)}", locale.strings["page_number"])
    properties(document, title=title, author=author, subject="Redline for legal sign-off",
               lang=locale.tag, day=day)
    return save(document, calendar.timegm(day.timetuple()))


def _words(text: str) -> tuple[Inline, ...]:
    return (Text(text),)


def _header(text: str, scope: str = "col") -> Cell:
    return Cell(_words(text), header=True, scope=scope)  # type: ignore[arg-type]


def _versions(comparison: Comparison) -> Table:
    old, new = comparison.old, comparison.new
    rows = [("Document", old.title, new.title), ("Council", old.council, new.council),
            ("Published", long_date(old.published), long_date(new.published)),
            ("Version", old.version or "not given", new.version or "not given"),
            ("Source", old.label, new.label)]
    return Table(_words("Versions compared"), (RowGroup(tuple(
        Row((_header(name, "row"), Cell(_words(was)), Cell(_words(now))))
        for name, was, now in rows)),),
        head=(Row((Cell(()), _header("Old version"), _header("New version"))),))


def _summary(comparison: Comparison) -> tuple[Block, ...]:
    """The legal changes, area by area, as the HTML redline's summary lists them."""
    found = groups(comparison)
    legal = found[0]
    others = " ".join(f"{g.title}: {g.count}." for g in found[1:])
    if comparison.lint is not None:
        others += (f" Checks: {len(comparison.lint.fixed)} fixed, "
                   f"{len(comparison.lint.introduced)} introduced.")
    if not legal.count:
        return (Paragraph((Styled("strong", _words("No legal changes.")),)),
                Paragraph(_words(others)))
    body = []
    for area, changes in legal.areas:
        rows = []
        for i, change in enumerate(changes):
            what = change.subject + (f" ({change.note})" if change.area == "data-categories"
                                     and change.note else "")
            cells: tuple[Cell, ...] = (Cell(_words(ACTIONS[change.action])),
                                        Cell(_words(what)))
            if i == 0:
                cells = (Cell(_words(area), header=True, scope="rowgroup",
                              rowspan=len(changes)), *cells)
            rows.append(Row(cells))
        body.append(RowGroup(tuple(rows)))
    table = Table(_words(f"Legal changes ({legal.count})"), tuple(body),
                  head=(Row((_header("Area"), _header("Change"), _header("What"))),))
    return table, Paragraph(_words(others))


def _sign_off() -> tuple[Block, ...]:
    decision: list[Inline] = []
    for i, choice in enumerate(DECISIONS):
        decision += [Text(("   " if i else "") + choice + " "), Tick(False, choice)]
    rows = [Row((_header("Decision", "row"), Cell(tuple(decision))))]
    rows += [Row((_header(name, "row"), Cell(())), role="signature") for name in SIGN_OFF]
    return (Heading(2, _words("Sign-off")),
            Paragraph(_words("I have reviewed the changes listed above between the old and "
                             "the new version of this document.")),
            Table(_words("Decision"), (RowGroup(tuple(rows)),), role="form-grid signoff"))
