"""The JSON Schema of a kind of YAML file, as `pause-docs schema` prints it for editors: the
model's own, with every text also accepted per language (`{en: …, cy: …}`), as the resolver
reads it (see `project.languages`)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

PER_LANGUAGE = "PerLanguageText"
_OUTER = ("title", "description", "default", "examples", "x-label")
_NOT_TEXT = ("enum", "const", "pattern")


def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """`model`'s JSON Schema with every text field accepting the per-language form."""
    schema: dict[str, Any] = _texts(model.model_json_schema())
    schema.setdefault("$defs", {})[PER_LANGUAGE] = {
        "type": "object",
        "description": "The text in each language, e.g. {en: Privacy notice, cy: Hysbysiad "
                       "preifatrwydd}; '<code>-from' is the hash of the English a translation "
                       "was confirmed against, written by 'pause-docs translations --update'.",
        "patternProperties": {
            "^[a-z]{2}$": {"type": ["string", "null"]},
            # a hash such as 844e1234 is a number to a YAML 1.2 reader (an editor's), a
            # string to pause-docs (YAML 1.1 rules): both are accepted
            "^[a-z]{2}-from$": {"anyOf": [{"type": "string", "pattern": "^[0-9a-f]{8}$"},
                                          {"type": "number"}]},
        },
        "additionalProperties": False,
        "minProperties": 1,
    }
    return schema


def _texts(node: Any) -> Any:
    """Every plain string schema in `node` as 'a string, or a text per language'."""
    if isinstance(node, list):
        return [_texts(item) for item in node]
    if not isinstance(node, dict):
        return node
    if node.get("type") == "string" and not any(key in node for key in _NOT_TEXT):
        outer = {key: node[key] for key in _OUTER if key in node}
        inner = {key: value for key, value in node.items() if key not in _OUTER}
        return {**outer, "anyOf": [inner, {"$ref": f"#/$defs/{PER_LANGUAGE}"}]}
    return {key: (_texts(value) if key != "properties" else
                  {name: _texts(spec) for name, spec in value.items()})
            for key, value in node.items()}
