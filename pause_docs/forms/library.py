"""The forms a project's documents can be written on: the bundled ones (pause_docs/forms/) and
the project's own (councils/forms/), each checked, with every mistake at its place.

A project's form may replace a bundled one of the same name only when it says so
(`replaces_bundled: true`), so that a form named by chance like a bundled one never silently
changes the documents written on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..source.errors import Location, Problem, did_you_mean, display_path
from ..source.kinds import KINDS
from ..source.languages import DEFAULT_LANGUAGE, select
from ..source.layout import BUNDLED_FORMS, COUNCILS_DIR, FORMS_DIR, form_folders
from ..source.loader import Path_, SourceFile, read_yaml
from ..source.models import MODELS, CriteriaSet, FormDocument
from ..source.models.assessment import DOCUMENT_KEYS
from ..source.models.registry import worded
from ..source.registry import Registry
from ..source.registry_ids import check_references
from ..source.resolved import Merged
from ..source.validation import validate
from .definition import FormDefinition, FormSection, Question, QuestionSet, Scale
from .form import FIELD_IN_LINE, Form, FormQuestion

SETS_DIR = "sets"
_RESERVED_COLUMNS = {"answer", "evidence"}


@dataclass(frozen=True)
class _Loaded:
    """A file read and validated, before its form is put together."""

    name: str
    source: SourceFile
    bundled: bool
    file: str
    """The file as a build records it (relative to the project, or absolute)."""
    references: tuple[Problem, ...] = ()
    """Registry ids it names that do not exist (found even when the file has other errors,
    so that one pass reports both)."""


def bundled_forms() -> dict[str, str]:
    """Name -> one-line description of every bundled form, for `pause-docs new`."""
    found = {}
    for file in sorted(BUNDLED_FORMS.glob("*.yaml")):
        source, _ = read_yaml(file, file.name)
        data = source.data if source is not None else None
        found[file.stem] = str(data.get("description", "")) if isinstance(data, dict) else ""
    return found


def load_forms(root: Path, registry: Registry, language: str = DEFAULT_LANGUAGE
               ) -> tuple[dict[str, Form], list[Problem]]:
    """Every form a document of this project may name, in `language` (its texts given per
    language read in that language), and the problems found in them."""
    problems: list[Problem] = []
    sets = _read_all(root, SETS_DIR, QuestionSet, "question set", problems, registry,
                     language)
    valid_sets: dict[str, tuple[QuestionSet, SourceFile]] = {}
    set_files: dict[str, str] = {}
    for name, (loaded, model) in sets.items():
        valid_sets[name] = (model, loaded.source)
        set_files[name] = loaded.file
    forms: dict[str, Form] = {}
    for name, (loaded, definition) in _read_all(root, "", FormDefinition, "form",
                                                problems, registry, language).items():
        found = _check(definition, loaded.source, valid_sets, registry)
        problems += found
        found += loaded.references
        if not found:
            forms[name] = _assemble(name, definition, loaded, valid_sets, set_files, registry,
                                    language)
    return forms, problems


def _read_all(root: Path, sub: str, model: type[Any], what: str, problems: list[Problem],
              registry: Registry, language: str = DEFAULT_LANGUAGE
              ) -> dict[str, tuple[_Loaded, Any]]:
    """The valid files of one sort (forms or question sets), project over bundled; the
    registry ids of every file read are checked, valid or not, in the same pass."""
    found: dict[str, tuple[_Loaded, Any]] = {}
    bundled: set[str] = set()
    for folder, is_bundled in form_folders(root):
        for file in sorted((folder / sub).glob("*.yaml")) if (folder / sub).is_dir() else ():
            # a bundled form is named as it is in the package, wherever that is installed
            shown = (f"pause_docs/{FORMS_DIR}/{file.relative_to(folder).as_posix()}"
                     if is_bundled else display_path(file, root))
            source, read = read_yaml(file, shown)
            problems += read
            if source is None:
                continue
            chosen = select(source.data, language, source.locate)
            problems += chosen.problems
            source = replace(source, data=chosen.data, languages=chosen.languages)
            parsed, invalid = validate(model, source.data, source.locator, what)
            references = check_references(source.data, registry, Merged(source.data, source))
            problems += invalid + references
            if parsed is None:
                continue
            name = file.stem
            if not is_bundled and name in bundled and not parsed.replaces_bundled:
                problems.append(Problem(
                    source.locate(()), "error", "form-shadows-bundled",
                    f"'{name}' is the name of a bundled {what}: rename this file (e.g. "
                    f"'{name}-own.yaml' and write 'form: {name}-own' in the documents on it), "
                    f"or add 'replaces_bundled: true' if it is meant to replace the bundled "
                    f"{what} for this project"))
                continue
            if is_bundled:
                bundled.add(name)
            found[name] = (_Loaded(name, source, is_bundled, display_path(file, root),
                                   tuple(references)), parsed)
    return found


def _check(form: FormDefinition, source: SourceFile,
           sets: dict[str, tuple[QuestionSet, SourceFile]], registry: Registry
           ) -> list[Problem]:
    """What the schema cannot say: names that must exist, ids used once, one decision."""
    problems: list[Problem] = []

    def error(path: Path_, code: str, message: str) -> None:
        problems.append(Problem(source.locate(path), "error", code, message))

    fields: dict[str, Path_] = {}
    questions: dict[str, Path_] = {}
    reserved = set(DOCUMENT_KEYS) | set(dir(BaseModel))
    for i, section in enumerate(form.sections):
        at: Path_ = ("sections", i)
        for j, field in enumerate(section.fields):
            where = at + ("fields", j, "id")
            if field.id in reserved:
                error(where, "reserved-field-id", f"'{field.id}' cannot be a field id: every "
                      "document has a key of that name; choose another, e.g. "
                      f"'{field.id}_text'")
            elif field.id in fields:
                error(where, "duplicate-id", f"field '{field.id}' is already defined at "
                      f"{source.locate(fields[field.id])}")
            fields.setdefault(field.id, where)
        for j, column in enumerate(section.columns):
            if column.id in _RESERVED_COLUMNS:
                error(at + ("columns", j, "id"), "reserved-field-id", f"'{column.id}' is a "
                      "column every question has; give this column another id")
        for name_path, name in _scale_names(section, at):
            if name not in form.scales:
                error(name_path, "unknown-scale", f"no scale '{name}' in this form's scales"
                      f"{did_you_mean(name, form.scales)}")
        for j, name in enumerate(section.include):
            if name not in sets:
                error(at + ("include", j), "unknown-question-set",
                      f"no question set '{name}'{did_you_mean(name, sets)}; sets are in "
                      f"{COUNCILS_DIR}/{FORMS_DIR}/{SETS_DIR}/ or bundled: "
                      f"{', '.join(sorted(sets)) or 'none'}")
        if section.criteria_set and section.criteria_set not in registry.criteria_sets:
            error(at + ("criteria_set",), "unknown-criteria-set",
                  f"'{section.criteria_set}' is not a list of DPIA criteria"
                  f"{did_you_mean(section.criteria_set, registry.criteria_sets)}")
        _check_show(form, section, at, error)
        for ident, where in _question_ids(section, at, sets, registry):
            if ident in questions:
                error(where, "duplicate-id", f"question '{ident}' is already asked at "
                      f"{source.locate(questions[ident])}")
            questions.setdefault(ident, where)
        _check_section_scales(form, section, at, error)
    _check_above_title(form, source, problems)
    _check_blank_means(form, error)
    _check_criteria(form, source, registry, problems)
    _check_decision(form, source, questions, problems)
    return problems


def _check_show(form: FormDefinition, section: FormSection, at: Path_,
                error: Callable[[Path_, str, str], None]) -> None:
    """show: processing is for DPIA screenings; screened, drafted, risks and outcome for full
    DPIAs."""
    if section.show is None:
        return
    kind = "dpia-screening" if section.show == "processing" else "dpia"
    if form.for_kind != kind:
        error(at + ("show",), "invalid-value", f"show: {section.show} is for "
              f"{'DPIA screenings' if kind == 'dpia-screening' else 'full DPIAs (for: dpia)'}")


def _scale_names(section: FormSection, at: Path_) -> list[tuple[Path_, str]]:
    found = [(at + ("scale",), section.scale)] if section.scale else []
    return found + [(at + ("questions", j, "scale"), q.scale)
                    for j, q in enumerate(section.questions) if q.scale]


def _question_ids(section: FormSection, at: Path_,
                  sets: dict[str, tuple[QuestionSet, SourceFile]], registry: Registry
                  ) -> list[tuple[str, Path_]]:
    found = [(q.id, at + ("include", j)) for j, name in enumerate(section.include)
             if name in sets for q in sets[name][0].questions]
    if section.criteria_set and section.criteria_set in registry.criteria_sets:
        found += [(c.id, at + ("criteria_set",))
                  for c in registry.criteria_sets[section.criteria_set].criteria]
    return found + [(q.id, at + ("questions", j, "id")) for j, q in enumerate(section.questions)]


def _section_scale(form: FormDefinition, section: FormSection) -> str | None:
    if section.scale:
        return section.scale
    return next(iter(form.scales)) if len(form.scales) == 1 else None


def _check_blank_means(form: FormDefinition, error: Callable[[Path_, str, str], None]
                       ) -> None:
    """The answer a blank counts as is one of every scale's answers."""
    if form.blank_means is None:
        return
    for name, scale in form.scales.items():
        if all(o.value != form.blank_means for o in scale.options):
            error(("blank_means",), "unknown-answer", f"blank_means: '{form.blank_means}' is "
                  f"not an answer of the scale '{name}' (its answers: "
                  f"{', '.join(o.value for o in scale.options)})")


