"""Council impact-assessment screenings ("Level 1"): the form's parts as structured data.

The decision is never typed: `ImpactAssessment.decision` derives it from the answers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator

from .base import Markdown, Model, SignOff, Slug
from .notice import LegalReference

DecisionType = Literal["strategy", "policy", "service", "function", "process-procedure",
                       "programme", "project", "review", "organisational-change"]
DECISION_TYPES: dict[str, str] = {
    "strategy": "Strategy", "policy": "Policy", "service": "Service", "function": "Function",
    "process-procedure": "Process/procedure", "programme": "Programme", "project": "Project",
    "review": "Review", "organisational-change": "Organisational change",
}
Approach = Literal["new", "revision"]
Driver = Literal["legislation", "local-or-corporate"]


def _lower(value: object) -> object:
    return value.strip().lower() if isinstance(value, str) else value


def _review_date(value: object) -> object:
    """One clear message for a next-review date that is neither a date nor not-applicable."""
    if not isinstance(value, str):
        return value
    if value.strip().lower().replace(" ", "-") == "not-applicable":
        return "not-applicable"
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"'{value}' is neither a date written as YYYY-MM-DD (for example "
                         "2024-03-31) nor not-applicable") from None


ReviewDate = Annotated[dt.date | Literal["not-applicable"], BeforeValidator(_review_date)]
AnswerValue = Annotated[Literal["no", "yes", "uncertain"], BeforeValidator(_lower),
                        Field(description="No, Yes or Uncertain.")]
ANSWERS: tuple[str, ...] = ("no", "yes", "uncertain")


class StatutoryDriver(Model):
    """One reason the decision is needed: law or guidance by registry id, in the form's words."""

    text: Markdown = Field(description="The driver, as the assessment writes it.")
    references: tuple[LegalReference, ...] = Field(
        (), description="The law or guidance it rests on, by registry id (e.g. 'ca2004-s10', "
        "'wtsc-2023'); leave out for a local or corporate driver.")


class ContractValue(Model):
    """The money at stake."""

    amount: Decimal = Field(ge=0, description="In pounds, e.g. 206568.")
    term: str = Field("for the term of the contract",
                      description="What the amount covers, e.g. 'for the term of the contract'.")


class Lifespan(Model):
    """When the decision starts and stops applying."""

    start: dt.date = Field(description="First day (YYYY-MM-DD).")
    end: dt.date | None = Field(None, description="Last day (YYYY-MM-DD); leave out if open.")


class ScreeningQuestion(Model):
    """A question every Level 1 screening asks, e.g. about human rights."""

    id: Slug = Field(description="Short id the answers refer to, e.g. 'human-rights'.")
    topic: str = Field(description="e.g. 'Human Rights'.")
    question: str = Field(description="The question as the form asks it.")
    law: tuple[LegalReference, ...] = Field(
        (), description="The duty behind the question, e.g. 'hra1998-s6', 'eqa2010-s149'.")


class ScreeningAnswer(Model):
    """The answer to one screening question, with the evidence for it."""

    answer: AnswerValue
    evidence: Markdown | None = Field(None, description="Why: the evidence for the answer.")


class NextSteps(Model):
    """The form's two possible next steps, in the council's words."""

    all_no: Markdown = Field(description="What happens when every answer is No.")
    any_yes_or_uncertain: Markdown = Field(
        description="What happens when any answer is Yes or Uncertain.")


@dataclass(frozen=True)
class Decision:
    """The outcome of the screening, with the answers that caused it."""

    full_assessment: bool
    triggers: tuple[tuple[ScreeningQuestion, ScreeningAnswer], ...]


