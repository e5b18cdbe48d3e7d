"""Automated decision-making and joint controllers: what a notice must tell people when it
holds them (UK GDPR Art 13(2)(f) / 14(2)(g), Art 22 and Art 26(2))."""

from __future__ import annotations

from ...source.errors import Problem
from .published import Published
from .statements import says

ICO = "ICO right-to-be-informed checklist item"
_ADM = f"UK GDPR Art 13(2)(f) / 14(2)(g) and Art 22; {ICO} 16"


def check_parties(published: Published) -> list[Problem]:
    """Automated decisions the notice holds but does not print or explain, and joint
    controllers the page never names."""
    if not published.under_gdpr:
        return []
    return _automated(published) + _joint_controllers(published)


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
