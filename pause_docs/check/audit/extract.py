"""The words of a notice a council already published — a web page saved as HTML, a PDF, a
Word document, plain text or Markdown — as blocks of text (headings, paragraphs, list items),
each character traceable to its line (and page) in the file."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ...source.errors import Location
from ...source.reader import NotReadable, read_regular
from .package import Unsafe, checked_docx

SUFFIXES = {".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx", ".txt": "text",
            ".md": "text", ".markdown": "text"}
MAX_BYTES = 50_000_000  # a PDF or Word file, pictures and all
MAX_PAGE_BYTES = 10_000_000  # an HTML page or a text file, read whole before its words
# The words audit checks: a privacy notice holds 20,000 to 100,000 characters; ten times the
# longest is still read in seconds, and a file of more is not one notice.
MAX_TEXT_CHARS = 1_000_000
MAX_PDF_PAGES = 500
_BULLET = re.compile(r"^(?:[-*•–·▪]|\d{1,2}[.)]|\(?[a-z]\))\s+")
_MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+")
_END_PUNCTUATION = re.compile(r"[.,;:!?]$")


class CannotRead(Exception):
    """The file is not a notice this tool can read; the message says why."""


@dataclass(frozen=True)
class Block:
    """A heading, paragraph or list item, with the place of the start of each of its lines
    (offset in `text`, place in the file)."""

    text: str
    anchors: tuple[tuple[int, Location], ...]
    heading: bool = False


@dataclass(frozen=True)
class Extracted:
    """A published notice's words. For a PDF, `pages` holds the first line of each page in
    the numbering its places use (lines counted through the whole document)."""

    path: str
    kind: str  # html, pdf, docx or text
    blocks: tuple[Block, ...]
    pages: tuple[int, ...] = field(default=())


def extract(file: Path, display: str) -> Extracted:
    """The file's blocks of text; CannotRead when it is not a notice that can be read."""
    kind = SUFFIXES.get(file.suffix.lower())
    if kind is None:
        raise CannotRead(f"'{file.suffix or file.name}' files cannot be audited: give an "
                         f"HTML, PDF, Word (.docx), text or Markdown file")
    try:  # an ordinary file only (a pipe or device would hang), bounded however it grows
        raw = read_regular(file, MAX_BYTES if kind in ("pdf", "docx") else MAX_PAGE_BYTES)
    except NotReadable as exc:
        raise CannotRead(exc.message) from exc
    if kind == "pdf":
        found = _pdf(raw, display)
    elif kind == "docx":
        found = _docx(raw, display)
    elif kind == "html":
        found = Extracted(display, kind, tuple(_html(_decode(raw), display)))
    else:
        found = Extracted(display, kind, tuple(_lines_to_blocks(
            ((n, line) for n, line in enumerate(_decode(raw).splitlines(), 1)), display)))
    if sum(len(block.text) for block in found.blocks) > MAX_TEXT_CHARS:
        raise CannotRead(f"more than {MAX_TEXT_CHARS:,} characters of text, far more than a "
                         "privacy notice holds: audit each notice in a file of its own")
    return found


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def looks_like_heading(line: str) -> bool:
    """A short line on its own, not a sentence and not a list item: 'The Purpose'."""
    words = line.split()
    return 0 < len(words) <= 12 and len(line) <= 80 and line[:1].isupper() and \
        not _END_PUNCTUATION.search(line) and not _BULLET.match(line)


def _lines_to_blocks(lines: Iterator[tuple[int, str]], path: str) -> Iterator[Block]:
    """Blocks from numbered lines: a blank line, a Markdown heading or a list item starts a
    block (a line that only looks like a heading does not: in a PDF it may be the first line
    of a paragraph, and splitting there would cut a citation in two)."""
    current: list[tuple[int, int, str]] = []

    def flush() -> Iterator[Block]:
        if current:
            heading = len(current) == 1 and looks_like_heading(current[0][2])
            yield _block(current, path, heading)
            current.clear()

    for number, line in lines:
        content = line.strip()
        if not content:
            yield from flush()
            continue
        column = len(line) - len(line.lstrip()) + 1
        marked = _MARKDOWN_HEADING.match(content)
        if marked:
            yield from flush()
            yield _block([(number, column + marked.end(), content[marked.end():])], path, True)
            continue
        if _BULLET.match(content):
            yield from flush()
        current.append((number, column, content))
    yield from flush()


