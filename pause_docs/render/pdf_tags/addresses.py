"""Links to pages beside the document (its other languages, a layer's full notice): WeasyPrint
resolves them against the folder it printed from, a path on the machine that made the PDF;
they are written back as the page's own file name, which a reader opens beside the PDF."""

from __future__ import annotations

from typing import Any

from pikepdf import Name, String

_LOCAL = "file://"


def relative_links(pdf: Any) -> None:
    """Every link to a local file made relative again: its file name (and #part) only."""
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", []):
            action = annotation.get("/A")
            if action is None or action.get("/S") != Name.URI:
                continue
            uri = str(action.get("/URI", ""))
            if uri.startswith(_LOCAL):
                action.URI = String(uri.rsplit("/", 1)[-1])
