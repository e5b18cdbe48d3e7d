"""Notice blocks a council's data can hold, printed in every format and language: data
subjects, the controller, automated decisions, recipients' roles, grouped data categories;
and every option a block does not honour refused with a located error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import COUNCIL_YAML, REPO
from pydantic import ValidationError
from test_validate import run
from wordinfo import docx_text

from pause_docs.check.lint import lint_document
from pause_docs.publish.document import publish
from pause_docs.publish.tree import plain
from pause_docs.render.edition import render_document, render_html
from pause_docs.source.loading import load_project
from pause_docs.source.models.sections import BLOCK_OPTIONS, Section

TODAY = dt.date(2026, 12, 6)
COUNCIL = COUNCIL_YAML.replace("nation: england", "nation: wales\nlanguages: [en, cy]") + (
    "ico_registration: Z1234567\n")
NOTICE = """\
kind: privacy-notice
title: {en: Youth support privacy notice, cy: Hysbysiad preifatrwydd cymorth ieuenctid}
published: 2026-11-20
data_subjects:
  - name: Young people aged 11 to 25
    description: who use our youth centres
  - name: Parents and carers
data_categories:
  - name: Name and address
  - name: Health
    examples: physical and mental health
    special_category: true
    group: Special categories
  - name: Ethnicity
    special_category: true
    group: Special categories
  - name: Offences
    criminal_offence: true
    group: Criminal offence data
recipients:
  - name: Casebook Systems Ltd
    role: processor
    purpose: hosts our case records
  - name: Vale Health Board
    role: joint-controller
    purpose: runs the joint youth health service with us
  - name: Police
automated_decisions:
  applies: true
  description: A scoring tool ranks referrals by urgency; a worker checks every ranking.
legal_bases:
  - provision: ukgdpr-art6-1-e
  - provision: ukgdpr-art9-2-g
  - provision: ukgdpr-art10
sections:
  - heading: {en: Who we are, cy: Pwy ydym ni}
    show: controller
  - heading: {en: Whose information, cy: Gwybodaeth pwy}
    show: data-subjects
  - heading: {en: What we hold, cy: Beth sydd gennym}
    show: data-categories
  - heading: {en: Who we share it with, cy: Gyda phwy}
    show: recipients
  - heading: {en: Automated decisions, cy: Penderfyniadau awtomataidd}
    show: automated-decisions
