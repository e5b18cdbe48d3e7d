"""What a council's own form decides about its layout and words, each on a form and a document
written here (not bundled), in HTML, PDF and Word, in English and Welsh where text is
printed: guidance-only sections, a line above the title, the council's name only when the
form names it, and mistakes in a form and a document reported in one pass."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import COUNCIL_YAML
from wordinfo import document_xml, paragraphs

from pause_docs.cli import main
from pause_docs.render.edition import render_document
from pause_docs.render.formats import FORMATS
from pause_docs.source.loading import load_project

WELSH_COUNCIL = COUNCIL_YAML.replace("nation: england", "nation: wales\nlanguages: [en, cy]")

# A small screening form of an invented council, with its words in English and Welsh.
FORM = """\
title: {en: Service change screening, cy: Sgrinio newid gwasanaeth}
for: equality-screening
description: A trial form
scales:
  yes-no:
    options:
      - {value: "no", label: {en: "No", cy: Na}}
      - {value: "yes", label: {en: "Yes", cy: Ydy}, triggers: true}
sections:
  - id: about
    heading: {en: About the change, cy: Am y newid}
    layout: rows
    fields:
      - {id: service, label: {en: "Service:", cy: "Gwasanaeth:"}, type: text, required: true}
  - id: impact
    heading: {en: Impact, cy: Effaith}
    scale: yes-no
    questions:
      - {id: access, topic: {en: Access, cy: Mynediad}}
  - id: outcome
    heading: {en: Outcome, cy: Canlyniad}
    decision: true
decision:
  rule: any
  next_stage: a full assessment
  triggered: {en: A full assessment is needed, cy: Mae angen asesiad llawn}
  not_triggered: {en: No full assessment is needed, cy: Nid oes angen asesiad llawn}
translations:
  cy: {reviewed: false}
