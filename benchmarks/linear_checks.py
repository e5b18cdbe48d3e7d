"""Processor time of `audit` and `lint` as the citations grow ten times, in one run on one
machine: the timed side of tests/test_linear_checks.py, which counts steps instead (a
quadratic search inside one call into C adds no steps, only time).

    .venv/bin/python benchmarks/linear_checks.py

A linear cost gives about x10, n log n up to x13, a quadratic one about x100.  Each size's
figure is the lowest of several runs: other work on the machine only ever adds time.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pause_docs.check.audit import audit_file
from pause_docs.check.lint import lint_document
from pause_docs.source.loading import load_project
from pause_docs.source.registry import load_registry

REPO = Path(__file__).resolve().parents[1]
CITES = ("section 17 of the Children Act 1989", "Article 6(1)(e) UK GDPR",
         "the Data Protection Act 1998", "section 10 of the Children Act 2004",
         "s.115 of the Crime and Disorder Act 1998", "Children Act 2004, s.11")
DAY = dt.date(2026, 11, 21)
COUNCIL = ("name: Example Borough Council\nshort_name: Example\narea: Example\n"
           "nation: england\naddress: [Town Hall, EX1 1EX]\ncase_files: Example case files\n"
           "dpo: {name: Data Protection Officer, email: dpo@example.gov.uk}\n")


def sentences(n: int) -> str:
    rng = random.Random(7)
    return " ".join(f"We share what we know under {rng.choice(CITES)} to help families."
                    for _ in range(n))


def lowest(work: Callable[[], object], runs: int = 5) -> float:
    work()
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


def audit_times(folder: Path, small: int, large: int) -> tuple[float, float]:
    registry = load_registry(REPO)[0]
    folder.mkdir(parents=True)
    out = []
    for n in (small, large):
        file = folder / f"notice-{n}.txt"
        file.write_text(sentences(n), encoding="utf-8")
        out.append(lowest(lambda f=file: audit_file(f, f.name, registry, nation=None,
                                                    published=None, as_of=DAY)))
    return out[0], out[1]


def lint_times(folder: Path, small: int, large: int) -> tuple[float, float]:
    council = folder / "councils" / "example"
    council.mkdir(parents=True)
    (council / "council.yaml").write_text(COUNCIL, encoding="utf-8")
    for n in (small, large):
        (council / f"n{n}.yaml").write_text(
            "kind: privacy-notice\ntitle: Help\npublished: 2026-07-01\nsummary: Help.\n"
            "sections:\n  - heading: Law\n    text: >-\n      " + sentences(n) + "\n",
            encoding="utf-8")
    docs = {d.path.rsplit("/", 1)[-1]: d for d in load_project(folder).documents}
    return (lowest(lambda: lint_document(docs[f"n{small}.yaml"], DAY)),
            lowest(lambda: lint_document(docs[f"n{large}.yaml"], DAY)))


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        for name, measure, sizes in (("audit", audit_times, (800, 8000)),
                                     ("lint", lint_times, (300, 3000))):
            small, large = measure(Path(tmp) / name, *sizes)
            print(f"{name}: {sizes[0]} citations {small:.3f} s, {sizes[1]} {large:.3f} s: "
                  f"x{large / small:.1f} the processor time for x10 the citations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
