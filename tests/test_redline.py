"""The redline as a publication: its words from the locale of the language the versions
were compared in, printed by the document templates (HTML, PDF), the Word writer (with the
document's tracked changes) and as text; a Welsh council's legal team gets it in Welsh."""

from __future__ import annotations

import html as html_lib
import io
import re
import subprocess
from pathlib import Path
from typing import get_args

import docx
import pikepdf
import pytest
from accessibility import browser_for_test
from click.testing import CliRunner
from conftest import REPO
from pdfua import check
from test_diff import lambeth_comparison
from wordinfo import accept_all, document_xml, paragraphs, reject_all

from pause_docs.cli import main
from pause_docs.compare import AREAS, Action, area_key
from pause_docs.compare.redline import PAPER_ONLY, as_html, publish_redline
from pause_docs.publish.document import publish
from pause_docs.publish.locale import load_locale
from pause_docs.publish.tree import Section, Styled, walk
from pause_docs.render.docx import publication_docx
from pause_docs.render.edition import Edition
from pause_docs.source.languages import languages
from pause_docs.source.loading import load_project

NOTICE = "councils/glanyrafon/pause-privacy-notice.yaml"
CHANGED = "councils/glanyrafon/changed.yaml"
WELSH_TRACKED = "Y ddogfen, gyda'i newidiadau wedi'u tracio"
REDLINE_KEYS = ("redline_", "action_", "area_")


def test_every_area_and_action_has_its_words_in_every_locale() -> None:
    for language in languages():
        strings = load_locale(language).strings
        assert [a for a in AREAS if area_key(a) not in strings] == [], language
        assert [a for a in get_args(Action)
                if "action_" + a.replace("-", "_") not in strings] == [], language


def test_the_redline_is_a_publication_with_every_part_a_legal_team_signs_off() -> None:
    page = publish_redline(lambeth_comparison())
    roles = [b.role for b in page.body if isinstance(b, Section)]
    assert roles == ["legend", "summary", "changes", "changes", "changes", "sign-off"]
    assert set(PAPER_ONLY) <= set(roles)
    marked = [n for n in walk(page.blocks()) if isinstance(n, Styled) and n.style in
              ("ins", "del")]
    assert len(marked) > 40  # inserted and deleted words are inline nodes, not markup
    assert page.language == "en" and page.lang == "en-GB" and page.role == "redline"


def test_the_redline_takes_its_words_from_the_locale() -> None:
    """With every string of the locale replaced, none of the redline's English is left."""
    english = load_locale("en")
    marked = english.model_copy(update={"strings": {
        k: "".join(f"{{{p}}}" if i % 2 else ("§" if p.strip() else p)
                   for i, p in enumerate(english.pieces(k)))
        for k in english.strings}})
    page = publish_redline(lambeth_comparison(), marked)
    html = Edition(page).html
    for phrase in ("Changes to", "How to read", "Summary", "Legal changes", "Was:",
                   "Law now", "Sign-off", "Approved", "Comments", "Replaced", "Lawful basis"):
        assert phrase not in html, phrase


@pytest.mark.slow
def test_the_terminal_prints_the_redline_without_what_is_there_for_the_page() -> None:
    text = CliRunner().invoke(main, ["diff", str(REPO / "councils/lambeth/scoping-2017.yaml"),
                                     str(REPO / "councils/lambeth/scoping-2026.yaml")]).output
    html = as_html(lambeth_comparison())
    assert text.startswith("Changes to Fair processing notice\n\nLondon Borough of Lambeth:")
    assert "\nPublished   1 February 2017                      1 November 2026\n" in text
    for page_only in ("How to read this redline", "Summary", "Sign-off", "Redline of"):
        assert page_only in html and page_only not in text


