"""The publication date a notice gives itself: a date beside 'published', 'updated' or
'reviewed', or failing that a date standing on its own near the top ('February 2017'); in
English or in Welsh ('Diweddarwyd: 3 Mawrth 2025')."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...source.errors import Location
from .extract import Extracted
from .welsh import BESIDE_A_DATE, PUBLISHED_WELSH
from .welsh import MONTHS as WELSH_MONTHS
from .welsh import SHORT_MONTHS as WELSH_SHORT

_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"]
_MONTH = "|".join([*_MONTHS, *WELSH_MONTHS, "jan", "feb", "mar", "apr", "jun", "jul", "aug",
                   "sept", "sep", "oct", "nov", "dec",
                   *sorted(set(WELSH_SHORT) - set(WELSH_MONTHS), key=len, reverse=True)])
_DATE = re.compile(
    rf"\b(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th|af|il|ydd|ed|fed|eg|ain)?\s+)?"
    rf"(?P<month>{_MONTH})\.?,?\s+"
    rf"(?P<year>(?:19|20)\d\d)\b|\b(?P<iso>(?:19|20)\d\d-\d\d-\d\d)\b"
    rf"|\b(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})/(?P<y>(?:19|20)\d\d)\b", re.IGNORECASE)
_PUBLISHED = re.compile(rf"publish|updated|reviewed|issued|effective|last\s+(?:changed|modified)|"
                        rf"{PUBLISHED_WELSH}", re.IGNORECASE)
_BESIDE = re.compile(rf"update|review|dated|\bdate\b|version|{BESIDE_A_DATE}",
                     re.IGNORECASE)
_NOT_OF_THE_NOTICE = re.compile(  # a date beside these words is of something else
    r"birth|born|closing|deadline|next\s+review|review\s+date|geni|anwyd|\bcau\b|"
    r"adolygu\s+nesaf|nesaf", re.IGNORECASE)
# A date beside these words is the day the notice is due for review ('Next review: June
# 2022', 'Dyddiad adolygu nesaf: ...').
_REVIEW = re.compile(r"next\s+review|review\s+date|due\s+for\s+(?:its\s+)?review|"
                     r"to\s+be\s+reviewed\s+(?:by|on|in)\b|adolygu\s+nesaf|adolygiad\s+nesaf|"
                     r"dyddiad\s+adolygu", re.IGNORECASE)
_TOP_LINES = 12
_ON_ITS_OWN = 40


@dataclass(frozen=True)
class FoundDate:
    day: dt.date
    words: str
    where: Location


def _parse(match: re.Match[str]) -> dt.date | None:
    try:
        if match["iso"]:
            return dt.date.fromisoformat(match["iso"])
        if match["d"]:
            return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
        said = match["month"].lower()
        if said in WELSH_MONTHS:
            month = WELSH_MONTHS.index(said) + 1
        elif said in WELSH_SHORT:
            if not match["day"]:  # 'hyd 2030' is 'until 2030'; CLDR writes 'd MMM y'
                return None
            month = WELSH_SHORT[said]
        else:
            month = next(i for i, name in enumerate(_MONTHS, 1) if name.startswith(said[:3]))
        return dt.date(int(match["year"]), month, int(match["day"] or 1))
    except ValueError:
        return None


def _lines(extracted: Extracted) -> Iterator[tuple[int, str, Location]]:
    """Each line of the notice, numbered from 1, with where it is."""
    number = 0
    for block in extracted.blocks:
        ends = [offset for offset, _ in block.anchors[1:]] + [len(block.text)]
        for (offset, at), end in zip(block.anchors, ends, strict=True):
            number += 1
            yield number, block.text[offset:end], at


def _first_date(line: str, at: Location, until: dt.date | None = None) -> FoundDate | None:
    for match in _DATE.finditer(line):
        day = _parse(match)
        if day is not None and (until is None or day <= until):
            return FoundDate(day, match.group(), at)
    return None


def find_published(extracted: Extracted, as_of: dt.date) -> FoundDate | None:
    """The date the notice says it was published (or last updated), if it says one: beside
    a word such as 'updated' anywhere, or on a short line of its own near the top."""
    candidates: list[tuple[int, FoundDate]] = []
    for number, line, at in _lines(extracted):
        rank = 0 if _PUBLISHED.search(line) else 1 if _BESIDE.search(line) else \
            2 if number <= _TOP_LINES and len(line.strip()) <= _ON_ITS_OWN else None
        if rank is None or _NOT_OF_THE_NOTICE.search(line):
            continue
        found = _first_date(line, at, as_of)
        if found is not None:
            candidates.append((rank, found))
    return min(candidates, key=lambda c: c[0])[1] if candidates else None


def find_review(extracted: Extracted) -> FoundDate | None:
    """The date the notice says it is due for review ('Next review: June 2022'), if it says
    one; past or to come."""
    return next((found for _, line, at in _lines(extracted) if _REVIEW.search(line)
                 and (found := _first_date(line, at)) is not None), None)
