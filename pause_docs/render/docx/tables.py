"""Tables as Word prints them: a caption (and the table's title for assistive technology),
header rows that repeat on every page, header cells shaded and bold, merged cells, and
columns sized as the page sizes them."""

from __future__ import annotations

import re
from dataclasses import replace

from docx.shared import Pt
from docx.table import Table as WordTable

from ...publish.measure import ems
from ...publish.tree import (
    Cell,
    ListBlock,
    Node,
    Row,
    Styled,
    Table,
    Text,
    children,
    is_inline,
    plain,
)
from .numbering import STEP
from .place import BlockWriter, Context, Place, styled
from .theme import THEME
from .xml import TBLPR, TCPR, TRPR, element, put, shading, twips

_BREAKS = re.compile(r"\s+|(?<=/)")
"""Where Word and LibreOffice break a line: between words, and after the slashes of a
file's path (the inline writer marks them; not after a hyphen, where LibreOffice may not)."""

Grid = list[list[tuple[int, Cell]]]
"""Each row's cells, with the column each starts in."""


def layout(rows: list[Row]) -> tuple[Grid, int]:
    """Where each cell goes, allowing for cells that span rows and columns; the number of
    columns."""
    taken: set[tuple[int, int]] = set()
    grid: Grid = []
    for r, row in enumerate(rows):
        column, placed = 0, []
        for cell in row.cells:
            while (r, column) in taken:
                column += 1
            placed.append((column, cell))
            for dr in range(min(cell.rowspan, len(rows) - r)):
                for dc in range(cell.colspan):
                    taken.add((r + dr, column + dc))
            column += cell.colspan
        grid.append(placed)
    return grid, max((c for _, c in taken), default=0) + 1


def _fits(cell: Cell, size: float) -> tuple[float, float]:
    """Room for the cell's longest word on one line (no word broken in two) and for its
    longest paragraph, in points, as the page's own fonts measure them, with the cell's
    padding (1.2 em)."""
    word, line = _extent(cell.content, "bold" if cell.header else "regular")
    return (word + 1.2) * size, (line + 1.2) * size


def _extent(nodes: tuple[Node, ...], face: str, inset: float = 0.0) -> tuple[float, float]:
    """The widths, in ems, of the longest word and the longest paragraph of `nodes` from the
    cell's edge: each block apart, a list's words from its indent, bold and code in their
    own faces."""
    word = line = run = 0.0
    for node in nodes:
        if isinstance(node, Text):
            run += ems(node.text, face=face)
            word = max([word, *(inset + ems(w, face=face) for w in _BREAKS.split(node.text))])
        elif is_inline(node):
            inner = _FACES.get(node.style, face) if isinstance(node, Styled) else face
            found, said = _extent(children(node), inner, inset)
            word, run = max(word, found), run + max(said - inset, 0.0)
        else:
            deeper = inset + STEP / THEME.size if isinstance(node, ListBlock) else inset
            found, said = _extent(children(node), face, deeper)
            word, line = max(word, found), max(line, said)
    return word, max(line, inset + run if run else 0.0)


_FACES = {"strong": "bold", "b": "bold", "code": "mono"}


def widths(table: Table, grid: Grid, columns: int, total: float, size: float) -> list[float]:
    """Each column's width in points: tick boxes and numbers narrow, a form's labels about a
    third (style.css and form.css), and the rest sized by their content as a browser sizes
    a table: none narrower than its longest word, the wider the more it says."""
    fixed: dict[int, float] = {}
    least, most = [0.0] * columns, [0.0] * columns
    headers: set[int] = set()
    for row in grid:
        for column, cell in row:
            if cell.colspan != 1:
                continue
            role = cell.role or ""
            word, line = _fits(cell, size)
            least[column], most[column] = max(least[column], word), max(most[column], line)
            if "tick-col" in role:  # room for 'Negative' or 'Uncertain' over the boxes
                fixed[column] = max(fixed.get(column, 0), size * 6.25, least[column])
            elif role == "number":  # as wide as its longest number, no wider
                fixed[column] = max(fixed.get(column, 0), size * 2, least[column])
            elif cell.header and cell.scope == "row":
                headers.add(column)
    if "form-grid" in (table.role or ""):
        share = 0.32 if len(headers) == 1 else 0.22
        for column in headers - fixed.keys():
            fixed[column] = max(total * share, least[column])
    left = max(total - sum(fixed.values()), total * 0.2)
    rest = [c for c in range(columns) if c not in fixed]
    shared = _automatic(left, [least[c] for c in rest], [max(most[c], 1.0) for c in rest])
    found = dict(zip(rest, shared, strict=True)) | fixed
    return [found[c] for c in range(columns)]


