"""Saving what the form gives: only if the file is as it was when the form was loaded, as YAML
that reads back as exactly what was given, in one atomic step.

A draft with problems is saved as it is (officers save work in progress): what `validate`
and `lint` say about it is shown beside the fields, not a reason to lose it.
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..build.writer import write_file
from ..source.loader import SourceFile, parse_yaml
from ..source.reader import MAX_FILE_BYTES, NotReadable, read_regular
from .roundtrip import CannotWrite, updated


class ChangedOnDisk(Exception):
    """The file changed since the form was loaded: nothing was written."""

    def __init__(self, on_disk: str, yours: str) -> None:
        super().__init__("the file changed on disk since this form was loaded")
        self.on_disk = on_disk
        self.yours = yours

    def differences(self, name: str) -> str:
        """The file on disk against what saving would have made of it, as a unified diff."""
        return "".join(difflib.unified_diff(
            self.on_disk.splitlines(keepends=True), self.yours.splitlines(keepends=True),
            f"{name} (on disk now)", f"{name} (your version)"))


class NotSaved(Exception):
    """The file could not be read or written (said in plain words)."""


@dataclass(frozen=True)
class Loaded:
    """A file as the form was made from it."""

    text: str
    data: Any
    source: SourceFile | None
    fingerprint: str
    problems: tuple[str, ...] = ()


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def read_text(path: Path) -> str:
    try:
        raw = read_regular(path, MAX_FILE_BYTES)
    except NotReadable as exc:
        raise NotSaved(exc.message) from exc
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise NotSaved("the file is not UTF-8 text") from exc


def load(path: Path, shown: str) -> Loaded:
    """The file read with the project's safe loader (the only reader)."""
    text = read_text(path)
    source, problems = parse_yaml(text, shown)
    data = source.data if source is not None else None
    return Loaded(text, data, source, fingerprint(text), tuple(str(p) for p in problems))


def proposed(text: str, data: Any) -> str:
    """The text saving `data` over `text` would write."""
    try:
        return updated(text, data)
    except CannotWrite as exc:
        raise NotSaved(f"pause-docs could not write this as YAML ({exc}); this is a bug in "
                       "pause-docs: please report it. Nothing was written.") from exc


def save(path: Path, loaded_fingerprint: str, data: Any) -> str:
    """Write `data` into the file, keeping its layout; the text written.

    Raises ChangedOnDisk (nothing written) when the file is not as the form loaded it.
    """
    on_disk = read_text(path) if path.exists() else ""
    if fingerprint(on_disk) != loaded_fingerprint:
        raise ChangedOnDisk(on_disk, proposed(on_disk, data))
    text = proposed(on_disk, data)
    try:
        write_file(path, text.encode("utf-8"))
    except OSError as exc:
        raise NotSaved(f"could not write {path.name}: {exc.strerror or exc}. Nothing was "
                       "written.") from exc
    return text
