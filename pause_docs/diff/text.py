"""Changes in the free text a reader sees, word by word, and in the order of lists."""

from __future__ import annotations

from ..models import LegalReference, Provision
from ..models.notice import Notice
from ..project import ResolvedDocument
from .content import shows
from .records import Change, notice_of
from .words import match_items, norm, words

# --- free text -------------------------------------------------------------------------------

_COMPLAINT_STEPS = (("first_step", "first step"), ("to_dpo", "to the DPO"),
                    ("online_form", "online form"), ("to_regulator", "to the regulator"))


def _passages(model: Notice) -> list[tuple[str, str]]:
    """The free text a reader sees, as (where it is, text), in page order."""
    found: list[tuple[str, str]] = [("title", model.title)]
    if model.subtitle:
        found.append(("subtitle", model.subtitle))
    part = "opening"
    for section in model.sections:
        if section.heading:
            part = f"'{section.heading}'"
            found.append(("heading", section.heading))
        if section.intro:
            found.append((f"{part}: introduction", section.intro))
        show = section.show
        if show == "summary" and model.summary:
            found.append((f"{part}: summary", model.summary))
        elif show == "purpose" and model.purpose:
            found.append((f"{part}: purpose", model.purpose))
        elif show == "phases":
            found += [(f"{part}: phase {i}", p) for i, p in enumerate(model.phases, 1)]
        elif show == "complaints" and shows(model, "complaints"):
            found += [(f"{part}: complaints, {what}", getattr(model.complaints, name))
                      for name, what in _COMPLAINT_STEPS if getattr(model.complaints, name)]
        if section.text:
            found.append((f"{part}: text", section.text))
    counted: dict[str, int] = {}
    labelled = []
    for label, text in found:
        counted[label] = counted.get(label, 0) + 1
        n = counted[label]
        unique = label if n == 1 or label == "heading" else f"{label} ({n})"
        labelled.append((unique, norm(text)))
    return labelled


def text_changes(old: Notice, new: Notice) -> list[Change]:
    was, now = _passages(old), _passages(new)
    changes = _compare_passages([p for p in was if not p[0].startswith("heading")],
                                [p for p in now if not p[0].startswith("heading")], True)
    return _compare_passages([p for p in was if p[0].startswith("heading")],
                             [p for p in now if p[0].startswith("heading")], False) + changes


def _compare_passages(was: list[tuple[str, str]], now: list[tuple[str, str]],
                      by_place: bool) -> list[Change]:
    """Text that did not change is matched wherever it moved to; then text in the same
    place (`by_place`), then similar text, is compared word by word."""
    pairs, removed, added = match_items(was, now, lambda p: p[1])
    place = (lambda p: p[0]) if by_place else (lambda p: p[1])
    pairs, removed, added = match_items(removed, added, place, lambda p: p[1])
    changes = [Change("text", "changed", where, "wording", old=a, new=b, words=words(a, b))
               for (_, a), (where, b) in pairs]
    changes += [Change("text", "removed", where, "wording", old=text, words=(("-", text),))
                for where, text in removed]
    changes += [Change("text", "added", where, "wording", new=text, words=(("+", text),))
                for where, text in added]
    return changes


# --- order -----------------------------------------------------------------------------------

def order_changes(old: ResolvedDocument, new: ResolvedDocument) -> list[Change]:
    """Lists whose items are the same but in another order: presentation, not law."""
    provisions = new.registry.provisions
    lists: list[tuple[str, list[str], list[str]]] = [
        ("legal bases", [_basis_label(r, provisions) for r in notice_of(old).legal_bases],
         [_basis_label(r, provisions) for r in notice_of(new).legal_bases]),
        ("rights", [new.registry.rights[e.right].title for e in notice_of(old).rights
                    if e.right in new.registry.rights],
         [new.registry.rights[e.right].title for e in notice_of(new).rights]),
        ("recipients", [r.name for r in notice_of(old).recipients],
         [r.name for r in notice_of(new).recipients]),
        ("categories of personal data", [c.name for c in notice_of(old).data_categories],
         [c.name for c in notice_of(new).data_categories]),
        ("sources", [s.name for s in notice_of(old).sources],
         [s.name for s in notice_of(new).sources]),
        ("retention rules", [r.rule for r in notice_of(old).retention],
         [r.rule for r in notice_of(new).retention]),
        ("safeguards", list(notice_of(old).safeguards), list(notice_of(new).safeguards)),
        ("headings", [s.heading for s in notice_of(old).sections if s.heading],
         [s.heading for s in notice_of(new).sections if s.heading]),
    ]
    changes = []
    for what, was, now in lists:
        common = [x for x in was if x in now]
        moved = [x for x in now if x in was]
        if common != moved:
            changes.append(Change("order", "reordered", what, "presentation",
                                  old="; ".join(norm(x) for x in common),
                                  new="; ".join(norm(x) for x in moved)))
    return changes


def _basis_label(ref: LegalReference, provisions: dict[str, Provision]) -> str:
    return " and ".join(provisions[i].citation for i in ref.provision_ids if i in provisions)
