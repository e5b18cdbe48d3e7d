"""A page's content stream, rewritten: the marked content of elements left out of the
structure tree (WeasyPrint's running footer) becomes a pagination artifact, the rest is
numbered again without gaps, and the words inside links are read back through the fonts'
ToUnicode maps."""

from __future__ import annotations

import binascii
import re
import struct
from collections.abc import Sequence
from itertools import repeat
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from .tree import Tree

SHOW_TEXT = frozenset(("Tj", "TJ", "'", '"'))

# WeasyPrint (pydyf) shows text only as hex strings.  In a stream with no literal string,
# comment or inline image, and no space inside a hex string, a word standing between
# delimiters can only be an operator, so the few operators the repair needs are found by one
# regular expression, and the stream is kept byte for byte but for the marked-content
# openings it changes.  Any other stream is parsed in full by pikepdf.
_NAME_CHARS = rb"[^\s/\[\]()<>{}%]+"  # a name's characters after its '/'
_START = rb"(?<![^\s>\]])"  # a word begins after a space or a delimiter ending a token
_END = rb"(?=[\s/\[\]()<>{}%]|\Z)"
# Every alternative begins with a plain character, so that the expression engine skips at
# once to the next '/', 'B', 'E', '[' or '<' instead of trying each alternative at every
# byte (four times faster).  An operator word must follow a delimiter: `B(?<!xB)` looks
# back at the byte before the B it has just read.
_OPERATORS = re.compile(rb"""
    /(?:(?P<mcid>""" + _NAME_CHARS + rb"""\s*<<\s*/MCID\s+(?P<id>\d+)\s*>>\s*BDC""" + _END
    + rb""")
      | (?P<font>""" + _NAME_CHARS + rb""")\s+[-+.\d]+\s+Tf""" + _END + rb""")
  | B(?<![^\s>\]]B)(?P<begun>DC|MC)""" + _END + rb"""
  | E(?<![^\s>\]]E)(?P<ended>MC)""" + _END + rb"""
  | \[(?P<array>[^\]]*)\]\s*(?:TJ|Tj|'|")""" + _END + rb"""
  | <(?P<string>[^>]*)>\s*(?:TJ|Tj|'|")""" + _END, re.X)
_INLINE_IMAGE = re.compile(_START + rb"BI" + _END)
# A hex string with a space in it, looked for once its digits are taken out of the stream
# (`_HEX_DIGITS`): '<' then a space.  Three times faster than reading past the digits of each
# string; it also finds a trailing space or '<< /Key', which only send a stream the long way.
_HEX_DIGITS = b"0123456789abcdefABCDEF"
_SPACE_AFTER_OPENING = re.compile(rb"<\s")
_HEX_STRING = re.compile(rb"<([^>]*)>")
ARTIFACT = b"/Artifact\n<</Type /Pagination>>\nBDC"


class _Marking:
    """What a page's marked content becomes, one operator at a time: the new id of each
    marked-content sequence whose element is in the tree, and the words it shows when they
    are read."""

    def __init__(self, tree: Tree, index: int, page: pikepdf.Page, owners: Any) -> None:
        self.tree, self.index, self.owners = tree, index, owners
        self.fonts = _Fonts(page, tree.cmaps)
        self.numbering = tree.numbering.setdefault(index, {})
        self.stack: list[int | None] = []  # the new id of each open sequence that is read

    def open(self, old: int) -> int | None:
        """A sequence with a marked-content id: its new id, None if it becomes an artifact
        (its element is not in the tree, so nobody reads it: it is page furniture)."""
        tree, numbering, owners = self.tree, self.numbering, self.owners
        owner: Any = owners[old] if isinstance(owners, Array) and old < len(owners) else None
        if not tree.reachable(owner):
            self.stack.append(None)
            return None
        new = numbering[old] = len(numbering)
        if new != old:
            tree.renumbered[owner.objgen] = owner
        self.stack.append(new if tree.read_all or owner.objgen in tree.in_links else None)
        return new

    def reading(self) -> int | None:
        """The id of the sequence whose words are read now, if they are."""
        return self.stack[-1] if self.stack else None

    def show(self, read: int, shown: list[bytes]) -> None:
        """Words shown in the sequence `read`."""
        key = (self.index, read)
        self.tree.texts[key] = self.tree.texts.get(key, "") + self.fonts.decode(shown)


def mark_page(pdf: pikepdf.Pdf, tree: Tree, index: int, page: pikepdf.Page, owners: Any
              ) -> None:
    """Rewrite the page's marked content.  `owners` is the page's parent-tree entry: the
    element of each marked-content id.  New ids go to `tree.numbering[index]`, which the
    elements' references must then follow."""
    marking = _Marking(tree, index, page, owners)
    contents = page.obj.get("/Contents")
    data = contents.read_bytes() if isinstance(contents, pikepdf.Stream) else None
    found = _operators(data) if data is not None else None
    if data is not None and found is not None:
        marked = _mark_plain(marking, data, found)
    else:
        marked = _mark_parsed(marking, page)
    if marked is not None:
        page.obj.Contents = pdf.make_stream(marked)


