"""A form ready to use: its definition, every question (its own, its question sets' and the
registry's criteria) with its scale, where each of its words was written, and the model that
checks a document written on it.

The document model is built from the form's fields and questions, so a document's mistakes
are reported like any other: an unknown key with the closest field, an answer that is not on
the question's scale with the answers that are.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BeforeValidator, ConfigDict, Field, create_model

from ..publish.locale import load_locale
from ..source.errors import Location
from ..source.loader import Path_, SourceFile
from ..source.models.assessment import CitedText, DateStyle, FormDocument, Period
from ..source.models.base import Markdown, Model, SignOff
from .definition import (
    FormDefinition,
    FormField,
    FormSection,
    Question,
    QuestionSet,
    Scale,
    TableColumn,
)
from .risk import risk_model

if TYPE_CHECKING:  # a page's tree is made only to print: `validate` never loads it
    from ..publish.tree import Origin, Owner

NOT_ANSWERED = "not-answered"
FIELD_IN_LINE = re.compile(r"\{([a-z][a-z0-9_-]*)\}")
"""'{appendix}' in a line of the form (`above_title`): a document's value of that field."""
# A criterion's words as a question: its title is the topic, its description the question.
_CRITERION: dict[Path_, str] = {("topic",): "title", ("question",): "description"}


@dataclass(frozen=True)
class FormQuestion:
    """A question as the form asks it: its scale, its section, and where its words are."""

    question: Question
    scale: Scale
    section: FormSection
    source: SourceFile | None
    """The file its words are in (the form, a question set); None for the registry's."""
    path: Path_
    owner: Owner = "form"
    fallback: Location = Location("")
    language: str = "en"
    """The language of the registry's words (`source` None), which the registry may give in
    the page's language."""

    @property
    def id(self) -> str:
        return self.question.id

    def origin(self, *sub: str | int) -> Origin:
        """Where a word of the question (its topic, question, guidance) was written, and in
        which language."""
        from ..publish.tree import Origin

        if self.source is None:
            key = f"criteria:{self.question.id}"
            return Origin(self.fallback, (key, _CRITERION.get(sub[:1], "title")), self.owner,
                          self.language)
        return Origin(self.source.locate(self.path + sub), (), self.owner,
                      self.source.language_of(self.path + sub))

    def option(self, value: str | None) -> Any:
        return next((o for o in self.scale.options if o.value == value), None)


@dataclass(frozen=True)
class Form:
    """A form as documents use it."""

    name: str
    definition: FormDefinition
    source: SourceFile
    bundled: bool
    questions: tuple[FormQuestion, ...]
    base: type[FormDocument]
    """The model of the form's kind, which a document on the form extends (see `model`)."""
    files: tuple[str, ...]
    """The form's file and its question sets' files, as a build records its inputs."""
    sets: dict[str, tuple[QuestionSet, SourceFile]]
    """Section id -> the (first) question set it includes, and its file: its intro and the
    law it comes from are printed before the questions."""

    @functools.cached_property
    def model(self) -> type[FormDocument]:
        """The model of a document written on the form, made when one is first read: a
        project whose documents use two of the package's forms does not make all of them
        (pydantic's models are the dearest part of loading)."""
        return document_model(self.definition, self.name, self.questions, self.base)

    @property
    def kind(self) -> str:
        return self.definition.for_kind

    def origin(self, path: Path_) -> Origin:
        """Where a word of the form itself (a label, a heading, a decision) was written, and
        in which language."""
        from ..publish.tree import Origin

        return Origin(self.source.locate(path), (), "form", self.source.language_of(path))

    def in_section(self, section: FormSection) -> tuple[FormQuestion, ...]:
        return tuple(q for q in self.questions if q.section is section)

    def section_path(self, section: FormSection) -> Path_:
        return ("sections", self.definition.sections.index(section))

    def fields(self) -> list[FormField]:
        return [f for s in self.definition.sections for f in s.fields]

    def question(self, ident: str) -> FormQuestion | None:
        return next((q for q in self.questions if q.id == ident), None)


# --- the document model -------------------------------------------------------------------

def _chooser(options: dict[str, str]) -> BeforeValidator:
    """Accept an option's value or its label, in any case ('Don't know' for 'dont-know')."""
    return BeforeValidator(_choose(options))


def _choose(options: dict[str, str]) -> Callable[[object], object]:
    by_word = {**{label.strip().lower(): value for value, label in options.items()},
               **{value: value for value in options}}

    def choose(value: object) -> object:
        if isinstance(value, bool) and ("yes" in by_word and "no" in by_word):
            return "yes" if value else "no"
        if isinstance(value, str):
            word = value.strip().lower()
            return by_word.get(word, by_word.get(word.replace(" ", "-"), word))
        return value

    return choose


def _choice(options: dict[str, str]) -> Any:
    return Annotated[Literal[tuple(options)], _chooser(options)]


def _date_or(field: FormField) -> Any:
    """A date, or one of the words the form accepts instead (e.g. not-applicable)."""
    options = {o.value: o.label for o in field.options}
    choose = _choose(options)
    words = load_locale().joined(list(options), "or")

    def parse(value: object) -> object:
        if isinstance(value, str):
            chosen = choose(value)
            if chosen in options:
                return chosen
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                raise ValueError(f"'{value}' is neither a date written as YYYY-MM-DD (for "
                                 f"example 2024-03-31) nor {words}") from None
        return value

    return Annotated[dt.date | Literal[tuple(options)], BeforeValidator(parse)]