def _check_section_scales(form: FormDefinition, section: FormSection, at: Path_,
                          error: Callable[[Path_, str, str], None]) -> None:
    """Every question has a scale; questions answered in tick-box columns share the columns
    of one scale (a question on another would tick under the wrong headings)."""
    needs_default = bool(section.include or section.criteria_set) or any(
        q.scale is None for q in section.questions)
    if section.has_questions and needs_default and _section_scale(form, section) is None:
        error(at, "missing-scale", "this section's questions have no scale: give the "
              "section a 'scale:' (one of: "
              f"{', '.join(form.scales) or 'none: add scales: to the form'})")
    default = _section_scale(form, section)
    names = {q.scale or default for q in section.questions} | (
        {default} if section.include or section.criteria_set else set())
    scales = [form.scales[n] for n in names if n in form.scales]
    if len(scales) > 1 and any(s.display == "columns" for s in scales):
        error(at + ("questions",), "mixed-scales", "the questions of this section are on "
              f"different scales ({', '.join(sorted(n for n in names if n))}) and one of "
              "them is shown as columns, which would put answers under the wrong headings: "
              "give them one scale, or put them in sections of their own")


def _check_above_title(form: FormDefinition, source: SourceFile, problems: list[Problem]
                       ) -> None:
    """Each '{field}' in the line above the title names one of the form's text fields."""
    texts = {f.id for s in form.sections for f in s.fields if f.type == "text"}
    for name in FIELD_IN_LINE.findall(form.above_title or ""):
        if name not in texts:
            problems.append(Problem(
                source.locate(("above_title",)), "error", "unknown-field",
                f"above_title: '{{{name}}}' is not a text field of this form"
                f"{did_you_mean(name, texts)}; the text fields are: "
                f"{', '.join(sorted(texts)) or 'none'}"))


