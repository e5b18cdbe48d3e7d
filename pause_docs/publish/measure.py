"""How wide words print in the PDF's font (DejaVu Sans, shipped in templates/assets/fonts), in
ems: for choosing which of the stylesheet's fixed column widths a table's words fit."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from ..source.resources import TEMPLATES

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont


@functools.lru_cache(maxsize=4096)
def ems(text: str, bold: bool = False) -> float:
    """The width of `text` in ems of its font size."""
    return _font(bold).getlength(text) / 1000


@functools.cache
def _font(bold: bool) -> FreeTypeFont:
    # Pillow comes with WeasyPrint; imported here, as only a form's tables need it.
    from PIL import ImageFont

    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(TEMPLATES / "assets" / "fonts" / name), 1000)
