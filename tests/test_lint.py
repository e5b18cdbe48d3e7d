"""`pause-docs lint` and `where-used`: every rule fails on a mistake and passes on the fix;
the bundled documents give exactly the findings they should."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import COUNCIL_YAML, REPO, build_tree

from pause_docs.check.lint import lint_document, lint_project
from pause_docs.check.lint.readability import THRESHOLD, reading_ease
from pause_docs.cli import main
from pause_docs.source.errors import Location, Problem
from pause_docs.source.loading import load_project

TODAY = dt.date(2026, 11, 21)

# A notice with every checklist item; each test changes one thing in it.
COMPLETE = """\
kind: privacy-notice
title: Help for families
published: 2026-07-01
summary: We use what we know about you to give your family help.
purposes:
  - description: to give your family help
data_categories:
  - name: contact details
sources:
  - name: your school
recipients:
  - name: Police
retention:
  - rule: We keep records for two years.
legal_bases:
  - provision: ukgdpr-art6-1-e
  - provision: ca1989-s17
rights:
  - right: access
  - right: object
  - right: complain-to-controller
  - right: complain-to-regulator
complaints:
  to_regulator: You can also complain to the regulator.
sections:
  - show: summary
  - show: purposes
  - show: data-categories
  - show: sources
  - show: recipients
  - show: retention
  - show: legal-bases
  - show: rights
  - show: complaints
  - show: dpo
  - show: further-information
"""


def codes(project, document: str = COMPLETE, *, council: str = COUNCIL_YAML,
          as_of: dt.date = dt.date(2026, 8, 1)) -> list[str]:
    """The codes lint gives for `document`, which must load without errors."""
    root = _project(project, {"councils/example/council.yaml": council,
                              "councils/example/notice.yaml": document})
    loaded = load_project(root)
    assert [p for p in loaded.problems if p.severity == "error"] == []
    return sorted(p.code for p in lint_document(loaded.documents[0], as_of))


def _project(project, files: dict[str, str]) -> Path:
    """The test's project, made on first use and rewritten after."""
    if not hasattr(project, "root"):
        project.root = project(files)
    return build_tree(project.root, files)


def edit(document: str, old: str, new: str) -> str:
    assert old in document, old
    return document.replace(old, new)


def test_a_complete_notice_has_no_findings(project) -> None:
    assert codes(project) == []


# --- the bundled documents -----------------------------------------------------------------

BUNDLED = {
    "councils/lambeth/scoping-2017.yaml": [
        "before-uk-gdpr", "disapplied-when-published", "misnamed-instrument",
        "repealed-since-published"],
    "councils/oxfordshire/pause-privacy-notice.yaml": [
        "disapplied-when-published", "misnamed-instrument", "missing-lawful-basis",
        "not-a-lawful-basis", "outdated-name-since-published",
        "special-category-without-condition", "undated-notice"],
    # Art 9(2)(g), and Art 10 with only 'the DPA 2017': no Schedule 1 condition named
    "councils/cambridgeshire/childrens-safeguarding-privacy-notice.yaml": [
        "condition-not-named", "condition-not-named", "former-title-since-published",
        "hard-to-read",
        "nonexistent-instrument",
        "nonexistent-instrument", "outdated-name-since-published",
        "outdated-name-since-published", "policy-document-not-mentioned",
        "renamed-since-published", "retired-email-since-published", "right-does-not-apply",
        "superseded-since-published", "undated-notice"],
    "councils/example-council/family-help-privacy-notice.yaml": [
        "former-title-when-published", "hard-to-read", "missing-controller-contact",
        "missing-dpo-contact", "missing-regulator-complaint", "missing-retention",
        "missing-rights", "outdated-name-when-published", "policy-document-not-mentioned",
        "undated-notice"],
    "councils/middlesbrough/north-east-pause-screening.yaml": ["superseded-since-published"],
    "councils/lambeth/scoping-2026.yaml": [],
    "councils/oxfordshire/pause-dpia-screening.yaml": [],
    # the form's words name the ICO, renamed since; the review date of 2019 has passed
    "councils/oxfordshire/pause-dpia.yaml": ["renamed-since-published", "review-date-passed"],
    "councils/oxfordshire/pause-equality-screening.yaml": [],
    "councils/oxfordshire/pause-equality-impact-assessment.yaml": [],
    "councils/cambridgeshire/childrens-safeguarding-young-people.yaml": [],
    "councils/brackenford/childrens-services-privacy-notice.yaml": [],
    "councils/brackenford/youth-justice-privacy-notice.yaml": [],
    # the Welsh registry texts it prints (13 entries) and the locale, not yet reviewed
    "councils/glanyrafon/pause-privacy-notice.yaml": ["translation-unreviewed"] * 14,
}


