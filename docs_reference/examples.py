"""An example value for each field: what the bundled files write for it (the example
councils, the package's programmes, sections, forms and registry), else the schema's own."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import yaml

from . import REPO

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
        try:
            data = yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        except (yaml.YAMLError, OSError, UnicodeDecodeError):
            continue
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
    if isinstance(value, str):
        text = value.strip().replace("\n", " ")
    else:
        text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True,
                              width=10_000, sort_keys=False).strip()
        if text.endswith("\n..."):
            text = text[:-4].strip()
    if len(text) > LONGEST:
        text = text[:LONGEST - 1].rstrip() + "…"
    return "`" + text.replace("`", "'") + "`" if text else ""


def as_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
