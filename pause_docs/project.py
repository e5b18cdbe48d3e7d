"""A project on disk: find its files, load them, and resolve documents against the rest.

Resolution happens here and only here: a document inherits its programme's defaults, its
text variables are filled from its council, its references are looked up in the registry,
and every problem is reported at the position in the file where it was written.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import Location, Problem, did_you_mean, display_path
from .layout import COUNCIL_FILE as COUNCIL_FILE
from .layout import COUNCILS_DIR as COUNCILS_DIR
from .layout import PROGRAMMES_DIR as PROGRAMMES_DIR
from .layout import RESERVED_SLUGS as RESERVED_SLUGS
from .layout import SECTIONS_DIR as SECTIONS_DIR
from .layout import council_dirs as council_dirs
from .layout import document_files as document_files
from .layout import find_root as find_root
from .layout import yaml_files
from .loader import Path_, SourceFile, read_yaml
from .models import (
    DEFAULTS_FAMILY,
    DOCUMENT_KINDS,
    NOTICE_KINDS,
    Council,
    Document,
    DpiaScreening,
    Programme,
)
from .models.base import _SLUG
from .models.notice import StandardSection
from .registry import Registry, load_registry
from .validation import validate

_VARIABLE = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}")
_TODO = re.compile(r"\bTODO\b")


@dataclass(frozen=True)
class Merged:
    """A document's data after inheritance, and where each value came from."""

    data: dict[str, Any]
    own: SourceFile
    inherited: SourceFile | None = None
    inherited_prefix: Path_ = ()

    def locate(self, path: Path_, key: bool = False) -> Location:
        if path and self.inherited is not None and path[0] not in self.own.data:
            return self.inherited.locate(self.inherited_prefix + path, key=key)
        return self.own.locate(path, key=key)


@dataclass(frozen=True)
class ResolvedDocument:
    """A document ready to check and render: its model and everything it refers to."""

    council_slug: str
    slug: str
    path: str
    model: Document
    council: Council
    programme: Programme | None
    registry: Registry
    source: Merged
    inputs: tuple[str, ...] = ()
    notice: ResolvedDocument | None = None  # the notice a DPIA screening is about
    cites: frozenset[str] = frozenset()
    """Registry entries read to resolve it, as 'table:id' ('table:*' for all of a table)."""

    @property
    def kind(self) -> str:
        return self.model.kind


@dataclass
class Project:
    """Everything loaded from a project directory, with all the problems found on the way."""

    root: Path
    registry: Registry
    councils: dict[str, Council] = field(default_factory=dict)
    programmes: dict[str, Programme] = field(default_factory=dict)
    standard_sections: dict[str, dict[str, Any]] = field(default_factory=dict)
    documents: list[ResolvedDocument] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    programme_sources: dict[str, SourceFile] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def load_project(root: Path, only: Iterable[Path] | None = None,
                 councils: Iterable[str] | None = None) -> Project:
    """Load the registry, programmes, councils and documents; resolve every document.

    `only` limits the documents to these files or folders; `councils` to these council slugs.
    """
    project = load_shared(root)
    wanted = [_resolved(p) for p in only] if only else None
    wanted_councils = set(councils) if councils else None
    if wanted_councils:
        unknown = sorted(wanted_councils - set(council_dirs(root)))
        for slug in unknown:
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
        _check_selection(project, root, wanted)
    project.problems = sorted(set(project.problems))
    return project


def load_shared(root: Path) -> Project:
    """The registry and the programmes: what every document may cite or inherit."""
    registry, problems = load_registry(root)
    project = Project(root, registry, problems=problems)
    for file in yaml_files(root / COUNCILS_DIR / PROGRAMMES_DIR):
        source = _read(project, file)
        if source is None:
            continue
        programme, found = validate(Programme, source.data, source.locator, "programme")
        project.problems += _with_todos(found, _todos(source))
        if programme is not None:
            project.programmes[file.stem] = programme
            project.programme_sources[file.stem] = source
    for file in yaml_files(root / COUNCILS_DIR / SECTIONS_DIR):
        source = _read(project, file)
        if source is None:
            continue
        _, found = validate(StandardSection, source.data, source.locator, "standard section")
        project.problems += found
        if not found:
            project.standard_sections[file.stem] = source.data
    return project


def load_documents(shared: Project, files: Iterable[Path]) -> Project:
    """Only these document files, resolved against `shared`'s registry and programmes.

    The result holds these documents and their councils' and their own problems, not the
    shared ones: a build resolves a few documents at a time without reloading the rest.
    """
    project = Project(shared.root, shared.registry, programmes=shared.programmes,
                      standard_sections=shared.standard_sections,
                      programme_sources=shared.programme_sources)
    by_council: dict[Path, list[Path]] = {}
    for file in files:
        by_council.setdefault(file.parent, []).append(file)
    for directory, docs in by_council.items():
        _add_council(project, directory.name, directory, docs)
    project.problems = sorted(set(project.problems))
    return project


