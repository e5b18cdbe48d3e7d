"""The questions of a form with their answers, evidence and where each answer comes from; the
decision the form's rule reaches, with its reasons; and, for a DPIA screening, the processing
it screens."""

from __future__ import annotations

from typing import Any

from ..forms.definition import FormSection, Scale
from ..forms.form import FormQuestion
from ..forms.rules import Answered
from ..source.loader import Path_
from ..source.models import DpiaScreening, LegalReference
from ..source.models.dpia import Processing
from .citations import citation_words, citations
from .context import FormContext
from .markup import blocks, inlines, plain_text
from .measure import ems
from .tree import (
    Block,
    Cell,
    Heading,
    Inline,
    Item,
    Link,
    ListBlock,
    Origin,
    Paragraph,
    Row,
    RowGroup,
    Section,
    Styled,
    Table,
    Text,
    Tick,
    plain,
)

Content = tuple[Inline | Block, ...]

# The room form.css's fixed widths leave a word, in rem: a column's width less its padding
# and border.  A tick box's column (a numbered list's is narrower, its answer on one line),
# and a number's column, narrow or wide.
TICK_ROOM, NUMBERED_TICK_ROOM = 6.25 - 1.1, 4.5 - 1.1
NUMBER_ROOM, WIDE_NUMBER_ROOM = 3.5 - 1.1, 5.5 - 1.1
HEADING_SIZE = 0.9
"""The size of a tick box column's heading, in rem (form.css)."""


def form_row(label: tuple[Inline, ...], *values: Content, role: str | None = None) -> Row:
    """A row of a form: a label cell, then one cell per value (label, value, ...)."""
    cells = [Cell(label, header=True, scope="row")]
    for i, value in enumerate(values):
        cells.append(Cell(value, header=i % 2 == 1, scope="row" if i % 2 == 1 else None))
    return Row(tuple(cells), role=role)


def source(text: str) -> Styled:
    """'(councils/…/file.yaml:12)' in the small type of a source reference."""
    return Styled("span", (Text("("), Styled("code", (Text(shown(text)),)), Text(")")),
                  role="source")


def shown(place: str) -> str:
    """A place as a page prints it: a file the tool ships under the tool's name
    ('pause-docs/programmes/pause.yaml:70', which `pause-docs show programme pause` prints),
    never the folder of the installed package on the machine that built the page."""
    return "pause-docs/" + place.removeprefix("pause_docs/") if place.startswith(
        "pause_docs/") else place


# --- the questions ---------------------------------------------------------------------------

def questions_section(ctx: FormContext, section: FormSection, answered: tuple[Answered, ...],
                      waiting: frozenset[str] = frozenset()) -> list[Block]:
    """The questions as a table: the question (with guidance and the law behind it), the
    answer as tick boxes, and the evidence in a row below or in its own column."""
    at = ctx.section_path(section)
    mine = [a for a in answered if a.question.section is section]
    if section.layout == "checklist":
        return [Section(ctx.heading(section), (*_set_intro(ctx, section), *ctx.around(
            section, (_checklist(ctx, mine),))))]
    head, width = _head(ctx, section, mine[0].question.scale if mine else None)
    groups = tuple(_question_rows(ctx, section, a, width, a.question.id in waiting)
                   for a in mine)
    caption = ctx.words(section.caption, at + ("caption",)) or _caption(ctx, section)
    table = Table(caption, groups, head, caption_hidden=True,
                  role=_screening_role(section, head, groups))
    intro = _set_intro(ctx, section)
    heading = ctx.heading(section)
    if heading is None and section.criteria_set:  # a registry list is headed by its title
        cs = ctx.doc.registry.criteria_sets[section.criteria_set]
        heading = Heading(2, (Text(*ctx.worded(cs, "title", f"criteria_sets:{cs.id}")),),
                          anchor=section.id)
    return [Section(heading, (*intro, *ctx.around(section, (table,))))]


