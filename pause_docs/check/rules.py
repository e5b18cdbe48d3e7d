"""The catalogue of every rule `lint` and `audit` apply (`rules.yaml` beside this module):
one entry per finding code, with what it finds, why (and the law's address), a wrong and a
right example, and the fix.  The docs site's rule pages are generated from it, and a test
checks that every code the checks can report is catalogued."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

CATALOGUE = Path(__file__).with_name("rules.yaml")


@dataclass(frozen=True)
class Rule:
    """One finding code, as the docs explain it."""

    code: str
    severity: str
    checks: tuple[str, ...]
    family: str
    what: str
    why: str
    law: str
    wrong: str
    right: str
    fix: str


@cache
def rules() -> dict[str, Rule]:
    """Every rule, by code, in the catalogue's order."""
    data = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    return {entry["code"]: Rule(**{**entry, "checks": tuple(entry["checks"])})
            for entry in data["rules"]}


PAGES = "docs/rules"
"""Where the documentation has a page for each rule (generated from this catalogue)."""


def page(code: str) -> str:
    """The documentation page of the rule `code`, which a finding names after its fix and
    rule ('see: docs/rules/<code>.md'); '' for a code the catalogue does not have."""
    return f"{PAGES}/{code}.md" if code in rules() else ""