def _add_council(project: Project, slug: str, directory: Path, docs: list[Path]) -> None:
    if not _valid_name(project, directory, slug, "council folder"):
        return
    docs = [f for f in docs if _valid_name(project, f, f.stem, "document file")]
    council = _load_council(project, slug, directory / COUNCIL_FILE)
    resolved_here: dict[str, ResolvedDocument] = {}
    for file in docs:
        source = _read(project, file)
        if source is None:
            continue
        resolved = _resolve_document(project, slug, file, source, council)
        if resolved is not None:
            resolved_here[resolved.slug] = resolved
    project.documents += _link_notices(project, directory, resolved_here, council,
                                       {f.stem for f in docs})


def _link_notices(project: Project, directory: Path, resolved: dict[str, ResolvedDocument],
                  council: Council | None, attempted: set[str]) -> list[ResolvedDocument]:
    """Give each DPIA screening the notice it screens (from the same council folder).

    A notice that failed in this run has had its problems reported already; one outside the
    selection is resolved here, and its failure reported at the screening's `notice` key.
    """
    out = []
    for doc in resolved.values():
        if not isinstance(doc.model, DpiaScreening):
            out.append(doc)
            continue
        name = doc.model.notice
        where = doc.source.locate(("notice",))
        notice = resolved.get(name)
        file = directory / f"{name}.yaml"
        if notice is None and name in attempted:
            continue
        if notice is None and file.exists():
            scratch = Project(project.root, project.registry, programmes=project.programmes,
                              standard_sections=project.standard_sections,
                              programme_sources=project.programme_sources)
            source = _read(scratch, file)
            if source is not None:
                notice = _resolve_document(scratch, directory.name, file, source, council)
            if notice is None:
                project.problems.append(Problem(
                    where, "error", "notice-has-errors",
                    f"the notice '{name}' has errors: run 'pause-docs validate "
                    f"{display_path(file, project.root)}' and fix them first"))
                continue
        if notice is None:  # no such file: reported by _check_notice_exists
            continue
        if notice.kind not in NOTICE_KINDS:
            project.problems.append(Problem(
                where, "error", "not-a-notice",
                f"'{name}' is a {notice.kind}, not a notice: name a privacy notice or fair "
                "processing notice"))
            continue
        out.append(replace(doc, notice=notice, inputs=doc.inputs + notice.inputs,
                           cites=doc.cites | notice.cites))
    return out


def _check_notice_exists(name: Any, merged: Merged, directory: Path) -> list[Problem]:
    """A DPIA screening names a notice file in its own council folder."""
    if not isinstance(name, str) or not _SLUG.match(name) or (
            directory / f"{name}.yaml").exists():
        return []  # a name that is not a slug is reported by the model
    others = [f.stem for f in document_files(directory)]
    return [Problem(merged.locate(("notice",)), "error", "unknown-notice",
                    f"no notice '{name}' in {COUNCILS_DIR}/{directory.name}/"
                    f"{did_you_mean(name, others)}")]


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


def _check_selection(project: Project, root: Path, wanted: list[Path]) -> None:
    for path in wanted:
        if not os.path.lexists(path):
            project.problems.append(Problem(Location(display_path(path, root)), "error",
                                            "no-such-file", "no such file or folder"))


def _read(project: Project, file: Path) -> SourceFile | None:
    source, found = read_yaml(file, display_path(file, project.root), inside=project.root)
    project.problems += found
    return source


def _todos(source: SourceFile) -> list[Problem]:
    """A 'TODO' left by `pause-docs new` is an error until someone fills it in."""
    found = []

    def walk(value: Any, path: Path_) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, path + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, path + (i,))
        elif isinstance(value, str) and _TODO.search(value):
            found.append(Problem(source.locate(path), "error", "todo",
                                 f"{_dotted(path)} is still to be filled in: {value.strip()!r}"))

    walk(source.data, ())
    return found


def _with_todos(found: list[Problem], todos: list[Problem]) -> list[Problem]:
    """The TODO problems, plus the others that are not just the same TODO seen differently."""
    places = {p.location for p in todos if p.code == "todo"}
    return todos + [p for p in found if p.location not in places]


def _dotted(path: Path_) -> str:
    return ".".join(str(p + 1) if isinstance(p, int) else p for p in path) or "value"


