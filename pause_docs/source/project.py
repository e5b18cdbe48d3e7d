"""A project as loaded: its registry, councils, programmes, standard sections, forms and
resolved documents, with every problem found on the way."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Problem, display_path
from .languages import DEFAULT_LANGUAGE, select
from .layout import home
from .loader import Path_, SourceFile, read_yaml
from .models import Council, Programme
from .registry import Registry
from .resolved import ResolvedDocument
from .validation import validate

if TYPE_CHECKING:
    from ..forms.form import Form


@dataclass
class FormShelf:
    """The forms documents may be written on, bundled and the project's own, read in each
    language when first asked for: a project with no document on a form (most, which hold
    notices alone) never reads them, nor imports what checks them (a twentieth of
    `validate`). A project and its `scratch` copies share one."""

    root: Path
    registry: Registry
    by_language: dict[str, dict[str, Form]] = field(default_factory=dict)

    def load(self, language: str = DEFAULT_LANGUAGE) -> list[Problem]:
        """Read the forms in `language` now, and the problems found in them."""
        from ..forms.library import load_forms

        self.by_language[language], problems = load_forms(self.root, self.registry, language)
        return problems

    def forms_in(self, language: str) -> dict[str, Form]:
        """Every form by name, its texts given per language read in `language`."""
        if language not in self.by_language:
            self.load(language)
        return self.by_language[language]


@dataclass
class Project:
    """Everything loaded from a project directory, with all the problems found on the way."""

    root: Path
    registry: Registry
    councils: dict[str, Council] = field(default_factory=dict)
    programmes: dict[str, Programme] = field(default_factory=dict)
    standard_sections: dict[str, dict[str, Any]] = field(default_factory=dict)
    section_sources: dict[str, SourceFile] = field(default_factory=dict)
    documents: list[ResolvedDocument] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    programme_sources: dict[str, SourceFile] = field(default_factory=dict)
    shelf: FormShelf | None = None
    """The forms documents may be written on (`forms`); a project without one has none."""
    form_files: set[str] = field(default_factory=set)
    """The name of every form file found, loaded or not (so a broken one is not 'unknown')."""
    programme_versions: dict[tuple[str, str], tuple[Programme, dict[Path_, str]]] = field(
        default_factory=dict)
    """(programme, language) -> the programme in that language and the languages of its
    texts; made when a document in that language first inherits it."""

    shown_paths: dict[Path, str] = field(default_factory=dict)
    """`display_path` of the files every document of a folder names (its council file, its
    logo), once per load."""

    real_folders: dict[Path, Path] = field(default_factory=dict)
    """Each folder a file was read from -> the folder with its links followed (this load's
    alone: `scratch` does not share it)."""

    @property
    def forms(self) -> dict[str, Form]:
        """Every form a document may be written on, bundled and the project's own, by name."""
        return self.forms_in(DEFAULT_LANGUAGE)

    def forms_in(self, language: str) -> dict[str, Form]:
        """Every form, with its texts given per language read in `language`."""
        return self.shelf.forms_in(language) if self.shelf is not None else {}

    def programme(self, slug: str, language: str) -> tuple[Programme, dict[Path_, str]] | None:
        """The programme `slug` in `language`, or None if there is no valid one."""
        if slug not in self.programmes:
            return None
        key = (slug, language)
        if key not in self.programme_versions:
            source = self.programme_sources[slug]
            chosen = select(source.data, language, source.locate, skip=("defaults",))
            programme, _ = validate(Programme, chosen.data, source.locator, "programme")
            self.programme_versions[key] = (programme or self.programmes[slug],
                                            chosen.languages)
        return self.programme_versions[key]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def scratch(project: Project) -> Project:
    """An empty project sharing `project`'s registry, programmes and standard sections."""
    return Project(project.root, project.registry, programmes=project.programmes,
                   standard_sections=project.standard_sections,
                   section_sources=project.section_sources,
                   programme_sources=project.programme_sources, shelf=project.shelf,
                   form_files=project.form_files,
                   programme_versions=project.programme_versions)


def read_source(project: Project, file: Path) -> SourceFile | None:
    """The file's data, its problems added to the project's."""
    real = real_path(project, file)
    source, found = read_yaml(file, display_path(file, project.root),
                              inside=home(file, project.root, real), real=real)
    project.problems += found
    return source


def shown(project: Project, path: Path) -> str:
    """`display_path(path, project.root)`, once per load for each path."""
    name = project.shown_paths.get(path)
    if name is None:
        name = project.shown_paths[path] = display_path(path, project.root)
    return name


def real_path(project: Project, file: Path) -> Path | None:
    """`file.resolve()`, its folder resolved once per load (a project's documents share a
    few folders, and following every link of every file's path was a tenth of loading);
    None when the links loop, for the caller's own resolving to report."""
    if file.name in ("", ".", "..") or file.is_symlink():
        return None
    try:
        return real_folder(project, file.parent) / file.name
    except (OSError, RuntimeError):  # a loop of links
        return None


def real_folder(project: Project, folder: Path) -> Path:
    """`folder.resolve()`, once per load of the project: a link changed between loads (in
    `serve`) is followed afresh by the next."""
    real = project.real_folders.get(folder)
    if real is None:
        real = project.real_folders[folder] = folder.resolve()
    return real
