"""Documents on a form: each section of the form in its order, with the form's labels and the
document's values (rows left out when empty), tick boxes, the questions and the decision.

The form's words carry the form file as their origin; the values, the document's (or its
programme's) place.  What the questions and the decision print is in `questions.py`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ..forms.definition import FormField, FormSection
from ..forms.form import FIELD_IN_LINE
from ..forms.rules import outcome_of
from ..source.loader import Path_
from ..source.models.assessment import CitedText, Period
from ..source.models.base import SignOff
from ..source.resolved import ResolvedDocument
from .citations import citation_words, citations
from .common import publication
from .context import FormContext
from .decision import decision_section
from .locale import Locale
from .markup import blocks, inlines, plain_text
from .questions import (
    Content,
    form_row,
    processing_section,
    questions_section,
)
from .risks import DPIA_PARTS
from .tree import (
    Block,
    Cell,
    Inline,
    Item,
    Link,
    ListBlock,
    Paragraph,
    Publication,
    Row,
    RowGroup,
    Section,
    Styled,
    Table,
    Text,
    is_inline,
)

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def publish_form(doc: ResolvedDocument, locale: Locale) -> Publication:
    ctx = FormSections(doc, locale)
    answered, outcome = outcome_of(doc)
    body: list[Block] = []
    waiting = frozenset(q for s in (outcome.sets if outcome else ()) for r in s.results
                        if r.waiting_for for q in r.evidenced_by)
    for section in ctx.form.definition.sections:
        if section.has_questions:
            body += questions_section(ctx, section, answered, waiting)
        elif section.decision and outcome is not None:
            body += decision_section(ctx, section, outcome)
        elif section.show == "processing":
            body += processing_section(ctx, section)
        elif section.show is not None:  # a full DPIA's drafted parts, risks and outcome
            body += DPIA_PARTS[section.show](ctx, section)
        elif section.guidance_only:
            body.append(Section(ctx.heading(section), ctx.around(section, ()),
                                role="form-box guidance"))
        elif section.layout == "rows":
            body += ctx.rows(section)
        elif section.layout == "sign-off":
            body += ctx.sign_off(section)
        else:
            body += ctx.box(section)
    return publication(ctx, tuple(body), form=True, above_title=ctx.above_title(),
                       show_council=ctx.form.definition.show_council)


def as_blocks(content: Content) -> tuple[Block, ...]:
    """Inline content in a paragraph; blocks as they are."""
    out: list[Block] = []
    run: list[Inline] = []
    for node in content:
        if is_inline(node):
            run.append(node)  # type: ignore[arg-type]
            continue
        if run:
            out.append(Paragraph(tuple(run)))
            run = []
        out.append(node)  # type: ignore[arg-type]
    if run:
        out.append(Paragraph(tuple(run)))
    return tuple(out)


class FormSections(FormContext):
    """A document on a form being published, section by section."""

    def above_title(self) -> tuple[Block, ...]:
        """The form's line above the title ('APPENDIX {appendix}'), with the document's
        values put in; none while a value it names is empty."""
        line = self.form.definition.above_title
        if not line:
            return ()
        where = self.form.origin(("above_title",))
        words: list[Inline] = []
        for i, part in enumerate(FIELD_IN_LINE.split(line)):
            if i % 2 == 0:
                words += [Text(part, where)] if part else []
                continue
            value = self.model.value(part)
            if value is None or not str(value).strip():
                return ()
            words += plain_text(str(value), self.origin((part,)))
        return (Paragraph(tuple(words), role="above-title"),)

    # --- sections ----------------------------------------------------------------------
    def field_label(self, section: FormSection, field: FormField) -> tuple[Inline, ...]:
        index = section.fields.index(field)
        return self.words(field.label, self.section_path(section) + ("fields", index, "label"))

    def guidance(self, section: FormSection, field: FormField) -> tuple[Block, ...]:
        index = section.fields.index(field)
        path = self.section_path(section) + ("fields", index, "guidance")
        return tuple(Paragraph(b.content, role="guidance") if isinstance(b, Paragraph) else b
                     for b in blocks(field.guidance, self.form.origin(path)))

    def rows(self, section: FormSection) -> list[Block]:
        """Labelled values in a table, one row each; a row with no value is left out."""
        rows = []
        for field in section.fields:
            content = self.value(section, field)
            if not content and not field.show_empty:
                continue
            label: Content = self.field_label(section, field)
            if field.guidance:
                label = (*as_blocks(label), *self.guidance(section, field))
            rows.append(form_row(label, content))  # type: ignore[arg-type]
        if not rows:
            return []
        caption = self.words(section.heading or section.caption or section.id,
                             self.section_path(section) + ("heading",))
        table = Table(caption, (RowGroup(tuple(rows)),), caption_hidden=section.heading_hidden,
                      role=f"form-grid {section.id}")
        return list(self.around(section, (table,)))

    def box(self, section: FormSection) -> list[Block]:
        """A boxed part of the form: its heading, then each field's label and value."""
        content: list[Block] = []
        for field in section.fields:
            value = self.value(section, field)
            if not value and not field.show_empty:
                continue
            if field.label:
                content.append(Paragraph(self.field_label(section, field), role="label"))
            content += self.guidance(section, field)
            content += as_blocks(value)
        if not content:
            return []
        return [Section(self.heading(section), self.around(section, tuple(content)),
                        role="form-box")]

    def sign_off(self, section: FormSection) -> list[Block]:
        """Signers side by side, each with the date and a space to sign."""
        at = self.section_path(section)
        date_label = (self.words(section.date_label, at + ("date_label",))
                      or (self.text("date_label"),))
        signature = (self.words(section.signature_label, at + ("signature_label",))
                     or (self.text("signature_label"),))
        rows: list[Row] = []
        fields = list(section.fields)
        for i in range(0, len(fields), 2):
            pair = fields[i:i + 2]
            people = [(f, self.model.value(f.id)) for f in pair]
            names = [(self.field_label(section, f), self.person(f, who)) for f, who in people]
            days = [(date_label, self.day(who.date) if isinstance(who, SignOff) else ())
                    for _, who in people]
            rows += [form_row(names[0][0], *_flat(names, 1)),
                     form_row(days[0][0], *_flat(days, 1)),
                     form_row(signature, *_flat([(signature, ())] * len(pair), 1),
                              role="signature")]
        caption = self.words(section.heading, at + ("heading",)) or (self.text("sign_off"),)
        return [Table(caption, (RowGroup(tuple(rows)),), caption_hidden=section.heading_hidden,
                      role="form-grid signoff")]

    def person(self, field: FormField, who: Any) -> tuple[Inline, ...]:
        if not isinstance(who, SignOff):
            return ()
        return plain_text(who.name, self.origin((field.id, "name")))

    # --- values --------------------------------------------------------------------------
    def value(self, section: FormSection, field: FormField) -> Content:
        """A field's value as the form prints it; empty when the document leaves it out."""
        value = self.model.value(field.id)
        at = self.section_path(section) + ("fields", section.fields.index(field))
        if value is None and field.rows and field.show_empty:  # the form's rows, blank
            return (self.table(field, None, (field.id,), at),)
        if value is None or value == ():
            return ()
        content = self._content(field, value, (field.id,), at)
        if field.wording and content:
            where = self.form.origin(at + ("wording",))
            before, _, after = field.wording.partition("{value}")
            inline = tuple(n for n in content if is_inline(n))
            if len(inline) == len(content):
                return (*((Text(before, where),) if before else ()), *inline,
                        *((Text(after, where),) if after else ()))
        return content

    def _content(self, field: FormField, value: Any, path: Path_, at: Path_
                 ) -> Content:  # noqa: C901 - one case per type of field
        """The value at `path` of the document, for the field at `at` in the form."""
        origin = self.origin(path)
        match field.type:
            case "text":
                return plain_text(str(value), origin)
            case "markdown":
                return blocks(str(value), origin)
            case "date":
                return self.day(value) if isinstance(value, dt.date) else self.option(
                    field, value, at)
            case "period":
                assert isinstance(value, Period)
                span = self.day(value.start)
                return (*span, Text(" – "), *self.day(value.end)) if value.end else span
            case "choice" | "choices":
                chosen = {value} if isinstance(value, str) else set(value)
                return (self.choices(field, chosen, at),)
            case "list":
                return (self.listed(field, value, path),)
            case "money":
                assert isinstance(value, Decimal)
                amount = f"£{value:,.2f}".removesuffix(".00")
                return (Styled("span", (Text(amount, origin),), role="money"),)
            case "references":
                return self.cited(field, value, path)
            case "person":
                return self.person(field, value)
            case _:
                return (self.table(field, value, path, at),)

    def option(self, field: FormField, value: str, at: Path_) -> tuple[Inline, ...]:
        """The label of the option a field's value names ('Not applicable')."""
        index = next(i for i, o in enumerate(field.options) if o.value == value)
        return self.words(field.options[index].label, at + ("options", index, "label"))

    def choices(self, field: FormField, chosen: set[str], at: Path_) -> ListBlock:
        items = []
        for k, option in enumerate(field.options):
            label = self.words(option.label, at + ("options", k, "label"))
            tick = self.tick(option.value in chosen)
            items.append(Item((*label, Text(" "), tick) if field.ticks == "after"
                              else (tick, Text(" "), *label)))
        return ListBlock(tuple(items), role="choices")

    def listed(self, field: FormField, items: tuple[str, ...], path: Path_) -> ListBlock:
        found = []
        for i, text in enumerate(items):
            words = inlines(text, self.origin(path + (i,)))
            if field.numbering == "letters":
                words = (Styled("span", (Text(f"{LETTERS[i % 26]}."),), role="letter"),
                         Text(" "), *words)
            found.append(Item(words))
        return ListBlock(tuple(found), ordered=field.numbering != "bullets",
                         role="lettered" if field.numbering == "letters" else None)

    def cited(self, field: FormField, items: tuple[CitedText, ...], path: Path_) -> Content:
        """Statements, each followed by the law it rests on, linked to the law."""
        content: list[Inline | Block] = []
        provisions = self.doc.registry.provisions
        for i, item in enumerate(items):
            content += blocks(item.text, self.origin(path + (i, "text")))
            cited = citations(item.references, provisions, path + (i, "references"))
            if not cited:
                continue
            label = field.law_label_many if len(cited) > 1 else field.law_label
            links: list[Inline] = [Text(label or self.locale.text("form_law"))]
            for n, c in enumerate(cited):
                text, words = citation_words(self, c)
                links.append(Link(c.url, (Text(text, words),),
                                  law=tuple(p.id for p in c.provisions), reference=c.path))
                if n < len(cited) - 1:
                    links.append(Text("; "))
            content.append(Paragraph(tuple(links), role="references"))
        return tuple(content)

    def table(self, field: FormField, rows: Any, path: Path_, at: Path_) -> Table:
        """A table field (an action plan): a heading per column, a row per entry; or, when
        the form gives the rows, every one of them, headed by its label."""
        head: list[Cell] = []
        if field.rows:
            head.append(Cell(self.words(field.rows_label, at + ("rows_label",)),
                             header=bool(field.rows_label),
                             scope="col" if field.rows_label else None, role="label-col"))
        # Each heading says what its column holds, so that the stylesheet can size it (a
        # date narrow, a name wider, paragraphs the rest).
        head += [Cell(self.words(c.label, at + ("columns", j, "label")), header=True,
                      scope="col", role=f"{c.type}-col") for j, c in enumerate(field.columns)]
        body = []
        if field.rows:
            for k, fixed in enumerate(field.rows):
                label = Cell(self.words(fixed.label, at + ("rows", k, "label")), header=True,
                             scope="row")
                cells = self.table_cells(field, getattr(rows, fixed.value, None),
                                         path + (fixed.value,), headed=True)
                body.append(Row((label, *cells)))
        else:
            body = [Row(self.table_cells(field, row, path + (i,)))
                    for i, row in enumerate(rows)]
        caption = self.words(field.label or field.id, at + ("label",))
        return Table(caption, (RowGroup(tuple(body)),), (Row(tuple(head)),),
                     caption_hidden=True, role="form-table")

    def table_cells(self, field: FormField, row: Any, path: Path_, headed: bool = False
                    ) -> tuple[Cell, ...]:
        """One row's cells, one per column (empty where it is not filled in); the first is
        the row's heading unless the row is `headed` by the form's label."""
        cells = []
        for j, column in enumerate(field.columns):
            value = getattr(row, column.id, None) if row is not None else None
            origin = self.origin(path + (column.id,))
            content: Content = ()
            if isinstance(value, dt.date):
                content = self.day(value)
            elif value is not None:
                content = (inlines(str(value), origin) if column.type == "markdown"
                           else plain_text(str(value), origin))
            first = j == 0 and not headed
            cells.append(Cell(content, header=first, scope="row" if first else None))
        return tuple(cells)


def _flat(pairs: list[tuple[tuple[Inline, ...], tuple[Inline, ...]]], skip: int
          ) -> list[tuple[Inline, ...]]:
    """The cells after the first label: value, label, value, ..."""
    return [c for pair in pairs for c in pair][skip:]
