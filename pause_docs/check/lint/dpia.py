"""Checks of a full DPIA: a notice or screening changed since the DPIA was approved (their
fingerprints), a risk with no measure, a risk whose residual level is not assessed, and a
high residual risk without prior consultation with the Information Commissioner (Art 36)."""

from __future__ import annotations

from ...forms.risk import judge
from ...forms.rules import outcome_of
from ...forms.suggested import risks_yaml, suggestions
from ...publish.dpia import notice_of
from ...source.errors import Problem
from ...source.models.dpia_full import Dpia
from ...source.screenings import fingerprint
from .published import Published

ART_36 = "UK GDPR Art 36(1): consult the Commissioner before processing a DPIA finds high-risk"
APPROVAL = "a DPIA assesses the processing as its notice and screening describe it"


def check_dpia(published: Published) -> list[Problem]:
    """Every finding of a full DPIA (none for other documents on a form)."""
    doc = published.doc
    model = doc.model
    if not isinstance(model, Dpia) or doc.form is None:
        return []
    found = _out_of_date(published) + _criteria_without_risk(published)
    matrix = doc.form.definition.risk_matrix
    if matrix is None:
        return found
    register = judge(matrix, model)
    for j in register.risks:
        at = doc.provenance.locate(("risks", j.index))
        name = f"risk R{j.index + 1} ('{j.risk.id}')"
        if not j.risk.measures:
            found.append(Problem(
                at, "warning", "risk-without-measure",
                f"{name} has no measure against it",
                fix=f"add 'measures:' to {name} (each with its effect), or a measure with "
                "effect 'accepted' saying why the risk is accepted",
                rule="ICO DPIA template, step 6: measures to reduce or eliminate each risk"))
        elif j.risk.residual is None:
            found.append(Problem(
                at, "warning", "residual-risk-not-assessed",
                f"{name} has measures but the risk left after them is not assessed",
                fix=f"add 'residual: {{likelihood: ..., severity: ...}}' to {name}",
                rule="ICO DPIA template, step 6: residual risk"))
    if register.consult and model.ico_consulted is None:
        names = ", ".join(f"R{j.index + 1}" for j in register.high_left)
        found.append(Problem(
            doc.provenance.locate(("risks",), key=True), "error", "high-risk-without-art-36",
            f"a high risk remains after the measures ({names}), but the DPIA records no prior "
            "consultation with the Information Commissioner",
            fix="reduce the risk with further measures, or consult the Commissioner before "
            "the processing starts and record the day as 'ico_consulted:'", rule=ART_36))
    return found


def _out_of_date(published: Published) -> list[Problem]:
    """The notice or screening the DPIA was approved against, changed since."""
    doc = published.doc
    model = doc.model
    assert isinstance(model, Dpia)
    approved = model.approved_against
    if approved is None:
        return []
    found = []
    for name, linked in (("notice", notice_of(doc)), ("screening", doc.screening)):
        recorded = getattr(approved, name)
        if linked is None or recorded is None:
            continue
        now = fingerprint(linked)
        if now != recorded:
            found.append(Problem(
                doc.provenance.locate(("approved_against", name)), "warning",
                "dpia-out-of-date",
                f"the {name} '{linked.slug}' ({linked.path}) has changed since this DPIA was "
                f"approved (fingerprint then {recorded}, now {now})",
                fix=f"review the DPIA against the {name} as it is now, then record "
                f"'approved_against: {name}: {now}'", rule=APPROVAL))
    return found


def _criteria_without_risk(published: Published) -> list[Problem]:
    """Each criterion the screening found met that no risk of the register names."""
    doc = published.doc
    model = doc.model
    assert isinstance(model, Dpia)
    screening = doc.screening
    if screening is None or screening.form is None:
        return []
    named = {c for risk in model.risks for c in risk.criteria}
    matrix = doc.form.definition.risk_matrix if doc.form is not None else None
    answered, _ = outcome_of(screening)
    found = []
    for a in answered:
        criteria = a.question.question.criteria
        if not a.triggers or not criteria or named & set(criteria):
            continue
        name = a.question.question.topic or a.question.id
        fix = (f"add the risk it presents, with 'criteria: [{criteria[0]}]', or name it on "
               "the risk that covers it")
        offered = suggestions(criteria, doc.registry.criteria)
        if offered:
            fix += (" (suggested risks, to paste under 'risks:' and keep, edit or remove; "
                    "a person judges each likelihood and severity):\n"
                    + risks_yaml(offered, matrix, indent="  ").rstrip("\n"))
        found.append(Problem(
            doc.provenance.locate(("risks",), key=True), "warning", "criterion-without-risk",
            f"the screening '{screening.slug}' found '{name}' met, but no risk in the "
            f"register names it", fix=fix, rule="ICO DPIA template, step 5: identify and "
            "assess the risks the screening found"))
    return found
