"""A fresh set of realistic references (issue 27: written for this test, not taken from any
notice here), each placed as a registry id and in a notice's prose, for an English and for a
Welsh council: lint gives every wrong one its finding and nothing else, and nothing on the
right ones. Precision and recall are printed for each way and each nation (`-s`), and the
test fails below 100 %."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

import pytest
from conftest import COUNCIL_YAML, REPO, build_tree
from test_references import NOTICE

from pause_docs.check.lint import lint_document
from pause_docs.source.loading import load_project

WALES = COUNCIL_YAML.replace("nation: england", "nation: wales").replace(
    "Example Borough Council", "Example County Borough Council")
NATIONS = ("england", "wales")
WAYS = ("id", "prose")


@dataclass(frozen=True)
class Fresh:
    """A reference, with the codes it must give for each nation (() where it is right);
    `reference` None: there is no way to write it by id (a mention, not a reference)."""

    label: str
    reference: str | None
    prose: str
    england: tuple[str, ...] = ()
    wales: tuple[str, ...] = ()
    published: str = "2026-07-01"
    as_of: dt.date = dt.date(2026, 8, 1)
    also: tuple[str, ...] = field(default=())

    def expect(self, nation: str) -> tuple[str, ...]:
        return self.england if nation == "england" else self.wales


def both(*codes: str) -> dict[str, tuple[str, ...]]:
    return {"england": codes, "wales": codes}


CASES = [
    # --- wrong ------------------------------------------------------------------------------
    Fresh("s.11 safeguarding duty in Wales", "provision: ca2004-s11",
          "Every agency we work with safeguards children under section 11 of the Children Act "
          "2004.", wales=("wrong-nation",)),
    Fresh("s.28 Welsh duty in England", "provision: ca2004-s28",
          "Partners must have regard to children's welfare (Children Act 2004, s.28).",
          england=("wrong-nation",)),
    Fresh("duty to report under the 2014 Welsh Act in England", "provision: sswba2014-s130",
          "Professionals must report a child at risk under section 130 of the Social Services "
          "and Well-being (Wales) Act 2014.", england=("wrong-nation",)),
    Fresh("English co-operation duty in Wales", "provision: ca2004-s10",
          "We co-operate with the police and health boards under section 10 of the Children "
          "Act 2004 to improve children's well-being.", wales=("wrong-nation",)),
    Fresh("Privacy Shield in 2021", "provision: eu-us-privacy-shield",
          "Our cloud provider in the United States is certified under the EU-US Privacy "
          "Shield.", **both("replaced-when-published"), published="2021-02-01",
          as_of=dt.date(2021, 3, 1)),
    Fresh("Safe Harbour in 2017", "provision: us-safe-harbour",
          "Our text-message supplier keeps data in the US under Safe Harbor.",
          **both("replaced-when-published"), published="2017-01-10", as_of=dt.date(2017, 2, 1),
          also=("before-uk-gdpr",)),
    Fresh("UK data bridge before 12 October 2023", "provision: uk-extension-dpf",
          "Transfers to our US supplier rely on the UK Extension to the EU-US Data Privacy "
          "Framework.", **both("not-in-force-when-published"), published="2022-05-01",
          as_of=dt.date(2022, 6, 1)),
    Fresh("Working Together 2015 in 2019", "provision: wtsc-2015",
          "Our procedures follow Working Together 2015.", england=("superseded-when-published",),
          wales=("wrong-nation",), published="2019-09-01", as_of=dt.date(2019, 10, 1)),
    Fresh("KCSIE 2022 in 2024", "provision: kcsie-2022",
          "Schools share concerns as Keeping Children Safe in Education 2022 requires.",
          england=("superseded-when-published",), wales=("wrong-nation",),
          published="2024-06-01", as_of=dt.date(2024, 7, 1)),
    Fresh("DPA 2018 as the legal basis", "provision: dpa2018",
          "The legal basis for sharing your information is the Data Protection Act 2018.",
          **both("not-a-lawful-basis")),
    Fresh("FOIA as the lawful basis", "provision: foia2000",
          "Our lawful basis for sharing is the Freedom of Information Act 2000.",
          **both("not-a-lawful-basis")),
    Fresh("Caldicott principles as the gateway", "provision: caldicott",
          "We share records with health colleagues in line with the Caldicott principles.",
          **both("not-a-lawful-basis")),
    Fresh("Human Rights Act as the power to share", "provision: hra1998",
          "We share this information under the Human Rights Act 1998.",
          **both("not-a-lawful-basis")),
    Fresh("s.11 written against the 1989 Act", "provision: ca2004-s11\n    cited_as: section "
          "11 of the Children Act 1989", "Agencies must safeguard children under section 11 "
          "of the Children Act 1989.", **both("words-disagree-with-act"),
          also=("wrong-nation",)),  # in Wales, by id: the English duty besides
    Fresh("s.47 written against the 2004 Act", "provision: ca1989-s47\n    cited_as: s.47 "
          "Children Act 2004", "We make child protection enquiries under s.47 Children Act "
          "2004.", **both("words-disagree-with-act")),
    Fresh("Art 9(2)(h) with no Schedule 1 condition", "provision: ukgdpr-art9-2-h",
          "For health information we rely on Article 9(2)(h) of the UK GDPR.",
          **both("condition-not-named")),
    Fresh("Art 9(2)(b) with no Schedule 1 condition", "provision: ukgdpr-art9-2-b",
          "For our staff's health records we rely on Article 9(2)(b) UK GDPR.",
          **both("condition-not-named")),
    Fresh("Art 10 with no Schedule 1 condition", "provision: ukgdpr-art10",
          "We hold information about offences under Article 10 of the UK GDPR.",
          **both("condition-not-named")),
    Fresh("the new regulator's name in 2025", "provision: ukgdpr-art6-1-e\n    reason: you can "
          "also complain to the Information Commission",
          "You can also complain to the Information Commission.",
          **both("name-before-it-took-effect"), published="2025-03-01",
          as_of=dt.date(2025, 4, 1)),
    Fresh("curly apostrophe in the 1989 Act", "provision: ca1989-s47\n    cited_as: Section 47 "
          "of the Children\u2019s Act 1989", "We act under section 47 of the Children\u2019s "
          "Act 1989.", **both("misnamed-instrument")),
    Fresh("criminal convictions as special category", None,
          "Special category data we hold includes health, ethnicity and criminal convictions.",
          **both("criminal-offence-as-special-category"),
          # and rightly: it says special category data is held, and names no Art 9 condition
          also=("special-category-without-condition",)),
    # --- right ------------------------------------------------------------------------------
    Fresh("s.28 in Wales, s.11 in England", "provision: ca2004-s25",
          "We co-operate with partners under section 25 of the Children Act 2004.",
          england=("wrong-nation",)),
    Fresh("s.11 in England", "provision: ca2004-s11",
          "Partners safeguard children under the Children Act 2004, s.11.",
          wales=("wrong-nation",)),
    Fresh("SSWBA s.15 in 2026", "provision: sswba2014-s15",
          "We provide preventative services under section 15 of the Social Services and "
          "Well-being (Wales) Act 2014.", england=("wrong-nation",)),
    Fresh("UK data bridge in 2026", "provision: uk-extension-dpf",
          "Our US supplier participates in the UK Extension to the EU-US Data Privacy "
          "Framework."),
    Fresh("IDTA in 2026", "provision: dpa2018-s119a",
          "Transfers to our supplier in India are covered by the International Data Transfer "
          "Agreement."),
    Fresh("Working Together 2023 in 2026", "provision: wtsc-2023",
          "We follow Working Together to Safeguard Children 2023.", wales=("wrong-nation",)),
    Fresh("Working Together 2015 while current", "provision: wtsc-2015",
          "We follow Working Together 2015.", wales=("wrong-nation",), published="2016-09-01",
          as_of=dt.date(2016, 10, 1), also=("before-uk-gdpr",)),
    Fresh("FOIA only mentioned", None,
          "You can ask for other council information under the Freedom of Information Act "
          "2000."),
    Fresh("DPA 2018 only mentioned", None,
          "We follow the Data Protection Act 2018 when we handle your information."),
    Fresh("Art 9(2)(h) with Sch 1 para 2", "provision: ukgdpr-art9-2-h\n    schedule_1:\n"
          "      provision: [dpa2018-s10-2, dpa2018-sch1-p2]",
          "For health information we rely on Article 9(2)(h) with section 10(2) and Schedule 1 "
          "paragraph 2 of the Data Protection Act 2018."),
    Fresh("Art 10 with Sch 1 para 6", "provision: ukgdpr-art10\n    schedule_1:\n"
          "      provision: [dpa2018-s10-5, dpa2018-sch1-p6]\n      reason: we keep the "
          "appropriate policy document it needs",
          "We hold information about offences under Article 10 with section 10(5) and Schedule "
          "1 paragraph 6 of the Data Protection Act 2018; we keep the appropriate policy "
          "document it needs."),
    Fresh("s.47 of the 1989 Act", "provision: ca1989-s47",
          "We make child protection enquiries under section 47 of the Children Act 1989."),
    Fresh("the regulator's name in 2025", "provision: ukgdpr-art6-1-e\n    reason: you can "
          "also complain to the Information Commissioner's Office",
          "You can also complain to the Information Commissioners Office.",
          published="2025-03-01", as_of=dt.date(2025, 4, 1)),
    Fresh("Safe Harbour named as history", None,
          "We no longer rely on Safe Harbour; our US supplier participates in the UK "
          "Extension to the EU-US Data Privacy Framework."),
    Fresh("ALNET Act in Wales", "provision: alnet2018",
          "We plan support under the Additional Learning Needs and Education Tribunal (Wales) "
          "Act 2018.", england=("wrong-nation",)),
    Fresh("the department named for its time", None,
          "In 2023 the Department for Levelling Up, Housing and Communities funded this work."),
]
WRONG = [c for c in CASES if c.england or c.wales]
KEYS = [(c.label, n, w) for c in CASES for n in NATIONS for w in WAYS
        if w == "prose" or c.reference is not None]


def _document(case: Fresh, way: str) -> str:
    reference = f"  - {case.reference}\n" if way == "id" and case.reference else ""
    return NOTICE.format(published=case.published, reference=reference,
                         prose=case.prose if way == "prose" else "")


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str, str], Counter[str]]:
    """The codes each case adds to its notice without it, each way, for each nation."""
    root = tmp_path_factory.mktemp("fresh")
    files = {"councils/england/council.yaml": COUNCIL_YAML, "councils/wales/council.yaml": WALES}
    for n, case in enumerate(CASES):
        for nation in NATIONS:
            for way in (*WAYS, "none"):
                files[f"councils/{nation}/case-{n:02d}-{way}.yaml"] = _document(case, way)
    project = load_project(build_tree(root, files))
    assert project.errors == []
    codes = {(doc.council_slug, doc.slug): Counter(
        p.code for p in lint_document(doc, CASES[int(doc.slug[5:7])].as_of))
        for doc in project.documents}
    return {(case.label, nation, way): codes[(nation, f"case-{n:02d}-{way}")]
            - codes[(nation, f"case-{n:02d}-none")]
            for n, case in enumerate(CASES) for nation in NATIONS for way in WAYS}


def test_there_are_at_least_thirty_fresh_references_wrong_and_right() -> None:
    pairs = [c.expect(n) for c in CASES for n in NATIONS]
    assert len(CASES) >= 30 and sum(map(bool, pairs)) >= 30 and pairs.count(()) >= 25


@pytest.mark.slow
@pytest.mark.parametrize("nation", NATIONS)
@pytest.mark.parametrize("way", WAYS)
def test_every_fresh_reference_is_judged_right(found, nation: str, way: str) -> None:
    cases = [c for c in CASES if (c.label, nation, way) in KEYS]
    missed = {c.label: dict(found[(c.label, nation, way)]) for c in cases
              if not set(c.expect(nation)) <= set(found[(c.label, nation, way)])}
    extra = {c.label: dict(found[(c.label, nation, way)]) for c in cases
             if set(found[(c.label, nation, way)]) - set(c.expect(nation)) - set(c.also)}
    wrong = [c for c in cases if c.expect(nation)]
    hits = sum(set(c.expect(nation)) <= set(found[(c.label, nation, way)]) for c in wrong)
    right = sum(n for c in cases for code, n in found[(c.label, nation, way)].items()
                if code in c.expect(nation) or code in c.also)
    total = sum(sum(found[(c.label, nation, way)].values()) for c in cases)
    recall, precision = hits / max(len(wrong), 1), right / max(total, 1)
    print(f"\n{nation}, {way}: {len(wrong)} wrong and {len(cases) - len(wrong)} right "
          f"references: recall {recall:.0%}, precision {precision:.0%}")
    assert (missed, extra) == ({}, {})
    assert (recall, precision) == (1.0, 1.0)


@pytest.mark.slow
@pytest.mark.parametrize("nation", NATIONS)
def test_audit_judges_the_same_words_the_same_way(found, tmp_path, nation: str) -> None:
    """One rule set (issue 27 item 15): each sentence, published as a text notice and
    audited, gives the codes lint gave it in the YAML notice's prose."""
    from pause_docs.check.audit import audit_file

    registry = load_project(REPO).registry
    differ = {}
    for case in CASES:
        file = tmp_path / "notice.txt"
        file.write_text(f"Privacy notice\n\n{case.prose}\n", encoding="utf-8")
        audit = audit_file(file, "notice.txt", registry, nation=nation,  # type: ignore[arg-type]
                           published=dt.date.fromisoformat(case.published), as_of=case.as_of)
        audited = {p.code for p in audit.problems} - {"before-uk-gdpr"}
        linted = set(found[(case.label, nation, "prose")]) - {"before-uk-gdpr"}
        if audited != linted:
            differ[case.label] = (sorted(audited), sorted(linted))
    assert differ == {}
