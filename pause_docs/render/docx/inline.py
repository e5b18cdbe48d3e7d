"""Inline content as Word runs: words, emphasis, links (citations of the law link to
legislation.gov.uk), dates, tick boxes a reviewer can tick, line breaks and the logo."""

from __future__ import annotations

import base64
import functools
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Pt

from ...publish.tree import (
    TICKED,
    UNTICKED,
    Image,
    Inline,
    LineBreak,
    Link,
    Styled,
    Text,
    Tick,
    Time,
)
from ..html import SAFE_SCHEMES, prints_address
from .theme import THEME, Theme
from .xml import RPR, element, half_points, put

SVG_DATA = "data:image/svg+xml;base64,"

_SPACE = re.compile(r"[ \t\r\n\f]+")


@dataclass(frozen=True)
class Look:
    """How the runs being written print."""

    bold: bool = False
    italic: bool = False
    style: str | None = None
    """A character style: 'Hyperlink', 'Code', 'Source'."""
    vertical: str | None = None
    """'superscript' or 'subscript'."""
    colour: str | None = None
    size: float | None = None
    """Points."""
    underline: bool = False
    strike: bool = False


PLAIN = Look()
_STYLED: dict[str, dict[str, Any]] = {
    "strong": {"bold": True}, "b": {"bold": True}, "em": {"italic": True},
    "i": {"italic": True}, "code": {"style": "Code"},
    "sub": {"vertical": "subscript"}, "sup": {"vertical": "superscript"},
    "ins": {"underline": True}, "del": {"strike": True}}


def run(text: str, look: Look = PLAIN) -> BaseOxmlElement:
    """A run of words (tabs and line breaks in them become Word's own)."""
    made = element("w:r")
    props = _props(look)
    if props is not None:
        made.append(props)
    if "\t" in text or "\n" in text or "\r" in text:
        made.text = text  # python-docx makes them Word's tabs and breaks, a letter at a time
    elif text:
        made.add_t(text)  # the same <w:t>, without the letter-by-letter walk
    return made


def _props(look: Look) -> BaseOxmlElement | None:
    if look == PLAIN:
        return None
    rPr = element("w:rPr")
    if look.style:
        put(rPr, element("w:rStyle", val=look.style.replace(" ", "")), RPR)
    if look.bold:
        put(rPr, element("w:b"), RPR)
    if look.italic:
        put(rPr, element("w:i"), RPR)
    if look.strike:
        put(rPr, element("w:strike"), RPR)
    if look.underline:
        put(rPr, element("w:u", val="single"), RPR)
    if look.colour:
        put(rPr, element("w:color", val=look.colour), RPR)
    if look.size:
        put(rPr, element("w:sz", val=half_points(look.size)), RPR)
    if look.vertical:
        put(rPr, element("w:vertAlign", val=look.vertical), RPR)
    return rPr


