"""Fair processing notices and privacy notices: what a notice says, as structured data."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from pydantic import Field, model_validator

from ..kinds import kinds_checked_by
from .base import Markdown, Model, RegistryId, Slug, Url
from .matching import DataMatching
from .sections import Group, Section
from .statements import GROUP_DESCRIPTION, LegalReference, RetentionRule

if TYPE_CHECKING:
    NoticeKind = str
else:  # the kinds of `KINDS` this model checks: pydantic checks them, the schema lists them
    NoticeKind = Literal[kinds_checked_by("Notice")]

class PlainReason(Model):
    """A reason a layer gives in its own words with no law to link: its parent notice gives
    the law."""

    reason: Markdown = Field(description="Why the council may use the information, in the "
                             "layer's words, e.g. 'We need to keep children safe.' Printed "
                             "as it is, not as a link to the law.")
    group: Group | None = Field(None, description=GROUP_DESCRIPTION)


class RightEntry(Model):
    """A right the notice tells people about, optionally in the notice's own words."""

    right: RegistryId = Field(description="Registry id of the right, e.g. 'access'.")
    wording: Markdown | None = Field(
        None, description="The notice's own wording; the registry's summary when left out.")


class Transfers(Model):
    """Whether data leaves the UK."""

    outside_uk: bool = Field(description="true if any data is stored or processed abroad.")
    statement: Markdown = Field(description="What the notice says about it.")


class Complaints(Model):
    """The complaints route, step by step, in the notice's words."""

    first_step: Markdown | None = Field(None, description="Who to speak to first.")
    to_dpo: Markdown | None = Field(None, description="Introduces the DPO's contact details.")
    online_form: Markdown | None = Field(None, description="Introduces the online form.")
    to_regulator: Markdown | None = Field(
        None, description="Introduces the regulator's contact details.")
    regulator_address: bool = Field(True, description="Print the regulator's address and "
                                    "phone number after `to_regulator`.")


class MetadataItem(Model):
    """One line of what a council prints before a notice's text: 'Reference: CS-PN-04',
    'Last reviewed: March 2026', a download link."""

    label: str = Field(description="The council's label, e.g. 'Reference' or 'Download'.")
    value: str = Field(description="What stands after it, e.g. 'CS-PN-04' or 'this notice "
                       "as a PDF'.")
    url: Url | None = Field(None, description="Where `value` links to, e.g. the PDF.")


class Purpose(Model):
    """One use of the information, optionally with the law it rests on."""

    description: Markdown = Field(description="What the information is used for.")
    legal_bases: tuple[LegalReference, ...] = Field(
        (), description="The lawful basis or law for this use, if it differs per use.")
    group: Group | None = Field(None, description=GROUP_DESCRIPTION)


class Service(Model):
    """A service an umbrella notice covers (social care, early help, fostering ...), with its
    own purposes and lawful bases where they differ from the notice's."""

    name: str = Field(description="e.g. 'Fostering and adoption'.")
    description: Markdown | None = Field(None, description="What the service does, and whose "
                                         "information it uses.")
    purposes: tuple[Purpose, ...] = Field((), description="What this service uses the "
                                          "information for.")
    legal_bases: tuple[LegalReference, ...] = Field(
        (), description="The law this service relies on, by registry id, where it differs "
        "from the notice's own legal_bases.")


class DataCategory(Model):
    """A kind of personal data the notice covers."""

    name: str = Field(description="e.g. 'Family circumstances and relationships'.")
    examples: Markdown | None = Field(None, description="More detail, in the notice's words.")
    special_category: bool = Field(False, description="Special category data (UK GDPR Art 9): "
                                   "health, ethnicity, religion, sex life, biometrics...")
    criminal_offence: bool = Field(False, description="Criminal offence data (UK GDPR Art 10).")
    group: Group | None = Field(
        None, description="The heading it is listed under, e.g. 'Special categories' or "
        "'About parents and carers': a data-categories section without `only:` lists the "
        "categories with no group, then each group under its own sub-heading, in the order "
        "the notice gives them; `only: <group>` shows one group.")


class DataSubject(Model):
    """A group of people the information is about."""

    name: str = Field(description="e.g. 'Children and young people'.")
    description: Markdown | None = Field(None, description="More detail.")
    children: bool = Field(False, description="true if the group includes children.")
    vulnerable: bool = Field(False, description="true if the group is vulnerable (e.g. women "
                             "at risk of repeat removals of children).")


class DataSource(Model):
    """Where information comes from when it is not collected from the person (Art 14)."""

    name: str = Field(description="e.g. 'Other professionals who know the family'.")
    description: Markdown | None = Field(None, description="More detail.")
    publicly_accessible: bool = Field(False, description="true for public sources.")


