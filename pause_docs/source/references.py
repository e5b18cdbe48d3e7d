"""Resolving a document: its kind's model, its programme, its references to the registry and
to other documents (the notice a DPIA screening screens), each problem at its place."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Location, Problem, did_you_mean, display_path
from .inheritance import expand_sections, fill, todos, variables, with_defaults, with_todos
from .kinds import KINDS, processing_kinds
from .languages import DEFAULT_LANGUAGE, select
from .layout import (
    COUNCIL_FILE,
    COUNCILS_DIR,
    PROGRAMMES_DIR,
    document_files,
)
from .loader import Path_, SourceFile
from .models import Council, DpiaScreening, Notice, Programme, model_of
from .models.assessment import DOCUMENT_KEYS
from .models.base import _SLUG
from .project import Project, read_source, real_folder, scratch, shown
from .registry_ids import check_references
from .resolved import Merged, Provenance, ResolvedDocument
from .resources import shown_by_command
from .validation import validate

if TYPE_CHECKING:
    from ..forms.form import Form

# Keys that refer to the registry wherever they appear: key -> (registry table, problem code).


CouncilVersions = dict[str, tuple[Council, dict[Path_, str]]]
"""A council in each of its languages, the first first: the model, and the language of each
of its texts given per language."""


def resolve_document(project: Project, council_slug: str, file: Path, source: SourceFile,
                     council: CouncilVersions | None, council_source: SourceFile | None = None
                     ) -> ResolvedDocument | None:
    """The document in `source` with everything it inherits and cites, in its council's
    first language with its other languages as `versions`, or None (its problems added to
    the project's)."""
    if council is None:  # the document's own problems are still reported
        _resolve_in(project, council_slug, file, source, None, None, DEFAULT_LANGUAGE)
        return None
    found = [_resolve_in(project, council_slug, file, source, council[language],
                         council_source, language) for language in council]
    if any(doc is None for doc in found):
        return None
    first, *others = [doc for doc in found if doc is not None]
    return replace(first, versions={doc.language: doc for doc in others})


def _resolve_in(project: Project, council_slug: str, file: Path, source: SourceFile,
                council_version: tuple[Council, dict[Path_, str]] | None,
                council_source: SourceFile | None, language: str
                ) -> ResolvedDocument | None:
    registry, cited = project.registry.recording()
    problems = todos(source)
    kind = _kind(source, problems)
    if kind is None:
        project.problems += problems
        return None
    council = council_version[0] if council_version else None
    merged, programme = _inherit(project, source, kind, problems, language)
    chosen = select(merged.data, language, merged.locate)
    merged = merged.with_data(chosen.data, chosen.languages)
    problems += chosen.problems
    filled = merged.data
    if council is not None:
        known = variables(council, programme[0] if programme else None, registry,
                          source.data.get("published"))
        council_file = f"{COUNCILS_DIR}/{council_slug}/{COUNCIL_FILE}, for {source.path}"
        filled, found = fill(merged.data, (), known, merged, council_file)
        problems += found
    form, found = _form_of(project, kind, filled, merged, language)
    problems += found
    if KINDS[kind].form is not None and form is None:  # the rest is still checked
        problems += check_references(filled, registry, merged)
        project.problems += [_naming(p, source) for p in problems]
        return None
    if form is not None:
        filled = _for_form(filled, merged, form)
    merged = merged.with_data(filled)
    model, found = validate(form.model if form else model_of(kind), filled, merged.locate,
                            "document")
    problems = with_todos(found, problems) + check_references(filled, registry, merged)
    if isinstance(model, Notice):
        problems += _plain_reasons_outside_layer(model, merged)
    if issubclass(model_of(kind), DpiaScreening):  # a DPIA screening, or a full DPIA
        problems += _check_notice_exists(filled.get("notice"), merged, file.parent)
    project.problems += [_naming(p, source) for p in problems]
    if model is None or council_version is None or any(p.severity == "error"
                                                       for p in problems):
        return None
    provenance = Provenance(
        source.path, merged, _inputs(project, file, source, merged, form, council_version[0]),
        cites=frozenset(cited), council_source=council_source,
        programme_source=merged.inherited, folder=real_folder(project, file.parent),
        council_languages=council_version[1],
        programme_languages=programme[1] if programme else {},
        section_sources=_sections_used(project, merged))
    return ResolvedDocument(
        council_slug, file.stem, model,  # type: ignore[arg-type]
        council_version[0], programme[0] if programme else None, project.registry, provenance,
        form=form, language=language, languages=council_version[0].languages)


def _sections_used(project: Project, merged: Merged) -> dict[str, SourceFile]:
    """The standard sections the document's sections use, by name."""
    sections = merged.own.data.get("sections") if isinstance(merged.own.data, dict) else None
    names = {s.get("use") for s in sections or () if isinstance(s, dict)}
    return {name: project.section_sources[name] for name in sorted(
        n for n in names if isinstance(n, str)) if name in project.section_sources}


def _inputs(project: Project, file: Path, source: SourceFile, merged: Merged,
            form: Form | None, council: Council) -> tuple[str, ...]:
    """The files a document is made from."""
    sections = project.section_sources
    used = sorted({sections[section["use"]].path
                   for section in merged.data.get("sections", []) or []
                   if isinstance(section, dict) and section.get("use") in sections})
    logo = (shown(project, file.parent / council.logo.file),) if council.logo else ()
    return (source.path, shown(project, file.parent / COUNCIL_FILE),
            *((merged.inherited.path,) if merged.inherited else ()), *used,
            *(form.files if form else ()), *logo)


def _form_of(project: Project, kind: str, data: dict[str, Any], merged: Merged,
             language: str = DEFAULT_LANGUAGE) -> tuple[Form | None, list[Problem]]:
    """The form a document is written on, in `language`: the one it (or its programme)
    names, or its kind's usual one."""
    default = KINDS[kind].form
    if default is None:
        return None, []
    name = data.get("form", default)
    where = merged.locate(("form",))
    if not isinstance(name, str):
        return None, [Problem(where, "error", "wrong-type", "form: expected the name of a form")]
    form = project.forms.get(name)
    if form is None and name in project.form_files:
        return None, [Problem(where, "error", "form-has-errors", f"the form '{name}' has "
                              "errors: run 'pause-docs validate' and fix them first")]
    if form is None:
        ours = sorted(n for n, f in project.forms.items() if f.kind == kind)
        return None, [Problem(where, "error", "unknown-form",
                              f"no form '{name}'{did_you_mean(name, project.forms)}; forms for "
                              f"{kind}: {', '.join(ours) or 'none'}")]
    if form.kind != kind:
        return None, [Problem(where, "error", "form-for-another-kind",
                              f"the form '{name}' is for {form.kind} documents, not {kind}: "
                              "change 'kind' or 'form'")]
    return project.forms_in(language).get(name, form), []


def _for_form(data: dict[str, Any], merged: Merged, form: Form) -> dict[str, Any]:
    """A programme pre-fills fields and answers for every form its documents may use; what
    this form does not ask for is left out (the document's own keys are kept, and reported
    if the form does not have them)."""
    known = set(DOCUMENT_KEYS) | {f.id for f in form.fields()}
    kept = {key: value for key, value in data.items()
            if key in known or merged.own_has((key,))}
    answers = kept.get("answers")
    if isinstance(answers, dict):
        kept["answers"] = {key: _inherited_answer(value, form.question(str(key)))
                           if not merged.own_has(("answers", key)) else value
                           for key, value in answers.items()
                           if form.question(str(key)) is not None
                           or merged.own_has(("answers", key))}
    return kept


def _inherited_answer(value: Any, question: Any) -> Any:
    """A programme's answer without the evidence a form with no place for it has no use
    for (a document's own evidence there is still refused)."""
    if isinstance(value, dict) and question.section.evidence == "none":
        return {key: item for key, item in value.items() if key != "evidence"}
    return value


def _kind(source: SourceFile, problems: list[Problem]) -> str | None:
    """The document's kind, or None with the problem that says why not."""
    data = source.data
    if not isinstance(data, dict):
        problems.append(Problem(source.locate(()), "error", "wrong-type",
                                "a document must be a mapping of keys to values"))
        return None
    kind = data.get("kind")
    if isinstance(kind, str) and kind in KINDS:
        return kind
    names = ", ".join(KINDS)
    if kind is None:
        problems.append(Problem(source.locate(()), "error", "missing-key",
                                "missing required key 'kind'"))
    elif isinstance(kind, list | dict):
        shape = "a list" if isinstance(kind, list) else "a mapping"
        problems.append(Problem(source.locate(("kind",)), "error", "invalid-value",
                                f"kind: expected one of: {names}, found {shape}"))
    else:
        problems.append(Problem(source.locate(("kind",)), "error", "invalid-value",
                                f"kind: '{kind}' is not one of: {names}"
                                f"{did_you_mean(str(kind), KINDS)}"))
    return None


def _inherit(project: Project, source: SourceFile, kind: str, problems: list[Problem],
             language: str = DEFAULT_LANGUAGE
             ) -> tuple[Merged, tuple[Programme, dict[Path_, str]] | None]:
    """The document over its programme's defaults, with its standard sections expanded; the
    programme in `language`."""
    data = source.data
    merged = Merged(dict(data), source)
    programme: tuple[Programme, dict[Path_, str]] | None = None
    slug = data.get("programme")
    if slug is not None:
        programme = project.programme(str(slug), language)
        if programme is not None:
            merged = with_defaults(data, source, programme[0],
                                   project.programme_sources[str(slug)], KINDS[kind].family)
        elif str(slug) not in project.programme_sources:
            problems.append(Problem(
                source.locate(("programme",)), "error", "unknown-programme",
                f"no programme '{slug}' in the package's library or in "
                f"{COUNCILS_DIR}/{PROGRAMMES_DIR}/"
                f"{did_you_mean(str(slug), project.programme_sources)}"))
    return expand_sections(merged, project.standard_sections, problems), programme


def link_notices(project: Project, directory: Path, resolved: dict[str, ResolvedDocument],
                 council: CouncilVersions | None, attempted: set[str],
                 council_source: SourceFile | None = None) -> list[ResolvedDocument]:
    """Give each DPIA screening the notice it screens, and each layer (a notice with
    `parent:`) the full notice it sits under, from the same council folder.

    A notice that failed in this run has had its problems reported already; one outside the
    selection is resolved here, and its failure reported at the key that names it.
    """
    out = []
    for doc in resolved.values():
        key = ("notice" if isinstance(doc.model, DpiaScreening) else
               "parent" if isinstance(doc.model, Notice) else None)
        name = getattr(doc.model, key) if key else None
        if key is None or name is None:
            out.append(doc)
            continue
        notice = _named_notice(project, directory, resolved, council, attempted,
                               council_source, doc, key)
        if notice is not None:
            out.append(_with_notice(doc, notice) if key == "notice" else
                       _with_parent(doc, notice))
    return out


def _naming(problem: Problem, source: SourceFile) -> Problem:
    """A problem found in what a document inherits, located where the value was written,
    says which document it stops; one in a file the tool ships (which the officer has no
    copy of) is located at the document, naming that file as `pause-docs show` does."""
    document, where = source.path, problem.location
    shipped = shown_by_command(where.path, where.line)
    if shipped is not None:
        at = (source.locate(("programme",), key=True)
              if isinstance(source.data, dict) and "programme" in source.data
              else Location(document))
        return replace(problem, location=at,
                       message=f"{problem.message} (inherited from {shipped})")
    if where.path == document or document in problem.message:
        return problem
    return replace(problem, message=f"{problem.message} (inherited by {document})")


def _named_notice(project: Project, directory: Path, resolved: dict[str, ResolvedDocument],
                  council: CouncilVersions | None, attempted: set[str],
                  council_source: SourceFile | None, doc: ResolvedDocument, key: str
                  ) -> ResolvedDocument | None:
    """The notice `doc` names under `key`, or None (with the problem reported)."""
    name = getattr(doc.model, key)
    where = doc.provenance.locate((key,))
    file = directory / f"{name}.yaml"
    if name == doc.slug:
        project.problems.append(Problem(where, "error", "invalid-value",
                                        f"{key}: a notice cannot sit under itself"))
        return None
    notice = resolved.get(name)
    if notice is None and file.exists():
        if name not in attempted:  # one that failed in this run has its problems reported
            aside = scratch(project)
            source = read_source(aside, file)
            notice = resolve_document(aside, directory.name, file, source, council,
                                      council_source) if source is not None else None
        if notice is None:
            project.problems.append(Problem(
                where, "error", "notice-has-errors",
                f"the notice '{name}' has errors: run 'pause-docs validate "
                f"{display_path(file, project.root)}' and fix them first"))
            return None
    if notice is None:
        if key == "parent":  # a screening's is reported by _check_notice_exists
            others = [f.stem for f in document_files(directory) if f.stem != doc.slug]
            project.problems.append(Problem(
                where, "error", "unknown-notice",
                f"no notice '{name}' in {COUNCILS_DIR}/{directory.name}/"
                f"{did_you_mean(name, others)}"))
        return None
    if notice.kind not in processing_kinds():
        project.problems.append(Problem(
            where, "error", "not-a-notice",
            f"'{name}' is a {notice.kind}, not a notice: name a privacy notice or fair "
            "processing notice"))
        return None
    return notice


def _with_parent(doc: ResolvedDocument, parent: ResolvedDocument) -> ResolvedDocument:
    """A layer, in each of its languages, with the full notice it sits under in the same."""
    versions = {language: replace(version, parent=parent.in_language(language))
                for language, version in doc.versions.items()}
    return replace(doc, parent=parent, provenance=_with_inputs(doc, parent), versions=versions)


def _with_notice(doc: ResolvedDocument, notice: ResolvedDocument) -> ResolvedDocument:
    """The screening, in each of its languages, with the notice it screens in the same."""
    versions = {language: replace(version, notice=notice.in_language(language))
                for language, version in doc.versions.items()}
    return replace(doc, notice=notice, provenance=_with_inputs(doc, notice), versions=versions)


def _with_inputs(doc: ResolvedDocument, other: ResolvedDocument) -> Provenance:
    """The document's provenance with the files and registry entries `other` is made from."""
    return replace(doc.provenance, inputs=doc.provenance.inputs + other.provenance.inputs,
                   cites=doc.provenance.cites | other.provenance.cites)


def _plain_reasons_outside_layer(notice: Notice, merged: Merged) -> list[Problem]:
    """Reasons citing no law are for a layer, whose full notice gives the law; a notice for
    everyone must give its law."""
    if not notice.plain_reasons or notice.audience != "everyone":
        return []
    return [Problem(merged.locate(("plain_reasons",), True), "error", "plain-reason-outside-layer",
                    "a plain reason without a provision is only for a young people's or Easy "
                    "Read layer ('audience: young-people' or 'audience: easy-read'): give it "
                    "under legal_bases as 'reason:' with 'provision: ...' (the registry id of "
                    "the law; see pause-docs law WORDS, e.g. pause-docs law public task)")]


def _check_notice_exists(name: Any, merged: Merged, directory: Path) -> list[Problem]:
    """A DPIA screening (or a full DPIA) names a notice file in its own council folder."""
    if not isinstance(name, str) or not _SLUG.match(name) or (
            directory / f"{name}.yaml").exists():
        return []  # a name that is not a slug is reported by the model
    others = [f.stem for f in document_files(directory)]
    if "notice" in merged.own.data:
        where, source = merged.locate(("notice",)), ""
    else:  # from the programme: the screening that inherits it is the one to correct
        where = merged.own.locate(("programme",))
        source = (" (the screening takes 'notice:' from its programme: give its own "
                  "'notice:' to name the notice it screens)")
    return [Problem(where, "error", "unknown-notice",
                    f"no notice '{name}' in {COUNCILS_DIR}/{directory.name}/"
                    f"{did_you_mean(name, others)}{source}")]


