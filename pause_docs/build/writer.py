"""The only code that writes to output/: atomic, confined, locked, and silent when nothing
changed."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import functools
import os
import re
import signal
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..source.errors import OutputError, ProjectError
from ..source.reader import NotReadable, read_regular

# Half-written files are hidden (".name.XXXX.pause-docs-tmp") until renamed over the target.
TEMP_SUFFIX = ".pause-docs-tmp"
LOCK_FILE = ".pause-docs.lock"
# There while a build may be writing: a build killed part-way leaves it, and only then does
# the next one look through the whole folder for what was left half-written (at 20,000
# documents that look was a tenth of a build with nothing to do).
UNFINISHED = ".pause-docs-unfinished"
# Every file a build sets out to write, named before it is written (one line each, appended
# by whichever process writes it): a build killed before it could record a file in the
# manifest still knows the file is the tool's, and may remove it when its document goes.
JOURNAL = ".pause-docs-made.log"
MAX_JOURNAL_BYTES = 64 * 1024 * 1024
# Seconds a build waits for another one writing to the same folder (PAUSE_DOCS_LOCK_WAIT:
# longer on a slow machine, or in a test where two builds must both finish).
LOCK_WAIT = float(os.environ.get("PAUSE_DOCS_LOCK_WAIT", "") or 10.0)
# A controlled point in a build, for the tests that kill one part-way: "before-rename:N"
# (or "after-rename:N") stops the process (SIGSTOP) when its N-th published file is written to its
# temporary file but not yet renamed over the old one (or just after), so that a kill lands
# there by construction, however fast or loaded the machine is.
STOP_AT = "PAUSE_DOCS_STOP_AT"
_reached: dict[str, int] = {}
# One path segment: letters, digits, '.', '_' and '-', not starting with '-' and never '..';
# a leading '.' is allowed for the build's own hidden files.
_SEGMENT = re.compile(r"^\.?[A-Za-z0-9][A-Za-z0-9._-]*$")


@functools.lru_cache(maxsize=16)
def _resolved(output_root: Path) -> Path:
    """The output folder with links followed, once per process (a build writes thousands of
    files into it); each file's own path is still followed every time."""
    return output_root.resolve()


def confined(output_root: Path, relative: str) -> Path:
    """`output_root/relative`, refusing anything that would land outside output_root.

    The name must be relative and made of plain segments (no '..', no absolute path, no
    backslash or control character), and it must still be inside output_root once symbolic
    links are followed.
    """
    if not _plain(relative):
        raise ProjectError(f"refusing to write {relative!r}: an output name must be plain "
                           "lower-case words and hyphens, inside the output folder")
    try:
        root = _resolved(output_root)
        target = (root / relative).resolve()
    except (OSError, RuntimeError) as exc:  # a loop of symbolic links
        raise OutputError(f"cannot write {output_root / relative}: {exc}") from exc
    if not target.is_relative_to(root) or target == root:
        segments = relative.split("/")
        linked = root / segments[0]
        if len(segments) > 1 and linked.is_symlink():
            raise OutputError(
                f"cannot write {relative}: {output_root / segments[0]} is a symbolic link to "
                f"{linked.resolve()}, outside the output folder; pause-docs writes only inside "
                f"it (make {segments[0]} a real folder, or build with --output)")
        raise ProjectError(f"refusing to write {relative!r}: it is outside {output_root}")
    return target


def is_temporary(path: Path | str) -> bool:
    """A file `write_if_changed` was still writing when its process died (by its name)."""
    name = os.path.basename(path)
    return name.startswith(".") and name.endswith(TEMP_SUFFIX)


@contextlib.contextmanager
def unfinished(output_root: Path) -> Iterator[None]:
    """Around a build that holds the folder's lock: first remove what a build killed before
    the end left half-written, then mark the folder until this one ends (however it ends but
    normally, the mark stays)."""
    mark = output_root / UNFINISHED
    if os.path.lexists(mark):
        remove_temporary(output_root)
    try:  # never through a link planted there, as the lock
        os.close(os.open(mark, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW, 0o644))
    except OSError as exc:
        raise OutputError(f"cannot write to the output folder {output_root}: "
                          f"{exc.strerror or exc}") from exc
    yield
    os.unlink(mark)


def remove_temporary(output_root: Path) -> list[Path]:
    """Delete what a killed build left half-written; the files it names were never touched."""
    if not output_root.is_dir():
        return []
    left = sorted(Path(folder, name) for folder, _, names in os.walk(output_root)
                  for name in names if is_temporary(name)
                  and os.path.isfile(os.path.join(folder, name)))
    for path in left:
        path.unlink(missing_ok=True)
    return left


