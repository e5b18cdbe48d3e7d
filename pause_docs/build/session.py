"""One build's view of its output folder: the manifest's records, the fingerprints of the
project's files, and what the build did (the report its summary line is made from)."""

from __future__ import annotations

import functools
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..render.formats import ALL, FORMATS, suffixes
from ..source.errors import Location, Problem, ProjectError, display_path
from ..source.layout import document_name, programme_files, registry_files, search_path, used_files
from ..source.reader import MAX_FILE_BYTES, NotReadable, read_regular
from .freshness import Freshness
from .manifest import (
    MANIFEST,
    UNKNOWN,
    Fingerprints,
    Manifest,
    Record,
    output_stat,
    registry_state,
    template_files,
)
from .tool import tool_fingerprint
from .writer import claimed, clear_claims, write_if_changed

if TYPE_CHECKING:
    from ..source.project import Project

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
    retired: list[str] = field(default_factory=list)
    """Files once published beside the pages (a council's logo) that no page shows now,
    removed."""
    problems: list[Problem] = field(default_factory=list)


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
        self.fingerprints = Fingerprints(root, self.manifest.hashes, self.manifest.contents)
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
            outputs = output_files(self.output, file, fmt, record)
            if not force and self.freshness.fresh(record, outputs):
                report.skipped.append(key)
                assert record is not None
                if record.registry_state != self.registry_now and self.registry_trusted:
                    record.registry_state = self.registry_now  # its entries are as they were
                    self.changed = True
            else:
                stale.append(file)
        self.changed |= self.freshness.renewed
        for main in main_notices(stale, files, programme_files(self.root)):  # its addenda
            report.skipped.remove(self.key(main))
            stale.append(main)
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
            for path in files_in(folder):  # its documents, council file and logo
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
        outputs = output_files(self.output, file, ALL, record)
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
        dropped = sorted(n for n in self._made_by_document.get(prefix, ()) if n in
                         self.manifest.made and n.removeprefix(prefix).rpartition(".")[0]
                         not in languages)
        hashes = self.registry_hashes
        taken = self.fingerprints.taken
        record.files = {sys.intern(f): taken(f) for f in record.files}
        for file, digest in record.files.items():
            if digest != UNKNOWN:  # what its YAML says, to compare a later version with
                self.fingerprints.content(file)
        record.registry = self.manifest.share({e: hashes.get(e, ABSENT) for e in record.registry})
        record.registry_state = self.registry_now if self.registry_trusted else UNKNOWN
        record.templates = self.manifest.share(record.templates)
        record.used = self.manifest.share({f: taken(f) for f in record.used})
        record.assets = self.manifest.share({a: taken(a) for a in record.assets})
        self.manifest.documents[key] = record
        self.changed = True
        return dropped

    @functools.cached_property
    def _made_by_document(self) -> dict[str, list[str]]:
        """The files made, by the document they were made for ('council/stem.'), indexed
        once when the first document is recorded: a build's bookkeeping stays linear in the
        project.  The files each document made are named before any is recorded, and only
        its own record drops any, so the index holds every file of a document recorded."""
        index: dict[str, list[str]] = {}
        for name in self.manifest.made:
            council, _, base = name.rpartition("/")
            index.setdefault(f"{council}/{base.partition('.')[0]}.", []).append(name)
        return index

    def forget(self, key: str) -> None:
        self.changed |= self.manifest.documents.pop(key, None) is not None

    def save(self, report: BuildReport, final: bool = False) -> None:
        """Write the manifest if anything in it changed; a failure to write it is reported
        (the documents it would have recorded are made again next time).  `final`: no
        worker is writing any more, so the journal's names are taken into the manifest and
        the journal cleared once it is saved."""
        if final:
            claims = claimed(self.output)
            self.changed |= not claims <= self.manifest.made
            self.manifest.made |= claims
        if "shared" in self.__dict__:
            clean = not self.shared.errors
            if (self.manifest.shared, self.manifest.shared_clean) != (self.shared_now, clean):
                self.manifest.shared, self.manifest.shared_clean = self.shared_now, clean
                self.changed = True
        if not self.changed and self.manifest.hashes == self._saved_hashes:
            if final:
                clear_claims(self.output)
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
        if final:
            clear_claims(self.output)


def output_files(output: Path, file: Path, fmt: str, record: Record | None
                 ) -> dict[str, str]:
    """The files the document has in the formats `fmt` names: '<document>.html' and so on,
    and those in its other languages its record names ('<document>.cy.html')."""
    variants = wanted = suffixes(fmt)
    if record is not None and not record.outputs.keys() <= wanted:  # a no-op build: rarely
        variants = wanted | {v for v in record.outputs if v.rpartition(".")[2] in wanted}
    council, stem = document_name(file)
    folder = os.path.join(output, council)
    return {v: f"{folder}{os.sep}{stem}.{v}" for v in sorted(variants)}


def main_notices(stale: list[Path], files: list[Path], programmes: dict[str, Path]
                 ) -> list[Path]:
    """The notices, not yet to be made, that documents to be made name with `parent:` (their
    own, or their programme's default), unless they are layers for a narrower audience: a
    new or changed addendum changes the page of the notice it adds to, which links to it.
    One removed, renamed or no longer naming it is among that notice's recorded inputs."""
    if not stale:  # a no-op build reads no YAML
        return []
    listed, wanted = set(files), set(stale)
    defaults = {name: _default_parents(path) for name, path in programmes.items()}
    found: list[Path] = []
    for file in stale:
        if not any(defaults.values()) and not _may_name_a_parent(file):
            continue  # most builds: no document is read twice to learn it names none
        data = _yaml_of(file)
        if not isinstance(data, dict) or data.get("audience", "everyone") != "everyone":
            continue
        names = {data["parent"]} if "parent" in data else defaults.get(
            str(data.get("programme")), set())
        for name in sorted(n for n in names if isinstance(n, str)):
            main = file.parent / f"{name}.yaml"
            if main in listed and main not in wanted:
                found.append(main)
                wanted.add(main)
    return found


def _may_name_a_parent(file: Path) -> bool:
    """False only when the file cannot hold a `parent:` key: the word is not in it, and no
    escape in a quoted key could spell it (a file that cannot be read is read later, and
    reported there)."""
    try:
        raw = read_regular(file, MAX_FILE_BYTES)
    except NotReadable:
        return False
    return b"parent" in raw or b"\\" in raw


def _default_parents(programme: Path | None) -> set[object]:
    """Every `parent:` a programme's defaults give, for any family of documents."""
    data = _yaml_of(programme) if programme is not None else None
    defaults = data.get("defaults") if isinstance(data, dict) else None
    return {d["parent"] for d in (defaults.values() if isinstance(defaults, dict) else ())
            if isinstance(d, dict) and "parent" in d}


def _yaml_of(file: Path) -> object:
    """What a YAML file says, or None when it cannot be read (the build reports it): read as
    every file is, so that a pipe, a device or a file too large is refused at once."""
    from ..source.loader import read_yaml

    source, _ = read_yaml(file, file.name)
    return source.data if source is not None else None


def files_in(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.is_file())
    except OSError:
        return []
