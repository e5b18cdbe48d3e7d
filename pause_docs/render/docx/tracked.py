"""Two versions of a document as one text with Word's tracked changes: the paragraphs of
both, matched in order; a paragraph kept is compared word by word (w:ins and w:del in it), a
paragraph added or removed is inserted or deleted whole, its paragraph mark too.  Accepting
every change gives the new version's text, rejecting every change the old one's."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from ...publish.tree import (
    Address,
    Block,
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
    Publication,
    Quote,
    Section,
    Styled,
    Table,
    Text,
    Tick,
    Time,
    is_inline,
    plain,
    walk,
)
from ..html import SAFE_SCHEMES, prints_address
from .blocks import HIDDEN, PARAGRAPH_STYLES, Writer, list_kind, unlettered
from .inline import _SPACE, _STYLED, PLAIN, Look
from .numbering import ListKind, continued, numbered
from .place import Place
from .xml import PPR, element, put

SIMILAR = 0.4
"""Paragraphs at least this alike (in words) are one paragraph changed, not two."""
_TOKEN = re.compile(r"\S+[ ]*|[ ]+|\n")


@dataclass(frozen=True)
class Unit:
    """One paragraph of a version: its words and how it prints."""

    content: tuple[Inline, ...]
    style: str
    list: int | None = None
    """The list it is an item of (numbered through its version), if any."""
    kind: ListKind | None = None
    depth: int = 0
    marked: bool = True
    """Carries the list's marker (False: a further paragraph of the item)."""

    @property
    def text(self) -> str:
        """Its words as printed, tick boxes too."""
        return " ".join("".join(t[0] for t in tokens(self.content)).split())

    @property
    def key(self) -> tuple[str, str]:
        return self.style, self.text


def units(publication: Publication, shift: int = 0) -> list[Unit]:
    """The paragraphs of a publication (its title block, body and footer) in page order, as
    `blocks.py` prints them; headings `shift` levels deeper."""
    flat = _Flattener(shift)
    for block in publication.blocks():
        flat.visit(block, "Normal", -1)
    flat.add(publication.footer, "Colophon")
    return flat.found


class _Flattener:
    def __init__(self, shift: int) -> None:
        self.shift = shift
        self.found: list[Unit] = []
        self.lists = 0

    def add(self, content: tuple[Inline, ...], style: str) -> None:
        if plain(content).strip() or any(isinstance(n, Tick | Image) for n in walk(content)):
            self.found.append(Unit(content, style))

    def visit(self, block: Block, style: str, depth: int) -> None:  # noqa: C901
        if isinstance(block, Section):
            for inner in ((block.heading,) if block.heading else ()) + block.blocks:
                self.visit(inner, style, depth)
        elif isinstance(block, Heading):
            if block.role != HIDDEN:  # for screen readers only: no paragraph, as in Word
                self.add(block.content, f"Heading {min(block.level + self.shift, 6)}")
        elif isinstance(block, Paragraph):
            self.add(block.content, PARAGRAPH_STYLES.get(block.role or "", style))
        elif isinstance(block, ListBlock | Contents):
            self.listed(block, style, depth)
        elif isinstance(block, Address):
            for line in block.lines:
                self.add(line, "Address")
        elif isinstance(block, Quote | Division | Group):
            inner_style = ("Quote" if isinstance(block, Quote) else
                           "Decision" if isinstance(block, Division) and block.status
                           else style)
            for inner in block.blocks:
                self.visit(inner, inner_style, depth)
        elif isinstance(block, Table):
            if not block.caption_hidden:
                self.add(block.caption, "Caption")
            for row in (*block.head, *(r for g in block.body for r in g.rows)):
                for cell in row.cells:
                    self.mixed(cell.content, "Table Text", depth)

    def mixed(self, content: tuple[Inline | Block, ...], style: str, depth: int) -> None:
        run: list[Inline] = []
        for node in (*content, None):
            if node is not None and is_inline(node):
                run.append(node)  # type: ignore[arg-type]
                continue
            self.add(tuple(run), style)
            run = []
            if node is not None:
                self.visit(node, style, depth)  # type: ignore[arg-type]

    def listed(self, block: ListBlock | Contents, style: str, depth: int) -> None:
        """A list's items at one level deeper than `depth` (-1: not in a list)."""
        if isinstance(block, Contents):
            self.add(block.label, f"Heading {min(2 + self.shift, 6)}")
        role = "contents" if isinstance(block, Contents) else block.role or ""
        if "choices" in role:  # one a line, or all on one (as blocks.py prints them)
            words = [tuple(n for n in item.content if is_inline(n)) for item in block.items]
            if "stacked" in role:
                for one in words:
                    self.add(one, style)  # type: ignore[arg-type]
            else:
                self.add(tuple(n for i, one in enumerate(words)  # type: ignore[misc]
                               for n in ((Text("   "),) if i else ()) + one), style)
            return
        kind = list_kind(role, isinstance(block, ListBlock) and block.ordered)
        self.lists += 1
        for item in block.items:
            start = len(self.found)
            self.mixed(unlettered(item.content) if kind == "letter" else item.content,
                       "List Paragraph", depth + 1)
            for i in range(start, len(self.found)):
                unit = self.found[i]
                if unit.list is None:
                    self.found[i] = Unit(unit.content, unit.style, self.lists, kind, depth + 1,
                                         marked=i == start)


