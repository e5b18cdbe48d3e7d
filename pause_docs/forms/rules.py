"""A form's answers and the decision its rule derives from them.

Each question is answered by the document, pre-filled by its programme, worked out from the
processing a DPIA screening describes, or not answered at all; an unanswered question is
never taken as a No.  Values in, values out; nothing is read or printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Literal

from ..source.errors import Location
from ..source.resolved import ResolvedDocument
from .definition import ScaleOption
from .facts import Facts, Finding, SetResult, apply_lists, criteria_met, derive, facts_of
from .form import Form, FormQuestion

Basis = Literal["document", "programme", "derived", "blank", "none"]
Status = Literal["triggered", "not-triggered", "incomplete", "ended"]


@dataclass(frozen=True)
class Answered:
    """One question with its answer (or none), and where the answer comes from."""

    question: FormQuestion
    option: ScaleOption | None
    basis: Basis
    evidence: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    """The form's other columns (mitigation, reason), by column id."""
    findings: tuple[Finding, ...] = ()
    """For an answer worked out from the processing: what shows it, and where."""
    written_at: Location | None = None

    @property
    def answered(self) -> bool:
        return self.option is not None

    @property
    def triggers(self) -> bool:
        return self.option is not None and self.option.triggers


@dataclass(frozen=True)
class Outcome:
    """The decision, with the answers that caused it and the questions left unanswered."""

    status: Status
    reasons: tuple[Answered, ...] = ()
    """The triggering answers (or, when the screening ended, the gate's answer)."""
    unanswered: tuple[Answered, ...] = ()
    fired: tuple[SetResult, ...] = ()
    """For the criteria rule: the registry's lists whose rule is met."""
    sets: tuple[SetResult, ...] = ()


def answers(doc: ResolvedDocument) -> tuple[Answered, ...]:
    """Every question of the document's form, answered as the document, its programme or the
    processing it describes says."""
    form = doc.form
    assert form is not None, "only documents on a form have answers"
    given = doc.model.answers  # type: ignore[union-attr]
    facts = facts_of(doc)
    found = []
    for q in form.questions:
        answer = getattr(given, q.id, None)
        if answer is not None and answer.answer is not None:
            where = doc.provenance.locate(("answers", q.id), key=True)
            own = doc.provenance.source.own_has(("answers", q.id))
            basis: Basis = "document" if own else "programme"
            columns = {c.id: getattr(answer, c.id) for c in q.section.columns
                       if getattr(answer, c.id, None)}
            found.append(Answered(q, q.option(answer.answer), basis,
                                  getattr(answer, "evidence", None), columns,
                                  written_at=where))
        else:
            found.append(_blank(form, _derived(q, facts, doc, answer)))
    return tuple(found)


def _blank(form: Form, a: Answered) -> Answered:
    """A question left blank counts as the form's `blank_means` answer, where the form says
    so ('a blank box means not ticked'); otherwise it stays unanswered."""
    meant = form.definition.blank_means
    if a.answered or meant is None:
        return a
    return replace(a, option=a.question.option(meant), basis="blank")


def _derived(q: FormQuestion, facts: Facts | None, doc: ResolvedDocument, answer: Any
             ) -> Answered:
    """A question nobody answered: worked out from the facts when its criteria follow from
    them, otherwise not answered (with any evidence written for it kept)."""
    evidence = getattr(answer, "evidence", None)
    criteria = [doc.registry.criteria[c] for c in q.question.criteria
                if c in doc.registry.criteria]
    if facts is None or not criteria:
        return Answered(q, None, "none", evidence)
    results = [derive(c, facts) for c in criteria]
    met = [findings for shown, findings in results if shown]
    if met:
        option = next((o for o in q.scale.options if o.triggers), None)
        return Answered(q, option, "derived", findings=tuple(f for x in met for f in x))
    if all(shown is False for shown, _ in results):
        option = next((o for o in q.scale.options if not o.triggers), None)
        return Answered(q, option, "derived", findings=tuple(
            dict.fromkeys(f for _, found in results for f in found)))
    return Answered(q, None, "none", evidence)


def decide(form: Form, answered: tuple[Answered, ...], doc: ResolvedDocument) -> Outcome | None:
    """The decision the form's rule reaches (None for a form without one)."""
    rule = form.definition.decision
    if rule is None:
        return None
    pool = list(answered)
    if rule.gate is not None:
        gate = next(a for a in answered if a.question.id == rule.gate.question)
        if gate.option is not None and gate.option.value in rule.gate.ends_when:
            return Outcome("ended", (gate,))
    unanswered = tuple(a for a in pool if not a.answered)
    if rule.gate is not None:
        pool = [a for a in pool if a.question.id != rule.gate.question]
    if rule.rule == "criteria":
        return _by_criteria(pool, unanswered, doc)
    if rule.rule == "per-characteristic":
        pool = [a for a in pool if a.question.question.characteristic]
    triggers = tuple(a for a in pool if a.triggers)
    needed = rule.count if rule.rule == "at-least" and rule.count else 1
    if len(triggers) >= needed:
        return Outcome("triggered", triggers, unanswered)
    if unanswered:
        return Outcome("incomplete", triggers, unanswered)
    return Outcome("not-triggered", triggers, unanswered)


def _by_criteria(pool: list[Answered], unanswered: tuple[Answered, ...],
                 doc: ResolvedDocument) -> Outcome:
    """The registry's lists, each with its own rule, applied to the criteria that the
    triggering answers evidence."""
    met = criteria_met((a.question.id, a.question.question.criteria) for a in pool
                       if a.triggers)
    sets = apply_lists(met, doc.registry)
    fired = tuple(s for s in sets if s.fires)
    triggers = tuple(a for a in pool if a.triggers)
    if fired:
        return Outcome("triggered", triggers, unanswered, fired, sets)
    return Outcome("incomplete" if unanswered else "not-triggered", triggers, unanswered, (),
                   sets)


def outcome_of(doc: ResolvedDocument) -> tuple[tuple[Answered, ...], Outcome | None]:
    """The document's answers and its decision."""
    assert doc.form is not None
    found = answers(doc)
    return found, decide(doc.form, found, doc)
