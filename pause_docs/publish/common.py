"""What every kind of document prints the same way: the title block, the footer, contact
details and citations of the law, each text with the place it came from."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from ..source.layout import output_name
from ..source.models import Contact
from ..source.models.base import SignOff
from ..source.resolved import ResolvedDocument
from .addenda import notice_link, ties
from .context import Context
from .locale import load_locale
from .markup import inlines, plain_text
from .tree import (
    Address,
    Alternate,
    Block,
    Cell,
    Contents,
    Group,
    Heading,
    Image,
    Inline,
    Item,
    LineBreak,
    Link,
    Origin,
    Paragraph,
    Publication,
    Row,
    RowGroup,
    Section,
    Styled,
    Table,
    Text,
    plain,
)

Shown = tuple[Block, ...]
STYLESHEET = "assets/style.css"
FORM_STYLESHEET = "assets/form.css"  # added for screenings, which print as forms
# The strings the page frame prints around the publication (base.html).
FRAME_STRINGS = ("skip_link", "page_number")
CONTENTS_FROM = 5  # parts of a page that make it worth a contents list ('On this page')


def title_block(ctx: Context, form: bool = False) -> tuple[Block, ...]:
    """The title and the line under it; when the document was last updated (a form: its
    date) and its version; how to ask for it in another format."""
    model = ctx.doc.model
    found: list[Block] = [Heading(1, plain_text(model.title, ctx.origin(("title",))))]
    if model.subtitle:
        found.append(Paragraph(plain_text(model.subtitle, ctx.origin(("subtitle",))),
                               role="subtitle"))
    if model.show_date != "none":
        day = ctx.date(model.published, model.show_date)
        found.append(Paragraph((day,) if form else ctx.compose("last_updated", date=(day,)),
                               role="date"))
    if model.version:
        found.append(Paragraph(ctx.compose("version_line", version=(
            Text(model.version, ctx.origin(("version",))),)), role="version"))
    found += _metadata(ctx)
    found += ties(ctx, main_notice(ctx) if ctx.doc.parent is not None else None)
    found += alternative_formats(ctx)
    return tuple(found)


def _metadata(ctx: Context) -> list[Block]:
    """A notice's own lines before its text ('Reference: CS-PN-04'), in its order and words."""
    items = getattr(ctx.doc.model, "metadata", ())
    found: list[Block] = []
    for i, item in enumerate(items):
        path = ("metadata", i)
        value: Inline = Text(item.value, ctx.origin(path + ("value",)))
        if item.url:
            value = Link(item.url, (value,))
        found.append(Paragraph(ctx.compose("metadata_line", label=plain_text(
            item.label, ctx.origin(path + ("label",))), value=(value,)), role="metadata"))
    return found


def main_notice(ctx: Context) -> Link | None:
    """The link to the notice this one leaves things to: its `top_level_notice`, or the full
    notice a layer sits under (`parent:`), in the page's language."""
    notice = ctx.doc.model
    top = getattr(notice, "top_level_notice", None)
    if top is not None and top.title and top.url:
        return Link(top.url, (Text(top.title, ctx.origin(("top_level_notice", "title"))),))
    parent = ctx.doc.parent
    return notice_link(ctx, parent) if parent is not None else None


def alternative_formats(ctx: Context) -> list[Block]:
    """'Ask for this document in large print ...: email ... or phone ....' and the link to
    the council's accessibility statement, when the council gives them."""
    council = ctx.doc.council
    words: list[Inline] = []
    ways = council.alternative_formats
    if ways is not None:
        def origin(key: str) -> Origin:
            return ctx.council_origin(("alternative_formats", key))

        how: list[tuple[Inline, ...]] = []
        if ways.email:
            how.append(ctx.compose("formats_email", email=(
                Link(f"mailto:{ways.email}", (Text(ways.email, origin("email")),)),)))
        if ways.phone:
            how.append(ctx.compose("formats_phone", phone=(
                Link(f"tel:{ways.phone.replace(' ', '')}", (Text(ways.phone, origin("phone")),)),)))
        if ways.web_form:
            how.append(ctx.compose("formats_web_form", form=(
                Link(ways.web_form, (ctx.text("formats_web_form_words"),)),)))
        words += ctx.compose("formats_request", how=ctx.joined(how, "or"))
    if council.accessibility_statement:
        words += [Text(" ")] if words else []
        words += ctx.compose("accessibility_statement", link=(
            Link(council.accessibility_statement, (ctx.text("accessibility_statement_words"),)),))
    return [Paragraph(tuple(words), role="formats")] if words else []


