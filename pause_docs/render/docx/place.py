"""Where Word content goes: the document's body or a table cell, the paragraph style of what
is written there, and the context the blocks being written stand in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from docx.shared import Pt
from docx.table import Table as WordTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as WordParagraph

from ...publish.tree import Block, Inline
from .inline import Look
from .theme import Theme


def styled(paragraph: WordParagraph, style: str) -> None:
    """Give a paragraph a style by its id (python-docx's lookup by name reads every style of
    the template for each paragraph): the styles here are named as their ids, less spaces."""
    if style != "Normal":
        paragraph._p.get_or_add_pPr().get_or_add_pStyle().val = style.replace(" ", "")


class Place:
    """Where blocks go: the document's body or a table cell (whose first, empty paragraph
    is used before any other is added)."""

    def __init__(self, container: Any, width: float, fresh: WordParagraph | None = None
                 ) -> None:
        self.container = container
        self.width = width
        """Points across."""
        self.fresh = fresh

    def paragraph(self, style: str) -> WordParagraph:
        if self.fresh is not None:
            made, self.fresh = self.fresh, None
        else:
            made = self.container.add_paragraph()
        styled(made, style)
        return made

    def table(self, rows: int, columns: int) -> WordTable:
        if isinstance(self.container, _Cell):
            inner: WordTable = self.container.add_table(rows, columns)
            return inner
        made: WordTable = self.container.add_table(rows, columns, Pt(self.width))
        return made

    @classmethod
    def cell(cls, cell: _Cell, width: float) -> Place:
        return cls(cell, width, cell.paragraphs[0])


@dataclass(frozen=True)
class Context:
    """What the blocks being written stand in."""

    style: str = "Normal"
    """The style of a plain paragraph here."""
    depth: int = -1
    """The list level of the item they are in (-1: none)."""
    look: Look = Look()
    boxed: bool = False
    """In a form's box: its headings are shaded."""


PLAIN = Context()
"""The document's body: plain paragraphs, in no list."""


class BlockWriter(Protocol):
    """What a part of the document (a table) needs of the writer of the blocks around it."""

    theme: Theme

    def paragraph(self, place: Place, content: tuple[Inline, ...], style: str, ctx: Context
                  ) -> WordParagraph: ...

    def mixed(self, place: Place, content: tuple[Inline | Block, ...], ctx: Context
              ) -> None: ...
