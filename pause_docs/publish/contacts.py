"""How to reach the council and the regulator, and the rights people have: the rights,
complaints, DPO and further-information blocks of a notice, and the link to the council's
main notice for what that notice covers instead."""

from __future__ import annotations

from ..source.models import Contact
from ..source.models.sections import Section
from .citations import link_words
from .common import Shown, address, main_notice
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
    Origin,
    Paragraph,
    Styled,
    Text,
    plain,
)


def contact(ctx: NoticeContext) -> Contact | None:
    """The contact the notice prints: the DPO, or without one the enquiries team."""
    return ctx.doc.council.dpo or ctx.doc.council.enquiries


def contact_group(ctx: NoticeContext) -> Block | None:
    """The DPO's (or, without one, the enquiries team's) contact details."""
    council = ctx.doc.council
    who = contact(ctx)
    if who is None:
        return None
    key = "dpo" if council.dpo else "enquiries"
    inner: Block = Group((address(ctx, who, ctx.council_origin((key,))),), "controller-contact")
    return Group((inner,), "dpo") if council.dpo else inner


def pointer(ctx: NoticeContext, covered: str, index: int | None = None) -> Shown | None:
    """The link to the council's main (or a layer's full) notice, for a block it covers
    (None: the notice gives the block itself).  A service notice points to its main notice
    once, in the first section that shows a part the main notice covers, in its own words
    (`top_level_notice.pointer`) or the locale's; that sentence stands for every part."""
    link = main_notice(ctx) if covered in ctx.notice.deferred() else None
    if link is None:
        return None
    if covered == "legal-bases":
        paragraph = Paragraph(ctx.compose("parent_legal_bases", link=(link,)), role="layered")
        return (Group((paragraph,), covered, via=link.href),)
    top = ctx.notice.top_level_notice
    if top is None:  # a layer points to its full notice for each part
        paragraph = Paragraph(ctx.compose(f"layer_{covered}", link=(link,)), role="layered")
        return (Group((Group((paragraph,), "controller-contact", via=link.href),), covered,
                      via=link.href),)
    together = [c for c in ("rights", "complaints", "dpo") if c in ctx.notice.deferred()]
    first = next((i for i, s in enumerate(ctx.notice.sections) if s.show in together), None)
    if index != first:
        return ()
    if top.pointer:
        words = inlines(top.pointer, ctx.origin(("top_level_notice", "pointer")))
        linked, found = link_words(words, plain(link.children), link)
        content = linked if found else (*words, Text(" "), link)
    else:
        content = _without_doubled_word(ctx.compose("parent_notice", link=(link,)), link)
    shown: Block = Group((Paragraph(content, role="layered"),),  # type: ignore[arg-type]
                         "controller-contact", via=link.href)
    for topic in together:
        shown = Group((shown,), topic, via=link.href)
    return (shown,)


def _without_doubled_word(words: tuple[Inline, ...], link: Link) -> tuple[Inline, ...]:
    """'in our {link}' with a title 'Our corporate privacy notice': 'in our' loses its
    'our', so the sentence does not say it twice."""
    at = words.index(link)
    before = words[at - 1] if at else None
    title = plain(link.children).split(maxsplit=1)
    if not isinstance(before, Text) or not title:
        return words
    head, _, last = before.text.rstrip().rpartition(" ")
    if last.lower() != title[0].lower():
        return words
    return (*words[:at - 1], Text(f"{head} " if head else ""), *words[at:])


def _rights(ctx: NoticeContext, section: Section, index: int) -> Shown:
    parent = pointer(ctx, "rights", index)
    if parent is not None:
        return parent
    registry = ctx.doc.registry
    items = []
    for i, entry in enumerate(ctx.notice.rights):
        if entry.wording:
            items.append(Item(inlines(entry.wording, ctx.origin(("rights", i, "wording")))))
            continue
        right = registry.rights[entry.right]
        title, origin = ctx.worded(right, "title", f"rights:{right.id}")
        summary, summary_origin = ctx.worded(right, "summary", f"rights:{right.id}")
        items.append(Item((Styled("strong", (Text(title, origin),)), Text(": "),
                           *inlines(summary, summary_origin))))
    if not items:
        return ()
    ids = tuple(e.right for e in ctx.notice.rights)
    return (Group((ListBlock(tuple(items), role="rights"),), "rights", ids),)


def _complaints(ctx: NoticeContext, section: Section, index: int) -> Shown:
    parent = pointer(ctx, "complaints", index)
    if parent is not None:
        return parent
    steps = ctx.notice.complaints
    council = ctx.doc.council
    found: list[Block] = list(blocks(steps.first_step, ctx.origin(("complaints", "first_step"))))
    to_dpo: list[Block] = list(blocks(steps.to_dpo, ctx.origin(("complaints", "to_dpo"))))
    group = contact_group(ctx)
    if group is not None and not any(s.show == "dpo" for s in ctx.notice.sections):
        to_dpo.append(group)
    if to_dpo:  # nothing when the notice says no step to the DPO and shows them elsewhere
        found.append(Division(tuple(to_dpo), role="contact-block"))
    form = council.complaints_form or council.website
    if steps.online_form and form:
        key = "complaints_form" if council.complaints_form else "website"
        found.append(Group((Paragraph((
            *inlines(steps.online_form, ctx.origin(("complaints", "online_form"))), Text(" "),
            Link(form, (Text(form, ctx.council_origin((key,))),)))),),
            "complaint-form"))
    found.append(Division(_regulator(ctx), role="contact-block"))
    return (Group(tuple(found), "complaints"),)


def _regulator(ctx: NoticeContext) -> tuple[Block, ...]:
    steps = ctx.notice.complaints
    found: list[Block] = list(blocks(steps.to_regulator, ctx.origin(("complaints",
                                                                       "to_regulator"))))
    regulator = ctx.doc.registry.regulator
    if regulator and steps.regulator_address:
        name, origin = ctx.worded(regulator.name_on(ctx.notice.published), "name",
                                  "bodies:regulator")
        found.append(address(ctx, {"name": name, "address": regulator.address,
                                   "phone": regulator.phone, "website": regulator.website},
                             ctx.registry_origin("bodies:regulator"), name_origin=origin))
    if not found:
        return ()
    return (Group(tuple(found), "complaint-to-regulator" if steps.to_regulator
                  else "regulator"),)


def _dpo(ctx: NoticeContext, section: Section, index: int) -> Shown:
    parent = pointer(ctx, "dpo", index)
    if parent is not None:
        return parent
    group = contact_group(ctx)
    return (group,) if group is not None else ()


def _further_information(ctx: NoticeContext, section: Section, index: int) -> Shown:
    programme = ctx.doc.programme
    words: list[Inline] = []
    if programme and programme.website:
        where = ctx.doc.provenance.locate_programme(("website",))
        words += ctx.compose("further_information_web", link=(Link(programme.website, (
            Text(programme.website, Origin(where, ("programme", "website"))),)),))
    council = ctx.doc.council
    who = council.enquiries or council.dpo
    key = "enquiries" if council.enquiries else "dpo"
    if who and who.email:
        email = Link(f"mailto:{who.email}", (Text(who.email, ctx.council_origin(
            (key, "email"))),))
        words += ctx.compose("further_information_email", who=plain_text(
            who.name, ctx.council_origin((key, "name"))), email=(email,))
    paragraph = Paragraph(tuple(words))
    if who and who.email:
        return (Group((paragraph,), "controller-contact"),)
    return (paragraph,)


BLOCKS = {"rights": _rights, "complaints": _complaints, "dpo": _dpo,
          "further-information": _further_information}
