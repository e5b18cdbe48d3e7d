"""DPIA screening: the criteria (UK GDPR Art 35(3), the ICO list, WP248) as data, and the
screening document, which screens the processing a notice describes or describes it itself."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .assessment import FormDocument
from .base import EvidenceGrade, Markdown, Model, RegistryId, Slug, Url
from .notice import DataCategory, DataSubject, ProcessingFeature
from .registry import Translation, Translations


class CriterionTranslation(Translation):
    title: str | None = Field(None, description="Short name.")
    description: Markdown | None = Field(None, description="What it covers.")


class CriteriaSetTranslation(Translation):
    title: str | None = Field(None, description="The list's name.")
    rule_text: str | None = Field(None, description="The rule, printed in the screening.")

# What a notice's structured data can tell a screening; each is worked out from the notice.
Fact = Literal[
    "special-category-data",
    "criminal-offence-data",
    "children",
    "vulnerable-people",
    "data-matching",
    "large-scale",
    "new-technology",
    "automated-decisions",
    "systematic-monitoring",
    "invisible-processing",
]
FACTS: tuple[Fact, ...] = (
    "special-category-data", "criminal-offence-data", "children", "vulnerable-people",
    "data-matching", "large-scale", "new-technology", "automated-decisions",
    "systematic-monitoring", "invisible-processing",
)


class Derivation(Model):
    """When a criterion follows from a notice: all of `all_of`, and one of `any_of` if given."""

    all_of: tuple[Fact, ...] = Field((), description="Facts that must all hold.")
    any_of: tuple[Fact, ...] = Field((), description="Facts of which at least one must hold.")


class SuggestedRisk(Model):
    """A risk a criterion typically presents, offered to the author of a full DPIA, who
    keeps, edits or removes it.  A likelihood and a severity only where its source gives
    them: a person judges them otherwise."""

    id: Slug = Field(description="The risk's short name once pasted, e.g. 'power-imbalance'.")
    risk: Markdown = Field(description="The risk in plain words: its source and its effect "
                           "on people.")
    source: str = Field(description="Whose words it follows, e.g. \"WP248 rev.01, "
                        "criterion 7\" or \"ICO, 'Examples of processing likely to result "
                        "in high risk'\".")
    likelihood: Slug | None = Field(None, description="Only where the source gives one.")
    severity: Slug | None = Field(None, description="Only where the source gives one.")
    evidence: EvidenceGrade = Field(description="Evidence grade of the wording: how closely "
                                    "it follows the source.")

    @model_validator(mode="after")
    def _both_or_neither(self) -> SuggestedRisk:
        if (self.likelihood is None) != (self.severity is None):
            raise ValueError("give both 'likelihood' and 'severity' (as the source states "
                             "them), or neither")
        return self


class Criterion(Model):
    """One test in a list of DPIA triggers."""

    id: RegistryId = Field(description="Stable id, e.g. 'wp248-vulnerable'.")
    number: str = Field(description="Its number in the source, e.g. '7' or '35(3)(b)'.")
    title: str = Field(description="Short name, e.g. 'Vulnerable data subjects'.")
    description: Markdown = Field(description="What it covers, with examples.")
    derived_from: Derivation | None = Field(
        None, description="How it follows from a notice; leave out when a notice cannot say.")
    needs_another_from: RegistryId | None = Field(
        None, description="Only counts when a criterion of this other list is also met "
        "(the ICO's '+1 WP248 criterion' items).")
    counterpart: RegistryId | None = Field(
        None, description="The same test in that other list (e.g. 'wp248-innovative' for the "
        "ICO's innovative technology): it does not count as another criterion.")
    evidence: EvidenceGrade = Field(description="Evidence grade of the wording.")
    suggested_risks: tuple[SuggestedRisk, ...] = Field(
        (), max_length=2, description="One or two risks the criterion typically presents, "
        "offered to a full DPIA whose screening found it met.")
    translations: dict[str, CriterionTranslation] = Translations


class CriteriaSet(Model):
    """A list of DPIA triggers and the rule that says when it requires a full DPIA."""

    id: RegistryId = Field(description="Stable id, e.g. 'wp248'.")
    title: str = Field(description="e.g. 'EDPB / WP248 rev.01 criteria'.")
    source: str = Field(description="Where the list comes from, as a citation.")
    url: Url = Field(description="Where to read it.")
    rule: Literal["any", "two-or-more"] = Field(
        description="any: one criterion met requires a full DPIA; two-or-more: two or more "
        "criteria met do.")
    rule_text: str = Field(description="The rule in plain English, printed in the screening.")
    evidence: EvidenceGrade = Field(description="Evidence grade of the rule.")
    criteria: tuple[Criterion, ...] = Field(min_length=1, description="The criteria, in order.")
    translations: dict[str, CriteriaSetTranslation] = Translations


class CriteriaFile(Model):
    """legal_bases/dpia-criteria.yaml: every list of DPIA triggers."""

    criteria_sets: tuple[CriteriaSet, ...] = Field(min_length=1, description="The lists.")


class Processing(Model):
    """The processing a DPIA screening describes itself, when no notice describes it."""

    description: Markdown | None = Field(None, description="What is done with the data.")
    data_categories: tuple[DataCategory, ...] = Field(
        (), description="Kinds of data, with special_category / criminal_offence flags.")
    data_subjects: tuple[DataSubject, ...] = Field(
        (), description="Whom the data is about, with children / vulnerable flags.")
    data_matching: ProcessingFeature | None = Field(
        None, description="Whether data from several sources is combined, compared or matched.")
    invisible_processing: ProcessingFeature | None = Field(
        None, description="Whether data is obtained from others without telling the people it "
        "is about (the Art 14(5) disproportionate-effort exception).")
    large_scale: ProcessingFeature | None = Field(
        None, description="Whether it is on a large scale.")
    new_technology: ProcessingFeature | None = Field(
        None, description="Whether it uses new or innovative technology.")
    automated_decisions: ProcessingFeature | None = Field(
        None, description="Whether decisions with significant effects are automated.")
    systematic_monitoring: ProcessingFeature | None = Field(
        None, description="Whether people or a public area are systematically monitored.")


class DpiaScreening(FormDocument):
    """A DPIA screening: of the processing a notice describes, or that it describes itself."""

    notice: Slug | None = Field(None, description="A notice describing the processing: the "
                                "name of a file in the same council folder, without .yaml.")
    processing: Processing | None = Field(
        None, description="The processing, described here (with or instead of a notice).")
