"""Real-world references, each placed once as a registry id and once in a notice's own
prose: lint gives the right finding on every wrong one and nothing on every correct one,
both ways. Recall and precision are computed for each way (`-s` prints them)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

import pytest
from conftest import COUNCIL_YAML, build_tree

from pause_docs.check.lint import lint_document
from pause_docs.source.loading import load_project

NOTICE = """\
kind: privacy-notice
title: Help for families
published: {published}
summary: >-
  We use what we know about you to give your family help. {prose}
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
{reference}rights:
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
WALES = COUNCIL_YAML.replace("nation: england", "nation: wales")
AS_OF = dt.date(2026, 8, 1)


@dataclass(frozen=True)
class Case:
    """A reference: by id (a legal_bases entry) and in words (a sentence of the summary)."""

    label: str
    reference: str  # YAML of one legal_bases entry, without its leading '  - '
    prose: str
    expect: tuple[str, ...] = ()  # () for a correct reference
    published: str = "2026-07-01"
    nation: str = "england"
    as_of: dt.date = AS_OF
    also: tuple[str, ...] = field(default=())  # findings that come with it and are right too


CASES = [
    # --- the seeds' mistakes -----------------------------------------------------------------
    Case("LGA 2000 s.2, England", "provision: lga2000-s2",
         "We share it under section 2(5) of the Local Government Act 2000.",
         ("disapplied-when-published",), "2017-02-01", also=("before-uk-gdpr",)),
    Case("LGA 2000 s.2, Wales after 2021", "provision: lga2000-s2",
         "We share it under s.2 (5) LGA 2000.", ("disapplied-when-published",), "2022-01-10",
         "wales"),
    Case("DPA 1998 Schedules 2 and 3", "provision: [dpa1998-sch2, dpa1998-sch3]",
         "The legal basis is Schedules 2 and 3 of the Data Protection Act 1998.",
         ("repealed-since-published",), "2017-02-01", also=("before-uk-gdpr",)),
    Case("DPA 1998 in a 2019 notice", "provision: dpa1998",
         "We follow the Data Protection Act 1998.", ("repealed-when-published",), "2019-03-01"),
    Case("DPA 1998 Sch 2 in a 2026 notice", "provision: dpa1998-sch2",
         "Our basis is DPA 1998 Sch 2.", ("repealed-when-published",)),
    Case("Children's Act 2004", "provision: ca2004-s10\n    cited_as: Section 10 of the "
         "Children's Act 2004", "We work with partners under Section 10 of the Children's Act "
         "2004.", ("misnamed-instrument",)),
    Case("Childrens Act 1989", "provision: ca1989\n    cited_as: the Childrens Act 1989",
         "Our duties are in the Childrens Act 1989.", ("misnamed-instrument",)),
    Case("DPA 2017", "provision: dpa2018\n    cited_as: DPA 2017",
         "We follow the DPA 2017.", ("nonexistent-instrument",),
         also=("not-a-lawful-basis",)),
    Case("Data Protection Act 2017", "provision: dpa2018\n    cited_as: Data Protection Act "
         "2017", "We follow the Data Protection Act 2017.", ("nonexistent-instrument",),
         also=("not-a-lawful-basis",)),
    Case("Children and Families Act 2017", "provision: cfa2014\n    cited_as: The Children "
         "and Families Act 2017", "Our duties are in The Children and Families Act 2017.",
         ("nonexistent-instrument",)),
    Case("Digital Economy Act 2018", "provision: dea2017\n    cited_as: Digital Economy Act "
         "2018", "We share it under the Digital Economy Act 2018.", ("nonexistent-instrument",)),
    Case("Localism Act 2012", "provision: localism2011\n    cited_as: Localism Act 2012",
         "We act under the Localism Act 2012.", ("nonexistent-instrument",)),
    Case("Human Rights Act 1988", "provision: hra1998\n    cited_as: Human Rights Act 1988",
         "We respect the Human Rights Act 1988.", ("nonexistent-instrument",),
         also=("not-a-lawful-basis",)),
    Case("Working Together 2018 in 2024", "provision: wtsc-2018",
         "We follow Working Together to Safeguard Children 2018.",
         ("superseded-when-published",), "2024-03-01"),
    Case("Working Together 2018 since", "provision: wtsc-2018",
         "We follow Working Together 2018.", ("superseded-since-published",), "2019-07-01"),
    # --- research/legal.md section 7 and section 1.4 -------------------------------------------
    Case("Art 6(1)(f) for a council", "provision: ukgdpr-art6-1-f",
         "We also rely on Article 6(1)(f) of the UK GDPR.",
         ("legitimate-interests-for-public-task",)),
    Case("legitimate interests in words", "provision: ukgdpr-art6-1-f\n    cited_as: "
         "legitimate interests", "Our lawful basis is also our legitimate interests.",
         ("legitimate-interests-for-public-task",)),
    Case("Art 6(1)(ea) for a council", "provision: ukgdpr-art6-1-ea",
         "We rely on Art 6(1)(ea) as well.", ("legitimate-interests-for-public-task",)),
    Case("Art 6(1)(ea) before it existed", "provision: ukgdpr-art6-1-ea",
         "We rely on Article 6(1)(ea).", ("not-in-force-when-published",), "2025-07-01"),
    Case("Art 14(5)(b) after 5 Feb 2026", "provision: ukgdpr-art14-5-b",
         "We need not tell everyone (Art 14(5)(b)).", ("renumbered-when-published",)),
    Case("Art 14(5)(b) since 5 Feb 2026", "provision: ukgdpr-art14-5-b",
         "We need not tell everyone, under Article 14.5 b.", ("renumbered-since-published",),
         "2025-06-01"),
    Case("Article 22 after 5 Feb 2026", "provision: ukgdpr-art22",
         "You have rights about automated decisions under Article 22.",
         ("replaced-when-published",)),
    Case("Art 9(2)(g) on its own", "provision: ukgdpr-art9-2-g",
         "For health information we rely on Article 9(2)(g).",
         ("condition-not-named", "policy-document-not-mentioned")),
    Case("s.10(5) for special category data", "provision: ukgdpr-art9-2-h\n    schedule_1:\n"
         "      provision: dpa2018-s10-5", "For special category data we rely on Article "
         "9(2)(h) and section 10(5) of the Data Protection Act 2018.",
         ("criminal-offence-condition-for-special-category",),
         also=("condition-not-named",)),  # (h) needs a Schedule 1 Part 1 condition too
    Case("GDPR after 2020", "provision: ukgdpr\n    cited_as: GDPR",
         "We handle it in accordance with GDPR.", ("former-title-when-published",)),
    Case("General Data Protection Regulation after 2020", "provision: ukgdpr\n    cited_as: "
         "General Data Protection Regulation", "We follow the General Data Protection "
         "Regulation.", ("former-title-when-published",)),
    Case("EU wording in an Art 9(2)(g) quotation", "provision: ukgdpr-art9-2-g\n    wording: "
         "'UK GDPR Art 9(2)(g): necessary for reasons of substantial public interest, on the "
         "basis of Union or Member State law'\n    schedule_1:\n      provision: "
         "dpa2018-sch1-p18\n      reason: We keep an appropriate policy document.",
         "Under Article 9(2)(g), processing is necessary for reasons of substantial public "
         "interest, on the basis of Union or Member State law (DPA 2018 Sch 1 para 18, with "
         "our appropriate policy document).", ("outdated-wording-when-published",)),
    Case("consent for a statutory function", "provision: ukgdpr-art6-1-a",
         "Our lawful basis is your consent.", ("consent-for-statutory-function",),
         also=("missing-right",)),
    Case("Children Act 2004 s.10 in Wales", "provision: ca2004-s10",
         "We work with partners under section 10 of the Children Act 2004.",
         ("wrong-nation",), nation="wales"),
    Case("Localism Act 2011 s.1 in Wales", "provision: localism2011-s1",
         "We act under the Localism Act 2011, s.1.", ("wrong-nation",), nation="wales"),
    # --- correct citations --------------------------------------------------------------------
    Case("Art 6(1)(e) UK GDPR", "provision: ukgdpr-art6-1-e\n    cited_as: Article 6(1)(e) of "
         "the UK GDPR", "We rely on Article 6(1)(e) of the UK GDPR."),
    Case("Art. 6.1 e", "provision: ukgdpr-art6-1-e\n    cited_as: Art. 6.1 e",
         "Our basis is Art. 6.1 e (public task)."),
    Case("public task in words", "provision: ukgdpr-art6-1-e\n    cited_as: public task",
         "Our lawful basis is public task."),
    Case("Children Act 1989 s.17", "provision: ca1989-s17",
         "We help children in need under section 17 of the Children Act 1989."),
    Case("Children Act 2004 s.10 in England", "provision: ca2004-s10",
         "We work with partners under the Children Act 2004, s 10."),
    Case("Localism Act 2011 s.1 in England", "provision: localism2011-s1",
         "We act under section 1 of the Localism Act 2011."),
    Case("LGE(W)A 2021 s.24 in Wales", "provision: lgew2021-s24",
         "We act under section 24 of the Local Government and Elections (Wales) Act 2021.",
         nation="wales"),
    Case("Art 9(2)(g) with its condition and policy document",
         "provision: ukgdpr-art9-2-g\n    schedule_1:\n      provision: [dpa2018-s10-3, "
         "dpa2018-sch1-p18]\n      reason: We keep an appropriate policy document.",
         "For health information we rely on Article 9(2)(g), with section 10(3) and Schedule "
         "1, paragraph 18 of the Data Protection Act 2018; we keep an appropriate policy "
         "document."),
    Case("Art 9(2)(h) with Sch 1 para 2", "provision: ukgdpr-art9-2-h\n    schedule_1:\n"
         "      provision: [dpa2018-s10-2, dpa2018-sch1-p2]",
         "For health information we rely on Article 9.2 h and DPA 2018 s.10(2) and Sch 1 "
         "para 2."),
    Case("Art 10 with s.10(5) for criminal offence data", "provision: ukgdpr-art10\n"
         "    schedule_1:\n      provision: dpa2018-s10-5", "For criminal offence data we rely "
         "on Article 10 of the UK GDPR and s10(5) of the Data Protection Act 2018."),
    Case("UK GDPR and DPA 2018", "provision: [ukgdpr, dpa2018]",
         "We follow the UK GDPR and the Data Protection Act 2018."),
    Case("Working Together 2023", "provision: wtsc-2023",
         "We follow Working Together to Safeguard Children 2023."),
    Case("Working Together 2018 while current", "provision: wtsc-2018",
         "We follow Working Together to Safeguard Children 2018.", published="2019-07-01",
         as_of=dt.date(2020, 1, 1)),
    Case("Arts 22A to 22D", "provision: ukgdpr-art22a-22d",
         "You have rights about automated decisions under Arts 22A to 22D of the UK GDPR."),
    Case("Article 22 before 5 Feb 2026", "provision: ukgdpr-art22",
         "You have rights about automated decisions under Article 22.",
         published="2025-07-01", as_of=dt.date(2025, 12, 1)),
    Case("Art 14(5)(e)", "provision: ukgdpr-art14-5-e",
         "We need not tell everyone (Art 14(5)(e)); we publish this notice instead."),
    Case("DPA 2018 s.164A", "provision: dpa2018-s164a",
         "You can complain to us under DPA 2018 s.164A."),
    Case("Crime and Disorder Act 1998 s.115", "provision: cda1998-s115",
         "We may share it under section 115 of the Crime and Disorder Act 1998."),
    Case("Education Act 2002 s.175", "provision: ea2002-s175",
         "Schools keep children safe under the Education Act 2002, s.175."),
    Case("Equality Act 2010 s.149", "provision: eqa2010-s149",
         "We have due regard under s.149 of the Equality Act 2010."),
    Case("DUAA 2025", "provision: duaa2025", "The Data (Use and Access) Act 2025 changed this."),
    Case("LGA 2000 s.2 while it applied", "provision: lga2000-s2",
         "We share it under section 2 of the Local Government Act 2000.",
         published="2011-06-01", as_of=dt.date(2012, 1, 1), also=("before-uk-gdpr",)),
    Case("DPA 1998 Sch 2 while in force", "provision: dpa1998-sch2",
         "Our basis is Schedule 2 to the Data Protection Act 1998.", published="2017-03-01",
         as_of=dt.date(2017, 6, 1), also=("before-uk-gdpr",)),
]
WRONG = [c for c in CASES if c.expect]
CORRECT = [c for c in CASES if not c.expect]


