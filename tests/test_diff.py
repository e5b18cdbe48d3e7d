"""`pause-docs diff`: changes by legal meaning, git revisions, the lint delta and the redline."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO
from test_render import bundled

from pause_docs.cli import main
from pause_docs.compare import diff_documents
from pause_docs.compare.redline import as_html, as_text
from pause_docs.source.errors import Location, Problem
from pause_docs.source.resolved import ResolvedDocument

LAMBETH_2026 = (REPO / "councils" / "lambeth" / "scoping-2026.yaml").read_text(encoding="utf-8")


def lambeth_comparison():  # type: ignore[no-untyped-def]
    return diff_documents(bundled("lambeth", "scoping-2017"), bundled("lambeth", "scoping-2026"))


def test_lambeth_2017_to_2026_lists_each_legal_basis_change_with_citations() -> None:
    changes = lambeth_comparison().changes
    law = [(c.area, c.action, [x.id for x in c.old_law], [x.id for x in c.new_law])
           for c in changes if c.weight == "legal" and c.area in
           ("lawful-basis", "special-category", "criminal-offence", "schedule-1", "gateways")]
    assert law == [
        ("lawful-basis", "replaced", ["dpa1998-sch2"], ["ukgdpr-art6-1-e"]),
        ("special-category", "replaced", ["dpa1998-sch3"],
         ["ukgdpr-art9-2-g", "dpa2018-s10-3", "dpa2018-sch1-p18"]),
        ("gateways", "replaced", ["lga2000-s2"], ["localism2011-s1"]),
    ]
    art6 = changes[0]
    assert art6.subject == "DPA 1998 Sch 2 → UK GDPR Art 6(1)(e)"
    assert art6.old == "Schedules 2 and 3 of the Data Protection Act 1998"
    assert [x.url for x in art6.new_law] == ["https://www.legislation.gov.uk/eur/2016/679/article/6"]
    assert art6.note is not None and "repealed on 25 May 2018" in art6.note
    gateway = next(c for c in changes if c.area == "gateways" and c.action == "replaced")
    assert gateway.note is not None and "disapplied in England on 4 April 2012" in gateway.note
    (renamed,) = [c for c in changes if c.subject == "Children Act 2004, s.10: how it is cited"]
    assert renamed.weight == "wording"
    assert renamed.note == "Corrects a wrong name: 'Children's Act 2004' is the Children Act 2004."


def test_lambeth_2017_to_2026_lists_nothing_spurious() -> None:
    legal = [(c.area, c.action, c.subject) for c in lambeth_comparison().changes
             if c.weight == "legal"]
    assert legal == [
        ("lawful-basis", "replaced", "DPA 1998 Sch 2 → UK GDPR Art 6(1)(e)"),
        ("special-category", "replaced", "DPA 1998 Sch 3 → UK GDPR Art 9(2)(g) with "
         "DPA 2018 s.10(3) and DPA 2018 Sch 1 para 18"),
        ("gateways", "replaced", "Local Government Act 2000, s.2 → Localism Act 2011, s.1"),
        ("rights", "added", "Right to be informed"),
        ("rights", "added", "Right of access"),
        ("rights", "added", "Right to rectification"),
        ("rights", "added", "Right to erasure"),
        ("rights", "added", "Right to restrict processing"),
        ("rights", "added", "Right to object"),
        ("rights", "added", "Right to be told about a personal data breach"),
        ("rights", "added", "Right to complain to the council"),
        ("rights", "added", "Right to complain to the regulator"),
        ("rights", "now-applies", "Right to object (UK GDPR Art 21)"),
        ("data-categories", "added", "Names, dates of birth and addresses"),
        ("data-categories", "added", "Family circumstances and children's social care history"),
        ("data-categories", "added", "Health, including mental health and substance misuse"),
        ("sources", "added", "Lambeth Children's Social Care case files"),
        ("recipients", "added", "Pause"),
        ("retention", "added", "a retention rule"),
        ("contacts", "added", "Data Protection Officer"),
        ("contacts", "added", "Online complaints form"),
        ("contacts", "added", "Regulator"),
    ]
    changes = lambeth_comparison().changes
    objection = next(c for c in changes if c.action == "now-applies")
    assert objection.note == ("The right to object now applies, because the lawful basis is now "
                              "UK GDPR Art 6(1)(e) (public task); the new version lists it.")
    health = next(c for c in changes if c.subject.startswith("Health"))
    assert health.note == "special category data (UK GDPR Art 9)"
    regulator = next(c for c in changes if c.subject == "Regulator")
    assert regulator.new is not None and "Write to: Information Commission," in regulator.new
    assert not [c for c in changes if c.weight == "presentation"]


def test_text_output_puts_legal_changes_first_and_marks_words() -> None:
    text = as_text(lambeth_comparison())
    assert text.index("Legal changes (22)") < text.index("Wording changes")
    assert ("\n    Law now: Localism Act 2011, s.1 "
            "<https://www.legislation.gov.uk/ukpga/2011/20/section/1>\n") in text
    assert ("  - Changed: a safeguard\n    all data is transferred, handled and stored in "
            "accordance with the [+UK GDPR and the+] Data Protection [−Act;−] [+Act 2018;+]\n"
            ) in text
    assert "Sign-off" not in text and "How to read" not in text  # the page's, not the terminal's


REORDERED = """\
kind:   fair-processing-notice
title:  Fair processing notice
subtitle:   "Pause Programme: Scoping Exercise"
published:   2026-11-01
version: '2.0'
programme: pause
legal_bases:
    - {provision: localism2011-s1, reason: "the council's general power to do what is needed
        to improve services."}
    - provision: ca2004-s10
      reason: the council's duty to co-operate with its partners to improve children's well-being.
    - provision: ukgdpr-art9-2-g
      schedule_1: {provision: [dpa2018-s10-3, dpa2018-sch1-p18], cited_as: "Data Protection Act
          2018, section 10(3) and Schedule 1, paragraph 18", reason: "safeguarding children and
          individuals at risk. The council keeps the appropriate policy document that Schedule 1
          requires."}
      reason: information about health, ethnicity or other special categories is used for
          reasons of substantial public interest.
    - reason: >
        the council uses the information to carry out its public tasks: its duties to
        children and families in its area.
      provision: ukgdpr-art6-1-e
rights: [{right: object}, {right: access}, {right: informed}, {right: rectification},
         {right: erasure}, {right: restriction}, {right: breach-notification},
         {right: complain-to-regulator}, {right: complain-to-controller}]
"""


def between(text: str, start: str, end: str) -> str:
    return start + text.split(start, 1)[1].split(end, 1)[0]


def reordered_project(project) -> Path:  # type: ignore[no-untyped-def]
    """The 2026 notice with its bases, rights and recipients re-ordered and re-indented."""
    police = "  - name: Police\n    purpose: to protect a child at risk.\n"
    original = LAMBETH_2026.replace("\nretention:", police + "\nretention:", 1)
    recipients = between(original, "recipients:\n", "\nretention:")
    pause, _ = recipients.removeprefix("recipients:\n").split(police)
    reordered = (REORDERED + between(original, "data_categories:", "\nrecipients:")
                 + "recipients:\n" + police + pause
                 + between(original, "\nretention:", "\nsections:")
                 + "\nsections:" + original.split("\nsections:", 1)[1])
    return project({"councils/lambeth/original.yaml": original,
                    "councils/lambeth/reordered.yaml": reordered}, councils=("lambeth",))


def test_reordering_and_reindenting_gives_no_legal_changes(project) -> None:
    root = reordered_project(project)
    runner = CliRunner()
    result = runner.invoke(main, ["diff", str(root / "councils/lambeth/original.yaml"),
                                  str(root / "councils/lambeth/reordered.yaml"), "--exit-code"])
    assert result.exit_code == 0, result.output
    assert "No legal changes.\n" in result.output
    assert "No wording changes.\n" in result.output
    assert "Order and layout (no change in law) (3)" in result.output
    for what in ("legal bases", "rights", "recipients"):
        assert f"  - Re-ordered: {what}\n" in result.output


class FakeLint:
    """Stands in for pause_docs.check.lint: one finding per repealed DPA 1998 provision cited."""

    def __call__(self, doc: ResolvedDocument) -> list[Problem]:
        found = []
        for ref in doc.model.legal_bases:
            for pid in ref.provision_ids:
                if pid.startswith("dpa1998"):
                    found.append(Problem(Location(doc.path, 9), "error", "repealed-provision",
                                         f"{pid} was repealed"))
        if not doc.model.rights:
            found.append(Problem(Location(doc.path), "warning", "no-rights", "lists no rights"))
        if doc.council.dpo is not None:
            found.append(Problem(Location(doc.path, 1), "info", "dpo", "has a DPO"))
        return found


def test_lint_delta_lists_findings_fixed_and_introduced() -> None:
    comparison = diff_documents(bundled("lambeth", "scoping-2017"),
                                bundled("lambeth", "scoping-2026"), FakeLint())
    assert comparison.lint is not None
    assert [(p.code, p.message) for p in comparison.lint.fixed] == [
        ("no-rights", "lists no rights"),
        ("repealed-provision", "dpa1998-sch2 was repealed"),
        ("repealed-provision", "dpa1998-sch3 was repealed")]
    assert comparison.lint.introduced == ()  # both have the DPO: the same finding, not new
    text = as_text(comparison)
    assert ("Checks fixed and introduced\n\nFixed by the new version\n"
            "  - [−warning: no-rights: lists no rights−]\n"
            "  - [−error: repealed-provision: dpa1998-sch2 was repealed−]\n") in text
    assert "Introduced by the new version" not in text


def test_diff_without_the_lint_module_says_so(project) -> None:
    root = project(councils=("lambeth",))
    result = CliRunner().invoke(main, ["diff", str(root / "councils/lambeth/scoping-2017.yaml"),
                                       str(root / "councils/lambeth/scoping-2026.yaml")])
    assert result.exit_code == 0
    try:
        import pause_docs.check.lint  # noqa: F401
    except ModuleNotFoundError:
        assert result.output.rstrip().endswith("has no checks (pause_docs.check.lint).")


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                          text=True).stdout


def committed_project(project) -> Path:  # type: ignore[no-untyped-def]
    root = project(councils=("lambeth",))
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q",
        "-m", "first")
    return root


def test_diff_rev_head_reports_exactly_the_lawful_basis_and_the_recipient(project) -> None:
    root = committed_project(project)
    notice = root / "councils/lambeth/scoping-2026.yaml"
    text = notice.read_text(encoding="utf-8")
    text = text.replace("provision: ukgdpr-art6-1-e", "provision: ukgdpr-art6-1-f")
    text = text.replace("\nretention:", "  - name: Police\n\nretention:")
    notice.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", str(notice), "--rev", "HEAD", "--format", "json",
                                       "--exit-code"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.output)
    assert [(c["area"], c["action"], c["subject"]) for c in report["changes"]] == [
        ("lawful-basis", "replaced", "UK GDPR Art 6(1)(e) → UK GDPR Art 6(1)(f)"),
        ("recipients", "added", "Police"),
    ]
    assert report["changes"][0]["new_law"][0]["url"] == \
        "https://www.legislation.gov.uk/eur/2016/679/article/6"
    assert report["old"]["label"].startswith("councils/lambeth/scoping-2026.yaml at HEAD (")
    assert report["new"]["label"] == "councils/lambeth/scoping-2026.yaml (working tree)"


@pytest.mark.slow
def test_diff_between_two_revisions_and_a_bad_revision(project) -> None:
    root = committed_project(project)
    notice = root / "councils/lambeth/scoping-2026.yaml"
    notice.write_text(notice.read_text(encoding="utf-8").replace(
        "provision: ca2004-s10", "provision: ca2004-s11"), encoding="utf-8")
    git(root, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-qam",
        "second")
    runner = CliRunner()
    result = runner.invoke(main, ["diff", str(notice), "--rev", "HEAD~1", "--rev", "HEAD"])
    assert result.exit_code == 0, result.output
    assert "Replaced: Children Act 2004, s.10 → Children Act 2004, s.11" not in result.output
    assert "  - Removed: Children Act 2004, s.10\n" in result.output
    assert "  - Added: Children Act 2004, s.11\n" in result.output
    clean = runner.invoke(main, ["diff", str(notice), "--rev", "HEAD", "--exit-code"])
    assert clean.exit_code == 0 and "No legal changes." in clean.output
    bad = runner.invoke(main, ["diff", str(notice), "--rev", "no-such-branch"])
    assert bad.exit_code == 2
    assert "'no-such-branch' is not a revision in this repository" in bad.output


@pytest.mark.slow
def test_programme_change_at_a_revision_shows_in_the_notice_that_inherits_it(project) -> None:
    root = committed_project(project)
    programme = root / "councils/programmes/pause.yaml"  # the project's own, over the package's
    programme.parent.mkdir()
    programme.write_text((REPO / "pause_docs/programmes/pause.yaml").read_text(encoding="utf-8"),
                         encoding="utf-8")
    git(root, "add", ".")
    git(root, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q",
        "-m", "own programme")
    programme.write_text(programme.read_text(encoding="utf-8").replace(
        "      - the data will be pseudonymised;\n", ""), encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", str(root / "councils/lambeth/scoping-2026.yaml"),
                                       "--rev", "HEAD", "--exit-code"])
    assert result.exit_code == 1
    assert "Safeguards\n  - Removed: the data will be pseudonymised;\n" in result.output


def test_usage_and_broken_versions_exit_2(project) -> None:
    root = project({"councils/lambeth/broken.yaml": "kind: privacy-notice\n"},
                   councils=("lambeth",))
    runner = CliRunner()
    one = runner.invoke(main, ["diff", str(root / "councils/lambeth/scoping-2017.yaml")])
    assert one.exit_code == 2 and "give two files (OLD NEW)" in one.output
    broken = runner.invoke(main, ["diff", str(root / "councils/lambeth/scoping-2017.yaml"),
                                  str(root / "councils/lambeth/broken.yaml")])
    assert broken.exit_code == 2
    assert "councils/lambeth/broken.yaml:1:1: error: missing-key:" in broken.output


def test_redline_marks_changes_without_relying_on_colour() -> None:
    html = as_html(lambeth_comparison())
    assert '<table class="summary">' in html and "<caption>Legal changes (22)</caption>" in html
    assert ('<del><span class="mark">[−</span>Schedules 2 and 3 of the Data Protection Act 1998'
            '<span class="mark">−]</span></del>') in html
    assert '<ins><span class="mark">[+</span>UK GDPR Art 6(1)(e)<span class="mark">+]</span>' \
        '</ins>' in html
    assert "How to read this redline" in html and 'id="sign-off"' in html


@pytest.mark.slow
def test_redline_pdf_is_tagged_and_holds_the_sign_off(tmp_path: Path) -> None:
    pikepdf = pytest.importorskip("pikepdf")
    root = tmp_path
    result = CliRunner().invoke(main, ["--project", str(REPO), "diff",
                                       str(REPO / "councils/lambeth/scoping-2017.yaml"),
                                       str(REPO / "councils/lambeth/scoping-2026.yaml"),
                                       "--pdf", str(root / "redline.pdf")])
    assert result.exit_code == 0, result.output
    text = subprocess.run(["pdftotext", "-layout", str(root / "redline.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "Changes to Fair processing notice" in text
    assert "[+UK GDPR Art 6(1)(e)+]" in text and "Sign-off" in text
    with pikepdf.open(root / "redline.pdf") as pdf:
        assert "/StructTreeRoot" in pdf.Root


@pytest.mark.slow
def test_diff_does_not_import_weasyprint_without_pdf() -> None:
    code = ("import sys\nfrom click.testing import CliRunner\nfrom pause_docs.cli import main\n"
            "r = CliRunner().invoke(main, ['diff', 'councils/lambeth/scoping-2017.yaml',\n"
            "    'councils/lambeth/scoping-2026.yaml', '--format', 'json'])\n"
            "assert r.exit_code == 0, r.output\n"
            "assert 'weasyprint' not in sys.modules\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=REPO)
    assert done.returncode == 0, done.stderr


def test_a_right_stops_applying_when_the_lawful_basis_moves_away_from_public_task(
        project) -> None:
    root = project({"councils/lambeth/legal-duty.yaml": LAMBETH_2026.replace(
        "provision: ukgdpr-art6-1-e", "provision: ukgdpr-art6-1-c")}, councils=("lambeth",))
    result = CliRunner().invoke(main, ["diff", str(root / "councils/lambeth/scoping-2026.yaml"),
                                       str(root / "councils/lambeth/legal-duty.yaml")])
    assert ("  - No longer applies: Right to object (UK GDPR Art 21)\n"
            "    Law before: UK GDPR Art 21 "
            "<https://www.legislation.gov.uk/eur/2016/679/article/21>; "
            "UK GDPR Art 6(1)(e) <https://www.legislation.gov.uk/eur/2016/679/article/6>\n"
            "    The right to object no longer applies, because the lawful basis is no "
            "longer UK GDPR Art 6(1)(e) (public task); the new version still lists it.\n"
            ) in result.output


@pytest.mark.slow
def test_the_legal_review_guides_worked_example_is_real_output() -> None:
    result = CliRunner().invoke(main, ["diff", str(REPO / "councils/lambeth/scoping-2017.yaml"),
                                       str(REPO / "councils/lambeth/scoping-2026.yaml")])
    assert result.exit_code == 0
    changes = result.output.split("\nChecks fixed and introduced")[0].split("\nLint:")[0]
    assert changes in (REPO / "docs" / "guides" / "legal-review.md").read_text(encoding="utf-8")


def test_two_councils_documents_compare_with_the_controller_as_a_legal_change() -> None:
    comparison = diff_documents(bundled("oxfordshire", "pause-privacy-notice"),
                                bundled("lambeth", "scoping-2026"))
    first = comparison.changes[0]
    assert (first.area, first.subject, first.old, first.new) == (
        "document", "controller", "Oxfordshire County Council", "London Borough of Lambeth")
    regulator = next(c for c in comparison.changes if c.subject == "Regulator")
    assert regulator.old is not None and regulator.new is not None
    assert "Write to: Information Commissioner's Office, Wycliffe House" in regulator.old
    assert "Write to: Information Commission, Wycliffe House" in regulator.new


def test_rev_works_when_the_project_is_a_sub_folder_of_the_repository(
        project, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(councils=("lambeth",))
    repo = root.parent
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q",
        "-m", "first")
    notice = root / "councils/lambeth/scoping-2026.yaml"
    notice.write_text(notice.read_text(encoding="utf-8").replace(
        "provision: localism2011-s1", "provision: lga2000-s2"), encoding="utf-8")
    monkeypatch.chdir(root / "councils")
    result = CliRunner().invoke(main, ["diff", "lambeth/scoping-2026.yaml", "--rev", "HEAD"])
    assert result.exit_code == 0, result.output
    assert "Legal changes (2)\n" in result.output
    # the registry's supersession runs the other way, so this is no replacement
    assert "  - Removed: Localism Act 2011, s.1\n" in result.output
    assert ("  - Added: Local Government Act 2000, s.2\n"
            "    Law now: Local Government Act 2000, s.2 "
            "<https://www.legislation.gov.uk/ukpga/2000/22/section/2>\n"
            "    Local Government Act 2000, s.2 was disapplied in England on 4 April 2012 "
            "(Localism Act 2011, s.1(7) and Sch 1 (SI 2012/1008)). The new version cites law "
            "that no longer applies.\n") in result.output