class ImpactAssessment(Model):
    """A Level 1 impact-assessment screening: councils/<council>/<slug>.yaml."""

    kind: Literal["impact-assessment"] = Field(description="impact-assessment.")
    title: str = Field(description="Title of the form.")
    subtitle: str | None = Field(None, description="Line under the title.")
    published: dt.date = Field(description="Date of the assessment (YYYY-MM-DD).")
    show_date: Literal["day", "month", "none"] = Field(
        "none", description="Print the date under the title as a day, a month, or not at all.")
    date_style: Literal["day", "ordinal"] = Field(
        "day", description="Dates in the form as '28 February 2023' or '28th February 2023'.")
    version: str | None = Field(None, description="Version label.")
    programme: Slug | None = Field(None, description="Programme this draft inherits.")
    subject: str = Field(description="Subject of assessment, e.g. 'North East Pause'.")
    coverage: str = Field(description="Coverage, e.g. 'Service Specific – Children's Services.'")
    decision_type: DecisionType = Field(description="What the decision relates to: strategy, "
                                        "policy, service, function, process-procedure, "
                                        "programme, project, review, organisational-change.")
    approach: Approach | None = Field(None, description="new, or revision of an existing "
                                      "approach; leave out if the form left it blank.")
    driven_by: tuple[Driver, ...] = Field(
        (), description="legislation and/or local-or-corporate requirements.")
    aims: Markdown = Field(description="Key aims, objectives and activities, before the "
                           "lettered outcomes.")
    outcomes: tuple[Markdown, ...] = Field((), description="Intended outcomes, lettered a., "
                                           "b., ... in order.")
    aims_continued: Markdown | None = Field(None, description="Text after the outcomes.")
    statutory_drivers: tuple[StatutoryDriver, ...] = Field(
        (), description="Statutory and other drivers, with exact references.")
    previous_approach: Markdown | None = Field(
        None, description="Differences from any previous approach.")
    stakeholders: Markdown | None = Field(
        None, description="Key stakeholders and intended beneficiaries.")
    contract_value: ContractValue | None = Field(None, description="Contractual value.")
    intended_outcomes: Markdown | None = Field(None, description="Intended outcomes text, "
                                               "after the contractual value.")
    live_date: dt.date | None = Field(None, description="Live date (YYYY-MM-DD).")
    lifespan: Lifespan | None = Field(None, description="Start and end dates.")
    next_review: ReviewDate | None = Field(
        None, description="Date of next review (YYYY-MM-DD), or not-applicable.")
    questions: tuple[ScreeningQuestion, ...] = Field(
        min_length=1, description="The screening questions, in order.")
    questions_note: Markdown | None = Field(None, description="Footnote to the questions.")
    answers: dict[Slug, ScreeningAnswer] = Field(
        description="The answer to each question, by question id.")
    next_steps: NextSteps = Field(description="The form's two possible next steps.")
    completed_by: SignOff | None = Field(None, description="Assessment completed by.")
    head_of_service: SignOff | None = Field(None, description="Head of service sign-off.")

    @field_validator("answers")
    @classmethod
    def _one_answer_per_question(cls, answers: dict[str, ScreeningAnswer],
                                 info: ValidationInfo) -> dict[str, ScreeningAnswer]:
        questions = info.data.get("questions")
        if questions is None:
            return answers
        ids = [q.id for q in questions]
        missing = [i for i in ids if i not in answers]
        extra = [a for a in answers if a not in ids]
        if missing:
            raise ValueError(f"no answer for question {', '.join(repr(i) for i in missing)}: "
                             "add it with 'answer: No', 'Yes' or 'Uncertain'")
        if extra:
            raise ValueError(f"answer for unknown question {', '.join(repr(a) for a in extra)}"
                             f"; the questions are: {', '.join(ids)}")
        return answers

    @property
    def answered(self) -> tuple[tuple[ScreeningQuestion, ScreeningAnswer], ...]:
        return tuple((q, self.answers[q.id]) for q in self.questions)

    @property
    def decision(self) -> Decision:
        """Any Yes or Uncertain answer means a Level 2 full impact assessment."""
        triggers = tuple((q, a) for q, a in self.answered if a.answer != "no")
        return Decision(bool(triggers), triggers)
