"""Welsh notices as audit reads them: the items UK GDPR Arts 13 and 14 ask for, as Welsh
notices head and say them, and the Welsh months of a notice's date.

The words are those `research/welsh.md` records from councils' and the ICO's Welsh pages
(each graded there), with the mutations they take in running text ('cwyno', 'gwyno',
'chwyno'). They were gathered for pause-docs and no Welsh speaker has reviewed them, so for a
Welsh notice, as for an English one, "not found" is for a person to check.  A file in both
languages is read in both: each item is found by its English or its Welsh words.
"""

from __future__ import annotations

import re

from babel.dates import get_month_names

from ..lint.statements import CONTACT, Item

_FLAGS = re.IGNORECASE | re.DOTALL
_REGULATOR = (r"(?:Comisiynydd\s+Gwybodaeth|Comisiwn\s+Gwybodaeth|\bICO\b|ico\.org\.uk|"
              r"awdurdod\s+goruchwylio)")
_COMPLAIN = r"\b(?:cwyn|cwyno|cwynion|gwyno|chwyno|nghwyn\w*|gŵyn|pryder\w*)\b"
"""Complain, complaint, concern, as mutated in running text (never 'Gwynedd' or 'gwyn')."""
_WHOSE = r"(?:teulu|plant|plentyn|amgylchiadau|iechyd|cefndir)"
_HEADINGS_AND_PHRASES: dict[str, tuple[str | None, str]] = {
    "controller": (r"cysyllt(?:u|wch)\s+â\s+ni|pwy\s+ydym",
                   rf"cysyllt\w*\s+â\s+(?:ni|'r\s+cyngor|’r\s+cyngor)|{CONTACT}"),
    "dpo": (None, rf"swyddog\s+diogelu\s+data.{{0,250}}?{CONTACT}"),
    "purposes": (r"\bpam\s+rydym|\bpwrpas|\bd?diben|sut\s+rydym\s+yn\s+defnyddio",
                 r"\bd?diben(?:ion)?\b|\bpwrpas\w*|\bdefnyddi\w*\b.{0,80}?\ber\s+mwyn\b"),
    "lawful-basis": (r"sail\s+gyfreith(?:lon|iol)|seiliau\s+cyfreith",
                     r"sail\s+gyfreith(?:lon|iol)|seiliau\s+cyfreith|\berthygl\s*6\b|"
                     r"tasg\s+gyhoeddus|tasg\s+er\s+budd\s+y\s+cyhoedd"),
    "categories": (r"pa\s+wybodaeth|mathau\s+o\s+wybodaeth|categor[iï]",
                   r"categor[iï]\w*\s+o\b|\bgwybodaeth\s+(?:fel|gan\s+gynnwys)\b|"
                   rf"\b(?:gwybodaeth|data|manylion)\s+(?:am\s+)?(?:eich|eu)\s+{_WHOSE}|"
                   r"\bgwybodaeth\s+amdanoch|\beich\s+enw\b(?:,|\s+a['’]ch)\s+(?:\w+\s+){0,3}"
                   r"(?:cyfeiriad|dyddiad\s+geni)"),
    "recipients": (r"\brhannu|gyda\s+phwy|pwy\s+sy['’]n\s+cael|derbynwyr",
                   r"\brhann\w*\b.{0,100}?\b(?:gydag?|â|ag)(?=\W)|\bderbynwyr\b|\bdatgel\w*"),
    "transfers": (r"\btu\s+allan\s+i['’]r",
                  r"\btu\s+allan\s+i['’]r\s+(?:DU|Deyrnas\s+Unedig|AEE)|\btramor|"
                  r"gwledydd\s+(?:eraill|trydydd)|o\s+fewn\s+y\s+(?:DU|Deyrnas\s+Unedig)"),
    "retention": (r"am\s+ba\s+hyd|pa\s+mor\s+hir|cyfnod\s+cadw|\bcadw\s+(?:eich\s+)?"
                  r"(?:gwybodaeth|data|cofnodion)",
                  r"\b(?:cadw|cedwir|storio|dinistrio|dileu)\b.{0,80}?\b(?:[bmf]lynedd|"
                  r"[bf]lwyddyn|blwydd|mis|misoedd|nes|cyhyd|h?amserlen\s+[gc]adw|oed)\b"),
    "rights": (r"\bhawliau\b",
               r"\bhawl(?:iau)?\s+i\s+(?:weld|gael\s+mynediad|fynediad|gywiro|gael\s+cywiriad|"
               r"ddileu|gael\s+dileu|gyfyngu|wrthwynebu|gludadwyedd|gludo|gael\s+trosglwyddo|"
               r"gael\s+eich\s+hysbysu|gael\s+gwybod)|cais\s+(?:am\s+)?wrthrych"),
    "withdraw-consent": (None, r"\b[td]ynnu\s+(?:eich\s+)?(?:cydsyniad|caniatâd)"),
    "complain-to-regulator": (None, rf"{_COMPLAIN}.{{0,250}}?{_REGULATOR}|"
                                    rf"{_REGULATOR}.{{0,120}}?{_COMPLAIN}"),
    "complain-to-controller": (None, rf"{_COMPLAIN}\s+(?:i|wrth)\s*(?:ni\b|['’]r\s+[Cc]yngor|"
                                     r"y\s+[Cc]yngor|ein\b)|(?:gweithdrefn|polisi|ffurflen)"
                                     r"\s+gwyno"),
    "sources": (r"o\s+ble|ffynonell",
                r"\bffynonell\w*|\b(?:cael|derbyn|casglu)\s+(?:\w+\s+){0,3}?(?:gwybodaeth|"
                r"data|manylion)\b.{0,40}?\b(?:gan|oddi\s+wrth)\b|"
                r"\bdaw(?:['’]r|\s+y|\s+yr)\s+(?:wybodaeth|data)\s+o\b"),
    "obligation": (None, r"(?:rhaid|gorfod)\s+i\s+chi\s+(?:roi|ddarparu)|nid\s+oes\s+rhaid\s+"
                         r"i\s+chi|gofyniad\s+(?:statudol|cytundebol)|rhwymedigaeth\s+"
                         r"(?:statudol|gytundebol)"),  # not 'gyfreithiol': that is a basis
    "automated-decisions": (None, r"penderfyniadau?\s+awtomataidd|\bp?h?roffilio\b|"
                                  r"penderfynu\b.{0,40}?\bawtomataidd"),
}


