"""What each built document was made from, so that a build remakes only what changed.

`output/.pause-docs-manifest.json` records, for every document built, its input files (its
YAML, its council, its programme), the registry entries it cites, the templates and assets it
used, the hash of its HTML and the outputs written, plus the tool's own fingerprint. Checking
it needs no YAML, model or template: a file whose size and modification time are unchanged
is taken as unchanged, any other is hashed, so a build with nothing to do is near-instant.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from importlib import metadata
from pathlib import Path
from typing import Any

from . import __version__
from .layout import find_template, key_path, shadowed

MANIFEST = ".pause-docs-manifest.json"
VERSION = 3
# Libraries whose version changes what a page looks like.
ENGINES = ("jinja2", "markdown", "nh3", "pydantic", "weasyprint", "pydyf", "fonttools",
           "pikepdf")


@dataclass(slots=True)
class Record:
    """One document as last built: everything its outputs were made from."""

    files: list[str]
    """Its YAML and the files it inherits from, relative to the project (or absolute)."""
    registry: dict[str, str]
    """Registry entries it cites ('table:id' or 'table:*') -> hash of the entry."""
    templates: dict[str, str]
    """Template names looked up -> the file used."""
    absent: list[str] = field(default_factory=list)
    """Template names looked for and not found: one added later would change the page."""
    assets: list[str] = field(default_factory=list)
    """Files the PDF pulled in (images, fonts)."""
    html: str = ""
    """sha256 of its HTML."""
    outputs: dict[str, int] = field(default_factory=dict)
    """'html' / 'pdf' -> size in bytes of the file written."""


def tool_fingerprint() -> str:
    """This tool's version and code, and its rendering libraries' versions."""
    digest = hashlib.sha256(f"{__version__}\0".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(f"{path.relative_to(package)}\0".encode() + path.read_bytes())
    for name in ENGINES:
        try:
            digest.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none\0".encode())
    return digest.hexdigest()


class Fingerprints:
    """The content hash of files, trusting a recorded hash while size and time still match."""

    def __init__(self, root: Path, known: dict[str, list[Any]]) -> None:
        self.root = root
        self.known = known
        self.now: dict[str, list[Any] | None] = {}

    def path(self, key: str) -> Path:
        return key_path(key, self.root)

    def current(self, key: str) -> list[Any] | None:
        """[mtime_ns, size, sha256] of the file now, or None when it is not there."""
        if key in self.now:
            return self.now[key]
        try:
            stat = os.stat(self.path(key))
        except OSError:
            self.now[key] = None
            return None
        known = self.known.get(key)
        if known is not None and known[0] == stat.st_mtime_ns and known[1] == stat.st_size:
            found: list[Any] | None = known
        else:
            try:
                data = self.path(key).read_bytes()
            except OSError:
                data = None
            found = (None if data is None else
                     [stat.st_mtime_ns, stat.st_size, hashlib.sha256(data).hexdigest()])
        self.now[key] = found
        return found

    def changed(self, key: str) -> bool:
        if shadowed(key, self.root):  # a project's own file now replaces the package's
            return True
        now = self.current(key)
        before = self.known.get(key)
        return now is None or before is None or now[2] != before[2]


@dataclass
class Manifest:
    """The records of every document built into one output folder.

    Documents of a kind mostly use the same templates and cite the same entries: those maps
    are kept once (in memory and in the file), so a project's size costs little.
    """

    tool: str = ""
    documents: dict[str, Record] = field(default_factory=dict)
    files: dict[str, list[Any]] = field(default_factory=dict)
    shared: list[str] = field(default_factory=list)
    """Files every document may depend on (registry, programmes), as last loaded."""
    shared_clean: bool = False
    """False when those files had problems: load them again to report the problems."""
    _maps: dict[str, dict[str, Any]] = field(default_factory=dict)

    def share(self, mapping: dict[str, Any]) -> dict[str, Any]:
        """`mapping`, or an equal one already held (not to be changed after)."""
        return self._maps.setdefault(_map_id(mapping), mapping)

    @classmethod
    def read(cls, output: Path) -> Manifest:
        """The manifest in `output`, or an empty one if it is missing, unreadable or old."""
        try:
            data = json.loads((output / MANIFEST).read_text(encoding="utf-8"))
            if data.get("manifest") != VERSION:
                return cls()
            maps: dict[str, dict[str, Any]] = data["maps"]
            manifest = cls(str(data["tool"]), {}, dict(data["files"]), list(data["shared"]),
                           bool(data["shared_clean"]), maps)
            for key, entry in data["documents"].items():
                entry["templates"] = maps[entry["templates"]]
                entry["registry"] = maps[entry["registry"]]
                entry["files"] = [sys.intern(f) for f in entry["files"]]
                manifest.documents[key] = Record(**entry)
            return manifest
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls()

    def dumps(self) -> bytes:
        """The manifest as JSON, keeping only the fingerprints of files still referred to."""
        used = set(self.shared)
        maps: dict[str, dict[str, Any]] = {}
        documents = {}
        for key, record in sorted(self.documents.items()):
            used.update(record.files, record.assets)
            used.update(record.templates.values())
            entry = {f.name: getattr(record, f.name) for f in fields(record)}
            for name in ("templates", "registry"):
                entry[name] = _map_id(entry[name])
                maps[entry[name]] = getattr(record, name)
            documents[key] = entry
        data = {"manifest": VERSION, "tool": self.tool, "shared": sorted(self.shared),
                "shared_clean": self.shared_clean,
                "files": {k: v for k, v in sorted(self.files.items()) if k in used},
                "maps": dict(sorted(maps.items())), "documents": documents}
        return json.dumps(data, separators=(",", ":")).encode()


def _map_id(mapping: dict[str, Any]) -> str:
    text = json.dumps(mapping, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass
class Freshness:
    """Checks records against the files as they are now."""

    manifest: Manifest
    fingerprints: Fingerprints
    output: Path
    templates: tuple[Path, ...]
    shared_now: list[str]
    registry_hashes: Callable[[], dict[str, str]]
    """Hashes of the registry's entries now; called only if a registry file changed."""
    _resolved: dict[str, str | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        before = self.manifest.shared
        self.shared_changed = (sorted(before) != sorted(self.shared_now)
                               or any(self.fingerprints.changed(k) for k in self.shared_now))

    def fresh(self, key: str, outputs: dict[str, Path]) -> bool:
        """True when document `key`'s `outputs` exist as built and nothing it was made from
        has changed."""
        record = self.manifest.documents.get(key)
        if record is None:
            return False
        for suffix, path in outputs.items():
            size = record.outputs.get(suffix)
            try:
                if size is None or os.stat(path).st_size != size:
                    return False
            except OSError:
                return False
        changed = self.fingerprints.changed
        if any(changed(f) for f in record.files) or any(changed(a) for a in record.assets):
            return False
        for name, used in record.templates.items():
            if self._resolve(name) != used or changed(used):
                return False
        if any(self._resolve(name) is not None for name in record.absent):
            return False
        if self.shared_changed:
            now = self.registry_hashes()
            return all(now.get(entry) == digest for entry, digest in record.registry.items())
        return True

    def assets_unchanged(self, key: str) -> bool:
        record = self.manifest.documents.get(key)
        return record is not None and not any(self.fingerprints.changed(a)
                                              for a in record.assets)

    def _resolve(self, name: str) -> str | None:
        if name not in self._resolved:
            found = find_template(self.templates, name)
            self._resolved[name] = str(found) if found is not None else None
        return self._resolved[name]


def template_files(templates: Iterable[Path]) -> list[str]:
    """Every file in the template folders (templates, stylesheets, images, fonts)."""
    return sorted(str(p) for folder in templates for p in folder.rglob("*") if p.is_file())
