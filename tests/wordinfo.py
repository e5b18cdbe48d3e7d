"""What a .docx says, read from its XML as Word would: each paragraph's text, and the text
after accepting or rejecting every tracked change."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def document_xml(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read("word/document.xml"))


def paragraphs(root: etree._Element) -> list[str]:
    """Every paragraph's text in document order (table cells included), spaces collapsed;
    deleted text (w:delText) is not text."""
    found = []
    for p in root.iter(w("p")):
        words = []
        for node in p.iter(w("t"), w("br"), w("tab")):
            words.append(node.text or "" if node.tag == w("t") else " ")
        text = " ".join("".join(words).split())
        if text:
            found.append(text)
    return found


def accept_all(root: etree._Element) -> etree._Element:
    """The document with every tracked change accepted: insertions kept, deletions gone, a
    deleted paragraph mark joining its paragraph to the next."""
    return _resolve(root, keep="ins", drop="del")


def reject_all(root: etree._Element) -> etree._Element:
    """Every tracked change rejected: deletions kept, insertions gone."""
    return _resolve(root, keep="del", drop="ins")


def _resolve(root: etree._Element, keep: str, drop: str) -> etree._Element:
    root = etree.fromstring(etree.tostring(root))
    for gone in [e for e in root.iter(w(drop)) if e.getparent().tag != w("rPr")]:
        gone.getparent().remove(gone)
    for kept in [e for e in root.iter(w(keep)) if e.getparent().tag != w("rPr")]:
        parent, at = kept.getparent(), kept.getparent().index(kept)
        for i, child in enumerate(list(kept)):
            parent.insert(at + i, child)
        parent.remove(kept)
    for text in root.iter(w("delText")):
        text.tag = w("t")
    for p in list(root.iter(w("p"))):  # a paragraph whose mark is removed joins the next
        marks = p.findall(f"{w('pPr')}/{w('rPr')}/{w(drop)}")
        for mark in p.findall(f"{w('pPr')}/{w('rPr')}/{w(keep)}"):
            mark.getparent().remove(mark)
        if marks:
            following = p.getnext()
            content = [c for c in p if c.tag != w("pPr")]
            if following is not None and following.tag == w("p"):
                at = 1 if following.find(w("pPr")) is not None else 0
                for i, child in enumerate(content):
                    following.insert(at + i, child)
            p.getparent().remove(p)
    return root


def docx_text(data: bytes) -> str:
    """The document's text, a paragraph a line (as a reader of the file gets it)."""
    return "\n".join(paragraphs(document_xml(data))) + "\n"
