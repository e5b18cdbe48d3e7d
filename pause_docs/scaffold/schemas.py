"""JSON Schemas of every kind of YAML file a project holds, as `validate` checks them, for
editors (completion and checking as people type) and for tools such as check-jsonschema.

Each schema carries `$schema` and `$id`. A document's schema does not require the keys its
programme may give it (they are inherited), and accepts every spelling `validate` accepts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .. import __version__
from ..forms.definition import FormDefinition, QuestionSet
from ..source.kinds import KINDS
from ..source.loader import read_yaml
from ..source.models import Council, CriteriaFile, Model, Programme, RegistryFile, model_of
from ..source.models.sections import StandardSection
from .json_schema import json_schema

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMAS_DIR = "schemas"  # where `init` writes them in a project, for the editor settings

# Every kind of YAML file: the files of a project, then the documents, then the law and forms.
MODELS: dict[str, type[Model]] = {
    "council": Council, "programme": Programme, "section": StandardSection,
    **{name: model_of(name) for name in KINDS},
    "registry": RegistryFile, "dpia-criteria": CriteriaFile, "form": FormDefinition,
    "question-set": QuestionSet,
}
KIND_NAMES = list(MODELS)
REPORT = "report"  # not a YAML file: what every command's `--format json` prints
FORM_GIVEN = frozenset({"title"})  # a document written on a form takes the form's if left out
TODO = {"type": "string", "pattern": "^TODO", "description": "Still to be filled in."}


def schema_id(kind: str) -> str:
    return f"urn:pause-docs:{__version__}:schema:{kind}"


def schema(kind: str, inherited: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The JSON Schema of `kind`; keys in `inherited` (given by a programme) not required."""
    found = json_schema(MODELS[kind])
    if kind in KINDS and KINDS[kind].form is not None:
        inherited |= FORM_GIVEN
    if inherited and "required" in found:
        found["required"] = [k for k in found["required"] if k not in inherited]
    found = _as_validate_reads(found)
    return {"$schema": DIALECT, "$id": schema_id(kind), **found}


def report_schema() -> dict[str, Any]:
    """What `--format json` prints, for `validate`, `lint`, `audit` and `diff` alike: every
    problem has one shape (`Problem.as_json`), wherever in the output it is."""
    text = {"type": "string"}
    maybe = {"type": ["integer", "null"], "minimum": 1}
    problem = {
        "type": "object", "additionalProperties": False,
        "required": ["path", "line", "column", "severity", "code", "message", "fix", "rule"],
        "properties": {
            "path": {**text, "description": "The file, as the user gave it or relative to "
                     "the project."},
            "line": {**maybe, "description": "1-based line (in a Word file: the paragraph)."},
            "column": {**maybe, "description": "1-based column."},
            "page": {**maybe, "description": "The page (audit of a PDF)."},
            "paragraph": {**maybe, "description": "The paragraph (audit of a Word file)."},
            "severity": {"enum": ["error", "warning", "info"]},
            "code": {**text, "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
            "message": text,
            "fix": {"type": ["string", "null"], "description": "What to change."},
            "rule": {"type": ["string", "null"], "description": "Where the rule comes from."},
        }}
    problems = {"type": "array", "items": {"$ref": "#/$defs/problem"}}
    return {
        "$schema": DIALECT, "$id": schema_id("report"), "$defs": {"problem": problem},
        "type": "object",
        "properties": {
            "summary": text, "problems": problems,
            "documents": {"type": "array", "items": {"type": "object", "required": ["problems"],
                                                     "properties": {"problems": problems}}},
            "lint": {"type": ["object", "null"],
                     "properties": {"fixed": problems, "introduced": problems}},
        }}


def inherited_keys(kind: str, programmes: list[Path]) -> frozenset[str]:
    """The keys any of these programme files gives documents of `kind` (by its family)."""
    if kind not in KINDS:
        return frozenset()
    keys: set[str] = set()
    for file in programmes:
        source, _ = read_yaml(file, file.name)
        data = source.data if source is not None else None
        defaults = data.get("defaults") if isinstance(data, dict) else None
        given = defaults.get(KINDS[kind].family) if isinstance(defaults, dict) else None
        if isinstance(given, dict):
            keys.update(str(k) for k in given)
    return frozenset(keys)


def _as_validate_reads(node: Any) -> Any:
    """Enumerated words also in the capitals `validate` accepts ('No', 'Yes', 'Uncertain'),
    and a 'TODO …' placeholder (as `new` writes) wherever a word, date or address is due:
    `validate` reports those as things to fill in, not as mistakes."""
    if isinstance(node, dict):
        out = {k: _as_validate_reads(v) for k, v in node.items()}
        values = out.get("enum")
        if isinstance(values, list) and all(isinstance(v, str) for v in values):
            extra = [s for v in values for s in (v.capitalize(), v.upper()) if s not in values]
            out["enum"] = values + sorted(set(extra), key=extra.index)
        if isinstance(out.get("const"), str):
            word = out.pop("const")
            out["enum"] = list(dict.fromkeys([word, word.capitalize(), word.upper()]))
        if any(k in out for k in ("enum", "format", "pattern")):
            return {"anyOf": [out, TODO]}
        return out
    if isinstance(node, list):
        return [_as_validate_reads(v) for v in node]
    return node


def text(kind: str, programmes: list[Path]) -> str:
    found = report_schema() if kind == REPORT else schema(kind, inherited_keys(kind, programmes))
    return json.dumps(found, indent=2, sort_keys=True) + "\n"


def file_name(kind: str) -> str:
    return f"{kind}.json"


def modeline(kind: str | None) -> str:
    """The first line of a document in councils/<council>/, naming its schema for editors
    (VS Code's YAML extension reads it), or '' for a file of no known kind."""
    if kind not in MODELS:
        return ""
    return f"# yaml-language-server: $schema=../../{SCHEMAS_DIR}/{file_name(kind)}\n"


def kind_of(text: str) -> str | None:
    """The `kind:` a document's text declares at the top level, if any."""
    for line in text.splitlines():
        if line.startswith("kind:"):
            return line.partition(":")[2].split("#")[0].strip().strip("'\"") or None
    return None
