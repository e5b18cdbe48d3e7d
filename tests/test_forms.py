"""Forms as data: a council's own form decides by its own rule in its own words, equality
screenings and assessments, DPIA screenings that stand alone, and screenings in lint, diff
and `new`."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import COUNCIL_YAML, REPO

from pause_docs.check.lint import lint_document
from pause_docs.cli import main
from pause_docs.render.edition import render_html
from pause_docs.source.loading import load_project

# A council's own form: its labels and metadata, a Positive / Neutral / Negative / Don't know
# scale, and the rule "any negative or don't know means a full assessment".
WELLBEING_FORM = """\
title: Wellbeing and equality screening (stage 1)
for: equality-screening
description: Northshire's stage 1 screening
scales:
  impact:
    options:
      - {value: positive, label: Positive}
      - {value: neutral, label: Neutral}
      - {value: negative, label: Negative, triggers: true}
      - {value: dont-know, label: "Don't know", triggers: true}
sections:
  - id: details
    heading: Screening details
    layout: rows
    fields:
      - {id: directorate, label: "Directorate:", type: text, required: true}
      - {id: service_area, label: "Service area:", type: text}
      - {id: officer, label: "Officer completing:", type: text}
      - {id: support_officers, label: "Supporting officers:", type: text}
      - {id: reference, label: "EIA reference:", type: text}
      - {id: form_version, label: "Form version:", type: text}
      - {id: appendix, label: "Appendix number:", type: text}
  - id: impact
    heading: Impact on each group
    scale: impact
    questions:
      - {id: age, topic: Age, guidance: Think of young and old alike.}
      - {id: disability, topic: Disability}
      - {id: care-leavers, topic: Care leavers}
  - id: outcome
    heading: Outcome of the screening
    decision: true
decision:
  rule: any
  next_stage: a stage 2 full EIA
  triggered: A stage 2 full EIA must now be carried out
  because_one: " because of this group:"
  because_many: " because of these groups:"
  not_triggered: No stage 2 EIA is needed; file this form with the report.
