"""`pause-docs audit`: the seed Lambeth notice, as text and as HTML, PDF and Word copies made
here with real tools, gives its three known mistakes with their places; dates, nations,
folders, JSON and files that cannot be read."""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import SHARED

from pause_docs.cli import main

SEED = SHARED / "seeds" / "000_35f6efedbe5ac561.txt"
AS_OF = "2026-11-21"
KNOWN = ["misnamed-instrument", "repealed-since-published", "disapplied-when-published"]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["audit", "--as-of", AS_OF, *args])


def codes(result: Result) -> list[str]:
    report = json.loads(result.output)
    return [p["code"] for d in report["documents"] for p in d["problems"]]


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seed as a council website's HTML page, that page printed to PDF by WeasyPrint,
    and a Word document."""
    from docx import Document
    from weasyprint import HTML

    folder = tmp_path_factory.mktemp("notices")
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()]
    page = ["<!doctype html>", "<html lang='en'><head><meta charset='utf-8'>",
            "<title>Fair processing notice</title><style>p{margin:0}</style></head><body>",
            "<header><nav><a href='/'>Home</a></nav></header><main>"]
    document = Document()
    for line in filter(None, lines):
        if line.startswith("- "):
            page.append(f"<ul><li>{html.escape(line[2:])}</li></ul>")
            document.add_paragraph(line[2:], style="List Bullet")
        elif len(line) < 40 and not line.endswith("."):
            page.append(f"<h2>{html.escape(line)}</h2>")
            document.add_heading(line, level=2)
        else:
            page.append(f"<p>{html.escape(line)}</p>")
            document.add_paragraph(line)
    page.append("</main></body></html>")
    files = {"html": folder / "notice.html", "pdf": folder / "notice.pdf",
             "docx": folder / "notice.docx", "txt": folder / "notice.txt"}
    files["html"].write_text("\n".join(page), encoding="utf-8")
    HTML(filename=str(files["html"])).write_pdf(str(files["pdf"]))
    document.save(str(files["docx"]))
    files["txt"].write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    return files


def test_the_seed_gives_its_three_mistakes_at_their_lines() -> None:
    result = run(str(SEED), "--council-nation", "england", "--published", "2017-02-01")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    found = [line for line in lines if ": error: " in line]
    assert [line.split(": error: ")[0].rsplit(":", 2)[1:] for line in found] == [
        ["19", "22"], ["20", "4"], ["21", "4"]]
    assert [line.split(": error: ")[1].split(":")[0] for line in found] == [
        "misnamed-instrument", "repealed-since-published", "disapplied-when-published"]
    assert "    fix: cite Localism Act 2011, s.1 instead" in lines
    assert lines[-1] == f"3 errors (as of {AS_OF})"


WORDS = ["Children's Act 2004", "Schedules 2 and 3", "Section 2 (5)"]


def _where_written(file: Path, kind: str) -> list[tuple[int | None, int]]:
    """The page (PDF) and line (paragraph in Word) of each mistake's words, read back."""
    if kind == "docx":
        from docx import Document

        texts = [p.text for p in Document(str(file)).paragraphs]
        return [(None, next(i for i, t in enumerate(texts, 1) if w in _plain(t))) for w in WORDS]
    if kind == "pdf":
        from pypdf import PdfReader

        pages = [(p.extract_text() or "").splitlines() for p in PdfReader(file).pages]
        return [next((n, i) for n, lines in enumerate(pages, 1)
                     for i, t in enumerate(lines, 1) if w in _plain(t)) for w in WORDS]
    lines = file.read_text(encoding="utf-8").splitlines()
    return [(None, next(i for i, t in enumerate(lines, 1) if w in _plain(t))) for w in WORDS]


def _plain(text: str) -> str:
    return html.unescape(text).replace("\u2019", "'")


@pytest.mark.parametrize("kind", ["html", "pdf", "docx", "txt"])
def test_copies_in_every_format_give_the_same_mistakes_with_places(
        copies: dict[str, Path], kind: str) -> None:
    result = run(str(copies[kind]), "--council-nation", "england", "--format", "json")
    assert result.exit_code == 1, result.output
    (document,) = json.loads(result.output)["documents"]
    assert document["published"] == "2017-02-01"
    assert [p["code"] for p in document["problems"]] == KNOWN
    line = "paragraph" if kind == "docx" else "line"
    assert [(p["page"], p[line]) for p in document["problems"]] == \
        _where_written(copies[kind], kind)


