"""The fields of a form, made from a JSON Schema as `pause-docs schema` writes it (so from the
same models `validate` checks with): a new field in a model is a new field in the editor.

A field is named in the form by its YAML path ('recipients/0/name'); a text given per
language has one box per language ('title/@cy'). `value_from_form` turns what a form posted
back into the file's data, keeping every key the form does not show.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..forms.form import LABEL
from ..scaffold.json_schema import PER_LANGUAGE
from ..source.loader import parse_yaml

Path_ = tuple[str | int, ...]
MAX_DEPTH = 9  # deeper than this (a section inside a section …) is edited as YAML text
COUNT = "#count"
LANGUAGE = "@"
TYPED = "typed"


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()
"""A field left empty: its key is left out of the file."""


@dataclass
class Spec:
    """One field of a form."""

    kind: str
    """object, list, text, markdown, choice, flag, whole, number, date or yaml (free YAML)."""
    label: str = ""
    description: str = ""
    examples: tuple[Any, ...] = ()
    per_language: bool = False
    required: bool = False
    choices: tuple[str, ...] = ()
    properties: dict[str, Spec] = field(default_factory=dict)
    items: Spec | None = None


_ACRONYMS = {"ico": "ICO", "dpo": "DPO", "dpia": "DPIA", "uk": "UK", "gdpr": "GDPR",
             "nhs": "NHS", "url": "URL", "id": "ID"}


def label_of(key: str | int) -> str:
    """A key as a field's name: 'ico_consulted' -> 'ICO consulted'."""
    words = str(key).replace("_", " ").replace("-", " ").capitalize().split(" ")
    return " ".join(_ACRONYMS.get(w.lower(), w) for w in words)


def spec_of(schema: Mapping[str, Any]) -> Spec:
    """The form of a whole file, from its JSON Schema."""
    return _spec(schema, schema.get("$defs", {}), 0, "", False)


def _spec(node: Mapping[str, Any], defs: Mapping[str, Any], depth: int, key: str,
          required: bool) -> Spec:
    meta = {k: node[k] for k in ("description", "examples", LABEL) if k in node}
    node, per_language = _unwrapped(node, defs, meta)
    found = Spec("yaml") if depth > MAX_DEPTH else _shape(node, defs, depth, key)
    found.label = str(meta.get(LABEL) or (label_of(key) if key else ""))
    described = str(meta.get("description", ""))
    found.description = "" if " ".join(described.split()) == found.label else described
    found.examples = tuple(meta.get("examples", ()))
    # a web address, an email address, a telephone number or a name made of letters and
    # hyphens (a text of a type with a description of its own) is the same in every language
    typed = meta.get(TYPED, False) and found.kind == "text"
    found.per_language = per_language and found.kind in ("text", "markdown") and not typed
    found.required = required
    return found


def _unwrapped(node: Mapping[str, Any], defs: Mapping[str, Any], meta: dict[str, Any]
               ) -> tuple[Mapping[str, Any], bool]:
    """The one shape `node` allows once references, nulls, 'TODO' placeholders and the
    per-language form are set aside (anything else: `{"anyOf": …}` left as it is)."""
    per_language = False
    while True:
        if "$ref" in node:
            name = str(node["$ref"]).rsplit("/", 1)[-1]
            if name == PER_LANGUAGE:
                return {"type": "string"}, True
            node = defs.get(name, {})
        elif "anyOf" in node:
            options = []
            for option in node["anyOf"]:
                if option.get("type") == "null" or str(option.get("pattern", "")) == "^TODO":
                    continue
                if str(option.get("$ref", "")).endswith("/" + PER_LANGUAGE):
                    per_language = True
                    continue
                options.append(option)
            if per_language and "description" in node and "title" not in node:
                meta[TYPED] = True
            if len(options) != 1:
                return ({"type": "string"} if not options else node), per_language
            node = options[0]
        else:
            return node, per_language
        for k in ("description", "examples", LABEL):
            if k in node and k not in meta:
                meta[k] = node[k]


def _shape(node: Mapping[str, Any], defs: Mapping[str, Any], depth: int, key: str) -> Spec:
    kind = node.get("type")
    if "enum" in node:
        seen: dict[str, str] = {}
        for value in node["enum"]:
            seen.setdefault(str(value).lower(), str(value))
        return Spec("choice", choices=tuple(seen.values()))
    if kind == "object" and isinstance(node.get("properties"), dict):
        need = set(node.get("required", ()))
        return Spec("object", properties={
            name: _spec(sub, defs, depth + 1, name, name in need)
            for name, sub in node["properties"].items()})
    if kind == "array" and isinstance(node.get("items"), dict):
        return Spec("list", items=_spec(node["items"], defs, depth + 1, f"{key} item", False))
    if kind == "string":
        return Spec({"date": "date", "markdown": "markdown"}.get(node.get("format", ""), "text"))
    simple = {"boolean": "flag", "integer": "whole", "number": "number"}
    return Spec(simple.get(str(kind), "yaml"))


# --- names in the form -------------------------------------------------------------------

def name_of(path: Path_) -> str:
    return "/".join(str(p) for p in path)


def id_of(name: str) -> str:
    """An HTML id for the field called `name`."""
    return "f-" + re.sub(r"[^A-Za-z0-9_-]", "-", name)


