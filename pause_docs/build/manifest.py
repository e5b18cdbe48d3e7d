"""What each built document was made from, so that a build remakes only what changed.

`output/.pause-docs-manifest.json` holds, for every document built, a record of the files it
was made from *with the fingerprint each had before it was made* (its YAML, its council,
its programme, the standard sections it uses, the templates and assets), the registry
entries it cites, the hash of its HTML and the outputs written.  A file's fingerprint is of
its bytes, so that checking a build with nothing to do reads no YAML; a YAML file whose bytes
changed is compared by what it says (`Fingerprints.content`), so that a comment or a new
layout of the same values makes nothing again.  A record is written only
for a document whose outputs were written in full, so a build stopped at any point leaves
every unfinished document with its old record, which no longer matches its files: the next
build makes it again.  The manifest also names every output file the tool has made (so a
withdrawn document's pages can be removed, and nothing else), and keeps a cache of file
hashes by size and modification time, so that checking it needs no YAML, model or template.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..source.fingerprints import yaml_fingerprint
from ..source.layout import is_yaml, key_path, shadowed
from ..source.reader import MAX_FILE_BYTES, NotReadable, read_regular
from ..source.resources import from_label
from .readback import items, number, outputs, place, places, text, texts
from .writer import claimed, plain_names

MANIFEST = ".pause-docs-manifest.json"
VERSION = 5
# A file changed this recently may change again within the same tick of the file system's
# clock, keeping its size and time: its hash is not cached, so it is read again next time.
RACY_NS = 2_000_000_000
MAX_INPUT_BYTES = 256 * 1024 * 1024  # a template, stylesheet, image or font
UNKNOWN = ""  # a fingerprint not taken before the document was made: never matches


@dataclass(slots=True)
class Record:
    """One document as last built: everything its outputs were made from."""

    files: dict[str, str]
    """Its YAML and the files it inherits from (relative to the project, or absolute) ->
    sha256 of each as it was before the document was made (or of a later version that says
    the same, see `Manifest.contents`)."""
    registry: dict[str, str]
    """Registry entries it cites ('table:id' or 'table:*') -> hash of the entry."""
    templates: dict[str, str]
    """Template names looked up -> the file used."""
    used: dict[str, str] = field(default_factory=dict)
    """Those template files -> sha256 before the document was made."""
    absent: list[str] = field(default_factory=list)
    """Template names looked for and not found: one added later would change the page."""
    assets: dict[str, str] = field(default_factory=dict)
    """Files the PDF pulled in (stylesheet, fonts, images) -> sha256 before it was made."""
    registry_state: str = UNKNOWN
    """The registry files' fingerprint when `registry` was taken: while it holds, no entry
    can have changed and the registry need not be loaded to say so."""
    html: str = ""
    """sha256 of its HTML."""
    outputs: dict[str, list[int]] = field(default_factory=dict)
    """'html' / 'pdf' -> [size, modification time in ns] of the file as written."""


def output_stat(path: str | Path) -> list[int] | None:
    """[size, modification time in ns] of an output file, or None when it is not there."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns]


class Fingerprints:
    """The content hash of files, each taken once per build and remembered.

    `cache` (the manifest's) maps a file to [mtime_ns, size, sha256]: a hash is trusted while
    the file's size and time still match.  It is only a cache: which fingerprints a document
    was made from is in its own record.  `contents` (the manifest's) maps the sha256 of a YAML
    file's bytes to what they say (`content`).
    """

    def __init__(self, root: Path, cache: dict[str, list[Any]],
                 contents: dict[str, str] | None = None) -> None:
        self.root = root
        self.cache = cache
        self.contents = contents if contents is not None else {}
        self.now: dict[str, str | None] = {}
        self._stats: dict[str, tuple[int, int]] = {}
        self._no_content: set[str] = set()

    def path(self, key: str) -> Path:
        return key_path(key, self.root)

    def sha(self, key: str) -> str | None:
        """sha256 of the file now (taken once per build), or None when it cannot be read, or
        when it is a programme or section of the package that a project's own file replaces
        now (what was made from it is out of date)."""
        if key not in self.now and shadowed(key, self.root):
            self.now[key] = None
        if key not in self.now:
            self.now[key] = self._hash(key)
        return self.now[key]

    def content(self, key: str) -> str | None:
        """What the YAML file `key` says (`data_fingerprint` of its data), in the version
        whose `sha` was taken; None when it is not YAML, has an error or changed since."""
        digest = self.sha(key)
        if digest is None or digest in self._no_content or not is_yaml(Path(key)):
            return None
        if digest not in self.contents:
            try:
                raw = read_regular(self.path(key), MAX_FILE_BYTES)
            except NotReadable:
                raw = b""
            said = (yaml_fingerprint(raw, key)
                    if hashlib.sha256(raw).hexdigest() == digest else None)
            if said is None:
                self._no_content.add(digest)
                return None
            self.contents[digest] = said
        return self.contents[digest]

    def says_the_same(self, key: str, before: str) -> bool:
        """The YAML file `key`, whose bytes are no longer those fingerprinted `before`, says
        what it said then: only a comment or the way its values are written changed."""
        said = self.contents.get(before)
        return said is not None and self.content(key) == said

    def taken(self, key: str) -> str:
        """The fingerprint already taken of `key`, or UNKNOWN: never one taken later, after
        something may have been made from a newer version of the file."""
        found = self.now.get(key)
        return found if found is not None else UNKNOWN

    def unchanged(self, keys: Iterable[str]) -> bool:
        """None of these files changed size or time since its fingerprint was taken."""
        for key in keys:
            try:
                info = os.stat(self.path(key))
            except OSError:
                info = None
            stamp = (info.st_mtime_ns, info.st_size) if info else None
            if stamp != self._stats.get(key):
                return False
        return True

    def _hash(self, key: str) -> str | None:
        path: str | Path = os.path.join(self.root, key)
        try:  # `key_path` with one stat, not two: a no-op build hashes every file it names
            info = os.stat(path)
        except OSError:
            package = from_label(key)
            if package is None:
                return None
            try:
                path, info = package, os.stat(package)
            except OSError:
                return None
        stamp = (info.st_mtime_ns, info.st_size)
        self._stats[key] = stamp
        cached = self.cache.get(key)
        if cached is not None and (cached[0], cached[1]) == stamp:
            return str(cached[2])
        try:
            data = read_regular(Path(path), MAX_INPUT_BYTES)
        except NotReadable:
            self.cache.pop(key, None)
            return None
        digest = hashlib.sha256(data).hexdigest()
        if info.st_mtime_ns < time.time_ns() - RACY_NS:
            self.cache[key] = [info.st_mtime_ns, info.st_size, digest]
        else:
            self.cache.pop(key, None)
        return digest


