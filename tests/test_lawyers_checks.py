"""The checks a data-protection lawyer makes first (issue 27 items 8 and 10), each wrong case
beside its correct twin: every Art 9(2) condition that DPA 2018 s.10 ties to a Schedule 1
condition, and Art 10, is checked for one; criminal offence data listed as special category
data is an error, in the structured categories and in prose."""

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


@pytest.mark.parametrize(("schedule_1", "named"), [
    (None, True),  # DPA 2018 s.10(5): Art 10 is met only with a Schedule 1 condition
    ("dpa2018-sch1-p6", False),  # Part 2 (statutory purposes)
])
def test_art_10_needs_a_schedule_1_condition_of_part_1_2_or_3(project, schedule_1: str | None,
                                                              named: bool) -> None:
    with_it = f"\n    schedule_1:\n      provision: {schedule_1}" if schedule_1 else ""
    codes = {p.code for p in findings(project, _with(f"provision: ukgdpr-art10{with_it}"))}
    assert ("condition-not-named" in codes) is named


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


def test_gdpr_in_a_2018_notice_is_right_then_and_out_of_date_now(project) -> None:
    import datetime as dt

    doc = edit(edit(COMPLETE, "2026-07-01", "2018-06-01"), "to give your family help\n",
               "we comply with the GDPR\n")
    then = {p.code for p in findings(project, doc, as_of=dt.date(2019, 1, 1))}
    assert not {c for c in then if c.startswith("former-title")}
    (now,) = [p for p in findings(project, doc, as_of=dt.date(2026, 8, 1))
              if p.code == "former-title-since-published"]
    assert "judged as of 1 August 2026" in now.message and "1 June 2018" in now.message


def test_an_undated_audited_notice_is_judged_as_of_today(tmp_path) -> None:
    import datetime as dt

    from conftest import REPO

    from pause_docs.check.audit import audit_file
    from pause_docs.source.loading import load_project

    registry = load_project(REPO).registry
    file = tmp_path / "notice.txt"
    file.write_text("Privacy notice\n\nWe share it under the Data Protection Act 1998.\n",
                    encoding="utf-8")
    undated = audit_file(file, "notice.txt", registry, nation=None, published=None,
                         as_of=dt.date(2026, 8, 1))
    (found,) = [p for p in undated.problems if p.code.startswith("repealed")]
    assert "judged as of today (1 August 2026)" in found.message
    assert "when this document was published" not in found.message
    dated = audit_file(file, "notice.txt", registry, nation=None,
                       published=dt.date(2019, 1, 1), as_of=dt.date(2026, 8, 1))
    (given,) = [p for p in dated.problems if p.code.startswith("repealed")]
    assert "published on 1 January 2019" in given.message


def _consent_notice(words: str) -> str:
    doc = edit(COMPLETE, "  - provision: ca1989-s17\n", "")
    doc = edit(doc, "  - provision: ukgdpr-art6-1-e\n", "  - provision: ukgdpr-art6-1-a\n")
    doc = edit(doc, "  - right: object\n", "  - right: withdraw-consent\n  - right: portability\n"
               "  - right: erasure\n") if "right: withdraw-consent" not in doc else doc
    return edit(doc, "to give your family help\n", f"{words}\n")


@pytest.mark.slow
@pytest.mark.parametrize(("wrong", "right"), [
    ("to keep children safe we share safeguarding concerns with the police",
     "to keep children safe; joining our parents' group is optional, and saying no does not "
     "affect the help you get"),
    ("to offer early help to your family",
     "to offer early help to your family; taking part is voluntary"),
])
def test_consent_for_statutory_childrens_work_warns_unless_optional(project, wrong: str,
                                                                    right: str) -> None:
    found = [p for p in findings(project, _consent_notice(wrong))
             if p.code == "consent-for-statutory-function"]
    assert len(found) == 1 and "public task" in found[0].fix and "ICO" in found[0].rule
    assert "consent-for-statutory-function" not in {
        p.code for p in findings(project, _consent_notice(right))}
