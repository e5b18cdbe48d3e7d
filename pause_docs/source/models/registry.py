"""The legal registry: instruments, provisions, data-subject rights and public bodies."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, model_validator

from .base import EvidenceGrade, Markdown, Model, Nation, Phone, RegistryId, Url

InstrumentType = Literal["ukpga", "asc", "anaw", "mwa", "uksi", "eur", "eudn", "guidance"]
ProvisionKind = Literal[
    "act",
    "lawful-basis",
    "special-category-condition",
    "criminal-offence-condition",
    "schedule-1-condition",
    "statutory-power",
    "statutory-duty",
    "transparency-duty",
    "transfer-mechanism",
    "guidance",
]
Art6Basis = Literal["a", "b", "c", "d", "e", "f", "ea"]


class Translation(Model):
    """A registry entry's printed words in another language, and where they came from: the
    English each renders, and whether a speaker of the language has checked them."""

    translated_from: dict[str, str] = Field(
        description="The English each text translates, by field name, e.g. {title: Right of "
        "access}: when the registry's English changes, lint reports the translation stale.")
    reviewed: bool = Field(False, description="true once a speaker of the language has "
                           "checked these words; until then lint reports them unreviewed.")
    sources: str | None = Field(None, description="Where the terms come from, with their "
                                "evidence grades (P, R, S, U).")

    def texts(self) -> dict[str, str]:
        """The translated texts, by field name."""
        base = set(Translation.model_fields)
        return {name: value for name in type(self).model_fields if name not in base
                for value in (getattr(self, name),) if isinstance(value, str)}

    @model_validator(mode="after")
    def _sources_named(self) -> Translation:
        given, named = set(self.texts()), set(self.translated_from)
        if given != named:
            raise ValueError("translated_from must give the English of each text translated "
                             f"(here: {', '.join(sorted(given)) or 'none'}), and only those")
        return self


class RightTranslation(Translation):
    title: str | None = Field(None, description="The right's name.")
    summary: Markdown | None = Field(None, description="Its explanation for a notice.")


class ProvisionTranslation(Translation):
    citation: str | None = Field(None, description="The citation as this language writes it.")
    summary: str | None = Field(None, description="Plain summary.")


class NameTranslation(Translation):
    name: str | None = Field(None, description="The name in full.")
    aliases: tuple[str, ...] = Field((), description="Other ways documents in the language "
                                     "write the same name, e.g. 'Comisiynydd Gwybodaeth' (the "
                                     "Information Commissioner) beside 'Swyddfa'r Comisiynydd "
                                     "Gwybodaeth'.")


Translations: Any = Field(default_factory=dict, description="The printed words in other languages, "
                     "by language code, e.g. cy: {title: …, translated_from: {title: …}, "
                     "reviewed: false}.")


def worded(entry: Any, name: str, language: str) -> tuple[str, str]:
    """The text `name` of a registry entry in `language` when it has one, else its English;
    with the language of the text given."""
    translation = getattr(entry, "translations", {}).get(language)
    text = getattr(translation, name, None) if translation is not None else None
    if isinstance(text, str):
        return text, language
    return getattr(entry, name), "en"


class FormerTitle(Model):
    """Names of an instrument that were right until a day, and are out of date after it."""

    titles: tuple[str, ...] = Field(min_length=1, description="The names as documents write "
                                    "them, e.g. 'GDPR'.")
    until: dt.date = Field(description="The last day these names were right.")
    note: str = Field(description="Why they are out of date, in plain English.")
    evidence: EvidenceGrade = Field(description="Evidence grade of the date: P primary, "
                                    "R regulator, S secondary, U unverified.")


class Instrument(Model):
    """An Act, statutory instrument, retained EU regulation or piece of statutory guidance."""

    id: RegistryId = Field(description="Short id, e.g. 'ca2004'.")
    title: str = Field(description="The title as it should be written, e.g. 'Children Act 2004'.")
    type: InstrumentType = Field(description="legislation.gov.uk type: ukpga (Act of the UK "
                                 "Parliament), asc (Act of Senedd Cymru), anaw (Act of the "
                                 "National Assembly for Wales, 2012-2020), mwa (Assembly "
                                 "Measure, 2008-2011), uksi, eur, eudn (an EU "
                                 "decision), or guidance.")
    year: int = Field(description="Year of the instrument.")
    number: int | None = Field(None, description="Chapter or SI number (none for guidance).")
    url: Url = Field(description="Official web address of the whole instrument.")
    misnomers: tuple[str, ...] = Field((), description="Wrong names seen in published documents.")
    aliases: tuple[str, ...] = Field((), description="Other names documents use for this very "
                                     "instrument, e.g. 'DPA 2018' or 'Working Together 2018'.")
    former_titles: tuple[FormerTitle, ...] = Field(
        (), description="Names that were right until a day: a document published after it "
        "should use the title (e.g. 'GDPR' before 'UK GDPR').")
    enacted: dt.date | None = Field(None, description="Royal Assent (Acts), made (SIs) or "
                                    "published (guidance).")
    summary: str | None = Field(None, description="Plain-English summary of the instrument.")
    evidence: EvidenceGrade | None = Field(None, description="Evidence grade of the type, year, "
                                           "number and address: P primary, R regulator, "
                                           "S secondary, U unverified.")


class StatusChange(Model):
    """A dated change in a provision's force: repeal, disapplication, supersession."""

    change: Literal["repealed", "disapplied", "superseded", "replaced", "renumbered",
                    "amended"] = Field(
        description="What happened to the provision: repealed; disapplied (in some nations); "
        "superseded (guidance replaced by a new edition, a warning); replaced (substituted by "
        "new provisions); renumbered (the same law now has another number, a warning); "
        "amended (not a change of force).")
    on: dt.date = Field(description="The day it took effect.")
    nations: tuple[Nation, ...] = Field(
        ("england", "wales", "scotland", "northern-ireland"),
        description="Where it took effect (all four nations unless stated).")
    by: str = Field(description="The instrument that made the change, as a citation.")
    evidence: EvidenceGrade = Field(description="Evidence grade of this fact: P primary, "
                                    "R regulator, S secondary, U unverified.")
    note: str | None = Field(None, description="What changed, in plain English, when the bare "
                             "change needs explaining.")


