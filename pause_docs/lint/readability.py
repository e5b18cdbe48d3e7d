"""Plain language (UK GDPR Art 12): the Flesch reading ease of each part of a notice, offline.

Syllables come from pyphen's hyphenation dictionary (the method textstat used before it
needed a download) checked against vowel groups, so the check runs with no network and no
extra data.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

import pyphen

from ..errors import Problem
from ..models import Section
from .published import BLOCK_FIELDS, MATCHING_FIELDS, NOT_TEXT, Published

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


def check_readability(published: Published) -> list[Problem]:
    """A warning for each part (a heading and what follows) that reads below THRESHOLD."""
    if not published.under_gdpr:
        return []
    problems = []
    for first, heading, units in _parts(published):
        score, words = reading_ease(units)
        if words >= MIN_WORDS and score < THRESHOLD:
            name = f"'{heading}'" if heading else "the part"
            problems.append(Problem(
                published.locate(("sections", first)), "warning", "hard-to-read",
                f"{name} has a Flesch reading ease of {score:.0f} ({words} words), below "
                f"{THRESHOLD:.0f} ('very difficult', graduate level)",
                fix="use shorter sentences and everyday words; keep legal references in a "
                    "list of their own", rule="UK GDPR Art 12(1): 'clear and plain language' [S]"))
    return problems


def _parts(published: Published) -> Iterator[tuple[int, str | None, list[str]]]:
    """(index of the part's first section, its heading, its text units)."""
    current: tuple[int, str | None, list[str]] | None = None
    for index, section in enumerate(published.notice.sections):
        if section.heading or current is None:
            if current is not None:
                yield current
            current = (index, section.heading, [])
        current[2].extend(_section_units(published, section))
    if current is not None:
        yield current


def _section_units(published: Published, section: Section) -> Iterator[str]:
    for text in (section.intro, section.text):
        if text:
            yield from _paragraphs(text)
    if section.show in BLOCK_FIELDS:
        for key in BLOCK_FIELDS[section.show]:
            yield from _strings(published.data.get(key))
    elif section.show in MATCHING_FIELDS and section.show != "matching-legal-bases":
        for annex in published.data.get("data_matching", []):
            if annex.get("id") == section.matching:
                yield from _strings({k: annex.get(k) for k in MATCHING_FIELDS[section.show]})
    if section.show in ("legal-bases", "lawful-basis", "gateways", "matching-legal-bases"):
        for ref in published.references():
            in_annex = ref.path[0] == "data_matching"
            if ref.reference.group == section.only and in_annex == bool(section.matching) \
                    and _role_fits(section.show, ref.role):
                words = ref.reference.wording or " ".join(
                    w for w in (ref.reference.cited_as, ref.reference.reason) if w)
                yield from _paragraphs(words)


def _role_fits(block: str, role: str) -> bool:
    if block == "gateways":
        return role == "gateway"
    if block == "lawful-basis":
        return role != "gateway"
    return True


def _paragraphs(text: str) -> Iterator[str]:
    yield from (p for p in re.split(r"\n\s*\n|\n\s*[-*] |\n\s*\d+\. ", text) if p.strip())


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield from _paragraphs(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in NOT_TEXT:
                yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
