"""One page per kind of YAML file: a table of its fields (name, type, required, description,
default or example), from the model's JSON Schema, then a table for each kind of item
inside it."""

from __future__ import annotations

import json
from typing import Any

from pause_docs.scaffold.json_schema import PER_LANGUAGE, json_schema
from pause_docs.scaffold.schemas import MODELS

from .examples import example_of

PER_LANGUAGE_NOTE = (
    "Any **text** may also be given per language, `{en: …, cy: …}` (see "
    "[Welsh and bilingual documents](../../guides/welsh.md)); a date, a number, an id or a "
    "choice may not.")


def pages() -> dict[str, str]:
    out = {"reference/kinds/index.md": _index()}
    for kind, model in MODELS.items():
        out[f"reference/kinds/{kind}.md"] = _page(kind, model.__doc__ or "")
    return out


def _index() -> str:
    rows = ["# Kinds of file", "",
            "Every kind of YAML file pause-docs reads, with a page of its fields. "
            "`pause-docs schema KIND` prints the same as a JSON Schema for editors.", "",
            "| kind | what it is |", "|---|---|"]
    for kind, model in MODELS.items():
        rows.append(f"| [`{kind}`]({kind}.md) | {_cell(_first_line(model.__doc__ or ''))} |")
    return "\n".join(rows) + "\n"


def _page(kind: str, doc: str) -> str:
    schema = json_schema(MODELS[kind])
    defs: dict[str, Any] = schema.get("$defs", {})
    out = [f"# `{kind}`", "", _clean(doc) or _first_line(schema.get("description", "")), "",
           f"JSON Schema: `pause-docs schema {kind}`. {PER_LANGUAGE_NOTE}", "",
           "## Fields", "", *_table(schema, kind, ())]
    for name in _reachable(schema, defs):
        if name == PER_LANGUAGE:
            continue
        node = defs[name]
        out += ["", f"## {name}", ""]
        if node.get("description"):
            out += [_clean(node["description"]), ""]
        if "properties" in node:
            out += _table(node, kind, (name,))
        else:
            out += [f"{_type(node)}."]
    return "\n".join(out) + "\n"


def _table(node: dict[str, Any], kind: str, where: tuple[str, ...]) -> list[str]:
    required = set(node.get("required", ()))
    rows = ["| field | type | required | description | example |", "|---|---|---|---|---|"]
    for name, field in node.get("properties", {}).items():
        example = example_of(kind, where, name, field)
        rows.append(f"| `{name}` | {_cell(_type(field))} | {'yes' if name in required else ''}"
                    f" | {_cell(_clean(field.get('description', '')))} | {_cell(example)} |")
    return rows


def _type(node: dict[str, Any]) -> str:
    """The type of a schema node in words, with links to the tables of nested items."""
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return "text" if name == PER_LANGUAGE else f"[{name}](#{name.lower()})"
    if "const" in node:
        return f"`{node['const']}`"
    if "enum" in node:
        return "one of " + ", ".join(f"`{v}`" for v in node["enum"])
    for key in ("anyOf", "oneOf"):
        if key in node:
            members = [n for n in node[key] if n.get("type") != "null"]
            if len(members) > 1:  # a text, a date… or per-language text: named by the first
                members = [n for n in members if not str(n.get("$ref", "")).endswith(
                    PER_LANGUAGE)]
            return " or ".join(dict.fromkeys(_type(n) for n in members))
    kind = node.get("type")
    if kind == "string":
        return {"date": "date (YYYY-MM-DD)", "markdown": "Markdown text", "uri": "web address",
                "email": "email address"}.get(node.get("format", ""), "text")
    if kind == "array":
        return "list of " + (_type(node["items"]) if "items" in node else "values")
    if kind == "object":
        inner = node.get("additionalProperties")
        if isinstance(inner, dict):
            return f"mapping of names to {_type(inner)}"
        return "mapping"
    names = {"integer": "whole number", "number": "number", "boolean": "true or false"}
    if isinstance(kind, list):
        return " or ".join(names.get(k, k) for k in kind if k != "null")
    return names.get(str(kind), "any value")


def _reachable(schema: dict[str, Any], defs: dict[str, Any]) -> list[str]:
    """The definitions the schema uses, in the order a reader meets them."""
    seen: list[str] = []

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                name = ref.rsplit("/", 1)[-1]
                if name not in seen and name in defs:
                    seen.append(name)
                    visit(defs[name])
            for key, value in node.items():
                if key != "$defs":
                    visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit({k: v for k, v in schema.items() if k != "$defs"})
    return seen


def _first_line(text: str) -> str:
    return _clean(text).split("\n\n")[0]


def _clean(text: str) -> str:
    """A docstring or description as Markdown: its paragraphs, each on one line."""
    paragraphs = [" ".join(p.split()) for p in text.strip().split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)


def _cell(text: str) -> str:
    return text.replace("\n\n", "<br>").replace("\n", " ").replace("|", "\\|")


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
