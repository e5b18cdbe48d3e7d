"""The rules: a page for every lint and audit code (what it finds, why, with the law's
address, a wrong and a right example, the fix), like ruff's, and an index of them all, from
the rule catalogue the checks themselves keep (`pause_docs/check/rules.yaml`), in the parts
and order `pause_docs.check.explained` gives every place that explains a rule."""

from __future__ import annotations

from pause_docs.check.explained import Part, facts, families, one_line, parts
from pause_docs.check.rules import Rule, rules


def pages() -> dict[str, str]:
    catalogue = rules()
    out = {"rules/index.md": _index()}
    for rule in catalogue.values():
        out[f"rules/{rule.code}.md"] = _page(rule)
    return out


def _index() -> str:
    out = ["# Rules", "",
           "Every code `pause-docs lint` and `pause-docs audit` can report, each with its own "
           "page: what it finds, why (with the law's address), a wrong and a right example, "
           "and the fix. A finding is printed as `path:line:column: severity: code: message`, "
           "then its `fix:` and `rule:`; [checking documents against the law]"
           "(../guides/lint.md) explains how the checks read a document.", ""]
    for family, members in families().items():
        out += [f"## {family}", "",
                "| code | severity | applied by | what it finds |", "|---|---|---|---|"]
        out += [f"| [`{r.code}`]({r.code}.md) | {r.severity} | {', '.join(r.checks)} | "
                f"{_cell(r.what)} |" for r in members]
        out.append("")
    return "\n".join(out)


def _page(rule: Rule) -> str:
    out = [f"# {rule.code}", "",
           " · ".join(f"**{name}:** {value}" for name, value in facts(rule))
           + " ([all rules](index.md))", ""]
    for part in parts(rule):
        out += [f"## {part.heading}", "", *_blocks(part)]
    return "\n".join(out)


def _blocks(part: Part) -> list[str]:
    """A part's paragraph, law and example, each followed by a blank line."""
    law = f"The law: <{part.law}>" if part.law_is_address else f"The law: {part.law}"
    shown = [part.text, part.law and law, part.example and _quote(part.example)]
    return [line for block in shown if block for line in (block, "")]


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.strip().splitlines())


def _cell(text: str) -> str:
    return one_line(text).replace("|", "\\|")