"""


def _screening(answers: dict[str, str | None]) -> str:
    lines = ["kind: equality-screening", "form: wellbeing", "published: 2026-05-01",
             "directorate: Adults and Communities", "appendix: Appendix 4", "answers:"]
    for ident, answer in answers.items():
        if answer is not None:
            lines += [f"  {ident}:", f"    answer: {answer}", "    evidence: Seen in the data."]
    return "\n".join(lines) + "\n"


def _page(project, files: dict[str, str]) -> tuple[str, object]:
    root = project({"councils/example/council.yaml": COUNCIL_YAML, **files})
    loaded = load_project(root)
    assert loaded.problems == [], loaded.problems
    (doc,) = [d for d in loaded.documents if d.council_slug == "example"]
    return render_html(doc), doc


def decision_of(html: str) -> str:
    start = html.index('<div class="decision"')
    return html[start:html.index("</div>", start)]


@pytest.mark.parametrize(("answers", "decision"), [
    ({"age": "Positive", "disability": "Neutral", "care-leavers": "neutral"},
     "<strong>No stage 2 EIA is needed; file this form with the report.</strong>"),
    ({"age": "Positive", "disability": "Negative", "care-leavers": "Neutral"},
     '<strong>A stage 2 full EIA must now be carried out</strong> because of this group:</p>\n'
     '<ul>\n<li><a href="#question-disability">Disability</a>: Negative</li>'),
    ({"age": "Don't know", "disability": "Negative", "care-leavers": "Positive"},
     '<strong>A stage 2 full EIA must now be carried out</strong> because of these groups:</p>\n'
     '<ul>\n<li><a href="#question-age">Age</a>: Don\'t know</li>'),
    ({"age": "Positive", "disability": None, "care-leavers": "Neutral"},
     "<strong>Screening incomplete: 1 question not answered</strong>"),
])
def test_a_form_defined_in_the_project_decides_by_its_own_rule_in_its_own_words(
        project, answers: dict[str, str | None], decision: str) -> None:
    html, _ = _page(project, {"councils/forms/wellbeing.yaml": WELLBEING_FORM,
                              "councils/example/screening.yaml": _screening(answers)})
    assert decision in decision_of(html)
    assert "<h1>Wellbeing and equality screening (stage 1)</h1>" in html
    assert '<th scope="row">Directorate:</th><td>Adults and Communities</td>' in html
    assert '<th scope="row">Appendix number:</th><td>Appendix 4</td>' in html
    assert "Officer completing:" not in html  # a row left empty is left out
    assert '<th scope="col" class="tick-col">Don\'t know</th>' in html
    row = html[html.index('<tbody id="question-age">'):]
    assert row.index("Think of young and old alike.") < row.index("tick-col")  # guidance first
    if None in answers.values():
        assert "<strong>Not answered</strong>" in html
        assert "not required" not in html.lower() and "No stage 2 EIA is needed" not in \
            decision_of(html)


def test_the_bundled_equality_documents_list_all_nine_characteristics_and_lint_clean() -> None:
    loaded = load_project(REPO, councils=["oxfordshire"])
    docs = {d.slug: d for d in loaded.documents}
    nine = ("Age", "Disability", "Gender reassignment", "Marriage and civil partnership",
            "Pregnancy and maternity", "Race", "Religion or belief", "Sex", "Sexual orientation")
    programme = (REPO / "pause_docs/programmes/pause.yaml").read_text().splitlines()
    for slug in ("pause-equality-screening", "pause-equality-impact-assessment"):
        doc = docs[slug]
        html = render_html(doc)
        for characteristic in nine:
            assert f"<strong>{characteristic}</strong>" in html, (slug, characteristic)
        assert "<strong>Care experience</strong>" in html
        assert "Equality Act 2010, s.149" in html
        assert lint_document(doc, dt.date(2026, 11, 21)) == [], slug
        # who Pause works with comes from the programme, and the page says where
        found = re.findall(r"Pre-filled from the programme: <code>pause-docs/programmes/"
                           r"pause.yaml:(\d+)</code>", html)
        assert len(found) == 5, slug
        assert {programme[int(n) - 1].strip() for n in found} == {
            "sex:", "age:", "pregnancy-and-maternity:", "disability:", "care-experience:"}
    screening = render_html(docs["pause-equality-screening"])
    assert ("<strong>A full equality impact assessment should be carried out</strong>"
            in decision_of(screening))
    assert '<a href="#question-rural-isolation">Rural isolation</a>: Don' in screening
    full = render_html(docs["pause-equality-impact-assessment"])
    assert '<div class="decision"' not in full  # a full assessment decides nothing
    assert '<p class="label">Mitigation:</p>' in full
    assert "<th scope=\"row\">Meet women from rural districts in their own towns" in full


def test_a_council_answer_replaces_the_programmes_and_others_are_left_out(project) -> None:
    own = WELLBEING_FORM.replace("for: equality-screening", "for: equality-screening")
    html, doc = _page(project, {
        "councils/forms/wellbeing.yaml": own,
        "councils/example/screening.yaml": _screening({"age": "Neutral", "care-leavers":
                                                       "Neutral"}).replace(
            "published:", "programme: pause\npublished:")})
    # the programme pre-fills sex, age, ... for every equality form: this form asks only
    # about age and disability of those, and the council's own answer about age wins
    assert "Pre-filled from the programme" in html.split('id="question-disability"')[1][:2000]
    age = html[html.index('<tbody id="question-age">'):]
    assert "Pre-filled" not in age[:age.index("</tbody>")]
    assert "sex" not in {a for a in type(doc.model.answers).model_fields if  # type: ignore
                         getattr(doc.model.answers, a) is not None}


# --- DPIA screenings ------------------------------------------------------------------------

STANDALONE = """\
kind: dpia-screening
title: DPIA screening of the youth survey
published: 2026-04-01
processing:
  description: An online survey of young people's wellbeing.
  data_categories: [{name: Survey answers}]
  data_subjects: [{name: Young people aged 16 to 18, children: true}]
  data_matching: {applies: false}
  invisible_processing: {applies: false}
  large_scale: {applies: false}
  new_technology: {applies: false}
  automated_decisions: {applies: false}
  systematic_monitoring: {applies: false}
