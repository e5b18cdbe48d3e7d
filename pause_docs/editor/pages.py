"""The editor's pages: the list of files, a file's form with its problems beside each field
and in an error summary (the GOV.UK Design System's patterns), and the new-file pages."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

import jinja2
import yaml

from ..check.explained import served
from ..source.errors import Problem
from ..source.layout import TEMPLATES_DIR
from ..translations.status import Needed
from .fields import LANGUAGE, Path_, Spec, id_of, languages_of, name_of, side_by_side
from .files import EditableFile
from .picker import is_law
from .roundtrip import not_text as _not_text

EDITOR_TEMPLATES = TEMPLATES_DIR / "editor"
ASSETS = {"editor.css": "text/css; charset=utf-8",
          "editor.js": "text/javascript; charset=utf-8"}
LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg"}
STATES = {"missing": "Not translated yet",
          "stale": "Out of date: the English changed after this was confirmed",
          "unconfirmed": "Not confirmed against the English yet"}


@dataclass(frozen=True)
class Mark:
    state: str
    words: str
    confirmable: bool


@dataclass(frozen=True)
class Said:
    """A message beside a field, and the rule that explains it (its code and address)."""

    text: str
    code: str = ""
    rule: str = ""


@dataclass(frozen=True)
class SummaryItem:
    text: str
    target: str
    severity: str = "error"
    code: str = ""
    """The finding's code, when the rules explain it (at `rule`)."""
    rule: str = ""


@dataclass
class FormPage:
    """Everything a file's form page shows."""

    file: EditableFile
    spec: Spec
    data: Any
    loaded: str
    token: str
    languages: tuple[str, ...] = ("en",)
    problems: tuple[Problem, ...] = ()
    paths: dict[Problem, Path_] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    """Fields whose text could not be read: name -> why."""
    raw: dict[str, str] = field(default_factory=dict)
    """Those fields' text as typed, shown again."""
    translations: tuple[Needed, ...] = ()
    notice: str = ""
    changed: str = ""
    preview: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)
    writable: bool = True
    unsaved: bool = False
    inherited: dict[str, Any] = field(default_factory=dict)
    """What the programme gives each top-level key the file leaves out."""
    finds: dict[str, Any] = field(default_factory=dict)
    """The law picker's searches: field name -> (the words, the entries found)."""

    def field_names(self) -> dict[Problem, str]:
        """The field each problem of the file is shown beside."""
        return {problem: _nearest(self.spec, path) for problem, path in self.paths.items()}


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(EDITOR_TEMPLATES)),
                             autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    env.globals.update(name_of=name_of, id_of=id_of, language_name=language_name,
                       rows=_rows, options=_options, same=_same, value_in=_value_in,
                       is_option=lambda spec, value: any(_same(value, o) for o, _ in
                                                         _options(spec)),
                       text_in=_text_in)
    return env


def asset(name: str) -> tuple[bytes, str] | None:
    if name not in ASSETS:
        return None
    return (EDITOR_TEMPLATES / name).read_bytes(), ASSETS[name]


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def render(template: str, **values: Any) -> str:
    return _environment().get_template(template).render(**values)


def form_page(page: FormPage) -> str:
    at, summary = _problems(page)
    marks = {(n.path, n.language): n for n in page.translations}
    return render(
        "edit.html", file=page.file, spec=page.spec, data=page.data, loaded=page.loaded,
        token=page.token, summary=summary, has_errors=bool(summary), notice=page.notice,
        changed=page.changed, preview=page.preview, links=page.links, writable=page.writable,
        languages=page.languages, is_law=is_law, unsaved=page.unsaved,
        inherited=lambda key: _gist(page.inherited[key]) if key in page.inherited else "",
        finds=lambda name: page.finds.get(name, ("", [])),
        problems_at=lambda name: at.get(name, []),
        shown=lambda spec, name, value: page.raw.get(name, _shown(spec, value)),
        languages_of=lambda value: languages_of(value, page.languages),
        side_by_side=lambda spec, value: side_by_side(spec, value, page.languages),
        translation_mark=lambda path, language: _mark(marks.get((tuple(path), language))))