def masthead(ctx: Context) -> tuple[tuple[Block, ...], dict[str, str]]:
    """The council's logo (and the file it needs beside the page), or else its name; and
    the links to the document in its other languages."""
    council = ctx.doc.council
    others = language_links(ctx)
    if council.logo is None or ctx.doc.provenance.folder is None:
        return (Paragraph((Text(council.name, ctx.council_origin(("name",))),),
                          role="publisher"), *others), {}
    logo = council.logo
    return ((Paragraph((Image(logo.file, logo.alt),), role="logo"), *others),
            {logo.file: str(ctx.doc.provenance.folder / logo.file)})


def alternates(ctx: Context) -> tuple[Alternate, ...]:
    """The document's page in each of its languages (none when it has only one)."""
    doc = ctx.doc
    if len(doc.languages) < 2:
        return ()
    return tuple(Alternate(language, load_locale(language).tag, page_file(doc, language))
                 for language in doc.languages)


def page_file(doc: ResolvedDocument, language: str, slug: str | None = None) -> str:
    """The file name of a document's page in `language`, beside the others of its council
    (see `layout.output_name`)."""
    name = output_name(doc.council_slug, slug or doc.slug, "html", language, doc.languages)
    return name.rsplit("/", 1)[-1]


def language_links(ctx: Context) -> tuple[Block, ...]:
    """'This page in another language: Cymraeg', each language named in itself and linked
    to the document's page in it."""
    others = [a for a in alternates(ctx) if a.language != ctx.locale.language]
    if not others:
        return ()
    links = [(Link(a.href, (Text(load_locale(a.language).name),), hreflang=a.tag),)
             for a in others]
    return (Paragraph((ctx.text("other_languages"), Text(" "), *ctx.joined(links)),
                      role="languages"),)


def footer(ctx: Context) -> tuple[Inline, ...]:
    """'The council · 1 February 2017 · version 2.0'."""
    model = ctx.doc.model
    parts: list[str] = [ctx.doc.council.name]
    if model.show_date != "none":
        parts.append(ctx.locale.date(model.published, model.show_date))
    if model.version:
        parts.append(ctx.locale.text("version", version=model.version))
    return (Text(ctx.locale.text("footer_separator").join(parts)),)


def publication(ctx: Context, body: tuple[Block, ...], *, form: bool = False,
                above_title: tuple[Block, ...] = (), show_council: bool = True
                ) -> Publication:
    """The publication of `ctx.doc` with the title block (after `above_title`), footer and
    frame strings; the council's logo or name above it unless `show_council` is false."""
    doc = ctx.doc
    locale = ctx.locale
    top, files = masthead(ctx) if show_council else (language_links(ctx), {})
    return Publication(
        kind=doc.kind, language=locale.language, lang=locale.tag, title=doc.model.title,
        council=doc.council.name, published=doc.model.published,
        header=above_title + title_block(ctx, form) + (() if form else contents(ctx, body)),
        body=body,
        footer=footer(ctx),
        strings={**{key: locale.strings[key] for key in FRAME_STRINGS},
                 "page_title": locale.text("page_title", title=doc.model.title,
                                           council=doc.council.name)},
        stylesheets=(STYLESHEET, FORM_STYLESHEET) if form else (STYLESHEET,),
        role="form" if form else None, masthead=top, files=files, alternates=alternates(ctx),
        link_addresses=getattr(doc.model, "link_addresses", "print") == "print")


def contents(ctx: Context, body: tuple[Block, ...]) -> tuple[Block, ...]:
    """'On this page' and a link to each part, for a page of CONTENTS_FROM parts or more, or
    as the document's `contents:` decides (not for forms, which are read from top to bottom
    as their paper versions are)."""
    parts = [b.heading for b in body if isinstance(b, Section) and b.heading is not None
             and b.heading.level == 2 and b.heading.anchor]
    choice = getattr(ctx.doc.model, "contents", "auto")
    if not parts or choice == "never" or (choice == "auto" and len(parts) < CONTENTS_FROM):
        return ()
    items = tuple(Item((Link(f"#{h.anchor}", (Text(plain(h.content)),)),)) for h in parts)
    return (Contents((ctx.text("on_this_page"),), items, anchor="contents"),)


