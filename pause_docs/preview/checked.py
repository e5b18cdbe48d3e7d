"""The statuses `serve` has checked, kept on disk between runs: each under the fingerprint
of everything it was checked from (a `Look` at the files), so that a restart checks again
only what changed.

`output/.pause-docs-serve-status.json` (beside the build's manifest) maps each unit checked
— a document file, a council file, the shared files — to its key and what was found. It is
only a cache: a file that is missing, unreadable, of another version or in any way not as
written here is ignored (everything is checked again), and an entry whose key does not match
the files now is never shown.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..build.manifest import MAX_INPUT_BYTES, Fingerprints, registry_state
from ..build.tool import tool_fingerprint
from ..build.writer import write_file
from ..source.errors import Location, Problem, display_path
from ..source.layout import (
    BUNDLED_FORMS,
    COUNCILS_DIR,
    FORMS_DIR,
    programme_files,
    registry_files,
    section_files,
)
from ..source.reader import NotReadable, read_regular
from .status import CouncilStatus, DocumentCheck, DocumentStatus

CACHE_FILE = ".pause-docs-serve-status.json"
SHARED = "shared"  # the unit of the shared files' own problems
VERSION = 1
SEVERITIES = ("error", "warning", "info")

Found = DocumentCheck | CouncilStatus | tuple[Problem, ...]


@dataclass(frozen=True)
class Entry:
    """One unit as last checked: the key of what it was checked from, the files outside its
    council's folder that it used (its programme, sections, forms), and what was found."""

    key: str
    uses: tuple[str, ...]
    found: Found


def read_entries(path: Path, tool: str) -> tuple[dict[str, Entry], dict[str, list[Any]]]:
    """The entries and the cache of file hashes in `path`; none when it cannot be used."""
    try:
        data = json.loads(read_regular(path, MAX_INPUT_BYTES))
        if data["version"] != VERSION or data["tool"] != tool:
            return {}, {}
        entries = {str(unit): _entry(value) for unit, value in data["entries"].items()}
        hashes = {str(k): [int(v[0]), int(v[1]), str(v[2])] for k, v in data["hashes"].items()}
        return entries, hashes
    except (NotReadable, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError):
        return {}, {}


def write_entries(path: Path, tool: str, entries: dict[str, Entry],
                  hashes: dict[str, list[Any]]) -> None:
    """Write them atomically (an OSError is the caller's to report)."""
    data = {"version": VERSION, "tool": tool,
            "entries": {unit: _as_json(entry) for unit, entry in sorted(entries.items())},
            "hashes": dict(sorted(hashes.items()))}
    write_file(path, json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode())


def _as_json(entry: Entry) -> dict[str, Any]:
    found = entry.found
    value: dict[str, Any] = {"key": entry.key, "uses": list(entry.uses)}
    if isinstance(found, DocumentCheck):
        s = found.status
        value["document"] = {
            "council": s.council, "slug": s.slug, "path": s.path, "title": s.title,
            "kind": s.kind, "languages": list(s.languages), "problems": _problems(s.problems),
            "comparable": s.comparable, "draft": s.draft, "written_kind": s.written_kind,
            "in_council": _problems(found.council), "in_shared": _problems(found.shared),
            "inputs": None if found.inputs is None else list(found.inputs)}
    elif isinstance(found, CouncilStatus):
        value["council"] = {"slug": found.slug, "name": found.name,
                            "problems": _problems(found.problems)}
    else:
        value["shared"] = _problems(found)
    return value


def _problems(problems: tuple[Problem, ...]) -> list[list[Any]]:
    return [[p.location.path, p.location.line, p.location.column, p.severity, p.code,
             p.message, p.fix, p.rule] for p in problems]


def _entry(value: dict[str, Any]) -> Entry:
    found: Found
    if "document" in value:
        d = value["document"]
        inputs = d["inputs"]
        status = DocumentStatus(
            _text(d["council"]), _text(d["slug"]), _text(d["path"]), _text(d["title"]),
            _optional(d["kind"]), tuple(_text(x) for x in d["languages"]),
            _read_problems(d["problems"]), bool(d["comparable"]), int(d["draft"]),
            _optional(d["written_kind"]))
        found = DocumentCheck(status, _read_problems(d["in_council"]),
                              _read_problems(d["in_shared"]),
                              None if inputs is None else tuple(_text(x) for x in inputs))
    elif "council" in value:
        c = value["council"]
        found = CouncilStatus(_text(c["slug"]), _text(c["name"]),
                              _read_problems(c["problems"]), ())
    else:
        found = _read_problems(value["shared"])
    return Entry(_text(value["key"]), tuple(_text(x) for x in value["uses"]), found)


