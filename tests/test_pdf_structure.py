"""The structure of every bundled document's PDF, read back with pikepdf and poppler's
`pdfinfo -struct`: tagged PDF/UA-1 with title, language and an outline (bookmarks) that
follows the headings; headings, lists, tables and links tagged; running footers marked as
artifacts; fonts the project's own; and the PDF/UA-1 structure checker (`pdfua.py`, the
Matterhorn conditions a machine can decide) finding nothing, here and in a redline.

The documents are whatever `load_project` finds, so new documents are checked too.
"""

from __future__ import annotations

import io
import re
import subprocess
from collections import Counter
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner
from conftest import REPO, bundled_documents, document_id
from htmlinfo import PageInfo, page_info
from pdfua import check

from pause_docs.build import build
from pause_docs.cli import main
from pause_docs.render.pdf_tags import repair
from pause_docs.source.layout import output_name

DOCUMENTS = bundled_documents()
IDS = [document_id(d) for d in DOCUMENTS]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled project built once, HTML and PDF, by the real build."""
    out = tmp_path_factory.mktemp("output")
    report = build(REPO, out, "all", force=True)
    assert not report.failed, report.problems
    return out


def _files(built: Path, name: str) -> tuple[Path, Path, PageInfo]:
    doc = DOCUMENTS[IDS.index(name)]
    html = built / output_name(doc.council_slug, doc.slug, "html")
    pdf = built / output_name(doc.council_slug, doc.slug, "pdf")
    return html, pdf, page_info(html.read_text(encoding="utf-8"))


def _struct(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdfinfo", *args, str(pdf)], capture_output=True, text=True,
                          check=True).stdout


def _tags(pdf: Path) -> Counter[str]:
    return Counter(line.split()[0].rstrip(":") for line in _struct(pdf, "-struct").splitlines()
                   if line.strip())


@pytest.mark.parametrize("name", IDS)
def test_pdf_is_tagged_pdf_ua_1_with_title_and_language(built: Path, name: str) -> None:
    _, pdf_path, html = _files(built, name)
    assert "Tagged:          yes" in _struct(pdf_path)
    with pikepdf.open(pdf_path) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert "/StructTreeRoot" in pdf.Root
        assert str(pdf.Root.Lang) == html.lang == "en-GB"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True  # viewers show the title
        assert str(pdf.docinfo.Title) == html.title
        meta = pdf.open_metadata()
        assert meta["dc:title"] == html.title
        assert meta["pdfuaid:part"] == "1"
        assert all(page.obj.Tabs == "/S" for page in pdf.pages)  # tab order follows the tags


@pytest.mark.parametrize("name", IDS)
def test_pdf_outline_is_the_documents_headings(built: Path, name: str) -> None:
    _, pdf_path, html = _files(built, name)
    with pikepdf.open(pdf_path) as pdf, pdf.open_outline() as outline:
        bookmarks: list[tuple[int, str]] = []

        def walk(items: list[pikepdf.OutlineItem], level: int) -> None:
            for item in items:
                bookmarks.append((level, " ".join(item.title.split())))
                walk(item.children, level + 1)

        walk(outline.root, 1)
    assert bookmarks == html.headings


@pytest.mark.parametrize("name", IDS)
def test_headings_lists_tables_and_links_are_tagged(built: Path, name: str) -> None:
    _, pdf_path, html = _files(built, name)
    tags = _tags(pdf_path)
    for level in range(1, 7):
        expected = sum(1 for lv, _ in html.headings if lv == level)
        assert tags[f"H{level}"] == expected, f"H{level}: {tags[f'H{level}']} != {expected}"
    # WeasyPrint makes one structure element per page a box appears on, so a list that
    # crosses a page is two /L: at least as many, never fewer.
    assert tags["L"] >= html.lists and tags["LI"] >= html.list_items
    assert tags["Table"] >= len(html.tables)
    assert tags["Caption"] >= sum(1 for t in html.tables if t.caption)
    assert tags["TH"] >= sum(len(t.header_scopes) for t in html.tables)
    printed_links = [href for href, _ in html.links if href != "#main"]  # skip link: screen only
    assert tags["Link"] >= len(printed_links) and tags["Figure"] >= html.images
    with pikepdf.open(pdf_path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == "/Figure":
                assert "/Alt" in obj, "an image without alternative text"


@pytest.mark.parametrize("name", IDS)
def test_running_footer_is_printed_but_not_in_the_structure(built: Path, name: str) -> None:
    _, pdf_path, html = _files(built, name)
    printed = subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True,
                             check=True).stdout
    assert re.search(r"Page 1 of \d+", printed)
    tagged_text = _struct(pdf_path, "-struct-text")
    assert "Page 1 of" not in tagged_text  # a screen reader following the tags skips it
    with pikepdf.open(pdf_path) as pdf:  # and it is marked as what it is: page furniture
        pagination = [i.operands for i in pikepdf.parse_content_stream(pdf.pages[0])
                      if str(i.operator) == "BDC" and i.operands[0] == "/Artifact"
                      and i.operands[1].get("/Type") == "/Pagination"]
    assert len(pagination) >= 2, "the footer's title and its page number"
    # the h1, not its running copy too (a long title wraps: count the lines that start it)
    title = html.headings[0][1]
    starts = [line.strip().strip('"') for line in tagged_text.splitlines()]
    assert sum(1 for text in starts if len(text.split()) >= 3 and title.startswith(text)) == 1


@pytest.mark.parametrize("name", IDS)
def test_pdf_embeds_only_the_projects_own_fonts(built: Path, name: str) -> None:
    _, pdf_path, _ = _files(built, name)
    listing = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    assert listing
    for line in listing:
        fields = line.split()
        assert "+Pause-Docs-" in fields[0], f"a font not from templates/assets/fonts: {line}"
        assert fields[-5:-2] == ["yes", "yes", "yes"], f"font not embedded and subset: {line}"


def _ancestors(tree: str, text: str) -> list[str]:
    """The structure types above the first line of `pdfinfo -struct-text` showing `text`."""
    lines = tree.splitlines()
    at = next(i for i, line in enumerate(lines) if text in line)
    found, indent = [], len(lines[at]) - len(lines[at].lstrip())
    for line in reversed(lines[:at]):
        depth = len(line) - len(line.lstrip())
        if line.strip() and depth < indent:
            found.append(line.split()[0].rstrip(":"))
            indent = depth
    return found


def test_masthead_logo_and_addresses_are_structured_paragraphs(built: Path) -> None:
    _, pdf_path, _ = _files(built, "example-council/family-help-privacy-notice")
    with pikepdf.open(pdf_path) as pdf:
        assert str(_first(pdf, "/Figure").Alt) == "Example Borough Council"
    _, pdf_path, _ = _files(built, "lambeth/scoping-2026")
    tree = _struct(pdf_path, "-struct-text")
    assert _ancestors(tree, '"London Borough of Lambeth"') == ["Span", "P", "Div", "Document"]
    assert _ancestors(tree, '"Write to: ')[:3] == ["Span", "P", "Div"]  # an address, a line each


def test_the_contents_list_goes_to_each_part_in_the_pdf(built: Path) -> None:
    _, pdf_path, html = _files(built, "cambridgeshire/childrens-safeguarding-privacy-notice")
    with pikepdf.open(pdf_path) as pdf:
        names = pikepdf.NameTree(pdf.Root.Names.Dests)
        parts = [(str(a.Dest), str(a.Contents)) for a in pdf.pages[0].obj.Annots
                 if "/Dest" in a]
        assert [d for d, _ in parts if d not in names] == []  # every destination is there
    assert [words for _, words in parts] == [
        text for level, text in html.headings if level == 2 and text != "On this page"]


@pytest.mark.parametrize("name", IDS)
def test_every_link_carries_its_own_words_as_alternative_text(built: Path, name: str) -> None:
    """A link's annotation is described by the words it shows (on paper, followed by its
    address), however many lines or pages it is broken over."""
    _, pdf_path, html = _files(built, name)
    squeezed = {re.sub(r"\s", "", text + extra) for href, text in html.links
                for extra in ("", f"({href})")}
    with pikepdf.open(pdf_path) as pdf:
        described = [str(a.Contents) for page in pdf.pages for a in page.obj.get("/Annots", ())
                     if a.get("/Subtype") == "/Link"]
    assert described
    for words in described:
        assert re.sub(r"\s", "", words) in squeezed, words


# --- the PDF/UA-1 structure checker ---------------------------------------------------------

@pytest.mark.parametrize("name", IDS)
def test_pdf_passes_the_pdf_ua_structure_checker(built: Path, name: str) -> None:
    _, pdf_path, html = _files(built, name)
    assert [str(f) for f in check(pdf_path, html.languages)] == []


@pytest.mark.slow
def test_redline_pdf_passes_the_pdf_ua_structure_checker(tmp_path: Path) -> None:
    redline = tmp_path / "redline.pdf"
    result = CliRunner().invoke(main, ["--project", str(REPO), "diff",
                                       str(REPO / "councils/lambeth/scoping-2017.yaml"),
                                       str(REPO / "councils/lambeth/scoping-2026.yaml"),
                                       "--pdf", str(redline)])
    assert result.exit_code == 0, result.output
    assert [str(f) for f in check(redline)] == []
    assert "/Scope /Row" in _struct(redline, "-struct")  # its tables' header cells


# A page with what WeasyPrint tags badly: a masthead, an address, emphasis, a running footer,
# and a table whose hidden caption is positioned absolutely (as form.css once did).
PLANTED = """<!DOCTYPE html><html lang="en-GB"><head><title>Planted</title><style>
@page { @bottom-right { content: "Page " counter(page) } }
.hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; }
</style></head><body><header><p>A council</p></header><main><h1>Planted</h1>
<address><span>Email: <a href="mailto:a@example.gov.uk">a@example.gov.uk</a></span></address>
<p>Some <strong>strong</strong> words.</p>
<table><caption class="hidden">Answers</caption><thead><tr><th scope="col">Question</th>
<th scope="col">Answer</th></tr></thead><tbody><tr><th scope="row">One?</th><td>Yes</td></tr>
</tbody></table></main></body></html>"""


def _weasyprint(html: str) -> bytes:
    import weasyprint

    pdf: bytes = weasyprint.HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")
    return pdf


def test_the_checker_finds_what_weasyprint_leaves_and_the_repairs_fix_it(tmp_path: Path
                                                                        ) -> None:
    raw = tmp_path / "raw.pdf"
    raw.write_bytes(_weasyprint(PLANTED))
    found = {f.checkpoint for f in check(raw)}
    assert {"01-005", "NonStruct", "09-004"} <= found, found  # footer, header, caption table
    repaired = tmp_path / "repaired.pdf"
    repaired.write_bytes(repair(raw.read_bytes()))
    assert {f.checkpoint for f in check(repaired)} == {"09-004"}  # only the caption: CSS's job
    assert any("without rows" in f.message for f in check(repaired))
    fixed = tmp_path / "fixed.pdf"
    fixed.write_bytes(repair(_weasyprint(PLANTED.replace(' class="hidden"', ""))))
    assert check(fixed) == []


WELSH = """<!DOCTYPE html><html lang="en-GB"><head><title>Notice</title></head><body>
<h1>Notice</h1><p>Read this notice
<a href="https://www.example.gov.uk/cy" lang="cy">yn Gymraeg</a>.</p>
<p lang="cy">Mae'r hysbysiad hwn ar gael mewn print bras hefyd.</p><p>Words.</p></body></html>"""


