"""Layers for young people and in Easy Read: a notice under the full notice it names, which
leaves to it what it does not say itself (with the link printed, and lint checking the full
notice says it), gives plain reasons instead of article numbers, and reads at its level."""

from __future__ import annotations

import dataclasses
import datetime as dt

from conftest import COUNCIL_YAML, REPO

from pause_docs.check.lint import lint_document
from pause_docs.compare import diff_documents
from pause_docs.compare.layers import revisit_notes
from pause_docs.compare.redline import as_text
from pause_docs.render.edition import render_html
from pause_docs.source.loading import load_project

TODAY = dt.date(2026, 12, 2)
FULL = """\
kind: privacy-notice
title: Family support privacy notice
published: 2026-11-01
{legal_bases}
rights: [{{right: access}}, {{right: object}}, {{right: complain-to-controller}}]
complaints:
  to_regulator: "You can complain to the regulator:"
sections:
  - heading: The law
    show: lawful-basis
  - heading: Your rights
    show: rights
  - heading: Complaints
    show: complaints
  - heading: Our Data Protection Officer
    show: dpo
"""
WITH_BASIS = """legal_bases:
  - provision: ukgdpr-art6-1-e
    reason: we carry out our public tasks."""
LAYER = """\
kind: privacy-notice
audience: young-people
parent: full
title: How we use information about you
published: 2026-11-16
purposes:
  - description: to help you and your family
recipients: [{name: your school}]
retention:
  - rule: We keep your records for 25 years.
sections:
  - heading: Why we use it
    show: purposes
  - heading: Who we share it with
    show: recipients
  - heading: Why the law lets us
    show: lawful-basis
  - heading: How long we keep it
    show: retention
  - heading: Your rights
    show: rights
  - heading: Complaints
    show: complaints
  - heading: Who to contact
    show: dpo
"""


def site(project, full: str = FULL.format(legal_bases=WITH_BASIS), layer: str = LAYER):  # type: ignore[no-untyped-def]
    root = project({"councils/example/council.yaml": COUNCIL_YAML,
                    "councils/example/full.yaml": full,
                    "councils/example/layer.yaml": layer})
    docs = {d.slug: d for d in load_project(root).documents}
    return root, docs


def codes(doc) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(p.code for p in lint_document(doc, TODAY) if p.severity != "info")


def test_a_layer_points_to_its_full_notice_for_what_it_leaves_to_it(project) -> None:
    _, docs = site(project)
    layer = docs["layer"]
    assert layer.parent is not None and layer.parent.slug == "full"
    page = render_html(layer)
    link = '<a href="full.html">Family support privacy notice</a>'
    assert f"This is a short version of our {link}." in page
    assert f"The law that allows us to use your information is set out in our {link}." in page
    for what in ("about your rights", "how to complain",
                 "how to contact our Data Protection Officer"):
        assert f"You can read {what} in our {link}." in page
    assert codes(layer) == []


def test_a_layer_leaving_its_lawful_basis_to_a_notice_without_one_is_a_located_error(
        project) -> None:
    _, docs = site(project, full=FULL.format(legal_bases=""))
    problems = [p for p in lint_document(docs["layer"], TODAY)
                if p.code == "deferred-not-in-parent"]
    assert len(problems) == 1
    where = problems[0].location
    assert (where.path, where.line, where.column) == ("councils/example/layer.yaml", 3, 9)
    assert "leaves a UK GDPR Art 6(1) lawful basis to 'full'" in problems[0].message
    assert problems[0].fix == "give it in councils/example/full.yaml, or in this layer itself"


def test_a_layer_gives_plain_reasons_instead_of_article_numbers(project) -> None:
    layer = LAYER.replace("retention:", """legal_bases:
  - provision: ukgdpr-art6-1-e
    reason: looking after children is a job the law gives us.
  - provision: ca1989-s47
retention:""").replace("    show: lawful-basis\n", "    show: lawful-basis\n  - show: gateways\n")
    _, docs = site(project, layer=layer)
    page = render_html(docs["layer"])
    assert "Art 6(1)(e)" not in page and "s.47" not in page
    assert ('<a href="https://www.legislation.gov.uk/eur/2016/679/article/6">looking after '
            "children is a job the law gives us.</a>") in page
    assert "Councils must make enquiries when they have reasonable cause" in page  # registry
    assert "set out in our" not in page.split("Why the law lets us")[1].split("<h2")[0]
    assert codes(docs["layer"]) == []


