"""What `lint` requires of a new notice that its programme may not give: each is written into
the draft `new` makes, marked TODO, so that filling in the TODOs is enough for a clean
`lint --strict`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml


@dataclass(frozen=True)
class Required:
    """A part of a notice lint asks for: the data it needs (`field`, written as `todo` when
    the programme does not give it) and the section that shows it (`show`, `heading`)."""

    field: str | None
    show: str
    heading: str
    todo: str = ""
    also: tuple[str, ...] = ()
    """Other fields, or other blocks, that give what lint asks for instead."""


REQUIRED = (
    Required("purposes", "purposes", "What we use your information for",
             "purposes:\n  - description: TODO what the information is used for, e.g. To "
             "plan and give support to the families we work with\n",
             also=("purpose", "summary")),
    Required("legal_bases", "legal-bases", "The law that allows us to use your information",
             "legal_bases:\n  - provision: TODO registry id of the UK GDPR Art 6 lawful basis "
             "(pause-docs law public task), e.g. ukgdpr-art6-1-e\n"),
    Required("recipients", "recipients", "Who we share your information with",
             "recipients:\n  - name: TODO who receives the information, e.g. Health visitors\n"
             "    purpose: TODO why, e.g. to support the family's health\n"),
    Required("retention", "retention", "How long we keep your information",
             "retention:\n  - rule: TODO how long the records are kept, or how that is "
             "decided, e.g. We keep records for six years after our work with you ends.\n"),
    Required("rights", "rights", "Your rights",
             "# The rights that apply under public task (Art 6(1)(e)); lint names any to add\n"
             "# or remove for another lawful basis.\n"
             "rights:\n  - right: access\n  - right: rectification\n  - right: restriction\n"
             "  - right: object\n  - right: complain-to-controller\n"
             "  - right: complain-to-regulator\n"),
    Required("complaints", "complaints", "How to complain",
             "complaints:\n  to_regulator: TODO the words before the regulator's address, "
             "e.g. You can also complain to the regulator.\n"),
    Required(None, "dpo", "Our Data Protection Officer", also=("complaints",)),
)
"""In the order their sections are added to a notice that has none of them."""


def missing(defaults: dict[str, Any], partners: bool = False
            ) -> tuple[str, list[dict[str, Any]] | None]:
    """For a notice whose programme gives `defaults` (the programme's `defaults: notice:`,
    `partners`: whether it names organisations that receive the data):
    the YAML of the data it lacks, with TODOs; and its sections with a section added for
    each part no section shows (None: the programme's own sections show them all)."""
    sections = [s for s in defaults.get("sections") or () if isinstance(s, dict)]
    shown = {s.get("show") for s in sections}
    lacking = [r for r in REQUIRED if not (
        {r.show, *r.also} & shown and (r.field is None or any(
            defaults.get(f) for f in (r.field, *r.also))))]
    if partners:  # a notice naming the programme's partners names its recipients
        lacking = [r for r in lacking if r.field != "recipients"]
    fields = "".join(r.todo for r in lacking if r.field and not any(
        defaults.get(f) for f in (r.field, *r.also)))
    added = [{"heading": r.heading, "show": r.show} for r in lacking
             if not {r.show, *r.also} & shown]
    if not added:
        return fields, None
    ends = [i for i, s in enumerate(sections)
            if s.get("show") in ("rights", "complaints", "dpo", "further-information")]
    at = ends[0] if ends else len(sections)
    return fields, sections[:at] + added + sections[at:]


def sections_yaml(sections: list[dict[str, Any]]) -> str:
    """The sections as YAML, with a comment saying where they came from on the key's own line
    (a comment on a line before a key belongs to the value above it, and the editor, which
    rewrites that value, would leave the comment inside it)."""
    dumped = yaml.safe_dump({"sections": sections}, sort_keys=False, allow_unicode=True,
                            width=90)
    return dumped.replace("sections:\n", "sections:  # the page, in order, with a section for "
                          "each part a notice must show\n", 1)
