"""Who the information is about and who decides what happens to it: the data-subjects,
controller and automated-decisions blocks of a notice, and a recipient's role."""

from __future__ import annotations

from ..source.models.notice import Recipient
from ..source.models.sections import Section
from .common import Shown, address
from .context import NoticeContext
from .markup import blocks, inlines, plain_text
from .tree import Block, Group, Inline, Item, ListBlock, Paragraph

ROLES_NAMED = ("processor", "joint-controller", "independent-controller")
"""The roles printed beside a recipient's name ('recipient' says nothing more)."""


def described(ctx: NoticeContext, name: tuple[Inline, ...], detail: tuple[Inline, ...]
              ) -> tuple[Inline, ...]:
    """A name with its detail: 'Health (such as ...)', in the locale's words."""
    return ctx.compose("item_detail", name=name, detail=detail) if detail else name


def role_of(ctx: NoticeContext, recipient: Recipient) -> tuple[Inline, ...]:
    """'(processor)', '(joint controller)', ... after a recipient's name; nothing for a plain
    recipient."""
    if recipient.role not in ROLES_NAMED:
        return ()
    return ctx.compose("recipient_role", role=(ctx.text(f"role_{recipient.role}"),))


def _data_subjects(ctx: NoticeContext, section: Section, index: int) -> Shown:
    items = []
    for i, subject in enumerate(ctx.notice.data_subjects):
        path = ("data_subjects", i)
        items.append(described(ctx, plain_text(subject.name, ctx.origin(path + ("name",))),
                               inlines(subject.description, ctx.origin(path + (
                                   "description",)))))
    found = ctx.listed(section, index, items, role="data-subjects")
    names = tuple(s.name for s in ctx.notice.data_subjects)
    return (Group(tuple(found), "data_subjects", names),) if found else ()


def _automated_decisions(ctx: NoticeContext, section: Section, index: int) -> Shown:
    """Whether decisions are made by automated means (UK GDPR Art 22), and if they are, the
    notice's account of the logic and its consequences (Art 13(2)(f) / 14(2)(g))."""
    feature = ctx.notice.automated_decisions
    if feature is None:
        return ()
    said = blocks(feature.description, ctx.origin(("automated_decisions", "description")))
    if feature.applies:
        found: tuple[Block, ...] = (Paragraph(ctx.compose("automated_decisions_made")), *said)
    else:
        found = said or (Paragraph(ctx.compose("automated_decisions_none")),)
    return (Group(found, "automated_decisions"),)


def _controller(ctx: NoticeContext, section: Section, index: int) -> Shown:
    """'<Council> is the controller of ...', its postal address and registration number,
    then any joint controllers and processors among the recipients, with what they do."""
    council = ctx.doc.council
    name = (plain_text(council.name, ctx.council_origin(("name",))))
    found: list[Block] = [Paragraph(ctx.compose("controller_is", council=name))]
    found.append(Group((address(ctx, {"name": council.name, "address": council.address,
                                      "website": council.website},
                                ctx.council_origin(()), name_origin=ctx.council_origin(
                                    ("name",))),), "controller-contact"))
    if council.ico_registration:
        found.append(Paragraph(ctx.compose("controller_registration", number=plain_text(
            council.ico_registration, ctx.council_origin(("ico_registration",))))))
    for role in ("joint-controller", "processor"):
        chosen = [(i, r) for i, r in enumerate(ctx.notice.recipients) if r.role == role]
        if not chosen:
            continue
        found.append(Paragraph(ctx.compose(f"controller_{role}s")))
        found.append(ListBlock(tuple(Item(described(
            ctx, plain_text(r.name, ctx.origin(("recipients", i, "name"))),
            inlines(r.purpose, ctx.origin(("recipients", i, "purpose")))))
            for i, r in chosen), role=f"{role}s"))
    return (Group(tuple(found), "controller", (council.name,)),)


BLOCKS = {"data-subjects": _data_subjects, "automated-decisions": _automated_decisions,
          "controller": _controller}
