"""Where in an instrument a provision is — its address, such as section 2(5), Schedule 1
paragraph 18 or Article 6(1)(e) — read from the registry and from the words of a citation.

An address is a tuple of labels and numbers, outermost first: ('s', '2', '5'),
('sch', '1', 'para', '18'), ('art', '6', '1', 'e'), ('part', '5', 'chapter', '1'). The
registry's are read from the legislation.gov.uk path of each provision's url (which names the
section, schedule, paragraph, part or article) and its `point` (the subsection and point the
url stops short of); a text's are parsed from the many ways people write them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from ...source.models.registry import Provision

Address = tuple[str, ...]

# legislation.gov.uk path segments, and the labels an address uses for them.
_URL_LABELS = {"section": "s", "schedule": "sch", "paragraph": "para", "part": "part",
               "chapter": "chapter", "article": "art", "regulation": "reg"}
_URL_PREFIX = re.compile(r"^/(?:cy/)?(?:id/)?[a-z]+/\d{4}/\d+(?P<rest>/.*)?$")
_URL_STOP = {"contents", "enacted", "made", "data.html", "data.xml", "data.akn", "body"}
_ROMAN = {"I": 1, "V": 5, "X": 10}


def _roman(numeral: str) -> str:
    total = 0
    for here, after in zip(numeral, [*numeral[1:], ""], strict=True):
        value = _ROMAN[here]
        total += -value if after and _ROMAN[after] > value else value
    return str(total)


def number(label: str, text: str) -> str:
    """'02' -> '2', '164a' -> '164A', 'E' -> 'e' (a lettered point), 'II' -> '2' (a Part)."""
    if label in ("part", "chapter") and re.fullmatch(r"[IVX]+", text):
        return _roman(text)
    if text[:1].isdigit():
        digits = re.match(r"\d+", text)
        assert digits is not None
        return str(int(digits.group())) + text[digits.end():].upper()
    return text.lower()


def provision_address(provision: Provision) -> Address:
    """The provision's address: from its url's path, then its `point` (or, for an Art 6(1)
    lawful basis, the basis's own point)."""
    match = _URL_PREFIX.match(urlsplit(provision.url).path)
    parts: list[str] = []
    if match and match["rest"]:
        segments = [s for s in match["rest"].split("/") if s]
        label = ""
        for segment in segments:
            if segment in _URL_STOP or re.fullmatch(r"\d{4}-\d{2}-\d{2}", segment):
                break
            if segment in _URL_LABELS:
                label = _URL_LABELS[segment]
                parts.append(label)
            else:
                parts.append(number(label, segment))
    point = provision.point or (("1", provision.basis) if provision.basis else ())
    return (*parts, *(number("", p) for p in point))


def within(inner: Address, outer: Address) -> bool:
    """True when `inner` is `outer` or a part of it (section 2(5) is within section 2)."""
    return inner[:len(outer)] == outer


# --- addresses in text ---------------------------------------------------------------------

# Each with its Welsh word, singular and plural, as it mutates in running text ('o baragraff',
# 'ym mharagraff'; 'erthygl', 'atodlen' and 'adran' start with a vowel and keep their form):
# research/welsh.md section 3 [P] for the words; the mutations of 'paragraff', 'pennod' and
# 'rheoliad' are background knowledge [U]. 'Rhan' (Part) is read unmutated only: its soft
# form 'ran' is the everyday 'o ran' (as regards).
_KEYWORDS = (
    ("s", r"sections?|ss?\.?|adran(?:nau)?"),
    ("sch", r"schedules?|schs?\.?|atodlen(?:ni)?"),
    ("para", r"paragraphs?|paras?\.?|(?:p|b|ph|mh)aragraff(?:au)?"),
    ("part", r"parts?|pts?\.?|rhan(?:nau)?"),
    ("chapter", r"chapters?|chs?\.?|(?:p|b|ph|mh)en(?:n|)od(?:au)?"),
    ("art", r"articles?|arts?\.?|erthygl(?:au)?"),
    ("reg", r"regulations?|regs?\.?|rh?eoliad(?:au)?"),
)
_KEY = "|".join(f"(?P<{label}>{words})" for label, words in _KEYWORDS)
_NUM = r"(?P<num>\d{1,3}[A-Za-z]{0,2}|[IVX]{1,4})(?![\w'’])"
# A keyword and its number: 'section 2', 's.2', 's 10', 'Sch1', 'Art. 6', 'Part II'.
_ITEM = re.compile(rf"(?<![\w'’.-])(?:{_KEY})\s{{0,2}}{_NUM}", re.IGNORECASE)
_PAREN = re.compile(r"\s?\(\s?(\d{1,3}[A-Za-z]?|[a-z]{1,4})\s?\)")
_DOTTED = re.compile(r"\.(\d{1,2})(?![\d])")
# A lettered point after a dotted number ('6.1 e', '9.2.h', '6.1(e)') or straight after a
# bracket ('6(1)e'); 'a' only where nothing like a word follows, since 'a' is also a word.
_LETTER = re.compile(r"(?:\.|\s)?\(?(ea|[a-k])\)?(?=[\s,.;:)\]]|$)(?!\s+[a-z])"
                     r"|(?:\.|\s)?\(?(ea|[b-k])\)?(?![\w'’])")
_ATTACHED = re.compile(r"(ea|[a-k])(?![\w'’])")
# Between two parts of one address: 'Schedule 1, paragraph 18', 'Part 2 of Schedule 1'.
# In Welsh: 'Rhan 2 o Atodlen 1', 'paragraff 6 o'r Atodlen'.
_COMPOSE = re.compile(r"\s*,?\s*(?:(?:of\s+(?:the\s+)?|o\s+|o'r\s+))?(?=[A-Za-z])",
                      re.IGNORECASE)
# Between two addresses of a list: 'Schedules 2 and 3', 'sections 10, 11 or 12', '22A-22D'.
# In Welsh: 'Atodlenni 2 a 3', 'adrannau 10, 11 neu 12', 'Erthyglau 15 i 22'.
_LIST = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+|ac?\s+|neu\s+)?|and\s+|or\s+|ac?\s+|neu\s+"
                   r"|&\s*|to\s+|i\s+|[–—-]\s*)", re.IGNORECASE)
