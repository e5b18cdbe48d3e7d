"""The rule catalogue (`pause_docs/check/rules.yaml`): every code the checks can report is
in it, every entry says what, why (with the law's address), a wrong and a right example and
the fix; and no message is ever printed with an empty slot ('(also at )', "''", '()')."""

from __future__ import annotations

import ast
import datetime as dt
import re
import typing
from pathlib import Path

import pytest
from conftest import REPO, bundled_documents

from pause_docs.check.lint import lint_document
from pause_docs.check.lint.setting import Finding
from pause_docs.check.rules import rules
from pause_docs.source.errors import Location, Problem
from pause_docs.source.models import StatusChange

CHECKS = REPO / "pause_docs" / "check"
_ADDRESS = re.compile(r"^https://(www\.legislation\.gov\.uk|www\.gov\.uk|ico\.org\.uk)/")
# An empty slot: a template filled with nothing.
EMPTY_SLOT = re.compile(r"\(\s*\)|\(\s*,|,\s*\)|''|\"\"|\(also at\s*\)|\s,|,,|\s\.$|:\s*$"
                        r"|\bNone\b|\s{2,}|^\s|\s$|\[\s*\]")


def _literal_codes() -> set[str]:
    """The codes given as literal text to a Finding or Problem anywhere in the checks."""
    found: set[str] = set()
    for file in CHECKS.rglob("*.py"):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in (
                    "Finding", "Problem") and len(node.args) >= 3 and \
                    isinstance(node.args[2], ast.Constant):
                found.add(node.args[2].value)
    return found


def _made_codes() -> set[str]:
    """The codes made from parts: a change of status when published or since, and an item
    a notice lists but does not show."""
    changes = typing.get_args(StatusChange.model_fields["change"].annotation)
    made = {f"{c}-{when}-published" for c in changes if c != "amended"
            for when in ("when", "since")}
    fields = ("purposes", "recipients", "retention", "rights", "data-categories", "sources")
    return made | {f"{f}-not-shown" for f in fields}


def test_every_code_the_checks_can_report_is_catalogued() -> None:
    missing = (_literal_codes() | _made_codes()) - rules().keys()
    assert missing == set(), f"add these codes to pause_docs/check/rules.yaml: {missing}"


def test_every_rule_says_what_why_where_wrong_right_and_fix() -> None:
    for rule in rules().values():
        assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", rule.code), rule.code
        assert rule.severity in ("error", "warning", "info"), rule.code
        assert set(rule.checks) <= {"lint", "audit"} and rule.checks, rule.code
        assert _ADDRESS.match(rule.law), (rule.code, rule.law)
        for text in (rule.what, rule.why, rule.wrong, rule.right, rule.fix, rule.family):
            assert text.strip() and not EMPTY_SLOT.search(text.strip()), (rule.code, text)


def test_other_places_on_the_same_line_add_no_empty_also_at() -> None:
    finding = Finding(("k",), "error", "misnamed-instrument", "the message", "fix", "rule")
    here = Location("a.yaml", 3, 5)
    same_line = finding.at(here, [Location("a.yaml", 3, 20)])
    assert same_line.message == "the message"
    elsewhere = finding.at(here, [Location("a.yaml", 3, 20), Location("a.yaml", 9, 1)])
    assert elsewhere.message == "the message (also at line 9)"
    other_file = finding.at(here, [Location("b.yaml", 3, 5)])
    assert other_file.message == "the message (also at b.yaml:3:5)"


def empty_slots(problems: list[Problem]) -> list[str]:
    """Each message, fix or rule of `problems` with an empty slot."""
    return [f"{p.code}: {text!r}" for p in problems for text in (p.message, p.fix, p.rule)
            if text and EMPTY_SLOT.search(text)]


@pytest.mark.slow
@pytest.mark.parametrize("as_of", [dt.date(2019, 1, 1), dt.date(2026, 11, 21),
                                   dt.date(2030, 1, 1)])
def test_no_bundled_finding_has_an_empty_slot(as_of: dt.date) -> None:
    problems = [p for doc in bundled_documents() for p in lint_document(doc, as_of)]
    assert problems and empty_slots(problems) == []


def test_the_catalogue_ships_with_the_package() -> None:
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"check/rules.yaml"' in text
    assert Path(CHECKS / "rules.yaml").is_file()
