"""Citations of the law as a page prints them: the words (the document's, or the registry's
in the page's language), linked to the law, with the reason it applies; in a layer for young
people or in Easy Read, the plain reason instead of the article number."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from ..source.languages import DEFAULT_LANGUAGE
from ..source.loader import Path_
from ..source.models import LegalReference, Provision
from ..source.registry import role_of
from .context import Context, NoticeContext
from .markup import inlines, plain_text
from .tree import Block, Inline, Link, Origin, Paragraph, Text, is_inline


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
    """The reference as the notice words it, with the law's words linked to the law; in a
    layer for young people or in Easy Read, its plain reason instead of article numbers."""
    ref = c.reference
    if getattr(ctx.doc.model, "audience", "everyone") != "everyone" and not ref.wording:
        return (plain_reason(ctx, c),)
    words, words_origin = citation_words(ctx, c)
    link = Link(c.url, (Text(words, words_origin),), law=tuple(p.id for p in c.provisions),
                reference=c.path)
    if ref.wording:
        body = inlines(ref.wording, ctx.origin(c.path + ("wording",)))
        linked, found = link_words(body, words, link)
        if found:
            return linked
        return (*body, Text(" ("), link, Text(")"))
    if not ref.reason:
        return (link,)
    joiner = " " if ref.cited_as else ": "
    return (link, Text(joiner), *inlines(ref.reason, ctx.origin(c.path + ("reason",))))


def plain_reason(ctx: Context, c: Citation) -> Link:
    """The reason the law applies, in the layer's words (or the registry's plain summary of
    it), linked to the law: what it means, not its article number."""
    ref = c.reference
    if ref.reason:
        words = reason_words(ctx, ref.reason, c.path + ("reason",))
    else:
        summary, origin = ctx.worded(c.provisions[0], "summary", f"provisions:"
                                     f"{c.provisions[0].id}")
        words = (Text(summary, origin),)
    return Link(c.url, words, law=tuple(p.id for p in c.provisions), reference=c.path)


def reason_words(ctx: Context, reason: str, path: Path_) -> tuple[Inline, ...]:
    """A plain reason as words in a line: its paragraphs run together when it has more."""
    words = inlines(reason, ctx.origin(path))
    if all(map(is_inline, words)):
        return words
    return plain_text(reason, ctx.origin(path))


def cited_block(ctx: Context, c: Citation) -> tuple[Block, ...]:
    """`cited` as one or more paragraphs."""
    content = cited(ctx, c)
    if content and not is_inline(content[0]):
        return content  # type: ignore[return-value]
    return (Paragraph(content),)  # type: ignore[arg-type]


def link_words(nodes: tuple[Inline | Block, ...], words: str, link: Link
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
                inner, found = link_words(inner, words, link)
                node = dataclasses.replace(node, **{name: inner})  # type: ignore[arg-type]
            out.append(node)
    return tuple(out), found


def citation_words(ctx: Context, c: Citation) -> tuple[str, Origin]:
    """The words a citation prints: the document's `cited_as`, or else the registry's
    citation of each provision in the page's language when the registry gives it."""
    if c.reference.cited_as:
        return c.text, ctx.origin(c.path + ("cited_as",))
    words = [ctx.worded(p, "citation", f"provisions:{p.id}") for p in c.provisions]
    languages = {origin.language for _, origin in words}
    origin = words[0][1]
    if len(languages) > 1:  # partly translated: the whole citation is the English one
        return c.text, ctx.registry_origin(f"provisions:{c.provisions[0].id}",
                                            DEFAULT_LANGUAGE, "citation")
    return ctx.locale.joined([text for text, _ in words]), origin


def notice_citations(ctx: NoticeContext) -> list[Citation]:
    return citations(ctx.notice.legal_bases, ctx.doc.registry.provisions,
                     ("legal_bases",))
