"""A form's risk matrix, and the risks of a DPIA judged by it.

The matrix is data on the form (`risk_matrix:`): the likelihoods and severities a risk may be
given, the levels of risk, and the level of each likelihood × severity pair.  A risk's overall
level (before its measures) and its residual level (after them) are looked up there, never
typed; the outcome (prior consultation with the Information Commissioner, UK GDPR Art 36) is
derived from the residual levels.  Values in, values out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, create_model, model_validator

from ..source.models.base import Model, Slug
from ..source.models.dpia_full import Assessed, Dpia, Measure, Risk


class Grade(Model):
    """One point of a scale: a likelihood, a severity, a level of risk or an effect."""

    value: Slug = Field(description="What documents write, e.g. 'possible'.")
    label: str = Field(description="What the form prints, e.g. 'Possible'.")


class Level(Grade):
    """A level of risk, e.g. low, medium, high."""

    high: bool = Field(False, description="true for the level that is a high risk: left "
                       "after the measures, it calls for prior consultation (Art 36).")
    colour: str = Field("#ffffff", pattern=r"^#[0-9a-fA-F]{6}$",
                        description="Its cell's colour in the matrix picture, e.g. '#f4c7c3'.")


class Effect(Grade):
    """What a measure does to its risk."""

    reduces: bool = Field(False, description="true if the measure reduces or removes the "
                          "risk (false for an accepted risk).")


class RiskMatrix(Model):
    """The form's risk matrix: scales, levels and the level of each pair."""

    likelihood: tuple[Grade, ...] = Field(min_length=2, description="From least to most "
                                          "likely, e.g. remote, possible, probable.")
    severity: tuple[Grade, ...] = Field(min_length=2, description="From least to most "
                                        "severe, e.g. minimal, significant, severe.")
    levels: tuple[Level, ...] = Field(min_length=2, description="From lowest to highest, "
                                      "e.g. low, medium, high.")
    effects: tuple[Effect, ...] = Field(min_length=1, description="The effects a measure may "
                                        "have, e.g. reduced, eliminated, accepted.")
    grid: dict[Slug, dict[Slug, Slug]] = Field(
        description="likelihood -> severity -> level, for every pair, e.g. "
        "possible: {severe: high}.")
    source: str | None = Field(None, description="Where the matrix comes from, printed under "
                               "it.")

    @model_validator(mode="after")
    def _complete(self) -> RiskMatrix:
        levels = {level.value for level in self.levels}
        for likely in self.likelihood:
            row = self.grid.get(likely.value)
            if row is None:
                raise ValueError(f"grid has no row for likelihood '{likely.value}'")
            for severe in self.severity:
                if row.get(severe.value) not in levels:
                    raise ValueError(
                        f"grid: {likely.value} × {severe.value} needs one of the levels "
                        f"({', '.join(sorted(levels))}), not {row.get(severe.value)!r}")
        if not any(level.high for level in self.levels):
            raise ValueError("one of the levels must be marked high: true")
        return self

    def level(self, likelihood: str, severity: str) -> Level:
        """The level of risk of a likelihood × severity pair, by the grid."""
        value = self.grid[likelihood][severity]
        return next(level for level in self.levels if level.value == value)

    def grade(self, scale: str, value: str) -> Grade:
        grades: tuple[Grade, ...] = getattr(self, scale)
        return next(g for g in grades if g.value == value)


# --- the document's risks, checked against the matrix ----------------------------------------

def _one_of(grades: tuple[Grade, ...]) -> Any:
    values = {g.value: g.value for g in grades} | {g.label.strip().lower(): g.value
                                                    for g in grades}

    def choose(value: object) -> object:
        return values.get(value.strip().lower(), value) if isinstance(value, str) else value

    return Annotated[Literal[tuple(g.value for g in grades)], BeforeValidator(choose)]


def risk_model(matrix: RiskMatrix, name: str) -> Any:
    """The model of a risk on this form: likelihood, severity and effects on its scales."""
    likely, severe = _one_of(matrix.likelihood), _one_of(matrix.severity)
    assessed = create_model(f"{name}:assessed", __base__=Assessed, likelihood=(likely, ...),
                            severity=(severe, ...))
    measure = create_model(f"{name}:measure", __base__=Measure,
                           effect=(_one_of(matrix.effects), ...))
    return create_model(f"{name}:risk", __base__=Risk, likelihood=(likely, ...),
                        severity=(severe, ...),
                        measures=(tuple[measure, ...], Field(())),
                        residual=(assessed | None, Field(None)))


# --- judged ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Judged:
    """A risk with the levels the matrix gives it."""

    index: int
    risk: Risk
    overall: Level
    residual: Level | None
    """None when its measures are given but the risk left after them is not."""

    @property
    def reduced(self) -> bool:
        return any(m.effect in self.reducing for m in self.risk.measures)

    reducing: frozenset[str] = frozenset()

    @property
    def left(self) -> Level | None:
        """The level that remains: the residual, or the overall level with no measures."""
        if self.residual is not None:
            return self.residual
        return None if self.risk.measures else self.overall


@dataclass(frozen=True)
class Register:
    """A DPIA's risks judged, and whether prior consultation (Art 36) is required."""

    matrix: RiskMatrix
    risks: tuple[Judged, ...]

    @property
    def high_left(self) -> tuple[Judged, ...]:
        """The risks whose level left after their measures is high: each calls for prior
        consultation with the Information Commissioner (UK GDPR Art 36(1))."""
        return tuple(j for j in self.risks if j.left is not None and j.left.high)

    @property
    def consult(self) -> bool:
        return bool(self.high_left)

    @property
    def unassessed(self) -> tuple[Judged, ...]:
        return tuple(j for j in self.risks if j.left is None)


def judge(matrix: RiskMatrix, model: Dpia) -> Register:
    """Every risk of the DPIA with its overall and residual level, by the matrix."""
    reducing = frozenset(e.value for e in matrix.effects if e.reduces)
    judged = []
    for i, risk in enumerate(model.risks):
        residual = (matrix.level(risk.residual.likelihood, risk.residual.severity)
                    if risk.residual is not None else None)
        judged.append(Judged(i, risk, matrix.level(risk.likelihood, risk.severity),
                             residual, reducing))
    return Register(matrix, tuple(judged))
