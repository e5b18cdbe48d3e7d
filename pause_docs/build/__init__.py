"""Build documents: find what changed, then resolve, render and print it on every core.

A build holds a lock on its output folder, compares each document with its record in the
folder's manifest (`manifest`) without loading anything heavy, removes the pages of
documents that were withdrawn, and has only the documents whose inputs changed made again,
a council's documents at a time, by `workers`.  A document that fails is reported and the
others go on.  Whatever stops a build (Ctrl-C, a kill, a full disk), each document's record
is written only once its outputs are, and names the fingerprints its inputs had before it
was made: the next build makes again exactly what is not finished.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from ..render.formats import ALL, selected
from ..source.errors import Location, Problem
from ..source.layout import council_dirs, document_files, unknown_councils
from .session import BuildReport, Session, output_files
from .unpublish import drop, own_files, retire_logos, withdraw
from .workers import PDF_TIME_LIMIT, Outcome, Settings, Task, run
from .writer import LOCK_WAIT, output_lock, unfinished

DOCUMENTS_PER_TASK = 4
SAVE_EVERY = 5.0  # seconds: an interrupted build keeps what it finished
# ... and at most every SAVES_SHARE times as long as the last save took: a manifest of
# 20,000 documents takes seconds to write, and saving it every 5 s would make a build's
# bookkeeping grow with the square of its size.
SAVES_SHARE = 20


def build(root: Path, output: Path, fmt: str = ALL, *,
          councils: Iterable[str] | None = None, force: bool = False, jobs: int | None = None,
          on_progress: Callable[[int], None] | None = None,
          on_wait: Callable[[str], None] | None = None, lock_wait: float = LOCK_WAIT,
          pdf_time_limit: float | None = PDF_TIME_LIMIT) -> BuildReport:
    """Bring `output` up to date with every document of the project at `root` (or of the
    given councils), in the format `fmt` names (`formats.choices()`), in each language of
    its council; `force` makes every document again.  Outputs of
    documents that no longer exist are removed.  `on_wait` hears that another build holds
    the output folder, while this one waits for it."""
    root = root.resolve()
    with output_lock(output, lock_wait, on_wait, project_root=root), unfinished(output):
        report = BuildReport()
        files = _documents(root, councils, report)
        session = Session(root, output)
        withdraw(session, files, None if councils is None else set(councils), report)
        stale = session.stale(files, fmt, force, report)
        _progress(on_progress, len(report.skipped))
        if stale or session.must_check_shared:
            report.problems += session.shared.problems
        if stale:
            _make(session, stale, fmt, force, jobs, pdf_time_limit, on_progress, report)
        else:
            session.save(report, final=True)
    report.problems = sorted(set(report.problems))
    return report


def _make(session: Session, stale: list[Path], fmt: str, force: bool, jobs: int | None,
          pdf_time_limit: float | None, on_progress: Callable[[int], None] | None,
          report: BuildReport) -> None:
    """Make the stale documents, saving the manifest as they finish and however it ends."""
    session.fingerprint_inputs(stale)
    keys = {f: session.key(f) for f in stale}
    for file in stale:  # named as this tool's before they are written
        session.manifest.made.update(
            f"{file.parent.name}/{file.stem}.{variant}"
            for variant in output_files(session.output, file, fmt, session.old(keys[file])))
    session.changed = True
    session.save(report)
    workers = jobs or os.cpu_count() or 1
    tasks = _tasks(stale, keys, fmt, session, force, -(-len(stale) // workers))
    outcomes = run(session.shared, tasks, Settings(session.output, fmt, pdf_time_limit),
                   min(workers, len(tasks)))
    saved, cost = time.monotonic(), 0.0
    try:
        for outcome in outcomes:
            session.fingerprints.contents.update(outcome.said)
            for key, record in outcome.records.items():
                drop(session, key, session.record(key, record), report)
                report.built.append(key)
            for key in outcome.failed:
                session.forget(key)
                report.failed.append(key)
            report.written += outcome.written
            session.manifest.made.update(own_files(outcome))
            retire_logos(session, outcome, report)
            report.problems += outcome.problems + _unexplained(outcome)
            _progress(on_progress, len(outcome.records) + len(outcome.failed))
            if time.monotonic() - saved > max(SAVE_EVERY, SAVES_SHARE * cost):
                cost = _timed(session.save, report)
                saved = time.monotonic()
    finally:
        outcomes.close()  # stops the workers at once if the build was interrupted
        session.save(report, final=True)


def _timed(save: Callable[[BuildReport], None], report: BuildReport) -> float:
    started = time.monotonic()
    save(report)
    return time.monotonic() - started


def _unexplained(outcome: Outcome) -> list[Problem]:
    """A failed document always says why: one whose failure left no error is a bug."""
    explained = {p.location.path for p in outcome.problems if p.severity == "error"}
    if any(path not in outcome.failed for path in explained):
        return []  # an error in a file the documents share (their council) explains them
    return [Problem(Location(key), "error", "internal-error",
                    "this document was not built and no reason was found; this is a bug in "
                    "pause-docs: please report it")
            for key in outcome.failed if key not in explained]


def _documents(root: Path, councils: Iterable[str] | None, report: BuildReport) -> list[Path]:
    folders = council_dirs(root)
    wanted = list(councils) if councils else list(folders)
    report.problems += unknown_councils(root, wanted)
    return [f for slug in sorted(set(wanted) & set(folders)) for f in document_files(folders[slug])]


def _tasks(stale: list[Path], keys: dict[Path, str], fmt: str, session: Session,
           force: bool, share: int) -> list[Task]:
    """A council's documents together (its council file is read once), a few at a time,
    and no more than a worker's `share` in one task, so that every worker has some."""
    tasks: list[Task] = []
    for file in stale:
        from_html = any(f.from_html for f in selected(fmt))
        reuse = session.reusable(keys[file], file) if from_html and not force else None
        last = tasks[-1] if tasks else None
        if (last is not None and len(last.files) < min(DOCUMENTS_PER_TASK, share)
                and Path(last.files[0]).parent == file.parent):
            tasks[-1] = Task(last.files + (str(file),), last.reuse + (reuse,))
        else:
            tasks.append(Task((str(file),), (reuse,)))
    return tasks


def _progress(callback: Callable[[int], None] | None, done: int) -> None:
    if callback is not None and done:
        callback(done)