class OutdatedWording(Model):
    """Words of a provision's old text that documents still quote after they changed."""

    words: str = Field(description="The old words, e.g. 'Union or Member State law'.")
    until: dt.date = Field(description="The last day they were the law's words.")
    now: str = Field(description="What the text says now, e.g. 'domestic law'.")
    evidence: EvidenceGrade = Field(description="Evidence grade of the change: P primary, "
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
    elsewhere: tuple[RegistryId, ...] = Field(
        (), description="Provisions that do the same in the nations this one does not extend "
        "to, e.g. Children Act 2004 s.28 (Wales) for s.11 (England): a council there citing "
        "this one is told to cite them.")
    misnomers: tuple[str, ...] = Field((), description="Wrong names seen in published documents.")
    miscited_in: tuple[RegistryId, ...] = Field(
        (), description="Instruments documents wrongly cite this section of, under its own "
        "number, e.g. 'ca1989' for the s.11 safeguarding duty of the Children Act 2004 "
        "written as 'section 11 of the Children Act 1989'.")
    aliases: tuple[str, ...] = Field((), description="Other correct ways documents cite it, "
                                     "e.g. 'Section 10 of the Children Act 2004'.")
    summary: str = Field(description="Plain-English summary.")
    evidence: EvidenceGrade = Field(description="Evidence grade of the status facts.")
    point: tuple[str, ...] = Field(
        (), description="The subsection, paragraph and point below what `url` addresses, "
        "outermost first, e.g. ['2', 'g'] for Art 9(2)(g) at .../article/9; an Art 6(1) basis "
        "is ['1', basis] without saying so. With the url it lets text like 'Article 9.2 g' "
        "be recognised as this provision.")
    within: RegistryId | None = Field(
        None, description="A larger provision this one is part of that its address does not "
        "show, e.g. 'dpa2018-sch1-pt2' for a Schedule 1 Part 2 paragraph.")
    needs: tuple[RegistryId, ...] = Field(
        (), description="Provisions one of whose parts (`within`) a document relying on this "
        "one must name too, e.g. Art 9(2)(g) needs a condition in DPA 2018 Schedule 1 Part 2.")
    needs_policy_document: bool = Field(
        False, description="A document relying on a provision within this one must say that "
        "the council has an appropriate policy document (DPA 2018 Schedule 1 para 5).")
    named: tuple[str, ...] = Field(
        (), description="Words that name this provision wherever they are written, e.g. "
        "'public task' for Art 6(1)(e).")
    named_as_basis: tuple[str, ...] = Field(
        (), description="Words that name it only where the text says they are the lawful "
        "basis or condition, e.g. 'consent' in 'our lawful basis is consent'.")
    not_a_basis: str | None = Field(
        None, description="Why this, given as the lawful basis or the gateway for sharing, is "
        "not one (the Freedom of Information Act 2000, the Data Protection Act 2018 as a "
        "whole): a finding when a document gives it as the basis, silence when it is only "
        "mentioned.")
    not_for_public_tasks: bool = Field(
        False, description="Not available to a public authority performing its tasks (UK "
        "GDPR Art 6(1), final words): citing it is an error for a council.")
    outdated_wording: tuple[OutdatedWording, ...] = Field(
        (), description="Old words of its text that a document published later should not "
        "quote.")
    translations: dict[str, ProvisionTranslation] = Translations


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
    translations: dict[str, RightTranslation] = Translations


BodyKind = Literal["regulator", "department", "programme"]


class BodyName(Model):
    """A name a body had for a period: it lasts until the next name's `since`."""

    name: str = Field(description="The name in full.")
    short: str | None = Field(None, description="Abbreviation, e.g. 'ICO'.")
    aliases: tuple[str, ...] = Field((), description="Other spellings and abbreviations of this "
                                     "name seen in documents, e.g. 'TF'.")
    since: dt.date | None = Field(None, description="First day of this name (leave out when "
                                  "unknown).")
    evidence: EvidenceGrade | None = Field(None, description="Evidence grade of this name's "
                                           "`since` date, when it differs from the body's.")
    note: str | None = Field(None, description="What the change was, e.g. who announced it.")
    translations: dict[str, NameTranslation] = Translations

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every way a document may write this name, in English or in a language it is
        translated to (a Welsh notice naming 'Swyddfa'r Comisiynydd Gwybodaeth')."""
        return (self.name, *((self.short,) if self.short else ()), *self.aliases,
                *(t.name for t in self.translations.values() if t.name),
                *(a for t in self.translations.values() for a in t.aliases))


class Body(Model):
    """A public body or programme documents name: the regulator, a department, a programme."""

    id: RegistryId = Field(description="Stable id, e.g. 'regulator'.")
    kind: BodyKind | None = Field(None, description="regulator, department or programme.")
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


class NonexistentTitle(Model):
    """A title documents cite that names no real instrument, with what was probably meant."""

    title: str = Field(description="The title as documents write it, e.g. 'Data Protection "
                       "Act 2017'.")
    patterns: tuple[str, ...] = Field((), description="Other ways the same wrong title appears "
                                      "in text, e.g. 'DPA 2017'.")
    suggest: tuple[RegistryId, ...] = Field(min_length=1, description="Ids of the instruments or "
                                            "provisions probably meant, most likely first.")
    note: str = Field(description="Why the title is wrong, in plain English.")
    evidence: EvidenceGrade = Field(description="Evidence grade of the non-existence: P primary, "
                                    "R regulator, S secondary, U unverified.")

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every way a document may write this title."""
        return (self.title, *self.patterns)


class RetiredDomain(Model):
    """An email domain that has been switched off: addresses in it no longer work."""

    domain: str = Field(pattern=r"^[a-z0-9-]+(\.[a-z0-9-]+)+$",
                        description="The domain and every sub-domain of it, e.g. 'gsi.gov.uk'.")
    retired_on: dt.date = Field(description="The last day it was meant to be used.")
    replaced_by: str | None = Field(None, description="What to use instead, in plain English.")
    note: str | None = Field(None, description="Background in plain English.")
    evidence: EvidenceGrade = Field(description="Evidence grade of the date: P primary, "
                                    "R regulator, S secondary, U unverified.")


class RegistryFile(Model):
    """One file in legal_bases/: an instrument and its provisions, or rights, bodies, titles
    that do not exist, or retired mail domains."""

    instrument: Instrument | None = Field(None, description="The instrument this file is about.")
    provisions: tuple[Provision, ...] = Field((), description="Its provisions.")
    rights: tuple[Right, ...] = Field((), description="Data-subject rights.")
    bodies: tuple[Body, ...] = Field((), description="Public bodies and programmes, with their "
                                     "names over time.")
    nonexistent: tuple[NonexistentTitle, ...] = Field(
        (), description="Titles documents cite that name no real instrument.")
    retired_domains: tuple[RetiredDomain, ...] = Field(
        (), description="Email domains that have been switched off.")
