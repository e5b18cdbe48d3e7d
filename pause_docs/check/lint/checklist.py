"""Completeness and consistency under UK GDPR Arts 6, 9, 10, 13, 14 and 21: each item of the
ICO's right-to-be-informed checklist present or missing, and rights, bases and conditions
that contradict each other."""

from __future__ import annotations

import datetime as dt

from ...publish.locale import load_locale
from ...source.errors import Problem, Severity
from ...source.loader import Path_
from .published import GDPR_APPLIED, Published
from .setting import long_day
from .statements import says

# The right to complain to the controller (DPA 2018 s.164A; UK GDPR Art 13(2)(ca) and
# 14(2)(da)) must be in notices from this day (DUAA Sch 10; SI 2026/82 reg 3) [S].
CONTROLLER_COMPLAINTS_FROM = dt.date(2026, 6, 19)
ICO = "ICO right-to-be-informed checklist item"
BASIS_NAMES = {"a": "consent (a)", "b": "contract (b)", "c": "legal obligation (c)",
               "d": "vital interests (d)", "e": "public task (e)",
               "f": "legitimate interests (f)", "ea": "recognised legitimate interest (ea)"}


def check_completeness(published: Published) -> list[Problem]:
    """The checklist items a notice published under the UK GDPR must show."""
    model = published.notice
    if not published.under_gdpr:
        day = model.published
        return [Problem(published.locate(("published",)), "info", "before-uk-gdpr",
                        f"published on {long_day(day)}, before the GDPR applied on "
                        f"{long_day(GDPR_APPLIED)}: the right-to-be-informed checklist, rights "
                        f"and plain-language checks are not applied; a notice still in use "
                        f"must be rewritten to UK GDPR Arts 13 and 14",
                        fix="if the notice is still in use, publish a new version",
                        rule="UK GDPR Arts 13 and 14, applied from 25 May 2018 [P]")]
    found = _contacts(published) + _uses(published) + _complaints(published)
    if model.sources or model.data_matching:  # information comes from others: Art 14
        found += _art14(published)
    return [p for p in found if p is not None]


def check_dated(published: Published) -> list[Problem]:
    """A notice that shows no date: residents cannot tell whether it is the current one."""
    model = published.notice
    if model.show_date != "none":
        return []
    return [Problem(
        published.locate(("show_date",)), "warning", "undated-notice",
        "the notice shows no date (show_date: none), so a reader cannot tell whether it is "
        "the current version; a faithful reproduction of an undated notice may keep it",
        fix=f"remove 'show_date: none' so that the page says 'Last updated: "
            f"{long_day(model.published)}'",
        rule="UK GDPR Art 12(1) and the ICO's right-to-be-informed guidance: keep privacy "
             "information under review and tell people when it changes [R]")]


def _missing(published: Published, shown: bool, field: str, code: str, message: str,
             fix: str, rule: str, severity: Severity = "error", path: Path_ = ("sections",)
             ) -> Problem | None:
    """`code` when the page does not present an item; when the notice lists it under
    `field` but no section shows it, '<field>-not-shown' instead."""
    if shown:
        return None
    listed = bool(getattr(published.notice, field, None)) if field else False
    if listed:
        name = field.replace("_", "-")
        return Problem(published.locate((field,), key=True), severity, f"{name}-not-shown",
                       f"the notice lists {field.replace('_', ' ')} under '{field}:', but no "
                       "section shows them, so readers never see them",
                       f"add a section with 'show: {name}'", rule)
    place = path if path[0] in published.data else ("sections",)
    return Problem(published.locate(place), severity, code, message, fix=fix, rule=rule)


