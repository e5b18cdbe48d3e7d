"""Fair processing notices and privacy notices: the page is the notice's `sections`, in order;
each shows its intro, a block of the structured data (`show:`) and its text.

This is the one place that decides what each block prints, which items a section shows,
which contact appears, and what a parent notice covers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..source.languages import DEFAULT_LANGUAGE
from ..source.models.notice import Recipient
from ..source.models.sections import Section
from ..source.resolved import ResolvedDocument
from . import contacts, matching, parties, services
from .citations import (
    Citation,
    citations,
    cited,
    cited_block,
    notice_citations,
    reason_words,
)
from .common import Shown, publication, retention_rules
from .context import NoticeContext
from .locale import Locale
from .markup import blocks, inlines, plain_text
from .tree import (
    Block,
    Cell,
    Division,
    Group,
    Heading,
    Inline,
    Item,
    ListBlock,
    Origin,
    Paragraph,
    Publication,
    Row,
    RowGroup,
    Table,
    Text,
    is_inline,
)
from .tree import Section as Part


def publish_notice(doc: ResolvedDocument, locale: Locale) -> Publication:
    """The notice as its reader sees it."""
    ctx = NoticeContext(doc, locale)
    return publication(ctx, _parts(ctx))


def _parts(ctx: NoticeContext) -> tuple[Block, ...]:
    """Sections grouped under their headings; text before the first is a preamble."""
    if ctx.notice.layout == "fields":
        return _fields(ctx)
    parts: list[tuple[Heading | None, Origin, list[Block]]] = []
    for i, section in enumerate(ctx.notice.sections):
        if section.heading or not parts:
            heading = (Heading(section.level, plain_text(
                section.heading, ctx.origin(("sections", i, "heading"))),
                anchor=f"section-{len(parts) + 1}") if section.heading else None)
            parts.append((heading, ctx.origin(("sections", i)), []))
        parts[-1][2].extend(_section(ctx, i, section))
    return tuple(Part(heading, tuple(content), origin=origin)
                 for heading, origin, content in parts)


def _fields(ctx: NoticeContext) -> tuple[Block, ...]:
    """The notice as labelled fields: a row for each section with a heading, its label in
    the row's header and what it shows beside it (a section without a heading continues the
    field before it; before the first, a preamble)."""
    preamble: list[Block] = []
    rows: list[tuple[tuple[Inline, ...], list[Block]]] = []
    for i, section in enumerate(ctx.notice.sections):
        content = _section(ctx, i, section)
        if section.heading:
            rows.append((plain_text(section.heading, ctx.origin(("sections", i, "heading"))),
                         content))
        else:
            (rows[-1][1] if rows else preamble).extend(content)
    table = Table((ctx.text("fields_caption"),), (RowGroup(tuple(
        Row((Cell(label, header=True, scope="row"), Cell(tuple(content))))
        for label, content in rows)),), caption_hidden=True, role="fields")
    return (Part(None, (*preamble, table), origin=ctx.origin(("sections",))),)


def _section(ctx: NoticeContext, index: int, section: Section) -> list[Block]:
    path = ("sections", index)
    found: list[Block] = []
    if not (section.style == "inline" and section.show and ctx.locale.inline_lists):
        found += blocks(section.intro, ctx.origin(path + ("intro",)))
    if section.show:
        found += BLOCKS[section.show](ctx, section, index)
    found += blocks(section.text, ctx.origin(path + ("text",)))
    return found


def selected(items: Sequence[Any], section: Section) -> list[tuple[int, Any]]:
    """The items a section shows, with their index: those of its `only` group, or else those
    with no group (an item given a group appears only where a section asks for it)."""
    return [(i, item) for i, item in enumerate(items) if getattr(item, "group", None)
            == section.only]


# --- blocks: one function per `show:` value ----------------------------------------------------

def _programme(ctx: NoticeContext, section: Section, index: int) -> Shown:
    if ctx.notice.about_programme:
        return blocks(ctx.notice.about_programme, ctx.origin(("about_programme",)))
    programme = ctx.doc.programme
    if programme is None:
        return ()
    made = ctx.doc.provenance
    language = made.programme_languages.get(("description",), DEFAULT_LANGUAGE)
    return blocks(programme.description, Origin(made.locate_programme(("description",)),
                                                ("programme", "description"),
                                                language=language))


def _text_field(name: str, topic: str) -> Callable[[NoticeContext, Section, int], Shown]:
    def show(ctx: NoticeContext, section: Section, index: int) -> Shown:
        found = blocks(getattr(ctx.notice, name), ctx.origin((name,)))
        return (Group(found, topic),) if found else ()

    return show


def _phases(ctx: NoticeContext, section: Section, index: int) -> Shown:
    return tuple(b for i, phase in enumerate(ctx.notice.phases)
                 for b in blocks(phase, ctx.origin(("phases", i))))


def _data_categories(ctx: NoticeContext, section: Section, index: int) -> Shown:
    """The categories of the section's group (`only:`); without one, those with no group and
    then each group under its own sub-heading, in the order the notice gives them."""
    categories = ctx.notice.data_categories
    groups = list(dict.fromkeys(c.group for c in categories))
    if section.only is not None:
        groups = [section.only]
    elif None in groups:
        groups.remove(None)
        groups.insert(0, None)
    found: list[Block] = []
    for group in groups:
        chosen = [(i, c) for i, c in enumerate(categories) if c.group == group]
        if not chosen:
            continue
        if group is not None and section.only is None:
            first = chosen[0][0]
            found.append(Heading(min(section.level + 1, 4), plain_text(
                group, ctx.origin(("data_categories", first, "group")))))
        found += ctx.listed(section, index, [_category(ctx, i) for i, _ in chosen],
                            role="data-categories")
    if not found:
        return ()
    names = tuple(c.name for c in categories if section.only in (None, c.group))
    return (Group(tuple(found), "data_categories", names),)


def _category(ctx: NoticeContext, i: int) -> tuple[Inline, ...]:
    category = ctx.notice.data_categories[i]
    name = plain_text(category.name, ctx.origin(("data_categories", i, "name")))
    if not category.examples:
        return name
    before, after = _EXAMPLES[ctx.notice.category_examples]
    return (*name, Text(before), *inlines(category.examples, ctx.origin(
        ("data_categories", i, "examples"))), *((Text(after),) if after else ()))


_EXAMPLES = {"brackets": (" (", ")"), "colon": (": ", ""), "dash": (" – ", "")}
"""What goes before and after a data category's examples, by the notice's choice."""


def _sources(ctx: NoticeContext, section: Section, index: int) -> Shown:
    items = [plain_text(s.name, ctx.origin(("sources", i, "name")))
             for i, s in enumerate(ctx.notice.sources)]
    found = ctx.listed(section, index, items)
    return (Group(tuple(found), "sources", tuple(s.name for s in ctx.notice.sources)),) \
        if found else ()


def _legal_bases(ctx: NoticeContext, section: Section, index: int) -> Shown:
    plain = _plain_reasons(ctx, section)
    parent = contacts.pointer(ctx, "legal-bases")
    if parent is not None:
        return (*ctx.listed(section, index, plain), *parent)
    chosen = [c for _, c in selected(notice_citations(ctx), section)]
    items = [_with_nested(ctx, c, section.style == "inline") for c in chosen]
    return tuple(ctx.listed(section, index, [*items, *plain]))  # type: ignore[list-item]


def _plain_reasons(ctx: NoticeContext, section: Section) -> list[tuple[Inline, ...]]:
    """A layer's reasons that cite no law (`plain_reasons`): words, not links."""
    return [reason_words(ctx, r.reason, ("plain_reasons", i, "reason"))
            for i, r in selected(ctx.notice.plain_reasons, section)]


