"""DPIA screening: answer every criterion from a notice's structured data or a person's
answer, then apply each list's rule.  Values in, values out; nothing is read or printed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .errors import Location
from .models import CriteriaSet, Criterion, DpiaScreening, Notice
from .models.dpia import FACTS, Fact
from .registry import Registry
from .resolved import ResolvedDocument


@dataclass(frozen=True)
class Finding:
    """Something the notice says, and where it says it."""

    text: str
    location: Location


@dataclass(frozen=True)
class CriterionResult:
    """A criterion answered: met or not, how we know, and whether it counts for its list."""

    criterion: Criterion
    met: bool
    basis: Literal["notice", "answer", "not-recorded"]
    findings: tuple[Finding, ...] = ()
    evidence: str | None = None
    waiting_for: str | None = None  # met, but counts only with a criterion of this list

    @property
    def counts(self) -> bool:
        return self.met and self.waiting_for is None


@dataclass(frozen=True)
class SetResult:
    """One list of criteria answered, and whether its rule requires a full DPIA."""

    criteria_set: CriteriaSet
    results: tuple[CriterionResult, ...]

    @property
    def counted(self) -> tuple[CriterionResult, ...]:
        return tuple(r for r in self.results if r.counts)

    @property
    def fires(self) -> bool:
        needed = 2 if self.criteria_set.rule == "two-or-more" else 1
        return len(self.counted) >= needed


@dataclass(frozen=True)
class Screening:
    """The whole screening: every list answered, and the decision."""

    sets: tuple[SetResult, ...]

    @property
    def full_dpia_required(self) -> bool:
        return any(s.fires for s in self.sets)

    @property
    def fired(self) -> tuple[SetResult, ...]:
        return tuple(s for s in self.sets if s.fires)


def notice_facts(notice: ResolvedDocument) -> dict[Fact, tuple[Finding, ...]]:
    """What the notice's structured data shows, fact by fact, with where each is written."""
    model = notice.model
    assert isinstance(model, Notice)
    at = notice.source.locate
    found: dict[Fact, list[Finding]] = {fact: [] for fact in FACTS}
    for i, category in enumerate(model.data_categories):
        if category.special_category:
            found["special-category-data"].append(Finding(
                f"data category '{category.name}' is special category data",
                at(("data_categories", i, "special_category"))))
        if category.criminal_offence:
            found["criminal-offence-data"].append(Finding(
                f"data category '{category.name}' is criminal offence data",
                at(("data_categories", i, "criminal_offence"))))
    for i, subject in enumerate(model.data_subjects):
        if subject.children:
            found["children"].append(Finding(
                f"data subjects '{subject.name}' include children",
                at(("data_subjects", i, "children"))))
        if subject.vulnerable:
            found["vulnerable-people"].append(Finding(
                f"data subjects '{subject.name}' are vulnerable",
                at(("data_subjects", i, "vulnerable"))))
    for i, matching in enumerate(model.data_matching):
        found["data-matching"].append(Finding(
            f"data matching: '{matching.name}'", at(("data_matching", i, "name"))))
    features: tuple[tuple[Fact, str, str], ...] = (
        ("large-scale", "large_scale", "the processing is on a large scale"),
        ("new-technology", "new_technology", "the processing uses new technology"),
        ("automated-decisions", "automated_decisions", "decisions are made by automated means"),
        ("systematic-monitoring", "systematic_monitoring", "people are systematically monitored"),
    )
    for fact, field_name, text in features:
        feature = getattr(model, field_name)
        if feature is not None and feature.applies:
            found[fact].append(Finding(text, at((field_name, "applies"))))
    return {fact: tuple(items) for fact, items in found.items()}


def _derive(criterion: Criterion, facts: dict[Fact, tuple[Finding, ...]]
            ) -> tuple[bool, tuple[Finding, ...]]:
    rule = criterion.derived_from
    assert rule is not None
    if not all(facts[f] for f in rule.all_of):
        return False, ()
    if rule.any_of and not any(facts[f] for f in rule.any_of):
        return False, ()
    findings = [x for f in rule.all_of for x in facts[f]]
    findings += [x for f in rule.any_of for x in facts[f]]
    return True, tuple(findings)


def screen(screening: DpiaScreening, notice: ResolvedDocument, registry: Registry) -> Screening:
    """Answer every criterion in the registry for this notice; a person's answer wins."""
    facts = notice_facts(notice)
    answers = {a.criterion: a for a in screening.answers}
    answered: dict[str, list[CriterionResult]] = {}
    for criteria_set in registry.criteria_sets.values():
        results = []
        for criterion in criteria_set.criteria:
            answer = answers.get(criterion.id)
            if answer is not None:
                results.append(CriterionResult(criterion, answer.met, "answer",
                                               evidence=answer.evidence))
            elif criterion.derived_from is not None:
                met, findings = _derive(criterion, facts)
                results.append(CriterionResult(criterion, met, "notice", findings))
            else:
                results.append(CriterionResult(criterion, False, "not-recorded"))
        answered[criteria_set.id] = results
    sets = []
    for criteria_set in registry.criteria_sets.values():
        results = []
        for result in answered[criteria_set.id]:
            other = result.criterion.needs_another_from
            counterpart = result.criterion.counterpart
            if result.met and other is not None and not any(
                    r.met for r in answered[other] if r.criterion.id != counterpart):
                result = CriterionResult(result.criterion, result.met, result.basis,
                                         result.findings, result.evidence, other)
            results.append(result)
        sets.append(SetResult(criteria_set, tuple(results)))
    return Screening(tuple(sets))
