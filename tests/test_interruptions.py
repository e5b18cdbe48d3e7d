"""Real builds, stopped at random points the ways a build is stopped: Ctrl-C (SIGINT) or a kill
(SIGKILL), sent to the build's process alone or to its whole process group (its workers
too).  After each, one normal build must leave every published file byte-identical to a
`--force` build of the same inputs, and the build after that must make nothing.

The default run stops a handful of builds of a small project.  For the full figure:

    PAUSE_DOCS_INTERRUPTIONS=60 .venv/bin/pytest -s tests/test_interruptions.py

stops 60 builds of a 60-document project (30 councils of two documents each) and prints the
count of each kind of stop.  A signal that arrives after its build has finished does not
count: builds are started until that many were stopped part-way.
PAUSE_DOCS_INTERRUPTION_SEED picks other random points.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from conftest import REPO

INTERRUPTIONS = int(os.environ.get("PAUSE_DOCS_INTERRUPTIONS", "6"))
SEED = int(os.environ.get("PAUSE_DOCS_INTERRUPTION_SEED", "11"))
COUNCILS = 30 if INTERRUPTIONS >= 50 else 6  # copies of a council with two documents
MODES = [("SIGINT", "process"), ("SIGKILL", "process"), ("SIGINT", "group"),
         ("SIGKILL", "group")]
PROGRAMME_TEXT = ("Pause Practices now work", "Pause Practices work")


def command(root: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "pause_docs", "--project", str(root), "build", "--output",
            str(out), *extra]


def build(root: Path, out: Path, *extra: str) -> str:
    done = subprocess.run(command(root, out, "--quiet", *extra), capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


def published(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes()
            for p in sorted(out.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def make_project(root: Path) -> None:
    # the project's own copy of the programme (over the package's): set_version edits it
    shutil.copytree(REPO / "pause_docs" / "programmes", root / "councils" / "programmes")
    for i in range(COUNCILS):
        shutil.copytree(REPO / "councils" / "lambeth", root / "councils" / f"site-{i:02d}")


def set_version(root: Path, version: int) -> None:
    """Two versions of every council's name, and of the programme every document inherits:
    each change of version changes every page."""
    for i, path in enumerate(sorted((root / "councils").glob("site-*/council.yaml"))):
        name = f"Revised Borough {i}" if version else f"London Borough {i}"
        text = re.sub(r"^name: .*$", f"name: {name}", path.read_text(encoding="utf-8"),
                      count=1, flags=re.M)
        path.write_text(text, encoding="utf-8")
    programme = root / "councils" / "programmes" / "pause.yaml"
    old, new = PROGRAMME_TEXT if version else PROGRAMME_TEXT[::-1]
    programme.write_text(programme.read_text(encoding="utf-8").replace(old, new),
                         encoding="utf-8")


@pytest.mark.slow
def test_a_build_stopped_anywhere_is_finished_by_the_next(tmp_path: Path) -> None:
    root = tmp_path / "project"
    make_project(root)
    expected, seconds = {}, []
    for version in (0, 1):  # what a --force build of each version publishes
        set_version(root, version)
        started = time.monotonic()
        build(root, tmp_path / f"expected-{version}", "--force")
        seconds.append(time.monotonic() - started)
        expected[version] = published(tmp_path / f"expected-{version}")
    assert all(expected[0][n] != expected[1][n] for n in expected[0])
    out = tmp_path / "output"
    set_version(root, 0)
    build(root, out)
    rng = random.Random(SEED)
    outcomes: Counter[str] = Counter()
    round_ = 0
    while outcomes.total() - outcomes["finished before the signal"] < INTERRUPTIONS:
        assert round_ < 3 * INTERRUPTIONS, outcomes  # signals keep missing their builds
        version = (round_ + 1) % 2  # every round changes every input from the last
        set_version(root, version)
        name, target = MODES[round_ % len(MODES)]
        delay = rng.uniform(0.1, min(seconds))
        outcomes[_interrupt(root, out, getattr(signal, name), target, delay)] += 1
        build(root, out)
        differ = [n for n, data in published(out).items() if expected[version].get(n) != data]
        missing = sorted(set(expected[version]) - set(published(out)))
        assert not differ and not missing, (round_, name, target, delay, differ, missing)
        assert build(root, out).startswith("built 0 documents"), (round_, name, target, delay)
        round_ += 1
    print(f"\n{INTERRUPTIONS} builds of {2 * COUNCILS} documents stopped part-way (seed "
          f"{SEED}): {dict(sorted(outcomes.items()))}; after each, one build left every output "
          "byte-identical to a --force build, and the next build made nothing")


def _interrupt(root: Path, out: Path, sig: signal.Signals, target: str, delay: float) -> str:
    """Start a build, signal it after `delay` seconds; how it ended."""
    process = subprocess.Popen(command(root, out), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        if target == "group":
            os.killpg(process.pid, sig)
        else:
            os.kill(process.pid, sig)
    stdout, stderr = process.communicate(timeout=120)
    if process.returncode == 0:
        return "finished before the signal"
    assert "Traceback" not in stderr, stderr
    if sig == signal.SIGINT:  # 130, or killed by the signal itself if it came as Python
        # was exiting after the build (a shell reports both as 130)
        assert process.returncode in (130, -signal.SIGINT), stdout + stderr
    else:
        assert process.returncode == -signal.SIGKILL, stdout + stderr
    return f"{sig.name} to the {target}"