def bundled_findings(as_of: dt.date = TODAY) -> dict[str, list[Problem]]:
    project = load_project(REPO)
    assert project.problems == []
    return {doc.path: lint_document(doc, as_of) for doc in project.documents}


def test_bundled_documents_give_exactly_their_findings() -> None:
    found = bundled_findings()
    assert {path: sorted(p.code for p in problems) for path, problems in found.items()} == BUNDLED


def test_lambeth_findings_carry_their_dates() -> None:
    found = {p.code: p for p in bundled_findings()["councils/lambeth/scoping-2017.yaml"]}
    dpa = found["repealed-since-published"]
    assert "Data Protection Act 1998" in dpa.message and "1 February 2017" in dpa.message
    assert "repealed on 25 May 2018" in dpa.message and dpa.severity == "error"
    lga = found["disapplied-when-published"]
    assert "disapplied on 4 April 2012" in lga.message and "in England" in lga.message
    assert lga.fix == "cite Localism Act 2011, s.1 instead"
    assert "SI 2012/1008" in lga.rule
    assert found["misnamed-instrument"].fix == "write 'Children Act 2004'"


def test_cambridgeshire_findings_name_the_acts_programme_department_and_address() -> None:
    found = bundled_findings()["councils/cambridgeshire/childrens-safeguarding-privacy-notice.yaml"]
    text = "\n".join(p.message for p in found)
    assert "'Children and Families Act 2017'" in text and "'DPA 2017'" in text
    assert "'Supporting Families' on 29 March 2021" in text
    assert "'Department for Levelling Up, Housing and Communities' on 19 September 2021" in text
    assert "dataprotection@communities.gsi.gov.uk" in text


def test_the_department_name_was_outdated_between_renames() -> None:
    found = bundled_findings(dt.date(2023, 1, 1))
    cambs = found["councils/cambridgeshire/childrens-safeguarding-privacy-notice.yaml"]
    department = [p for p in cambs if "MHCLG" in p.message or "Ministry" in p.message]
    assert [p.code for p in department] == ["outdated-name-since-published"]
    assert "19 September 2021" in department[0].message


def test_lambeth_as_of_before_the_repeal_does_not_report_the_dpa_1998() -> None:
    found = bundled_findings(dt.date(2017, 2, 28))["councils/lambeth/scoping-2017.yaml"]
    assert "repealed-since-published" not in {p.code for p in found}
    assert "disapplied-when-published" in {p.code for p in found}


# --- currency ------------------------------------------------------------------------------

def test_repealed_law_is_reported_as_out_of_date_since_publication(project) -> None:
    doc = edit(edit(COMPLETE, "2026-07-01", "2017-03-01"), "ca1989-s17", "dpa1998")
    assert "repealed-since-published" in codes(project, doc, as_of=TODAY)
    assert "repealed-since-published" not in codes(project, doc, as_of=dt.date(2018, 1, 1))


def test_repealed_law_in_a_new_notice_was_wrong_when_published(project) -> None:
    assert "repealed-when-published" in codes(project, edit(COMPLETE, "ca1989-s17", "dpa1998"))


@pytest.mark.slow
def test_disapplied_power_depends_on_the_councils_nation(project) -> None:
    doc = edit(COMPLETE, "2026-07-01", "2019-07-01")
    doc = edit(doc, "ca1989-s17", "lga2000-s2")
    assert "disapplied-when-published" in codes(project, doc)
    welsh = COUNCIL_YAML.replace("nation: england", "nation: wales")
    assert "disapplied-when-published" not in codes(project, doc, council=welsh,
                                                     as_of=dt.date(2020, 1, 1))
    assert "disapplied-since-published" in codes(project, doc, council=welsh)


