"""A page's content stream, rewritten: the marked content of elements left out of the
structure tree (WeasyPrint's running footer) becomes a pagination artifact, the rest is
numbered again without gaps, and the words inside links are read back through the fonts'
ToUnicode maps."""

from __future__ import annotations

import re
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from .tree import Tree

SHOW_TEXT = frozenset(("Tj", "TJ", "'", '"'))


def mark_page(pdf: pikepdf.Pdf, tree: Tree, index: int, page: pikepdf.Page, owners: Any
              ) -> None:
    """Rewrite the page's marked content.  `owners` is the page's parent-tree entry: the
    element of each marked-content id.  New ids go to `tree.numbering[index]`, which the
    elements' references must then follow."""
    fonts = _Fonts(page, tree.cmaps)
    numbering = tree.numbering.setdefault(index, {})
    stack: list[int | None] = []  # the new id of each open sequence whose words are read
    changed = False
    instructions = []
    for instruction in pikepdf.parse_content_stream(page):
        operands: Any = instruction.operands
        operator = str(instruction.operator)
        if operator == "BDC" and isinstance(operands[1], Dictionary) and "/MCID" in operands[1]:
            old = int(operands[1].MCID)
            owner: Any = owners[old] if isinstance(owners, Array) and old < len(owners) else None
            if tree.reachable(owner):
                numbering[old] = len(numbering)
                if numbering[old] != old:
                    tree.renumbered[owner.objgen] = owner
                read = tree.read_all or owner.objgen in tree.in_links
                stack.append(numbering[old] if read else None)
                operands = [operands[0], Dictionary(MCID=numbering[old])]
            else:  # its element is not in the tree: nobody reads it, so it is page furniture
                stack.append(None)
                operands = [Name("/Artifact"), Dictionary(Type=Name("/Pagination"))]
            instruction = pikepdf.ContentStreamInstruction(operands, pikepdf.Operator("BDC"))
            changed = True
        elif operator in ("BDC", "BMC"):
            stack.append(None)
        elif operator == "EMC" and stack:
            stack.pop()
        elif operator == "Tf":
            fonts.select(operands[0])
        elif operator in SHOW_TEXT and stack and stack[-1] is not None:
            key = (index, stack[-1])
            tree.texts[key] = tree.texts.get(key, "") + fonts.decode(operands[-1])
        instructions.append(instruction)
    if changed:
        page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))


def renumbered(kid: Any, numbering: dict[int, int]) -> Any:
    """An element's kid with its marked-content id renumbered."""
    if isinstance(kid, int) and not isinstance(kid, bool):
        return numbering.get(kid, kid)
    if isinstance(kid, Dictionary) and str(kid.get("/Type", "")) == "/MCR":
        kid.MCID = numbering.get(int(kid.MCID), int(kid.MCID))
    return kid


class _Fonts:
    """The page's fonts, to turn shown codes back into words (WeasyPrint writes a ToUnicode
    map for every font); a map is read when first needed, once per font in the file."""

    def __init__(self, page: pikepdf.Page, maps: dict[tuple[int, int], tuple[int, dict[int, str]]]
                 ) -> None:
        resources = page.obj.get("/Resources", Dictionary())
        self.fonts: Any = resources.get("/Font", Dictionary())
        self.maps = maps
        self.name = ""

    def select(self, name: Any) -> None:
        self.name = str(name)

    def _current(self) -> tuple[int, dict[int, str]]:
        font = self.fonts.get(self.name)
        if font is None:
            return 1, {}
        if font.objgen not in self.maps:
            width = 2 if str(font.get("/Subtype")) == "/Type0" else 1
            cmap = font.get("/ToUnicode")
            self.maps[font.objgen] = (width, to_unicode(cmap.read_bytes()) if cmap else {})
        return self.maps[font.objgen]

    def decode(self, shown: Any) -> str:
        width, cmap = self._current()
        words = []
        for part in shown if isinstance(shown, Array) else [shown]:
            if isinstance(part, String):
                raw = bytes(part)
                words += [cmap.get(int.from_bytes(raw[i:i + width], "big"), "")
                          for i in range(0, len(raw) - width + 1, width)]
        return "".join(words)


_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")


def _unicode(hex_digits: bytes) -> str:
    return bytes.fromhex(hex_digits.decode()).decode("utf-16-be", errors="replace")


def to_unicode(cmap: bytes) -> dict[int, str]:
    """A ToUnicode CMap's code -> text (its bfchar and bfrange entries)."""
    found: dict[int, str] = {}
    for block in _BFCHAR.findall(cmap):
        codes = _HEX.findall(block)
        for code, text in zip(codes[::2], codes[1::2], strict=False):
            found[int(code, 16)] = _unicode(text)
    for block in _BFRANGE.findall(cmap):
        for line in block.splitlines():
            codes = _HEX.findall(line)
            if len(codes) < 3:
                continue
            low, high = int(codes[0], 16), int(codes[1], 16)
            if b"[" in line:
                found.update({low + n: _unicode(text) for n, text in enumerate(codes[2:])})
            else:
                start = int(codes[2], 16)
                found.update({low + n: chr(start + n) for n in range(high - low + 1)
                              if start + n < 0x110000})
    return found