def test_a_pdf_finding_is_shown_by_page_and_line(copies: dict[str, Path]) -> None:
    result = run(str(copies["pdf"]), "--council-nation", "england")
    (page, line) = _where_written(copies["pdf"], "pdf")[2]
    assert page == 2  # the page break falls before the notice's list of law
    assert f"{copies['pdf']}: page {page}, line {line}: error: disapplied-when-published: " \
        in result.output


def test_the_date_found_in_the_notice_is_used_and_said(copies: dict[str, Path]) -> None:
    result = run(str(copies["txt"]))
    notes = result.output.splitlines()[1:4]
    assert notes[:2] == [
        "    published on 1 February 2017: the date 'February 2017' at line 5 was used (give "
        "--published if it is not the publication date)",
        "    council taken to be in England (give --council-nation if it is not)"]
    assert "disapplied-when-published" in result.output


def test_a_welsh_council_is_told_the_welsh_power(copies: dict[str, Path]) -> None:
    result = run(str(copies["txt"]), "--council-nation", "wales", "--published", "2022-01-10")
    assert "fix: cite Local Government and Elections (Wales) Act 2021, s.24 instead" in \
        result.output
    assert "Localism" not in result.output


def test_items_are_found_or_not_found_never_missing(copies: dict[str, Path]) -> None:
    result = run(str(copies["html"]), "--published", "2017-02-01")
    lines = copies["html"].read_text(encoding="utf-8").splitlines()
    basis = next(i for i, t in enumerate(lines, 1) if "The legal basis" in t)
    assert f"  found      the lawful basis (line {basis}, by phrase)" in result.output
    assert "  not found  the Data Protection Officer's contact details" in result.output
    assert "missing" not in result.output.lower()


def test_a_folder_is_shown_as_a_table(copies: dict[str, Path]) -> None:
    (copies["html"].parent / "broken.pdf").write_bytes(b"not a pdf at all")
    result = run(str(copies["html"].parent), "--council-nation", "england")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].split() == ["document", "errors", "warnings", "worst", "finding"]
    rows = {line.split()[0].rsplit("/", 1)[-1]: line.split()[1:3] for line in lines[1:-1]}
    assert rows == {"broken.pdf": ["1", "0"], "notice.docx": ["3", "0"],
                    "notice.html": ["3", "0"], "notice.pdf": ["3", "0"],
                    "notice.txt": ["3", "0"]}
    assert "error: unreadable (file)" in result.output
    assert lines[-1] == "5 notices: 13 errors"


def test_a_file_that_cannot_be_read_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "notice.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    other = tmp_path / "notice.odt"
    other.write_text("x")
    result = run(str(bad), str(other))
    assert result.exit_code == 1 and result.exception is None or \
        isinstance(result.exception, SystemExit)
    assert "error: unreadable: not a PDF that can be read" in result.output
    assert "error: unreadable: '.odt' files cannot be audited" in result.output


def test_audit_works_outside_a_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    notice = tmp_path / "notice.md"
    notice.write_text("# Privacy notice\n\nUpdated 3 March 2025\n\nWe share it under the "
                      "Digital Economy Act 2018.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["audit", "notice.md", "--as-of", AS_OF])
    assert result.exit_code == 1, result.output
    assert "notice.md:5:23: error: nonexistent-instrument: no Act called 'Digital Economy " \
           "Act 2018'" in result.output
    assert "published on 3 March 2025: the date '3 March 2025' at line 3" in result.output


def test_audit_json_has_places_items_and_notes(copies: dict[str, Path]) -> None:
    report = json.loads(run(str(copies["pdf"]), "--format", "json").output)
    (document,) = report["documents"]
    assert report["as_of"] == AS_OF and document["kind"] == "pdf"
    assert document["published"] == "2017-02-01" and document["nation"] == "england"
    assert {"id": "lawful-basis", "found": True, "by": "phrase"}.items() <= \
        next(i for i in document["items"] if i["id"] == "lawful-basis").items()
    assert all(set(p) >= {"page", "line", "column", "fix", "rule"} for p in document["problems"])


def test_the_audit_guides_example_is_the_real_output(monkeypatch: pytest.MonkeyPatch) -> None:
    from conftest import REPO

    command = ("pause-docs audit ../shared/seeds/000_35f6efedbe5ac561.txt --council-nation "
               "england --published 2017-02-01 --as-of 2026-11-21")
    readme = (REPO / "docs" / "guides" / "audit.md").read_text(encoding="utf-8")
    shown = readme.split(f"{command}\n```\n```\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(REPO)
    given = os.path.relpath(SEED, REPO)
    args = [given if a.endswith(".txt") else a for a in command.split()[1:]]
    result = CliRunner().invoke(main, args)
    assert result.output.replace(given, "../shared/seeds/000_35f6efedbe5ac561.txt") == shown
