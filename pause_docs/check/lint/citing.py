"""The law a document cites, wherever it is written — by registry id or in its own words —
and what is wrong with it: the same rules, the same codes and fixes either way, each mistake
reported once, at the words where they are written.

Works on any pieces of text (`Passage`) with the references a document makes by id
(`Referenced`): `lint` gives it a YAML document's, `audit` a published notice's paragraphs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ...publish.locale import load_locale
from ...source.errors import Location, Problem
from ...source.models import Provision
from ...source.registry import role_of
from .addresses import Address, provision_address, within
from .citations import Citation, read_in_order, recogniser
from .currency import AHEAD_OF_COMMENCEMENT, check_provisions, subject
from .names import check_name, retired_emails
from .sections import wrong_act
from .setting import Finding, Passage, Setting, long_day

Place = Location | tuple[Passage, int, int]
Found = tuple[Finding, Place]


@dataclass(frozen=True)
class Referenced:
    """A reference by registry id, with the passages of its own words (`cited_as`,
    `wording`, `reason`, `heading`, examples) and the role of the reference it goes with
    (an Art 9 condition, for its Schedule 1 condition)."""

    provisions: tuple[Provision, ...]
    cited_as: Passage | None
    where: Location
    passages: tuple[Passage, ...] = ()
    goes_with: str | None = None

    @property
    def all_passages(self) -> tuple[Passage, ...]:
        return ((self.cited_as,) if self.cited_as else ()) + self.passages


@dataclass(frozen=True)
class Mention:
    """One citation of provisions: by id (located at its words when they say the same) or
    in words."""

    provisions: tuple[Provision, ...]
    words: str | None
    place: Place
    referenced: Referenced | None = None
    citation: Citation | None = None

    @property
    def named(self) -> bool:
        """Named in words ('public task'), not cited."""
        return self.citation is not None and self.citation.kind == "named"

    @property
    def passages(self) -> tuple[Passage, ...]:
        """The text the citation is in: a reference's own words, or its passage."""
        if self.referenced is not None:
            return self.referenced.all_passages
        return (self.place[0],) if isinstance(self.place, tuple) else ()


def locate(place: Place) -> Location:
    return place if isinstance(place, Location) else place[0].locate(place[1], place[2])


def check_citations(passages: Iterable[Passage], references: Sequence[Referenced],
                    setting: Setting) -> tuple[list[Found], list[Mention]]:
    """Every finding about the law cited (to be reported with `once`), and the citations
    themselves (for the checks of what a notice must say with them)."""
    mentions: list[Mention] = []
    found: list[Found] = []
    for reference in references:
        found += _reference(reference, setting, mentions)
    passages = list(passages)
    for passage, citations in zip(passages, read_in_order([p.text for p in passages],
                                                          setting.registry), strict=True):
        for citation in citations:
            found += _words(passage, citation, setting, mentions)
        found += [(f, (passage, s, e)) for f, s, e in retired_emails(passage.text, setting)]
    for mention in mentions:
        found += _judge(mention, setting)
    return found, mentions


def once(found: Sequence[Found], home: Callable[[Location], Location] = lambda w: w
         ) -> list[Problem]:
    """One problem per mistake, at its first place, with the others it is at; `home` moves a
    place the document inherited to the document itself."""
    grouped: dict[tuple[object, ...], list[Found]] = {}
    for finding, place in found:
        grouped.setdefault(finding.key, []).append((finding, place))
    problems = []
    for places in grouped.values():
        # The first place in the document's own words, in reading order.
        where = sorted((locate(p) for _, p in places), key=lambda w: (home(w) != w, w))
        shown = home(where[0])
        problems.append(places[0][0].at(shown, where[1:],
                                        inherited_from=where[0] if shown != where[0] else None))
    return problems


def _words(passage: Passage, citation: Citation, setting: Setting,
           mentions: list[Mention]) -> list[Found]:
    """What is wrong with a citation's words; its law is judged with the other mentions."""
    found: list[Found] = []
    named = check_name(citation, passage.text, setting)
    if named is not None:
        found.append((named, (passage, *citation.name_span)))
    misplaced = wrong_act(citation, setting)
    if misplaced is not None:
        found.append((misplaced, (passage, citation.start, citation.end)))
        return found  # the law meant is the one the fix names, not the Act written
    if citation.provisions and not citation.historical and citation.kind in ("law", "named"):
        provisions = tuple(setting.registry.provisions[i] for i in citation.provisions)
        mentions.append(Mention(provisions, citation.said,
                                (passage, citation.start, citation.end), citation=citation))
    return found


