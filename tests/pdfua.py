"""A PDF/UA-1 checker for the conditions of the Matterhorn Protocol (1.1) that a machine can
decide, reading the file with pikepdf: what the page content marks, the structure tree, the
parent tree, annotations, fonts and metadata.  It shares no code with `pause_docs.render.pdf_tags`,
so that it checks what the repairs made rather than what they meant to make.

Run as a script for the figures per file:
    .venv/bin/python tests/pdfua.py output/*/*.pdf
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

# Failure conditions checked here: Matterhorn 1.1 number -> what fails.  "UA 7.x" are
# requirements of ISO 14289-1 itself; "NonStruct" is this project's own rule.
CHECKS = {
    "UA 7.1": "the catalog does not say the file is tagged (MarkInfo /Marked true), or has no "
              "structure tree",
    "01-003": "content marked as an artifact inside tagged content",
    "01-004": "tagged content inside content marked as an artifact",
    "01-005": "content neither marked as an artifact nor tagged as real content (including "
              "content tagged for an element that is not in the structure tree)",
    "01-007": "the Suspects entry is true",
    "02-001": "a structure type that is neither standard nor role-mapped to a standard one",
    "06-001": "no XMP metadata", "06-002": "no PDF/UA identifier in the metadata",
    "06-003": "no dc:title in the metadata",
    "07-001": "no DisplayDocTitle", "07-002": "DisplayDocTitle is false",
    "09-004": "a table element used against ISO 32000-1 Table 337 (rows, head, body, caption), "
              "or rows of different lengths",
    "09-005": "a list element used against ISO 32000-1 Table 336 (L, LI, Lbl, LBody)",
    "10-001": "a font whose character codes cannot be mapped to Unicode",
    "11-001": "no natural language for the document (catalog /Lang), a language tag that is "
              "not BCP 47, or a passage the source gives in another language without its /Lang",
    "13-004": "a Figure without alternative text",
    "14-002": "the first heading is not H1", "14-003": "a heading level is skipped",
    "15-003": "a TH without /Scope in a table whose data cells do not all have /Headers",
    "15-005": "a TD's /Headers names no header cell of its table",
    "28-008": "a page with annotations has no /Tabs", "28-009": "a page's /Tabs is not /S",
    "28-011": "a link annotation that is not in a Link element",
    "28-012": "a link annotation without alternative text (/Contents)",
    "31-009": "a font that is not embedded",
    "NonStruct": "a NonStruct element (content whose structure says nothing)",
}
STANDARD_TYPES = frozenset((
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl",
    "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note",
    "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT",
    "WP", "Figure", "Formula", "Form"))
# Operators that paint: each must be in an artifact or in tagged content.
PAINTING = frozenset(("S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Tj", "TJ", "'", '"',
                      "Do", "INLINE IMAGE"))
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True, order=True)
class Failure:
    checkpoint: str
    message: str

    def __str__(self) -> str:
        return f"{self.checkpoint}: {self.message}"


@dataclass
class Structure:
    """The structure tree as reachable from its root: each element with its type (after the
    role map), its parent's type and its kids."""

    elements: list[Dictionary] = field(default_factory=list)
    types: dict[tuple[int, int], str] = field(default_factory=dict)
    parents: dict[tuple[int, int], str] = field(default_factory=dict)

    def type(self, element: Dictionary) -> str:
        return self.types[element.objgen]


def kids(element: Dictionary) -> list[Any]:
    k = element.get("/K")
    return [] if k is None else list(k) if isinstance(k, Array) else [k]


def child_elements(element: Dictionary) -> list[Dictionary]:
    return [k for k in kids(element) if isinstance(k, Dictionary) and "/S" in k
            and k.get("/Type") not in (Name.MCR, Name.OBJR)]


def attribute(element: Dictionary, key: str) -> Any:
    a = element.get("/A")
    for entry in [a] if isinstance(a, Dictionary) else list(a or ()):
        if isinstance(entry, Dictionary) and key in entry:
            return entry[key]
    return None


