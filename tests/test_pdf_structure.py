"""The structure of every bundled document's PDF, read back with pikepdf and poppler's
`pdfinfo -struct`: tagged PDF/UA-1 with title, language and an outline (bookmarks) that
follows the headings; headings, lists, tables and links tagged; running footers kept out of
the structure tree; fonts the project's own.

The documents are whatever `load_project` finds, so new documents are checked too.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import pikepdf
import pytest
from conftest import REPO, bundled_documents, document_id
from htmlinfo import PageInfo, page_info

from pause_docs.build import build
from pause_docs.workers import output_name

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
    html = built / output_name(doc, "html")
    return html, built / output_name(doc, "pdf"), page_info(html.read_text(encoding="utf-8"))


def _struct(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdfinfo", *args, str(pdf)], capture_output=True, text=True,
                          check=True).stdout


def _tags(pdf: Path) -> Counter[str]:
    return Counter(line.split()[0] for line in _struct(pdf, "-struct").splitlines()
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
