"""What a council's own form decides about its layout and words, each on a form and a document
written here (not bundled), in HTML, PDF and Word, in English and Welsh where text is
printed: guidance-only sections, a line above the title, the council's name only when the
form names it, and mistakes in a form and a document reported in one pass."""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from conftest import COUNCIL_YAML
from wordinfo import document_xml, paragraphs, w

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
    return loaded(project({"councils/cymru/council.yaml": council,
                           "councils/forms/trial.yaml": form,
                           "councils/cymru/screening.yaml": document}))


def loaded(root: Path):  # type: ignore[no-untyped-def]
    """The one document of the project at `root`, which has no problems."""
    project = load_project(root)
    assert project.problems == [], project.problems
    (doc,) = [d for d in project.documents if d.council_slug == "cymru"]
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


# --- 18: a line above the title; 29: the council's name only when the form names it ----------

ABOVE = """\
above_title: {en: "APPENDIX {appendix}", cy: "ATODIAD {appendix}"}
show_council: true
"""
APPENDIX_FIELD = ("type: text, required: true}\n",
                  "type: text, required: true}\n"
                  "      - {id: appendix, label: {en: Appendix, cy: Atodiad}, type: text}\n")


def test_the_form_prints_a_line_above_the_title_with_the_documents_value(project) -> None:
    form = ABOVE + FORM.replace(*APPENDIX_FIELD)
    root = project({"councils/cymru/council.yaml": WELSH_COUNCIL,
                    "councils/forms/trial.yaml": form,
                    "councils/cymru/screening.yaml": DOCUMENT + "appendix: '4'\n"})
    doc = loaded(root)
    html = html_of(doc)
    assert re.search(r'<p class="above-title">APPENDIX 4</p>\s*<h1>Service change screening'
                     r"</h1>", html), html[:3000]
    assert '<p class="above-title">ATODIAD 4</p>' in html_of(doc, "cy")
    # a document that leaves the value out has no line, rather than 'APPENDIX '
    (root / "councils/cymru/screening.yaml").write_text(DOCUMENT, encoding="utf-8")
    assert 'class="above-title"' not in html_of(loaded(root))


def test_a_line_above_the_title_naming_no_text_field_is_refused(project) -> None:
    root = project({"councils/cymru/council.yaml": COUNCIL_YAML,
                    "councils/forms/trial.yaml": ABOVE + FORM,
                    "councils/cymru/screening.yaml": DOCUMENT})
    code, output = validate(root)
    assert code == 1
    assert re.search(r"^councils/forms/trial\.yaml:1:\d+: error: unknown-field: above_title: "
                     r"'\{appendix\}' is not a text field of this form; the text fields are: "
                     r"service$", output, re.M), output


def test_the_councils_name_is_printed_above_the_title_only_when_the_form_says_so(
        project) -> None:
    council = "Example Borough Council"
    root = project({"councils/cymru/council.yaml": COUNCIL_YAML,
                    "councils/forms/trial.yaml": FORM, "councils/cymru/screening.yaml": DOCUMENT})
    html = html_of(loaded(root))
    body = html[html.index("<body"):]
    assert council not in body[:body.index("<h1>")]
    assert 'class="publisher"' not in body
    (root / "councils/forms/trial.yaml").write_text("show_council: true\n" + FORM,
                                                    encoding="utf-8")
    html = html_of(loaded(root))
    body = html[html.index("<body"):]
    assert f'<p class="publisher">{council}</p>' in body[:body.index("<h1>")]


@pytest.mark.slow
def test_the_line_above_the_title_and_no_council_name_in_pdf_and_word(project,
                                                                     tmp_path: Path) -> None:
    form = FORM.replace(*APPENDIX_FIELD).replace(
        "title: {en", 'above_title: {en: "APPENDIX {appendix}", cy: "ATODIAD {appendix}"}\n'
        "title: {en")
    doc = documents(project, form, DOCUMENT + "appendix: 4b\n")
    for language, line, title in (("en", "APPENDIX 4b", "Service change screening"),
                                  ("cy", "ATODIAD 4b", "Sgrinio newid gwasanaeth")):
        out = printed(doc, language, tmp_path)
        assert f"{line} {title}" in out.pdf
        assert "Example Borough Council" not in out.pdf[:out.pdf.index(line)]
        at = out.word.index(line)
        assert out.word[at + 1] == title
        assert not any("Example Borough Council" in p for p in out.word[:at])


