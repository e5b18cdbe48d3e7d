"""What the law checks work on, wherever the words come from: the council's nation and the
document's dates (`Setting`), the pieces of text it prints (`Passage`), and a finding before
it is placed (`Finding`), so that one mistake written in several places is reported once.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from ...publish.locale import load_locale
from ...source.errors import Location, Problem, Severity
from ...source.models.base import Nation
from ...source.registry import Registry
from .spans import line_and_column, words_location

NATION_NAMES: dict[str, str] = {"england": "England", "wales": "Wales",
                                "scotland": "Scotland", "northern-ireland": "Northern Ireland"}


@dataclass(frozen=True)
class Setting:
    """Whose document it is and the days it is judged on: its publication, the day asked
    about, and the day it was due for review (when it gives one)."""

    registry: Registry
    nation: Nation
    published: dt.date
    as_of: dt.date
    council: str = "the council"
    review: dt.date | None = None
    """The date the document was to be reviewed by (its 'next review' date), if it says."""

    @property
    def reviewed_by(self) -> dt.date | None:
        """The review date, once it has passed (on or before the day asked about) and it
        falls after publication: a day the document should have been brought up to date."""
        review = self.review
        return review if review is not None and self.published < review <= self.as_of \
            else None


@dataclass(frozen=True)
class Passage:
    """A piece of printed text and where it was written.

    `source` is the text of the YAML file the passage is a value of, so that words inside it
    can be located; `anchors` instead give the place of characters of a passage taken from a
    published notice (offset in the text, place in the file), in order.
    """

    text: str
    where: Location
    source: str = ""
    anchors: tuple[tuple[int, Location], ...] = field(default=(), compare=False)

    def locate(self, start: int, end: int) -> Location:
        """Where the words `text[start:end]` are."""
        if not self.anchors:
            return words_location(self.source, self.where, self.text, start, end)
        # the last anchor at or before `start` (the first if none is)
        here = bisect.bisect_right(self.anchors, start, key=lambda anchor: anchor[0])
        offset, at = self.anchors[max(here - 1, 0)]
        line, column = line_and_column(self.text, start)
        lines = line - line_and_column(self.text, offset)[0]
        if lines:
            return Location(at.path, at.line + lines, column)
        return Location(at.path, at.line, at.column + start - offset)


@dataclass(frozen=True)
class Finding:
    """A problem not yet placed: `key` names the mistake, so that each is reported once."""

    key: tuple[object, ...]
    severity: Severity
    code: str
    message: str
    fix: str
    rule: str

    def at(self, where: Location, also: Sequence[Location] = (),
           inherited_from: Location | None = None) -> Problem:
        others = sorted({w for w in also if w != where and w != inherited_from})
        message = self.message
        if inherited_from is not None:
            message += f" (inherited from {inherited_from})"
        places = ", ".join(dict.fromkeys(
            f"line {w.line}" if w.path == where.path and w.line else str(w)
            for w in others if (w.path, w.line) != (where.path, where.line) and str(w)))
        if places:  # never '(also at )': other places on the same line add nothing
            message += f" (also at {places})"
        return Problem(where, self.severity, self.code, message, fix=self.fix, rule=self.rule)


def long_day(day: dt.date) -> str:
    """'4 April 2012', as the English locale writes a date."""
    return load_locale().date(day)


def graded(severity: Severity, *grades: str | None) -> Severity:
    """A rule resting on any fact graded U (unverified) only ever warns."""
    return "warning" if severity == "error" and "U" in grades else severity


def grade_note(*grades: str | None) -> str:
    return " (this rests on an unverified fact: check it before relying on it)" \
        if "U" in grades else ""


def either(words: Sequence[str], joiner: str = "or") -> str:
    """'A', 'A or B', 'A, B or C'."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {joiner} {words[-1]}"
