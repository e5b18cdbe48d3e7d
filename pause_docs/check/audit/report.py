"""An audit as people read it (places by page and line in a PDF, by paragraph in a Word
document, by line in HTML and text) and as JSON; a folder of notices as a table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from ...check.rules import page as rule_page
from ...source.errors import Location, Problem, summary
from . import Audit

_WORST_WIDTH = 70


def place(where: Location, audit: Audit) -> str:
    """'notice.pdf: page 2, line 14', 'notice.docx: paragraph 12' or 'notice.html:14:5'."""
    if not where.line or audit.kind not in ("pdf", "docx"):
        return str(where)
    return f"{where.path}: {audit.place(where)}"


def text_report(audit: Audit) -> list[str]:
    """The findings, then the Art 13/14 items, then a summary."""
    lines = [audit.path, *(f"    {note}" for note in audit.notes)]
    for problem in audit.problems:
        lines.append(f"{place(problem.location, audit)}: {problem.severity}: {problem.code}: "
                     f"{problem.message}")
        lines += [f"    {label}: {value}" for label, value in
                  (("fix", problem.fix), ("rule", problem.rule),
                   ("see", rule_page(problem.code))) if value]
    if audit.items:
        lines.append("What UK GDPR Arts 13 and 14 ask a notice to say, as found in its words:")
        for found in audit.items:
            status = "found    " if found.where else "deferred " if found.deferred else \
                "not found"
            parts = [w for w in (audit.place(found.where), found.how and f"by {found.how}")
                     if w] if found.where else []
            if found.deferred:
                parts = [f"to the notice named at {audit.place(found.deferred)}"]
            at = f" ({', '.join(parts)})" if parts else ""
            note = f" [{found.note}]" if found.note else ""
            lines.append(f"  {status}  {found.item.title}{at}{note}")
    lines.append(f"{summary(audit.problems)} (as of {audit.setting.as_of.isoformat()})")
    return lines


def table(audits: Sequence[Audit]) -> list[str]:
    """One row per notice: errors, warnings and the worst finding."""
    width = max([len("document"), *(len(a.path) for a in audits)])
    lines = [f"{'document':<{width}}  errors  warnings  worst finding"]
    for audit in audits:
        worst = audit.worst
        shown = "-" if worst is None else \
            f"{worst.severity}: {worst.code} ({audit.place(worst.location) or 'file'})"
        if len(shown) > _WORST_WIDTH:
            shown = shown[:_WORST_WIDTH - 1] + "…"
        lines.append(f"{audit.path:<{width}}  {audit.count('error'):>6}  "
                     f"{audit.count('warning'):>8}  {shown}")
    problems = [p for a in audits for p in a.problems]
    lines.append(f"{len(audits)} notice{'' if len(audits) == 1 else 's'}: {summary(problems)}")
    return lines


def as_json(audits: Sequence[Audit], as_of: dt.date) -> dict[str, Any]:
    return {"as_of": as_of.isoformat(),
            "summary": summary(p for a in audits for p in a.problems),
            "documents": [_document(a) for a in audits]}


def _document(audit: Audit) -> dict[str, Any]:
    return {
        "path": audit.path, "kind": audit.kind,
        "published": audit.setting.published.isoformat(), "nation": audit.setting.nation,
        "notes": list(audit.notes), "summary": summary(audit.problems),
        "problems": [_problem(p, audit) for p in audit.problems],
        "items": [{"id": f.item.id, "title": f.item.title, "found": f.where is not None,
                   **(_where(f.where, audit) if f.where else {}), "by": f.how or None,
                   "deferred": _where(f.deferred, audit) if f.deferred else None,
                   "note": f.note or None, "rule": f.item.source} for f in audit.items],
    }


def _where(where: Location, audit: Audit) -> dict[str, Any]:
    page, line = audit.page_line(where)
    key = "paragraph" if audit.kind == "docx" else "line"
    return {"page": page, key: line, "column": where.column or None}


def _problem(problem: Problem, audit: Audit) -> dict[str, Any]:
    return {**problem.as_json(), **_where(problem.location, audit)}
