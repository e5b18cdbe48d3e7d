"""`lint` and `audit` judge the same words the same way (issue 27 item 15): each notice here is
written as YAML, linted, printed with the real renderer and the page audited; for every rule
both commands claim (rules.yaml `checks: [lint, audit]`), the codes must agree.  Wrong and
right twins for items 8 (Art 9(2) and Art 10 conditions), 9 (consent for statutory
children's work), 10 (criminal offence data as special category data) and 12 ('GDPR' judged
on the review date and today), each name or phrase with an apostrophe written both ways.
No randomness: the cases are fixed."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import COUNCIL_YAML, build_tree
from test_lint import COMPLETE, edit

from pause_docs.check.audit import audit_file
from pause_docs.check.lint import lint_document
from pause_docs.check.rules import rules
from pause_docs.render.edition import render_html
from pause_docs.source.loading import load_project

AS_OF = dt.date(2026, 8, 1)
BOTH = frozenset(code for code, rule in rules().items() if {"lint", "audit"} <= set(rule.checks))
SPECIAL = "special-category-without-condition"
CRIMINAL = "criminal-offence-without-condition"
NOT_NAMED = "condition-not-named"
APD = "policy-document-not-mentioned"
AS_SPECIAL = "criminal-offence-as-special-category"
CONSENT = "consent-for-statutory-function"
GDPR = "former-title-since-published"

# Headings as a council's notice has them: audit reads a list of data under its heading.
HEADED = (edit(edit(COMPLETE, "  - show: data-categories\n",
                    "  - heading: The information we use\n    show: data-categories\n"),
               "  - show: legal-bases\n", "  - heading: Our lawful basis\n    show: legal-bases\n"))
CATEGORY = "  - name: contact details\n"
BASIS = "  - provision: ca1989-s17\n"
PURPOSE = "  - description: to give your family help\n"
ART_9_H = ("  - provision: ukgdpr-art9-2-h\n    schedule_1:\n      provision: "
           "[dpa2018-s10-2, dpa2018-sch1-p2]\n")
ART_9_G = ("  - provision: ukgdpr-art9-2-g\n    schedule_1:\n      provision: "
           "[dpa2018-s10-3, dpa2018-sch1-p6]\n")
ART_10 = "  - provision: ukgdpr-art10\n    schedule_1:\n      provision: dpa2018-sch1-p6\n"
APD_SAID = "  - description: we keep an appropriate policy document\n"


@dataclass(frozen=True)
class Case:
    id: str
    document: str
    codes: frozenset[str]  # of the rules both commands claim, what each must give


def _doc(*, categories: str = "", bases: str = "", purposes: str = "",
         published: str = "2026-07-01", review: str | None = None) -> str:
    doc = edit(HEADED, CATEGORY, CATEGORY + categories)
    doc = edit(doc, BASIS, BASIS + bases)
    doc = edit(doc, PURPOSE, PURPOSE + purposes)
    doc = edit(doc, "published: 2026-07-01\n", f"published: {published}\n")
    if review is None:
        return doc
    # next_review is not printed unless a metadata line prints it (models/notice.py)
    day = dt.date.fromisoformat(review)
    return edit(doc, "summary:", f"next_review: {review}\nmetadata:\n  - label: Next review\n"
                f"    value: {day.day} {day:%B %Y}\nsummary:")


def _said(words: str) -> str:
    """A purpose in the notice's words, quoted for YAML."""
    return f"  - description: {json.dumps(words, ensure_ascii=False)}\n"


def _consent(words: str) -> str:
    doc = edit(_doc(purposes=_said(words)), BASIS, "")
    doc = edit(doc, "  - provision: ukgdpr-art6-1-e\n", "  - provision: ukgdpr-art6-1-a\n")
    return edit(doc, "  - right: object\n", "  - right: withdraw-consent\n  - right: portability"
                "\n  - right: erasure\n")


def _apostrophes(id: str, words: str, codes: set[str], make=None) -> list[Case]:  # type: ignore[no-untyped-def]
    """The case with a straight and with a curly apostrophe."""
    make = make or (lambda w: _doc(purposes=_said(w)))
    assert "'" in words, words
    return [Case(f"{id}-{how}", make(words.replace("'", mark)), frozenset(codes))
            for how, mark in (("straight", "'"), ("curly", "\u2019"))]


