"""Where things live in a project on disk: councils, documents, the registry, templates.

Kept free of heavy imports, so that a build can find out what is up to date before it loads
any YAML, model or template.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from . import resources
from .errors import Location, Problem, ProjectError, did_you_mean, display_path

COUNCILS_DIR = "councils"
PROGRAMMES_DIR = "programmes"
SECTIONS_DIR = "sections"
FORMS_DIR = "forms"  # a project's own forms: councils/forms/<name>.yaml, sets in forms/sets/
COUNCIL_FILE = "council.yaml"
REGISTRY_DIR = "legal_bases"
RESERVED_SLUGS = {PROGRAMMES_DIR, SECTIONS_DIR, FORMS_DIR}
TEMPLATES_DIR = resources.TEMPLATES  # the package's templates, stylesheets and fonts
BUNDLED_FORMS = resources.FORMS  # the forms the package ships
DEFAULT_PREFIX = "default"
YAML_SUFFIXES = (".yaml", ".yml")  # in any case: 'NOTICE.YAML' is a document too


def find_root(start: Path) -> Path:
    """The project directory: `start` or the nearest parent with a councils/ folder."""
    start = start.resolve()
    for candidate in (start, *start.parents):
        if (candidate / COUNCILS_DIR).is_dir():
            return candidate
    raise ProjectError(f"no '{COUNCILS_DIR}/' folder in {start} or above it: run pause-docs "
                       "inside a project, or pass --project DIR (to make a project here: "
                       "pause-docs init)")


def council_dirs(root: Path) -> dict[str, Path]:
    """Slug -> folder of every council, in order. Read as names (`os.scandir`), not as paths:
    every build, no-op included, lists the whole project."""
    base = root / COUNCILS_DIR
    try:
        with os.scandir(base) as entries:
            names = sorted(e.name for e in entries if e.is_dir() and
                           e.name not in RESERVED_SLUGS and not e.name.startswith("."))
    except OSError:
        return {}
    return {name: base / name for name in names}


def is_yaml(path: Path) -> bool:
    return path.suffix.lower() in YAML_SUFFIXES


def _yaml_name(name: str) -> bool:
    """`is_yaml` of a file name: its suffix as pathlib reads it ('.yaml' alone has none)."""
    dot = name.rfind(".")
    return 0 < dot < len(name) - 1 and name[dot:].lower() in YAML_SUFFIXES


def document_name(file: Path) -> tuple[str, str]:
    """(council slug, document slug) of a document's file: `file.parent.name, file.stem`,
    read from its text, as a build does for every document of the project."""
    folder, name = os.path.split(os.fspath(file))
    dot = name.rfind(".")
    return os.path.basename(folder), name[:dot] if 0 < dot < len(name) - 1 else name


def yaml_files(folder: Path) -> list[Path]:
    """The YAML files directly in `folder` (none if it is not there)."""
    try:
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in entries if _yaml_name(e.name))
    except OSError:
        return []
    return [folder / name for name in names]


def document_files(council_dir: Path) -> list[Path]:
    return [f for f in yaml_files(council_dir) if f.name != COUNCIL_FILE]


def registry_layers(root: Path) -> tuple[list[Path], list[Path]]:
    """The registry files the package ships, and the project's own legal_bases/ (whose
    entries add to the package's, or correct them)."""
    return (_yaml_under(resources.REGISTRY), _own(root / REGISTRY_DIR, resources.REGISTRY))


def registry_files(root: Path) -> list[Path]:
    package, own = registry_layers(root)
    return package + own


def programme_files(root: Path) -> dict[str, Path]:
    """Name -> file of every programme: the package's library, then the project's
    councils/programmes/ (a file of the same name replaces the package's)."""
    return _layered(resources.PROGRAMMES, root / COUNCILS_DIR / PROGRAMMES_DIR)


def section_files(root: Path) -> dict[str, Path]:
    """Name -> file of every standard section, the project's replacing the package's."""
    return _layered(resources.SECTIONS, root / COUNCILS_DIR / SECTIONS_DIR)


def _layered(package: Path, own: Path) -> dict[str, Path]:
    found = {f.stem: f for f in yaml_files(package)}
    if own.is_dir() and own.resolve() != package:
        found.update({f.stem: f for f in yaml_files(own)})
    return found


def _own(folder: Path, package: Path) -> list[Path]:
    """The project's own registry files (none when its folder is the package's)."""
    if not folder.is_dir() or folder.resolve() == package:
        return []
    return _yaml_under(folder)


def _yaml_under(folder: Path) -> list[Path]:
    return sorted(f for f in folder.rglob("*") if is_yaml(f))


def home(file: Path, root: Path, real: Path | None = None) -> Path:
    """The folder `file` must stay inside once links are followed: the package for a file
    the package ships, else the project (`real`: `file` with its links followed, if known)."""
    return resources.PACKAGE_ROOT if resources.package_label(file, real) else root


