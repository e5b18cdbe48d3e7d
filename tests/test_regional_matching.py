"""Data matching on a shared regional platform (issue 26 item 9): who runs the platform and
as what, who supplies which dataset and what it is matched with, and whether the matching
profiles people, printed in every format and in Welsh; the fields' mistakes are located
errors, and lint asks for what the law requires of profiling."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import COUNCIL_YAML, REPO
from test_lint import _project
from test_notice_blocks import words
from test_validate import run
from wordinfo import docx_text

from pause_docs.check.lint import lint_document
from pause_docs.render.edition import render_document, render_html
from pause_docs.source.loading import load_project

TODAY = dt.date(2026, 12, 6)
COUNCIL = COUNCIL_YAML.replace("nation: england", "nation: wales\nlanguages: [en, cy]")
NOTICE = """\
kind: privacy-notice
title: {en: Early help privacy notice, cy: Hysbysiad preifatrwydd cymorth cynnar}
published: 2026-11-20
legal_bases:
  - provision: ukgdpr-art6-1-e
  - provision: ca2004-s10
rights:
  - right: access
  - right: object
data_matching:
  - id: hub
    name: Regional early help matching
    purpose: To find families who may need help early.
    platform:
      name: North Region Data Hub
      run_by: North Combined Authority
      role: processor
    datasets:
      - name: Children's social care records
        supplied_by: Example Borough Council
        matched_with: [Police incident records, Health visiting records]
      - name: Police incident records
        holder: North Police
        supplied_by: North Police
      - name: Health visiting records
        holder: North Health Board
        supplied_by: Example Borough Council
        purpose: to see which children have had health visits
    profiling:
      applies: true
      description: The hub flags families where three or more of the records show a concern.
      decisions: by-people
    retention:
      - records: The matched data
        rule: The hub deletes the matched data three months after each match.
      - records: The list of families found
        rule: We keep the list for one year.
    legal_bases:
      - provision: ukgdpr-art6-1-e