# --- in Welsh ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def welsh(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The bundled Welsh notice and a new version of it (its lawful basis and one Welsh
    sentence changed), compared in Welsh; the redline in every format."""
    root = tmp_path_factory.mktemp("welsh")
    (root / "councils").mkdir()
    subprocess.run(["cp", "-r", str(REPO / "councils/glanyrafon"), str(root / "councils")],
                   check=True)
    text = (REPO / NOTICE).read_text(encoding="utf-8")
    (root / CHANGED).write_text(
        text.replace("ukgdpr-art6-1-e", "ukgdpr-art6-1-c", 1)
        .replace("Dim ond cyfansymiau dienw", "Dim ond ystadegau dienw"), encoding="utf-8")
    out = {suffix: root / f"newidiadau.{suffix}" for suffix in ("html", "pdf", "docx")}
    result = CliRunner().invoke(main, [
        "--project", str(root), "diff", str(root / NOTICE), str(root / CHANGED),
        "--language", "cy", "--as-of", "2026-12-02",
        *(a for suffix, path in out.items() for a in (f"--{suffix}", str(path)))])
    assert result.exit_code == 0, result.output
    docs = {d.path: d for d in load_project(root).documents}
    return {"text": result.output, "root": root, **out,
            "old": docs[NOTICE].in_language("cy"), "new": docs[CHANGED].in_language("cy")}


def english_words(page: str) -> str:
    """The words of an HTML page that are not marked as English."""
    body = re.sub(r"<style>.*?</style>|<head>.*?</head>", "", page, flags=re.S)
    body = re.sub(r'<span lang="en-GB">.*?</span>', " ", body, flags=re.S)
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


@pytest.mark.slow
def test_a_welsh_redline_in_the_terminal_is_in_welsh(welsh) -> None:  # type: ignore[no-untyped-def]
    text = welsh["text"]
    assert text.startswith("Newidiadau i'r ddogfen: Ymarfer cwmpasu Pause: hysbysiad "
                           "preifatrwydd\n")
    assert "\nNewidiadau cyfreithiol (3)\n\nSail gyfreithlon (GDPR y DU Erthygl 6)\n" \
           "  - Disodlwyd: UK GDPR Art 6(1)(e) → UK GDPR Art 6(1)(c)\n" in text
    assert "Dim ond [−cyfansymiau−] [+ystadegau+] dienw y bydd Pause" in text
    assert "\nNewidiadau i'r geiriad (1)\n\nCyfieithiadau (wedi newid mewn un iaith yn unig)\n" \
        in text
    assert "Dim newidiadau i'r drefn na'r cynllun." in text and "Legal changes" not in text


@pytest.mark.slow
def test_a_welsh_redline_page_holds_none_of_the_english_redline_words(welsh) -> None:  # type: ignore[no-untyped-def]
    page = welsh["html"].read_text(encoding="utf-8")  # type: ignore[attr-defined]
    assert page.startswith('<!DOCTYPE html>\n<html lang="cy"')
    assert "<title>Newidiadau i&#39;r ddogfen: Ymarfer cwmpasu Pause" in page
    assert '<p class="note"><span lang="en-GB">The right to object no longer applies' in page
    words = english_words(page)
    english = load_locale("en")
    for key in (k for k in english.strings if k.startswith(REDLINE_KEYS)):
        for piece in english.pieces(key)[::2]:
            phrase = piece.strip(" :.,()")
            if len(phrase) > 3:
                assert not re.search(rf"\b{re.escape(phrase)}\b", words), (key, phrase)
    assert "Cymeradwywyd gyda newidiadau" in words and "Sylwadau" in words


@pytest.mark.slow
def test_a_welsh_redline_pdf_is_tagged_in_welsh(welsh) -> None:  # type: ignore[no-untyped-def]
    path: Path = welsh["pdf"]  # type: ignore[assignment]
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                   text=True, check=True).stdout.split())
    assert "Newidiadau cyfreithiol (3)" in text and "Llofnodi" in text
    assert "Tudalen 1 o" in text
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "cy"
    assert [str(f) for f in check(path, {"en-GB"})] == []


@pytest.mark.slow
def test_a_welsh_redline_in_word_tracks_the_welsh_page(welsh) -> None:  # type: ignore[no-untyped-def]
    data = welsh["docx"].read_bytes()  # type: ignore[attr-defined]
    document = docx.Document(io.BytesIO(data))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings[:2] == ["Sut i ddarllen y newidiadau", "Crynodeb"]
    assert headings[-2:] == [WELSH_TRACKED, "Llofnodi"]
    assert document.core_properties.subject == load_locale("cy").text("redline_subject")

    def body(root) -> list[str]:  # type: ignore[no-untyped-def]
        texts = paragraphs(root)
        start = texts.index(WELSH_TRACKED) + 2  # after the heading and how to read it
        return texts[start:len(texts) - 1 - texts[::-1].index("Llofnodi")]

    def own(doc) -> list[str]:  # type: ignore[no-untyped-def]
        """The version's own Word file, without what stands above the document."""
        page = publish(doc)
        return paragraphs(document_xml(publication_docx(page, 0)[0]))[len(page.masthead):]

    root = document_xml(data)
    assert body(accept_all(root)) == own(welsh["new"])
    assert body(reject_all(root)) == own(welsh["old"])
    assert "Dim ond ystadegau dienw" in " ".join(own(welsh["new"]))


