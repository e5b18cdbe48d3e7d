"""`audit` reads what real notices do (issue 27, items 14, 16 and 17): a Welsh notice by the
Welsh words councils and the ICO use (its items, its date, 'GDPR y DU' as the UK GDPR), the
same items as its English twin; a notice that leaves items to the council's main notice
reports them deferred there, not missing; and the kinds of information are found when a
notice lists them.  Each notice here was written for the test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO

from pause_docs.check.audit import WELSH_NOTE, audit_file
from pause_docs.cli import main
from pause_docs.render.edition import render_html
from pause_docs.source.loading import load_project

ENGLISH = """\
Early Help privacy notice
Last updated: 3 March 2025

Northshire County Council explains here how its Early Help service uses your information.

What information we use
We use your name, address, date of birth and details of your family's circumstances.

Why we use it
We use it to offer your family early help.

Our lawful basis
We rely on UK GDPR Article 6(1)(e), public task.

Who we share it with
We share it with schools and health visitors where we need to.

How long we keep it
We keep records until the youngest child is 25.

Your rights
You have the right to access your information and the right to object.

Complaints
You can complain to the Information Commissioner's Office.
"""
WELSH = """\
Hysbysiad preifatrwydd Cymorth Cynnar
Diweddarwyd: 3 Mawrth 2025

Mae Cyngor Sir Gogleddsir yn esbonio yma sut mae ei wasanaeth Cymorth Cynnar yn defnyddio eich
gwybodaeth.

Pa wybodaeth rydym yn ei defnyddio
Rydym yn defnyddio eich enw, eich cyfeiriad, eich dyddiad geni a manylion am amgylchiadau eich
teulu.

Pam rydym yn ei defnyddio
Rydym yn ei defnyddio er mwyn cynnig cymorth cynnar i'ch teulu.

Ein sail gyfreithlon
Rydym yn dibynnu ar Erthygl 6(1)(e) GDPR y DU, tasg gyhoeddus.

Gyda phwy rydym yn rhannu gwybodaeth
Rydym yn ei rhannu gydag ysgolion ac ymwelwyr iechyd pan fo angen.

Am ba hyd rydym yn ei chadw
Rydym yn cadw cofnodion nes bod y plentyn ieuengaf yn 25 oed.

Eich hawliau
Mae gennych hawl i weld eich gwybodaeth a'r hawl i wrthwynebu.

