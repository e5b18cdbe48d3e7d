"""Impact-assessment screenings ("Level 1"): the form's rows, tick boxes, screening questions
with their answers and evidence, and the decision derived from the answers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..locale import Locale
from ..models import ImpactAssessment
from ..models.assessment import ANSWERS, DECISION_TYPES
from ..publication import (
    Block,
    Cell,
    Division,
    Group,
    Heading,
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
    Tick,
)
from ..resolved import ResolvedDocument
from .common import Context, citations, publication, sign_off
from .markup import blocks, inlines, plain_text

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def publish_assessment(doc: ResolvedDocument, locale: Locale) -> Publication:
    ctx = FormContext(doc, locale)
    model = ctx.model
    body: list[Block] = [ctx.about(), ctx.aims()]
    body += ctx.drivers()
    body += ctx.box("previous", "ia_previous", (
        Paragraph((ctx.text("ia_description"),), role="label"),
        *blocks(model.previous_approach, ctx.origin(("previous_approach",))))
        if model.previous_approach else ())
    body += ctx.box("stakeholders", "ia_stakeholders",
                    blocks(model.stakeholders, ctx.origin(("stakeholders",))))
    body += ctx.box("outcomes", "ia_outcomes", ctx.outcomes())
    body += [ctx.dates(), ctx.screening(), ctx.next_steps(), ctx.sign_off()]
    return publication(ctx, tuple(body), form=True)


def form_row(label: tuple[Inline, ...], *values: tuple[Inline | Block, ...],
             role: str | None = None) -> Row:
    """A row of a form: a label cell, then one cell per value (label, value, ...)."""
    cells = [Cell(label, header=True, scope="row")]
    for i, value in enumerate(values):
        cells.append(Cell(value, header=i % 2 == 1, scope="row" if i % 2 == 1 else None))
    return Row(tuple(cells), role=role)


class FormContext(Context):
    """An impact assessment being published."""

    @property
    def model(self) -> ImpactAssessment:
        assert isinstance(self.doc.model, ImpactAssessment)
        return self.doc.model

    def tick(self, selected: bool) -> Tick:
        return Tick(selected, self.locale.text("tick_selected" if selected
                                               else "tick_not_selected"))

    def day(self, day: dt.date | None) -> tuple[Inline, ...]:
        return (self.date(day, self.model.date_style),) if day else ()

    def box(self, anchor: str, title: str, content: tuple[Block, ...],
            role: str = "form-box") -> list[Block]:
        """A boxed part of the form with its heading; nothing when it has no content."""
        if not content:
            return []
        return [Section(Heading(2, (self.text(title),), anchor=anchor), content, role=role)]

    def choices(self, ticked: Sequence[tuple[tuple[Inline, ...], bool]], label_first: bool
                ) -> ListBlock:
        items = [Item((*label, Text(" "), self.tick(on)) if label_first
                      else (self.tick(on), Text(" "), *label)) for label, on in ticked]
        return ListBlock(tuple(items), role="choices")

    def about(self) -> Block:
        model = self.model
        kinds = [((self.text(f"ia_decision_{value}"),), value == model.decision_type)
                 for value in DECISION_TYPES]
        approach = [((self.text("ia_approach_new"),), model.approach == "new"),
                    ((self.text("ia_approach_revision"),), model.approach == "revision")]
        driven = [((self.text("ia_driven_legislation"),), "legislation" in model.driven_by),
                  ((self.text("ia_driven_local"),), "local-or-corporate" in model.driven_by)]
        rows = (
            form_row((self.text("ia_subject"),), plain_text(model.subject,
                                                           self.origin(("subject",)))),
            form_row((self.text("ia_coverage"),), plain_text(model.coverage,
                                                            self.origin(("coverage",)))),
            form_row((self.text("ia_decision_type"),), (self.choices(kinds, False),)),
            form_row((self.text("ia_approach"),), (self.choices(approach, True),)),
            form_row((self.text("ia_driven_by"),), (self.choices(driven, True),)),
        )
        return Table((self.text("ia_about"),), (RowGroup(rows),), role="form-grid")

    def aims(self) -> Block:
        model = self.model
        content: list[Block] = list(blocks(model.aims, self.origin(("aims",))))
        if model.outcomes:
            content.append(ListBlock(tuple(
                Item((Styled("span", (Text(f"{LETTERS[i % 26]}."),), role="letter"), Text(" "),
                      *inlines(o, self.origin(("outcomes", i)))))
                for i, o in enumerate(model.outcomes)), ordered=True, role="lettered"))
        content += blocks(model.aims_continued, self.origin(("aims_continued",)))
        return self.box("aims", "ia_aims", tuple(content))[0]

    def drivers(self) -> list[Block]:
        content: list[Block] = []
        provisions = self.doc.registry.provisions
        for i, driver in enumerate(self.model.statutory_drivers):
            content += blocks(driver.text, self.origin(("statutory_drivers", i, "text")))
            cited = citations(driver.references, provisions,
                              ("statutory_drivers", i, "references"))
            if cited:
                label = "ia_references" if len(cited) > 1 else "ia_reference"
                links: list[Inline] = [self.text(label)]
                for n, c in enumerate(cited):
                    words = (self.origin(c.path + ("cited_as",)) if c.reference.cited_as
                             else self.registry_origin(f"provisions:{c.provisions[0].id}"))
                    links.append(Link(c.url, (Text(c.text, words),),
                                      law=tuple(p.id for p in c.provisions), reference=c.path))
                    if n < len(cited) - 1:
                        links.append(Text("; "))
                content.append(Paragraph(tuple(links), role="references"))
        return self.box("drivers", "ia_drivers", tuple(content))

    def outcomes(self) -> tuple[Block, ...]:
        model = self.model
        content: list[Block] = []
        if model.contract_value:
            value = model.contract_value
            amount = f"£{value.amount:,.2f}".removesuffix(".00")
            content.append(Paragraph(self.compose(
                "ia_contract_value", term=plain_text(value.term, self.origin(
                    ("contract_value", "term"))),
                amount=(Styled("span", (Text(amount, self.origin(("contract_value", "amount"))),),
                               role="money"),))))
        content += blocks(model.intended_outcomes, self.origin(("intended_outcomes",)))
        return tuple(content)

    def dates(self) -> Block:
        model = self.model
        live = self.compose("ia_onwards", date=self.day(model.live_date)) \
            if model.live_date else ()
        span: tuple[Inline, ...] = ()
        if model.lifespan:
            span = self.day(model.lifespan.start)
            if model.lifespan.end:
                span += (Text(" – "), *self.day(model.lifespan.end))
        review: tuple[Inline, ...] = ()
        if model.next_review == "not-applicable":
            review = (self.text("ia_not_applicable"),)
        elif isinstance(model.next_review, dt.date):
            review = self.day(model.next_review)
        rows = (form_row((self.text("ia_live_date"),), live),
                form_row((self.text("ia_lifespan"),), span),
                form_row((self.text("ia_next_review"),), review))
        return Table((self.text("ia_dates"),), (RowGroup(rows),), role="form-grid dates")

    def screening(self) -> Block:
        model = self.model
        head = Row((Cell((self.text("ia_questions"),), header=True, scope="col",
                         role="question"),
                    *(Cell((self.text(f"ia_answer_{v}"),), header=True, scope="col",
                           role="tick-col") for v in ANSWERS)))
        groups = []
        provisions = self.doc.registry.provisions
        for question, answer in model.answered:
            q = model.questions.index(question)
            path = ("questions", q)
            label: tuple[Inline, ...] = (
                Styled("strong", plain_text(question.topic, self.origin(path + ("topic",)))),
                Text(" "), *plain_text(question.question, self.origin(path + ("question",))))
            ticks = tuple(Cell((self.tick(answer.answer == v),), role="tick-col")
                          for v in ANSWERS)
            evidence: list[Inline | Block] = list(blocks(
                answer.evidence, self.origin(("answers", question.id, "evidence"))))
            law = citations(question.law, provisions, path + ("law",))
            if law:
                links: list[Inline] = [self.text("ia_law")]
                for n, c in enumerate(law):
                    links.append(Link(c.url, (Text(c.text, self.registry_origin(
                        f"provisions:{c.provisions[0].id}")),),
                        law=tuple(p.id for p in c.provisions), reference=c.path))
                    if n < len(law) - 1:
                        links.append(Text("; "))
                evidence.append(Paragraph(tuple(links), role="law"))
            rows = (Row((Cell(label, header=True, scope="row", id=f"topic-{question.id}",
                              role="question"), *ticks)),
                    Row((Cell(tuple(evidence), colspan=len(ANSWERS) + 1,
                              headers=f"topic-{question.id}", role="evidence"),),
                        role="evidence-row"))
            groups.append(RowGroup(rows, id=f"question-{question.id}"))
        table = Table((self.text("ia_screening_caption"),), tuple(groups), (head,),
                      caption_hidden=True, role="screening")
        note = blocks(model.questions_note, self.origin(("questions_note",)))
        heading = Heading(2, (self.text("ia_screening"),), anchor="screening",
                          role="visually-hidden")
        return Section(heading, (table, *note))

    def next_steps(self) -> Block:
        model = self.model
        decision = model.decision
        steps = ListBlock((
            Item((self.tick(not decision.full_assessment), Text(" "),
                  *inlines(model.next_steps.all_no, self.origin(("next_steps", "all_no"))))),
            Item((self.tick(decision.full_assessment), Text(" "),
                  *inlines(model.next_steps.any_yes_or_uncertain,
                           self.origin(("next_steps", "any_yes_or_uncertain")))))),
            role="choices stacked")
        if decision.full_assessment:
            because = "ia_because_one" if len(decision.triggers) == 1 else "ia_because_many"
            outcome: list[Block] = [Paragraph((Styled("strong", (self.text(
                "ia_full_assessment_one"),)), self.text(because)))]
            outcome.append(ListBlock(tuple(
                Item((Link(f"#question-{q.id}", plain_text(q.topic, self.origin(
                    ("questions", model.questions.index(q), "topic")))),
                      Text(f": {self.locale.text('ia_answer_' + a.answer)}")))
                for q, a in decision.triggers)))
        else:
            outcome = [Paragraph((Styled("strong", (self.text("ia_complete"),)),
                                  self.text("ia_complete_reason")))]
        content = (steps, Group((Division(tuple(outcome), role="decision", status=True),),
                                "decision"))
        return self.box("next-steps", "ia_next_steps", content, "form-box next-steps")[0]

    def sign_off(self) -> Block:
        model = self.model
        return sign_off(self, ("ia_completed_by", model.completed_by, "completed_by"),
                        ("ia_head_of_service", model.head_of_service, "head_of_service"),
                        model.date_style)