def test_a_passage_in_another_language_is_marked_with_it(tmp_path: Path) -> None:
    from pause_docs.render.pdf import render_pdf
    from pause_docs.source.layout import TEMPLATES_DIR

    path = tmp_path / "welsh.pdf"
    path.write_bytes(render_pdf(WELSH, TEMPLATES_DIR / "assets", 0))
    assert page_info(WELSH).languages == {"cy"}
    assert check(path, {"cy"}) == []
    with pikepdf.open(path) as pdf:
        marked = sorted(str(o.S) for o in pdf.objects if isinstance(o, pikepdf.Dictionary)
                        and str(o.get("/Lang", "")) == "cy")
    assert marked == ["/Link", "/P"]
    path.write_bytes(repair(_weasyprint(WELSH)))  # without the page, nothing says which
    assert [f.checkpoint for f in check(path, {"cy"})] == ["11-001"]


def _first(pdf: pikepdf.Pdf, kind: str) -> pikepdf.Dictionary:
    def find(element: pikepdf.Dictionary) -> pikepdf.Dictionary | None:
        if element.get("/S") == kind:
            return element
        for kid in element.get("/K", ()):
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid and (hit := find(kid)):
                return hit
        return None

    found = find(pdf.Root.StructTreeRoot.K[0])
    assert found is not None, kind
    return found


