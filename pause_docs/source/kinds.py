"""The kinds of document, each in one entry: its model, the programme defaults it starts
from, its publisher, its page template, its checks and its scaffold.

The command line (`schema`, `new`), the resolver, the publish stage, lint and `diff` read
this table instead of keeping lists of their own.  Models, publishers and checks are named
as 'module:name' and imported only when used, so that reading the table costs nothing (the
command line lists the kinds in its help without loading a model).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import Model


@dataclass(frozen=True)
class Kind:
    """One kind of document."""

    name: str
    schema: str
    """'package.module:Class' of its pydantic model."""
    family: str
    """The key of the programme's `defaults` that documents of this kind start from."""
    publisher: str
    """'package.module:function' that builds its publication."""
    template: str = "document.html"
    """The page template that prints its publication."""
    checks: tuple[str, ...] = ()
    """'package.module:function' of the lint checks that apply to it besides the law and names."""
    scaffold: str | None = None
    """The file `pause-docs new` writes for it, from scaffold/drafts/<name>.yaml."""
    describes_processing: bool = False
    """A notice of the processing, which a DPIA screening can screen."""
    form: str | None = None
    """Documents of this kind are written on a form: this bundled one unless they name one."""

    @property
    def model(self) -> type[Model]:
        model: type[Model] = self.function(self.schema)
        return model

    def function(self, name: str) -> Any:
        module, _, attribute = name.partition(":")
        return getattr(importlib.import_module(module), attribute)


_NOTICE_CHECKS = ("pause_docs.check.lint.checklist:check_completeness",
                  "pause_docs.check.lint.checklist:check_consistency",
                  "pause_docs.check.lint.checklist:check_dated",
                  "pause_docs.check.lint.readability:check_readability",
                  "pause_docs.check.lint.layers:check_layer")
_NOTICE = "pause_docs.publish.notice:publish_notice"
_FORM = "pause_docs.publish.assessment:publish_form"
_SCREENING_CHECKS = ("pause_docs.check.lint.screening:check_answers",
                     "pause_docs.check.lint.screening:check_dates")

KINDS: dict[str, Kind] = {kind.name: kind for kind in (
    Kind("fair-processing-notice", "pause_docs.source.models:Notice", "notice", _NOTICE,
         checks=_NOTICE_CHECKS, scaffold="scoping-notice", describes_processing=True),
    Kind("privacy-notice", "pause_docs.source.models:Notice", "notice", _NOTICE,
         checks=_NOTICE_CHECKS, scaffold="privacy-notice", describes_processing=True),
    Kind("impact-assessment", "pause_docs.source.models:FormDocument", "impact-assessment", _FORM,
         checks=_SCREENING_CHECKS, scaffold="impact-assessment", form="level-1-screening"),
    Kind("equality-screening", "pause_docs.source.models:FormDocument", "equality", _FORM,
         checks=_SCREENING_CHECKS, scaffold="equality-screening", form="equality-screening"),
    Kind("equality-impact-assessment", "pause_docs.source.models:FormDocument", "equality", _FORM,
         checks=_SCREENING_CHECKS, scaffold="equality-impact-assessment",
         form="equality-impact-assessment"),
    Kind("dpia-screening", "pause_docs.source.models:DpiaScreening", "dpia-screening", _FORM,
         checks=_SCREENING_CHECKS, scaffold="dpia-screening", form="dpia-criteria"),
)}
FAMILIES: tuple[str, ...] = tuple(dict.fromkeys(kind.family for kind in KINDS.values()))


def processing_kinds() -> list[str]:
    """The kinds a DPIA screening can screen."""
    return [name for name, kind in KINDS.items() if kind.describes_processing]


def form_kinds() -> list[str]:
    """The kinds written on a form (screenings and assessments)."""
    return [name for name, kind in KINDS.items() if kind.form is not None]