def registry_state(fingerprints: Fingerprints, files: Iterable[str]) -> str:
    """One fingerprint for all the registry's files (names and contents)."""
    digest = hashlib.sha256()
    for key in sorted(files):
        digest.update(f"{key}\0{fingerprints.sha(key)}\0".encode())
    return digest.hexdigest()


@dataclass
class Manifest:
    """The records of every document built into one output folder.

    Documents of a kind mostly use the same templates and cite the same entries: those maps
    are kept once (in memory and in the file), as is each file's fingerprint however many
    records name it (a programme's, by every document), so a project's size costs little
    to read back: a no-op build of 20,000 documents reads 11 MB, not the 22 MB that naming
    every fingerprint in every record took (version 4).
    """

    tool: str = ""
    documents: dict[str, Record] = field(default_factory=dict)
    hashes: dict[str, list[Any]] = field(default_factory=dict)
    """The cache of file hashes (see `Fingerprints`)."""
    contents: dict[str, str] = field(default_factory=dict)
    """The sha256 of a YAML file's bytes that a record names -> what those bytes say (see
    `Fingerprints.content`): kept when the document is made, so that a later version of the
    file can be compared with it by what it says."""
    shared: dict[str, str] = field(default_factory=dict)
    """Files every document may depend on (registry, programmes, sections) -> sha256, as
    last loaded to report their problems."""
    shared_clean: bool = False
    """False when those files had problems: load them again to report the problems."""
    made: set[str] = field(default_factory=set)
    """Every output file this tool has made here (or set out to make), relative to the
    output folder: the only files a build may remove when their document is withdrawn."""
    _maps: dict[str, dict[str, Any]] = field(default_factory=dict)

    def share(self, mapping: dict[str, Any]) -> dict[str, Any]:
        """`mapping`, or an equal one already held (not to be changed after)."""
        return self._maps.setdefault(_map_id(mapping), mapping)

    @classmethod
    def read(cls, output: Path) -> Manifest:
        """The manifest in `output`, or an empty one if it is missing, unreadable or old.

        An older manifest's list of outputs made is kept, so that the outputs it names can
        still be removed when their documents are withdrawn; so are the files the journal
        names (written by a build stopped before it could record them).
        """
        manifest = cls._read(output)
        manifest.made |= claimed(output)
        return manifest

    @classmethod
    def _read(cls, output: Path) -> Manifest:
        try:
            data = json.loads(read_regular(output / MANIFEST, MAX_INPUT_BYTES))
            if data.get("manifest") != VERSION:
                return cls(made=_made_by_older(data))
            return _loaded(data)
        except (NotReadable, ValueError, KeyError, TypeError, AttributeError, IndexError):
            return cls()

    def dumps(self) -> bytes:
        """The manifest as JSON, each file's fingerprint, each shared map and list and the
        registry's state written once and named by records by their place (see `_loaded`);
        only the cached hashes of files still referred to are kept."""
        files, maps, lists = _Table(), _Table(), _Table()
        state = Counter(r.registry_state for r in self.documents.values()).most_common(1)
        common = state[0][0] if state else UNKNOWN
        used = set(self.shared)
        documents = {}
        for key, record in sorted(self.documents.items()):
            used.update(record.files, record.used, record.assets)
            entry: dict[str, Any] = {"f": [files.place((f, d), [f, d, self.contents.get(d, "")])
                                           for f, d in record.files.items()]}
            for short, name in _SHARED_MAPS:
                mapping = getattr(record, name)
                if mapping:
                    entry[short] = maps.place(_map_id(mapping), mapping)
            if record.absent:
                entry["n"] = lists.place(tuple(record.absent), record.absent)
            if record.registry_state != common:
                entry["s"] = record.registry_state
            entry["h"] = record.html
            entry["outputs"] = record.outputs  # named so, an older version finds them
            documents[key] = entry
        for name, (mtime, size, digest) in sorted(self.hashes.items()):
            if name in used:
                files.rows[files.place((name, digest), [name, digest, ""])][3:] = [mtime, size]
        data = {"manifest": VERSION, "tool": self.tool, "shared": dict(sorted(self.shared.items())),
                "shared_clean": self.shared_clean, "made": sorted(self.made),
                "files": [row[:2] if len(row) == 3 and not row[2] else row for row in files.rows],
                "maps": maps.rows, "absent": lists.rows, "registry_state": common,
                "documents": documents}
        return json.dumps(data, separators=(",", ":")).encode()


