"""A full DPIA's risk register (ICO template steps 5 and 6) and its outcome (step 7).

Each risk is printed with the levels the form's matrix gives it, before and after its
measures (`forms.risk.judge`); the matrix picture (`risk_picture`) places the same risks on
the same grid, and says in words what it shows.  The outcome — whether the Information
Commissioner must be consulted before the processing starts (UK GDPR Art 36) — is derived
from the residual levels, with the risks that call for it.
"""

from __future__ import annotations

from collections.abc import Callable

from ..forms.definition import FormSection
from ..forms.risk import Judged, Register, RiskMatrix, judge
from ..source.models.dpia_full import Dpia
from .context import FormContext
from .dpia import (
    drafted_section,
    grade_words,
    level_words,
    not_stated,
    risk_number,
    screened_section,
)
from .markup import inlines, plain_text
from .questions import Content
from .risk_picture import picture
from .tree import (
    Block,
    Cell,
    Division,
    Inline,
    Item,
    ListBlock,
    Paragraph,
    Row,
    RowGroup,
    Section,
    Styled,
    Table,
    Text,
)


def register_of(ctx: FormContext) -> Register | None:
    """The document's risks judged by its form's matrix (None on a form without one)."""
    matrix = ctx.form.definition.risk_matrix
    if matrix is None or not isinstance(ctx.model, Dpia):
        return None
    return judge(matrix, ctx.model)


def risks_section(ctx: FormContext, section: FormSection) -> list[Block]:
    """The register as a table, then the matrix picture with its text alternative."""
    register = register_of(ctx)
    assert register is not None, "a 'show: risks' section is on a form with a risk matrix"
    body: list[Block] = []
    if not register.risks:
        body.append(Paragraph(not_stated(ctx, "dpia_no_risks")))
    else:
        body.append(_table(ctx, register))
        body += picture(ctx, register)
    source = register.matrix.source
    if source:
        body.append(Paragraph((ctx.text("dpia_matrix_source"), Text(" "), *ctx.words(
            source, ("risk_matrix", "source"))), role="guidance"))
    return [Section(ctx.heading(section), ctx.around(section, tuple(body)), role="form-box")]


def _table(ctx: FormContext, register: Register) -> Table:
    heads = ("dpia_risk", "dpia_likelihood", "dpia_severity", "dpia_overall",
             "dpia_measures", "dpia_residual")
    head = Row(tuple(Cell((ctx.text(k),), header=True, scope="col") for k in heads))
    rows = tuple(_row(ctx, register.matrix, j) for j in register.risks)
    return Table((ctx.text("dpia_register_caption"),), (RowGroup(rows),), (head,),
                 caption_hidden=True, role="form-table risk-register")


def _row(ctx: FormContext, matrix: RiskMatrix, j: Judged) -> Row:
    at = ("risks", j.index)
    risk: list[Inline | Block] = [Styled("strong", (Text(f"{risk_number(j)} "),)),
                                  *inlines(j.risk.risk, ctx.origin(at + ("risk",)))]
    if j.risk.source:
        risk += [Text(" ("), *plain_text(j.risk.source, ctx.origin(at + ("source",))),
                 Text(")")]
    for n, criterion in enumerate(j.risk.criteria):
        entry = ctx.doc.registry.criteria.get(criterion)
        if entry is not None:
            risk += [Text(" – " if n == 0 else "; "), Text(*ctx.worded(
                entry, "title", f"criteria:{criterion}"))]
    return Row((
        Cell(tuple(risk), header=True, scope="row"),
        Cell(grade_words(ctx, matrix, "likelihood", j.risk.likelihood)),
        Cell(grade_words(ctx, matrix, "severity", j.risk.severity)),
        Cell((level_words(ctx, matrix, j.overall),)),
        Cell(_measures(ctx, matrix, j)),
        Cell(_residual(ctx, matrix, j)),
    ))


def _measures(ctx: FormContext, matrix: RiskMatrix, j: Judged) -> Content:
    if not j.risk.measures:
        return not_stated(ctx, "dpia_no_measure")
    items = []
    for k, m in enumerate(j.risk.measures):
        at = ("risks", j.index, "measures", k)
        words: list[Inline] = [*inlines(m.measure, ctx.origin(at + ("measure",))),
                               Text(" – "), ctx.text("dpia_effect"), Text(" "),
                               *grade_words(ctx, matrix, "effects", m.effect)]
        if m.approved is not None:
            words += [Text(". "), ctx.text("dpia_approved_by"), Text(" "),
                      *plain_text(m.approved.name, ctx.origin(at + ("approved", "name")))]
            if m.approved.date:
                words += [Text(", "), *ctx.day(m.approved.date)]
        items.append(Item(tuple(words)))
    return (ListBlock(tuple(items)),)


def _residual(ctx: FormContext, matrix: RiskMatrix, j: Judged) -> Content:
    left = j.left
    if left is None:
        return not_stated(ctx, "dpia_not_assessed")
    if j.risk.residual is None:  # no measure: the risk stays as it is
        return (level_words(ctx, matrix, left),)
    return (level_words(ctx, matrix, left), Text(" ("), *grade_words(
        ctx, matrix, "likelihood", j.risk.residual.likelihood), Text(" × "), *grade_words(
        ctx, matrix, "severity", j.risk.residual.severity), Text(")"))


# --- step 7: the outcome --------------------------------------------------------------------

def outcome_section(ctx: FormContext, section: FormSection) -> list[Block]:
    """Whether prior consultation with the Information Commissioner is required, and why."""
    register = register_of(ctx)
    body: list[Block] = []
    if register is None or not register.risks:
        body.append(Paragraph(not_stated(ctx, "dpia_outcome_no_risks")))
    elif register.consult:
        body.append(Paragraph((Styled("strong", (ctx.text("dpia_art36_required"),)),)))
        body.append(ListBlock(tuple(Item(_why(ctx, register.matrix, j))
                                    for j in register.high_left)))
        body.append(_consulted(ctx))
    elif register.unassessed:
        body.append(Paragraph(not_stated(ctx, "dpia_outcome_unassessed")))
        body.append(ListBlock(tuple(Item((Text(risk_number(j)),))
                                    for j in register.unassessed)))
    else:
        body.append(Paragraph((Styled("strong", (ctx.text("dpia_art36_not_required"),)),)))
    return [Section(ctx.heading(section), ctx.around(section, (
        Division(tuple(body), role="decision", status=True),)), role="form-box")]


def _why(ctx: FormContext, matrix: RiskMatrix, j: Judged) -> tuple[Inline, ...]:
    """'R2 remains high after its measures' or 'R2 is high and has no measure'."""
    key = "dpia_art36_reason_no_measure" if not j.risk.measures else (
        "dpia_art36_reason_not_reduced" if not j.reduced else "dpia_art36_reason_residual")
    return ctx.compose(key, risk=(Text(risk_number(j)),),
                       level=(level_words(ctx, matrix, j.left or j.overall),))


def _consulted(ctx: FormContext) -> Paragraph:
    model = ctx.model
    assert isinstance(model, Dpia)
    if model.ico_consulted is None:
        return Paragraph(not_stated(ctx, "dpia_ico_not_consulted"))
    return Paragraph((ctx.text("dpia_ico_consulted"), Text(" "), *ctx.day(model.ico_consulted)))


DPIA_PARTS: dict[str, Callable[[FormContext, FormSection], list[Block]]] = {
    "screened": screened_section, "drafted": drafted_section, "risks": risks_section,
    "outcome": outcome_section}
"""What each `show:` of a full DPIA's form prints."""