answers:
"""
PERSON = ("ico-large-scale-profiling", "ico-biometric", "ico-genetic", "ico-tracking",
          "ico-targeting-vulnerable", "ico-risk-of-harm", "wp248-evaluation",
          "wp248-prevents-rights")


def _standalone(left_out: tuple[str, ...]) -> str:
    return STANDALONE + "".join(f"  {c}: {{answer: No, evidence: Not so.}}\n"
                                for c in PERSON if c not in left_out)


def test_a_dpia_screening_with_no_notice_builds_and_decides(project, tmp_path: Path) -> None:
    from pause_docs.build import build

    root = project({"councils/example/council.yaml": COUNCIL_YAML,
                    "councils/example/dpia.yaml": _standalone(())})
    report = build(root, tmp_path / "out", "html", jobs=1)
    assert report.built == ["councils/example/dpia.yaml"] and not report.problems
    html = (tmp_path / "out" / "example" / "dpia.html").read_text(encoding="utf-8")
    assert "<strong>A full DPIA is not required" in decision_of(html)
    assert "Processing screened:" not in html  # no notice...
    assert "<th scope=\"row\">Processing described:</th>" in html  # ...it describes itself
    assert "data subjects &#39;Young people aged 16 to 18&#39; include children" in html or \
        "data subjects 'Young people aged 16 to 18' include children" in html


def test_one_criterion_unanswered_makes_the_dpia_decision_incomplete(project) -> None:
    html, doc = _page(project, {"councils/example/dpia.yaml": _standalone(("ico-tracking",))})
    decision = decision_of(html)
    assert "<strong>Screening incomplete: 1 question not answered</strong>" in decision
    assert '<a href="#question-ico-tracking">Tracking</a>' in decision
    assert "not required" not in decision
    row = html[html.index('<tbody id="question-ico-tracking">'):]
    assert "Not answered" in row[:row.index("</tbody>")]
    codes = [(p.severity, p.code) for p in lint_document(doc, dt.date(2026, 11, 21))]
    assert codes == [("error", "unanswered-question")]


ANY_BOX_FORM = """\
title: Data protection screening questions
for: dpia-screening
description: Tick any box that applies; one ticked box means a full DPIA.
scales:
  box:
    display: box
    options:
      - {value: ticked, label: Ticked, triggers: true}
      - {value: not-ticked, label: Not ticked}
  yes-no:
    options: [{value: "yes", label: "Yes"}, {value: "no", label: "No"}]
sections:
  - id: gate
    heading: Personal data
    questions:
      - {id: personal-data, question: Does the project use personal data?, scale: yes-no}
  - id: boxes
    heading: Tick every box that applies
    scale: box
    questions:
      - id: children
        question: Data about children
        criteria: [wp248-vulnerable, ico-targeting-vulnerable]
      - {id: health, question: Health or other special category data, criteria: [wp248-sensitive]}
      - {id: new-system, question: A new IT system, criteria: [wp248-innovative]}
  - id: result
    heading: Result
    decision: true
decision:
  rule: any
  gate:
    question: personal-data
    ends_when: ["no"]
    ended: No personal data is used, so no DPIA is needed.
  next_stage: a full DPIA
  triggered: Ticking any box means a full DPIA is required
  not_triggered: No box is ticked, so a full DPIA is not required.
