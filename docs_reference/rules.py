"""The rules: a page for every lint and audit code (what it finds, why, with the law's
address, a wrong and a right example, the fix), like ruff's, and an index of them all, from
the rule catalogue the checks themselves keep (`pause_docs/check/rules.yaml`)."""

from __future__ import annotations

from pause_docs.check.rules import Rule, rules
from pause_docs.publish.locale import load_locale


def pages() -> dict[str, str]:
    catalogue = rules()
    out = {"rules/index.md": _index(list(catalogue.values()))}
    for rule in catalogue.values():
        out[f"rules/{rule.code}.md"] = _page(rule)
    return out


def _index(catalogue: list[Rule]) -> str:
    out = ["# Rules", "",
           "Every code `pause-docs lint` and `pause-docs audit` can report, each with its own "
           "page: what it finds, why (with the law's address), a wrong and a right example, "
           "and the fix. A finding is printed as `path:line:column: severity: code: message`, "
           "then its `fix:` and `rule:`; [checking documents against the law]"
           "(../guides/lint.md) explains how the checks read a document.", ""]
    families = list(dict.fromkeys(r.family for r in catalogue))
    for family in families:
        out += [f"## {family[0].upper()}{family[1:]}", "",
                "| code | severity | applied by | what it finds |", "|---|---|---|---|"]
        out += [f"| [`{r.code}`]({r.code}.md) | {r.severity} | {', '.join(r.checks)} | "
                f"{_cell(r.what)} |" for r in catalogue if r.family == family]
        out.append("")
    return "\n".join(out)


def _page(rule: Rule) -> str:
    return "\n".join([
        f"# {rule.code}", "",
        f"**Severity:** {rule.severity} · **applied by:** {', '.join(rule.checks)} · "
        f"**family:** {rule.family} ([all rules](index.md))", "",
        "## What it finds", "", _one_line(rule.what), "",
        "## Why", "", _one_line(rule.why), "", f"The law: <{rule.law}>"
        if rule.law.startswith("http") else f"The law: {rule.law}", "",
        "## Wrong", "", *_setting(rule, "wrong"), _quote(rule.wrong), "",
        "## Right", "", *_setting(rule, "right"), _quote(rule.right), "",
        "## How to fix it", "", _one_line(rule.fix), ""])


def _setting(rule: Rule, side: str) -> list[str]:
    """The council and days an example is judged in, as a line before it ('For an English
    council, in a notice published on 1 June 2019:'); nothing when the rule gives none."""
    setting = rule.setting_of(side)
    if setting is None:
        return []
    date = load_locale().date
    words = [f"For {'an English' if setting.nation == 'england' else 'a Welsh'} council"]
    if setting.published:
        words.append(f"in a notice published on {date(setting.published)}")
    if setting.as_of:
        words.append(f"read on {date(setting.as_of)}")
    return [", ".join(words) + ":", ""]


def _quote(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.strip().splitlines())


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _cell(text: str) -> str:
    return _one_line(text).replace("|", "\\|")
