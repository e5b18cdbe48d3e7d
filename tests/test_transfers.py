"""Transfers outside the UK (issue 27 item 2): a notice relying on a dead mechanism (the
EU-US Privacy Shield after 16 July 2020, Safe Harbour after 6 October 2015) is an error
whose fix names the mechanisms in use now; the mechanisms in force pass, and the UK data
bridge cited before 12 October 2023 is not yet in force. Each wrong case beside its twin."""

from __future__ import annotations

import datetime as dt

from test_lint import COMPLETE, edit
from test_lint_prose import findings, one


def _prose(words: str, published: str) -> str:
    return edit(edit(COMPLETE, "2026-07-01", published), "to give your family help\n",
                f"{words}\n")


def _codes(project, doc: str, as_of: dt.date) -> set[str]:  # type: ignore[no-untyped-def]
    return {p.code for p in findings(project, doc, as_of=as_of)}


def test_the_privacy_shield_after_schrems_ii_is_an_error_naming_what_to_use(project) -> None:
    doc = _prose("our case system supplier in the US is certified under the EU-US Privacy "
                 "Shield", "2021-03-01")
    found = one(findings(project, doc, as_of=dt.date(2026, 8, 1)), "replaced-when-published")
    assert found.severity == "error"
    assert "16 July 2020" in found.message
    assert "UK Extension to the EU-US Data Privacy Framework" in found.fix
    assert "(DPA 2018, s.119A)" in found.fix


def test_the_privacy_shield_while_it_stood_was_right_then_and_is_out_of_date_now(project
                                                                                 ) -> None:
    doc = _prose("our supplier in the US is certified under the Privacy Shield", "2019-03-01")
    assert "replaced-when-published" not in _codes(project, doc, dt.date(2019, 6, 1))
    assert "replaced-since-published" in _codes(project, doc, dt.date(2026, 8, 1))


def test_safe_harbour_after_2015_is_an_error(project) -> None:
    doc = _prose("our supplier is in the Safe Harbour scheme", "2016-06-01")
    assert "replaced-when-published" in _codes(project, doc, dt.date(2017, 1, 1))


def test_the_uk_data_bridge_and_the_idta_pass(project) -> None:
    for words in ("our US supplier participates in the UK Extension to the EU-US Data Privacy "
                  "Framework", "transfers to our supplier in India are made under the "
                  "International Data Transfer Agreement (IDTA)"):
        codes = _codes(project, _prose(words, "2026-07-01"), dt.date(2026, 8, 1))
        assert not {c for c in codes if c.startswith(("replaced", "not-in-force"))}, words


def test_the_data_bridge_before_it_came_into_force_is_not_in_force(project) -> None:
    doc = _prose("our US supplier participates in the UK Extension to the EU-US Data Privacy "
                 "Framework", "2022-06-01")
    assert "not-in-force-when-published" in _codes(project, doc, dt.date(2022, 8, 1))


def test_a_sentence_saying_the_privacy_shield_is_no_longer_used_passes(project) -> None:
    doc = _prose("we no longer rely on the Privacy Shield; our US supplier participates in "
                 "the UK Extension to the EU-US Data Privacy Framework", "2026-07-01")
    assert not {c for c in _codes(project, doc, dt.date(2026, 8, 1)) if c.startswith("replaced")}
