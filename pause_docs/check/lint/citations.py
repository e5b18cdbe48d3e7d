"""Citations of law in free text, recognised from the legal registry: Acts by their titles,
aliases, known misnomers and former titles; titles that name no Act; sections, schedules,
paragraphs, parts and articles in the many ways people write them, resolved to the
registry's provisions; lawful bases named in words ('public task'); and bodies and
programmes by name.

`recognise(text, registry)` is a pure function from a piece of text to what it cites, each
with its span in the text. Nothing here is a list of laws: every name and number comes from
the registry, so a council that adds an Act to its own registry has it recognised.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from ...source.registry import Registry
from .addresses import Address, Written, find_addresses, provision_address
from .reliance import historical, sentence_before
from .titles import Titles

NameKind = Literal["nonexistent", "misnomer", "former", "title", "body", "named",
                   "named-as-basis"]
# When the same words are two kinds of name, the first kind wins: a title that names no Act
# says more than the same words listed as a misnomer of a real one.
_PRIORITY: dict[str, int] = {"nonexistent": 0, "misnomer": 1, "former": 2, "title": 3,
                             "body": 4, "named": 5, "named-as-basis": 6}
_INSTRUMENT_NAMES = ("nonexistent", "misnomer", "former", "title")

# Words that make 'consent', 'contract' ... a lawful basis rather than an ordinary word.
_BASIS_CONTEXT = re.compile(
    r"lawful(?:ness)?\s+(?:basis|bases|ground|condition)|legal\s+bas[ie]s|basis\s+(?:for|of)"
    r"|rel(?:y|ies|ying)\s+(?:up)?on|condition\s+for\s+processing|article\s*6|art\.?\s*6",
    re.IGNORECASE)
_LETTER_MARK = re.compile(r"(?:\(\s?[a-k]{1,2}\s?\)|\b[a-k]{1,2}\))\s*:?\s*$", re.IGNORECASE)
# Between an address and the Act it is in: 'section 2 of the', 'Sch 1 to the', 'Art 6 UK'.
# In Welsh: 'adran 10 o Ddeddf ...', 'Atodlen 1 i'r Ddeddf', 'yn Neddf', '(o) dan', 'Erthygl
# 6 GDPR y DU'.
_AFTER = re.compile(r"\s*,?\s*(?:(?:of|to|in|under|from|o|i|yn|o\s+dan|dan)\s+|i'r\s+|o'r\s+)?"
                    r"(?:(?:the|y|yr)\s+)?", re.IGNORECASE)
_BEFORE = re.compile(r"[\s,(]*")
_CONVENTION = re.compile(r"\s*,?\s*(?:of\s+|o\s+|o'r\s+|y\s+)?(?:the\s+)?(?:ECHR|European\s+"
                         r"Convention|Convention\b|Human\s+Rights\b|[CG]onfensiwn\b|"
                         r"Nghonfensiwn\b|Hawliau\s+Dynol\b)", re.IGNORECASE)
# Apostrophes, spaces and dashes as people type them (curly, modifier letter, prime, grave;
# no-break and thin spaces; hyphen, non-breaking hyphen, figure, en and minus dashes).
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'",
                         "`": "'", "\u00b4": "'", "\u00a0": " ", "\u2009": " ",
                         "\u202f": " ", "\u2010": "-", "\u2011": "-", "\u2012": "-",
                         "\u2013": "-", "\u2212": "-"})


@dataclass(frozen=True)
class Name:
    """A name the registry knows: an instrument's title, a body's name, a basis in words."""

    words: str
    kind: NameKind
    key: str  # instrument id, nonexistent title, body id or provision id
    exact: bool  # matched with its case: proper names of bodies, short capitals


@dataclass(frozen=True)
class Citation:
    """One thing a text cites, where, and what in the registry it is."""

    start: int
    end: int
    words: str
    instrument: str | None = None
    provisions: tuple[str, ...] = ()
    addresses: tuple[Address, ...] = ()
    name: Name | None = None  # how the Act, body or basis was named, when it was
    name_span: tuple[int, int] = (0, 0)
    historical: bool = False  # the sentence says it is not, or no longer, relied on

    @property
    def said(self) -> str:
        """The words on one line, as a message quotes them."""
        return " ".join(self.words.split())

    @property
    def kind(self) -> str:
        """law, nonexistent, body or named (a basis in words)."""
        if self.name is not None and self.name.kind in ("nonexistent", "body"):
            return self.name.kind
        if self.name is not None and self.name.kind.startswith("named"):
            return "named"
        return "law"


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    name: Name


def plain(text: str) -> str:
    """Curly quotes, no-break spaces and en dashes as plain ones (same length, so positions
    still hold)."""
    return text.translate(_QUOTES)


def _key(words: str) -> str:
    return " ".join(plain(words).lower().split())


def _pattern(name: Name) -> str:
    body = r"\s+".join(re.escape(part) for part in plain(name.words).split())
    return body if name.exact else f"(?i:{body})"


class Recogniser:
    """Everything the registry can name, compiled once; call it with a text."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        names = list(_names(registry))
        self._names: dict[str, list[Name]] = {}
        for name in sorted(names, key=lambda n: _PRIORITY[n.kind]):
            self._names.setdefault(_key(name.words), []).append(name)
        self._regex = _alternation(names)
        self._index: dict[tuple[str, Address], str] = {}
        self._read: dict[str, tuple[Citation, ...]] = {}  # oldest first
        self._whole: dict[str, str] = {}
        systems: dict[str, set[str]] = {}
        for provision in registry.provisions.values():
            address = provision_address(provision)
            self._index.setdefault((provision.instrument, address), provision.id)
            if not address:
                self._whole.setdefault(provision.instrument, provision.id)
            elif address[0] == "art":
                systems.setdefault("articles", set()).add(provision.instrument)
        articles = systems.get("articles", set())
        # An article with no Act named is the UK GDPR's when only one instrument has them.
        self._articles = next(iter(articles)) if len(articles) == 1 else None

    def __call__(self, text: str) -> list[Citation]:
        """The citations in `text`; a programme's text, read in every council's documents,
        is read once (the citations are frozen: each caller gets its own list of them)."""
        known = self._read.get(text)
        if known is None:
            known = self._read[text] = tuple(self._citations(text))
            if len(self._read) > READ_TEXTS:
                del self._read[next(iter(self._read))]
        return list(known)

    def _citations(self, text: str) -> list[Citation]:
        plain_text = plain(text)
        if not plain_text.strip():
            return []
        found = list(self._found(plain_text))
        titles = Titles([f for f in found if f.name.kind in _INSTRUMENT_NAMES])
        citations: list[Citation] = []
        used: set[int] = set()
        for written in find_addresses(plain_text):
            if titles.overlapping(written.start, written.end):
                continue  # 'Regulations 2018' inside a title is not an address
            citation = self._addresses(plain_text, written, titles, used)
            if citation is not None:
                citations.append(citation)
        for item in found:
            if id(item) in used:
                continue
            citations.append(self._named(plain_text, item))
        # The words as written, curly quotes and all.
        return sorted((replace(c, words=text[c.start:c.end]) for c in citations),
                      key=lambda c: (c.start, c.end))

    def _found(self, text: str) -> Iterator[_Found]:
        for match in self._regex.finditer(text):
            words = match.group()
            candidates = self._names.get(_key(words), [])
            fits = [n for n in candidates if not n.exact or " ".join(words.split()) == n.words]
            if not fits:
                continue
            name = fits[0]
            if name.kind == "named-as-basis" and not _as_basis(text, match.start()):
                continue
            yield _Found(match.start(), match.end(), name)

    def _addresses(self, text: str, written: Written, titles: Titles[_Found], used: set[int]
                   ) -> Citation | None:
        title = self._bind(text, written, titles)
        if title is None:
            if written.system != "articles" or self._articles is None or \
                    _CONVENTION.match(text, written.end):
                return None
            instrument = self._articles
            start, end = written.start, written.end
        else:
            used.add(id(title))
            start, end = min(written.start, title.start), max(written.end, title.end)
            if title.name.kind == "nonexistent":
                return Citation(start, end, text[start:end], name=title.name,
                                name_span=(title.start, title.end),
                                historical=historical(text, start, end))
            instrument = title.name.key
        provisions = tuple(dict.fromkeys(
            p for p in (self.resolve(instrument, a) for a in written.addresses) if p))
        specific = tuple(p for p in provisions if p != self._whole.get(instrument))
        return Citation(start, end, text[start:end], instrument, specific or provisions,
                        written.addresses, title.name if title else None,
                        (title.start, title.end) if title else (0, 0),
                        historical(text, start, end))

    def _bind(self, text: str, written: Written, titles: Titles[_Found]) -> _Found | None:
        """The Act an address is in: named just after it ('section 2 of the LGA 2000') or,
        failing that, just before it ('Children Act 2004, s.10')."""
        gap = _AFTER.match(text, written.end)
        after = gap.end() if gap else written.end
        title = titles.starting_at(after)
        if title is not None:
            return title
        title = titles.last_ending_by(written.start)
        if title is not None:
            between = _BEFORE.match(text, title.end)
            if between is not None and between.end() >= written.start:
                return title
        return None

    def _named(self, text: str, item: _Found) -> Citation:
        name = item.name
        words = text[item.start:item.end]
        past = historical(text, item.start, item.end)
        if name.kind in _INSTRUMENT_NAMES and name.kind != "nonexistent":
            whole = self._whole.get(name.key)
            return Citation(item.start, item.end, words, name.key, (whole,) if whole else (),
                            (), name, (item.start, item.end), past)
        if name.kind.startswith("named"):
            provision = self.registry.provisions[name.key]
            return Citation(item.start, item.end, words, provision.instrument, (name.key,),
                            (provision_address(provision),), name, (item.start, item.end),
                            past)
        return Citation(item.start, item.end, words, name=name, name_span=(item.start, item.end),
                        historical=past)

    def exact(self, instrument: str, address: Address) -> str | None:
        """The provision at exactly this address, if the registry has one."""
        return self._index.get((instrument, address))

    def resolve(self, instrument: str, address: Address) -> str | None:
        """The most specific provision of `instrument` that `address` is in: section 2(5)
        of the LGA 2000 is lga2000-s2; an address the registry has nothing for is the Act."""
        for length in range(len(address), 0, -1):
            found = self._index.get((instrument, address[:length]))
            if found is not None:
                return found
        return self._whole.get(instrument)


