"""This code against an earlier revision, command by command, on the same synthetic work.

    .venv/bin/python benchmarks/against.py                 # against PREVIOUS_RELEASE
    .venv/bin/python benchmarks/against.py --rev 95afa33 --councils 300 --runs 7
    .venv/bin/python benchmarks/bench.py --against REV     # the same, in the whole benchmark

The earlier revision is taken from git (`git archive`) and installed in a scratch virtual
environment that shares this one's libraries, so that only pause-docs' own code differs.
Each revision writes the synthetic project with its own benchmark's `make_project` (the
councils and documents are the same text; where the registry and programmes live is what
changed), and runs its commands there. Every command is timed as the CPU time (user and
system) of the whole process tree, the two revisions in turn (old, new, new, old, ...), and
the ratio new/old of each round is reported as median, min-max and n: CPU time and
alternation keep the figure honest on a machine that is doing other work.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import full_build
from measure import byte_compile

REPO = Path(__file__).resolve().parent.parent

# There is no release tag yet: the previous release is the last landing before the issue on
# speed was filed (stop 9's, 21 November 2026), the code its figures were measured against.
PREVIOUS_RELEASE = "95afa33"


@dataclass(frozen=True)
class Side:
    """One revision, ready to run: its interpreter, its benchmark module and its project."""

    label: str
    python: Path
    bench: ModuleType
    project: Path

    def cpu(self, args: list[str], ok: tuple[int, ...] = (0,), cwd: Path | None = None
            ) -> float:
        """CPU seconds (user + system, the process and everything it waited for)."""
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = subprocess.run([str(self.python), "-m", "pause_docs", *args],
                              cwd=cwd or self.project,
                              env={**os.environ, "CI": "1"}, capture_output=True, text=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode not in ok:
            raise SystemExit(f"{self.label}: pause-docs {' '.join(args)} failed "
                             f"({done.returncode}):\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
        return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


# what a revision's bench.py may import
_SIBLINGS = ("workload", "measure", "pdf_ratio", "full_build")


def _load(path: Path, name: str) -> ModuleType:
    """A revision's bench.py, with the modules beside it (not this revision's)."""
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot read {path}")
    module = importlib.util.module_from_spec(spec)
    kept = {n: sys.modules.pop(n) for n in _SIBLINGS if n in sys.modules}
    sys.path.insert(0, str(path.parent))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(path.parent))
        for sibling in _SIBLINGS:
            sys.modules.pop(sibling, None)
        sys.modules.update(kept)
    return module


def export(rev: str, source: Path) -> Path:
    """The revision's tree, from git, in `source`."""
    source.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", "--format=tar", rev], cwd=REPO,
                             capture_output=True, check=False)
    if archive.returncode != 0:
        raise SystemExit(f"git cannot find revision {rev!r}: {archive.stderr.decode().strip()}")
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive.stdout, check=True)
    return source


def install(tree: Path, venv: Path) -> Path:
    """A scratch virtual environment whose path holds `tree` first and then this
    environment's libraries; its Python. Both sides are installed so, as a wheel would be:
    this environment's editable install adds an import hook that costs `--help` a third, and
    the code is compiled to bytecode as pip compiles it."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig."
                              "get_paths()['purelib'])"], capture_output=True, text=True,
                             check=True).stdout.strip()
    here = sysconfig.get_paths()["purelib"]
    (Path(purelib) / "against.pth").write_text(f"{tree}\n{here}\n", encoding="utf-8")
    found = subprocess.run([str(python), "-c", "import pause_docs; print(pause_docs.__file__)"],
                           cwd=venv, capture_output=True, text=True, check=True).stdout.strip()
    if not found.startswith(str(tree)):
        raise SystemExit(f"the scratch environment imports pause_docs from {found}")
    byte_compile(tree, str(python))
    return python


def prepare(label: str, python: Path, tree: Path, base: Path, councils: int) -> Side:
    """A side: the revision's benchmark writes its synthetic project."""
    bench = _load(tree / "benchmarks" / "bench.py", f"bench_{label}")
    project = base / label
    bench.make_project(project, councils)
    return Side(label, python, bench, project)


def same_work(old: Side, new: Side) -> None:
    """Both benchmarks write the same councils and documents, or the ratio means nothing."""
    for name in ("COUNCIL", "SCOPING", "PRIVACY", "PRACTICE"):
        if getattr(old.bench, name, None) != getattr(new.bench, name, None):
            raise SystemExit(f"the two revisions' synthetic {name} differ: not the same work")


