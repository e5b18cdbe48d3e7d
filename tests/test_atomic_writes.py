"""A build killed part-way (SIGKILL: no clean-up runs) leaves every file in output/ either
its old or its new version, never a partial one; the next build finishes the job."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from pause_docs.build.writer import STOP_AT, is_temporary
from pause_docs.source.errors import OutputError

pytestmark = pytest.mark.slow  # real builds in other processes


def snapshot(out: Path) -> dict[str, bytes]:
    """The published files, and any half-written one; not the build's own record and lock
    (the manifest records file times, so two builds' manifests differ)."""
    return {p.relative_to(out).as_posix(): p.read_bytes()
            for p in sorted(out.rglob("*"))
            if p.is_file() and not p.name.startswith(".pause-docs")}


def build_command(root: Path, out: Path) -> list[str]:
    """A build of the HTML only (every format goes through the same writer; PDFs would
    make each of the many builds here cost seconds)."""
    return [sys.executable, "-m", "pause_docs", "--project", str(root), "build",
            "--output", str(out), "--jobs", "1", "--quiet", "--format", "html"]


def run_build(root: Path, out: Path) -> None:
    result = subprocess.run(build_command(root, out), capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes],
                                                                 dict[str, bytes]]:
    """A copy of the bundled project, its output built ('old'), then the project changed so
    that every output changes, and that output ('new') built elsewhere."""
    from conftest import REPO

    base = tmp_path_factory.mktemp("atomic")
    root = base / "project"
    shutil.copytree(REPO / "councils", root / "councils")
    old_out = base / "old"
    run_build(root, old_out)
    for path in sorted((root / "councils").glob("*/council.yaml")):
        text = re.sub(r"^name: ", "name: Revised ", path.read_text(encoding="utf-8"),
                      count=1, flags=re.M)
        # a council's texts given per language: each language's changes
        text = re.sub(r"^(\s+(?:en|cy): )", r"\1Revised ", text, flags=re.M)
        path.write_text(text, encoding="utf-8")
    new_out = base / "new"
    run_build(root, new_out)
    old, new = snapshot(old_out), snapshot(new_out)
    documents = [n for n in old if n.endswith(".html")]
    assert documents and all(old[n] != new[n] for n in documents), "every output must change"
    return root, old, new


def check_old_or_new(out: Path, old: dict[str, bytes], new: dict[str, bytes]) -> set[str]:
    """Every file is its old or its new version, or a hidden temporary file: which kinds."""
    kinds = set()
    for name, data in snapshot(out).items():
        if is_temporary(out / name):
            kinds.add("half-written temporary file")
            continue
        assert name in old or name in new, f"unexpected file {name}"
        if data == old.get(name):
            kinds.add("old")
        elif data == new.get(name):
            kinds.add("new")
        else:
            pytest.fail(f"{name} is neither its old nor its new version ({len(data)} bytes)")
    return kinds


def restore(out: Path, old: dict[str, bytes]) -> None:
    shutil.rmtree(out, ignore_errors=True)
    for name, data in old.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)


def killed_at(command: list[str], point: str) -> bool:
    """Run `command` until the writer stops itself at `point` (PAUSE_DOCS_STOP_AT), then kill
    it with SIGKILL; False if it finished first (never reached that point)."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, STOP_AT: point})
    _, status = os.waitpid(process.pid, os.WUNTRACED)  # returns once stopped, or ended
    stopped = os.WIFSTOPPED(status)
    if stopped:
        process.send_signal(signal.SIGKILL)
        process.wait()
    else:
        process.returncode = os.waitstatus_to_exitcode(status)
    return stopped


def test_a_build_killed_part_way_leaves_each_file_old_or_new(
        versions: tuple[Path, dict[str, bytes], dict[str, bytes]], tmp_path: Path) -> None:
    """Killed at a controlled point in the build (the writer stops itself there), not after
    a delay: each kill lands part-way by construction, however loaded the machine is."""
    root, old, new = versions
    out = tmp_path / "output"
    changing = sum(old[n] != new.get(n) for n in old)
    outcomes = {}
    # The first, second and last file replaced, and one half-way; each with its temporary
    # file written but not yet renamed, and just after the rename.
    for n in sorted({1, 2, changing // 2, changing - 1}):
        for point in ("before-rename", "after-rename"):
            restore(out, old)
            assert killed_at(build_command(root, out), f"{point}:{n}"), f"{point}:{n}"
            outcomes[f"{point}:{n}"] = check_old_or_new(out, old, new)
    temporary = "half-written temporary file"
    assert outcomes["before-rename:1"] == {"old", temporary}, outcomes
    assert outcomes["after-rename:1"] == {"old", "new"}, outcomes  # part-way: both kinds
    assert all(o == {"old", "new", temporary} for p, o in outcomes.items()
               if p.startswith("before") and p != "before-rename:1"), outcomes
    run_build(root, out)  # the next build completes the job and clears any leftovers
    assert snapshot(out) == new


def test_a_write_killed_before_its_rename_leaves_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "output"
    (out / "council").mkdir(parents=True)
    target = out / "council" / "document.pdf"
    target.write_bytes(b"old version\n")
    script = ("import sys; from pathlib import Path; from pause_docs.build.writer import "
              "write_if_changed; write_if_changed(Path(sys.argv[1]), 'council/document.pdf', "
              "b'n' * 5_000_000)")
    assert killed_at([sys.executable, "-c", script, str(out)], "before-rename:1")
    assert target.read_bytes() == b"old version\n"
    left = [p for p in (out / "council").iterdir() if p != target]
    assert len(left) == 1 and is_temporary(left[0]) and left[0].stat().st_size == 5_000_000
    assert os.stat(target).st_size == len(b"old version\n")


def test_only_a_build_that_did_not_end_leaves_its_folder_to_be_looked_through(
        tmp_path: Path) -> None:
    from pause_docs.build.writer import TEMP_SUFFIX, UNFINISHED, unfinished

    out = tmp_path / "output"
    (out / "council").mkdir(parents=True)
    half = out / "council" / f".document.pdf.x1{TEMP_SUFFIX}"
    half.write_bytes(b"half")
    with unfinished(out):  # the last build ended: nothing is looked for
        assert (out / UNFINISHED).exists()
    assert half.exists() and not (out / UNFINISHED).exists()
    with pytest.raises(KeyboardInterrupt), unfinished(out):
        raise KeyboardInterrupt  # stopped: the mark stays
    assert (out / UNFINISHED).exists()
    with unfinished(out):  # so the next build removes what was half written
        assert not half.exists()
    assert not (out / UNFINISHED).exists()
    (out / "elsewhere").write_bytes(b"")
    (out / UNFINISHED).symlink_to(out / "elsewhere")
    with pytest.raises(OutputError, match="cannot write to the output folder"), unfinished(out):
        pass  # never through a link planted there
