"""The decision a form's rule reaches, in the form's words, with its reasons: each answer
that caused it (linked to its question's row), the lists whose rule is met, and the
questions still to be answered."""

from __future__ import annotations

from ..forms.definition import FormSection
from ..forms.rules import Answered, Outcome
from .context import FormContext
from .markup import inlines, plain_text
from .tree import (
    Block,
    Division,
    Group,
    Inline,
    Item,
    Link,
    ListBlock,
    Paragraph,
    Section,
    Styled,
    Text,
)


def decision_section(ctx: FormContext, section: FormSection, outcome: Outcome) -> list[Block]:
    """The form's choice of next step with the reached one ticked, and the decision with its
    reasons, announced to screen readers as the outcome."""
    rule = ctx.form.definition.decision
    assert rule is not None
    content: list[Block] = []
    if rule.next_steps is not None:
        steps = rule.next_steps
        ticked = {"triggered": (False, True), "not-triggered": (True, False),
                  "ended": (True, False), "incomplete": (False, False)}[outcome.status]
        content.append(ListBlock((
            Item((ctx.tick(ticked[0]), Text(" "), *inlines(steps.not_triggered, ctx.form.origin(
                ("decision", "next_steps", "not_triggered"))))),
            Item((ctx.tick(ticked[1]), Text(" "), *inlines(steps.triggered, ctx.form.origin(
                ("decision", "next_steps", "triggered")))))), role="choices stacked"))
    content.append(Group((Division(tuple(_decision(ctx, outcome)), role="decision",
                                   status=True),), "decision"))
    return [Section(ctx.heading(section), ctx.around(section, tuple(content)),
                    role="form-box next-steps")]


def _decision(ctx: FormContext, outcome: Outcome) -> list[Block]:
    rule = ctx.form.definition.decision
    assert rule is not None

    def said(key: str, text: str) -> tuple[Inline, ...]:
        return inlines(text, ctx.form.origin(("decision", key)))

    if outcome.status == "ended" and rule.gate is not None:
        return [Paragraph((Styled("strong", inlines(rule.gate.ended, ctx.form.origin(
            ("decision", "gate", "ended")))),))]
    if outcome.status == "not-triggered":
        return [Paragraph((Styled("strong", said("not_triggered", rule.not_triggered)),))]
    if outcome.status == "incomplete":
        count = len(outcome.unanswered)
        text = (rule.incomplete.replace("{count}", str(count)) if rule.incomplete else
                ctx.locale.text("form_incomplete_one" if count == 1 else "form_incomplete",
                                count=count))
        return [Paragraph((Styled("strong", (Text(text),)),)), _links(ctx, outcome.unanswered)]
    many = len(outcome.reasons) > 1 or bool(outcome.fired)
    because = (rule.because_many if many else rule.because_one) or ctx.locale.text(
        "form_because_many" if many else "form_because_one")
    found: list[Block] = [Paragraph((Styled("strong", said("triggered", rule.triggered)),
                                     Text(because)))]
    found.append(_fired(ctx, outcome) if outcome.fired else _links(ctx, outcome.reasons))
    if outcome.unanswered:
        found.append(Paragraph((ctx.text("form_still_unanswered",
                                         count=len(outcome.unanswered)),)))
        found.append(_links(ctx, outcome.unanswered))
    return found


def _links(ctx: FormContext, answered: tuple[Answered, ...]) -> ListBlock:
    """Each question linked to its row, with its answer: 'Community cohesion: Uncertain'."""
    items = []
    for a in answered:
        q = a.question
        said = q.origin("topic" if q.question.topic else "question")
        name = plain_text(q.question.name, said)
        words: list[Inline] = ([*name] if q.section.layout == "checklist"  # no row to link to
                               else [Link(f"#question-{q.id}", name)])
        if a.option is not None:
            words.append(Text(f": {a.option.label}"))
        items.append(Item(tuple(words)))
    return ListBlock(tuple(items))


def _fired(ctx: FormContext, outcome: Outcome) -> ListBlock:
    """For the criteria rule: each list whose rule is met, with the criteria met."""
    items = []
    for fired in outcome.fired:
        cs = fired.criteria_set
        key = f"criteria_sets:{cs.id}"
        words: list[Inline] = list(ctx.compose(
            "dpia_rule_met", title=(Text(*ctx.worded(cs, "title", key)),),
            rule=(Text(*ctx.worded(cs, "rule_text", key)),)))
        for n, r in enumerate(fired.counted):
            target = r.evidenced_by[0] if r.evidenced_by else r.criterion.id
            words.append(Link(f"#question-{target}", (
                Text(f"{r.criterion.number} "),
                Text(*ctx.worded(r.criterion, "title", f"criteria:{r.criterion.id}")))))
            words.append(Text("; " if n < len(fired.counted) - 1 else "."))
        items.append(Item(tuple(words)))
    return ListBlock(tuple(items))