def _alternation(names: list[Name]) -> re.Pattern[str]:
    """One regular expression for every name, longest first at each place; grouped by first
    letter, so that most places in a text are rejected after one test."""
    by_letter: dict[str, set[str]] = {}
    for name in names:
        by_letter.setdefault(plain(name.words)[0].lower(), set()).add(_pattern(name))
    groups = []
    for letter, patterns in sorted(by_letter.items()):
        ordered = sorted(patterns, key=lambda p: (-len(p), p))
        first = re.escape(letter) + (re.escape(letter.upper()) if letter.isalpha() else "")
        groups.append(f"(?=[{first}])(?:{'|'.join(ordered)})")
    return re.compile(rf"(?<![\w'])(?:{'|'.join(groups)})(?![\w])")


def _names(registry: Registry) -> Iterator[Name]:
    for title in registry.nonexistent.values():
        for words in title.spellings:
            yield Name(words, "nonexistent", title.title, _exact(words))
    for instrument in registry.instruments.values():
        for words in (instrument.title, *instrument.aliases):
            yield Name(words, "title", instrument.id, _exact(words))
        for words in instrument.misnomers:
            yield Name(words, "misnomer", instrument.id, _exact(words))
        for former in instrument.former_titles:
            for words in former.titles:
                yield Name(words, "former", instrument.id, _exact(words))
    for provision in registry.provisions.values():
        for words in provision.misnomers:
            yield Name(words, "misnomer", provision.instrument, _exact(words))
        for words in provision.named:
            yield Name(words, "named", provision.id, False)
        for words in provision.named_as_basis:
            yield Name(words, "named-as-basis", provision.id, False)
    for body in registry.bodies.values():
        for words in dict.fromkeys(s for name in body.names for s in name.spellings):
            # Names of bodies are proper nouns ('supporting families' is an activity,
            # 'Supporting Families' a programme): they match with their case.
            yield Name(words, "body", body.id, True)