def key_path(key: str, root: Path) -> Path:
    """The file a recorded name stands for: inside the project, the package, or absolute."""
    own = root / key
    if own.exists():
        return own
    return resources.from_label(key) or own


def shadowed(key: str, root: Path) -> bool:
    """True when `key` names a programme or standard section of the package that a project's
    own file of the same name now replaces."""
    package = resources.from_label(key)
    if package is None or package.parent not in (resources.PROGRAMMES, resources.SECTIONS):
        return False
    return (root / COUNCILS_DIR / package.parent.name / package.name).is_file()


def search_path(project_root: Path) -> tuple[Path, ...]:
    """The project's own templates/ (when it has one) before the built-in templates."""
    own = (project_root / "templates").resolve()
    return (own, TEMPLATES_DIR) if own.is_dir() and own != TEMPLATES_DIR else (TEMPLATES_DIR,)


def find_template(templates: tuple[Path, ...], name: str) -> Path | None:
    """The file the template loader picks for `name`: 'default:…' is built-in, else the first
    folder of the search path that has it."""
    prefix, _, rest = name.partition(":")
    candidates = [TEMPLATES_DIR / rest] if prefix == DEFAULT_PREFIX and rest else []
    candidates += [folder / name for folder in templates]
    return next((c for c in candidates if c.is_file()), None)


def bundled_form_names() -> list[str]:
    """The names of the forms the package ships (pause_docs/forms/<name>.yaml)."""
    return sorted(p.stem for p in BUNDLED_FORMS.glob("*.yaml"))


def form_folders(root: Path) -> tuple[tuple[Path, bool], ...]:
    """Where forms are read from: the bundled ones, then the project's (which win)."""
    return ((BUNDLED_FORMS, True), (root / COUNCILS_DIR / FORMS_DIR, False))


def used_files(root: Path) -> list[str]:
    """Files a document may be made from besides its own, its council's, the registry and the
    programmes: standard sections and forms (the project's and the bundled ones), named as a
    build records them."""
    found = sorted(section_files(root).values())
    for folder in (BUNDLED_FORMS, root / COUNCILS_DIR / FORMS_DIR):
        found += sorted(folder.rglob("*.yaml"))
    return [display_path(f, root) for f in found]


def output_name(council: str, slug: str, suffix: str, language: str = "",
                languages: tuple[str, ...] = ()) -> str:
    """Where a document's file goes under output/: '<council>/<slug>.html' in the council's
    first language, '<council>/<slug>.<language>.html' in each of its others."""
    other = language and languages and language != languages[0]
    return f"{council}/{slug}.{language}.{suffix}" if other else f"{council}/{slug}.{suffix}"


def unknown_councils(root: Path, councils: Iterable[str]) -> list[Problem]:
    """The councils asked for that the project does not have, each a located problem."""
    councils = list(councils)
    if not councils:
        return []
    known = council_dirs(root)
    return [Problem(Location(f"{COUNCILS_DIR}/{slug}"), "error", "unknown-council",
                    f"no council '{slug}'{did_you_mean(slug, known)}")
            for slug in sorted(set(councils)) if slug not in known]


def unknown_paths(root: Path, paths: Iterable[Path]) -> list[Problem]:
    """The files and folders asked for that hold no document of the project, each a
    located problem: one not there, one outside the project, one with no document in it."""
    paths = list(paths)
    if not paths:  # the whole project: nothing to look for (a no-op build costs a third less)
        return []
    real_root = root.resolve()
    sources = [f.resolve() for d in council_dirs(root).values()
               for f in (*document_files(d), d / COUNCIL_FILE) if f.exists()]
    problems = []
    for path in paths:
        where = Location(display_path(path, root))
        try:
            real = path.resolve(strict=True)
        except (OSError, RuntimeError):  # not there, or a loop of symbolic links
            problems.append(Problem(where, "error", "no-such-file",
                                    f"no such file or folder{_from_the_project(root, path)}"))
            continue
        if any(f == real or real in f.parents for f in sources):
            continue
        if real != real_root and real_root not in real.parents:
            problems.append(Problem(where, "error", "outside-project",
                                    f"is not in the project at {root}: give a file or folder "
                                    "inside it, or --project DIR for another project"))
        else:
            problems.append(Problem(where, "error", "no-documents",
                                    f"holds no document: give a council's folder "
                                    f"({COUNCILS_DIR}/NAME) or a document's YAML file in it"))
    return problems


def _from_the_project(root: Path, path: Path) -> str:
    """A hint when a relative path is there from the project's folder, not the one the
    command was run in."""
    if path.is_absolute() or not (root / path).exists():
        return ""
    return (f": paths are read from the folder you are in ({Path.cwd()}); "
            f"did you mean {os.path.relpath(root / path)}?")
