"""A project on disk: find its files, read them, and load councils, programmes, standard
sections and documents, with every problem found on the way."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from .addenda import link_addenda
from .errors import Location, Problem, did_you_mean, display_path
from .inheritance import todos, with_todos
from .kinds import FAMILIES
from .languages import DEFAULT_LANGUAGE, select
from .layout import (
    COUNCIL_FILE,
    COUNCILS_DIR,
    FORMS_DIR,
    REGISTRY_DIR,
    council_dirs,
    document_files,
    form_folders,
    home,
    programme_files,
    section_files,
)
from .loader import SourceFile
from .logo import read_logo
from .models import Council, Programme
from .models.base import _SLUG
from .models.sections import StandardSection
from .project import FormShelf, Project, read_source, scratch
from .reader import NotReadable
from .references import CouncilVersions, link_notices, resolve_document
from .registry import load_registry
from .resolved import ResolvedDocument
from .screenings import link_screenings
from .validation import validate


def load_project(root: Path, only: Iterable[Path] | None = None,
                 councils: Iterable[str] | None = None) -> Project:
    """Load the registry, programmes, councils and documents; resolve every document.

    `only` limits the documents to these files or folders; `councils` to these council slugs.
    """
    project = load_shared(root)
    wanted = [_resolved(p) for p in only] if only else None
    wanted_councils = set(councils) if councils else None
    if wanted_councils:
        for slug in sorted(wanted_councils - set(council_dirs(root))):
            project.problems.append(Problem(
                Location(f"{COUNCILS_DIR}/{slug}"), "error", "unknown-council",
                f"no council '{slug}'{did_you_mean(slug, council_dirs(root))}"))
    for slug, directory in council_dirs(root).items():
        if wanted_councils is not None and slug not in wanted_councils:
            continue
        docs = [f for f in document_files(directory) if _selected(f, wanted)]
        council_file = directory / COUNCIL_FILE
        if not docs and (not council_file.exists() or not _selected(council_file, wanted)):
            continue
        _add_council(project, slug, directory, docs)
    if wanted is not None:
        for path in wanted:
            if not os.path.lexists(path):
                project.problems.append(Problem(Location(display_path(path, root)), "error",
                                                "no-such-file", "no such file or folder"))
    project.problems = sorted(set(project.problems))
    return project


def load_shared(root: Path) -> Project:
    """The registry, the programmes, the standard sections and the forms: what every
    document may cite, inherit or be written on."""
    registry, problems = load_registry(root)
    project = Project(root, registry, problems=problems)
    for file in programme_files(root).values():
        source = read_source(project, file)
        if source is None:
            continue
        chosen = select(source.data, DEFAULT_LANGUAGE, source.locate, skip=("defaults",))
        programme, found = validate(Programme, chosen.data, source.locator, "programme")
        project.problems += with_todos(chosen.problems + found, todos(source))
        if programme is not None:
            project.problems += _unknown_families(programme, source)
            project.programmes[file.stem] = programme
            project.programme_sources[file.stem] = source
    for file in section_files(root).values():
        source = read_source(project, file)
        if source is None:
            continue
        chosen = select(source.data, DEFAULT_LANGUAGE, source.locate)
        _, found = validate(StandardSection, chosen.data, source.locator, "standard section")
        found = chosen.problems + found
        project.problems += found
        if not found:
            project.standard_sections[file.stem] = source.data
            project.section_sources[file.stem] = source
    project.shelf = FormShelf(root, registry)
    if ((root / COUNCILS_DIR / FORMS_DIR).is_dir() or (root / REGISTRY_DIR).is_dir()
            or registry.faulty):
        # The project's own forms may be wrong, or its own registry entries may change what
        # the bundled ones ask (a criteria set's criteria) and make them wrong: read them
        # now, to report it. Otherwise the bundled forms are read against the package's
        # own registry entries, which its tests keep without fault.
        project.problems += project.shelf.load()
    project.form_files = {f.stem for folder, _ in form_folders(root) for f in folder.glob("*.yaml")}
    return project


def _unknown_families(programme: Programme, source: SourceFile) -> list[Problem]:
    """A programme's `defaults` are keyed by families of kinds of document."""
    return [Problem(source.locate(("defaults", name), key=True), "error", "unknown-key",
                    f"unknown key '{name}' in defaults{did_you_mean(name, FAMILIES)}; "
                    f"defaults are given for: {', '.join(FAMILIES)}")
            for name in programme.defaults if name not in FAMILIES]


def load_documents(shared: Project, files: Iterable[Path]) -> Project:
    """Only these document files, resolved against `shared`'s registry and programmes.

    The result holds these documents and their councils' and their own problems, not the
    shared ones: a build resolves a few documents at a time without reloading the rest.
    """
    project = scratch(shared)
    by_council: dict[Path, list[Path]] = {}
    for file in files:
        by_council.setdefault(file.parent, []).append(file)
    for directory, docs in by_council.items():
        _add_council(project, directory.name, directory, docs)
    project.problems = sorted(set(project.problems))
    return project


