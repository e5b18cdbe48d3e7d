"""The publication: a typed, format-neutral tree of exactly what a reader sees.

The publish stage (`publish/`) builds one for a document in one language; the HTML page, the
PDF, the Word file, lint's text checks and diff's wording comparison all read it, so none of
them decides again what a section shows, which contact appears or what a parent notice
covers.  Every printed text keeps the place in the YAML (or the registry) it came from.

Blocks and inlines are frozen dataclasses; `Group` adds no markup of its own: it says what
the blocks inside it present (a topic such as 'rights' or 'dpo'), for the checks.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import ClassVar, Literal

from ..source.errors import Location
from ..source.loader import Path_

Owner = Literal["document", "council", "registry", "form", "tool"]
"""Whose words a text is: the document's, its council's, the registry's, a form's, or the
tool's own (a comparison's descriptions of a change, a check's message: in English)."""
Style = Literal["strong", "em", "b", "i", "code", "sub", "sup", "abbr", "span", "ins", "del"]
"""How inline words print; 'ins' and 'del': words a redline marks inserted or deleted."""


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a printed text was written: the file position, its path in the document's
    data (after inheritance), and whose words they are (a form's labels and questions are
    the form's)."""

    where: Location
    path: Path_ = ()
    owner: Owner = "document"
    language: str | None = None
    """The language the text is in (a language code such as 'en'), when it was written in
    one: text in another language than the page's is marked so (HTML `lang`, PDF /Lang)."""


# --- inline content ----------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Text:
    """Words as printed."""

    text: str
    origin: Origin | None = None
    type: ClassVar[str] = "text"


@dataclass(frozen=True, slots=True)
class Styled:
    """Emphasis, strong text, code, an abbreviation, or a span with a role (e.g. 'source')."""

    style: Style
    children: tuple[Inline, ...]
    title: str | None = None
    role: str | None = None
    type: ClassVar[str] = "styled"


@dataclass(frozen=True, slots=True)
class Link:
    """A link; `law` names the registry provisions when it cites the law, and `reference`
    the path of that legal reference in the document."""

    href: str
    children: tuple[Inline, ...]
    title: str | None = None
    law: tuple[str, ...] = ()
    reference: Path_ | None = None
    hreflang: str | None = None
    """The language of the page it leads to (BCP 47), which its words are in too: the link
    to the document in another language."""
    type: ClassVar[str] = "link"


@dataclass(frozen=True, slots=True)
class Time:
    """A date, with its machine-readable form."""

    day: dt.date
    children: tuple[Inline, ...]
    type: ClassVar[str] = "time"


TICKED, UNTICKED = "☒", "☐"


@dataclass(frozen=True, slots=True)
class Tick:
    """A tick box; `label` is what a screen reader says (None when words beside it say it)."""

    selected: bool
    label: str | None = None
    type: ClassVar[str] = "tick"

    @property
    def mark(self) -> str:
        """The box as every format prints it: ☒ ticked, ☐ not."""
        return TICKED if self.selected else UNTICKED


@dataclass(frozen=True, slots=True)
class LineBreak:
    type: ClassVar[str] = "linebreak"


@dataclass(frozen=True, slots=True)
class Image:
    """A picture (the council's logo): `src` names a file of `Publication.files`, beside the
    page; `alt` says what it shows, for people who cannot see it."""

    src: str
    alt: str
    type: ClassVar[str] = "image"


Inline = Text | Styled | Link | Time | Tick | LineBreak | Image


# --- blocks ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Paragraph:
    content: tuple[Inline, ...]
    role: str | None = None
    type: ClassVar[str] = "paragraph"


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    content: tuple[Inline, ...]
    anchor: str | None = None
    role: str | None = None
    type: ClassVar[str] = "heading"


@dataclass(frozen=True, slots=True)
class Item:
    """A list item: inline content, blocks (a paragraph, a nested list), or both."""

    content: tuple[Inline | Block, ...]
    role: str | None = None
    type: ClassVar[str] = "item"


@dataclass(frozen=True, slots=True)
class ListBlock:
    items: tuple[Item, ...]
    ordered: bool = False
    role: str | None = None
    type: ClassVar[str] = "list"


@dataclass(frozen=True, slots=True)
class Address:
    """Contact details, one line each."""

    lines: tuple[tuple[Inline, ...], ...]
    type: ClassVar[str] = "address"


@dataclass(frozen=True, slots=True)
class Quote:
    blocks: tuple[Block, ...]
    type: ClassVar[str] = "quote"


@dataclass(frozen=True, slots=True)
class Division:
    """Blocks that belong together on the page (a contact block, a decision)."""

    blocks: tuple[Block, ...]
    role: str | None = None
    id: str | None = None
    status: bool = False  # announced to screen readers as the outcome (role="status")
    type: ClassVar[str] = "division"


@dataclass(frozen=True, slots=True)
class Cell:
    content: tuple[Inline | Block, ...]
    header: bool = False
    scope: Literal["row", "col", "rowgroup"] | None = None
    colspan: int = 1
    rowspan: int = 1
    headers: str | None = None
    id: str | None = None
    role: str | None = None
    type: ClassVar[str] = "cell"


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[Cell, ...]
    role: str | None = None
    id: str | None = None
    type: ClassVar[str] = "row"


@dataclass(frozen=True, slots=True)
class RowGroup:
    rows: tuple[Row, ...]
    id: str | None = None
    type: ClassVar[str] = "rowgroup"


@dataclass(frozen=True, slots=True)
class Table:
    caption: tuple[Inline, ...]
    body: tuple[RowGroup, ...]
    head: tuple[Row, ...] = ()
    caption_hidden: bool = False
    role: str | None = None
    type: ClassVar[str] = "table"


@dataclass(frozen=True, slots=True)
class Contents:
    """A list of links to the parts of the page ('On this page'), under its own label."""

    label: tuple[Inline, ...]
    items: tuple[Item, ...]
    anchor: str
    type: ClassVar[str] = "contents"


@dataclass(frozen=True, slots=True)
class Group:
    """Blocks that present one part of what the document must say (`topic`: 'rights',
    'dpo', 'recipients', ...), with the ids of the items shown; `via` names the parent
    notice when the blocks point to it instead of saying it."""

    blocks: tuple[Block, ...]
    topic: str
    ids: tuple[str, ...] = ()
    via: str | None = None
    type: ClassVar[str] = "group"


@dataclass(frozen=True, slots=True)
class Section:
    """A part of the page: a heading and what stands under it (no heading: a preamble)."""

    heading: Heading | None
    blocks: tuple[Block, ...]
    role: str | None = None
    origin: Origin | None = None
    """Where the part starts in the YAML."""
    type: ClassVar[str] = "section"


Block = (Paragraph | Heading | ListBlock | Address | Quote | Division | Table | Group
         | Section | Contents)
Node = Inline | Block | Item | Cell | Row | RowGroup


@dataclass(frozen=True)
class Alternate:
    """The document in one of its languages: where its page is, beside this one."""

    language: str
    tag: str
    """BCP 47 tag, e.g. 'cy'."""
    href: str
    """The page's file name, e.g. 'privacy-notice.cy.html'."""


@dataclass(frozen=True)
class Publication:
    """One document in one language, as its reader sees it."""

    kind: str
    language: str
    lang: str
    """BCP 47 tag of the language, e.g. 'en-GB'."""
    title: str
    council: str
    published: dt.date
    header: tuple[Block, ...]
    body: tuple[Block, ...]
    footer: tuple[Inline, ...]
    strings: dict[str, str] = field(default_factory=dict)
    """The locale's strings the page frame prints (skip link, page numbers)."""
    stylesheets: tuple[str, ...] = ()
    role: str | None = None
    masthead: tuple[Block, ...] = ()
    """What stands above the document: the council's logo, or its name."""
    files: dict[str, str] = field(default_factory=dict)
    """Files the page shows, by the name it uses (beside the page) -> the file to copy."""
    alternates: tuple[Alternate, ...] = ()
    """The document in each of its languages, this one included (none when it has one)."""
    link_addresses: bool = True
    """On paper, each web link's address in brackets after its words (the document's
    `link_addresses:`)."""

    def blocks(self) -> Iterator[Block]:
        """The header and the body, in page order."""
        yield from self.header
        yield from self.body

    @functools.cached_property
    def nodes(self) -> tuple[Node, ...]:
        """Every node of the page, depth first, in page order: walked once, since the checks
        ask a page many questions."""
        return tuple(walk(self.blocks()))

    def groups(self, topic: str) -> list[Group]:
        return [g for g in self.nodes if isinstance(g, Group) and g.topic == topic]

    def presents(self, *topics: str, via_parent: bool = True) -> bool:
        """True when the page presents any of `topics` (or points to the parent notice for
        it, unless `via_parent` is False)."""
        return any(isinstance(g, Group) and g.topic in topics and (via_parent or g.via is None)
                   for g in self.nodes)

    def shown_ids(self, topic: str) -> set[str]:
        return {i for g in self.groups(topic) for i in g.ids}

    def citations(self) -> list[Link]:
        """Every link that cites the law, in page order."""
        return [n for n in self.nodes if isinstance(n, Link) and n.law]


def children(node: Node) -> tuple[Node, ...]:
    """The nodes directly inside `node`."""
    if isinstance(node, Styled | Link | Time):
        return node.children
    if isinstance(node, Paragraph | Heading | Item | Cell):
        return node.content
    if isinstance(node, ListBlock):
        return node.items
    if isinstance(node, Address):
        return tuple(i for line in node.lines for i in line)
    if isinstance(node, Quote | Division | Group):
        return node.blocks
    if isinstance(node, Section):
        return ((node.heading,) if node.heading else ()) + node.blocks
    if isinstance(node, Table):
        return node.caption + node.head + node.body
    if isinstance(node, Contents):
        return node.label + node.items
    if isinstance(node, RowGroup):
        return node.rows
    if isinstance(node, Row):
        return node.cells
    return ()


def walk(nodes: Iterator[Node] | tuple[Node, ...]) -> Iterator[Node]:
    """Every node, depth first, in page order."""
    for node in nodes:
        yield node
        yield from walk(children(node))


def plain(nodes: tuple[Node, ...], line_break: str = " ") -> str:
    """The words of `nodes` as plain text, with `line_break` for each line break (', '
    reads an address block as one line)."""
    return "".join(n.text if isinstance(n, Text) else line_break if isinstance(n, LineBreak)
                   else plain(children(n), line_break) for n in nodes)


def is_inline(node: Node) -> bool:
    return isinstance(node, Text | Styled | Link | Time | Tick | LineBreak | Image)
