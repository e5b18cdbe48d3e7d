"""The base model and the small value types every YAML file uses."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator


class Model(BaseModel):
    """Every YAML mapping: unknown keys are errors, templates cannot change the data, and no
    text is left blank (spaces alone would print an empty heading or line)."""

    # Each model's validator is made when it first validates: a command builds only those
    # its files use (validate: about half), not all of them at import.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    @field_validator("*", mode="after")
    @classmethod
    def _written(cls, value: Any, info: ValidationInfo) -> Any:
        # Asked of every value of every model: a text that starts with a letter or a digit
        # (almost all of them) prints something, without a call to `blank`.
        if isinstance(value, str) and not value[:1].isalnum() and info.field_name \
                and blank(value):
            field = cls.model_fields.get(info.field_name)
            if field is not None and (field.is_required() or field.default):
                raise ValueError("must not be empty: write the text (spaces alone are "
                                 "not text)")
            if field is not None and field.default is None:
                raise ValueError("is empty: write the text, or leave the key out")
        return value


def blank(text: str) -> bool:
    """True when `text` prints nothing: only spaces, line breaks and invisible characters.

    Every text of every file is asked: the first character after any spaces answers for
    almost all of them, without a look-up of each character's category."""
    rest = text.lstrip()
    if not rest:
        return True
    if unicodedata.category(rest[0]) not in _INVISIBLE_CATEGORIES:
        return False
    return all(c.isspace() or unicodedata.category(c) in _INVISIBLE_CATEGORIES for c in rest)


_INVISIBLE_CATEGORIES = ("Cf", "Cc")


_SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
_ID = re.compile(r"^[a-z0-9](?:[a-z0-9.-]{0,78}[a-z0-9])?$")
_EMAIL = re.compile(r"^[^@\s<>\"']+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(?::\d+)?(?:[/?#][^\s<>\"]*)?$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{5,}[0-9](?: ?(?:ext\.?|x) ?[0-9]+)?$")


def _matching(rx: re.Pattern[str], what: str, example: str) -> AfterValidator:
    def check(value: str) -> str:
        if not rx.match(value):
            raise ValueError(f"'{value}' is not {what} (for example {example})")
        return value

    return AfterValidator(check)


Slug = Annotated[
    str,
    _matching(_SLUG, "a valid name for a file", "'northshire' or 'scoping-2017': lower-case "
              "letters, digits and hyphens"),
    Field(description="Lower-case letters, digits and hyphens."),
]
RegistryId = Annotated[
    str,
    _matching(_ID, "a valid registry id", "'ca2004-s10'"),
    Field(description="An id from the legal registry in legal_bases/."),
]
Email = Annotated[str, _matching(_EMAIL, "an email address", "'dpo@example.gov.uk'"),
                  Field(description="An email address.")]
Url = Annotated[str, _matching(_URL, "a web address", "'https://www.example.gov.uk/privacy'"),
                Field(description="A web address starting with http:// or https://.")]
Phone = Annotated[str, _matching(_PHONE, "a telephone number", "'0303 123 1113'"),
                  Field(description="A telephone number as it should be printed.")]
Markdown = Annotated[str, Field(description="Text; Markdown is allowed (links, lists, emphasis).",
                                json_schema_extra={"format": "markdown"})]
Nation = Literal["england", "wales", "scotland", "northern-ireland"]
EvidenceGrade = Literal["P", "R", "S", "U"]

NATIONS: tuple[Nation, ...] = ("england", "wales", "scotland", "northern-ireland")


class SignOff(Model):
    """Who signed a form (or a part of it), and when."""

    name: str = Field(description="Name or role as signed, e.g. 'G Earl'.")
    date: dt.date | None = Field(None, description="Date signed (YYYY-MM-DD).")
