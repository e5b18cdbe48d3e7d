"""A notice's addenda: the notices of its council folder that add to it (name it with
`parent:`, for everyone), so that its page can link to each, and its build record names them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .errors import display_path
from .kinds import processing_kinds
from .layout import document_files
from .loader import SourceFile
from .models import Notice
from .project import Project, read_source, scratch
from .references import CouncilVersions, resolve_document
from .resolved import ResolvedDocument


def link_addenda(project: Project, directory: Path, docs: list[ResolvedDocument],
                 council: CouncilVersions | None, council_source: SourceFile | None = None
                 ) -> list[ResolvedDocument]:
    """Each notice of `docs` with the addenda in `directory` that name it.

    Every file whose own `parent:` names a notice is an input of that notice, even one that
    does not load (its errors are its own to report): when it is fixed, renamed or removed,
    the notice's page is made again.
    """
    notices = {d.slug: d for d in docs if d.kind in processing_kinds()}
    if not notices:
        return docs
    here = {d.slug: d for d in docs}
    named: dict[str, list[str]] = {}
    found: dict[str, list[ResolvedDocument]] = {}
    aside = scratch(project)
    for file in document_files(directory):
        source = None if file.stem in here else read_source(aside, file)
        main = _named(here.get(file.stem), source)
        if main is None or main not in notices or main == file.stem:
            continue
        named.setdefault(main, []).append(display_path(file, project.root))
        addendum = here.get(file.stem) or (
            resolve_document(aside, directory.name, file, source, council, council_source)
            if source is not None and council is not None else None)
        if addendum is not None and isinstance(addendum.model, Notice) and \
                addendum.model.is_addendum:
            found.setdefault(main, []).append(addendum)
    return [_with_addenda(d, found.get(d.slug, []), named.get(d.slug, []))
            if d.slug in named else d for d in docs]


def _named(doc: ResolvedDocument | None, source: SourceFile | None) -> str | None:
    """The notice a document's own `parent:` names, if any."""
    if doc is not None:
        return getattr(doc.model, "parent", None)
    data = source.data if source is not None else None
    main = data.get("parent") if isinstance(data, dict) else None
    return main if isinstance(main, str) else None


def _with_addenda(doc: ResolvedDocument, addenda: list[ResolvedDocument], files: list[str]
                  ) -> ResolvedDocument:
    """The notice, in each of its languages, with its addenda in the same; the files that
    name it, and those its addenda are made from, among its inputs."""
    inputs = tuple(files) + tuple(f for a in addenda for f in a.provenance.inputs)
    provenance = replace(doc.provenance, inputs=tuple(dict.fromkeys(
        doc.provenance.inputs + inputs)))
    versions = {language: replace(version, addenda=tuple(
        a.in_language(language) for a in addenda)) for language, version in doc.versions.items()}
    return replace(doc, addenda=tuple(addenda), provenance=provenance, versions=versions)
