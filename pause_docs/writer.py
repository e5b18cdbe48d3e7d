"""The only code that writes to output/: atomic, confined, and silent when nothing changed."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from .errors import ProjectError

# Half-written files are hidden (".name.XXXX.pause-docs-tmp") until renamed over the target.
TEMP_SUFFIX = ".pause-docs-tmp"
# One path segment: letters, digits, '.', '_' and '-', not starting with '-' and never '..';
# a leading '.' is allowed for the build's own hidden files.
_SEGMENT = re.compile(r"^\.?[A-Za-z0-9][A-Za-z0-9._-]*$")


def confined(output_root: Path, relative: str) -> Path:
    """`output_root/relative`, refusing anything that would land outside output_root.

    The name must be relative and made of plain segments (no '..', no absolute path, no
    backslash or control character), and it must still be inside output_root once symbolic
    links are followed.
    """
    segments = relative.split("/")
    if not relative or not all(_SEGMENT.match(s) and ".." not in s for s in segments):
        raise ProjectError(f"refusing to write {relative!r}: an output name must be plain "
                           "lower-case words and hyphens, inside the output folder")
    root = output_root.resolve()
    target = (root / relative).resolve()
    if not target.is_relative_to(root) or target == root:
        raise ProjectError(f"refusing to write {relative!r}: it is outside {output_root}")
    return target


def is_temporary(path: Path) -> bool:
    """A file `write_if_changed` was still writing when its process died."""
    return path.name.startswith(".") and path.name.endswith(TEMP_SUFFIX)


def remove_temporary(output_root: Path) -> list[Path]:
    """Delete what a killed build left half-written; the files it names were never touched."""
    if not output_root.is_dir():
        return []
    left = sorted(p for p in output_root.rglob(f".*{TEMP_SUFFIX}") if p.is_file())
    for path in left:
        path.unlink(missing_ok=True)
    return left


def write_if_changed(output_root: Path, relative: str, data: bytes) -> bool:
    """Write `data` atomically unless the file already holds exactly it; True if written.

    The bytes go to a temporary file beside the target, are flushed to disk, then renamed
    over it: a reader (or a build killed half-way) sees the old file or the new, never part.
    """
    target = confined(output_root, relative)
    try:
        if target.read_bytes() == data:
            return False
    except OSError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True
