"""The work of a build: resolve, render, print and write documents, in this process or in a
pool of worker processes, each document's failure reported against it alone.

Workers ignore Ctrl-C (the build's own process stops them) and die with the build's process
if it is killed, so that no orphan goes on writing to an output folder nobody holds.
"""

from __future__ import annotations

import calendar
import contextlib
import hashlib
import os
import signal
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..render.formats import FORMATS, OutputFormat, selected
from ..source.errors import Location, Problem, ProjectError
from ..source.layout import COUNCILS_DIR, home, output_name, search_path
from ..source.logo import read_logo
from ..source.reader import NotReadable
from ..source.remembered import take_noted
from .manifest import Record, output_stat
from .writer import claim, write_file

if TYPE_CHECKING:
    from concurrent.futures import Future

    from ..render.edition import Edition
    from ..render.html import Page
    from ..source.project import Project
    from ..source.resolved import ResolvedDocument

TASKS_PER_WORKER = 40  # then the worker process is replaced (see `run`)
# A page prints in well under a second; one that takes minutes is not a notice anyone can
# read (hundreds of pages), and must not hold up every other document of a build.  Far above
# any real document's time, so that it never decides whether a real build succeeds.
PDF_TIME_LIMIT = 120.0


@dataclass(frozen=True)
class Task:
    """Some documents of one council, for one worker."""

    files: tuple[str, ...]
    reuse: tuple[Record | None, ...]
    """Per document, its last record when its PDF may be kept if its HTML is unchanged."""


@dataclass
class Outcome:
    """What a worker made of a task: a record per document built, and every problem.

    A record's `files`, `used` and `assets` name the files only (with empty fingerprints):
    the build fills in the fingerprints it took before the work began.
    """

    records: dict[str, Record] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    beside: set[str] = field(default_factory=set)
    """The files published beside the pages of its documents (their council's logo)."""
    said: dict[str, str] = field(default_factory=dict)
    """What the YAML texts the worker read say, by the sha256 of each text (see
    `remembered`): the build records them without parsing the files again."""


@dataclass(frozen=True)
class Settings:
    output: Path
    fmt: str
    """A name of `formats.choices()`."""
    pdf_time_limit: float | None


