"""What a document's translations need, read from its pages: each text a page in one
language prints in another (missing), each translation whose English has changed since it
was confirmed (stale), and each never confirmed (unconfirmed).

Only the texts a page prints count: a text the document holds but never shows needs no
translation.  Each is placed in the file and at the YAML path where its translation goes: the
document, the programme it inherits, a standard section it uses, or the council's file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from ..publish.document import publish
from ..publish.locale import is_language_neutral
from ..publish.printed import printed as printed_texts
from ..publish.tree import Origin
from ..source.errors import Location
from ..source.languages import (
    DEFAULT_LANGUAGE,
    FROM,
    fingerprint,
    is_per_language,
    per_language_texts,
)
from ..source.loader import Path_, SourceFile
from ..source.resolved import ResolvedDocument

State = Literal["missing", "stale", "unconfirmed"]
_VARIABLE = re.compile(r"\{\{[^}]*\}\}")


@dataclass(frozen=True)
class Needed:
    """One text that needs translating, re-translating or confirming, in one language."""

    state: State
    language: str
    document: str
    """The document whose page prints it."""
    where: Location
    """Where the text the page prints was written (the translation, when there is one)."""
    english: str
    """The English as written (with its {{ variables }})."""
    translation: str | None
    file: SourceFile
    path: Path_
    """Its path in `file`: a plain text, or a per-language mapping."""
    english_at: Location | None = None
    confirmed: str | None = None
    """The hash of the English the translation was confirmed against (stale)."""
    root: Path | None = None
    """The project's folder, which `file.path` is relative to."""

    @property
    def key(self) -> tuple[str, str, Path_]:
        return (self.language, self.file.path, self.path)

    @property
    def ident(self) -> str:
        """'councils/x/doc.yaml#sections/2/intro': the text's address in a translator's
        table."""
        return f"{self.file.path}#{'/'.join(str(p) for p in self.path)}"


def needed(doc: ResolvedDocument) -> list[Needed]:
    """Every text of every language version of `doc` that needs a translator's work."""
    found: dict[tuple[str, str, Path_], Needed] = {}
    for version in doc.all_versions():
        language = version.language
        page = publish(version)
        for printed in printed_texts((*page.masthead, *page.blocks())):
            origin = printed.origin
            if origin is None or origin.owner not in ("document", "council") \
                    or origin.language is None:
                continue
            item = _need(version, origin, language)
            if item is not None:
                found.setdefault(item.key, replace(item, root=project_root(doc)))
    return sorted(found.values(), key=lambda n: (n.language, n.where, n.path))


def project_root(doc: ResolvedDocument) -> Path | None:
    """The project's folder: a document's folder is <project>/councils/<council>."""
    return doc.provenance.folder.parents[1] if doc.provenance.folder is not None else None


def _need(doc: ResolvedDocument, origin: Origin, language: str) -> Needed | None:
    placed = source_of(doc, origin)
    if placed is None:
        return None
    file, path = placed
    raw = value_at(file.data, path)
    if isinstance(raw, str):
        if origin.language == language or _neutral(raw):
            return None
        return Needed("missing", language, doc.path, origin.where, raw, None, file, path)
    if not is_per_language(raw):
        return None
    english = raw.get(DEFAULT_LANGUAGE)
    text = raw.get(language)
    if not isinstance(english, str) or _neutral(english):
        return None
    if origin.language != language:
        return Needed("missing", language, doc.path, file.locate(path + (DEFAULT_LANGUAGE,)),
                      english, None, file, path)
    if language == DEFAULT_LANGUAGE:
        return None
    confirmed = raw.get(language + FROM)
    english_at = file.locate(path + (DEFAULT_LANGUAGE,))
    if confirmed is None:
        return Needed("unconfirmed", language, doc.path, origin.where, english, text, file,
                      path, english_at)
    if confirmed != fingerprint(english):
        return Needed("stale", language, doc.path, origin.where, english, text, file, path,
                      english_at, str(confirmed))
    return None


def _neutral(text: str) -> bool:
    """Text that needs no translation: an address, a name, only {{ variables }}."""
    return is_language_neutral(_VARIABLE.sub(" ", text))


def source_of(doc: ResolvedDocument, origin: Origin) -> tuple[SourceFile, Path_] | None:
    """The file and the YAML path of a text the page prints: where its translation goes."""
    path = origin.path
    if not path:
        return None
    if origin.owner == "council":
        return (doc.provenance.council_source, path) if doc.provenance.council_source else None
    if path[0] == "programme":
        programme = doc.provenance.programme_source
        return (programme, path[1:]) if programme else None
    merged = doc.provenance.source
    section = _standard_section(doc, path)
    if section is not None:
        return section
    if merged.own_has(path):
        return merged.own, path
    if merged.inherited is not None:
        return merged.inherited, merged.inherited_prefix + path
    return None


def _standard_section(doc: ResolvedDocument, path: Path_) -> tuple[SourceFile, Path_] | None:
    """A text of a section that comes from the standard section it uses."""
    if len(path) < 3 or path[0] != "sections" or not isinstance(path[1], int):
        return None
    data = doc.provenance.source.own.data
    sections = data.get("sections") if isinstance(data, dict) else None
    if not isinstance(sections, list) or path[1] >= len(sections):
        return None
    own = sections[path[1]]
    if not isinstance(own, dict) or path[2] in own or not isinstance(own.get("use"), str):
        return None
    source = doc.provenance.section_sources.get(own["use"])
    return (source, path[2:]) if source is not None else None


def value_at(data: Any, path: Path_) -> Any:
    """The value at `path` in YAML data, or None."""
    for step in path:
        found = (isinstance(data, dict) and step in data) or (
            isinstance(data, list) and isinstance(step, int) and 0 <= step < len(data))
        if not found:
            return None
        data = data[step]
    return data


def mappings(file: SourceFile) -> Iterator[tuple[Path_, dict[str, Any]]]:
    """Every per-language mapping of a file."""
    yield from per_language_texts(file.data)