def _read_problems(rows: list[list[Any]]) -> tuple[Problem, ...]:
    found = []
    for path, line, column, severity, code, message, fix, rule in rows:
        if severity not in SEVERITIES:
            raise ValueError(f"no severity {severity!r}")
        found.append(Problem(Location(_text(path), int(line), int(column)), severity,
                             _text(code), _text(message), _text(fix), _text(rule)))
    return tuple(found)


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("not text")
    return value


def _optional(value: Any) -> str | None:
    return None if value is None else _text(value)


@functools.cache
def tool() -> str:
    """This tool's fingerprint (its version, code and data, its libraries'), once a run."""
    return tool_fingerprint()


def _digest(*parts: object) -> str:
    return hashlib.sha256("\0".join(map(str, parts)).encode()).hexdigest()


def in_council(file: Path) -> str:
    """A file of a council's folder as problems name it (without resolving it: the folders
    are listed from the project's own)."""
    return f"{COUNCILS_DIR}/{file.parent.name}/{file.name}"


def shared_files(root: Path) -> list[str]:
    """Every file a document may use outside its council's folder: the registry, the
    programmes, the standard sections and the forms (the package's and the project's)."""
    return registry_keys(root) + list(_other_shared(root))


def registry_keys(root: Path) -> list[str]:
    return [_shown(p, root) for p in registry_files(root)]


def _other_shared(root: Path) -> tuple[str, ...]:
    """The programmes, sections and forms, as a build names them."""
    forms = [f for folder in (BUNDLED_FORMS, root / COUNCILS_DIR / FORMS_DIR)
             for f in sorted(folder.rglob("*.yaml"))]
    return tuple(_shown(p, root) for p in [*programme_files(root).values(),
                                           *sorted(section_files(root).values()), *forms])


_SHOWN: dict[tuple[Path, Path], str] = {}


def _shown(path: Path, root: Path) -> str:
    """`display_path`, worked out once a file (it resolves every part of the path)."""
    key = (path, root)
    if key not in _SHOWN:
        _SHOWN[key] = display_path(path, root)
    return _SHOWN[key]


class Look:
    """The project's files at one moment, fingerprinted (each file once), and the keys of the
    units checked from them."""

    def __init__(self, root: Path, hashes: dict[str, list[Any]], day: dt.date) -> None:
        self.root = root
        self.day = day
        self.prints = Fingerprints(root, hashes)
        self.shared = _other_shared(root)
        self.base = _digest(tool(), day.isoformat(), *self.shared,
                            registry_state(self.prints, registry_keys(root)))
        self._folders: dict[Path, str] = {}

    def folder(self, folder: Path) -> str:
        """Every file in a council's folder, by name and contents."""
        if folder not in self._folders:
            found = []
            try:
                with os.scandir(folder) as entries:
                    for entry in entries:
                        if not entry.name.startswith(".") and entry.is_file():
                            found.append(f"{entry.name}={self._sha(folder, entry)}")
            except OSError:
                found = []
            self._folders[folder] = _digest(*sorted(found))
        return self._folders[folder]

    def _sha(self, folder: Path, entry: os.DirEntry[str]) -> str | None:
        """`Fingerprints.sha` of a file listed, from the stat the listing gives (the hash
        cached for its size and time, else read)."""
        key = f"{COUNCILS_DIR}/{folder.name}/{entry.name}"
        known = self.prints.now.get(key)
        if known is not None:
            return known
        try:
            info = entry.stat()
        except OSError:
            return self.prints.sha(key)
        cached = self.prints.cache.get(key)
        if cached is not None and (cached[0], cached[1]) == (info.st_mtime_ns, info.st_size):
            self.prints.now[key] = str(cached[2])
            return self.prints.now[key]
        return self.prints.sha(key)

    def shared_key(self) -> str:
        return _digest(self.base, SHARED, *(f"{k}={self.prints.sha(k)}" for k in self.shared))

    def council_key(self, folder: Path) -> str:
        return _digest(self.base, "council", self.folder(folder))

    def document_key(self, file: Path, uses: Iterable[str]) -> str:
        return _digest(self.base, "document", file.name, self.folder(file.parent),
                       *(f"{k}={self.prints.sha(k)}" for k in uses))
