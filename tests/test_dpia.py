"""A full DPIA on a form: drafted from the notice and the screening, a risk register whose
levels follow the form's matrix, the Art 36 outcome, the matrix picture, and lint."""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import itertools
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import REPO
from PIL import Image
from test_render import bundled

from pause_docs.check.lint import lint_document, where_used
from pause_docs.cli import main
from pause_docs.forms.risk import judge
from pause_docs.publish.document import publish
from pause_docs.render.docx import publication_docx
from pause_docs.render.edition import render_html
from pause_docs.render.text import publication_text
from pause_docs.source.loading import load_project
from pause_docs.source.models.dpia_full import Dpia
from pause_docs.source.screenings import fingerprint

DPIA = "councils/oxfordshire/pause-dpia.yaml"
LIKELIHOOD = ("remote", "possible", "probable")
SEVERITY = ("minimal", "significant", "severe")
# The bundled form's matrix, as the ICO template's scales read it.
EXPECTED = {("remote", "minimal"): "low", ("remote", "significant"): "low",
            ("remote", "severe"): "medium", ("possible", "minimal"): "low",
            ("possible", "significant"): "medium", ("possible", "severe"): "high",
            ("probable", "minimal"): "medium", ("probable", "significant"): "high",
            ("probable", "severe"): "high"}


def text_of(publication) -> str:  # type: ignore[no-untyped-def]
    return publication_text(publication.body)


def dpia_of(root: Path):  # type: ignore[no-untyped-def]
    loaded = load_project(root, councils=["oxfordshire"])
    assert not [p for p in loaded.problems if p.severity == "error"], loaded.problems
    return next(d for d in loaded.documents if d.kind == "dpia")


def with_risks(root: Path, risks: str, extra: str = "") -> Path:
    """The bundled DPIA with its risks replaced."""
    path = root / DPIA
    text = path.read_text(encoding="utf-8")
    start, end = text.index("\nrisks:\n"), text.index("\ndpo_advice:")
    path.write_text(text[:start] + "\nrisks:\n" + risks + extra + text[end:], encoding="utf-8")
    return root


def risk(likelihood: str, severity: str, residual: str = "", measures: bool = True) -> str:
    lines = [f"  - id: r-{likelihood}-{severity}", "    risk: Something could go wrong.",
             f"    likelihood: {likelihood}", f"    severity: {severity}"]
    if measures:
        lines += ["    measures:", "      - {measure: Something is done., effect: reduced}"]
    if residual:
        lines.append(f"    residual: {residual}")
    return "\n".join(lines) + "\n"


@pytest.mark.slow
def test_overall_and_residual_risk_follow_the_matrix_for_every_pair(project) -> None:
    pairs = list(itertools.product(LIKELIHOOD, SEVERITY))
    risks = "".join(risk(lk, sv, f"{{likelihood: {rl}, severity: {rs}}}")
                    for (lk, sv), (rl, rs) in zip(pairs, reversed(pairs), strict=True))
    doc = dpia_of(with_risks(project(councils=("oxfordshire",)), risks))
    assert doc.form is not None and doc.form.definition.risk_matrix is not None
    register = judge(doc.form.definition.risk_matrix, doc.model)
    for j, (before, after) in zip(register.risks, zip(pairs, reversed(pairs), strict=True),
                                  strict=True):
        assert j.overall.value == EXPECTED[before]
        assert j.residual is not None and j.residual.value == EXPECTED[after]
    text = text_of(publish(doc))
    assert text.count("High") >= 6  # each high level printed, before or after


def test_a_typed_overall_level_is_refused_with_the_keys_a_risk_has(project) -> None:
    root = with_risks(project(councils=("oxfordshire",)),
                      risk("possible", "severe") + "    overall: low\n")
    loaded = load_project(root, councils=["oxfordshire"])
    found = [str(p) for p in loaded.problems if "pause-dpia.yaml" in str(p)]
    assert any("overall" in p and "error" in p for p in found), found


def test_a_likelihood_not_on_the_forms_scale_names_the_ones_that_are(project) -> None:
    root = with_risks(project(councils=("oxfordshire",)), risk("likely", "severe"))
    found = [str(p) for p in load_project(root, councils=["oxfordshire"]).problems]
    line = next(p for p in found if "pause-dpia.yaml" in p and "likely" in p)
    assert "remote" in line and "probable" in line
    assert re.search(r"pause-dpia\.yaml:\d+:\d+: error", line)


