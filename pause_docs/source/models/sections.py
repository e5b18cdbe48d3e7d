"""The sections of a notice's page: which block of the data each shows (`show:`), and the
options each block honours, so that an option a block would ignore is an error, never lost."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import Field, model_validator

from .base import Markdown, Model, Slug

Block = Literal[
    "programme",
    "summary",
    "purpose",
    "purposes",
    "phases",
    "data-categories",
    "data-subjects",
    "sources",
    "legal-bases",
    "lawful-basis",
    "gateways",
    "recipients",
    "services",
    "controller",
    "automated-decisions",
    "safeguards",
    "retention",
    "transfers",
    "rights",
    "complaints",
    "dpo",
    "further-information",
    "matching-purpose",
    "matching-criteria",
    "matching-data-sent",
    "matching-datasets",
    "matching-profiling",
    "matching-retention",
    "matching-legal-bases",
    "matching-contact",
]
Group = str
Style = Literal["list", "inline", "paragraphs", "detail"]


@dataclass(frozen=True)
class BlockOptions:
    """What a block honours: the `style:` values it prints differently, whether it shows one
    group of its items (`only:`), and whether it needs a data-matching annex (`matching:`)."""

    styles: tuple[Style, ...] = ()
    only: bool = False
    matching: bool = False

    @property
    def joiner(self) -> bool:
        """`joiner:` ('and' or 'or') is honoured where a list may read as one sentence."""
        return "inline" in self.styles


_LIST = BlockOptions(("list", "inline", "paragraphs"))
_GROUPED = BlockOptions(("list", "inline", "paragraphs"), only=True)
BLOCK_OPTIONS: dict[str, BlockOptions] = {
    "programme": BlockOptions(),
    "summary": BlockOptions(),
    "purpose": BlockOptions(),
    "purposes": _GROUPED,
    "phases": BlockOptions(),
    "data-categories": _GROUPED,
    "data-subjects": _LIST,
    "sources": _LIST,
    "legal-bases": _GROUPED,
    "lawful-basis": BlockOptions(only=True),
    "gateways": _GROUPED,
    "recipients": BlockOptions(("list", "inline", "paragraphs", "detail"), only=True),
    "services": BlockOptions(),
    "controller": BlockOptions(),
    "automated-decisions": BlockOptions(),
    "safeguards": _LIST,
    "retention": BlockOptions(),
    "transfers": BlockOptions(),
    "rights": BlockOptions(),
    "complaints": BlockOptions(),
    "dpo": BlockOptions(),
    "further-information": BlockOptions(),
    "matching-purpose": BlockOptions(matching=True),
    "matching-criteria": BlockOptions(matching=True),
    "matching-data-sent": BlockOptions(("list", "inline"), matching=True),
    "matching-datasets": BlockOptions(matching=True),
    "matching-profiling": BlockOptions(matching=True),
    "matching-retention": BlockOptions(matching=True),
    "matching-legal-bases": BlockOptions(only=True, matching=True),
    "matching-contact": BlockOptions(matching=True),
}
"""Every `show:` value and the options it honours (a test walks every block and option)."""


class StandardSection(Model):
    """A reusable section: councils/sections/<id>.yaml, used by `use: <id>` in a notice."""

    heading: str | None = Field(None, description="Section heading.")
    intro: Markdown | None = Field(None, description="Text before the block.")
    text: Markdown = Field(description="The section's text; may use {{ council.name }} etc.")


class Section(Model):
    """One part of the page: a heading, some text, and/or a block built from the data."""

    heading: str | None = Field(None, description="Section heading; none continues the last.")
    level: Literal[2, 3] = Field(2, description="2 for a main heading, 3 for a sub-heading.")
    use: Slug | None = Field(None, description="A standard section from councils/sections/, "
                             "e.g. 'nhs-national-data-opt-out'; keys given here replace its own.")
    intro: Markdown | None = Field(None, description="Text before the block.")
    show: Block | None = Field(None, description="Which structured part to show here.")
    only: Group | None = Field(
        None, description="Show the items with this group; without it, a section shows the "
        "items that have no group. Only blocks of items that carry a `group` honour it "
        "(purposes, data-categories, legal-bases, lawful-basis, gateways, recipients, "
        "matching-legal-bases).")
    style: Style | None = Field(
        None, description="How a list prints. list (the default): bullets; inline: one "
        "sentence, the intro then 'A, B and C'; paragraphs: each item a paragraph of its "
        "own, without bullets; detail (recipients only): what each receives "
        "and who it passes it on to. A block that prints no list refuses a style.")
    joiner: Literal["and", "or"] | None = Field(
        None, description="With `style: inline`: the word before the last item, 'and' (the "
        "default) or 'or'.")
    matching: Slug | None = Field(None, description="For matching-* blocks: the annex id.")
    text: Markdown | None = Field(None, description="Free text after the block.")

    @model_validator(mode="after")
    def _has_content(self) -> Section:
        if not (self.heading or self.intro or self.show or self.text or self.use):
            raise ValueError("a section needs a heading, intro, show, use or text")
        return self

    @model_validator(mode="after")
    def _options_honoured(self) -> Section:
        problems = unhonoured(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self


def unhonoured(section: Section) -> list[str]:
    """What `section` asks for that its block would not do, in plain words (empty when
    every option it gives is honoured)."""
    given = [name for name in ("style", "only", "matching", "joiner")
             if getattr(section, name) is not None]
    if section.show is None:
        return [f"'{name}:' needs 'show:' (it says how a block prints, and this section "
                "shows none)" for name in given]
    options = BLOCK_OPTIONS[section.show]
    found = []
    if section.style is not None and section.style not in options.styles:
        found.append(_refused(section.show, f"style: {section.style}", options.styles))
    if section.only is not None and not options.only:
        found.append(f"'show: {section.show}' has no groups of items, so 'only:' would be "
                     "ignored; remove it")
    if section.joiner is not None and (not options.joiner or section.style != "inline"):
        found.append(f"'joiner: {section.joiner}' joins a list printed as one sentence; add "
                     "'style: inline'" if options.joiner else
                     f"'show: {section.show}' prints no list that reads as one sentence, so "
                     f"'joiner:' would be ignored; remove it")
    if options.matching and section.matching is None:
        found.append(f"'show: {section.show}' prints a part of a data-matching annex: add "
                     "'matching: <the annex id>'")
    if section.matching is not None and not options.matching:
        found.append(f"'show: {section.show}' is not part of a data-matching annex, so "
                     "'matching:' would be ignored; remove it")
    return found


def _refused(show: str, option: str, honoured: tuple[str, ...]) -> str:
    if not honoured:
        return (f"'show: {show}' prints no list, so '{option}' would be ignored; remove it")
    return (f"'show: {show}' does not print '{option}'; it prints "
            f"{' or '.join(f'style: {s}' for s in honoured)}")