def sign_off(ctx: Context, left: tuple[str, SignOff | None, str],
             right: tuple[str, SignOff | None, str], date_style: str = "day") -> Table:
    """The sign-off of a form: two signers side by side (label key, who, their key in the
    document), each with the date and a space to sign."""

    def name(who: SignOff | None, key: str) -> tuple[Inline, ...]:
        return plain_text(who.name, ctx.origin((key, "name"))) if who else ()

    def day(who: SignOff | None) -> tuple[Inline, ...]:
        return (ctx.date(who.date, date_style),) if who and who.date else ()

    def row(*cells: tuple[tuple[Inline, ...], tuple[Inline, ...]], role: str | None = None
            ) -> Row:
        return Row(tuple(Cell(content, header=i % 2 == 0, scope="row" if i % 2 == 0 else None)
                         for i, content in enumerate(c for pair in cells for c in pair)),
                   role=role)

    date_label, signature = (ctx.text("date_label"),), (ctx.text("signature_label"),)
    rows = (row(((ctx.text(left[0]),), name(left[1], left[2])),
                ((ctx.text(right[0]),), name(right[1], right[2]))),
            row((date_label, day(left[1])), (date_label, day(right[1]))),
            row((signature, ()), (signature, ()), role="signature"))
    return Table((ctx.text("sign_off"),), (RowGroup(rows),), role="form-grid signoff")


def address(ctx: Context, contact: Contact | dict[str, object], origin: Origin | None,
            name: str | None = None, name_origin: Origin | None = None) -> Address:
    """Email, phone, postal address (the name, then each line of the address on a line of
    its own, or all on one line as the council chooses) and website, in the locale's words; the
    name and each line of the address in the language it was written in (a council may give
    them per language); addresses and numbers in none."""
    get = contact.get if isinstance(contact, dict) else lambda key: getattr(contact, key, None)
    lines: list[tuple[Inline, ...]] = []
    email, phone, website = get("email"), get("phone"), get("website")
    neutral = dataclasses.replace(origin, language=None) if origin else None
    if email:
        lines.append(ctx.compose("contact_email", email=(
            Link(f"mailto:{email}", (Text(str(email), neutral),)),)))
    if phone:
        lines.append(ctx.compose("contact_phone", phone=(
            Link(f"tel:{str(phone).replace(' ', '')}", (Text(str(phone), neutral),)),)))
    post: list[Inline] = [Text(name or str(get("name")), name_origin or _field(
        ctx, origin, "name"))]
    one_line = ctx.doc.council.postal_addresses == "one-line"
    for i, line in enumerate(get("address") or ()):  # type: ignore[arg-type]
        post += [Text(", ") if one_line else LineBreak(),
                 Text(str(line), _field(ctx, origin, "address", i))]
    lines.append(ctx.compose("contact_post", address=tuple(post)))
    if website:
        lines.append(ctx.compose("contact_website", website=(
            Link(str(website), (Text(str(website), neutral),)),)))
    return Address(tuple(lines))


def _field(ctx: Context, origin: Origin | None, *field: str | int) -> Origin | None:
    """The origin of one field of a contact whose origin is `origin`, with its language."""
    if origin is None or not origin.path:
        return origin
    if origin.owner == "council":
        return ctx.council_origin(origin.path + field)
    if origin.owner == "document":
        return ctx.origin(origin.path + field)
    return dataclasses.replace(origin, path=(origin.path[0], *field))


def retention_rules(ctx: Context, rules: Sequence[Any], path: tuple[Any, ...]) -> Shown:
    found: list[Block] = []
    for i, rule in enumerate(rules):
        words: list[Inline | Block] = []
        if rule.records and not rule.rule.lower().startswith(rule.records.lower()):
            words += [Styled("strong", (Text(f"{rule.records}:", ctx.origin(
                path + (i, "records"))),)), Text(" ")]
        words += inlines(rule.rule, ctx.origin(path + (i, "rule")))
        found.append(Paragraph(tuple(words)))  # type: ignore[arg-type]
    return (Group(tuple(found), "retention"),) if found else ()