"""


@pytest.fixture
def youth(project):  # type: ignore[no-untyped-def]
    root = project({"councils/vale/council.yaml": COUNCIL, "councils/vale/youth.yaml": NOTICE})
    (doc,) = load_project(root).documents
    return doc


def words(html: str) -> str:
    import re

    return " ".join(re.sub(r"<[^>]+>", " ", html.split("<main", 1)[1]).split())


def test_controller_subjects_roles_and_automated_decisions_print_in_english(youth) -> None:
    html = render_html(youth)
    assert "Write to: Example Borough Council<br>Town Hall<br>Example Street<br>EX1 1EX" in html
    text = words(html)
    assert ("Example Borough Council is the data controller for the information in this "
            "notice") in text
    assert "Our data protection registration number is Z1234567." in text
    assert "as joint controllers, why and how your information is used: Vale Health Board " \
           "(runs the joint youth health service with us)" in text
    assert "(processors): Casebook Systems Ltd (hosts our case records)" in text
    assert "Young people aged 11 to 25 (who use our youth centres)" in text
    assert "Casebook Systems Ltd (processor) hosts our case records" in text
    assert "Vale Health Board (joint controller)" in text
    assert "Police" in text and "Police (" not in text
    assert ("We make some decisions about you by automated means, including profiling, as "
            "set out below. A scoring tool ranks referrals") in text


def test_data_categories_list_the_ungrouped_then_each_group_under_its_sub_heading(youth
                                                                                 ) -> None:
    html = render_html(youth)
    section = html.split("What we hold</h2>", 1)[1].split("<h2", 1)[0]
    assert section.index("Name and address") < section.index(">Special categories</h3>") \
        < section.index("Health (physical and mental health)") < section.index("Ethnicity") \
        < section.index(">Criminal offence data</h3>") < section.index("Offences")


def test_a_data_categories_section_can_show_one_group(project) -> None:
    notice = NOTICE.replace("    show: data-categories\n",
                            "    show: data-categories\n    only: Special categories\n")
    root = project({"councils/vale/council.yaml": COUNCIL, "councils/vale/youth.yaml": notice})
    (doc,) = load_project(root).documents
    section = render_html(doc).split("What we hold</h2>", 1)[1].split("<h2", 1)[0]
    assert "Health" in section and "Ethnicity" in section
    assert "Name and address" not in section and "Offences" not in section
    assert "<h3" not in section


def test_the_blocks_print_in_welsh(youth) -> None:
    text = words(render_html(youth, language="cy"))
    assert "yw'r rheolydd data ar gyfer yr wybodaeth yn yr hysbysiad hwn" in text
    assert "Casebook Systems Ltd (prosesydd data)" in text
    assert "Vale Health Board (cyd-reolydd data)" in text
    assert "Rydym yn gwneud rhai penderfyniadau amdanoch drwy ddulliau awtomataidd" in text
    assert "is the data controller" not in text


@pytest.mark.slow
def test_the_blocks_print_in_word_and_pdf_in_both_languages(youth, tmp_path: Path) -> None:
    import subprocess

    from pause_docs.render.docx import make_docx
    from pause_docs.render.pdf import render_pdf

    for language, said in (("en", "(joint controller)"), ("cy", "(cyd-reolydd data)")):
        edition = render_document(youth, language=language)
        word = docx_text(make_docx(edition)[0])
        assert said in word and "Z1234567" in word
        assert "Special categories" in word
        pdf = tmp_path / f"youth.{language}.pdf"
        assets = REPO / "pause_docs" / "templates" / "assets"
        pdf.write_bytes(render_pdf(edition.page.html, assets, 0))
        text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                       text=True, check=True).stdout.split())
        assert said in text and "Casebook Systems Ltd" in text


@pytest.mark.slow
def test_automated_decisions_not_shown_or_not_explained_are_located_errors(project) -> None:
    notice = NOTICE.replace("Automated decisions", "More").replace(
        "    show: automated-decisions\n", "    text: More.\n").replace(
        "  description: A scoring tool ranks referrals by urgency; a worker checks every "
        "ranking.\n", "")
    root = project({"councils/vale/council.yaml": COUNCIL, "councils/vale/youth.yaml": notice})
    (doc,) = load_project(root).documents
    found = {p.code: p for p in lint_document(doc, TODAY)}
    shown = found["automated-decisions-not-shown"]
    assert (shown.severity, shown.location.line) == ("error", 28)
    unexplained = found["automated-decisions-unexplained"]
    assert (unexplained.severity, unexplained.location.line) == ("error", 29)
    assert "Art 13(2)(f)" in unexplained.rule


@pytest.mark.slow
def test_a_notice_that_shows_its_automated_decisions_lints_without_those_findings(youth
                                                                                  ) -> None:
    codes = {p.code for p in lint_document(youth, TODAY)}
    assert not codes & {"automated-decisions-not-shown", "automated-decisions-unexplained",
                        "joint-controller-not-shown"}


@pytest.mark.slow
def test_a_joint_controller_the_page_never_names_is_a_warning(project) -> None:
    notice = NOTICE.replace("    show: controller\n", "    text: Us.\n").replace(
        "    show: recipients\n", "    text: Others.\n")
    root = project({"councils/vale/council.yaml": COUNCIL, "councils/vale/youth.yaml": notice})
    (doc,) = load_project(root).documents
    (found,) = [p for p in lint_document(doc, TODAY) if p.code == "joint-controller-not-shown"]
    assert found.location.line == 25 and "Art 26(2)" in found.rule


# --- every block and every option: honoured, or refused with a located error -------------

RICH = """\
kind: privacy-notice
title: Everything
published: 2026-11-20
summary: Summary.
about_programme: About.
purpose: Purpose.
phases: [One, Two]
purposes:
  - description: Planning
  - description: Research
  - description: Audit
    group: g
data_categories:
  - name: Names
  - name: Health
  - name: Grouped
    group: g
data_subjects:
  - name: Children
  - name: Parents
sources:
  - name: schools
  - name: doctors
recipients:
  - name: Police
    purpose: to keep people safe
    data_shared: [names]
  - name: Schools
  - name: Grouped recipient
    group: g
legal_bases:
  - provision: ukgdpr-art6-1-e
  - provision: ca2004-s10
  - provision: ca1989-s17
  - provision: ukgdpr-art9-2-g
    group: g