_SHARED_MAPS = (("r", "registry"), ("t", "templates"), ("u", "used"), ("a", "assets"))


class _Table:
    """Rows written once in the manifest and named by their place, each kept under a key."""

    def __init__(self) -> None:
        self.rows: list[Any] = []
        self._places: dict[Any, int] = {}

    def place(self, key: Any, row: Any) -> int:
        """The place of the row kept under `key`, `row` added there if there is none."""
        found = self._places.get(key)
        if found is None:
            found = self._places[key] = len(self.rows)
            self.rows.append(row)
        return found


def _loaded(data: dict[str, Any]) -> Manifest:
    """A manifest of this version from its JSON.

    `files` lists each file's fingerprint a record names, once: [file, sha256], then what
    those bytes say when known (see `Fingerprints.content`), then the cached [mtime, size]
    when the cache holds that hash.  A record names its files by their place in `files`,
    its registry entries, templates and assets ('r', 't', 'u', 'a') by their place in
    `maps`, its absent templates ('n') by place in `absent`; its registry state ('s') only
    when it is not the common `registry_state`; what is empty is left out.
    """
    names: list[str] = []
    digests: list[str] = []
    manifest = Manifest(text(data["tool"]), {}, {}, {}, texts(data["shared"]),
                        bool(data["shared_clean"]), plain_names(data["made"]))
    for row in data["files"]:
        names.append(text(row[0]))
        digests.append(text(row[1]))
        if len(row) > 2 and row[2]:
            manifest.contents[row[1]] = text(row[2])
        if len(row) > 3:
            manifest.hashes[row[0]] = [number(row[3]), number(row[4]), row[1]]
    maps = [manifest.share(texts(m)) for m in data["maps"]]
    lists = [[text(name) for name in items(absent)] for absent in data["absent"]]
    empty = manifest.share({})
    common = text(data["registry_state"])
    for key, entry in data["documents"].items():
        manifest.documents[text(key)] = Record(
            {names[i]: digests[i] for i in places(entry["f"], len(names))},
            maps[place(entry["r"], maps)] if "r" in entry else empty,
            maps[place(entry["t"], maps)] if "t" in entry else empty,
            maps[place(entry["u"], maps)] if "u" in entry else empty,
            lists[place(entry["n"], lists)] if "n" in entry else [],
            maps[place(entry["a"], maps)] if "a" in entry else empty,
            text(entry.get("s", common)), text(entry["h"]), outputs(entry["outputs"]))
    return manifest


def _made_by_older(data: Any) -> set[str]:
    """The outputs an older manifest records, named as this version names them: its list
    of outputs made (version 4), or those of its records (version 3)."""
    made: set[str] = set()
    listed = data.get("made") if isinstance(data, dict) else None
    if isinstance(listed, list):
        made.update(plain_names(listed))
    documents = data.get("documents") if isinstance(data, dict) else None
    for key, entry in (documents or {}).items():
        council, _, name = str(key).rpartition("/")
        for suffix in (entry.get("outputs") or {}) if isinstance(entry, dict) else ():
            made.add(f"{council.rpartition('/')[2]}/{Path(name).stem}.{suffix}")
    return made


def _map_id(mapping: dict[str, Any]) -> str:
    """The name a record's map is kept under; most documents share their maps, so each is
    named once per process however often the manifest is saved."""
    return _named(tuple(sorted(mapping.items())))


@functools.lru_cache(maxsize=4096)
def _named(items: tuple[tuple[str, Any], ...]) -> str:
    text = json.dumps(dict(items), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def template_files(templates: Iterable[Path]) -> list[str]:
    """Every file in the template folders (templates, stylesheets, images, fonts)."""
    return sorted(str(p) for folder in templates for p in folder.rglob("*") if p.is_file())
