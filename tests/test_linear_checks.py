"""Finding and checking citations costs work in proportion to the text: ten times the
citations costs at most thirteen times the steps (linear, or n·log n at most), for `lint` of
a notice (every finding located in its YAML) and `audit` of a published text, in one
paragraph or many.

Work is counted, not timed: every line of Python run and every call into C, which is the
same number on every run on any machine, however loaded, so the test cannot fail at random.
What a count cannot see (a quadratic search inside one call into C) the timed benchmark
`make bench` measures."""

from __future__ import annotations

import datetime as dt
import random
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import COUNCIL_YAML, REPO

from pause_docs.check.audit import audit_file
from pause_docs.check.lint import lint_document
from pause_docs.source.loading import load_project
from pause_docs.source.registry import load_registry

pytestmark = pytest.mark.slow  # seconds of counted work
CITES = ("section 17 of the Children Act 1989", "Article 6(1)(e) UK GDPR",
         "the Data Protection Act 1998", "section 10 of the Children Act 2004",
         "the Localism Act 2011", "s.115 of the Crime and Disorder Act 1998",
         "Children Act 2004, s.11", "the Data Protection Act 2017")
DAY = dt.date(2026, 11, 21)


def sentences(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [f"We share what we know under {rng.choice(CITES)} to help families." for _ in range(n)]


def steps(work: Callable[[], object]) -> int:
    """The lines of Python `work` runs and the calls it makes into C."""
    count = 0

    def line(frame: object, event: str, arg: object) -> Callable[..., object]:
        nonlocal count
        count += 1
        return line

    def call(frame: object, event: str, arg: object) -> None:
        nonlocal count
        count += event == "c_call"

    sys.settrace(line)
    sys.setprofile(call)
    try:
        work()
    finally:
        sys.settrace(None)
        sys.setprofile(None)
    return count


def ratio(small: Callable[[], object], large: Callable[[], object]) -> float:
    """The large input's steps over the small one's, after a first run of each (imports,
    compiled patterns and the registry's indexes are made once, whatever the size)."""
    small()
    large()
    return steps(large) / steps(small)


# Ten times the text: a linear cost gives about ×10, one that grows as n·log n (a binary
# search per citation) up to ×13, and the quadratic cost this guards against about ×100.
LINEAR = 13


@pytest.mark.parametrize("layout", ["one paragraph", "paragraphs"])
def test_audit_costs_in_proportion_to_the_text(tmp_path: Path, layout: str) -> None:
    registry = load_registry(REPO)[0]
    files = {}
    for n in (200, 2000):
        parts = sentences(n)
        text = " ".join(parts) if layout == "one paragraph" else "\n\n".join(parts)
        files[n] = tmp_path / f"notice-{n}.txt"
        files[n].write_text(text, encoding="utf-8")

    def audit(n: int) -> Callable[[], object]:
        return lambda: audit_file(files[n], files[n].name, registry, nation=None,
                                  published=None, as_of=DAY)

    assert len(audit(2000)().problems) >= 1
    found = ratio(audit(200), audit(2000))
    print(f"audit, {layout}: 10 times the citations, {found:.1f} times the steps")
    assert found <= LINEAR


def test_lint_costs_in_proportion_to_the_notice(project) -> None:
    def notice(n: int) -> str:
        return ("kind: privacy-notice\ntitle: Help\npublished: 2026-07-01\nsummary: Help.\n"
                "sections:\n  - heading: Law\n    text: >-\n      " + " ".join(sentences(n))
                + "\n")

    root = project({"councils/example/council.yaml": COUNCIL_YAML,
                    "councils/example/small.yaml": notice(300),
                    "councils/example/large.yaml": notice(3000)})
    documents = {d.path.rsplit("/", 1)[-1]: d for d in load_project(root).documents}
    small, large = documents["small.yaml"], documents["large.yaml"]
    problems = lint_document(large, DAY)
    assert sum(p.code == "nonexistent-instrument" for p in problems) >= 1
    assert all(p.location.line == 8 and p.location.column > 7 for p in problems
               if p.code == "nonexistent-instrument")  # located in the long line
    found = ratio(lambda: lint_document(small, DAY), lambda: lint_document(large, DAY))
    print(f"lint: 10 times the citations, {found:.1f} times the steps")
    assert found <= LINEAR
