"""Automated decision-making, joint controllers and the parties that keep the data: what a
notice must tell people when it holds them (UK GDPR Art 13(2)(a), 13(2)(f) / 14(2)(g), Art 22
and Art 26(2))."""

from __future__ import annotations

import re

from ...source.errors import Problem
from ...source.models.notice import Recipient
from .drafting import PERIOD_OR_CRITERION
from .published import Published
from .statements import says

ICO = "ICO right-to-be-informed checklist item"
_ADM = f"UK GDPR Art 13(2)(f) / 14(2)(g) and Art 22; {ICO} 16"


def check_parties(published: Published) -> list[Problem]:
    """Automated decisions the notice holds but does not print or explain, and joint
    controllers the page never names."""
    if not published.under_gdpr:
        return []
    return _automated(published) + _joint_controllers(published) + _party_retention(published)


def _automated(published: Published) -> list[Problem]:
    feature = published.notice.automated_decisions
    if feature is None:
        return []
    found = []
    prose = [text.text for text in published.texts()]
    if not (published.shows("automated_decisions") or says("automated-decisions", prose)):
        applies = feature.applies
        found.append(Problem(
            published.locate(("automated_decisions",), key=True),
            "error" if applies else "warning", "automated-decisions-not-shown",
            "the notice says under 'automated_decisions:' that decisions about people "
            + ("are" if applies else "are not") + " made by automated means, but no section "
            "shows it, so readers never see it", fix="add a section with 'show: "
            "automated-decisions'", rule=f"{_ADM} [{'P' if applies else 'R'}]"))
    if feature.applies and not feature.description:
        found.append(Problem(
            published.locate(("automated_decisions", "applies")), "error",
            "automated-decisions-unexplained",
            "decisions are made by automated means, but the notice does not say how they are "
            "made or what they mean for the people they are about",
            fix="add 'description:' under 'automated_decisions:' with meaningful information "
                "about the logic involved and the significance and likely consequences",
            rule=f"{_ADM} [P]"))
    return found


def _joint_controllers(published: Published) -> list[Problem]:
    recipients = published.notice.recipients
    joint = [i for i, r in enumerate(recipients) if r.role == "joint-controller"]
    named = published.shown_ids("recipients")
    if not joint or published.shows("controller", via_parent=False):
        return []
    return [Problem(
        published.locate(("recipients", i, "role")), "warning", "joint-controller-not-shown",
        f"{recipients[i].name} is a joint controller, but the page does not name it as one, "
        "so readers are not given the essence of the arrangement",
        fix="add a section with 'show: controller', or show it in a recipients section",
        rule="UK GDPR Art 26(2) [P]")
        for i in joint if recipients[i].name not in named]


# A controller of its own (joint or independent) decides how long it keeps what it is given;
# a processor keeps it only as the council instructs (Art 28(3)(g)), so the council's own
# retention covers it, and a plain recipient is told of no more than a disclosure.
_KEEPERS = {"joint-controller": "a joint controller, which decides with the council how long "
                                "the data is kept",
            "independent-controller": "an independent controller, which decides for itself "
                                      "how long it keeps the data"}
_KEPT = re.compile(r"\b(?:keep|keeps|kept|retain\w*|hold|holds|held|stor(?:e|es|ed)|"
                   r"delet\w+|destroy\w*)\b", re.IGNORECASE)


def _party_retention(published: Published) -> list[Problem]:
    """A joint or independent controller the page names, with no retention rule (or words
    of its own) saying how long it keeps the data or how that is decided."""
    notice = published.notice
    if not published.shows("retention"):
        return []  # missing-retention or retention-not-shown already say it
    rules = [" ".join(filter(None, (r.records, r.period, r.rule)))
             for r in (*notice.retention, *(r for m in notice.data_matching for r in m.retention))]
    named = published.shown_ids("recipients")
    controller = published.shows("controller", via_parent=False)
    return [Problem(
        published.locate(("recipients", i, "role")), "warning", "party-without-retention",
        f"{r.name} is {_KEEPERS[r.role]}, but no retention rule says how long it keeps it "
        "or how that is decided",
        fix=f"add a retention rule for it (e.g. 'records: Records {r.name} keeps') with its "
            "period or the criteria for it, or say that its own notice gives them",
        rule="UK GDPR Art 13(2)(a) / 14(2)(a) (the period or the criteria used to determine "
             "it) and Art 26(1)-(2) for joint controllers [P]")
        for i, r in enumerate(notice.recipients) if r.role in _KEEPERS
        and (r.name in named or controller and r.role == "joint-controller")
        and not _kept_for(r, rules)]


def _kept_for(recipient: Recipient, rules: list[str]) -> bool:
    """A retention rule names the party, or its own words say how long it keeps the data."""
    name = re.sub(r"^the\s+", "", recipient.name.strip(), flags=re.IGNORECASE).lower()
    if any(name in " ".join(rule.lower().split()) for rule in rules):
        return True
    own = recipient.purpose or ""
    return bool(_KEPT.search(own) and PERIOD_OR_CRITERION.search(own))
