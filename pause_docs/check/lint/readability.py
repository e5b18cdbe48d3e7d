"""Plain language (UK GDPR Art 12): the Flesch reading ease of each part of a notice, offline.

Syllables come from pyphen's hyphenation dictionary (the method textstat used before it
needed a download) checked against vowel groups, so the check runs with no network and no
extra data.
"""

from __future__ import annotations

import functools
import re

import pyphen

from ...publish.printed import printed as printed_texts
from ...publish.tree import Section, plain
from ...source.errors import Location, Problem
from .published import Published

# Flesch reading ease runs from about 100 (very easy) to 0 and below (very hard); Flesch's own
# table calls 30-50 "difficult" (college level) and below 30 "very difficult" (graduate level).
# Notices are read by parents, carers and young people in social care, so Art 12's "clear and
# plain language" is not met by graduate-level text; but legal references pull every notice
# down, so a warning below 30 marks only the parts that are hard even for graduates.  Parts
# under MIN_WORDS words are too short for the score to mean anything.
THRESHOLD = 30.0
MIN_WORDS = 60

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_URL = re.compile(r"\S+@\S+|https?://\S+")


@functools.cache
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_GB")


_VOWELS = re.compile(r"[aeiouy]+")


@functools.lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Hyphenation points undercount ('pro-cessing', 'data'), so the count of vowel groups
    (less a silent final e) is taken when it is higher."""
    word = word.lower().strip("'’-")
    by_vowels = len(_VOWELS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and by_vowels > 1:
        by_vowels -= 1
    return max(len(_dictionary().positions(word)) + 1, by_vowels, 1)


def reading_ease(units: list[str]) -> tuple[float, int]:
    """Flesch reading ease of text given as units (paragraphs, list items, each at least one
    sentence), and its number of words."""
    words = sentences = syllable_count = 0
    for unit in units:
        text = _URL.sub(" ", _LINK.sub(r"\1", unit))
        found = _WORD.findall(text)
        if not found:
            continue
        words += len(found)
        syllable_count += sum(syllables(w) for w in found)
        sentences += max(1, len(_SENTENCE_END.findall(text.strip())))
    if not words:
        return 100.0, 0
    return 206.835 - 1.015 * words / sentences - 84.6 * syllable_count / words, words


@functools.lru_cache(maxsize=4096)
def _ease(units: tuple[str, ...]) -> tuple[float, int]:
    """`reading_ease`, once for a part that reads the same in many councils' documents."""
    return reading_ease(list(units))


def check_readability(published: Published) -> list[Problem]:
    """A warning for each part (a heading and what follows) that reads below THRESHOLD.
    English only: Flesch's formula is made for English words and sentences."""
    if not published.under_gdpr or published.publication.language != "en":
        return []
    problems = []
    for where, heading, units in _parts(published):
        score, words = _ease(tuple(units))
        if words >= MIN_WORDS and score < THRESHOLD:
            name = f"'{heading}'" if heading else "the part"
            problems.append(Problem(
                where, "warning", "hard-to-read",
                f"{name} has a Flesch reading ease of {score:.0f} ({words} words), below "
                f"{THRESHOLD:.0f} ('very difficult', graduate level)",
                fix="use shorter sentences and everyday words; keep legal references in a "
                    "list of their own", rule="UK GDPR Art 12(1): 'clear and plain language' [S]"))
    return problems


def _parts(published: Published) -> list[tuple[Location, str | None, list[str]]]:
    """Each part of the page, where it starts, its heading, and its text units: every
    paragraph, list item or table cell as the reader reads it."""
    found = []
    for part in published.publication.body:
        if not isinstance(part, Section):
            continue
        units: dict[int, list[str]] = {}
        for printed in printed_texts(part.blocks):
            units.setdefault(printed.block, []).append(printed.text)
        where = part.origin.where if part.origin else published.locate(("sections",))
        heading = plain(part.heading.content) if part.heading else None
        found.append((where, heading, [" ".join(u) for u in units.values()]))
    return found


# Cymraeg Clir (Cen Williams, Canolfan Bedwyr, 1999), the plain-Welsh guide: at most 25 words
# a sentence (welsh.md §6) [S].  There is no Welsh readability formula (none was found), so
# Welsh pages get this check instead of Flesch's.
MAX_SENTENCE_WORDS = {"cy": 25}
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def check_sentences(published: Published) -> list[Problem]:
    """A warning for each part of a page whose language has a plain-language sentence length
    (Welsh: Cymraeg Clir's 25 words) with sentences longer than that, in its authors' words."""
    language = published.publication.language
    limit = MAX_SENTENCE_WORDS.get(language)
    if limit is None or not published.under_gdpr:
        return []
    problems = []
    for part in published.publication.body:
        if not isinstance(part, Section):
            continue
        long = [s for printed in printed_texts(part.blocks) if printed.origin is not None
                and printed.origin.owner != "registry" and printed.origin.language == language
                for s in _SENTENCE.split(_URL.sub(" ", printed.text))
                if len(s.split()) > limit]
        if long:
            where = part.origin.where if part.origin else published.locate(("sections",))
            heading = plain(part.heading.content) if part.heading else None
            name = f"'{heading}'" if heading else "the part"
            problems.append(Problem(
                where, "warning", "long-sentence",
                f"{name} has {len(long)} sentence{'s' * (len(long) != 1)} of more than "
                f"{limit} words, e.g. '{' '.join(long[0].split()[:8])} …'",
                fix="split each into shorter sentences, one idea each",
                rule="Cymraeg Clir – Canllawiau Iaith (Canolfan Bedwyr, 1999): at most 25 "
                     "words a sentence [S]"))
    return problems
