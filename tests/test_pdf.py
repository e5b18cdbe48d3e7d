"""PDF output: real WeasyPrint, tagged, reproducible, and fetching nothing it should not."""

from __future__ import annotations

import gc
import io
import os
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from test_render import SEEDS, bundled, fidelity

from pause_docs.render.edition import render_document, render_html
from pause_docs.render.pdf import print_pdf, render_pdf
from pause_docs.source.layout import TEMPLATES_DIR

ASSETS = TEMPLATES_DIR / "assets"


@pytest.fixture(scope="module")
def lambeth_pdf() -> bytes:
    return render_pdf(render_html(bundled("lambeth", "scoping-2017")), ASSETS, 1485907200)


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_pdf_holds_the_notice_text(lambeth_pdf: bytes, tmp_path: Path) -> None:
    text = pdf_text(lambeth_pdf, tmp_path)
    assert "Fair processing notice" in text
    assert "February 2017" in text
    assert "Section 10 of the Children's Act 2004." in text
    assert "Page 1 of 2" in text


def test_two_renders_are_byte_identical(lambeth_pdf: bytes) -> None:
    again = render_pdf(render_html(bundled("lambeth", "scoping-2017")), ASSETS, 1485907200)
    assert again == lambeth_pdf


def test_pdf_is_tagged_with_title_and_language(lambeth_pdf: bytes, tmp_path: Path) -> None:
    path = tmp_path / "doc.pdf"
    path.write_bytes(lambeth_pdf)
    with pikepdf.open(path) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.Root.Lang) == "en-GB"
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
        assert "/StructTreeRoot" in pdf.Root
        assert str(pdf.docinfo.Title).startswith("Fair processing notice")
    tags = subprocess.run(["pdfinfo", "-struct", str(path)], capture_output=True, text=True,
                          check=True).stdout
    for tag in ("H1", "H2", "L", "LI", "Link"):
        assert f"\n{tag}" in "\n" + "\n".join(line.strip() for line in tags.splitlines()), tag


@pytest.mark.parametrize("hostile", [
    '<link rel="attachment" href="file:///etc/passwd">',
    '<img src="file:///etc/passwd" alt="x">',
    '<link rel="stylesheet" href="file:///etc/passwd">',
    '<img src="http://169.254.169.254/latest/meta-data/" alt="x">',
    '<img src="../../../../etc/hostname" alt="x">',
])
def test_pdf_refuses_resources_outside_the_project(hostile: str) -> None:
    from pause_docs.render.pdf import BlockedResource

    html = f'<!DOCTYPE html><html lang="en-GB"><head><title>t</title></head><body>{hostile}'
    with pytest.raises(BlockedResource):
        render_pdf(html + "<p>x</p></body></html>", ASSETS, 0)


@pytest.mark.slow
@pytest.mark.parametrize(("council", "slug", "seed"), SEEDS)
def test_seed_survives_in_pdf(tmp_path: Path, council: str, slug: str, seed: str) -> None:
    page = render_document(bundled(council, slug))
    path = tmp_path / "doc.pdf"
    path.write_bytes(render_pdf(page.html, ASSETS, 0, page.publication.files))
    score, out = fidelity(seed, path)
    assert score >= 0.95, out


def test_printing_leaves_the_processs_environment_as_it_was(monkeypatch) -> None:
    """fontTools reads "now" from SOURCE_DATE_EPOCH: it is set for the call only."""
    page = ('<!DOCTYPE html><html lang="en-GB"><head><title>t</title></head>'
            "<body><p>text</p></body></html>")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    render_pdf(page, TEMPLATES_DIR / "assets", 86400)
    assert "SOURCE_DATE_EPOCH" not in os.environ
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1")
    render_pdf(page, TEMPLATES_DIR / "assets", 86400)
    assert os.environ["SOURCE_DATE_EPOCH"] == "1"


PLAIN_PAGE = ('<!DOCTYPE html><html lang="en-GB"><head><title>t</title></head>'
              "<body><p>text</p></body></html>")


def test_every_page_reports_the_stylesheets_fonts() -> None:
    """The stylesheet is parsed once per process, and its fonts fetched then: every page
    printed after the first still names them among the files it read (so that a build
    makes it again when a font changes)."""
    first = print_pdf(PLAIN_PAGE, ASSETS, 0)[1]
    second = print_pdf(PLAIN_PAGE.replace("text", "more text"), ASSETS, 0)[1]
    fonts = {str(f) for f in (ASSETS / "fonts").glob("*.ttf")}
    assert fonts & set(first)
    assert set(first) == set(second)


def test_an_edited_stylesheet_is_read_again(tmp_path: Path) -> None:
    """A project's own pdf.css, changed while the process runs (the editor's preview), is
    parsed again: the parsed stylesheet is kept by its text, not its name."""
    stylesheet = tmp_path / "pdf.css"
    stylesheet.write_text("@page { size: A4 }", encoding="utf-8")
    portrait = render_pdf(PLAIN_PAGE, tmp_path, 0)
    stylesheet.write_text("@page { size: A4 landscape }", encoding="utf-8")
    landscape = render_pdf(PLAIN_PAGE, tmp_path, 0)
    with pikepdf.open(io.BytesIO(portrait)) as a, pikepdf.open(io.BytesIO(landscape)) as b:
        assert float(a.pages[0].mediabox[2]) < float(b.pages[0].mediabox[2])


def test_only_what_is_held_before_the_first_page_is_kept_from_the_collector() -> None:
    """The process's long-lived objects are set aside from the garbage collector once, so
    that WeasyPrint's collections do not walk them at every page; what a page leaves
    behind is not, so that its garbage is still collected."""
    render_pdf(PLAIN_PAGE, ASSETS, 0)
    held = gc.get_freeze_count()
    render_pdf(PLAIN_PAGE, ASSETS, 0)
    assert held > 0
    assert gc.get_freeze_count() == held


def test_printing_collects_garbage_at_pythons_pace_whatever_the_command_set() -> None:
    """A command raises the collector's thresholds for loading; the first page printed puts
    them back, so that WeasyPrint's garbage never piles up 100,000 objects deep."""
    code = ("import gc, sys; from pause_docs.cli import COLLECTOR_THRESHOLDS; "
            "from pause_docs.render.pdf import render_pdf; "
            "from pause_docs.source.layout import TEMPLATES_DIR; "
            "gc.set_threshold(*COLLECTOR_THRESHOLDS); "
            "render_pdf(sys.argv[1], TEMPLATES_DIR / 'assets', 0); print(gc.get_threshold())")
    done = subprocess.run([sys.executable, "-c", code, PLAIN_PAGE], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "(700, 10, 10)"
