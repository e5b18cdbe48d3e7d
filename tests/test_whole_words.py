"""No word is broken in two on paper (issue 26, item 27): a narrow column that breaks
'Assessment' as 'Assessm' / 'ent' prints two words the document never wrote.  Every word of
every bundled page's PDF, as `pdftotext` reads it, must be a word of its HTML page: its text,
the addresses its links print on paper, or the page furniture the locale gives ('Page 1 of
3', 'Tudalen 1 o 3')."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest
from conftest import bundled_pages, page_id

from pause_docs.render.edition import render_document
from pause_docs.render.formats import FORMATS

pytestmark = pytest.mark.slow
LOCALES = Path(__file__).resolve().parents[1] / "pause_docs" / "locales"
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def words_of(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)}


def page_words(page: str) -> set[str]:
    """The words a page may print: its text and each link address's words, with the two
    sides of a hyphen or slash also run together (`pdftotext` joins a line broken after a
    hyphen: 'pause-' / 'dpia.yaml' is read back as 'pausedpia')."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    words = words_of(text)
    for run in re.findall(r"\S+", text) + re.findall(r'href="([^"]+)"', page):
        parts = [w.lower() for w in WORD.findall(html.unescape(run))]
        words |= set(parts) | {a + b for a, b in zip(parts, parts[1:], strict=False)}
    return words


def furniture(language: str) -> set[str]:
    return words_of((LOCALES / f"{language}.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("doc", "language"), bundled_pages(),
                         ids=[page_id(d, lang) for d, lang in bundled_pages()])
def test_no_word_is_broken_in_two_in_the_pdf(doc, language: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    edition = render_document(doc, language=language)
    pdf, _ = FORMATS["pdf"].make(edition)
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    allowed = page_words(edition.html) | furniture(language)
    broken = sorted({w for w in WORD.findall(text) if len(w) > 1 and w.lower() not in allowed})
    assert not broken, f"words the page never wrote (a word broken in two?): {broken}"


def test_the_check_finds_a_word_broken_in_two() -> None:
    page = ('<p>Impact Assessment (pause-dpia.yaml), see '
            '<a href="https://example.org/impact-assess">it</a></p>')
    allowed = page_words(page)
    assert {"assessment", "impact", "assess", "impactassess", "pausedpia"} <= allowed
    assert "assessm" not in allowed and "ent" not in allowed


def test_a_column_too_narrow_for_its_word_is_caught_on_paper(tmp_path: Path) -> None:
    import weasyprint

    page = ('<table style="width: 3rem; overflow-wrap: anywhere"><tr><td>Assessment'
            '</td></tr></table>')
    path = tmp_path / "narrow.pdf"
    path.write_bytes(weasyprint.HTML(string=page).write_pdf())
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert {w.lower() for w in WORD.findall(text)} - page_words(page)
