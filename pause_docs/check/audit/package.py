"""A Word file opened as `audit` may safely open one: its zip entries bounded before they are
inflated, and every XML part checked (no DTD, no entity, no nesting deeper than a document
needs) before python-docx reads it.

A .docx is a zip of XML.  A zip bomb inflates a few kilobytes into gigabytes; a DTD's
entities ("billion laughs") do the same inside the XML; 100,000 nested elements exhaust the
parser.  Each is refused here with the reason, as an `unreadable` finding, before anything
is inflated in full.
"""

from __future__ import annotations

import io
import zipfile
from xml.parsers import expat

MAX_ENTRIES = 2_000
MAX_ENTRY_BYTES = 64 * 1024 * 1024  # one part, inflated
MAX_TOTAL_BYTES = 200 * 1024 * 1024  # every part, inflated
MAX_RATIO = 200  # inflated size over compressed: a text compresses 10-20 times
MAX_DEPTH = 200


class Unsafe(Exception):
    """Why the file cannot be opened safely."""


def checked_docx(data: bytes) -> io.BytesIO:
    """`data` as a file python-docx may open; Unsafe when it is not a zip, holds an entry
    too large or too compressed, or an XML part with a DTD, an entity or deep nesting."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise Unsafe(f"not a Word document: it is not a zip archive ({exc})") from exc
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            raise Unsafe(f"more than {MAX_ENTRIES:,} parts in the zip archive")
        total = 0
        for entry in entries:
            total += entry.file_size
            _check_size(entry, total)
        for entry in entries:
            if entry.filename.endswith((".xml", ".rels")):
                try:
                    part = archive.read(entry)
                except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError,
                        ValueError, OSError, EOFError) as exc:
                    raise Unsafe(f"its part {entry.filename} cannot be read ({exc})") from exc
                _check_xml(entry.filename, part)
    return io.BytesIO(data)


def _check_size(entry: zipfile.ZipInfo, total: int) -> None:
    name = entry.filename
    if entry.file_size > MAX_ENTRY_BYTES:
        raise Unsafe(f"its part {name} would inflate to {entry.file_size:,} bytes (more than "
                     f"{MAX_ENTRY_BYTES:,}): a zip bomb, or not a notice")
    if total > MAX_TOTAL_BYTES:
        raise Unsafe(f"its parts would inflate to more than {MAX_TOTAL_BYTES:,} bytes")
    if entry.file_size > 1_000_000 and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
        raise Unsafe(f"its part {name} is compressed more than {MAX_RATIO} times: a zip bomb")


def _check_xml(name: str, data: bytes) -> None:
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    depth = 0

    def refuse(*_: object) -> int:
        raise Unsafe(f"its part {name} declares a DTD or entities, which a Word document "
                     "never does")

    def start(*_: object) -> None:
        nonlocal depth
        depth += 1
        if depth > MAX_DEPTH:
            raise Unsafe(f"its part {name} is nested more than {MAX_DEPTH} levels deep")

    def end(*_: object) -> None:
        nonlocal depth
        depth -= 1

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise Unsafe(f"its part {name} is not well-formed XML "
                     f"({expat.ErrorString(exc.code)}, line {exc.lineno})") from exc