"""

DOCUMENT = """\
kind: equality-screening
form: trial
published: 2026-05-01
service: {en: Youth support, cy: Cymorth ieuenctid}
answers:
  access: {answer: "no", evidence: {en: Seen in the data., cy: Wedi'i weld yn y data.}}
"""


def add_section(form: str, section: str, before: str = "  - id: impact\n") -> str:
    """The form with `section` (YAML lines of one section) put before `before`."""
    assert before in form
    return form.replace(before, section + before, 1)


def documents(project, form: str = FORM, document: str = DOCUMENT,  # type: ignore[no-untyped-def]
              council: str = WELSH_COUNCIL):
    root = project({"councils/cymru/council.yaml": council,
                    "councils/forms/trial.yaml": form,
                    "councils/cymru/screening.yaml": document})
    loaded = load_project(root)
    assert loaded.problems == [], loaded.problems
    (doc,) = [d for d in loaded.documents if d.council_slug == "cymru"]
    return doc


@dataclass(frozen=True)
class Printed:
    """One document in one language, as each format prints it."""

    html: str
    pdf: str
    word: list[str]


def printed(doc, language: str, tmp_path: Path) -> Printed:  # type: ignore[no-untyped-def]
    edition = render_document(doc, language=language)
    pdf, _ = FORMATS["pdf"].make(edition)
    path = tmp_path / f"{language}.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    word, _ = FORMATS["docx"].make(edition)
    return Printed(edition.html, " ".join(text.split()), paragraphs(document_xml(word)))


def html_of(doc, language: str = "en") -> str:  # type: ignore[no-untyped-def]
    return render_document(doc, language=language).html


def validate(root: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--project", str(root), "validate"])
    return result.exit_code, result.output


# --- 30: a form's mistakes and a document's in one pass ---------------------------------------

def test_a_form_error_does_not_hide_cross_reference_errors_in_the_form_or_the_document(
        project) -> None:
    form = FORM.replace("layout: rows", "layout: rowz").replace(
        "{id: access, topic: {en: Access, cy: Mynediad}}",
        "{id: access, topic: Access, law: [{provision: eqa2010-s999}]}").replace(
        "type: text, required: true}",
        "type: text, required: true}\n      - {id: basis, label: Basis, type: references}")
    document = DOCUMENT + "basis:\n  - text: Because.\n    references: [{provision: ukgdpr-zz}]\n"
    root = project({"councils/cymru/council.yaml": COUNCIL_YAML,
                    "councils/forms/trial.yaml": form, "councils/cymru/screening.yaml": document})
    code, output = validate(root)
    assert code == 1
    lines = output.splitlines()
    expected = [
        r"councils/forms/trial\.yaml:\d+:\d+: error: invalid-value: sections\[1\]\.layout: "
        r"'rowz' is not one of",
        r"councils/forms/trial\.yaml:\d+:\d+: error: unknown-legal-basis: 'eqa2010-s999' is "
        r"not in the legal registry \(did you mean 'eqa2010-s149'\?\)",
        r"councils/cymru/screening\.yaml:2:7: error: form-has-errors: the form 'trial'",
        r"councils/cymru/screening\.yaml:\d+:\d+: error: unknown-legal-basis: 'ukgdpr-zz'",
    ]
    for pattern in expected:
        assert any(re.match(pattern, line) for line in lines), (pattern, output)
    # a form whose schema is right but which names a missing scale: also both in one pass
    form = FORM.replace("scale: yes-no\n", "scale: yes-noo\n").replace(
        "{id: access, topic: {en: Access, cy: Mynediad}}",
        "{id: access, topic: Access, law: [{provision: eqa2010-s999}]}")
    (root / "councils/forms/trial.yaml").write_text(form, encoding="utf-8")
    code, output = validate(root)
    assert "error: unknown-scale: no scale 'yes-noo'" in output
    assert "error: unknown-legal-basis: 'eqa2010-s999'" in output
    assert "error: unknown-legal-basis: 'ukgdpr-zz'" in output


# --- 22: guidance-only sections -------------------------------------------------------------

GUIDANCE = """\
  - id: notes
    heading: {en: Guidance notes, cy: Nodiadau cyfarwyddyd}
    intro:
      en: Answer **every** question before you sign.
      cy: Atebwch **bob** cwestiwn cyn llofnodi.
"""


def test_a_guidance_section_prints_its_heading_and_text_where_the_form_puts_it(project) -> None:
    doc = documents(project, add_section(FORM, GUIDANCE))
    html = html_of(doc)
    notes = html.index('id="notes"')
    assert html.index("About the change") < notes < html.index(">Impact<")
    assert "Guidance notes</h2>" in html
    assert "Answer <strong>every</strong> question before you sign." in html
    assert "Atebwch <strong>bob</strong> cwestiwn cyn llofnodi." in html_of(doc, "cy")


@pytest.mark.parametrize(("section", "message"), [
    ("  - id: empty\n", "a section with nothing to fill in is guidance: give it a heading and "
     "its text"),
    ("  - id: notes\n    heading: Notes\n    layout: rows\n", "layout is for a section's "
     "fields; a guidance section (heading and text only) has none"),
])
def test_a_section_with_nothing_or_an_option_it_cannot_honour_is_refused(
        project, section: str, message: str) -> None:
    root = project({"councils/cymru/council.yaml": COUNCIL_YAML,
                    "councils/forms/trial.yaml": add_section(FORM, section),
                    "councils/cymru/screening.yaml": DOCUMENT})
    code, output = validate(root)
    assert code == 1
    assert re.search(r"^councils/forms/trial\.yaml:\d+:\d+: error: .*" + re.escape(message),
                     output, re.M), output


@pytest.mark.slow
def test_a_guidance_section_in_pdf_and_word_in_both_languages(project, tmp_path: Path) -> None:
    doc = documents(project, add_section(FORM, GUIDANCE))
    for language, heading, text in (
            ("en", "Guidance notes", "Answer every question before you sign."),
            ("cy", "Nodiadau cyfarwyddyd", "Atebwch bob cwestiwn cyn llofnodi.")):
        out = printed(doc, language, tmp_path)
        for words in (heading, text):
            assert words in out.pdf
            assert words in out.word
        assert out.pdf.index(heading) < out.pdf.index(text)
