"""A comparison for people: grouped terminal text, and a redline page for a legal sign-off.

Legal changes come first, then wording, then order and layout. Insertions and deletions are
marked with words and brackets as well as colour, so the redline reads in black and white.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup, escape

from ..publish.locale import load_locale
from ..render.html import environment, page_frame, stylesheets
from ..source.layout import TEMPLATES_DIR
from . import AREAS, Change, Comparison, Version, Weight

REDLINE_TEMPLATE = "diff.html"
REDLINE_STYLESHEET = "assets/redline.css"
INSERTED = ("[+", "+]")
DELETED = ("[−", "−]")

ACTIONS = {
    "added": "Added", "removed": "Removed", "replaced": "Replaced", "changed": "Changed",
    "now-applies": "Now applies", "no-longer-applies": "No longer applies",
    "reordered": "Re-ordered",
}
WEIGHTS: dict[Weight, str] = {
    "legal": "Legal changes",
    "wording": "Wording changes",
    "presentation": "Order and layout (no change in law)",
}


@dataclass(frozen=True)
class Group:
    """The changes of one weight, area by area."""

    weight: Weight
    title: str
    areas: tuple[tuple[str, tuple[Change, ...]], ...]

    @property
    def count(self) -> int:
        return sum(len(changes) for _, changes in self.areas)


def groups(comparison: Comparison) -> list[Group]:
    """Legal, wording and presentation changes, each grouped by area in the areas' order."""
    found = []
    for weight, title in WEIGHTS.items():
        changes = comparison.weighted(weight)
        areas = tuple((AREAS[area], tuple(c for c in changes if c.area == area))
                      for area in AREAS if any(c.area == area for c in changes))
        found.append(Group(weight, title, areas))
    return found


# --- terminal text -------------------------------------------------------------------------

def as_text(comparison: Comparison) -> str:
    """Plain text for a terminal or an email: [-deleted-] and {+inserted+} as git does."""
    old, new = comparison.old, comparison.new
    lines = [f"old: {old.label}: {_describe(old)}",
             f"new: {new.label}: {_describe(new)}", ""]
    for group in groups(comparison):
        if not group.count:
            lines += [f"No {group.title[0].lower()}{group.title[1:]}."
                      if group.weight != "presentation" else
                      "No changes of order or layout.", ""]
            continue
        lines += [f"{group.title} ({group.count})", ""]
        for area, changes in group.areas:
            lines.append(area)
            for change in changes:
                lines += _change_lines(change)
            lines.append("")
    lines += _lint_lines(comparison)
    lines += list(comparison.notes)
    return "\n".join(lines).rstrip() + "\n"


def long_date(day: dt.date) -> str:
    """'1 February 2017': the redline is for a legal team, in English."""
    return load_locale().date(day)


def _describe(version: Version) -> str:
    words = [version.title, version.council, f"published {long_date(version.published)}"]
    if version.version:
        words.append(f"version {version.version}")
    return ", ".join(words)


def _change_lines(change: Change) -> list[str]:
    lines = [f"  {ACTIONS[change.action].lower()}: {change.subject}"]
    pad = "      "
    if change.words and change.action == "changed":
        lines.append(pad + "text: " + word_text(change))
    else:
        if change.old is not None and change.action not in ("added",):
            lines.append(f"{pad}was: {change.old}")
        if change.new is not None and change.action not in ("removed",):
            lines.append(f"{pad}now: {change.new}")
    for law in change.old_law:
        lines.append(f"{pad}old law: {law.citation} <{law.url}>")
    for law in change.new_law:
        lines.append(f"{pad}new law: {law.citation} <{law.url}>")
    if change.note:
        lines.append(f"{pad}note: {change.note}")
    return lines


def word_text(change: Change) -> str:
    marks = {"=": ("", ""), "-": ("[-", "-]"), "+": ("{+", "+}")}
    return " ".join(f"{marks[op][0]}{text}{marks[op][1]}" for op, text in change.words)


def _lint_lines(comparison: Comparison) -> list[str]:
    delta = comparison.lint
    if delta is None:
        return []
    lines = [f"Lint: {len(delta.fixed)} finding{'' if len(delta.fixed) == 1 else 's'} fixed, "
             f"{len(delta.introduced)} introduced", ""]
    lines += [f"  fixed: {p.severity}: {p.code}: {p.message}" for p in delta.fixed]
    lines += [f"  introduced: {p}" for p in delta.introduced]
    return lines + ([""] if delta.fixed or delta.introduced else [])


# --- the redline page ----------------------------------------------------------------------

def marked(change: Change) -> Markup:
    """The word-level diff as HTML: <del> and <ins>, each with its bracket markers."""
    parts = []
    for op, text in change.words:
        if op == "=":
            parts.append(escape(text))
        elif op == "-":
            parts.append(deleted(text))
        else:
            parts.append(inserted(text))
    return Markup(" ").join(parts)


def inserted(text: str) -> Markup:
    return Markup('<ins><span class="mark">{}</span>{}<span class="mark">{}</span></ins>'
                  ).format(INSERTED[0], text, INSERTED[1])


def deleted(text: str) -> Markup:
    return Markup('<del><span class="mark">{}</span>{}<span class="mark">{}</span></del>'
                  ).format(DELETED[0], text, DELETED[1])


def as_html(comparison: Comparison, templates: tuple[Path, ...] = (TEMPLATES_DIR,)) -> str:
    """The redline as a standalone HTML page (the house style, printable to PDF)."""
    old, new = comparison.old, comparison.new
    councils = old.council if old.council == new.council else f"{old.council} and {new.council}"
    template = environment(templates).get_template(REDLINE_TEMPLATE)
    locale = load_locale()
    return template.render(
        comparison=comparison, old=old, new=new, groups=groups(comparison),
        legal=comparison.weighted("legal"), actions=ACTIONS, councils=councils,
        **page_frame(locale.tag, locale.strings, councils, new.published),
        stylesheet=stylesheets(REDLINE_STYLESHEET, search_path=templates),
        marked=marked, inserted=inserted, deleted=deleted, long_date=long_date,
        inserted_marks=INSERTED, deleted_marks=DELETED)
