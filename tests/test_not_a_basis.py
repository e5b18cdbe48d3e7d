"""Instruments that are not lawful bases or gateways (issue 27 item 3): a finding when a
notice gives one as the basis for the processing or sharing, silence when it only mentions
it. Each wrong sentence has its correct twin."""

from __future__ import annotations

import pytest
from test_lint import COMPLETE, edit
from test_lint_prose import findings


def _prose(words: str) -> str:
    return edit(COMPLETE, "to give your family help\n", f"{words}\n")


WRONG = [
    "The legal basis for sharing your information is the Data Protection Act 2018.",
    "We share your information under the Human Rights Act 1998.",
    "Our lawful basis is the Freedom of Information Act 2000.",
    "We share it in line with the Caldicott principles.",
    "We rely on Article 8 of the European Convention on Human Rights to share it.",
]
RIGHT = [
    "We follow the Data Protection Act 2018 when we use your information.",
    "You can ask for council information under the Freedom of Information Act 2000.",
    "Your right to privacy is protected by the Human Rights Act 1998.",
    "Our Caldicott Guardian makes sure we follow the Caldicott principles.",
    "Our legal basis is public task, and the Data Protection Act 2018 sets the rules we follow.",
]


@pytest.mark.slow
@pytest.mark.parametrize("words", WRONG)
def test_an_instrument_given_as_the_basis_is_a_finding(project, words: str) -> None:
    found = [p for p in findings(project, _prose(words)) if p.code == "not-a-lawful-basis"]
    assert len(found) == 1, words
    assert found[0].severity == "error" and "Art 6(1)" in found[0].fix


@pytest.mark.slow
@pytest.mark.parametrize("words", RIGHT)
def test_an_instrument_only_mentioned_is_not(project, words: str) -> None:
    codes = {p.code for p in findings(project, _prose(words))}
    assert "not-a-lawful-basis" not in codes, words


def test_the_dpa_alone_by_id_is_a_finding_and_with_the_uk_gdpr_is_not(project) -> None:
    alone = edit(COMPLETE, "  - provision: ca1989-s17\n",
                 "  - provision: ca1989-s17\n  - provision: dpa2018\n")
    assert "not-a-lawful-basis" in {p.code for p in findings(project, alone)}
    together = edit(COMPLETE, "  - provision: ca1989-s17\n",
                    "  - provision: ca1989-s17\n  - provision: [ukgdpr, dpa2018]\n")
    assert "not-a-lawful-basis" not in {p.code for p in findings(project, together)}