def _with_nested(ctx: NoticeContext, c: Citation, inline: bool) -> tuple[Inline | Block, ...]:
    """A citation with the Art 9 or Art 10 conditions the notice gives under it: a list
    under it, or in a sentence 'A, with B and C'."""
    basis = _with_condition(ctx, c)
    nested = [_with_condition(ctx, n) for n in conditions_of(ctx, c)]
    if not nested:
        return basis
    if inline and all(is_inline(n) for part in (basis, *nested) for n in part):
        return ctx.compose("with_condition", basis=basis,  # type: ignore[arg-type]
                           condition=ctx.joined(nested))  # type: ignore[arg-type]
    return (*basis, ListBlock(tuple(Item(n) for n in nested), role="conditions"))


def conditions_of(ctx: NoticeContext, c: Citation) -> list[Citation]:
    """The conditions a notice nests under the basis `c` (`conditions:`)."""
    return citations(c.reference.conditions, ctx.doc.registry.provisions,
                     c.path + ("conditions",))


def _with_condition(ctx: NoticeContext, c: Citation) -> tuple[Inline | Block, ...]:
    """A citation in a list, with the DPA 2018 Schedule 1 condition that goes with it."""
    basis = cited(ctx, c)
    if c.schedule_1 is None:
        return basis
    condition = cited(ctx, c.schedule_1)
    if not all(map(is_inline, basis + condition)):  # whole paragraphs: one after the other
        return basis + condition
    return ctx.compose("with_condition", basis=basis, condition=condition)  # type: ignore[arg-type]


def _gateways(ctx: NoticeContext, section: Section, index: int) -> Shown:
    chosen = [c for _, c in selected(notice_citations(ctx), section) if c.role == "gateway"]
    return tuple(ctx.listed(section, index, [cited(ctx, c) for c in chosen]))  # type: ignore[misc]


