"""Names written as people write them (issue 27 item 6): curly, modifier and missing
apostrophes, initials with stops, hyphen and dash variants are recognised; a new name used
before the day it took effect is a finding; and a body named as it was called in the year a
sentence tells of is history, not an outdated name (item 13)."""

from __future__ import annotations

import datetime as dt

import pytest
from test_lint import COMPLETE, edit
from test_lint_prose import findings


def _codes(project, words: str, published: str = "2026-07-01",  # type: ignore[no-untyped-def]
           as_of: dt.date = dt.date(2026, 8, 1)) -> set[str]:
    doc = edit(edit(COMPLETE, "2026-07-01", published), "to give your family help\n",
               f"{words}\n")
    return {p.code for p in findings(project, doc, as_of=as_of)}


@pytest.mark.slow
@pytest.mark.parametrize("words", [
    "we help under section 17 of the Children\u2019s Act 1989",
    "we help under section 17 of the Children\u02bcs Act 1989",
    "we help under section 17 of the Childrens Act 1989",
    "we help under section 17 of the Children`s Act 1989",
])
def test_a_misnamed_act_is_caught_however_the_apostrophe_is_typed(project, words: str) -> None:
    assert "misnamed-instrument" in _codes(project, words)


@pytest.mark.slow
@pytest.mark.parametrize("words", [
    "you can complain to the Information Commissioners Office",
    "you can complain to the I.C.O.",
    "you can complain to the Information Commissioners' Office",
])
def test_the_regulator_written_loosely_is_the_regulator(project, words: str) -> None:
    # recognised as the regulator: after its renaming, the old name is out of date
    assert "outdated-name-since-published" in _codes(project, words, "2026-07-01",
                                                       dt.date(2026, 11, 1)), words
    assert "outdated-name-since-published" not in _codes(project, words), words


def test_a_hyphen_variant_of_a_welsh_title_is_the_title(project) -> None:
    words = ("we report under section 130 of the Social Services and Well\u2011being (Wales) "
             "Act 2014")
    assert "wrong-nation" in _codes(project, words)  # recognised: Wales-only, English council


def test_the_new_name_of_the_regulator_before_it_took_effect_is_a_finding(project) -> None:
    assert "name-before-it-took-effect" in _codes(
        project, "you can complain to the Information Commission", "2025-07-01",
        dt.date(2025, 8, 1))
    assert "name-before-it-took-effect" not in _codes(
        project, "you can complain to the Information Commission", "2026-10-15",
        dt.date(2026, 11, 1))


def test_a_department_named_as_it_was_in_the_year_told_of_passes(project) -> None:
    history = "in 2023 the Department for Levelling Up, Housing and Communities funded it"
    assert not {c for c in _codes(project, history, "2025-06-01", dt.date(2025, 7, 1))
                if c.startswith("outdated-name")}
    live = "the Department for Levelling Up, Housing and Communities funds it"
    assert "outdated-name-when-published" in _codes(project, live, "2025-06-01",
                                                    dt.date(2025, 7, 1))
