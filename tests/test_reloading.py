"""Every load of a project reads the package's registry, forms and sections again (each
command, each save in `serve`, every test). What is read again is parsed and made once per
process; these tests hold that the shortcut never shows a reader stale or shared data."""

from __future__ import annotations

import shutil
from pathlib import Path

from pause_docs.source.loader import parse_yaml
from pause_docs.source.loading import load_shared

ROOT = Path(__file__).resolve().parents[1]
FORM = "middlesbrough-level-1"


def test_data_changed_by_one_reader_is_not_what_the_next_reader_gets() -> None:
    """The first reader's data is its own; from the second on, each gets a copy of what the
    cache keeps: four readers, each changing what it got."""
    text = "title: A notice\nsections:\n  - heading: Who we are\n    body: [one, two]\n"
    for reader in range(4):
        got, _ = parse_yaml(text, "notice.yaml")
        assert got is not None
        assert got.data == {"title": "A notice",
                            "sections": [{"heading": "Who we are", "body": ["one", "two"]}]}, (
            f"reader {reader + 1}")
        assert got.locate(("sections", 0, "heading")).line == 3
        got.data["title"] = "changed"
        got.data["sections"][0]["body"].append("three")
        got.keys.clear()


def test_the_same_text_under_another_name_is_located_in_that_file() -> None:
    text = "title: [unclosed\n"
    _, first = parse_yaml(text, "a.yaml")
    _, second = parse_yaml(text, "b.yaml")
    assert first and {p.location.path for p in first} == {"a.yaml"}
    assert second and {p.location.path for p in second} == {"b.yaml"}


def test_a_form_read_again_unchanged_is_made_once(tmp_path: Path) -> None:
    project = _project(tmp_path)
    first = load_shared(project).forms
    again = load_shared(project).forms
    assert first.keys() == again.keys() and len(first) > 3
    assert all(again[name].model is first[name].model for name in first)


def test_a_form_edited_between_two_loads_is_read_as_it_now_is(tmp_path: Path) -> None:
    """As `serve` sees it: the officer adds a field to the council's own form and saves."""
    project = _project(tmp_path)
    before = load_shared(project).forms[FORM].model
    assert "review_note" not in before.model_fields

    form = project / "councils" / "forms" / f"{FORM}.yaml"
    text = form.read_text()
    assert "\nsections:\n" in text
    form.write_text(text.replace(
        "\nsections:\n",
        "\nsections:\n  - id: review\n    heading: Review\n    fields:\n"
        "      - {id: review_note, label: What the review found, type: text}\n", 1))

    after = load_shared(project).forms[FORM].model
    assert after is not before
    assert "review_note" in after.model_fields
    assert after.model_json_schema()["properties"]["review_note"]["x-label"] == (
        "What the review found")


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    (project / "councils").mkdir(parents=True)
    shutil.copytree(ROOT / "councils" / "forms", project / "councils" / "forms")
    return project


def test_what_a_text_says_is_noted_as_it_was_parsed_not_as_its_reader_changed_it() -> None:
    """A build records what a document's YAML says without parsing it again: the note is
    taken as the file is parsed, so a reader changing its data cannot change it."""
    from pause_docs.source import remembered
    from pause_docs.source.fingerprints import yaml_fingerprint

    text = "title: A notice noted once\npurposes: [to keep children safe]\n"
    expected = remembered.data_fingerprint(
        {"title": "A notice noted once", "purposes": ["to keep children safe"]})
    assert remembered.said(text) is None
    first, _ = parse_yaml(text, "notice.yaml")
    assert first is not None
    first.data["purposes"].append("changed by its reader")
    assert remembered.said(text) == expected
    assert yaml_fingerprint(text.encode(), "notice.yaml") == expected
    assert yaml_fingerprint(b"title: [unclosed\n", "bad.yaml") is None