"""


@pytest.mark.parametrize(("answers", "decision"), [
    ("personal-data: 'yes'\n  children: not ticked\n  health: ticked\n  new-system: not ticked",
     "<strong>Ticking any box means a full DPIA is required</strong>"),
    ("personal-data: 'yes'\n  children: not ticked\n  health: not ticked\n"
     "  new-system: not ticked", "<strong>No box is ticked, so a full DPIA is not required."),
    ("personal-data: 'no'", "<strong>No personal data is used, so no DPIA is needed."),
    ("personal-data: 'yes'\n  children: not ticked",
     "<strong>Screening incomplete: 2 questions not answered</strong>"),
])
def test_a_councils_own_dpia_questions_decide_by_its_own_rule(project, answers: str,
                                                              decision: str) -> None:
    html, _ = _page(project, {
        "councils/forms/council-dpia.yaml": ANY_BOX_FORM,
        "councils/example/dpia.yaml": ("kind: dpia-screening\nform: council-dpia\n"
                                       f"published: 2026-04-01\nanswers:\n  {answers}\n")})
    assert decision in decision_of(html)
    assert ("Criteria it evidences: EDPB / WP248 rev.01 criteria: 4 Sensitive or highly "
            "personal data</p>") in html  # what each of the council's questions stands for


# --- forms with mistakes --------------------------------------------------------------------

@pytest.mark.parametrize(("change", "message"), [
    (("scale: impact\n    questions:", "scale: impakt\n    questions:"),
     "error: unknown-scale: no scale 'impakt' in this form's scales (did you mean 'impact'?)"),
    (("{id: disability, topic: Disability}", "{id: age, topic: Disability}"),
     "error: duplicate-id: question 'age' is already asked at councils/forms/wellbeing.yaml:"),
    (("{id: appendix,", "{id: title,"),
     "error: reserved-field-id: 'title' cannot be a field id: every document has a key of that "
     "name"),
    (("rule: any", "rule: anny"),
     "error: invalid-value: decision.rule: 'anny' is not one of: any, at-least, "
     "per-characteristic, criteria (did you mean 'any'?)"),
])
def test_a_form_with_a_mistake_is_refused_at_its_place(project, change: tuple[str, str],
                                                       message: str) -> None:
    root = project({"councils/example/council.yaml": COUNCIL_YAML,
                    "councils/forms/wellbeing.yaml": WELLBEING_FORM.replace(*change),
                    "councils/example/screening.yaml": _screening({"age": "Positive"})})
    result = CliRunner().invoke(main, ["--project", str(root), "validate"])
    assert result.exit_code == 1
    assert re.search(r"^councils/forms/wellbeing\.yaml:\d+:\d+: " + re.escape(message),
                     result.output, re.M), result.output
    assert ("councils/example/screening.yaml:2:7: error: form-has-errors: the form 'wellbeing' "
            "has errors") in result.output


def test_a_project_form_shadows_a_bundled_one_only_when_it_says_so(project) -> None:
    root = project({"councils/example/council.yaml": COUNCIL_YAML,
                    "councils/forms/equality-screening.yaml": WELLBEING_FORM,
                    "councils/example/screening.yaml": _screening({"age": "Positive"}).replace(
                        "form: wellbeing", "form: equality-screening")})
    result = CliRunner().invoke(main, ["--project", str(root), "validate"])
    assert result.exit_code == 1
    assert ("councils/forms/equality-screening.yaml:1:1: error: form-shadows-bundled: "
            "'equality-screening' is the name of a bundled form: rename this file") in result.output
    (root / "councils/forms/equality-screening.yaml").write_text(WELLBEING_FORM.replace(
        "description:", "replaces_bundled: true\ndescription:"), encoding="utf-8")
    loaded = load_project(root)
    assert loaded.problems == []
    (doc,) = [d for d in loaded.documents if d.council_slug == "example"]
    assert "<h1>Wellbeing and equality screening (stage 1)</h1>" in render_html(doc)


def test_an_unknown_form_or_one_for_another_kind_is_named(project) -> None:
    root = project({"councils/example/council.yaml": COUNCIL_YAML,
                    "councils/example/a.yaml": "kind: equality-screening\nform: equality-scrning\n"
                                               "published: 2026-01-01\n",
                    "councils/example/b.yaml": "kind: impact-assessment\nform: dpia-criteria\n"
                                               "published: 2026-01-01\n"})
    output = CliRunner().invoke(main, ["--project", str(root), "validate"]).output
    assert ("councils/example/a.yaml:2:7: error: unknown-form: no form 'equality-scrning' (did "
            "you mean 'equality-screening'?); forms for equality-screening: equality-screening"
            ) in output
    assert ("councils/example/b.yaml:2:7: error: form-for-another-kind: the form "
            "'dpia-criteria' is for dpia-screening documents, not impact-assessment") in output


# --- lint and diff --------------------------------------------------------------------------

def test_lint_finds_missing_evidence_an_old_screening_and_a_passed_review(project) -> None:
    root = project({
        "councils/example/council.yaml": COUNCIL_YAML,
        "councils/example/privacy-notice.yaml": ("kind: privacy-notice\ntitle: t\n"
                                                 "published: 2026-06-01\nprogramme: pause\n"),
        "councils/example/dpia.yaml": ("kind: dpia-screening\nprogramme: pause\n"
                                       "published: 2026-01-02\nanswers:\n"
                                       "  ico-risk-of-harm: {answer: 'Yes'}\n"),
        "councils/example/eqia.yaml": _screening({"age": "Negative"}).replace(
            "    evidence: Seen in the data.\n", "").replace("appendix: Appendix 4\n", "").replace(
            "form: wellbeing", "form: equality-screening\nnext_review: 2026-03-31\n"
            "proposal: A new library service\ndescription: x"),
    })
    found = {}
    for doc in load_project(root).documents:
        for p in lint_document(doc, dt.date(2026, 11, 21)):
            found.setdefault(doc.slug, []).append((p.severity, p.code, p.message))
    assert ("warning", "screening-older-than-notice",
            "this screening is dated 2 January 2026, but the notice it screens ('t', "
            "councils/example/privacy-notice.yaml) was published on 1 June 2026: the notice "
            "has changed since it was screened") in found["dpia"]
    assert ("warning", "missing-evidence", "'Risk of physical harm' is answered Yes, which "
            "calls for a full data protection impact assessment (DPIA), but gives no evidence"
            ) in found["dpia"]
    assert ("warning", "missing-evidence", "'Age' is answered Negative, which calls for a full "
            "equality impact assessment, but gives no evidence") in found["eqia"]
    assert ("warning", "review-date-passed", "the date of next review, 31 March 2026, has "
            "passed (as of 21 November 2026)") in found["eqia"]
    assert ("error", "unanswered-question", "'Disability' is not answered: the decision "
            "cannot be made until every question is") not in found["eqia"]  # decided anyway
    assert ("warning", "unanswered-question", "'Disability' is not answered") in found["eqia"]


def test_diff_of_two_screening_versions_reports_the_answer_and_the_decision(project) -> None:
    root = project(councils=("middlesbrough",))
    old = root / "councils/middlesbrough/north-east-pause-screening.yaml"
    new = old.with_name("revised.yaml")
    new.write_text(old.read_text(encoding="utf-8").replace(
        "  community-cohesion:\n    answer: No\n",
        "  community-cohesion:\n    answer: Uncertain\n    evidence: Not yet known.\n"),
        encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(root), "diff", str(old), str(new)])
    assert result.exit_code == 0, result.output
    assert """Decision of the screening
  - Changed: decision
    Was: [−Decision: the screening is complete; every answer is No, so no Level 2 Full Impact \
Assessment is needed.−]
    Now: [+Decision: a Level 2 Full Impact Assessment must be completed+]
    Community cohesion is now Uncertain

