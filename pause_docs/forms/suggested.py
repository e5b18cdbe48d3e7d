"""The risks the registry suggests for the criteria a DPIA screening found met, written as
YAML an author pastes under a full DPIA's `risks:` (lint's fix) or finds there in a new draft
(`pause-docs new`).  A likelihood or severity is written only where the registry's source
gives one; otherwise it is a TODO, so that the DPIA does not build until a person judges it."""

from __future__ import annotations

from collections.abc import Iterable

from ..source.models import Criterion
from ..source.models.dpia import SuggestedRisk
from .risk import RiskMatrix


def suggestions(criteria: Iterable[str], known: dict[str, Criterion]
                ) -> list[tuple[str, SuggestedRisk]]:
    """Each suggested risk of `criteria` (ids, in order) with the criterion it comes from;
    a risk id suggested twice is given once, and an unknown criterion suggests nothing."""
    found: dict[str, tuple[str, SuggestedRisk]] = {}
    for ident in criteria:
        criterion = known.get(ident)
        for risk in criterion.suggested_risks if criterion is not None else ():
            found.setdefault(risk.id, (ident, risk))
    return list(found.values())


def risks_yaml(found: list[tuple[str, SuggestedRisk]], matrix: RiskMatrix | None,
               indent: str = "") -> str:
    """The suggested risks as items of a `risks:` list, each line starting with `indent`."""
    lines: list[str] = []
    for criterion, risk in found:
        lines += [f"- id: {risk.id}", f"  risk: {_quoted(risk.risk)}",
                  f"  criteria: [{criterion}]", f"  source: {_quoted(risk.source)}"]
        for scale in ("likelihood", "severity"):
            given = getattr(risk, scale)
            lines.append(f"  {scale}: {given}" if given is not None
                         else f"  {scale}: TODO {_scale(matrix, scale)}")
    return "".join(f"{indent}{line}\n" for line in lines)


def _quoted(text: str) -> str:
    """`text` as one single-quoted YAML scalar, whatever it holds."""
    return "'" + " ".join(text.split()).replace("'", "''") + "'"


def _scale(matrix: RiskMatrix | None, scale: str) -> str:
    """'remote, possible or probable': the form's scale, to choose from."""
    if matrix is None:
        return f"the {scale}, judged by a person"
    values = [g.value for g in getattr(matrix, scale)]
    return ", ".join(values[:-1]) + f" or {values[-1]}, judged by a person"
