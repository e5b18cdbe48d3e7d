"""The index's statuses, checked in the background: the index lists every document at once,
each either with the status checked from its files as they are now, or "checking".

A status is kept under a key: the fingerprint of everything it was checked from — the tool
(its version and code), the day lint judges on, the names of the shared files and the
registry's contents, every file in the document's council folder (its own file, its council,
the notices, screenings and addenda it may be linked with, the logo), and the programme,
sections and forms it used (all of them, for a document that does not load). A status is
shown only while its key matches the files now, so an old one is never shown as current;
keys are kept on disk (`checked`), so a restart checks only what changed.

A saved file moves its documents to the front: a document or council file its council's
documents (they may be linked), a programme, section or form the documents that used it, and
anything else every document.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..source.errors import Location, Problem, display_path
from ..source.layout import COUNCILS_DIR, RESERVED_SLUGS, council_dirs, document_files
from ..source.project import Project
from .checked import (
    CACHE_FILE,
    SHARED,
    Entry,
    Found,
    Look,
    in_council,
    read_entries,
    tool,
    write_entries,
)
from .status import (
    CouncilStatus,
    DocumentCheck,
    DocumentStatus,
    Overview,
    check_council,
    check_document,
    checking,
)

OUTPUT_DIR = "output"  # where `build` writes by default: the cache sits beside its manifest
SETTLE = 1.0  # seconds after a save before checking: the page it changed is made first
SAVE_EVERY = 30.0  # seconds between writes of the cache while a long check goes on
LOADING = 60.0  # seconds the index waits for the statuses kept on disk to be read
GATE = "PAUSE_DOCS_CHECK_GATE"  # tests: no check starts until this file exists

Say = Callable[[str], None]


@dataclass(frozen=True)
class Rows:
    """What the index asks for as statuses are found."""

    seq: int
    checking: int
    rows: dict[str, DocumentStatus]


class Checker:
    """Checks the project's documents in a thread of its own, one at a time, the changed
    first, and says what is known now."""

    def __init__(self, root: Path, councils: tuple[str, ...] | None, hashes: dict[str, list[Any]],
                 shared: Callable[[], Project], lock: threading.RLock, say: Say) -> None:
        self.root = root
        self.councils = councils
        self.hashes = hashes
        self.shared = shared
        self.lock = lock  # held for each check: a page being made waits for one at most
        self.say = say
        self.file = root / OUTPUT_DIR / CACHE_FILE
        self.entries: dict[str, Entry] = {}
        self.checks = 0
        """Documents checked by this process (not taken from the cache)."""
        self.seq = 0
        """Moved on at every status found; the index asks for those after its own."""
        self.seqs: dict[str, int] = {}
        self.remaining = 0
        """Documents the checking has still to check (of those it knew to check)."""
        self._first: list[str] = []
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._loaded = threading.Event()
        self._dirty = False
        self._asking = 0
        self._asking_lock = threading.Lock()
        self._warm = False
        self._said = False
        self._thread = threading.Thread(target=self._run, name="pause-docs-check", daemon=True)

    def start(self) -> None:
        self._wake.set()
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(10)
        self._save()

    @contextlib.contextmanager
    def answering(self) -> Iterator[None]:
        """A page is being made: no check starts until it is (the machine is shared)."""
        with self._asking_lock:
            self._asking += 1
        try:
            yield
        finally:
            with self._asking_lock:
                self._asking -= 1

    def folders(self) -> dict[str, Path]:
        return {slug: folder for slug, folder in council_dirs(self.root).items()
                if not self.councils or slug in self.councils}

    # --- what is known now ----------------------------------------------------------------

    def overview(self) -> Overview:
        """Every council and document listed now, each with its status if the one known is
        current, else as being checked (and the checking woken)."""
        if self._thread.ident is not None:  # checking has started: what it kept is read
            self._loaded.wait(LOADING)
        with self.answering():
            return self._overview()

    def _overview(self) -> Overview:
        look = Look(self.root, self.hashes, dt.date.today())
        shared = self._current(SHARED, look.shared_key)
        found: set[Problem] = set(shared.found if shared and isinstance(shared.found, tuple)
                                  else ())
        councils, waiting = [], shared is None
        for slug, folder in self.folders().items():
            council = self._current(f"council:{slug}", functools.partial(look.council_key, folder))
            known = council.found if council and isinstance(council.found, CouncilStatus) \
                else None
            waiting = waiting or known is None
            problems, documents = set(known.problems if known else ()), []
            for file in document_files(folder):
                check = self._document(look, file)
                if check is None:
                    documents.append(checking(slug, file, in_council(file)))
                    continue
                problems.update(check.council)
                found.update(check.shared)
                documents.append(check.status)
            councils.append(CouncilStatus(slug, known.name if known else slug,
                                          tuple(sorted(problems)), tuple(documents)))
        pending = sum(not d.checked for c in councils for d in c.documents)
        if pending or waiting:
            self._wake.set()
        return Overview(tuple(councils), tuple(sorted(found)), look.day, pending, self.seq)

    def rows(self, seq: int) -> Rows:
        """The documents whose status was found after `seq`, each as it is now (checking
        again, if a file changed since)."""
        look = Look(self.root, self.hashes, dt.date.today())
        now, found = self.seq, {}
        for unit, n in list(self.seqs.items()):
            if n > seq and unit.startswith("doc:"):
                path = unit.removeprefix("doc:")
                file = self.root / path
                check = self._document(look, file)
                found[path] = check.status if check else checking(file.parent.name, file, path)
        return Rows(now, self.remaining, found)

    def _current(self, unit: str, key: Callable[[], str]) -> Entry | None:
        """The unit's entry if it is current (its key is worked out only if it has one)."""
        entry = self.entries.get(unit)
        return entry if entry is not None and entry.key == key() else None

    def _document(self, look: Look, file: Path) -> DocumentCheck | None:
        entry = self.entries.get(f"doc:{in_council(file)}")
        if entry is None or entry.key != look.document_key(file, entry.uses):
            return None
        return entry.found if isinstance(entry.found, DocumentCheck) else None

    # --- what changed -----------------------------------------------------------------------

    def changed(self, paths: Iterable[Path]) -> None:
        """Files saved: their documents are checked first (after `SETTLE`)."""
        first = []
        for path in paths:
            key = display_path(path, self.root)
            folder = path.parent
            if folder.parent == self.root / COUNCILS_DIR and folder.name not in RESERVED_SLUGS:
                first.append(f"council:{folder.name}")
                first += [f"doc:{in_council(f)}" for f in document_files(folder)]
            else:
                first.append(SHARED)
                first += [unit for unit, entry in list(self.entries.items())
                          if key in entry.uses]
        self._first = list(dict.fromkeys(first + self._first))
        self._wake.set()

    # --- checking ---------------------------------------------------------------------------

    def _run(self) -> None:
        try:
            self.entries, hashes = read_entries(self.file, tool())
            for key, value in hashes.items():
                self.hashes.setdefault(key, value)
        finally:
            self._loaded.set()
        while not self._stop.is_set():
            self._wake.wait()
            self._wake.clear()
            if self._first:
                self._stop.wait(SETTLE)
            try:
                while not self._stop.is_set() and not self._pass():
                    self._stop.wait(SETTLE)
            except Exception as exc:  # a bug: said, and the statuses stay "checking"
                self.say(f"checking stopped ({type(exc).__name__}: {exc}); this is a bug in "
                         "pause-docs: please report it")
            self._save()

    def _pass(self) -> bool:
        """Check every unit not current, the changed first; False when a new change cut it
        short (another pass then starts, with the files as they are then)."""
        look = Look(self.root, self.hashes, dt.date.today())
        look.shared_key()  # every shared file fingerprinted before any is read
        first, self._first = self._first, []
        units = self._units()
        order = [u for u in first if u in units] + [u for u in units if u not in first]
        todo = [(u, key) for u in order if (key := self._key(look, u, units[u])) is not None]
        self.remaining = sum(u.startswith("doc:") for u, _ in todo)
        saved = time.monotonic()
        for unit, key in todo:
            if self._stop.is_set() or self._first:
                return self._stop.is_set()
            self._gate()
            while self._asking and not self._stop.is_set():
                self._stop.wait(0.01)
            if self._stop.is_set():
                return True
            self._check(look, unit, units[unit], key)
            self.seq += 1
            self.seqs[unit] = self.seq
            self.remaining -= unit.startswith("doc:")
            self._dirty = True
            if time.monotonic() - saved > SAVE_EVERY:
                self._save()
                saved = time.monotonic()
        self.entries = {u: e for u, e in self.entries.items() if u in units}
        if not self._warm:  # the first page then finds the shared files loaded
            self._warm = True
            with self.lock:
                self.shared()
        return True

    def _units(self) -> dict[str, Path | None]:
        units: dict[str, Path | None] = {SHARED: None}
        for slug, folder in self.folders().items():
            units[f"council:{slug}"] = folder
            for file in document_files(folder):
                units[f"doc:{in_council(file)}"] = file
        return units

    def _key(self, look: Look, unit: str, file: Path | None) -> str | None:
        """The unit's key now, or None if the status known is current."""
        entry = self.entries.get(unit)
        if file is None:
            key = look.shared_key()
        elif unit.startswith("council:"):
            key = look.council_key(file)
        else:
            key = look.document_key(file, entry.uses if entry is not None else ())
        return None if entry is not None and entry.key == key else key

    def _check(self, look: Look, unit: str, file: Path | None, key: str) -> None:
        with self.lock:
            found, uses = self._find(look, unit, file)
        if file is not None and not unit.startswith("council:"):
            key = look.document_key(file, uses)  # fingerprints taken before it was read
            self.checks += 1
        self.entries[unit] = Entry(key, uses, found)

    def _find(self, look: Look, unit: str, file: Path | None) -> tuple[Found, tuple[str, ...]]:
        try:
            shared = self.shared()
            if file is None:
                return tuple(shared.problems), look.shared
            if unit.startswith("council:"):
                return check_council(shared, file), ()
            look.folder(file.parent)
            check = check_document(shared, file, look.day)
        except Exception as exc:  # a bug: said in the index, never a traceback or a stop
            path = display_path(file, self.root) if file is not None else SHARED
            problem = Problem(Location(path), "error", "internal-error",
                              f"pause-docs failed checking this ({type(exc).__name__}: {exc}); "
                              "this is a bug in pause-docs: please report it")
            if file is None:
                return (problem,), look.shared
            if unit.startswith("council:"):
                return CouncilStatus(file.name, file.name, (problem,), ()), ()
            check = DocumentCheck(replace(checking(file.parent.name, file, path),
                                          problems=(problem,), checked=True), (), (), None)
        if check.inputs is None:
            return check, look.shared
        here = display_path(file.parent, self.root) + "/"
        return check, tuple(k for k in check.inputs if not k.startswith(here))

    def _gate(self) -> None:
        gate = os.environ.get(GATE)
        while gate and not os.path.exists(gate) and not self._stop.is_set():
            self._stop.wait(0.05)

    def _save(self) -> None:
        entries = list(self.entries.items())
        kept = {unit: entry for unit, entry in entries  # not the withdrawn
                if unit == SHARED or (self.root / unit.removeprefix("doc:")).exists()
                or (unit.startswith("council:") and
                    (self.root / COUNCILS_DIR / unit.removeprefix("council:")).is_dir())}
        if not self._dirty and len(kept) == len(entries):
            return  # nothing checked and nothing withdrawn since the last write
        self._dirty = False
        try:
            write_entries(self.file, tool(), kept, self.hashes.copy())
        except OSError as exc:
            if self._said:
                return
            self._said = True
            self.say(f"could not keep the statuses checked in {display_path(self.file, self.root)}"
                     f" ({exc.strerror or exc}): the next start checks everything again")
