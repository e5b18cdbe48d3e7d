"""What every kind of document prints the same way: the title block, the footer, contact
details and citations of the law, each text with the place it came from."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import Location
from ..loader import Path_
from ..locale import Locale
from ..models import Contact, LegalReference, Provision
from ..models.base import SignOff
from ..publication import (
    Address,
    Block,
    Cell,
    Heading,
    Inline,
    Link,
    Origin,
    Paragraph,
    Publication,
    Row,
    RowGroup,
    Table,
    Text,
    Time,
    is_inline,
)
from ..registry import role_of
from ..resolved import ResolvedDocument
from .markup import inlines, plain_text

STYLESHEET = "assets/style.css"
FORM_STYLESHEET = "assets/form.css"  # added for screenings, which print as forms
# The strings the page frame prints around the publication (base.html).
FRAME_STRINGS = ("skip_link", "page_number")


@dataclass(frozen=True)
class Context:
    """A document being published, in one language."""

    doc: ResolvedDocument
    locale: Locale

    def origin(self, path: Path_) -> Origin:
        """Where a value of the document (or what it inherits) was written."""
        return Origin(self.doc.source.locate(path), path)

    def council_origin(self, path: Path_) -> Origin:
        return Origin(self.doc.locate_council(path), path, "council")

    def registry_origin(self, key: str) -> Origin:
        where = self.doc.registry.defined_at.get(key, Location("legal_bases"))
        return Origin(where, (), "registry")

    def text(self, key: str, **values: object) -> Text:
        """A fixed string of the locale, as printed words."""
        return Text(self.locale.text(key, **values))

    def compose(self, key: str, **parts: Sequence[Inline] | str) -> tuple[Inline, ...]:
        """The locale's string `key` with its placeholders replaced by inline content."""
        out: list[Inline] = []
        for i, piece in enumerate(self.locale.pieces(key)):
            if i % 2 == 0:
                if piece:
                    out.append(Text(piece))
                continue
            value = parts[piece]
            out += [Text(value)] if isinstance(value, str) else list(value)
        return tuple(out)

    def joined(self, items: Sequence[Sequence[Inline]], joiner: str = "and"
               ) -> tuple[Inline, ...]:
        """'A', 'A and B', 'A, B and C' with each item's own content."""
        separators = self.locale.separators(len(items), joiner)
        out: list[Inline] = []
        for i, item in enumerate(items):
            out += item
            if i < len(separators):
                out.append(Text(separators[i]))
        return tuple(out)

    def date(self, day: dt.date, style: str = "day") -> Time:
        """A date as this language writes it, with its machine-readable form."""
        return Time(day, (Text(self.locale.date(day, style)),))


def title_block(ctx: Context) -> tuple[Block, ...]:
    """The title, the line under it and the date, as the document asks."""
    model = ctx.doc.model
    found: list[Block] = [Heading(1, plain_text(model.title, ctx.origin(("title",))))]
    if model.subtitle:
        found.append(Paragraph(plain_text(model.subtitle, ctx.origin(("subtitle",))),
                               role="subtitle"))
    if model.show_date != "none":
        found.append(Paragraph((ctx.date(model.published, model.show_date),), role="date"))
    return tuple(found)


def footer(ctx: Context) -> tuple[Inline, ...]:
    """'The council · 1 February 2017 · version 2.0'."""
    model = ctx.doc.model
    parts: list[str] = [ctx.doc.council.name]
    if model.show_date != "none":
        parts.append(ctx.locale.date(model.published, model.show_date))
    if model.version:
        parts.append(ctx.locale.text("version", version=model.version))
    return (Text(ctx.locale.text("footer_separator").join(parts)),)


