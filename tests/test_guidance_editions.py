"""Every edition of the guidance councils cite, each superseded by the next (issue 27 item 4):
'Working Together 2015' in a 2019 notice is caught, and the same words in a 2016 notice pass;
Keeping Children Safe in Education likewise."""

from __future__ import annotations

import datetime as dt

import pytest
from test_lint import COMPLETE, edit
from test_lint_prose import findings


def _codes(project, words: str, published: str) -> set[str]:  # type: ignore[no-untyped-def]
    doc = edit(edit(COMPLETE, "2026-07-01", published), "to give your family help\n",
               f"{words}\n")
    year = int(published[:4])
    return {p.code for p in findings(project, doc, as_of=dt.date(year, 12, 31))}


@pytest.mark.slow
@pytest.mark.parametrize(("words", "late", "in_time"), [
    ("we follow Working Together to Safeguard Children 2010", "2014-01-10", "2012-01-10"),
    ("we follow Working Together 2013", "2016-01-10", "2014-01-10"),
    ("we follow Working Together 2015", "2019-01-10", "2016-01-10"),
    ("we follow Working Together to Safeguard Children 2018", "2024-03-01", "2019-01-10"),
    ("schools follow Keeping Children Safe in Education 2022", "2024-06-01", "2022-10-01"),
])
def test_an_edition_after_the_next_one_is_superseded(project, words: str, late: str,
                                                      in_time: str) -> None:
    assert "superseded-when-published" in _codes(project, words, late)
    assert not {c for c in _codes(project, words, in_time) if c.startswith("superseded")}


def test_the_fix_names_the_next_edition(project) -> None:
    doc = edit(edit(COMPLETE, "2026-07-01", "2019-01-10"), "to give your family help\n",
               "we follow Working Together 2015\n")
    (found,) = [p for p in findings(project, doc, as_of=dt.date(2019, 6, 1))
                if p.code == "superseded-when-published"]
    assert found.fix == "cite Working Together to Safeguard Children 2018 instead"
    assert "4 July 2018" in found.message
