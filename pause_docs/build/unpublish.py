"""Unpublishing: the files of documents that were withdrawn (their YAML is gone), or of a
language a document is no longer published in, removed from the output folder.

Only files the build's manifest says this tool made are removed (and another language's
file of such a document, which a build stopped part-way may have written unrecorded), never
a file of the council's own.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..render.formats import ALL, suffixes
from ..source.errors import Location, Problem
from ..source.layout import COUNCILS_DIR
from .writer import remove_output

if TYPE_CHECKING:
    from .session import BuildReport, Session
    from .workers import Outcome


def withdraw(session: Session, files: list[Path], councils: set[str] | None,
             report: BuildReport) -> None:
    """Remove the outputs this tool made for documents whose YAML is gone (in the councils
    built, or anywhere when all are), and forget their records."""
    present = {(f.parent.name, f.stem) for f in files}
    manifest = session.manifest
    sources = {(k.rpartition("/")[0].rpartition("/")[2], Path(k).stem): k
               for k in manifest.documents}
    for name in sorted(_with_languages(session.output, manifest.made)):
        council, _, base = name.rpartition("/")
        stem = base.partition(".")[0]  # a document's name has no '.'
        if (council, stem) in present or (councils is not None and council not in councils):
            continue
        document = sources.get((council, stem), f"{COUNCILS_DIR}/{council}/{stem}.yaml")
        _remove(session, name, document, report.removed, report,
                f"this document is gone, but its {name} could not be removed")
    for key in [k for k in manifest.documents if _withdrawn(k, present, councils)]:
        session.forget(key)


def _with_languages(output: Path, made: set[str]) -> set[str]:
    """The files this tool made, and any other language's of the same documents (one made
    by a build stopped before it could record it)."""
    found = set(made)
    endings = "|".join(sorted(suffixes(ALL)))
    pattern = re.compile(rf"[a-z0-9-]+\.[a-z]{{2,3}}\.(?:{endings})")
    for council in {name.rpartition("/")[0] for name in made}:
        stems = {n.rpartition("/")[2].partition(".")[0] for n in made
                 if n.startswith(f"{council}/")}
        try:
            files = [f.name for f in (output / council).iterdir()]
        except OSError:
            continue
        found.update(f"{council}/{f}" for f in files
                     if pattern.fullmatch(f) and f.partition(".")[0] in stems)
    return found


def own_files(outcome: Outcome) -> list[str]:
    """The files of its documents a worker wrote (not the logo beside them)."""
    stems = {(Path(k).parent.name, Path(k).stem) for k in outcome.records}
    return [name for name in outcome.written
            if (name.rpartition("/")[0], name.rpartition("/")[2].partition(".")[0]) in stems]


def _withdrawn(key: str, present: set[tuple[str, str]], councils: set[str] | None) -> bool:
    council = key.rpartition("/")[0].rpartition("/")[2]
    if councils is not None and council not in councils:
        return False
    return (council, Path(key).stem) not in present


def drop(session: Session, key: str, names: list[str], report: BuildReport) -> None:
    """Remove a document's files in a language it is no longer published in."""
    for name in names:
        _remove(session, name, key, report.dropped, report,
                f"{name} is no longer published, but could not be removed")


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
