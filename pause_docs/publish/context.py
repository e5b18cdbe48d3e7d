"""A document being published, in one language: where each of its values was written, the
locale's words, and (for a notice) its sections' lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..forms.definition import FormSection
from ..forms.form import Form
from ..source.errors import Location
from ..source.languages import DEFAULT_LANGUAGE
from ..source.loader import Path_
from ..source.models import FormDocument, Notice
from ..source.models.registry import worded
from ..source.models.sections import Section
from ..source.resolved import ResolvedDocument
from .locale import Locale
from .markup import blocks, inlines, plain_text
from .tree import (
    Block,
    Division,
    Heading,
    Inline,
    Item,
    ListBlock,
    Origin,
    Paragraph,
    Text,
    is_inline,
    plain,
)
from .wording import Wording


@dataclass(frozen=True)
class Context(Wording):
    """A document being published, in one language."""

    doc: ResolvedDocument
    locale: Locale

    def origin(self, path: Path_) -> Origin:
        """Where a value of the document (or what it inherits) was written, and its
        language."""
        made = self.doc.provenance
        return Origin(made.locate(path), path, language=made.language_of(path))

    def council_origin(self, path: Path_) -> Origin:
        return Origin(self.doc.provenance.locate_council(path), path, "council",
                      self.doc.provenance.council_language_of(path))

    def registry_origin(self, key: str, language: str = DEFAULT_LANGUAGE,
                        name: str | None = None) -> Origin:
        """A registry entry's words ('table:id'), in `language` (English unless the entry
        gives the page's language): its path is (key, the field printed), so that checks
        can find the entry and whether it is translated."""
        where = self.doc.registry.defined_at.get(key, Location("legal_bases"))
        return Origin(where, (key, name) if name else (key,), "registry", language)

    def worded(self, entry: Any, name: str, key: str) -> tuple[str, Origin]:
        """A registry entry's text `name` in the page's language when the registry gives it
        (`translations:`), else in English; with its origin."""
        text, language = worded(entry, name, self.locale.language)
        return text, self.registry_origin(key, language, name)


class NoticeContext(Context):
    """A notice being published: its sections, and the citations they may show."""

    @property
    def notice(self) -> Notice:
        assert isinstance(self.doc.model, Notice)
        return self.doc.model

    def listed(self, section: Section, index: int, items: Sequence[Sequence[Inline]],
               role: str | None = None) -> list[Block]:
        """Items as a bulleted list, or (style: inline) as one sentence after the intro."""
        if not items:
            return []
        if section.style == "paragraphs":
            return [_paragraph(item) for item in items]
        if section.style != "inline" or not self.locale.inline_lists:
            return [ListBlock(tuple(Item(tuple(i)) for i in items), role=role)]
        joiner = section.joiner or "and"
        sentence = list(self.joined(items, joiner))
        intro = inlines(section.intro, self.origin(("sections", index, "intro")))
        if intro:
            sentence = [*intro, Text(" "), *sentence]
        if not plain(tuple(self.joined(items, joiner))).rstrip().endswith((".", "!", "?")):
            sentence.append(Text("."))
        return [Paragraph(tuple(sentence))]


def _paragraph(item: Sequence[Inline | Block]) -> Block:
    """An item as a paragraph of its own (with any list under it, e.g. its conditions)."""
    words = tuple(n for n in item if is_inline(n))
    rest = tuple(n for n in item if not is_inline(n))
    if not rest:
        return Paragraph(words)  # type: ignore[arg-type]
    return Division((Paragraph(words), *rest), role="item")  # type: ignore[arg-type]


class FormContext(Context):
    """A document on a form being published."""

    @property
    def form(self) -> Form:
        assert self.doc.form is not None
        return self.doc.form

    @property
    def model(self) -> FormDocument:
        assert isinstance(self.doc.model, FormDocument)
        return self.doc.model

    # --- the form's words --------------------------------------------------------------
    def words(self, text: str | None, path: Path_) -> tuple[Inline, ...]:
        """The form's own words (a label, a heading), located in the form file."""
        return plain_text(text, self.form.origin(path)) if text else ()

    def section_path(self, section: FormSection) -> Path_:
        return self.form.section_path(section)

    def heading(self, section: FormSection, level: int = 2) -> Heading | None:
        if not section.heading:
            return None
        return Heading(level, self.words(section.heading, self.section_path(section) + (
            "heading",)), anchor=section.id,
            role="visually-hidden" if section.heading_hidden else None)

    def around(self, section: FormSection, content: tuple[Block, ...]) -> tuple[Block, ...]:
        """A section's intro, its content and its note."""
        at = self.section_path(section)
        return (*blocks(section.intro, self.form.origin(at + ("intro",))), *content,
                *blocks(section.note, self.form.origin(at + ("note",))))

    def day(self, day: dt.date | None) -> tuple[Inline, ...]:
        return (self.date(day, self.model.date_style),) if day else ()