def _load_council(project: Project, slug: str, file: Path) -> Council | None:
    if not file.exists():
        project.problems.append(Problem(
            Location(display_path(file, project.root)), "error", "missing-council",
            f"councils/{slug}/ has documents but no {COUNCIL_FILE}: "
            f"run 'pause-docs new {slug}' or add the file"))
        return None
    source = _read(project, file)
    if source is None:
        return None
    council, found = validate(Council, source.data, source.locator, "council")
    project.problems += _with_todos(found, _todos(source))
    if council is not None:
        project.councils[slug] = council
    return council


def _resolve_document(project: Project, council_slug: str, file: Path, source: SourceFile,
                      council: Council | None) -> ResolvedDocument | None:
    programme_sources = project.programme_sources
    registry, cited = project.registry.recording()
    problems = _todos(source)
    data = source.data
    if not isinstance(data, dict):
        project.problems.append(Problem(source.locate(()), "error", "wrong-type",
                                        "a document must be a mapping of keys to values"))
        return None
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in DOCUMENT_KINDS:
        shape = "a list" if isinstance(kind, list) else "a mapping" if isinstance(kind, dict) \
            else None
        message = ("missing required key 'kind'" if kind is None else
                   f"kind: expected one of: {', '.join(DOCUMENT_KINDS)}, found {shape}"
                   if shape else
                   f"kind: '{kind}' is not one of: {', '.join(DOCUMENT_KINDS)}"
                   f"{did_you_mean(str(kind), DOCUMENT_KINDS)}")
        where = source.locate(("kind",)) if kind is not None else source.locate(())
        project.problems += problems + [Problem(where, "error",
                                                "missing-key" if kind is None
                                                else "invalid-value", message)]
        return None

    programme: Programme | None = None
    merged = Merged(dict(data), source)
    programme_slug = data.get("programme")
    if programme_slug is not None:
        programme = project.programmes.get(str(programme_slug))
        if programme is None:
            if str(programme_slug) not in programme_sources:
                problems.append(Problem(
                    source.locate(("programme",)), "error", "unknown-programme",
                    f"no programme '{programme_slug}' in {COUNCILS_DIR}/{PROGRAMMES_DIR}/"
                    f"{did_you_mean(str(programme_slug), programme_sources)}"))
        else:
            family = DEFAULTS_FAMILY[kind]
            defaults = programme.defaults.get(family, {})  # type: ignore[call-overload]
            merged = Merged({**defaults, **data}, source, programme_sources[programme_slug],
                            ("defaults", family))

    merged = _expand_sections(merged, project.standard_sections, problems)
    if council is not None:
        variables = _variables(council, programme, registry, data.get("published"))
        council_file = f"{COUNCILS_DIR}/{council_slug}/{COUNCIL_FILE}, for {source.path}"
        filled, found = _fill(merged.data, (), variables, merged, council_file)
        problems += found
    else:  # the council's own errors are reported; still check the document's
        filled = merged.data
    merged = Merged(filled, merged.own, merged.inherited, merged.inherited_prefix)
    model, found = validate(DOCUMENT_KINDS[kind], filled, merged.locate, "document")
    problems = _with_todos(found, problems) + _check_references(filled, registry, merged)
    if kind == "dpia-screening":
        problems += _check_notice_exists(filled.get("notice"), merged, file.parent)
    project.problems += [_naming(p, source.path) for p in problems]
    if model is None or council is None or any(p.severity == "error" for p in problems):
        return None
    used = sorted({f"{COUNCILS_DIR}/{SECTIONS_DIR}/{section['use']}.yaml"
                   for section in filled.get("sections", []) or []
                   if isinstance(section, dict) and isinstance(section.get("use"), str)})
    inputs = (source.path, display_path(file.parent / COUNCIL_FILE, project.root),
              *((merged.inherited.path,) if merged.inherited else ()), *used)
    return ResolvedDocument(council_slug, file.stem, source.path, model,  # type: ignore[arg-type]
                            council, programme, project.registry, merged, inputs,
                            cites=frozenset(cited))


def _naming(problem: Problem, document: str) -> Problem:
    """A problem found in what a document inherits, located where the value was written,
    says which document it stops."""
    if problem.location.path == document or document in problem.message:
        return problem
    return replace(problem, message=f"{problem.message} (inherited by {document})")


def _expand_sections(merged: Merged, standard: dict[str, dict[str, Any]],
                     problems: list[Problem]) -> Merged:
    """Replace `use: <id>` in a document's sections by the standard section's keys; the
    section's own keys win."""
    sections = merged.data.get("sections")
    if not isinstance(sections, list):
        return merged
    expanded = []
    for i, section in enumerate(sections):
        name = section.get("use") if isinstance(section, dict) else None
        if isinstance(name, str):
            if name in standard:
                section = {**standard[name], **section}
            else:
                problems.append(Problem(
                    merged.locate(("sections", i, "use")), "error", "unknown-section",
                    f"no standard section '{name}' in {COUNCILS_DIR}/{SECTIONS_DIR}/"
                    f"{did_you_mean(name, standard)}"))
        expanded.append(section)
    return Merged({**merged.data, "sections": expanded}, merged.own, merged.inherited,
                  merged.inherited_prefix)


