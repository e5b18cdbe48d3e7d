"""What a notice's law needs said with it, and what is often said wrongly: an Art 9(2)(g)
basis without its Schedule 1 condition and appropriate policy document, the criminal-offence
subsection cited for special category data, consent as the basis for a statutory function,
retention worded only "as long as necessary", a DPO with no way to reach them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ...source.errors import Location
from ...source.models import Contact
from .categories import criminal_as_special
from .citing import Found, Mention
from .gateways import not_a_basis
from .setting import Finding, Passage, Setting, either

# In Welsh 'dogfen bolisi briodol' ('y ddogfen ...' after the article), as the registry's
# Welsh summary of DPA 2018 Schedule 1 Part 2 words it.
_POLICY_DOCUMENT = re.compile(r"appropriate\s+policy\s+document|\bAPD\b|\bd?dogfen\s+bolisi\s+"
                              r"briodol", re.IGNORECASE)
_SPECIAL = re.compile(r"special\s+categor|sensitive\s+(?:personal\s+)?(?:data|information)"
                      r"|\bart(?:icle|\.)?\s*9\b", re.IGNORECASE)
_CRIMINAL = re.compile(r"criminal|offence|conviction|\bart(?:icle|\.)?\s*10\b", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.;!?\n]*(?:[.;!?](?!\d)|\n|$)")
_AS_LONG_AS = re.compile(
    r"(?:as\s+long\s+as|no\s+longer\s+than|only\s+for\s+as\s+long\s+as)\s+(?:is\s+|it\s+is\s+|"
    r"we\s+)?(?:necessary|needed|required|need\s+(?:it|to))"
    # Welsh: 'cyhyd ag y bo angen', 'cyhyd ag sydd angen', '(am) gyhyd ag y bo'n
    # angenrheidiol' (background knowledge, no Welsh speaker has reviewed it [U])
    r"|\b[cg]yhyd\s+(?:ag?|â)\s+(?:y\s+bo|y\s+bydd|sydd|sy)(?:['’]n|\s+yn)?\s+(?:ei\s+)?"
    r"(?:angen|angenrheidiol|ofynnol|gofynnol|rhaid)\b", re.IGNORECASE)
PERIOD_OR_CRITERION = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|ten|twelve|fifteen|twenty|thirty)\b"
    r"|\b(?:years?|months?|weeks?|days?|until|after|retention\s+(?:schedule|policy|period)"
    r"|records\s+management|disposal\s+schedule|law\s+requires|required\s+by\s+law"
    r"|legal\s+requirement|statutory"
    # Welsh, as the audit's retention item reads it (audit/welsh.py): years, months, weeks,
    # days, until, after, a retention schedule, policy or period, the law requires it
    r"|[bmf]lynedd|[bf]lwyddyn|[mf]is|misoedd|wythnos\w*|d?diwrnod\w*|niwrnod\w*|nes|tan"
    r"|hyd\s+at|ar\s+ôl|h?amserlen\s+[gc]adw|(?:p|b|ph)olisi\s+cadw|cyfnod\s+cadw"
    r"|statudol|gofyniad\s+cyfreithiol|mae['’]r\s+gyfraith)\b", re.IGNORECASE)
RECITAL_43 = ("UK GDPR Art 6(1)(a), Art 7(4) and Recital 43: consent is not a valid ground where "
              "there is a clear imbalance between the person and a public authority; the ICO's "
              "guidance on consent says public authorities will often find it hard to show "
              "consent is freely given [U: background knowledge, not yet in "
              "research/legal.md]")


def check_drafting(mentions: Sequence[Mention], passages: Sequence[Passage],
                   setting: Setting) -> list[Found]:
    """The rules over everything a notice cites."""
    live = [m for m in mentions if m.citation is None or not m.citation.historical]
    return (_conditions(live, setting) + _policy_document(live, passages, setting)
            + _criminal_for_special(live, setting) + _consent(live, passages)
            + not_a_basis(live, setting) + criminal_as_special(passages))


def _cited(mentions: Iterable[Mention]) -> dict[str, Mention]:
    found: dict[str, Mention] = {}
    for mention in mentions:
        for provision in mention.provisions:
            found.setdefault(provision.id, mention)
    return found


def _conditions(mentions: Sequence[Mention], setting: Setting) -> list[Found]:
    """Art 9(2)(g) needs a named DPA 2018 Schedule 1 Part 2 condition."""
    registry = setting.registry
    cited = _cited(mentions)
    within = {registry.provisions[i].within for i in cited}
    found: list[Found] = []
    for ident, mention in cited.items():
        provision = registry.provisions[ident]
        if not provision.needs or (within | set(cited)) & set(provision.needs):
            continue
        needed = [registry.provisions[n] for n in provision.needs if n in registry.provisions
                  and registry.provisions[n].kind == "schedule-1-condition"]
        examples = [p for p in registry.provisions.values() if p.within in provision.needs]
        shown = ", ".join(f"{p.citation} ({p.title.lower()})" for p in examples[:4])
        found.append((Finding(
            ("condition-not-named", ident), "warning", "condition-not-named",
            f"{provision.citation} is relied on, but no condition in "
            f"{either([p.citation for p in needed])} is named with it",
            f"name the condition the council meets (for example {shown}): in a reference, "
            f"as its 'schedule_1'", f"{registry.defined_at[f'provisions:{ident}']} "
            f"[{provision.evidence}]"), mention.place))
    return found


def _policy_document(mentions: Sequence[Mention], passages: Sequence[Passage],
                     setting: Setting) -> list[Found]:
    """A Schedule 1 condition that needs one: the appropriate policy document is mentioned."""
    registry = setting.registry
    # each passage once: thousands of mentions in one long passage all carry it
    texts = {id(p): p.text for p in (*passages, *(p for m in mentions for p in m.passages))}
    if any(_POLICY_DOCUMENT.search(t) for t in texts.values()):
        return []
    for ident, mention in _cited(mentions).items():
        provision = registry.provisions[ident]
        # a condition it must go with needs the document only when it is the one choice
        # (Art 9(2)(g): Part 2); Art 10 may go with Part 1, 2 or 3, so its named one decides
        only = provision.needs if len(provision.needs) == 1 else ()
        for needing in (provision.within, *only, ident):
            part = registry.provisions.get(needing) if needing else None
            if part is not None and part.needs_policy_document:
                what = provision.citation if part is provision else \
                    f"{provision.citation} is a condition in {part.citation}, which" \
                    if needing == provision.within else \
                    f"{provision.citation} goes with a condition in {part.citation}, which"
                return [(Finding(
                    ("policy-document-not-mentioned",), "warning",
                    "policy-document-not-mentioned",
                    f"{what} needs an appropriate policy document, but the notice does not "
                    f"mention one", "say that the council keeps the appropriate policy document "
                    "(and where to ask for it)", f"{registry.defined_at[f'provisions:{part.id}']}"
                    f" [{part.evidence}]"), mention.place)]
    return []


def _criminal_for_special(mentions: Sequence[Mention], setting: Setting) -> list[Found]:
    """The criminal offence subsection (DPA 2018 s.10(5)) cited for special category data."""
    found: list[Found] = []
    for mention in mentions:
        wrong = [p for p in mention.provisions if p.kind == "criminal-offence-condition"]
        if not wrong or not _about_special_category(mention):
            continue
        provision = wrong[0]
        siblings = [p.citation for p in setting.registry.provisions.values()
                    if p.instrument == provision.instrument
                    and p.kind == "special-category-condition"]
        instead = either(siblings) if 0 < len(siblings) <= 3 else "a special category condition"
        found.append((Finding(
            ("criminal-offence-condition-for-special-category", provision.id), "warning",
            "criminal-offence-condition-for-special-category",
            f"{provision.citation} is the condition for criminal offence data (UK GDPR "
            f"Art 10), but it is cited here for special category data",
            f"for special category data cite {instead}",
            f"{setting.registry.defined_at[f'provisions:{provision.id}']} "
            f"[{provision.evidence}]"), mention.place))
    return found


def _about_special_category(mention: Mention) -> bool:
    referenced = mention.referenced
    if referenced is not None:
        kinds = {p.kind for p in referenced.provisions}
        return referenced.goes_with == "article-9" or "special-category-condition" in kinds
    if not isinstance(mention.place, tuple):
        return False
    passage, start, _ = mention.place
    sentence = next((m.group() for m in _SENTENCE.finditer(passage.text)
                     if m.start() <= start < m.end()), passage.text)
    return bool(_SPECIAL.search(sentence)) and not _CRIMINAL.search(sentence)


_STATUTORY_WORK = re.compile(r"safeguard\w*|child\s+protection|early\s+help|children\s+in\s+need"
                             r"|section\s+(?:17|47)\b|s\.?\s?(?:17|47)\b", re.IGNORECASE)
# Words saying the processing is genuinely optional: then consent may be the right basis.
_OPTIONAL = re.compile(r"\boptional\b|\bvoluntar\w*|you\s+(?:can|may)\s+(?:say\s+no|refuse"
                       r"|decline|choose\s+not)|you\s+do\s+not\s+have\s+to|(?:does|will)\s+not"
                       r"\s+affect\s+(?:the\s+)?(?:help|support|service)", re.IGNORECASE)


def _consent(mentions: Sequence[Mention], passages: Sequence[Passage]) -> list[Found]:
    """Consent as the lawful basis, or explicit consent as the Art 9 condition, where the
    council does statutory work (a statute cited, or safeguarding, child protection or early
    help named), unless the notice says taking part is genuinely optional."""
    consent = next((m for m in mentions if any(p.basis == "a" or p.id == "ukgdpr-art9-2-a"
                                               for p in m.provisions)), None)
    if consent is None:
        return []
    texts = [p.text for p in passages] + [p.text for m in mentions for p in m.passages]
    if any(_OPTIONAL.search(t) for t in texts):
        return []
    statutes = [p.citation for m in mentions for p in m.provisions
                if p.kind in ("statutory-power", "statutory-duty")]
    work = [w.group().lower() for t in texts for w in _STATUTORY_WORK.finditer(t)]
    if not statutes and not work:
        return []
    named = either(list(dict.fromkeys(statutes))[:3], "and") if statutes else \
        f"its {either(list(dict.fromkeys(work))[:3], 'and')} work"
    return [(Finding(
        ("consent-for-statutory-function",), "warning", "consent-for-statutory-function",
        f"consent is given as the lawful basis, but the council uses the information under "
        f"its statutory powers and duties ({named}): people cannot freely refuse what a "
        f"council does under statute, so consent is rarely the right basis",
        "rely on public task (UK GDPR Art 6(1)(e)) with the statute behind the task; ask for "
        "consent only where people can really say no, and say so", RECITAL_43), consent.place)]


def retention_without_period(rules: Iterable[tuple[Passage, str | None]]) -> list[Found]:
    """Retention worded only 'as long as necessary', with no period or criterion."""
    found: list[Found] = []
    for passage, period in rules:
        vague = _AS_LONG_AS.search(passage.text)
        if vague is None or period or PERIOD_OR_CRITERION.search(
                _said_with(passage.text, vague.start())):
            continue
        found.append((Finding(
            ("retention-without-period", passage.where), "warning", "retention-without-period",
            f"'{vague.group()}' gives neither a period nor the criteria used to set one",
            "say how long (e.g. 'until the child is 25') or how the period is decided (e.g. "
            "'as set out in our retention schedule')",
            "UK GDPR Art 13(2)(a) / 14(2)(a): the period or the criteria used to determine it; "
            "ICO right-to-be-informed checklist item 10 [R]"),
            (passage, vague.start(), vague.end())))
    return found


def _said_with(text: str, at: int) -> str:
    """The sentence holding `at` and the one after it: where a period or criterion for it is
    given ('… as long as necessary. Our retention schedule sets out how long.'), not a
    number elsewhere in the paragraph ('Schedules 2 and 3 of the Act of 1998')."""
    sentences = [m.span() for m in _SENTENCE.finditer(text) if m.group().strip()]
    for i, (start, end) in enumerate(sentences):
        if start <= at < end:
            return text[start:sentences[min(i + 1, len(sentences) - 1)][1]]
    return text


def dpo_without_contact(dpo: Contact | None, where: Location) -> list[Found]:
    """A Data Protection Officer with no email, phone or postal address."""
    if dpo is None or dpo.email or dpo.phone or dpo.address:
        return []
    return [(Finding(
        ("dpo-without-contact-details",), "error", "dpo-without-contact-details",
        f"the Data Protection Officer ('{dpo.name}') has no email address, telephone number "
        "or postal address, so people cannot contact them",
        "add 'email:', 'phone:' or 'address:' under 'dpo:'",
        "UK GDPR Art 13(1)(b) / 14(1)(b) (the contact details of the DPO); ICO "
        "right-to-be-informed checklist item 3 [R]"), where)]

