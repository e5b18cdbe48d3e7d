"""The project being previewed: documents rendered from the source on request, exactly as
`build` would publish them (nothing is written), each with its problems, and the last good
rendering of each kept for when the source stops loading.

A page is made again only when a file it may be made from changed (a file of its council's
folder, a shared file, a template: by size and time) or the day did, so a page asked for
twice is made once, and a save makes again only the pages it may change. The shared files
(registry, programmes, sections, forms) are loaded once for all pages and checks, and again
only when one of them changed. The index's statuses are the `checker`'s.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ..build.manifest import Fingerprints, template_files
from ..check.lint import lint_document
from ..compare import diff_documents
from ..compare.redline import as_html
from ..compare.versions import load_revisions
from ..publish.tree import Publication
from ..render.edition import Edition, render_document
from ..render.html import TemplateProblem, environment
from ..source.errors import CannotCompare, Location, Problem, ProjectError, display_path
from ..source.layout import COUNCILS_DIR, REGISTRY_DIR, council_dirs, document_files
from ..source.layout import search_path as template_path
from ..source.loader import SourceFile
from ..source.loading import load_documents, load_shared
from ..source.project import Project
from ..source.registry import Registry
from ..source.resolved import ResolvedDocument
from .checked import shared_files
from .checker import Checker
from .locate import Target, targets
from .status import Overview, languages

T = TypeVar("T")
REVISION = "HEAD"  # what the redline compares the working tree with


@dataclass(frozen=True)
class DocumentRef:
    """A document file of the project, and the language asked for (None: its first)."""

    council: str
    slug: str
    file: Path
    path: str
    language: str | None = None


@dataclass(frozen=True)
class Rendering:
    """A document's page as `build` would publish it, and the tree it was printed from."""

    html: str
    publication: Publication
    made: dt.datetime
    edition: Edition | None = field(default=None, compare=False)
    """What every output format makes its file from (see `render.formats`)."""
    sources: dict[str, SourceFile] = field(default_factory=dict)
    """The loaded files it was made from, by path: where each of their values starts."""


@dataclass(frozen=True)
class DocumentView:
    """What the preview shows for one document in one language."""

    ref: DocumentRef
    language: str
    rendering: Rendering | None
    """The page now, or the last good one when the source stops it being made."""
    current: bool
    """False when `rendering` is an earlier page (or none): the source has errors that stop
    the page being made."""
    problems: tuple[Problem, ...]
    targets: dict[Problem, Target] = field(default_factory=dict)
    title: str = ""
    kind: str | None = None
    languages: tuple[str, ...] = ("en",)
    comparable: bool = False
    epoch: int = 0
    """Seconds since 1970 at its publication date: the PDF's "now", as `build` sets it."""


@dataclass(frozen=True)
class PrintJob:
    """What the files of a page in other formats are made from, and a fingerprint of all of
    it (the page, its date, its templates and the files it shows, such as the logo)."""

    edition: Edition
    key: str


@dataclass(frozen=True)
class Redline:
    """The comparison with the last commit as a page, or why there is none."""

    html: str | None
    message: str = ""
    problems: tuple[Problem, ...] = ()


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


