"""The files the editor may write, found by listing the project's folders: a council's
`council.yaml` and documents, the project's own forms, programmes and standard sections under
`councils/`, and its own registry files in `legal_bases/`.

A browser names a file by the name this listing gives it ('<council>/<document>',
'<council>/council', 'forms/<form>', 'legal_bases/<file>'); no path is ever made by joining what
a request says, so nothing outside these folders can be named, let alone written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..scaffold.schemas import MODELS, kind_of
from ..source.layout import (
    COUNCIL_FILE,
    COUNCILS_DIR,
    FORMS_DIR,
    PROGRAMMES_DIR,
    REGISTRY_DIR,
    SECTIONS_DIR,
    council_dirs,
    document_files,
    yaml_files,
)

NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
"""A council or document name, as `new` accepts it (it becomes part of a web address)."""
COUNCIL_NAME = "council"  # the council's own file, named '<council>/council'


@dataclass(frozen=True)
class EditableFile:
    """One file the editor may change."""

    name: str
    """Its name in the editor's addresses: '<folder>/<stem>'."""
    path: Path
    shown: str
    """Its path as users see it: relative to the project."""
    kind: str
    """The kind of YAML file it is (a key of `scaffold.schemas.MODELS`)."""
    council: str | None = None


def editable_files(root: Path) -> dict[str, EditableFile]:
    """Every file the editor may write, by name."""
    found: dict[str, EditableFile] = {}
    for council, folder in council_dirs(root).items():
        if not NAME.match(council):
            continue
        own = folder / COUNCIL_FILE
        if own.is_file():
            _add(found, root, f"{council}/{COUNCIL_NAME}", own, "council", council)
        for file in document_files(folder):
            if NAME.match(file.stem) and file.is_file():
                _add(found, root, f"{council}/{file.stem}", file, _kind(file), council)
    for where, kind in ((FORMS_DIR, "form"), (PROGRAMMES_DIR, "programme"),
                        (SECTIONS_DIR, "section")):
        for file in yaml_files(root / COUNCILS_DIR / where):
            if NAME.match(file.stem) and file.is_file():
                _add(found, root, f"{where}/{file.stem}", file, kind)
    for file in yaml_files(root / REGISTRY_DIR):
        if NAME.match(file.stem) and file.is_file():
            _add(found, root, f"{REGISTRY_DIR}/{file.stem}", file, "registry")
    return found


def _add(found: dict[str, EditableFile], root: Path, name: str, file: Path, kind: str | None,
         council: str | None = None) -> None:
    if kind is None or kind not in MODELS or name in found:
        return
    if file.is_symlink():  # a link may lead out of the project: the editor writes no link
        return
    found[name] = EditableFile(name, file, file.relative_to(root).as_posix(), kind, council)


def _kind(file: Path) -> str | None:
    try:
        with file.open(encoding="utf-8", errors="replace") as handle:
            return kind_of(handle.read(200_000))
    except OSError:
        return None


def find(root: Path, name: str) -> EditableFile | None:
    """The file called `name` in the listing, or None: the only way a request names a file."""
    return editable_files(root).get(name)