CASES = [
    # item 8: special category and criminal offence data, Art 9(2) and Art 10 conditions
    *_apostrophes("health-said-no-condition", "to plan support we collect information about "
                  "your child's health", {SPECIAL}),
    *_apostrophes("health-said-with-condition", "to plan support we collect information about "
                  "your child's health", set(),
                  lambda w: _doc(purposes=_said(w), bases=ART_9_H)),
    Case("health-listed-no-condition", _doc(categories="  - name: Health\n"),
         frozenset({SPECIAL})),
    Case("ethnicity-listed-with-condition",
         _doc(categories="  - name: Ethnicity\n", bases=ART_9_H, purposes=APD_SAID),
         frozenset()),
    *(Case(f"art-9-2-{point}-without-schedule-1",
           _doc(bases=f"  - provision: ukgdpr-art9-2-{point}\n"),
           frozenset({NOT_NAMED} | ({APD} if point == "g" else set())))
      for point in "bghij"),
    Case("art-9-2-h-with-schedule-1", _doc(bases=ART_9_H), frozenset()),
    Case("art-9-2-g-with-schedule-1-without-policy-document", _doc(bases=ART_9_G),
         frozenset({APD})),
    Case("art-9-2-g-with-schedule-1-and-policy-document",
         _doc(bases=ART_9_G, purposes=APD_SAID), frozenset()),
    Case("art-10-without-schedule-1", _doc(bases="  - provision: ukgdpr-art10\n"),
         frozenset({NOT_NAMED})),
    Case("art-10-with-schedule-1", _doc(bases=ART_10, purposes=APD_SAID), frozenset()),
    *_apostrophes("offences-said-no-condition", "we record details of offences from the "
                  "police's reports", {CRIMINAL}),
    Case("convictions-listed-no-condition", _doc(categories="  - name: Criminal convictions\n"),
         frozenset({CRIMINAL})),
    *_apostrophes("offences-said-with-condition", "we record details of offences from the "
                  "police's reports", set(),
                  lambda w: _doc(purposes=_said(w) + APD_SAID, bases=ART_10)),
    # item 10: criminal offence data listed as special category data
    Case("convictions-among-special-categories",
         _doc(purposes=_said("the special category data we hold includes health, ethnicity "
                             "and criminal convictions")),
         frozenset({AS_SPECIAL, SPECIAL})),
    Case("convictions-apart-from-special-categories",
         _doc(purposes=_said("we hold special category data (health, ethnicity) and, "
                             "separately, criminal offence data (Article 10)") + APD_SAID,
              bases=ART_9_H + ART_10), frozenset()),
    Case("criminal-offence-data-is-not-special-category-data",
         _doc(purposes=_said("criminal offence data is not special category data")),
         frozenset()),
    Case("special-categories-do-not-include-convictions",
         _doc(purposes=_said("special category data does not include convictions or "
                             "cautions")), frozenset()),
    Case("convictions-kept-apart-from-special-categories",
         _doc(purposes=_said("special category data (health, ethnicity) is kept apart from "
                             "information about convictions and offences") + APD_SAID,
              bases=ART_9_H + ART_10), frozenset()),
    # item 9: consent for statutory children's work
    *_apostrophes("consent-for-safeguarding", "to keep children safe we share the council's "
                  "safeguarding concerns with the police", {CONSENT}, _consent),
    *_apostrophes("consent-for-an-optional-group", "joining our parents' group is optional, "
                  "and saying no does not affect the help you get", set(), _consent),
    *_apostrophes("consent-denied", "we don't rely on consent: we share safeguarding concerns "
                  "as a public task", set()),
    *_apostrophes("consent-refused", "we won't rely on your consent for child protection "
                  "work", set()),
    *_apostrophes("consent-not-needed", "you don't have to give consent for us to make "
                  "safeguarding enquiries", set()),
    Case("consent-denied-in-full", _doc(purposes=_said(
        "we do not rely on consent to share safeguarding concerns")), frozenset()),
    # item 12: 'GDPR' judged on the review date and today
    *_apostrophes("gdpr-in-a-2018-notice", "we comply with the EU's GDPR", {GDPR},
                  lambda w: _doc(purposes=_said(w), published="2018-06-01")),
    *_apostrophes("gdpr-past-its-review-date", "we comply with the EU's GDPR", {GDPR},
                  lambda w: _doc(purposes=_said(w), published="2018-06-01",
                                 review="2022-06-01")),
    *_apostrophes("uk-gdpr-in-a-2018-notice", "we comply with the UK GDPR and the "
                  "Information Commissioner's guidance", set(),
                  lambda w: _doc(purposes=_said(w), published="2018-06-01")),
]


