"""Documents written on a form (impact assessments, equality screenings and assessments, DPIA
screenings): the keys every one of them has.

The keys of the form's own fields and the answers to its questions are added per form
(`form.Form.model`); the decision is never typed: `rules.decide` derives it from the answers.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from pydantic import ConfigDict, Field

from .base import Markdown, Model, Slug
from .statements import LegalReference

# Keys every document on a form has; a form's field cannot use one of these ids.
DateStyle = Literal["day", "ordinal", "numeric", "numeric-long"]
DATE_STYLES = ("Dates in the form as '28 February 2023' (day), '28th February 2023' (ordinal), "
               "'28/02/23' (numeric) or '28/02/2023' (numeric-long).")
DOCUMENT_KEYS = ("kind", "form", "title", "subtitle", "published", "show_date", "date_style",
                 "version", "programme", "answers", "notice", "processing")


class FormDocument(Model):
    """A document on a form: councils/<council>/<slug>.yaml.  The form adds its fields."""

    model_config = ConfigDict(extra="allow", frozen=True)

    kind: str = Field(description="The kind of document, e.g. equality-screening.")
    form: Slug | None = Field(None, description="The form it is written on (a bundled form or "
                              "councils/forms/<name>.yaml); the kind's usual form if left out.")
    title: str = Field(description="Title; the form's title if left out.")
    subtitle: str | None = Field(None, description="Line under the title.")
    published: dt.date = Field(description="Date of the document (YYYY-MM-DD).")
    show_date: Literal["day", "month", "none"] = Field(
        "day", description="Print the date under the title as a day, a month, or not at all.")
    date_style: DateStyle = Field("day", description=DATE_STYLES)
    version: str | None = Field(None, description="Version label.")
    programme: Slug | None = Field(None, description="Programme this document inherits.")
    answers: Any = Field(None, description="The answer to each question, by question id: "
                         "answer, evidence and the form's other columns.")

    def value(self, field_id: str) -> Any:
        """The value of one of the form's fields (None when left out)."""
        return getattr(self, field_id, None)


class Period(Model):
    """When something starts and stops applying."""

    start: dt.date = Field(description="First day (YYYY-MM-DD).")
    end: dt.date | None = Field(None, description="Last day (YYYY-MM-DD); leave out if open.")


class CitedText(Model):
    """A statement with the law or guidance it rests on (a statutory driver)."""

    text: Markdown = Field(description="The statement, in the document's words.")
    references: tuple[LegalReference, ...] = Field(
        (), description="The law or guidance it rests on, by registry id (e.g. 'ca2004-s10').")


Money = Decimal
