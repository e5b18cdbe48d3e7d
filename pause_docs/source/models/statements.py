"""What a notice and its annexes both say: a piece of law relied on, and how long records are
kept."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import Markdown, Model, RegistryId
from .sections import Group

GROUP_DESCRIPTION = ("A label to show some items of a list in one section and the rest in "
                     "another: a section with `only: <group>` shows them")


class LegalReference(Model):
    """A piece of law a notice relies on, by registry id, optionally in the notice's own words."""

    provision: RegistryId | Annotated[tuple[RegistryId, ...], Field(min_length=1)] = Field(
        description="Registry id(s) of the provision, e.g. 'ca2004-s10'.")
    cited_as: str | None = Field(
        None, description="The words the published notice used, kept for a faithful "
        "reproduction (e.g. \"Section 10 of the Children's Act 2004\"); the registry's "
        "citation is used when this is left out.")
    reason: Markdown | None = Field(None, description="Why it applies, in the notice's words.")
    wording: Markdown | None = Field(
        None, description="The whole sentence the notice uses for this law; the words of "
        "'cited_as' (or the citation) in it become the link to the law.")
    heading: str | None = Field(None, description="A label printed before it, e.g. 'Lawful "
                                "basis for processing personal data under Article 6 GDPR'.")
    schedule_1: LegalReference | None = Field(
        None, description="For an Art 9 or Art 10 condition: the DPA 2018 section 10 and "
        "Schedule 1 condition that goes with it.")
    examples: tuple[Markdown, ...] = Field((), description="Examples of what it covers.")
    conditions: tuple[LegalReference, ...] = Field(
        (), description="For an Art 6 lawful basis: the Art 9 or Art 10 conditions that go "
        "with it, printed under it as councils write them (each may have its own "
        "schedule_1).")
    group: Group | None = Field(None, description=GROUP_DESCRIPTION)

    @property
    def provision_ids(self) -> tuple[str, ...]:
        return (self.provision,) if isinstance(self.provision, str) else self.provision


class RetentionRule(Model):
    """How long one kind of record is kept, and what happens then."""

    records: str | None = Field(None, description="Which records, e.g. 'Social care records'.")
    period: str | None = Field(None, description="The period in short, e.g. 'at least 25 "
                               "years' or 'until December 2022'.")
    rule: Markdown = Field(description="The period or criteria, in the notice's words.")
