"""The kinds of document, each in one entry: the programme defaults it starts from, the shape
of its content, the model that checks it, its page template and its scaffold.

The command line (`schema`, `new`), the resolver, the models, the publish stage, lint and
`diff` read this table instead of keeping lists of their own.  It is plain data and imports
nothing, so that any stage can read it: each stage keeps what it does for a shape of content
(the publisher of a notice or of a form, the checks of each) in a table of its own, keyed by
`Kind.layout`, and the models by `Kind.model`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Layout = Literal["notice", "form"]
"""A notice: sections of structured data, each showing a block.  A form: the sections,
questions and rule of a form, with the answers."""


@dataclass(frozen=True)
class Kind:
    """One kind of document."""

    name: str
    model: str
    """The name of its model in `source.models.MODELS` (a form builds its own from it)."""
    family: str
    """The key of the programme's `defaults` that documents of this kind start from."""
    layout: Layout
    template: str = "document.html"
    """The page template that prints its publication."""
    scaffold: str | None = None
    """The file `pause-docs new` writes for it, from scaffold/drafts/<name>.yaml."""
    describes_processing: bool = False
    """A notice of the processing, which a DPIA screening can screen."""
    form: str | None = None
    """Documents of this kind are written on a form: this bundled one unless they name one."""

    @property
    def label(self) -> str:
        """What a document of this kind is, in words: 'Privacy notice', 'DPIA screening'."""
        words = self.name.replace("-", " ")
        return (words[0].upper() + words[1:]).replace("Dpia", "DPIA")


KINDS: dict[str, Kind] = {kind.name: kind for kind in (
    Kind("fair-processing-notice", "Notice", "notice", "notice", scaffold="scoping-notice",
         describes_processing=True),
    Kind("privacy-notice", "Notice", "notice", "notice", scaffold="privacy-notice",
         describes_processing=True),
    Kind("impact-assessment", "FormDocument", "impact-assessment", "form",
         scaffold="impact-assessment", form="level-1-screening"),
    Kind("equality-screening", "FormDocument", "equality", "form",
         scaffold="equality-screening", form="equality-screening"),
    Kind("equality-impact-assessment", "FormDocument", "equality", "form",
         scaffold="equality-impact-assessment", form="equality-impact-assessment"),
    Kind("dpia-screening", "DpiaScreening", "dpia-screening", "form",
         scaffold="dpia-screening", form="dpia-criteria"),
    Kind("dpia", "Dpia", "dpia", "form", scaffold="dpia", form="dpia-ico"),
)}
FAMILIES: tuple[str, ...] = tuple(dict.fromkeys(kind.family for kind in KINDS.values()))


def kinds_checked_by(model: str) -> tuple[str, ...]:
    """The kinds whose documents the model named `model` checks."""
    return tuple(name for name, kind in KINDS.items() if kind.model == model)


def processing_kinds() -> list[str]:
    """The kinds a DPIA screening can screen."""
    return [name for name, kind in KINDS.items() if kind.describes_processing]


def form_kinds() -> list[str]:
    """The kinds written on a form (screenings and assessments)."""
    return [name for name, kind in KINDS.items() if kind.form is not None]