def aligned(old: list[Unit], new: list[Unit]
            ) -> Iterator[tuple[Unit | None, Unit | None]]:
    """The paragraphs of both versions in order, as (old, new) pairs: the same paragraph,
    one changed, (old, None) removed, (None, new) added."""
    matcher = difflib.SequenceMatcher(None, [u.key for u in old], [u.key for u in new],
                                      autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            yield from zip(old[i1:i2], new[j1:j2], strict=True)
        else:
            yield from _paired(old[i1:i2], new[j1:j2])


def _paired(old: list[Unit], new: list[Unit]) -> Iterator[tuple[Unit | None, Unit | None]]:
    """Changed paragraphs paired with the new paragraph they became, in order; a paragraph
    that matches one further on is taken as removed (or added) before it."""
    i = j = 0
    while i < len(old) and j < len(new):
        if _alike(old[i], new[j]):
            yield old[i], new[j]
            i, j = i + 1, j + 1
        elif any(_alike(old[k], new[j]) for k in range(i + 1, len(old))):
            yield old[i], None
            i += 1
        elif any(_alike(old[i], new[k]) for k in range(j + 1, len(new))):
            yield None, new[j]
            j += 1
        else:
            yield old[i], None
            yield None, new[j]
            i, j = i + 1, j + 1
    yield from ((unit, None) for unit in old[i:])
    yield from ((None, unit) for unit in new[j:])


def _alike(a: Unit, b: Unit) -> bool:
    if a.style != b.style or a.kind != b.kind:
        return False
    return difflib.SequenceMatcher(None, a.text.split(), b.text.split(),
                                   autojunk=False).ratio() >= SIMILAR


# --- writing --------------------------------------------------------------------------------

Token = tuple[str, Look, Link | None]
"""Words (with the spaces after them), how they print, and the link they are in."""


def tokens(nodes: tuple[Inline, ...], look: Look = PLAIN, link: Link | None = None
           ) -> list[Token]:
    found: list[Token] = []
    for node in nodes:
        if isinstance(node, Text):
            words = _SPACE.sub(" ", node.text)
            found += [(t, look, link) for t in _TOKEN.findall(words)]
        elif isinstance(node, Styled):
            changes = dict(_STYLED.get(node.style, {}))
            if node.role == "source":
                changes["style"] = "Source"
            found += tokens(node.children, Look(**{**look.__dict__, **changes}), link)
        elif isinstance(node, Link):
            found += tokens(node.children, look, node if node.href.startswith(SAFE_SCHEMES)
                            else link)
            if prints_address(node):  # as the document prints it
                found += [(t, look, link) for t in _TOKEN.findall(f" ({node.href})")]
        elif isinstance(node, Time):
            found += tokens(node.children, look, link)
        elif isinstance(node, Tick):
            found.append((node.mark, look, link))
        elif isinstance(node, LineBreak):
            found.append(("\n", look, link))
        elif isinstance(node, Image):
            found.append((node.alt, look, link))
    return found


class TrackedWriter:
    """Writes aligned paragraphs as tracked changes by `author` on `day`."""

    def __init__(self, writer: Writer, author: str, day: dt.date) -> None:
        self.writer = writer
        self.author = author
        # LibreOffice joins neighbouring changes by one author made within a minute of each
        # other, and rejecting a word inserted at a paragraph's end joined so with the
        # paragraphs inserted after it removes the paragraph breaks between them: paragraphs
        # added or removed whole are dated two minutes after the changes of words.
        self.dates = {False: f"{day.isoformat()}T00:00:00Z", True: f"{day.isoformat()}T00:02:00Z"}
        self.lists: dict[tuple[str, int], int] = {}

    def revision(self, tag: str, whole: bool = False) -> BaseOxmlElement:
        return element(tag, id=self.writer.inlines.next_id(), author=self.author,
                       date=self.dates[whole])

    def write(self, place: Place, pairs: list[tuple[Unit | None, Unit | None]]) -> None:
        # A list of the old version with an item kept in the new one is that list: an item
        # removed from it stays in it.
        same = {a.list: b.list for a, b in pairs
                if a and b and a.list is not None and b.list is not None}
        for old, new in pairs:
            unit = new or old
            assert unit is not None
            p = place.paragraph(unit.style)._p
            if unit.list is not None and unit.kind is not None:
                key = ("new", unit.list) if new else (
                    ("new", same[unit.list]) if unit.list in same else ("old", unit.list))
                if key not in self.lists:
                    self.lists[key] = self.writer.numbering.new(unit.kind)
                pPr = p.get_or_add_pPr()
                if unit.marked:
                    numbered(pPr, self.lists[key], unit.depth)
                else:
                    continued(pPr, unit.depth)
            ops = _ops(tokens(old.content) if old else [], tokens(new.content) if new else [])
            whole = old is None or new is None
            self._content(p, ops, whole)
            if whole:  # the paragraph itself added or removed
                mark = element("w:rPr")
                mark.append(self.revision("w:ins" if old is None else "w:del", whole))
                put(p.get_or_add_pPr(), mark, PPR)

    def _content(self, p: BaseOxmlElement, ops: list[tuple[str, Token]], whole: bool
                 ) -> None:
        """Runs for each token, in w:ins or w:del when changed, links around them."""
        inlines = self.writer.inlines
        holder: BaseOxmlElement = p
        current: Link | None = None
        change: BaseOxmlElement | None = None
        change_op = "="
        for op, (text, look, link) in ops:
            if link is not current:
                holder = p if link is None else inlines.hyperlink(p, link)
                current, change, change_op = link, None, "="
            if op == "=":
                change, change_op = None, "="
                target = holder
            else:
                if change is None or change_op != op:
                    change = self.revision("w:ins" if op == "+" else "w:del", whole)
                    holder.append(change)
                    change_op = op
                target = change
            made = _run(text, _looked(look, link))
            if op == "-":
                for t in made.iter(qn("w:t")):
                    t.tag = qn("w:delText")
            target.append(made)


def _looked(look: Look, link: Link | None) -> Look:
    return Look(**{**look.__dict__, "style": "Hyperlink"}) if link is not None else look


def _run(text: str, look: Look) -> BaseOxmlElement:
    from .inline import run

    if text == "\n":
        made = element("w:r")
        made.append(element("w:br"))
        return made
    return run(text, look)


def _ops(old: list[Token], new: list[Token]) -> list[tuple[str, Token]]:
    """Word by word: tokens kept (as the new version prints them), deleted, inserted."""
    matcher = difflib.SequenceMatcher(None, [t[0].strip() or t[0] for t in old],
                                      [t[0].strip() or t[0] for t in new], autojunk=False)
    found: list[tuple[str, Token]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for a, b in zip(old[i1:i2], new[j1:j2], strict=True):
                if a[0] == b[0]:
                    found.append(("=", b))
                else:  # the same word, spaced differently
                    found += [("-", a), ("+", b)]
            continue
        found += [("-", t) for t in old[i1:i2]]
        found += [("+", t) for t in new[j1:j2]]
    return found