Cwynion
Gallwch gwyno i Swyddfa'r Comisiynydd Gwybodaeth.
"""
DEFERS = ("\nFor your rights, how to complain and how to contact our Data Protection Officer, "
          "please see our corporate privacy notice at www.northshire.gov.uk/privacy.\n")


def audit(tmp_path: Path, text: str, name: str = "notice.txt", nation: str = "england"
          ) -> dict:  # type: ignore[type-arg]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["audit", "--as-of", "2026-12-07", "--council-nation",
                                       nation, "--format", "json", str(path)])
    assert result.exit_code in (0, 1), result.output
    [document] = json.loads(result.output)["documents"]
    return document  # type: ignore[no-any-return]


def found(document: dict) -> dict[str, bool]:  # type: ignore[type-arg]
    return {item["id"]: item["found"] for item in document["items"]}


def test_a_welsh_notice_is_read_in_welsh_as_its_english_twin_is_in_english(
        tmp_path: Path) -> None:
    english, welsh = audit(tmp_path, ENGLISH, "en.txt"), audit(tmp_path, WELSH, "cy.txt", "wales")
    assert found(welsh) == found(english)
    assert {item for item, said in found(welsh).items() if said} == {  # all the notice says
        "purposes", "lawful-basis", "categories", "recipients", "retention", "rights",
        "complain-to-regulator"}
    assert welsh["published"] == english["published"] == "2025-03-03"  # 'Diweddarwyd: 3 Mawrth'
    assert WELSH_NOTE in welsh["notes"] and WELSH_NOTE not in english["notes"]
    # 'GDPR y DU' is the UK GDPR; the regulator's old name is out of date in either language
    codes = {language: [p["code"] for p in document["problems"]]
             for language, document in (("en", english), ("cy", welsh))}
    assert codes["en"] == codes["cy"] == ["outdated-name-since-published"]
    [renamed] = welsh["problems"]
    assert renamed["line"] == 27 and "'Swyddfa'r Comisiynydd Gwybodaeth' was" in renamed["message"]
    assert renamed["fix"] == ("write 'Information Commission' (in Welsh: 'Comisiwn Gwybodaeth', "
                              "not yet checked by a speaker of it)")


def test_gdpr_alone_is_still_the_eu_regulations_title_in_welsh(tmp_path: Path) -> None:
    old = audit(tmp_path, WELSH.replace("GDPR y DU", "y GDPR"), nation="wales")
    assert "former-title-when-published" in [p["code"] for p in old["problems"]]


def test_the_welsh_wording_of_a_legal_obligation_is_not_a_duty_to_give_information(
        tmp_path: Path) -> None:
    said = WELSH.replace("tasg gyhoeddus.", "rhwymedigaeth gyfreithiol.")
    assert found(audit(tmp_path, said, nation="wales"))["obligation"] is False
    told = said + "\nNid oes rhaid i chi roi'r wybodaeth i ni.\n"
    assert found(audit(tmp_path, told, nation="wales"))["obligation"] is True


def test_items_left_to_the_main_notice_are_deferred_there_not_missing(tmp_path: Path) -> None:
    whole = ENGLISH.split("\nYour rights\n")[0]  # no rights, no complaints, no DPO
    alone, pointing = audit(tmp_path, whole, "alone.txt"), audit(tmp_path, whole + DEFERS)
    deferred = {i["id"]: i["deferred"] for i in pointing["items"] if i["deferred"]}
    assert set(deferred) == {"rights", "complain-to-regulator", "complain-to-controller",
                             "dpo"}
    assert {d["line"] for d in deferred.values()} == {21}
    assert all(i["deferred"] is None for i in alone["items"])
    assert {i: f for i, f in found(pointing).items() if i not in deferred} == \
        {i: f for i, f in found(alone).items() if i not in deferred}


def test_a_pointer_that_names_no_item_is_noted_and_defers_nothing(tmp_path: Path) -> None:
    pointer = "\nThis notice adds to our corporate privacy notice.\n"
    document = audit(tmp_path, ENGLISH.split("\nYour rights\n")[0] + pointer)
    assert all(i["deferred"] is None for i in document["items"])
    assert any("points to another notice ('This notice adds to our corporate privacy "
               "notice.')" in note for note in document["notes"])


def test_mentioning_the_notice_itself_is_not_a_pointer(tmp_path: Path) -> None:
    document = audit(tmp_path, ENGLISH + "\nWe review this privacy notice every year.\n")
    assert not any("points to another notice" in note for note in document["notes"])


@pytest.mark.parametrize("said", [
    "We use your name, address and date of birth.",
    "We hold details of your family's circumstances.",
    "Information such as your health and your school attendance.",
])
def test_the_kinds_of_information_are_found_when_a_notice_lists_them(tmp_path: Path,
                                                                    said: str) -> None:
    assert found(audit(tmp_path, f"Privacy notice\n\n{said}\n"))["categories"] is True


def test_the_bundled_welsh_notice_reads_the_same_in_both_languages(tmp_path: Path) -> None:
    [doc] = [d for d in load_project(REPO).documents if d.council_slug == "glanyrafon"]
    registry = doc.registry
    results = {}
    for version in doc.all_versions():
        page = tmp_path / f"notice.{version.language}.html"
        page.write_text(render_html(version), encoding="utf-8")
        results[version.language] = audit_file(page, page.name, registry, nation="wales",
                                               published=None, as_of=doc.model.published)
    english, welsh = results["en"], results["cy"]
    assert [(f.item.id, f.where is not None) for f in welsh.items] == \
        [(f.item.id, f.where is not None) for f in english.items]
    assert welsh.problems == english.problems == ()
    assert welsh.setting.published == english.setting.published == doc.model.published


# --- what a first attack on the reading found (each case a sentence of a real kind) --------

def states(tmp_path: Path, text: str, nation: str = "england") -> dict[str, str]:
    document = audit(tmp_path, f"Privacy notice\nLast updated: 3 March 2025\n\n{text}\n",
                     nation=nation)
    return {i["id"]: "found" if i["found"] else "deferred" if i["deferred"] else "not found"
            for i in document["items"]}


@pytest.mark.parametrize(("text", "item", "state"), [
    # a place or a person's name is not a complaint ('Gwynedd', 'Gwyneth')
    ("Gwynedd Council is the data controller and is registered with the ICO (registration "
     "number Z5844932).", "complain-to-regulator", "not found"),
    ("Our Data Protection Officer is Gwyneth Roberts (dpo@example.gov.uk). The council's ICO "
     "registration number is Z1234567.", "complain-to-regulator", "not found"),
    ("This notice adds to our corporate privacy notice at www.gwynedd.llyw.cymru/privacy.",
     "complain-to-regulator", "not found"),
    # a pointer defers what it names, and only that
    ("For how to complain to us about this service, see our corporate privacy notice.",
     "complain-to-regulator", "not found"),
    ("For how to complain to us about this service, see our corporate privacy notice.",
     "complain-to-controller", "deferred"),
    ("This notice, approved by our Data Protection Officer, adds to our corporate privacy "
     "notice.", "dpo", "not found"),
    ("We do not rely on consent for admissions; the lawful bases we use are set out in our "
     "corporate privacy notice.", "withdraw-consent", "not found"),
    ("We do not rely on consent for admissions; the lawful bases we use are set out in our "
     "corporate privacy notice.", "lawful-basis", "deferred"),
    ("Payments by card are taken on our automated telephone line, which is covered by our "
     "main privacy notice.", "automated-decisions", "not found"),
    ("See our Data Protection Policy for how our Data Protection Officer handles requests.",
     "dpo", "not found"),
    ("Read the full privacy notice below; it explains your rights and how to complain.",
     "rights", "not found"),
    ("Am eich hawliau a sut i gwyno, gweler Hysbysiad Preifatrwydd Corfforaethol y Cyngor.",
     "rights", "deferred"),
    ("Am eich hawliau, darllenwch yr hysbysiad preifatrwydd corfforaethol.", "rights",
     "deferred"),
    # the kinds of information: a list of them, not any 'details' or 'information about'
    ("For details of your rights, see the section below.", "categories", "not found"),
    ("We will send you details of your appointment by text.", "categories", "not found"),
    ("Information about the types of cookies we set is on our website.", "categories",
     "not found"),
    ("Mae manylion am sut i wneud cais ar ein gwefan.", "categories", "not found"),
    ("Gwybodaeth am eich hawliau.", "categories", "not found"),
    ("We use your name and address to send your bill.", "categories", "found"),
    ("We use your full name, home address and date of birth.", "categories", "found"),
    ("Rydym yn defnyddio eich enw a'ch cyfeiriad.", "categories", "found"),
    # Welsh as councils write it, with its mutations
    ("Byddwch yn cael llythyr gan y Cyngor pan fydd eich bathodyn yn barod.", "sources",
     "not found"),
    ("Gallwch gwyno i'r Cyngor os ydych yn anhapus.", "complain-to-controller", "found"),
    ("Mae gennych hawl i dynnu eich cydsyniad yn ôl.", "withdraw-consent", "found"),
    ("Rydym yn rhannu eich gwybodaeth â'r Adran Gwaith a Phensiynau.", "recipients", "found"),
    ("Rydym yn defnyddio eich gwybodaeth at ddibenion asesu eich cais.", "purposes", "found"),
    ("Nid ydym yn anfon eich gwybodaeth tu allan i'r DU.", "transfers", "found"),
    ("Byddwn yn cadw eich gwybodaeth am 2 flynedd.", "retention", "found"),
])
def test_each_item_is_read_as_the_sentence_says_it(tmp_path: Path, text: str, item: str,
                                                   state: str) -> None:
    assert states(tmp_path, text)[item] == state


@pytest.mark.parametrize("text", [
    "Please read our privacy notice carefully so you understand why we need your information.",
    "See our Data Protection Policy for how our Data Protection Officer handles requests.",
])
def test_the_notice_itself_or_a_policy_is_not_another_notice(tmp_path: Path, text: str) -> None:
    document = audit(tmp_path, f"Privacy notice\n\n{text}\n")
    assert not any("points to another notice" in note for note in document["notes"])


def test_a_second_pointer_naming_items_is_not_noted_as_naming_none(tmp_path: Path) -> None:
    text = (ENGLISH.split("\nYour rights\n")[0] + DEFERS + "\nAm eich hawliau a sut i gwyno, "
            "gweler ein hysbysiad preifatrwydd corfforaethol.\n")
    assert not any("points to another notice" in n for n in audit(tmp_path, text)["notes"])


@pytest.mark.parametrize(("top", "day"), [
    ("Diweddarwyd: 22ain Ebrill 2025", "2025-04-22"),  # Welsh ordinals
    ("Diweddarwyd: 3ydd Mawrth 2025", "2025-03-03"),
    # CLDR's abbreviated Welsh months, as a medium date writes them
    ("Diweddarwyd: 3 Maw 2025", "2025-03-03"),
    ("Diweddarwyd: 14 Chwef. 2025", "2025-02-14"),
    ("Dyddiad: 1 Hyd 2024", "2024-10-01"),
    ("Cyhoeddwyd 30 Tach 2024", "2024-11-30"),
    ("Diweddarwyd: 2 Gorff 2025", "2025-07-02"),
    # 'hyd' without a day is 'until', not October
    ("Ar agor hyd 2024\nDiweddarwyd: 3 Maw 2025", "2025-03-03"),
    # a date of something else, even first, gives way to the notice's own
    ("Dyddiad cau ceisiadau: 31 Ionawr 2025\nDiweddarwyd: 3 Mawrth 2025", "2025-03-03"),
    ("Dyddiad adolygu nesaf: Mawrth 2026\nDiweddarwyd: 3 Mawrth 2025", "2025-03-03"),
    ("Rhaid i chi roi eich dyddiad geni. Mae plant a anwyd ar ôl 1 Medi 2020 yn gymwys.\n"
     "Diweddarwyd: 3 Mawrth 2025", "2025-03-03"),
    ("Give your date of birth: children born after 1 September 2020 can apply.\n"
     "Last updated: 3 March 2025", "2025-03-03"),
])
def test_the_notices_own_date_is_the_one_read(tmp_path: Path, top: str, day: str) -> None:
    undated = WELSH.replace("Diweddarwyd: 3 Mawrth 2025\n", "")
    assert audit(tmp_path, f"Hysbysiad preifatrwydd\n{top}\n\n{undated}")["published"] == day


@pytest.mark.parametrize("said", ["You can complain to the Information Commissioner’s Office.",
                                  "Gallwch gwyno i Swyddfa’r Comisiynydd Gwybodaeth."])
def test_a_name_with_a_curly_apostrophe_is_the_name(tmp_path: Path, said: str) -> None:
    """As Word writes it: the regulator's old name is out of date with either apostrophe."""
    document = audit(tmp_path, f"Privacy notice\nLast updated: 3 March 2025\n\n{said}\n")
    assert [p["code"] for p in document["problems"]] == ["outdated-name-since-published"]


