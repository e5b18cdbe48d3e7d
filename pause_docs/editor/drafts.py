"""A draft checked and shown before it is saved: its text put in place of the file in a
scratch copy of the project's own folders (the draft is never written into the project), then
loaded, validated, published and linted exactly as `validate`, `lint` and the preview do."""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..check.lint import lint_document
from ..render.edition import render_document
from ..render.html import TemplateProblem
from ..source.errors import Location, Problem
from ..source.layout import COUNCIL_FILE, COUNCILS_DIR, REGISTRY_DIR, council_dirs
from ..source.layout import search_path as template_path
from ..source.loader import SourceFile, parse_yaml
from ..source.loading import load_project
from ..source.logo import read_logo
from ..source.reader import NotReadable, outside, read_regular
from ..translations.status import Needed, needed
from .fields import Path_
from .files import EditableFile

MAX_COPY_BYTES = 20_000_000  # a project's own folders larger than this are not copied


@dataclass(frozen=True)
class Checked:
    """What validate, lint and the page say of a draft."""

    problems: tuple[Problem, ...]
    html: str | None = None
    translations: tuple[Needed, ...] = ()
    paths: dict[Problem, Path_] = field(default_factory=dict)
    """The YAML path of each problem in the draft's own file."""
    files: dict[str, bytes] = field(default_factory=dict)
    """What the page shows from beside it (the council's logo), by the name it uses: the
    bytes the draft was checked with, read by the rules `validate` applies."""


def check(root: Path, file: EditableFile, text: str, language: str | None = None) -> Checked:
    """Validate, lint and publish the project with `text` in place of `file`."""
    with tempfile.TemporaryDirectory(prefix="pause-docs-draft-") as scratch:
        copy = Path(scratch)
        target = _copy(root, file, copy)
        target.write_text(text, encoding="utf-8")
        return _checked(root, copy, file, text, target, language)


def _copy(root: Path, file: EditableFile, copy: Path) -> Path:
    """The project's shared folders (and the draft's council's own files) in `copy`; the
    draft's place in it."""
    councils = root / COUNCILS_DIR
    (copy / COUNCILS_DIR).mkdir()
    for entry in sorted(councils.iterdir()) if councils.is_dir() else []:
        if entry.is_dir() and not entry.is_symlink() and entry.name not in council_dirs(root):
            shutil.copytree(entry, copy / COUNCILS_DIR / entry.name, symlinks=True)
    if (root / REGISTRY_DIR).is_dir():
        shutil.copytree(root / REGISTRY_DIR, copy / REGISTRY_DIR, symlinks=True)
    target = copy / file.shown
    target.parent.mkdir(parents=True, exist_ok=True)
    if file.council is not None:
        own = file.path.parent
        for entry in sorted(own.iterdir()):
            wanted = entry.name == COUNCIL_FILE or entry.suffix.lower() not in (".yaml", ".yml")
            if wanted:
                _copy_file(entry, target.parent / entry.name, root)
    return target


def _copy_file(entry: Path, to: Path, root: Path) -> None:
    """`entry` copied to `to` as `validate` would find it: an ordinary file (or a link to one
    inside the project) as its bytes; a link leading out of the project as a link to the same
    place, which the draft's check then refuses with the reason `validate` gives."""
    if entry.is_symlink() and outside(entry, root):
        with contextlib.suppress(OSError, RuntimeError):
            to.symlink_to(entry.resolve())
        return
    try:
        data = read_regular(entry, MAX_COPY_BYTES)
    except NotReadable:
        return  # a folder, a pipe, a file too large: the draft's check says it is missing
    to.write_bytes(data)


def _checked(root: Path, copy: Path, file: EditableFile, text: str, target: Path,
             language: str | None) -> Checked:
    document = file.council is not None and file.kind != "council"
    project = load_project(copy, only=[target] if document else None,
                           councils=[file.council] if file.council else None)
    problems = list(project.problems)
    html, wanted = None, []
    files: dict[str, bytes] = {}
    doc = next((d for d in project.documents if d.path == file.shown), None)
    if doc is not None:
        try:
            edition = render_document(doc, template_path(root), language)
            if edition.page:
                html = edition.html
                problems += lint_document(doc, dt.date.today(), edition.publication)
        except TemplateProblem as exc:
            problems.append(exc.problem)
        except Exception as exc:  # a bug: said on the page, never a traceback
            problems.append(Problem(Location(file.shown), "error", "internal-error",
                                    f"pause-docs failed on this draft ({type(exc).__name__}: "
                                    f"{exc}); this is a bug in pause-docs: please report it"))
        if html is not None:
            wanted = [n for n in needed(doc) if n.file.path == file.shown]
            files = _beside(edition.publication.files, copy)
    unique = tuple(sorted(set(problems)))
    return Checked(unique, html, tuple(wanted), paths_of(unique, file.shown, text), files)


def _beside(files: dict[str, str], copy: Path) -> dict[str, bytes]:
    """The files a draft's page shows from beside it, read from the scratch copy (which
    holds only the ordinary files of the council's folder: never a link) by `read_logo`."""
    found = {}
    for name, source in files.items():
        try:
            found[name] = read_logo(Path(source), copy)
        except NotReadable:
            continue  # validate has said why: the page shows the logo's words instead
    return found


def paths_of(problems: tuple[Problem, ...], shown: str, text: str) -> dict[Problem, Path_]:
    """The YAML path each problem in `shown` is about: the value (or key) written at its
    line and column, else the last one written before it."""
    source, _ = parse_yaml(text, shown)
    if source is None:
        return {}
    places = _places(source)
    found: dict[Problem, Path_] = {}
    for problem in problems:
        where = problem.location
        if where.path != shown or not where.line:
            continue
        before = [(at, path) for at, path in places if at <= (where.line, where.column)]
        if before:
            found[problem] = max(before, key=lambda item: (item[0], len(item[1])))[1]
    return found


def _places(source: SourceFile) -> list[tuple[tuple[int, int], Path_]]:
    return [((at.line, at.column), path) for table in (source.keys, source.values)
            for path, at in table.items() if path]