_RANGE = re.compile(r"\s*(?:to|i|[–—-])\s*$", re.IGNORECASE)
_BARE_NUM = re.compile(_NUM)
_COMPOSES = {("sch", "para"), ("para", "sch"), ("sch", "part"), ("part", "sch"),
             ("part", "chapter"), ("chapter", "part"), ("part", "para"), ("para", "part")}
# Labels that belong together in one list: articles are a regulation's, the rest an Act's.
_SYSTEM = {"art": "articles", "reg": "regulations"}


@dataclass(frozen=True)
class Written:
    """Addresses written together ('Schedules 2 and 3', 'section 10(3) and Schedule 1,
    paragraph 18'), with where they are in the text."""

    start: int
    end: int
    addresses: tuple[Address, ...]
    system: str  # 'acts', 'articles' or 'regulations'


@dataclass
class _Item:
    label: str
    start: int
    end: int
    numbers: list[list[str]]  # each: the number and its subdivisions
    ranged: list[bool]


def _label(match: re.Match[str]) -> str:
    return next(label for label, _ in _KEYWORDS if match[label])


def _subdivisions(text: str, pos: int) -> tuple[list[str], int]:
    """The '(1)(e)', '.1 e' or '(5)' after a number, and where they end."""
    subs: list[str] = []
    dotted = False
    while True:
        paren = _PAREN.match(text, pos)
        if paren:
            subs.append(number("", paren[1]))
            pos = paren.end()
            attached = _ATTACHED.match(text, pos)
            if attached and not dotted:
                subs.append(attached[1].lower())
                pos = attached.end()
            continue
        dot = _DOTTED.match(text, pos)
        if dot:
            subs.append(dot[1])
            pos, dotted = dot.end(), True
            continue
        if dotted:
            letter = _LETTER.match(text, pos)
            if letter:
                subs.append((letter[1] or letter[2]).lower())
                pos = letter.end()
        return subs, pos


