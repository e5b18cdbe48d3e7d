"""`diff --rev` names the revision it cannot find on one line, escaped and cut short, and in a
shallow clone says that the revision may be older than what was fetched."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from pause_docs.cli import main
from pause_docs.source.errors import clipped

NOTICE = "councils/lambeth/scoping-2026.yaml"


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), "-c", "user.name=Test", "-c",
                           "user.email=test@example.org", *args], check=True,
                          capture_output=True, text=True).stdout


@pytest.fixture
def repo(project) -> Path:  # type: ignore[no-untyped-def]
    """A project in git with two commits."""
    root = project(councils=("lambeth",))
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "first")
    notice = root / NOTICE
    notice.write_text(notice.read_text(encoding="utf-8").replace(
        "provision: ca2004-s10", "provision: ca2004-s11"), encoding="utf-8")
    git(root, "commit", "-qam", "second")
    return root


def diff_at(root: Path, rev: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["--project", str(root), "diff", str(root / NOTICE),
                                     "--rev", rev])


def test_clipped_escapes_every_control_and_cuts_at_sixty() -> None:
    assert clipped("main") == "main"
    assert clipped("a\nb\tc\x1b[2J\u202ed") == "a\\x0ab\\x09c\\x1b[2J\\u202ed"
    assert clipped("x" * 61) == "x" * 59 + "…"
    assert len(clipped("\n" * 100)) == 60


@pytest.mark.parametrize("rev", ["release-" + "9" * 500, "main\nfatal: all is well\x1b[2J",
                                 "v1\u202eexe.txt"])
def test_a_missing_revision_is_named_on_one_short_escaped_line(repo: Path, rev: str) -> None:
    result = diff_at(repo, rev)
    assert result.exit_code == 2, result.output
    (line,) = result.output.splitlines()
    assert line.startswith("Error: '") and line.endswith(
        "' is not a revision in this repository")
    assert f"'{clipped(rev)}'" in line and len(line) < 120
    assert not any(c in line for c in "\x1b\u202e") and "shallow" not in line


def test_a_shallow_clone_says_the_revision_may_be_older_than_its_history(
        repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)],
                   check=True, capture_output=True)
    assert git(clone, "rev-parse", "--is-shallow-repository").strip() == "true"
    result = diff_at(clone, "HEAD~1")
    assert result.exit_code == 2, result.output
    assert ("Error: 'HEAD~1' is not a revision in this repository; this clone is shallow: the "
            "revision may be older than its history; run `git fetch --unshallow`") \
        in result.output
    assert diff_at(repo, "HEAD~1").exit_code == 0  # the full history has it
