"""What a rendered page contains, read with the standard library's HTML parser: the language,
title, headings, lists, tables and links that the browser and PDF checks compare against."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Table:
    caption: str = ""
    header_scopes: list[str | None] = field(default_factory=list)
    rows: int = 0


@dataclass
class PageInfo:
    lang: str | None = None
    title: str = ""
    headings: list[tuple[int, str]] = field(default_factory=list)
    lists: int = 0
    list_items: int = 0
    tables: list[Table] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (href, text)
    images: int = 0
    languages: set[str] = field(default_factory=set)
    """Languages given to parts of the page (a `lang` inside the page), not the page's own."""


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.info = PageInfo()
        self._text: list[str] | None = None
        self._capture: str | None = None
        self._href: str | None = None
        self._link_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag != "html" and attributes.get("lang"):
            self.info.languages.add(str(attributes["lang"]))
        if tag == "html":
            self.info.lang = attributes.get("lang")
        elif tag in ("title", "caption") or (len(tag) == 2 and tag[0] == "h" and
                                              tag[1] in "123456"):
            self._capture, self._text = tag, []
        elif tag in ("ul", "ol"):
            self.info.lists += 1
        elif tag == "li":
            self.info.list_items += 1
        elif tag == "table":
            self.info.tables.append(Table())
        elif tag == "th" and self.info.tables:
            self.info.tables[-1].header_scopes.append(attributes.get("scope"))
        elif tag == "tr" and self.info.tables:
            self.info.tables[-1].rows += 1
        elif tag == "a" and attributes.get("href") is not None:
            self._href, self._link_text = attributes["href"], []
        elif tag == "img":
            self.info.images += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == self._capture and self._text is not None:
            text = " ".join("".join(self._text).split())
            if tag == "title":
                self.info.title = text
            elif tag == "caption":
                self.info.tables[-1].caption = text
            else:
                self.info.headings.append((int(tag[1]), text))
            self._capture = self._text = None
        elif tag == "a" and self._href is not None:
            self.info.links.append((self._href, " ".join("".join(self._link_text).split())))
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)
        if self._href is not None:
            self._link_text.append(data)


def page_info(html: str) -> PageInfo:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.info