def _document(case: Case, way: str) -> str:
    reference = f"  - {case.reference}\n" if way == "id" else ""
    return NOTICE.format(published=case.published, reference=reference,
                         prose=case.prose if way == "prose" else "")


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Counter[str]]:
    """The codes each case adds to its notice without the reference, each way."""
    root = tmp_path_factory.mktemp("references")
    files = {"councils/england/council.yaml": COUNCIL_YAML, "councils/wales/council.yaml": WALES}
    for n, case in enumerate(CASES):
        for way in ("id", "prose", "none"):
            files[f"councils/{case.nation}/case-{n:02d}-{way}.yaml"] = _document(case, way)
    project = load_project(build_tree(root, files))
    assert project.errors == []
    codes = {doc.slug: Counter(p.code for p in lint_document(doc, CASES[int(doc.slug[5:7])]
                                                           .as_of))
             for doc in project.documents}
    return {(case.label, way): codes[f"case-{n:02d}-{way}"] - codes[f"case-{n:02d}-none"]
            for n, case in enumerate(CASES) for way in ("id", "prose")}


def _scores(found: dict[tuple[str, str], Counter[str]], way: str) -> tuple[float, float]:
    """Recall: wrong references given their findings; precision: findings that are right."""
    hits = sum(all(code in found[(c.label, way)] for code in c.expect) for c in WRONG)
    right = wrong = 0
    for case in CASES:
        for code, count in found[(case.label, way)].items():
            if code in case.expect or code in case.also:
                right += count
            else:
                wrong += count
    return hits / len(WRONG), right / max(right + wrong, 1)


def test_there_are_at_least_thirty_references_wrong_and_right() -> None:
    assert len(CASES) >= 30 and len(WRONG) >= 15 and len(CORRECT) >= 15


@pytest.mark.slow
@pytest.mark.parametrize("way", ["id", "prose"])
def test_every_wrong_reference_is_found_and_nothing_else(findings, way: str) -> None:
    missed = {c.label: dict(findings[(c.label, way)]) for c in WRONG
              if not all(code in findings[(c.label, way)] for code in c.expect)}
    extra = {c.label: dict(findings[(c.label, way)]) for c in CASES
             if set(findings[(c.label, way)]) - set(c.expect) - set(c.also)}
    recall, precision = _scores(findings, way)
    print(f"\n{way}: {len(WRONG)} wrong and {len(CORRECT)} correct references: "
          f"recall {recall:.0%}, precision {precision:.0%}")
    assert (missed, extra) == ({}, {})
    assert (recall, precision) == (1.0, 1.0)
