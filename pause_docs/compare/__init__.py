"""What changed between two versions of a document, in legal terms: a list of change records.

Both versions are compared as resolved models (after programme inheritance, variables and
registry lookup), never as YAML text, so re-ordering, re-indenting or re-wording keys is no
change in law. A re-ordering is reported separately, as presentation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..publish.document import publish
from ..source.errors import Problem
from ..source.models import Notice
from ..source.resolved import ResolvedDocument
from .content import contact_changes, content_changes, document_changes
from .law import law_changes, right_changes
from .layers import revisit_notes
from .records import (
    AREAS,
    WEIGHTS,
    Action,
    Change,
    Comparison,
    Law,
    Lint,
    LintDelta,
    Version,
    Weight,
    area_key,
    notice_of,
    version_of,
)
from .risks import risk_changes
from .screening import screening_changes
from .text import order_changes, text_changes
from .translations import language_changes
from .words import words

__all__ = ["AREAS", "WEIGHTS", "Action", "Change", "Comparison", "Law", "Lint", "LintDelta",
           "Version", "Weight", "area_key", "diff_documents", "version_of", "words"]


def diff_documents(old: ResolvedDocument, new: ResolvedDocument, lint: Lint | None = None,
                   *, old_label: str | None = None, new_label: str | None = None,
                   notes: Iterable[str] = (), language: str | None = None) -> Comparison:
    """Every change from `old` to `new`, both in `language` (None: the new version's first
    language; `new` must be published in it, and `old` is in its first language if it is
    not); `lint`, when given, finds each version's problems, in all its languages.

    What each version says in law is compared on its resolved model; what its reader sees
    (contacts, wording) on its publication."""
    delta = None if lint is None else _lint_delta(list(lint(old)), list(lint(new)))
    new = new.in_language(language)
    old = old.in_language(new.language if new.language in old.languages else None)
    old_page, new_page = publish(old), publish(new)
    changes = document_changes(old, new)
    if isinstance(old.model, Notice) and isinstance(new.model, Notice):
        changes += [*law_changes(old, new), *right_changes(old, new),
                    *content_changes(notice_of(old), notice_of(new), old_page, new_page),
                    *order_changes(old, new)]
    else:  # screenings and assessments: their answers and decision
        changes += [*screening_changes(old, new), *risk_changes(old, new)]
    changes += [*contact_changes(old_page, new_page), *text_changes(old_page, new_page),
                *language_changes(old, new)]
    changes.sort(key=lambda c: (WEIGHTS.index(c.weight), AREAS.index(c.area)))
    if any(c.weight != "presentation" for c in changes):
        notes = (*notes, *revisit_notes(new))
    return Comparison(version_of(old, old_label), version_of(new, new_label), tuple(changes),
                      delta, tuple(notes), new.language, (old_page, new_page))


_PLACES = re.compile(r" \((?:also at|inherited from) [^()]*\)")


def _lint_delta(old: list[Problem], new: list[Problem]) -> LintDelta:
    """Findings are the same finding when code and message agree, whatever lines they (and
    the other places they name) moved to: a finding that only moved is neither fixed nor
    introduced, and a fixed one keeps its old place."""
    def key(p: Problem) -> tuple[str, str, str]:
        return (p.severity, p.code, _PLACES.sub("", p.message))

    was, now = {key(p) for p in old}, {key(p) for p in new}
    return LintDelta(tuple(sorted(p for p in old if key(p) not in now)),
                     tuple(sorted(p for p in new if key(p) not in was)))