def write_if_changed(output_root: Path, relative: str, data: bytes) -> bool:
    """Write `data` to `output_root/relative` atomically unless the file already holds
    exactly it; True if written."""
    return write_file(confined(output_root, relative), data)


def write_file(target: Path, data: bytes) -> bool:
    """Write `data` to `target` atomically unless it already holds exactly it; True if written.

    The bytes go to a temporary file beside the target, are flushed to disk, then renamed
    over it: a reader (or a build killed half-way) sees the old file or the new, never part.
    An OSError (no permission, a full disk) is raised with the temporary file removed.
    """
    try:
        if read_regular(target, len(data)) == data:
            return False
    except NotReadable:
        pass
    fd, tmp = _temporary(target)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        _checkpoint("before-rename", target)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _checkpoint("after-rename", target)
    return True


def _temporary(target: Path) -> tuple[int, str]:
    """A new hidden temporary file beside `target` (open, and its name), its folder made
    first only when it is missing: a build writes most files into folders that exist, and
    asking for each one first cost a system call and an exception per file."""
    prefix = f".{target.name}."
    try:
        return tempfile.mkstemp(prefix=prefix, suffix=TEMP_SUFFIX, dir=target.parent)
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
        return tempfile.mkstemp(prefix=prefix, suffix=TEMP_SUFFIX, dir=target.parent)


def write_named_file(target: Path, data: bytes) -> None:
    """Write a file the user named on the command line (`diff --html/--pdf/--docx`): into a
    folder that exists (never made on a guess), atomically over a regular file, through a
    terminal-like device (/dev/null, /dev/full), and never over anything else.  Every reason
    it cannot be written is an OutputError naming the file."""
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(
            f"cannot write {target}: {folder} is a file, not a folder" if folder.exists()
            else f"cannot write {target}: the folder {folder} does not exist (create it first, or "
            "give a file in a folder that exists)")
    try:
        mode = target.stat().st_mode
    except OSError:
        mode = stat.S_IFREG  # nothing there yet (or a dangling link, replaced)
    try:
        if stat.S_ISCHR(mode):  # renamed over, the device itself would be replaced
            with open(target, "wb") as device:
                device.write(data)
                device.flush()
        elif stat.S_ISREG(mode):
            write_file(target, data)
        else:
            raise OutputError(f"cannot write {target}: it is not a file (give the name of a "
                              "file to write)")
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from exc


def _checkpoint(point: str, target: Path) -> None:
    """Stop this process here when PAUSE_DOCS_STOP_AT names this point and the count of
    published files written so far (the build's own hidden files are not counted)."""
    wanted = os.environ.get(STOP_AT)
    if not wanted or target.name.startswith("."):
        return
    _reached[point] = _reached.get(point, 0) + 1
    if wanted == f"{point}:{_reached[point]}":
        os.kill(os.getpid(), signal.SIGSTOP)


def claim(output_root: Path, relative: str) -> Path:
    """Note in the journal that this tool is about to write `output_root/relative`; the file
    to write, confined (see `confined`), so that its writer need not check it again."""
    target = confined(output_root, relative)
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(output_root / JOURNAL, flags, 0o644)
    try:
        os.write(fd, f"{relative}\n".encode())
    finally:
        os.close(fd)
    return target


def claimed(output_root: Path) -> set[str]:
    """The files the journal names (plain names inside the output folder only)."""
    path = output_root / JOURNAL
    if path.is_symlink():
        return set()
    try:
        text = read_regular(path, MAX_JOURNAL_BYTES).decode("utf-8", errors="replace")
    except NotReadable:
        return set()
    return plain_names(text.splitlines())


def plain_names(names: Any) -> set[str]:
    """Those of `names` that are plain names inside the output folder (as `confined` wants
    them), from a file this tool wrote and someone may have edited: a name that is not one
    is left out, never followed."""
    if type(names) is not list:
        raise ValueError(f"not a list of names: {names!r}")
    return {name for name in names if type(name) is str and _plain(name)}


def _plain(name: str) -> bool:
    """Relative and made of plain segments: no '..', no absolute path, no backslash or
    control character."""
    return bool(name) and all(_SEGMENT.match(s) and ".." not in s for s in name.split("/"))


def clear_claims(output_root: Path) -> None:
    """Forget the journal, once the manifest records every file it named."""
    with contextlib.suppress(OSError):
        (output_root / JOURNAL).unlink()