def _row_model(name: str, columns: tuple[TableColumn, ...]) -> Any:
    types = {"text": str, "markdown": Markdown, "date": dt.date}
    fields: dict[str, Any] = {
        c.id: (types[c.type], Field(description=c.label)) if c.required
        else (types[c.type] | None, Field(None, description=c.label)) for c in columns}
    return create_model(name, __base__=Model, **fields)  # required text not left blank


def value_type(field: FormField, name: str) -> Any:
    """The Python type of a field's value."""
    options = {o.value: o.label for o in field.options}
    match field.type:
        case "text":
            return str
        case "markdown":
            return Markdown
        case "date":
            return _date_or(field) if field.options else dt.date
        case "period":
            return Period
        case "choice":
            return _choice(options)
        case "choices":
            return tuple[_choice(options), ...]  # type: ignore[misc]
        case "list":
            return tuple[Markdown, ...]
        case "money":
            return Annotated[Decimal, Field(ge=0)]
        case "references":
            return tuple[CitedText, ...]
        case "person":
            return SignOff
        case _:  # table
            row = _row_model(f"{name}:{field.id}", field.columns)
            if field.rows:  # the form's rows, each filled in (or not) by its value
                fixed: dict[str, Any] = {r.value: (row | None, Field(None, description=r.label))
                                         for r in field.rows}
                return create_model(f"{name}:{field.id}:rows", __config__=ConfigDict(
                    extra="forbid", frozen=True), **fixed)
            return tuple[row, ...]  # type: ignore[valid-type]


def _shorthand(value: object) -> object:
    """`human-rights: No` is short for `human-rights: {answer: No}`."""
    return {"answer": value} if isinstance(value, str | bool) else value


def answer_model(name: str, scale: Scale, columns: tuple[str, ...], evidence: bool = True
                 ) -> Any:
    """One answer on `scale`: the chosen answer, the evidence (when the form has a place
    for it) and the form's other columns."""
    options = {o.value: o.label for o in scale.options}
    fields: dict[str, Any] = {
        "answer": (_choice(options) | None, Field(
            None, description=f"One of: {', '.join(options)}; leave out if not answered.")),
        **({"evidence": (Markdown | None, Field(None, description="Why: the evidence."))}
           if evidence else {}),
        **{c: (Markdown | None, Field(None)) for c in columns}}
    model = create_model(name, __config__=ConfigDict(extra="forbid", frozen=True), **fields)
    return Annotated[model | None, BeforeValidator(_shorthand)]


LABEL = "x-label"
"""The key of a field's label in its JSON Schema: the words the form prints beside it, which
the editor shows as the field's name (a key such as `dpo_advice` is not a name)."""


def labelled(label: str | None) -> dict[str, Any] | None:
    return {LABEL: " ".join(label.split())} if label else None


_MODELS: dict[str, type[FormDocument]] = {}
"""The document models made in this process, by what they are made from: every load of a
project reads the bundled forms again, and making a model costs more than the rest."""


def document_model(definition: FormDefinition, name: str, questions: tuple[FormQuestion, ...],
                   base: type[FormDocument]) -> type[FormDocument]:
    """The model of a document written on the form: `base`'s keys, the form's fields, and an
    `answers` mapping with one optional answer per question."""
    key = json.dumps([name, f"{base.__module__}.{base.__qualname__}",
                      definition.model_dump(mode="json"),
                      [[q.id, q.scale.model_dump(mode="json"),
                        [c.id for c in q.section.columns], q.section.evidence,
                        q.question.topic or q.question.question] for q in questions]])
    if key not in _MODELS:
        if len(_MODELS) >= 64:  # bounded: a project's own forms change while `serve` runs
            _MODELS.clear()
        _MODELS[key] = _document_model(definition, name, questions, base)
    return _MODELS[key]


def _document_model(definition: FormDefinition, name: str,
                    questions: tuple[FormQuestion, ...], base: type[FormDocument]
                    ) -> type[FormDocument]:
    answers: dict[str, Any] = {}
    for q in questions:
        columns = tuple(c.id for c in q.section.columns)
        answers[q.id] = (answer_model(f"{name}:{q.id}", q.scale, columns,
                                      q.section.evidence != "none"),
                         Field(None, json_schema_extra=labelled(q.question.topic
                                                                or q.question.question)))
    answers_model = create_model(f"{name}:answers", __config__=ConfigDict(
        extra="forbid", frozen=True), **answers)
    fields: dict[str, Any] = {
        "kind": (Literal[definition.for_kind], Field(description=definition.for_kind)),
        "form": (str | None, Field(name, description="The form it is written on.")),
        "title": (str, Field(definition.title, description="Title.")),
        "show_date": (Literal["day", "month", "none"], Field(definition.show_date)),
        "date_style": (DateStyle, Field(definition.date_style)),
        "answers": (answers_model, Field(answers_model(), description="The answers, by "
                                        "question id.")),
    }
    for section in definition.sections:
        for field in section.fields:
            kind = value_type(field, name)
            said: dict[str, Any] = {"description": field.label or field.id,
                                    "json_schema_extra": labelled(field.label)}
            if field.required:
                fields[field.id] = (kind, Field(**said))
            elif field.type in ("choices", "list", "references", "table") and not field.rows:
                fields[field.id] = (kind, Field((), **said))
            else:
                fields[field.id] = (kind | None, Field(None, **said))
    if definition.risk_matrix is not None:  # a full DPIA: its risks on the form's scales
        risk = risk_model(definition.risk_matrix, name)
        register = tuple[risk, ...]  # type: ignore[valid-type]
        fields["risks"] = (register, Field((), description="The risk register."))
    strict = type(f"{base.__name__}OnForm", (base,), {
        "model_config": ConfigDict(extra="forbid", frozen=True), "__module__": base.__module__})
    return create_model(name, __base__=strict, **fields)
