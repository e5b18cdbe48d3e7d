"""The statuses `serve` keeps between runs: read back as written, and anything else in their
file (damaged, of another version or tool, hostile) read as nothing kept, never an error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import REPO

from pause_docs.preview.checked import Entry, Look, read_entries, write_entries
from pause_docs.preview.status import CouncilStatus, check_document
from pause_docs.source.errors import Location, Problem
from pause_docs.source.loading import load_shared

DAY = dt.date(2026, 12, 1)


def test_statuses_read_back_as_written(tmp_path: Path) -> None:
    shared = load_shared(REPO)
    check = check_document(shared, REPO / "councils/lambeth/scoping-2017.yaml", DAY)
    assert check.status.errors and check.inputs
    problem = Problem(Location("councils/x/council.yaml", 3, 1), "warning", "code", "said",
                      "fix it", "the rule")
    entries = {"doc:councils/lambeth/scoping-2017.yaml": Entry("k1", ("a", "b"), check),
               "council:x": Entry("k2", (), CouncilStatus("x", "X Council", (problem,), ())),
               "shared": Entry("k3", ("c",), (problem,))}
    file = tmp_path / "output" / "cache.json"
    write_entries(file, "tool", entries, {"a": [1, 2, "sha"]})
    assert read_entries(file, "tool") == (entries, {"a": [1, 2, "sha"]})
    assert read_entries(file, "another tool") == ({}, {})
    back = read_entries(file, "tool")[0]["shared"].found
    assert isinstance(back, tuple) and (back[0].fix, back[0].rule) == ("fix it", "the rule")


@pytest.mark.parametrize("text", [b"", b"\x00\xff", b"{", b"[]", b"null", b"[" * 100_000,
                                  b'{"version": 1, "tool": "tool", "entries": {}}',
                                  b'{"version": 1, "tool": "tool", "hashes": {}, "entries": '
                                  b'{"shared": {"key": "k", "uses": [], "shared": '
                                  b'[["p", 1, 2, "fatal", "c", "m", "", ""]]}}}',
                                  b'{"version": 1, "tool": "tool", "hashes": {"a": [1]}, '
                                  b'"entries": {}}'])
def test_a_damaged_cache_is_read_as_nothing_kept(tmp_path: Path, text: bytes) -> None:
    file = tmp_path / "cache.json"
    file.write_bytes(text)
    assert read_entries(file, "tool") == ({}, {})
    assert read_entries(tmp_path / "absent.json", "tool") == ({}, {})
    assert read_entries(tmp_path, "tool") == ({}, {})  # a folder where the file should be


def test_a_key_changes_with_every_file_in_the_council_folder_and_what_it_uses(
        tmp_path: Path) -> None:
    folder = tmp_path / "councils" / "ours"
    folder.mkdir(parents=True)
    (folder / "council.yaml").write_text("name: Ours\n", encoding="utf-8")
    (folder / "notice.yaml").write_text("title: A\n", encoding="utf-8")
    keys = set()
    for change in (None, ("notice.yaml", "title: B\n"), ("council.yaml", "name: Us\n"),
                   ("logo.svg", "<svg/>"), ("addendum.yaml", "parent: notice\n")):
        if change is not None:
            (folder / change[0]).write_text(change[1], encoding="utf-8")
        look = Look(tmp_path, {}, DAY)
        keys.add(look.document_key(folder / "notice.yaml", look.shared[:1]))
    assert len(keys) == 5
    look = Look(tmp_path, {}, DAY)
    assert Look(tmp_path, {}, DAY + dt.timedelta(days=1)).base != look.base  # the day lint judges
    assert look.document_key(folder / "notice.yaml", ()) != look.document_key(
        folder / "notice.yaml", look.shared[:1])
