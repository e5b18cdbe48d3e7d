"""The lines under a notice's title that tie it to another: a layer's or an addendum's to the
notice it sits under (an addendum's with what it adds), a main notice's to its addenda."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from ..source.layout import output_name
from ..source.models import LegalReference, Notice
from ..source.resolved import ResolvedDocument
from .citations import Citation, citation, citation_words
from .context import Context
from .markup import inlines, plain_text
from .tree import Block, Inline, Item, Link, ListBlock, Origin, Paragraph, Text, is_inline


def notice_link(ctx: Context, other: ResolvedDocument) -> Link:
    """A link to another notice of the council's by its title, to its page in `other`'s
    language (the page's own, when it is published in it)."""
    title = Origin(other.provenance.locate(("title",)), (), "document",
                   other.provenance.language_of(("title",)))
    name = output_name(ctx.doc.council_slug, other.slug, "html", other.language,
                       ctx.doc.languages)
    return Link(name.rsplit("/", 1)[-1], (Text(other.model.title, title),))


def ties(ctx: Context, main: Link | None) -> list[Block]:
    """'This is a short version of our <full notice>.' for a layer; for an addendum, 'This
    notice adds to our <main notice>. ...' and what it adds; for a notice with addenda,
    'This notice has an addendum: <link>.'"""
    model = ctx.doc.model
    found: list[Block] = []
    if main is not None and ctx.doc.parent is not None and isinstance(model, Notice):
        if not model.is_addendum:
            found.append(Paragraph(ctx.compose("layer_of", link=(main,)), role="layer"))
        else:
            programme = ctx.doc.programme
            found.append(Paragraph(
                ctx.compose("addendum_of", link=(main,), subject=programme.name)
                if programme is not None else ctx.compose("addendum_of_plain", link=(main,)),
                role="addendum"))
            found += _what_it_adds(ctx, model, ctx.doc.parent.model)
    if ctx.doc.addenda:
        key = "has_addendum" if len(ctx.doc.addenda) == 1 else "has_addenda"
        links = [(notice_link(ctx, a),) for a in ctx.doc.addenda]
        found.append(Paragraph(ctx.compose(key, links=ctx.joined(links)), role="addenda"))
    return found


def _what_it_adds(ctx: Context, notice: Notice, main: object) -> list[Block]:
    """'What it adds to that notice:' and, by kind, the names the main notice does not
    have: purposes, personal data, recipients, the law, retention rules."""
    if not isinstance(main, Notice):
        return []
    main_laws = {p for r in _all_laws(main) for p in r.provision_ids}
    provisions = ctx.doc.registry.provisions
    kinds: list[tuple[str, list[tuple[Inline, ...]]]] = [
        ("addendum_purposes", [
            _words(ctx, p.description, ("purposes", i, "description"))
            for i, p in enumerate(notice.purposes)
            if _key(p.description) not in {_key(q.description) for q in main.purposes}]),
        ("addendum_data_categories", [
            plain_text(c.name, ctx.origin(("data_categories", i, "name")))
            for i, c in enumerate(notice.data_categories)
            if _key(c.name) not in {_key(d.name) for d in main.data_categories}]),
        ("addendum_recipients", [
            plain_text(r.name, ctx.origin(("recipients", i, "name")))
            for i, r in enumerate(notice.recipients)
            if _key(r.name) not in {_key(s.name) for s in main.recipients}]),
        ("addendum_legal_bases", [
            _law(ctx, citation(ref, provisions, ("legal_bases", i)))
            for i, ref in enumerate(notice.legal_bases)
            if not set(ref.provision_ids) <= main_laws]),
        ("addendum_retention", [
            _words(ctx, r.records or r.rule, ("retention", i, "records" if r.records else "rule"))
            for i, r in enumerate(notice.retention)
            if _key(r.records or r.rule) not in {_key(k.records or k.rule)
                                                 for k in main.retention}]),
    ]
    items = [_item(ctx, key, names) for key, names in kinds if names]
    if not items:
        return []
    return [Paragraph((ctx.text("addendum_adds"),), role="addendum"),
            ListBlock(tuple(items), role="addendum")]


def _item(ctx: Context, key: str, names: Sequence[tuple[Inline, ...]]) -> Item:
    """'Recipients: A and B'; in a language whose lists of free text are not joined into a
    sentence, the label and the names under it."""
    if ctx.locale.inline_lists:
        return Item((ctx.text(key), Text(" "), *ctx.joined(names)))
    return Item((Paragraph((ctx.text(key),)),
                 ListBlock(tuple(Item(name) for name in names))))


def _words(ctx: Context, text: str, path: tuple[str | int, ...]) -> tuple[Inline, ...]:
    words = inlines(text, ctx.origin(path))
    return words if all(map(is_inline, words)) else plain_text(text, ctx.origin(path))


def _law(ctx: Context, cited: Citation) -> tuple[Inline, ...]:
    words, origin = citation_words(ctx, cited)
    return (Link(cited.url, (Text(words, origin),), law=tuple(p.id for p in cited.provisions),
                 reference=cited.path),)


def _all_laws(notice: Notice) -> Iterator[LegalReference]:
    """Every legal reference the notice gives: its own, its purposes', its services'."""
    yield from notice.legal_bases
    for purpose in notice.purposes:
        yield from purpose.legal_bases
    for service in notice.services:
        yield from service.legal_bases


def _key(text: str) -> str:
    """Names compared as a reader would: case and spacing aside."""
    return re.sub(r"\s+", " ", text).strip().casefold()
