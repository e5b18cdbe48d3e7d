"""What `pause-docs translations` does: list what needs a translator, confirm translations
(record the hash of their English), and write and read back a translator's table."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..source.errors import Location, Problem
from ..source.languages import DEFAULT_LANGUAGE
from ..source.layout import COUNCILS_DIR
from ..source.loader import Path_, parse_yaml
from ..source.project import Project
from . import table
from .edit import Edit, EditRefused, apply, write_file
from .history import english_confirmed
from .status import Needed, needed, value_at
from .table import write


@dataclass
class Outcome:
    """What a run changed (or found), and what it could not."""

    done: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    incomplete: bool = False
    """Texts still need translating or re-translating."""


def run(root: Path, paths: Iterable[Path], language: str | None, *, update: bool = False,
        write_to: Path | None = None, read_from: Path | None = None) -> Outcome:
    """`pause-docs translations`: read a translator's table back, or confirm the
    translations given, or write the table, or else list what needs a translator."""
    from ..source.loading import load_project

    if read_from is not None:
        outcome = read_table(root, read_from.read_text(encoding="utf-8"), str(read_from))
        return _counted(outcome)
    project = load_project(root, only=list(paths) or None)
    if project.errors:
        return Outcome(problems=project.problems)
    items = needed_in(project, language)
    if update:
        return _counted(confirm(root, items))
    if write_to is not None:
        write_to.write_text(write(items, write_to, previous_english(items)), encoding="utf-8")
        return Outcome([f"wrote {len(items)} text{'s' * (len(items) != 1)} to {write_to}"])
    counts = {state: sum(1 for i in items if i.state == state)
              for state in ("missing", "stale", "unconfirmed")}
    lines = [f"{i.where}: {i.state} ({i.language}): {i.english.strip()!r}" for i in items]
    lines.append(f"{counts['missing']} to translate, {counts['stale']} to re-translate, "
                 f"{counts['unconfirmed']} to confirm")
    return Outcome(lines, incomplete=bool(counts["missing"] or counts["stale"]))


def _counted(outcome: Outcome) -> Outcome:
    if not any(p.severity == "error" for p in outcome.problems):
        outcome.done.append(f"{len(outcome.done)} done")
    return outcome


def needed_in(project: Project, language: str | None = None) -> list[Needed]:
    """Every text of the project's documents that needs a translator, in `language` (None:
    in any), each once (a council's text is printed by all its documents)."""
    found: dict[tuple[str, str, Path_], Needed] = {}
    for doc in project.documents:
        for item in needed(doc):
            if language is None or item.language == language:
                found.setdefault(item.key, item)
    return sorted(found.values(), key=lambda n: (n.file.path, n.language, n.where))


def confirm(root: Path, items: Iterable[Needed]) -> Outcome:
    """Record, for each translation of `items` (stale or not yet confirmed), the hash of the
    English it now translates: the translator has checked it."""
    chosen = [i for i in items if i.state in ("stale", "unconfirmed")]
    edits = {(i.file.path, i.path, i.language): Edit(i.path, i.language) for i in chosen}
    outcome = _write(root, edits)
    outcome.done = [f"confirmed {i.where}: {i.language} of '{_short(i.english)}'"
                    for i in chosen if i.file.path not in _failed(outcome)]
    return outcome


def previous_english(items: Iterable[Needed]) -> dict[tuple[str, str, Path_], str]:
    """The English each stale translation was made from, where git still has it."""
    found = {}
    for item in items:
        if item.state == "stale" and item.confirmed:
            old = english_confirmed(item.root, item.file, item.path, item.confirmed)
            if old is not None:
                found[item.key] = old[0]
    return found


def read_table(root: Path, text: str, name: str) -> Outcome:
    """Write the translations of a translator's table into the files it names, each with the
    hash of its English; a row whose English has changed since is reported, not written."""
    rows, problems = table.read(text, name)
    edits: dict[tuple[str, Path_, str], Edit] = {}
    done = []
    for row in rows:
        problem = _check_row(root, row)
        if problem is not None:
            problems.append(problem)
            continue
        edits[(row.file, row.path, row.language)] = Edit(row.path, row.language,
                                                         row.translation)
        done.append(f"translated {row.file}#{'/'.join(map(str, row.path))} "
                    f"({row.language}): '{_short(row.translation)}'")
    outcome = _write(root, edits)
    outcome.problems = problems + outcome.problems
    failed = _failed(outcome)
    outcome.done = [d for d in done if d.split("#", 1)[0].removeprefix("translated ")
                    not in failed]
    return outcome


def _check_row(root: Path, row: table.Row) -> Problem | None:
    file = _project_file(root, row.file)
    if file is None:
        return Problem(row.at, "error", "invalid-table",
                       f"'{row.file}' is not a YAML file of this project's {COUNCILS_DIR}/")
    source, _ = parse_yaml(file.read_text(encoding="utf-8"), row.file)
    value = value_at(source.data, row.path) if source is not None else None
    english = value.get(DEFAULT_LANGUAGE) if isinstance(value, dict) else value
    if not isinstance(english, str):
        return Problem(row.at, "error", "invalid-table",
                       f"{row.file} has no text at {'/'.join(map(str, row.path))}")
    if " ".join(english.split()) != " ".join(row.english.split()):
        return Problem(row.at, "error", "english-changed",
                       f"the English of {row.file}#{'/'.join(map(str, row.path))} changed "
                       f"after the table was written: now '{_short(english)}'; translate the "
                       "new English (write the table again)")
    return None


def _project_file(root: Path, name: str) -> Path | None:
    """A YAML file under councils/ of the project at `root`, or None: a table cannot make
    pause-docs write anywhere else."""
    file = (root / name).resolve()
    councils = (root / COUNCILS_DIR).resolve()
    if councils not in file.parents or file.suffix not in (".yaml", ".yml") or \
            not file.is_file():
        return None
    return file


def _write(root: Path, edits: dict[tuple[str, Path_, str], Edit]) -> Outcome:
    outcome = Outcome()
    by_file: dict[str, list[Edit]] = {}
    for (name, _, _), edit in edits.items():
        by_file.setdefault(name, []).append(edit)
    for name, file_edits in sorted(by_file.items()):
        file = _project_file(root, name)
        if file is None:
            outcome.problems.append(Problem(Location(name), "error", "cannot-edit",
                                            f"'{name}' is not a file of this project's "
                                            f"{COUNCILS_DIR}/"))
            continue
        try:
            write_file(file, apply(file.read_text(encoding="utf-8"), name, file_edits))
        except EditRefused as exc:
            outcome.problems.append(Problem(Location(name), "error", "cannot-edit",
                                            exc.format_message()))
    return outcome


def _failed(outcome: Outcome) -> set[str]:
    return {p.location.path for p in outcome.problems if p.code == "cannot-edit"}


def _short(text: str, limit: int = 60) -> str:
    words = " ".join(text.split())
    return words if len(words) <= limit else words[:limit - 1] + "…"
