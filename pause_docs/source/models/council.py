"""Councils (controllers), their contacts, and the programmes their documents inherit."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, Field, model_validator

from ..languages import languages
from .base import Email, Markdown, Model, Nation, Phone, Slug, Url

_IMAGE_FILE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?\.(?:svg|png|jpe?g)$")


def _image_file(value: str) -> str:
    if not _IMAGE_FILE.match(value):
        raise ValueError(f"'{value}' is not an image file beside council.yaml (for example "
                         "'logo.svg' or 'logo.png': lower-case letters, digits and hyphens, "
                         "ending .svg, .png or .jpg)")
    return value


def _languages(value: tuple[str, ...]) -> tuple[str, ...]:
    known = languages()
    for code in value:
        if code not in known:
            raise ValueError(f"'{code}' is not a language pause-docs publishes in; it has "
                             f"locales for: {', '.join(known)}")
    if len(set(value)) != len(value):
        raise ValueError("a language is named twice")
    return value


Languages = Annotated[tuple[str, ...], AfterValidator(_languages),
                      Field(min_length=1, description="Language codes, the first first.")]

ImageFile = Annotated[str, AfterValidator(_image_file),
                      Field(description="An SVG, PNG or JPEG file beside council.yaml, e.g. "
                            "'logo.svg'.")]


class Contact(Model):
    """A team or officer people can write to."""

    name: str = Field(description="Team or role, e.g. 'Information Governance team'.")
    email: Email | None = Field(None, description="Email address.")
    phone: Phone | None = Field(None, description="Telephone number.")
    address: tuple[str, ...] = Field((), description="Postal address, one line per item.")
    web_form: Url | None = Field(None, description="Online form for enquiries or complaints.")


class Logo(Model):
    """The council's logo, printed above every document (HTML and PDF)."""

    file: ImageFile = Field(description="The image, beside council.yaml, e.g. 'logo.svg'; "
                            "copied beside each page in output/.")
    alt: str = Field(min_length=1, description="What the logo says, for people who cannot "
                     "see it: usually the council's name, e.g. 'Northshire County Council'.")


class AlternativeFormats(Model):
    """How to ask for a document in large print, Easy Read, Braille, audio or another
    language (at least one way)."""

    email: Email | None = Field(None, description="Email address for requests.")
    phone: Phone | None = Field(None, description="Telephone number for requests.")
    web_form: Url | None = Field(None, description="Online form for requests.")

    @model_validator(mode="after")
    def _one_way(self) -> AlternativeFormats:
        if not (self.email or self.phone or self.web_form):
            raise ValueError("give at least one of email, phone or web_form")
        return self


class Council(Model):
    """A council acting as data controller: councils/<slug>/council.yaml."""

    name: str = Field(description="Full legal name, e.g. 'Northshire County Council'.")
    name_in_sentence: str | None = Field(
        None, description="The name as it reads mid-sentence, e.g. 'the London Borough of "
        "Example'; defaults to the name.")
    short_name: str = Field(description="Short name used in text, e.g. 'NCC' or 'Northshire'.")
    area: str = Field(description="The place the council serves, e.g. 'Northshire'.")
    nation: Nation = Field(description="Which UK nation's law applies.")
    languages: Languages = Field(
        ("en",), description="The languages every document is published in, e.g. [en, cy]: "
        "output/<council>/<doc>.html in the first, <doc>.<code>.html in each other. Any text "
        "may then be given per language, e.g. name: {en: Northshire County Council, cy: "
        "Cyngor Sir Northshire}.")
    address: tuple[str, ...] = Field(min_length=1, description="Postal address lines.")
    website: Url | None = Field(None, description="Council website.")
    ico_registration: str | None = Field(
        None, description="Registration number with the regulator, e.g. 'Z5713095'.")
    case_files: str | None = Field(
        None, description="The council's case-file system as notices name it, e.g. "
        "\"Northshire Children's Social Care case files\".")
    dpo: Contact | None = Field(None, description="The Data Protection Officer.")
    enquiries: Contact | None = Field(
        None, description="Who answers questions about data sharing, if not the DPO.")
    complaints_form: Url | None = Field(None, description="Online complaints form.")
    postal_addresses: Literal["block", "one-line"] = Field(
        "block", description="How a contact's postal address prints: 'block' (the name, then "
        "each line of the address on a line of its own) or 'one-line' (the lines joined by "
        "commas, as some councils' published notices have it).")
    logo: Logo | None = Field(None, description="The council's logo, printed above every "
                              "document instead of its name.")
    accessibility_statement: Url | None = Field(
        None, description="The council's accessibility statement (Public Sector Bodies "
        "Accessibility Regulations 2018), linked from every document.")
    alternative_formats: AlternativeFormats | None = Field(
        None, description="How to ask for a document in large print, Easy Read, Braille, "
        "audio or another language; printed on every document.")

    @property
    def in_sentence(self) -> str:
        return self.name_in_sentence or self.name


class Organisation(Model):
    """A partner, processor or recipient named by a programme or document."""

    id: Slug = Field(description="Short id, e.g. 'pause'.")
    name: str = Field(description="Name as printed.")
    role: Literal["partner", "processor", "recipient", "joint-controller"] = Field(
        description="Its part in the processing.")
    description: Markdown | None = Field(None, description="What it does with the data.")
    website: Url | None = Field(None, description="Web address.")


class Programme(Model):
    """A reusable programme definition (e.g. Pause) that documents inherit and override."""

    name: str = Field(description="Programme name, e.g. 'Pause'.")
    description: Markdown = Field(description="What the programme is, for the public.")
    website: Url | None = Field(None, description="Where to read more.")
    organisations: tuple[Organisation, ...] = Field((), description="Partners and recipients.")
    defaults: dict[str, dict[str, Any]] = Field(
        default_factory=dict,
        description="Values each family of documents starts from (notice, impact-assessment, "
        "dpia-screening); a document's own keys replace these. Text may use "
        "{{ council.name }}, {{ council.short_name }}, {{ council.area }}, "
        "{{ council.case_files }}, {{ programme.name }}, {{ regulator.name }}.")
