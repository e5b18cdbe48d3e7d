"""Special category and criminal offence data a notice says in its words it uses, with no
condition named for it (issue 27): the finding a data-protection lawyer makes first, read the
same way by `audit` on a published page and by `lint` on the words a YAML document prints
(which also judges its data categories' flags: checklist.py).

UK GDPR Art 9(1) forbids processing special category data unless a condition in Art 9(2)
applies (with DPA 2018 s.10 and Schedule 1 for points (b), (g), (h), (i) and (j)); Art 10 and
DPA 2018 s.10(5) allow criminal offence data only with a Schedule 1 condition.  Read from
prose, so:

- the data is recognised only in data-context words ("information about your health",
  "health records", "special category data we hold", a list item "Ethnicity" under "The
  information we use"), never from a service's name ("health visitor", "Mental Health
  Services", "Youth Offending Team");
- a sentence that says the data is not used ("we do not collect biometric data") is passed;
- a condition counts as named when the citation reader finds one (Art 9(2)(g), DPA 2018
  s.10(3), Schedule 1 paragraph 6, Art 10, even a repealed DPA 1998 Schedule 3, which is
  reported on its own) or when the notice writes one in words ("substantial public
  interest", "9(2)(h)");
- the finding is a warning: prose may name a condition in words no reader knows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .citing import Found, Mention
from .setting import Finding, Passage

_SENTENCE = re.compile(r"[^.!?;]*(?:[.!?;](?!\d)|$)")
_NOT = re.compile(r"\b(?:not|never|no|none|neither|nor)\b|n['’]t\b", re.IGNORECASE)
# A risk or a mistake imagined (a DPIA's risk register), not what the council does.
_IMAGINED = re.compile(r"\b(?:could|might|would)\b|\bin\s+error\b|\bby\s+mistake\b|"
                       r"\bmore\b[^.;]{0,80}\bthan\b", re.IGNORECASE)

# What follows a word when it names a service or a profession, not a person's data.
_SERVICE = (r"(?!\s+(?:and\s+(?:social\s+care|wellbeing|well-being)\s+)?(?:services?|visitors?|"
            r"professionals?|bod(?:y|ies)|agenc(?:y|ies)|partners?|partnerships?|boards?|"
            r"trusts?|authorit(?:y|ies)|teams?|centres?|workers?|practitioners?|providers?|"
            r"organisations?|colleagues|staff|settings?|institutions?|panels?)\b)")
_HEALTH_ETC = (r"(?:(?:physical\s+(?:or|and)\s+)?mental\s+(?:or\s+physical\s+)?|physical\s+)?"
               r"health|medical|disabilit(?:y|ies)|ethnic(?:ity|\s+origins?|\s+background)|"
               r"racial\s+origin|race|religio(?:n|us\s+(?:or\s+philosophical\s+)?beliefs?)|"
               r"sex\s+life|sexual\s+(?:life|orientation|health)|sexuality|genetic|biometric|"
               r"political\s+(?:opinions?|views|beliefs)|trade\s+union\s+membership")
_CRIME = (r"criminal\s+(?:convictions?|offen[cs]es?|records?|histor(?:y|ies)|activit(?:y|ies)|"
          r"proceedings|allegations?|behaviour)|(?:alleged\s+)?convictions?|offen[cs]es|"
          r"offending|cautions|reprimands|final\s+warnings|court\s+outcomes")
_ABOUT = (r"\b(?:information|data|details|records?|evidence)\s+(?:about|on|of|relating\s+to|"
          r"related\s+to|concerning|regarding|revealing|which\s+reveals?|that\s+reveals?)\s+"
          r"(?:(?:[\w-]+(?:['’]s?)?|,)\s+){0,4}?")
_RECORD_NOUN = (r"\s+(?:data|information|details|records?|history|histories|diagnos[ie]s|"
                r"assessments?|reports?)\b")

# The data, said in words that are about data (no verb needed) ...
_SPECIAL_WORDS = re.compile(rf"{_ABOUT}(?:{_HEALTH_ETC})\b{_SERVICE}"
                            rf"|\b(?!genetic|biometric)(?:{_HEALTH_ETC}){_RECORD_NOUN}",
                            re.IGNORECASE)
_CRIME_WORDS = re.compile(rf"{_ABOUT}(?:{_CRIME})\b{_SERVICE}"
                          r"|\b(?:contact|involvement)\s+(?:\w+\s+){0,6}?with\s+the\s+criminal"
                          r"\s+justice\s+system", re.IGNORECASE)
# ... or the law's names for it, which need a verb saying the council uses it: such words are
# also used to explain the law ("processing special category data on a large scale").
_SPECIAL_NAMED = re.compile(r"special\s+categor(?:y|ies)(?:\s+of)?(?:\s+personal)?(?:\s+data|"
                            r"\s+information)?|sensitive\s+(?:personal\s+)?"
                            r"(?:data|information)|\b(?:genetic|biometric)\s+(?:data|information)"
                            r"|data\s+concerning\s+(?:health|a\s+person['’]s\s+sex)",
                            re.IGNORECASE)
_CRIME_NAMED = re.compile(r"criminal\s+(?:offen[cs]es?|convictions?)\s+(?:and\s+offen[cs]es\s+)?"
                          r"(?:data|information)|criminal\s+records?\s+(?:checks?|data|"
                          r"information)|\bDBS\s+checks?", re.IGNORECASE)
_USES = re.compile(
    r"\b(?:we|us|our|the\s+council|the\s+service)(?:\s+[\w'’,()-]+){0,8}?\s+(?:collect|hold|"
    r"process|use|"
    r"record|keep|store|share|obtain|receive|gather|ask|request|need|may\s+have|access|"
    r"check|carry\s+out)\w*|\b(?:is|are|be|been|being)\s+(?:\w+ly\s+)?(?:collected|held|"
    r"processed|used|recorded|kept|stored|shared|obtained|received|gathered|requested|"
    r"disclosed|passed)\b|\bincludes?\b", re.IGNORECASE)
# A short list item that starts with the data, under words introducing what is held.
_ITEM_SPECIAL = re.compile(rf"^\W*(?:{_HEALTH_ETC})\b{_SERVICE}", re.IGNORECASE)
_ITEM_CRIME = re.compile(rf"^\W*(?:{_CRIME})\b{_SERVICE}", re.IGNORECASE)
_LEAD = re.compile(
    r"\b(?:information|data|details)\s+(?:that\s+)?(?:we|the\s+council)\s+(?:collect|hold|"
    r"process|use|record|keep|ask|need)|\b(?:categories|types|kinds)\s+of\s+(?:personal\s+)?"
    r"(?:data|information)|\bwhat\s+information|\bthe\s+information\s+(?:we|is|includes)"
    r"|\binformation\s+(?:used|held|collected|processed|recorded|kept)\b"
    r"|special\s+categor", re.IGNORECASE)
_ITEM_CHARS = 80
_MARKS = " \t\n-*•–·▪("  # a list item's bullet, before its words
_LOOK_BACK = 8  # passages from a list item to the words that introduce the list

# A condition written in words, not cited: the Art 9(2) points' own words, a point without
# "Article", a Schedule 1 condition of the DPA 2018, the law-enforcement regime of Part 3.
_ART9_WORDS = re.compile(
    r"substantial\s+public\s+interest|explicit\s+consent|social\s+protection|"
    r"(?:provision|management)\s+of\s+health\s+or\s+social\s+care|preventive\s+or\s+occupational"
    r"\s+medicine|public\s+interest\s+in\s+the\s+area\s+of\s+public\s+health|legal\s+claims|"
    r"archiving\s+purposes|\b9\s*\(\s*2\s*\)\s*\(\s*[a-j]\s*\)", re.IGNORECASE)
_ART10_WORDS = re.compile(
    r"under\s+the\s+control\s+of\s+official\s+authority|authori[sz]ed\s+by\s+(?:domestic|UK|"
    r"Union\s+or\s+Member\s+State)\s+law|\bart(?:icle|\.)?\s*10\b|law\s+enforcement\s+"
    r"(?:purposes|processing)|part\s+3\s+of\s+the\s+(?:data\s+protection\s+act|DPA)",
    re.IGNORECASE)
_SCHEDULE_1 = re.compile(r"\bsch(?:edule|\.)?\s*(?:1|one)\b[^.]{0,60}?(?:data\s+protection\s+act"
                         r"|DPA)|(?:data\s+protection\s+act\s+2018|DPA\s*2018)[^.]{0,40}?"
                         r"\bsch(?:edule|\.)?\s*(?:1|one)\b", re.IGNORECASE)

RULE_9 = "UK GDPR Art 9(1) and (2); DPA 2018 s.10(1) to (3) and Schedule 1 [P]"
RULE_10 = "UK GDPR Art 10; DPA 2018 s.10(5) and Schedule 1 Parts 1 to 3 [R]"
_HEDGE = ("read as prose: if the notice names a condition in other words, check that it says "
          "which one")


def conditions_missing(passages: Sequence[Passage], mentions: Sequence[Mention]) -> list[Found]:
    """A warning for special category data and one for criminal offence data the notice says
    it uses when it names no condition for them, at the first words that say so (the others
    listed with it)."""
    kinds = {p.kind for m in mentions for p in m.provisions}
    # a reference's own words (lint keeps them apart from the passages) may name it too
    texts = list({id(p): p.text for p in (*passages, *(p for m in mentions
                                                         for p in m.passages))}.values())
    schedule_1 = "schedule-1-condition" in kinds or any(_SCHEDULE_1.search(t) for t in texts)
    found: list[Found] = []
    if not (schedule_1 or "special-category-condition" in kinds
            or any(_ART9_WORDS.search(t) for t in texts)):
        found += [(_special(passages[i].text[s:e]), (passages[i], s, e))
                  for i, s, e in _said(passages, _SPECIAL_WORDS, _SPECIAL_NAMED, _ITEM_SPECIAL)]
    if not (schedule_1 or "criminal-offence-condition" in kinds
            or any(_ART10_WORDS.search(t) for t in texts)):
        found += [(_criminal(passages[i].text[s:e]), (passages[i], s, e))
                  for i, s, e in _said(passages, _CRIME_WORDS, _CRIME_NAMED, _ITEM_CRIME)]
    return found


def _said(passages: Sequence[Passage], words: re.Pattern[str], named: re.Pattern[str],
          item: re.Pattern[str]) -> list[tuple[int, int, int]]:
    """Where the notice says it uses the data: (passage index, start, end) of the words."""
    out = []
    for index, passage in enumerate(passages):
        text = passage.text
        listed = item.search(text) if len(text) <= _ITEM_CHARS else None
        if listed is not None and _introduced(passages, index):
            said = listed.group().lstrip(_MARKS)
            out.append((index, listed.end() - len(said), listed.end()))
            continue
        for sentence in _SENTENCE.finditer(text):
            said = sentence.group()
            match = words.search(said)
            if match is None:  # the law's name for the data, with a verb saying it is used
                match, uses = named.search(said), _USES.search(said)
                # ... and not denied ('special category data does not include convictions')
                match = match if uses is not None and not _NOT.search(said[:uses.end()]) \
                    else None
            if match is None or _NOT.search(said[:match.end()]) or _IMAGINED.search(said):
                continue
            out.append((index, sentence.start() + match.start(), sentence.start() + match.end()))
    return out


def _introduced(passages: Sequence[Passage], index: int) -> bool:
    """A list item under words that introduce the information held ('The information we
    use', 'Special categories')."""
    return any(_LEAD.search(p.text) for p in passages[max(index - _LOOK_BACK, 0):index])


def _special(words: str) -> Finding:
    return Finding(
        ("special-category-without-condition",), "warning", "special-category-without-condition",
        f"the notice says it uses special category data ('{_quote(words)}') but names no UK "
        "GDPR Art 9(2) condition for it; without one, Art 9(1) forbids the processing",
        "name the Art 9(2) condition the council relies on (for example 'Article 9(2)(g), "
        "substantial public interest' or 'Article 9(2)(h), health or social care') and, for "
        "points (b), (g), (h), (i) and (j), the DPA 2018 Schedule 1 condition with it (for "
        f"example Schedule 1, paragraph 6, statutory and government purposes); {_HEDGE}",
        RULE_9)


def _criminal(words: str) -> Finding:
    return Finding(
        ("criminal-offence-without-condition",), "warning", "criminal-offence-without-condition",
        f"the notice says it uses criminal offence data ('{_quote(words)}') but names no "
        "condition for it: UK GDPR Art 10 allows it only when authorised by law, which for a "
        "council means a condition in DPA 2018 Schedule 1 (s.10(5))",
        "name the Art 10 authority: the DPA 2018 Schedule 1 condition relied on (for example "
        "Schedule 1, paragraph 6, statutory and government purposes, or paragraph 18, "
        "safeguarding of children and of individuals at risk), or Part 3 of the DPA 2018 if "
        f"the processing is for law enforcement; {_HEDGE}", RULE_10)


def _quote(words: str) -> str:
    return " ".join(words.split())
