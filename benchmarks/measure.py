"""Timing a command: wall and CPU time, peak memory of its processes, runs taking turns,
and the machine's own parallel capacity."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

COMMAND = [sys.executable, "-m", "pause_docs"]


def byte_compile(tree: Path, python: str = sys.executable) -> None:
    """Compile `tree`'s pause_docs to bytecode, as pip does when it installs a wheel. Without
    it, where PYTHONDONTWRITEBYTECODE is set (as on the machine the figures come from) every
    command would compile each module it imports from source on every run: 0.29 CPU-s for
    all of today's 197 modules, 0.06 for the previous release's 37, which no installed copy
    pays."""
    subprocess.run([python, "-m", "compileall", "-q", str(tree / "pause_docs")], check=True)

class PeakMemory:
    """Samples the memory of a process and all its children: the peak of their summed
    proportional set size (shared pages counted once) and of the largest one's RSS."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_total = 0
        self.peak_single = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            total = 0
            for pid in self._tree(self.pid):
                pss, rss = _memory(pid)
                total += pss
                self.peak_single = max(self.peak_single, rss)
            self.peak_total = max(self.peak_total, total)
            self._stop.wait(0.05)

    def _tree(self, pid: int) -> list[int]:
        pids = [pid]
        try:
            for task in Path(f"/proc/{pid}/task").iterdir():
                children = (task / "children").read_text().split()
                for child in children:
                    pids += self._tree(int(child))
        except OSError:
            pass
        return pids


def _memory(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of a process in kB; zeros if it has gone."""
    pss = rss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1])
            elif line.startswith("Rss:"):
                rss = int(line.split()[1])
    except (OSError, ValueError):
        pass
    return pss, rss


def run(args: list[str], cwd: Path, memory: bool = False, ok: tuple[int, ...] = (0,)
        ) -> tuple[float, int, int]:
    """Wall time of a command, and (optionally) its peak memory in kB (total, largest)."""
    env = {**os.environ, "CI": "1"}
    started = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    sampler = PeakMemory(process.pid) if memory else None
    out, err = process.communicate()
    elapsed = time.perf_counter() - started
    if sampler is not None:
        sampler.stop()
    if process.returncode not in ok:
        raise SystemExit(f"{' '.join(args)} failed ({process.returncode}):\n{out}{err}")
    return elapsed, (sampler.peak_total if sampler else 0), (sampler.peak_single if sampler else 0)


def median_time(args: list[str], cwd: Path, runs: int, before: object = None) -> float:
    times = []
    for _ in range(runs):
        if callable(before):
            before()
        times.append(run(args, cwd)[0])
    return statistics.median(times)


def _spin(_: int) -> float:
    started = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return time.perf_counter() - started


def parallel_capacity(workers: int) -> float:
    """How many cores' worth of work `workers` busy processes get done at once right now:
    `workers` on an idle machine, less when other work is running on it."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_spin, range(workers)))  # start the processes
        one = min(pool.submit(_spin, 0).result() for _ in range(2))
        started = time.perf_counter()
        list(pool.map(_spin, range(workers)))
        return workers * one / (time.perf_counter() - started)


def alternating(first: list[str], second: list[str], cwd: Path, runs: int,
                before: object = None) -> tuple[float, float, float]:
    """Run the two commands in turn (A B A B ...): the median time of each, and the median
    of the ratios A/B of each pair."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for command, kept in ((first, times[0]), (second, times[1])):
            if callable(before):
                before()
            kept.append(run(command, cwd)[0])
    ratios = [a / b for a, b in zip(*times, strict=True)]
    return statistics.median(times[0]), statistics.median(times[1]), statistics.median(ratios)


def cpu_run(args: list[str], cwd: Path) -> tuple[float, str]:
    """The CPU time (user and system) of a command and the processes it waited for, and
    what it printed: unlike wall time, hardly changed by other work on the machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(args, cwd=cwd, env={**os.environ, "CI": "1"}, capture_output=True,
                          text=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise SystemExit(f"{' '.join(args[:4])} ... failed ({done.returncode}):\n"
                         f"{done.stdout}{done.stderr}")
    return (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime), done.stdout


def spread(values: list[float], percent: bool = False) -> str:
    """The median of some ratios with their range and number: 'x1.04 (1.02-1.07, n=5)', or
    '9.5 % (8.9-10.1 %, n=5)'."""
    low, mid, high = min(values), statistics.median(values), max(values)
    if percent:
        return f"{mid:.1%} ({low * 100:.1f}-{high:.1%}, n={len(values)})".replace("%", " %")
    return f"x{mid:.2f} ({low:.2f}-{high:.2f}, n={len(values)})"
