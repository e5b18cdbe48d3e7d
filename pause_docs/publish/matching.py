"""The blocks of a data-matching annex (`show: matching-…` with `matching: <id>`): its
purpose, criteria, the data sent, the platform and datasets, profiling, retention, legal bases
and contact."""

from __future__ import annotations

from collections.abc import Callable

from ..source.loader import Path_
from ..source.models.matching import DataMatching, MatchedDataset, MatchingPlatform
from ..source.models.sections import Section
from .citations import citations, cited, cited_block
from .common import Shown, retention_rules
from .context import NoticeContext
from .markup import blocks, inlines, plain_text
from .tree import (
    Block,
    Division,
    Group,
    Inline,
    Item,
    Link,
    ListBlock,
    Paragraph,
    Styled,
    Text,
)

LETTERS = "ABCDEFGHIJ"


def _annex(ctx: NoticeContext, section: Section) -> tuple[int, DataMatching] | None:
    return next(((i, m) for i, m in enumerate(ctx.notice.data_matching)
                 if m.id == section.matching), None)


def _block(show: Callable[[NoticeContext, Section, int, int, DataMatching], list[Block]],
           topic: str | None = None) -> Callable[[NoticeContext, Section, int], Shown]:
    """A block of the annex the section names, as a group of the annex (so diff compares
    it), and of its own `topic` too where lint asks whether that part is shown."""
    def block(ctx: NoticeContext, section: Section, index: int) -> Shown:
        found = _annex(ctx, section)
        if found is None:
            return ()
        ids = (found[1].id,)
        shown: tuple[Block, ...] = tuple(show(ctx, section, index, found[0], found[1]))
        if shown and topic is not None:
            shown = (Group(shown, topic, ids),)
        return (Group(shown, "data_matching", ids),) if shown else ()

    return block


def _purpose(ctx: NoticeContext, section: Section, index: int, m: int, annex: DataMatching
             ) -> list[Block]:
    return list(blocks(annex.purpose, ctx.origin(("data_matching", m, "purpose"))))


def _criteria(ctx: NoticeContext, section: Section, index: int, m: int, annex: DataMatching
              ) -> list[Block]:
    path = ("data_matching", m)
    found: list[Block] = list(blocks(annex.criteria_intro, ctx.origin(path + ("criteria_intro",))))
    if annex.criteria:
        found.append(ListBlock(tuple(Item(inlines(c, ctx.origin(path + ("criteria", i))))
                                     for i, c in enumerate(annex.criteria)), role="criteria"))
    return found


def _data_sent(ctx: NoticeContext, section: Section, index: int, m: int, annex: DataMatching
               ) -> list[Block]:
    items = [plain_text(d, ctx.origin(("data_matching", m, "data_sent", i)))
             for i, d in enumerate(annex.data_sent)]
    return ctx.listed(section, index, items)


def _datasets(ctx: NoticeContext, section: Section, index: int, m: int, annex: DataMatching
              ) -> list[Block]:
    """The platform the matching is done on and who runs it, then each dataset: who holds
    or supplies it, what it is matched with, and what the match shows."""
    path = ("data_matching", m)
    found: list[Block] = []
    if annex.platform is not None:
        found.append(_platform(ctx, annex.platform, path + ("platform",)))
    items = tuple(Item(_dataset(ctx, d, path + ("datasets", i)))
                  for i, d in enumerate(annex.datasets))
    if items:
        found.append(ListBlock(items, role="datasets"))
    return found


def _platform(ctx: NoticeContext, platform: MatchingPlatform, path: Path_) -> Paragraph:
    return Paragraph(ctx.compose(
        f"platform_{platform.role}",
        platform=plain_text(platform.name, ctx.origin(path + ("name",))),
        run_by=plain_text(platform.run_by, ctx.origin(path + ("run_by",)))))