SPECIAL_EN = ("For special category data we rely on Article 9(2)(g) UK GDPR with section 10(3) "
              "and Schedule 1, Part 2, paragraph 6 of the Data Protection Act 2018.")
SPECIAL_CY = ("Ar gyfer data categori arbennig rydym yn dibynnu ar Erthygl 9(2)(g) GDPR y DU "
              "gydag adran 10(3) ac Atodlen 1, Rhan 2, paragraff 6 o Ddeddf Diogelu Data 2018.")


@pytest.mark.parametrize(("english", "welsh", "expected"), [
    # wrong, in Welsh as in English: the Articles, Schedules and sections of Welsh citations
    ("We rely on Schedules 2 and 3 of the Data Protection Act 1998.",
     "Rydym yn dibynnu ar Atodlenni 2 a 3 o Ddeddf Diogelu Data 1998.",
     [("repealed-when-published", "error")]),
    ("Our legal basis is Schedule 2 Data Protection Act 1998.",
     "Ein sail gyfreithiol yw Atodlen 2 Deddf Diogelu Data 1998.",
     [("repealed-when-published", "error")]),
    ("For health information we rely on Article 9(2)(h) of the UK GDPR.",
     "Ar gyfer gwybodaeth iechyd rydym yn dibynnu ar Erthygl 9(2)(h) o GDPR y DU.",
     [("condition-not-named", "warning")]),
    ("Our lawful basis is Article 6(1)(f).", "Ein sail gyfreithlon yw Erthygl 6(1)(f).",
     [("legitimate-interests-for-public-task", "error")]),
    # right: a correct citation, law said not to be relied on, and an article that is not law
    ("We act under section 47 of the Children Act 1989 and Article 6(1)(e) UK GDPR.",
     "Rydym yn gweithredu o dan adran 47 o Ddeddf Plant 1989 ac Erthygl 6(1)(e) GDPR y DU.", []),
    (SPECIAL_EN, SPECIAL_CY, [("policy-document-not-mentioned", "warning")]),
    (f"{SPECIAL_EN} We keep the appropriate policy document it needs.",
     f"{SPECIAL_CY} Rydym yn cadw’r ddogfen bolisi briodol.", []),
    ("The Data Protection Act 2018 replaced the Data Protection Act 1998.",
     "Disodlodd Deddf Diogelu Data 2018 Ddeddf Diogelu Data 1998.", []),
    ("We do not rely on Article 6(1)(f).", "Nid ydym yn dibynnu ar Erthygl 6(1)(f).", []),
    ("Read the article in our newsletter.", "Darllenwch yr erthygl yn ein cylchlythyr.", []),
    ("We rely on Article 8 of the European Convention on Human Rights.",
     "Rydym yn dibynnu ar Erthygl 8 o'r Confensiwn Ewropeaidd ar Hawliau Dynol.",
     [("not-a-lawful-basis", "error")]),
    ("You can ask for other information under the Freedom of Information Act 2000.",
     "Gallwch ofyn am wybodaeth arall o dan Ddeddf Rhyddid Gwybodaeth 2000.", []),
])
def test_welsh_law_gets_the_findings_of_its_english_twin(
        tmp_path: Path, english: str, welsh: str, expected: list[tuple[str, str]]) -> None:
    """'Erthygl', 'Atodlen', 'adran', 'Rhan' and 'paragraff', and the Welsh titles of Acts as
    they mutate ('o Ddeddf Diogelu Data 1998'), are read as their English are."""
    said = {}
    for language, sentence, top in (("en", english, "Last updated: 1 July 2026"),
                                    ("cy", welsh, "Diweddarwyd: 1 Gorffennaf 2026")):
        document = audit(tmp_path, f"Privacy notice\n{top}\n\n{sentence}\n", f"{language}.txt")
        said[language] = [(p["code"], p["severity"]) for p in document["problems"]]
    assert said["cy"] == said["en"] == expected