def value_at(data: Any, path: Path_) -> Any:
    for step in path:
        inside = step in data if isinstance(data, dict) else (
            isinstance(data, list) and isinstance(step, int) and 0 <= step < len(data))
        if not inside:
            return None
        data = data[step]
    return data


def side_by_side(spec: Spec, value: Any, languages: tuple[str, ...]) -> bool:
    """True when the field shows a box per language: a text that is given per language, or
    could be (its council publishes in more than one), unless it is a code ('cy')."""
    if not spec.per_language:
        return False
    if isinstance(value, dict):
        return True
    code = isinstance(value, str) and re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)*", value)
    return len(languages) > 1 and not code


def languages_of(value: Any, languages: tuple[str, ...]) -> tuple[str, ...]:
    """The languages a text shows a box for: the council's, and any the file gives."""
    extra = [k for k in value if re.fullmatch(r"[a-z]{2}", str(k))] if isinstance(
        value, dict) else []
    return tuple(dict.fromkeys([*languages, *extra]))


# --- reading a posted form -----------------------------------------------------------------

@dataclass
class Reading:
    """What a posted form said, and what could not be read in it."""

    form: Mapping[str, str]
    languages: tuple[str, ...]
    errors: dict[str, str] = field(default_factory=dict)
    """Field name -> why its value could not be read (the file's value is kept)."""


def value_from_form(spec: Spec, reading: Reading, path: Path_, old: Any) -> Any:
    """The value the form gives for `path` (MISSING when left empty)."""
    name = name_of(path)
    if spec.kind == "object":
        return _object(spec, reading, path, old)
    if spec.kind == "list":
        count = _count(reading.form.get(f"{name}/{COUNT}"))
        olds = old if isinstance(old, list) else []
        assert spec.items is not None
        items = []
        for index in range(count):
            item = value_from_form(spec.items, reading, (*path, index),
                                   olds[index] if index < len(olds) else None)
            items.append(blank(spec.items) if item is MISSING else item)
        return items if items else MISSING
    if side_by_side(spec, old, reading.languages):
        return _per_language(spec, reading, name, old)
    return _scalar(spec, reading, name, reading.form.get(name), old)


def _object(spec: Spec, reading: Reading, path: Path_, old: Any) -> Any:
    result = dict(old) if isinstance(old, dict) else {}
    for key, sub in spec.properties.items():
        value = value_from_form(sub, reading, (*path, key), result.get(key))
        if value is not MISSING:
            result[key] = value
        elif key in result and result[key] not in (None, "", [], {}):
            del result[key]
    return result if result or path == () else MISSING


def _per_language(spec: Spec, reading: Reading, name: str, old: Any) -> Any:
    result = dict(old) if isinstance(old, dict) else {}
    for language in languages_of(old, reading.languages):
        given = reading.form.get(f"{name}/{LANGUAGE}{language}")
        if given is None:
            continue
        value = _scalar(spec, reading, name, given, result.get(language))
        if value is MISSING:
            result.pop(language, None)
        else:
            result[language] = value
    for language in list(languages_of(result, reading.languages)):
        confirmed = reading.form.get(f"{name}/{LANGUAGE}{language}-from")
        if confirmed:  # a translation confirmed on the page, not yet saved
            result[f"{language}-from"] = confirmed
    texts = [k for k in result if not str(k).endswith("-from")]
    if not texts:
        return MISSING
    if texts == ["en"] and not isinstance(old, dict):
        return result["en"]
    return result


def _scalar(spec: Spec, reading: Reading, name: str, given: str | None, old: Any) -> Any:
    if given is None:  # not on the form at all (a page made before a field was added)
        return old if old is not None else MISSING
    if spec.kind in ("text", "markdown", "choice", "date"):
        text = given.replace("\r\n", "\n")
        text = text if spec.kind == "markdown" else text.strip()
        if not text.strip():
            return MISSING
        if spec.kind == "date":
            return _date(text)
        if spec.kind == "choice" and isinstance(old, str) and old.lower() == text.lower():
            return old  # 'No' stays as written
        return text
    if spec.kind == "flag":
        return {"true": True, "false": False}.get(given, MISSING)
    if spec.kind in ("whole", "number"):
        return _number(given.strip(), spec.kind)
    return _yaml(reading, name, given, old)


def _date(text: str) -> Any:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return text  # 'TODO: the day it is published': validate says what to fill in


def _number(text: str, kind: str) -> Any:
    if not text:
        return MISSING
    try:
        return int(text) if kind == "whole" else float(text)
    except ValueError:
        return text  # validate says it is not a number, beside the field


def _yaml(reading: Reading, name: str, given: str, old: Any) -> Any:
    if not given.strip():
        return MISSING
    source, problems = parse_yaml(given, name)
    if source is None or problems:
        reading.errors[name] = "; ".join(
            f"line {p.location.line}: {p.message}" for p in problems) or "not YAML"
        return old if old is not None else MISSING
    return source.data


def blank(spec: Spec) -> Any:
    return {} if spec.kind == "object" else ""


def _count(text: str | None) -> int:
    try:
        return max(0, min(int(text or "0"), 500))
    except ValueError:
        return 0
