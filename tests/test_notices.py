"""Rich notices keep the law, recipients, rights, retention and contacts as structure."""

from __future__ import annotations

from test_render import bundled

from pause_docs.publish.citations import citation
from pause_docs.render.edition import render_html


def roles(doc) -> list[str]:  # type: ignore[no-untyped-def]
    return [citation(r, doc.registry.provisions, ()).role for r in doc.model.legal_bases]


def test_family_help_notice_has_three_levels_of_basis_and_eleven_gateways() -> None:
    doc = bundled("example-council", "family-help-privacy-notice")
    assert roles(doc).count("gateway") == 11
    assert [r for r in roles(doc) if r != "gateway"] == ["article-6", "article-9", "article-10"]
    art10 = doc.model.legal_bases[2]
    assert art10.schedule_1 is not None
    assert art10.schedule_1.provision_ids == ("dpa2018-sch1-p1", "dpa2018-s10-5")
    assert len(art10.examples) == 3
    assert len(doc.model.purposes) == 6
    (dfe,) = doc.model.recipients
    assert [o.to for o in dfe.onward] == ["Ministry of Justice",
                                          "Department of Health and Social Care",
                                          "Department for Work and Pensions"]
    assert {o.form for o in dfe.onward} == {"pseudo-anonymised"}


def test_cambridgeshire_annex_lists_datasets_with_holders() -> None:
    doc = bundled("cambridgeshire", "childrens-safeguarding-privacy-notice")
    (nis,) = doc.model.data_matching
    assert [(d.name, d.holder) for d in nis.datasets] == [
        ("The Police National Computer and Prisons Database", "the Ministry of Justice"),
        ("The National Pupil Database and Individualised Learner Record",
         "the Department for Education"),
        ("The Work and Pensions Longitudinal Study", "the Department for Work and Pensions"),
        ("Hospital Episodes Statistics, Mental Health Minimum Dataset",
         "the Health and Social Care Information Centre"),
        ("National Drug Treatment Monitoring System", "Public Health England"),
    ]
    assert nis.criteria_minimum == 2 and len(nis.criteria) == 6
    assert nis.processor == "Office of National Statistics (ONS)"
    assert [r.period for r in nis.retention] == ["one month", "until December 2022"]
    annex_roles = [citation(r, doc.registry.provisions, ()).role for r in nis.legal_bases]
    assert annex_roles == ["gateway", "article-6", "article-9", "article-10"]
    assert nis.contact is not None and nis.contact.email == "dataprotection@communities.gsi.gov.uk"


def test_cambridgeshire_notice_structure() -> None:
    doc = bundled("cambridgeshire", "childrens-safeguarding-privacy-notice")
    model = doc.model
    assert len(model.rights) == 7
    assert [r.period for r in model.retention] == ["at least 2 years after contact ends",
                                                   "at least 25 years"]
    groups = [r.group for r in model.recipients]
    assert groups.count(None) == 8 and groups.count("troubled-families") == 4
    assert [s.name for s in model.sources] == ["children", "young people",
                                               "their family members",
                                               "other professionals who know them"]
    assert sum(c.special_category for c in model.data_categories) == 2
    assert doc.council.dpo is not None and doc.council.dpo.phone == "01223 699137"


def test_inline_sources_read_as_one_sentence() -> None:
    html = render_html(bundled("cambridgeshire", "childrens-safeguarding-privacy-notice"))
    assert ("<p>This information is gathered from children, young people, their family "
            "members and other professionals who know them.</p>") in html


def test_standard_sections_fill_in_council_words() -> None:
    html = render_html(bundled("cambridgeshire", "childrens-safeguarding-privacy-notice"))
    assert "In Cambridgeshire we always take a “whole family” approach" in html
    assert '<h2 id="section-' in html and ">NHS National Data Opt-out</h2>" in html


def test_layered_notice_points_to_the_main_notice(project) -> None:
    from conftest import COUNCIL_YAML

    from pause_docs.source.loading import load_project

    root = project({
        "councils/example/council.yaml": COUNCIL_YAML,
        "councils/example/service.yaml": (
            "kind: privacy-notice\ntitle: Service notice\npublished: 2026-07-01\n"
            "programme: pause\n"
            "top_level_notice:\n  title: corporate privacy notice\n"
            "  url: https://www.example.gov.uk/privacy\n"),
    })
    (doc,) = load_project(root).documents
    html = render_html(doc)
    assert html.count('<a href="https://www.example.gov.uk/privacy" class="print-address">'
                      'corporate privacy '
                      'notice</a>') == 1  # once, for the rights, complaints and DPO
    assert "Right of access" not in html


def test_the_pointer_to_the_main_notice_is_printed_once_in_the_councils_words(project
                                                                              ) -> None:
    from conftest import COUNCIL_YAML

    from pause_docs.check.lint import lint_document
    from pause_docs.source.loading import load_project

    notice = ("kind: privacy-notice\ntitle: Service notice\npublished: 2026-07-01\n"
              "programme: pause\ntop_level_notice:\n  title: Our corporate privacy notice\n"
              "  url: https://www.example.gov.uk/privacy\n{pointer}"
              "sections:\n  - heading: Your rights\n    show: rights\n")
    root = project({
        "councils/example/council.yaml": COUNCIL_YAML,
        "councils/example/plain.yaml": notice.replace("{pointer}", ""),
        "councils/example/own.yaml": notice.replace("{pointer}", (
            "  pointer: Read Our corporate privacy notice for your rights, how to complain "
            "and how to reach our Data Protection Officer.\n")),
    })
    docs = {d.slug: d for d in load_project(root).documents}
    plain = render_html(docs["plain"])
    assert "set out in <a" in plain and "our Our" not in plain
    own = render_html(docs["own"])
    assert ('Read <a href="https://www.example.gov.uk/privacy" class="print-address">Our '
            'corporate privacy notice</a> for your rights, how to complain') in own
    codes = {p.code for p in lint_document(docs["own"], docs["own"].model.published)}
    assert not codes & {"missing-rights", "missing-dpo-contact", "missing-regulator-complaint",
                        "missing-controller-complaint"}


def test_wording_must_contain_the_cited_words(project) -> None:
    from conftest import COUNCIL_YAML
    from test_validate import run

    root = project({
        "councils/example/council.yaml": COUNCIL_YAML,
        "councils/example/n.yaml": (
            "kind: privacy-notice\ntitle: t\npublished: 2026-07-01\nprogramme: pause\n"
            "legal_bases:\n  - provision: ca2004-s10\n    cited_as: Children Act 2004\n"
            "    wording: the Children Act of 2004\n"),
    })
    code, output = run(root, "validate")
    assert code == 1
    assert ("councils/example/n.yaml:7:15: error: citation-not-in-wording: the words "
            "'Children Act 2004' do not appear in the wording") in output
