"""`init` into a folder it cannot write, or one where a link leads elsewhere, says so in one
located line and leaves nothing half-written; it never writes through a symbolic link."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from pause_docs.cli import main


def init(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["init", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    return result.exit_code, result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_folder_is_one_line_and_nothing_is_written(tmp_path: Path) -> None:
    folder = tmp_path / "project"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        code, output = init(str(folder))
    finally:
        folder.chmod(0o755)
    assert code == 2 and output.count("\n") == 1 and "nothing was written" in output
    assert list(folder.iterdir()) == []


def test_a_folder_that_cannot_hold_files_is_one_line(tmp_path: Path) -> None:
    code, output = init("--schemas", "/proc/self")
    assert code == 2 and output.startswith("Error: cannot write /proc/self/"), output
    assert output.count("\n") == 1 and "nothing was written" in output


def test_a_write_that_fails_half_way_removes_what_was_written(tmp_path: Path) -> None:
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / ".github").write_text("a file where a folder must be")  # fails part-way
    code, output = init(str(folder))
    assert code == 2 and ".github" in output and "nothing was written" in output, output
    assert sorted(p.name for p in folder.rglob("*")) == [".github"]


def test_a_link_in_the_folder_is_not_written_through(tmp_path: Path) -> None:
    folder = tmp_path / "project"
    folder.mkdir()
    elsewhere = tmp_path / "elsewhere"
    (folder / "README.md").symlink_to(elsewhere)  # a broken link: following it would create
    code, output = init(str(folder))
    assert code == 2 and "already has README.md" in output
    assert not elsewhere.exists()
    (folder / "README.md").unlink()
    outside = tmp_path / "outside"
    outside.mkdir()
    (folder / ".vscode").symlink_to(outside)
    code, output = init(str(folder))
    assert code == 2 and "symbolic link" in output and "nothing was written" in output, output
    assert list(outside.iterdir()) == [] and sorted(p.name for p in folder.iterdir()) == [
        ".vscode"]


def test_schemas_refreshed_replace_a_link_rather_than_write_through_it(tmp_path: Path) -> None:
    folder = tmp_path / "project"
    assert init(str(folder))[0] == 0
    victim = tmp_path / "victim.json"
    victim.write_text("the council's own file")
    schema = next((folder / "schemas").iterdir())
    schema.unlink()
    schema.symlink_to(victim)
    assert init("--schemas", str(folder))[0] == 0
    assert victim.read_text() == "the council's own file" and not schema.is_symlink()
