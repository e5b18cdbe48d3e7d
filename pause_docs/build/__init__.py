"""Build documents: find what changed, then resolve, render and print it on every core.

A build holds a lock on its output folder, compares each document with its record in the
folder's manifest (`manifest.py`) without loading anything heavy, removes the pages of
documents that were withdrawn, and has only the documents whose inputs changed made again,
a council's documents at a time, by `workers.py`.  A document that fails is reported and the
others go on.  Whatever stops a build (Ctrl-C, a kill, a full disk), each document's record
is written only once its outputs are, and names the fingerprints its inputs had before it
was made: the next build makes again exactly what is not finished.
"""

from __future__ import annotations

import functools
import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..render.formats import ALL, FORMATS, selected, suffixes
from ..source.errors import Location, Problem, ProjectError, display_path
from ..source.layout import (
    council_dirs,
    document_files,
    programme_files,
    registry_files,
    search_path,
    unknown_councils,
    used_files,
)
from .manifest import (
    MANIFEST,
    UNKNOWN,
    Fingerprints,
    Freshness,
    Manifest,
    Record,
    output_stat,
    registry_state,
    template_files,
    tool_fingerprint,
)
from .unpublish import drop, own_files, withdraw
from .workers import PDF_TIME_LIMIT, Outcome, Settings, Task, run
from .writer import LOCK_WAIT, output_lock, remove_temporary, write_if_changed

if TYPE_CHECKING:
    from ..source.loading import Project