# --- 25: a question with no topic is named by its text, shortened ----------------------------

UNTITLED = FORM.replace("      - {id: access, topic: {en: Access, cy: Mynediad}}\n", """\
      - {id: access, topic: {en: Access, cy: Mynediad}}
      - id: reach
        number: "2"
        question:
          en: >-
            Will the change make it **harder** for families to reach the service when
            they need it?
          cy: >-
            A fydd y newid yn ei gwneud yn anoddach i deuluoedd gyrraedd y gwasanaeth pan
            fo angen?
""")
REACH_EN = "2 Will the change make it harder for families to reach the…"
REACH_CY = "2 A fydd y newid yn ei gwneud yn anoddach i deuluoedd…"


def test_a_decision_names_a_question_without_topic_by_its_text_shortened(project) -> None:
    doc = documents(project, UNTITLED, DOCUMENT + "  reach: {answer: 'yes', evidence: Bus "
                    "routes change.}\n")
    for language, name in (("en", REACH_EN), ("cy", REACH_CY)):
        html = html_of(doc, language)
        decision = html[html.index('<div class="decision"'):]
        assert f'<a href="#question-reach">{name}</a>' in decision
        assert "reach</a>" not in decision


def test_lint_and_diff_name_a_question_without_topic_by_its_text(project) -> None:
    root = project({"councils/cymru/council.yaml": COUNCIL_YAML,
                    "councils/forms/trial.yaml": UNTITLED,
                    "councils/cymru/screening.yaml": DOCUMENT})
    old = root / "councils/cymru/screening.yaml"
    new = old.with_name("revised.yaml")
    new.write_text(DOCUMENT + "  reach: {answer: 'yes', evidence: Bus routes change.}\n",
                   encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(root), "diff", str(old), str(new)])
    assert f"{REACH_EN} is now Yes" in result.output, result.output
    assert f"  - Added: {REACH_EN}\n" in result.output
    result = CliRunner().invoke(main, ["--project", str(root), "lint", str(old)])
    assert f"'{REACH_EN}' is not answered" in result.output, result.output


@pytest.mark.slow
def test_a_question_without_topic_in_the_decision_in_pdf_and_word(project,
                                                                 tmp_path: Path) -> None:
    doc = documents(project, UNTITLED, DOCUMENT + "  reach: {answer: 'yes', evidence: Bus "
                    "routes change.}\n")
    for language, name in (("en", REACH_EN), ("cy", REACH_CY)):
        out = printed(doc, language, tmp_path)
        assert name in out.pdf
        assert any(name in p for p in out.word), out.word


# --- 28: a form with no place for evidence asks for none -------------------------------------

NO_EVIDENCE = FORM.replace("    scale: yes-no\n", "    scale: yes-no\n    evidence: none\n")
ANSWERED_YES = DOCUMENT.replace(
    "  access: {answer: \"no\", evidence: {en: Seen in the data., cy: Wedi'i weld yn y data.}}",
    "  access: 'yes'")


def test_a_form_with_no_evidence_column_asks_for_no_evidence(project) -> None:
    root = project({"councils/cymru/council.yaml": COUNCIL_YAML,
                    "councils/forms/trial.yaml": NO_EVIDENCE,
                    "councils/cymru/screening.yaml": ANSWERED_YES})
    result = CliRunner().invoke(main, ["--project", str(root), "lint"])
    assert "missing-evidence" not in result.output, result.output
    html = html_of(loaded(root))
    assert ">Evidence<" not in html and "evidence-row" not in html
    assert "A full assessment is needed" in html
    # a document that gives evidence all the same is told where, not silently ignored
    (root / "councils/cymru/screening.yaml").write_text(DOCUMENT, encoding="utf-8")
    code, output = validate(root)
    assert code == 1
    assert re.search(r"^councils/cymru/screening\.yaml:6:\d+: error: .*evidence", output,
                     re.M), output
    # and `new` writes no evidence to fill in
    (root / "councils/cymru/screening.yaml").unlink()
    result = CliRunner().invoke(main, ["--project", str(root), "new", "cymru",
                                       "--form", "trial"])
    assert result.exit_code == 0, result.output
    text = (root / "councils/cymru/trial.yaml").read_text(encoding="utf-8")
    assert "  access:\n    answer: TODO No, Yes (Access)\n" in text
    assert "evidence" not in text