Answers to the form's questions
  - Changed: Community cohesion
    Was: [−No−]
    Now: [+Uncertain+]
    this answer now calls for a Level 2 Full Impact Assessment
""" in result.output
    data = json.loads(CliRunner().invoke(main, ["--project", str(root), "diff", str(old),
                                                str(new), "--format", "json"]).output)
    assert [(c["area"], c["subject"]) for c in data["changes"]][:2] == [
        ("decision", "decision"), ("answers", "Community cohesion")]


# --- new --------------------------------------------------------------------------------------

def test_new_writes_screenings_only_on_request_and_lists_the_forms(project) -> None:
    root = project()
    result = CliRunner().invoke(main, ["--project", str(root), "new", "north-example",
                                       "--programme", "pause"])
    assert result.exit_code == 0, result.output
    folder = root / "councils" / "north-example"
    assert sorted(p.name for p in folder.iterdir()) == [
        "council.yaml", "privacy-notice.yaml", "scoping-notice.yaml"]
    assert "  equality-screening: Equality screening" in result.output
    added = CliRunner().invoke(main, ["--project", str(root), "new", "north-example",
                                      "--form", "equality-screening"])
    assert added.output.splitlines()[0] == "created councils/north-example/equality-screening.yaml"
    text = (folder / "equality-screening.yaml").read_text(encoding="utf-8")
    assert "  race:\n    answer: TODO Positive, Neutral, Negative, Don't know (Race)" in text
    assert "  sex:" not in text  # the programme answers it
    again = CliRunner().invoke(main, ["--project", str(root), "new", "north-example",
                                      "--form", "equality-screenin"])
    assert again.exit_code == 2
    assert "no form 'equality-screenin' (did you mean 'equality-screening'?)" in again.output


def test_the_schema_of_a_form_describes_its_keys() -> None:
    result = CliRunner().invoke(main, ["schema", "form"])
    schema = json.loads(result.output)
    assert {"for", "sections", "scales", "decision"} <= set(schema["properties"])


def test_changing_a_project_form_rebuilds_the_documents_on_it(project, tmp_path: Path) -> None:
    from pause_docs.build import build

    root = project({"councils/example/council.yaml": COUNCIL_YAML,
                    "councils/forms/wellbeing.yaml": WELLBEING_FORM,
                    "councils/example/screening.yaml": _screening({"age": "Positive"})},
                   councils=("lambeth",))
    out = tmp_path / "out"
    assert "councils/example/screening.yaml" in build(root, out, "html", jobs=1).built
    form = root / "councils/forms/wellbeing.yaml"
    form.write_text(WELLBEING_FORM.replace("Screening details", "About this screening"),
                    encoding="utf-8")
    again = build(root, out, "html", jobs=1)
    assert again.built == ["councils/example/screening.yaml"] and not again.problems
    assert "About this screening" in (out / "example/screening.html").read_text(encoding="utf-8")
