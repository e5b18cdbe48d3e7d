"""Changes between two versions of a document on a form: the answers that changed, and the
decision with why it changed.  The wording of evidence and fields is compared as text
(`text.py`), from the two publications."""

from __future__ import annotations

from ..forms.rules import Answered, Outcome, outcome_of
from ..source.resolved import ResolvedDocument
from .records import Action, Change
from .words import norm


def screening_changes(old: ResolvedDocument, new: ResolvedDocument) -> list[Change]:
    if old.form is None or new.form is None:
        return []
    changes = []
    if old.form.name != new.form.name:
        changes.append(Change("document", "changed", "form", "wording", old=old.form.name,
                              new=new.form.name))
    was_answers, was = outcome_of(old)
    now_answers, now = outcome_of(new)
    changes += _decision(old, new, was, now)
    rule = new.form.definition.decision
    changes += _answers(was_answers, now_answers, rule.next_stage if rule else None)
    return changes


def _answer(a: Answered | None) -> str:
    if a is None:
        return "not asked"
    return a.option.label if a.option is not None else "not answered"


def _name(a: Answered) -> str:
    return a.question.question.name


def _answers(was: tuple[Answered, ...], now: tuple[Answered, ...], next_stage: str | None
             ) -> list[Change]:
    """Each question whose answer changed, was first answered, or stopped being answered."""
    before = {a.question.id: a for a in was}
    after = {a.question.id: a for a in now}
    changes = []
    for ident in dict.fromkeys([*after, *before]):
        a, b = before.get(ident), after.get(ident)
        old, new = _answer(a), _answer(b)
        if old == new:
            continue
        shown = b or a
        assert shown is not None
        action: Action = ("added" if a is None or a.option is None else
                          "removed" if b is None or b.option is None else "changed")
        note = None
        stage = next_stage or "the next stage (an adverse impact)"
        if b is not None and b.triggers and not (a is not None and a.triggers):
            note = f"this answer now calls for {stage}"
        elif a is not None and a.triggers and not (b is not None and b.triggers):
            note = f"this answer no longer calls for {stage}"
        changes.append(Change("answers", action, _name(shown), old=old, new=new, note=note))
    return changes


def _said(doc: ResolvedDocument, outcome: Outcome | None) -> str:
    """The decision as the document's form words it."""
    assert doc.form is not None
    rule = doc.form.definition.decision
    if outcome is None or rule is None:
        return "no decision"
    if outcome.status == "triggered":
        return norm(rule.triggered)
    if outcome.status == "not-triggered":
        return norm(rule.not_triggered)
    if outcome.status == "ended" and rule.gate is not None:
        return norm(rule.gate.ended)
    count = len(outcome.unanswered)
    return f"screening incomplete: {count} question{'' if count == 1 else 's'} not answered"


def _decision(old: ResolvedDocument, new: ResolvedDocument, was: Outcome | None,
              now: Outcome | None) -> list[Change]:
    """The decision, when it changed, with the answers that changed it."""
    before, after = _said(old, was), _said(new, now)
    if before == after:
        return []
    was_reasons = {_name(a): a for a in (was.reasons if was else ())}
    now_reasons = {_name(a): a for a in (now.reasons if now else ())}
    why = [f"{name} is now {_answer(a)}" for name, a in now_reasons.items()
           if name not in was_reasons]
    why += [f"{name} no longer calls for it" for name in was_reasons if name not in now_reasons]
    unanswered = len(now.unanswered) if now else 0
    if now is not None and now.status == "incomplete":
        why.append(f"{unanswered} question{'' if unanswered == 1 else 's'} not answered")
    return [Change("decision", "changed", "decision", old=before, new=after,
                   note="; ".join(why) or None)]