def test_the_same_answer_on_a_form_with_evidence_is_still_asked_for_it(project) -> None:
    root = project({"councils/cymru/council.yaml": COUNCIL_YAML,
                    "councils/forms/trial.yaml": FORM,
                    "councils/cymru/screening.yaml": ANSWERED_YES})
    result = CliRunner().invoke(main, ["--project", str(root), "lint"])
    assert "warning: missing-evidence: 'Access' is answered Yes" in result.output


@pytest.mark.slow
def test_no_evidence_heading_in_pdf_and_word_in_either_language(project,
                                                               tmp_path: Path) -> None:
    doc = documents(project, NO_EVIDENCE, ANSWERED_YES)
    for language, evidence, needed in (("en", "Evidence", "A full assessment is needed"),
                                       ("cy", "Tystiolaeth", "Mae angen asesiad llawn")):
        out = printed(doc, language, tmp_path)
        assert needed in out.pdf and any(needed in p for p in out.word)
        assert evidence not in out.pdf
        assert not any(evidence in p for p in out.word)


# --- 24: the form's numeric date style -------------------------------------------------------

@pytest.mark.parametrize(("style", "printed_as"), [
    ("numeric", "03/02/27"), ("numeric-long", "03/02/2027"), ("ordinal", "3rd February 2027")])
def test_a_form_prints_its_dates_in_its_own_style(project, style: str, printed_as: str) -> None:
    form = f"date_style: {style}\n" + FORM.replace(*DATE_FIELD)
    doc = documents(project, form, DOCUMENT + "review: 2027-02-03\n")
    html = html_of(doc)
    assert f'<time datetime="2027-02-03">{printed_as}</time>' in html
    if style.startswith("numeric"):
        assert f'<time datetime="2027-02-03">{printed_as}</time>' in html_of(doc, "cy")


DATE_FIELD = ("type: text, required: true}\n",
              "type: text, required: true}\n"
              "      - {id: review, label: {en: 'Review by:', cy: 'Adolygu erbyn:'}, type: date}\n")


@pytest.mark.slow
def test_numeric_dates_in_pdf_and_word(project, tmp_path: Path) -> None:
    doc = documents(project, "date_style: numeric\n" + FORM.replace(*DATE_FIELD),
                    DOCUMENT + "review: 2027-02-03\n")
    for language in ("en", "cy"):
        out = printed(doc, language, tmp_path)
        assert "03/02/27" in out.pdf
        assert "03/02/27" in out.word


# --- 23: a table's rows given by the form ----------------------------------------------------

FIXED_ROWS = """\
  - id: effects
    heading: {en: Effects over time, cy: Effeithiau dros amser}
    fields:
      - id: effects
        label: {en: Effects over time, cy: Effeithiau dros amser}
        type: table
        show_empty: true
        rows_label: {en: Timescale, cy: Amserlen}
        rows:
          - {value: short-term, label: {en: Short term, cy: Tymor byr}}
          - {value: medium-term, label: {en: Medium term, cy: Tymor canolig}}
          - {value: long-term, label: {en: Long term, cy: Tymor hir}}
        columns:
          - {id: effect, label: {en: Effect, cy: Effaith}}
          - {id: action, label: {en: Action, cy: Cam gweithredu}}
"""
FILLED_ROWS = """\
effects:
  short-term: {effect: Fewer drop-in hours, action: Add an evening session}
  long-term: {effect: A new hub opens}
"""


def test_a_table_prints_the_rows_the_form_gives_filled_in_or_not(project) -> None:
    doc = documents(project, add_section(FORM, FIXED_ROWS), DOCUMENT + FILLED_ROWS)
    html = html_of(doc)
    table = html[html.index("Effects over time</caption>"):]
    table = table[:table.index("</table>")]
    assert ('<th scope="col" class="label-col">Timescale</th>'
            '<th scope="col" class="text-col">Effect</th>') in table
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    assert [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r) for r in rows] == [
        ["Short term", "Fewer drop-in hours", "Add an evening session"],
        ["Medium term", "", ""],
        ["Long term", "A new hub opens", ""],
    ]
    assert '<th scope="row">Medium term</th><td></td><td></td>' in table
    cy = html_of(doc, "cy")
    assert '<th scope="row">Tymor canolig</th>' in cy and ">Amserlen</th>" in cy