def number_tree(node: Dictionary) -> dict[int, Any]:
    """A number tree flattened: key -> value."""
    found: dict[int, Any] = {}
    nums = list(node.get("/Nums", ()))
    found.update({int(nums[i]): nums[i + 1] for i in range(0, len(nums) - 1, 2)})
    for kid in node.get("/Kids", ()):
        found.update(number_tree(kid))
    return found


def read_structure(root: Dictionary) -> Structure:
    roles = {str(k)[1:]: str(v)[1:] for k, v in root.get("/RoleMap", Dictionary()).items()}
    found = Structure()

    def visit(element: Dictionary, parent: str) -> None:
        if element.objgen in found.types:
            return
        name = str(element.S)[1:]
        for _ in range(len(roles) + 1):
            if name in STANDARD_TYPES or name not in roles:
                break
            name = roles[name]
        found.types[element.objgen] = name
        found.parents[element.objgen] = parent
        found.elements.append(element)
        for kid in child_elements(element):
            visit(kid, name)

    for top in kids(root):
        if isinstance(top, Dictionary) and "/S" in top:
            visit(top, "StructTreeRoot")
    return found


def check(path: Path, languages: Iterable[str] = ()) -> list[Failure]:
    """Every failure found in the PDF at `path`; `languages` are languages of passages that
    the PDF must mark (an HTML `lang` on a part of the page)."""
    with pikepdf.open(path) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if root is None or pdf.Root.get("/MarkInfo", Dictionary()).get("/Marked") is not True:
            return [Failure("UA 7.1", "not a tagged PDF")]
        structure = read_structure(root)
        owners = number_tree(root.get("/ParentTree", Dictionary()))
        found = [*_catalog(pdf), *_content(pdf, structure, owners),
                 *_elements(structure, set(languages)), *_annotations(pdf, structure, owners),
                 *_fonts(pdf)]
    counted = Counter(found)  # the same failure in several places: once, with how many
    return sorted(Failure(f.checkpoint, f.message + (f" ({n} times)" if n > 1 else ""))
                  for f, n in counted.items())


def _catalog(pdf: pikepdf.Pdf) -> Iterator[Failure]:
    if pdf.Root.get("/MarkInfo", Dictionary()).get("/Suspects") is True:
        yield Failure("01-007", "MarkInfo /Suspects is true")
    lang = str(pdf.Root.get("/Lang", ""))
    if not LANGUAGE_TAG.match(lang):
        yield Failure("11-001", f"the document's /Lang is {lang!r}")
    preferences = pdf.Root.get("/ViewerPreferences", Dictionary())
    if "/DisplayDocTitle" not in preferences:
        yield Failure("07-001", "no DisplayDocTitle in ViewerPreferences")
    elif preferences.DisplayDocTitle is not True:
        yield Failure("07-002", "DisplayDocTitle is false")
    if "/Metadata" not in pdf.Root:
        yield Failure("06-001", "no XMP metadata stream")
        return
    meta = pdf.open_metadata()
    if meta.get("pdfuaid:part") != "1":
        yield Failure("06-002", "no pdfuaid:part 1 in the metadata")
    if not meta.get("dc:title"):
        yield Failure("06-003", "no dc:title in the metadata")


def _content(pdf: pikepdf.Pdf, structure: Structure, owners: dict[int, Any]
             ) -> Iterator[Failure]:
    """Every painting operator is inside an artifact or inside content tagged for an element
    of the structure tree, never both."""
    tree = set(structure.types)
    for number, page in enumerate(pdf.pages, 1):
        parents = owners.get(int(page.obj.get("/StructParents", -1)))
        stack: list[str] = []  # 'artifact', 'tagged' or 'other' for each open sequence
        lost: set[int] = set()
        for instruction in pikepdf.parse_content_stream(page):
            operator = str(instruction.operator)
            if operator in ("BDC", "BMC"):
                operands = instruction.operands
                mcid = (operands[1].get("/MCID") if operator == "BDC"
                        and isinstance(operands[1], Dictionary) else None)
                if operands[0] == Name.Artifact:
                    if "tagged" in stack:
                        yield Failure("01-003", f"page {number}: an artifact in tagged content")
                    stack.append("artifact")
                elif mcid is not None:
                    if "artifact" in stack:
                        yield Failure("01-004", f"page {number}: tagged content in an artifact")
                    owner = (parents[int(mcid)] if isinstance(parents, Array)
                             and int(mcid) < len(parents) else None)
                    if not isinstance(owner, Dictionary) or owner.objgen not in tree:
                        lost.add(int(mcid))
                    stack.append("tagged")
                else:
                    stack.append("other")
            elif operator == "EMC" and stack:
                stack.pop()
            elif operator in PAINTING and "artifact" not in stack and "tagged" not in stack:
                yield Failure("01-005", f"page {number}: '{operator}' is neither tagged nor "
                              "an artifact")
        if lost:
            yield Failure("01-005", f"page {number}: {len(lost)} marked-content sequences are "
                          "tagged for elements that are not in the structure tree")