def test_residual_high_risk_requires_prior_consultation_with_the_reason(project) -> None:
    root = with_risks(project(councils=("oxfordshire",)),
                      risk("probable", "severe", "{likelihood: possible, severity: severe}")
                      + risk("possible", "severe", measures=False))
    doc = dpia_of(root)
    text = text_of(publish(doc))
    assert "Prior consultation with the Information Commissioner is required" in text
    assert "R1 remains High after its measures" in text
    assert "R2 is High and has no measure against it" in text
    codes = {p.code for p in lint_document(doc, dt.date(2018, 7, 3))}
    assert {"high-risk-without-art-36", "risk-without-measure"} <= codes


def test_no_high_residual_risk_needs_no_prior_consultation() -> None:
    doc = bundled("oxfordshire", "pause-dpia")
    text = text_of(publish(doc))
    assert "Prior consultation with the Information Commissioner is not required" in text
    codes = {p.code for p in lint_document(doc, dt.date(2018, 7, 3))}
    assert not codes & {"high-risk-without-art-36", "risk-without-measure",
                        "dpia-out-of-date"}


def test_drafted_from_the_notice_and_screening_with_where_each_was_written() -> None:
    text = text_of(publish(bundled("oxfordshire", "pause-dpia")))
    assert "OCC and Pause Privacy Notice" in text
    assert "councils/oxfordshire/pause-privacy-notice.yaml:" in text
    assert "councils/oxfordshire/pause-dpia-screening.yaml:" in text
    assert "special category data" in text
    assert "Vulnerable" in text or "vulnerable" in text


def test_what_nobody_said_stays_visibly_unanswered(project) -> None:
    root = project(councils=("oxfordshire",))
    path = root / DPIA
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("screening: pause-dpia-screening\n", "")
                    .replace("notice: pause-privacy-notice\n", ""), encoding="utf-8")
    loaded = load_project(root, councils=["oxfordshire"])
    doc = next(d for d in loaded.documents if d.kind == "dpia")
    printed = text_of(publish(doc))
    assert "no DPIA screening is named" in printed
    assert "no notice is named" in printed


def matrix_svg(html: str) -> tuple[str, str]:
    match = re.search(r'<img src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]+)"', html)
    assert match, "no matrix picture"
    return base64.b64decode(match.group(1)).decode(), match.group(2)


def test_matrix_picture_has_a_text_alternative_and_the_same_risks_as_the_table() -> None:
    doc = bundled("oxfordshire", "pause-dpia")
    html = render_html(doc)
    svg, alt = matrix_svg(html)
    assert isinstance(doc.model, Dpia)
    numbers = [f"R{i + 1}" for i in range(len(doc.model.risks))]
    table = html[html.index('class="form-table risk-register"'):]
    table = table[:table.index("</table>")]
    assert re.findall(r"<strong>(R\d+) </strong>", table) == numbers
    placed = re.findall(r">(R\d+)</text>", svg)
    assert sorted(set(placed)) == numbers
    assert all(placed.count(n) == 2 for n in numbers)  # before and after its measures
    for n in numbers:
        assert f"{n}:" in alt
    assert "<title>" in svg and "<desc>" in svg
    assert "Possible and Severe, High risk before its measures" in alt


def test_matrix_picture_is_the_same_bytes_every_time() -> None:
    doc = bundled("oxfordshire", "pause-dpia")
    assert matrix_svg(render_html(doc)) == matrix_svg(render_html(doc))


def test_changed_notice_makes_lint_report_the_approved_dpia_out_of_date(project) -> None:
    root = project(councils=("oxfordshire",))
    doc = dpia_of(root)
    notice, screening = fingerprint(doc.notice), fingerprint(doc.screening)
    path = root / DPIA
    path.write_text(path.read_text(encoding="utf-8") + (
        f"approved_against: {{notice: {notice}, screening: {screening}}}\n"), encoding="utf-8")
    assert "dpia-out-of-date" not in {p.code for p in lint_document(dpia_of(root),
                                                                     dt.date(2018, 7, 3))}
    notice_file = root / "councils/oxfordshire/pause-privacy-notice.yaml"
    notice_file.write_text(notice_file.read_text(encoding="utf-8").replace(
        "only those staff who need to do so", "staff"), encoding="utf-8")
    found = [p for p in lint_document(dpia_of(root), dt.date(2018, 7, 3))
             if p.code == "dpia-out-of-date"]
    assert len(found) == 1
    assert "the notice 'pause-privacy-notice'" in found[0].message
    assert found[0].location.path.endswith("pause-dpia.yaml") and found[0].location.line
    assert REPO.exists()


