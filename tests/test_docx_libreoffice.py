"""Word files as a reader opens them: LibreOffice loads every bundled document's .docx and the
Lambeth redline and prints them to PDF (one run for all), and accepts or rejects every
tracked change of the redline.  Skipped, saying why, where LibreOffice is not installed;
required in CI (see tests/libreoffice.py)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import bundled_documents, document_id
from libreoffice import convert, review
from test_docx_redline import BODY, own_text, redline
from test_render import SEEDS, bundled, fidelity
from test_whole_words import WORD, furniture, page_words

from pause_docs.publish.document import publish
from pause_docs.render.docx import publication_docx
from pause_docs.render.edition import render_document

pytestmark = pytest.mark.slow
DOCUMENTS = bundled_documents()


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every bundled document's .docx, and the Lambeth redline, printed by LibreOffice."""
    folder = tmp_path_factory.mktemp("libreoffice")
    files = {}
    for doc in DOCUMENTS:
        name = document_id(doc).replace("/", "--")
        files[document_id(doc)] = folder / f"{name}.docx"
        files[document_id(doc)].write_bytes(publication_docx(publish(doc), 0)[0])
    files["redline"] = folder / "redline.docx"
    files["redline"].write_bytes(redline(bundled("lambeth", "scoping-2017"),
                                         bundled("lambeth", "scoping-2026")))
    pdfs = convert(list(files.values()), "pdf", folder)
    return dict(zip(files, pdfs, strict=True))


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


@pytest.mark.parametrize("doc", DOCUMENTS, ids=document_id)
def test_libreoffice_opens_and_prints_every_document(doc, printed) -> None:  # type: ignore[no-untyped-def]
    text = pdf_text(printed[document_id(doc)])
    flat = " ".join(text.split())
    publication = publish(doc)
    assert " ".join(publication.title.split()) in flat
    pages = int(re.findall(r"Page 1 of (\d+)", text)[0])
    assert pages >= 1 and f"Page {pages} of {pages}" in text  # the footer's fields, filled in


@pytest.mark.parametrize(("council", "slug", "seed"), SEEDS)
def test_seed_survives_in_word_as_libreoffice_prints_it(council, slug, seed, printed) -> None:  # type: ignore[no-untyped-def]
    score, out = fidelity(seed, printed[f"{council}/{slug}"])
    assert score >= 0.95, out


def test_libreoffice_prints_the_redlines_changes(printed) -> None:  # type: ignore[no-untyped-def]
    flat = " ".join(pdf_text(printed["redline"]).split())
    assert "Changes to Fair processing notice" in flat and "Sign-off" in flat
    # printed with the changes showing: the date struck through, then the new one
    assert re.search(r"Last updated: February 2017 ?1 November 2026", flat), flat[:800]


def _body(text: str) -> list[str]:
    """The redline's document (after its heading and how to review it), a paragraph a line,
    without the list markers a text export prints."""
    lines = text.splitlines()
    lines = lines[lines.index(BODY) + 2:len(lines) - 1 - lines[::-1].index("Sign-off")]
    found = [" ".join(re.sub(r"^\s*(?:[•◦▪—]|\d+\.|[a-z]\.)\s+", "", line).split())
             for line in lines]
    return [line for line in found if line]


@pytest.mark.parametrize(("action", "slug"), [("Accept", "scoping-2026"),
                                               ("Reject", "scoping-2017")])
def test_libreoffice_accepting_or_rejecting_all_gives_each_version(
        action: str, slug: str, printed, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = review(printed["redline"].with_suffix(".docx"), action, tmp_path)
    count, _, text = out.partition("\n")
    assert int(count.removeprefix("changes: ")) > 10
    assert _body(text) == own_text(bundled("lambeth", slug))


@pytest.mark.parametrize("doc", DOCUMENTS, ids=document_id)
def test_no_word_is_broken_in_two_in_word_as_libreoffice_prints_it(doc, printed) -> None:  # type: ignore[no-untyped-def]
    """As in the PDF (tests/test_whole_words.py): no column of a Word table so narrow that
    LibreOffice breaks a word in two."""
    text = subprocess.run(["pdftotext", str(printed[document_id(doc)]), "-"],
                          capture_output=True, text=True, check=True).stdout
    page = render_document(doc, language=doc.languages[0]).html
    allowed = page_words(page) | furniture(doc.languages[0])
    broken = sorted({w for w in WORD.findall(text) if len(w) > 1 and w.lower() not in allowed})
    assert not broken, f"words the document never wrote (a word broken in two?): {broken}"
