"""Problems found in a project's files, located and reported compiler-style."""

from __future__ import annotations

import difflib
import functools
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import click

from .resources import package_label

Severity = Literal["error", "warning", "info"]
# What must never reach a terminal as itself: C0 and C1 controls (escape sequences that move
# the cursor, retitle the window or hide text), DEL, lone surrogates (from file names that
# are not UTF-8), the invisible marks that reverse the direction of text, the line and
# paragraph separators (U+2028, U+2029) and the byte-order mark.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff"
                          "\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]")


def printable(text: str) -> str:
    """`text` with every control character shown as an escape ('\\x1b', '\\u202e')."""
    return _UNPRINTABLE.sub(_escape, text)


def clipped(text: str, limit: int = 60) -> str:
    """Words the user typed (a git revision), quoted in a message on one line: every control
    character escaped, newlines and tabs too, and cut to `limit` characters with '…'."""
    flat = re.sub("[\t\n]", _escape, printable(text))
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


def _escape(found: re.Match[str]) -> str:
    code = ord(found[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a YAML file: path as the user gave it, 1-based line and column."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{printable(self.path)}:{self.line}:{self.column}"
        return printable(self.path)

    @classmethod
    def at(cls, path: str, line: int, column: int) -> Location:
        """`Location(path, line, column)`, made without the frozen class's `__init__` (a
        third of the time): the loader makes one for every key and value of every file
        it reads, 54,000 in a `validate` of 900 documents."""
        made = object.__new__(cls)
        fields = made.__dict__
        fields["path"], fields["line"], fields["column"] = path, line, column
        return made


@dataclass(frozen=True, order=True)
class Problem:
    """One finding: where, how bad, a stable code for tests and tools, and a sentence for people."""

    location: Location
    severity: Severity
    code: str
    message: str
    fix: str = field(default="", compare=False)
    """What to change, for findings of `pause-docs lint`."""
    rule: str = field(default="", compare=False)
    """Where the rule comes from: the statute or guidance, with its evidence grade."""

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.code}: {printable(self.message)}"

    def as_json(self) -> dict[str, object]:
        """The one shape of a problem in every command's `--format json` (`validate`, `lint`,
        `audit`, `diff`), described by `pause-docs schema report`."""
        where = self.location
        return {"path": where.path, "line": where.line or None, "column": where.column or None,
                "severity": self.severity, "code": self.code, "message": self.message,
                "fix": self.fix or None, "rule": self.rule or None}


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or '' when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


@functools.lru_cache(maxsize=16)
def _resolved(root: Path) -> Path:
    """The project root with its links followed (once per process: every located value of a
    build names its file through it)."""
    try:
        return root.resolve()
    except (OSError, RuntimeError):
        return root


def display_path(path: Path, root: Path) -> str:
    """The path relative to the project root when it is inside it, as users see it; a file
    the installed package ships as 'pause_docs/…' (wherever it is installed).

    A symbolic link is named as the link, not as the file it leads to: a document reached
    through a linked folder keeps the name it has in the project.
    """
    real_root = _resolved(root)
    here = os.path.abspath(path)
    for base in (str(real_root), os.path.abspath(root)):  # as strings: a build names each file
        if here == base:
            return "."
        if here.startswith(base if base.endswith(os.sep) else base + os.sep):
            return here[len(base):].lstrip(os.sep).replace(os.sep, "/")  # abspath: normal
    try:
        return path.resolve().relative_to(real_root).as_posix()
    except (ValueError, OSError, RuntimeError):  # outside the project, or a loop of links
        return package_label(path) or path.as_posix()


def summary(problems: Iterable[Problem]) -> str:
    counts = {"error": 0, "warning": 0, "info": 0}
    for problem in problems:
        counts[problem.severity] += 1
    parts = [f"{n} {kind}{'' if n == 1 else 's'}" for kind, n in counts.items() if n]
    return ", ".join(parts) if parts else "no problems"


class ProblemsFound(click.ClickException):
    """Content problems: every one is printed (on stdout, as every command prints its findings),
    then a summary (on stderr, with the progress); exit status 1."""

    exit_code = 1

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(summary(self.problems))

    def show(self, file: object = None) -> None:  # noqa: ARG002 - click's signature
        for problem in self.problems:
            click.echo(printable(str(problem)))
        click.echo(summary(self.problems), err=True)


class ProjectError(click.ClickException):
    """The project itself cannot be used (no councils/ folder, unwritable output); exit 2."""

    exit_code = 2

    def format_message(self) -> str:
        return printable(self.message)


class OutputError(ProjectError):
    """The output folder cannot be written (read-only, full, not a folder, in use); exit 1,
    like any other reason the documents were not made."""

    exit_code = 1


class CannotCompare(ProblemsFound):
    """A version `diff` was given does not load; exit 2, as 1 means 'there are changes'."""

    exit_code = 2
