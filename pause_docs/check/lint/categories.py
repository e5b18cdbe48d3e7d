"""Criminal offence data listed as special category data (issue 27 item 10): UK GDPR Art 9(1)
lists the special categories, and criminal offence data is not one of them; it has its own
Article (10) and conditions (DPA 2018 s.10(5), s.11(2)). In a notice's structured data
categories and in its words alike."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...source.errors import Problem
from .published import Published
from .setting import Finding, Passage

_CRIME = re.compile(r"\bcriminal\s+(?:convictions?|offen[cs]es?|records?|histor(?:y|ies))"
                    r"|\bconvictions?\b|\boffen[cs]es\b|\bcautions\b|\bcriminal\b",
                    re.IGNORECASE)
_SPECIAL = re.compile(r"special\s+categor(?:y|ies)", re.IGNORECASE)
# Words that keep the two apart in one sentence: 'special category data and, separately,
# criminal offence data (Art 10)', 'special category data does not include convictions',
# 'kept apart from information about convictions', 'unlike special category data'.
_APART = re.compile(r"criminal\s+offen[cs]e\s+data|\bart(?:icle|\.)?\s*10\b|separate|"
                    r"\b(?:not|never|unlike|apart|except|exclud\w*|other\s+than|distinct)\b|"
                    r"n['’]t\b", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?;\n]*(?:[.!?;](?!\d)|\n|$)")
RULE = ("UK GDPR Art 9(1) (the special categories) and Art 10 (criminal offence data); DPA "
        "2018 s.11(2) [P]")
FIX = ("list criminal offence data on its own (criminal_offence: true, not "
       "special_category), with its Art 10 condition and DPA 2018 Schedule 1 condition")


def _message(words: str) -> str:
    return (f"'{words}' is listed as special category data, but criminal offence data is not "
            "a special category: it is covered by UK GDPR Art 10, with its own conditions")


def criminal_as_special(passages: Sequence[Passage]) -> list[tuple[Finding, tuple[Passage,
                                                                                 int, int]]]:
    """A sentence that lists offences or convictions among the special categories."""
    found = []
    for passage in passages:
        for sentence in _SENTENCE.finditer(passage.text):
            special = _SPECIAL.search(sentence.group())
            if special is None or _APART.search(sentence.group()):
                continue
            crime = _CRIME.search(sentence.group(), special.end())
            if crime is None:
                continue
            start, end = sentence.start() + crime.start(), sentence.start() + crime.end()
            found.append((Finding(("criminal-offence-as-special-category",), "error",
                                  "criminal-offence-as-special-category",
                                  _message(crime.group()), FIX, RULE), (passage, start, end)))
    return found


def check_categories(published: Published) -> list[Problem]:
    """A data category marked special category whose name or words are about crime."""
    problems = []
    for index, category in enumerate(published.notice.data_categories):
        words = f"{category.name} {category.examples or ''}"
        if category.special_category and (category.criminal_offence or _CRIME.search(words)):
            problems.append(Problem(
                published.locate(("data_categories", index, "special_category"), key=True),
                "error", "criminal-offence-as-special-category", _message(category.name),
                fix=FIX, rule=RULE))
    return problems
