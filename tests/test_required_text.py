"""Required text must say something: `title: ""`, `title: " "`, a form's required field of
spaces, a council's `short_name: ""` are located errors, not an empty heading.  A test walks
every model a project's files are checked with (each kind's, each bundled form's, the
council's, the programme's, the registry's) and tries every required text blank."""

from __future__ import annotations

import typing
from collections.abc import Iterator

import pytest
from conftest import COUNCIL_YAML, REPO
from pydantic import BaseModel, ValidationError

from pause_docs.source.loading import load_project
from pause_docs.source.models import MODELS, Council, CriteriaFile, Programme, RegistryFile

BLANKS = ("", " ", "\t\n", "\u200b\u00a0")


def models_within(model: type[BaseModel], seen: set[type[BaseModel]]) -> Iterator[type[BaseModel]]:
    if model in seen:
        return
    seen.add(model)
    yield model
    for field in model.model_fields.values():
        for inner in _classes(field.annotation):
            yield from models_within(inner, seen)


def _classes(annotation: object) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _classes(arg)


def required_texts() -> list[tuple[str, type[BaseModel], str]]:
    from pause_docs.forms.library import load_forms
    from pause_docs.source.registry import load_registry

    registry, _ = load_registry(REPO)
    forms, _ = load_forms(REPO, registry, "en")
    roots: list[type[BaseModel]] = [*MODELS.values(), Council, Programme, RegistryFile,
                                    CriteriaFile, *(f.model for f in forms.values())]
    seen: set[type[BaseModel]] = set()
    found = []
    for root in roots:
        for model in models_within(root, seen):
            for name, field in model.model_fields.items():
                if field.annotation is str and (field.is_required() or field.default):
                    found.append((f"{model.__name__}.{name}", model, name))
    return found


REQUIRED = required_texts()


def test_the_walk_finds_the_texts_that_matter() -> None:
    names = {n for n, _, _ in REQUIRED}
    assert {"Council.name", "Council.short_name", "Notice.title", "Contact.name"} <= names
    assert len(REQUIRED) > 40


@pytest.mark.parametrize("name,model,field", REQUIRED, ids=[n for n, _, _ in REQUIRED])
def test_every_required_text_refuses_blank(name: str, model: type[BaseModel],
                                           field: str) -> None:
    for blank in BLANKS:
        with pytest.raises(ValidationError) as caught:
            model.model_validate({field: blank})
        assert any(e["loc"] == (field,) for e in caught.value.errors()), (name, blank)


def test_a_blank_title_and_short_name_are_located_errors(project) -> None:
    notice = ("kind: privacy-notice\ntitle: ' '\npublished: 2026-07-01\nsummary: Help.\n"
              "sections:\n  - heading: What we do\n    show: summary\n")
    root = project({"councils/example/council.yaml": COUNCIL_YAML.replace(
        "short_name: Example", 'short_name: ""'),
        "councils/example/notice.yaml": notice.replace("' '", "Help")})
    problems = [str(p) for p in load_project(root).problems]
    assert problems == [
        "councils/example/council.yaml:2:13: error: invalid-value: short_name: must not be "
        "empty: write the text (spaces alone are not text)"], problems
    (root / "councils/example/council.yaml").write_text(COUNCIL_YAML)
    (root / "councils/example/notice.yaml").write_text(notice)
    assert [str(p) for p in load_project(root).problems] == [
        "councils/example/notice.yaml:2:8: error: invalid-value: title: must not be "
        "empty: write the text (spaces alone are not text)"]


def test_an_optional_text_given_blank_is_refused_too() -> None:
    from pause_docs.source.models.notice import Section

    with pytest.raises(ValidationError) as caught:
        Section.model_validate({"heading": " ", "text": "Words."})
    assert [e["loc"] for e in caught.value.errors()] == [("heading",)]
    assert "leave the key out" in caught.value.errors()[0]["msg"]
    Section.model_validate({"text": "Words."})
