"""Unpublishing: the files of documents that were withdrawn (their YAML is gone), of a
language a document is no longer published in, or a logo no page shows any more, removed
from the output folder.

Only files the build's manifest (or its journal, for a build stopped before it could record
them) says this tool made are removed: never a file of the council's own, however it is
named (`<document>.fr.html` beside the pages stays).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..source.errors import Location, Problem
from ..source.layout import COUNCIL_FILE, COUNCILS_DIR, document_name
from .writer import remove_output

if TYPE_CHECKING:
    from .session import BuildReport, Session
    from .workers import Outcome

# What the build copies beside the pages (the council's logo); no format makes these.
BESIDE = (".svg", ".png", ".jpg", ".jpeg")


def withdraw(session: Session, files: list[Path], councils: set[str] | None,
             report: BuildReport) -> None:
    """Remove the outputs this tool made for documents whose YAML is gone (in the councils
    built, or anywhere when all are), and a council's logo once it has no document left;
    forget their records."""
    present = {document_name(f) for f in files}
    published = {council for council, _ in present}
    manifest = session.manifest
    sources: dict[tuple[str, str], str] | None = None  # indexed only if a page is to go
    for name in sorted(manifest.made):
        council, _, base = name.rpartition("/")
        if councils is not None and council not in councils:
            continue
        if base.endswith(BESIDE):
            if council not in published:
                _retire(session, name, report)
            continue
        stem = base.partition(".")[0]  # a document's name has no '.'
        if (council, stem) in present:
            continue
        if sources is None:
            sources = {(k.rpartition("/")[0].rpartition("/")[2], _stem(k)): k
                       for k in manifest.documents}
        document = sources.get((council, stem), f"{COUNCILS_DIR}/{council}/{stem}.yaml")
        _remove(session, name, document, report.removed, report,
                f"this document is gone, but its {name} could not be removed")
    for key in [k for k in manifest.documents if _withdrawn(k, present, councils)]:
        session.forget(key)


def retire_logos(session: Session, outcome: Outcome, report: BuildReport) -> None:
    """Remove a logo the build once copied beside a council's pages when the documents just
    made of that council show another one (or none)."""
    built = {Path(key).parent.name for key in outcome.records}
    for name in sorted(session.manifest.made):
        council, _, base = name.rpartition("/")
        if council in built and base.endswith(BESIDE) and name not in outcome.beside:
            _retire(session, name, report)


def own_files(outcome: Outcome) -> list[str]:
    """The files of its documents a worker wrote, and the logos it copied beside them."""
    stems = {(Path(k).parent.name, Path(k).stem) for k in outcome.records}
    return [name for name in outcome.written
            if (name.rpartition("/")[0], name.rpartition("/")[2].partition(".")[0]) in stems
            or name in outcome.beside]


def _withdrawn(key: str, present: set[tuple[str, str]], councils: set[str] | None) -> bool:
    council = key.rpartition("/")[0].rpartition("/")[2]
    if councils is not None and council not in councils:
        return False
    return (council, _stem(key)) not in present


def _stem(key: str) -> str:
    """A recorded name's file name without its suffix, as `Path(key).stem` (without making a
    path of each of a project's thousands of records)."""
    name = key.rpartition("/")[2]
    return name.rpartition(".")[0] or name


def drop(session: Session, key: str, names: list[str], report: BuildReport) -> None:
    """Remove a document's files in a language it is no longer published in."""
    for name in names:
        _remove(session, name, key, report.dropped, report,
                f"{name} is no longer published, but could not be removed")


def _retire(session: Session, name: str, report: BuildReport) -> None:
    council = name.rpartition("/")[0]
    removed: dict[str, list[str]] = {}
    _remove(session, name, f"{COUNCILS_DIR}/{council}/{COUNCIL_FILE}", removed, report,
            f"no page shows {name} any more, but it could not be removed")
    report.retired += [n for names in removed.values() for n in names]


def _remove(session: Session, name: str, document: str, removed: dict[str, list[str]],
            report: BuildReport, failure: str) -> None:
    """Remove an output file this tool made, noting it under its document, and forget it;
    a file that cannot be removed is an error, and stays known as this tool's."""
    try:
        if remove_output(session.output, name):
            removed.setdefault(document, []).append(name)
    except OSError as exc:
        report.problems.append(Problem(Location(document), "error", "cannot-remove",
                                       f"{failure}: {exc.strerror or exc}"))
        return
    session.manifest.made.discard(name)
    session.changed = True