def _dataset(ctx: NoticeContext, dataset: MatchedDataset, path: Path_) -> tuple[Inline, ...]:
    name = plain_text(dataset.name, ctx.origin(path + ("name",)))
    holder = plain_text(dataset.holder, ctx.origin(path + ("holder",)))
    supplier = plain_text(dataset.supplied_by, ctx.origin(path + ("supplied_by",)))
    if holder and supplier:
        words = list(ctx.compose("held_and_supplied_by", name=name, holder=holder,
                                 supplier=supplier))
    elif supplier:
        words = list(ctx.compose("supplied_by", name=name, supplier=supplier))
    else:
        words = list(ctx.compose("held_by", name=name, holder=holder))
    if dataset.matched_with:
        words += ctx.compose("matched_with", names=ctx.joined([
            plain_text(n, ctx.origin(path + ("matched_with", i)))
            for i, n in enumerate(dataset.matched_with)]))
    if dataset.purpose:
        words += ctx.compose("dataset_purpose", purpose=inlines(
            dataset.purpose, ctx.origin(path + ("purpose",))))
    return tuple(words)


def _profiling(ctx: NoticeContext, section: Section, index: int, m: int, annex: DataMatching
               ) -> list[Block]:
    """Whether the matching profiles people (UK GDPR Art 4(4)), how, and whether decisions
    about them follow from it, and how they are made."""
    profiling = annex.profiling
    if profiling is None:
        return []
    path = ("data_matching", m, "profiling")
    said = blocks(profiling.description, ctx.origin(path + ("description",)))
    if not profiling.applies:
        return [Paragraph(ctx.compose("profiling_none")), *said]
    return [Paragraph(ctx.compose("profiling_done")), *said,
            Paragraph(ctx.compose(f"profiling_decisions_{profiling.decisions}"))]


def _retention(ctx: NoticeContext, section: Section, index: int, m: int, annex: DataMatching
               ) -> list[Block]:
    return list(retention_rules(ctx, annex.retention, ("data_matching", m, "retention")))


def _legal_bases(ctx: NoticeContext, section: Section, index: int, m: int, annex: DataMatching
                 ) -> list[Block]:
    """Lettered (A., B., ...) when any of them has a heading."""
    all_cited = citations(annex.legal_bases, ctx.doc.registry.provisions,
                          ("data_matching", m, "legal_bases"))
    chosen = [c for c in all_cited if c.group == section.only]
    lettered = any(c.reference.heading for c in chosen)
    found: list[Block] = []
    for n, c in enumerate(chosen):
        content: list[Block] = []
        if lettered and c.reference.heading:
            label = Text(f"{LETTERS[n % len(LETTERS)]}. {c.reference.heading}",
                         ctx.origin(c.path + ("heading",)))
            content.append(Paragraph((Styled("strong", (label,)),), role="legal-heading"))
            content += cited_block(ctx, c)
        elif lettered:
            content.append(Paragraph((Styled("strong", (Text(f"{LETTERS[n % len(LETTERS)]}."),)),
                                      Text(" "), *cited(ctx, c)),  # type: ignore[arg-type]
                                     role="legal-heading"))
        else:
            content += cited_block(ctx, c)
        found.append(Division(tuple(content), role="legal-basis"))
    return found


def _contact(ctx: NoticeContext, section: Section, index: int, m: int, annex: DataMatching
             ) -> list[Block]:
    contact = annex.contact
    if contact is None:
        return []
    path = ("data_matching", m)
    words: list[Inline] = [*inlines(annex.contact_intro, ctx.origin(path + ("contact_intro",))),
                           Text(" "), Text(contact.name, ctx.origin(path + ("contact", "name")))]
    if contact.email:
        words += ctx.compose("contact_at", email=(Link(f"mailto:{contact.email}", (Text(
            contact.email, ctx.origin(path + ("contact", "email"))),)),))
    return [Paragraph(tuple(words))]


BLOCKS = {
    "matching-purpose": _block(_purpose),
    "matching-criteria": _block(_criteria),
    "matching-data-sent": _block(_data_sent),
    "matching-datasets": _block(_datasets),
    "matching-profiling": _block(_profiling, "matching_profiling"),
    "matching-retention": _block(_retention),
    "matching-legal-bases": _block(_legal_bases),
    "matching-contact": _block(_contact),
}
