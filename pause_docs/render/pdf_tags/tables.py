"""Table cells laid out as HTML lays out rows with spans, so that every header cell gets its
/Scope and every data cell the /Headers of the header cells above it and before it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pikepdf import Array, Dictionary, Name, String

from .tree import child_elements, kind


@dataclass(frozen=True)
class Placed:
    """A cell where it is laid out: first row and column, and how far it spans."""

    cell: Any
    attributes: Any
    """Its table attributes (`table_attributes`), read once."""
    kind: str
    """'/TH' or '/TD'."""
    row: int
    column: int
    rows: int
    columns: int
    head: bool
    """In the table head."""

    def covers_rows(self, other: Placed) -> bool:
        return self.row < other.row + other.rows and other.row < self.row + self.rows

    def covers_columns(self, other: Placed) -> bool:
        return (self.column < other.column + other.columns
                and other.column < self.column + self.columns)


def table_rows(table: Any) -> Iterator[tuple[Any, bool]]:
    """The table's rows in order, each with whether it is in the table head."""
    for part in child_elements(table):
        if kind(part) == "/TR":
            yield part, False
        elif kind(part) in ("/THead", "/TBody", "/TFoot"):
            for row in child_elements(part):
                if kind(row) == "/TR":
                    yield row, kind(part) == "/THead"


def table_attributes(cell: Any) -> Any:
    """The cell's table attributes (owner /Table), made if it has none."""
    a = cell.get("/A")
    found = [a] if isinstance(a, Dictionary) else list(a) if isinstance(a, Array) else []
    for attributes in found:
        if isinstance(attributes, Dictionary) and str(attributes.get("/O", "")) == "/Table":
            return attributes
    table = Dictionary(O=Name("/Table"))
    cell.A = table if a is None else Array([*found, table])
    return table


def span(attributes: Any, key: str) -> int:
    """A cell's /RowSpan or /ColSpan, from its table attributes."""
    value = attributes.get(key)
    return max(1, int(value)) if value is not None else 1


def lay_out(table: Any) -> list[Placed]:
    """Every cell of the table in its place."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, (row, head) in enumerate(table_rows(table)):
        c = 0
        for cell in child_elements(row):
            cell_kind = kind(cell)
            if cell_kind not in ("/TH", "/TD"):
                continue
            while (r, c) in taken:
                c += 1
            attributes = table_attributes(cell)
            rows, columns = span(attributes, "/RowSpan"), span(attributes, "/ColSpan")
            taken |= {(r + i, c + j) for i in range(rows) for j in range(columns)}
            placed.append(Placed(cell, attributes, cell_kind, r, c, rows, columns, head))
            c += columns
    return placed


def add_headers(table: Any) -> None:
    """/Scope on every header cell (Column in the table head, or in a first row of header
    cells; else Row), then /Headers on every data cell: the column headers above it and
    the row headers before it."""
    placed = lay_out(table)
    first = [p for p in placed if p.row == 0]
    header_row = bool(first) and all(p.kind == "/TH" for p in first)
    columns: list[Placed] = []
    rows: list[Placed] = []
    for p in placed:
        if p.kind != "/TH":
            continue
        column = p.head or (p.row == 0 and header_row)
        p.attributes.Scope = Name("/Column" if column else "/Row")
        (columns if column else rows).append(p)
        if "/ID" not in p.cell:
            p.cell.ID = String(f"th-{table.objgen[0]}-{p.row}-{p.column}")
    for p in placed:
        if p.kind == "/TD":
            found = [h.cell.ID for h in columns if h.row < p.row and h.covers_columns(p)]
            found += [h.cell.ID for h in rows if h.column < p.column and h.covers_rows(p)]
            p.attributes.Headers = Array(found)