@pytest.mark.parametrize(("english", "welsh"), [
    ("You can complain to the Information Commissioner.",
     "Gallwch gwyno i'r Comisiynydd Gwybodaeth."),
    ("You can complain to the Information Commissioner.",
     "Gallwch gwyno i’r Comisiynydd Gwybodaeth."),  # as Word writes it
    ("The Information Commissioner regulates data protection.",
     "Mae’r gwaith yn cael ei reoleiddio gan y Comisiynydd Gwybodaeth."),
])
def test_the_commissioner_named_in_welsh_is_the_regulator(tmp_path: Path, english: str,
                                                          welsh: str) -> None:
    """'y Comisiynydd Gwybodaeth' names the regulator as 'the Information Commissioner' does:
    its name is out of date since the Information Commission took over."""
    said = {}
    for language, sentence, top in (("en", english, "Last updated: 3 March 2025"),
                                    ("cy", welsh, "Diweddarwyd: 3 Mawrth 2025")):
        document = audit(tmp_path, f"Privacy notice\n{top}\n\n{sentence}\n", f"{language}.txt")
        said[language] = [(p["code"], p["severity"], p["fix"]) for p in document["problems"]]
    assert [(code, severity) for code, severity, _ in said["cy"]] == \
        [(code, severity) for code, severity, _ in said["en"]] == \
        [("outdated-name-since-published", "warning")]
    assert said["cy"][0][2] == ("write 'Information Commission' (in Welsh: 'Comisiwn "
                                "Gwybodaeth', not yet checked by a speaker of it)")