def test_superseded_guidance_is_a_warning(project) -> None:
    doc = edit(edit(COMPLETE, "2026-07-01", "2019-07-01"), "ca1989-s17", "wtsc-2018")
    assert "superseded-since-published" in codes(project, doc)
    assert "superseded-since-published" not in codes(
        project, edit(doc, "wtsc-2018", "wtsc-2023"), as_of=dt.date(2020, 1, 1))


def test_law_not_yet_in_force_when_published(project) -> None:
    doc = edit(COMPLETE, "ukgdpr-art6-1-e", "ukgdpr-art6-1-ea")
    assert "not-in-force-when-published" not in codes(project, doc)
    early = edit(doc, "2026-07-01", "2025-07-01")
    assert "not-in-force-when-published" in codes(project, early)


def test_a_notice_may_go_out_up_to_a_month_before_its_law_applies(project) -> None:
    doc = edit(COMPLETE, "ukgdpr-art6-1-e", "ukgdpr-art6-1-ea")
    ahead = codes(project, edit(doc, "2026-07-01", "2026-01-06"))
    assert "not-in-force-when-published" not in ahead
    assert "not-in-force-when-published" in codes(project, edit(doc, "2026-07-01",
                                                                "2026-01-04"))


def test_a_rule_resting_on_an_unverified_fact_only_warns(project) -> None:
    # The commencement of the Localism Act 2011 s.1 is graded U in the registry.
    doc = edit(edit(COMPLETE, "2026-07-01", "2011-12-01"), "ca1989-s17", "localism2011-s1")
    root = _project(project, {"councils/example/council.yaml": COUNCIL_YAML,
                              "councils/example/notice.yaml": doc})
    found = lint_document(load_project(root).documents[0], TODAY)
    early = [p for p in found if p.code == "not-in-force-when-published"
             and "Localism" in p.message]
    assert [p.severity for p in early] == ["warning"]
    assert "unverified" in early[0].message


def test_law_outside_its_extent_warns(project) -> None:
    welsh = COUNCIL_YAML.replace("nation: england", "nation: wales")
    doc = edit(COMPLETE, "ca1989-s17", "ca2004-s10")
    assert "wrong-nation" in codes(project, doc, council=welsh)
    assert "wrong-nation" not in codes(project, doc)



@pytest.mark.parametrize(("english", "welsh", "expected"), [
    ("as Schedules 2 and 3 of the Data Protection Act 1998 allow",
     "fel y mae Atodlenni 2 a 3 o Ddeddf Diogelu Data 1998 yn caniatáu",
     ["repealed-when-published"]),
    ("relying on Article 6(1)(f)", "gan ddibynnu ar Erthygl 6(1)(f)",
     ["legitimate-interests-for-public-task"]),
    ("under Article 6(1)(e) and section 47 of the Children Act 1989",
     "o dan Erthygl 6(1)(e) ac adran 47 o Ddeddf Plant 1989", []),
    ("as explained in a newspaper article", "fel yr eglurodd erthygl yn y papur newydd", []),
])
def test_law_written_in_welsh_is_judged_as_its_english_twin(project, english: str, welsh: str,
                                                            expected: list[str]) -> None:
    """'Erthygl', 'Atodlen', 'adran' and the Welsh titles of Acts as they mutate ('o Ddeddf
    Diogelu Data 1998'), in a Welsh council's notice, read as their English are."""
    council = COUNCIL_YAML.replace("nation: england", "nation: wales")
    base = edit(COMPLETE, "ca1989-s17", "ca1989-s47")  # s.17 does not extend to Wales
    said = [codes(project, edit(base, "to give your family help\n", f"{words}\n"),
                  council=council) for words in (english, welsh)]
    assert said == [expected, expected]


