"""The only code that writes to output/: atomic, confined, and silent when nothing changed."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import ProjectError


def confined(output_root: Path, relative: str) -> Path:
    """`output_root/relative`, refusing anything that would land outside output_root."""
    root = output_root.resolve()
    target = (root / relative).resolve()
    if not target.is_relative_to(root) or target == root:
        raise ProjectError(f"refusing to write {relative!r}: it is outside {output_root}")
    return target


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
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
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