def commands(output: str) -> list[tuple[str, list[str], tuple[int, ...], bool]]:
    """(name, arguments, exit codes that are not failures, fresh output first)."""
    html = ["build", "--format", "html", "--jobs", "1", "--force", "--output", output]
    return [("--help", ["--help"], (0,), False),
            ("validate", ["validate"], (0,), False),
            ("lint", ["lint", "--format", "json"], (0, 1), False),
            ("HTML build", html, (0,), True),
            ("no-op (HTML)", ["build", "--format", "html", "--jobs", "1", "--output", output],
             (0,), False)]


def compare(old: Side, new: Side, runs: int) -> list[tuple[str, float, float, list[float]]]:
    """Each command run `runs` times on each side in turn: (name, old median CPU s, new
    median CPU s, the ratios new/old of each round)."""
    rows = []
    for name, args, ok, fresh in commands("html-out"):
        times: dict[str, list[float]] = {old.label: [], new.label: []}
        for round_ in range(runs):
            for side in (old, new) if round_ % 2 == 0 else (new, old):
                if fresh:
                    shutil.rmtree(side.project / "html-out", ignore_errors=True)
                times[side.label].append(side.cpu(args, ok))
        ratios = [n / o for o, n in zip(times[old.label], times[new.label], strict=True)]
        rows.append((name, statistics.median(times[old.label]),
                     statistics.median(times[new.label]), ratios))
    return rows


def compare_full(old: Side, new: Side, trees: tuple[Path, Path], base: Path, copies: int,
                 runs: int) -> tuple[str, float, float, list[float]]:
    """A full build (`--format all`, one worker) of `copies` copies of the bundled councils'
    documents that both revisions bundle, each side its own YAML, in turn."""
    keep = full_build.documents(trees[0]) & full_build.documents(trees[1])
    made = {side.label: full_build.make_copies(tree, base / f"full-{side.label}", copies, keep)
            for side, tree in zip((old, new), trees, strict=True)}
    args = ["build", "--format", "all", "--jobs", "1", "--force", "--output", "out"]
    times: dict[str, list[float]] = {old.label: [], new.label: []}
    for round_ in range(runs):
        for side in (old, new) if round_ % 2 == 0 else (new, old):
            times[side.label].append(side.cpu(args, cwd=base / f"full-{side.label}"))
    ratios = [n / o for o, n in zip(times[old.label], times[new.label], strict=True)]
    return (f"full build, --format all ({made[new.label]} bundled documents)",
            statistics.median(times[old.label]), statistics.median(times[new.label]), ratios)


def report(rows: list[tuple[str, float, float, list[float]]], rev: str, documents: int
           ) -> str:
    lines = [f"| command ({documents} synthetic documents) | {rev}, CPU s | this code, CPU s "
             "| this / earlier: median (min-max, n) |", "|---|---|---|---|"]
    for name, old, new, ratios in rows:
        lines.append(f"| {name} | {old:.2f} | {new:.2f} | x{statistics.median(ratios):.2f} "
                     f"({min(ratios):.2f}-{max(ratios):.2f}, n={len(ratios)}) |")
    return "\n".join(lines)


def against(rev: str, councils: int, runs: int, new_rev: str | None = None,
            copies: int = 0) -> str:
    """The whole comparison, as a Markdown table: this working tree (or `new_rev`) against
    `rev`; with `copies`, a full build of that many copies of the bundled councils too."""
    with tempfile.TemporaryDirectory(prefix="pause-docs-against-") as temp:
        base = Path(temp)
        tree = export(rev, base / "source")
        old = prepare("earlier", install(tree, base / "venv-earlier"), tree, base, councils)
        here = export(new_rev, base / "source-new") if new_rev else REPO
        new = prepare("current", install(here, base / "venv-current"), here, base, councils)
        same_work(old, new)
        for side in (old, new):  # the no-op needs a build first; warm the disk cache too
            side.cpu(commands("html-out")[3][1])
        rows = compare(old, new, runs)
        if copies:
            rows.append(compare_full(old, new, (tree, here), base, copies, runs))
        return report(rows, rev, councils * 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rev", default=PREVIOUS_RELEASE,
                        help=f"the earlier revision (default {PREVIOUS_RELEASE}, the previous "
                        "release)")
    parser.add_argument("--councils", type=int, default=300, help="N, x3 documents (300)")
    parser.add_argument("--runs", type=int, default=5, help="rounds per command (5)")
    parser.add_argument("--full", metavar="COPIES", type=int, default=0,
                        help="also a full build (HTML, PDF, Word) of COPIES copies of the "
                        "bundled councils' documents both revisions hold (default 0: none)")
    parser.add_argument("--new", metavar="REV", help="a revision to compare instead of the "
                        "working tree")
    options = parser.parse_args()
    print(f"load average at start {os.getloadavg()[0]:.2f}")
    print(against(options.rev, options.councils, options.runs, options.new, options.full))
    print(f"load average at end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