@pytest.mark.slow
@pytest.mark.parametrize("width", [1280, 320])
def test_redlines_in_english_and_welsh_pass_axe_and_read_at_320_px(
        welsh, tmp_path: Path, width: int) -> None:  # type: ignore[no-untyped-def]
    english = tmp_path / "redline.html"
    english.write_text(as_html(lambeth_comparison()), encoding="utf-8")
    with browser_for_test() as chrome:
        for page in (english, welsh["html"]):
            chrome.open(page, width=width)
            result = chrome.axe()
            assert result["violations"] == [] and result["passes"] >= 20, (page, result)
            assert chrome.run("return document.documentElement.scrollWidth") <= width, page


def test_a_language_the_versions_are_not_in_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["diff", str(REPO / "councils/lambeth/scoping-2017.yaml"),
                                       str(REPO / "councils/lambeth/scoping-2026.yaml"),
                                       "--language", "cy"])
    assert result.exit_code == 2
    assert ("councils/lambeth/scoping-2017.yaml is not published in 'cy': its council's "
            "languages are en") in result.output


def test_a_publication_prints_as_text_in_lines_lists_and_columns() -> None:
    from pause_docs.publish.tree import (
        Cell,
        Heading,
        Item,
        Link,
        ListBlock,
        Paragraph,
        Row,
        RowGroup,
        Table,
        Text,
        Tick,
    )
    from pause_docs.render.text import publication_text

    def words(text: str) -> tuple[Text, ...]:
        return (Text(text),)

    text = publication_text((
        Heading(2, words("Part")),
        Paragraph((Text("See "), Link("https://example.org/a", words("the page")), Text(" or "),
                   Link("https://example.org/b", words("example.org/b")), Text("."))),
        Heading(3, words("Minor")),
        ListBlock((Item((Paragraph(words("one")), Paragraph(words("its second line")))),
                   Item(words("two")))),
        Table(words("Caption"), (RowGroup((
            Row((Cell(words("a"), header=True, scope="row", rowspan=2), Cell(words("bb")))),
            Row((Cell(words("c")),)))),),
            head=(Row((Cell(words("Head")), Cell(words("X")))),)),
        ListBlock((Item((Text("Yes "), Tick(False))), Item((Text("No "), Tick(True)))),
                  role="choices")))
    assert text == (
        "Part\n\n"
        "See the page <https://example.org/a> or example.org/b.\n\n"
        "Minor\n"
        "  - one\n"
        "    its second line\n"
        "  - two\n\n"
        "Caption\n"
        "Head   X\n"
        "a      bb\n"
        "       c\n\n"
        "Yes ☐   No ☒\n")
