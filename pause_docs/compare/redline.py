"""The redline: a comparison as a publication for a legal team's sign-off, in the language
the versions were compared in (`publish_redline`).

Legal changes come first, then wording, then order and layout.  Insertions and deletions are
marked with brackets as well as by line and colour, so the redline reads in black and white.
Each format prints it as it prints a document: HTML and PDF with the document templates and
the redline's stylesheet, Word with the document itself under it and every change tracked
(`render.docx.redline`), the terminal as text.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..publish.common import FORM_STYLESHEET, FRAME_STRINGS, STYLESHEET
from ..publish.locale import Locale, load_locale
from ..publish.tree import (
    Block,
    Cell,
    Heading,
    Inline,
    Item,
    Link,
    ListBlock,
    Origin,
    Paragraph,
    Publication,
    Row,
    RowGroup,
    Section,
    Styled,
    Table,
    Text,
)
from ..publish.wording import Wording
from ..render.edition import Edition
from ..render.formats import FORMATS
from ..render.text import publication_text
from ..source.errors import Location, Problem
from ..source.layout import TEMPLATES_DIR
from .records import AREAS, WEIGHTS, Change, Comparison, Law, LintDelta, Weight, area_key

REDLINE_STYLESHEET = "assets/redline.css"
Edit = Literal["ins", "del"]
MARKS: dict[Edit, tuple[str, str]] = {"ins": ("[+", "+]"), "del": ("[−", "−]")}
"""The marks around words inserted and deleted, so that a redline reads in black and white."""
SIGN_OFF = ("redline_name", "redline_role", "redline_signature", "redline_date",
            "redline_comments")
DECISIONS = ("redline_approved", "redline_approved_with_changes", "redline_not_approved")
PAPER_ONLY = ("legend", "summary", "sign-off")
"""The parts of the redline for a reader of the page, which the terminal leaves out."""
TOOL = Origin(Location("pause-docs"), owner="tool", language="en")
"""Where a comparison's own descriptions come from: pause-docs, in English."""


@dataclass(frozen=True)
class _Words(Wording):
    locale: Locale


def publish_redline(comparison: Comparison, locale: Locale | None = None) -> Publication:
    """The redline of `comparison`, in `locale` (None: the language it was compared in)."""
    words = _Words(locale or load_locale(comparison.language))
    old, new = comparison.old, comparison.new
    councils = (new.council if old.council == new.council
                else words.locale.joined([old.council, new.council]))
    title = words.locale.text("redline_title", title=new.title)
    strings = {key: words.locale.strings[key] for key in FRAME_STRINGS}
    return Publication(
        kind="redline", language=words.locale.language, lang=words.locale.tag, title=title,
        council=councils, published=new.published,
        header=(Heading(1, (Text(title),)),
                Paragraph((words.text("redline_subtitle", councils=councils),),
                          role="subtitle"),
                _versions(words, comparison)),
        body=(_legend(words), _summary(words, comparison),
              *(_changes(words, comparison, weight) for weight in WEIGHTS),
              *_checks(words, comparison.lint), *_notes(comparison.notes), _sign_off(words)),
        footer=words.compose("redline_colophon", old=old.label, new=new.label,
                             old_date=(words.date(old.published),),
                             new_date=(words.date(new.published),)),
        strings={**strings, "page_title": words.locale.text("page_title", title=title,
                                                            council=councils)},
        stylesheets=(STYLESHEET, FORM_STYLESHEET, REDLINE_STYLESHEET), role="redline",
        masthead=(Paragraph((Text(councils),), role="publisher"),))


# --- the parts ------------------------------------------------------------------------------

def _versions(words: _Words, comparison: Comparison) -> Table:
    old, new = comparison.old, comparison.new
    not_given = words.locale.text("redline_not_given")
    rows: list[tuple[str, tuple[Inline, ...], tuple[Inline, ...], str | None]] = [
        ("redline_document", (Text(old.title),), (Text(new.title),), None),
        ("redline_council", (Text(old.council),), (Text(new.council),), None),
        ("redline_published", (words.date(old.published),), (words.date(new.published),),
         None),
        ("redline_version", (Text(old.version or not_given),),
         (Text(new.version or not_given),), None),
        ("redline_source", (Text(old.label),), (Text(new.label),), "source")]
    return Table((words.text("redline_versions"),), (RowGroup(tuple(
        Row((_header(words, key, "row"), Cell(was, role=role), Cell(now, role=role)))
        for key, was, now, role in rows)),),
        head=(Row((Cell(()), _header(words, "redline_old"), _header(words, "redline_new"))),),
        role="versions")


