"""A party that keeps the data with no retention period or criteria is a finding (issue 27
item 11): a joint or independent controller the notice names, with no retention rule for it;
not a processor (kept as the council instructs) nor a plain recipient (a disclosure)."""

from __future__ import annotations

import pytest
from test_lint import COMPLETE, edit
from test_lint_prose import findings

from pause_docs.source.errors import Problem

CODE = "party-without-retention"
RULE = "  - rule: We keep records for two years.\n"


def _notice(role: str, *edits: tuple[str, str], purpose: str | None = None) -> str:
    doc = edit(COMPLETE, "  - name: Police\n", "  - name: Police\n    role: "
               f"{role}\n" + (f"    purpose: {purpose}\n" if purpose else ""))
    for old, new in edits:
        doc = edit(doc, old, new)
    return doc


def _found(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.code == CODE]


@pytest.mark.parametrize(("role", "said"), [
    ("joint-controller", "a joint controller, which decides with the council"),
    ("independent-controller", "an independent controller, which decides for itself"),
])
def test_a_controller_of_its_own_with_no_retention_is_a_warning(project, role: str,
                                                                said: str) -> None:
    (found,) = _found(findings(project, _notice(role)))
    assert found.severity == "warning"
    assert found.message.startswith(f"Police is {said}")
    assert found.location.line == COMPLETE.splitlines().index("  - name: Police") + 2


@pytest.mark.parametrize("role", ["processor", "recipient"])
def test_a_processor_or_a_plain_recipient_needs_none(project, role: str) -> None:
    assert _found(findings(project, _notice(role))) == []


@pytest.mark.parametrize("rule", [
    "  - records: Records the police keep\n    rule: The police keep them for six years.\n",
    "  - rule: The Police keep what we send under their own retention schedule.\n",
    "  - records: Shared with the police\n    period: six years\n    rule: Six years.\n",
])
def test_a_retention_rule_naming_it_is_enough(project, rule: str) -> None:
    doc = _notice("independent-controller", (RULE, RULE + rule))
    assert _found(findings(project, doc)) == []


def test_its_own_words_saying_how_long_it_keeps_the_data_are_enough(project) -> None:
    kept = _notice("joint-controller", purpose="runs the service with us and keeps its "
                   "records until the child is 25")
    assert _found(findings(project, kept)) == []
    silent = _notice("joint-controller", purpose="runs the service with us until 2027")
    assert len(_found(findings(project, silent))) == 1


def test_a_vague_rule_for_it_is_one_finding_not_two(project) -> None:
    doc = _notice("joint-controller",
                  (RULE, RULE + "  - rule: The police keep it for as long as necessary.\n"))
    codes = [p.code for p in findings(project, doc)]
    assert CODE not in codes and codes.count("retention-without-period") == 1


def test_a_party_the_page_never_names_is_left_to_other_findings(project) -> None:
    hidden = _notice("independent-controller", ("  - show: recipients\n", ""))
    assert _found(findings(project, hidden)) == []


def test_retention_not_shown_is_left_to_its_own_finding(project) -> None:
    codes = [p.code for p in findings(project, _notice("joint-controller",
                                                       ("  - show: retention\n", "")))]
    assert CODE not in codes and "retention-not-shown" in codes
