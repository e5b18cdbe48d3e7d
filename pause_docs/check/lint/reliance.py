"""Whether the words around a citation say it is not, or no longer, relied on, in English or
in Welsh: "we do not rely on legitimate interests", "which replaced the Data Protection Act
1998", "nid ydym yn dibynnu ar Erthygl 6(1)(f)", "a ddisodlodd Ddeddf Diogelu Data 1998".

The Welsh words are background knowledge, not from `research/welsh.md`, and no Welsh speaker
has reviewed them [U]. They only ever quieten a finding, so a word missing here costs a false
alarm, never a missed mistake; the verbs are listed with the mutations they take after a
negative ('ni fyddwn', 'ni allwn ddibynnu'), since a bare 'ni' is also the pronoun 'we'.
"""

from __future__ import annotations

import re

# Words before a citation, in its sentence, that say it is not (or no longer) relied on:
# "we do not rely on legitimate interests", "which replaced the Data Protection Act 1998",
# "the Information Commission (formerly the ICO)", "we don’t rely on consent" (either
# apostrophe, any verb: don't, won't, can't); and after it: "legitimate interests cannot
# be used by a council". A 'not' elsewhere in the sentence ("we need not tell you (Art
# 14(5)(b))") is about something else.
_NOT_RELIED_ON = re.compile(
    r"\b(?:(?:not|never|cannot|\w+n['’]t)\s+(?:\w+\s+){0,2}?(?:rely|relies|relying|use|using|used"
    r"|apply|applies|based|cite|citing|under)\b|no\s+longer|instead\s+of|rather\s+than"
    r"|other\s+than|replac\w*|repeal\w*|supersed\w*|formerly|previously|predecessor"
    r"|was\s+called|renamed|used\s+to\b)", re.IGNORECASE)
# Welsh: 'nid ydym yn dibynnu ar', 'ni fyddwn yn defnyddio', 'yn lle', 'yn hytrach na',
# 'heblaw', 'a ddisodlodd' (replaced), 'a ddiddymwyd' (was repealed), 'gynt' (formerly),
# 'yn flaenorol' (previously), 'rhagflaenydd' (predecessor), 'ailenwyd' (renamed).
_NOT_RELIED_ON_WELSH = re.compile(
    r"\b(?:(?:nid|nad|ni\s+(?:fyddwn|allwn|wnawn|ddylem|chaiff|ellir))\s+(?:[\w']+\s+){0,3}?"
    r"(?:d?dibynn\w*|dd?efnyddi\w*|yn\s+berthnasol)|yn\s+lle|yn\s+hytrach\s+na|heblaw"
    r"|d?disodl\w*|d?diddym\w*|gynt|yn\s+flaenorol|rhagflaen\w*|ail-?enw\w*)\b",
    re.IGNORECASE)
_NOT_RELIED_ON_AFTER = re.compile(
    r"[^.;!?\n]{0,40}?\b(?:(?:does|do|did|can|could|may|will|shall|is|are|wo)\s*(?:not|n['’]t)\s+"
    r"(?:be\s+)?(?:apply|used|available|relied)|cannot\s+be\s+(?:used|relied)|no\s+longer\s+"
    r"(?:applies|apply|exists?|in\s+force)"
    # Welsh: 'nid yw'n berthnasol', 'ni ellir ei ddefnyddio', 'nad yw bellach mewn grym'
    r"|(?:nid|nad)\s+yw(?:'n|\s+yn)?\s+(?:berthnasol|bellach)|ni\s+ellir\s+(?:ei\s+|eu\s+)?"
    r"(?:ddefnyddio|ddibynnu))", re.IGNORECASE)
_NOT_JUST_BEFORE = re.compile(r"\b(?:not|nor|never|nid|nac)\s+(?:on\s+|the\s+|our\s+|your\s+"
                              r"|ar\s+|y\s+|yr\s+|ein\s+)?$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?;](?=\s)|\n")


def sentence_before(text: str, start: int, reach: int = 80) -> str:
    """The words before `start` in its sentence, at most `reach` characters of them."""
    before = text[max(0, start - reach):start]
    ends = list(_SENTENCE_END.finditer(before))
    return before[ends[-1].end():] if ends else before


def historical(text: str, start: int, end: int | None = None) -> bool:
    """Whether the sentence says the citation from `start` to `end` is not relied on."""
    before = sentence_before(text, start, 60)
    if _NOT_RELIED_ON.search(before) or _NOT_RELIED_ON_WELSH.search(before) or \
            _NOT_JUST_BEFORE.search(before):
        return True
    return end is not None and _NOT_RELIED_ON_AFTER.match(text, end) is not None
