"""A full DPIA's drafted parts: why it is needed (the criteria its screening found met, with
their evidence) and the processing (what its notice and programme say), each value printed
with the place it was written; what nobody has said is printed as not stated, never guessed.
The risk register and the outcome are in `risks.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from ..forms.definition import FormSection
from ..forms.risk import Judged, Level, RiskMatrix
from ..forms.rules import outcome_of
from ..source.errors import Location
from ..source.loader import Path_
from ..source.models.notice import Notice
from ..source.models.statements import LegalReference
from ..source.resolved import ResolvedDocument
from .citations import citation_words, citations
from .context import FormContext
from .markup import inlines, plain_text
from .questions import form_row, source
from .tree import (
    Block,
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
)


def notice_of(doc: ResolvedDocument) -> ResolvedDocument | None:
    """The notice a DPIA assesses: its own `notice:`, or its screening's."""
    if doc.notice is not None:
        return doc.notice
    return doc.screening.notice if doc.screening is not None else None


def where(location: Location) -> Styled:
    """'(councils/…/file.yaml:12)': where a drafted value was written."""
    return source(f"{location.path}:{location.line}" if location.line else location.path)


def not_stated(ctx: FormContext, key: str = "dpia_not_stated") -> tuple[Inline, ...]:
    """What nobody has said, printed so that a reader sees it is missing."""
    return (Styled("strong", (ctx.text(key),), role="not-answered"),)


# --- the form's scales, in its words ------------------------------------------------------

def level_words(ctx: FormContext, matrix: RiskMatrix, level: Level) -> Styled:
    index = matrix.levels.index(level)
    return Styled("strong", ctx.words(level.label, ("risk_matrix", "levels", index, "label")),
                  role=f"risk-level {level.value}")


def grade_words(ctx: FormContext, matrix: RiskMatrix, scale: str, value: str
                ) -> tuple[Inline, ...]:
    grades = getattr(matrix, scale)
    index = next(i for i, g in enumerate(grades) if g.value == value)
    return ctx.words(grades[index].label, ("risk_matrix", scale, index, "label"))


def risk_number(judged: Judged) -> str:
    """The risk's number in the register and on the picture: R1, R2, ..."""
    return f"R{judged.index + 1}"



# --- step 1: why a DPIA is needed -----------------------------------------------------------

def screened_section(ctx: FormContext, section: FormSection) -> list[Block]:
    """The screening's decision and each criterion it found met, with its evidence and the
    place the answer (or the fact it was worked out from) was written."""
    screening = ctx.doc.screening
    heading = ctx.heading(section)
    if screening is None or screening.form is None:
        body: list[Block] = [Paragraph(not_stated(ctx, "dpia_no_screening"))]
    else:
        body = _screening_found(ctx, screening)
    return [Section(heading, ctx.around(section, tuple(body)), role="form-box")]


def _screening_found(ctx: FormContext, screening: ResolvedDocument) -> list[Block]:
    answered, outcome = outcome_of(screening)
    title = Origin(screening.provenance.locate(("title",)), ("screening", "title"))
    intro = Paragraph((*ctx.compose("dpia_screening_intro", title=(
        Text(screening.model.title, title),)), Text(" "), source(screening.path)))
    items = []
    for a in answered:
        if not a.triggers:
            continue
        q = a.question
        words: list[Inline | Block] = [Styled("strong", plain_text(
            q.question.topic or q.id, q.origin("topic")))]
        if a.evidence:
            at = screening.provenance.locate(("answers", q.id, "evidence"))
            words += [Text(": "), *inlines(a.evidence, Origin(at, ("screening", q.id))),
                      Text(" "), where(at)]
        elif a.findings:
            for f in a.findings:
                words += [Text(": " if f is a.findings[0] else "; "), Text(f.text), Text(" "),
                          where(f.location)]
        elif a.written_at is not None:
            words += [Text(" "), where(a.written_at)]
        items.append(Item(tuple(words)))
    if outcome is None or outcome.status != "triggered":
        return [intro, Paragraph(not_stated(ctx, "dpia_screening_not_triggered"))]
    if not items:
        return [intro]
    return [intro, ListBlock(tuple(items))]


# --- step 2: the processing -----------------------------------------------------------------

def drafted_section(ctx: FormContext, section: FormSection) -> list[Block]:
    """The processing as the notice (and its programme) describe it: a row for each part
    the ICO template asks about, each value with where it was written."""
    notice = notice_of(ctx.doc)
    rows = [form_row((ctx.text("dpia_controller"),), (Text(
        ctx.doc.council.name, ctx.council_origin(("name",))),))]
    if notice is None or not isinstance(notice.model, Notice):
        rows.append(form_row((ctx.text("dpia_notice"),), not_stated(ctx, "dpia_no_notice")))
    else:
        rows += _from_notice(ctx, notice)
    caption = (ctx.words(section.heading, ctx.section_path(section) + ("heading",))
               or (ctx.text("dpia_about"),))
    table = Table(caption, (RowGroup(tuple(rows)),), caption_hidden=True,
                  role="form-grid drafted")
    return [Section(ctx.heading(section), ctx.around(section, (table,)), role="form-box")]


