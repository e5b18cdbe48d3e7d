"""Build documents: find what changed, then resolve, render and print it on every core.

A build first compares each document with its record in the output folder's manifest
(`manifest.py`), without loading anything heavy; only documents whose inputs changed are
loaded, rendered to HTML and printed to PDF, a council's documents at a time, in a pool of
worker processes.  A document that fails is reported and the others go on.
"""

from __future__ import annotations

import calendar
import functools
import hashlib
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .errors import Location, Problem, did_you_mean, display_path
from .layout import (
    COUNCIL_FILE,
    COUNCILS_DIR,
    council_dirs,
    document_files,
    programme_files,
    registry_files,
    search_path,
    used_files,
)
from .manifest import (
    MANIFEST,
    Fingerprints,
    Freshness,
    Manifest,
    Record,
    template_files,
    tool_fingerprint,
)
from .writer import remove_temporary, write_if_changed

if TYPE_CHECKING:
    from concurrent.futures import Future

    from .project import Project
    from .resolved import ResolvedDocument

Format = Literal["html", "pdf", "all"]
SUFFIXES: dict[str, tuple[str, ...]] = {"html": ("html",), "pdf": ("pdf",), "all": ("html", "pdf")}
DOCUMENTS_PER_TASK = 4
TASKS_PER_WORKER = 40  # then the worker process is replaced (see `_run`)
SAVE_EVERY = 5.0  # seconds: an interrupted build keeps what it finished
ABSENT = "absent"  # the hash recorded for a registry entry that does not exist


@dataclass
class BuildReport:
    """What a build did, for the summary line and the exit status."""

    built: list[str] = field(default_factory=list)
    """Documents made again (their outputs are written only if their bytes changed)."""
    skipped: list[str] = field(default_factory=list)
    """Documents up to date: nothing they are made from changed."""
    failed: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    """Output files written, relative to the output folder."""
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class Task:
    """Some documents of one council, for one worker."""

    files: tuple[str, ...]
    reuse: tuple[Record | None, ...]
    """Per document, its last record when its PDF may be kept if its HTML is unchanged."""


