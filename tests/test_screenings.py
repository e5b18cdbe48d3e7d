"""Impact-assessment and DPIA screenings: decisions derived by rule, with their reasons."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import COUNCIL_YAML, REPO, SHARED
from test_pdf import pdf_text
from test_render import bundled

from pause_docs.cli import main
from pause_docs.forms.rules import outcome_of
from pause_docs.render.edition import render_html
from pause_docs.render.pdf import render_pdf
from pause_docs.source.layout import TEMPLATES_DIR
from pause_docs.source.loading import load_project
from pause_docs.source.models import DpiaScreening

SCREENING = "councils/middlesbrough/north-east-pause-screening.yaml"
SEED_002 = "002_c9bf9ffee765acc0.txt"


def validate(root: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--project", str(root), "validate"])
    return result.exit_code, result.output


def decision_of(html: str) -> str:
    return html[html.index('<div class="decision"'):html.index("</div>", html.index(
        '<div class="decision"'))]


# --- impact assessment -------------------------------------------------------------------

def test_middlesbrough_screening_needs_no_level_2_when_every_answer_is_no() -> None:
    html = render_html(bundled("middlesbrough", "north-east-pause-screening"))
    assert "Decision: the screening is complete" in decision_of(html)
    assert "must be completed</strong>" not in html


@pytest.mark.slow
def test_one_answer_changed_to_uncertain_requires_level_2_and_names_the_question(
        project) -> None:
    root = project(councils=("middlesbrough", "oxfordshire"))
    path = root / SCREENING
    text = path.read_text(encoding="utf-8")
    before = render_html(next(d for d in load_project(root).documents
                              if d.slug == "north-east-pause-screening"))
    changed = text.replace("  community-cohesion:\n    answer: No\n",
                           "  community-cohesion:\n    answer: Uncertain\n")
    assert changed != text
    path.write_text(changed, encoding="utf-8")
    after = render_html(next(d for d in load_project(root).documents
                             if d.slug == "north-east-pause-screening"))
    assert decision_of(before) != decision_of(after)
    decision = decision_of(after)
    assert "Decision: a Level 2 Full Impact Assessment must be completed" in decision
    assert ('<li><a href="#question-community-cohesion">Community cohesion</a>: Uncertain</li>'
            in decision)
    assert "Human Rights" not in decision and "Equality" not in decision
    # the tick moves to the Uncertain column of that question
    row = after[after.index('<tbody id="question-community-cohesion">'):]
    ticks = re.findall(r'aria-label="(selected|not selected)"', row[:row.index("</tr>")])
    assert ticks == ["not selected", "not selected", "selected"]


def test_tick_boxes_are_read_as_selected_or_not_selected() -> None:
    html = render_html(bundled("middlesbrough", "north-east-pause-screening"))
    row = html[html.index("This is a decision relating to:"):]
    row = row[:row.index("</tr>")]
    assert ('<li><span class="tick selected" role="img" aria-label="selected">☒</span> '
            'Service</li>') in row
    assert row.count('aria-label="not selected"') == 8
    assert ('<li>Local or corporate requirements: <span class="tick selected" role="img" '
            'aria-label="selected">☒</span></li>') in html


def test_assessment_prints_money_dates_and_drivers_as_published() -> None:
    html = render_html(bundled("middlesbrough", "north-east-pause-screening"))
    assert "was <span class=\"money\">£206,568</span>." in html
    assert '<time datetime="2020-03-01">1st March 2020</time> – ' in html
    assert "<td>Not applicable</td>" in html
    assert ('<a href="https://www.gov.uk/government/publications/working-together-to-'
            'safeguard-children--2">Working Together to Safeguard Children 2018</a>') in html
    assert '<span class="letter">h.</span> Improved basic skills' in html
    assert "<table" in html and '<th scope="row">Head of Service:</th>' in html


def test_an_answer_to_an_unknown_question_is_a_located_error(project) -> None:
    root = project(councils=("middlesbrough", "oxfordshire"))
    path = root / SCREENING
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  community-cohesion:\n    answer: No\n",
                                 "  comunity-cohesion:\n    answer: No\n"), encoding="utf-8")
    code, output = validate(root)
    assert code == 1
    assert re.search(r"north-east-pause-screening\.yaml:\d+:3: error: unknown-key: unknown key "
                     r"'comunity-cohesion' in answers \(did you mean 'community-cohesion'\?\)",
                     output), output


@pytest.mark.slow
@pytest.mark.parametrize("suffix", ["html", "pdf"])
def test_seed_002_survives_in_html_and_pdf(tmp_path: Path, suffix: str) -> None:
    tool = SHARED / "tools" / "fidelity.py"
    html = render_html(bundled("middlesbrough", "north-east-pause-screening"))
    page = tmp_path / f"page.{suffix}"
    if suffix == "html":
        page.write_text(html, encoding="utf-8")
    else:
        page.write_bytes(render_pdf(html, TEMPLATES_DIR / "assets", 0))
    out = subprocess.run([sys.executable, str(tool), str(SHARED / "seeds" / SEED_002),
                          str(page)], capture_output=True, text=True, check=True).stdout
    score = float(re.search(r"fidelity: ([0-9.]+)", out).group(1))  # type: ignore[union-attr]
    assert score >= 0.90, out


@pytest.mark.slow
def test_assessment_pdf_reads_as_a_signed_form(tmp_path: Path) -> None:
    html = render_html(bundled("middlesbrough", "north-east-pause-screening"))
    text = pdf_text(render_pdf(html, TEMPLATES_DIR / "assets", 0), tmp_path)
    flat = " ".join(text.split())
    assert "Subject of assessment: North East Pause" in flat
    assert "The contractual value for the term of the contract was £206,568." in flat
    assert "Decision: the screening is complete" in flat
    assert "Head of Service: G. Earl" in flat and "Signature:" in flat


# --- DPIA screening ----------------------------------------------------------------------

def test_oxfordshire_pause_notice_needs_a_full_dpia_with_criteria_and_sources() -> None:
    doc = bundled("oxfordshire", "pause-dpia-screening")
    assert isinstance(doc.model, DpiaScreening) and doc.notice is not None
    answered, outcome = outcome_of(doc)
    assert outcome is not None and outcome.status == "triggered" and not outcome.unanswered
    wp248 = next(s for s in outcome.fired if s.criteria_set.id == "wp248")
    assert [r.criterion.id for r in wp248.counted] == ["wp248-sensitive", "wp248-vulnerable"]
    programme = (REPO / "pause_docs/programmes/pause.yaml").read_text().splitlines()
    for a in answered:
        if a.question.id not in ("wp248-sensitive", "wp248-vulnerable"):
            continue
        assert a.basis == "derived" and a.findings
        for finding in a.findings:
            # each source is the very line of the Pause programme's notice defaults that the
            # Oxfordshire notice inherits, where the fact is written
            assert finding.location.path == "pause_docs/programmes/pause.yaml"
            line = programme[finding.location.line - 1]
            assert re.search(r"(special_category|vulnerable|children): true", line), line
    html = render_html(doc)
    assert "A full data protection impact assessment (DPIA) is required" in decision_of(html)
    assert ('<a href="#question-wp248-sensitive">4 Sensitive or highly personal data</a>'
            in html)
    assert re.search(r"data category 'Health, including mental health and substance "
                     r"misuse' is special category data <span class=\"source\">\(<code>"
                     r"pause-docs/programmes/pause.yaml:\d+</code>\)", html)


def notice_project(project, notice_extra: str = "", screening_extra: str = "") -> Path:
    return project({
        "councils/example/council.yaml": COUNCIL_YAML,
        "councils/example/privacy-notice.yaml": (
            "kind: privacy-notice\ntitle: t\npublished: 2026-01-01\nprogramme: pause\n"
            + notice_extra),
        "councils/example/dpia.yaml": (
            "kind: dpia-screening\npublished: 2026-01-02\nprogramme: pause\n"
            + screening_extra),
    })


def screened(root: Path):
    loaded = load_project(root)
    assert loaded.problems == [], loaded.problems
    doc = next(d for d in loaded.documents if d.kind == "dpia-screening")
    assert isinstance(doc.model, DpiaScreening) and doc.notice is not None
    answered, outcome = outcome_of(doc)
    assert outcome is not None
    return outcome, doc


def test_an_answer_with_evidence_overrides_what_the_notice_suggests(project) -> None:
    root = notice_project(project, screening_extra=(
        "answers:\n  wp248-vulnerable:\n    answer: No\n"
        "    evidence: Only aggregated figures are used.\n"))
    outcome, doc = screened(root)
    assert not outcome.fired  # one WP248 criterion is not enough...
    assert outcome.status == "incomplete"  # ...and what the notice cannot say is unanswered
    html = render_html(doc)
    assert "A full DPIA is not required" not in html
    assert "Screening incomplete: " in decision_of(html)
    row = html[html.index('<tbody id="question-wp248-vulnerable">'):]
    assert "Only aggregated figures are used." in row[:row.index("</tbody>")]


def test_a_mandatory_article_35_3_case_alone_requires_a_full_dpia(project) -> None:
    root = notice_project(project, notice_extra=(
        "large_scale:\n  applies: true\n  description: every case file since 2010\n"),
        screening_extra=("answers:\n  wp248-vulnerable: {answer: No, evidence: x}\n"
                         "  wp248-large-scale: {answer: No, evidence: y}\n"))
    outcome, doc = screened(root)
    assert [s.criteria_set.id for s in outcome.fired] == ["art35-3"]
    assert [r.criterion.id for r in outcome.fired[0].counted] == ["art35-3-b"]
    answered, _ = outcome_of(doc)
    b = next(a for a in answered if a.question.id == "art35-3-b")
    assert {f.location.path for f in b.findings} == {"councils/example/privacy-notice.yaml",
                                                      "pause_docs/programmes/pause.yaml"}


def test_an_ico_item_needing_another_criterion_waits_for_one(project) -> None:
    root = notice_project(project, notice_extra="new_technology: {applies: true}\n",
                          screening_extra=(
                              "answers:\n"
                              "  wp248-vulnerable: {answer: No, evidence: x}\n"
                              "  wp248-sensitive: {answer: No, evidence: x}\n"))
    outcome, doc = screened(root)
    ico = next(s for s in outcome.sets if s.criteria_set.id == "ico-high-risk")
    item = next(r for r in ico.results if r.criterion.id == "ico-innovative-technology")
    # WP248's own "innovative technology" is the same test, so it is not "another" criterion
    assert item.met and not item.counts and item.waiting_for == "wp248"
    assert not outcome.fired
    row = render_html(doc)
    row = row[row.index('<tbody id="question-ico-innovative-technology">'):]
    assert "Counts only together with a criterion of the other list" in row[:row.index(
        "</tbody>")]


def test_an_ico_item_counts_once_another_wp248_criterion_is_met(project) -> None:
    outcome, _ = screened(notice_project(project,
                                         notice_extra="new_technology: {applies: true}\n"))
    ico = next(s for s in outcome.sets if s.criteria_set.id == "ico-high-risk")
    assert "ico-innovative-technology" in [r.criterion.id for r in ico.counted]


def test_unknown_criterion_and_notice_are_located_with_suggestions(project) -> None:
    root = notice_project(project, screening_extra=(
        "notice: privcy-notice\nanswers:\n  wp248-vulnerabel:\n"
        "    answer: No\n    evidence: x\n"))
    code, output = validate(root)
    assert code == 1
    assert ("councils/example/dpia.yaml:4:9: error: unknown-notice: no notice 'privcy-notice' "
            "in councils/example/ (did you mean 'privacy-notice'?)") in output
    assert ("councils/example/dpia.yaml:6:3: error: unknown-key: unknown key "
            "'wp248-vulnerabel' in answers (did you mean 'wp248-vulnerable'?)") in output


# --- a new site --------------------------------------------------------------------------

def test_a_new_site_gets_screenings_prefilled_from_the_programme(project) -> None:
    root = project()
    result = CliRunner().invoke(main, ["--project", str(root), "new", "north-example",
                                       "--programme", "pause", "--form", "level-1-screening",
                                       "--form", "dpia-criteria"])
    assert result.exit_code == 0, result.output
    folder = root / "councils" / "north-example"
    assert "created councils/north-example/level-1-screening.yaml" in result.output
    assert "created councils/north-example/dpia-criteria.yaml" in result.output
    (folder / "council.yaml").write_text(COUNCIL_YAML, encoding="utf-8")
    for path in folder.glob("*.yaml"):
        text = re.sub(r"published: TODO.*", "published: 2026-03-01", path.read_text())
        text = re.sub(r"answer: TODO (Yes|No).*", r"answer: \1", text)
        text = re.sub(r"TODO.*", "Someone", text)
        path.write_text(text, encoding="utf-8")
    loaded = load_project(root)
    assert loaded.problems == []
    docs = {d.slug: d for d in loaded.documents}
    assessment = render_html(docs["level-1-screening"])
    assert "<td>Example Pause</td>" in assessment
    assert "Working Together to Safeguard Children 2023" in assessment
    assert "Decision: the screening is complete" in assessment
    dpia = docs["dpia-criteria"]
    assert dpia.notice is not None and dpia.notice.slug == "privacy-notice"
    _, outcome = outcome_of(dpia)
    assert outcome is not None and outcome.status == "triggered"


def test_a_bad_answer_or_review_date_gives_one_plain_error_each(project) -> None:
    root = project(councils=("middlesbrough", "oxfordshire"))
    path = root / SCREENING
    text = path.read_text(encoding="utf-8")
    text = text.replace("next_review: not-applicable", "next_review: not aplicable")
    text = text.replace("  human-rights:\n    answer: No", "  human-rights:\n    answer: Maybe")
    path.write_text(text, encoding="utf-8")
    code, output = validate(root)
    assert code == 1
    lines = output.splitlines()
    assert len(lines) == 3 and lines[-1] == "2 errors"
    assert lines[0].endswith(": error: invalid-value: next_review: 'not aplicable' is neither a "
                             "date written as YYYY-MM-DD (for example 2024-03-31) nor "
                             "not-applicable")
    assert lines[1].endswith(": error: invalid-value: answers.human-rights.answer: 'maybe' is "
                             "not one of: no, yes, uncertain")


@pytest.mark.slow
def test_dpia_pdf_states_the_decision_and_its_sources(tmp_path: Path) -> None:
    html = render_html(bundled("oxfordshire", "pause-dpia-screening"))
    text = " ".join(pdf_text(render_pdf(html, TEMPLATES_DIR / "assets", 0), tmp_path).split())
    assert "A full data protection impact assessment (DPIA) is required" in text
    assert "Met: 4 Sensitive or highly personal data; 7 Vulnerable data subjects." in text
    # Where each answer came from; a path may wrap after a '/' in a narrow column.
    assert "pause-docs/programmes/pause.yaml:" in text.replace("/ ", "/")
