"""A publication as plain text, for a terminal or an email: a heading or paragraph a line,
a list's items after a dash, a table in columns, a web link's address after its words."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..publish.tree import (
    Address,
    Block,
    Cell,
    Contents,
    Division,
    Group,
    Heading,
    Image,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Section,
    Styled,
    Table,
    Text,
    Tick,
    Time,
    is_inline,
)

INDENT = "  "
_SPACE = re.compile(r"\s+")


def publication_text(blocks: Iterable[Block]) -> str:
    """`blocks` as text: blocks apart by a blank line, but for what stands under a minor
    heading (level 3 and below) and the items of a list."""
    printer = _Printer()
    for block in blocks:
        printer.block(block, "")
    return "\n".join(printer.lines).strip("\n") + "\n"


def inline_text(nodes: Iterable[Inline]) -> str:
    """Inline content as one line: a web link's address in <> after its words."""
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(_SPACE.sub(" ", node.text))
        elif isinstance(node, Styled | Time):
            out.append(inline_text(node.children))
        elif isinstance(node, Link):
            words = inline_text(node.children)
            shown = node.href.startswith(("http://", "https://")) and \
                node.href.split("://", 1)[1].rstrip("/") not in words
            out.append(f"{words} <{node.href}>" if shown else words)
        elif isinstance(node, Tick):
            out.append(node.mark)
        elif isinstance(node, LineBreak):
            out.append(" ")
        elif isinstance(node, Image):
            out.append(node.alt)
    return "".join(out)


class _Printer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.tight = False
        """The last line was a minor heading: what stands under it follows at once."""

    def line(self, text: str, indent: str, tight: bool = False) -> None:
        if not tight and not self.tight and self.lines and self.lines[-1]:
            self.lines.append("")
        self.lines.append((indent + text).rstrip())
        self.tight = False

    def block(self, block: Block, indent: str, tight: bool = False) -> None:  # noqa: C901
        if isinstance(block, Section):
            for inner in ((block.heading,) if block.heading else ()) + block.blocks:
                self.block(inner, indent, tight)
        elif isinstance(block, Heading):
            self.line(inline_text(block.content), indent, tight)
            self.tight = block.level >= 3
        elif isinstance(block, Paragraph):
            self.line(inline_text(block.content), indent, tight)
        elif isinstance(block, Group | Division):
            for inner in block.blocks:
                self.block(inner, indent, tight)
        elif isinstance(block, Quote):
            for inner in block.blocks:
                self.block(inner, indent + INDENT, tight)
        elif isinstance(block, Address):
            for i, line in enumerate(block.lines):
                self.line(inline_text(line), indent, tight or i > 0)
        elif isinstance(block, Contents):
            self.line(inline_text(block.label), indent, tight)
            self.tight = True
            self.items([i.content for i in block.items], indent)
        elif isinstance(block, ListBlock):
            if "choices" in (block.role or ""):
                self.line("   ".join(_one_line(i.content) for i in block.items), indent, tight)
            else:
                self.items([i.content for i in block.items], indent)
        elif isinstance(block, Table):
            self.table(block, indent, tight)

    def items(self, items: list[tuple[Inline | Block, ...]], indent: str) -> None:
        for content in items:
            start = len(self.lines)
            self.mixed(content, indent + INDENT + "  ")
            if len(self.lines) > start:  # the first line of the item carries its dash
                first = start + (not self.lines[start])
                self.lines[first] = indent + INDENT + "- " + self.lines[first].lstrip()

    def mixed(self, content: tuple[Inline | Block, ...], indent: str) -> None:
        """Inline runs and blocks, each a line, with no blank line between them."""
        run: list[Inline] = []
        for node in (*content, None):
            if node is not None and is_inline(node):
                run.append(node)  # type: ignore[arg-type]
                continue
            if run:
                self.line(inline_text(run), indent, tight=True)
                run = []
            if node is not None:
                self.block(node, indent, tight=True)  # type: ignore[arg-type]

    def table(self, table: Table, indent: str, tight: bool) -> None:
        """The caption, then each row with its cells in columns (a cell spanning rows
        leaves the column blank under it)."""
        if table.caption and not table.caption_hidden:
            self.line(inline_text(table.caption), indent, tight)
            tight = True
        rows: list[list[str]] = []
        spanned: dict[int, int] = {}  # column -> rows it is still taken for
        for row in (*table.head, *(r for g in table.body for r in g.rows)):
            cells: list[str] = []
            for cell in row.cells:
                while spanned.get(len(cells), 0) > 0:
                    spanned[len(cells)] -= 1
                    cells.append("")
                if cell.rowspan > 1:
                    spanned[len(cells)] = cell.rowspan - 1
                cells.append(_cell_text(cell))
            rows.append(cells)
        widths = [max((len(r[i]) for r in rows if i < len(r)), default=0)
                  for i in range(max(map(len, rows), default=0))]
        for i, cells in enumerate(rows):
            self.line("   ".join(text.ljust(widths[j]) for j, text in enumerate(cells)),
                      indent, tight or i > 0)


def _cell_text(cell: Cell) -> str:
    return _one_line(cell.content)


def _one_line(content: tuple[Inline | Block, ...]) -> str:
    """Mixed content on one line: its blocks' lines one after the other."""
    printer = _Printer()
    printer.mixed(content, "")
    return " ".join(line.strip() for line in printer.lines if line.strip())
