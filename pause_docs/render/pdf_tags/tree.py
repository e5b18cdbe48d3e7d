"""The structure tree of a tagged PDF as the repairs read it: every element reachable from the
root, with its parent and page, and the words shown inside links."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary

ObjGen = tuple[int, int]


def kind(element: Any) -> str:
    """An element's structure type, e.g. '/P' ('' for anything else)."""
    return str(element.get("/S", "")) if isinstance(element, Dictionary) else ""


def kids(element: Any) -> list[Any]:
    """An element's /K as a list (it may be one object or an array)."""
    k = element.get("/K")
    if k is None:
        return []
    return list(k) if isinstance(k, Array) else [k]


def is_mcid(kid: Any) -> bool:
    """A marked-content id of the element's page."""
    return isinstance(kid, int) and not isinstance(kid, bool)


def is_reference(kid: Any, to: str) -> bool:
    """A marked-content reference ('/MCR') or an object reference ('/OBJR')."""
    return isinstance(kid, Dictionary) and str(kid.get("/Type", "")) == to


def is_element(kid: Any) -> bool:
    return (isinstance(kid, Dictionary) and "/S" in kid
            and str(kid.get("/Type", "")) not in ("/MCR", "/OBJR"))


def child_elements(element: Any) -> list[Any]:
    return [k for k in kids(element) if is_element(k)]


@dataclass
class Tree:
    """The structure tree as found: every element reachable from the root, its parent, and
    what the repairs learn of the page content on the way."""

    pages: dict[ObjGen, int]
    """Page object -> page index."""
    elements: list[Any] = field(default_factory=list)
    parents: dict[ObjGen, Any] = field(default_factory=dict)
    kinds: dict[ObjGen, str] = field(default_factory=dict)
    """Each element's structure type as read, before the repairs rename any."""
    in_links: set[ObjGen] = field(default_factory=set)
    """Links and the elements inside them, whose words are read."""
    texts: dict[tuple[int, int], str] = field(default_factory=dict)
    """(page index, marked-content id) -> the words it shows, for the ids inside links."""
    numbering: dict[int, dict[int, int]] = field(default_factory=dict)
    """Page index -> old marked-content id -> new."""
    renumbered: dict[ObjGen, Any] = field(default_factory=dict)
    """The elements some of whose marked-content ids were numbered again (the others keep
    theirs: only the ids after a running footer's move)."""
    cmaps: dict[ObjGen, tuple[int, dict[int, str]]] = field(default_factory=dict)
    """Font -> its code width and ToUnicode map, read when first needed."""
    read_all: bool = False
    """Read the words of every element, not only of links (to find passages in them)."""
    kids_read: dict[ObjGen, list[Any]] = field(default_factory=dict)
    """Each element's kids as last read, until they are set again (`set_kids`)."""

    def kids_of(self, element: Any) -> list[Any]:
        """`kids(element)`, read once while they stay as they are; not to be changed."""
        found = self.kids_read.get(element.objgen)
        if found is None:
            found = self.kids_read[element.objgen] = kids(element)
        return found

    def set_kids(self, element: Any, new: list[Any]) -> None:
        element.K = Array(new)
        self.kids_read.pop(element.objgen, None)

    def reachable(self, element: Any) -> bool:
        return isinstance(element, Dictionary) and element.objgen in self.parents

    def parent(self, element: Any) -> Any:
        return self.parents[element.objgen]

    def page_of(self, element: Any) -> int | None:
        page = element.get("/Pg")
        return self.pages.get(page.objgen) if page is not None else None

    def forget(self, element: Any) -> None:
        """Take an element out of the tree (its content has gone to another)."""
        del self.parents[element.objgen]

    def live(self) -> list[Any]:
        """The elements still in the tree, in order."""
        return [e for e in self.elements if e.objgen in self.parents]


def read_tree(pdf: pikepdf.Pdf, root: Any) -> Tree:
    tree = Tree(pages={page.obj.objgen: i for i, page in enumerate(pdf.pages)})

    def visit(element: Any, parent: Any, in_link: bool) -> None:
        objgen = element.objgen
        if objgen in tree.parents or objgen == (0, 0):
            return  # a loop, or a direct element (WeasyPrint makes none): left as it is
        tree.parents[objgen] = parent
        tree.elements.append(element)
        tree.kinds[objgen] = found = kind(element)
        in_link = in_link or found == "/Link"
        if in_link:
            tree.in_links.add(objgen)
        tree.kids_read[objgen] = found_kids = kids(element)
        for kid in found_kids:
            if is_element(kid):
                visit(kid, element, in_link)

    for top in kids(root):
        if is_element(top):
            visit(top, root, False)
    return tree


def number_tree(node: Any) -> dict[int, Any]:
    """A number tree (the parent tree) flattened: key -> value."""
    nums = list(node.get("/Nums", ()))
    found = {int(nums[i]): nums[i + 1] for i in range(0, len(nums) - 1, 2)}
    for child in node.get("/Kids", ()):
        found.update(number_tree(child))
    return found


def words(tree: Tree, element: Any, read: dict[ObjGen, list[str]] | None = None) -> str:
    """The words an element shows, in order.  Pieces are joined with a space where a line
    broke between two words (a line's last space is not printed), but not after a hyphen or
    a slash, where a line may break inside a word or an address.  `read` keeps the pieces
    of each element read, for asking of many elements of a tree that does not change."""
    out = ""
    for piece in _pieces(tree, element, {} if read is None else read):
        if (out and piece and not out[-1].isspace() and not piece[0].isspace()
                and out[-1] not in "-/"):
            out += " "
        out += piece
    return out


def _pieces(tree: Tree, element: Any, read: dict[ObjGen, list[str]]) -> list[str]:
    if element.objgen in read:
        return read[element.objgen]
    page = tree.page_of(element)
    out: list[str] = []
    for kid in tree.kids_of(element):
        if is_mcid(kid) and page is not None:
            out.append(tree.texts.get((page, kid), ""))
        elif is_reference(kid, "/MCR"):
            where = tree.pages.get(kid.Pg.objgen) if "/Pg" in kid else page
            out.append(tree.texts.get((where, int(kid.MCID)), "") if where is not None else "")
        elif is_element(kid) and tree.reachable(kid):
            out += _pieces(tree, kid, read)
    read[element.objgen] = out
    return out