def _operators(data: bytes) -> list[re.Match[bytes]] | None:
    """The operators of a stream `_OPERATORS` reads: with no literal string, comment, name
    with an escaped character, inline image or hex string with a space in it, and with every
    marked-content id in an opening it reads; None for any other stream."""
    if (b"(" in data or b"%" in data or b"#" in data
            or _SPACE_AFTER_OPENING.search(data.translate(None, _HEX_DIGITS))
            or (b"BI" in data and _INLINE_IMAGE.search(data))):
        return None
    found = list(_OPERATORS.finditer(data))
    openings = sum(1 for match in found if match.lastgroup == "mcid")
    return found if openings == data.count(b"MCID") else None


def _mark_plain(marking: _Marking, data: bytes, operators: list[re.Match[bytes]]
                ) -> bytes | None:
    """`mark_page` on a plain stream (see `_OPERATORS`) whose every marked-content id is
    in an opening the expression reads; None if it has none."""
    pieces: list[bytes] = []
    kept = 0
    for match in operators:
        found = match.lastgroup
        if found == "mcid":
            new = marking.open(int(match["id"]))
            pieces += [data[kept:match.start()], ARTIFACT if new is None else
                       data[match.start():match.start("id")] + b"%d" % new
                       + data[match.end("id"):match.end()]]
            kept = match.end()
        elif found == "begun":
            marking.stack.append(None)
        elif found == "ended":
            if marking.stack:
                marking.stack.pop()
        elif found == "font":
            marking.fonts.select("/" + match["font"].decode("latin-1"))
        elif (read := marking.reading()) is not None:  # a string or an array shown
            marking.show(read, _hex_strings(match[0]))
    return b"".join([*pieces, data[kept:]]) if pieces else None


def _hex_strings(shown: bytes) -> list[bytes]:
    """The strings of a text-showing operator's operand (a hex string, or an array)."""
    found = []
    for digits in _HEX_STRING.findall(shown):
        try:
            found.append(binascii.unhexlify(digits))
        except binascii.Error:  # spaces in it, or an odd number of digits (a last 0 left out)
            digits = bytes(c for c in digits if c not in b" \t\r\n\f\0")
            found.append(binascii.unhexlify(digits + b"0" if len(digits) % 2 else digits))
    return found


def _mark_parsed(marking: _Marking, page: pikepdf.Page) -> bytes | None:
    """`mark_page` on any content stream, parsed in full by pikepdf and written again."""
    stack = marking.stack
    changed = False
    instructions = []
    for instruction in pikepdf.parse_content_stream(page):
        operands: Any = instruction.operands
        operator = str(instruction.operator)
        if operator == "BDC" and isinstance(operands[1], Dictionary) and "/MCID" in operands[1]:
            new = marking.open(int(operands[1].MCID))
            operands = ([operands[0], Dictionary(MCID=new)] if new is not None
                        else [Name("/Artifact"), Dictionary(Type=Name("/Pagination"))])
            instruction = pikepdf.ContentStreamInstruction(operands, pikepdf.Operator("BDC"))
            changed = True
        elif operator in ("BDC", "BMC"):
            stack.append(None)
        elif operator == "EMC" and stack:
            stack.pop()
        elif operator == "Tf":
            marking.fonts.select(operands[0])
        elif operator in SHOW_TEXT and (read := marking.reading()) is not None:
            shown = operands[-1]
            marking.show(read, [bytes(part) for part in (shown if isinstance(shown, Array) else
                                                   [shown]) if isinstance(part, String)])
        instructions.append(instruction)
    return pikepdf.unparse_content_stream(instructions) if changed else None


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

    def decode(self, shown: list[bytes]) -> str:
        """The words of the strings shown in the current font (a code it has no text for
        reads as nothing).  The codes are looked up in one pass of `map`, not one Python
        step each: a page read in full (a page with passages in another language) shows
        thousands."""
        width, cmap = self._current()
        return "".join("".join(map(cmap.get, _codes(raw, width), repeat(""))) for raw in shown)


def _codes(raw: bytes, width: int) -> Sequence[int]:
    """A shown string's character codes: its bytes, or in a two-byte (Type0) font its pairs
    of bytes, high byte first; an odd last byte is left out."""
    if width == 1:
        return raw
    return struct.unpack(f">{len(raw) // 2}H", raw[:len(raw) - len(raw) % 2])


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
