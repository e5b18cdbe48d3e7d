"""Lint on the law wherever it is written: findings at the words, words that disagree with
their id, fixes right for the council's nation, one finding per mistake, findings inherited
from a programme reported at the document, and the rules of research/legal.md section 7."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import COUNCIL_YAML
from test_lint import COMPLETE, _project, codes, edit

from pause_docs.check.lint import lint_document
from pause_docs.source.errors import Location, Problem
from pause_docs.source.loading import load_project

WALES = COUNCIL_YAML.replace("nation: england", "nation: wales")


def findings(project, document: str, *, council: str = COUNCIL_YAML,
             as_of: dt.date = dt.date(2026, 8, 1), extra: dict[str, str] | None = None
             ) -> list[Problem]:
    root = _project(project, {"councils/example/council.yaml": council,
                              "councils/example/notice.yaml": document, **(extra or {})})
    loaded = load_project(root)
    assert [p for p in loaded.problems if p.severity == "error"] == []
    return lint_document(loaded.documents[0], as_of)


def one(problems: list[Problem], code: str) -> Problem:
    (found,) = [p for p in problems if p.code == code]
    return found


def test_a_mistake_inside_a_folded_block_is_at_its_words(project) -> None:
    doc = edit(COMPLETE, "  - provision: ca1989-s17\n", "  - provision: ca1989-s17\n"
               "    reason: >-\n      The council helps children in need, as the\n"
               "      Childrens Act 1989 says, in its area.\n")
    line = doc.splitlines().index("      Childrens Act 1989 says, in its area.") + 1
    assert one(findings(project, doc), "misnamed-instrument").location == \
        Location("councils/example/notice.yaml", line, 7)


def test_words_citing_another_provision_than_the_id_are_an_error(project) -> None:
    doc = edit(COMPLETE, "  - provision: ukgdpr-art6-1-e\n",
               "  - provision: ukgdpr-art6-1-e\n    cited_as: Article 6(1)(f)\n")
    problem = one(findings(project, doc), "words-disagree-with-provision")
    assert problem.severity == "error" and "'Article 6(1)(f)'" in problem.message
    assert problem.location.line == doc.splitlines().index("    cited_as: Article 6(1)(f)") + 1
    # The rules judge the id; its words are wrong, not the law: one finding, not two.
    assert "legitimate-interests-for-public-task" not in codes(project, doc)
    reason = edit(COMPLETE, "  - provision: ukgdpr-art6-1-e\n", "  - provision: "
                  "ukgdpr-art6-1-e\n    reason: the council's legitimate interests\n")
    assert "words-disagree-with-provision" in codes(project, reason)


def test_words_that_agree_or_name_companion_law_are_not_a_disagreement(project) -> None:
    doc = edit(COMPLETE, "  - provision: ukgdpr-art6-1-e\n", "  - provision: "
               "ukgdpr-art6-1-e\n    cited_as: Article 6(1)(e) of the UK GDPR\n    reason: a "
               "public task, not legitimate interests\n  - provision: ukgdpr-art9-2-g\n"
               "    heading: Article 9(2) UK GDPR\n    reason: safeguarding (Data Protection Act "
               "2018, Schedule 1, paragraph 18); we keep an appropriate policy document\n")
    assert codes(project, doc) == []


@pytest.mark.slow
def test_the_fix_for_a_disapplied_power_is_the_one_for_the_councils_nation(project) -> None:
    doc = edit(edit(COMPLETE, "2026-07-01", "2022-03-01"), "ca1989-s17", "lga2000-s2")
    welsh = one(findings(project, doc, council=WALES), "disapplied-when-published")
    assert welsh.fix == "cite Local Government and Elections (Wales) Act 2021, s.24 instead"
    assert "in Wales" in welsh.message and "1 November 2021" in welsh.message
    english = one(findings(project, doc), "disapplied-when-published")
    assert english.fix == "cite Localism Act 2011, s.1 instead"
    # (s.47, not s.17: in Wales s.17 was replaced by the 2014 Act, a finding of its own)
    prose = edit(edit(edit(COMPLETE, "2026-07-01", "2022-03-01"), "to give your family help\n",
                      "to give help under section 2(5) of the Local Government Act 2000\n"),
                 "ca1989-s17", "ca1989-s47")
    assert one(findings(project, prose, council=WALES), "disapplied-when-published").fix \
        == welsh.fix


def test_a_repealed_dpa_1998_basis_is_told_what_a_notice_now_needs(project) -> None:
    doc = edit(COMPLETE, "to give your family help\n",
               "as Schedules 2 and 3 of the Data Protection Act 1998 allow\n")
    fix = one(findings(project, doc), "repealed-when-published").fix
    assert fix.startswith("cite both an Art 6(1) lawful basis (UK GDPR Art 6(1)(e)) and, for "
                          "special category data, an Art 9(2) condition with its DPA 2018 "
                          "Schedule 1 condition (UK GDPR Art 9(2)(g), with a condition in DPA "
                          "2018 Sch 1 Part 2, or UK GDPR Art 9(2)(h), with a condition in DPA "
                          "2018 Sch 1 Part 1)")


def test_one_mistake_written_twice_is_reported_once_with_both_places(project) -> None:
    doc = edit(edit(COMPLETE, "2026-07-01", "2019-07-01"), "ca1989-s17", "lga2000-s2")
    doc = edit(doc, "to give your family help\n", "under s.2 of the LGA 2000\n")
    problem = one(findings(project, doc), "disapplied-when-published")
    lines = doc.splitlines()
    assert problem.location.line == lines.index("  - description: under s.2 of the LGA 2000") + 1
    also = lines.index("  - provision: lga2000-s2") + 1
    assert problem.message.endswith(f"(also at line {also})")


PROGRAMME = """\
name: Family help
description: Help for families under the Childrens Act 1989.
defaults:
  notice:
    summary: We help families.
