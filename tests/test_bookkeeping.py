"""A build's bookkeeping is linear in the project: recording what each document made looks
at that document's files, not at every file made (which made a 20,000-document build spend a
CPU-minute comparing names).  The work is counted, not timed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pause_docs.build.manifest import Record
from pause_docs.build.session import Session


class Counted(set[str]):
    """The set of files made, counting every name looked at."""

    looked = 0

    def __iter__(self) -> Iterator[str]:
        for name in super().__iter__():
            Counted.looked += 1
            yield name

    def __contains__(self, name: object) -> bool:
        Counted.looked += 1
        return super().__contains__(name)


def work_to_record(tmp_path: Path, councils: int) -> tuple[int, dict[str, list[str]]]:
    root = tmp_path / f"p{councils}"
    (root / "councils").mkdir(parents=True)
    session = Session(root, root / "output")
    keys = [f"councils/c{n}/notice.yaml" for n in range(councils)]
    session.manifest.made = Counted(f"c{n}/notice.{v}" for n in range(councils)
                                    for v in ("html", "pdf", "cy.html"))
    Counted.looked = 0
    dropped = {key: session.record(key, Record({}, {}, {}, outputs={"html": [1, 1]}))
               for key in keys}
    return Counted.looked, dropped


@pytest.mark.slow
def test_recording_documents_costs_in_proportion_to_the_project(tmp_path: Path) -> None:
    small, dropped = work_to_record(tmp_path, 500)
    large, _ = work_to_record(tmp_path, 4000)
    assert dropped["councils/c7/notice.yaml"] == ["c7/notice.cy.html"]  # no longer in Welsh
    assert large <= 10 * small, (small, large)  # ×8 the councils: at most ×10 the work
