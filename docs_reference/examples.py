"""An example value for each field: what the bundled files write for it (the example
councils, the package's programmes, sections, forms and registry), else the schema's own."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

from pause_docs.source.loader import read_yaml

from . import REPO

_SPECIAL = re.compile(r"[:{}\[\],#]|^[-?!&*'\"|>%@`]")

LONGEST = 60


def example_of(kind: str, where: tuple[str, ...], name: str, field: dict[str, Any]) -> str:
    if not where:
        for data in _bundled().get(kind, ()):
            if isinstance(data, dict) and data.get(name) not in (None, "", [], {}):
                return _short(data[name])
    for key in ("examples", "default"):
        value = field.get(key)
        if key == "examples" and isinstance(value, list) and value:
            return _short(value[0])
        if key == "default" and value not in (None, "", [], {}, ()):
            return _short(value) + " (default)"
    return ""


@functools.cache
def _bundled() -> dict[str, list[Any]]:
    """The data of every bundled YAML file, by the kind of file it is, in path order."""
    found: dict[str, list[Any]] = {}
    files = sorted((REPO / "councils").rglob("*.yaml")) + sorted(
        (REPO / "pause_docs").rglob("*.yaml"))
    for file in files:
        kind = _kind_of(file)
        if kind is None:
            continue
        source, _problems = read_yaml(file, file.name)  # as pause-docs reads it: 'No' is 'No'
        if source is None:
            continue
        data = source.data
        if kind == "document":
            kind = str(data.get("kind")) if isinstance(data, dict) else ""
        found.setdefault(kind, []).append(data)
    return found


def _kind_of(file: Path) -> str | None:
    parts = file.relative_to(REPO).parts
    if "locales" in parts or "drafts" in parts or parts[-1] == "registry_changes.yaml":
        return None
    if parts[-1] == "council.yaml":
        return "council"
    for folder, kind in (("programmes", "programme"), ("sections", "section"),
                         ("sets", "question-set"), ("forms", "form")):
        if folder in parts:
            return kind
    if "legal_bases" in parts:
        return "dpia-criteria" if parts[-1] == "dpia-criteria.yaml" else "registry"
    return "document" if parts[0] == "councils" else None


def _short(value: Any) -> str:
    """The value as YAML writes it in one line, cut short."""
    text = value.strip().replace("\n", " ") if isinstance(value, str) else _flow(value)
    if len(text) > LONGEST:
        text = text[:LONGEST - 1].rstrip() + "…"
    return "`" + text.replace("`", "'") + "`" if text else ""


def _flow(value: Any) -> str:
    """YAML's flow style, as a person writes it: {key: value, …}, [a, b]."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, str):
        text = " ".join(value.split())
        return json.dumps(text, ensure_ascii=False) if _SPECIAL.search(text) or not text \
            else text
    return "null" if value is None else str(value).lower() if isinstance(value, bool) \
        else str(value)
