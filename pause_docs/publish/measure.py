"""How wide words print in the PDF's font (DejaVu Sans, shipped in templates/assets/fonts), in
ems: for choosing which of the stylesheet's fixed column widths a table's words fit."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from ..source.resources import TEMPLATES

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont


FONTS = {"regular": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf",
         "mono": "DejaVuSansMono.ttf"}


@functools.lru_cache(maxsize=8192)
def ems(text: str, bold: bool = False, face: str | None = None) -> float:
    """The width of `text` in ems of its font size, in the bold or regular face (or `face`,
    one of FONTS: Word's tables are measured in the same fonts, which Word uses where they are
    installed; Verdana, its fallback, is as wide)."""
    return _font(face or ("bold" if bold else "regular")).getlength(text) / 1000


@functools.cache
def _font(face: str) -> FreeTypeFont:
    # Pillow comes with WeasyPrint; imported here, as only tables need it.
    from PIL import ImageFont

    return ImageFont.truetype(str(TEMPLATES / "assets" / "fonts" / FONTS[face]), 1000)
