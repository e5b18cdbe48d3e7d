"""Passages of a page in another language than the page's (an HTML `lang` on an element inside
the body), and their `/Lang` on the structure elements that show the same words: WeasyPrint
sets the document's language only."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

from pikepdf import String

from .tree import ObjGen, Tree, words

# Elements whose end tag may be left out; they never carry a passage of their own here.
_VOID = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "source", "track", "wbr"))

# Where the body starts, and an attribute `lang` with a value (the parser's own reading: a
# name after a space, a quote or a slash).
_BODY = re.compile(r"<body", re.I)
_LANG = re.compile(r"(?<=[\s'\"/])lang\s*=", re.I)


class _Passages(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str | None, list[str]]] = []  # tag, lang, words
        self.found: list[tuple[str, str]] = []
        self.in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.in_body = True
        if not self.in_body or tag in _VOID:
            return
        lang = dict(attrs).get("lang")
        self.open.append((tag, lang or None, []))

    def handle_endtag(self, tag: str) -> None:
        while self.in_body and self.open:
            name, lang, text = self.open.pop()
            if lang:
                self.found.append((lang, " ".join("".join(text).split())))
            if self.open:
                self.open[-1][2].extend(text)
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.open:
            self.open[-1][2].append(data)


def passages(html: str) -> list[tuple[str, str]]:
    """(language, words) of each element of the body that gives its own `lang`, in the order
    they end."""
    body = _BODY.search(html)
    if body is None or not _LANG.search(html, body.start()):
        return []  # no `lang` in the body: the page is not read through
    reader = _Passages()
    reader.feed(html)
    reader.close()
    return [(lang, text) for lang, text in reader.found if text]


def mark_languages(tree: Tree, found: list[tuple[str, str]]) -> None:
    """Give each passage's language to the outermost element showing exactly its words, the
    n-th passage of some words to the n-th element showing them."""
    if not found:
        return
    shown: dict[str, list[Any]] = {}
    read: dict[ObjGen, list[str]] = {}
    up = {objgen: parent.objgen for objgen, parent in tree.parents.items()}
    for element in tree.live():
        text = " ".join(words(tree, element, read).split())
        if text and not any(_inside(up, element.objgen, other.objgen)
                            for other in shown.get(text, ())):
            shown.setdefault(text, []).append(element)
    used: dict[str, int] = {}
    for lang, text in found:
        n = used.get(text, 0)
        candidates = shown.get(text, [])
        if n < len(candidates):
            candidates[n].Lang = String(lang)
            used[text] = n + 1


def _inside(up: dict[ObjGen, ObjGen], element: ObjGen, outer: ObjGen) -> bool:
    """`element` is below `outer` in the tree (`up`: each element's parent, by their object
    numbers, read once rather than through pikepdf at every step of every walk)."""
    parent = up.get(element)
    while parent is not None:
        if parent == outer:
            return True
        parent = up.get(parent)
    return False
