"""DPIA screening: what the processing's description shows (from a notice's structured data or
the screening's own `processing:`), the criteria that follow from it, and the rules of the
registry's lists applied to the criteria met.  Values in, values out; nothing is printed."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from ..source.errors import Location
from ..source.loader import Path_
from ..source.models import CriteriaSet, Criterion, DpiaScreening, Notice
from ..source.models.dpia import FACTS, Fact, Processing
from ..source.registry import Registry
from ..source.resolved import ResolvedDocument


@dataclass(frozen=True)
class Finding:
    """Something the description says, and where it says it."""

    text: str
    location: Location


@dataclass(frozen=True)
class Facts:
    """What the description shows: facts that hold (with where), and facts it rules out."""

    met: dict[Fact, tuple[Finding, ...]] = field(default_factory=dict)
    ruled_out: dict[Fact, tuple[Finding, ...]] = field(default_factory=dict)

    def state(self, fact: Fact) -> Literal["met", "ruled-out", "unknown"]:
        if self.met.get(fact):
            return "met"
        return "ruled-out" if fact in self.ruled_out else "unknown"


_FEATURES: tuple[tuple[Fact, str, str, str], ...] = (
    ("large-scale", "large_scale", "the processing is on a large scale",
     "the processing is not on a large scale"),
    ("new-technology", "new_technology", "the processing uses new technology",
     "the processing uses no new technology"),
    ("automated-decisions", "automated_decisions", "decisions are made by automated means",
     "no decision is made by automated means"),
    ("systematic-monitoring", "systematic_monitoring", "people are systematically monitored",
     "nobody is systematically monitored"),
    ("invisible-processing", "invisible_processing", "people are not told of the processing",
     "people are told of the processing"),
    ("data-matching", "data_matching", "data from several sources is matched or combined",
     "no data is matched or combined"),
)


def facts_of(doc: ResolvedDocument) -> Facts | None:
    """The facts a DPIA screening's notice and its own description show, or None when it has
    neither (every answer is then a person's)."""
    model = doc.model
    if not isinstance(model, DpiaScreening):
        return None
    parts = []
    notice = doc.notice
    if notice is not None and isinstance(notice.model, Notice):
        parts.append(_facts(notice.model, notice.provenance.source.locate))
    if model.processing is not None:
        parts.append(_facts(model.processing, lambda p: doc.provenance.locate(("processing", *p))))
    if not parts:
        return None
    met: dict[Fact, tuple[Finding, ...]] = {f: () for f in FACTS}
    ruled_out: dict[Fact, tuple[Finding, ...]] = {f: () for f in FACTS}
    for part in parts:
        for fact in FACTS:
            met[fact] += part.met.get(fact, ())
            ruled_out[fact] += part.ruled_out.get(fact, ())
    return Facts(met, {f: found for f, found in ruled_out.items() if found and not met[f]})


def _facts(model: Notice | Processing, locate: Callable[[Path_], Location]) -> Facts:
    """One description's facts; a list it gives (categories, subjects) rules out the flags
    none of its items carries, a feature stated as not applying rules that one out."""
    found: dict[Fact, list[Finding]] = {fact: [] for fact in FACTS}
    ruled_out: dict[Fact, tuple[Finding, ...]] = {}
    for i, category in enumerate(model.data_categories):
        if category.special_category:
            found["special-category-data"].append(Finding(
                f"data category '{category.name}' is special category data",
                locate(("data_categories", i, "special_category"))))
        if category.criminal_offence:
            found["criminal-offence-data"].append(Finding(
                f"data category '{category.name}' is criminal offence data",
                locate(("data_categories", i, "criminal_offence"))))
    if model.data_categories:
        where = locate(("data_categories",))
        ruled_out["special-category-data"] = (Finding(
            "no data category is special category data", where),)
        ruled_out["criminal-offence-data"] = (Finding(
            "no data category is criminal offence data", where),)
    for i, subject in enumerate(model.data_subjects):
        if subject.children:
            found["children"].append(Finding(
                f"data subjects '{subject.name}' include children",
                locate(("data_subjects", i, "children"))))
        if subject.vulnerable:
            found["vulnerable-people"].append(Finding(
                f"data subjects '{subject.name}' are vulnerable",
                locate(("data_subjects", i, "vulnerable"))))
    if model.data_subjects:
        where = locate(("data_subjects",))
        ruled_out["children"] = (Finding("no group of data subjects includes children",
                                         where),)
        ruled_out["vulnerable-people"] = (Finding("no group of data subjects is vulnerable",
                                                  where),)
    if isinstance(model, Notice):
        for i, matching in enumerate(model.data_matching):
            found["data-matching"].append(Finding(
                f"data matching: '{matching.name}'", locate(("data_matching", i, "name"))))
        # a notice describes every data matching it does, in an annex of its own
        ruled_out["data-matching"] = (Finding("the notice describes no data matching",
                                              locate(())),)
    for fact, name, text, negation in _FEATURES:
        feature = getattr(model, name, None)
        if feature is None or isinstance(feature, tuple):
            continue
        if feature.applies:
            found[fact].append(Finding(text, locate((name, "applies"))))
        else:
            ruled_out[fact] = (Finding(negation, locate((name, "applies"))),)
    return Facts({f: tuple(v) for f, v in found.items()}, ruled_out)


def derive(criterion: Criterion, facts: Facts) -> tuple[bool | None, tuple[Finding, ...]]:
    """Whether the facts show the criterion met (True, with the findings), rule it out
    (False), or cannot say (None)."""
    rule = criterion.derived_from
    if rule is None:
        return None, ()
    states_all = [facts.state(f) for f in rule.all_of]
    states_any = [facts.state(f) for f in rule.any_of]
    if "ruled-out" in states_all or (states_any and all(s == "ruled-out" for s in states_any)):
        out = [f for f in rule.all_of if facts.state(f) == "ruled-out"][:1] or list(rule.any_of)
        return False, tuple(x for f in out for x in facts.ruled_out.get(f, ()))
    if all(s == "met" for s in states_all) and (not states_any or "met" in states_any):
        findings = [x for f in (*rule.all_of, *rule.any_of) for x in facts.met.get(f, ())]
        return True, tuple(findings)
    return None, ()


# --- the registry's lists and their rules ---------------------------------------------------

@dataclass(frozen=True)
class CriterionResult:
    """A criterion: met or not, and whether it counts for its list."""

    criterion: Criterion
    met: bool
    waiting_for: str | None = None  # met, but counts only with a criterion of this list
    evidenced_by: tuple[str, ...] = ()
    """The questions whose answers show it met."""

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


def apply_lists(met: dict[str, tuple[str, ...]], registry: Registry) -> tuple[SetResult, ...]:
    """Each registry list's rule applied to the criteria met (criterion id -> the questions
    that show it); an ICO item needing another criterion waits until one of that list is
    met, its own counterpart aside."""
    sets = []
    lists = registry.criteria_sets
    for criteria_set in lists.values():
        results = []
        for criterion in criteria_set.criteria:
            is_met = criterion.id in met
            waiting = None
            other = criterion.needs_another_from
            if is_met and other is not None and other in lists and not any(
                    c.id in met for c in lists[other].criteria if c.id != criterion.counterpart):
                waiting = other
            results.append(CriterionResult(criterion, is_met, waiting, met.get(criterion.id, ())))
        sets.append(SetResult(criteria_set, tuple(results)))
    return tuple(sets)


def criteria_met(pairs: Iterable[tuple[str, Iterable[str]]]) -> dict[str, tuple[str, ...]]:
    """Criterion id -> the question ids evidencing it, from (question id, criteria) pairs."""
    found: dict[str, list[str]] = {}
    for question, criteria in pairs:
        for criterion in criteria:
            found.setdefault(criterion, []).append(question)
    return {c: tuple(q) for c, q in found.items()}