def _elements(structure: Structure, languages: set[str]) -> Iterator[Failure]:
    headings = []
    marked: set[str] = set()
    for element in structure.elements:
        kind, parent = structure.type(element), structure.parents[element.objgen]
        if kind not in STANDARD_TYPES:
            yield Failure("02-001", f"/{kind} is not a standard structure type")
        if kind == "NonStruct" and kids(element):
            yield Failure("NonStruct", "a NonStruct element holds content")
        if "/Lang" in element:
            lang = str(element.Lang)
            marked.add(lang.lower())
            if not LANGUAGE_TAG.match(lang):
                yield Failure("11-001", f"/Lang {lang!r} on a /{kind}")
        if kind == "Figure" and not (str(element.get("/Alt", "")).strip()
                                     or str(element.get("/ActualText", "")).strip()):
            yield Failure("13-004", "a Figure without /Alt")
        if re.fullmatch(r"H[1-6]", kind):
            headings.append(int(kind[1]))
        if kind == "Table":
            yield from _table(structure, element)
        yield from _list_syntax(structure, element, kind, parent)
        if kind in ("TR", "THead", "TBody", "TFoot", "TH", "TD"):
            allowed = {"TR": ("Table", "THead", "TBody", "TFoot"), "TH": ("TR",),
                       "TD": ("TR",)}.get(kind, ("Table",))
            if parent not in allowed:
                yield Failure("09-004", f"a /{kind} inside a /{parent}")
    if headings and headings[0] != 1:
        yield Failure("14-002", f"the first heading is H{headings[0]}")
    for before, after in zip(headings, headings[1:], strict=False):
        if after > before + 1:
            yield Failure("14-003", f"H{after} follows H{before}")
    for lang in sorted(languages):
        if lang.lower() not in marked:
            yield Failure("11-001", f"no element is marked /Lang {lang}, the language of a "
                          "passage of the page")


def _list_syntax(structure: Structure, element: Dictionary, kind: str, parent: str
                 ) -> Iterator[Failure]:
    inner = [structure.type(k) for k in child_elements(element)]
    if kind == "L":
        items = inner[1:] if inner[:1] == ["Caption"] else inner
        if not items or any(t not in ("LI", "L") for t in items):
            yield Failure("09-005", f"an /L holding {inner or 'nothing'}")
    elif kind == "LI":
        if not inner or any(t not in ("Lbl", "LBody", "L") for t in inner):
            yield Failure("09-005", f"an /LI holding {inner or 'nothing'}")
        if parent != "L":
            yield Failure("09-005", f"an /LI inside a /{parent}")
    elif kind in ("Lbl", "LBody") and parent != "LI":
        yield Failure("09-005", f"a /{kind} inside a /{parent}")


def _table(structure: Structure, table: Dictionary) -> Iterator[Failure]:
    parts = child_elements(table)
    names = [structure.type(p) for p in parts]
    if names[:1] == ["Caption"]:
        names, parts = names[1:], parts[1:]
    elif names[-1:] == ["Caption"]:
        names, parts = names[:-1], parts[:-1]
    rows: list[tuple[Dictionary, bool]] = []
    if names and all(n == "TR" for n in names):
        rows = [(p, False) for p in parts]
    else:
        body = names[1:] if names[:1] == ["THead"] else names
        body = body[:-1] if body[-1:] == ["TFoot"] else body
        if not body or any(n != "TBody" for n in body):
            yield Failure("09-004", f"a /Table holding {names or 'nothing'}")
        for part, name in zip(parts, names, strict=True):
            rows += [(r, name == "THead") for r in child_elements(part)
                     if structure.type(r) == "TR"]
    if not rows:
        yield Failure("09-004", "a /Table without rows (/TR)")
        return
    yield from _table_cells(structure, rows)


