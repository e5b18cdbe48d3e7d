"""diff's lint delta (issue 27 item 20): a finding that only moved line, or whose other
places moved, is neither fixed nor introduced; a fixed finding keeps its old location."""

from __future__ import annotations

from pause_docs.compare import _lint_delta
from pause_docs.source.errors import Location, Problem


def _p(line: int, message: str, code: str = "misnamed-instrument") -> Problem:
    return Problem(Location("notice.yaml", line, 3), "error", code, message)


def test_a_finding_that_only_moved_is_neither_fixed_nor_introduced() -> None:
    old = [_p(10, "'Childrens Act' is not the Act's name (also at line 14)")]
    new = [_p(12, "'Childrens Act' is not the Act's name (also at line 16)")]
    delta = _lint_delta(old, new)
    assert (delta.fixed, delta.introduced) == ((), ())


def test_a_fixed_finding_keeps_its_old_location_and_a_new_one_is_introduced() -> None:
    old = [_p(10, "'Childrens Act' is not the Act's name")]
    new = [_p(3, "'DPA 2017' names no Act", "nonexistent-instrument")]
    delta = _lint_delta(old, new)
    assert [p.location.line for p in delta.fixed] == [10]
    assert [p.code for p in delta.introduced] == ["nonexistent-instrument"]
