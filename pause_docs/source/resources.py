"""What the installed package ships besides its code, found beside this module: the
templates (with their stylesheets and fonts), the legal registry, the programme library, the
standard sections and the forms.

A project layers its own files over these (see layout.py). A file of the package is named to
users as 'pause_docs/<folder>/<file>' wherever the package is installed, so messages, records
and published pages are the same from a source checkout and from an installed wheel.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = "pause_docs"


def package_root() -> Path:
    """The folder the package is installed in (a wheel is always unpacked onto disk, so the
    package is a folder; importlib.resources would say the same at twice `--help`'s cost)."""
    return Path(__file__).resolve().parent.parent


PACKAGE_ROOT = package_root()
TEMPLATES = PACKAGE_ROOT / "templates"
REGISTRY = PACKAGE_ROOT / "legal_bases"
PROGRAMMES = PACKAGE_ROOT / "programmes"
SECTIONS = PACKAGE_ROOT / "sections"
FORMS = PACKAGE_ROOT / "forms"
_PACKAGE_PREFIX = os.path.normcase(PACKAGE_ROOT)


def package_label(path: Path, real: Path | None = None) -> str | None:
    """'pause_docs/<path inside the package>' for a file the package ships, else None;
    `real` is `path` with its links followed, when the caller has it already."""
    try:
        target = real if real is not None else path.resolve()
        # Asked of every file a project reads, almost none of them the package's: told by
        # the start of its name, not by the exception `relative_to` raises (a sixth of it).
        if not os.path.normcase(target).startswith(_PACKAGE_PREFIX):
            return None
        return f"{PACKAGE}/{target.relative_to(PACKAGE_ROOT).as_posix()}"
    except (ValueError, OSError, RuntimeError):  # elsewhere, or a loop of links
        return None


def from_label(label: str) -> Path | None:
    """The file a 'pause_docs/…' label names, or None for any other name."""
    head, _, rest = label.partition("/")
    return PACKAGE_ROOT / rest if head == PACKAGE and rest else None


_SHOWN = {"programmes": "programme", "sections": "section", "forms": "form"}


def shown_by_command(label: str, line: int = 0) -> str | None:
    """A programme, standard section or form the package ships, named by what an officer can
    use instead of its file ("the programme 'pause', line 24: pause-docs show programme
    pause"); None for any other file."""
    head, _, rest = label.partition("/")
    folder, _, name = rest.partition("/")
    if head != PACKAGE or folder not in _SHOWN or not name.endswith(".yaml"):
        return None
    what, name = _SHOWN[folder], name.removesuffix(".yaml")
    if folder == "forms" and name.startswith("sets/"):
        what, name = "question-set", name.removeprefix("sets/")
    at = f", line {line}" if line else ""
    return f"the {what} '{name}'{at}: pause-docs show {what} {name}"