def test_a_planted_malformed_table_fails_the_checker(built: Path, tmp_path: Path) -> None:
    """A table's cells put straight under it (no rows), and a header cell without /Scope in
    a table whose data cells do not all name their headers."""
    _, pdf_path, _ = _files(built, "oxfordshire/pause-dpia-screening")
    with pikepdf.open(pdf_path) as pdf:
        table = _first(pdf, "/Table")
        body = next(k for k in table.K if k.get("/S") == "/TBody")
        first_row = body.K[0]
        table.K = pikepdf.Array([*table.K, *first_row.K])  # cells beside the row groups
        header = _first(pdf, "/TH")
        del header.A.Scope
        del _first(pdf, "/TD").A.Headers
        pdf.save(tmp_path / "malformed.pdf")
    failures = check(tmp_path / "malformed.pdf")
    assert any(f.checkpoint == "09-004" and "/Table holding" in f.message for f in failures)
    assert any(f.checkpoint == "15-003" for f in failures), failures


def test_the_checker_fails_a_skipped_heading_an_untagged_figure_and_a_bare_link(
        tmp_path: Path) -> None:
    html = ('<!DOCTYPE html><html lang="en-GB"><head><title>t</title></head><body><h1>Title</h1>'
            '<h3>Skips a level</h3><p><img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAA'
            'EAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="></p>'
            '</body></html>')
    path = tmp_path / "bad.pdf"
    path.write_bytes(repair(_weasyprint(html)))
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        del pdf.Root.Lang
        pdf.save(path)
    found = {f.checkpoint for f in check(path)}
    assert {"14-003", "13-004", "11-001"} <= found, found


