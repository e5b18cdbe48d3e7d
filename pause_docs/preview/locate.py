"""Where on the page a problem is: the words printed from the place in the YAML that the
problem names, or from inside the value that starts there (a legal basis, a recipient), or
failing that from the nearest place before it in the same file; and the part of the page
they stand in.

The publication tree keeps, for every printed text, the file, line and column it was written
at; a problem names a file, line and column too, and the loaded file knows where each of its
values starts. The page itself is not changed: the browser finds the words inside the part
of the page whose heading carries the anchor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..publish.printed import Printed, texts_of
from ..publish.tree import Publication, Section, plain, walk
from ..source.errors import Problem
from ..source.loader import SourceFile

WORDS = 80  # at most this many characters of the printed words are looked for


@dataclass(frozen=True)
class Target:
    """The part of the page a problem concerns."""

    anchor: str | None
    """The id of the heading of the part of the page the words are in (None: the page)."""
    words: str
    """The words printed there, as the browser reads them (spaces collapsed)."""
    exact: bool
    """Printed from the very line the problem names, not only near it."""


def targets(publication: Publication, problems: Iterable[Problem],
            sources: Mapping[str, SourceFile] | None = None) -> dict[Problem, Target]:
    """Each problem that concerns words on the page, with where they are; `sources` are the
    loaded files (by path) the page was made from."""
    anchors: dict[str, str] = {}
    for node in walk(publication.blocks()):
        if isinstance(node, Section) and node.heading is not None and node.heading.anchor:
            anchors.setdefault(plain(node.heading.content), node.heading.anchor)
    by_file: dict[str, list[Printed]] = {}
    for text in texts_of(publication):
        if text.origin is not None and text.origin.where.line and _findable(words(text.text)):
            by_file.setdefault(text.origin.where.path, []).append(text)
    for texts in by_file.values():
        texts.sort(key=_position)
    found = {}
    for problem in problems:
        source = (sources or {}).get(problem.location.path)
        chosen = _nearest(by_file.get(problem.location.path, []), problem, source)
        if chosen is not None:
            text, exact = chosen
            anchor = anchors.get(text.section) if text.section is not None else None
            found[problem] = Target(anchor, words(text.text), exact)
    return found


def _findable(found: str) -> bool:
    """Enough letters to find on the page: not a lone full stop or bracket."""
    return len(re.findall(r"\w", found)) >= 3


def _position(text: Printed) -> tuple[int, int]:
    assert text.origin is not None
    return text.origin.where.line, text.origin.where.column


def _nearest(texts: list[Printed], problem: Problem, source: SourceFile | None
             ) -> tuple[Printed, bool] | None:
    """The text printed from the problem's very place, else from inside the value that
    starts there, else from its line; failing those, the last one printed from before it,
    else the first one of the file."""
    if not texts:
        return None
    line, column = problem.location.line, problem.location.column
    at = [t for t in texts if _position(t) == (line, column)]
    if at:
        return at[0], True
    lines = _extent(source, line, column) if source is not None else None
    inside = [t for t in texts if lines is not None and _position(t)[0] in lines]
    on_line = [t for t in texts if _position(t)[0] == line]
    if inside or on_line:
        return (inside or on_line)[0], True
    before = [t for t in texts if _position(t)[0] < line]
    return (before[-1] if before else texts[0]), False


def _extent(source: SourceFile, line: int, column: int) -> range | None:
    """The lines of the value (or key and value) written at line:column: from there to
    just before the next value that is not inside it."""
    places = {**source.values, **{p: at for p, at in source.keys.items()
                                  if p not in source.values}}
    starting = [p for p, at in source.keys.items() if (at.line, at.column) == (line, column)]
    starting += [p for p, at in source.values.items() if (at.line, at.column) == (line, column)]
    if not starting:
        return None
    top = min(starting, key=len)
    inside = [at.line for p, at in places.items() if p[:len(top)] == top]
    after = [at.line for p, at in places.items()
             if p[:len(top)] != top and at.line > max(inside)]
    return range(line, min(after, default=max(inside) + 10_000))


def words(text: str) -> str:
    """The first line of `text`, spaces collapsed, cut at a word to at most WORDS characters:
    a line break prints as <br>, which the browser's text of a page leaves out."""
    first = re.sub(r"\s+", " ", text.strip().split("\n", 1)[0]).strip()
    if len(first) <= WORDS:
        return first
    cut = first[:WORDS]
    return cut.rsplit(" ", 1)[0] if " " in cut else cut