def _number_at(label: str, text: str, pos: int) -> tuple[list[str], int] | None:
    """A number with its subdivisions at `pos`, or a bare subdivision ('and (h)')."""
    bare = _BARE_NUM.match(text, pos)
    if bare:
        if not bare["num"][0].isdigit() and label not in ("part", "chapter"):
            return None
        subs, end = _subdivisions(text, bare.end())
        return [number(label, bare["num"]), *subs], end
    paren = _PAREN.match(text, pos)
    if paren and paren.start() == pos:
        subs, end = _subdivisions(text, pos)
        return ["", *subs], end  # '' takes the number before it
    return None


def _item(text: str, match: re.Match[str]) -> _Item | None:
    label = _label(match)
    if not match["num"][0].isdigit() and label not in ("part", "chapter"):
        return None
    if match["num"][0].isdigit() is False and not match["num"].isupper():
        return None
    subs, end = _subdivisions(text, match.end())
    item = _Item(label, match.start(), end, [[number(label, match["num"]), *subs]], [False])
    while True:  # 'Schedules 2 and 3', 'Arts 22A to 22D', 'Article 9(2)(g) and (h)'
        joint = _LIST.match(text, item.end)
        if not joint:
            return item
        found = _number_at(label, text, joint.end())
        if found is None:
            return item
        numbers, end = found
        if numbers[0] == "":  # a bare '(h)' replaces the last subdivisions of the one before
            before = item.numbers[-1]
            numbers = before[:len(before) - (len(numbers) - 1)] + numbers[1:]
        item.numbers.append(numbers)
        item.ranged.append(bool(_RANGE.match(joint.group())))
        item.end = end


def _chained(chain: list[_Item]) -> list[Address]:
    """'Schedule 1' + 'Part 2' + 'paragraph 18' (in any order) -> ('sch', '1', 'para', '18'):
    paragraphs are numbered through a whole schedule, so its Part does not change them."""
    by_label = {item.label: item for item in chain}
    if len(chain) == 1:
        item = chain[0]
        # A range ('Articles 15 to 22') cites where it starts, not every article in it.
        return [(item.label, *n) for n, ranged in zip(item.numbers, item.ranged, strict=True)
                if not ranged]
    outer = by_label.get("sch") or by_label["part"]
    inner = by_label.get("para") or by_label.get("chapter") or by_label.get("part")
    if inner is None or inner is outer:
        return [(outer.label, *n) for n in outer.numbers]
    if outer.label == "part" and inner.label == "para":
        return [("para", *n) for n in inner.numbers]
    return [(outer.label, outer.numbers[0][0], inner.label, *n) for n in inner.numbers]


def _next_item(text: str, joint: re.Pattern[str], pos: int) -> _Item | None:
    between = joint.match(text, pos)
    found = _ITEM.match(text, between.end()) if between else None
    return _item(text, found) if found else None


def find_addresses(text: str) -> Iterator[Written]:
    """Every group of addresses written in `text`, in order."""
    pos = 0
    while (match := _ITEM.search(text, pos)) is not None:
        first = _item(text, match)
        if first is None:
            pos = match.end()
            continue
        system = _SYSTEM.get(first.label, "acts")
        addresses: list[Address] = []
        current: _Item | None = first
        end = first.end
        while current is not None:
            chain = [current]
            while (following := _next_item(text, _COMPOSE, chain[-1].end)) is not None and \
                    following.label not in {i.label for i in chain} and \
                    (chain[-1].label, following.label) in _COMPOSES:
                chain.append(following)
            addresses += _chained(chain)
            end = chain[-1].end
            # 'section 10(3) and Schedule 1': another address of the same kind of law
            current = _next_item(text, _LIST, end)
            if current is not None and _SYSTEM.get(current.label, "acts") != system:
                current = None
        yield Written(first.start, end, tuple(dict.fromkeys(addresses)), system)
        pos = end
