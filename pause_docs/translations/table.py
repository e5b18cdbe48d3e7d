"""The table a translator fills in: every text to translate, re-translate or confirm, as CSV
(any spreadsheet) or XLIFF 1.2 (translation tools), and read back.

Each row names its text by file and YAML path (`councils/x/doc.yaml#sections/2/intro`), gives
the English and, for a stale translation, the English it was made from; the translator fills
in the translation.  Reading the table back checks each row's English is still the file's.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..source.errors import Location, Problem
from ..source.loader import Path_
from .status import Needed

COLUMNS = ("id", "language", "state", "english", "translation", "english_before", "where")
XLIFF = "urn:oasis:names:tc:xliff:document:1.2"
_STATES = {"missing": "needs-translation", "stale": "needs-review-translation",
           "unconfirmed": "needs-review-translation"}


@dataclass(frozen=True)
class Row:
    """One text of a translator's table, as read back."""

    file: str
    path: Path_
    language: str
    english: str
    translation: str
    at: Location
    """Where in the table the row is (line, for a message)."""


def write(items: Iterable[Needed], target: Path, before: dict[tuple[str, str, Path_], str]
          ) -> str:
    """The table of `items` as CSV or XLIFF (by `target`'s suffix); `before`: the English a
    stale translation was made from, when known."""
    items = list(items)
    if target.suffix.lower() in (".xlf", ".xliff"):
        return _xliff(items, before)
    out = io.StringIO()
    table = csv.writer(out, lineterminator="\n")
    table.writerow(COLUMNS)
    for item in items:
        table.writerow((item.ident, item.language, item.state, item.english,
                        item.translation or "", before.get(item.key, ""), str(item.where)))
    return out.getvalue()


def _xliff(items: list[Needed], before: dict[tuple[str, str, Path_], str]) -> str:
    ET.register_namespace("", XLIFF)
    root = ET.Element(f"{{{XLIFF}}}xliff", {"version": "1.2"})
    files: dict[tuple[str, str], ET.Element] = {}
    for item in items:
        key = (item.file.path, item.language)
        if key not in files:
            file = ET.SubElement(root, f"{{{XLIFF}}}file", {
                "original": item.file.path, "source-language": "en",
                "target-language": item.language, "datatype": "plaintext"})
            files[key] = ET.SubElement(file, f"{{{XLIFF}}}body")
        unit = ET.SubElement(files[key], f"{{{XLIFF}}}trans-unit", {
            "id": "/".join(str(p) for p in item.path)})
        ET.SubElement(unit, f"{{{XLIFF}}}source").text = item.english
        ET.SubElement(unit, f"{{{XLIFF}}}target", {"state": _STATES[item.state]}).text = \
            item.translation or ""
        note = f"{item.state}; printed from {item.where}"
        if item.key in before:
            note += f"; the English was: {before[item.key]}"
        ET.SubElement(unit, f"{{{XLIFF}}}note", {"from": "pause-docs"}).text = note
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def read(text: str, name: str) -> tuple[list[Row], list[Problem]]:
    """The rows of a table written by `write` and filled in by a translator."""
    if name.lower().endswith((".xlf", ".xliff")):
        return _read_xliff(text, name)
    rows, problems = [], []
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("id", "language", "english", "translation")
               if c not in (reader.fieldnames or ())]
    if missing:
        return [], [Problem(Location(name, 1, 1), "error", "invalid-table",
                            f"the table has no column {', '.join(missing)}: write it with "
                            "'pause-docs translations --write'")]
    for record in reader:
        at = Location(name, reader.line_num, 1)
        row = _row(record["id"], record["language"], record["english"],
                   record["translation"], at)
        if isinstance(row, Problem):
            problems.append(row)
        elif row is not None:
            rows.append(row)
    return rows, problems


def _read_xliff(text: str, name: str) -> tuple[list[Row], list[Problem]]:
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        return [], [Problem(Location(name, 1, 1), "error", "invalid-table",
                            "the XLIFF file declares a DOCTYPE or entities, which pause-docs "
                            "does not read")]
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        line, column = exc.position
        return [], [Problem(Location(name, line, column + 1), "error", "invalid-table",
                            f"not valid XML: {exc}")]
    rows, problems = [], []
    for file in root.iter(f"{{{XLIFF}}}file"):
        for unit in file.iter(f"{{{XLIFF}}}trans-unit"):
            source = unit.find(f"{{{XLIFF}}}source")
            target = unit.find(f"{{{XLIFF}}}target")
            ident = f"{file.get('original', '')}#{unit.get('id', '')}"
            row = _row(ident, file.get("target-language", ""), _text(source), _text(target),
                       Location(name))
            if isinstance(row, Problem):
                problems.append(row)
            elif row is not None:
                rows.append(row)
    return rows, problems


def _text(element: ET.Element | None) -> str:
    return "".join(element.itertext()) if element is not None else ""


def _row(ident: str, language: str, english: str, translation: str, at: Location
         ) -> Row | Problem | None:
    if not translation.strip():
        return None  # not translated yet
    file, hash_, path = ident.partition("#")
    if not hash_ or not file or not language:
        return Problem(at, "error", "invalid-table",
                       f"the row '{ident}' does not name a text (file#path) and a language")
    steps: list[str | int] = [int(p) if p.isdigit() else p for p in path.split("/")]
    return Row(file, tuple(steps), language, english, translation, at)
