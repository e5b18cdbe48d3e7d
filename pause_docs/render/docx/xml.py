"""WordprocessingML elements python-docx has no API for, written in the order the schema
requires (Word refuses a file whose properties are out of order)."""

from __future__ import annotations

import functools

from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.oxml.xmlchemy import BaseOxmlElement

# The children of each properties element, in schema order (ECMA-376 Part 1, §17.3–17.4).
PPR = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
       "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
       "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
       "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
       "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
       "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
       "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
       "w:pPrChange")
RPR = ("w:ins", "w:del", "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps",
       "w:smallCaps", "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss",
       "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden", "w:color",
       "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u",
       "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em",
       "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
TBLPR = ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
         "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
         "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption",
         "w:tblDescription")
TRPR = ("w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter",
        "w:cantSplit", "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden",
        "w:ins", "w:del", "w:trPrChange")
TCPR = ("w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd",
        "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")
BORDER_SIDES = ("w:top", "w:left", "w:bottom", "w:right")


def element(tag: str, prefixed: dict[str, str] | None = None, **attributes: str
            ) -> BaseOxmlElement:
    """`<w:tag w:name="value" ...>`: attribute names without their prefix are in w:;
    `prefixed` gives others ('w14:val')."""
    made: BaseOxmlElement = OxmlElement(tag)
    for name, value in {**(prefixed or {}), **attributes}.items():
        made.set(qn(name if ":" in name else f"w:{name}"), value)
    return made


def put(parent: BaseOxmlElement, child: BaseOxmlElement, order: tuple[str, ...]
        ) -> BaseOxmlElement:
    """`child` in `parent` where the schema wants it, replacing one of the same name."""
    tag = child.tag
    for old in parent.findall(tag):
        parent.remove(old)
    rank = _ranks(order)
    mine = rank.get(tag, len(order))
    for i, existing in enumerate(parent):
        if rank.get(existing.tag, len(order)) > mine:
            parent.insert(i, child)
            return child
    parent.append(child)
    return child


@functools.cache
def _ranks(order: tuple[str, ...]) -> dict[str, int]:
    """Each tag of a schema order (in Clark notation, as lxml names it) -> its place."""
    return {qn(name): i for i, name in enumerate(order)}


def child(parent: BaseOxmlElement, tag: str, order: tuple[str, ...]) -> BaseOxmlElement:
    """The child `tag` of `parent`, added in its place when missing."""
    found = parent.find(qn(tag))
    return found if found is not None else put(parent, element(tag), order)


def fonts(name: str) -> BaseOxmlElement:
    """One font for every script, instead of the template's theme fonts."""
    return element("w:rFonts", ascii=name, hAnsi=name, cs=name, eastAsia=name)


def border(sides: dict[str, tuple[str, float]], tag: str = "w:pBdr") -> BaseOxmlElement:
    """A border on the given sides ('top', 'left'...): colour and width in points."""
    made = element(tag)
    for side in ("top", "left", "bottom", "right"):
        if side in sides:
            colour, width = sides[side]
            made.append(element(f"w:{side}", val="single", sz=str(round(width * 8)),
                                space="4", color=colour))
    return made


def shading(fill: str) -> BaseOxmlElement:
    return element("w:shd", val="clear", color="auto", fill=fill)


def half_points(size: float) -> str:
    return str(round(size * 2))


def twips(points: float) -> str:
    return str(round(points * 20))