def _exact(words: str) -> bool:
    """Short capitals ('GDPR', 'TF') are abbreviations, matched with their case; titles of
    Acts match whatever their case."""
    return words.isupper() and len(words) <= 6


def _as_basis(text: str, start: int) -> bool:
    """'consent' as a lawful basis: after a lettered point ('(a) consent') or where the
    sentence says it is the basis ('our lawful basis is your consent')."""
    before = sentence_before(text, start, 120)
    return bool(_LETTER_MARK.search(before) or _BASIS_CONTEXT.search(before))


_LETTERED = re.compile(r"\s*(\(?)(ea|[a-k])\)\s", re.IGNORECASE)
_LOOK_BACK = 3  # passages
_LIST_SIZE = 3  # different lawful bases


def read_in_order(texts: Sequence[str], registry: Registry) -> list[list[Citation]]:
    """Each text's citations, read in order as a person reads them: a lettered point that
    opens a text ('(g) processing is necessary ...') is that point of the article cited just
    before it ('... under Article 9(2) GDPR:'); and lawful bases named three or more together
    are a list of the bases there are, not the ones relied on."""
    recognise = recogniser(registry)
    out = [recognise(text) for text in texts]
    last: tuple[int, str, Address] | None = None
    for index, text in enumerate(texts):
        point = _LETTERED.match(plain(text))
        if point and last is not None and index - last[0] <= _LOOK_BACK:
            citation = _point(text, point, last[1], last[2], recognise)
            if citation is not None:
                out[index].insert(0, citation)
        for citation in out[index]:
            articles = [a for a in citation.addresses if a[:1] == ("art",)]
            if articles and citation.instrument and citation.kind == "law":
                last = (index, citation.instrument, articles[-1])
    return _lists_of_bases(texts, out, registry)


