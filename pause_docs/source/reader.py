"""Reading a project's files: ordinary files only, and never more bytes than a limit.

A named pipe, a device (`/dev/zero`, `/dev/urandom`) or a socket given a `.yaml` name would
hang or exhaust a process that simply opened and read it; a file that grows while it is read
would slip past a size checked beforehand.  Here the file is opened without blocking, its
kind checked on the open descriptor, and the limit applied to the bytes actually read.
"""

from __future__ import annotations

import errno
import functools
import os
import stat
from pathlib import Path

CHUNK = 1 << 16


MAX_FILE_BYTES = 1_000_000  # a YAML file of the project or the package


class NotReadable(Exception):
    """A file that cannot be read: missing, not an ordinary file, too large or unreadable."""

    def __init__(self, code: str, message: str, size: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.size = size


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the ordinary file at `path` (symbolic links followed), at most `limit`.

    Raises `NotReadable` with code 'not-a-file' (a folder, pipe, device or socket),
    'file-too-large' (more than `limit` bytes, however the file came to be that size) or
    'unreadable' (missing, no permission, a loop of symbolic links, a name too long).
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise NotReadable("unreadable", _reason(exc)) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotReadable("not-a-file", f"not an ordinary file ({_kind(info.st_mode)}): "
                              "pause-docs reads only ordinary files")
        if info.st_size > limit:
            raise NotReadable("file-too-large", _too_large(info.st_size, limit), info.st_size)
        chunks: list[bytes] = []
        read = 0
        while True:
            chunk = os.read(fd, min(CHUNK, limit + 1 - read))
            if not chunk:
                break
            chunks.append(chunk)
            read += len(chunk)
            if read > limit:
                raise NotReadable("file-too-large", _too_large(read, limit, grew=True), read)
        return b"".join(chunks)
    except OSError as exc:
        raise NotReadable("unreadable", _reason(exc)) from exc
    finally:
        os.close(fd)


def _too_large(size: int, limit: int, grew: bool = False) -> str:
    more = "more than " if grew else ""
    return f"{more}{size:,} bytes; files above {limit:,} bytes are refused"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a file"


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "a loop of symbolic links: the link points back at itself"
    if exc.errno == errno.ENAMETOOLONG:
        return "the file name is too long"
    return exc.strerror or str(exc)


@functools.lru_cache(maxsize=16)
def _resolved(folder: Path) -> Path:
    """The project's or the package's folder with links followed, once per process."""
    return folder.resolve()


def outside(file: Path, folder: Path, real: Path | None = None) -> str:
    """Why `file` is not inside `folder` once symbolic links are followed, or ''; `real` is
    `file` with its links followed, when the caller has it already."""
    try:
        target = real if real is not None else file.resolve()
        if target.is_relative_to(_resolved(folder)):
            return ""
    except (OSError, RuntimeError):  # a loop of links: reading it reports that
        return ""
    return (f"a symbolic link to {target}, outside the project: pause-docs reads only the "
            "project's own files (copy the file into the project instead)")
