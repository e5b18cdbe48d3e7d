"""Only the styles a document uses: python-docx's template carries 177 styles and a list of
137 more (latent styles, 353 kB), of which a document of ours uses about twenty.

A style is used when a paragraph, run or table of any part (the body, the footer, the
numbering) names it, or when a used style names it as its base (w:basedOn), its linked
paragraph or character style (w:link) or the style of the paragraph after it (w:next); the
defaults (w:default="1": Normal, Default Paragraph Font, Table Normal, No List) are always
kept.  Latent styles only tell Word how to show the built-in styles a document lacks in its
style gallery: Word's own defaults do as well, so they go.
"""

from __future__ import annotations

from collections.abc import Iterable

from docx.document import Document
from docx.opc.part import XmlPart
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

NAMING = tuple(qn(f"w:{tag}") for tag in ("pStyle", "rStyle", "tblStyle", "numStyleLink",
                                          "styleLink"))
"""Where a part names a style by its id."""
CHAINED = tuple(qn(f"w:{tag}") for tag in ("basedOn", "link", "next"))
"""Where a style names another."""
_VAL, _ID, _DEFAULT = qn("w:val"), qn("w:styleId"), qn("w:default")
_STYLE = qn("w:style")


def named(parts: Iterable[BaseOxmlElement]) -> set[str]:
    """The ids of the styles the `parts` (their XML) name."""
    return {str(e.get(_VAL)) for root in parts for e in root.iter(*NAMING)}


def closure(styles: BaseOxmlElement, wanted: Iterable[str]) -> set[str]:
    """The ids of the styles `wanted`, the defaults, and every style they name in turn;
    an id no style of `styles` has is left out."""
    by_id = {s.get(_ID): s for s in styles.iterchildren(_STYLE)}
    todo = [*wanted, *(i for i, s in by_id.items() if s.get(_DEFAULT) in ("1", "true", "on"))]
    kept: set[str] = set()
    while todo:
        one = todo.pop()
        if one in kept or one not in by_id:
            continue
        kept.add(one)
        todo.extend(str(e.get(_VAL)) for e in by_id[one].iterchildren(*CHAINED))
    return kept


def keep_only(styles: BaseOxmlElement, wanted: Iterable[str]) -> None:
    """Remove from the styles part (`styles`, its w:styles element) the latent styles and
    every style not in the `closure` of `wanted`; those kept keep their order."""
    kept = closure(styles, wanted)
    for gone in [s for s in styles.iterchildren(_STYLE) if s.get(_ID) not in kept]:
        styles.remove(gone)
    for latent in styles.findall(qn("w:latentStyles")):
        styles.remove(latent)


def drop_unused_styles(document: Document) -> None:
    """Keep only the styles some part of `document` uses (see the module's docstring)."""
    styles = document.styles.element
    parts = [p.element for p in document.part.package.iter_parts()
             if isinstance(p, XmlPart) and p.element is not styles]
    keep_only(styles, named(parts))