def test_a_layer_for_young_people_is_held_to_a_stated_reading_age(project) -> None:
    hard = LAYER.replace("to help you and your family", (
        "to facilitate the comprehensive determination of multidisciplinary intervention "
        "requirements, notwithstanding considerations appertaining to organisational "
        "accountability, proportionality and administrative responsibilities"))
    _, docs = site(project, layer=hard)
    [found] = [p for p in lint_document(docs["layer"], TODAY)
               if p.code == "hard-to-read-for-audience"]
    assert "a reading age of 13 to 15" in found.message and found.severity == "warning"
    assert found.location.line == 2  # audience: young-people


def test_a_parent_that_is_not_a_notice_in_the_folder_is_located(project) -> None:
    root, _ = site(project, layer=LAYER.replace("parent: full", "parent: ful"))
    [problem] = [p for p in load_project(root).problems if p.code == "unknown-notice"]
    assert problem.location.line == 3 and "did you mean 'full'?" in problem.message


def test_diff_of_a_full_notice_names_the_layers_to_revisit(project) -> None:
    root, docs = site(project)
    changed = root / "councils/example/full.yaml"
    changed.write_text(changed.read_text().replace("public tasks", "public tasks by law"))
    new = next(d for d in load_project(root).documents if d.slug == "full")
    text = as_text(diff_documents(docs["full"], new))
    assert "Layers to revisit: councils/example/layer.yaml (young people)" in text


def test_the_layers_to_revisit_are_listed_as_the_locale_joins_a_list(project) -> None:
    root, docs = site(project)
    for name, audience in (("easy", "easy-read"), ("other", "young-people")):
        (root / f"councils/example/{name}.yaml").write_text(
            LAYER.replace("audience: young-people", f"audience: {audience}"), encoding="utf-8")
    changed = root / "councils/example/full.yaml"
    changed.write_text(changed.read_text().replace("public tasks", "public tasks by law"))
    new = next(d for d in load_project(root).documents if d.slug == "full")
    [note] = diff_documents(docs["full"], new).notes
    assert note.startswith("Layers to revisit: councils/example/easy.yaml (easy read), "
                           "councils/example/layer.yaml (young people) and "
                           "councils/example/other.yaml (young people): ")


def test_the_layers_to_revisit_are_named_in_the_language_compared_in(project) -> None:
    root, docs = site(project)
    welsh = dataclasses.replace(docs["full"], language="cy")
    [note] = revisit_notes(welsh)
    assert note.startswith("Haenau i'w hadolygu: councils/example/layer.yaml (young people): ")
    assert "Layers" not in note


def test_the_bundled_young_peoples_layer_links_to_its_full_notice() -> None:
    path = "councils/cambridgeshire/childrens-safeguarding-young-people.yaml"
    doc = next(d for d in load_project(REPO, only=[REPO / path]).documents if d.path == path)
    assert doc.model.audience == "young-people"
    assert '<a href="childrens-safeguarding-privacy-notice.html">' in render_html(doc)


def test_a_layer_under_a_notice_with_errors_says_so_at_its_parent_line(project) -> None:
    root, _ = site(project, full=FULL.format(legal_bases="legal_bases:\n  - reason: x"))
    problems = sorted((p.location.path, p.location.line, p.code, p.message)
                      for p in load_project(root).problems if p.severity == "error")
    assert problems == [
        ("councils/example/full.yaml", 4, "missing-key",
         "missing required key 'provision' in legal_bases[1]: give the registry id of the "
         "law (pause-docs law WORDS finds it); a reason citing no law goes under "
         "'plain_reasons:', in a young people's or Easy Read layer only"),
        ("councils/example/layer.yaml", 3, "notice-has-errors",
         "the notice 'full' has errors: run 'pause-docs validate councils/example/full.yaml' "
         "and fix them first")]  # not an 'internal-error' calling it a bug