def _automatic(width: float, least: list[float], most: list[float]) -> list[float]:
    """CSS 2.1's automatic table layout (17.5.2.2): each column gets its longest word, and
    what is left is shared out by how much more each needs to print its text on one line
    (in proportion to that text, once every column can)."""
    low, high = sum(least), sum(most)
    if high <= width:
        return [m * width / high for m in most]
    if low >= width:
        return least
    return [lo + (hi - lo) * (width - low) / (high - low)
            for lo, hi in zip(least, most, strict=True)]


def write_table(writer: BlockWriter, place: Place, block: Table, ctx: Context,
                title: str | None = None) -> None:
    """The table, under its caption unless that is for screen readers only; `title`: the
    words of a heading for screen readers only that the table stands for."""
    theme = writer.theme
    caption = plain(block.caption).strip()
    if caption and not block.caption_hidden:
        writer.paragraph(place, block.caption, "Caption", ctx)
    rows = [*block.head, *(row for group in block.body for row in group.rows)]
    if not rows:
        return
    grid, columns = layout(rows)
    sizes = widths(block, grid, columns, place.width, theme.size)
    table = place.table(len(rows), columns)
    _table_properties(table, block, grid, (title or caption, caption), place.width, writer)
    for column, width in zip(table.columns, sizes, strict=True):
        column.width = Pt(width)
    cells = []
    every = table._cells  # once: python-docx works them all out again for each cell asked for
    for r, row in enumerate(grid):
        _row_properties(table, r, rows[r], r < len(block.head))
        for column, cell in row:
            target = every[r * columns + column]
            last = (min(r + cell.rowspan, len(rows)) - 1, min(column + cell.colspan, columns) - 1)
            if last != (r, column):
                target = target.merge(every[last[0] * columns + last[1]])
            target.width = Pt(sum(sizes[column:last[1] + 1]))
            cells.append((target, cell, sum(sizes[column:last[1] + 1])))
    for target, cell, width in cells:
        if cell.header:
            put(target._tc.get_or_add_tcPr(), shading(theme.header_fill), TCPR)
        bold = cell.header and cell.role != "question" and not (
            cell.scope == "row" and "criteria" in (block.role or ""))
        small = cell.header and "tick-col" in (cell.role or "")  # as form.css prints them
        inner = replace(ctx, style="Table Text", depth=-1,
                        look=replace(ctx.look, bold=ctx.look.bold or bold,
                                     size=theme.size * theme.small if small else None))
        where = Place.cell(target, width - theme.size)
        writer.mixed(where, cell.content, inner)
        if where.fresh is not None:
            styled(where.fresh, "Table Text")


def _table_properties(table: WordTable, block: Table, grid: Grid, names: tuple[str, str],
                      width: float, writer: BlockWriter) -> None:
    """`names`: the table's title and its caption; a caption other than the title (a
    hidden heading's words) is the table's description."""
    theme = writer.theme
    tblPr = table._tbl.tblPr
    put(tblPr, element("w:tblW", w=twips(width), type="dxa"), TBLPR)
    borders = element("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(element(f"w:{side}", val="single", sz="6", space="0", color=theme.rule))
    put(tblPr, borders, TBLPR)
    put(tblPr, element("w:tblLayout", type="fixed"), TBLPR)
    margins = element("w:tblCellMar")
    for side, space in (("top", 0.4), ("left", 0.5), ("bottom", 0.4), ("right", 0.5)):
        margins.append(element(f"w:{side}", w=twips(theme.size * space), type="dxa"))
    put(tblPr, margins, TBLPR)
    row_headers = any(row and row[0][1].header and row[0][1].scope == "row" for row in grid)
    # Which rows and columns are headers, in Word 2010's attributes and Word 2007's bits.
    bits = 0x0600 | (0x0020 if block.head else 0) | (0x0080 if row_headers else 0)
    put(tblPr, element("w:tblLook", val=f"{bits:04X}", firstRow="1" if block.head else "0",
                       lastRow="0", firstColumn="1" if row_headers else "0", lastColumn="0",
                       noHBand="1", noVBand="1"), TBLPR)
    title, caption = names
    if title:  # the table's title, which Word and screen readers announce
        put(tblPr, element("w:tblCaption", val=title), TBLPR)
    if caption and caption != title:
        put(tblPr, element("w:tblDescription", val=caption), TBLPR)


def _row_properties(table: WordTable, index: int, row: Row, head: bool) -> None:
    tr = table.rows[index]._tr
    trPr = tr.get_or_add_trPr()
    if head:  # repeated at the top of every page the table runs on to
        put(trPr, element("w:tblHeader"), TRPR)
    if row.role == "signature":  # room to sign
        put(trPr, element("w:trHeight", val=twips(26), hRule="atLeast"), TRPR)