def _point(text: str, point: re.Match[str], instrument: str, article: Address,
           recognise: Recogniser) -> Citation | None:
    letter = point[2].lower()
    for address in ((*article, letter), (*article, "1", letter)):
        found = recognise.exact(instrument, address)
        if found is not None:
            start = point.start(2) - len(point[1])
            return Citation(start, point.end(2) + 1, text[start:point.end(2) + 1], instrument,
                            (found,), (address,), historical=historical(text, start))
    return None


def _lists_of_bases(texts: Sequence[str], out: list[list[Citation]], registry: Registry
                    ) -> list[list[Citation]]:
    """Bases in one text three or more together, or in a run of lettered points ('(a)
    Consent', '(b) Contract', ...): a list of the bases there are."""
    def bases(citations: list[Citation]) -> set[str]:
        return {b for c in citations for p in c.provisions
                if (b := registry.provisions[p].basis) is not None}

    listed: set[int] = {i for i, citations in enumerate(out) if len(bases(citations)) >= _LIST_SIZE}
    run: list[int] = []
    for index, text in enumerate([*texts, ""]):
        if _LETTERED.match(plain(text)) and bases(out[index]):
            run.append(index)
            continue
        if len(bases([c for i in run for c in out[i]])) >= _LIST_SIZE:
            listed.update(run)
        run = []
    return [[replace(c, historical=True) for c in citations] if i in listed else citations
            for i, citations in enumerate(out)]


_CACHE: dict[int, tuple[Registry, Recogniser]] = {}
READ_TEXTS = 16_384  # texts whose citations a recogniser keeps


def recogniser(registry: Registry) -> Recogniser:
    """The registry's recogniser, compiled on first use and kept while the registry lives."""
    cached = _CACHE.get(id(registry))
    if cached is None or cached[0] is not registry:
        if len(_CACHE) > 8:
            _CACHE.clear()
        cached = (registry, Recogniser(registry))
        _CACHE[id(registry)] = cached
    return cached[1]


def recognise(text: str, registry: Registry) -> list[Citation]:
    """Every citation of law, body and basis in `text`, in order."""
    return recogniser(registry)(text)
