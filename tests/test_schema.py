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


def test_the_models_check_the_kinds_of_the_one_table_of_kinds() -> None:
    """A notice's `kind` and a form's `for` accept the kinds `KINDS` gives them, and the
    schema an editor reads lists those and no others."""
    from pause_docs.forms.definition import FormDefinition
    from pause_docs.source.kinds import form_kinds
    from pause_docs.source.models import Notice

    notices = [name for name, kind in KINDS.items() if kind.model == "Notice"]
    assert Notice.model_json_schema()["properties"]["kind"]["enum"] == notices
    forms = FormDefinition.model_json_schema(by_alias=True)["properties"]["for"]["enum"]
    assert forms == form_kinds() == [name for name, kind in KINDS.items() if kind.form]
    assert set(notices) | set(forms) == set(KINDS)
