"""A build writes only into a folder of pages: never into the project's sources, the project
folder or one above it, nor a system folder, even through a link; and never through a link
planted as its lock file."""

from __future__ import annotations

from pathlib import Path

import pytest

from pause_docs.build import build
from pause_docs.build.writer import LOCK_FILE
from pause_docs.source.errors import OutputError, ProjectError


@pytest.mark.parametrize("where", ["the project", "councils", "inside councils", "legal_bases",
                                   "above the project", "link to /", "link to /etc",
                                   "link to councils"])
def test_an_output_folder_among_the_sources_or_the_system_is_refused(
        project, tmp_path: Path, where: str) -> None:
    root = project()
    links = tmp_path / "links"
    links.mkdir()
    output = {"the project": root, "councils": root / "councils",
              "inside councils": root / "councils" / "site",
              "legal_bases": root / "legal_bases", "above the project": root.parent,
              "link to /": links / "out", "link to /etc": links / "out",
              "link to councils": links / "out"}[where]
    target = {"link to /": Path("/"), "link to /etc": Path("/etc"),
              "link to councils": root / "councils"}.get(where)
    if target is not None:
        output.symlink_to(target)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    with pytest.raises(ProjectError) as refused:
        build(root, output, "html", jobs=1)
    assert refused.value.format_message().startswith(f"refusing to build into {output}: ")
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_a_folder_of_its_own_is_built_into(project, tmp_path: Path) -> None:
    root = project(councils=("lambeth",))
    assert len(build(root, root / "output", "html", jobs=1).built) == 2
    assert len(build(root, tmp_path / "site" / "pages", "html", jobs=1).built) == 2


def test_a_lock_file_that_is_a_link_is_not_written_through(project, tmp_path: Path) -> None:
    root = project(councils=("lambeth",))
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("the council's own file\n")
    (out / LOCK_FILE).symlink_to(victim)
    with pytest.raises(OutputError) as refused:
        build(root, out, "html", jobs=1)
    assert "is a symbolic link" in refused.value.format_message()
    assert victim.read_text() == "the council's own file\n"
    (out / LOCK_FILE).unlink()
    (out / LOCK_FILE).symlink_to(tmp_path / "created-elsewhere")
    with pytest.raises(OutputError):
        build(root, out, "html", jobs=1)
    assert not (tmp_path / "created-elsewhere").exists()