sections:
  - heading: {en: Who matches what, cy: Pwy sy'n paru beth}
    show: matching-datasets
    matching: hub
  - heading: {en: Profiling, cy: Proffilio}
    show: matching-profiling
    matching: hub
  - heading: {en: How long we keep it, cy: Am ba hyd}
    show: matching-retention
    matching: hub
  - heading: {en: Your rights, cy: Eich hawliau}
    show: rights
"""

ENGLISH = (
    "The matching is done on North Region Data Hub, which North Combined Authority runs for "
    "us as a data processor: it uses the information only on our instructions.",
    "Children's social care records (supplied by Example Borough Council), matched with "
    "Police incident records and Health visiting records",
    "Police incident records (held by North Police, supplied by North Police)",
    "Health visiting records (held by North Health Board, supplied by Example Borough "
    "Council) – to see which children have had health visits",
    "This matching is profiling: it uses information about people to evaluate or predict "
    "things about them. The hub flags families where three or more of the records show a "
    "concern. A member of staff looks at each result and decides what to do: no decision "
    "about you is made by automated means alone.",
    "The hub deletes the matched data three months after each match.",
)
WELSH = (  # the council's own words stay English in a span of their own, so in pieces
    "Caiff y paru ei wneud ar blatfform a rennir: North Region Data Hub",
    "North Combined Authority sy'n ei redeg ar ein rhan, fel prosesydd data: dim ond ar ein "
    "cyfarwyddiadau y mae'n defnyddio'r wybodaeth.",
    "Children's social care records (cyflenwr: Example Borough Council",
    "caiff ei baru â'r rhain: Police incident records a Health visiting records",
    "Police incident records (deiliad: North Police",
    "Proffilio yw'r paru hwn: mae'n defnyddio gwybodaeth am bobl i werthuso neu ragweld "
    "pethau amdanynt.",
    "Mae aelod o staff yn edrych ar bob canlyniad ac yn penderfynu beth i'w wneud: ni wneir "
    "unrhyw benderfyniad amdanoch drwy ddulliau awtomataidd yn unig.",
)


def _load(project, notice: str = NOTICE):  # type: ignore[no-untyped-def]
    root = _project(project, {"councils/vale/council.yaml": COUNCIL,
                              "councils/vale/help.yaml": notice})
    loaded = load_project(root)
    assert [p for p in loaded.problems if p.severity == "error"] == [], loaded.problems
    return loaded.documents[0]


def test_the_platform_suppliers_matches_and_profiling_print_in_english(project) -> None:
    text = words(render_html(_load(project)))
    for said in ENGLISH:
        assert said in text, said


def test_they_print_in_welsh(project) -> None:
    text = words(render_html(_load(project), language="cy"))
    for said in WELSH:
        assert said in text, said
    assert "supplied by" not in text and "data processor" not in text


@pytest.mark.parametrize(("role", "said"), [
    ("joint-controller", "which North Combined Authority runs with us as a joint controller: "
                         "we decide together why and how the information is matched."),
    ("independent-controller", "which North Combined Authority runs as a controller in its "
                               "own right: it decides for itself"),
])
def test_the_platform_says_the_role_of_who_runs_it(project, role: str, said: str) -> None:
    notice = NOTICE.replace("role: processor", f"role: {role}")
    assert said in words(render_html(_load(project, notice)))


@pytest.mark.parametrize(("profiling", "said"), [
    ("applies: false", "This matching does not profile you: it is not used to evaluate or "
                       "predict things about you."),
    ("applies: true\n      decisions: none", "This matching is profiling: it uses information "
     "about people to evaluate or predict things about them. No decision about anyone is made "
     "from its results."),
])
def test_profiling_says_whether_it_is_done_and_what_follows(project, profiling: str,
                                                           said: str) -> None:
    notice = NOTICE.replace("      applies: true\n      description: The hub flags families "
                            "where three or more of the records show a concern.\n      "
                            "decisions: by-people", f"      {profiling}")
    assert said in words(render_html(_load(project, notice)))


@pytest.mark.slow
def test_they_print_in_word_and_pdf_in_both_languages(project, tmp_path: Path) -> None:
    import subprocess

    from pause_docs.render.docx import make_docx
    from pause_docs.render.pdf import render_pdf

    doc = _load(project)
    for language, said in (("en", ENGLISH), ("cy", WELSH)):
        edition = render_document(doc, language=language)
        word = " ".join(docx_text(make_docx(edition)[0]).split())
        pdf = tmp_path / f"help.{language}.pdf"
        pdf.write_bytes(render_pdf(edition.page.html, REPO / "pause_docs" / "templates"
                                   / "assets", 0))
        text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                       text=True, check=True).stdout.split())
        for sentence in said:
            assert sentence in word, (language, sentence)
            assert sentence[:60] in text, (language, sentence)


# --- mistakes: located errors ------------------------------------------------------------

def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize(("old", "new", "at", "said"), [
    ("        matched_with: [Police incident records, Health visiting records]\n",
     "        matched_with: [Police records]\n", "  - id: hub",
     "the 'matched_with:' of \"Children's social care records\" names 'Police records', which "
     "is not one of this annex's datasets: did you mean 'Police incident records'?"),
    ("      - name: Police incident records\n        holder: North Police\n"
     "        supplied_by: North Police\n", "      - name: Police incident records\n",
     "      - name: Police incident records",
     "a dataset needs 'holder:' (who holds it), 'supplied_by:' (who supplies it for matching), "
     "or both"),
    ("      decisions: by-people\n", "", "      applies: true",
     "profiling needs 'decisions:' (none, by-people or solely-automated)"),
    ("    platform:\n", "    processor: ONS\n    platform:\n", "  - id: hub",
     "give 'platform:' (which says who runs it, and as what) or 'processor:', not both"),
])
def test_a_mistake_in_the_annex_is_a_located_error(project, old: str, new: str, at: str,
                                                   said: str) -> None:
    assert old in NOTICE
    notice = NOTICE.replace(old, new)
    root = project({"councils/vale/council.yaml": COUNCIL, "councils/vale/help.yaml": notice})
    code, output = run(root, "validate")
    assert code == 1
    line = _line(notice, at)
    assert f"councils/vale/help.yaml:{line}:" in output and said in output, output


def test_a_matching_profiling_section_without_its_annex_id_is_refused(project) -> None:
    notice = NOTICE.replace("    show: matching-profiling\n    matching: hub\n",
                            "    show: matching-profiling\n")
    root = project({"councils/vale/council.yaml": COUNCIL, "councils/vale/help.yaml": notice})
    code, output = run(root, "validate")
    assert code == 1
    assert (f"councils/vale/help.yaml:{_line(notice, 'cy: Proffilio')}:" in output
            and "'show: matching-profiling' prints a part of a data-matching annex: add "
            "'matching: <the annex id>'" in output), output


# --- lint: what the law asks of profiling, each with its right twin ------------------------

OURS = {"matching-profiling-not-shown", "matching-automated-decisions-unstated",
        "matching-profiling-without-objection"}


def _findings(project, notice: str) -> dict[str, tuple[str, int]]:  # type: ignore[no-untyped-def]
    found = [p for p in lint_document(_load(project, notice), TODAY) if p.code in OURS
             or p.code == "missing-right"]
    return {p.code: (p.severity, p.location.line) for p in found}


def test_a_notice_that_shows_and_allows_for_its_profiling_has_none_of_the_findings(project
                                                                                   ) -> None:
    assert _findings(project, NOTICE) == {}


def test_profiling_no_section_shows_is_a_located_warning(project) -> None:
    notice = NOTICE.replace("    show: matching-profiling\n    matching: hub\n",
                            "    text: Nothing here.\n")
    assert _findings(project, notice) == {
        "matching-profiling-not-shown": ("warning", _line(notice, "    profiling:"))}


def test_solely_automated_decisions_the_notice_does_not_state_are_a_located_error(project
                                                                                  ) -> None:
    notice = NOTICE.replace("decisions: by-people", "decisions: solely-automated")
    assert _findings(project, notice) == {
        "matching-automated-decisions-unstated": ("error", _line(notice, "solely-automated"))}
    stated = notice.replace("sections:\n", "automated_decisions:\n  applies: true\n  "
                            "description: The hub refers flagged families to early help.\n"
                            "sections:\n", 1)
    assert _findings(project, stated) == {}


def test_profiling_under_public_task_with_no_right_to_object_is_a_located_error(project
                                                                                ) -> None:
    # the page cites only a legal obligation; the annex, not shown, relies on public task
    on_task = NOTICE.replace("  - provision: ukgdpr-art6-1-e\n",
                             "  - provision: ukgdpr-art6-1-c\n", 1)
    notice = on_task.replace("  - right: object\n", "")
    assert _findings(project, notice) == {
        "matching-profiling-without-objection": ("error", _line(notice, "applies: true"))}
    assert _findings(project, on_task) == {}
    consent = notice.replace("      - provision: ukgdpr-art6-1-e\n",
                             "      - provision: ukgdpr-art6-1-a\n")
    assert _findings(project, consent) == {}  # no right to object under consent


def test_where_the_page_cites_public_task_missing_right_says_it_once(project) -> None:
    notice = NOTICE.replace("  - right: object\n", "")
    cited = notice + "  - heading: {en: The law, cy: Y gyfraith}\n    show: legal-bases\n"
    assert set(_findings(project, notice)) == {"matching-profiling-without-objection"}
    assert set(_findings(project, cited)) == {"missing-right"}


def test_diff_lists_a_change_of_platform_role_or_profiling_as_a_legal_change(project) -> None:
    from pause_docs.compare import diff_documents

    root = _project(project, {
        "councils/vale/council.yaml": COUNCIL, "councils/vale/old.yaml": NOTICE,
        "councils/vale/new.yaml": NOTICE.replace("role: processor", "role: joint-controller")
        .replace("decisions: by-people", "decisions: none")})
    old, new = sorted(load_project(root).documents, key=lambda d: d.slug != "old")
    legal = {(c.subject, c.old, c.new) for c in diff_documents(old, new).weighted("legal")}
    hub = "Regional early help matching"
    assert (f"{hub}: platform", "North Region Data Hub, run by North Combined Authority "
            "(processor)", "North Region Data Hub, run by North Combined Authority "
            "(joint-controller)") in legal
    assert any(s == f"{hub}: profiling" and "decisions: none" in (n or "")
               for s, _, n in legal), legal