@pytest.mark.parametrize("name", IDS)
def test_the_colophon_never_stands_alone_on_the_last_page(built: Path, name: str) -> None:
    """A near miss used to print the colophon's one line alone on a last page (Brackenford's
    youth justice notice): the end of the text now goes over with it."""
    html_path, pdf_path, _ = _files(built, name)
    pages = int(re.search(r"Pages:\s+(\d+)", _struct(pdf_path))[1])  # type: ignore[index]
    if pages == 1:
        return
    footer = re.search(r'<footer class="colophon">(.*?)</footer>',
                       html_path.read_text(encoding="utf-8"), re.S)
    colophon = " ".join(re.sub(r"<[^>]+>", " ", footer[1] if footer else "").split())

    def lines(page: int) -> set[str]:
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf_path),
                               "-"], capture_output=True, text=True, check=True).stdout
        return {" ".join(line.split()) for line in text.splitlines() if line.strip()}

    running = lines(1) & lines(pages)  # the running footer, on every page
    last = {line for line in lines(pages) - running
            if not re.fullmatch(r"Page \d+ of \d+", line) and line not in colophon}
    assert last, f"page {pages} of {pdf_path.name} holds only the colophon"


def _printed(html: str) -> bytes:
    """WeasyPrint's PDF of the page with the project's stylesheet (its running footer)."""
    import weasyprint

    from pause_docs.source.layout import TEMPLATES_DIR

    assets = TEMPLATES_DIR / "assets"
    pdf: bytes = weasyprint.HTML(string=html, base_url=assets.as_uri() + "/").write_pdf(
        pdf_variant="pdf/ua-1", stylesheets=[weasyprint.CSS(filename=str(assets / "pdf.css"))])
    return pdf


