"""What a resident sees around the words of a document: when it was last updated and its
version, 'On this page' on a long page, how to ask for another format, the council's
accessibility statement and logo, and on paper the address of every link it cannot follow."""

from __future__ import annotations

import re

import pikepdf
import pytest
from conftest import COUNCIL_YAML, REPO, build_tree
from htmlinfo import page_info

from pause_docs.build import build
from pause_docs.publish.tree import Contents, Link, Paragraph, Text, plain, walk
from pause_docs.render.edition import render_document
from pause_docs.source.loading import load_project

NOTICE = """\
kind: privacy-notice
title: Help for families
published: 2026-07-01
summary: We use what we know about you to give your family help.
sections:
  - heading: What we do
    show: summary
  - heading: Who we are
    text: "[Our website](https://www.example.gov.uk/about) says more."
"""
PARTS = "".join(f"  - heading: Part {n}\n    text: Words of part {n}.\n" for n in range(3, 6))
LOGO = """\
logo:
  file: crest.svg
  alt: Example Borough Council
accessibility_statement: https://www.example.gov.uk/accessibility
alternative_formats:
  email: formats@example.gov.uk
  phone: 01632 960002
  web_form: https://www.example.gov.uk/ask
"""
SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20">'
       '<rect width="40" height="20"/></svg>')