def _variables(council: Council, programme: Programme | None, registry: Registry,
               published: Any) -> dict[str, str | None]:
    """The words programme text may borrow: {{ council.name }} and friends."""
    day = published if isinstance(published, dt.date) else _parse_date(published)
    regulator = registry.regulator
    return {
        "council.name": council.name,
        "council.name_in_sentence": council.in_sentence,
        "council.short_name": council.short_name,
        "council.area": council.area,
        "council.case_files": council.case_files,
        "programme.name": programme.name if programme else None,
        "regulator.name": regulator.name_on(day).name if regulator else None,
    }


def _parse_date(value: Any) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return dt.date.today()


def _fill(value: Any, path: Path_, variables: dict[str, str | None],
          merged: Merged, council_file: str) -> tuple[Any, list[Problem]]:
    """Replace {{ variable }} in every string; nothing else in the text is interpreted."""
    if isinstance(value, dict):
        out, problems = {}, []
        for k, v in value.items():
            out[k], found = _fill(v, path + (k,), variables, merged, council_file)
            problems += found
        return out, problems
    if isinstance(value, list):
        items, problems = [], []
        for i, v in enumerate(value):
            item, found = _fill(v, path + (i,), variables, merged, council_file)
            items.append(item)
            problems += found
        return items, problems
    if not isinstance(value, str) or "{{" not in value:
        return value, []
    found_here: list[Problem] = []

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in variables:
            found_here.append(Problem(merged.locate(path), "error", "unknown-variable",
                                    f"unknown variable '{{{{ {name} }}}}'"
                                    f"{did_you_mean(name, variables)}; known: "
                                    f"{', '.join(variables)}"))
            return match.group(0)
        if variables[name] is None:
            found_here.append(Problem(merged.locate(path), "error", "missing-variable",
                                    f"the text uses '{{{{ {name} }}}}' but it has no value: "
                                    f"add '{name.split('.')[-1]}' to "
                                    + (council_file if name.startswith("council.")
                                       else f"the {name.split('.')[0]}")))
            return match.group(0)
        return variables[name] or ""

    filled = _VARIABLE.sub(replace, value)
    if "{{" in filled and not found_here:
        found_here.append(Problem(merged.locate(path), "error", "invalid-variable",
                                  "only '{{ name }}' variables are allowed in text, e.g. "
                                  "'{{ council.name }}'"))
    return filled, found_here


# Keys that refer to the registry wherever they appear: key -> (registry table, problem code).
REFERENCES = {
    "provision": ("provisions", "unknown-legal-basis"),
    "right": ("rights", "unknown-right"),
    "criterion": ("criteria", "unknown-criterion"),
}


def _check_references(data: Any, registry: Registry, merged: Merged,
                      path: Path_ = ()) -> list[Problem]:
    """Every registry id a document uses exists; checked on the raw data, so that these
    are reported in the same pass as any other mistake in the file."""
    problems: list[Problem] = []
    if isinstance(data, list):
        for i, item in enumerate(data):
            problems += _check_references(item, registry, merged, path + (i,))
    elif isinstance(data, dict):
        cited, wording = data.get("cited_as"), data.get("wording")
        if isinstance(cited, str) and isinstance(wording, str) and cited not in wording:
            problems.append(Problem(merged.locate(path + ("cited_as",)), "error",
                                    "citation-not-in-wording",
                                    f"the words '{cited}' do not appear in the wording, so "
                                    "they cannot be linked to the law: make them match"))
        for key, value in data.items():
            if key in REFERENCES and isinstance(value, str | list):
                table_name, code = REFERENCES[key]
                table: dict[str, Any] = getattr(registry, table_name)
                ids = [(value, path + (key,))] if isinstance(value, str) else [
                    (v, path + (key, j)) for j, v in enumerate(value) if isinstance(v, str)]
                for ref, where in ids:
                    if ref not in table:
                        what = {"provisions": "legal registry",
                                "criteria": "DPIA criteria"}.get(table_name, "registry")
                        problems.append(Problem(merged.locate(where), "error", code,
                                                f"'{ref}' is not in the {what}"
                                                f"{did_you_mean(ref, table)}"))
            else:
                problems += _check_references(value, registry, merged, path + (key,))
    return problems
