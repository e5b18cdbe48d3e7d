"""The services an umbrella notice covers: each under its own sub-heading, with what it does,
its purposes and the law it relies on."""

from __future__ import annotations

from ..source.models.sections import Section
from .citations import citations, cited
from .common import Shown
from .context import NoticeContext
from .markup import blocks, inlines, plain_text
from .tree import Block, Group, Heading, Item, ListBlock, Paragraph


def _services(ctx: NoticeContext, section: Section, index: int) -> Shown:
    found: list[Block] = []
    for i, service in enumerate(ctx.notice.services):
        path = ("services", i)
        found.append(Heading(min(section.level + 1, 4), plain_text(
            service.name, ctx.origin(path + ("name",)))))
        found += blocks(service.description, ctx.origin(path + ("description",)))
        if service.purposes:
            found.append(Paragraph((ctx.text("service_purposes"),)))
            found.append(Group((ListBlock(tuple(
                Item(inlines(p.description, ctx.origin(path + ("purposes", j, "description"))))
                for j, p in enumerate(service.purposes)), role="purposes"),), "purposes"))
        chosen = citations(service.legal_bases, ctx.doc.registry.provisions,
                           path + ("legal_bases",))
        if chosen:
            found.append(Paragraph((ctx.text("service_legal_bases"),)))
            found.append(ListBlock(tuple(Item(cited(ctx, c)) for c in chosen),
                                   role="legal-bases"))
    if not found:
        return ()
    return (Group(tuple(found), "services", tuple(s.name for s in ctx.notice.services)),)


BLOCKS = {"services": _services}