class Inlines:
    """Writes inline content into paragraphs of one document."""

    def __init__(self, document: Document, files: dict[str, str], theme: Theme = THEME
                 ) -> None:
        self.document = document
        self.files = files
        self.theme = theme
        self.read: list[str] = []
        """The files the document was made from besides its publication (the logo)."""
        self.bookmarks: dict[str, str] = {}
        self.serial = 0
        self.link_addresses = True
        """Each web link's address after its words (the publication's choice)."""

    def next_id(self) -> str:
        self.serial += 1
        return str(self.serial)

    def write(self, target: BaseOxmlElement, nodes: Iterable[Inline], look: Look = PLAIN
              ) -> None:
        """Append `nodes` to `target` (a paragraph, or a hyperlink in one)."""
        for node in nodes:
            self._write(target, node, look)

    def _write(self, target: BaseOxmlElement, node: Inline, look: Look) -> None:
        if isinstance(node, Text):
            words = _SPACE.sub(" ", node.text)  # as a page shows them: a line's end is a space
            if look.style in ("Code", "Source"):  # a path may break after a slash, not mid-word
                words = words.replace("/", "/\u200b")
            if words:
                target.append(run(words, look))
        elif isinstance(node, Styled):
            changes = dict(_STYLED.get(node.style, {}))
            if node.role == "source":
                changes["style"] = "Source"
            self.write(target, node.children, replace(look, **changes))
        elif isinstance(node, Link):
            self._link(target, node, look)
        elif isinstance(node, Time):
            self.write(target, node.children, look)
        elif isinstance(node, Tick):
            target.append(self.tick(node.selected, node.label))
        elif isinstance(node, LineBreak):
            made = element("w:r")
            made.append(element("w:br"))
            target.append(made)
        elif isinstance(node, Image):
            target.append(self.picture(node))

    def _link(self, target: BaseOxmlElement, link: Link, look: Look) -> None:
        if not link.href.startswith(SAFE_SCHEMES):
            self.write(target, link.children, look)  # not a link a document may carry
            return
        made = self.hyperlink(target, link)
        self.write(made, link.children, replace(look, style="Hyperlink"))
        if self.link_addresses and prints_address(link):  # paper cannot follow a link
            target.append(run(f" ({link.href})", look))

    def hyperlink(self, target: BaseOxmlElement, link: Link) -> BaseOxmlElement:
        """An empty hyperlink to where `link` goes, added to `target`: to a bookmark, or to
        an address kept in the document's relationships."""
        if link.href.startswith("#"):
            made = element("w:hyperlink", anchor=self.bookmark(link.href[1:]), history="1")
        else:
            rId = self.document.part.relate_to(link.href, RT.HYPERLINK, is_external=True)
            made = element("w:hyperlink", history="1")
            made.set(qn("r:id"), rId)
        if link.title:
            made.set(qn("w:tooltip"), link.title)
        target.append(made)
        return made

    def bookmark(self, anchor: str) -> str:
        """A Word bookmark's name for a page's anchor (letters, digits and _, at most 40)."""
        if anchor not in self.bookmarks:
            name = "_" + re.sub(r"\W", "_", anchor)[:30]
            taken = set(self.bookmarks.values())
            self.bookmarks[anchor] = (name if name not in taken
                                      else f"{name}_{len(self.bookmarks)}")
        return self.bookmarks[anchor]

    def tick(self, selected: bool, label: str | None) -> BaseOxmlElement:
        """A tick box as a Word check box (a content control), titled with what a screen
        reader says, showing ☒ or ☐ as the page does."""
        sdt = element("w:sdt")
        props = element("w:sdtPr")
        if label:
            props.append(element("w:alias", val=label))
        props.append(element("w:id", val=self.next_id()))
        box = element("w14:checkbox")
        box.append(element("w14:checked", {"w14:val": "1" if selected else "0"}))
        for state, mark in (("checkedState", TICKED), ("uncheckedState", UNTICKED)):
            box.append(element(f"w14:{state}", {"w14:val": f"{ord(mark):04X}",
                                                "w14:font": self.theme.font}))
        props.append(box)
        sdt.append(props)
        content = element("w:sdtContent")
        content.append(run(TICKED if selected else UNTICKED))
        sdt.append(content)
        return sdt

    def picture(self, image: Image) -> BaseOxmlElement:
        """The logo at the page's height, described by its alternative text."""
        source = self.files.get(image.src)
        if image.src.startswith(SVG_DATA):  # a picture drawn for the page (a risk matrix)
            width = Pt(self.theme.drawing_width)
            inline = self.document.part.new_pic_inline(_drawn(image.src, width.pt),
                                                       width=width)
        elif source is None:  # not a file the page shows: its words instead
            return run(image.alt)
        else:
            self.read.append(source)
            height = Pt(self.theme.size * self.theme.logo_height)
            inline = self.document.part.new_pic_inline(_picture(Path(source), height.pt),
                                                       height=height)
        for described in (inline.docPr, *inline.iter(qn("pic:cNvPr"))):
            described.set("descr", image.alt)
        inline.docPr.set("name", image.alt)
        made = element("w:r")
        made.add_drawing(inline)
        return made


def _drawn(src: str, points: float) -> IO[bytes]:
    """A picture the page draws itself, given as an SVG data: address, as a PNG at 300 dots
    an inch and `points` wide (nothing it refers to is fetched), in a palette: its few flat
    colours and their anti-aliased edges fit 256, which looks the same and is a third of
    the size (the risk matrix: 21 kB, not 68)."""
    data = base64.b64decode(src.removeprefix(SVG_DATA), validate=True)
    return io.BytesIO(_png(data, width=round(points / 72 * 300), palette=True))


def _picture(path: Path, points: float) -> IO[bytes]:
    """The image as Word takes it: an SVG drawn as a PNG at 300 dots an inch and `points`
    high (nothing it refers to is fetched); a PNG or JPEG as it is."""
    data = path.read_bytes()
    if path.suffix.lower() != ".svg":
        return io.BytesIO(data)
    return io.BytesIO(_png(data, height=round(points / 72 * 300)))


@functools.lru_cache(maxsize=8)
def _png(svg: bytes, width: int | None = None, height: int | None = None,
         palette: bool = False) -> bytes:
    """An SVG drawn as a PNG, once per process for each picture and size: a council's logo
    heads each of its documents, and a worker makes a council's documents in turn."""
    import cairosvg  # only for a picture drawn in SVG
    from PIL import Image as Raster  # WeasyPrint's own dependency

    png: bytes = cairosvg.svg2png(bytestring=svg, output_width=width, output_height=height,
                                  unsafe=False)
    if not palette:
        return png
    smaller = io.BytesIO()
    Raster.open(io.BytesIO(png)).quantize(256, method=Raster.Quantize.FASTOCTREE).save(
        smaller, "PNG", optimize=True)
    return smaller.getvalue()