class Session:
    """One project's preview: renders on request and remembers the last good pages."""

    def __init__(self, root: Path, councils: Iterable[str] = ()) -> None:
        self.root = root.resolve()
        self.councils = tuple(councils) or None
        self.generation = 0
        """Moved on by the watcher at every change it sees."""
        self._lock = threading.RLock()  # one render at a time: the machine is shared
        self._last_good: dict[tuple[str, str, str], Rendering] = {}
        self._memo: dict[Any, tuple[Any, Any]] = {}
        self._known: dict[str, list[Any]] = {}
        """File hashes by size and time, kept with the statuses checked (see `checker`)."""
        self._template_files: list[str] = []
        self._shared: tuple[tuple[str | None, ...], Project] | None = None
        self.checker = Checker(self.root, self.councils, self._known, self.shared, self._lock,
                               lambda message: None)

    def watched(self) -> list[Path]:
        """The folders whose files make the pages: councils (with programmes and sections),
        the registry, and the templates."""
        folders = [self.root / COUNCILS_DIR, self.root / REGISTRY_DIR, *self.templates()]
        return sorted({f.resolve() for f in folders if f.is_dir()})

    def templates(self) -> tuple[Path, ...]:
        return template_path(self.root)

    def changed(self) -> None:
        self.generation += 1

    # --- what to show -----------------------------------------------------------------

    def overview(self) -> Overview:
        """Every document listed now, each with its status if it is known for the files as
        they are now, else as being checked."""
        return self.checker.overview()

    def registry(self) -> Registry:
        """The legal registry (the package's, with the project's own entries), read again
        when one of its files changes."""
        return self.shared().registry

    def shared(self) -> Project:
        """The registry, programmes, standard sections and forms, loaded again only when one
        of their files changed (fingerprinted before they are read)."""
        with self._lock:
            prints = Fingerprints(self.root, self._known)
            state = tuple(prints.sha(k) for k in shared_files(self.root))
            if self._shared is None or self._shared[0] != state:
                self._shared = (state, load_shared(self.root))
            return self._shared[1]

    def find(self, council: str, name: str) -> DocumentRef | None:
        """The document `name` ('slug' or 'slug.language') of `council`, found by listing
        the project's files: no path is ever made from what a browser asks for."""
        folders = council_dirs(self.root)
        if council not in folders or (self.councils and council not in self.councils):
            return None
        slug, dot, language = name.partition(".")
        if dot and not language:
            return None
        for file in document_files(folders[council]):
            if file.stem == slug:
                return DocumentRef(council, slug, file, display_path(file, self.root),
                                   language or None)
        return None

    def document(self, ref: DocumentRef) -> DocumentView | None:
        """The document's page and problems now; None if it has no such language. Made again
        only when a file it may be made from changed: one in its council's folder, a shared
        file or a template (or the day)."""
        with self.checker.answering():
            return self._remember(("document", ref), lambda: self._document(ref),
                                  lambda: (_files([ref.file.parent]), self._shared_state(),
                                           _files(self.templates())))

    def print_job(self, view: DocumentView) -> PrintJob | None:
        """What the files of a current page in every format are made from."""
        if view.rendering is None or not view.current or view.rendering.edition is None:
            return None
        asset_root = view.rendering.edition.asset_root
        files = view.rendering.publication.files
        digest = hashlib.sha256(view.rendering.html.encode())
        digest.update(f"\0{view.epoch}\0{asset_root}".encode())
        for name, source in sorted(files.items()):  # a new logo is a new PDF
            digest.update(f"\0{name}\0".encode() + _read(Path(source)))
        with self._lock:
            prints = Fingerprints(self.root, self._known)
            for name in template_files(self.templates()):
                digest.update(f"\0{name}\0{prints.sha(name) or ''}".encode())
        return PrintJob(view.rendering.edition, digest.hexdigest())

    def file_beside(self, council: str, name: str) -> Path | None:
        """A file a page of `council` shows from beside it (its logo), if one does."""
        folders = council_dirs(self.root)
        if council not in folders or (self.councils and council not in self.councils):
            return None
        for file in document_files(folders[council]):
            view = self.document(DocumentRef(council, file.stem, file,
                                             display_path(file, self.root)))
            source = view.rendering.publication.files.get(name) \
                if view is not None and view.rendering is not None else None
            if source is not None:
                return Path(source)
        return None

    def redline(self, ref: DocumentRef) -> Redline:
        """The document compared with its last commit, as `diff PATH --rev HEAD --html`
        makes it; made afresh each time, as a commit changes no file the preview watches."""
        with self._lock:
            return self._redline(ref)

    # --- making it ----------------------------------------------------------------------

    def _remember(self, key: Any, make: Callable[[], T], files: Callable[[], Any]) -> T:
        with self._lock:
            state = (dt.date.today(), files())
            known = self._memo.get(key)
            if known is not None and known[0] == state:
                result: T = known[1]
                return result
            result = make()
            self._memo[key] = (state, result)
            return result

    def _shared_state(self) -> tuple[str | None, ...]:
        self.shared()
        assert self._shared is not None
        return self._shared[0]

    def _document(self, ref: DocumentRef) -> DocumentView | None:
        shared = self.shared()
        project = load_documents(shared, [ref.file])
        doc = next((d for d in project.documents if d.path == ref.path), None)
        problems = shared.problems + project.problems
        if doc is None:
            language = ref.language or "en"
            return self._view(ref, language, None, problems, title=ref.file.name)
        if ref.language is not None and ref.language not in languages(doc):
            return None
        language = ref.language or languages(doc)[0]
        self._forget_templates_if_added_or_removed()
        page, found = _render(doc, self.templates(), language)
        problems += found
        if page is not None:
            problems += lint_document(doc, dt.date.today(), page.publication)
        return self._view(ref, language, page, problems, doc=doc)

    def _forget_templates_if_added_or_removed(self) -> None:
        """Jinja notices a template file that changed, but not one added in a folder before
        the one it loaded from: when the files are not those of the last page, it loads
        every template afresh."""
        files = template_files(self.templates())
        if files != self._template_files:
            cache = environment(self.templates()).cache
            if cache is not None:
                cache.clear()
            self._template_files = files

    def _view(self, ref: DocumentRef, language: str, page: Edition | None,
              problems: list[Problem], *, doc: ResolvedDocument | None = None,
              title: str = "") -> DocumentView:
        key = (ref.council, ref.slug, language)
        if page is not None and doc is not None:
            self._last_good[key] = Rendering(page.html, page.publication, dt.datetime.now(),
                                             page, _sources(doc))
        rendering = self._last_good.get(key)
        problems = sorted(set(problems))
        found = targets(rendering.publication, problems, rendering.sources) if rendering else {}
        if doc is None:
            return DocumentView(ref, language, rendering, False, tuple(problems), found,
                                title=rendering.publication.title if rendering else title)
        epoch = calendar.timegm(doc.model.published.timetuple())
        return DocumentView(ref, language, rendering, page is not None, tuple(problems), found,
                            title=doc.model.title, kind=doc.kind, languages=languages(doc),
                            comparable=True, epoch=epoch)

    def _redline(self, ref: DocumentRef) -> Redline:
        day = dt.date.today()
        try:
            old, new = load_revisions(ref.file, (REVISION,))
        except CannotCompare as exc:
            return Redline(None, exc.format_message(), tuple(exc.problems))
        except ProjectError as exc:
            return Redline(None, exc.format_message())

        def lint(doc: ResolvedDocument) -> list[Problem]:
            return lint_document(doc, day)

        comparison = diff_documents(old.document, new.document, lint, old_label=old.label,
                                    new_label=new.label)
        return Redline(as_html(comparison))


def _render(doc: ResolvedDocument, templates: tuple[Path, ...], language: str
            ) -> tuple[Edition | None, list[Problem]]:
    """The page as `build` makes it (printed here, where a template's mistake is caught), or
    the problem that stopped it."""
    try:
        edition = render_document(doc, templates, language)
        return (edition if edition.page else None), []
    except TemplateProblem as exc:
        return None, [exc.problem]
    except Exception as exc:  # a bug: said on the page, never a traceback in the browser
        return None, [Problem(Location(doc.path), "error", "internal-error",
                              f"pause-docs failed on this document ({type(exc).__name__}: "
                              f"{exc}); this is a bug in pause-docs: please report it")]


def _sources(doc: ResolvedDocument) -> dict[str, SourceFile]:
    made = doc.provenance
    files = (made.source.own, made.source.inherited, made.council_source, made.programme_source)
    return {f.path: f for f in files if f is not None}


def _files(folders: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    """Every file under `folders` with its modification time and size."""
    found = []
    for folder in folders:
        for top, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                path = os.path.join(top, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                found.append((path, stat.st_mtime_ns, stat.st_size))
    return tuple(found)