@dataclass(frozen=True)
class Judged:
    linted: frozenset[str]
    audited: frozenset[str]
    messages: tuple[tuple[str, str], ...]  # (lint, audit) messages of a code both gave


@pytest.fixture(scope="module")
def judged(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Judged]:
    """Every case linted, printed and audited, in one project."""
    root = build_tree(tmp_path_factory.mktemp("parity"), {
        "councils/example/council.yaml": COUNCIL_YAML,
        **{f"councils/example/{c.id}.yaml": c.document for c in CASES}})
    loaded = load_project(root)
    assert [p for p in loaded.problems if p.severity == "error"] == []
    out = {}
    for doc in loaded.documents:
        page = root / f"{doc.slug}.html"
        page.write_text(render_html(doc), encoding="utf-8")
        linted = lint_document(doc, AS_OF)
        audited = audit_file(page, page.name, loaded.registry, nation="england",
                             published=None, as_of=AS_OF).problems
        lint_by = {p.code: p.message for p in linted if p.code in BOTH}
        audit_by = {p.code: p.message for p in audited if p.code in BOTH}
        out[doc.slug] = Judged(frozenset(lint_by), frozenset(audit_by), tuple(
            (lint_by[c], audit_by[c]) for c in sorted(lint_by.keys() & audit_by.keys())))
    return out


def test_the_cases_have_wrong_and_right_twins_for_each_item() -> None:
    wrong = {code for case in CASES for code in case.codes}
    assert {SPECIAL, CRIMINAL, NOT_NAMED, AS_SPECIAL, CONSENT, GDPR} <= wrong
    assert sum(not case.codes for case in CASES) >= 10
    assert len({case.id for case in CASES}) == len(CASES)


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_lint_and_audit_give_the_same_codes_for_the_same_words(judged: dict[str, Judged],
                                                               case: Case) -> None:
    found = judged[case.id]
    assert found.linted == found.audited, f"lint only: {sorted(found.linted - found.audited)}, " \
        f"audit only: {sorted(found.audited - found.linted)}"
    assert found.linted == case.codes


@pytest.mark.slow
def test_a_former_title_is_judged_on_the_same_day_by_both(judged: dict[str, Judged]) -> None:
    for id in ("gdpr-in-a-2018-notice-curly", "gdpr-past-its-review-date-straight"):
        ((linted, audited),) = judged[id].messages
        assert linted.split(": ", 1)[1] == audited.split(": ", 1)[1]



@pytest.mark.slow
def test_only_a_flag_the_page_does_not_print_is_judged_by_lint_alone(tmp_path: Path) -> None:
    """A data category flagged special_category prints as its name alone, so the page cannot
    say the convictions were listed as special category data: lint judges the flag (an
    error, and the Art 9 condition it then needs); both read the convictions listed."""
    doc = _doc(categories="  - name: Criminal convictions\n    special_category: true\n")
    loaded = load_project(build_tree(tmp_path, {"councils/example/council.yaml": COUNCIL_YAML,
                                                "councils/example/notice.yaml": doc}))
    (document,) = loaded.documents
    page = tmp_path / "notice.html"
    page.write_text(render_html(document), encoding="utf-8")
    linted = {p.code for p in lint_document(document, AS_OF) if p.code in BOTH}
    audited = {p.code for p in audit_file(page, page.name, loaded.registry, nation="england",
                                          published=None, as_of=AS_OF).problems
               if p.code in BOTH}
    assert audited == {CRIMINAL}
    assert linted == {CRIMINAL, AS_SPECIAL, SPECIAL}