def _table_cells(structure: Structure, rows: list[tuple[Dictionary, bool]]
                 ) -> Iterator[Failure]:
    taken: Counter[int] = Counter()  # columns per row, spans included
    ids: set[str] = set()
    headers: list[Dictionary] = []
    data: list[Dictionary] = []
    for r, (row, _) in enumerate(rows):
        for cell in child_elements(row):
            kind = structure.type(cell)
            if kind not in ("TH", "TD"):
                yield Failure("09-004", f"a /{kind} in a /TR")
                continue
            rowspan = int(attribute(cell, "/RowSpan") or 1)
            colspan = int(attribute(cell, "/ColSpan") or 1)
            for i in range(rowspan):
                taken[r + i] += colspan
            (headers if kind == "TH" else data).append(cell)
            if "/ID" in cell:
                ids.add(bytes(cell.ID).decode("latin-1"))
    widths = {taken[r] for r in range(len(rows))}
    if len(widths) > 1:
        yield Failure("09-004", f"table rows of different lengths: {sorted(widths)}")
    all_have_headers = bool(data) and all(attribute(c, "/Headers") for c in data)
    for cell in headers:
        if not all_have_headers and attribute(cell, "/Scope") is None:
            yield Failure("15-003", "a TH without /Scope")
    for cell in data:
        for name in attribute(cell, "/Headers") or ():
            if bytes(name).decode("latin-1") not in ids:
                yield Failure("15-005", f"a TD's /Headers names {bytes(name)!r}, not a TH")


def _annotations(pdf: pikepdf.Pdf, structure: Structure, owners: dict[int, Any]
                 ) -> Iterator[Failure]:
    for number, page in enumerate(pdf.pages, 1):
        annotations = list(page.obj.get("/Annots", ()))
        if annotations and "/Tabs" not in page.obj:
            yield Failure("28-008", f"page {number} has annotations and no /Tabs")
        elif annotations and page.obj.Tabs != Name.S:
            yield Failure("28-009", f"page {number}: /Tabs is {page.obj.Tabs}")
        for annotation in annotations:
            if annotation.get("/Subtype") != Name.Link:
                continue
            owner = owners.get(int(annotation.get("/StructParent", -1)))
            if (not isinstance(owner, Dictionary) or owner.objgen not in structure.types
                    or structure.type(owner) != "Link"):
                yield Failure("28-011", f"page {number}: a link annotation outside a Link")
            if not str(annotation.get("/Contents", "")).strip():
                yield Failure("28-012", f"page {number}: a link without /Contents")


def _fonts(pdf: pikepdf.Pdf) -> Iterator[Failure]:
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        for name, font in page.obj.get("/Resources", Dictionary()).get("/Font", {}).items():
            if font.objgen in seen:
                continue
            seen.add(font.objgen)
            program = font.DescendantFonts[0] if font.get("/Subtype") == Name.Type0 else font
            descriptor = program.get("/FontDescriptor", Dictionary())
            if font.get("/Subtype") != Name.Type3 and not any(
                    key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                yield Failure("31-009", f"font {name} ({program.get('/BaseFont')}) not embedded")
            if "/ToUnicode" not in font and font.get("/Subtype") == Name.Type0:
                yield Failure("10-001", f"font {name} has no ToUnicode map")


def main(argv: list[str]) -> int:
    """Print the failures of each PDF given; exit 1 if any has one."""
    failed = False
    for name in argv:
        failures = check(Path(name))
        failed |= bool(failures)
        print(f"{name}: {len(failures)} failures")
        for failure in failures:
            print(f"  {failure}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
