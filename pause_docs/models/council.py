"""Councils (controllers), their contacts, and the programmes their documents inherit."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from .base import Email, Markdown, Model, Nation, Phone, Slug, Url


class Contact(Model):
    """A team or officer people can write to."""

    name: str = Field(description="Team or role, e.g. 'Information Governance team'.")
    email: Email | None = Field(None, description="Email address.")
    phone: Phone | None = Field(None, description="Telephone number.")
    address: tuple[str, ...] = Field((), description="Postal address, one line per item.")
    web_form: Url | None = Field(None, description="Online form for enquiries or complaints.")


class Council(Model):
    """A council acting as data controller: councils/<slug>/council.yaml."""

    name: str = Field(description="Full legal name, e.g. 'Northshire County Council'.")
    name_in_sentence: str | None = Field(
        None, description="The name as it reads mid-sentence, e.g. 'the London Borough of "
        "Example'; defaults to the name.")
    short_name: str = Field(description="Short name used in text, e.g. 'NCC' or 'Northshire'.")
    area: str = Field(description="The place the council serves, e.g. 'Northshire'.")
    nation: Nation = Field(description="Which UK nation's law applies.")
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