def _contacts(published: Published) -> list[Problem | None]:
    doc = published.doc
    found = [_missing(
        published, published.shows("controller-contact"), "", "missing-controller-contact",
        f"the notice does not say how to contact {doc.council.name}",
        "add a section with 'show: further-information', 'show: complaints' or 'show: dpo'",
        f"UK GDPR Art 13(1)(a) / 14(1)(a); {ICO} 1 [R]")]
    if doc.council.dpo is None:
        found.append(Problem(
            published.locate(()), "error", "missing-dpo-contact",
            f"{doc.council.name} has no Data Protection Officer in its council.yaml, and "
            "councils must have one", fix=f"add 'dpo:' to councils/{doc.council_slug}/"
            "council.yaml and a section with 'show: dpo'",
            rule=f"UK GDPR Art 37(1)(a) and Art 13(1)(b) / 14(1)(b); {ICO} 3 [R]"))
    else:
        found.append(_missing(
            published, published.shows("dpo"), "", "missing-dpo-contact",
            "the notice does not give the Data Protection Officer's contact details",
            "add a section with 'show: dpo'", f"UK GDPR Art 13(1)(b) / 14(1)(b); {ICO} 3 [R]"))
    return found


def _uses(published: Published) -> list[Problem | None]:
    """What the information is used for, on what basis, who gets it, how long it is kept,
    and the rights people have."""
    doc = published.doc
    roles = {ref.role for ref in published.references()}
    # A programme's partners (Pause) receive the data; a notice naming one names a recipient.
    partners = [o.name for o in doc.programme.organisations] if doc.programme else []
    names_partner = any(name in text.text for text in published.texts() for name in partners)
    recipients_shown = published.shows("recipients") or bool(published.notice.data_matching)
    return [
        _missing(published, published.shows("purpose", "purposes", "summary"), "purposes",
                 "missing-purposes", "the notice shows no purpose, purposes or summary block, "
                 "so what the information is used for may be missing",
                 "list the uses under 'purposes:' and show them",
                 f"UK GDPR Art 13(1)(c) / 14(1)(c); {ICO} 4 [R]", "warning"),
        _missing(published, "article-6" in roles or _left_to_parent(published, "legal-bases"),
                 "", "missing-lawful-basis",
                 "the notice names no UK GDPR Art 6(1) lawful basis (a statute alone is not "
                 "one)", "add the basis, e.g. 'provision: ukgdpr-art6-1-e' (public task), to "
                 "legal_bases", f"UK GDPR Art 13(1)(c) / 14(1)(c); {ICO} 5 [R]",
                 path=("legal_bases",)),
        _missing(published, recipients_shown or (names_partner and not
                                                  published.notice.recipients),
                 "recipients", "missing-recipients", "the notice names no recipients; if its "
                 "text names them, list them under 'recipients:' so they can be checked",
                 "list them under 'recipients:' and add a section with 'show: recipients'",
                 f"UK GDPR Art 13(1)(e) / 14(1)(e); {ICO} 8 [R]", "warning"),
        _missing(published, published.shows("retention"), "retention", "missing-retention",
                 "the notice does not say how long information is kept",
                 "add 'retention:' and a section with 'show: retention'",
                 f"UK GDPR Art 13(2)(a) / 14(2)(a); {ICO} 10 [R]"),
        _missing(published, published.shows("rights"), "rights", "missing-rights",
                 "the notice lists none of the rights people have",
                 "add 'rights:' and a section with 'show: rights'",
                 f"UK GDPR Art 13(2)(b) / 14(2)(c); {ICO} 11 [R]", path=("rights",)),
    ]


def _left_to_parent(published: Published, topic: str) -> bool:
    """The page points to the main or full notice for `topic` (checked there: layers)."""
    return any(g.via for g in published.publication.groups(topic))