safeguards: [Locked, Encrypted]
services: [{name: Fostering, purposes: [{description: To approve carers}]}]
automated_decisions: {applies: false}
retention:
  - rule: Six years.
transfers: {outside_uk: false, statement: Kept in the UK.}
complaints: {first_step: Tell us.}
rights: [{right: access}]
data_matching:
  - id: m
    name: Study
    purpose: To study.
    criteria: [a, b]
    data_sent: [Names, Dates]
    retention: [{rule: A month.}]
    datasets: [{name: PNC, holder: MoJ}]
    profiling: {applies: false}
    contact: {name: Team, email: team@example.gov.uk}
    contact_intro: Ask the
    legal_bases:
      - provision: ukgdpr-art6-1-e
      - provision: ca2004-s10
        group: g
sections:
  - heading: Here
    show: {show}
"""


def _extra(option: str, value: str) -> str:
    return f"\n    {option}: {value}"


def _variants() -> dict[str, tuple[str, str]]:
    """For every block, a name -> (the variant it is compared with, the `show:` and
    options): its default, and each option it honours changed."""
    found: dict[str, tuple[str, str]] = {}
    for show, options in BLOCK_OPTIONS.items():
        matching = _extra("matching", "m") if options.matching else ""
        found[f"d-{show}"] = ("", show + matching)
        for style in options.styles:
            if style != "list":
                found[f"{style}-{show}"] = (f"d-{show}", show + matching + _extra("style", style))
        if options.only:
            found[f"only-{show}"] = (f"d-{show}", show + matching + _extra("only", "g"))
        if options.joiner:
            inline = show + matching + _extra("style", "inline")
            found[f"and-{show}"] = ("", inline)
            found[f"or-{show}"] = (f"and-{show}", inline + _extra("joiner", "or"))
    return found


@pytest.mark.slow
def test_every_option_a_block_honours_changes_what_it_prints(project) -> None:
    variants = _variants()
    root = project({"councils/example/council.yaml": COUNCIL_YAML, **{
        f"councils/example/{name}.yaml": RICH.replace("{show}", shown)
        for name, (_, shown) in variants.items()}})
    printed = {doc.slug: render_html(doc).split("<main", 1)[1]
               for doc in load_project(root).documents}
    assert len(printed) == len(variants)
    for name, (compared, _) in variants.items():
        if not compared:
            assert "Here</h2>\n</section>" not in printed[name], f"{name} printed nothing"
        else:
            assert printed[name] != printed[compared], f"{name} changed nothing"
    assert sum(1 for c, _ in variants.values() if c) >= 25


def test_every_option_a_block_does_not_honour_is_refused() -> None:
    refused = 0
    for show, options in BLOCK_OPTIONS.items():
        base = {"show": show, **({"matching": "m"} if options.matching else {})}
        tries = [{"style": s} for s in ("list", "inline", "paragraphs", "detail")
                 if s not in options.styles]
        tries += [] if options.only else [{"only": "g"}]
        tries += [] if options.matching else [{"matching": "m"}]
        tries += [{"joiner": "or"}]  # without style: inline, 'or' has nothing to join
        for extra in tries:
            with pytest.raises(ValidationError, match="would be ignored|does not print|add"):
                Section.model_validate({**base, **extra})
            refused += 1
    assert refused > 60


def test_an_unhonoured_option_is_a_located_error_in_plain_words(project) -> None:
    root = project({
        "councils/example/council.yaml": COUNCIL_YAML,
        "councils/example/n.yaml": RICH.replace("{show}", "dpo\n    style: list"),
    })
    code, output = run(root, "validate")
    assert code == 1
    line = RICH.splitlines().index("  - heading: Here") + 1
    assert (f"councils/example/n.yaml:{line}:5: error: invalid-value: sections[1]: " in output
            and "'show: dpo' prints no list, so 'style: list' would be ignored; remove it"
            in output), output


def test_an_inline_list_can_join_with_or_and_inline_recipients_keep_their_purpose(project
                                                                                  ) -> None:
    root = project({"councils/example/council.yaml": COUNCIL_YAML,
                    "councils/example/r.yaml": RICH.replace("{show}", (
                        "recipients\n    intro: We share with\n    style: inline\n"
                        "    joiner: or"))})
    (doc,) = load_project(root).documents
    assert "We share with Police (to keep people safe) or Schools." in plain(publish(doc).body)


def test_a_notice_chooses_whether_to_print_its_contents_list(project) -> None:
    sections = "".join(f"  - heading: Part {i}\n    text: Words.\n" for i in range(6))
    base = "kind: privacy-notice\ntitle: T\npublished: 2026-11-20\n"
    root = project({
        "councils/example/council.yaml": COUNCIL_YAML,
        "councils/example/auto.yaml": base + "sections:\n" + sections,
        "councils/example/never.yaml": base + "contents: never\nsections:\n" + sections,
        "councils/example/always.yaml": base + "contents: always\nsections:\n"
                                        "  - heading: Only part\n    text: Words.\n",
    })
    pages = {d.slug: words(render_html(d)) for d in load_project(root).documents}
    assert "On this page" in pages["auto"]
    assert "On this page" not in pages["never"]
    assert "On this page" in pages["always"]


# --- an umbrella notice's services, and a notice as labelled fields ----------------------

UMBRELLA = """\
kind: privacy-notice
title: {en: Family services privacy notice, cy: Hysbysiad preifatrwydd gwasanaethau teulu}
published: 2026-11-20
layout: {layout}
services:
  - name: Fostering
    description: Finding foster carers.
    purposes:
      - description: To approve foster carers
    legal_bases:
      - provision: ca1989-s17
  - name: Youth work
    purposes:
      - description: To run youth clubs
