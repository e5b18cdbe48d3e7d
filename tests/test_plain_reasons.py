"""Plain reasons that cite no law: a young people's or Easy Read layer may give a reason in
its own words with no provision (its full notice gives the law), printed as text, not a
link; a notice for everyone may not."""

from __future__ import annotations

import html as html_lib
import re

import jsonschema
import pytest
import yaml
from conftest import COUNCIL_YAML
from test_layers import FULL, LAYER, TODAY, WITH_BASIS, codes, site
from test_pdf import pdf_text
from test_welsh import WELSH_COUNCIL
from wordinfo import docx_text

from pause_docs.check.lint import lint_document
from pause_docs.editor.fields import spec_of
from pause_docs.publish.document import publish
from pause_docs.render.docx import publication_docx
from pause_docs.render.edition import render_html
from pause_docs.render.pdf import render_pdf
from pause_docs.scaffold.json_schema import json_schema
from pause_docs.source.layout import TEMPLATES_DIR
from pause_docs.source.loading import load_project
from pause_docs.source.models import Notice

REASON = "We need to keep children safe."
PLAIN = f"""plain_reasons:
  - reason: {REASON}
retention:"""
LINK = '<a href="full.html">Family support privacy notice</a>'


def section(page: str, heading: str) -> str:
    return page.split(f">{heading}</h2>")[1].split("<h2")[0]


def test_a_layer_prints_a_plain_reason_without_a_provision_as_text(project) -> None:
    _, docs = site(project, layer=LAYER.replace("retention:", PLAIN, 1))
    layer = docs["layer"]
    law = section(render_html(layer), "Why the law lets us")
    assert f"<p>{REASON}</p>" in law and f">{REASON}</a>" not in law
    # the law itself is left to the full notice, which lint checks gives it
    assert f"The law that allows us to use your information is set out in our {LINK}." in law
    assert codes(layer) == []


def test_a_plain_reason_prints_after_the_linked_ones_in_a_legal_bases_list(project) -> None:
    layer = LAYER.replace("retention:", f"""legal_bases:
  - provision: ukgdpr-art6-1-e
    reason: looking after children is a job the law gives us.
{PLAIN}""", 1).replace("show: lawful-basis", "show: legal-bases")
    _, docs = site(project, layer=layer)
    law = section(render_html(docs["layer"]), "Why the law lets us")
    assert re.search(r'<li><a href="https://www.legislation.gov.uk/eur/2016/679/article/6">'
                     r"looking after children is a job the law gives us.</a></li>\s*"
                     rf"<li>{re.escape(REASON)}</li>", law)
    assert "set out in our" not in law  # it gives its own lawful basis
    assert codes(docs["layer"]) == []


def test_a_plain_reason_is_in_the_word_file_and_the_pdf(project, tmp_path) -> None:
    _, docs = site(project, layer=LAYER.replace("retention:", PLAIN, 1))
    publication = publish(docs["layer"])
    assert REASON in docx_text(publication_docx(publication, 0)[0])
    pdf = render_pdf(render_html(docs["layer"]), TEMPLATES_DIR / "assets", 1764547200)
    assert REASON in " ".join(pdf_text(pdf, tmp_path).split())


def test_a_bilingual_layer_prints_its_plain_reason_in_welsh(project) -> None:
    layer = LAYER.replace("retention:", """plain_reasons:
  - reason: {en: We need to keep children safe., cy: Mae angen i ni gadw plant yn ddiogel.}
retention:""", 1)
    root = project({"councils/example/council.yaml": WELSH_COUNCIL,
                    "councils/example/full.yaml": FULL.format(legal_bases=WITH_BASIS),
                    "councils/example/layer.yaml": layer})
    doc = next(d for d in load_project(root).documents if d.slug == "layer")
    welsh = html_lib.unescape(render_html(doc, language="cy"))
    assert "<p>Mae angen i ni gadw plant yn ddiogel.</p>" in welsh
    assert REASON in render_html(doc)