def remove_output(output_root: Path, relative: str) -> bool:
    """Delete an output file the tool made (never a folder, link or device), and its folder
    if that is left empty; True if a file was removed."""
    target = confined(output_root, relative)
    try:
        if not stat.S_ISREG(os.lstat(target).st_mode):
            return False
        target.unlink()
    except FileNotFoundError:
        return False
    with contextlib.suppress(OSError):  # not empty, or not ours to remove
        if target.parent != output_root.resolve():
            target.parent.rmdir()
    return True


# Folders no build may write into or over: the system's own (a link named output/ that
# leads to / or /etc would otherwise have pages written there).
SYSTEM_FOLDERS = ("/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/proc",
                  "/sbin", "/sys", "/usr")
# ...and folders a build may write below (/var/www, /srv/site) but not into themselves.
SYSTEM_ROOTS = ("/home", "/mnt", "/media", "/opt", "/root", "/srv", "/tmp", "/var")
# A project's sources: an output folder there would be mixed with what the pages are made from.
SOURCE_FOLDERS = ("councils", "legal_bases", "templates", "schemas", ".git")


def refused_folder(output_root: Path, project_root: Path) -> str:
    """Why `output_root` may not be built into (links followed), or ''."""
    try:
        out, root = output_root.resolve(), project_root.resolve()
    except (OSError, RuntimeError):
        return ""  # a loop of links: making the folder says so
    if out == root or root.is_relative_to(out):
        return (f"it {'is' if out == root else 'contains'} the project folder {root}: a "
                "build would write among the files it is made from (build into a folder of "
                "its own, such as output/)")
    for name in SOURCE_FOLDERS:
        if out.is_relative_to(root / name):
            return (f"it is inside the project's {name}/ folder: a build would write among "
                    "the files it is made from (build into output/)")
    roots = {Path(out.anchor), Path.home().resolve(), *map(Path, SYSTEM_ROOTS)}
    if out in roots or any(out.is_relative_to(folder) for folder in SYSTEM_FOLDERS):
        return f"it is the system folder {out}: pause-docs writes only into a folder of pages"
    return ""


def usable_folder(output_root: Path, project_root: Path | None = None) -> None:
    """Make the output folder if needed; an error saying why it cannot be used otherwise
    (with `project_root`: a system folder, or the project's own sources)."""
    if output_root.exists() and not output_root.is_dir():
        raise ProjectError(f"--output {output_root} is not a folder: give a folder to build "
                           "into")
    refused = refused_folder(output_root, project_root) if project_root is not None else ""
    if refused:
        raise ProjectError(f"refusing to build into {output_root}: {refused}")
    try:
        output_root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot make the output folder {output_root}: "
                          f"{exc.strerror or exc}") from exc


@contextlib.contextmanager
def output_lock(output_root: Path, wait: float = LOCK_WAIT,
                on_wait: Callable[[str], None] | None = None,
                project_root: Path | None = None) -> Iterator[None]:
    """Hold the output folder for one build: another build into the same folder waits up to
    `wait` seconds (`on_wait` is told so, once), then stops with an error saying that one is
    running.

    The lock is the operating system's (flock), so it is let go however a build ends,
    killed included; worker processes inherit it and hold it as long as they live.
    """
    usable_folder(output_root, project_root)
    path = output_root / LOCK_FILE
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:  # never through a link planted there: it would write the file it points to
        fd = os.open(path, flags, 0o644)
    except OSError as exc:
        reason = (f"{path} is a symbolic link; pause-docs does not write through links "
                  "(remove it)" if exc.errno == errno.ELOOP else exc.strerror or str(exc))
        raise OutputError(f"cannot write to the output folder {output_root}: {reason}") \
            from exc
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OutputError(f"cannot write to the output folder {output_root}: {path} is not "
                          "an ordinary file (remove it)")
    try:
        _acquire(fd, output_root, wait, on_wait)
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # lets the lock go (workers still alive keep it until they end)


def _acquire(fd: int, output_root: Path, wait: float,
             on_wait: Callable[[str], None] | None) -> None:
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise OutputError(f"cannot lock the output folder {output_root}: "
                                  f"{exc.strerror or exc}") from exc
        holder = os.pread(fd, 32, 0).decode(errors="replace").strip()
        running = (f"another pause-docs build{f' (process {holder})' if holder.isdigit() else ''}"
                   f" is writing to {output_root}")
        if time.monotonic() >= deadline:
            raise OutputError(f"{running}: wait for it to finish and build again, or build "
                              "into another folder with --output")
        if on_wait is not None and not told:
            on_wait(f"waiting up to {wait:g} s: {running}")
            told = True
        time.sleep(0.1)