@pytest.mark.parametrize(("document", "message"), [
    (FILLED_ROWS.replace("long-term:", "longterm:"), "unknown key 'longterm' in effects"),
    (FILLED_ROWS.replace("action:", "actoin:"), "unknown key 'actoin' in effects.short-term"),
])
def test_a_row_or_column_the_form_does_not_give_is_refused_at_its_place(
        project, document: str, message: str) -> None:
    root = project({"councils/cymru/council.yaml": COUNCIL_YAML,
                    "councils/forms/trial.yaml": add_section(FORM, FIXED_ROWS),
                    "councils/cymru/screening.yaml": DOCUMENT + document})
    code, output = validate(root)
    assert code == 1
    assert re.search(r"^councils/cymru/screening\.yaml:\d+:\d+: error: unknown-key: "
                     + re.escape(message), output, re.M), output


@pytest.mark.slow
def test_fixed_rows_in_pdf_and_word(project, tmp_path: Path) -> None:
    doc = documents(project, add_section(FORM, FIXED_ROWS), DOCUMENT)  # none filled in
    for language, labels in (("en", ["Short term", "Medium term", "Long term"]),
                             ("cy", ["Tymor byr", "Tymor canolig", "Tymor hir"])):
        out = printed(doc, language, tmp_path)
        at = [out.pdf.index(label) for label in labels]
        assert at == sorted(at)
        assert [p for p in out.word if p in labels] == labels


# --- 19: a heading over the answer columns; 20: extra columns as real columns ----------------

SPANNED = FORM.replace("    scale: yes-no\n", """\
    scale: yes-no
    answer_label: {en: Potential for adverse impact, cy: Potensial am effaith andwyol}
    evidence: column
    columns:
      - id: mitigation
        label: {en: Mitigating circumstances, cy: Amgylchiadau lliniarol}
        place: column
""").replace("      - {id: access, topic: {en: Access, cy: Mynediad}}\n",
             "      - {id: access, topic: {en: Access, cy: Mynediad}}\n"
             "      - {id: hours, topic: {en: Opening hours, cy: Oriau agor}}\n")
SPANNED_DOCUMENT = DOCUMENT + "  hours: {answer: 'yes', mitigation: An evening session.}\n"


def test_the_answer_label_heads_the_answer_columns_and_extra_columns_are_columns(
        project) -> None:
    doc = documents(project, SPANNED, SPANNED_DOCUMENT)
    for language, words in (("en", ("Question", "Potential for adverse impact", "Evidence",
                                     "Mitigating circumstances", "No", "Yes")),
                            ("cy", ("Cwestiwn", "Potensial am effaith andwyol", "Tystiolaeth",
                                    "Amgylchiadau lliniarol", "Na", "Ydy"))):
        html = html_of(doc, language)
        head = html[html.index("<thead>"):html.index("</thead>")]
        question, label, evidence, mitigation, no, yes = words
        assert re.findall(r"<tr>(.*?)</tr>", head, re.S) == [
            f'<th scope="col" rowspan="2" class="question">{question}</th>'
            f'<th scope="col" colspan="2" class="answers">{label}</th>'
            f'<th scope="col" rowspan="2">{evidence}</th>'
            f'<th scope="col" rowspan="2">{mitigation}</th>',
            f'<th scope="col" class="tick-col">{no}</th>'
            f'<th scope="col" class="tick-col">{yes}</th>']
    html = html_of(doc)
    row = html[html.index('<tbody id="question-hours">'):]
    cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row[:row.index("</tr>")], re.S)
    assert len(cells) == 5 and cells[4].strip() == "<p>An evening session.</p>"
    row = html[html.index('<tbody id="question-access">'):]
    cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row[:row.index("</tr>")], re.S)
    assert len(cells) == 5 and cells[4] == ""  # an empty column, not a missing cell


def test_questions_on_two_scales_in_one_grid_are_refused(project) -> None:
    form = FORM.replace("  yes-no:\n", "  maybe:\n    options: [{value: maybe, label: Maybe}]\n"
                        "  yes-no:\n").replace(
        "      - {id: access, topic: {en: Access, cy: Mynediad}}\n",
        "      - {id: access, topic: {en: Access, cy: Mynediad}}\n"
        "      - {id: hours, topic: Hours, scale: maybe}\n")
    root = project({"councils/cymru/council.yaml": COUNCIL_YAML,
                    "councils/forms/trial.yaml": form, "councils/cymru/screening.yaml": DOCUMENT})
    code, output = validate(root)
    assert code == 1
    assert re.search(r"^councils/forms/trial\.yaml:\d+:\d+: error: mixed-scales: the questions "
                     r"of this section are on different scales \(maybe, yes-no\)", output,
                     re.M), output


