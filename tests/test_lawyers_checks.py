"""The checks a data-protection lawyer makes first (issue 27 items 8 and 10), each wrong case
beside its correct twin: every Art 9(2) condition that DPA 2018 s.10 ties to a Schedule 1
condition is checked for one; criminal offence data listed as special category data is an
error, in the structured categories and in prose."""

from __future__ import annotations

import pytest
from test_lint import COMPLETE, edit
from test_lint_prose import findings


def _with(reference: str) -> str:
    return edit(COMPLETE, "  - provision: ca1989-s17\n",
                f"  - provision: ca1989-s17\n  - {reference}\n")


@pytest.mark.slow
@pytest.mark.parametrize("point", ["b", "h", "i", "j"])
def test_an_art_9_condition_needing_schedule_1_part_1_is_checked(project, point: str) -> None:
    alone = _with(f"provision: ukgdpr-art9-2-{point}")
    assert "condition-not-named" in {p.code for p in findings(project, alone)}


def test_art_9_2_h_with_its_part_1_condition_passes(project) -> None:
    doc = _with("provision: ukgdpr-art9-2-h\n    schedule_1:\n      provision: "
                "[dpa2018-s10-2, dpa2018-sch1-p2]")
    assert "condition-not-named" not in {p.code for p in findings(project, doc)}


CATEGORY = "  - name: contact details\n"


def test_convictions_marked_special_category_are_an_error(project) -> None:
    wrong = edit(COMPLETE, CATEGORY, CATEGORY + "  - name: Criminal convictions\n"
                 "    special_category: true\n")
    found = [p for p in findings(project, wrong)
             if p.code == "criminal-offence-as-special-category"]
    assert len(found) == 1 and found[0].severity == "error"
    right = edit(COMPLETE, CATEGORY, CATEGORY + "  - name: Criminal convictions\n"
                 "    criminal_offence: true\n")
    assert "criminal-offence-as-special-category" not in {
        p.code for p in findings(project, right)}


@pytest.mark.slow
def test_prose_listing_offences_among_special_categories_is_an_error(project) -> None:
    wrong = edit(COMPLETE, "to give your family help\n",
                 "the special category data we hold includes health, ethnicity and criminal "
                 "convictions\n")
    assert "criminal-offence-as-special-category" in {p.code for p in findings(project, wrong)}
    right = edit(COMPLETE, "to give your family help\n",
                 "we hold special category data (health, ethnicity) and, separately, "
                 "criminal offence data (Article 10)\n")
    assert "criminal-offence-as-special-category" not in {
        p.code for p in findings(project, right)}
