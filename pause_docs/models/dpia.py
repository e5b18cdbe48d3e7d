"""DPIA screening: the criteria (UK GDPR Art 35(3), the ICO list, WP248) as data, and the
screening document that answers them for one notice."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from .base import EvidenceGrade, Markdown, Model, RegistryId, SignOff, Slug, Url

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
]
FACTS: tuple[Fact, ...] = (
    "special-category-data", "criminal-offence-data", "children", "vulnerable-people",
    "data-matching", "large-scale", "new-technology", "automated-decisions",
    "systematic-monitoring",
)


class Derivation(Model):
    """When a criterion follows from a notice: all of `all_of`, and one of `any_of` if given."""

    all_of: tuple[Fact, ...] = Field((), description="Facts that must all hold.")
    any_of: tuple[Fact, ...] = Field((), description="Facts of which at least one must hold.")


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


class CriteriaFile(Model):
    """legal_bases/dpia-criteria.yaml: every list of DPIA triggers."""

    criteria_sets: tuple[CriteriaSet, ...] = Field(min_length=1, description="The lists.")


class CriterionAnswer(Model):
    """A person's answer to a criterion, replacing what the notice suggests."""

    criterion: RegistryId = Field(description="Id of the criterion, e.g. 'wp248-innovative'.")
    met: bool = Field(description="true if the criterion is met, false if not.")
    evidence: Markdown = Field(description="Why: the evidence for the answer.")


class DpiaScreening(Model):
    """A DPIA screening for the processing a notice describes: councils/<council>/<slug>.yaml."""

    kind: Literal["dpia-screening"] = Field(description="dpia-screening.")
    title: str = Field(description="Title, e.g. 'DPIA screening: Pause'.")
    subtitle: str | None = Field(None, description="Line under the title.")
    published: dt.date = Field(description="Date of the screening (YYYY-MM-DD).")
    show_date: Literal["day", "month", "none"] = Field("day", description="How to print it.")
    version: str | None = Field(None, description="Version label.")
    programme: Slug | None = Field(None, description="Programme this screening inherits.")
    notice: Slug = Field(description="The notice describing the processing: the name of a "
                         "file in the same council folder, without .yaml.")
    project: Markdown | None = Field(None, description="What the project aims to achieve.")
    answers: tuple[CriterionAnswer, ...] = Field(
        (), description="Answers that replace what the notice suggests, each with evidence.")
    screened_by: SignOff | None = Field(None, description="Who did the screening.")
    dpo_advice: SignOff | None = Field(None, description="The DPO who advised.")