class Worker:
    """Resolves, renders and prints documents against a loaded registry and programmes."""

    def __init__(self, shared: Project, settings: Settings) -> None:
        self.shared = shared
        self.settings = settings
        self.templates = search_path(shared.root)

    def run(self, task: Task) -> Outcome:
        from ..source.loading import load_documents

        outcome = Outcome()
        keys = {f: Path(f).relative_to(self.shared.root).as_posix() for f in task.files}
        try:
            loaded = load_documents(self.shared, [Path(f) for f in task.files])
        except Exception as exc:  # a bug: report it against these documents, go on
            return _crashed(task, keys, exc)
        outcome.problems += loaded.problems
        resolved = {d.path: d for d in loaded.documents}
        for file, reuse in zip(task.files, task.reuse, strict=True):
            key = keys[file]
            doc = resolved.get(key)
            record = None
            if doc is not None:
                try:
                    record = self._make(doc, reuse, outcome)
                except Exception as exc:  # a bug: report it against this document, go on
                    outcome.problems.append(_bug(key, exc))
            if record is None:
                outcome.failed.append(key)
            else:
                outcome.records[key] = record
        outcome.said = take_noted()
        return outcome

    def _make(self, doc: ResolvedDocument, reuse: Record | None, outcome: Outcome
              ) -> Record | None:
        """Every file of the document: published once in each of its languages, then made
        in each format asked for from that publication."""
        from ..publish.document import publish_recorded
        from ..render.edition import Edition, template_names
        from ..render.html import TemplateProblem

        epoch = calendar.timegm(doc.model.published.timetuple())
        names = tuple(template_names(doc))
        editions: dict[str, Edition] = {}
        registry: set[str] = set()
        for language in doc.languages:
            publication, used = publish_recorded(doc, language)
            editions[language] = Edition(publication, names, self.templates, epoch,
                                         self.settings.pdf_time_limit)
            registry |= used
        try:  # every page's HTML, whatever the formats: the record's hash of what it shows
            record = _record(doc, [e.page for e in editions.values()], registry)
        except TemplateProblem as exc:
            outcome.problems.append(exc.problem)
            return None
        reusing = reuse is not None and reuse.html == record.html
        for fmt in selected(self.settings.fmt):
            for language, edition in editions.items():
                variant = self._variant(doc, language, fmt.suffix)
                if fmt.from_html and reusing and reuse is not None and variant in reuse.outputs:
                    # the same page as last time: its PDF is still good
                    record.outputs[variant] = reuse.outputs[variant]
                    record.assets.update(reuse.assets)
                    continue
                data = self._format(doc, fmt, edition, variant, record, outcome)
                if data is None or not self._write(doc, variant, data, record, outcome):
                    return None
        for edition in editions.values():
            for name, source in sorted(edition.publication.files.items()):  # the logo
                if not self._write_beside(doc, name, Path(source), outcome):
                    return None
        if self.settings.fmt == "html":
            self._warn_of_old_files(doc, record, outcome)
        return record

    def _variant(self, doc: ResolvedDocument, language: str, suffix: str) -> str:
        """The file's name after '<document>.': 'html', or 'cy.html' in another language."""
        name = output_name(doc.council_slug, doc.slug, suffix, language, doc.languages)
        return name.removeprefix(f"{doc.council_slug}/{doc.slug}.")

    def _format(self, doc: ResolvedDocument, fmt: OutputFormat, edition: Edition,
                variant: str, record: Record, outcome: Outcome) -> bytes | None:
        """The file's bytes in one format, or None with the problem reported."""
        too_slow, page_errors = _failures(fmt)
        name = _name(doc, variant)
        try:
            data, read = fmt.make(edition)
        except too_slow as exc:
            outcome.problems.append(Problem(Location(doc.path), "error", f"{fmt.name}-too-slow",
                                            f"could not make {name}: {exc}; is the document "
                                            "far longer than a notice should be?"))
            return None
        except page_errors as exc:
            outcome.problems.append(Problem(Location(doc.path), "error", f"{fmt.name}-failed",
                                            f"could not make {name}: {exc}"))
            return None
        record.assets.update(dict.fromkeys((self._key(f) for f in read), ""))
        return data

    def _key(self, file: str) -> str:
        """A file a page read, named as the build fingerprints it: a council's own file
        (its logo) by its place in the project, any other (a font) by its full path."""
        path = Path(file)
        if path.is_absolute() and path.is_relative_to(self.shared.root / COUNCILS_DIR):
            return path.relative_to(self.shared.root).as_posix()
        return file

    def _write(self, doc: ResolvedDocument, variant: str, data: bytes, record: Record,
               outcome: Outcome) -> bool:
        name = _name(doc, variant)
        if not self._write_file(doc, name, data, outcome):
            return False
        stat = output_stat(self.settings.output / name)
        if stat is None:
            return False
        record.outputs[variant] = stat
        return True

    def _write_beside(self, doc: ResolvedDocument, name: str, source: Path, outcome: Outcome
                      ) -> bool:
        """Copy a file the page shows (the council's logo) beside it."""
        try:  # checked again: it may have changed since the project was loaded
            data = read_logo(source, home(source, self.shared.root))
        except NotReadable as exc:
            outcome.problems.append(Problem(Location(doc.path), "error", exc.code,
                                            f"could not publish {source.name}: {exc.message}"))
            return False
        outcome.beside.add(f"{doc.council_slug}/{name}")
        return self._write_file(doc, f"{doc.council_slug}/{name}", data, outcome)

    def _write_file(self, doc: ResolvedDocument, name: str, data: bytes, outcome: Outcome
                    ) -> bool:
        try:
            if write_file(claim(self.settings.output, name), data):
                outcome.written.append(name)
        except (OSError, ProjectError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else exc.format_message()
            outcome.problems.append(Problem(Location(doc.path), "error", "cannot-write",
                                            f"could not write {name}: {reason or exc}"))
            return False
        return True

    def _warn_of_old_files(self, doc: ResolvedDocument, record: Record, outcome: Outcome
                           ) -> None:
        """An HTML-only build that changed a page leaves its PDF (and Word file) as they
        were: say so."""
        for variant in record.outputs:
            html = _name(doc, variant)
            if html not in outcome.written:
                continue
            for fmt in FORMATS.values():
                other = html.removesuffix(".html") + f".{fmt.suffix}"
                if fmt.name != "html" and (self.settings.output / other).is_file():
                    outcome.problems.append(Problem(
                        Location(doc.path), "warning", f"old-{fmt.suffix}",
                        f"{html} changed, but {other} was not made again (--format html): "
                        f"build with --format {fmt.name} or all before publishing it"))


class _NeverRaised(BaseException):
    """Stands for a time limit's exception where a format has none."""


def _failures(fmt: OutputFormat
              ) -> tuple[type[BaseException], tuple[type[BaseException], ...]]:
    """What stops a file of this format being made: the time limit's exception, and what a
    page that cannot be made raises.  The PDF engine is imported only for a format that
    uses it, so that an HTML or Word build never loads WeasyPrint."""
    if not fmt.timed:
        return _NeverRaised, (Exception,)
    from ..render.pdf import PAGE_ERRORS, TooSlow

    return TooSlow, PAGE_ERRORS


def _name(doc: ResolvedDocument, variant: str) -> str:
    return f"{doc.council_slug}/{doc.slug}.{variant}"


def _record(doc: ResolvedDocument, pages: list[Page], registry: set[str]) -> Record:
    """What the document's pages were made from (the fingerprints are the build's to fill
    in), and one hash of all its pages' HTML."""
    templates = {n: f for page in pages for n, f in sorted(page.templates.items())
                 if f is not None}
    absent = sorted({n for page in pages for n, f in page.templates.items() if f is None})
    html = hashlib.sha256()
    for page in pages:
        html.update(hashlib.sha256(page.html.encode()).digest())
    return Record(dict.fromkeys(doc.provenance.inputs, ""), dict.fromkeys(sorted(registry), ""),
                  templates, dict.fromkeys(sorted(set(templates.values())), ""), absent,
                  html=html.hexdigest())


def _bug(key: str, exc: BaseException) -> Problem:
    return Problem(Location(key), "error", "internal-error",
                   f"pause-docs failed on this document ({type(exc).__name__}: {exc}); "
                   "this is a bug in pause-docs: please report it")


def _crashed(task: Task, keys: dict[str, str], exc: BaseException) -> Outcome:
    return Outcome(failed=[keys[f] for f in task.files],
                   problems=[_bug(keys[f], exc) for f in task.files])


_WORKER: Worker | None = None
_INHERITED: Project | None = None  # the parent's loaded project, seen by forked workers


def _start_worker(root: Path, settings: Settings, parent: int) -> None:
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the build's own process
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _die_with(parent)
    if _INHERITED is not None and _INHERITED.root == root:
        shared = _INHERITED
    else:
        from ..source.loading import load_shared

        shared = load_shared(root)
    _WORKER = Worker(shared, settings)


def _die_with(parent: int) -> None:
    """Have Linux kill this process when the build's process dies (even by SIGKILL)."""
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # it died before that took effect
        os._exit(1)


def _work(task: Task) -> Outcome:
    assert _WORKER is not None, "the pool's initializer did not run"
    return _WORKER.run(task)


def run(shared: Project, tasks: list[Task], settings: Settings, workers: int
        ) -> Generator[Outcome, None, None]:
    """Every task's outcome, as each finishes."""
    if workers <= 1:
        worker = Worker(shared, settings)
        for task in tasks:
            yield worker.run(task)
        return
    if settings.fmt != "html":
        from ..render import pdf  # noqa: F401 - imported once here, every worker starts with it
    # Each pool's workers make a few hundred documents, then make way for fresh ones: the
    # PDF engine's native caches creep up, and so a build's memory does not grow with its
    # size.
    batch = workers * TASKS_PER_WORKER
    for start in range(0, len(tasks), batch):
        yield from _pool(shared, tasks[start:start + batch], settings, workers)


def _pool(shared: Project, tasks: list[Task], settings: Settings, workers: int
          ) -> Iterator[Outcome]:
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    global _INHERITED
    _INHERITED = shared
    broken: list[Task] = []
    pool = ProcessPoolExecutor(max_workers=min(workers, len(tasks)), initializer=_start_worker,
                               initargs=(shared.root, settings, os.getpid()))
    try:
        # The workers start with Ctrl-C held back until they ignore it, so that one pressed
        # as they start cannot stop them half-made (with a traceback on the terminal).
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            futures: dict[Future[Outcome], Task] = {pool.submit(_work, t): t for t in tasks}
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        for future in as_completed(futures):
            try:
                yield future.result()
            except BrokenProcessPool:
                broken.append(futures[future])
    except BaseException:  # Ctrl-C, or the build stopped: stop the workers now
        _stop_workers()
        raise
    finally:
        pool.shutdown(cancel_futures=True)
        _INHERITED = None
    # A worker died (a crash in a library, or out of memory): try each of the documents it
    # may have been making again, each alone, so that one bad document stops only itself.
    for task in broken:
        for file, reuse in zip(task.files, task.reuse, strict=True):
            yield _alone(shared, Task((file,), (reuse,)), settings)


def _stop_workers() -> None:
    import multiprocessing

    for child in multiprocessing.active_children():
        child.kill()


def _alone(shared: Project, task: Task, settings: Settings) -> Outcome:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(max_workers=1, initializer=_start_worker,
                             initargs=(shared.root, settings, os.getpid())) as pool:
        try:
            return pool.submit(_work, task).result()
        except BrokenProcessPool:
            key = Path(task.files[0]).relative_to(shared.root).as_posix()
            return Outcome(failed=[key], problems=[Problem(
                Location(key), "error", "build-crashed",
                "the process making this document stopped unexpectedly (out of memory, or a "
                "crash in the PDF engine); the other documents were built")])