def _read_back(data: bytes) -> tuple[list[bytes], list[str], list[tuple[str, ...]]]:
    """Each page's content as pikepdf writes it again, the links' alternate texts, and the
    structure tree in order: each element's type, language, alternate text and
    marked-content ids."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pages = [pikepdf.unparse_content_stream(pikepdf.parse_content_stream(p))
                 for p in pdf.pages]
        links = [str(a.get("/Contents", "")) for p in pdf.pages for a in p.get("/Annots", ())]
        elements: list[tuple[str, ...]] = []

        def visit(node: pikepdf.Object) -> None:
            kids = node.get("/K")
            kids = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
            elements.append((str(node.get("/S", "")), str(node.get("/Lang", "")),
                             str(node.get("/Alt", "")),
                             " ".join(str(k) for k in kids if isinstance(k, int))))
            for kid in kids:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    visit(kid)

        visit(pdf.Root.StructTreeRoot)
    return pages, links, elements


@pytest.mark.parametrize("page", ["lambeth", "welsh"])
def test_the_quick_reading_of_page_content_agrees_with_a_full_parse(
        page: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The repair reads WeasyPrint's page content with one regular expression; a full parse
    by pikepdf (what it falls back on for any other stream) gives the same content and the
    same structure tree."""
    from test_render import bundled

    from pause_docs.render.edition import render_html
    from pause_docs.render.pdf_tags import content

    html = WELSH if page == "welsh" else render_html(bundled("lambeth", "scoping-2017"))
    printed = _printed(html)
    quick = repair(printed, html)
    monkeypatch.setattr(content, "_operators", lambda data: None)
    assert _read_back(quick) == _read_back(repair(printed, html))


@pytest.mark.parametrize("attribute", ['class="visually-hidden"', "class='visually&#45;hidden'",
                                       "CLASS=visually&#x2d;hidden"])
def test_hidden_headings_are_found_however_their_class_is_written(attribute: str) -> None:
    """A page is read through for hidden headings whenever its class may be named, even
    with a character reference; one that cannot name it is not."""
    from pause_docs.render.pdf_tags.hidden import hidden_texts

    page = f"<html><body><h2 {attribute}>Contents</h2><p>Words &amp; more.</p></body></html>"
    assert hidden_texts(page) == [("/H2", "Contents")]
    assert hidden_texts(page.replace(attribute, 'class="shown"')) == []


@pytest.mark.parametrize(("stream", "quick"), [
    (b"/P <</MCID 0>> BDC /F1 12 Tf [<0012>-20<34>] TJ EMC", True),
    (b"/P <</MCID 0>> BDC /F1 12 Tf [<00 12>] TJ EMC", False),
    (b"/P <</MCID 0>> BDC /F1 12 Tf <0A\nBDC> Tj EMC", False),
    (b"/P <</MCID 0>> BDC /F1 12 Tf <0012 > Tj EMC", False),
])
def test_page_content_with_a_space_in_a_hex_string_is_parsed_in_full(stream: bytes,
                                                                     quick: bool) -> None:
    """Hex digits with a space between them could read as an operator ('BDC' is three hex
    digits), so such a stream is left to pikepdf's full parse; so is one with a space after
    a string's last digit, which the quick test cannot tell apart."""
    from pause_docs.render.pdf_tags.content import _operators

    assert (_operators(stream) is not None) == quick
