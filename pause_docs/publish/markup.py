"""Markdown from YAML as publication nodes: converted, sanitised, then parsed into the tree.

The converter's HTML is cleaned by nh3 first (no script, event handler, style or unsafe link
survives), then read into blocks and inlines; every output format prints those nodes, never
the HTML, so nothing a council writes is ever pasted into a page as markup.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from html.parser import HTMLParser

import markdown as markdown_lib
import nh3

from .tree import (
    Block,
    Cell,
    Heading,
    Inline,
    Item,
    LineBreak,
    Link,
    ListBlock,
    Node,
    Origin,
    Paragraph,
    Quote,
    Row,
    RowGroup,
    Styled,
    Table,
    Text,
    is_inline,
)

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "em", "h3", "h4", "i", "li", "ol", "p",
    "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"},
                      "td": {"colspan", "rowspan"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
_STYLES = {"strong", "em", "b", "i", "code", "sub", "sup", "abbr"}


def blocks(text: str | None, origin: Origin | None = None) -> tuple[Block, ...]:
    """Markdown as blocks (paragraphs, lists, quotes, tables), every word with `origin`."""
    if not text:
        return ()
    return stamp(_parsed(text), origin)  # type: ignore[return-value]


def inlines(text: str | None, origin: Origin | None = None) -> tuple[Inline, ...]:
    """Markdown of one paragraph as inline content (for a list item or a table cell); text
    of several paragraphs stays as blocks inside the item."""
    found = blocks(text, origin)
    if len(found) == 1 and isinstance(found[0], Paragraph):
        return found[0].content
    return found  # type: ignore[return-value]


def plain_text(text: str | None, origin: Origin | None = None) -> tuple[Inline, ...]:
    """Words that are not Markdown (a name, a title) as one text node."""
    return (Text(text, origin),) if text else ()


def stamp(nodes: tuple[Node, ...], origin: Origin | None) -> tuple[Node, ...]:
    """`nodes` with every text given `origin`."""
    if origin is None:
        return nodes
    return tuple([_stamp(n, origin) for n in nodes])


# The fields that hold nodes, whose texts `stamp` gives an origin.
_NESTING = ("children", "content", "items", "blocks", "cells", "rows", "body", "head", "caption")
# Each kind of node's fields in order, and whether each may hold nodes; () for a kind that
# holds none (a tick, a line break).
_shapes: dict[type, tuple[tuple[str, bool], ...]] = {}


def _stamp(node: Node, origin: Origin) -> Node:
    """A copy of `node` with every text in it given `origin`: built again from its fields in
    order, a fifth of publishing a page (`dataclasses.replace` asked the class for its fields
    on every node)."""
    if type(node) is Text:
        return Text(node.text, origin)
    kind = type(node)
    shape = _shapes.get(kind)
    if shape is None:
        shape = _shapes[kind] = _shape(kind)
    if not shape:
        return node
    values = []
    for name, nested in shape:
        value = getattr(node, name)
        if nested and isinstance(value, tuple):
            value = tuple([_stamp(n, origin) for n in value])
        values.append(value)
    return kind(*values)


def _shape(kind: type) -> tuple[tuple[str, bool], ...]:
    """A kind of node's fields (see `_shapes`)."""
    fields = dataclasses.fields(kind)
    assert all(f.init for f in fields), kind  # each is given again, in order
    if not any(f.name in _NESTING for f in fields):
        return ()
    return tuple((f.name, f.name in _NESTING) for f in fields)


# One line of words and plain punctuation, starting with a letter: Markdown makes it one
# paragraph of the same words, so it need not be converted (most of a page's short texts).
_PLAIN = re.compile(r"[^\W\d_](?:[^\W_]|[ ,.;:'’‘\"“”!?()/%£$@–—+-])*")


@functools.lru_cache(maxsize=4096)
def _parsed(text: str) -> tuple[Node, ...]:
    # Programme text repeats in every council's documents: converting it once is most of the
    # speed of publishing.
    if _PLAIN.fullmatch(text) and "  " not in text and not text.endswith(" "):
        return (Paragraph((Text(text),)),)
    return _converted(text)


def _converted(text: str) -> tuple[Node, ...]:
    html = _converter().reset().convert(text)
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                      url_schemes=URL_SCHEMES, link_rel=None)
    reader = _Reader()
    reader.feed(clean)
    reader.close()
    return reader.result()