DOCUMENTS_PER_TASK = 4
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
    removed: dict[str, list[str]] = field(default_factory=dict)
    """Withdrawn documents (their YAML is gone) -> the output files removed."""
    dropped: dict[str, list[str]] = field(default_factory=dict)
    """Documents no longer published in a language -> that language's files, removed."""
    problems: list[Problem] = field(default_factory=list)


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
    with output_lock(output, lock_wait, on_wait):
        report = BuildReport()
        remove_temporary(output)  # what a killed build was half-way through writing
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
            session.save(report)
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
            for variant in _outputs(session.output, file, fmt, session.old(keys[file])))
    session.changed = True
    session.save(report)
    workers = jobs or os.cpu_count() or 1
    tasks = _tasks(stale, keys, fmt, session, force, -(-len(stale) // workers))
    outcomes = run(session.shared, tasks, Settings(session.output, fmt, pdf_time_limit),
                   min(workers, len(tasks)))
    saved = time.monotonic()
    try:
        for outcome in outcomes:
            for key, record in outcome.records.items():
                drop(session, key, session.record(key, record), report)
                report.built.append(key)
            for key in outcome.failed:
                session.forget(key)
                report.failed.append(key)
            report.written += outcome.written
            session.manifest.made.update(own_files(outcome))
            report.problems += outcome.problems + _unexplained(outcome)
            _progress(on_progress, len(outcome.records) + len(outcome.failed))
            if time.monotonic() - saved > SAVE_EVERY:
                session.save(report)
                saved = time.monotonic()
    finally:
        outcomes.close()  # stops the workers at once if the build was interrupted
        session.save(report)


def _unexplained(outcome: Outcome) -> list[Problem]:
    """A failed document always says why: one whose failure left no error is a bug."""
    explained = {p.location.path for p in outcome.problems if p.severity == "error"}
    if any(path not in outcome.failed for path in explained):
        return []  # an error in a file the documents share (their council) explains them
    return [Problem(Location(key), "error", "internal-error",
                    "this document was not built and no reason was found; this is a bug in "
                    "pause-docs: please report it")
            for key in outcome.failed if key not in explained]


class Session:
    """One build's view of an output folder's manifest and the project's files, with the
    registry and programmes loaded only when something needs them."""

    def __init__(self, root: Path, output: Path) -> None:
        self.root = root
        self.output = output
        tool = tool_fingerprint()
        self.manifest = Manifest.read(output)
        if self.manifest.tool != tool:
            self.manifest = Manifest(tool, made=self.manifest.made)
        self.templates = search_path(root)
        self.registry_files = [self.key(p) for p in registry_files(root)]
        self.shared_files = self.registry_files + [
            self.key(p) for p in programme_files(root).values()] + used_files(root)
        # Fingerprinted before anything is loaded: what is loaded is at least as new.
        self.fingerprints = Fingerprints(root, self.manifest.hashes)
        shared_now = {k: self.fingerprints.sha(k) or UNKNOWN for k in self.shared_files}
        self.shared_changed = shared_now != self.manifest.shared
        self.shared_now = shared_now
        self.registry_now = registry_state(self.fingerprints, self.registry_files)
        self.freshness = Freshness(self.fingerprints, self.templates, self.registry_now,
                                   lambda: self.registry_hashes)
        self.registry_trusted = False
        """The registry loaded is the one fingerprinted: no file of it changed in between."""
        self.changed = False
        self._saved_hashes = dict(self.manifest.hashes)

    def key(self, path: Path) -> str:
        return display_path(path, self.root)  # a file of the package as 'pause_docs/…'

    def stale(self, files: list[Path], fmt: str, force: bool, report: BuildReport
              ) -> list[Path]:
        """The documents to make; the others are added to the report as skipped."""
        stale: list[Path] = []
        for file in files:
            key = self.key(file)
            record = self.manifest.documents.get(key)
            outputs = _outputs(self.output, file, fmt, record)
            if not force and self.freshness.fresh(record, outputs):
                report.skipped.append(key)
                assert record is not None
                if record.registry_state != self.registry_now and self.registry_trusted:
                    record.registry_state = self.registry_now  # its entries are as they were
                    self.changed = True
            else:
                stale.append(file)
        return stale

    @property
    def must_check_shared(self) -> bool:
        """The registry or a programme changed, or had problems last time: load them."""
        return not self.manifest.shared_clean or self.shared_changed

    @functools.cached_property
    def shared(self) -> Project:
        from ..source.loading import load_shared

        shared = load_shared(self.root)
        self.registry_trusted = self.fingerprints.unchanged(self.registry_files)
        return shared

    @functools.cached_property
    def registry_hashes(self) -> dict[str, str]:
        return self.shared.registry.fingerprints()

    def fingerprint_inputs(self, stale: list[Path]) -> None:
        """Fingerprint what these documents may be made from, before making them: a file
        edited during the build then no longer matches its record, and is made again."""
        for folder in sorted({file.parent for file in stale}):
            for path in _files_in(folder):  # its documents, council file and logo
                self.fingerprints.sha(self.key(path))
        for key in template_files(self.templates):
            self.fingerprints.sha(key)

    def old(self, key: str) -> Record | None:
        return self.manifest.documents.get(key)

    def reusable(self, key: str, file: Path) -> Record | None:
        """The document's record if the files it made from its HTML pages (its PDFs) are
        still good for the same HTML."""
        record = self.manifest.documents.get(key)
        made = suffixes(ALL) - {f.suffix for f in FORMATS.values() if not f.from_html}
        outputs = _outputs(self.output, file, ALL, record)
        if record is None or not self.freshness.assets_unchanged(record) or any(
                output_stat(path) != record.outputs.get(variant)
                for variant, path in outputs.items() if variant.rpartition(".")[2] in made):
            return None
        return record

    def record(self, key: str, record: Record) -> list[str]:
        """Keep a document's record, with the fingerprints taken before it was made; the
        files made for it in a language it is no longer published in, to be removed."""
        prefix = f"{Path(key).parent.name}/{Path(key).stem}."
        languages = {v.rpartition(".")[0] for v in record.outputs}  # '' is its first
        dropped = sorted(n for n in self.manifest.made if n.startswith(prefix)
                         and n.removeprefix(prefix).rpartition(".")[0] not in languages)
        hashes = self.registry_hashes
        taken = self.fingerprints.taken
        record.files = {sys.intern(f): taken(f) for f in record.files}
        record.registry = self.manifest.share({e: hashes.get(e, ABSENT) for e in record.registry})
        record.registry_state = self.registry_now if self.registry_trusted else UNKNOWN
        record.templates = self.manifest.share(record.templates)
        record.used = self.manifest.share({f: taken(f) for f in record.used})
        record.assets = self.manifest.share({a: taken(a) for a in record.assets})
        self.manifest.documents[key] = record
        self.changed = True
        return dropped

    def forget(self, key: str) -> None:
        self.changed |= self.manifest.documents.pop(key, None) is not None

    def save(self, report: BuildReport) -> None:
        """Write the manifest if anything in it changed; a failure to write it is reported
        (the documents it would have recorded are made again next time)."""
        if "shared" in self.__dict__:
            clean = not self.shared.errors
            if (self.manifest.shared, self.manifest.shared_clean) != (self.shared_now, clean):
                self.manifest.shared, self.manifest.shared_clean = self.shared_now, clean
                self.changed = True
        if not self.changed and self.manifest.hashes == self._saved_hashes:
            return
        try:
            write_if_changed(self.output, MANIFEST, self.manifest.dumps())
        except (OSError, ProjectError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else exc.format_message()
            report.problems.append(Problem(
                Location(str(self.output / MANIFEST)), "error", "manifest-not-saved",
                f"could not save the build's record: {reason} (the documents built are "
                "made again next time)"))
            return
        self.changed = False
        self._saved_hashes = dict(self.manifest.hashes)


def _documents(root: Path, councils: Iterable[str] | None, report: BuildReport) -> list[Path]:
    folders = council_dirs(root)
    wanted = list(councils) if councils else list(folders)
    report.problems += unknown_councils(root, wanted)
    return [f for slug in sorted(set(wanted) & set(folders)) for f in document_files(folders[slug])]


def _files_in(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.is_file())
    except OSError:
        return []


def _outputs(output: Path, file: Path, fmt: str, record: Record | None
             ) -> dict[str, Path]:
    """The files the document has in the formats `fmt` names: '<document>.html' and so on,
    and those in its other languages its record names ('<document>.cy.html')."""
    wanted = suffixes(fmt)
    variants = wanted | {v for v in (record.outputs if record else {})
                         if v.rpartition(".")[2] in wanted}
    return {v: output / file.parent.name / f"{file.stem}.{v}" for v in sorted(variants)}


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
