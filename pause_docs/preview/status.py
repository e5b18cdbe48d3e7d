"""What the preview's index says about a project: every council and document file, each
document with its kind, languages and problems (`validate` and `lint`), and the problems of
the files every document shares (registry, programmes, standard sections)."""

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
from ..source.loading import load_project
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

    def documents(self) -> list[DocumentStatus]:
        return [d for c in self.councils for d in c.documents]

    def all_problems(self) -> list[Problem]:
        found = list(self.shared)
        for council in self.councils:
            found += council.problems
            for doc in council.documents:
                found += doc.problems
        return sorted(set(found))


def overview(root: Path, councils: Iterable[str] | None, day: dt.date) -> Overview:
    """Load and check every document (of the given councils), and sort the problems found
    by the file they belong to."""
    wanted = tuple(councils) if councils else None
    project = load_project(root, councils=wanted)
    left: dict[str, list[Problem]] = {}
    for problem in project.problems:
        left.setdefault(problem.location.path, []).append(problem)
    resolved = {d.path: d for d in project.documents}
    folders = {slug: folder for slug, folder in council_dirs(root).items()
               if wanted is None or slug in wanted}
    files = {slug: [(f, display_path(f, root)) for f in document_files(folder)]
             for slug, folder in folders.items()}
    own = {slug: left.pop(display_path(folder / COUNCIL_FILE, root), [])
           for slug, folder in folders.items()}
    documents = {slug: [(f, path, left.pop(path, [])) for f, path in found]
                 for slug, found in files.items()}
    statuses = []
    for slug in folders:
        council = project.councils.get(slug)
        statuses.append(CouncilStatus(
            slug, council.name if council else slug, tuple(sorted(own[slug])),
            tuple(_document(root, slug, f, path, resolved.get(path), loading, day)
                  for f, path, loading in documents[slug])))
    shared = sorted(p for problems in left.values() for p in problems)
    return Overview(tuple(statuses), tuple(shared), day)


def _document(root: Path, council: str, file: Path, path: str, doc: ResolvedDocument | None,
              loading: list[Problem], day: dt.date) -> DocumentStatus:
    if doc is None:
        # Loaded alone, as its page loads it, it says what stops it: its own mistakes, its
        # council's, a shared file's, or those of the notice it screens.
        alone = load_project(root, only=[file]).problems
        stopping = tuple(sorted(set(loading + alone)))
        return DocumentStatus(council, file.stem, path, file.name, None, DEFAULT_LANGUAGES,
                              stopping, False, _to_fill_in(stopping), _kind_written(file, path))
    problems = sorted(set(loading + lint_document(doc, day)))
    return DocumentStatus(council, doc.slug, path, doc.model.title, doc.kind, languages(doc),
                          tuple(problems), True)


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
