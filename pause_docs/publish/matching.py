"""The blocks of a data-matching annex (`show: matching-…` with `matching: <id>`): its
purpose, criteria, the data sent, the datasets, retention, legal bases and contact."""

from __future__ import annotations

from collections.abc import Callable

from ..source.models.notice import DataMatching
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


def _block(show: Callable[[NoticeContext, Section, int, int, DataMatching], list[Block]]
           ) -> Callable[[NoticeContext, Section, int], Shown]:
    def block(ctx: NoticeContext, section: Section, index: int) -> Shown:
        found = _annex(ctx, section)
        if found is None:
            return ()
        shown = show(ctx, section, index, found[0], found[1])
        return (Group(tuple(shown), "data_matching", (found[1].id,)),) if shown else ()

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
    items = []
    for i, d in enumerate(annex.datasets):
        path = ("data_matching", m, "datasets", i)
        words: list[Inline] = list(ctx.compose(
            "held_by", name=plain_text(d.name, ctx.origin(path + ("name",))),
            holder=plain_text(d.holder, ctx.origin(path + ("holder",)))))
        if d.purpose:
            words += ctx.compose("dataset_purpose", purpose=inlines(
                d.purpose, ctx.origin(path + ("purpose",))))
        items.append(Item(tuple(words)))
    return [ListBlock(tuple(items), role="datasets")] if items else []


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
    "matching-retention": _block(_retention),
    "matching-legal-bases": _block(_legal_bases),
    "matching-contact": _block(_contact),
}
