"""A new full DPIA's risk register, drafted from its council's DPIA screening: the risks the
registry suggests for each criterion the screening found met, each with its source, and its
likelihood and severity left TODO so that the DPIA does not build until a person judges them
(and keeps, edits or removes each risk)."""

from __future__ import annotations

from pathlib import Path

from ..forms.form import Form
from ..forms.rules import outcome_of
from ..forms.suggested import risks_yaml, suggestions


def drafted_risks(root: Path, folder: Path, form: Form
                  ) -> tuple[str, str | None, str] | None:
    """The slug of the council's one DPIA screening, the notice it screens, and the `risks:`
    block its met criteria suggest; None when the folder has no screening, several, or one
    that cannot be read (the draft then keeps its empty register, and `validate` says what
    is wrong)."""
    if not folder.is_dir():
        return None
    from ..source.loading import load_project

    project = load_project(root, only=[folder])
    found = [d for d in project.documents
             if d.kind == "dpia-screening" and d.form is not None and d.parent is None]
    if len(found) != 1:
        return None
    screening = found[0]
    answered, _ = outcome_of(screening)
    met = [c for a in answered if a.triggers for c in a.question.question.criteria]
    offered = suggestions(dict.fromkeys(met), project.registry.criteria)
    notice = getattr(screening.model, "notice", None)
    if not offered:
        return screening.slug, notice, "risks: []\n"
    return screening.slug, notice, "risks:\n" + risks_yaml(
        offered, form.definition.risk_matrix, indent="  ")
