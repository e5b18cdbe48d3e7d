"""What `audit` reads cannot crash or hang it: a Word file that is not a zip, a zip bomb, a
DTD's entities, 100,000-deep nesting, a damaged PDF, a named pipe, a link to /dev/zero or
/dev/urandom: each is one `unreadable` finding with the reason, at once."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from conftest import REPO

from pause_docs.check.audit import audit_file
from pause_docs.source.registry import Registry, load_registry

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
    '</Types>')
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(document: bytes | str, level: int = zipfile.ZIP_DEFLATED,
         name: str = "word/document.xml") -> bytes:
    """A zip shaped like a Word file, with `document` as word/document.xml."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", level) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr(name, document)
    return out.getvalue()


LAUGHS = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
          + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'
                    for i in range(8))
          + f']><w:document {W}><w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body>'
          "</w:document>")
DEEP = f"<w:document {W}>" + "<w:p>" * 100_000 + "</w:p>" * 100_000 + "</w:document>"

HOSTILE = {
    "not-a-zip.docx": (b"PK\x03\x04 but not a zip at all", "not a zip archive"),
    "no-document.docx": (docx("<x/>", name="word/elsewhere.xml"),
                         "not a Word document that can be read"),
    "laughs.docx": (docx(LAUGHS), "declares a DTD or entities"),
    "deep.docx": (docx(DEEP, zipfile.ZIP_STORED), "nested more than"),
    "bomb.docx": (docx(f"<w:document {W}><w:body><w:p><w:r><w:t>".encode()
                       + b"a" * 30_000_000 + b"</w:t></w:r></w:p></w:body></w:document>"),
                  "a zip bomb"),
    "broken.xml.docx": (docx(f"<w:document {W}><w:body>"), "not well-formed XML"),
    "garbage.pdf": (b"%PDF-1.7\n1 0 obj << /Length 99999999 >> stream\n\x00\xff", "not a PDF"),
    "loop.pdf": (b"%PDF-1.4\n1 0 obj << /Type /Pages /Kids [1 0 R] /Count 1 >> endobj\n"
                 b"trailer << /Root << /Type /Catalog /Pages 1 0 R >> >>\n%%EOF",
                 "not a PDF"),
}


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(REPO)[0]


def finding(path: Path, registry: Registry) -> tuple[str, str]:
    result = audit_file(path, path.name, registry, nation=None, published=None,
                        as_of=__import__("datetime").date(2026, 11, 21))
    (problem,) = result.problems
    return problem.code, problem.message


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_file_is_one_unreadable_finding(name: str, registry: Registry,
                                                  tmp_path: Path) -> None:
    data, reason = HOSTILE[name]
    path = tmp_path / name
    path.write_bytes(data)
    code, message = finding(path, registry)
    assert code == "unreadable" and reason in message, message


def test_a_named_pipe_is_refused_not_waited_on(registry: Registry, tmp_path: Path) -> None:
    pipe = tmp_path / "notice.html"
    os.mkfifo(pipe)
    code, message = finding(pipe, registry)
    assert code == "unreadable" and "named pipe" in message


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
@pytest.mark.parametrize("suffix", [".txt", ".docx", ".pdf"])
def test_a_link_to_a_device_is_refused(registry: Registry, tmp_path: Path, device: str,
                                       suffix: str) -> None:
    link = tmp_path / f"notice{suffix}"
    link.symlink_to(device)
    code, message = finding(link, registry)
    assert code == "unreadable" and "a device" in message


def test_a_sound_word_file_is_still_read(registry: Registry, tmp_path: Path) -> None:
    from docx import Document

    document = Document()
    document.add_heading("Privacy notice", 1)
    document.add_paragraph("We rely on the Data Protection Act 2017.")
    path = tmp_path / "notice.docx"
    document.save(str(path))
    result = audit_file(path, path.name, registry, nation=None, published=None,
                        as_of=__import__("datetime").date(2026, 11, 21))
    assert "unreadable" not in {p.code for p in result.problems}
    assert result.problems, "the misnamed Act is found"


def test_more_text_than_a_notice_is_refused_at_once(registry: Registry, tmp_path: Path) -> None:
    """Found by the fuzz run: 15 MB of text took audit minutes (every check reads it all)."""
    long = tmp_path / "notice.txt"
    long.write_text("We rely on the Data Protection Act 1998.\n" * 26_000)  # 1,066,000 chars
    code, message = finding(long, registry)
    assert code == "unreadable" and message.startswith(
        "more than 1,000,000 characters of text, far more than a privacy notice holds")
    page = tmp_path / "notice.html"
    page.write_bytes(b"<p>" + b"a " * 5_000_001)
    code, message = finding(page, registry)
    assert code == "unreadable" and "files above 10,000,000 bytes are refused" in message


def test_a_pdf_of_more_pages_than_a_notice_is_refused(registry: Registry,
                                                      tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(501):
        writer.add_blank_page(100, 100)
    path = tmp_path / "notice.pdf"
    with path.open("wb") as out:
        writer.write(out)
    code, message = finding(path, registry)
    assert code == "unreadable" and message.startswith("501 pages, far more than a privacy")
