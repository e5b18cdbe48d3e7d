"""The blocks of a publication as Word prints them: heading styles, Word lists, tables with
header rows, addresses, boxes for a decision or how to ask for another format."""

from __future__ import annotations

from dataclasses import replace

from docx.document import Document
from docx.shared import Pt
from docx.text.paragraph import Paragraph as WordParagraph

from ...publish.tree import (
    Address,
    Block,
    Contents,
    Division,
    Group,
    Heading,
    Inline,
    Item,
    ListBlock,
    Paragraph,
    Quote,
    Section,
    Styled,
    Table,
    Text,
    is_inline,
    plain,
)
from .inline import Inlines, Look
from .numbering import ListKind, Numbering, continued, numbered
from .package import text_width
from .place import PLAIN, Context, Place
from .tables import write_table
from .theme import THEME, Theme
from .xml import PPR, border, element, put, shading

HIDDEN = "visually-hidden"  # a heading's role when it is for screen readers only
# The paragraph style of each role a paragraph has on the page.
PARAGRAPH_STYLES = {"subtitle": "Subtitle", "date": "Muted", "version": "Muted",
                    "formats": "Formats", "label": "Label", "law": "Small",
                    "references": "Small", "guidance": "Small", "publisher": "Publisher",
                    "logo": "Masthead", "colophon": "Colophon",
                    "above-title": "Publisher"}


