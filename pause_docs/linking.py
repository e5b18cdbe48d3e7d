"""Words linked where a reader sees them: in the text of an HTML fragment, never in a tag or
an attribute, and never inside another link."""

from __future__ import annotations

from html.parser import HTMLParser

from markupsafe import Markup, escape


class _TextLinker(HTMLParser):
    """Copies an HTML fragment, linking the first place its *text* holds the given words.

    Only text is searched, never a tag or an attribute (a link's title may hold the same
    words), and never text already inside a link.
    """

    def __init__(self, words: str, link: Markup) -> None:
        super().__init__(convert_charrefs=True)
        self.words, self.link = words, link
        self.out: list[str] = []
        self.in_link = 0
        self.linked = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_link += tag == "a"
        self.out.append(self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        self.in_link -= tag == "a" and self.in_link > 0
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        at = -1 if self.linked or self.in_link else data.find(self.words)
        if at < 0:
            self.out.append(str(escape(data)))
            return
        self.linked = True
        end = at + len(self.words)
        self.out.append(str(escape(data[:at]) + self.link + escape(data[end:])))


def link_in_text(html: str, words: str, link: Markup) -> str | None:
    """`html` with the first occurrence of `words` in its text replaced by `link`; None when
    its text does not hold the words."""
    linker = _TextLinker(words, link)
    linker.feed(html)
    linker.close()
    return "".join(linker.out) if linker.linked else None