def _screening_role(section: FormSection, head: tuple[Row, ...],
                    groups: tuple[RowGroup, ...]) -> str:
    """The table's classes.  form.css gives a screening's columns fixed widths: its number
    column wider when a number needs it ('35(3)(a)'); and lays it out by its content instead
    ('long-words') when a word of its answer or number columns would not fit those widths
    (a council's own answers, 'Circumstantial'; 'Nac ydy' kept on one line)."""
    cells = [c for row in head for c in row.cells] + [
        c for group in groups for row in group.rows for c in row.cells]

    def widest(role: str, whole: bool) -> float:
        found = 0.0
        for cell in cells:
            if cell.role != role:
                continue
            size = HEADING_SIZE if cell.header and role == "tick-col" else 1.0
            tick = "☒" if any(isinstance(n, Tick) for n in cell.content) else ""
            text = tick + plain(cell.content)
            for word in [text] if whole else text.split():
                found = max(found, ems(word, bold=cell.header) * size)
        return found

    role = "screening criteria" if section.numbered else "screening"
    numbers = widest("number", whole=True)  # on one line
    if numbers > NUMBER_ROOM:
        role += " wide-numbers"
    ticks = widest("tick-col", whole=section.numbered)
    if numbers > WIDE_NUMBER_ROOM or ticks > (
            NUMBERED_TICK_ROOM if section.numbered else TICK_ROOM):
        role += " long-words"
    return role


def _checklist(ctx: FormContext, answered: list[Answered]) -> ListBlock:
    """Each statement with its tick box before it, ticked when its answer is a triggering
    one; one left blank says so, unless the form counts a blank box as an answer."""
    items = []
    for a in answered:
        words: list[Inline | Block] = [ctx.tick(a.triggers), Text(" "), *_asked(ctx, a.question)]
        if not a.answered:
            words += [Text(" "), Styled("strong", (Text(f"({_not_answered(ctx, a)})"),),
                                        role="not-answered")]
        if a.evidence:
            words += blocks(a.evidence, ctx.origin(("answers", a.question.id, "evidence")))
        items.append(Item(tuple(words)))
    return ListBlock(tuple(items), role="choices stacked checklist")


def _head(ctx: FormContext, section: FormSection, scale: Scale | None
          ) -> tuple[tuple[Row, ...], int]:
    """The table's heading rows, and how many columns it has.  With one tick-box column per
    answer, the form's `answer_label` heads them all ('Potential for adverse impact' over
    Yes / No) in a row above theirs, which every other heading spans."""
    at = ctx.section_path(section)
    spanned = scale is not None and scale.display == "columns" and bool(section.answer_label)
    span = 2 if spanned else 1
    first: list[Cell] = []
    if section.numbered:
        first.append(Cell((ctx.text("form_number"),), header=True, scope="col",
                          rowspan=span, role="number"))
    first.append(Cell(ctx.words(section.question_label, at + ("question_label",))
                      or (ctx.text("form_question"),), header=True, scope="col",
                      rowspan=span, role="question"))
    answers: list[Cell] = []
    answer_label = ctx.words(section.answer_label, at + ("answer_label",))
    if scale is not None and scale.display == "columns":
        scale_name = section.scale or next(iter(ctx.form.definition.scales))
        answers = [Cell(ctx.words(o.label, ("scales", scale_name, "options", k, "label")),
                        header=True, scope="col", role="tick-col")
                   for k, o in enumerate(scale.options)]
        if spanned:
            first.append(Cell(answer_label, header=True, scope="col", colspan=len(answers),
                              role="answers"))
        else:
            first += answers
    else:
        first.append(Cell(answer_label or (ctx.text("form_answer"),), header=True,
                          scope="col", role="tick-col"))
    if section.evidence == "column":
        first.append(Cell(_evidence_label(ctx, section), header=True, scope="col",
                          rowspan=span))
    first += [Cell(ctx.words(c.label, at + ("columns", k, "label")), header=True,
                   scope="col", rowspan=span) for k, c in enumerate(section.columns)
              if c.place == "column"]
    width = sum(c.colspan for c in first)
    return ((Row(tuple(first)), Row(tuple(answers))) if spanned else (Row(tuple(first)),),
            width)


def _caption(ctx: FormContext, section: FormSection) -> tuple[Inline, ...]:
    if section.criteria_set:
        cs = ctx.doc.registry.criteria_sets[section.criteria_set]
        return ctx.compose("dpia_table_caption", title=(
            Text(*ctx.worded(cs, "title", f"criteria_sets:{cs.id}")),))
    return (ctx.text("form_caption"),)


def _evidence_label(ctx: FormContext, section: FormSection) -> tuple[Inline, ...]:
    at = ctx.section_path(section)
    return (ctx.words(section.evidence_label, at + ("evidence_label",))
            or (ctx.text("form_evidence"),))


