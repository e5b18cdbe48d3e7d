"""The catalogue of every rule `lint` and `audit` apply (`rules.yaml` beside this module):
one entry per finding code, with what it finds, why (and the law's address), a wrong and a
right example, and the fix.  The docs site's rule pages are generated from it, and a test
checks that every code the checks can report is catalogued, and runs every example through
the commands its rule names (`tests/test_rule_examples.py`).

An example may need a setting to be judged: `setting` (for both examples) and
`right_setting` (for the right one only) give the council's nation, the day the notice was
published and the day it is read, as values rather than words in the example."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

CATALOGUE = Path(__file__).with_name("rules.yaml")
_REQUIRED = ("code", "severity", "checks", "family", "what", "why", "law", "wrong", "right",
             "fix")
_OPTIONAL = ("setting", "right_setting")
_NATIONS = ("england", "wales")


class CatalogueError(ValueError):
    """A mistake in rules.yaml, with its file:line:column."""


@dataclass(frozen=True)
class ExampleSetting:
    """The council and the days an example is judged in: nation, the day the notice was
    published (None: not given) and the day it is read (None: the day it was published)."""

    nation: str = "england"
    published: dt.date | None = None
    as_of: dt.date | None = None


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
    setting: ExampleSetting | None = None
    right_setting: ExampleSetting | None = None

    def setting_of(self, side: str) -> ExampleSetting | None:
        """The setting the 'wrong' or 'right' example is judged in."""
        if side == "right" and self.right_setting is not None:
            return self.right_setting
        return self.setting


def _where(node: yaml.Node) -> str:
    mark = node.start_mark
    return f"{CATALOGUE.name}:{mark.line + 1}:{mark.column + 1}"


def _setting(node: yaml.Node, value: Any) -> ExampleSetting:
    """An example's setting, checked: a mapping of nation, published and as_of."""
    if not isinstance(value, dict):
        raise CatalogueError(f"{_where(node)}: a setting is a mapping of nation, published "
                             "and as_of, e.g. {nation: wales, published: 2019-06-01}")
    pairs = node.value if isinstance(node, yaml.MappingNode) else []
    keys = {k.value: k for k, _ in pairs}
    values = {k.value: v for k, v in pairs}
    for key, item in value.items():
        at = _where(values.get(key, node))
        if key == "nation" and item not in _NATIONS:
            raise CatalogueError(f"{at}: nation must be one of {', '.join(_NATIONS)}, "
                                 f"not {item!r}")
        if key in ("published", "as_of") and not isinstance(item, dt.date):
            raise CatalogueError(f"{at}: {key} must be a date written YYYY-MM-DD, "
                                 f"not {item!r}")
        if key not in ("nation", "published", "as_of"):
            raise CatalogueError(f"{_where(keys.get(key, node))}: a setting has nation, "
                                 "published and as_of; "
                                 f"remove {key!r}")
    return ExampleSetting(**value)


def _rule(node: yaml.Node, entry: Any) -> Rule:
    """One catalogue entry, checked."""
    if not isinstance(entry, dict):
        raise CatalogueError(f"{_where(node)}: each rule is a mapping (code: ..., ...)")
    nodes = {k.value: v for k, v in node.value}
    missing = [key for key in _REQUIRED if key not in entry]
    if missing:
        raise CatalogueError(f"{_where(node)}: rule {entry.get('code', '?')!r} needs "
                             f"{', '.join(missing)}")
    for key in entry:
        if key not in _REQUIRED + _OPTIONAL:
            raise CatalogueError(f"{_where(nodes[key])}: unknown key {key!r}; a rule has "
                                 f"{', '.join(_REQUIRED + _OPTIONAL)}")
    extra = {key: _setting(nodes[key], entry[key]) for key in _OPTIONAL if key in entry}
    return Rule(**{**entry, **extra, "checks": tuple(entry["checks"])})


def load(text: str) -> dict[str, Rule]:
    """The rules in a catalogue's text, by code; CatalogueError, located, on a mistake."""
    root = yaml.compose(text)
    data = yaml.safe_load(text)
    if root is None or not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise CatalogueError(f"{CATALOGUE.name}:1:1: the catalogue is a mapping with 'rules:'"
                             " and a list of rules")
    entries = next(v for k, v in root.value if k.value == "rules").value
    return {rule.code: rule for rule in map(_rule, entries, data["rules"])}


@cache
def rules() -> dict[str, Rule]:
    """Every rule, by code, in the catalogue's order."""
    return load(CATALOGUE.read_text(encoding="utf-8"))


PAGES = "docs/rules"
"""Where the documentation has a page for each rule (generated from this catalogue)."""


def page(code: str) -> str:
    """Where a finding's reader learns about the rule `code`, which the finding names after
    its fix and rule: its documentation page and, for a council that installed the tool and
    has no docs/ folder, the command that prints the same page ('see: docs/rules/<code>.md
    (or: pause-docs show rule <code>)'); '' for a code the catalogue does not have."""
    return f"{PAGES}/{code}.md (or: pause-docs show rule {code})" if code in rules() else ""
