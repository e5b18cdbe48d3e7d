"""Checks of documents on a form: questions left unanswered, answers that call for the next
stage without their evidence, a screening older than the notice it screens, and a review
date that has passed."""

from __future__ import annotations

import datetime as dt

from ...forms.form import Form
from ...forms.rules import Answered, outcome_of
from ...source.errors import Location, Problem
from .published import Published
from .setting import long_day


def _rule(form: Form) -> str:
    if form.bundled:
        return f"the bundled form '{form.name}'"
    return f"the form '{form.name}' ({form.source.path})"


def _at(published: Published, a: Answered) -> Location:
    """The answer's place, or (when there is none) where the answers are, or the document."""
    doc = published.doc
    for path in (("answers", a.question.id), ("answers",)):
        if doc.provenance.source.own_has(path) or a.basis == "programme":
            return doc.provenance.locate(path, key=True)
    return doc.provenance.locate(("kind",), key=True)


def check_answers(published: Published) -> list[Problem]:
    """Every question answered, and every answer that calls for the next stage (or is an
    adverse impact) with its evidence and the form's other columns."""
    doc = published.doc
    form = doc.form
    assert form is not None
    answered, outcome = outcome_of(doc)
    found: list[Problem] = []
    if outcome is not None and outcome.status == "ended":
        return found
    rule = form.definition.decision
    for a in answered:
        q = a.question
        name = q.question.name
        if not a.answered:
            incomplete = outcome is not None and outcome.status == "incomplete"
            choices = ", ".join(o.label for o in q.scale.options)
            found.append(Problem(
                _at(published, a), "error" if incomplete else "warning", "unanswered-question",
                f"'{name}' is not answered" + (": the decision cannot be made until every "
                                              "question is" if incomplete else ""),
                fix=f"answer it under 'answers: {q.id}:' with 'answer:' ({choices}) and "
                "'evidence:'", rule=_rule(form)))
            continue
        if not a.triggers or a.basis == "derived":
            continue
        assert a.option is not None
        calls = (f", which calls for {rule.next_stage}," if rule is not None
                 else ", an adverse impact,")
        if not a.evidence and q.section.evidence != "none":  # the form may have no place
            found.append(Problem(
                _at(published, a), "warning", "missing-evidence",
                f"'{name}' is answered {a.option.label}{calls} but gives no evidence",
                fix=f"say why under 'answers: {q.id}: evidence:'", rule=_rule(form)))
        for column in q.section.columns:
            if column.id not in a.columns:
                found.append(Problem(
                    _at(published, a), "warning", f"missing-{column.id.replace('_', '-')}",
                    f"'{name}' is answered {a.option.label}{calls} but its "
                    f"'{column.label.rstrip(':')}' is empty",
                    fix=f"fill in 'answers: {q.id}: {column.id}:'", rule=_rule(form)))
    return found


def check_dates(published: Published) -> list[Problem]:
    """A screening dated before the notice it screens, and a review date that has passed."""
    doc = published.doc
    form = doc.form
    assert form is not None
    found: list[Problem] = []
    notice = doc.notice
    if notice is not None and notice.model.published > doc.model.published:
        found.append(Problem(
            doc.provenance.locate(("published",)), "warning", "screening-older-than-notice",
            f"this screening is dated {long_day(doc.model.published)}, but the notice it "
            f"screens ('{notice.model.title}', {notice.path}) was published on "
            f"{long_day(notice.model.published)}: the notice has changed since it was "
            "screened", fix="screen the notice again and date the screening",
            rule="a screening decides on the processing as the notice describes it"))
    for field in form.fields():
        value = doc.model.value(field.id)  # type: ignore[union-attr]
        if field.role == "review-date" and isinstance(value, dt.date) \
                and value < published.as_of:
            found.append(Problem(
                doc.provenance.locate((field.id,)), "warning", "review-date-passed",
                f"the date of next review, {long_day(value)}, has passed (as of "
                f"{long_day(published.as_of)})",
                fix="review the assessment and give the next review date", rule=_rule(form)))
    return found