def _legend(words: _Words) -> Section:
    """How to read the redline: the marks, and what was compared."""
    def marks(key: str, example: str, style: Edit) -> Item:
        start, end = MARKS[style]
        return Item(words.compose(key, example=(_marked(style, (words.text(example),)),),
                                  start=(_strong(start),), end=(_strong(end),)))

    return _section(words, "redline_how", "legend", (ListBlock((
        marks("redline_how_inserted", "redline_inserted_example", "ins"),
        marks("redline_how_deleted", "redline_deleted_example", "del"),
        Item((words.text("redline_how_compared"),))), role="legend"),))


def _summary(words: _Words, comparison: Comparison) -> Section:
    """The legal changes area by area, and how many changes of the other weights."""
    legal = comparison.weighted("legal")
    counts = [words.locale.text("redline_count", what=words.locale.text(f"redline_{weight}"),
                                count=len(comparison.weighted(weight)))
              for weight in WEIGHTS[1:]]
    if comparison.lint is not None:
        counts.append(words.locale.text("redline_checks_count",
                                        fixed=len(comparison.lint.fixed),
                                        introduced=len(comparison.lint.introduced)))
    found: list[Block] = [Paragraph((Text(" ".join(counts)),))]
    if not legal:
        found.insert(0, Paragraph((Styled("strong", (words.text("redline_no_legal"),)),)))
        return _section(words, "redline_summary", "summary", tuple(found))
    groups = []
    for area, changes in _by_area(legal):
        rows = []
        for i, change in enumerate(changes):
            what = change.subject + (f" ({change.note})" if change.area == "data-categories"
                                     and change.note else "")
            cells: tuple[Cell, ...] = (Cell((_action(words, change),), role="action"),
                                       Cell((Text(what),)))
            if i == 0:
                cells = (Cell((words.text(area_key(area)),), header=True, scope="rowgroup",
                              rowspan=len(changes)), *cells)
            rows.append(Row(cells))
        groups.append(RowGroup(tuple(rows)))
    table = Table((words.text("redline_summary_caption", count=len(legal)),), tuple(groups),
                  head=(Row((_header(words, "redline_area"),
                             _header(words, "redline_change", role="action"),
                             _header(words, "redline_what"))),), role="summary")
    return _section(words, "redline_summary", "summary", (table, *found))


def _changes(words: _Words, comparison: Comparison, weight: Weight) -> Section:
    """The changes of one weight, area by area, each with its words and its law."""
    changes = comparison.weighted(weight)
    title = words.locale.text(f"redline_{weight}")
    if changes:
        title = words.locale.text("redline_counted", what=title, count=len(changes))
    found: list[Block] = []
    for area, in_area in _by_area(changes):
        found += [Heading(3, (words.text(area_key(area)),)),
                  ListBlock(tuple(_change(words, c) for c in in_area), role="changes")]
    return Section(Heading(2, (Text(title),), anchor=f"changes-{weight}"),
                   tuple(found) or (Paragraph((words.text(f"redline_no_{weight}"),)),),
                   role="changes")


def _change(words: _Words, change: Change) -> Item:
    found: list[Block] = [Paragraph(words.compose(
        "redline_change_line", action=(Styled("strong", (_action(words, change),)),),
        subject=change.subject), role="what")]
    if change.words and change.action == "changed":
        found.append(Paragraph(tuple(_word_diff(change)), role="words"))
    elif change.words:
        found.append(Paragraph((deleted(change.old or "") if change.action == "removed"
                                else inserted(change.new or ""),), role="words"))
    else:
        if change.old is not None and change.action != "added":
            found.append(_labelled(words, "redline_was", (deleted(change.old),)))
        if change.new is not None and change.action != "removed":
            found.append(_labelled(words, "redline_now", (inserted(change.new),)))
    if change.old_law:
        found.append(_labelled(words, "redline_law_before", _law(change.old_law)))
    if change.new_law:
        found.append(_labelled(words, "redline_law_now", _law(change.new_law)))
    if change.note:
        found.append(Paragraph((Text(change.note, TOOL),), role="note"))
    return Item(tuple(found))


def _checks(words: _Words, delta: LintDelta | None) -> tuple[Block, ...]:
    """The findings of `pause-docs lint` the new version fixes, and those it introduces."""
    if delta is None:
        return ()
    found: list[Block] = []
    if delta.fixed:
        found += [Heading(3, (words.text("redline_fixed"),)), ListBlock(tuple(
            Item((deleted(_finding(p), TOOL),)) for p in delta.fixed))]
    if delta.introduced:
        found += [Heading(3, (words.text("redline_introduced"),)), ListBlock(tuple(
            Item((inserted(_finding(p), TOOL), Text(f" ({p.location})")))
            for p in delta.introduced))]
    return (_section(words, "redline_checks", "checks", tuple(found) or (
        Paragraph((words.text("redline_same_checks"),)),)),)


