"""The other lists a document names things from, searched by the same plain words as the
law (`catalogue.law`): a section's block (`show:`, with what it prints), a programme, a
form, a standard section and a data-subject right — for the editor's pickers.

Each entry is an id (what the YAML file writes), a title and a line saying what it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..source.layout import form_folders, programme_files, section_files, yaml_files
from ..source.loader import read_yaml
from ..source.models.sections import BLOCK_OPTIONS
from ..source.registry import Registry
from .words import fields, match, words

# What each `show:` value prints, in a line (a test checks every block has one).
BLOCKS = {
    "programme": "the programme's description (or the notice's own about_programme)",
    "services": "an umbrella notice's services, each under its sub-heading with its purposes "
                "and law",
    "summary": "the notice's summary",
    "purpose": "the notice's purpose, as one text",
    "purposes": "each purpose with its lawful basis (one group with only:)",
    "phases": "the programme's phases, one after another",
    "data-categories": "the kinds of personal data used, special category and criminal "
                       "offence data marked (one group with only:)",
    "data-subjects": "whose data it is: the people the notice is about",
    "sources": "where the data comes from (UK GDPR Art 14)",
    "legal-bases": "the lawful bases and conditions with the law behind them (one group "
                   "with only:)",
    "lawful-basis": "the Art 6 lawful basis alone",
    "gateways": "the statutes behind the council's task (statutory gateways)",
    "recipients": "who the data is shared with, and why (as a list, inline or in detail)",
    "controller": "the council as controller: its name, address and registration number",
    "automated-decisions": "whether decisions are made by automated means (UK GDPR Art 22)",
    "safeguards": "how the data is kept safe",
    "retention": "how long the data is kept",
    "transfers": "transfers outside the UK, and their safeguards",
    "rights": "the data-subject rights that apply to the notice's lawful bases",
    "complaints": "how to complain: to the council, its DPO and the regulator",
    "dpo": "the Data Protection Officer and how to reach them",
    "further-information": "where to find out more: the programme's website and an address "
                           "to write to",
    "matching-purpose": "data-matching annex: what the matching is for",
    "matching-criteria": "data-matching annex: who is matched, by which criteria",
    "matching-data-sent": "data-matching annex: the data sent for matching",
    "matching-datasets": "data-matching annex: the platform it runs on and who runs it, the "
                         "datasets matched and who supplies each",
    "matching-profiling": "data-matching annex: whether it profiles people (UK GDPR Art "
                          "4(4)) and whether decisions follow",
    "matching-retention": "data-matching annex: how long matched data is kept",
    "matching-legal-bases": "data-matching annex: the law that allows the matching",
    "matching-contact": "data-matching annex: whom to ask about the matching",
}
KINDS = ("block", "programme", "form", "section", "right")


@dataclass(frozen=True)
class Choice:
    """One thing a document may name: its id, its title and what it is."""

    kind: str
    id: str
    title: str
    description: str

    def as_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "title": self.title,
                "description": self.description}


def choices(kind: str, root: Path, registry: Registry) -> list[Choice]:
    """Every entry of one list, in id order."""
    if kind == "block":
        found = [Choice(kind, b, b.replace("-", " "), BLOCKS.get(b, "")) for b in BLOCK_OPTIONS]
    elif kind == "programme":
        found = [_from_file(kind, n, f, "name", "description")
                 for n, f in programme_files(root).items()]
    elif kind == "section":
        found = [_from_file(kind, n, f, "heading", "text") for n, f in section_files(root).items()]
    elif kind == "form":
        found = list({f.stem: _from_file(kind, f.stem, f, "title", "description")
                      for folder, _ in form_folders(root) for f in yaml_files(folder)}.values())
    elif kind == "right":
        found = [Choice(kind, r.id, r.title, r.article) for r in registry.rights.values()]
    else:
        raise ValueError(f"unknown list {kind!r}: one of {', '.join(KINDS)}")
    return sorted(found, key=lambda c: c.id)


def search_choices(kind: str, query: str, root: Path, registry: Registry) -> list[Choice]:
    """The entries of one list that the words name, best first (all of them, with none)."""
    listed = choices(kind, root, registry)
    asked = words(query)
    if not asked:
        return listed
    scored = [(match(asked, fields([((c.id,), 3.0), ((c.title,), 2.5),
                                    ((c.description,), 1.0)])), c) for c in listed]
    complete = any(m.complete for m, _ in scored)  # else the nearest: half the words or more
    kept = [(m, c) for m, c in scored
            if (m.complete if complete else m.found and m.found * 2 >= m.of)]
    # Between equals, the shorter description: the plainer entry ('retention' before the
    # data-matching annex's retention).
    return [c for _, c in sorted(kept, key=lambda p: (-p[0].found, -p[0].score,
                                                      len(p[1].description), p[1].id))]


def _from_file(kind: str, name: str, file: Path, title: str, description: str) -> Choice:
    """A programme, section or form, with its title and a line of its description."""
    source, _ = read_yaml(file, file.name)
    data = source.data if source is not None and isinstance(source.data, dict) else {}
    return Choice(kind, name, _text(data.get(title)) or name, _line(_text(data.get(description))))


def _text(value: Any) -> str:
    """Text given once, or per language (its English)."""
    if isinstance(value, dict):
        value = value.get("en", next(iter(value.values()), ""))
    return str(value) if isinstance(value, str) else ""


def _line(text: str, most: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= most else flat[:most].rsplit(" ", 1)[0] + " …"
