"""What the preview's index says about a project: every council and document file, each
document with its kind, languages and problems (`validate` and `lint`), and the problems of
the files every document shares (registry, programmes, standard sections); and the checks
that find them, one document or council file at a time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..check.lint import lint_document
from ..source.errors import Problem, Severity, display_path
from ..source.kinds import KINDS
from ..source.layout import COUNCIL_FILE, council_dirs, document_files
from ..source.loader import read_yaml
from ..source.loading import load_council, load_documents, load_shared
from ..source.project import Project
from ..source.resolved import ResolvedDocument

DEFAULT_LANGUAGES = ("en",)
TODO = "todo"  # the code of a value still to be filled in (validation)


def languages(doc: ResolvedDocument) -> tuple[str, ...]:
    """The languages a document is published in: its council's, when councils name them."""
    named = getattr(doc.council, "languages", None)
    return tuple(named) if named else DEFAULT_LANGUAGES


def count(problems: Iterable[Problem], severity: Severity) -> int:
    return sum(1 for p in problems if p.severity == severity)


@dataclass(frozen=True)
class DocumentStatus:
    """One document file: what it is, and what is wrong with it."""

    council: str
    slug: str
    path: str
    """Relative to the project, as problems name it: councils/<council>/<file>.yaml."""
    title: str
    kind: str | None
    """None when the file does not load far enough to say."""
    languages: tuple[str, ...]
    problems: tuple[Problem, ...]
    comparable: bool
    """It loads, so `diff` can compare it with its last commit."""
    draft: int = 0
    """Things still marked TODO, when they are all that stops it loading: a scaffold of
    `pause-docs new` not yet filled in."""
    written_kind: str | None = None
    """The kind its file names, when it does not load."""
    checked: bool = True
    """False while it waits to be checked: the index says "checking", not "no problems"."""

    @property
    def errors(self) -> int:
        return count(self.problems, "error")

    @property
    def warnings(self) -> int:
        return count(self.problems, "warning")


@dataclass(frozen=True)
class CouncilStatus:
    slug: str
    name: str
    problems: tuple[Problem, ...]
    """Problems in its council.yaml."""
    documents: tuple[DocumentStatus, ...]


@dataclass(frozen=True)
class Overview:
    """The whole project, as the index shows it."""

    councils: tuple[CouncilStatus, ...]
    shared: tuple[Problem, ...]
    """Problems in files every document may use: the registry, programmes, sections."""
    day: dt.date
    """The day lint judged the documents on."""
    checking: int = 0
    """Documents whose status is still being checked (shown as such, never an old one)."""
    seq: int = 0
    """How far the checking had gone: statuses checked after this are new to the page."""

    def documents(self) -> list[DocumentStatus]:
        return [d for c in self.councils for d in c.documents]

    def all_problems(self) -> list[Problem]:
        found = list(self.shared)
        for council in self.councils:
            found += council.problems
            for doc in council.documents:
                found += doc.problems
        return sorted(set(found))


@dataclass(frozen=True)
class DocumentCheck:
    """What checking one document found: its status, the problems it met in its council's
    file and in shared files, and the files it was made from (None: it did not load)."""

    status: DocumentStatus
    council: tuple[Problem, ...]
    shared: tuple[Problem, ...]
    inputs: tuple[str, ...] | None


def checking(council: str, file: Path, path: str) -> DocumentStatus:
    """A document listed before it is checked: nothing said about it yet."""
    return DocumentStatus(council, file.stem, path, file.name, None, DEFAULT_LANGUAGES, (),
                          False, checked=False)


def check_document(shared: Project, file: Path, day: dt.date) -> DocumentCheck:
    """Load the document alone against `shared` (as its page loads it), and lint it."""
    root = shared.root
    path, council = display_path(file, root), file.parent.name
    project = load_documents(shared, [file])
    doc = next((d for d in project.documents if d.path == path), None)
    council_file = display_path(file.parent / COUNCIL_FILE, root)
    own = [p for p in project.problems if p.location.path == path]
    theirs = tuple(p for p in project.problems if p.location.path == council_file)
    elsewhere = tuple(p for p in project.problems if p.location.path not in (path, council_file))
    if doc is None:
        # It says what stops it: its own mistakes, its council's, a shared file's, or those
        # of the notice it screens.
        stopping = tuple(sorted(set(project.problems + shared.problems)))
        status = DocumentStatus(council, file.stem, path, file.name, None, DEFAULT_LANGUAGES,
                                stopping, False, _to_fill_in(stopping), _kind_written(file, path))
        return DocumentCheck(status, theirs, elsewhere, None)
    problems = tuple(sorted(set(own + lint_document(doc, day))))
    status = DocumentStatus(council, doc.slug, path, doc.model.title, doc.kind,
                            languages(doc), problems, True)
    return DocumentCheck(status, theirs, elsewhere, doc.provenance.inputs)


def check_council(shared: Project, folder: Path) -> CouncilStatus:
    """The council file alone: its name and its problems (its documents are checked apart)."""
    project = load_council(shared, folder)
    council = project.councils.get(folder.name)
    return CouncilStatus(folder.name, council.name if council else folder.name,
                         tuple(project.problems), ())


def overview(root: Path, councils: Iterable[str] | None, day: dt.date) -> Overview:
    """Check every document (of the given councils) now, and sort the problems found by the
    file they belong to."""
    shared = load_shared(root)
    wanted = tuple(councils) if councils else None
    statuses, found = [], set(shared.problems)
    for slug, folder in council_dirs(root).items():
        if wanted is not None and slug not in wanted:
            continue
        council = check_council(shared, folder)
        problems, documents = set(council.problems), []
        for file in document_files(folder):
            check = check_document(shared, file, day)
            problems.update(check.council)
            found.update(check.shared)
            documents.append(check.status)
        statuses.append(CouncilStatus(slug, council.name, tuple(sorted(problems)),
                                      tuple(documents)))
    return Overview(tuple(statuses), tuple(sorted(found)), day)


def _to_fill_in(problems: Iterable[Problem]) -> int:
    """How many TODOs are left, when nothing but TODOs stops a document loading; else 0."""
    errors = [p for p in problems if p.severity == "error"]
    if errors and all(p.code == TODO for p in errors):
        return len(errors)
    return 0


def _kind_written(file: Path, path: str) -> str | None:
    """The `kind:` a document's file names, read alone (None if it does not say)."""
    source, _ = read_yaml(file, path)
    kind = source.data.get("kind") if source is not None and isinstance(source.data, dict) \
        else None
    return kind if isinstance(kind, str) and kind in KINDS else None