def load_council(shared: Project, directory: Path) -> Project:
    """The council file of `directory` alone (if it has one): its problems, and the council
    if it loads."""
    project = scratch(shared)
    if (directory / COUNCIL_FILE).exists() and \
            _valid_name(project, directory, directory.name, "council folder"):
        _load_council(project, directory.name, directory / COUNCIL_FILE)
    project.problems = sorted(set(project.problems))
    return project


def _add_council(project: Project, slug: str, directory: Path, docs: list[Path]) -> None:
    if not _valid_name(project, directory, slug, "council folder"):
        return
    docs = [f for f in docs if _valid_name(project, f, f.stem, "document file")]
    before = len(project.problems)
    council, council_source = _load_council(project, slug, directory / COUNCIL_FILE)
    resolved_here: dict[str, ResolvedDocument] = {}
    for file in docs:
        source = read_source(project, file)
        if source is None:
            continue
        resolved = resolve_document(project, slug, file, source, council, council_source)
        if resolved is not None:
            resolved_here[resolved.slug] = resolved
    attempted = {f.stem for f in docs}
    linked = link_notices(project, directory, resolved_here, council, attempted,
                          council_source)
    linked = link_addenda(project, directory, linked, council, council_source)
    done = link_screenings(project, directory, linked, council, attempted, council_source)
    project.documents += done
    project.problems += _unexplained(project, docs, {d.path for d in done}, before)


def _unexplained(project: Project, docs: list[Path], loaded: set[str], before: int
                 ) -> list[Problem]:
    """A document that is not loaded always says why: an error in it, or in a file it
    shares (its council, its programme); one dropped with no error at all is a bug."""
    keys = {display_path(f, project.root): f for f in docs}
    explained = {p.location.path for p in project.problems[before:] if p.severity == "error"}
    if any(path not in keys for path in explained):
        return []  # an error in a file the documents share explains them
    return [Problem(Location(key), "error", "internal-error",
                    "this document was not loaded and no reason was found; this is a bug in "
                    "pause-docs: please report it")
            for key in keys if key not in loaded and key not in explained]


def _valid_name(project: Project, path: Path, name: str, what: str) -> bool:
    """Folder and file names become paths under output/: only slugs, so none can escape it."""
    if _SLUG.match(name):
        return True
    suggestion = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:64].strip("-")
    rename = (f": rename it '{suggestion}{path.suffix.lower()}'" if suggestion and
              _SLUG.match(suggestion) else "")
    project.problems.append(Problem(
        Location(display_path(path, project.root)), "error", "invalid-name",
        f"'{path.name}' cannot be a {what} name: it becomes part of the output's web address, "
        f"so use lower-case letters, digits and hyphens only{rename}"))
    return False


def _selected(file: Path, wanted: list[Path] | None) -> bool:
    if wanted is None:
        return True
    file = _resolved(file)
    return any(file == w or w in file.parents for w in wanted)


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a loop of symbolic links: reading it says so
        return path.absolute()


def _load_council(project: Project, slug: str, file: Path
                  ) -> tuple[CouncilVersions | None, SourceFile | None]:
    """The council in each of its languages (the first first), or None."""
    if not file.exists():
        project.problems.append(Problem(
            Location(display_path(file, project.root)), "error", "missing-council",
            f"councils/{slug}/ has documents but no {COUNCIL_FILE}: "
            f"run 'pause-docs new {slug}' or add the file"))
        return None, None
    source = read_source(project, file)
    if source is None:
        return None, source
    chosen = select(source.data, DEFAULT_LANGUAGE, source.locate)
    council, found = validate(Council, chosen.data, source.locator, "council")
    project.problems += with_todos(chosen.problems + found, todos(source))
    if council is not None and council.logo is not None:
        problem = _check_logo(file.parent / council.logo.file, source,
                              home(file, project.root))
        if problem is not None:
            project.problems.append(problem)
            return None, source
    if council is None:
        return None, source
    versions: CouncilVersions = {}
    first = chosen
    for language in council.languages:
        if language == DEFAULT_LANGUAGE:  # read so above, with no problems: not again
            versions[language] = (council, first.languages)
            continue
        chosen = select(source.data, language, source.locate)
        version, found = validate(Council, chosen.data, source.locator, "council")
        project.problems += found
        if version is None:
            return None, source
        versions[language] = (version, chosen.languages)
    project.councils[slug] = versions[council.languages[0]][0]
    return versions, source


def _check_logo(image: Path, source: SourceFile, root: Path) -> Problem | None:
    """A problem with the council's logo file: missing, not an ordinary file of the project,
    too large, or an SVG that could run code or fetch something."""
    where = source.locate(("logo", "file"))
    try:
        read_logo(image, root)
    except NotReadable as exc:
        if exc.code == "missing-logo":
            return Problem(where, "error", "missing-logo",
                           f"no logo file '{image.name}' beside {source.path}: add it, or "
                           "correct 'logo: file:'")
        if exc.code == "unsafe-logo":
            return Problem(where, "error", "unsafe-logo",
                           f"'{image.name}' cannot be published beside the pages: "
                           f"{exc.message}; export the logo again as a plain SVG or a PNG")
        return Problem(where, "error", exc.code, f"the logo '{image.name}': {exc.message}")
    return None
