"""Changes in the free text a reader sees, word by word, and in the order of lists."""

from __future__ import annotations

from ..publish.printed import texts_of
from ..publish.tree import Publication
from ..source.loader import Path_
from ..source.models import LegalReference, Provision
from ..source.resolved import ResolvedDocument
from .content import COMPARED
from .records import Change, notice_of
from .words import match_items, norm, words

# --- free text -------------------------------------------------------------------------------

# Fields whose words are compared for what they mean in law (content.py, law.py), not here.
_IN_LAW = {*COMPARED, "legal_bases", "data_subjects"}
_NAMES = {"intro": "introduction", "first_step": "first step", "to_dpo": "to the DPO",
          "online_form": "online form", "to_regulator": "to the regulator",
          "about_programme": "about the programme"}


def label_of(path: Path_) -> str:
    """'introduction', 'complaints, to the DPO', 'phase 2': where on the page a text is."""
    if path[:1] == ("sections",):
        path = path[2:]
    if path[:1] == ("phases",) and len(path) == 2 and isinstance(path[1], int):
        return f"phase {path[1] + 1}"
    if path == ("programme", "description"):  # what the notice says when it says nothing
        return _NAMES["about_programme"]
    return ", ".join(str(p + 1) if isinstance(p, int) else _NAMES.get(p, p.replace("_", " "))
                     for p in path)


def _passages(page: Publication) -> list[tuple[str, str]]:
    """The free text a reader sees, as (where it is, text), in page order: the council's own
    words that no legal comparison covers (headings are labelled 'heading')."""
    found: list[tuple[str, str]] = []
    last: Path_ | None = None
    for printed in texts_of(page):
        origin = printed.origin
        if origin is None or origin.owner != "document" or printed.printed_as == "citation" \
                or not origin.path or origin.path[0] in _IN_LAW:
            continue
        if printed.printed_as == "heading" and origin.path[:1] == ("sections",):
            found.append(("heading", printed.text))
            last = None
            continue
        label = label_of(origin.path)
        if origin.path[0] not in ("title", "subtitle"):
            part = f"'{printed.section}'" if printed.section else "opening"
            label = f"{part}: {label}"
        if found and origin.path == last:  # one text: its paragraphs, or runs around a link
            found[-1] = (label, f"{found[-1][1]} {printed.text}")
        else:
            found.append((label, printed.text))
        last = origin.path
    counted: dict[str, int] = {}
    labelled = []
    for label, text in found:
        counted[label] = counted.get(label, 0) + 1
        n = counted[label]
        unique = label if n == 1 or label == "heading" else f"{label} ({n})"
        labelled.append((unique, norm(text)))
    return labelled


def text_changes(old: Publication, new: Publication) -> list[Change]:
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
