"""A council's form as data: its sections, labelled fields, questions, answer scales and the
rule that turns the answers into a decision, all in the council's own words.

A form file (`pause_docs/forms/<name>.yaml`, or `councils/forms/<name>.yaml` in a project)
is read into `FormDefinition`; a question set (`.../forms/sets/<name>.yaml`) into
`QuestionSet`.  Documents written on a form are checked against it (`form.Form`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AfterValidator, Field, model_validator

from ..source.kinds import form_kinds
from ..source.models.assessment import DATE_STYLES, DateStyle
from ..source.models.base import Markdown, Model, RegistryId, Slug
from ..source.models.statements import LegalReference
from .risk import RiskMatrix

_FIELD_ID = re.compile(r"^[a-z][a-z0-9_-]{0,62}$")


def _field_id(value: str) -> str:
    if not _FIELD_ID.match(value):
        raise ValueError(f"'{value}' is not a valid field id (for example 'service_area': "
                         "lower-case letters, digits, '_' and '-', starting with a letter)")
    return value


FieldId = Annotated[str, AfterValidator(_field_id),
                    Field(description="The key documents write the value under, e.g. "
                          "'service_area'.")]
if TYPE_CHECKING:
    FormKind = str
else:  # the kinds of `KINDS` written on a form: pydantic checks them, the schema lists them
    FormKind = Literal[tuple(form_kinds())]
FieldType = Literal["text", "markdown", "date", "period", "choice", "choices", "list",
                    "money", "references", "person", "table"]
Rule = Literal["any", "at-least", "per-characteristic", "criteria"]


class TranslationReview(Model):
    """A form's (or question set's) words in one language: whether a speaker of the language
    has checked them (each text's `<code>-from` records the English it translates)."""

    reviewed: bool = Field(False, description="true once a speaker of the language has "
                           "checked every translation in the file.")
    sources: str | None = Field(None, description="Where its terms come from, with evidence "
                                "grades (P, R, S, U).")


ReviewedTranslations: Any = Field(
    default_factory=dict, description="Per language code, whether the file's translations "
    "(given as {en: …, cy: …} texts) have been reviewed, e.g. cy: {reviewed: false}.")


class ScaleOption(Model):
    """One answer a question may be given."""

    value: Slug = Field(description="What documents write, e.g. 'dont-know'; the label is "
                        "accepted too.")
    label: str = Field(description="What the form prints, e.g. \"Don't know\".")
    triggers: bool = Field(False, description="true if this answer calls for the next stage "
                           "(a full assessment, a full DPIA).")


class Scale(Model):
    """The answers a question may be given, and how the form prints them."""

    options: tuple[ScaleOption, ...] = Field(min_length=1, description="The answers, in order.")
    display: Literal["columns", "answer", "box"] = Field(
        "columns", description="columns: one tick-box column per answer; answer: the chosen "
        "answer with its tick; box: one tick box, ticked when the answer is a triggering one.")
    not_answered: str | None = Field(None, description="What an unanswered question prints "
                                     "(default: 'Not answered').")

    @model_validator(mode="after")
    def _distinct(self) -> Scale:
        values = [o.value for o in self.options]
        twice = sorted({v for v in values if values.count(v) > 1})
        if twice:
            raise ValueError(f"answer {', '.join(repr(v) for v in twice)} is given twice")
        return self


class FieldOption(Model):
    """One choice of a tick-box field."""

    value: Slug = Field(description="What documents write, e.g. 'organisational-change'.")
    label: str = Field(description="What the form prints, e.g. 'Organisational change'.")


class TableColumn(Model):
    """A column of a table field (an action plan's action, owner, date)."""

    id: FieldId
    label: str = Field(description="The column's heading.")
    type: Literal["text", "markdown", "date"] = Field("text", description="What it holds.")
    required: bool = Field(False, description="Every row must fill it in.")


class FormField(Model):
    """A labelled value the form asks for: a name, a date, tick boxes, a table..."""

    id: FieldId
    label: str | None = Field(None, description="What the form prints beside or above it.")
    type: FieldType = Field(description="text (one line), markdown (paragraphs), date, period "
                            "(start and end), choice (one tick box), choices (several), list, "
                            "money, references (text with the law it rests on), person (a name "
                            "and a date), table (rows of columns).")
    guidance: Markdown | None = Field(None, description="Help printed with the label.")
    required: bool = Field(False, description="A document on this form must fill it in.")
    show_empty: bool = Field(False, description="Print the label with a blank space when the "
                             "document leaves it out (otherwise the row is left out).")
    wording: str | None = Field(None, description="The sentence the value is printed in, with "
                                "'{value}' for it, e.g. '{value} onwards'.")
    options: tuple[FieldOption, ...] = Field(
        (), description="choice, choices: the tick boxes; date: words accepted instead of a "
        "date, e.g. not-applicable.")
    ticks: Literal["before", "after"] = Field("before", description="Tick box before or after "
                                              "each choice's label.")
    numbering: Literal["bullets", "letters", "numbers"] = Field(
        "bullets", description="list: how items are marked (a., b., ... for letters).")
    columns: tuple[TableColumn, ...] = Field((), description="table: its columns.")
    rows: tuple[FieldOption, ...] = Field(
        (), description="table: rows the form gives, each with its label printed in the "
        "first column (e.g. short-term 'Short term', medium-term 'Medium term'); documents "
        "then fill in each row by its value, e.g. 'short-term: {effect: ...}', and every "
        "row is printed, filled in or not.")
    rows_label: str | None = Field(None, description="table with rows: the heading over "
                                   "the row labels, e.g. 'Timescale'.")
    law_label: str | None = Field(None, description="references: the words before one "
                                  "reference, e.g. 'Reference: '.")
    law_label_many: str | None = Field(None, description="references: the words before "
                                       "several, e.g. 'References: '.")
    role: Literal["review-date"] | None = Field(
        None, description="review-date: lint warns once this date has passed.")

    @model_validator(mode="after")
    def _complete(self) -> FormField:
        if self.type in ("choice", "choices") and not self.options:
            raise ValueError(f"a {self.type} field needs its options")
        if self.type == "table" and not self.columns:
            raise ValueError("a table field needs its columns")
        if (self.rows or self.rows_label) and self.type != "table":
            raise ValueError("rows and rows_label are for a table field")
        values = [r.value for r in self.rows]
        twice = sorted({v for v in values if values.count(v) > 1})
        if twice:
            raise ValueError(f"row {', '.join(repr(v) for v in twice)} is given twice")
        if self.role == "review-date" and self.type != "date":
            raise ValueError("only a date field can be the review date")
        if self.wording is not None and "{value}" not in self.wording:
            raise ValueError("wording must contain '{value}' where the value goes")
        return self


class Question(Model):
    """A question of the form, answered on a scale with evidence."""

    id: Slug = Field(description="The key documents answer it under, e.g. 'human-rights'.")
    number: str | None = Field(None, description="Its number on the form, e.g. '4'.")
    topic: str | None = Field(None, description="Its short name, printed in bold, e.g. 'Age'.")
    question: Markdown | None = Field(None, description="The question as the form asks it.")
    guidance: Markdown | None = Field(None, description="Help printed under the question.")
    law: tuple[LegalReference, ...] = Field((), description="The duty behind it, by registry "
                                            "id, e.g. 'eqa2010-s149'.")
    scale: Slug | None = Field(None, description="Its scale, if not the section's.")
    criteria: tuple[RegistryId, ...] = Field(
        (), description="DPIA screenings: the criteria (ICO list, Art 35(3), WP248) a "
        "triggering answer evidences, e.g. 'ico-data-matching'.")
    characteristic: bool = Field(False, description="A protected (or local) characteristic: "
                                 "the per-characteristic rule looks at these.")

    @property
    def name(self) -> str:
        """What a decision, a diff or a check calls it: its topic, or else its number and its
        question shortened ('4 Does the change affect how people reach…')."""
        if self.topic:
            return self.topic
        return " ".join(filter(None, (self.number, shortened(self.question or ""))))

    @model_validator(mode="after")
    def _asks(self) -> Question:
        if not (self.topic or self.question):
            raise ValueError("a question needs a topic or its question text")
        return self


_MARKUP = re.compile(r"\[([^\]]*)\]\([^)]*\)|[*_`#>]+")
SHORT = 60
"""The longest a question's text is when it names the question (see `Question.name`)."""


def shortened(text: str, limit: int = SHORT) -> str:
    """Markdown as plain words on one line, cut at a word before `limit` characters with an
    ellipsis when longer."""
    words = " ".join(_MARKUP.sub(lambda m: m.group(1) or "", text).split())
    if len(words) <= limit:
        return words
    cut = words[:limit].rsplit(" ", 1)[0] if " " in words[:limit] else words[:limit]
    return cut.rstrip(" ,;:.-–") + "…"


class QuestionSet(Model):
    """Questions several forms share, e.g. the Equality Act 2010's protected characteristics."""

    title: str = Field(description="e.g. 'Equality Act 2010, s.4: protected characteristics'.")
    replaces_bundled: bool = Field(False, description="A project's set with the name of a "
                                   "bundled set replaces it only when this is true.")
    intro: Markdown | None = Field(None, description="Printed before its questions, e.g. the "
                                   "three aims of the public sector equality duty.")
    law: tuple[LegalReference, ...] = Field((), description="The law it comes from.")
    characteristics: bool = Field(False, description="Its questions are characteristics.")
    questions: tuple[Question, ...] = Field(min_length=1, description="The questions.")
    translations: dict[str, TranslationReview] = ReviewedTranslations


class Column(Model):
    """A column every answer of a questions section may fill in besides the answer."""

    id: FieldId
    label: str = Field(description="e.g. 'Mitigating actions'.")
    place: Literal["below", "column"] = Field(
        "below", description="below: printed under the answer with the evidence, only when "
        "filled in; column: a column of the questions table with this label as its "
        "heading, empty when not filled in.")


class FormSection(Model):
    """A part of the form: labelled fields, questions, the decision, the sign-off, or
    guidance only (a heading and text, nothing to fill in)."""

    id: Slug = Field(description="Its anchor on the page, e.g. 'about'.")
    heading: str | None = Field(None, description="Its heading (a table's caption for rows).")
    heading_hidden: bool = Field(False, description=(
        "Heading read by screen readers only (in Word, the title of the section's table)."))
    intro: Markdown | None = Field(None, description="Text printed before its content.")
    note: Markdown | None = Field(None, description="Text printed after its content.")
    layout: Literal["rows", "box", "sign-off", "checklist"] = Field(
        "box", description="For fields: rows (a table of label and value), box (a boxed part "
        "with a heading), sign-off (signers side by side with date and signature).  For "
        "questions: checklist (a list of statements, each with its tick box before it, "
        "ticked when the answer is a triggering one, which the decision counts); otherwise "
        "a table.")
    fields: tuple[FormField, ...] = Field((), description="The fields, in order.")
    include: tuple[Slug, ...] = Field((), description="Question sets whose questions come "
                                      "first, e.g. 'equality-act-2010'.")
    criteria_set: RegistryId | None = Field(
        None, description="DPIA: one question per criterion of this list of the registry, "
        "e.g. 'wp248'.")
    questions: tuple[Question, ...] = Field((), description="Its own questions.")
    scale: Slug | None = Field(None, description="The scale of its questions.")
    columns: tuple[Column, ...] = Field((), description="Columns besides answer and evidence.")
    evidence: Literal["below", "column", "none"] = Field(
        "below", description="Evidence in a row under each question, or in its own column; "
        "none: the form has no place for evidence, so documents give none and lint asks for "
        "none.")
    numbered: bool = Field(False, description="Print each question's number in a column.")
    question_label: str | None = Field(None, description="Heading of the questions column.")
    answer_label: str | None = Field(
        None, description="Heading of the answer column; with a scale shown as columns "
        "(display: columns), the heading over all its answer columns, e.g. 'Potential for "
        "adverse impact' over Yes and No.")
    evidence_label: str | None = Field(None, description="Heading of the evidence.")
    caption: str | None = Field(None, description="What the table holds, for screen readers.")
    decision: bool = Field(False, description="The decision is printed here.")
    show: Literal["processing", "screened", "drafted", "risks", "outcome"] | None = Field(
        None, description="DPIA screening: processing (the controller and what is screened). "
        "Full DPIA: screened (the criteria its screening found met, with their evidence), "
        "drafted (what the notice and the screening say, each with where it was "
        "written), risks (the risk register and the risk matrix picture), outcome (whether "
        "the Information Commissioner must be consulted first, UK GDPR Art 36).")
    date_label: str | None = Field(None, description="sign-off: 'Date:'.")
    signature_label: str | None = Field(None, description="sign-off: 'Signature:'.")

    @property
    def has_questions(self) -> bool:
        return bool(self.questions or self.include or self.criteria_set)

    @property
    def guidance_only(self) -> bool:
        """A heading and text, with nothing to fill in (the form's guidance notes)."""
        return not (self.fields or self.has_questions or self.decision or self.show)

    @model_validator(mode="after")
    def _one_kind(self) -> FormSection:
        kinds = [name for name, present in (
            ("fields", bool(self.fields)), ("questions", self.has_questions),
            ("decision", self.decision), ("show", self.show is not None)) if present]
        if len(kinds) > 1:
            raise ValueError("a section holds at most one of: fields, questions (or include, "
                             f"criteria_set), decision: true, show; this one has "
                             f"{', '.join(kinds)}")
        if not kinds and not (self.heading or self.intro or self.note):
            raise ValueError("a section with nothing to fill in is guidance: give it a "
                             "heading and its text (intro), or give it fields, questions, "
                             "decision: true or show")
        if self.evidence == "none" and self.evidence_label:
            raise ValueError("evidence_label names the evidence, but this section says "
                             "evidence: none: leave one of them out")
        if (self.layout == "checklist") != (kinds == ["questions"] and "layout" in
                                            self.model_fields_set):
            raise ValueError("layout: checklist is for a section of questions, and a section "
                             "of questions takes no other layout: leave layout out for a "
                             "table of questions")
        if not kinds and "layout" in self.model_fields_set:
            raise ValueError("layout is for a section's fields; a guidance section (heading "
                             "and text only) has none: leave layout out")
        return self


class Gate(Model):
    """A first question whose answer can end the screening, e.g. 'Is personal data used?'."""

    question: Slug = Field(description="The gate question's id.")
    ends_when: tuple[Slug, ...] = Field(min_length=1, description="The answers that end it, "
                                        "e.g. [no].")
    ended: Markdown = Field(description="The decision when it ends, in the form's words.")


class NextSteps(Model):
    """The form's printed choice of next step; the one the rule reaches is ticked."""

    not_triggered: Markdown = Field(description="e.g. 'If the answer to all ... is No then "
                                    "the process is completed.'")
    triggered: Markdown = Field(description="e.g. 'If the answer of any ... then a Level 2 "
                                "Full Impact Assessment must be completed.'")


class DecisionRule(Model):
    """How the answers decide, and the decision in the form's words."""

    rule: Rule = Field(description="any: one triggering answer calls for the next stage; "
                       "at-least: `count` of them do; per-characteristic: one triggering "
                       "answer about a characteristic does; criteria (DPIA): the rules of the "
                       "registry's lists applied to the criteria the answers evidence.")
    count: int | None = Field(None, ge=1, description="at-least: how many.")
    gate: Gate | None = Field(None, description="A first question that can end the screening.")
    next_stage: str = Field(description="The next stage, e.g. 'a Level 2 Full Impact "
                            "Assessment'.")
    next_steps: NextSteps | None = Field(None, description="The printed choice of next step.")
    triggered: Markdown = Field(description="The decision when the next stage is needed.")
    because_one: str | None = Field(None, description="Before the one answer that caused it.")
    because_many: str | None = Field(None, description="Before the answers that caused it.")
    not_triggered: Markdown = Field(description="The decision when it is not needed.")
    incomplete: str | None = Field(
        None, description="The decision while questions are unanswered, with '{count}'; "
        "default: 'Screening incomplete: {count} questions not answered'.")

    @model_validator(mode="after")
    def _count(self) -> DecisionRule:
        if (self.rule == "at-least") != (self.count is not None):
            raise ValueError("count is given with rule: at-least, and only then")
        return self


class FormDefinition(Model):
    """A form: one the tool ships (see `pause-docs show form`) or councils/forms/<name>.yaml."""

    title: str = Field(description="The title documents on it get unless they give one.")
    for_kind: FormKind = Field(alias="for", description="The kind of document written on "
                               f"it, one of: {', '.join(form_kinds())}.")
    description: str = Field(description="One line saying what it is, for `pause-docs new`.")
    replaces_bundled: bool = Field(False, description="A project's form with the name of a "
                                   "bundled form replaces it only when this is true.")
    above_title: str | None = Field(
        None, description="A line printed above the title, e.g. 'APPENDIX 4' or 'Form "
        "version 3 (April 2024)'; '{field_id}' puts in a document's value of one of the "
        "form's text fields, e.g. 'APPENDIX {appendix}' (the line is left out while that "
        "field is empty).")
    show_council: bool = Field(
        False, description="true: the council's logo, or else its name, is printed above "
        "the title, as on a paper form that names its council; false (the default): the "
        "form prints no council name there.")
    show_date: Literal["day", "month", "none"] = Field(
        "day", description="Print the document's date under the title as a day, a month, or "
        "not at all.")
    date_style: DateStyle = Field("day", description=DATE_STYLES)
    scales: dict[Slug, Scale] = Field(default_factory=dict, description="Answer scales by name.")
    sections: tuple[FormSection, ...] = Field(min_length=1, description="The form, in order.")
    blank_means: Slug | None = Field(
        None, description="Where the paper form says so ('a blank box means not ticked'): "
        "the answer, by its value, that a question left blank counts as; every question's "
        "scale must have it.  Left out, a question left blank is unanswered, never a No.")
    decision: DecisionRule | None = Field(None, description="How the answers decide; leave "
                                          "out for a form with no decision (a full EqIA).")
    risk_matrix: RiskMatrix | None = Field(
        None, description="A full DPIA: the likelihoods, severities and levels of risk, and "
        "the level of each pair, by which each risk's overall and residual level is derived.")
    translations: dict[str, TranslationReview] = ReviewedTranslations

    @model_validator(mode="after")
    def _matrix(self) -> FormDefinition:
        if any(s.show == "risks" for s in self.sections) and self.risk_matrix is None:
            raise ValueError("a form with a 'show: risks' section needs its risk_matrix")
        return self