@dataclass
class Outcome:
    """What a worker made of a task: a record per document built, and every problem."""

    records: dict[str, Record] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def build(root: Path, output: Path, fmt: Format = "all", *,
          councils: Iterable[str] | None = None, force: bool = False, jobs: int | None = None,
          on_progress: Callable[[int], None] | None = None) -> BuildReport:
    """Bring `output` up to date with every document of the project at `root` (or of the
    given councils), as HTML and/or PDF; `force` makes every document again."""
    root = root.resolve()
    report = BuildReport()
    remove_temporary(output)  # what a killed build was half-way through writing
    files = _documents(root, councils, report)
    keys = {f: f.relative_to(root).as_posix() for f in files}
    session = _Session(root, output)
    stale: list[Path] = []
    for file in files:
        if not force and session.fresh(keys[file], _outputs(output, file, fmt)):
            report.skipped.append(keys[file])
        else:
            stale.append(file)
    _progress(on_progress, len(report.skipped))
    if stale or session.must_check_shared:
        report.problems += session.shared.problems
    if not stale:
        session.save(only_if_changed=True)
        return report

    session.fingerprint_inputs(stale)
    workers = jobs or os.cpu_count() or 1
    tasks = _tasks(stale, keys, fmt, session, force, -(-len(stale) // workers))
    workers = min(workers, len(tasks))
    saved = time.monotonic()
    try:
        for outcome in _run(session.shared, tasks, output, fmt, workers):
            for key, record in outcome.records.items():
                session.record(key, record)
                report.built.append(key)
            for key in outcome.failed:
                session.forget(key)
                report.failed.append(key)
            report.written += outcome.written
            report.problems += outcome.problems
            _progress(on_progress, len(outcome.records) + len(outcome.failed))
            if time.monotonic() - saved > SAVE_EVERY:
                session.save()
                saved = time.monotonic()
    finally:
        session.save()
    report.problems = sorted(set(report.problems))
    return report


class _Session:
    """One build's view of an output folder's manifest and the project's files, with the
    registry and programmes loaded only when something needs them."""

    def __init__(self, root: Path, output: Path) -> None:
        self.root = root
        self.output = output
        tool = tool_fingerprint()
        self.manifest = Manifest.read(output)
        if self.manifest.tool != tool:
            self.manifest = Manifest(tool)
        self.templates = search_path(root)
        self.shared_files = [display_path(p, root) for p in
                             registry_files(root) + list(programme_files(root).values())]
        self.fingerprints = Fingerprints(root, self.manifest.files)
        self.freshness = Freshness(self.manifest, self.fingerprints, output, self.templates,
                                   self.shared_files, lambda: self.registry_hashes)

    def fresh(self, key: str, outputs: dict[str, Path]) -> bool:
        return self.freshness.fresh(key, outputs)

    @property
    def must_check_shared(self) -> bool:
        """The registry or a programme changed, or had problems last time: load them."""
        return not self.manifest.shared_clean or self.freshness.shared_changed

    @functools.cached_property
    def shared(self) -> Project:
        from .project import load_shared

        return load_shared(self.root)

    @functools.cached_property
    def registry_hashes(self) -> dict[str, str]:
        return self.shared.registry.fingerprints()

    def fingerprint_inputs(self, stale: list[Path]) -> None:
        """Fingerprint what these documents may be made from, before making them: a file
        edited during the build then no longer matches its record, and is made again."""
        for file in stale:
            for path in (file, file.parent / COUNCIL_FILE):
                self.fingerprints.current(path.relative_to(self.root).as_posix())
        for key in self.shared_files + template_files(self.templates) + used_files(self.root):
            self.fingerprints.current(key)

    def reusable_pdf(self, key: str, pdf: Path) -> Record | None:
        """The document's record if its PDF is still good for the same HTML."""
        record = self.manifest.documents.get(key)
        if (record is None or "pdf" not in record.outputs
                or not self.freshness.assets_unchanged(key)
                or _size(pdf) != record.outputs["pdf"]):
            return None
        return record

    def record(self, key: str, record: Record) -> None:
        hashes = self.registry_hashes
        record.registry = self.manifest.share({e: hashes.get(e, ABSENT)
                                               for e in record.registry})
        record.templates = self.manifest.share(record.templates)
        record.files = [sys.intern(f) for f in record.files]
        for name in (*record.files, *record.assets):
            # inputs first known while making it (a logo, a standard section): fingerprint
            # them now, or the next build takes them for changed
            self.fingerprints.current(name)
        self.manifest.documents[key] = record

    def forget(self, key: str) -> None:
        self.manifest.documents.pop(key, None)

    def save(self, only_if_changed: bool = False) -> None:
        known = self.manifest.files
        now = {k: v for k, v in self.fingerprints.now.items() if v is not None}
        loaded = "shared" in self.__dict__
        if only_if_changed and not loaded and all(known.get(k) == v for k, v in now.items()):
            return
        known.update(now)
        if loaded:
            self.manifest.shared = self.shared_files
            self.manifest.shared_clean = not self.shared.errors
        self.output.mkdir(parents=True, exist_ok=True)
        write_if_changed(self.output, MANIFEST, self.manifest.dumps())


def _documents(root: Path, councils: Iterable[str] | None, report: BuildReport) -> list[Path]:
    folders = council_dirs(root)
    wanted = list(councils) if councils else list(folders)
    for slug in sorted(set(wanted) - set(folders)):
        report.problems.append(Problem(
            Location(f"{COUNCILS_DIR}/{slug}"), "error", "unknown-council",
            f"no council '{slug}'{did_you_mean(slug, folders)}"))
    return [f for slug in sorted(set(wanted) & set(folders)) for f in document_files(folders[slug])]


def _outputs(output: Path, file: Path, fmt: Format) -> dict[str, Path]:
    return {suffix: output / file.parent.name / f"{file.stem}.{suffix}"
            for suffix in SUFFIXES[fmt]}


def output_name(doc: ResolvedDocument, suffix: str) -> str:
    return f"{doc.council_slug}/{doc.slug}.{suffix}"


def _tasks(stale: list[Path], keys: dict[Path, str], fmt: Format, session: _Session,
           force: bool, share: int) -> list[Task]:
    """A council's documents together (its council file is read once), a few at a time,
    and no more than a worker's `share` in one task, so that every worker has some."""
    tasks: list[Task] = []
    for file in stale:
        pdf = _outputs(session.output, file, "pdf")["pdf"]
        reuse = None if force or fmt == "html" else session.reusable_pdf(keys[file], pdf)
        last = tasks[-1] if tasks else None
        if (last is not None and len(last.files) < min(DOCUMENTS_PER_TASK, share)
                and Path(last.files[0]).parent == file.parent):
            tasks[-1] = Task(last.files + (str(file),), last.reuse + (reuse,))
        else:
            tasks.append(Task((str(file),), (reuse,)))
    return tasks


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def _progress(callback: Callable[[int], None] | None, done: int) -> None:
    if callback is not None and done:
        callback(done)


# --- the work itself: in this process, or in each worker of a pool -------------------------

class Worker:
    """Resolves, renders and prints documents against a loaded registry and programmes."""

    def __init__(self, shared: Project, output: Path, fmt: Format) -> None:
        self.shared = shared
        self.output = output
        self.fmt = fmt
        self.templates = search_path(shared.root)

    def run(self, task: Task) -> Outcome:
        from .project import load_documents

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
        return outcome

    def _make(self, doc: ResolvedDocument, reuse: Record | None, outcome: Outcome
              ) -> Record | None:
        from .render import TemplateProblem, render_page

        try:
            page = render_page(doc, self.templates)
        except TemplateProblem as exc:
            outcome.problems.append(exc.problem)
            return None
        html = page.html.encode()
        record = Record(list(doc.inputs), dict.fromkeys(sorted(page.registry), ""),
                        {n: f for n, f in sorted(page.templates.items()) if f is not None},
                        sorted(n for n, f in page.templates.items() if f is None),
                        html=hashlib.sha256(html).hexdigest())
        if self.fmt in ("html", "all"):
            self._write(output_name(doc, "html"), html, outcome)
            record.outputs["html"] = len(html)
            for name, source in sorted(page.publication.files.items()):  # the logo, beside it
                self._write(f"{doc.council_slug}/{name}", Path(source).read_bytes(), outcome)
        if self.fmt in ("pdf", "all"):
            if reuse is not None and reuse.html == record.html:
                record.outputs["pdf"] = reuse.outputs["pdf"]
                record.assets = reuse.assets
                return record
            from .pdf import PAGE_ERRORS, print_pdf

            epoch = calendar.timegm(doc.model.published.timetuple())
            try:
                pdf, assets = print_pdf(page.html, self.templates[0] / "assets", epoch,
                                        page.publication.files)
            except PAGE_ERRORS as exc:
                name = output_name(doc, "pdf")
                outcome.problems.append(Problem(Location(doc.path), "error", "pdf-failed",
                                                f"could not make {name}: {exc}"))
                return None
            self._write(output_name(doc, "pdf"), pdf, outcome)
            record.outputs["pdf"] = len(pdf)
            record.assets = list(assets)
        return record

    def _write(self, name: str, data: bytes, outcome: Outcome) -> None:
        if write_if_changed(self.output, name, data):
            outcome.written.append(name)


def _bug(key: str, exc: BaseException) -> Problem:
    return Problem(Location(key), "error", "internal-error",
                   f"pause-docs failed on this document ({type(exc).__name__}: {exc}); "
                   "this is a bug in pause-docs: please report it")


def _crashed(task: Task, keys: dict[str, str], exc: BaseException) -> Outcome:
    return Outcome(failed=[keys[f] for f in task.files],
                   problems=[_bug(keys[f], exc) for f in task.files])


_WORKER: Worker | None = None
_INHERITED: Project | None = None  # the parent's loaded project, seen by forked workers


def _start_worker(root: Path, output: Path, fmt: Format) -> None:
    global _WORKER
    if _INHERITED is not None and _INHERITED.root == root:
        shared = _INHERITED
    else:
        from .project import load_shared

        shared = load_shared(root)
    _WORKER = Worker(shared, output, fmt)


def _work(task: Task) -> Outcome:
    assert _WORKER is not None, "the pool's initializer did not run"
    return _WORKER.run(task)


def _run(shared: Project, tasks: list[Task], output: Path, fmt: Format, workers: int
         ) -> Iterator[Outcome]:
    if workers <= 1:
        worker = Worker(shared, output, fmt)
        for task in tasks:
            yield worker.run(task)
        return
    if fmt != "html":
        from . import pdf  # noqa: F401 - imported once here, every worker starts with it
    # Each pool's workers make a few hundred documents, then make way for fresh ones: the
    # PDF engine's native caches creep up, and so a build's memory does not grow with its
    # size.
    batch = workers * TASKS_PER_WORKER
    for start in range(0, len(tasks), batch):
        yield from _pool(shared, tasks[start:start + batch], output, fmt, workers)


def _pool(shared: Project, tasks: list[Task], output: Path, fmt: Format, workers: int
          ) -> Iterator[Outcome]:
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    global _INHERITED
    _INHERITED = shared
    broken: list[Task] = []
    pool = ProcessPoolExecutor(max_workers=min(workers, len(tasks)),
                               initializer=_start_worker, initargs=(shared.root, output, fmt))
    try:
        futures: dict[Future[Outcome], Task] = {pool.submit(_work, t): t for t in tasks}
        for future in as_completed(futures):
            try:
                yield future.result()
            except BrokenProcessPool:
                broken.append(futures[future])
    finally:
        pool.shutdown(cancel_futures=True)
        _INHERITED = None
    # A worker died (a crash in a library, or out of memory): try each of the documents it
    # may have been making again, each alone, so that one bad document stops only itself.
    for task in broken:
        for file, reuse in zip(task.files, task.reuse, strict=True):
            yield _alone(shared, Task((file,), (reuse,)), output, fmt)


def _alone(shared: Project, task: Task, output: Path, fmt: Format) -> Outcome:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(max_workers=1, initializer=_start_worker,
                             initargs=(shared.root, output, fmt)) as pool:
        try:
            return pool.submit(_work, task).result()
        except BrokenProcessPool:
            key = Path(task.files[0]).relative_to(shared.root).as_posix()
            return Outcome(failed=[key], problems=[Problem(
                Location(key), "error", "build-crashed",
                "the process making this document stopped unexpectedly (out of memory, or a "
                "crash in the PDF engine); the other documents were built")])