def _set_intro(ctx: FormContext, section: FormSection) -> tuple[Block, ...]:
    """What a question set or a registry list says before its questions (the duty's aims;
    the list's rule and source)."""
    found: tuple[Block, ...] = ()
    included = ctx.form.sets.get(section.id)
    if included is not None:
        question_set, set_source = included
        found = blocks(question_set.intro, Origin(set_source.locate(("intro",)), (), "form",
                                                  set_source.language_of(("intro",))))
        law = _law(ctx, question_set.law, ("sets", section.id, "law"))
        found += (law,) if law else ()
    if section.criteria_set:
        cs = ctx.doc.registry.criteria_sets[section.criteria_set]
        where = ctx.registry_origin(f"criteria_sets:{cs.id}")
        found += (Paragraph((Text(*ctx.worded(cs, "rule_text", f"criteria_sets:{cs.id}")),
                             *ctx.compose(
            "dpia_source", link=(Link(cs.url, (Text(cs.source, where),)),)))),)
    return found


def _question_rows(ctx: FormContext, section: FormSection, a: Answered, width: int,
                   waiting: bool) -> RowGroup:
    q = a.question
    ident = q.id
    cells: list[Cell] = []
    if section.numbered:
        cells.append(Cell((Text(q.question.number or "", q.origin("number")),), role="number"))
    cells.append(Cell(_asked(ctx, q), header=True, scope="row", id=f"topic-{ident}",
                      role="question"))
    cells += _answer_cells(ctx, a)
    evidence = _evidence(ctx, section, a)
    if waiting:
        evidence += (Paragraph((ctx.text("form_waiting"),)),)
    if section.evidence == "column":
        cells.append(Cell(evidence))
    for column in section.columns:
        if column.place == "column":  # its own column, empty when not filled in
            cells.append(Cell(blocks(a.columns.get(column.id), ctx.origin(
                ("answers", ident, column.id)))))
    rows = [Row(tuple(cells))]
    if section.evidence != "column" and evidence:
        rows.append(Row((Cell(evidence, colspan=width, headers=f"topic-{ident}",
                              role="evidence"),), role="evidence-row"))
    return RowGroup(tuple(rows), id=f"question-{ident}")


def _asked(ctx: FormContext, q: FormQuestion) -> Content:
    """The question as the form asks it: topic in bold, the question, then its guidance."""
    words: list[Inline | Block] = []
    if q.question.topic:
        words.append(Styled("strong", plain_text(q.question.topic, q.origin("topic"))))
    if q.question.topic and q.question.question:
        words.append(Text(" "))  # the topic is set on a line of its own (form.css)
    if q.question.question:
        asked = inlines(q.question.question, q.origin("question"))
        words += (Styled("span", asked, role="source"),) if q.owner == "registry" else asked
    words += [Paragraph(b.content, role="guidance") if isinstance(b, Paragraph) else b
              for b in blocks(q.question.guidance, q.origin("guidance"))]
    if q.question.criteria and q.owner != "registry":  # a council's question, mapped
        criteria = [ctx.doc.registry.criteria[c] for c in q.question.criteria]
        sets = {c.id: s for s in ctx.doc.registry.criteria_sets.values() for c in s.criteria}
        words.append(Paragraph((ctx.text("form_criteria"), *ctx.joined([
            _criterion(ctx, sets.get(c.id), c) for c in criteria])), role="guidance"))
    return tuple(words)


def _criterion(ctx: FormContext, criteria_set: Any, c: Any) -> tuple[Inline, ...]:
    """'ICO high-risk list: 3 Data matching', in the page's language where the registry
    gives it."""
    title = ctx.worded(c, "title", f"criteria:{c.id}")
    if criteria_set is None:
        return (Text(f"{c.number} "), Text(*title))
    return (Text(*ctx.worded(criteria_set, "title", f"criteria_sets:{criteria_set.id}")),
            Text(f": {c.number} "), Text(*title))


def _answer_cells(ctx: FormContext, a: Answered) -> list[Cell]:
    scale = a.question.scale
    if scale.display == "columns":
        return [Cell((ctx.tick(a.option is o),), role="tick-col") for o in scale.options]
    if a.option is None:
        return [Cell((Text(_not_answered(ctx, a)),), role="tick-col")]
    if scale.display == "box":
        return [Cell((ctx.tick(a.option.triggers),), role="tick-col")]
    # the answer in words, the tick (for the eye only) marking one that calls for the next stage
    return [Cell((Tick(a.option.triggers), Text(f" {a.option.label}")), role="tick-col")]


def _not_answered(ctx: FormContext, a: Answered) -> str:
    return a.question.scale.not_answered or ctx.locale.text("form_not_answered")


