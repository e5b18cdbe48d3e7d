"""Word's lists: a numbering definition per kind of list, and one instance per list, so that
every numbered list starts at 1 and a screen reader hears it as a list."""

from __future__ import annotations

from typing import Literal

from docx.document import Document
from docx.oxml.xmlchemy import BaseOxmlElement

from .theme import THEME, Theme
from .xml import PPR, element, fonts, put, twips

ListKind = Literal["bullet", "decimal", "letter", "dash"]
# Each kind's marker at each depth: (number format, the marker's text).
_LEVELS: dict[ListKind, tuple[tuple[str, str], ...]] = {
    "bullet": (("bullet", "•"), ("bullet", "◦"), ("bullet", "▪")),
    "decimal": (("decimal", "%{n}."), ("lowerLetter", "%{n}."), ("lowerRoman", "%{n}.")),
    "letter": (("lowerLetter", "%{n}."), ("decimal", "%{n}."), ("lowerRoman", "%{n}.")),
    "dash": (("bullet", "—"), ("bullet", "—"), ("bullet", "—")),
}
DEPTHS = 9
STEP = 21.0
"""Points each level of a list is indented by (style.css: a list's padding)."""


def indent(depth: int) -> float:
    """Where the text of a list item at `depth` starts, in points."""
    return STEP * (depth + 1)


class Numbering:
    """The numbering part of one document: its definitions, then a list instance per list."""

    def __init__(self, document: Document, theme: Theme = THEME) -> None:
        self.part = document.part.numbering_part.element
        for old in list(self.part):
            self.part.remove(old)
        self.kinds: dict[ListKind, int] = {}
        for number, kind in enumerate(_LEVELS):
            self.kinds[kind] = number
            self.part.append(_definition(number, kind, theme))
        self.count = 0

    def new(self, kind: ListKind) -> int:
        """A new list of `kind`, starting at 1 at every level: its numId."""
        self.count += 1
        num = element("w:num", numId=str(self.count))
        num.append(element("w:abstractNumId", val=str(self.kinds[kind])))
        for depth in range(DEPTHS):
            override = element("w:lvlOverride", ilvl=str(depth))
            override.append(element("w:startOverride", val="1"))
            num.append(override)
        self.part.append(num)
        return self.count


def _definition(number: int, kind: ListKind, theme: Theme) -> BaseOxmlElement:
    definition = element("w:abstractNum", abstractNumId=str(number))
    definition.append(element("w:multiLevelType", val="multilevel"))
    for depth in range(DEPTHS):
        fmt, text = _LEVELS[kind][depth % 3]
        level = element("w:lvl", ilvl=str(depth))
        level.append(element("w:start", val="1"))
        level.append(element("w:numFmt", val=fmt))
        level.append(element("w:lvlText", val=text.replace("{n}", str(depth + 1))))
        level.append(element("w:lvlJc", val="left"))
        pPr = element("w:pPr")
        put(pPr, element("w:ind", left=twips(indent(depth)), hanging=twips(STEP * 0.75)), PPR)
        level.append(pPr)
        rPr = element("w:rPr")
        rPr.append(fonts(theme.font))
        level.append(rPr)
        definition.append(level)
    return definition


def numbered(pPr: BaseOxmlElement, num: int, depth: int) -> None:
    """Make the paragraph with properties `pPr` an item of list `num` at `depth`."""
    props = element("w:numPr")
    props.append(element("w:ilvl", val=str(min(depth, DEPTHS - 1))))
    props.append(element("w:numId", val=str(num)))
    put(pPr, props, PPR)


def continued(pPr: BaseOxmlElement, depth: int) -> None:
    """A further paragraph of a list item: indented as the item's text, with no marker."""
    put(pPr, element("w:ind", left=twips(indent(depth))), PPR)