def _reference(reference: Referenced, setting: Setting, mentions: list[Mention]
               ) -> list[Found]:
    """A reference by id: its words checked against the id, and located at them when they
    cite the same law."""
    recognise = recogniser(setting.registry)
    found: list[Found] = []
    place: Place | None = None
    first = len(mentions)  # the reference itself before the law named alongside it
    words = " ".join(reference.cited_as.text.split()) if reference.cited_as else None
    for passage in reference.all_passages:
        for citation in recognise(passage.text):
            named = check_name(citation, passage.text, setting)
            if named is not None:
                found.append((named, (passage, *citation.name_span)))
            misplaced = wrong_act(citation, setting)
            if misplaced is not None:
                found.append((misplaced, (passage, citation.start, citation.end)))
                place = place or (passage, citation.start, citation.end)
                continue
            if citation.historical or not citation.provisions:
                continue
            relation = _relation(citation, reference, passage is reference.cited_as, setting)
            span = (passage, citation.start, citation.end)
            if relation == "agrees":
                place = place or span
            elif relation == "conflicts":
                found.append((_disagreement(citation, reference, setting), span))
            else:  # other law named alongside, e.g. the Schedule 1 paragraph of an Art 9 basis
                provisions = tuple(setting.registry.provisions[i] for i in citation.provisions)
                mentions.append(Mention(provisions, citation.said, span, citation=citation))
    mentions.insert(first, Mention(reference.provisions, words, place or reference.where,
                                   reference))
    return found


def _relation(citation: Citation, reference: Referenced, in_cited_as: bool,
              setting: Setting) -> str:
    """'agrees' (the same law, or a part or whole of it), 'conflicts' (other law where this
    law should be: 'Article 6(1)(f)' for Art 6(1)(e)) or 'other'."""
    registry = setting.registry
    same = [p for p in reference.provisions if p.instrument == citation.instrument]
    if not same:
        return "other"
    if not citation.addresses:
        return "agrees"
    for provision in same:
        mine = provision_address(provision)
        outer = provision_address(registry.provisions[provision.within]) \
            if provision.within in registry.provisions else None
        if provision.id in citation.provisions or any(
                within(a, mine) or within(mine, a) or a == outer for a in citation.addresses):
            return "agrees"
    cited = [registry.provisions[i] for i in citation.provisions]
    if in_cited_as or role_of(cited) == role_of(same) != "gateway" or \
            any(_top(a) == _top(provision_address(p)) for a in citation.addresses for p in same):
        return "conflicts"
    return "other"


def _top(address: Address) -> Address:
    return address[:2]


def _disagreement(citation: Citation, reference: Referenced, setting: Setting) -> Finding:
    cited = [setting.registry.provisions[i] for i in citation.provisions]
    ids = [p.id for p in reference.provisions]
    meant = load_locale().joined([p.citation for p in cited])
    return Finding(
        ("words-disagree-with-provision", tuple(ids), citation.provisions), "error",
        "words-disagree-with-provision",
        f"the words '{citation.said}' cite {meant}, but the reference is to "
        f"{subject(reference.provisions, None)} ('{', '.join(ids)}'): readers see one, "
        f"the checks judge the other",
        f"if the notice relies on {meant}, write 'provision: {cited[0].id}'; otherwise "
        f"correct the words to cite {subject(reference.provisions, None)}",
        "the words of a reference (cited_as, wording, reason) must cite the provision its "
        "id names [P]")


def _judge(mention: Mention, setting: Setting) -> list[Found]:
    """The rules on the law itself: in force for the council, available to it, quoted in
    its current words."""
    found = check_provisions(mention.provisions, mention.words, setting, named=mention.named)
    for provision in mention.provisions:
        if provision.not_for_public_tasks and provision.in_force_from is not None and \
                setting.published + AHEAD_OF_COMMENCEMENT >= provision.in_force_from:
            found.append(_not_for_public_tasks(provision, setting))
    return [(f, mention.place) for f in found] + _outdated_wording(mention, setting)


def _not_for_public_tasks(provision: Provision, setting: Setting) -> Finding:
    what = provision.title.split(":")[-1].strip()
    where = setting.registry.defined_at[f"provisions:{provision.id}"]
    return Finding(
        ("legitimate-interests-for-public-task", provision.id), "error",
        "legitimate-interests-for-public-task",
        f"a council cannot rely on {provision.citation} ({what}) for its tasks: UK GDPR "
        "Art 6(1) says points (ea) and (f) do not apply to public authorities performing "
        "their tasks", "rely on public task (ukgdpr-art6-1-e) with the statute behind the task",
        "UK GDPR Art 6(1), final words, as amended by DUAA 2025 s.70 [P]; ICO recognised "
        f"legitimate interest guidance [R] ({where})")


def _outdated_wording(mention: Mention, setting: Setting) -> list[Found]:
    """Old words of the law's text quoted with it ('Union or Member State law')."""
    found: list[Found] = []
    for provision in mention.provisions:
        for old in provision.outdated_wording:
            if setting.published <= old.until:
                continue
            for passage in mention.passages:
                at = passage.text.lower().find(old.words.lower())
                if at >= 0:
                    found.append((Finding(
                        ("outdated-wording-when-published", provision.id, old.words),
                        "warning", "outdated-wording-when-published",
                        f"'{old.words}' are the words of {provision.citation} only until "
                        f"{long_day(old.until)}; when this document was published on "
                        f"{long_day(setting.published)} the law said '{old.now}'",
                        f"write '{old.now}'",
                        f"{setting.registry.defined_at[f'provisions:{provision.id}']} "
                        f"[{old.evidence}]"), (passage, at, at + len(old.words))))
                    break
    return found
