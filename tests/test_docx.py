"""Word output: every bundled document as a .docx that Word's navigation pane, a screen
reader and python-docx read as the page is structured, in the PDF's theme, the same bytes
every time."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import REPO, bundled_documents, document_id
from docx.oxml.ns import qn
from test_render import SEEDS, bundled, fidelity
from wordinfo import docx_text

from pause_docs.publish.document import publish
from pause_docs.publish.tree import Link, Section, Table, plain, walk
from pause_docs.render.docx import publication_docx
from pause_docs.render.docx.inline import _png
from pause_docs.render.docx.theme import THEME
from pause_docs.render.formats import FORMATS, choices

DOCUMENTS = bundled_documents()
# What shared/tools/fidelity.py gives each seed against its PDF today (tests/test_pdf.py):
# the Word file's text must keep at least as much.
PDF_FIDELITY = {"000_35f6efedbe5ac561.txt": 1.0, "001_40e321c255d5571a.txt": 1.0,
                "003_baf9ac02b1ae2ca8.txt": 1.0, "004_ed55cec3ab90154f.txt": 0.965}


def word(doc) -> tuple[bytes, docx.document.Document]:  # type: ignore[no-untyped-def]
    data, _ = publication_docx(publish(doc), 0)
    return data, docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def made() -> dict[str, tuple[bytes, object]]:
    return {document_id(d): (*word(d), publish(d)) for d in DOCUMENTS}  # type: ignore[misc]


def test_word_is_an_output_format() -> None:
    assert FORMATS["docx"].suffix == "docx"
    assert FORMATS["docx"].maker == "pause_docs.render.docx:make_docx"
    assert "docx" in choices()


@pytest.mark.slow
@pytest.mark.parametrize("doc", DOCUMENTS, ids=document_id)
def test_headings_are_word_heading_styles_in_order(doc, made) -> None:  # type: ignore[no-untyped-def]
    _, document, publication = made[document_id(doc)]
    levels = [int(p.style.name.split()[-1]) for p in document.paragraphs
              if p.style.name.startswith("Heading")]
    assert levels and levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    first = next(p for p in document.paragraphs if p.style.name == "Heading 1")
    assert first.text == publication.title


@pytest.mark.parametrize("doc", DOCUMENTS, ids=document_id)
def test_language_title_author_and_subject_are_the_documents(doc, made) -> None:  # type: ignore[no-untyped-def]
    data, document, publication = made[document_id(doc)]
    styles = document.styles.element
    lang = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert lang.get(qn("w:val")) == publication.lang == "en-GB"
    normal = document.styles["Normal"].element.rPr.find(qn("w:lang"))
    assert normal.get(qn("w:val")) == "en-GB"
    core = document.core_properties
    assert (core.title, core.author, core.language) == (publication.title, publication.council,
                                                          "en-GB")
    assert core.subject and core.created.date() == publication.published
    assert b"python-docx" not in zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml")


def test_language_comes_from_the_publication() -> None:
    welsh = dataclasses.replace(publish(bundled("lambeth", "scoping-2026")), lang="cy")
    document = docx.Document(io.BytesIO(publication_docx(welsh, 0)[0]))
    assert document.core_properties.language == "cy"
    assert document.styles["Normal"].element.rPr.find(qn("w:lang")).get(qn("w:val")) == "cy"


@pytest.mark.parametrize("doc", DOCUMENTS, ids=document_id)
def test_every_citation_is_a_hyperlink_to_the_law(doc, made) -> None:  # type: ignore[no-untyped-def]
    _, document, publication = made[document_id(doc)]
    links = [(h.address, h.text) for p in _all_paragraphs(document) for h in p.hyperlinks]
    for citation in publication.citations():
        words = " ".join(_plain(citation).split())
        assert (citation.href, words) in [(a, " ".join(t.split())) for a, t in links], words
    assert all(a.startswith("https://www.legislation.gov.uk/") for a, _ in links
               if "legislation.gov.uk" in (a or ""))


def test_lists_are_word_lists_and_ordered_ones_start_at_one(made) -> None:  # type: ignore[no-untyped-def]
    _, document, _ = made["middlesbrough/north-east-pause-screening"]
    numbering = document.part.numbering_part.element
    items = [p for p in _all_paragraphs(document) if p._p.pPr is not None
             and p._p.pPr.numPr is not None]
    assert items, "no list items"
    formats = set()
    for item in items:
        num = item._p.pPr.numPr.numId.val
        abstract = numbering.xpath(f"./w:num[@w:numId='{num}']/w:abstractNumId/@w:val")[0]
        formats.add(numbering.xpath(f"./w:abstractNum[@w:abstractNumId='{abstract}']"
                                    "/w:lvl[@w:ilvl='0']/w:numFmt/@w:val")[0])
    assert {"bullet", "lowerLetter"} <= formats
    lettered = [p.text for p in items if p.text.startswith("Increased ability")]
    assert lettered, "the lettered outcomes are a lettered list, not letters typed in"
    assert all(n.xpath("./w:lvlOverride/w:startOverride/@w:val") for n in
               numbering.findall(qn("w:num")))


def test_table_headers_repeat_and_header_cells_are_marked(made) -> None:  # type: ignore[no-untyped-def]
    _, document, publication = made["oxfordshire/pause-dpia-screening"]
    tables = [t for t in walk(tuple(publication.blocks())) if isinstance(t, Table)]
    with_head = [t for t in tables if t.head]
    assert with_head
    word_tables = document.element.body.iter(qn("w:tbl"))
    repeated = [t for t in word_tables if t.find(f"{qn('w:tr')}/{qn('w:trPr')}/"
                                                 f"{qn('w:tblHeader')}") is not None]
    assert len(repeated) == len(with_head)
    for table in repeated:
        look = table.find(f"{qn('w:tblPr')}/{qn('w:tblLook')}")
        assert look.get(qn("w:firstRow")) == "1"
        assert table.find(f"{qn('w:tblPr')}/{qn('w:tblCaption')}").get(qn("w:val"))
        first = table.find(qn("w:tr"))
        assert first.find(f"{qn('w:tc')}/{qn('w:tcPr')}/{qn('w:shd')}") is not None


def test_a_screen_reader_only_heading_is_its_tables_title_not_a_paragraph(made) -> None:  # type: ignore[no-untyped-def]
    # Word's hidden text is skipped by screen readers and shown with formatting marks, so
    # the heading is no paragraph at all: Word announces it as the table's title, and the
    # table's own hidden caption as its description.
    _, document, publication = made["middlesbrough/north-east-pause-screening"]
    (section,) = [b for b in publication.body if isinstance(b, Section) and b.heading
                  and b.heading.role == "visually-hidden"]
    heading = plain(section.heading.content)
    (table,) = [b for b in section.blocks if isinstance(b, Table)]
    assert table.caption_hidden
    texts = [p.text.strip() for p in _all_paragraphs(document)]
    assert heading == "Screening" and heading not in texts
    assert plain(table.caption) not in texts
    (titled,) = [t for t in document.element.body.iter(qn("w:tbl")) if t.find(
        f"{qn('w:tblPr')}/{qn('w:tblCaption')}").get(qn("w:val")) == heading]
    described = titled.find(f"{qn('w:tblPr')}/{qn('w:tblDescription')}")
    assert described is not None and described.get(qn("w:val")) == plain(table.caption)


def test_tick_boxes_are_check_boxes_titled_as_the_page_reads_them(made) -> None:  # type: ignore[no-untyped-def]
    _, document, _ = made["oxfordshire/pause-equality-screening"]
    boxes = document.element.body.findall(".//" + qn("w:sdt"))
    assert boxes
    titles = {b.find(f"{qn('w:sdtPr')}/{qn('w:alias')}").get(qn("w:val")) for b in boxes
              if b.find(f"{qn('w:sdtPr')}/{qn('w:alias')}") is not None}
    assert titles == {"selected", "not selected"}
    w14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
    ticked = [b for b in boxes if b.find(f".//{w14}checked").get(f"{w14}val") == "1"]
    assert ticked and all("☒" in "".join(b.itertext()) for b in ticked)


def test_logo_is_a_picture_with_its_alternative_text(made) -> None:  # type: ignore[no-untyped-def]
    data, document, publication = made["example-council/family-help-privacy-notice"]
    (shape,) = document.inline_shapes
    alt = shape._inline.docPr.get("descr")
    assert alt == "Example Borough Council"
    assert 0.4 < shape.height.inches < 0.6 and shape.width > shape.height
    media = [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("word/media")]
    assert media == ["word/media/image1.png"]
    assert publication_docx(publication, 0)[1] == (str(REPO / "councils" / "example-council"
                                                       / "logo.svg"),)


def test_a_logo_is_drawn_once_per_process_for_every_document_it_heads(made) -> None:  # type: ignore[no-untyped-def]
    _, _, publication = made["example-council/family-help-privacy-notice"]
    _png.cache_clear()
    first, second = (publication_docx(publication, 0)[0] for _ in range(2))
    assert (_png.cache_info().misses, _png.cache_info().hits) == (1, 1)
    assert first == second


def test_footer_has_title_date_and_page_x_of_y_as_fields(made) -> None:  # type: ignore[no-untyped-def]
    _, document, _ = made["lambeth/scoping-2026"]
    footer = document.sections[0].footer._element
    text = "".join(t.text for t in footer.iter(qn("w:t")))
    assert text.startswith("Fair processing notice · 1 November 2026\t") or \
        "Fair processing notice · 1 November 2026" in text
    instructions = [i.text.strip() for i in footer.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert "Page " in text and " of " in text


def test_page_is_a4_with_the_pdfs_margins(made) -> None:  # type: ignore[no-untyped-def]
    _, document, _ = made["lambeth/scoping-2017"]
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert round(section.top_margin.mm) == 20 and round(section.bottom_margin.mm) == 22


def test_theme_is_the_pdfs() -> None:
    """The values theme.py holds are still those of style.css and pdf.css."""
    style = (REPO / "pause_docs" / "templates" / "assets" / "style.css").read_text(encoding="utf-8")
    pdf = (REPO / "pause_docs" / "templates" / "assets" / "pdf.css").read_text(encoding="utf-8")
    html = re.search(r"^html \{(.*?)\n\}", style, re.S | re.M).group(1)  # type: ignore[union-attr]
    assert f"color: #{THEME.text.lower()}" in html
    assert f'"{THEME.font}"' in html
    assert re.search(r"html \{ font-size: ([\d.]+)pt", style).group(1) == str(THEME.size)  # type: ignore[union-attr]
    for level, size in THEME.headings.items():
        rule = re.search(rf"^h{level} \{{([^}}]*)\}}", style, re.M).group(1)  # type: ignore[union-attr]
        assert f"font-size: {size}rem" in rule
        if level <= 2:
            assert f"color: #{THEME.heading.lower()}" in rule
    assert f"a {{ color: #{THEME.link.lower()};" in style
    assert f"th {{ background: #{THEME.header_fill.lower()}; }}" in style
    assert f"border: 1px solid #{THEME.rule.lower()}" in style
    assert "url(fonts/DejaVuSans.ttf)" in pdf and THEME.font == "DejaVu Sans"
    top, right, bottom, _ = THEME.margins
    assert f"margin: {top:g}mm {right:g}mm {bottom:g}mm;" in pdf
    assert f"font-size: {THEME.footer_size:g}pt; color: #{THEME.footer_colour.lower()};" in pdf
    assert f"height: {THEME.logo_height}rem" in style


@pytest.mark.slow
def test_two_renders_in_different_processes_are_byte_identical(tmp_path: Path) -> None:
    """A notice, one with a logo and a screening, made in processes that differ in hash seed
    and time zone."""
    script = ("import hashlib, sys; from pathlib import Path; "
              "from pause_docs.source.loading import load_project; "
              "from pause_docs.publish.document import publish; "
              "from pause_docs.render.docx import publication_docx; "
              f"docs = load_project(Path({str(REPO)!r}), councils=['lambeth', "
              "'example-council', 'middlesbrough']).documents; "
              "print('\\n'.join(hashlib.sha256(publication_docx(publish(d), 1735689600)[0])"
              ".hexdigest() for d in docs))")
    runs = []
    for seed, tz in (("1", "UTC"), ("4242", "Pacific/Kiritimati")):
        env = {**os.environ, "PYTHONHASHSEED": seed, "TZ": tz}
        runs.append(subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env,
                                   capture_output=True, text=True, check=True).stdout)
    assert runs[0] == runs[1] and len(runs[0].split()) == 4


@pytest.mark.slow
def test_zip_members_are_dated_from_the_document(made) -> None:  # type: ignore[no-untyped-def]
    data, _, _ = made["lambeth/scoping-2017"]
    again, _ = publication_docx(publish(bundled("lambeth", "scoping-2017")), 0)
    assert hashlib.sha256(again).digest() == hashlib.sha256(data).digest()
    stamped, _ = publication_docx(publish(bundled("lambeth", "scoping-2017")), 1485907200)
    dates = {i.date_time for i in zipfile.ZipFile(io.BytesIO(stamped)).infolist()}
    assert dates == {(2017, 2, 1, 0, 0, 0)}


@pytest.mark.parametrize(("council", "slug", "seed"), SEEDS)
def test_seed_survives_in_word_at_least_as_in_pdf(tmp_path: Path, council: str, slug: str,
                                                   seed: str) -> None:
    text = tmp_path / "document.txt"
    text.write_text(docx_text(publication_docx(publish(bundled(council, slug)), 0)[0]),
                    encoding="utf-8")
    score, out = fidelity(seed, text)
    assert score >= PDF_FIDELITY[seed], out


def test_screening_seed_survives_in_word_at_least_as_in_pdf(tmp_path: Path) -> None:
    text = tmp_path / "document.txt"
    doc = bundled("middlesbrough", "north-east-pause-screening")
    text.write_text(docx_text(publication_docx(publish(doc), 0)[0]), encoding="utf-8")
    score, out = fidelity("002_c9bf9ffee765acc0.txt", text)
    assert score >= 0.937, out  # the PDF's figure


def test_svg_logo_fetches_nothing_it_refers_to(project) -> None:  # type: ignore[no-untyped-def]
    from conftest import COUNCIL_YAML

    from pause_docs.source.loading import load_project

    hostile = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
               ' width="40" height="20"><image xlink:href="file:///etc/passwd" width="40" '
               'height="20"/><rect width="10" height="10" fill="#1d4f91"/></svg>')
    root = project({
        "councils/example/council.yaml": COUNCIL_YAML + "logo: {file: logo.svg, alt: Example}\n",
        "councils/example/logo.svg": hostile,
        "councils/example/notice.yaml": ("kind: privacy-notice\ntitle: Notice\n"
                                         "published: 2026-01-01\nprogramme: pause\n")})
    assert [p.code for p in load_project(root).problems] == ["unsafe-logo"]
    # Swapped after it was checked: the Word writer still fetches nothing it names.
    (root / "councils/example/logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 2"/>')
    (doc,) = load_project(root).documents
    (root / "councils/example/logo.svg").write_text(hostile)
    data, read = publication_docx(publish(doc), 0)
    assert read == (str(root / "councils" / "example" / "logo.svg"),)
    assert b"root:" not in data


def _all_paragraphs(document):  # type: ignore[no-untyped-def]
    from docx.text.paragraph import Paragraph

    return [Paragraph(p, document._body) for p in document.element.body.iter(qn("w:p"))]


def _plain(link: Link) -> str:
    from pause_docs.publish.tree import plain

    return plain(link.children)
