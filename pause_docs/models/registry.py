"""The legal registry: instruments, provisions, data-subject rights and public bodies."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from .base import EvidenceGrade, Markdown, Model, Nation, Phone, RegistryId, Url

InstrumentType = Literal["ukpga", "asc", "uksi", "eur", "guidance"]
ProvisionKind = Literal[
    "act",
    "lawful-basis",
    "special-category-condition",
    "criminal-offence-condition",
    "schedule-1-condition",
    "statutory-power",
    "statutory-duty",
    "transparency-duty",
    "guidance",
]
Art6Basis = Literal["a", "b", "c", "d", "e", "f", "ea"]


class Instrument(Model):
    """An Act, statutory instrument, retained EU regulation or piece of statutory guidance."""

    id: RegistryId = Field(description="Short id, e.g. 'ca2004'.")
    title: str = Field(description="The title as it should be written, e.g. 'Children Act 2004'.")
    type: InstrumentType = Field(description="legislation.gov.uk type: ukpga (Act of the UK "
                                 "Parliament), asc (Act of Senedd Cymru), uksi, eur, or guidance.")
    year: int = Field(description="Year of the instrument.")
    number: int | None = Field(None, description="Chapter or SI number (none for guidance).")
    url: Url = Field(description="Official web address of the whole instrument.")
    misnomers: tuple[str, ...] = Field((), description="Wrong names seen in published documents.")


class StatusChange(Model):
    """A dated change in a provision's force: repeal, disapplication, supersession."""

    change: Literal["repealed", "disapplied", "superseded", "amended"] = Field(
        description="What happened to the provision.")
    on: dt.date = Field(description="The day it took effect.")
    nations: tuple[Nation, ...] = Field(
        ("england", "wales", "scotland", "northern-ireland"),
        description="Where it took effect (all four nations unless stated).")
    by: str = Field(description="The instrument that made the change, as a citation.")
    evidence: EvidenceGrade = Field(description="Evidence grade of this fact: P primary, "
                                    "R regulator, S secondary, U unverified.")


class Provision(Model):
    """A citable piece of law: a section, article, schedule paragraph, or a whole Act."""

    id: RegistryId = Field(description="Stable id used by documents, e.g. 'ca2004-s10'.")
    instrument: RegistryId = Field(description="Id of the instrument it belongs to.")
    citation: str = Field(description="The citation as it should be written.")
    title: str = Field(description="What the provision is about.")
    url: Url = Field(description="legislation.gov.uk (or gov.uk) address of the provision.")
    kind: ProvisionKind = Field(description="What the provision does in a notice.")
    basis: Art6Basis | None = Field(None, description="For an Art 6(1) lawful basis: its point.")
    in_force_from: dt.date | None = Field(None, description="First day in force.")
    nations: tuple[Nation, ...] = Field(
        ("england", "wales", "scotland", "northern-ireland"),
        description="Where the provision extends.")
    changes: tuple[StatusChange, ...] = Field((), description="Repeals, disapplications and "
                                              "other changes, in date order.")
    superseded_by: tuple[RegistryId, ...] = Field((), description="Provisions to cite instead.")
    misnomers: tuple[str, ...] = Field((), description="Wrong names seen in published documents.")
    summary: str = Field(description="Plain-English summary.")
    evidence: EvidenceGrade = Field(description="Evidence grade of the status facts.")


class Right(Model):
    """A data-subject right and the lawful bases it applies to."""

    id: RegistryId = Field(description="Stable id, e.g. 'access'.")
    article: str = Field(description="Where the right is, e.g. 'UK GDPR Art 15'.")
    title: str = Field(description="Name of the right, e.g. 'Right of access'.")
    summary: Markdown = Field(description="Plain-English explanation for a notice.")
    url: Url = Field(description="Where the law is.")
    applies_to: tuple[Art6Basis, ...] | None = Field(
        None, description="Art 6(1) bases it applies to; leave out when it applies to all.")
    in_force_from: dt.date | None = Field(None, description="First day the right existed.")


class BodyName(Model):
    """A name a body had for a period."""

    name: str = Field(description="The name in full.")
    short: str | None = Field(None, description="Abbreviation, e.g. 'ICO'.")
    since: dt.date | None = Field(None, description="First day of this name.")


class Body(Model):
    """A public body documents name: the regulator, a government department."""

    id: RegistryId = Field(description="Stable id, e.g. 'regulator'.")
    names: tuple[BodyName, ...] = Field(min_length=1, description="Names, oldest first.")
    address: tuple[str, ...] = Field((), description="Postal address lines.")
    phone: Phone | None = Field(None, description="Telephone number.")
    website: Url | None = Field(None, description="Web address.")
    evidence: EvidenceGrade = Field("S", description="Evidence grade of the name changes.")

    def name_on(self, day: dt.date) -> BodyName:
        """The name in use on `day`."""
        current = self.names[0]
        for name in self.names:
            if name.since is None or name.since <= day:
                current = name
        return current


class RegistryFile(Model):
    """One file in legal_bases/: an instrument and its provisions, or rights, or bodies."""

    instrument: Instrument | None = Field(None, description="The instrument this file is about.")
    instruments: tuple[Instrument, ...] = Field(
        (), description="Several instruments, when one file gathers a few provisions of each.")
    provisions: tuple[Provision, ...] = Field((), description="Its provisions.")
    rights: tuple[Right, ...] = Field((), description="Data-subject rights.")
    bodies: tuple[Body, ...] = Field((), description="Public bodies.")
