"""The risk matrix as a picture: likelihood up the side, severity along the bottom, each cell
in its level's colour, and each risk of the register placed twice — before its measures (a
filled mark) and after them (an open mark).  People read a heat map faster than a table.

The picture is an SVG drawn here, from the register, in the page's words; it goes into the
page as an image (HTML and PDF: the SVG itself; Word: drawn as a PNG) whose alternative text
says in words where each risk sits, so nobody needs to see it.  Deterministic: the same
register draws the same bytes.
"""

from __future__ import annotations

import base64
from html import escape

from ..forms.risk import Judged, Register
from .context import FormContext
from .dpia import grade_words, risk_number
from .tree import Block, Image, Paragraph, plain

CELL_W, CELL_H = 120, 64
LEFT, TOP, BOTTOM = 150, 16, 86
MARK = 11
FONT = "Pause Docs Sans, DejaVu Sans, sans-serif"
INK = "#1a1a1a"


def picture(ctx: FormContext, register: Register) -> list[Block]:
    """The picture as a paragraph holding its image, and its caption."""
    alt = describe(ctx, register)
    svg = draw(ctx, register, alt)
    src = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
    return [Paragraph((Image(src, alt),), role="risk-matrix"),
            Paragraph((ctx.text("dpia_matrix_caption"),), role="guidance")]


def _label(ctx: FormContext, scale: str, value: str) -> str:
    return plain(grade_words(ctx, ctx.form.definition.risk_matrix, scale, value))  # type: ignore[arg-type]


def describe(ctx: FormContext, register: Register) -> str:
    """The picture in words: each risk with its place before and after its measures."""
    parts = [ctx.locale.text("dpia_matrix_alt")]
    for j in register.risks:
        before = ctx.locale.text(
            "dpia_matrix_alt_risk", risk=risk_number(j),
            likelihood=_label(ctx, "likelihood", j.risk.likelihood),
            severity=_label(ctx, "severity", j.risk.severity),
            level=_level_label(ctx, register, j.overall.value))
        residual = j.risk.residual
        if residual is not None and j.residual is not None:
            after = ctx.locale.text(
                "dpia_matrix_alt_after", likelihood=_label(ctx, "likelihood",
                                                           residual.likelihood),
                severity=_label(ctx, "severity", residual.severity),
                level=_level_label(ctx, register, j.residual.value))
        else:
            after = ctx.locale.text("dpia_matrix_alt_no_after")
        parts.append(f"{before} {after}")
    return " ".join(parts)


def _level_label(ctx: FormContext, register: Register, value: str) -> str:
    index = next(i for i, level in enumerate(register.matrix.levels) if level.value == value)
    return plain(ctx.words(register.matrix.levels[index].label,
                           ("risk_matrix", "levels", index, "label")))


def draw(ctx: FormContext, register: Register, alt: str) -> str:
    """The SVG: the grid, the axis labels, and the risks' marks."""
    matrix = register.matrix
    cols, rows = len(matrix.severity), len(matrix.likelihood)
    width, height = LEFT + cols * CELL_W + 8, TOP + rows * CELL_H + BOTTOM
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" font-family="{FONT}" font-size="12">',
           f"<title>{escape(ctx.locale.text('dpia_matrix_title'))}</title>",
           f"<desc>{escape(alt)}</desc>"]
    for r, likely in enumerate(reversed(matrix.likelihood)):
        y = TOP + r * CELL_H
        out.append(_text(LEFT - 8, y + CELL_H / 2 + 4, _label(ctx, "likelihood", likely.value),
                         "end"))
        for c, severe in enumerate(matrix.severity):
            x = LEFT + c * CELL_W
            level = matrix.level(likely.value, severe.value)
            out.append(f'<rect x="{x}" y="{y}" width="{CELL_W}" height="{CELL_H}" '
                       f'fill="{level.colour}" stroke="{INK}" stroke-width="1"/>')
            out.append(_text(x + CELL_W - 6, y + 14, _level_label(ctx, register, level.value),
                             "end", size=10))
            out += _marks(register, likely.value, severe.value, x, y)
    bottom = TOP + rows * CELL_H
    for c, severe in enumerate(matrix.severity):
        out.append(_text(LEFT + c * CELL_W + CELL_W / 2, bottom + 16,
                         _label(ctx, "severity", severe.value), "middle"))
    out.append(_text(LEFT + cols * CELL_W / 2, bottom + 36,
                     ctx.locale.text("dpia_matrix_severity"), "middle", bold=True))
    out.append(_text(8, TOP + 12, ctx.locale.text("dpia_matrix_likelihood"), "start",
                     bold=True))
    out += _legend(ctx, bottom + 60)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _marks(register: Register, likely: str, severe: str, x: float, y: float) -> list[str]:
    """The risks in one cell: filled before their measures, open after."""
    placed: list[tuple[Judged, bool]] = []
    for j in register.risks:
        if (j.risk.likelihood, j.risk.severity) == (likely, severe):
            placed.append((j, True))
        after = j.risk.residual
        if after is not None and (after.likelihood, after.severity) == (likely, severe):
            placed.append((j, False))
    out = []
    for n, (j, before) in enumerate(placed):
        cx = x + 16 + (n % 4) * 26
        cy = y + 28 + (n // 4) * 24
        fill = INK if before else "#ffffff"
        ink = "#ffffff" if before else INK
        out.append(f'<circle cx="{cx}" cy="{cy}" r="{MARK}" fill="{fill}" stroke="{INK}" '
                   'stroke-width="1.5"/>')
        out.append(_text(cx, cy + 4, f"R{j.index + 1}", "middle", size=9, colour=ink))
    return out


def _legend(ctx: FormContext, y: float) -> list[str]:
    return [f'<circle cx="{LEFT + 8}" cy="{y}" r="7" fill="{INK}"/>',
            _text(LEFT + 20, y + 4, ctx.locale.text("dpia_matrix_before"), "start", size=11),
            f'<circle cx="{LEFT + 180}" cy="{y}" r="7" fill="#ffffff" stroke="{INK}" '
            'stroke-width="1.5"/>',
            _text(LEFT + 192, y + 4, ctx.locale.text("dpia_matrix_after"), "start", size=11)]


def _text(x: float, y: float, words: str, anchor: str, *, size: int = 12, bold: bool = False,
          colour: str = INK) -> str:
    weight = ' font-weight="bold"' if bold else ""
    return (f'<text x="{x:g}" y="{y:g}" text-anchor="{anchor}" font-size="{size}" '
            f'fill="{colour}"{weight}>{escape(words)}</text>')
