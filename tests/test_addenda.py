"""Addenda: a notice for everyone under another (`parent:`) says it adds to that notice, and
what it adds; leaves to it what it does not say (lint checking that notice says it); and the
notice it adds to links back to it, rebuilt when an addendum comes or goes."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import COUNCIL_YAML, REPO
from wordinfo import docx_text

from pause_docs.build import build
from pause_docs.check.lint import lint_document
from pause_docs.render.edition import render_document, render_html
from pause_docs.source.loading import load_project

TODAY = dt.date(2026, 12, 7)
COUNCIL = COUNCIL_YAML.replace("nation: england", "nation: wales\nlanguages: [en, cy]")
MAIN = """\
kind: privacy-notice
title: {en: Children's Services privacy notice, cy: Hysbysiad preifatrwydd Gwasanaethau Plant}
published: 2026-11-01
purposes:
  - description: {en: to keep children safe, cy: i gadw plant yn ddiogel}
data_categories:
  - name: {en: Name and address, cy: Enw a chyfeiriad}
recipients: [{name: Police}]
legal_bases:
  - provision: ukgdpr-art6-1-e
    reason: we carry out our public tasks.
RIGHTS
complaints:
  to_regulator: "You can complain to the regulator:"
sections:
  - heading: {en: The law, cy: Y gyfraith}
    show: lawful-basis
  - heading: {en: Your rights, cy: Eich hawliau}
    show: rights
  - heading: {en: Complaints, cy: Cwynion}
    show: complaints
  - heading: {en: Our Data Protection Officer, cy: Ein Swyddog Diogelu Data}
    show: dpo
"""
RIGHTS = "rights: [{right: access}, {right: object}, {right: complain-to-controller}]"
ADDENDUM = """\
kind: privacy-notice
parent: childrens-services
title: {en: Pause privacy notice, cy: Hysbysiad preifatrwydd Pause}
published: 2026-11-20
purposes:
  - description: {en: to keep children safe, cy: i gadw plant yn ddiogel}
  - description: {en: to evaluate the programme, cy: i werthuso'r rhaglen}
data_categories:
  - name: {en: Name and address, cy: Enw a chyfeiriad}
  - name: {en: Contraception, cy: Atal cenhedlu}
recipients: [{name: Police}, {name: Pause}]
legal_bases:
  - provision: ukgdpr-art6-1-e
  - provision: ukgdpr-art9-2-h
sections:
  - heading: {en: What we use it for, cy: At beth rydym yn ei defnyddio}
    show: purposes
  - heading: {en: The law, cy: Y gyfraith}
    show: lawful-basis
  - heading: {en: Your rights, cy: Eich hawliau}
    show: rights
"""


def site(project, main: str | None = None, addendum: str | None = ADDENDUM) -> Path:  # type: ignore[no-untyped-def]
    files = {"councils/example/council.yaml": COUNCIL,
             "councils/example/childrens-services.yaml": main or MAIN.replace("RIGHTS", RIGHTS)}
    if addendum is not None:
        files["councils/example/pause.yaml"] = addendum
    return project(files)  # type: ignore[no-any-return]


def docs(root: Path) -> dict:  # type: ignore[type-arg]
    return {d.slug: d for d in load_project(root).documents}


def words(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html.split("<main", 1)[1]).split())


def test_an_addendum_says_what_it_adds_to_and_links_to_that_notice(project) -> None:
    found = docs(site(project))
    page = render_html(found["pause"])
    link = "<a href=\"childrens-services.html\">Children's Services privacy notice</a>"
    assert (f"This notice adds to our {link}. It says only what is different; everything "
            "else is as that notice says.") in page
    assert "short version" not in page
    text = words(page)
    assert ("What it adds to that notice: Purposes: to evaluate the programme Personal "
            "data: Contraception Who receives it: Pause The law: UK GDPR Art 9(2)(h)"
            ) in text, text
    assert "Name and address" not in text.split("The law:")[0]


def test_an_addendum_cites_the_law_by_article_not_plain_reasons(project) -> None:
    page = render_html(docs(site(project))["pause"])
    law = page.split("The law</h2>", 1)[1].split("<h2", 1)[0]
    assert "UK GDPR Art 6(1)(e)</a></p>" in law
    assert "You can read about your rights in our" in page


def test_an_addendum_prints_in_welsh(project) -> None:
    text = words(render_html(docs(site(project))["pause"], language="cy"))
    assert ("Mae'r hysbysiad hwn yn ychwanegu at ein Hysbysiad preifatrwydd Gwasanaethau "
            "Plant . Dim ond yr hyn sy'n wahanol y mae'n ei nodi;") in text, text
    assert "Beth mae'n ei ychwanegu at yr hysbysiad hwnnw: Dibenion: i werthuso'r rhaglen" \
        in text
    assert "Atal cenhedlu" in text and "Enw a chyfeiriad" not in text.split("Y gyfraith")[0]


def test_the_main_notice_links_to_its_addendum_in_each_language(project) -> None:
    main = docs(site(project))["childrens-services"]
    assert [a.slug for a in main.addenda] == ["pause"]
    assert ('This notice has an addendum: <a href="pause.html">Pause privacy notice</a>.'
            in render_html(main))
    assert ("Mae gan yr hysbysiad hwn atodiad: Hysbysiad preifatrwydd Pause ."
            in words(render_html(main, language="cy")))
    assert "councils/example/pause.yaml" in main.provenance.inputs


def test_a_layer_is_no_addendum_and_the_main_notice_does_not_link_to_it(project) -> None:
    layer = ADDENDUM.replace("parent:", "audience: young-people\nparent:")
    found = docs(site(project, addendum=layer))
    assert "This is a short version of our" in render_html(found["pause"])
    assert "What it adds" not in render_html(found["pause"])
    assert found["childrens-services"].addenda == ()
    assert "addendum" not in render_html(found["childrens-services"])


def test_an_addendum_leaving_rights_to_a_notice_without_them_is_a_located_error(
        project) -> None:
    found = docs(site(project, main=MAIN.replace("RIGHTS", "")))
    problems = [p for p in lint_document(found["pause"], TODAY)
                if p.code == "deferred-not-in-parent"]
    assert [(p.location.path, p.location.line) for p in problems] == [
        ("councils/example/pause.yaml", 2)]
    assert problems[0].message.startswith("the addendum leaves the rights people have to "
                                          "'childrens-services'")


def test_an_addendum_is_not_held_to_a_layers_reading_level(project) -> None:
    assert not [p for p in lint_document(docs(site(project))["pause"], TODAY)
                if p.code in ("deferred-not-in-parent", "hard-to-read-for-audience")]


def test_adding_and_removing_an_addendum_makes_the_main_notice_again(project) -> None:
    root = site(project, addendum=None)
    out = root / "output"
    page = out / "example" / "childrens-services.html"
    build(root, out, "html", jobs=1)
    assert "addendum" not in page.read_text()
    addendum = root / "councils" / "example" / "pause.yaml"
    addendum.write_text(ADDENDUM)
    report = build(root, out, "html", jobs=1)
    assert "councils/example/childrens-services.yaml" in report.built
    assert '<a href="pause.html">Pause privacy notice</a>' in page.read_text()
    addendum.write_text(ADDENDUM.replace("en: Pause privacy notice", "en: Pause notice"))
    build(root, out, "html", jobs=1)
    assert '<a href="pause.html">Pause notice</a>' in page.read_text()
    addendum.rename(addendum.with_name("pause-addendum.yaml"))
    build(root, out, "html", jobs=1)
    assert '<a href="pause-addendum.html">Pause notice</a>' in page.read_text()
    addendum.with_name("pause-addendum.yaml").unlink()
    report = build(root, out, "html", jobs=1)
    assert "councils/example/childrens-services.yaml" in report.built
    assert "addendum" not in page.read_text()
    assert build(root, out, "html", jobs=1).built == []


@pytest.mark.parametrize("key", ["parent", '"p\\x61rent"', '"\\u0070arent"'])
def test_an_addendum_added_makes_the_main_notice_again_however_its_key_is_spelled(
        project, key: str) -> None:
    """The build reads a document for its `parent:` only when its text may hold one: a key
    spelled with escapes is one too."""
    root = site(project, addendum=None)
    out = root / "output"
    build(root, out, "html", jobs=1)
    (root / "councils" / "example" / "pause.yaml").write_text(
        ADDENDUM.replace("parent:", f"{key}:"))
    report = build(root, out, "html", jobs=1)
    assert "councils/example/childrens-services.yaml" in report.built
    assert '<a href="pause.html">Pause privacy notice</a>' in (
        out / "example" / "childrens-services.html").read_text()


@pytest.mark.slow
def test_the_addendum_sentences_print_in_word_and_pdf(project, tmp_path: Path) -> None:
    import subprocess

    from pause_docs.render.docx import make_docx
    from pause_docs.render.pdf import render_pdf

    found = docs(site(project))
    for slug, language, said in (
            ("pause", "en", "This notice adds to our Children's Services privacy notice."),
            ("pause", "cy", "Mae'r hysbysiad hwn yn ychwanegu at ein"),
            ("childrens-services", "en", "This notice has an addendum: Pause privacy notice"),
            ("childrens-services", "cy", "Mae gan yr hysbysiad hwn atodiad:")):
        edition = render_document(found[slug], language=language)
        word = " ".join(docx_text(make_docx(edition)[0]).split())
        assert said in word.replace("’", "'"), word
        pdf = tmp_path / f"{slug}.{language}.pdf"
        assets = REPO / "pause_docs" / "templates" / "assets"
        pdf.write_bytes(render_pdf(edition.page.html, assets, 0))
        text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                       text=True, check=True).stdout.split())
        assert said in text.replace("’", "'"), text


def test_diff_of_the_main_notice_names_its_addendum_to_revisit(project) -> None:
    from pause_docs.compare.layers import revisit_notes

    (note,) = revisit_notes(docs(site(project))["childrens-services"])
    assert "councils/example/pause.yaml (addendum)" in note


PROGRAMME = """\
name: Pause
description: A programme for women.
defaults:
  notice:
    parent: childrens-services
"""


def test_an_addendum_whose_programme_names_the_main_notice_is_linked_both_ways(
        project) -> None:
    root = site(project, addendum=None)
    (root / "councils" / "programmes").mkdir()
    (root / "councils" / "programmes" / "pause.yaml").write_text(PROGRAMME)
    out = root / "output"
    page = out / "example" / "childrens-services.html"
    build(root, out, "html", jobs=1)
    (root / "councils" / "example" / "pause.yaml").write_text(
        ADDENDUM.replace("parent: childrens-services", "programme: pause"))
    build(root, out, "html", jobs=1)
    assert '<a href="pause.html">Pause privacy notice</a>' in page.read_text()
    addendum = (out / "example" / "pause.html").read_text()
    assert ("Children's Services privacy notice</a>. It says only what is different for "
            "Pause; everything else is as that notice says.") in addendum
    cy = words((out / "example" / "pause.cy.html").read_text())
    assert "Dim ond yr hyn sy'n wahanol ar gyfer Pause y mae'n ei nodi;" in cy