def summary_html(page: FormPage) -> str:
    """The error summary alone, for the page's script to put in place as the officer types."""
    _, summary = _problems(page)
    module = _environment().get_template("_summary.html").module
    return str(module.error_summary(summary))  # type: ignore[attr-defined]


def beside_fields(page: FormPage) -> dict[str, list[Said]]:
    """The messages beside each field, as the page shows them and its script updates them."""
    return _problems(page)[0]


def _problems(page: FormPage) -> tuple[dict[str, list[Said]], list[SummaryItem]]:
    """The messages beside each field, and the error summary's items."""
    beside = page.field_names()
    at: dict[str, list[Said]] = {}
    summary = []
    for name, why in page.errors.items():
        at.setdefault(name, []).append(Said(why))
        summary.append(SummaryItem(f"{name}: {why}", id_of(name)))
    for problem in page.problems:
        if problem.location.path != page.file.shown and problem.severity != "error":
            continue  # a note about another file (the registry's Welsh): not this form's
        field_name = beside.get(problem)
        words = f"{problem.message}" + (f" ({problem.fix})" if problem.fix else "")
        rule = served(problem.code)
        if field_name is not None:
            at.setdefault(field_name, []).append(Said(words, problem.code if rule else "", rule))
        summary.append(SummaryItem(f"{problem.location}: {problem.severity}: {words}",
                                   id_of(field_name) if field_name else "main",
                                   problem.severity, problem.code, rule))
    return at, summary


def _nearest(spec: Spec, path: Path_) -> str:
    """The name of the deepest field of the form at or above `path`."""
    shown: list[str | int] = []
    for step in path:
        if spec.kind == "object" and step in spec.properties:
            spec = spec.properties[str(step)]
        elif spec.kind == "list" and isinstance(step, int) and spec.items is not None:
            spec = spec.items
        elif spec.per_language and isinstance(step, str):
            return name_of(tuple(shown)) + f"/{LANGUAGE}{step}"
        else:
            break
        shown.append(step)
    return name_of(tuple(shown)) if shown else "main"


def _mark(item: Needed | None) -> Mark | None:
    if item is None:
        return None
    return Mark(item.state, STATES.get(item.state, item.state),
                item.state in ("stale", "unconfirmed"))


def _shown(spec: Spec, value: Any) -> str:
    if value is None:
        return ""
    if spec.kind == "yaml":
        if isinstance(value, str) and not _not_text(value):
            return value  # a plain word reads back as itself
        if isinstance(value, list) and all(isinstance(v, str) and not _not_text(v)
                                           for v in value) and len(str(value)) < 80:
            return f"[{', '.join(value)}]" if all("," not in v for v in value) else \
                yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=90)
        return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=90)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return str(value.get("en", ""))
    return str(value)


def _gist(value: Any) -> str:
    """A value given elsewhere, in a line: its (English) text, or how many items it has."""
    if isinstance(value, dict) and isinstance(value.get("en"), str):
        value = value["en"]
    if isinstance(value, str):
        return value if len(value) <= 160 else value[:157].rstrip() + "…"
    if isinstance(value, list):
        return f"{len(value)} item{'s' if len(value) != 1 else ''}"
    return "given" if isinstance(value, dict) else str(value)


def _rows(value: Any) -> int:
    text = value if isinstance(value, str) else str(value or "")
    return max(3, min(20, len(text) // 70 + text.count("\n") + 2))


def _options(spec: Spec) -> list[tuple[str, str]]:
    if spec.kind == "flag":
        return [("true", "Yes"), ("false", "No")]
    return [(choice, choice.replace("-", " ")) for choice in spec.choices]


def _same(value: Any, option: str) -> bool:
    if isinstance(value, bool):
        return option == ("true" if value else "false")
    return value is not None and str(value).lower() == option.lower()


def _value_in(value: Any, key: str) -> Any:
    return value.get(key) if isinstance(value, dict) else None


def _text_in(value: Any, language: str) -> Any:
    if isinstance(value, dict):
        return value.get(language)
    return value if language == "en" else None
