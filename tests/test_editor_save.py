"""Saving from the editor: a change written as a person would make it (comments, order,
quoting and every unchanged line kept), atomically, never over a file changed on disk."""

from __future__ import annotations

import copy
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO

from pause_docs.editor.roundtrip import updated
from pause_docs.editor.saving import ChangedOnDisk, load, save
from pause_docs.source.loader import parse_yaml

BUNDLED = sorted((REPO / "councils").glob("*/*.yaml"))


def _git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture
def committed(tmp_path: Path) -> Path:
    """The Oxfordshire notice (which has comments and folded text) committed in a repo."""
    file = tmp_path / "notice.yaml"
    shutil.copy(REPO / "councils/oxfordshire/pause-privacy-notice.yaml", file)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "x")
    return file


def test_a_one_field_edit_of_a_commented_document_changes_exactly_that_line(committed: Path
                                                                            ) -> None:
    loaded = load(committed, "notice.yaml")
    data = copy.deepcopy(loaded.data)
    data["subtitle"] = "How we use information about you in Pause"
    save(committed, loaded.fingerprint, data)
    assert _git(committed.parent, "diff", "--numstat").split() == ["1", "1", "notice.yaml"]
    diff = _git(committed.parent, "diff", "-U0")
    assert "+subtitle: How we use information about you in Pause\n" in diff
    assert committed.read_text().startswith("# The OCC and Pause privacy notice (2018)")


def test_a_file_changed_on_disk_after_loading_is_not_overwritten(committed: Path) -> None:
    loaded = load(committed, "notice.yaml")
    edited_elsewhere = committed.read_text().replace("Privacy Notice", "Privacy notice", 1)
    committed.write_text(edited_elsewhere)
    data = copy.deepcopy(loaded.data)
    data["subtitle"] = "Mine"
    with pytest.raises(ChangedOnDisk) as refused:
        save(committed, loaded.fingerprint, data)
    assert committed.read_text() == edited_elsewhere
    shown = refused.value.differences("notice.yaml")
    assert "+subtitle: Mine" in shown and "(on disk now)" in shown


@pytest.mark.slow
@pytest.mark.parametrize("file", BUNDLED, ids=lambda f: f"{f.parent.name}/{f.name}")
def test_writing_a_bundled_file_unchanged_changes_nothing_but_hash_quoting(file: Path) -> None:
    text = file.read_text()
    source, _ = parse_yaml(text, file.name)
    assert source is not None
    again = updated(text, source.data)
    changed = [a for a, b in zip(text.splitlines(), again.splitlines(), strict=False) if a != b]
    # an unquoted translation hash that a YAML 1.2 reader takes for a number gets quotes
    assert all("-from:" in line for line in changed), changed
    assert len(text.splitlines()) == len(again.splitlines())


def test_list_items_added_removed_and_moved_touch_only_their_lines() -> None:
    text = "# a comment\nitems:\n  - one  # first\n  - two\n  - three\nafter: yes\n"
    assert updated(text, {"items": ["one", "two", "three", "four"], "after": "yes"}) == (
        text.replace("  - three\n", "  - three\n  - four\n"))
    assert updated(text, {"items": ["one", "three"], "after": "yes"}) == (
        text.replace("  - two\n", ""))
    moved = updated(text, {"items": ["two", "one", "three"], "after": "yes"})
    assert moved.startswith("# a comment\nitems:\n") and moved.endswith("after: yes\n")
    assert parse_yaml(moved, "x")[0].data["items"] == ["two", "one", "three"]  # type: ignore[union-attr]


@pytest.mark.parametrize("value", ["no", "1.0", "true", "null", " padded", "a: b", "#x", "",
                                   "2026-01-01", "line one\nline two", "'quoted'", "[x]"])
def test_what_is_written_always_reads_back_as_the_text_given(value: str) -> None:
    written = updated("kind: privacy-notice\ntitle: Old  # keep\n",
                      {"kind": "privacy-notice", "title": value})
    source, problems = parse_yaml(written, "x")
    assert not problems and source is not None and source.data["title"] == value
