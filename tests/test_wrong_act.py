"""A section cited against the wrong Act or year (issue 27 item 5): the s.11 safeguarding
duty as 'section 11 of the Children Act 1989' is 'words-disagree-with-act', naming the
Act it is in; the right citation passes. In prose and in a reference's own words."""

from __future__ import annotations

import pytest
from test_lint import COMPLETE, edit
from test_lint_prose import findings


def _prose(words: str) -> str:
    return edit(COMPLETE, "to give your family help\n", f"{words}\n")


@pytest.mark.slow
@pytest.mark.parametrize(("wrong", "right", "meant"), [
    ("agencies safeguard children under section 11 of the Children Act 1989",
     "agencies safeguard children under section 11 of the Children Act 2004",
     "Children Act 2004, s.11"),
    ("we work with partners under s.10 Children Act 1989",
     "we work with partners under s.10 Children Act 2004", "Children Act 2004, s.10"),
    ("we make enquiries under section 47 of the Children Act 2004",
     "we make enquiries under section 47 of the Children Act 1989", "Children Act 1989, s.47"),
])
def test_a_section_in_the_wrong_act_names_the_right_one(project, wrong: str, right: str,
                                                        meant: str) -> None:
    found = [p for p in findings(project, _prose(wrong)) if p.code == "words-disagree-with-act"]
    assert len(found) == 1 and found[0].fix == f"write '{meant}'", found
    assert "words-disagree-with-act" not in {p.code for p in findings(project, _prose(right))}


def test_the_words_of_a_reference_in_the_wrong_act_are_a_finding(project) -> None:
    doc = edit(COMPLETE, "  - provision: ca1989-s17\n", "  - provision: ca1989-s17\n"
               "  - provision: ca2004-s11\n    cited_as: Section 11 of the Children Act 1989\n")
    codes = [p.code for p in findings(project, doc)]
    assert codes.count("words-disagree-with-act") == 1
