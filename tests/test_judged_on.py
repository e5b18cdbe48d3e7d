"""'GDPR' is judged on the notice's review date and on today, not only on its publication
(issue 27 item 12): a 2018 notice still live is wrong now, one due for review after 2020
should have been changed then; each finding says the day it was judged on, once for the
same words, the same in `lint` and in `audit`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import REPO
from test_lint import COMPLETE, edit
from test_lint_prose import findings

from pause_docs.check.audit import audit_file
from pause_docs.check.lint.law import review_date
from pause_docs.source.errors import Problem
from pause_docs.source.loading import load_project
from pause_docs.source.registry import load_registry

TODAY = dt.date(2026, 8, 1)
CODE = "former-title-since-published"


def _notice(review: str | None = None, words: str = "we comply with the GDPR") -> str:
    doc = edit(edit(COMPLETE, "2026-07-01", "2018-06-01"), "to give your family help\n",
               f"{words}\n")
    return edit(doc, "published: 2018-06-01\n",
                f"published: 2018-06-01\nnext_review: {review}\n") if review else doc


def _former(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.code.startswith("former-title")]


def test_a_2018_notice_whose_review_date_has_passed_is_judged_on_it(project) -> None:
    (found,) = _former(findings(project, _notice("2022-06-01"), as_of=TODAY))
    assert found.code == CODE
    assert "judged on its review date, 1 June 2022" in found.message
    assert "published on 1 June 2018" in found.message
    assert "judged as of" not in found.message


@pytest.mark.parametrize(("review", "why"), [
    (None, "no review date"),
    ("2027-06-01", "the review date is still to come"),
    ("2020-06-01", "on the review date 'GDPR' was still the right name"),
])
def test_otherwise_a_2018_notice_still_live_is_judged_as_of_today(project, review: str | None,
                                                                  why: str) -> None:
    (found,) = _former(findings(project, _notice(review), as_of=TODAY))
    assert found.code == CODE, why
    assert "judged as of 1 August 2026" in found.message, why
    assert "review date" not in found.message, why


def test_before_the_name_changed_a_2018_notice_has_no_finding(project) -> None:
    assert _former(findings(project, _notice("2019-06-01"), as_of=dt.date(2020, 6, 1))) == []


def test_the_uk_gdpr_in_a_2018_notice_has_no_finding(project) -> None:
    assert _former(findings(project, _notice("2022-06-01", "we comply with the UK GDPR"),
                            as_of=TODAY)) == []


def test_gdpr_written_twice_is_one_finding_with_one_day(project) -> None:
    words = "we comply with the GDPR, and the General Data Protection Regulation gives you rights"
    (found,) = _former(findings(project, _notice("2022-06-01", words), as_of=TODAY))
    assert found.message.count("judged") == 1


def test_a_form_gives_its_review_date_field() -> None:
    docs = {d.path: d for d in load_project(REPO).documents}
    assert review_date(docs["councils/oxfordshire/pause-dpia.yaml"]) == dt.date(2019, 7, 1)
    assert review_date(docs["councils/oxfordshire/pause-privacy-notice.yaml"]) is None


# --- audit: the same words, the same day judged ------------------------------------------

def _audit(tmp_path: Path, *lines: str) -> tuple[list[Problem], tuple[str, ...]]:
    file = tmp_path / "notice.txt"
    file.write_text("Privacy notice\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
    report = audit_file(file, "notice.txt", load_registry(REPO)[0], nation=None,
                        published=None, as_of=TODAY)
    return _former(list(report.problems)), report.notes


def test_audit_judges_a_2018_notice_on_its_passed_review_date(tmp_path: Path) -> None:
    (found,), notes = _audit(tmp_path, "Published: 1 June 2018", "Next review: 1 June 2022",
                             "We comply with the GDPR.")
    assert found.code == CODE
    assert "judged on its review date, 1 June 2022" in found.message
    assert "published on 1 June 2018" in found.message
    assert any(n.startswith("due for review on 1 June 2022") for n in notes)


@pytest.mark.parametrize("review", [None, "Review date: June 2027", "Next review: June 2020"])
def test_audit_otherwise_judges_a_2018_notice_as_of_today(tmp_path: Path,
                                                          review: str | None) -> None:
    lines = ["Published: 1 June 2018", *([review] if review else []), "We comply with GDPR."]
    (found,), _ = _audit(tmp_path, *lines)
    assert found.code == CODE
    assert "judged as of 1 August 2026" in found.message


def test_a_review_date_is_not_taken_for_the_publication_date(tmp_path: Path) -> None:
    _, notes = _audit(tmp_path, "Next review: 1 June 2022", "We comply with the GDPR.")
    assert not any(n.startswith("published on") for n in notes)


def test_lint_and_audit_judge_the_same_words_on_the_same_day(project, tmp_path: Path) -> None:
    linted = _former(findings(project, _notice("2022-06-01"), as_of=TODAY))
    audited, _ = _audit(tmp_path, "Published: 1 June 2018", "Next review: 1 June 2022",
                        "We comply with the GDPR.")
    assert [p.code for p in linted] == [p.code for p in audited] == [CODE]
    assert linted[0].message.split(": ")[1] == audited[0].message.split(": ")[1]