automated_decisions: {applies: false, description: Not applicable.}
sections:
  - heading: {en: "Services:", cy: "Gwasanaethau:"}
    show: services
  - heading: {en: "Automated decisions:", cy: "Penderfyniadau awtomataidd:"}
    show: automated-decisions
"""


def _umbrella(project):  # type: ignore[no-untyped-def]
    """The same notice in each layout, by layout."""
    root = project({"councils/vale/council.yaml": COUNCIL, **{
        f"councils/vale/{layout}.yaml": UMBRELLA.replace("{layout}", layout)
        for layout in ("sections", "fields")}})
    return {doc.slug: doc for doc in load_project(root).documents}


def test_an_umbrella_notice_prints_each_service_with_its_purposes_and_law(project) -> None:
    docs = _umbrella(project)
    html = render_html(docs["sections"])
    section = html.split("Services:</h2>", 1)[1]
    assert section.index(">Fostering</h3>") < section.index("Finding foster carers.") \
        < section.index("To approve foster carers") < section.index("Children Act 1989") \
        < section.index(">Youth work</h3>") < section.index("To run youth clubs")
    assert "What this service uses your information for:" in section
    welsh = words(render_html(docs["sections"], language="cy"))
    assert "Beth mae'r gwasanaeth hwn yn defnyddio eich gwybodaeth ar ei gyfer:" in welsh


def test_a_notice_in_labelled_fields_prints_the_same_data_beside_each_label(project) -> None:
    docs = _umbrella(project)
    doc = docs["fields"]
    html = render_html(doc)
    assert '<table class="fields">' in html and "<h2" not in html.split("<main", 1)[1]
    assert '<th scope="row">Automated decisions:</th><td><p>Not applicable.</p>' in html
    assert '<th scope="row">Services:</th><td><h3>Fostering</h3>' in html
    assert "On this page" not in words(html)
    welsh = render_html(doc, language="cy")
    assert '<th scope="row">Penderfyniadau awtomataidd:</th>' in welsh
    fields, sections = (plain(publish(docs[k]).body) for k in ("fields", "sections"))
    for said in ("Fostering", "To approve foster carers", "Children Act 1989", "Youth work",
                 "To run youth clubs", "Not applicable."):  # the same data, laid out otherwise
        assert said in fields and said in sections


@pytest.mark.slow
def test_labelled_fields_and_services_print_in_word_and_pdf(project, tmp_path: Path) -> None:
    import subprocess

    from pause_docs.render.docx import make_docx
    from pause_docs.render.pdf import render_pdf

    doc = _umbrella(project)["fields"]
    for language, label in (("en", "Automated decisions:"), ("cy", "Penderfyniadau")):
        edition = render_document(doc, language=language)
        word = docx_text(make_docx(edition)[0])
        assert label in word and "To approve foster carers" in word
        pdf = tmp_path / f"family.{language}.pdf"
        assets = REPO / "pause_docs" / "templates" / "assets"
        pdf.write_bytes(render_pdf(edition.page.html, assets, 0))
        text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                       text=True, check=True).stdout.split())
        assert label in text and "Fostering" in text


@pytest.mark.slow
def test_a_labelled_field_notices_caption_is_for_screen_readers_only_in_every_format(
        project, tmp_path: Path) -> None:
    import io
    import subprocess

    import pikepdf
    from wordinfo import document_xml, paragraphs, w

    from pause_docs.render.docx import make_docx
    from pause_docs.render.pdf import render_pdf

    doc = _umbrella(project)["fields"]
    for language, caption in (("en", "About this notice"), ("cy", "Am yr hysbysiad hwn")):
        edition = render_document(doc, language=language)
        page = edition.page.html
        assert f'<caption class="visually-hidden">{caption}</caption>' in page
        assert ".visually-hidden {" in page  # the notice's own stylesheet hides it
        pdf = render_pdf(page, REPO / "pause_docs" / "templates" / "assets", 0)
        text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf,
                              capture_output=True, check=True).stdout.decode()
        assert caption not in text and "Fostering" in text
        with pikepdf.open(io.BytesIO(pdf)) as opened:
            alts = [str(e.Alt) for e in _structure(opened.Root.StructTreeRoot)
                    if e.get("/S") == "/Caption" and "/Alt" in e]
        assert alts == [caption]  # still in the tag tree, as the caption's words
        root = document_xml(make_docx(edition)[0])
        assert caption not in paragraphs(root)
        assert [c.get(w("val")) for c in root.iter(w("tblCaption"))] == [caption]


def _structure(element):  # type: ignore[no-untyped-def]
    import pikepdf

    yield element
    k = element.get("/K")
    for kid in (k if isinstance(k, pikepdf.Array) else [k] if k is not None else []):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield from _structure(kid)


def test_a_notice_prints_its_own_lines_before_its_text_in_its_order(project) -> None:
    notice = NOTICE.replace("published: 2026-11-20\n", (
        "published: 2026-11-20\nshow_date: none\nmetadata:\n"
        "  - {label: Reference, value: YS-PN-07}\n"
        "  - {label: {en: Last reviewed, cy: Adolygwyd ddiwethaf}, value: March 2026}\n"
        "  - label: Download\n    value: this notice as a PDF\n"
        "    url: https://www.example.gov.uk/youth.pdf\n"))
    root = project({"councils/vale/council.yaml": COUNCIL, "councils/vale/youth.yaml": notice})
    (doc,) = load_project(root).documents
    text = words(render_html(doc))
    assert ("Youth support privacy notice Reference: YS-PN-07 Last reviewed: March 2026 "
            "Download: this notice as a PDF") in text
    assert "Last updated" not in text
    welsh = words(render_html(doc, language="cy"))
    assert "Adolygwyd ddiwethaf: March 2026" in welsh
    edition = render_document(doc)
    from pause_docs.render.docx import make_docx

    assert "Reference: YS-PN-07" in docx_text(make_docx(edition)[0])


@pytest.mark.slow
def test_a_condition_prints_under_the_basis_it_goes_with_and_counts_for_lint(project) -> None:
    nested = """\
kind: privacy-notice
title: Nested
published: 2026-11-20
legal_bases:
  - provision: ukgdpr-art6-1-e
    conditions:
      - provision: ukgdpr-art9-2-g
        schedule_1:
          provision: [dpa2018-s10-3, dpa2018-sch1-p18]
  - provision: ca2004-s10
data_categories:
  - name: Health
    special_category: true
sections:
  - heading: {en: The law, cy: Y gyfraith}
    show: legal-bases
  - heading: {en: In full, cy: Yn llawn}
    show: lawful-basis
"""
    root = project({"councils/vale/council.yaml": COUNCIL, "councils/vale/n.yaml": nested})
    (doc,) = load_project(root).documents
    html = render_html(doc)
    listed = html.split("The law</h2>", 1)[1].split("<h2", 1)[0]
    basis, condition = listed.index("Art 6(1)(e)"), listed.index("Art 9(2)(g)")
    assert basis < listed.index('<ul class="conditions">') < condition \
        < listed.index("Children Act 2004")
    assert '<div class="legal-basis-condition">' in html
    assert '<ul class="conditions">' in render_html(doc, language="cy")
    codes = {p.code for p in lint_document(doc, TODAY)}
    assert "special-category-without-condition" not in codes