@pytest.mark.slow
def test_word_matrix_is_a_picture_with_the_text_alternative() -> None:
    doc = bundled("oxfordshire", "pause-dpia")
    data, _ = publication_docx(publish(doc), 1704067200)
    _, alt = matrix_svg(render_html(doc))
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        body = docx.read("word/document.xml").decode()
        pictures = [docx.read(n) for n in docx.namelist() if n.startswith("word/media/")]
    described = re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', body)
    assert html.unescape(described[-1]) == alt
    assert len(pictures) == 1, "the matrix is embedded as a picture"
    picture = Image.open(io.BytesIO(pictures[0]))
    assert "R1" in alt and "R3" in alt
    # Drawn at 300 dots an inch, in a palette: a third of the size and the same to the eye.
    assert picture.format == "PNG" and picture.mode == "P" and picture.width >= 1200
    assert len(picture.getcolors(256) or []) > 8  # its colours and anti-aliased edges


def test_diff_explains_a_raised_risk_and_a_removed_measure(project) -> None:
    root = project(councils=("oxfordshire",))
    old = root / DPIA
    new = old.with_name("pause-dpia-revised.yaml")
    new.write_text(old.read_text(encoding="utf-8").replace(
        "    likelihood: possible\n    severity: significant\n    measures:\n"
        "      - measure: A data sharing",
        "    likelihood: probable\n    severity: significant\n    measures:\n"
        "      - measure: A data sharing").replace(
        "      - measure: No address is copied into the scoping list.\n"
        "        effect: reduced\n", ""), encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(root), "diff", str(old), str(new)])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Risks and the measures against them (DPIA)" in out
    assert "risk raised from Medium to High" in out
    assert "Removed: measure against risk 'disclosure'" in out
    assert "No address is copied into the scoping list." in out
    assert "measure removed: check the residual risk still holds" in out


def test_where_used_includes_the_dpia_that_prints_its_notices_law() -> None:
    found = where_used(load_project(REPO, councils=["oxfordshire"]), "ca2004-s10")
    documents = {c.document for c in found}
    assert DPIA in documents and "councils/oxfordshire/pause-privacy-notice.yaml" in documents
    dpia = next(c for c in found if c.document == DPIA)
    assert dpia.location.path == "councils/oxfordshire/pause-privacy-notice.yaml"


OWN_FORM = """\
title: Privacy impact assessment
for: dpia
description: The council's own PIA, with a four-by-two matrix
sections:
  - id: about
    heading: About the change
    fields:
      - {id: summary, label: What is changing, type: markdown, show_empty: true}
  - id: processing
    heading: The processing
    show: drafted
  - id: register
    heading: Risk log
    show: risks
  - id: result
    heading: Result
    show: outcome
risk_matrix:
  source: Council risk management policy, appendix B
  likelihood:
    - {value: rare, label: Rare}
    - {value: unlikely, label: Unlikely}
    - {value: likely, label: Likely}
    - {value: certain, label: Almost certain}
  severity:
    - {value: minor, label: Minor}
    - {value: major, label: Major}
  levels:
    - {value: tolerable, label: Tolerable, colour: "#ffffff"}
    - {value: intolerable, label: Intolerable, colour: "#f4cccc", high: true}
  effects:
    - {value: treated, label: Treated, reduces: true}
    - {value: tolerated, label: Tolerated}
  grid:
    rare: {minor: tolerable, major: tolerable}
    unlikely: {minor: tolerable, major: intolerable}
    likely: {minor: tolerable, major: intolerable}
    certain: {minor: intolerable, major: intolerable}
"""
OWN_DPIA = """\
kind: dpia
form: council-pia
title: PIA of the Pause programme
published: 2024-05-01
programme: pause
notice: pause-privacy-notice
summary: Case files are read to find the women the programme can help.
risks:
  - id: breach
    risk: The scoping list is lost.
    likelihood: Likely
    severity: major
    measures:
      - {measure: The list stays in the case system., effect: tolerated}
    residual: {likelihood: unlikely, severity: major}
  - id: upset
    risk: A woman is upset to be contacted.
    likelihood: certain
    severity: minor
    measures:
      - {measure: Her own social worker calls first., effect: treated}
    residual: {likelihood: rare, severity: minor}
"""


@pytest.mark.slow
def test_a_councils_own_dpia_form_works_like_the_bundled_one(project) -> None:
    root = project({"councils/forms/council-pia.yaml": OWN_FORM,
                    "councils/oxfordshire/council-pia.yaml": OWN_DPIA},
                   councils=("oxfordshire",))
    loaded = load_project(root, councils=["oxfordshire"])
    assert [p for p in loaded.problems if "council-pia" in str(p)] == []
    doc = next(d for d in loaded.documents if d.slug == "council-pia")
    assert doc.form is not None and doc.form.name == "council-pia"
    register = judge(doc.form.definition.risk_matrix, doc.model)  # type: ignore[arg-type]
    assert [(j.overall.value, j.left.value if j.left else None) for j in register.risks] == [
        ("intolerable", "intolerable"), ("intolerable", "tolerable")]
    text = text_of(publish(doc))
    assert "Risk log" in text and "Intolerable" in text and "Almost certain" in text
    assert "R1 is Intolerable and none of its measures reduces it" in text
    assert "Council risk management policy, appendix B" in text
    assert "OCC and Pause Privacy Notice" in text
    svg, alt = matrix_svg(render_html(doc))
    assert svg.count("<rect ") == 8 and "Almost certain" in svg
    assert "R2: Almost certain and Minor, Intolerable risk before its measures" in alt
    assert "high-risk-without-art-36" in {p.code for p in lint_document(doc, dt.date(2024, 6, 1))}