@pytest.mark.parametrize(("rule", "vague"), [
    ("We keep records for as long as necessary.", True),
    ("Rydym yn cadw cofnodion cyhyd ag y bo angen.", True),
    ("Rydym yn cadw cofnodion cyhyd ag sydd angen.", True),
    ("Byddwn yn cadw’r wybodaeth am gyhyd ag y bo’n angenrheidiol.", True),  # curly, mutated
    # a period or a criterion beside it, in Welsh as in English
    ("Rydym yn cadw cofnodion cyhyd ag y bo angen, fel y nodir yn ein hamserlen gadw.", False),
    ("Rydym yn cadw cofnodion cyhyd ag y bo angen, a dim mwy na chwe blynedd.", False),
    ("Rydym yn cadw cofnodion nes bod y plentyn yn 25 oed.", False),
    ("Cyhyd â bod y gwasanaeth ar agor, gallwch ofyn am gopi.", False),  # not about a need
])
def test_retention_as_long_as_necessary_in_welsh_warns_as_in_english(project, rule: str,
                                                                    vague: bool) -> None:
    doc = edit(COMPLETE, "We keep records for two years.", rule)
    assert ("retention-without-period" in codes(project, doc)) is vague

# --- names ---------------------------------------------------------------------------------

def test_misnamed_act_in_free_text_is_reported_once_with_the_right_name(project) -> None:
    doc = edit(COMPLETE, "to give your family help\n",
               "under the Children's Act 2004 and the Childrens Act 2004\n")
    assert codes(project, doc).count("misnamed-instrument") == 1
    assert "misnamed-instrument" not in codes(
        project, edit(COMPLETE, "to give your family help\n", "under the Children Act 2004\n"))


def test_nonexistent_act_is_reported_once_not_also_as_a_misnomer(project) -> None:
    doc = edit(COMPLETE, "to give your family help\n", "under the Localism Act 2012\n")
    assert [c for c in codes(project, doc) if "instrument" in c] == ["nonexistent-instrument"]
    ok = edit(COMPLETE, "to give your family help\n", "under the Localism Act 2011\n")
    assert [c for c in codes(project, ok) if "instrument" in c] == []


def test_nonexistent_act_in_cited_as_is_reported(project) -> None:
    doc = edit(COMPLETE, "  - provision: ca1989-s17\n",
               "  - provision: cfa2014\n    cited_as: Children and Families Act 2017\n")
    assert "nonexistent-instrument" in codes(project, doc)


@pytest.mark.slow
def test_outdated_department_name_by_date(project) -> None:
    doc = edit(COMPLETE, "name: Police", "name: DCLG")
    assert "outdated-name-when-published" in codes(project, doc)
    old = edit(doc, "2026-07-01", "2017-06-01")
    assert "outdated-name-when-published" not in codes(project, old,
                                                        as_of=dt.date(2017, 12, 1))
    assert "outdated-name-since-published" in codes(project, old, as_of=dt.date(2019, 1, 1))


def test_a_later_name_is_not_outdated_and_lower_case_words_are_not_names(project) -> None:
    doc = edit(COMPLETE, "to give your family help\n",
               "supporting families through Supporting Families\n")
    assert codes(project, edit(doc, "2026-07-01", "2021-06-01"),
                 as_of=dt.date(2022, 1, 1)) == []


def test_regulator_name_after_the_change(project) -> None:
    doc = edit(COMPLETE, "to the regulator.", "to the Information Commissioner's Office.")
    assert "outdated-name-since-published" in codes(project, doc, as_of=TODAY)
    assert "outdated-name-since-published" not in codes(project, doc)


@pytest.mark.parametrize(("words", "published", "said"), [
    # ICO names the regulator before and after it became the Information Commission
    ("the ICO", "2018-07-02", "'ICO' still names the regulator on 7 December 2026, but since "
     "this document was published on 2 July 2018 the regulator became 'Information "
     "Commission' on 30 September 2026: check"),
    # MHCLG, then DLUHC, then MHCLG once more
    ("MHCLG", "2019-06-01", "'MHCLG' is the name of the department again on 7 December "
     "2026, but after this document was published on 1 June 2019 it became"),
])
def test_a_name_kept_through_a_rename_says_still_and_a_name_come_back_says_again(
        project, words: str, published: str, said: str) -> None:
    doc = edit(edit(COMPLETE, "name: Police", f"name: {words}"), "2026-07-01", published)
    root = _project(project, {"councils/example/council.yaml": COUNCIL_YAML,
                              "councils/example/notice.yaml": doc})
    [found] = [p for p in lint_document(load_project(root).documents[0], dt.date(2026, 12, 7))
               if p.code == "renamed-since-published"]
    assert found.message.startswith(said), found.message