def _check_criteria(form: FormDefinition, source: SourceFile, registry: Registry,
                    problems: list[Problem]) -> None:
    for i, section in enumerate(form.sections):
        for j, question in enumerate(section.questions):
            for k, ident in enumerate(question.criteria):
                if ident not in registry.criteria:
                    problems.append(Problem(
                        source.locate(("sections", i, "questions", j, "criteria", k)), "error",
                        "unknown-criterion", f"'{ident}' is not in the DPIA criteria"
                        f"{did_you_mean(ident, registry.criteria)}"))


def _check_decision(form: FormDefinition, source: SourceFile, questions: dict[str, Path_],
                    problems: list[Problem]) -> None:
    places = [i for i, s in enumerate(form.sections) if s.decision]
    rule = form.decision

    def error(path: Path_, code: str, message: str) -> None:
        problems.append(Problem(source.locate(path), "error", code, message))

    if rule is None:
        for i in places:
            error(("sections", i, "decision"), "missing-decision-rule", "this section prints "
                  "the decision, but the form has no 'decision:' rule")
        return
    if len(places) != 1:
        error(("decision",), "decision-section", "the form has a decision rule: exactly one "
              f"section must say 'decision: true' (found {len(places)})")
    if not questions:
        error(("decision", "rule"), "missing-questions", "a decision rule needs questions")
    if rule.gate is not None and rule.gate.question not in questions:
        error(("decision", "gate", "question"), "unknown-question",
              f"no question '{rule.gate.question}' in this form"
              f"{did_you_mean(rule.gate.question, questions)}")
    if rule.rule == "criteria" and form.for_kind != "dpia-screening":
        error(("decision", "rule"), "invalid-value", "rule: criteria is for DPIA screenings")


