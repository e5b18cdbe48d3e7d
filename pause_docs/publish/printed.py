"""The words a publication prints, as runs of text each from one place in the YAML: what
lint's text checks, readability, the translation checks and the preview's locating read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from .tree import (
    Address,
    Block,
    Cell,
    Contents,
    Heading,
    Item,
    LineBreak,
    Link,
    Node,
    Origin,
    Paragraph,
    Publication,
    Row,
    RowGroup,
    Section,
    Table,
    Text,
    children,
    is_inline,
    plain,
)

PrintedAs = Literal["text", "heading", "citation"]


@dataclass(frozen=True)
class Printed:
    """A run of printed words from one origin, in one block, under one section heading."""

    text: str
    origin: Origin | None
    block: int
    """Serial number of the block it is printed in (paragraph, item, cell, heading)."""
    section: str | None
    """The heading of the part of the page it is in."""
    printed_as: PrintedAs = "text"
    """Words of a heading, or the words of a citation of the law."""


def texts_of(publication: Publication) -> list[Printed]:
    """Every text `publication` prints, one per run of words from one origin in one block."""
    return printed(publication.blocks())


def printed(blocks: Iterable[Block]) -> list[Printed]:
    """The text runs of `blocks`; a block's runs from one origin are joined, so that words
    split by emphasis or a link are read as written."""
    found: list[Printed] = []
    serial = [0]

    def leaf(nodes: tuple[Node, ...], section: str | None, heading: bool = False) -> None:
        serial[0] += 1
        runs: list[tuple[Origin | None, PrintedAs, str]] = []
        for origin, cites, text in _runs(nodes, False):
            kind: PrintedAs = "heading" if heading else "citation" if cites else "text"
            if runs and runs[-1][:2] == (origin, kind):
                runs[-1] = (origin, kind, runs[-1][2] + text)
            else:
                runs.append((origin, kind, text))
        found.extend(Printed(text, origin, serial[0], section, kind)
                     for origin, kind, text in runs if text.strip())

    def visit(node: Node, section: str | None) -> None:  # noqa: C901 - one case per type
        if isinstance(node, Section):
            heading = plain(node.heading.content) if node.heading else section
            if node.heading:
                leaf(node.heading.content, heading, heading=True)
            for block in node.blocks:
                visit(block, heading)
        elif isinstance(node, Heading):
            leaf(node.content, section, heading=True)
        elif isinstance(node, Paragraph):
            leaf(node.content, section)
        elif isinstance(node, Item | Cell):
            inline = tuple(n for n in node.content if is_inline(n))
            if inline:
                leaf(inline, section)
            for n in node.content:
                if not is_inline(n):
                    visit(n, section)
        elif isinstance(node, Address):
            for line in node.lines:
                leaf(line, section)
        elif isinstance(node, Contents):
            return  # the headings again, as links: read where the headings are
        elif isinstance(node, Table):
            leaf(node.caption, section)
            rows: tuple[Row | RowGroup, ...] = (*node.head, *node.body)
            for row in rows:
                visit(row, section)
        else:
            for child in children(node):
                visit(child, section)

    for block in blocks:
        visit(block, None)
    return found


def _runs(nodes: tuple[Node, ...], cites: bool
          ) -> Iterator[tuple[Origin | None, bool, str]]:
    for node in nodes:
        if isinstance(node, Text):
            yield node.origin, cites, node.text
        elif isinstance(node, LineBreak):
            yield None, cites, "\n"
        else:
            yield from _runs(children(node), cites or isinstance(node, Link) and bool(node.law))