def test_a_plain_reason_in_a_notice_for_everyone_is_a_located_error(project) -> None:
    full = FULL.format(legal_bases=WITH_BASIS + f"\nplain_reasons:\n  - reason: {REASON}")
    root = project({"councils/example/council.yaml": COUNCIL_YAML,
                    "councils/example/full.yaml": full})
    loaded = load_project(root)
    assert [d.slug for d in loaded.documents] == []
    [problem] = [p for p in loaded.problems if p.severity == "error"]
    where = problem.location
    assert (where.path, where.line, where.column, problem.code) == (
        "councils/example/full.yaml", 7, 1, "plain-reason-outside-layer")
    assert problem.message == (
        "a plain reason without a provision is only for a young people's or Easy Read layer "
        "('audience: young-people' or 'audience: easy-read'): give it under legal_bases as "
        "'reason:' with 'provision: ...' (the registry id of the law; see pause-docs law "
        "WORDS, e.g. pause-docs law public task)")


def test_a_reason_without_a_provision_in_legal_bases_is_still_a_located_error(
        project) -> None:
    root, _ = site(project, full=FULL.format(legal_bases=f"legal_bases:\n  - reason: {REASON}"))
    problems = [p for p in load_project(root).problems if p.severity == "error"]
    assert [(p.location.path, p.location.line, p.code) for p in problems] == [
        ("councils/example/full.yaml", 4, "missing-key"),
        ("councils/example/layer.yaml", 3, "notice-has-errors")]  # not an 'internal-error'
    assert problems[0].message == (
        "missing required key 'provision' in legal_bases[1]: give the registry id of the law "
        "(pause-docs law WORDS finds it); a reason citing no law goes under 'plain_reasons:', "
        "in a young people's or Easy Read layer only")


def test_a_missing_provision_elsewhere_gets_no_word_of_plain_reasons(project) -> None:
    full = FULL.format(legal_bases="purposes:\n  - description: help\n    legal_bases:\n"
                       "      - reason: x")
    root = project({"councils/example/council.yaml": COUNCIL_YAML,
                    "councils/example/full.yaml": full})
    [problem] = [p for p in load_project(root).problems if p.severity == "error"]
    assert problem.message == ("missing required key 'provision' in "
                               "purposes[1].legal_bases[1]")


def test_a_layer_of_its_own_with_only_plain_reasons_names_no_lawful_basis(project) -> None:
    # without a full notice to carry the law, a plain reason does not count as citing it
    layer = LAYER.replace("parent: full\n", "").replace("retention:", PLAIN, 1)
    _, docs = site(project, layer=layer)
    assert "missing-lawful-basis" in codes(docs["layer"])
    found = lint_document(docs["layer"], TODAY)
    assert not [p for p in found if p.code == "internal-error"]


@pytest.mark.parametrize("show", ["legal-bases", "lawful-basis", "gateways"])
def test_a_plain_reason_crashes_no_check_whatever_shows_it(project, show) -> None:
    without = LAYER.replace("show: lawful-basis", f"show: {show}")
    _, docs = site(project, layer=without.replace("retention:", PLAIN, 1))
    found = codes(docs["layer"])
    page = render_html(docs["layer"])
    assert (REASON in page) == (show != "gateways")
    # the same findings as the layer without it: a gateways section alone never showed the
    # law, and a plain reason does not make it
    assert found == (["missing-lawful-basis"] if show == "gateways" else [])


def test_the_schema_and_the_editor_know_a_plain_reason() -> None:
    schema = json_schema(Notice)
    jsonschema.Draft202012Validator.check_schema(schema)
    layer = yaml.load(LAYER.replace("retention:", PLAIN, 1), Loader=yaml.BaseLoader)
    jsonschema.validate(layer, schema)
    wrong = {**layer, "plain_reasons": [{"provision": "ukgdpr-art6-1-e"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(wrong, schema)
    field = spec_of(schema).properties["plain_reasons"]
    assert field.kind == "list" and field.items is not None
    reason = field.items.properties["reason"]
    assert (reason.kind, reason.per_language, reason.required) == ("markdown", True, True)