class OnwardSharing(Model):
    """A recipient passing the data on to someone else."""

    to: str = Field(description="Who receives it next, e.g. 'Ministry of Justice'.")
    form: str | None = Field(None, description="In what form, e.g. 'pseudonymised'.")
    purpose: Markdown | None = Field(None, description="Why.")


class Recipient(Model):
    """An organisation or category of organisations that receives the data."""

    name: str = Field(description="e.g. 'Police' or 'Department for Education'.")
    role: Literal["recipient", "processor", "joint-controller",
                  "independent-controller"] = Field(
        "recipient", description="What it is under data protection law: a recipient (said no "
        "more about), a processor (acts only on the council's instructions), a "
        "joint-controller (decides with the council why and how the data is used) or an "
        "independent-controller (decides for itself); the recipients block prints any role "
        "but 'recipient' beside the name, and the controller block lists processors and "
        "joint controllers.")
    purpose: Markdown | None = Field(None, description="Why it receives the data.")
    data_shared: tuple[Markdown, ...] = Field((), description="What it receives, item by item.")
    onward: tuple[OnwardSharing, ...] = Field((), description="Who it may pass the data to.")
    onward_group: str | None = Field(
        None, description="How the notice names the onward recipients as a group, e.g. "
        "'other Government departments'.")
    group: Group | None = Field(None, description=GROUP_DESCRIPTION)


Deferred = Literal["legal-bases", "rights", "complaints", "dpo"]
DEFERRABLE: tuple[Deferred, ...] = ("legal-bases", "rights", "complaints", "dpo")
Audience = Literal["everyone", "young-people", "easy-read"]


class TopLevelNotice(Model):
    """The council's main privacy notice, which a service notice (or a layer for young people
    or in Easy Read, under its `parent:`) points to for what it does not repeat."""

    title: str | None = Field(None, description="Its title, e.g. 'Our corporate privacy "
                              "notice' (a layer's `parent:` gives it).")
    url: Url | None = Field(None, description="Where it is published (a layer's `parent:` "
                            "gives it).")
    pointer: Markdown | None = Field(
        None, description="The notice's own sentence pointing to the main notice, printed "
        "once, in the first section that shows a part the main notice covers (its title in "
        "the sentence becomes the link); the locale's sentence when left out.")
    covers: tuple[Deferred, ...] = Field(
        ("rights", "complaints", "dpo"),
        description="Sections this notice leaves to the main notice instead of repeating "
        "them: legal-bases, rights, complaints, dpo.")


class ProcessingFeature(Model):
    """Whether the processing has a feature a DPIA screening asks about, and how."""

    applies: bool = Field(description="true if it does, false if the notice rules it out.")
    description: Markdown | None = Field(None, description="How, e.g. 'every case file of "
                                         "the county's children's social care since 2010'.")


