"""Every field of every YAML file is described, so editors can explain it as people type."""

from __future__ import annotations

from typing import Any

import pytest

from pause_docs.source.kinds import KINDS
from pause_docs.source.models import Council, Programme, RegistryFile, model_of


def undescribed(schema: dict[str, Any]) -> list[str]:
    missing = []
    for name, definition in [("", schema), *schema.get("$defs", {}).items()]:
        for field, spec in definition.get("properties", {}).items():
            if "description" not in spec:
                missing.append(f"{name or schema.get('title')}.{field}")
    return missing


@pytest.mark.parametrize(
    "model", [Council, Programme, RegistryFile, *(model_of(k) for k in KINDS)])
def test_every_field_has_a_description(model: Any) -> None:
    assert undescribed(model.model_json_schema()) == []