def page(project, notice: str = NOTICE, council: str = COUNCIL_YAML,
         files: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """The notice rendered in the test's project (made on first use, rewritten after)."""
    files = {"councils/example/council.yaml": council, "councils/example/notice.yaml": notice,
             **(files or {})}
    if not hasattr(project, "root"):
        project.root = project(files)
    loaded = load_project(build_tree(project.root, files))
    assert [p for p in loaded.problems if p.severity == "error"] == []
    return render_document(loaded.documents[0])


def test_a_notice_says_when_it_was_last_updated_and_its_version(project) -> None:
    html = page(project, NOTICE.replace("published: 2026-07-01\n",
                                        "published: 2026-07-01\nversion: '1.3'\n")).html
    assert '<p class="date">Last updated: <time datetime="2026-07-01">1 July 2026</time></p>' \
        in html
    assert '<p class="version">Version 1.3</p>' in html
    undated = page(project, NOTICE + "show_date: none\n").html
    assert "Last updated" not in undated and "July 2026" not in undated.split("<main")[1]


def test_a_form_gives_its_date_without_last_updated() -> None:
    doc = next(d for d in load_project(REPO).documents if d.slug == "pause-dpia-screening")
    html = render_document(doc).html
    assert '<p class="date"><time datetime="2018-06-01">1 June 2018</time></p>' in html
    assert "Last updated" not in html and 'class="contents"' not in html


def test_a_long_page_lists_its_parts_on_this_page_and_a_short_one_does_not(project) -> None:
    assert 'class="contents"' not in page(project, NOTICE + PARTS.split("  - heading: Part 5")[0]
                                          ).html  # four parts
    long = page(project, NOTICE + PARTS)
    (contents,) = [b for b in long.publication.header if isinstance(b, Contents)]
    assert plain(contents.label) == "On this page"
    info = page_info(long.html)
    headings = [text for level, text in info.headings if level == 2 and text != "On this page"]
    listed = [(link.href, plain(link.children)) for link in walk(contents.items)
              if isinstance(link, Link)]
    assert [text for _, text in listed] == headings == ["What we do", "Who we are", "Part 3",
                                                        "Part 4", "Part 5"]
    for href, _ in listed:  # every link goes to a heading of the page
        assert f'id="{href[1:]}"' in long.html


def test_the_cambridgeshire_notice_has_a_working_contents_list() -> None:
    doc = next(d for d in load_project(REPO).documents if d.council_slug == "cambridgeshire")
    html = render_document(doc).html
    nav = html.split('<nav class="contents"', 1)[1].split("</nav>", 1)[0]
    targets = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', nav)
    assert len(targets) == 7 and targets[0][1] == "What information do we hold"
    for anchor, text in targets:
        assert re.search(f'<h2 id="{anchor}">{re.escape(text)}</h2>', html.replace(
            "&#39;", "'")), anchor


def test_the_page_says_how_to_ask_for_another_format_and_links_the_statement(project) -> None:
    shown = page(project, council=COUNCIL_YAML + LOGO, files={"councils/example/crest.svg": SVG})
    (line,) = [b for b in shown.publication.header
               if isinstance(b, Paragraph) and b.role == "formats"]
    assert plain(line.content) == (
        "Ask for this document in large print, Easy Read, Braille, audio or another language: "
        "email formats@example.gov.uk, phone 01632 960002 or fill in our online form. Read our "
        "accessibility statement to find out how accessible this page is and how to report a "
        "problem.")
    links = {link.href for link in walk(line.content) if isinstance(link, Link)}
    assert links == {"mailto:formats@example.gov.uk", "tel:01632960002",
                     "https://www.example.gov.uk/ask", "https://www.example.gov.uk/accessibility"}
    emails = [t for t in walk(line.content) if isinstance(t, Text) and "@" in t.text]
    assert emails[0].origin is not None and emails[0].origin.owner == "council"
    assert 'class="formats"' not in page(project).html  # a council that gives neither


def test_the_logo_stands_above_the_page_and_is_copied_beside_it(project) -> None:
    shown = page(project, council=COUNCIL_YAML + LOGO, files={"councils/example/crest.svg": SVG})
    assert '<p class="logo"><img src="crest.svg" alt="Example Borough Council"></p>' in shown.html
    assert set(shown.publication.files) == {"crest.svg"}
    assert '<p class="publisher">Example Borough Council</p>' in page(project).html


@pytest.mark.slow
def test_a_build_copies_the_logo_and_prints_it_in_the_pdf(project) -> None:
    root = project({"councils/example/council.yaml": COUNCIL_YAML + LOGO,
                    "councils/example/notice.yaml": NOTICE, "councils/example/crest.svg": SVG})
    report = build(root, root / "output", "all", jobs=1)
    assert not report.problems and "example/crest.svg" in report.written
    assert (root / "output/example/crest.svg").read_text() == SVG
    with pikepdf.open(root / "output/example/notice.pdf") as pdf:
        figures = [o for o in pdf.objects if isinstance(o, pikepdf.Dictionary)
                   and o.get("/S") == "/Figure"]
        assert [str(f.Alt) for f in figures] == ["Example Borough Council"]
    assert build(root, root / "output", "all", jobs=1).built == []  # the logo is known now
    (root / "councils/example/crest.svg").write_text(SVG.replace("40", "60"))
    again = build(root, root / "output", "all", jobs=1)  # a new logo: HTML the same, PDF not
    assert again.built == ["councils/example/notice.yaml"]
    assert sorted(again.written) == ["example/crest.svg", "example/notice.docx",
                                     "example/notice.pdf"]


def test_a_missing_or_unsafe_logo_is_a_located_error(project) -> None:
    root = project({"councils/example/council.yaml": COUNCIL_YAML + LOGO,
                    "councils/example/notice.yaml": NOTICE})
    (problem,) = load_project(root).problems
    assert (problem.code, problem.location.path, problem.location.line) == (
        "missing-logo", "councils/example/council.yaml", 11)
    (root / "councils/example/crest.svg").write_text(SVG.replace("<rect", '<rect onload="x()"'))
    (problem,) = load_project(root).problems
    assert problem.code == "unsafe-logo" and "crest.svg" in problem.message


def test_paper_shows_the_address_of_a_web_link_but_not_of_a_citation(project) -> None:
    html = page(project, NOTICE.replace("sections:", "legal_bases:\n  - provision: ca1989-s17\n"
                                        "sections:") + "  - heading: Law\n    show: legal-bases\n"
                ).html
    assert ('<a href="https://www.example.gov.uk/about" class="print-address">Our website</a>'
            in html)
    citation = re.search(r'<a href="https://www.legislation.gov.uk/[^"]*">', html)
    assert citation and "print-address" not in citation.group(0)
    assert "a.print-address::after" in (REPO / "pause_docs/templates/assets/style.css").read_text()


def test_a_link_whose_words_are_its_address_is_not_printed_twice() -> None:
    from pause_docs.render.html import prints_address

    def link(href: str, words: str) -> Link:
        return Link(href, (Text(words),))

    assert not prints_address(link("https://ico.org.uk", "https://ico.org.uk"))
    assert not prints_address(link("https://www.nhs.uk/data/", "www.nhs.uk/data"))
    assert not prints_address(link("mailto:a@example.gov.uk", "a@example.gov.uk"))
    assert not prints_address(link("#section-2", "Part 2"))
    assert prints_address(link("https://ico.org.uk/make-a-complaint/", "complain to the ICO"))
    doc = next(d for d in load_project(REPO).documents if d.slug == "scoping-2026")
    law = [a for a in re.findall(r"<a [^>]*>", render_document(doc).html) if "legislation.gov" in a]
    assert len(law) >= 5 and not any("print-address" in a for a in law)
