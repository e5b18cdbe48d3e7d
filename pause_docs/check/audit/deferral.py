"""A notice that leaves items to another of the council's notices ("For your rights and how
to complain, please see our corporate privacy notice"): each item its pointer names is
deferred there, not missing; a pointer that names none is noted, so that a person reads the
other notice before calling an item missing."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ...source.errors import Location
from ..lint.setting import Passage
from ..lint.statements import Item

_FLAGS = re.IGNORECASE | re.DOTALL
_OTHER = (r"(?:main|corporate|full|general|wider|overarching|council-wide|central|"
          r"council['’]s)")  # a notice of the council's own that is not this one
_POINTER = re.compile(
    r"\b(?:see|read|set\s+out\s+in|found\s+in|described\s+in|explained\s+in|refer\s+to|"
    r"adds?\s+to|covered\s+(?:by|in)|available\s+in|given\s+in)\b[^.;]{0,60}?\b"
    rf"(?:(?:our|the)\s+{_OTHER}|the\s+council['’]s)\s+(?:[\w'’-]+\s+){{0,2}}?"
    r"(?:privacy|fair\s+processing)\s+(?:notice|policy|statement)"
    r"|\b(?:gweler|darllenwch|nodi\s+yn|ychwanegu\s+at|yn)\b[^.;]{0,40}?[Hh]ysbysiad\s+"
    r"[Pp]reifatrwydd\s+(?:corfforaethol|llawn|cyffredinol|y\s+[Cc]yngor)"
    r"|\b(?:ein|yr|y)\s+prif\s+[Hh]ysbysiad\s+[Pp]reifatrwydd", _FLAGS)
_HERE = re.compile(r"\b(?:below|above|on\s+this\s+page|isod|uchod)\b", _FLAGS)
"""A notice sending the reader to another part of itself, not to another notice."""
_SENTENCE = re.compile(r"(?:[^.!?;]|[.!?](?=\S))*(?:[.!?;]|$)")  # 'www.x.gov.uk' stays whole
_COMPLAINT = r"\b(?:complain\w*|cwyn|cwyno|cwynion|gwyno|chwyno|nghwyn\w*|gŵyn)\b"
_TOPICS = {  # items as a pointer names them, where a heading's words would say too much
    "dpo": r"contact\w*\s+(?:\w+\s+){0,3}data\s+protection\s+officer|data\s+protection\s+"
           r"officer['’]s\s+contact|cysyllt\w*\s+(?:\w+\s+){0,3}swyddog\s+diogelu\s+data",
    "complain-to-regulator": (rf"(?:{_COMPLAINT})(?!\s+(?:to|with|i|wrth)\s*(?:us|ni|['’]r\s+"
                              r"cyngor|the\s+council)\b)"),
    "complain-to-controller": _COMPLAINT,
    "withdraw-consent": r"withdraw\w*\s+(?:your\s+)?consent|[td]ynnu\s+(?:\w+\s+){0,2}"
                        r"(?:cydsyniad|caniatâd)",
    "automated-decisions": r"automated\s+decision|profiling|awtomataidd|proffilio",
    "obligation": r"must\s+give|have\s+to\s+give|rhaid\s+i\s+chi",
}


@dataclass(frozen=True)
class Pointer:
    """A sentence that sends the reader to another notice, and where it is."""

    text: str
    where: Location


def pointers(passages: Sequence[Passage]) -> list[Pointer]:
    """Every sentence that points to another of the council's notices."""
    found = []
    for passage in passages:
        for sentence in _SENTENCE.finditer(passage.text):
            said = sentence.group()
            if said.strip() and _POINTER.search(said) and not _HERE.search(said):
                start = sentence.start() + len(said) - len(said.lstrip())
                found.append(Pointer(said.strip(), passage.locate(start, sentence.end())))
    return found


def deferred_by(item: Item, found: Sequence[Pointer]) -> Location | None:
    """Where a pointer names `item` (by its heading's words, or as a pointer says it)."""
    named = _named(item)
    return next((p.where for p in found if named and named.search(p.text)), None)


def names_an_item(pointer: Pointer, items: Sequence[Item]) -> bool:
    return any((named := _named(item)) and named.search(pointer.text) for item in items)


def _named(item: Item) -> re.Pattern[str] | None:
    topic = _TOPICS.get(item.id)
    return re.compile(topic, _FLAGS) if topic else item.heading


def outside_pointers(passage: Passage) -> Passage:
    """The passage with the words of its pointers blanked (the same length, so that places
    stay true): what a pointer leaves to another notice is not said here."""
    text = passage.text
    for pointer in pointers([passage]):
        at = text.find(pointer.text)
        if at >= 0:
            text = text[:at] + " " * len(pointer.text) + text[at + len(pointer.text):]
    return passage if text == passage.text else replace(passage, text=text)