@pytest.mark.slow
def test_spanning_heading_and_extra_columns_in_pdf_and_word(project, tmp_path: Path) -> None:
    doc = documents(project, SPANNED, SPANNED_DOCUMENT)
    for language, label, mitigation in (
            ("en", "Potential for adverse impact", "Mitigating circumstances"),
            ("cy", "Potensial am effaith andwyol", "Amgylchiadau lliniarol")):
        out = printed(doc, language, tmp_path)
        for words in (label, mitigation):
            assert words in out.pdf
            assert words in out.word
        assert "An evening session." in out.word


# --- 26: headings and captions for screen readers only ---------------------------------------

HIDDEN_HEADING = SPANNED.replace("    heading: {en: Impact, cy: Effaith}\n",
                                 "    heading: {en: Impact, cy: Effaith}\n"
                                 "    heading_hidden: true\n")


@pytest.mark.slow
def test_screen_reader_only_headings_and_captions_stay_out_of_printed_text(
        project, tmp_path: Path) -> None:
    doc = documents(project, HIDDEN_HEADING, SPANNED_DOCUMENT)
    for language, heading, caption, label, question in (
            ("en", "Impact", "The questions, the answer to each, and the evidence for it",
             "Potential for adverse impact", "Question"),
            ("cy", "Effaith", None, "Potensial am effaith andwyol", "Cwestiwn")):
        edition = render_document(doc, language=language)
        out = printed(doc, language, tmp_path)
        caption = caption or re.search(r'<caption class="visually-hidden">(.*?)</caption>',
                                       out.html).group(1)
        assert f'<h2 id="impact" class="visually-hidden">{heading}</h2>' in out.html
        # PDF: the words are neither printed nor extracted among the table's; the tag tree
        # still has them, as the elements' alternate text
        assert caption not in out.pdf
        assert f" {heading} " not in out.pdf.replace(label, "")
        assert question in out.pdf and label in out.pdf
        pdf, _ = FORMATS["pdf"].make(edition)
        with pikepdf.open(io.BytesIO(pdf)) as opened:
            alts = {(str(e.get("/S")), str(e.get("/Alt"))) for e in _elements(
                opened.Root.StructTreeRoot) if "/Alt" in e}
        assert ("/H2", heading) in alts and ("/Caption", caption) in alts
        # Word: neither is a paragraph (Word's hidden text is skipped by screen readers and
        # shown with formatting marks); the heading is the table's title, the caption its
        # description
        word, _ = FORMATS["docx"].make(edition)
        root = document_xml(word)
        assert heading not in paragraphs(root) and caption not in paragraphs(root)
        assert not list(root.iter(w("vanish")))
        (table,) = [t for t in root.iter(w("tbl")) if t.find(
            f"{w('tblPr')}/{w('tblCaption')}").get(w("val")) == heading]
        assert table.find(f"{w('tblPr')}/{w('tblDescription')}").get(w("val")) == caption


def _elements(element):  # type: ignore[no-untyped-def]
    yield element
    k = element.get("/K")
    for kid in (k if isinstance(k, pikepdf.Array) else [k] if k is not None else []):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield from _elements(kid)


# --- 21: tick-box lists feeding the decision; a blank box that means not ticked --------------

CHECKLIST = FORM.replace("""\
  yes-no:
    options:
      - {value: "no", label: {en: "No", cy: Na}}
      - {value: "yes", label: {en: "Yes", cy: Ydy}, triggers: true}
""", """\
  tick:
    display: box
    options:
      - {value: ticked, label: {en: Ticked, cy: Wedi ticio}, triggers: true}
      - {value: not-ticked, label: {en: Not ticked, cy: Heb ticio}}
""").replace("""\
    scale: yes-no
    questions:
      - {id: access, topic: {en: Access, cy: Mynediad}}
""", """\
    scale: tick
    layout: checklist
    questions:
      - id: data
        question:
          en: The change uses new personal data
          cy: Mae'r newid yn defnyddio data personol newydd
      - id: staff
        question: {en: The change moves staff, cy: Mae'r newid yn symud staff}
""")
TICKED = DOCUMENT.replace(
    "  access: {answer: \"no\", evidence: {en: Seen in the data., cy: Wedi'i weld yn y data.}}\n",
    "  data: ticked\n")