def _complaints(published: Published) -> list[Problem | None]:
    """The right to complain to the regulator and, from 19 June 2026, to the council."""
    doc = published.doc
    listed = published.shown_ids("rights")
    parent = any(g.via for g in published.publication.groups("complaints"))
    prose = [text.text for text in published.texts()]  # a route said in the notice's words
    found = [_missing(
        published, published.shows("complaint-to-regulator") or parent
        or "complain-to-regulator" in listed or says("complain-to-regulator", prose), "",
        "missing-regulator-complaint",
        "the notice does not tell people they can complain to the regulator",
        "add 'complaints: to_regulator:' and a section with 'show: complaints'",
        f"UK GDPR Art 13(2)(d) / 14(2)(e); {ICO} 13 [R]")]
    if published.notice.published >= CONTROLLER_COMPLAINTS_FROM:
        found.append(_missing(
            published, "complain-to-controller" in listed or parent
            or says("complain-to-controller", prose), "", "missing-controller-complaint",
            f"from {long_day(CONTROLLER_COMPLAINTS_FROM)} a notice must tell people they "
            f"can complain to {doc.council.name} itself",
            "add '- right: complain-to-controller' to rights",
            "DPA 2018 s.164A; UK GDPR Art 13(2)(ca) / 14(2)(da) (DUAA 2025 Sch 10; "
            "SI 2026/82 reg 3) [S]", path=("rights",)))
    return found


def _art14(published: Published) -> list[Problem | None]:
    """When information comes from others: what kinds, and from where."""
    return [
        _missing(published, published.shows("data_categories"), "data_categories",
                 "missing-data-categories", "the information comes from others (UK GDPR "
                 "Art 14), but the notice does not say what kinds of information it holds",
                 "add 'data_categories:' and a section with 'show: data-categories'",
                 f"UK GDPR Art 14(1)(d); {ICO} 7 [R]"),
        _missing(published, published.shows("sources"), "sources", "missing-sources",
                 "the information comes from others (UK GDPR Art 14), but the notice does not "
                 "say where it comes from", "add 'sources:' and a section with 'show: sources'",
                 f"UK GDPR Art 14(2)(f); {ICO} 14 [R]"),
    ]


def check_consistency(published: Published) -> list[Problem]:
    """Rights that do not fit the lawful bases, bases a council cannot use, and special or
    criminal-offence data with no condition."""
    doc = published.doc
    model = published.notice
    if not published.under_gdpr:
        return []
    registry = doc.registry
    references = published.references()
    bases = {p.basis: ref for ref in references for p in ref.provisions
             if p.kind == "lawful-basis" and p.basis}
    roles = {ref.role for ref in references}
    problems: list[Problem] = []
    if bases and model.rights and published.shows("rights", via_parent=False):
        names = load_locale().joined([BASIS_NAMES[b] for b in sorted(bases)])
        listed = {entry.right: i for i, entry in enumerate(model.rights)}
        for right_id, index in listed.items():
            right = registry.rights[right_id]
            if right.applies_to and not set(right.applies_to) & set(bases):
                problems.append(Problem(
                    published.locate(("rights", index)), "warning", "right-does-not-apply",
                    f"the {right.title.lower()} applies only under "
                    f"{' or '.join(BASIS_NAMES[b] for b in right.applies_to)}, but this "
                    f"notice relies on {names}", fix=f"remove '{right_id}' from rights",
                    rule=f"{right.article} [P]"))
        for right in registry.rights.values():
            if right.applies_to and set(right.applies_to) & set(bases) and \
                    right.id not in listed:
                problems.append(Problem(
                    published.locate(("rights",)), "error", "missing-right",
                    f"the notice relies on {names}, so people have the "
                    f"{right.title.lower()}, but it is not listed",
                    fix=f"add '- right: {right.id}' to rights", rule=f"{right.article} [P]"))
    for flag, role, code, what, law in (
            ("special_category", "article-9", "special-category-without-condition",
             "special category", "UK GDPR Art 9(2) and DPA 2018 s.10 [P]"),
            ("criminal_offence", "article-10", "criminal-offence-without-condition",
             "criminal offence", "UK GDPR Art 10 and DPA 2018 s.10(5), Sch 1 [R]")):
        flagged = [i for i, c in enumerate(model.data_categories) if getattr(c, flag)]
        if flagged and role not in roles and not _left_to_parent(published, "legal-bases"):
            problems.append(Problem(
                published.locate(("data_categories", flagged[0])), "error", code,
                f"the notice holds {what} data but names no {role.replace('-', ' ').title()} "
                "condition for it", fix=f"add the condition to legal_bases (a registry "
                f"provision of kind {what.replace(' ', '-')}-condition)", rule=law))
    return problems
