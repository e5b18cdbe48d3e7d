"""The law of Wales in the registry, with its extent: an English council citing a Wales-only
Act is told so, and a Welsh council citing an England-only duty is told the Welsh provision
by name (issue 27 item 1); each wrong case has its correct twin beside it."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import REPO
from test_lint import COMPLETE, edit
from test_lint_prose import WALES, findings, one

from pause_docs.source.loading import load_project


def _prose(words: str, published: str = "2026-07-01") -> str:
    return edit(edit(COMPLETE, "2026-07-01", published), "to give your family help\n",
                f"{words}\n")


def _by_id(provision: str) -> str:
    return edit(COMPLETE, "  - provision: ca1989-s17\n",
                f"  - provision: ca1989-s17\n  - provision: {provision}\n")


def test_the_english_safeguarding_duty_in_wales_names_section_28(project) -> None:
    doc = _prose("partners safeguard children under section 11 of the Children Act 2004")
    found = one(findings(project, doc, council=WALES), "wrong-nation")
    assert found.fix == "cite Children Act 2004, s.28, which applies in Wales, instead"
    assert "England only" in found.message
    assert "wrong-nation" not in {p.code for p in findings(project, doc)}


def test_section_28_in_wales_is_right_and_in_england_is_wrong_nation(project) -> None:
    doc = _prose("partners safeguard children under section 28 of the Children Act 2004")
    assert "wrong-nation" not in {p.code for p in findings(project, doc, council=WALES)}
    english = one(findings(project, doc), "wrong-nation")
    assert english.fix == "cite Children Act 2004, s.11, which applies in England, instead"


def test_co_operation_in_wales_is_section_25(project) -> None:
    welsh = one(findings(project, _by_id("ca2004-s10"), council=WALES), "wrong-nation")
    assert welsh.fix == "cite Children Act 2004, s.25, which applies in Wales, instead"
    assert "wrong-nation" not in {p.code for p in findings(project, _by_id("ca2004-s25"),
                                                           council=WALES)}


@pytest.mark.slow
def test_a_wales_only_act_cited_by_an_english_council_is_wrong_nation(project) -> None:
    for words in ("we report children at risk under section 130 of the Social Services and "
                  "Well-being (Wales) Act 2014",
                  "we plan support under the Additional Learning Needs and Education Tribunal "
                  "(Wales) Act 2018",
                  "we publish in Welsh under the Welsh Language (Wales) Measure 2011",
                  "we work to the Well-being of Future Generations (Wales) Act 2015"):
        doc = _prose(words)
        assert "wrong-nation" in {p.code for p in findings(project, doc)}, words
        assert {p.code for p in findings(project, doc, council=WALES)} & {
            "wrong-nation", "misnamed-instrument", "nonexistent-instrument"} == set(), words


def test_section_17_in_wales_after_april_2016_names_the_welsh_duty(project) -> None:
    doc = _prose("we help children in need under section 17 of the Children Act 1989")
    welsh = one(findings(project, doc, council=WALES), "disapplied-when-published")
    assert "Social Services and Well-being (Wales) Act 2014, s.15" in welsh.fix
    assert "disapplied-when-published" not in {p.code for p in findings(project, doc)}
    before = _prose("we help children in need under section 17 of the Children Act 1989",
                    "2015-07-01")
    codes = {p.code for p in findings(project, before, council=WALES,
                                      as_of=dt.date(2015, 8, 1))}
    assert "disapplied-when-published" not in codes


def test_a_welsh_children_and_young_peoples_plan_after_2016_is_repealed(project) -> None:
    doc = _prose("we plan under section 26 of the Children Act 2004")
    found = one(findings(project, doc, council=WALES), "repealed-when-published")
    assert "Well-being of Future Generations (Wales) Act 2015" in found.fix


def test_every_welsh_instrument_has_its_address_and_grade() -> None:
    registry = load_project(REPO).registry
    for ident in ("sswba2014", "alnet2018", "wfg2015", "wlm2011"):
        instrument = registry.instruments[ident]
        assert instrument.url.startswith("https://www.legislation.gov.uk/")
        assert instrument.evidence in ("P", "R", "S", "U")
        whole = registry.provisions[ident]
        assert whole.nations == ("wales",)
