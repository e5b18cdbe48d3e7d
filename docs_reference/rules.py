"""The rules: a page for every lint and audit code (what it checks, why, with the law and
its address, a wrong and a right example, the fix), like ruff's, and an index of them all.

The source is the rule catalogue the checks themselves read (`pause_docs/check/rules*`),
when it is there; until then, the codes the checks' code writes."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import yaml

from . import REPO

CHECKS = REPO / "pause_docs" / "check"
CATALOGUES = ("rules.yaml", "rules")
_CODE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)+$")
# Words the checks' code writes that are not codes (kinds, audiences, encodings, topics).
_NOT_CODES = {
    "article-10", "article-6", "article-9", "automated-decisions", "complain-to-controller",
    "complain-to-regulator", "complaint-to-regulator", "controller-contact",
    "criminal-offence-condition", "easy-read", "latin-1", "lawful-basis", "legal-bases",
    "named-as-basis", "northern-ireland", "not-in-force", "pro-cessing", "review-date",
    "schedule-1", "special-category", "special-category-condition", "statutory-duty",
    "statutory-power", "utf-8-sig", "withdraw-consent", "young-people", "missing-rights",
}
_CHANGES = ("repealed", "disapplied", "replaced", "renumbered", "superseded")


def pages() -> dict[str, str]:
    rules = catalogue()
    out = {"rules/index.md": _index(rules)}
    for rule in rules:
        out[f"rules/{rule['code']}.md"] = _page(rule)
    return out


def catalogue() -> list[dict[str, Any]]:
    """Every rule, by code, from the catalogue when there is one."""
    for name in CATALOGUES:
        path = CHECKS / name
        if path.is_file():
            return _entries(yaml.safe_load(path.read_text(encoding="utf-8")))
        if path.is_dir():
            found: list[dict[str, Any]] = []
            for file in sorted(path.glob("*.yaml")):
                found += _entries(yaml.safe_load(file.read_text(encoding="utf-8")))
            return sorted(found, key=lambda r: r["code"])
    return [{"code": code} for code in sorted(codes_in_code())]


def _entries(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, dict) and "rules" in data:
        data = data["rules"]
    if isinstance(data, dict) and "code" in data:
        data = [data]
    if isinstance(data, dict):
        data = [{"code": code, **(entry or {})} for code, entry in data.items()]
    return sorted((dict(e) for e in data), key=lambda r: r["code"])


def codes_in_code() -> set[str]:
    """The codes the checks' code writes: its string literals that look like codes, and the
    currency codes made from each change ('repealed-when-published')."""
    found: set[str] = set()
    for file in CHECKS.rglob("*.py"):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and _CODE.match(node.value):
                found.add(node.value)
    found |= {f"{c}-{w}" for c in _CHANGES for w in ("when-published", "since-published")}
    return found - _NOT_CODES


def _index(rules: list[dict[str, Any]]) -> str:
    out = ["# Rules", "",
           "Every code `pause-docs lint` and `pause-docs audit` can report, each with its own "
           "page. A finding is printed as `path:line:column: severity: code: message`, then "
           "`fix:` and `rule:` lines; [checking documents against the law](../guides/lint.md) "
           "explains how the checks read a document.", "",
           "| code | severity | what it checks |", "|---|---|---|"]
    for rule in rules:
        out.append(f"| [`{rule['code']}`]({rule['code']}.md) | {rule.get('severity', '')} | "
                   f"{_cell(_text(rule.get('what') or rule.get('summary') or ''))} |")
    return "\n".join(out) + "\n"


def _page(rule: dict[str, Any]) -> str:
    out = [f"# {rule['code']}", ""]
    if rule.get("severity"):
        out += [f"**Severity:** {rule['severity']}", ""]
    for key, heading in (("what", "What it checks"), ("why", "Why")):
        if rule.get(key):
            out += [f"## {heading}", "", _text(rule[key]), ""]
    law = rule.get("law")
    if law:
        out += ["## The law", "", _law(law), ""]
    for key, heading in (("wrong", "Wrong"), ("right", "Right")):
        if rule.get(key):
            out += [f"## {heading}", "", "```yaml", str(rule[key]).rstrip(), "```", ""]
    if rule.get("fix"):
        out += ["## How to fix it", "", _text(rule["fix"]), ""]
    if len(out) <= 4:
        out += ["The checks report this code; its description is still to be written in the "
                "rule catalogue. See [checking documents against the law](../guides/lint.md).",
                ""]
    return "\n".join(out)


def _law(law: Any) -> str:
    items = law if isinstance(law, list) else [law]
    lines = []
    for item in items:
        if isinstance(item, dict):
            words = item.get("title") or item.get("citation") or item.get("name") or ""
            url = item.get("url") or item.get("address")
            lines.append(f"- [{words}]({url})" if url else f"- {words}")
        else:
            lines.append(f"- {item}")
    return "\n".join(lines)


def _text(value: Any) -> str:
    return " ".join(str(value).split())


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def catalogue_path() -> Path | None:
    for name in CATALOGUES:
        if (CHECKS / name).exists():
            return CHECKS / name
    return None
