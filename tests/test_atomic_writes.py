"""A build killed part-way (SIGKILL: no clean-up runs) leaves every file in output/ either
its old or its new version, never a partial one; the next build finishes the job."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pause_docs.build.writer import is_temporary


def snapshot(out: Path) -> dict[str, bytes]:
    """The published files, and any half-written one; not the build's own record and lock
    (the manifest records file times, so two builds' manifests differ)."""
    return {p.relative_to(out).as_posix(): p.read_bytes()
            for p in sorted(out.rglob("*"))
            if p.is_file() and not p.name.startswith(".pause-docs")}


def build_command(root: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "pause_docs", "--project", str(root), "build",
            "--output", str(out), "--jobs", "1", "--quiet"]


def run_build(root: Path, out: Path) -> None:
    result = subprocess.run(build_command(root, out), capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def changed(out: Path, before: dict[str, tuple[int, int]]) -> bool:
    now = {p.relative_to(out).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
           for p in out.rglob("*") if p.is_file()}
    return now != before


def stats(out: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(out).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in out.rglob("*") if p.is_file()}


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
    documents = [n for n in old if n.endswith((".html", ".pdf"))]
    assert documents and all(old[n] != new[n] for n in documents), "every output must change"
    return root, old, new


def check_old_or_new(out: Path, old: dict[str, bytes], new: dict[str, bytes]) -> str:
    """Every file is its old or its new version ('mixed' when both kinds are there)."""
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
    return "mixed" if {"old", "new"} <= kinds else "/".join(sorted(kinds))


def restore(out: Path, old: dict[str, bytes]) -> None:
    shutil.rmtree(out, ignore_errors=True)
    for name, data in old.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)


def test_a_build_killed_part_way_leaves_each_file_old_or_new(
        versions: tuple[Path, dict[str, bytes], dict[str, bytes]], tmp_path: Path) -> None:
    root, old, new = versions
    out = tmp_path / "output"
    outcomes = []
    # Kill as soon as the first file changes, then at points spread over a whole build.
    plans: list[float | None] = [None, None, None, 0.3, 0.5, 0.7, 0.9, 1.1, 1.4, 1.8]
    for delay in plans:
        restore(out, old)
        before = stats(out)
        process = subprocess.Popen(build_command(root, out), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        started = time.monotonic()
        while process.poll() is None:
            if (delay is None and changed(out, before)) or (
                    delay is not None and time.monotonic() - started >= delay):
                break
            time.sleep(0.0005)
        process.send_signal(signal.SIGKILL)
        process.wait()
        outcomes.append(check_old_or_new(out, old, new))
    print("outcomes:", outcomes)
    assert "mixed" in outcomes, f"no kill landed part-way through a build: {outcomes}"
    run_build(root, out)  # the next build completes the job and clears any leftovers
    assert snapshot(out) == new


def test_a_write_killed_half_way_leaves_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "output"
    (out / "council").mkdir(parents=True)
    target = out / "council" / "document.pdf"
    target.write_bytes(b"old version\n")
    big = 150 * 1024 * 1024  # large enough that the kill lands while the bytes are going out
    script = ("import sys; from pathlib import Path; from pause_docs.build.writer import "
              "write_if_changed; write_if_changed(Path(sys.argv[1]), 'council/document.pdf', "
              f"b'n' * {big})")
    before = stats(out)
    process = subprocess.Popen([sys.executable, "-c", script, str(out)])
    while process.poll() is None and not changed(out, before):
        time.sleep(0.0002)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the writer finished before it was killed"
    assert target.read_bytes() == b"old version\n"
    left = [p for p in (out / "council").iterdir() if p != target]
    assert all(is_temporary(p) for p in left), left
    assert os.stat(target).st_size == len(b"old version\n")
