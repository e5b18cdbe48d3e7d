"""The layers under a notice (young people's, Easy Read) and its addenda: a change to the
full notice may need the same change in each, so `diff` names them."""

from __future__ import annotations

from ..publish.locale import load_locale
from ..source.layout import document_files
from ..source.loader import read_yaml
from ..source.resolved import ResolvedDocument


def layers_under(doc: ResolvedDocument) -> list[str]:
    """The documents of the notice's council folder that name it as their `parent:`."""
    if doc.provenance.folder is None or not doc.provenance.folder.is_dir():
        return []
    council = doc.path.rsplit("/", 1)[0]
    found = []
    for file in document_files(doc.provenance.folder):
        source, _ = read_yaml(file, f"{council}/{file.name}")
        data = source.data if source is not None else None
        if isinstance(data, dict) and data.get("parent") == doc.slug:
            audience = str(data.get("audience", "everyone")).replace("-", " ")
            audience = "addendum" if audience == "everyone" else audience
            found.append(f"{source.path} ({audience})" if source else file.name)
    return found


def revisit_notes(doc: ResolvedDocument) -> tuple[str, ...]:
    """'Layers to revisit: …', when the notice has layers, in the language compared in."""
    layers = layers_under(doc)
    if not layers:
        return ()
    locale = load_locale(doc.language)
    return (locale.text("redline_layers_to_revisit", layers=locale.joined(layers)),)
