"""YAML loading: safe, exact about positions, and unbothered by hostile files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pause_docs.source.loader import parse_yaml, read_yaml
from pause_docs.source.reader import MAX_FILE_BYTES


def problems(text: str) -> list[str]:
    return [str(p) for p in parse_yaml(text, "f.yaml")[1]]


def test_yes_no_and_dates_stay_text_until_the_models_read_them() -> None:
    source, found = parse_yaml("answer: no\nswitch: on\nday: 2017-02-01\nflag: true\n", "f.yaml")
    assert found == []
    assert source is not None
    assert source.data == {"answer": "no", "switch": "on", "day": "2017-02-01", "flag": True}


def test_an_impossible_date_does_not_crash_the_loader() -> None:
    source, found = parse_yaml("published: 2025-02-30\n", "f.yaml")
    assert found == [] and source is not None and source.data["published"] == "2025-02-30"


def test_positions_of_keys_and_values_are_recorded() -> None:
    source, _ = parse_yaml("a:\n  - b: 1\n    c: [x, y]\n", "f.yaml")
    assert source is not None
    assert str(source.locate(("a", 0, "c"), key=True)) == "f.yaml:3:5"
    assert str(source.locate(("a", 0, "c", 1))) == "f.yaml:3:12"
    # a path that is not there falls back to its nearest ancestor
    assert str(source.locate(("a", 0, "missing"))) == "f.yaml:2:5"


def test_duplicate_keys_are_errors_with_both_lines() -> None:
    assert problems("title: a\nother: b\ntitle: c\n") == [
        "f.yaml:3:1: error: duplicate-key: duplicate key 'title' (first at line 1)"]


def test_object_constructing_tags_are_refused() -> None:
    assert problems("a: !!python/object/apply:os.system [echo hi]\n") == [
        "f.yaml:1:4: error: yaml-tag: YAML tag '!!python/object/apply:os.system' is not "
        "allowed: write plain text, numbers, lists and mappings only"]


def test_a_syntax_error_is_located_and_explained() -> None:
    assert problems("title: Fair processing notice: draft\n") == [
        "f.yaml:1:8: error: yaml-syntax: the ': ' in this text makes YAML read the words "
        "before it as a key: put the text in quotes, as in "
        'title: "Fair processing notice: draft"']
    assert "indented with spaces only" in problems("a: 1\n\tb: 2\n")[0]


def test_billion_laughs_fails_fast() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    found = problems("\n".join(lines) + "\n")
    assert len(found) == 1 and "too-large" in found[0]


def test_a_recursive_alias_is_an_error_not_a_hang() -> None:
    assert "too-deep" in problems("&a [*a]\n")[0]


def test_empty_file_and_wrong_encoding(tmp_path: Path) -> None:
    assert problems("") == ["f.yaml:1:1: error: empty-file: the file is empty"]
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("title: caf\xe9\n".encode("latin-1"))
    _, found = read_yaml(bad, "latin1.yaml")
    assert [p.code for p in found] == ["encoding"]


def test_files_above_the_size_limit_are_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * (MAX_FILE_BYTES + 1) + "\n")
    source, found = read_yaml(big, "big.yaml")
    assert source is None and [p.code for p in found] == ["file-too-large"]


def test_real_dates_parse_in_the_models() -> None:
    from pause_docs.source.models.registry import StatusChange

    change = StatusChange.model_validate({"change": "repealed", "on": "2018-05-25",
                                          "by": "DPA 2018", "evidence": "P"})
    assert change.on == dt.date(2018, 5, 25)
