"""What a document inherits: its programme's defaults, the standard sections it uses, and the
council's words its text borrows ({{ council.name }} and friends).

Nothing in YAML is interpreted but `{{ name }}` variables; every problem is located where it
was written (in the document, or in the programme it inherits from).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .errors import Problem, did_you_mean
from .layout import COUNCILS_DIR, SECTIONS_DIR
from .loader import Path_, SourceFile
from .models import Council, Programme
from .registry import Registry
from .resolved import MERGED_KEYS, Merged

_VARIABLE = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}")
_TODO = re.compile(r"\bTODO\b")


def with_defaults(data: dict[str, Any], source: SourceFile, programme: Programme,
                  programme_source: SourceFile, family: str) -> Merged:
    """The document's keys over its programme's defaults for its family of kinds; the
    entries of a merged mapping (a screening's answers) one by one."""
    defaults = programme.defaults.get(family, {})
    merged = {**defaults, **data}
    for key in MERGED_KEYS:
        if isinstance(defaults.get(key), dict) and isinstance(data.get(key), dict):
            merged[key] = {**defaults[key], **data[key]}
    return Merged(merged, source, programme_source, ("defaults", family))


def expand_sections(merged: Merged, standard: dict[str, dict[str, Any]],
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
                    f"no standard section '{name}' in the package's or in "
                    f"{COUNCILS_DIR}/{SECTIONS_DIR}/"
                    f"{did_you_mean(name, standard)}"))
        expanded.append(section)
    return merged.with_data({**merged.data, "sections": expanded})


def variables(council: Council, programme: Programme | None, registry: Registry,
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


def fill(value: Any, path: Path_, known: dict[str, str | None], merged: Merged,
         council_file: str) -> tuple[Any, list[Problem]]:
    """Replace {{ variable }} in every string; nothing else in the text is interpreted.

    A mapping or list with no variable in it is kept, not copied (most of a document):
    what `fill` gives is read, never changed in place."""
    if isinstance(value, (dict, list)):
        copied: Any = None
        problems: list[Problem] = []
        for k, v in value.items() if isinstance(value, dict) else enumerate(value):
            if _unfilled(v):  # most values: kept without a call each
                continue
            new, found = fill(v, path + (k,), known, merged, council_file)
            problems += found
            if new is not v:
                copied = copied if copied is not None else value.copy()
                copied[k] = new
        return (value if copied is None else copied), problems
    if _unfilled(value):
        return value, []
    return _fill_text(value, path, known, merged, council_file)


def _unfilled(value: Any) -> bool:
    """A value `fill` keeps as it is: not a mapping or list, and not a text with '{{'."""
    if isinstance(value, str):
        return "{{" not in value
    return not isinstance(value, dict | list)


def _fill_text(value: str, path: Path_, known: dict[str, str | None], merged: Merged,
               council_file: str) -> tuple[str, list[Problem]]:
    found: list[Problem] = []

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in known:
            found.append(Problem(merged.locate(path), "error", "unknown-variable",
                                 f"unknown variable '{{{{ {name} }}}}'"
                                 f"{did_you_mean(name, known)}; known: {', '.join(known)}"))
            return match.group(0)
        if known[name] is None:
            owner = council_file if name.startswith("council.") else f"the {name.split('.')[0]}"
            found.append(Problem(merged.locate(path), "error", "missing-variable",
                                 f"the text uses '{{{{ {name} }}}}' but it has no value: "
                                 f"add '{name.split('.')[-1]}' to {owner}"))
            return match.group(0)
        return known[name] or ""

    filled = _VARIABLE.sub(replace, value)
    if "{{" in filled and not found:
        found.append(Problem(merged.locate(path), "error", "invalid-variable",
                             "only '{{ name }}' variables are allowed in text, e.g. "
                             "'{{ council.name }}'"))
    return filled, found


def todos(source: SourceFile) -> list[Problem]:
    """A 'TODO' left by `pause-docs new` is an error until someone fills it in."""
    found = []

    def check(value: Any, path: Path_) -> None:
        if isinstance(value, dict | list):
            walk(value, path)
        elif isinstance(value, str) and "TODO" in value and _TODO.search(value):
            found.append(Problem(source.locate(path), "error", "todo",
                                 f"{dotted(path)} is still to be filled in: {value.strip()!r}"))

    def walk(value: dict[Any, Any] | list[Any], path: Path_) -> None:
        for k, v in value.items() if isinstance(value, dict) else enumerate(value):
            if isinstance(v, dict | list) or (isinstance(v, str) and "TODO" in v):
                check(v, path + (k,))  # most values are neither: no call, no path for them

    check(source.data, ())
    return found


def with_todos(found: list[Problem], todo_problems: list[Problem]) -> list[Problem]:
    """The TODO problems, plus the others that are not just the same TODO seen differently."""
    places = {p.location for p in todo_problems if p.code == "todo"}
    return todo_problems + [p for p in found if p.location not in places]


def dotted(path: Path_) -> str:
    return ".".join(str(p + 1) if isinstance(p, int) else p for p in path) or "value"