def _notes(notes: tuple[str, ...]) -> tuple[Block, ...]:
    if not notes:
        return ()
    return (Section(None, tuple(Paragraph((Text(note, TOOL),), role="note") for note in notes),
                    role="notes"),)


def _sign_off(words: _Words) -> Section:
    """A decision to tick, and room for the reviewer's name, role, signature, date and
    comments."""
    choices = ListBlock(tuple(Item((words.text(key), Text(" "), words.tick(False)))
                              for key in DECISIONS), role="choices")
    rows = [Row((_header(words, "redline_decision", "row"), Cell((choices,))))]
    rows += [Row((_header(words, key, "row"), Cell((), role="blank")), role="signature")
             for key in SIGN_OFF]
    return _section(words, "sign_off", "sign-off", (
        Paragraph((words.text("redline_reviewed"),)),
        Table((words.text("redline_decision"),), (RowGroup(tuple(rows)),),
              role="form-grid signoff")))


# --- words ----------------------------------------------------------------------------------

def inserted(text: str, origin: Origin | None = None) -> Styled:
    """Words in the new version only: underlined, between [+ and +]."""
    return _marked("ins", (Text(text, origin),))


def deleted(text: str, origin: Origin | None = None) -> Styled:
    """Words in the old version only: struck through, between [− and −]."""
    return _marked("del", (Text(text, origin),))


def _marked(style: Edit, words: tuple[Inline, ...]) -> Styled:
    start, end = MARKS[style]
    return Styled(style, (_mark(start), *words, _mark(end)))


def _mark(text: str) -> Styled:
    return Styled("span", (Text(text),), role="mark")


def _strong(text: str) -> Styled:
    return Styled("strong", (Text(text),))


def _word_diff(change: Change) -> Iterator[Inline]:
    """The words kept, deleted and inserted, in order."""
    for i, (op, text) in enumerate(change.words):
        if i:
            yield Text(" ")
        yield Text(text) if op == "=" else deleted(text) if op == "-" else inserted(text)


def _law(laws: tuple[Law, ...]) -> tuple[Inline, ...]:
    found: list[Inline] = []
    for i, law in enumerate(laws):
        found += [Text("; ")] if i else []
        found.append(Link(law.url, (Text(law.citation),), law=(law.id,)))
    return tuple(found)


def _finding(problem: Problem) -> str:
    return f"{problem.severity}: {problem.code}: {problem.message}"


def _action(words: _Words, change: Change) -> Text:
    return words.text("action_" + change.action.replace("-", "_"))


def _labelled(words: _Words, key: str, content: tuple[Inline, ...]) -> Paragraph:
    return Paragraph((Styled("span", (words.text(key),), role="label"), Text(" "), *content))


def _header(words: _Words, key: str, scope: str = "col", role: str | None = None) -> Cell:
    return Cell((words.text(key),), header=True, scope=scope,  # type: ignore[arg-type]
                role=role)


def _section(words: _Words, key: str, role: str, blocks: tuple[Block, ...]) -> Section:
    return Section(Heading(2, (words.text(key),), anchor=role), blocks, role=role)


def _by_area(changes: list[Change]) -> list[tuple[str, list[Change]]]:
    """The changes of each area, in the areas' order."""
    return [(area, [c for c in changes if c.area == area]) for area in AREAS
            if any(c.area == area for c in changes)]


# --- the redline in each format ----------------------------------------------------------------

def redline_edition(comparison: Comparison, templates: tuple[Path, ...] = (TEMPLATES_DIR,)
                    ) -> Edition:
    """The redline ready to print (HTML, PDF), dated the new version's date."""
    epoch = calendar.timegm(comparison.new.published.timetuple())
    return Edition(publish_redline(comparison), templates=templates, epoch=epoch)


def redline_file(comparison: Comparison, suffix: str, author: str = "pause-docs") -> bytes:
    """The redline as an .html, .pdf or .docx file; in Word, the document follows it with
    every change tracked by `author`."""
    if suffix != "docx":
        return FORMATS[suffix].make(redline_edition(comparison))[0]
    from ..render.docx.redline import redline_docx  # python-docx only when Word is asked for

    assert comparison.pages is not None, "a comparison made by diff_documents"
    return redline_docx(publish_redline(comparison), *comparison.pages, author)


def as_html(comparison: Comparison) -> str:
    """The redline as a standalone HTML page."""
    return redline_edition(comparison).html


def as_text(comparison: Comparison) -> str:
    """The redline for a terminal or an email: the versions, the changes, the checks and the
    notes (without what is there for a reader of the page)."""
    page = publish_redline(comparison)
    return publication_text((*page.header, *(b for b in page.body if not (
        isinstance(b, Section) and b.role in PAPER_ONLY))))