def publication(ctx: Context, body: tuple[Block, ...], *, form: bool = False
                ) -> Publication:
    """The publication of `ctx.doc` with the title block, footer and frame strings."""
    doc = ctx.doc
    locale = ctx.locale
    return Publication(
        kind=doc.kind, language=locale.language, lang=locale.tag, title=doc.model.title,
        council=doc.council.name, published=doc.model.published, header=title_block(ctx),
        body=body, footer=footer(ctx),
        strings={**{key: locale.strings[key] for key in FRAME_STRINGS},
                 "page_title": locale.text("page_title", title=doc.model.title,
                                           council=doc.council.name)},
        stylesheets=(STYLESHEET, FORM_STYLESHEET) if form else (STYLESHEET,),
        role="form" if form else None)


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
            name: str | None = None) -> Address:
    """Email, phone, postal address and website, one line each, in the locale's words."""
    get = contact.get if isinstance(contact, dict) else lambda key: getattr(contact, key, None)
    lines: list[tuple[Inline, ...]] = []
    email, phone, website = get("email"), get("phone"), get("website")
    if email:
        lines.append(ctx.compose("contact_email", email=(
            Link(f"mailto:{email}", (Text(str(email), origin),)),)))
    if phone:
        lines.append(ctx.compose("contact_phone", phone=(
            Link(f"tel:{str(phone).replace(' ', '')}", (Text(str(phone), origin),)),)))
    post = [name or str(get("name")), *(get("address") or ())]  # type: ignore[misc]
    lines.append(ctx.compose("contact_post", address=(Text(", ".join(post), origin),)))
    if website:
        lines.append(ctx.compose("contact_website", website=(
            Link(str(website), (Text(str(website), origin),)),)))
    return Address(tuple(lines))


# --- citations of the law -----------------------------------------------------------------

@dataclass(frozen=True)
class Citation:
    """A legal reference ready to print: the words, the provisions, where to read the law."""

    text: str
    provisions: tuple[Provision, ...]
    reference: LegalReference
    path: Path_
    schedule_1: Citation | None

    @property
    def url(self) -> str:
        return self.provisions[0].url

    @property
    def role(self) -> str:
        """article-6, article-9, article-10, schedule-1 or gateway (any other law)."""
        return role_of(self.provisions)

    @property
    def group(self) -> str | None:
        return self.reference.group


def citation(reference: LegalReference, provisions: dict[str, Provision], path: Path_
             ) -> Citation:
    found = tuple(provisions[i] for i in reference.provision_ids)
    text = reference.cited_as or " and ".join(p.citation for p in found)
    schedule_1 = (citation(reference.schedule_1, provisions, path + ("schedule_1",))
                  if reference.schedule_1 else None)
    return Citation(text, found, reference, path, schedule_1)


def citations(references: Sequence[LegalReference], provisions: dict[str, Provision],
              path: Path_) -> list[Citation]:
    return [citation(r, provisions, path + (i,)) for i, r in enumerate(references)]


def cited(ctx: Context, c: Citation) -> tuple[Inline | Block, ...]:
    """The reference as the notice words it, with the law's words linked to the law."""
    ref = c.reference
    words_origin = (ctx.origin(c.path + ("cited_as",)) if ref.cited_as
                    else ctx.registry_origin(f"provisions:{c.provisions[0].id}"))
    link = Link(c.url, (Text(c.text, words_origin),), law=tuple(p.id for p in c.provisions),
                reference=c.path)
    if ref.wording:
        body = inlines(ref.wording, ctx.origin(c.path + ("wording",)))
        linked, found = _link_words(body, c.text, link)
        if found:
            return linked
        return (*body, Text(" ("), link, Text(")"))
    if not ref.reason:
        return (link,)
    joiner = " " if ref.cited_as else ": "
    return (link, Text(joiner), *inlines(ref.reason, ctx.origin(c.path + ("reason",))))


def cited_block(ctx: Context, c: Citation) -> tuple[Block, ...]:
    """`cited` as one or more paragraphs."""
    content = cited(ctx, c)
    if content and not is_inline(content[0]):
        return content  # type: ignore[return-value]
    return (Paragraph(content),)  # type: ignore[arg-type]


def _link_words(nodes: tuple[Inline | Block, ...], words: str, link: Link
                ) -> tuple[tuple[Inline | Block, ...], bool]:
    """`nodes` with the first occurrence of `words` in their text (never inside a link, an
    attribute or across two runs) replaced by `link`."""
    out: list[Inline | Block] = []
    found = False
    for node in nodes:
        if found or isinstance(node, Link):
            out.append(node)
        elif isinstance(node, Text) and words in node.text:
            before, _, after = node.text.partition(words)
            out += [Text(before, node.origin)] if before else []
            out.append(link)
            out += [Text(after, node.origin)] if after else []
            found = True
        else:
            name = "children" if hasattr(node, "children") else "content"
            inner = getattr(node, name, None)
            if isinstance(inner, tuple) and inner:
                inner, found = _link_words(inner, words, link)
                node = dataclasses.replace(node, **{name: inner})  # type: ignore[arg-type]
            out.append(node)
    return tuple(out), found
