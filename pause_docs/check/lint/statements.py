"""What a notice says in prose about the items UK GDPR Arts 13 and 14 ask for — the DPO's
contact details, retention, rights, complaints — found by a heading or a phrase.

Prose can show that something is said, never that it is not: an item whose words are not
found is "not found", which is for a person to check, not proof that it is missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_I = re.IGNORECASE
CONTACT = r"(?:@|\b0\d{2,4}[ \d]{6,9}\d\b|\b[A-Z]{1,2}\d{1,2}[A-Z]?\s?\d[A-Z]{2}\b)"
_REGULATOR = (r"(?:Information\s+Commission(?:er)?(?:'s\s+Office)?|\bICO\b|ico\.org\.uk|"
              r"supervisory\s+authority)")


@dataclass(frozen=True)
class Item:
    """An item of the ICO right-to-be-informed checklist, and how prose says it."""

    id: str
    title: str
    source: str
    heading: re.Pattern[str] | None
    phrase: re.Pattern[str]
    when: str = ""  # who needs it: '' every notice, or the condition in words


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _I | re.DOTALL)


ICO = "ICO right-to-be-informed checklist item"
ITEMS = (
    Item("controller", "the council's name and contact details",
         f"UK GDPR Art 13(1)(a) / 14(1)(a); {ICO} 1",
         _rx(r"contact\s+(?:us|details)|who\s+we\s+are"),
         _rx(rf"(?:contact|write\s+to|email|e-mail|telephone|call)\s+(?:us|the\s+council)|"
             rf"{CONTACT}")),
    Item("dpo", "the Data Protection Officer's contact details",
         f"UK GDPR Art 13(1)(b) / 14(1)(b); {ICO} 3", None,
         _rx(rf"data\s+protection\s+officer.{{0,250}}?{CONTACT}")),
    Item("purposes", "what the information is used for",
         f"UK GDPR Art 13(1)(c) / 14(1)(c); {ICO} 4",
         _rx(r"purpose|how\s+(?:we|will\s+we|do\s+we)\s+use|why\s+(?:we|do\s+we)"),
         _rx(r"\bpurposes?\b|\b(?:used|use\s+(?:it|your\s+information|this\s+information))\s+"
             r"(?:for|to)\b")),
    Item("lawful-basis", "the lawful basis",
         f"UK GDPR Art 13(1)(c) / 14(1)(c); {ICO} 5", _rx(r"lawful\s+bas|legal\s+bas"),
         _rx(r"lawful\s+bas[ie]s|legal\s+bas[ie]s|\bart(?:icle|\.)?\s*6\b|public\s+task")),
    Item("categories", "the kinds of information held",
         f"UK GDPR Art 14(1)(d); {ICO} 7",
         _rx(r"what\s+(?:personal\s+)?information|types\s+of|categor"),
         _rx(r"categor(?:y|ies)\s+of|(?:information|data)\s+(?:such\s+as|including)|"
             r"(?:information|data|details)\s+(?:about|of)\s+(?:you\b|(?:your|their)\s+"
             r"(?:famil|child|circumstances|health|background|situation))|"
             r"\b(?:your|their)\s+(?:full\s+)?names?\b(?:,|\s+and)\s+(?:\w+\s+){0,3}"
             r"(?:address|date\s+of\s+birth)"),
         "when information comes from others (Art 14)"),
    Item("recipients", "who the information is shared with",
         f"UK GDPR Art 13(1)(e) / 14(1)(e); {ICO} 8",
         _rx(r"shar(?:e|ing)|recipients|who\s+(?:we|do\s+we)\s+(?:give|pass)"),
         _rx(r"\bshared?\b.{0,100}?\bwith\b|\brecipients?\b|\bdisclose")),
    Item("transfers", "transfers outside the UK",
         f"UK GDPR Art 13(1)(f) / 14(1)(f); {ICO} 9", _rx(r"outside\s+the|overseas|transfer"),
         _rx(r"outside\s+(?:of\s+)?(?:the\s+)?(?:UK|United\s+Kingdom|EEA|European)|overseas|"
             r"third\s+countr|within\s+the\s+(?:UK|United\s+Kingdom)")),
    Item("retention", "how long information is kept",
         f"UK GDPR Art 13(2)(a) / 14(2)(a); {ICO} 10",
         _rx(r"how\s+long|retention|keep(?:s|ing)?\s+(?:your\s+)?(?:information|data|records)"),
         _rx(r"\b(?:keep|kept|retain(?:ed)?|stored|destroyed|deleted)\b.{0,80}?\b(?:years?|"
             r"months?|until|as\s+long\s+as|retention|completed)\b")),
    Item("rights", "people's rights",
         f"UK GDPR Art 13(2)(b) / 14(2)(c); {ICO} 11", _rx(r"\brights\b"),
         _rx(r"right\s+(?:of|to)\s+(?:access|rectif|erasure|object|restrict|be\s+informed|"
             r"data\s+portability)|subject\s+access")),
    Item("withdraw-consent", "the right to withdraw consent",
         f"UK GDPR Art 13(2)(c) / 14(2)(d); {ICO} 12", None,
         _rx(r"withdraw\w*\s+(?:your\s+|their\s+)?consent"), "when consent is a basis"),
    Item("complain-to-regulator", "the right to complain to the regulator",
         f"UK GDPR Art 13(2)(d) / 14(2)(e); {ICO} 13", None,
         _rx(rf"(?:complain|concern|unhappy|dissatisfied|appeal).{{0,250}}?{_REGULATOR}|"
             rf"{_REGULATOR}.{{0,120}}?complain")),
    Item("complain-to-controller", "the right to complain to the council itself",
         "DPA 2018 s.164A; UK GDPR Art 13(2)(ca) / 14(2)(da)", None,
         _rx(r"complain\w*\s+(?:to|with)\s+(?:us|the\s+council|our)\b|complaint\s+to\s+the\s+"
             r"(?:council|data\s+protection\s+officer)|complaints?\s+(?:form|procedure|policy)"),
         "from 19 June 2026"),
    Item("sources", "where the information comes from",
         f"UK GDPR Art 14(2)(f); {ICO} 14",
         _rx(r"where\s+(?:we\s+get|does|do\s+we\s+get|the\s+information\s+comes)|sources?"),
         _rx(r"\b(?:comes?|obtained|gathered|collected|received|get\s+(?:it|this|"
             r"information))\s+from\b|\bsources?\b"),
         "when information comes from others (Art 14)"),
    Item("obligation", "whether people must give the information, and what happens if not",
         f"UK GDPR Art 13(2)(e); {ICO} 15", None,
         _rx(r"(?:required|obliged|obligation)\s+(?:by\s+law\s+)?to\s+(?:give|provide)|"
             r"statutory\s+(?:requirement|obligation)|contractual\s+(?:requirement|obligation)|"
             r"(?:do\s+not|don't)\s+have\s+to\s+(?:give|provide)|if\s+you\s+(?:do\s+not|don't|"
             r"choose\s+not\s+to)\s+(?:give|provide)"),
         "when information is collected from the person (Art 13)"),
    Item("automated-decisions", "automated decision-making, including profiling",
         f"UK GDPR Art 13(2)(f) / 14(2)(g); {ICO} 16", None,
         _rx(r"automated\s+decision|profiling"), "if there is any"),
)
ITEMS_BY_ID = {item.id: item for item in ITEMS}


def says(item_id: str, texts: Iterable[str]) -> bool:
    """Whether any of `texts` says the item in words."""
    phrase = ITEMS_BY_ID[item_id].phrase
    return any(phrase.search(text) for text in texts)