class Notice(Model):
    """A fair processing notice or a privacy notice: councils/<council>/<slug>.yaml."""

    kind: NoticeKind = Field(description="The kind of notice, one of: "
                             f"{', '.join(kinds_checked_by('Notice'))}.")
    title: str = Field(description="Title as published.")
    subtitle: str | None = Field(None, description="Line under the title.")
    published: dt.date = Field(description="Publication date (YYYY-MM-DD).")
    show_date: Literal["day", "month", "none"] = Field(
        "day", description="Print the date as '1 February 2017', 'February 2017', or not.")
    version: str | None = Field(None, description="Version label, e.g. '1.0'.")
    next_review: dt.date | None = Field(
        None, description="The date the council set for its next review of the notice "
        "(YYYY-MM-DD); not printed (a 'metadata:' line prints it). Once it has passed, lint "
        "judges the law's names on it as well as today: 'GDPR' in a 2018 notice due for "
        "review in 2022 should have been changed then.")
    programme: Slug | None = Field(None, description="Programme this notice inherits, e.g. "
                                   "'pause' for the package's pause programme.")
    metadata: tuple[MetadataItem, ...] = Field(
        (), description="Lines printed under the title, before the text, in this order and "
        "in these words (notice name, reference, last updated, version, a download link); "
        "give 'show_date: none' to print the date only here.")
    summary: Markdown | None = Field(None, description="Opening paragraphs.")
    about_programme: Markdown | None = Field(
        None, description="What the programme is, in this notice's words; the programme's own "
        "description when left out.")
    purpose: Markdown | None = Field(None, description="What the data is used for and why.")
    phases: tuple[Markdown, ...] = Field((), description="Phases of the work, one per item.")
    legal_bases: tuple[LegalReference, ...] = Field(
        (), description="The law the processing and sharing rely on: Art 6 lawful bases, "
        "Art 9 and Art 10 conditions, and statutory gateways, each by registry id. Which is "
        "which follows from the registry entry of the first provision.")
    purposes: tuple[Purpose, ...] = Field((), description="What the information is used for.")
    services: tuple[Service, ...] = Field(
        (), description="For an umbrella notice: the services it covers, each with its own "
        "purposes and lawful bases (a section with 'show: services' prints them).")
    data_categories: tuple[DataCategory, ...] = Field((), description="Kinds of data held.")
    data_subjects: tuple[DataSubject, ...] = Field((), description="Whom the data is about.")
    sources: tuple[DataSource, ...] = Field(
        (), description="Where data comes from when not from the person (Art 14).")
    recipients: tuple[Recipient, ...] = Field((), description="Who receives the data.")
    data_matching: tuple[DataMatching, ...] = Field((), description="Data-matching annexes.")
    large_scale: ProcessingFeature | None = Field(
        None, description="Whether the processing is on a large scale (many people, much "
        "data, a wide area or a long time); used by DPIA screenings.")
    new_technology: ProcessingFeature | None = Field(
        None, description="Whether it uses new or innovative technology; used by DPIA "
        "screenings.")
    automated_decisions: ProcessingFeature | None = Field(
        None, description="Whether decisions with legal or similarly significant effects are "
        "made by automated means, including profiling (UK GDPR Art 22).")
    systematic_monitoring: ProcessingFeature | None = Field(
        None, description="Whether people or a publicly accessible area are systematically "
        "monitored.")
    safeguards: tuple[Markdown, ...] = Field((), description="How the data is protected.")
    retention: tuple[RetentionRule, ...] = Field((), description="How long data is kept.")
    transfers: Transfers | None = Field(None, description="Transfers outside the UK.")
    rights: tuple[RightEntry, ...] = Field((), description="Rights people have.")
    complaints: Complaints = Field(Complaints(), description="The complaints route.")
    top_level_notice: TopLevelNotice | None = Field(
        None, description="For a layered notice: the council's main notice, which covers "
        "rights, complaints and the DPO so this one does not repeat them.")
    audience: Audience = Field(
        "everyone", description="Who the notice is written for: everyone, or a layer for "
        "young-people or in easy-read, which gives plain reasons instead of article numbers "
        "and is held to a stricter readability target. A notice for everyone with `parent:` "
        "is an addendum to that notice.")
    plain_reasons: tuple[PlainReason, ...] = Field(
        (), description="Only in a layer for young-people or in easy-read: reasons in its "
        "own words that cite no law (the full notice gives the law), printed as text after "
        "the legal_bases' plain reasons, where a section shows legal-bases or lawful-basis.")
    parent: Slug | None = Field(
        None, description="For a layer or an addendum: the full notice it sits under or adds "
        "to, a notice in the same council folder (its file name without .yaml). It links to "
        "that notice, and leaves to it the legal bases, rights, complaints and DPO it does not "
        "give itself; an addendum (`audience: everyone`, the default) says what it adds, and "
        "the main notice links back to it.")
    layout: Literal["sections", "fields"] = Field(
        "sections", description="sections: each section under its heading; fields: the "
        "notice as a list of labelled fields ('Data controller:', 'Purpose:', 'Retention:'), "
        "each section's heading its label and what it shows beside it. The same data prints "
        "either way.")
    link_addresses: Literal["print", "none"] = Field(
        "print", description="On paper (PDF and Word), where a reader cannot follow a link: "
        "print (the default) writes each web link's address in brackets after its words; "
        "none prints the words alone, for a notice whose links say where they go.")
    category_examples: Literal["brackets", "colon", "dash"] = Field(
        "brackets", description="How a data category's examples follow its name: brackets "
        "(the default): 'Health (your GP's name)'; colon: 'Health: your GP's name'; dash: "
        "'Health – your GP's name'.")
    contents: Literal["auto", "always", "never"] = Field(
        "auto", description="The contents list ('On this page') under the title: auto prints "
        "it when the page has five or more main headings; always or never decide for the "
        "notice.")
    sections: tuple[Section, ...] = Field(min_length=1, description="The page, in order.")

    @model_validator(mode="after")
    def _pointed_to(self) -> Notice:
        top = self.top_level_notice
        if top is not None and (top.title is None or top.url is None) and self.parent is None:
            raise ValueError("top_level_notice needs its title and url, unless the notice "
                             "names its full notice with 'parent:'")
        return self

    @property
    def is_addendum(self) -> bool:
        """A notice for everyone under another (`parent:`): it says only what is different
        for its programme, and leaves the rest to that notice."""
        return self.parent is not None and self.audience == "everyone"

    def deferred(self) -> tuple[Deferred, ...]:
        """What the notice leaves to its main or parent notice: its top_level_notice's
        `covers`; for a layer without one, each of legal bases, rights, complaints and the
        DPO that it does not give itself."""
        if self.top_level_notice is not None:
            return self.top_level_notice.covers
        if self.parent is None:
            return ()
        given = {"legal-bases": bool(self.legal_bases), "rights": bool(self.rights),
                 "complaints": any(v for k, v in self.complaints if k != "regulator_address"),
                 "dpo": False}
        return tuple(item for item in DEFERRABLE if not given[item])