@pytest.mark.parametrize("other", [
    "Gallwch gwyno i Gomisiynydd Plant Cymru.",  # the Children's Commissioner for Wales
    "Gallwch gysylltu â Chomisiynydd y Gymraeg.",  # the Welsh Language Commissioner
    "Mae'r comisiynydd gwybodaeth newydd yn yr ysgol.",  # no proper name, lower case
])
def test_other_commissioners_are_not_the_regulator(tmp_path: Path, other: str) -> None:
    document = audit(tmp_path, f"Hysbysiad preifatrwydd\nDiweddarwyd: 3 Mawrth 2025\n\n{other}\n")
    assert document["problems"] == []



def test_hyd_without_a_day_is_until_not_october(tmp_path: Path) -> None:
    undated = WELSH.replace("Diweddarwyd: 3 Mawrth 2025\n", "")
    document = audit(tmp_path, f"Hysbysiad preifatrwydd\nAr agor hyd 2024\n\n{undated}")
    assert document["published"] == "2026-12-07"  # undated: judged as of today


@pytest.mark.parametrize(("english", "welsh", "vague"), [
    ("We keep your information for as long as necessary.",
     "Rydym yn cadw eich gwybodaeth cyhyd ag y bo angen.", True),
    ("We keep your information for as long as necessary, then delete it after six years.",
     "Rydym yn cadw eich gwybodaeth cyhyd ag sydd angen, ac yn ei dileu ar ôl chwe blynedd.",
     False),
])
def test_retention_with_no_period_is_found_in_welsh_as_in_english(
        tmp_path: Path, english: str, welsh: str, vague: bool) -> None:
    for language, sentence in (("en", english), ("cy", welsh)):
        codes = [p["code"] for p in audit(tmp_path, f"Privacy notice\n\n{sentence}\n",
                                          f"{language}.txt")["problems"]]
        assert ("retention-without-period" in codes) is vague, language


