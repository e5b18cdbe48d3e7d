"""Headings and captions for screen readers only (`visually-hidden`): the print style sets
them in no type at all, so that their words are neither seen nor read out of place by text
extraction, and their elements, which then show nothing, carry their words as `/Alt` text,
so that the tag tree still has them."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from pikepdf import String

from .tree import Tree, is_element, kids

HIDDEN = "visually-hidden"
_TAGS = {"caption": "/Caption", **{f"h{n}": f"/H{n}" for n in range(1, 7)}}
# A class attribute with a character reference in it, which the parser would read as other
# characters (`visually&#45;hidden`).
_ESCAPED_CLASS = re.compile(r"""class\s*=\s*(?:"[^"]*&|'[^']*&|[^\s"'>]*&)""", re.I)


class _Hidden(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []  # (structure type, words), in order
        self.open: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag in _TAGS and HIDDEN in classes and self.open is None:
            self.open = (tag, [])

    def handle_endtag(self, tag: str) -> None:
        if self.open is not None and tag == self.open[0]:
            self.found.append((_TAGS[tag], " ".join("".join(self.open[1]).split())))
            self.open = None

    def handle_data(self, data: str) -> None:
        if self.open is not None:
            self.open[1].append(data)


def hidden_texts(html: str) -> list[tuple[str, str]]:
    """(structure type, words) of each hidden heading and caption of the page, in order.
    A page that nowhere names the class is not read through (most pages have none)."""
    if HIDDEN not in html and not _ESCAPED_CLASS.search(html):
        return []
    reader = _Hidden()
    reader.feed(html)
    reader.close()
    return reader.found


def _shows_nothing(element: Any) -> bool:
    """No marked content in it or in any element under it."""
    return all(is_element(k) and _shows_nothing(k) for k in kids(element))


def mark_hidden(tree: Tree, found: list[tuple[str, str]]) -> None:
    """The n-th empty element of each type (Caption, H2...) gets the words of the n-th hidden
    one of that type as its alternate text."""
    waiting: dict[str, list[str]] = {}
    for structure, text in found:
        waiting.setdefault(structure, []).append(text)
    for element in tree.live():
        queue = waiting.get(tree.kinds[element.objgen])
        if queue and _shows_nothing(element):
            element.Alt = String(queue.pop(0))
