"""The titles of law found in a text, looked up by place: the first one starting at a place,
the last one ending by it, any one overlapping a stretch, each in logarithmic time, so that
a text with thousands of citations is checked in time proportional to its length."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Generic, Protocol, TypeVar


class Spanned(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


_T = TypeVar("_T", bound=Spanned)


class Titles(Generic[_T]):
    """Titles found in a text, in order and not overlapping (as a regular expression finds
    them)."""

    def __init__(self, titles: Sequence[_T]) -> None:
        self.titles = titles
        self.starts = [t.start for t in titles]
        self.ends = [t.end for t in titles]

    def overlapping(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.ends, start)  # the first title ending after `start`
        return i < len(self.titles) and self.titles[i].start < end

    def starting_at(self, place: int) -> _T | None:
        i = bisect.bisect_left(self.starts, place)
        return self.titles[i] if i < len(self.titles) and self.starts[i] == place else None

    def last_ending_by(self, place: int) -> _T | None:
        i = bisect.bisect_right(self.ends, place) - 1
        return self.titles[i] if i >= 0 else None
