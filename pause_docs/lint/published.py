"""What a document publishes: the legal references, text and blocks its sections show, each
with the place in the YAML where it was written.

Data a document inherits but never shows (a programme's complaints wording in a notice with
no complaints section) is not published, so the checks leave it alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..errors import Location
from ..loader import Path_
from ..models import Contact, LegalReference, Notice, Provision
from ..project import COUNCIL_FILE, COUNCILS_DIR, ResolvedDocument
from ..registry import role_of
from .setting import grade_note as grade_note
from .setting import graded as graded
from .setting import long_day as long_day

# UK GDPR and the DPA 2018 applied from this day: the transparency, rights and plain-language
# rules (Arts 12-14, 21, 37) judge documents published from then on, and documents written
# for them (relying on an Art 6(1) basis) published before.
GDPR_APPLIED = dt.date(2018, 5, 25)
# A notice may go out a little ahead of the law it relies on, as councils' GDPR notices did
# in May 2018 for the day it applied; earlier than this, relying on it is a mistake.
AHEAD_OF_COMMENCEMENT = dt.timedelta(days=31)

# Which keys of the document each block prints (see templates/_block_*.html).
BLOCK_FIELDS: dict[str, tuple[str, ...]] = {
    "summary": ("summary",),
    "purpose": ("purpose",),
    "purposes": ("purposes",),
    "phases": ("phases",),
    "data-categories": ("data_categories",),
    "sources": ("sources",),
    "recipients": ("recipients",),
    "safeguards": ("safeguards",),
    "retention": ("retention",),
    "transfers": ("transfers",),
    "rights": ("rights",),
    "complaints": ("complaints",),
}
# Which keys of a data-matching annex each matching-* block prints.
MATCHING_FIELDS: dict[str, tuple[str, ...]] = {
    "matching-purpose": ("name", "purpose"),
    "matching-criteria": ("criteria_intro", "criteria"),
    "matching-data-sent": ("data_sent",),
    "matching-datasets": ("datasets",),
    "matching-retention": ("retention",),
    "matching-legal-bases": ("legal_bases",),
    "matching-contact": ("contact_intro", "contact"),
}
# Keys that hold ids, dates, switches or layout rather than words people read.
NOT_TEXT = {"provision", "right", "kind", "published", "show_date", "programme", "show", "only",
            "style", "matching", "level", "use", "group", "id", "special_category",
            "criminal_offence", "children", "vulnerable", "publicly_accessible", "outside_uk",
            "regulator_address", "criteria_minimum", "covers", "url"}


@dataclass(frozen=True)
class Reference:
    """One legal reference as published, with its provisions and the role it plays."""

    reference: LegalReference
    path: Path_
    provisions: tuple[Provision, ...]

    @property
    def role(self) -> str:
        return role_of(self.provisions)


@dataclass(frozen=True)
class Text:
    """One piece of published text and where it was written."""

    text: str
    where: Location


class Published:
    """The parts of a resolved document that its sections print."""

    def __init__(self, doc: ResolvedDocument) -> None:
        self.doc = doc
        self.data: dict[str, Any] = doc.source.data
        # A screening prints all it holds; a notice prints what its sections show.
        self.is_notice = isinstance(doc.model, Notice)
        sections = doc.model.sections if isinstance(doc.model, Notice) else ()
        self.blocks = {s.show for s in sections if s.show}
        # Block -> the groups its sections ask for (None: the items with no group).
        self._groups: dict[str, set[str | None]] = {}
        self._matching_groups: dict[tuple[str, str], set[str | None]] = {}
        for section in sections:
            if not section.show:
                continue
            if section.matching:
                key = (section.matching, section.show)
                self._matching_groups.setdefault(key, set()).add(section.only)
            else:
                self._groups.setdefault(section.show, set()).add(section.only)

    @property
    def notice(self) -> Notice:
        """The document as a notice: the checks of what a notice must say use it."""
        assert isinstance(self.doc.model, Notice), "only notices are checked for content"
        return self.doc.model

    @property
    def under_gdpr(self) -> bool:
        """Published when the UK GDPR applied, or written for it (relying on an Art 6(1)
        basis) before."""
        return self.doc.model.published >= GDPR_APPLIED or any(
            p.basis for ref in self.references() for p in ref.provisions)

    def locate(self, path: Path_) -> Location:
        return self.doc.source.locate(path)

    def shows(self, *blocks: str) -> bool:
        return any(b in self.blocks for b in blocks)

    def _item_shown(self, block: str, item: Any) -> bool:
        group = item.get("group") if isinstance(item, dict) else None
        return group in self._groups.get(block, set())

    # --- legal references -------------------------------------------------------------
    def references(self, *, shown_only: bool = True) -> list[Reference]:
        """Every legal reference (with its Schedule 1 companion) the document prints; with
        `shown_only=False`, every one it holds."""
        provisions = self.doc.registry.provisions
        found: list[Reference] = []

        def add(ref: LegalReference, path: Path_) -> None:
            found.append(Reference(ref, path, tuple(provisions[i] for i in ref.provision_ids
                                                     if i in provisions)))
            if ref.schedule_1 is not None:
                add(ref.schedule_1, path + ("schedule_1",))

        model = self.doc.model
        if not isinstance(model, Notice):
            for ref, path in _references_in(model, ()):
                add(ref, path)
            return found
        for i, ref in enumerate(model.legal_bases):
            if not shown_only or self._reference_shown(ref, provisions):
                add(ref, ("legal_bases", i))
        if not shown_only or self.shows("purposes"):
            for p, purpose in enumerate(model.purposes):
                for i, ref in enumerate(purpose.legal_bases):
                    add(ref, ("purposes", p, "legal_bases", i))
        for m, annex in enumerate(model.data_matching):
            groups = self._matching_groups.get((annex.id, "matching-legal-bases"), set())
            for i, ref in enumerate(annex.legal_bases):
                if not shown_only or ref.group in groups:
                    add(ref, ("data_matching", m, "legal_bases", i))
        return found

    def _reference_shown(self, ref: LegalReference, provisions: dict[str, Provision]) -> bool:
        role = role_of(provisions[i] for i in ref.provision_ids if i in provisions)
        blocks = ["legal-bases", "gateways" if role == "gateway" else "lawful-basis"]
        return any(ref.group in self._groups.get(b, set()) for b in blocks)

    # --- text ---------------------------------------------------------------------------
    def texts(self) -> Iterator[Text]:
        """Every published piece of text written in the document or inherited by it."""
        data = self.data
        if not self.is_notice:
            yield from self._walk(data, ())
            return
        for key, block in ((k, b) for b, keys in BLOCK_FIELDS.items() for k in keys):
            if block in self.blocks and key in data:
                value = data[key]
                if isinstance(value, list):
                    for i, item in enumerate(value):
                        if block not in ("recipients", "purposes") or self._item_shown(block,
                                                                                        item):
                            yield from self._walk(item, (key, i))
                else:
                    yield from self._walk(value, (key,))
        for ref in self.references():
            yield from self._walk(_reference_text(ref.reference), ref.path)
        for i, section in enumerate(data.get("sections", [])):
            for key in ("heading", "intro", "text"):
                if isinstance(section, dict) and isinstance(section.get(key), str):
                    yield Text(section[key], self.locate(("sections", i, key)))
        for m, annex in enumerate(data.get("data_matching", [])):
            annex_id = annex.get("id")
            for block, keys in MATCHING_FIELDS.items():
                if block == "matching-legal-bases" or (annex_id, block) not in \
                        self._matching_groups:
                    continue
                for key in keys:
                    if key in annex:
                        yield from self._walk(annex[key], ("data_matching", m, key))
        yield from self._council_texts()
        programme = self.doc.programme
        if programme is not None and self.shows("programme") and self.doc.source.inherited:
            yield Text(programme.description,
                       self.doc.source.inherited.locate(("description",)))

    def _council_texts(self) -> Iterator[Text]:
        """The council's contacts the notice prints, located in its council.yaml."""
        council = self.doc.council
        where = Location(f"{COUNCILS_DIR}/{self.doc.council_slug}/{COUNCIL_FILE}")
        contacts: list[Contact | None] = []
        if self.shows("dpo", "complaints") and council.dpo:
            contacts.append(council.dpo)
        if self.shows("complaints") and not council.dpo and council.enquiries:
            contacts.append(council.enquiries)
        if self.shows("further-information"):
            contacts.append(council.enquiries or council.dpo)
        for contact in contacts:
            if contact is not None:
                for value in (contact.name, contact.email):
                    if value:
                        yield Text(value, where)

    def _walk(self, value: Any, path: Path_) -> Iterator[Text]:
        if isinstance(value, str):
            yield Text(value, self.locate(path))
        elif isinstance(value, dict):
            for key, item in value.items():
                if key not in NOT_TEXT and key != "schedule_1":
                    yield from self._walk(item, path + (key,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                yield from self._walk(item, path + (i,))


def _references_in(value: Any, path: Path_) -> Iterator[tuple[LegalReference, Path_]]:
    """Every legal reference anywhere in a model, with its path (Schedule 1 companions are
    added by the caller)."""
    if isinstance(value, LegalReference):
        yield value, path
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _references_in(getattr(value, name), path + (name,))
    elif isinstance(value, tuple | list):
        for i, item in enumerate(value):
            yield from _references_in(item, path + (i,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _references_in(item, path + (key,))


def _reference_text(ref: LegalReference) -> dict[str, Any]:
    return {k: v for k, v in ref.model_dump().items()
            if k in ("cited_as", "reason", "wording", "heading", "examples") and v}