def _assemble(name: str, definition: FormDefinition, loaded: _Loaded,
              sets: dict[str, tuple[QuestionSet, SourceFile]], set_files: dict[str, str],
              registry: Registry, language: str = DEFAULT_LANGUAGE) -> Form:
    questions: list[FormQuestion] = []
    intros: dict[str, tuple[QuestionSet, SourceFile]] = {}
    files = [loaded.file]
    for i, section in enumerate(definition.sections):
        default = _section_scale(definition, section)

        def scale(question: Question, default: str | None = default) -> Scale:
            return definition.scales[question.scale or default or ""]

        for set_name in section.include:
            question_set, set_source = sets[set_name]
            files.append(set_files[set_name])
            intros.setdefault(section.id, (question_set, set_source))
            for j, q in enumerate(question_set.questions):
                q = q.model_copy(update={"characteristic": q.characteristic
                                         or question_set.characteristics})
                questions.append(FormQuestion(q, scale(q), section, set_source,
                                              ("questions", j)))
        if section.criteria_set:
            questions += _criteria_questions(registry.criteria_sets[section.criteria_set],
                                             section, scale, registry, language)
        questions += [FormQuestion(q, scale(q), section, loaded.source,
                                   ("sections", i, "questions", j))
                      for j, q in enumerate(section.questions)]
    base = MODELS[KINDS[definition.for_kind].model]
    assert issubclass(base, FormDocument)
    return Form(name, definition, loaded.source, loaded.bundled, tuple(questions), base,
                tuple(dict.fromkeys(files)), intros)


def _criteria_questions(criteria_set: CriteriaSet, section: FormSection, scale: Any,
                        registry: Registry, language: str) -> list[FormQuestion]:
    """One question per criterion of a registry list, in the registry's words (in
    `language` where the registry gives them)."""
    found = []
    for c in criteria_set.criteria:
        title, in_language = worded(c, "title", language)
        description, _ = worded(c, "description", language)
        q = Question(id=c.id, number=c.number, topic=title, question=description,
                     criteria=(c.id,))
        where = registry.defined_at.get(f"criteria:{c.id}", Location("legal_bases"))
        found.append(FormQuestion(q, scale(q), section, None, (), "registry", where,
                                  in_language))
    return found