def _lawful_basis(ctx: NoticeContext, section: Section, index: int) -> Shown:
    """The three levels: Art 6, then Art 9 and Art 10 conditions with their DPA 2018
    Schedule 1 conditions."""
    plain = [Division((Paragraph(words),), role="legal-basis")
             for words in _plain_reasons(ctx, section)]
    parent = contacts.pointer(ctx, "legal-bases")
    if parent is not None:
        return (*plain, *parent)
    found: list[Block] = []
    for _, c in selected(notice_citations(ctx), section):
        if c.role not in ("article-6", "article-9", "article-10"):
            continue
        content = list(cited_block(ctx, c))
        if c.schedule_1:
            content += cited_block(ctx, c.schedule_1)
        for n in conditions_of(ctx, c):
            inner = list(cited_block(ctx, n))
            if n.schedule_1:
                inner += cited_block(ctx, n.schedule_1)
            content.append(Division(tuple(inner), role="legal-basis-condition"))
        if c.reference.examples:
            content.append(Paragraph((ctx.text("examples"),)))
            content.append(ListBlock(tuple(
                Item(inlines(e, ctx.origin(c.path + ("examples", i))))
                for i, e in enumerate(c.reference.examples))))
        found.append(Division(tuple(content), role="legal-basis"))
    return (*found, *plain)


def _recipients(ctx: NoticeContext, section: Section, index: int) -> Shown:
    chosen = selected(ctx.notice.recipients, section)
    if section.style == "detail":
        found: list[Block] = [_recipient_detail(ctx, i, r) for i, r in chosen]
    else:
        found = ctx.listed(section, index, [_recipient_line(ctx, i, r, section.style == "inline")
                                            for i, r in chosen])
    if not found:
        return ()
    return (Group(tuple(found), "recipients", tuple(r.name for _, r in chosen)),)


def _recipient_line(ctx: NoticeContext, i: int, recipient: Recipient, inline: bool = False
                    ) -> tuple[Inline, ...]:
    """'Police', 'Health Agencies (why)', 'DWP for them to confirm ...' (in a sentence, the
    purpose always in brackets), with its role when it is a processor or a controller."""
    name = (*plain_text(recipient.name, ctx.origin(("recipients", i, "name"))),
            *parties.role_of(ctx, recipient))
    if not recipient.purpose:
        return name
    purpose = inlines(recipient.purpose, ctx.origin(("recipients", i, "purpose")))
    if recipient.purpose[:1].islower() and not inline:
        return (*name, Text(" "), *purpose)
    return (*name, Text(" ("), *purpose, Text(")"))


def _recipient_detail(ctx: NoticeContext, i: int, r: Recipient) -> Block:
    """What the recipient receives, item by item, and who it may pass it on to."""
    path = ("recipients", i)
    items = [Item(inlines(d, ctx.origin(path + ("data_shared", j))))
             for j, d in enumerate(r.data_shared)]
    if r.onward:
        names = [plain_text(o.to, ctx.origin(path + ("onward", j, "to")))
                 for j, o in enumerate(r.onward)]
        group = (plain_text(r.onward_group, ctx.origin(path + ("onward_group",)))
                 if r.onward_group else (ctx.text("onward_others"),))
        words = list(ctx.compose("onward_sharing", recipient=plain_text(
            r.name, ctx.origin(path + ("name",))), group=group, names=ctx.joined(names)))
        first = r.onward[0]
        if first.form:
            words += ctx.compose("onward_form", form=plain_text(
                first.form, ctx.origin(path + ("onward", 0, "form"))))
        if first.purpose:
            words += [Text(", "), *inlines(first.purpose,
                                           ctx.origin(path + ("onward", 0, "purpose")))]
        items.append(Item(tuple(words)))
    return ListBlock(tuple(items), role="recipient-detail")


def _safeguards(ctx: NoticeContext, section: Section, index: int) -> Shown:
    items = [inlines(s, ctx.origin(("safeguards", i)))
             for i, s in enumerate(ctx.notice.safeguards)]
    found = ctx.listed(section, index, items)
    return (Group(tuple(found), "safeguards"),) if found else ()


def _retention(ctx: NoticeContext, section: Section, index: int) -> Shown:
    return retention_rules(ctx, ctx.notice.retention, ("retention",))


def _transfers(ctx: NoticeContext, section: Section, index: int) -> Shown:
    transfers = ctx.notice.transfers
    if transfers is None:
        return ()
    return (Group(blocks(transfers.statement, ctx.origin(("transfers", "statement"))),
                  "transfers"),)


def _purposes(ctx: NoticeContext, section: Section, index: int) -> Shown:
    chosen = selected(ctx.notice.purposes, section)
    items = [inlines(p.description, ctx.origin(("purposes", i, "description")))
             for i, p in chosen]
    found = ctx.listed(section, index, items)
    return (Group(tuple(found), "purposes"),) if found else ()


BLOCKS: dict[str, Callable[[NoticeContext, Section, int], Shown]] = {
    "programme": _programme,
    "summary": _text_field("summary", "summary"),
    "purpose": _text_field("purpose", "purpose"),
    "purposes": _purposes,
    "phases": _phases,
    "data-categories": _data_categories,
    "sources": _sources,
    "legal-bases": _legal_bases,
    "lawful-basis": _lawful_basis,
    "gateways": _gateways,
    "recipients": _recipients,
    "safeguards": _safeguards,
    "retention": _retention,
    "transfers": _transfers,
    **contacts.BLOCKS,
    **parties.BLOCKS,
    **services.BLOCKS,
    **matching.BLOCKS,
}
