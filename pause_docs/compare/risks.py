"""Changes between two versions of a full DPIA's risk register, in plain terms: a risk added
or removed, a risk raised or lowered (its overall or residual level, by the form's matrix), a
measure added or removed, and prior consultation (Art 36) newly required or no longer."""

from __future__ import annotations

from ..forms.risk import Judged, Register, RiskMatrix, judge
from ..source.models.dpia_full import Dpia
from ..source.resolved import ResolvedDocument
from .records import Change
from .words import norm


def _register(doc: ResolvedDocument) -> Register | None:
    matrix: RiskMatrix | None = doc.form.definition.risk_matrix if doc.form else None
    if matrix is None or not isinstance(doc.model, Dpia):
        return None
    return judge(matrix, doc.model)


def risk_changes(old: ResolvedDocument, new: ResolvedDocument) -> list[Change]:
    """Every change to the risks, their levels and measures, and to the Art 36 outcome."""
    was, now = _register(old), _register(new)
    if was is None or now is None:
        return []
    before = {j.risk.id: j for j in was.risks}
    after = {j.risk.id: j for j in now.risks}
    changes = []
    for ident in dict.fromkeys([*after, *before]):
        a, b = before.get(ident), after.get(ident)
        if a is None and b is not None:
            changes.append(Change("risks", "added", _name(b), new=_summary(b),
                                  note=f"a new risk, {b.overall.label.lower()} before its "
                                  "measures"))
        elif b is None and a is not None:
            changes.append(Change("risks", "removed", _name(a), old=_summary(a),
                                  note="the risk is no longer in the register"))
        elif a is not None and b is not None:
            changes += _changed(a, b, was.matrix, now.matrix)
    if was.consult != now.consult:
        changes.append(Change(
            "decision", "changed", "prior consultation with the Information Commissioner",
            old="required" if was.consult else "not required",
            new="required" if now.consult else "not required",
            note=("a high risk now remains after the measures: the Commissioner must be "
                  "consulted before the processing starts (UK GDPR Art 36)" if now.consult
                  else "no high risk remains after the measures any more")))
    return changes


def _name(j: Judged) -> str:
    return f"risk '{j.risk.id}'"


def _summary(j: Judged) -> str:
    left = j.left.label if j.left is not None else "not assessed"
    return f"{norm(j.risk.risk)} ({j.overall.label}; after measures: {left})"


def _level_change(what: str, old: str | None, new: str | None, rank: dict[str, int]
                  ) -> str | None:
    """'raised from Medium to High' or 'lowered from ...'."""
    if old == new:
        return None
    if old is None or new is None:
        return f"{what} {'now assessed' if old is None else 'no longer assessed'}"
    way = "raised" if rank.get(new.lower(), 0) > rank.get(old.lower(), 0) else "lowered"
    return f"{what} {way} from {old} to {new}"


def _changed(a: Judged, b: Judged, was: RiskMatrix, now: RiskMatrix) -> list[Change]:
    rank = {level.label.lower(): i for i, level in enumerate(now.levels)}
    rank |= {level.label.lower(): i for i, level in enumerate(was.levels) if
             level.label.lower() not in rank}
    changes = []
    overall = _level_change("risk", a.overall.label, b.overall.label, rank)
    if overall:
        changes.append(Change("risks", "changed", _name(b), old=a.overall.label,
                              new=b.overall.label, note=overall))
    left_a = a.left.label if a.left is not None else None
    left_b = b.left.label if b.left is not None else None
    residual = _level_change("residual risk", left_a, left_b, rank)
    if residual:
        changes.append(Change("risks", "changed", f"{_name(b)} after its measures",
                              old=left_a or "not assessed", new=left_b or "not assessed",
                              note=residual))
    if norm(a.risk.risk) != norm(b.risk.risk):
        changes.append(Change("risks", "changed", f"{_name(b)}: what the risk is", "wording",
                              old=norm(a.risk.risk), new=norm(b.risk.risk)))
    old_measures = {norm(m.measure): m for m in a.risk.measures}
    new_measures = {norm(m.measure): m for m in b.risk.measures}
    for text in old_measures.keys() - new_measures.keys():
        changes.append(Change("risks", "removed", f"measure against {_name(a)}", old=text,
                              note="measure removed: check the residual risk still holds"))
    for text in new_measures.keys() - old_measures.keys():
        changes.append(Change("risks", "added", f"measure against {_name(b)}", new=text,
                              note=f"measure added ({new_measures[text].effect})"))
    return sorted(changes, key=lambda c: (c.action, c.subject, c.old or "", c.new or ""))