def test_a_form_with_an_incomplete_matrix_says_which_pair_is_missing(project) -> None:
    root = project({"councils/forms/council-pia.yaml": OWN_FORM.replace(
        "    certain: {minor: intolerable, major: intolerable}\n",
        "    certain: {minor: intolerable}\n")})
    result = CliRunner().invoke(main, ["--project", str(root), "validate"])
    assert result.exit_code == 1
    assert "certain × major" in result.output
    assert re.search(r"councils/forms/council-pia\.yaml:\d+:\d+: error", result.output)


def test_the_welsh_page_prints_the_register_and_outcome_in_welsh() -> None:
    text = text_of(publish(bundled("oxfordshire", "pause-dpia"), "cy"))
    for words in ("Risg gyffredinol", "Risg weddilliol", "Tebygolrwydd niwed",
                  "Nid oes rhaid ymgynghori â'r Comisiynydd Gwybodaeth"):
        assert words in text
    for english in ("Risk register", "Prior consultation", "Likelihood of harm"):
        assert english not in text


def test_a_criterion_the_screening_found_met_needs_a_risk_naming_it(project) -> None:
    root = project(councils=("oxfordshire",))
    path = root / DPIA
    path.write_text(path.read_text(encoding="utf-8").replace(
        "criteria: [wp248-sensitive]", "criteria: []"), encoding="utf-8")
    found = [p for p in lint_document(dpia_of(root), dt.date(2018, 7, 3))
             if p.code == "criterion-without-risk"]
    assert [p.message for p in found] == [
        "the screening 'pause-dpia-screening' found 'Sensitive or highly personal data' met, "
        "but no risk in the register names it"]
    assert found[0].location.path.endswith("pause-dpia.yaml") and found[0].location.line


def test_a_dpia_naming_a_notice_that_does_not_exist_says_so_in_validate_and_build(
        project, tmp_path: Path) -> None:
    """Found by the hostile-file run: the DPIA was dropped with no error at all (validate
    said every document was valid, build called it a bug in pause-docs)."""
    root = project(councils=("oxfordshire",))
    path = root / DPIA
    path.write_text(path.read_text(encoding="utf-8").replace(
        "notice: pause-privacy-notice", "notice: pause-privacy-notise"), encoding="utf-8")
    expected = re.compile(r"councils/oxfordshire/pause-dpia\.yaml:\d+:\d+: error: "
                          r"unknown-notice: no notice 'pause-privacy-notise' in "
                          r"councils/oxfordshire/ \(did you mean 'pause-privacy-notice'\?\)")
    for args in (["validate"], ["build", "--format", "html", "--output",
                                str(tmp_path / "out"), "-j", "1"]):
        result = CliRunner().invoke(main, ["--project", str(root), *args])
        assert result.exit_code == 1, result.output
        assert expected.search(result.output), result.output
        assert "internal-error" not in result.output


def test_own_registry_entries_that_break_a_bundled_form_are_reported_at_the_form(
        tmp_path: Path) -> None:
    # A project without forms of its own, whose legal_bases/ gives a criteria set a criterion
    # another set asks already: the bundled screening form now asks one question twice.
    root = tmp_path / "project"
    shutil.copytree(REPO / "councils" / "oxfordshire", root / "councils" / "oxfordshire")
    data = yaml.safe_load((REPO / "pause_docs" / "legal_bases" / "dpia-criteria.yaml")
                          .read_text(encoding="utf-8"))
    sets = {s["id"]: s for s in data["criteria_sets"]}
    sets["art35-3"]["criteria"].append(sets["ico-high-risk"]["criteria"][0])
    (root / "legal_bases").mkdir()
    (root / "legal_bases" / "dpia-criteria.yaml").write_text(yaml.safe_dump(data),
                                                             encoding="utf-8")
    found = [(p.code, p.location.path) for p in load_project(root).problems]
    assert any(code == "duplicate-id" and str(path).endswith("dpia-criteria.yaml")
               for code, path in found), found
