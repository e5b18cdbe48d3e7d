"""The look of every Word file, in one place: the PDF's fonts, colours, sizes and page.

The values are those of `templates/assets/style.css` (colours, sizes relative to the text)
and `pdf.css` (the page, the footer, the font files) as printed; `tests/test_docx.py` reads
both stylesheets and checks that they still agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Theme:
    """Fonts, colours (RRGGBB) and sizes (points; the page in millimetres)."""

    font: str = "DejaVu Sans"
    """The PDF's font (assets/fonts/DejaVuSans.ttf); Word uses `fallback_font` where it is
    not installed."""
    fallback_font: str = "Verdana"
    mono: str = "DejaVu Sans Mono"
    size: float = 10.5
    """The text's size on paper (style.css: `@media print { html { font-size: 10.5pt } }`)."""
    line: float = 1.5
    text: str = "1B1B1B"
    heading: str = "1D4F91"
    link: str = "1D4F91"
    muted: str = "4B4B4B"
    rule: str = "6F6F6F"
    """Table borders."""
    header_fill: str = "EEF2F8"
    """Header cells."""
    panel_fill: str = "F3F6FA"
    """The box asking for other formats, and a decision."""
    address_rule: str = "C9D5E6"
    colophon_rule: str = "B1B4B6"
    headings: dict[int, float] = field(default_factory=lambda: {1: 1.9, 2: 1.35, 3: 1.1})
    """Heading sizes, in times the text's size (rem); deeper headings are the text's size."""
    subtitle: float = 1.2
    small: float = 0.9
    footer_size: float = 8.0
    footer_colour: str = "4B4B4B"
    page: tuple[float, float] = (210.0, 297.0)
    """A4."""
    margins: tuple[float, float, float, float] = (20.0, 18.0, 22.0, 18.0)
    """Top, right, bottom, left (pdf.css `@page { margin: 20mm 18mm 22mm }`)."""
    logo_height: float = 3.5
    drawing_width: float = 360
    """A picture the page draws (a DPIA's risk matrix): its width, in points (12.7 cm)."""
    """The logo's height, in times the text's size (style.css `.logo img`)."""

    def heading_size(self, level: int) -> float:
        return self.size * self.headings.get(level, 1.0)

    def heading_colour(self, level: int) -> str:
        return self.heading if level <= 2 else self.text


THEME = Theme()
