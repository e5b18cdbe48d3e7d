"""Repairs to the tags of a WeasyPrint PDF that WeasyPrint cannot make itself, made the same way
every time, so that what the file claims (PDF/UA-1) holds.

- The running footer (the page's margin boxes) is marked in the page content as tagged text
  whose elements are left out of the structure tree: it becomes a pagination artifact, and
  the page's marked-content ids are numbered again without gaps (`content`).
- `NonStruct` elements (the HTML `header`, `footer`, `nav`, `address`, `strong`, `em`,
  `time`, anonymous blocks) become `Div` (holding or among blocks) or `Span` (in a line).
- Every `TH` gets `/Scope` and every `TD` the `/Headers` of its header cells (`tables`).
- A link broken over lines, or with its printed address (`::after`), is one `Link`
  element, and each of its annotations carries the link's words as its alternate text.
- A passage the HTML gives in another language (`lang`) gets its `/Lang` (`languages`).
- A heading or caption for screen readers only, which prints nothing, carries its words as
  its `/Alt` text (`hidden`).
- A link to a page beside the document (its other language) stays a file name, not a path
  on the machine that printed it (`addresses`).

The parent tree is then made again from the structure tree, so that the two agree.
"""

from __future__ import annotations

import io
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from .addresses import relative_links
from .content import mark_page, renumbered
from .hidden import hidden_texts, mark_hidden
from .languages import mark_languages, passages
from .tables import add_headers
from .tree import (
    Tree,
    child_elements,
    is_mcid,
    is_reference,
    kids,
    kind,
    number_tree,
    read_tree,
    words,
)

# Structure types that hold blocks: a NonStruct holding one is a Div.
BLOCK_TYPES = frozenset(("/Document", "/Part", "/Art", "/Sect", "/Div", "/BlockQuote",
                         "/Caption", "/TOC", "/TOCI", "/Index", "/P", "/H", "/H1", "/H2",
                         "/H3", "/H4", "/H5", "/H6", "/L", "/LI", "/Lbl", "/LBody", "/Table",
                         "/TR", "/TH", "/TD", "/THead", "/TBody", "/TFoot", "/Figure"))
# Structure types that hold a line's content: a NonStruct inside one is a Span.
INLINE_PARENTS = frozenset(("/P", "/H", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6", "/Span",
                            "/Link", "/Lbl", "/Caption", "/Quote", "/Code", "/Reference"))
INLINE_TYPES = frozenset(("/Span", "/Link", "/Quote", "/Code", "/Reference", "/Note"))


def repair(data: bytes, html: str = "") -> bytes:
    """The PDF with its tags repaired (`html`: the page it was printed from, for the
    languages of its passages); one without a structure tree is returned as it is."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root: Any = pdf.Root.get("/StructTreeRoot")
        parent_tree = root.get("/ParentTree") if root is not None else None
        if parent_tree is None:
            return data
        tree = read_tree(pdf, root)
        found = passages(html) if html else []
        tree.read_all = bool(found)
        owners = number_tree(parent_tree)
        for index, page in enumerate(pdf.pages):
            mark_page(pdf, tree, index, page, owners.get(int(page.obj.get("/StructParents", -1))))
        for element in tree.renumbered.values():
            where = tree.page_of(element)
            numbering = tree.numbering.get(where, {}) if where is not None else {}
            tree.set_kids(element, [renumbered(kid, numbering) for kid in kids(element)])
        _join_links(tree)
        mark_languages(tree, found)
        mark_hidden(tree, hidden_texts(html) if html else [])
        for element in tree.live():  # (an element's own type is as read until renamed here)
            if tree.kinds[element.objgen] == "/NonStruct":
                element.S = Name(_generic_type(tree, element))
            elif tree.kinds[element.objgen] == "/Table":
                add_headers(element)
        _rebuild_parent_tree(pdf, root, tree)
        relative_links(pdf)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, fix_metadata_version=False)
        return out.getvalue()


def _generic_type(tree: Tree, element: Any) -> str:
    """Div for a NonStruct that holds or sits among blocks, Span for one inside a line."""
    if any(kind(k) in BLOCK_TYPES for k in child_elements(element)):
        return "/Div"
    parent = tree.parent(element)
    if kind(parent) in INLINE_PARENTS:
        return "/Span"
    inline = any(is_mcid(k) or kind(k) in INLINE_TYPES for k in kids(parent))
    return "/Span" if inline else "/Div"


# --- links --------------------------------------------------------------------------------------

def _target(link: Any) -> str | None:
    """Where a Link element's (first) annotation goes."""
    for kid in kids(link):
        if is_reference(kid, "/OBJR"):
            action = kid.Obj.get("/A")
            if action is not None and "/URI" in action:
                return str(action.URI)
            if "/Dest" in kid.Obj:
                return "#" + str(kid.Obj.Dest)
    return None


