"""A notice that leaves items to another of the council's notices ("For your rights and how
to complain, please see our corporate privacy notice"): each item its pointer names is
deferred there, not missing; a pointer that names none is noted, so that a person reads the
other notice before calling an item missing."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ...source.errors import Location
from ..lint.setting import Passage
from ..lint.statements import Item

_FLAGS = re.IGNORECASE | re.DOTALL
_POINTER = re.compile(
    r"\b(?:see|read|set\s+out\s+in|found\s+in|described\s+in|explained\s+in|refer\s+to|"
    r"adds?\s+to|covered\s+(?:by|in)|available\s+in)\b[^.;]{0,60}?\b(?:our|the\s+council['’]s|"
    r"the\s+(?:main|corporate|full|council|wider))\s+(?:[\w'’-]+\s+){0,3}?(?:privacy|fair\s+"
    r"processing|data\s+protection)\s+(?:notice|policy|statement)"
    r"|\b(?:gweler|darllenwch|yn)\s+ein\s+(?:[\w'’-]+\s+){0,2}?[Hh]ysbysiad\s+[Pp]reifatrwydd",
    _FLAGS)
_SENTENCE = re.compile(r"(?:[^.!?]|[.!?](?=\S))*(?:[.!?]|$)")  # 'www.x.gov.uk' stays whole
_TOPICS = {  # an item no heading names, as a pointer names it
    "dpo": r"data\s+protection\s+officer|\bDPO\b|swyddog\s+diogelu\s+data",
    "complain-to-regulator": r"complain|complaint|\b[cg]h?wyn|\bnghwyn",
    "complain-to-controller": r"complain|complaint|\b[cg]h?wyn|\bnghwyn",
    "withdraw-consent": r"consent|cydsyniad|caniatâd",
    "automated-decisions": r"automated|profiling|awtomataidd|proffilio",
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
            if said.strip() and _POINTER.search(said):
                start = sentence.start() + len(said) - len(said.lstrip())
                found.append(Pointer(said.strip(), passage.locate(start, sentence.end())))
    return found


def deferred_by(item: Item, found: Sequence[Pointer]) -> Location | None:
    """Where a pointer names `item` (by its heading's words, or as a pointer says it)."""
    topic = _TOPICS.get(item.id)
    named = re.compile(topic, _FLAGS) if topic else item.heading
    if named is None:
        return None
    return next((p.where for p in found if named.search(p.text)), None)