@pytest.mark.slow
def test_retired_mail_domain_anywhere_in_the_text(project) -> None:
    doc = edit(COMPLETE, "name: Police", "name: 'Police (write to help@police.gsi.gov.uk)'")
    assert "retired-email-when-published" in codes(project, doc)
    old = edit(doc, "2026-07-01", "2018-07-01")
    assert "retired-email-since-published" in codes(project, old)
    assert [c for c in codes(project, old, as_of=dt.date(2019, 1, 1)) if "email" in c] == []


def test_retired_domain_in_the_councils_contact(project) -> None:
    council = COUNCIL_YAML.replace("dpo@example.gov.uk", "dpo@example.gsi.gov.uk")
    assert "retired-email-when-published" in codes(project, council=council)


# --- completeness --------------------------------------------------------------------------

@pytest.mark.parametrize(("change", "code"), [
    ({"  - show: complaints\n  - show: dpo\n  - show: further-information\n": ""},
     "missing-controller-contact"),
    ({"  - show: complaints\n  - show: dpo\n": ""}, "missing-dpo-contact"),
    ({"  - show: summary\n  - show: purposes\n": "", "purposes:\n  - description: to give your "
      "family help\n": ""}, "missing-purposes"),
    ({"ukgdpr-art6-1-e": "ca1989"}, "missing-lawful-basis"),
    ({"  - show: recipients\n": "", "recipients:\n  - name: Police\n": ""},
     "missing-recipients"),
    ({"  - show: retention\n": "", "retention:\n  - rule: We keep records for two years.\n": ""},
     "missing-retention"),
    ({"  - show: rights\n": "", "  - right: access\n  - right: object\n"
      "  - right: complain-to-controller\n  - right: complain-to-regulator\n": "",
      "rights:\n": ""}, "missing-rights"),
    ({"  to_regulator: You can also complain to the regulator.\n": "  first_step: Ask us.\n",
      "  - right: complain-to-regulator\n": ""}, "missing-regulator-complaint"),
    ({"  - right: complain-to-controller\n": ""}, "missing-controller-complaint"),
    ({"  - show: data-categories\n": "", "data_categories:\n  - name: contact details\n": ""},
     "missing-data-categories"),
    ({"  - show: sources\n  - show: recipients\n": "  - show: recipients\n",
      "sources:\n  - name: your school\n": "", "recipients:\n": "data_matching:\n  - id: nis\n"
      "    name: study\nrecipients:\n"}, "missing-sources"),
    # Listed under their key, but no section shows them: what the reader misses is said.
    ({"  - show: summary\n  - show: purposes\n": ""}, "purposes-not-shown"),
    ({"  - show: recipients\n": ""}, "recipients-not-shown"),
    ({"  - show: retention\n": ""}, "retention-not-shown"),
    ({"  - show: rights\n": ""}, "rights-not-shown"),
    ({"  - show: data-categories\n": ""}, "data-categories-not-shown"),
    ({"  - show: sources\n  - show: recipients\n": "  - show: recipients\n"},
     "sources-not-shown"),
])
def test_each_checklist_item_missing_is_reported(project, change: dict[str, str],
                                                 code: str) -> None:
    doc = COMPLETE
    for old, new in change.items():
        doc = edit(doc, old, new)
    found = codes(project, doc)
    assert code in found
    if code.endswith("-not-shown"):  # one finding for one omission
        assert code.replace("-not-shown", "").join(("missing-", "")) not in found


def test_naming_the_programmes_partner_names_a_recipient(project) -> None:
    doc = edit(edit(COMPLETE, "  - show: recipients\n", ""), "recipients:\n  - name: Police\n", "")
    doc = edit(doc, "kind: privacy-notice\n", "kind: privacy-notice\nprogramme: pause\n")
    assert "missing-recipients" in codes(project, doc)
    shared = edit(doc, "summary: We use", "summary: We share it with Pause. We use")
    assert "missing-recipients" not in codes(project, shared)