@pytest.mark.parametrize(("english", "welsh"), [
    ("We rely on Schedules 2 and 3 of the Data Protection Act 1998.\n"
     "We will keep your information for as long as necessary.",
     "Rydym yn dibynnu ar Atodlenni 2 a 3 o Ddeddf Diogelu Data 1998.\n"
     "Byddwn yn cadw eich gwybodaeth cyhyd ag y bo angen."),
])
def test_a_number_elsewhere_in_the_paragraph_is_no_period_for_the_retention(
        tmp_path: Path, english: str, welsh: str) -> None:
    """'1998' or 'Schedules 2 and 3' a line before is not how long the data is kept."""
    for language, text in (("en", english), ("cy", welsh)):
        codes = [p["code"] for p in audit(tmp_path, f"Privacy notice\n\n{text}\n",
                                          f"{language}.txt")["problems"]]
        assert "retention-without-period" in codes, language


def test_a_period_in_the_next_sentence_is_the_retentions_period(tmp_path: Path) -> None:
    text = ("Privacy notice\n\nWe keep your information for as long as necessary. Our "
            "retention schedule sets out how long each record is kept.\n")
    codes = [p["code"] for p in audit(tmp_path, text)["problems"]]
    assert "retention-without-period" not in codes


def test_a_notice_in_welsh_is_taken_to_be_a_welsh_councils(tmp_path: Path) -> None:
    """Without --council-nation: Welsh law and Welsh duties are judged for Wales."""
    path = tmp_path / "cy.txt"
    path.write_text(WELSH, encoding="utf-8")
    result = CliRunner().invoke(main, ["audit", "--as-of", "2026-12-07", str(path)])
    assert "council taken to be in Wales, since the notice is in Welsh" in result.output
    path.write_text(ENGLISH, encoding="utf-8")
    result = CliRunner().invoke(main, ["audit", "--as-of", "2026-12-07", str(path)])
    assert "council taken to be in England" in result.output
