"""The two versions `diff` compares: two document files, or one file at git revisions.

A file at a revision is resolved in the project as it was at that revision: its council,
programme, standard sections and legal registry all come from the same commit, so a change
inherited from the programme shows, and the old version reads as it was published.
"""

from __future__ import annotations

import atexit
import io
import re
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..source.errors import (
    CannotCompare,
    Location,
    Problem,
    ProjectError,
    clipped,
    display_path,
)
from ..source.layout import (
    COUNCIL_FILE,
    COUNCILS_DIR,
    FORMS_DIR,
    PROGRAMMES_DIR,
    SECTIONS_DIR,
    council_dirs,
    find_root,
)
from ..source.loading import load_project
from ..source.registry import REGISTRY_DIR
from ..source.resolved import ResolvedDocument

WORKING_TREE = "working tree"


@dataclass(frozen=True)
class Side:
    """One version: the resolved document and how to name it to a reader."""

    document: ResolvedDocument
    label: str


def load_file(file: Path, label: str | None = None, root: Path | None = None) -> Side:
    """The document in `file`, resolved in its own project (the nearest councils/ above it)."""
    root = root or find_root(file.parent)
    if not file.is_file():
        raise CannotCompare([Problem(Location(display_path(file, root)), "error",
                                     "no-such-file", "no such file")])
    project = load_project(root, only=[file])
    wanted = display_path(file, root)
    doc = next((d for d in project.documents if d.path == wanted), None)
    if doc is None:
        problems = list(project.errors)
        if not problems:
            problems = [Problem(Location(display_path(file, root)), "error", "not-a-document",
                                f"not a document: documents are {COUNCILS_DIR}/<council>/"
                                "<name>.yaml inside a project")]
        raise CannotCompare(problems)
    return Side(doc, label or doc.path)


def in_a_council(file: Path, root: Path) -> bool:
    """Whether `file` is a document's place in the project: councils/<council>/<name>.yaml."""
    parts = Path(display_path(file, root)).parts
    return len(parts) == 3 and parts[0] == COUNCILS_DIR


def load_loose(file: Path, root: Path, council: str, label: str) -> Side:
    """A document kept anywhere (a version received by e-mail), resolved as if it were in
    `council`'s folder of the project at `root`: its council, the project's programmes,
    standard sections, forms and registry, copied beside it in a scratch project."""
    folders = council_dirs(root)
    if council not in folders:
        raise ProjectError(f"no council '{council}' in {root / COUNCILS_DIR}: give the "
                           "folder name of the council whose document this is")
    if not file.is_file():
        raise CannotCompare([Problem(Location(str(file)), "error", "no-such-file",
                                     "no such file")])
    there = Path(tempfile.mkdtemp(prefix="pause-docs-diff-"))  # the redline may read it later
    atexit.register(shutil.rmtree, there, ignore_errors=True)
    home = there / COUNCILS_DIR / council
    home.mkdir(parents=True)
    for item in folders[council].iterdir():  # the council and its logo, not its documents
        if (item.is_file() and not item.is_symlink()
                and (item.name == COUNCIL_FILE or item.suffix != ".yaml")):
            shutil.copyfile(item, home / item.name)
    for shared in (f"{COUNCILS_DIR}/{PROGRAMMES_DIR}", f"{COUNCILS_DIR}/{SECTIONS_DIR}",
                   f"{COUNCILS_DIR}/{FORMS_DIR}", REGISTRY_DIR):
        if (root / shared).is_dir():
            shutil.copytree(root / shared, there / shared, symlinks=True)  # links still refused
    # Named as a document may be named ('Notice v2 (legal).yaml' as 'notice-v2-legal.yaml').
    copy = home / f"{re.sub('[^a-z0-9]+', '-', file.stem.lower()).strip('-') or 'document'}.yaml"
    shutil.copyfile(file, copy)
    return load_file(copy, label, there)


def load_revisions(file: Path, revisions: tuple[str, ...]) -> tuple[Side, Side]:
    """`file` at the first revision, and at the second one or else in the working tree."""
    root = find_root(file.parent)
    relative = Path(display_path(file, root))
    if relative.is_absolute():
        raise ProjectError(f"{file} is not inside the project {root}")
    sides = [_at_revision(root, relative, rev) for rev in revisions]
    if len(sides) == 1:
        sides.append(load_file(file, f"{relative.as_posix()} ({WORKING_TREE})", root))
    return sides[0], sides[1]


def _at_revision(root: Path, relative: Path, rev: str) -> Side:
    shown = clipped(rev)
    # Resolved first, then peeled to its commit: 'rev^{commit}' would change what some
    # revisions mean (':/text' searches commit messages for everything after the ':/').
    named = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", rev,
                 what=_missing(root, shown)).strip()
    commit = _git(root, "rev-parse", "--verify", "--quiet", f"{named}^{{commit}}",
                  what=f"'{shown}' is not a commit").strip()
    prefix = _git(root, "rev-parse", "--show-prefix").strip().rstrip("/")
    top = Path(_git(root, "rev-parse", "--show-toplevel").strip())
    with tempfile.TemporaryDirectory(prefix="pause-docs-rev-") as temp:
        there = Path(temp)
        tree = f"{commit}:{prefix}" if prefix else commit
        # From the top of the repository: inside a sub-folder git would archive only that.
        archive = _git_bytes(top, "archive", "--format=tar", tree,
                             what=f"cannot read the project at {shown}")
        try:
            _extract(archive, there)
        except (tarfile.TarError, OSError) as exc:
            raise ProjectError(f"cannot read the project at {shown}: {exc}") from exc
        if not (there / relative).is_file():
            raise CannotCompare([Problem(Location(relative.as_posix()), "error",
                                         "not-at-revision",
                                         f"the file did not exist at {shown} ({commit[:12]})")])
        return load_file(there / relative, f"{relative.as_posix()} at {shown} ({commit[:12]})",
                         there)


def _missing(root: Path, shown: str) -> str:
    """What to say of a revision git does not know; a shallow clone may hold only its last
    commits, so there the revision may simply be older than what was fetched."""
    said = f"'{shown}' is not a revision in this repository"
    try:
        shallow = _git(root, "rev-parse", "--is-shallow-repository").strip() == "true"
    except ProjectError:
        return said
    if shallow:
        said += ("; this clone is shallow: the revision may be older than its history; run "
                 "`git fetch --unshallow`")
    return said


def _extract(archive: bytes, into: Path) -> None:
    """Only what a document resolves against.  A link that would lead out of the folder (or
    anything else the 'data' filter refuses) is left out, as if it were not committed."""
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        wanted = [m for m in tar.getmembers()
                  if m.name.split("/", 1)[0] in (COUNCILS_DIR, REGISTRY_DIR)]
        tar.extractall(into, members=wanted, filter=_data_only)


def _data_only(member: tarfile.TarInfo, path: str) -> tarfile.TarInfo | None:
    try:
        return tarfile.data_filter(member, path)
    except tarfile.FilterError:
        return None


def _git_bytes(root: Path, *args: str, what: str = "") -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)
    except FileNotFoundError as exc:
        raise ProjectError("git is not installed: comparing revisions needs git") from exc
    if done.returncode != 0:
        said = done.stderr.decode(errors="replace").strip().splitlines()
        if said and "not a git repository" in said[-1]:
            raise ProjectError(f"{root} is not in a git repository: --rev needs one")
        raise ProjectError(f"{what or 'git failed'}{': ' + said[-1] if said else ''}")
    return done.stdout


def _git(root: Path, *args: str, what: str = "") -> str:
    return _git_bytes(root, *args, what=what).decode()
