"""What loading does once instead of for every file (following a folder's links, noting what
each text says) must never show one load what an earlier load, or an earlier command in the
same process, saw: these tests hold that."""

from __future__ import annotations

import shutil
from pathlib import Path

from pause_docs.source import remembered
from pause_docs.source.fingerprints import yaml_fingerprint
from pause_docs.source.loader import parse_yaml
from pause_docs.source.loading import load_project


def _outside(root: Path) -> list[str]:
    return sorted(p.location.path for p in load_project(root).problems
                  if p.code == "outside-project")


def test_a_council_folder_linked_elsewhere_between_two_loads_is_followed_afresh(
        project, tmp_path: Path) -> None:
    """As `serve` sees it: the link to a council's folder is changed between two loads in
    the same process; the second load follows it to where it now leads."""
    root = project(councils=("lambeth",))
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(root / "councils" / "lambeth", elsewhere)
    link = root / "councils" / "lambeth-copy"
    link.symlink_to("lambeth")
    assert _outside(root) == []

    link.unlink()
    link.symlink_to(elsewhere)
    files = sorted(f"councils/lambeth-copy/{f.name}" for f in elsewhere.glob("*.yaml"))
    assert len(files) > 1 and _outside(root) == files

    link.unlink()
    link.symlink_to("lambeth")
    assert _outside(root) == []


def test_a_file_linked_out_of_a_folder_read_before_is_still_refused(
        project, tmp_path: Path) -> None:
    """Its folder was followed once for the others; the link itself is followed for it."""
    root = project(councils=("lambeth",))
    outside = tmp_path / "elsewhere.yaml"
    shutil.copy(root / "councils" / "lambeth" / "scoping-2017.yaml", outside)
    (root / "councils" / "lambeth" / "linked.yaml").symlink_to(outside)
    assert _outside(root) == ["councils/lambeth/linked.yaml"]


def test_a_text_parsed_while_nothing_is_noted_is_noted_when_parsed_again() -> None:
    """validate and lint do not note what texts say; a build later in the same process
    (the tests, `serve`) still finds each text it parses noted."""
    text = "title: A notice parsed unnoted\npurposes: [to keep records]\n"
    expected = remembered.data_fingerprint(
        {"title": "A notice parsed unnoted", "purposes": ["to keep records"]})
    with remembered.unnoted():
        first, _ = parse_yaml(text, "notice.yaml")
        assert first is not None and remembered.said(text) is None
        again, _ = parse_yaml(text, "notice.yaml")  # from the cache, still not noted
        assert again is not None and remembered.said(text) is None
    assert remembered._NOTING == [True]
    last, _ = parse_yaml(text, "notice.yaml")
    assert last is not None and remembered.said(text) == expected
    assert remembered.take_noted().get(_sha(text)) == expected
    assert yaml_fingerprint(text.encode(), "notice.yaml") == expected


def test_noting_is_restored_when_a_command_fails_inside() -> None:
    try:
        with remembered.unnoted():
            raise KeyError("a command that fails")
    except KeyError:
        pass
    assert remembered._NOTING == [True]


def _sha(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()
