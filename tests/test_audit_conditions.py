"""`audit` warns when a published notice says it uses special category or criminal offence
data but names no condition for it (issue 27: "on ten real notices it missed what a
data-protection lawyer would flag first").  Passages written for the class of problem: the
data said in the ways notices say it (a phrase, a list under "the information we hold", the
law's own names with a verb), and the words that must not set it off (service names, the
condition written in words, the data denied, a DPIA's imagined risk).  No false alarm on
the bundled golden pages or the seed notices."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import REPO, SHARED

from pause_docs.check.audit import Audit, audit_file
from pause_docs.source.registry import load_registry

SPECIAL = "special-category-without-condition"
CRIMINAL = "criminal-offence-without-condition"
CODES = (SPECIAL, CRIMINAL)

# (passage, the code it must give, the words the finding quotes)
WRONG = [
    ("Why we collect your information\n\nWe collect your name, address and date of birth. "
     "We also ask for information about your physical and mental health so that the "
     "reablement team can plan your care.\n\nOur lawful basis is public task (Article 6(1)(e) "
     "UK GDPR).", SPECIAL, "information about your physical and mental health"),
    ("The personal information we hold\n\n- Name and contact details\n- Ethnicity\n"
     "- Religion\n- School attended\n\nWe rely on Article 6(1)(e) of the UK GDPR.",
     SPECIAL, "Ethnicity"),
    ("We may also process special category data, such as your sexual orientation, when you "
     "choose to tell us. The legal basis for processing is Article 6(1)(e).",
     SPECIAL, "special category data"),
    ("Sensitive personal data is collected by the Adoption Service to assess prospective "
     "adopters. Our basis is the Adoption and Children Act 2002.", SPECIAL,
     "Sensitive personal data"),
    ("Information about your ethnic origin and religious beliefs is used to monitor equality "
     "of access to our libraries.", SPECIAL, "Information about your ethnic origin"),
    ("To arrange home adaptations we share medical reports from your occupational therapist "
     "with the grants team.", SPECIAL, "medical reports"),
    ("The Youth Offending Team records details of offences, court outcomes and police "
     "intelligence about each young person it works with. Our legal basis is public task.",
     CRIMINAL, "details of offences"),
    ("Before you start as a foster carer we will carry out a DBS check and record any "
     "criminal convictions you declare.", CRIMINAL, "DBS check"),
    ("Troubled families data\n\nWe receive data from the police about any contact family "
     "members have had with the criminal justice system.", CRIMINAL,
     "contact family members have had with the criminal justice system"),
    ("Information we collect about tenants\n\n- Rent account history\n- Convictions for "
     "anti-social behaviour or offences at the property\n\nWe use it to manage your "
     "tenancy.", CRIMINAL, "Convictions"),
    ("We collect data relating to criminal offences committed by licence holders, such as "
     "taxi drivers.", CRIMINAL, "data relating to criminal offences"),
    ("Youth justice\n\nData subjects: young people aged 10 to 17.\n\nInformation used:\n\n"
     "- Offences and court outcomes\n- School attendance\n\nLawful basis: public task.",
     CRIMINAL, "Offences"),
    ("Our public health team holds information about your sexual health when you use the "
     "clinic's online booking.", SPECIAL, "information about your sexual health"),
]

RIGHT = [
    # services and people, not data
    "Our health visitors and school nurses work with us. Mental Health Services, Sexual "
    "Health Services and the NHS are among our partners. We collect your name and address.",
    "The Youth Offending Service is part of the council. We collect your name and school.",
    "We work with partners to support the health and wellbeing of children and families.",
    "Information about local health services and support groups is on our website.",
    "The Equality Act 2010 protects people from discrimination because of race, religion or "
    "belief, sexual orientation and disability.",
    # the data denied, or a risk a DPIA imagines
    "We do not collect any special category data or information about criminal "
    "convictions.",
    "Processing biometric data to identify someone uniquely is one of the criteria. No "
    "biometric data is used.",
    "R3: More health and criminal offence data than the programme needs could be shared.",
    # the condition named: cited, or in the law's words
    "We collect information about your health. We rely on Article 9(2)(h) UK GDPR and DPA "
    "2018 Schedule 1, paragraph 2.",
    "Special category data (information about your health or ethnicity) is processed for "
    "reasons of substantial public interest under paragraph 6 of Schedule 1 to the Data "
    "Protection Act 2018.",
    "We hold information about offences committed by young people under Article 10 UK GDPR "
    "and Schedule 1, paragraph 6 of the DPA 2018.",
    "We process health data under 9(2)(h) with the safeguards the law requires.",
    "Where we process information about a young person's offending, we do so for law "
    "enforcement purposes under Part 3 of the Data Protection Act 2018.",
    "We use information about your disability to pay carers' allowances, as social "
    "protection law allows (UK GDPR Article 9(2)(b) with DPA 2018 Schedule 1, paragraph 1).",
]


@pytest.fixture(scope="module")
def registry():
    return load_registry(REPO)[0]


def _audit(registry, path: Path) -> Audit:
    return audit_file(path, path.name, registry, nation=None, published=dt.date(2026, 3, 1),
                      as_of=dt.date(2026, 12, 7))


def _findings(audit: Audit) -> list:
    return [p for p in audit.problems if p.code in CODES]


@pytest.mark.parametrize(("text", "code", "words"), WRONG,
                         ids=[f"wrong-{i}" for i in range(len(WRONG))])
def test_data_said_with_no_condition_is_a_warning_quoting_the_words(
        registry, tmp_path: Path, text: str, code: str, words: str) -> None:
    path = tmp_path / "notice.txt"
    path.write_text(text + "\n", encoding="utf-8")
    found = _findings(_audit(registry, path))
    assert [p.code for p in found] == [code], found
    problem = found[0]
    assert problem.severity == "warning"
    assert f"('{words}')" in problem.message, problem.message
    line = text.splitlines()[problem.location.line - 1]
    assert line[problem.location.column - 1:].startswith(words), (line, problem.location)
    assert "Schedule 1" in problem.fix and "other words" in problem.fix


@pytest.mark.parametrize("text", RIGHT, ids=[f"right-{i}" for i in range(len(RIGHT))])
def test_no_warning_for_services_denials_imagined_risks_or_a_named_condition(
        registry, tmp_path: Path, text: str) -> None:
    path = tmp_path / "notice.txt"
    path.write_text(text + "\n", encoding="utf-8")
    assert _findings(_audit(registry, path)) == []


def test_one_warning_per_kind_of_data_with_its_other_places(registry, tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_text("We hold information about your health.\n\nWe share health records with "
                    "your GP.\n\nWe hold details of offences.\n", encoding="utf-8")
    found = _findings(_audit(registry, path))
    assert [(p.code, p.location.line) for p in found] == [(SPECIAL, 1), (CRIMINAL, 5)]
    assert found[0].message.endswith("(also at line 3)")


def test_a_condition_for_one_kind_does_not_cover_the_other(registry, tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_text("We hold information about your health under Article 9(2)(h) UK GDPR.\n\n"
                    "We also hold details of offences.\n", encoding="utf-8")
    assert [p.code for p in _findings(_audit(registry, path))] == [CRIMINAL]


def test_the_same_words_in_html_and_word_give_the_same_finding(registry,
                                                               tmp_path: Path) -> None:
    from docx import Document

    lead, items = "The information we use", ["Name and address", "Health, including mental "
                                              "health", "Offences and cautions"]
    page = tmp_path / "notice.html"
    page.write_text(f"<html><body><h2>{lead}</h2>\n<ul>\n"
                    + "\n".join(f"<li>{item}</li>" for item in items)
                    + "\n</ul></body></html>\n", encoding="utf-8")
    document = Document()
    document.add_heading(lead, level=2)
    for item in items:
        document.add_paragraph(item, style="List Bullet")
    word = tmp_path / "notice.docx"
    document.save(str(word))
    for path, lines in ((page, (4, 5)), (word, (3, 4))):
        found = _findings(_audit(registry, path))
        assert [(p.code, p.location.line) for p in found] == \
            [(SPECIAL, lines[0]), (CRIMINAL, lines[1])], (path.name, found)
        assert "('Health')" in found[0].message and "('Offences')" in found[1].message


def _real_pages() -> list[Path]:
    golden = sorted((REPO / "tests" / "golden").glob("*.html"))
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    assert len(golden) >= 10 and len(seeds) >= 5
    return golden + seeds


def test_no_false_alarm_on_the_golden_pages_and_seed_notices(registry) -> None:
    """Every bundled page and seed notice that says it uses such data names a condition
    (or is a screening or assessment that only describes the law): none is warned."""
    alarms = [(path.name, p.location.line, p.message) for path in _real_pages()
              for p in _findings(_audit(registry, path))]
    assert alarms == []