@functools.cache
def _converter() -> markdown_lib.Markdown:
    return markdown_lib.Markdown(output_format="html")


class _Reader(HTMLParser):
    """Sanitised HTML (only ALLOWED_TAGS) into nodes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None], list[Node]]] = [("root", {}, [])]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.stack[-1][2].append(LineBreak())
            return
        self.stack.append((tag, dict(attrs), []))

    def handle_endtag(self, tag: str) -> None:
        if tag == "br" or len(self.stack) == 1:
            return
        name, attrs, kids = self.stack.pop()
        if name == "a" and not attrs.get("href"):  # a link sanitising took away: its words
            self.stack[-1][2].extend(_inline_only(kids))
            return
        node = _node(name, attrs, kids)
        if node is not None:
            self.stack[-1][2].append(node)

    def handle_data(self, data: str) -> None:
        self.stack[-1][2].append(Text(data))

    def result(self) -> tuple[Node, ...]:
        while len(self.stack) > 1:
            self.handle_endtag(self.stack[-1][0])
        return _blocks_only(self.stack[0][2])


def _node(tag: str, attrs: dict[str, str | None], kids: list[Node]) -> Node | None:
    if tag == "p":
        return Paragraph(_inline_only(kids))
    if tag in ("h3", "h4"):
        return Heading(int(tag[1]), _inline_only(kids))
    if tag in ("ul", "ol"):
        return ListBlock(tuple(k for k in kids if isinstance(k, Item)), ordered=tag == "ol")
    if tag == "li":
        return Item(_mixed(kids))
    if tag == "blockquote":
        return Quote(_blocks_only(kids))  # type: ignore[arg-type]
    if tag == "a":
        return Link(attrs.get("href") or "", _inline_only(kids), title=attrs.get("title"))
    if tag in _STYLES:
        return Styled(tag, _inline_only(kids), title=attrs.get("title"))  # type: ignore[arg-type]
    if tag == "table":
        head = tuple(r for k in kids if isinstance(k, RowGroup) and k.id == "thead"
                     for r in k.rows)
        body = tuple(k for k in kids if isinstance(k, RowGroup) and k.id != "thead")
        return Table((), body, head)
    if tag in ("thead", "tbody"):
        return RowGroup(tuple(k for k in kids if isinstance(k, Row)),
                        id="thead" if tag == "thead" else None)
    if tag == "tr":
        return Row(tuple(k for k in kids if isinstance(k, Cell)))
    if tag in ("td", "th"):
        scope = attrs.get("scope")
        return Cell(_mixed(kids), header=tag == "th",
                    scope=scope if scope in ("row", "col", "rowgroup") else None,  # type: ignore[arg-type]
                    colspan=_number(attrs.get("colspan")), rowspan=_number(attrs.get("rowspan")))
    return None


def _number(value: str | None) -> int:
    return int(value) if value and value.isdigit() and 0 < int(value) < 1000 else 1


def _is_block(node: Node) -> bool:
    return not is_inline(node)


def _inline_only(kids: list[Node]) -> tuple[Inline, ...]:
    return tuple(k for k in kids if not _is_block(k))  # type: ignore[misc]


def _mixed(kids: list[Node]) -> tuple[Inline | Block, ...]:
    """Item or cell content: whitespace between blocks dropped, words kept."""
    if not any(_is_block(k) for k in kids):
        return tuple(kids)  # type: ignore[arg-type]
    kept = [k for k in kids if _is_block(k) or not (isinstance(k, Text) and not k.text.strip())]
    return tuple(kept)  # type: ignore[arg-type]


def _blocks_only(kids: list[Node]) -> tuple[Node, ...]:
    """Top-level content: blocks; stray words (not in a paragraph) become a paragraph."""
    out: list[Node] = []
    loose: list[Inline] = []
    for kid in kids:
        if _is_block(kid):
            if any(not (isinstance(k, Text) and not k.text.strip()) for k in loose):
                out.append(Paragraph(tuple(loose)))
            loose = []
            out.append(kid)
        else:
            loose.append(kid)  # type: ignore[arg-type]
    if any(not (isinstance(k, Text) and not k.text.strip()) for k in loose):
        out.append(Paragraph(tuple(loose)))
    return tuple(out)
