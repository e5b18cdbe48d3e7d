"""A notice's data-matching annexes: a national impact study, or matching on a shared
regional platform, with who runs it, who supplies what, and whether it profiles people."""

from __future__ import annotations

import difflib
from typing import Literal

from pydantic import Field, model_validator

from .base import Markdown, Model, Slug
from .council import Contact
from .statements import LegalReference, RetentionRule


class MatchedDataset(Model):
    """A dataset that is matched: a national one data is matched against, or one an
    organisation supplies to a shared (regional) matching platform."""

    name: str = Field(description="e.g. 'Police National Computer' or 'Children's social "
                      "care records'.")
    holder: str | None = Field(None, description="Who holds it, e.g. 'Ministry of Justice'. "
                               "A dataset gives its holder, who supplies it, or both.")
    supplied_by: str | None = Field(
        None, description="For a shared matching platform: which organisation supplies it "
        "for matching, e.g. 'Northshire Council' or 'Northshire Police'.")
    matched_with: tuple[str, ...] = Field(
        (), description="The names of the annex's other datasets it is matched with, e.g. "
        "['Police incident records']; printed after its name.")
    purpose: Markdown | None = Field(None, description="What the match shows.")

    @model_validator(mode="after")
    def _said_whose(self) -> MatchedDataset:
        if self.holder is None and self.supplied_by is None:
            raise ValueError("a dataset needs 'holder:' (who holds it), 'supplied_by:' (who "
                             "supplies it for matching), or both")
        return self


class MatchingPlatform(Model):
    """A shared platform the matching is done on, e.g. a combined authority's regional data
    hub, and who runs it."""

    name: str = Field(description="e.g. 'North Region Data Hub'.")
    run_by: str = Field(description="Who runs it, e.g. 'North Combined Authority' or a lead "
                        "council.")
    role: Literal["processor", "joint-controller", "independent-controller"] = Field(
        description="What the organisation that runs it is under data protection law: a "
        "processor (runs it only on the councils' instructions), a joint-controller (decides "
        "with the council why and how the data is matched) or an independent-controller "
        "(decides for itself).")


class MatchingProfiling(Model):
    """Whether the matching profiles people (UK GDPR Art 4(4)): uses their information to
    evaluate or predict things about them, such as which families may need help."""

    applies: bool = Field(description="true if the matching profiles people, false if the "
                          "notice rules it out.")
    description: Markdown | None = Field(
        None, description="What it evaluates or predicts and how, in plain words, e.g. 'The "
        "hub flags families where three or more of the records show a concern.'")
    decisions: Literal["none", "by-people", "solely-automated"] | None = Field(
        None, description="With `applies: true`, what follows from the results: none (no "
        "decision about anyone is made from them); by-people (a worker looks at each result "
        "and decides); solely-automated (some decisions with legal or similarly significant "
        "effects are made from them with no meaningful human involvement: UK GDPR Arts "
        "22A to 22D, which the notice's `automated_decisions:` must then say).")

    @model_validator(mode="after")
    def _decisions_when_profiled(self) -> MatchingProfiling:
        if self.applies and self.decisions is None:
            raise ValueError("profiling needs 'decisions:' (none, by-people or "
                             "solely-automated): whether decisions follow from it, and how")
        if not self.applies and self.decisions is not None:
            raise ValueError("'decisions:' says what follows from profiling, and 'applies: "
                             "false' says there is none; remove it")
        return self


class DataMatching(Model):
    """A data-matching programme annex: a national impact study, or matching on a shared
    regional platform."""

    id: Slug = Field(description="Short id sections use to show its parts, e.g. 'nis'.")
    name: str = Field(description="Name of the programme or study.")
    purpose: Markdown | None = Field(None, description="What it is for.")
    criteria_intro: Markdown | None = Field(None, description="e.g. 'If your family has two "
                                            "or more of the following problems...'.")
    criteria: tuple[Markdown, ...] = Field((), description="The inclusion criteria.")
    criteria_minimum: int | None = Field(
        None, ge=1, description="How many criteria must be met, e.g. 2 for 'two or more'.")
    data_sent: tuple[str, ...] = Field((), description="What is sent, item by item.")
    processor: str | None = Field(
        None, description="Who does the matching, e.g. 'ONS' (not printed by any block: "
        "say it in a section's words, or give `platform:` instead).")
    platform: MatchingPlatform | None = Field(
        None, description="The shared platform the matching is done on and who runs it, "
        "printed before the datasets (show: matching-datasets).")
    datasets: tuple[MatchedDataset, ...] = Field((), description="Datasets matched.")
    profiling: MatchingProfiling | None = Field(
        None, description="Whether the matching profiles people and whether decisions "
        "follow (show: matching-profiling).")
    retention: tuple[RetentionRule, ...] = Field(
        (), description="Retention and destruction: one rule each for the data sent, the "
        "matched data and the results (e.g. 'records: The list of families found').")
    legal_bases: tuple[LegalReference, ...] = Field((), description="Law it relies on.")
    contact: Contact | None = Field(None, description="Who to contact about it.")
    contact_intro: Markdown | None = Field(
        None, description="The words before the contact's name and email.")

    @model_validator(mode="after")
    def _one_runner(self) -> DataMatching:
        if self.processor is not None and self.platform is not None:
            raise ValueError("give 'platform:' (which says who runs it, and as what) or "
                             "'processor:', not both")
        names = [d.name for d in self.datasets]
        for dataset in self.datasets:
            for name in dataset.matched_with:
                if name not in names:
                    near = difflib.get_close_matches(name, names, 1)
                    raise ValueError(
                        f"the 'matched_with:' of {dataset.name!r} names {name!r}, which is not "
                        "one of this annex's datasets" + (f": did you mean {near[0]!r}?" if near
                                                          else ": give its 'name:' exactly"))
        return self
