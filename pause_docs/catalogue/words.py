"""Plain words matched against the ways an entry is written: ids, citations, titles, other
names. 'section 10', 's.10' and 's10' are the same words; so are 'Art 6(1)(e)' and
'article 6 1 e'."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_WORD = re.compile(r"\d+|[^\W\d_]+")
# The long and short forms citations use, written one way on both sides of a match.
_SHORT = {"section": "s", "sections": "s", "sect": "s", "sec": "s", "ss": "s",
          "article": "art", "articles": "art", "arts": "art", "erthygl": "art",
          "schedule": "sch", "schedules": "sch", "sched": "sch", "paragraph": "para",
          "paragraphs": "para", "paras": "para", "part": "pt", "regulation": "reg",
          "regulations": "reg", "regs": "reg", "adran": "s", "atodlen": "sch"}
_IGNORED = frozenset({"the", "of", "and", "a", "an", "to", "for", "in", "on", "is", "it", "with",
                      "by", "y", "yr"})
_PREFIX_MIN = 3  # a word being typed matches the start of a longer word from this length


def words(text: str) -> tuple[str, ...]:
    """The words of `text`, lower case, with letters and digits apart ('ca2004-s10' is
    ca, 2004, s, 10), apostrophes dropped and the usual long forms shortened."""
    flat = text.lower().replace("'", "").replace("\u2019", "")
    found = (_SHORT.get(w, w) for w in _WORD.findall(flat))
    return tuple(w for w in found if w not in _IGNORED)


@dataclass(frozen=True)
class Field:
    """One way an entry is written, and how much a match in it counts."""

    words: tuple[str, ...]
    weight: float


def fields(weighted: Iterable[tuple[Iterable[str | None], float]]) -> tuple[Field, ...]:
    """The fields of an entry: each text given (None skipped) with its weight."""
    return tuple(Field(words(text), weight) for texts, weight in weighted
                 for text in texts if text)


def _word_matches(query: str, word: str) -> float:
    if query == word:
        return 1.0
    if not query.isdigit() and len(query) >= _PREFIX_MIN and word.startswith(query):
        return 0.7
    return 0.0


def _bigrams(tokens: Sequence[str]) -> set[tuple[str, str]]:
    return set(zip(tokens, tokens[1:], strict=False))


@dataclass(frozen=True)
class Match:
    """How well a query matches an entry: the share of its words found, then a score."""

    found: int
    of: int
    score: float

    @property
    def complete(self) -> bool:
        return self.found == self.of


def match(query: Sequence[str], entry: Sequence[Field]) -> Match:
    """Each query word scores its best match in any field (by the field's weight); words
    that follow each other in the query and in a field score again, so 'section 10' prefers
    'Children Act 2004, s.10' to a summary mentioning s.10 somewhere."""
    found, score = 0, 0.0
    for word in query:
        best = max((_word_matches(word, w) * f.weight for f in entry for w in f.words),
                   default=0.0)
        found += best > 0
        score += best
    pairs = _bigrams(query)
    if pairs:
        score += max((len(pairs & _bigrams(f.words)) * f.weight / 2 for f in entry),
                     default=0.0)
    exact = tuple(query)
    if any(f.words == exact for f in entry):
        score += 5.0
    return Match(found, len(query), score)