def _block(lines: list[tuple[int, int, str]], path: str, heading: bool) -> Block:
    text, anchors = "", []
    for number, column, content in lines:
        if text:
            text += "\n"
        anchors.append((len(text), Location(path, number, column)))
        text += content
    return Block(text, tuple(anchors), heading)


# --- HTML ------------------------------------------------------------------------------------

_BLOCK_TAGS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr",
               "section", "article", "header", "footer", "main", "nav", "aside", "ul", "ol",
               "table", "dd", "dt", "dl", "blockquote", "figcaption", "address", "hr",
               "form", "fieldset", "legend", "caption", "summary", "details", "body"}
_SKIPPED = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class _Reader(HTMLParser):
    def __init__(self, path: str) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
        self.blocks: list[Block] = []
        self.text = ""
        self.anchors: list[tuple[int, Location]] = []
        self.skipping: list[str] = []
        self.heading = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping.append(tag)
        elif tag == "br":  # a line break inside a paragraph: the sentence goes on
            if self.text and not self.skipping:
                self.text += "\n"
        elif tag in _BLOCK_TAGS:
            self.flush()
            self.heading += tag in _HEADINGS

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()
        elif tag in _BLOCK_TAGS:
            self.flush()
            self.heading -= tag in _HEADINGS and self.heading > 0

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        line, column = self.getpos()
        for i, part in enumerate(data.split("\n")):
            content = part.strip()
            if not content:
                continue
            lead = len(part) - len(part.lstrip())
            if self.text and not self.text.endswith((" ", "\n")):
                self.text += " "
            at = Location(self.path, line + i, (column if i == 0 else 0) + lead + 1)
            self.anchors.append((len(self.text), at))
            self.text += " ".join(content.split())

    def flush(self) -> None:
        if self.text.strip():
            self.blocks.append(Block(self.text, tuple(self.anchors), self.heading > 0))
        self.text, self.anchors = "", []


def _html(text: str, path: str) -> list[Block]:
    reader = _Reader(path)
    reader.feed(text)
    reader.close()
    reader.flush()
    return reader.blocks


# --- PDF and Word ----------------------------------------------------------------------------

def _pdf(data: bytes, path: str) -> Extracted:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise CannotRead("the PDF is encrypted with a password")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise CannotRead(f"{len(reader.pages):,} pages, far more than a privacy notice "
                             f"holds (at most {MAX_PDF_PAGES} are read): audit each notice "
                             "in a file of its own")
        pages = [page.extract_text() or "" for page in reader.pages]
    except CannotRead:
        raise
    except (Exception, RecursionError) as exc:  # a damaged or hostile PDF: pypdf raises
        # many kinds of error, none of which should reach the person auditing as a traceback
        raise CannotRead(f"not a PDF that can be read ({type(exc).__name__}: "
                         f"{str(exc)[:200]})") from exc
    blocks: list[Block] = []
    starts: list[int] = []
    line = 1
    for text in pages:
        starts.append(line)
        lines = text.splitlines()
        blocks += _lines_to_blocks(((line + i, content) for i, content in enumerate(lines)),
                                   path)
        line += len(lines)
    return Extracted(path, "pdf", tuple(blocks), tuple(starts))


def _docx(data: bytes, path: str) -> Extracted:
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = Document(checked_docx(data))
    except Unsafe as exc:
        raise CannotRead(str(exc)) from exc
    except Exception as exc:  # python-docx's own errors: not a package, a part missing
        raise CannotRead(f"not a Word document that can be read ({type(exc).__name__}: "
                         f"{str(exc)[:200]})") from exc
    paragraphs: list[Paragraph] = []
    for part in document.iter_inner_content():
        if isinstance(part, Table):
            paragraphs += [p for row in part.rows for cell in row.cells for p in cell.paragraphs]
        else:
            paragraphs.append(part)
    blocks = []
    for number, paragraph in enumerate(paragraphs, 1):
        text = " ".join(paragraph.text.split())
        if text:
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            heading = style.startswith(("Heading", "Title")) or looks_like_heading(text) \
                and bool(paragraph.runs) and all(r.bold for r in paragraph.runs if r.text.strip())
            blocks.append(Block(text, ((0, Location(path, number, 1)),), heading))
    return Extracted(path, "docx", tuple(blocks))