def test_a_council_without_a_dpo_is_reported(project) -> None:
    council = COUNCIL_YAML.split("dpo:")[0]
    assert "missing-dpo-contact" in codes(project, council=council)


def test_complaint_to_the_controller_is_required_only_from_19_june_2026(project) -> None:
    doc = edit(COMPLETE, "  - right: complain-to-controller\n", "")
    assert "missing-controller-complaint" not in codes(project, edit(doc, "2026-07-01",
                                                                     "2026-06-18"))
    assert "missing-controller-complaint" in codes(project, edit(doc, "2026-07-01",
                                                                 "2026-06-19"))


def test_art_14_items_are_required_only_when_data_comes_from_others(project) -> None:
    doc = edit(edit(COMPLETE, "sources:\n  - name: your school\n", ""),
               "  - show: sources\n", "")
    assert "missing-sources" not in codes(project, edit(doc, "  - show: data-categories\n",
                                                        ""))
    assert "missing-data-categories" not in codes(
        project, edit(doc, "  - show: data-categories\n", ""))


def test_a_notice_before_the_gdpr_is_not_held_to_its_checklist(project) -> None:
    doc = edit(edit(COMPLETE, "2026-07-01", "2017-07-01"), "ukgdpr-art6-1-e", "ca1989")
    doc = edit(doc, "  - show: rights\n", "")
    assert codes(project, doc, as_of=dt.date(2018, 1, 1)) == ["before-uk-gdpr"]


@pytest.mark.slow
def test_a_notice_that_shows_no_date_warns_even_before_the_gdpr(project) -> None:
    undated = edit(COMPLETE, "sections:", "show_date: none\nsections:")
    assert codes(project, undated) == ["undated-notice"]
    assert codes(project, edit(undated, "show_date: none", "show_date: month")) == []
    old = edit(edit(edit(undated, "2026-07-01", "2017-07-01"), "ukgdpr-art6-1-e", "ca1989"),
               "  - show: rights\n", "")
    assert codes(project, old, as_of=dt.date(2018, 1, 1)) == ["before-uk-gdpr", "undated-notice"]
    found = next(p for p in bundled_findings()["councils/oxfordshire/pause-privacy-notice.yaml"]
                 if p.code == "undated-notice")
    assert (found.location.line, found.location.column, found.severity) == (7, 12, "warning")
    assert found.fix == "remove 'show_date: none' so that the page says 'Last updated: 1 June 2018'"


# --- consistency ---------------------------------------------------------------------------

def test_legitimate_interests_are_not_for_a_councils_tasks(project) -> None:
    doc = edit(COMPLETE, "ukgdpr-art6-1-e", "ukgdpr-art6-1-f")
    assert "legitimate-interests-for-public-task" in codes(
        project, edit(doc, "  - right: object\n", ""))
    assert "legitimate-interests-for-public-task" not in codes(project)


def test_portability_does_not_apply_under_public_task(project) -> None:
    doc = edit(COMPLETE, "  - right: access\n", "  - right: access\n  - right: portability\n")
    assert "right-does-not-apply" in codes(project, doc)
    consent = edit(doc, "ukgdpr-art6-1-e", "ukgdpr-art6-1-a")
    consent = edit(consent, "  - right: object\n", "  - right: withdraw-consent\n")
    assert "right-does-not-apply" not in codes(project, consent)


def test_the_right_to_object_must_be_listed_under_public_task(project) -> None:
    assert "missing-right" in codes(project, edit(COMPLETE, "  - right: object\n", ""))
    assert "missing-right" not in codes(project)


@pytest.mark.parametrize(("flag", "condition", "code"), [
    ("special_category", "ukgdpr-art9-2-h", "special-category-without-condition"),
    ("criminal_offence", "ukgdpr-art10", "criminal-offence-without-condition"),
])
def test_special_and_criminal_data_need_a_condition(project, flag: str, condition: str,
                                                    code: str) -> None:
    doc = edit(COMPLETE, "  - name: contact details\n",
               f"  - name: contact details\n    {flag}: true\n")
    assert code in codes(project, doc)
    assert code not in codes(project, edit(doc, "  - provision: ca1989-s17\n",
                                           f"  - provision: ca1989-s17\n"
                                           f"  - provision: {condition}\n"))