def _boxes(html: str) -> list[tuple[str, str]]:
    listed = html[html.index('<ul class="choices stacked checklist">'):]
    listed = listed[:listed.index("</ul>")]
    return re.findall(r'aria-label="(selected|not selected)">.</span> ([^<(]+)', listed)


def test_a_checklist_puts_each_box_before_its_statement_and_feeds_the_decision(
        project) -> None:
    root = project({"councils/cymru/council.yaml": WELSH_COUNCIL,
                    "councils/forms/trial.yaml": CHECKLIST,
                    "councils/cymru/screening.yaml": TICKED})
    doc = loaded(root)
    html = html_of(doc)
    assert _boxes(html) == [("selected", "The change uses new personal data"),
                            ("not selected", "The change moves staff ")]
    assert "(Not answered)" in html  # staff: left blank, and the form does not say blank is No
    decision = html[html.index('<div class="decision"'):]
    assert "<strong>A full assessment is needed</strong>, because of this answer:" in decision
    assert "<li>The change uses new personal data: Ticked</li>" in decision
    assert "<li>The change moves staff</li>" in decision  # still to be answered
    # nothing ticked and nothing said: unanswered, never taken as not ticked
    screening = root / "councils/cymru/screening.yaml"
    screening.write_text(TICKED.replace("answers:\n  data: ticked\n", "answers: {}\n"),
                         encoding="utf-8")
    html = html_of(loaded(root))
    assert "Screening incomplete: 2 questions not answered" in html
    # the form says a blank box means not ticked: the blanks count, and the decision is made
    (root / "councils/forms/trial.yaml").write_text("blank_means: not-ticked\n" + CHECKLIST,
                                                    encoding="utf-8")
    for language, needed in (("en", "No full assessment is needed"),
                             ("cy", "Nid oes angen asesiad llawn")):
        html = html_of(loaded(root), language)
        assert "(Not answered)" not in html
        assert needed in html[html.index('<div class="decision"'):]


def test_a_blank_means_answer_not_on_a_scale_and_a_checklist_of_fields_are_refused(
        project) -> None:
    root = project({"councils/cymru/council.yaml": COUNCIL_YAML,
                    "councils/forms/trial.yaml": "blank_means: \"no\"\n" + CHECKLIST,
                    "councils/cymru/screening.yaml": TICKED})
    code, output = validate(root)
    assert re.search(r"^councils/forms/trial\.yaml:1:\d+: error: unknown-answer: blank_means: "
                     r"'no' is not an answer of the scale 'tick' \(its answers: ticked, "
                     r"not-ticked\)", output, re.M), output
    (root / "councils/forms/trial.yaml").write_text(
        CHECKLIST.replace("    layout: rows\n", "    layout: checklist\n"), encoding="utf-8")
    code, output = validate(root)
    assert code == 1 and "layout: checklist is for a section of questions" in output


@pytest.mark.slow
def test_a_checklist_in_pdf_and_word(project, tmp_path: Path) -> None:
    doc = documents(project, "blank_means: not-ticked\n" + CHECKLIST, TICKED)
    for language, first, second in (
            ("en", "The change uses new personal data", "The change moves staff"),
            ("cy", "Mae'r newid yn defnyddio data personol newydd",
             "Mae'r newid yn symud staff")):
        out = printed(doc, language, tmp_path)
        assert f"☒ {first}" in out.pdf and f"☐ {second}" in out.pdf
        assert f"☒ {first}" in out.word and f"☐ {second}" in out.word


# --- 27: columns sized by their content, no word broken in two ------------------------------