"""


def test_a_finding_inherited_from_the_programme_is_reported_at_the_document(project) -> None:
    doc = edit(edit(COMPLETE, "kind: privacy-notice\n", "kind: privacy-notice\n"
                    "programme: family-help\n"), "  - show: summary\n",
               "  - show: programme\n  - show: summary\n")
    problem = one(findings(project, doc, extra={
        "councils/programmes/family-help.yaml": PROGRAMME}), "misnamed-instrument")
    assert problem.location == Location("councils/example/notice.yaml", 2, 1)
    assert problem.message.endswith(
        "(inherited from councils/programmes/family-help.yaml:2:42)")


def test_the_troubled_families_fix_gives_the_names_the_evidence_shows(project) -> None:
    doc = edit(COMPLETE, "name: Police", "name: the Troubled Families programme")
    problem = one(findings(project, doc), "outdated-name-when-published")
    assert problem.fix == ("write 'Supporting Families' [S, its name from 29 March 2021], or "
                           "'Families First Partnership' if it is now known by that name (from "
                           "1 April 2025: unverified, check it)")


def test_gdpr_without_uk_warns_only_after_2020(project) -> None:
    doc = edit(COMPLETE, "to give your family help\n", "as GDPR allows\n")
    assert one(findings(project, doc), "former-title-when-published").fix == "write 'UK GDPR'"
    assert "former-title-when-published" not in codes(
        project, edit(doc, "2026-07-01", "2019-07-01"), as_of=dt.date(2020, 1, 1))
    assert "former-title-when-published" not in codes(
        project, edit(COMPLETE, "to give your family help\n", "as the UK GDPR allows\n"))


def test_a_complaint_route_given_in_prose_counts_as_given(project) -> None:
    doc = edit(edit(COMPLETE, "  to_regulator: You can also complain to the regulator.\n",
                    "  first_step: Ask us.\n"), "  - right: complain-to-regulator\n", "")
    assert "missing-regulator-complaint" in codes(project, doc)
    said = edit(doc, "  - show: further-information\n", "  - show: further-information\n"
                "    text: If you are unhappy you can complain to the Information "
                "Commissioner's Office at ico.org.uk.\n")
    assert "missing-regulator-complaint" not in codes(project, said)


def test_a_dpo_with_no_way_to_reach_them_is_an_error(project) -> None:
    council = COUNCIL_YAML.replace("  email: dpo@example.gov.uk\n", "")
    problem = one(findings(project, COMPLETE, council=council), "dpo-without-contact-details")
    assert problem.severity == "error"
    assert "dpo-without-contact-details" not in codes(project)


def test_retention_only_as_long_as_necessary_warns(project) -> None:
    vague = edit(COMPLETE, "We keep records for two years.", "We keep records for as long as "
                 "necessary.")
    assert "retention-without-period" in codes(project, vague)
    criterion = edit(COMPLETE, "We keep records for two years.", "We keep records for as long "
                     "as necessary, as set out in our retention schedule.")
    assert "retention-without-period" not in codes(project, criterion)
