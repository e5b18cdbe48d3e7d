"""Instruments given as the lawful basis, or as the gateway for sharing, that are not one:
the Freedom of Information Act 2000, the Human Rights Act 1998 (or ECHR Article 8) alone, the
Data Protection Act 2018 as a whole, the Caldicott principles.  A finding when the words give
one as the basis ('the legal basis for sharing is the Data Protection Act 2018', 'we share it
under the Human Rights Act 1998') or a reference by id lists it alone; silence when it is only
mentioned ('you can ask under the Freedom of Information Act 2000')."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .citing import Found, Mention
from .setting import Finding, Setting

# Words that give what follows as the basis, just before it in its sentence.
_GIVEN_AS_BASIS = re.compile(
    r"(?:(?:lawful|legal)\s+(?:basis|bases|ground|gateway|power)|statutory\s+gateway"
    r"|\bbasis\s+(?:for|of)\b|\brel(?:y|ies|ying)\s+(?:up)?on"
    r"|\b(?:allows?|permits?|authori[sz]es?|enables?)\s+(?:us|the\s+council)\s+to\s+"
    r"(?:share|process|use|disclose)"
    r"|\b(?:share|shares|sharing|shared|disclose|discloses|disclosed|process|processes"
    r"|processed|processing)\b(?:\s+[\w'’-]+){0,8}?\s+(?:under|as\s+(?:allowed|permitted)\s+by"
    r"|using\s+the\s+powers?\s+(?:in|of)|in\s+line\s+with|on\s+the\s+basis\s+of)"
    # Welsh: 'ein sail gyfreithiol yw', 'rydym yn dibynnu ar', 'rhannu ... o dan' (the words
    # of research/welsh.md section 2 [P/R]; the verbs' forms are background knowledge [U])
    r"|sail\s+gyfreith(?:lon|iol)|seiliau\s+cyfreith\w*|\bd?dibynnu\s+ar"
    r"|\b(?:rhannu|rhannwn|datgelu|prosesu|defnyddio)(?:['’]r)?\b(?:\s+[\w'’-]+){0,8}?\s+"
    r"(?:o\s+dan|dan|yn\s+unol\s+â|ar\s+sail))"
    r"(?P<gap>[^,;:.()]{0,45})$", re.IGNORECASE)
_JOINED = re.compile(r"\s(?:and|or|a|ac|neu)\s", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?;](?=\s)|\n")


def not_a_basis(mentions: Sequence[Mention], setting: Setting) -> list[Found]:
    """Each instrument given as the basis that is not one, once."""
    found: list[Found] = []
    for mention in mentions:
        flagged = [p for p in mention.provisions if p.not_a_basis]
        if not flagged or not _given_as_basis(mention, len(flagged)):
            continue
        provision = flagged[0]
        where = setting.registry.defined_at[f"provisions:{provision.id}"]
        found.append((Finding(
            ("not-a-lawful-basis", provision.id), "error", "not-a-lawful-basis",
            f"{provision.citation} is given as the basis for the processing, but it is not "
            f"a lawful basis or a gateway: {provision.not_a_basis}",
            "name the UK GDPR Art 6(1) basis relied on (for a council's statutory work, "
            "public task, Art 6(1)(e)) and the statute behind the task; the instrument may "
            "still be mentioned for what it does",
            f"UK GDPR Art 6(1) and Art 13(1)(c) / 14(1)(c) [P] ({where})"), mention.place))
    return found


def _given_as_basis(mention: Mention, flagged: int) -> bool:
    """By id: the reference is to such instruments only. In words: the sentence gives it
    as the basis, just before it."""
    if mention.referenced is not None:
        return flagged == len(mention.provisions)
    if not isinstance(mention.place, tuple):
        return False
    passage, start, _ = mention.place
    before = passage.text[max(0, start - 160):start]
    ends = list(_SENTENCE_END.finditer(before))
    sentence = before[ends[-1].end():] if ends else before
    given = _GIVEN_AS_BASIS.search(sentence)
    return given is not None and not _JOINED.search(given["gap"])