LONG_WORDS = FORM.replace("""\
      - {value: "no", label: {en: "No", cy: Na}}
      - {value: "yes", label: {en: "Yes", cy: Ydy}, triggers: true}
""", """\
      - {value: "no", label: {en: Unaffected, cy: Dianffodedig}}
      - {value: "yes", label: {en: Reassessment, cy: Ailasesiad}, triggers: true}
      - {value: unsure, label: {en: Undetermined, cy: Amhenodedig}, triggers: true}
      - {value: later, label: {en: Postponement, cy: Gohiriadau}}
      - {value: other, label: {en: Circumstantial, cy: Amgylchiadol}}
""").replace("    scale: yes-no\n", "    scale: yes-no\n    numbered: true\n    evidence: column\n"
             ).replace("{id: access, topic: {en: Access, cy: Mynediad}}",
                       "{id: access, number: '12', topic: {en: Access, cy: Mynediad}}")


@pytest.mark.slow
def test_answer_columns_hold_their_longest_word_in_pdf_and_word(project,
                                                                tmp_path: Path) -> None:
    doc = documents(project, LONG_WORDS, DOCUMENT.replace('answer: "no"', "answer: later"))
    for language, labels in (
            ("en", ("Unaffected", "Reassessment", "Undetermined", "Postponement",
                    "Circumstantial")),
            ("cy", ("Dianffodedig", "Ailasesiad", "Amhenodedig", "Gohiriadau",
                    "Amgylchiadol"))):
        out = printed(doc, language, tmp_path)
        for label in labels:
            assert label in out.pdf.split(), (label, out.pdf)  # printed whole, on one line
            assert label in out.word
        edition = render_document(doc, language=language)
        root = document_xml(FORMATS["docx"].make(edition)[0])
        table = next(t for t in root.iter(w("tbl")) if labels[0] in "".join(
            x.text or "" for x in t.iter(w("t"))))
        grid = [int(c.get(w("w"))) / 20 for c in table.iter(w("gridCol"))]
        assert grid[0] < 40  # the number column: as wide as its heading's word, no wider
        # each answer column has room for its longest word at 11 pt (about 0.62 em a letter)
        assert all(width >= len(label) * 0.62 * 11 for width, label in zip(
            grid[2:7], labels, strict=True)), grid


# --- issue 29 item 3: fixed widths where the words fit, the content's where they do not ------

def test_a_screening_whose_answers_fit_its_columns_is_laid_out_by_fixed_widths(project) -> None:
    doc = documents(project)
    for language in ("en", "cy"):
        assert '<table class="screening">' in html_of(doc, language)


def test_longer_answers_than_fixed_widths_hold_keep_the_contents_layout(project) -> None:
    doc = documents(project, LONG_WORDS, DOCUMENT.replace('answer: "no"', "answer: later"))
    for language in ("en", "cy"):  # 'Circumstantial', 'Amgylchiadol'
        assert '<table class="screening criteria long-words">' in html_of(doc, language)


@pytest.mark.parametrize(("number", "role"), [
    ("'1'", "screening criteria"),  # under 'No.' or 'Rhif'
    ("'35(3)(a)'", "screening criteria wide-numbers"),
    ("'Schedule 1, para 4(b)'", "screening criteria wide-numbers long-words")])
def test_a_number_column_is_as_wide_as_its_longest_number(project, number: str,
                                                          role: str) -> None:
    form = FORM.replace("    scale: yes-no\n", "    scale: yes-no\n    numbered: true\n")
    doc = documents(project, form.replace("{id: access, topic:",
                                          f"{{id: access, number: {number}, topic:"))
    for language in ("en", "cy"):
        assert f'<table class="{role}">' in html_of(doc, language)


def test_the_room_the_publisher_measures_words_against_is_the_stylesheets() -> None:
    from pause_docs.publish import questions

    css = (Path(questions.__file__).parents[1] / "templates" / "assets" / "form.css").read_text(
        encoding="utf-8")
    css = css[:css.index("@media")]  # the widths on paper, not at 320 px

    def rem(rule: str) -> float:
        found = re.search(re.escape(rule) + r" \{[^}]*?(?:--tick|width|font-size): ([\d.]+)rem",
                          css)
        assert found, rule
        return float(found.group(1))

    padding = 1.1  # 0.5rem each side (style.css) and a border
    assert rem(".screening") - padding == questions.TICK_ROOM
    assert rem(".criteria") - padding == questions.NUMBERED_TICK_ROOM
    assert rem(".screening .number") - padding == questions.NUMBER_ROOM
    assert rem(".screening.wide-numbers .number") - padding == questions.WIDE_NUMBER_ROOM
    assert rem(".screening thead .tick-col") == questions.HEADING_SIZE