# --- plain language ------------------------------------------------------------------------

HARD = ("Notwithstanding the aforementioned considerations, the organisation's "
        "institutional responsibilities necessitate comprehensive consideration of "
        "interdisciplinary administrative documentation, contemporaneously ") * 4


def test_hard_text_is_flagged_and_plain_text_is_not(project) -> None:
    assert reading_ease([HARD])[0] < THRESHOLD
    assert reading_ease(["We use what you tell us to help you. You can ask to see it."])[0] > 60
    doc = edit(COMPLETE, "summary: We use what we know about you to give your family help.",
               f"summary: {HARD}")
    assert "hard-to-read" in codes(project, doc)


# --- the command line ----------------------------------------------------------------------

def test_lint_command_prints_findings_with_fix_and_rule_and_exits_1() -> None:
    result = CliRunner().invoke(main, ["--project", str(REPO), "lint", "--as-of",
                                       "2026-11-21", "councils/lambeth"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    at = lines.index(
        "councils/lambeth/scoping-2017.yaml:24:33: error: misnamed-instrument: 'Children's Act "
        "2004' is not the Act's name: it is the Children Act 2004 (also at line 25)")
    assert lines[at + 1] == "    fix: write 'Children Act 2004'"
    assert lines[at + 3] == ("    see: docs/rules/misnamed-instrument.md "
                             "(or: pause-docs show rule misnamed-instrument)")  # its page
    assert lines[-1] == "3 errors, 1 info (as of 2026-11-21)"


def test_lint_json_is_for_ci_and_strict_fails_on_warnings(project) -> None:
    root = project({"councils/example/council.yaml": COUNCIL_YAML,
                    "councils/example/notice.yaml": edit(COMPLETE, "name: Police",
                                                         "name: DCLG")})
    runner = CliRunner()
    plain = runner.invoke(main, ["--project", str(root), "lint", "--as-of", "2026-08-01",
                                 "--format", "json"])
    assert plain.exit_code == 0
    report = json.loads(plain.output)
    assert report["as_of"] == "2026-08-01"
    assert [(p["code"], p["severity"], p["line"]) for p in report["problems"]] == [
        ("outdated-name-when-published", "warning", 12)]
    assert report["problems"][0]["fix"] and report["problems"][0]["rule"]
    strict = runner.invoke(main, ["--project", str(root), "lint", "--strict"])
    assert strict.exit_code == 1


def test_lint_reports_documents_that_do_not_load(project) -> None:
    root = project({"councils/example/council.yaml": COUNCIL_YAML,
                    "councils/example/notice.yaml": "kind: privacy-notice\n"})
    result = CliRunner().invoke(main, ["--project", str(root), "lint"])
    assert result.exit_code == 1
    assert "councils/example/notice.yaml:1:1: error: missing-key:" in result.output


def test_where_used_lists_every_document_citing_a_provision() -> None:
    result = CliRunner().invoke(main, ["--project", str(REPO), "where-used", "lga2000-s2"])
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "councils/lambeth/scoping-2017.yaml:29:5: 'Fair processing notice' of 2017-02-01 "
        "cites it as 'Section 2 (5) of the Local Government Act 2000'",
        "councils/oxfordshire/pause-privacy-notice.yaml:28:5: 'Data protection impact "
        "assessment: Pause in Oxfordshire' of 2018-07-02 (for "
        "councils/oxfordshire/pause-dpia.yaml) cites it as 'Section 2 (5) of the Local "
        "Government Act 2000'",
        "councils/oxfordshire/pause-privacy-notice.yaml:28:5: 'OCC and Pause Privacy Notice' "
        "of 2018-06-01 cites it as 'Section 2 (5) of the Local Government Act 2000'",
        "lga2000-s2: cited 3 times in 3 documents"]


def test_where_used_finds_inherited_references_in_the_programme(project) -> None:
    root = project({"councils/example/council.yaml": COUNCIL_YAML,
                    "councils/example/notice.yaml": "kind: privacy-notice\ntitle: T\n"
                    "published: 2026-07-01\nprogramme: pause\n"})
    result = CliRunner().invoke(main, ["--project", str(root), "where-used", "localism2011"])
    assert result.exit_code == 0, result.output
    # the programme the tool ships is named, not its file: the officer has no copy of it
    assert result.output.startswith(
        "councils/example/notice.yaml:4:1: 'T' of 2026-07-01 cites it as 'Localism Act 2011, "
        "s.1' (inherited from the programme 'pause', line ")
    assert result.output.splitlines()[0].endswith(": pause-docs show programme pause)")


def test_where_used_shows_a_projects_own_programme_where_it_cites(project) -> None:
    programme = (REPO / "pause_docs" / "programmes" / "pause.yaml").read_text(encoding="utf-8")
    root = project({"councils/programmes/pause.yaml": programme,
                    "councils/example/council.yaml": COUNCIL_YAML,
                    "councils/example/notice.yaml": "kind: privacy-notice\ntitle: T\n"
                    "published: 2026-07-01\nprogramme: pause\n"})
    result = CliRunner().invoke(main, ["--project", str(root), "where-used", "localism2011"])
    assert result.output.startswith("councils/programmes/pause.yaml:")
    assert "(for councils/example/notice.yaml) cites it as 'Localism Act 2011, s.1'\n" \
        in result.output


def test_where_used_suggests_a_close_id() -> None:
    result = CliRunner().invoke(main, ["--project", str(REPO), "where-used", "lga2000-s3"])
    assert result.exit_code == 2
    assert "'lga2000-s3' is not in the legal registry (did you mean 'lga2000-s2'?)" \
        in result.output


@pytest.mark.slow
@pytest.mark.parametrize("command", [["lint"], ["where-used", "dpa1998"]])
def test_lint_and_where_used_do_not_import_weasyprint(command: list[str]) -> None:
    code = ("import sys, runpy; sys.argv=['pause-docs', *sys.argv[1:]];\n"
            "try: runpy.run_module('pause_docs', run_name='__main__')\n"
            "except SystemExit: pass\n"
            "assert 'weasyprint' not in sys.modules, 'weasyprint imported'\n")
    done = subprocess.run([sys.executable, "-c", code, *command], capture_output=True,
                          text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert done.stdout


def test_findings_stay_compiler_style_and_lint_project_keeps_load_problems(project) -> None:
    problem = Problem(Location("a.yaml", 3, 5), "error", "x-code", "message", fix="f", rule="r")
    assert str(problem) == "a.yaml:3:5: error: x-code: message"
    root = project({"councils/example/council.yaml": COUNCIL_YAML,
                    "councils/example/notice.yaml": "kind: privacy-notice\n"})
    assert [p.code for p in lint_project(load_project(root), TODAY)][:1] == ["missing-key"]


def test_lint_uses_no_council_names(tmp_path: Path) -> None:
    text = "".join(p.read_text() for p in (REPO / "pause_docs" / "lint").glob("*.py"))
    for name in ("lambeth", "oxfordshire", "cambridgeshire", "middlesbrough", "knowsley"):
        assert name not in text.lower()


def test_where_used_says_which_documents_it_could_not_search(project) -> None:
    root = project({"councils/example/council.yaml": COUNCIL_YAML,
                    "councils/example/notice.yaml": "kind: privacy-notice\n"},
                   councils=("lambeth",))
    result = CliRunner().invoke(main, ["--project", str(root), "where-used", "lga2000-s2"])
    assert result.exit_code == 0
    assert "not searched, because of errors (see 'pause-docs validate'): " \
        "councils/example/notice.yaml" in result.output
    assert "lga2000-s2: cited 1 time in 1 document" in result.output


@pytest.mark.parametrize("command", [
    "pause-docs lint councils/lambeth --as-of 2026-11-21", "pause-docs where-used lga2000-s2"])
def test_the_lint_guides_examples_are_the_real_output(command: str) -> None:
    readme = (REPO / "docs" / "guides" / "lint.md").read_text(encoding="utf-8")
    shown = readme.split(f"{command}\n```\n```\n", 1)[1].split("```", 1)[0]
    args = command.split()[1:]
    result = CliRunner().invoke(main, ["--project", str(REPO), *args])
    assert result.output == shown
