"""The publishing gate of `build --strict`: the lint findings that stop documents from being
published (errors; with 'warnings', warnings too)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from ..check.lint import lint_project
from ..source.errors import Problem
from ..source.loading import load_project

Level = Literal["errors", "warnings"]
SEVERITIES: dict[str, tuple[str, ...]] = {"errors": ("error",),
                                          "warnings": ("error", "warning")}


def blocking(root: Path, councils: Iterable[str] | None, level: Level, as_of: dt.date
             ) -> list[Problem]:
    """The findings of `lint` on these councils' documents (all, without councils) that
    `level` does not let through."""
    project = load_project(root, councils=list(councils) if councils else None)
    return [p for p in lint_project(project, as_of) if p.severity in SEVERITIES[level]]


def documents_of(problems: Iterable[Problem]) -> list[str]:
    """The files the findings are in, each once, in order."""
    return sorted({p.location.path for p in problems})
