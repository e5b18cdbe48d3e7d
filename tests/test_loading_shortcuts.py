"""What loading does once instead of for every file (following a folder's links, noting what
each text says) must never show one load what an earlier load, or an earlier command in the
same process, saw: these tests hold that."""

from __future__ import annotations

import shutil
from pathlib import Path

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