def in_both_languages(item: Item) -> Item:
    """The item found by its English or its Welsh heading and phrase."""
    heading, phrase = _HEADINGS_AND_PHRASES[item.id]
    return Item(item.id, item.title, item.source, _either(item.heading, heading),
                _either(item.phrase, phrase) or item.phrase, item.when)


def _either(english: re.Pattern[str] | None, welsh: str | None) -> re.Pattern[str] | None:
    if english is None or welsh is None:
        return english if welsh is None else re.compile(welsh, _FLAGS)
    return re.compile(f"(?:{english.pattern})|(?:{welsh})", _FLAGS)


MONTHS = ["ionawr", "chwefror", "mawrth", "ebrill", "mai", "mehefin", "gorffennaf", "awst",
          "medi", "hydref", "tachwedd", "rhagfyr"]
"""The months as Welsh dates write them ('3 Mawrth 2025', 'mis Medi 2024')."""
SHORT_MONTHS = {str(name).lower(): month for context in ("format", "stand-alone")
                for month, name in get_month_names("abbreviated", context, "cy").items()}
"""CLDR's abbreviated Welsh months, as the medium date '3 Maw 2025' writes them (Babel's
data, research/welsh.md section 4 [R]): 'ion', 'chwef' (or 'chw'), 'maw' ... 'rhag'."""
PUBLISHED_WELSH = r"cyhoeddwyd|diweddarwyd|adolygwyd"
"""'Published', 'updated', 'reviewed': the words that date a notice itself."""
BESIDE_A_DATE = r"dyddiad|fersiwn|adolygiad"
"""'Date', 'version', 'review': a date beside them may be the notice's."""

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_WELSH_WORDS = frozenset({
    "yr", "y", "ac", "mae", "yn", "eich", "ein", "ni", "chi", "rydym", "gyda", "am", "gan",
    "ar", "wedi", "hyn", "sut", "pam", "pa", "gael", "ei", "eu", "bod", "neu", "hefyd",
    "ydym", "fydd", "byddwn", "gallwch", "efallai", "drwy", "rhaid"})
_ENGLISH_WORDS = frozenset({
    "the", "and", "of", "to", "we", "you", "your", "is", "in", "for", "with", "our", "are",
    "be", "this", "that", "will", "by", "it", "can", "or"})


def mostly_welsh(text: str) -> bool:
    """Whether more of the text's common words are Welsh than English."""
    words = [w.lower() for w in _WORD.findall(text)]
    return sum(w in _WELSH_WORDS for w in words) > sum(w in _ENGLISH_WORDS for w in words)