def _flatten_link(tree: Tree, link: Any) -> None:
    """A Link inside a Link (WeasyPrint tags a link's ::after text, its printed address, as
    a link of its own) gives its content to the outer one."""
    flat: list[Any] = []
    for kid in kids(link):
        if kind(kid) == "/Link" and tree.reachable(kid):
            _flatten_link(tree, kid)
            flat += kids(kid)
            tree.forget(kid)
        else:
            flat.append(kid)
    tree.set_kids(link, flat)
    for kid in child_elements(link):
        tree.parents[kid.objgen] = link


def _join_siblings(tree: Tree, element: Any) -> None:
    """Links side by side on one page that go to the same place (a link broken over two
    lines) become one."""
    joined: list[Any] = []
    for kid in kids(element):
        last: Any = joined[-1] if joined else None
        if (kind(kid) == "/Link" and kind(last) == "/Link" and last.get("/Pg") == kid.get("/Pg")
                and _target(kid) is not None and _target(kid) == _target(last)):
            tree.set_kids(last, [*kids(last), *kids(kid)])
            for inner in child_elements(kid):
                tree.parents[inner.objgen] = last
            tree.forget(kid)
        else:
            joined.append(kid)
    if len(joined) != len(kids(element)):
        tree.set_kids(element, joined)


def _join_links(tree: Tree) -> None:
    """One Link element per link, with its words as each annotation's alternate text."""
    links = [e for e in tree.elements if tree.kinds[e.objgen] == "/Link"]
    for link in links:
        if tree.reachable(link):
            _flatten_link(tree, link)
    for parent in {tree.parent(link).objgen: tree.parent(link) for link in links
                   if tree.reachable(link)}.values():
        _join_siblings(tree, parent)
    for link in [e for e in links if tree.reachable(e)]:
        text = " ".join(words(tree, link).split())
        for kid in kids(link):
            if text and is_reference(kid, "/OBJR"):
                kid.Obj.Contents = String(text)


# --- the parent tree and the id tree ------------------------------------------------------------

def _rebuild_parent_tree(pdf: pikepdf.Pdf, root: Any, tree: Tree) -> None:
    """The parent tree made again from the structure tree: for each page, the element of
    each marked-content id; for each annotation, its element.  Element ids go in /IDTree."""
    per_page: dict[int, dict[int, Any]] = {}
    annotations: dict[int, Any] = {}
    ids: dict[bytes, Any] = {}
    for element in tree.live():
        page = tree.page_of(element)
        for kid in tree.kids_of(element):
            if is_mcid(kid) and page is not None:
                per_page.setdefault(page, {})[kid] = element
            elif is_reference(kid, "/MCR"):
                where = tree.pages.get(kid.Pg.objgen) if "/Pg" in kid else page
                if where is not None:
                    per_page.setdefault(where, {})[int(kid.MCID)] = element
            elif is_reference(kid, "/OBJR") and "/StructParent" in kid.Obj:
                annotations[int(kid.Obj.StructParent)] = element
        if "/ID" in element:
            ids[bytes(element.ID)] = element
    entries: dict[int, Any] = dict(annotations)
    for index, pdf_page in enumerate(pdf.pages):
        if "/StructParents" in pdf_page.obj:
            mapped = per_page.get(index, {})
            entries[int(pdf_page.obj.StructParents)] = pdf.make_indirect(Array(
                [mapped.get(n) for n in range(max(mapped, default=-1) + 1)]))
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array(
        [x for key in sorted(entries) for x in (key, entries[key])])))
    root.ParentTreeNextKey = max(entries, default=-1) + 1
    if ids:
        root.IDTree = pdf.make_indirect(Dictionary(Names=Array(
            [x for key in sorted(ids) for x in (String(key), ids[key])])))