def _from_notice(ctx: FormContext, notice: ResolvedDocument) -> list[Row]:
    model = notice.model
    assert isinstance(model, Notice)

    def at(*path: str | int) -> Location:
        return notice.provenance.locate(tuple(path))

    def said(*path: str | int) -> Origin:
        return Origin(at(*path), ("notice", *path))

    title = (Text(model.title, said("title")), Text(" "), source(notice.path))
    rows = [form_row((ctx.text("dpia_notice"),), title)]
    purpose = model.purpose or model.summary
    key = "purpose" if model.purpose else "summary"
    rows.append(form_row((ctx.text("dpia_nature"),), (
        *inlines(purpose, said(key)), Text(" "), where(at(key))) if purpose
        else not_stated(ctx)))
    rows.append(_listed(ctx, "dpia_purposes", _purposes(ctx, notice, at, said)))
    rows.append(_listed(ctx, "dpia_data_categories", [
        (plain_text(c.name, said("data_categories", i, "name")),
         _flags(ctx, ("dpia_special_category", c.special_category),
                ("dpia_criminal_offence", c.criminal_offence)), at("data_categories", i))
        for i, c in enumerate(model.data_categories)]))
    rows.append(_listed(ctx, "dpia_data_subjects", [
        (plain_text(s.name, said("data_subjects", i, "name")),
         _flags(ctx, ("dpia_children", s.children), ("dpia_vulnerable", s.vulnerable)),
         at("data_subjects", i)) for i, s in enumerate(model.data_subjects)]))
    rows.append(_listed(ctx, "dpia_recipients", [
        (plain_text(r.name, said("recipients", i, "name")),
         (Text(" – "), ctx.text(f"dpia_role_{r.role.replace('-', '_')}")),
         at("recipients", i)) for i, r in enumerate(model.recipients)]))
    rows.append(_listed(ctx, "dpia_retention", [
        ((*(plain_text(f"{r.records}: ", said("retention", i, "records")) if r.records
            else ()), *inlines(r.rule, said("retention", i, "rule"))), (),
         at("retention", i)) for i, r in enumerate(model.retention)]))
    transfers = model.transfers
    rows.append(_listed(ctx, "dpia_transfers", [
        (inlines(transfers.statement, said("transfers", "statement")), (),
         at("transfers"))] if transfers is not None else []))
    return rows


Entry = tuple[Sequence[Inline], Sequence[Inline | Block], Location]


def _purposes(ctx: FormContext, notice: ResolvedDocument, at: Callable[..., Location],
              said: Callable[..., Origin]) -> list[Entry]:
    """Each purpose with the law it rests on; or, for a notice that gives its law for the
    whole processing, that law."""
    model = notice.model
    assert isinstance(model, Notice)
    if model.purposes:
        return [(inlines(p.description, said("purposes", i, "description")),
                 _bases(ctx, notice, p.legal_bases, ("purposes", i, "legal_bases")),
                 at("purposes", i)) for i, p in enumerate(model.purposes)]
    if model.legal_bases:
        return [((), _bases(ctx, notice, model.legal_bases, ("legal_bases",))[1:],
                 at("legal_bases"))]
    return []


def _listed(ctx: FormContext, key: str, entries: list[Entry]) -> Row:
    """A row of the drafted table: its items, each with where it was written, or 'not
    stated' when the notice says nothing of it."""
    if not entries:
        return form_row((ctx.text(key),), not_stated(ctx))
    items = tuple(Item((*words, *more, Text(" "), where(place)))
                  for words, more, place in entries)
    return form_row((ctx.text(key),), (ListBlock(items),))


def _flags(ctx: FormContext, *flags: tuple[str, bool]) -> tuple[Inline, ...]:
    shown = [key for key, on in flags if on]
    if not shown:
        return ()
    words: list[Inline] = [Text(" (")]
    for n, key in enumerate(shown):
        words += [ctx.text(key), *((Text(", "),) if n < len(shown) - 1 else ())]
    return (*words, Text(")"))


def _bases(ctx: FormContext, notice: ResolvedDocument, references: Sequence[LegalReference],
           path: Path_) -> tuple[Inline, ...]:
    """The law a purpose rests on, linked to it: ' – Lawful basis: UK GDPR Art 6(1)(e); …'."""
    cited = citations(references, ctx.doc.registry.provisions, path)
    if not cited:
        return ()
    words: list[Inline] = [Text(" – "), ctx.text("dpia_law"), Text(" ")]
    for n, c in enumerate(cited):
        text, origin = _registry_words(ctx, c)
        words.append(Link(c.url, (Text(text, origin),), law=tuple(p.id for p in c.provisions)))
        if n < len(cited) - 1:
            words.append(Text("; "))
    return tuple(words)


def _registry_words(ctx: FormContext, c: Any) -> tuple[str, Origin]:
    """A citation in the registry's words (the notice's own may misname the law: the DPIA
    cites it correctly, and lint reports the notice's words in the notice)."""
    if c.reference.cited_as:
        c = replace(c, reference=c.reference.model_copy(update={"cited_as": None}))
    return citation_words(ctx, c)
