"""A rule explained, in the parts and the order every place that explains one gives them:
the docs site's rule pages (`docs_reference.rules`, Markdown), `pause-docs serve`'s rule
pages (`/_rules/<code>`, HTML) and `pause-docs show rule CODE` (plain text), so that the
three cannot drift apart.  A rule's parts: what it finds, why (with the law's address), a
wrong and a right example (each after the setting it is judged in) and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass

from ..publish.locale import load_locale
from ..source.errors import ProjectError, did_you_mean
from .rules import Rule, rules

SERVED = "/_rules/"
"""Where `pause-docs serve` shows the rules: the index here, each rule at SERVED + code."""


@dataclass(frozen=True)
class Part:
    """One part of a rule's page: its heading, then a paragraph, the law's address and a
    quoted example, each when it has one (in that order)."""

    heading: str
    text: str = ""
    law: str = ""
    example: str = ""

    @property
    def law_is_address(self) -> bool:
        """The law is given as a web address (shown as a link), not only in words."""
        return self.law.startswith(("http://", "https://"))


def parts(rule: Rule) -> list[Part]:
    """The parts of `rule`'s page, in order."""
    return [Part("What it finds", one_line(rule.what)),
            Part("Why", one_line(rule.why), law=rule.law),
            Part("Wrong", setting_line(rule, "wrong"), example=rule.wrong.strip()),
            Part("Right", setting_line(rule, "right"), example=rule.right.strip()),
            Part("How to fix it", one_line(rule.fix))]


def facts(rule: Rule) -> list[tuple[str, str]]:
    """What a page says under the rule's code: its severity, the commands that apply it
    and its family."""
    return [("Severity", rule.severity), ("applied by", ", ".join(rule.checks)),
            ("family", rule.family)]


def setting_line(rule: Rule, side: str) -> str:
    """The council and days an example is judged in, as a line before it ('For an English
    council, in a notice published on 1 June 2019:'); '' when the rule gives none."""
    setting = rule.setting_of(side)
    if setting is None:
        return ""
    date = load_locale().date
    words = [f"For {'an English' if setting.nation == 'england' else 'a Welsh'} council"]
    if setting.published:
        words.append(f"in a notice published on {date(setting.published)}")
    if setting.as_of:
        words.append(f"read on {date(setting.as_of)}")
    return ", ".join(words) + ":"


def families() -> dict[str, list[Rule]]:
    """Every rule, by family ('Currency', 'Names', …), in the catalogue's order."""
    found: dict[str, list[Rule]] = {}
    for rule in rules().values():
        found.setdefault(rule.family[0].upper() + rule.family[1:], []).append(rule)
    return found


def one_line(text: str) -> str:
    return " ".join(text.split())


def served(code: str) -> str:
    """The address of the rule `code` in `pause-docs serve`; '' for a code the catalogue
    does not have."""
    return f"{SERVED}{code}" if code in rules() else ""


def find(code: str) -> Rule:
    """The rule `code`; a ProjectError (exit 2) saying which codes there are, else."""
    catalogue = rules()
    if code not in catalogue:
        raise ProjectError(f"no rule called '{code}'{did_you_mean(code, catalogue)}: "
                           "'pause-docs show rule' lists them all")
    return catalogue[code]


def plain(rule: Rule) -> str:
    """The rule's page in plain text, for a terminal (`pause-docs show rule CODE`)."""
    lines = [rule.code, " · ".join(f"{k}: {v}" for k, v in facts(rule))]
    for part in parts(rule):
        lines += ["", part.heading]
        lines += [f"  {line}" for line in (part.text, part.law and f"The law: {part.law}")
                  if line]
        lines += [f"    {line}".rstrip() for line in part.example.splitlines()]
    return "\n".join(lines)


def listing() -> str:
    """Every code, one a line with what it finds (`pause-docs show rule`)."""
    width = max(len(code) for code in rules())
    return "\n".join(f"{rule.code:<{width}}  {one_line(rule.what)}"
                     for rule in rules().values())