def _evidence(ctx: FormContext, section: FormSection, a: Answered) -> Content:
    """The evidence and the form's other columns, where the answer comes from, the law."""
    q = a.question
    found: list[Inline | Block] = []
    at = ("answers", q.id)
    if a.evidence:
        if section.evidence == "below" and (section.evidence_label or any(
                c.place == "below" for c in section.columns)):
            found.append(Paragraph(_evidence_label(ctx, section), role="label"))
        found += blocks(a.evidence, ctx.origin(at + ("evidence",)))
    for k, column in enumerate(section.columns):
        text = a.columns.get(column.id)
        if text and column.place == "below":
            path = ctx.section_path(section) + ("columns", k, "label")
            found.append(Paragraph(ctx.words(column.label, path), role="label"))
            found += blocks(text, ctx.origin(at + (column.id,)))
    found += _provenance(ctx, a)
    law = _law(ctx, q.question.law, ("questions", q.id, "law"))
    if law:
        found.append(law)
    return tuple(found)


def _law(ctx: FormContext, references: tuple[LegalReference, ...], path: Path_
         ) -> Paragraph | None:
    """'Law: Human Rights Act 1998, s.6', linked to legislation.gov.uk."""
    law = citations(references, ctx.doc.registry.provisions, path)
    if not law:
        return None
    links: list[Inline] = [ctx.text("form_law")]
    for n, c in enumerate(law):
        links.append(Link(c.url, (Text(*citation_words(ctx, c)),),
                          law=tuple(p.id for p in c.provisions), reference=c.path))
        if n < len(law) - 1:
            links.append(Text("; "))
    return Paragraph(tuple(links), role="law")


def _provenance(ctx: FormContext, a: Answered) -> list[Block]:
    """Where an answer not written in this document comes from, or that there is none."""
    if a.basis == "programme" and a.written_at is not None:
        where = f"{a.written_at.path}:{a.written_at.line}"
        return [Paragraph((Styled("span", (ctx.text("form_prefilled"), Text(" "),
                                           Styled("code", (Text(shown(where)),))),
                                   role="source"),))]
    if a.basis == "derived":
        items = tuple(Item((Text(f.text), Text(" "),
                            source(f"{f.location.path}:{f.location.line}")))
                      for f in a.findings)
        said = "dpia_from_notice" if a.triggers else "dpia_not_shown"
        return [Paragraph((ctx.text(said),)), ListBlock(items)]
    if a.basis == "none" and a.question.scale.display == "columns":
        return [Paragraph((Styled("strong", (Text(_not_answered(ctx, a)),)),),
                          role="not-answered")]
    return []


# --- the processing a DPIA screening screens ---------------------------------------------

def processing_section(ctx: FormContext, section: FormSection) -> list[Block]:
    """The controller, and the processing: the notice that describes it, or as described."""
    model = ctx.doc.model
    assert isinstance(model, DpiaScreening)
    rows = [form_row((ctx.text("dpia_controller"),), (Text(
        ctx.doc.council.name, ctx.council_origin(("name",))),))]
    notice = ctx.doc.notice
    if notice is not None:
        title = Origin(notice.provenance.locate(("title",)), ("notice", "title"))
        rows.append(form_row((ctx.text("dpia_screened"),), (
            Text(notice.model.title, title), Text(" "), source(notice.path))))
    described = model.processing
    if described is not None:
        rows += _described(ctx, described)
    caption = (ctx.words(section.heading, ctx.section_path(section) + ("heading",))
               or (ctx.text("dpia_about"),))
    return [Table(caption, (RowGroup(tuple(rows)),), role="form-grid processing")]


def _described(ctx: FormContext, described: Processing) -> list[Row]:
    rows = []
    if described.description:
        rows.append(form_row((ctx.text("dpia_processing"),), blocks(
            described.description, ctx.origin(("processing", "description")))))
    for name in ("data_categories", "data_subjects"):
        items = getattr(described, name)
        if items:
            rows.append(form_row((ctx.text(f"dpia_{name}"),), (ListBlock(tuple(
                Item(plain_text(item.name, ctx.origin(("processing", name, i, "name"))))
                for i, item in enumerate(items))),)))
    for name in ("data_matching", "invisible_processing", "large_scale", "new_technology",
                 "automated_decisions", "systematic_monitoring"):
        feature = getattr(described, name)
        if feature is None:
            continue
        answer: list[Inline | Block] = [ctx.text("yes" if feature.applies else "no")]
        if feature.description:
            answer += [Text(": "), *inlines(feature.description, ctx.origin(
                ("processing", name, "description")))]
        rows.append(form_row((ctx.text(f"dpia_{name}"),), tuple(answer)))
    return rows
