"""Where words inside a YAML value are in the file: the line and column of 'Children's Act
2004' in the middle of a folded (>) or literal (|) block, a quoted string with escapes, or a
plain scalar running over several lines — not the line of its key.

The value's characters are matched to the file's, skipping whitespace (which folding,
indentation and line breaks change) and decoding quotes and escapes; only findings are
located this way, so the file is scanned only when there is something to report.
"""

from __future__ import annotations

import bisect
import functools
import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass

import yaml

from ...source.errors import Location

_SIMPLE_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n",
                   "v": "\v", "f": "\f", "r": "\r", "e": "\x1b", " ": " ", '"': '"', "/": "/",
                   "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028", "P": "\u2029"}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}
_Scalar = tuple[int, int, str]  # start index, end index, style ('', "'", '"', '|', '>')


@functools.lru_cache(maxsize=32)
def _scalars(text: str) -> dict[tuple[int, int], _Scalar]:
    """Every scalar in the file by its (0-based) line and column."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    starts = _line_starts(text)
    found: dict[tuple[int, int], _Scalar] = {}
    try:
        for token in yaml.scan(text, Loader=loader):
            if isinstance(token, yaml.ScalarToken):
                first, last = token.start_mark, token.end_mark
                found[(first.line, first.column)] = (
                    starts[first.line] + first.column, starts[last.line] + last.column,
                    token.style or "")
    except yaml.YAMLError:
        pass  # the loader reported it; the words are then located at their value
    return found


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer("\n", text)), len(text) + 1]


def _decoded(text: str, start: int, end: int, style: str) -> Iterator[tuple[int, str]]:
    """The scalar's characters as the value has them, each with its index in the file."""
    if style in ("|", ">"):
        newline = text.find("\n", start, end)
        yield from ((i, text[i]) for i in range(newline + 1 if newline >= 0 else end, end))
        return
    if style == "'":
        i = start + 1
        while i < end - 1:
            yield i, text[i]
            i += 2 if text.startswith("''", i) else 1
        return
    if style == '"':
        yield from _double_quoted(text, start + 1, end - 1)
        return
    yield from ((i, text[i]) for i in range(start, end))


def _double_quoted(text: str, start: int, end: int) -> Iterator[tuple[int, str]]:
    i = start
    while i < end:
        char = text[i]
        if char != "\\" or i + 1 >= end:
            yield i, char
            i += 1
            continue
        code = text[i + 1]
        if code in _SIMPLE_ESCAPES:
            yield i, _SIMPLE_ESCAPES[code]
            i += 2
        elif code in _HEX_ESCAPES:
            digits = _HEX_ESCAPES[code]
            try:
                yield i, chr(int(text[i + 2:i + 2 + digits], 16))
            except ValueError:
                yield i, code
            i += 2 + digits
        else:  # an escaped line break joins the lines: no character
            i += 2


@functools.lru_cache(maxsize=8)
def _starts(text: str) -> array[int]:
    return array("q", _line_starts(text))


def line_and_column(text: str, index: int) -> tuple[int, int]:
    """The line and column (from 1) of `text[index]`, found by binary search among the
    text's line starts (listed once per text), however long the text is."""
    starts = _starts(text)
    line = bisect.bisect_right(starts, index) - 1
    return line + 1, index - starts[line] + 1


@dataclass(frozen=True)
class _Alignment:
    """A value's characters and the scalar's in the file, the spaces left out of both:
    made once per value, so that each of a thousand findings in it is placed at once."""

    indices: array[int]  # the file index of each character written, spaces left out
    written: str  # those characters
    wanted: str  # the value's characters, spaces left out
    spaces: array[int]  # the index in the value of each of its spaces

    @property
    def direct(self) -> bool:
        """The characters match one for one (no {{ variable }} in between)."""
        return self.written == self.wanted


@functools.lru_cache(maxsize=8)
def _alignment(file_text: str, first: int, last: int, style: str, value: str) -> _Alignment:
    indices, chars = array("q"), []
    for i, c in _decoded(file_text, first, last, style):
        if not c.isspace():
            indices.append(i)
            chars.append(c)
    return _Alignment(indices, "".join(chars), "".join(c for c in value if not c.isspace()),
                      array("q", (k for k, c in enumerate(value) if c.isspace())))


def words_location(file_text: str, value_at: Location, value: str, start: int,
                   end: int | None = None) -> Location:
    """Where `value[start:end]` is in the file, for the value written at `value_at`; words
    that a {{ variable }} put there are at the variable; `value_at` itself when the words
    cannot be found there (the value was assembled from several places)."""
    if not file_text or not value_at.line:
        return value_at
    scalar = _scalars(file_text).get((value_at.line - 1, value_at.column - 1))
    if scalar is None:
        return value_at
    first, last, style = scalar
    while start < len(value) and value[start].isspace():
        start += 1
    aligned = _alignment(file_text, first, last, style, value)
    target = start - bisect.bisect_left(aligned.spaces, start)
    if aligned.direct:
        at = aligned.indices[target] if target < len(aligned.indices) else None
    else:
        at = _align(file_text, list(zip(aligned.indices, aligned.written, strict=True)),
                    list(aligned.wanted), target)
    if at is not None:
        return Location(value_at.path, *line_and_column(file_text, at))
    return _search(file_text, value_at, value, start, end if end is not None else start + 1,
                   first, last)


def _align(file_text: str, written: list[tuple[int, str]], wanted: list[str],
           target: int) -> int | None:
    """The file index of the `target`-th character of the value, matching the written
    characters to the value's one by one and stepping over each {{ variable }}."""
    i = j = 0
    while i < len(written) and j <= target:
        index, char = written[i]
        if j < len(wanted) and char == wanted[j]:
            if j == target:
                return index
            i, j = i + 1, j + 1
            continue
        if not file_text.startswith("{{", index):
            return None
        close = file_text.find("}}", index)
        after = next((k for k, (at, _) in enumerate(written) if at > close + 1), len(written))
        following = ""
        for at, c in written[after:after + 8]:
            if file_text.startswith("{{", at):
                break
            following += c
        resumed = "".join(wanted).find(following, j) if following else len(wanted)
        if resumed < 0:
            return None
        if j <= target < resumed:
            return index
        i, j = after, resumed
    return None


def _search(file_text: str, value_at: Location, value: str, start: int, end: int,
            first: int, last: int) -> Location:
    """The same words, the same how-many-th time, within the scalar's text."""
    words = value[start:end].split()
    if not words:
        return value_at
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    rank = len(pattern.findall(value[:start]))
    found = list(pattern.finditer(file_text, first, last))
    if len(found) <= rank:
        return value_at
    return Location(value_at.path, *line_and_column(file_text, found[rank].start()))
