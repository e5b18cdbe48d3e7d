"""The files `diff --html/--pdf/--docx` writes: one way for all three, an error (never a
traceback) when the file cannot be written, no folder made on a guess, and a device named
as the file written through, never replaced."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO

from pause_docs.cli import main

OLD = REPO / "councils/lambeth/scoping-2017.yaml"
NEW = REPO / "councils/lambeth/scoping-2026.yaml"


def diff_to(option: str, target: Path):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["--project", str(REPO), "diff", str(OLD), str(NEW),
                                     "--format", "json", option, str(target)])


def device(path: Path, minor: int) -> Path:
    """A character device like /dev/null (3) or /dev/full (7), made in the test's folder so
    that a regression replaces this one, not the system's."""
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
        path.open("rb").close()
    except OSError as exc:
        pytest.skip(f"cannot make a device here ({exc.strerror}): needs root and no nodev")
    return path


@pytest.mark.parametrize("option", ["--html", "--docx"])
def test_a_target_whose_folder_is_a_file_is_an_error(tmp_path: Path, option: str) -> None:
    (tmp_path / "notes").write_text("a file\n")
    result = diff_to(option, tmp_path / "notes" / "redline")
    assert result.exit_code == 1, result.output
    assert f"cannot write {tmp_path}/notes/redline: {tmp_path}/notes is a file, not a " \
        "folder" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("option", ["--html", "--docx"])
def test_a_full_disk_is_an_error(tmp_path: Path, option: str) -> None:
    full = device(tmp_path / "full", 7)  # writing through it gives ENOSPC, as a full disk does
    result = diff_to(option, full)
    assert result.exit_code == 1, result.output
    assert f"cannot write {full}: No space left on device" in result.output
    assert stat.S_ISCHR(full.stat().st_mode)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into any folder: the folder that "
                    "is a file stands in for it")
def test_a_folder_without_write_permission_is_an_error(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    result = diff_to("--docx", locked / "redline.docx")
    assert result.exit_code == 1, result.output
    assert f"cannot write {locked}/redline.docx: Permission denied" in result.output


@pytest.mark.parametrize("option", ["--html", "--docx"])
def test_a_missing_folder_is_not_made(tmp_path: Path, option: str) -> None:
    target = tmp_path / "reviews" / "2026" / "redline"
    result = diff_to(option, target)
    assert result.exit_code == 1, result.output
    assert (f"cannot write {target}: the folder {tmp_path}/reviews/2026 does not exist "
            "(create it first") in result.output
    assert list(tmp_path.iterdir()) == []


def test_a_device_is_written_through_not_replaced(tmp_path: Path) -> None:
    null = device(tmp_path / "null", 3)
    result = diff_to("--docx", null)
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(null.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]  # no temporary file left


def test_a_pipe_is_refused_without_waiting_for_a_reader(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    result = diff_to("--html", pipe)
    assert result.exit_code == 1, result.output
    assert f"cannot write {pipe}: it is not a file" in result.output


def test_the_redline_is_written(tmp_path: Path) -> None:
    target = tmp_path / "redline.html"
    result = diff_to("--html", target)
    assert result.exit_code == 0, result.output
    assert f"wrote {target}" in result.output and "<ins>" in target.read_text()
