"""`pause-docs show`: the programmes, standard sections and forms the package ships — or the
project's own, which replace them — as text, to read or to copy into the project and change.

An officer never needs to find the installed package: `pause-docs show programme pause >
councils/programmes/pause.yaml` makes the project's own copy, which then replaces the bundled
programme for every document of the project.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..source import resources
from ..source.errors import ProjectError, did_you_mean
from ..source.layout import (
    COUNCILS_DIR,
    FORMS_DIR,
    PROGRAMMES_DIR,
    SECTIONS_DIR,
    yaml_files,
)

# What `show` shows: the package's folder of it, and where a project keeps its own.
PLACES = {
    "programme": (resources.PROGRAMMES, f"{COUNCILS_DIR}/{PROGRAMMES_DIR}"),
    "section": (resources.SECTIONS, f"{COUNCILS_DIR}/{SECTIONS_DIR}"),
    "form": (resources.FORMS, f"{COUNCILS_DIR}/{FORMS_DIR}"),
    "question-set": (resources.FORMS / "sets", f"{COUNCILS_DIR}/{FORMS_DIR}/sets"),
}


@dataclass(frozen=True)
class Shown:
    name: str
    text: str
    own: bool
    """The project's own file (which replaces the bundled one), not the package's."""
    copy_to: str
    """Where the project keeps its own copy, relative to the project."""


def names(what: str, root: Path | None) -> dict[str, bool]:
    """Every name of `what`, sorted -> whether the project has its own."""
    return {name: own for name, (_, own) in sorted(_files(what, root).items())}


def show(what: str, name: str, root: Path | None) -> Shown:
    files = _files(what, root)
    if name not in files:
        raise ProjectError(f"no {what} called '{name}'{did_you_mean(name, files)}: "
                           f"the {what}s are {', '.join(sorted(files))}")
    path, own = files[name]
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ProjectError(f"cannot read the {what} '{name}': {exc}") from exc
    return Shown(name, text, own, f"{PLACES[what][1]}/{name}.yaml")


def _files(what: str, root: Path | None) -> dict[str, tuple[Path, bool]]:
    package, own = PLACES[what]
    found = {f.stem: (f, False) for f in yaml_files(package)}
    if root is not None and (root / own).is_dir() and (root / own).resolve() != package:
        found.update({f.stem: (f, True) for f in yaml_files(root / own)})
    return found