class Writer:
    """Writes a publication's blocks into one document."""

    def __init__(self, document: Document, files: dict[str, str], theme: Theme = THEME
                 ) -> None:
        self.document = document
        self.theme = theme
        self.inlines = Inlines(document, files, theme)
        self.numbering = Numbering(document, theme)
        self.body = Place(document._body, text_width(theme))

    def blocks(self, place: Place, blocks: tuple[Block, ...], ctx: Context = PLAIN
               ) -> None:
        for block in blocks:
            self.block(place, block, ctx)

    def block(self, place: Place, block: Block, ctx: Context) -> None:  # noqa: C901
        if isinstance(block, Section):
            inner = replace(ctx, boxed=ctx.boxed or "form-box" in (block.role or ""))
            if block.heading is not None and block.heading.role == HIDDEN:
                self.untitled(place, block.heading, block.blocks, inner)
                return
            if block.heading is not None:
                self.heading(place, block.heading, inner)
            self.blocks(place, block.blocks, inner)
        elif isinstance(block, Heading):
            self.heading(place, block, ctx)
        elif isinstance(block, Paragraph):
            style = PARAGRAPH_STYLES.get(block.role or "", ctx.style)
            self.paragraph(place, block.content, style, ctx)
        elif isinstance(block, ListBlock):
            self.list(place, block, ctx)
        elif isinstance(block, Address):
            for i, line in enumerate(block.lines):
                made = self.paragraph(place, line, "Address", ctx)
                if i == len(block.lines) - 1:  # the space after an address, under its box
                    made.paragraph_format.space_after = Pt(self.theme.size)
        elif isinstance(block, Quote):
            self.blocks(place, block.blocks, replace(ctx, style="Quote"))
        elif isinstance(block, Division):
            inner = replace(ctx, style="Decision") if block.status else ctx
            self.blocks(place, block.blocks, inner)
        elif isinstance(block, Group):
            self.blocks(place, block.blocks, ctx)
        elif isinstance(block, Table):
            write_table(self, place, block, ctx)
        elif isinstance(block, Contents):
            self.heading(place, Heading(2, block.label, anchor=block.anchor), ctx)
            self.list(place, ListBlock(block.items, role="contents"), ctx)

    def paragraph(self, place: Place, content: tuple[Inline, ...], style: str, ctx: Context
                  ) -> WordParagraph:
        made = place.paragraph(style)
        self.inlines.write(made._p, content, ctx.look)
        return made

    def untitled(self, place: Place, heading: Heading, blocks: tuple[Block, ...],
                 ctx: Context) -> None:
        """A part whose heading is for screen readers only. Word has no such text: its hidden
        text is skipped by screen readers and shown with formatting marks. So the heading is
        no paragraph; its words are the title of the part's first table, which Word and
        screen readers announce (a part without a table has no heading in Word)."""
        title: str | None = plain(heading.content).strip()
        for block in blocks:
            if title and isinstance(block, Table):
                write_table(self, place, block, ctx, title=title)
                title = None
            else:
                self.block(place, block, ctx)

    def heading(self, place: Place, heading: Heading, ctx: Context) -> None:
        if heading.role == HIDDEN:  # for screen readers only: no paragraph (see `untitled`)
            return
        made = place.paragraph(f"Heading {min(max(heading.level, 1), 6)}")
        p = made._p
        if heading.anchor:
            mark = self.inlines.next_id()
            p.append(element("w:bookmarkStart", id=mark,
                             name=self.inlines.bookmark(heading.anchor)))
        boxed = ctx.boxed and heading.level == 2
        self.inlines.write(p, heading.content, Look(colour=self.theme.text) if boxed else Look())
        if heading.anchor:
            p.append(element("w:bookmarkEnd", id=mark))
        if boxed:  # a form's box: its heading on a shaded band, as the page shows it
            pPr = p.get_or_add_pPr()
            put(pPr, border({"top": (self.theme.rule, 0.75), "bottom": (self.theme.rule, 0.75)}),
                PPR)
            put(pPr, shading(self.theme.header_fill), PPR)

    def mixed(self, place: Place, content: tuple[Inline | Block, ...], ctx: Context) -> None:
        """A table cell's content: runs of inline content as paragraphs, and blocks."""
        run: list[Inline] = []
        for node in (*content, None):
            if node is not None and is_inline(node):
                run.append(node)  # type: ignore[arg-type]
                continue
            if run:
                self.paragraph(place, tuple(run), ctx.style, ctx)
                run = []
            if node is not None:
                self.block(place, node, ctx)  # type: ignore[arg-type]

    # --- lists -----------------------------------------------------------------------------

    def list(self, place: Place, block: ListBlock, ctx: Context) -> None:
        role = block.role or ""
        if "choices" in role:
            self.choices(place, block, ctx, stacked="stacked" in role)
            return
        kind = list_kind(role, block.ordered)
        num = self.numbering.new(kind)
        for item in block.items:
            content = unlettered(item.content) if kind == "letter" else item.content
            self.item(place, content, num, replace(ctx, depth=ctx.depth + 1))

    def item(self, place: Place, content: tuple[Inline | Block, ...], num: int, ctx: Context
             ) -> None:
        """One item: its first paragraph carries the list's marker, the rest are indented
        under it; a list inside it goes one level deeper."""
        first = True
        style = "List Paragraph" if ctx.style in ("Normal", "Table Text") else ctx.style
        run: list[Inline] = []

        def flush() -> None:
            nonlocal first, run
            if not run and not first:
                return
            made = self.paragraph(place, tuple(run), style, ctx)
            pPr = made._p.get_or_add_pPr()
            numbered(pPr, num, ctx.depth) if first else continued(pPr, ctx.depth)
            first, run = False, []

        for node in content:
            if is_inline(node):
                run.append(node)  # type: ignore[arg-type]
            elif isinstance(node, Paragraph) and not run:
                run = list(node.content)
                flush()
            else:
                flush()
                self.block(place, node, ctx)  # type: ignore[arg-type]
        if run or first:
            flush()

    def choices(self, place: Place, block: ListBlock, ctx: Context, stacked: bool) -> None:
        """Tick boxes and their words: on one line, or one a line, with no list marker (as
        the page shows them)."""
        if stacked:
            for item in block.items:
                self.paragraph(place, _inline(item), ctx.style, ctx)
            return
        content: list[Inline] = []
        for i, item in enumerate(block.items):
            content += ([Text("   ")] if i else []) + list(_inline(item))
        self.paragraph(place, tuple(content), ctx.style, ctx)


def _inline(item: Item) -> tuple[Inline, ...]:
    return tuple(n for n in item.content if is_inline(n))  # type: ignore[misc]


def list_kind(role: str, ordered: bool) -> ListKind:
    """The Word list a list with this role is: a lettered list is numbered a, b, c by Word."""
    return ("dash" if role == "contents" else "letter" if "lettered" in role
            else "decimal" if ordered else "bullet")


def unlettered(content: tuple[Inline | Block, ...]) -> tuple[Inline | Block, ...]:
    """A lettered item without the letter the page prints before it: Word numbers it."""
    if content and isinstance(content[0], Styled) and content[0].role == "letter":
        rest = content[1:]
        if rest and isinstance(rest[0], Text) and not rest[0].text.strip():
            rest = rest[1:]
        return rest
    return content

