"""What every command prints and where it works: text made safe for the terminal, the
project's folder, and whether to show progress."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from ..source.errors import Problem

F = TypeVar("F", bound=Any)


def echo(text: str, err: bool = False, nl: bool = True) -> None:
    """Print text that may hold words from YAML files or file names, with any control
    character shown as an escape, so that no file can drive the terminal."""
    from ..source.errors import printable  # not at import: `--help` needs none of loading

    click.echo(printable(text), err=err, nl=nl)


def project_root(ctx: click.Context) -> Path:
    from ..source.layout import find_root

    given = ctx.obj.get("project") if ctx.obj else None
    return find_root(Path(given) if given else Path.cwd())


def show_progress() -> bool:
    """A progress bar only on a terminal, never piped, in CI or with --quiet."""
    return level() > QUIET and sys.stderr.isatty() and not os.environ.get("CI")


# --- how much to say: --quiet and --verbose, on the group and on every command ---------------

QUIET, NORMAL, VERBOSE = -1, 0, 1


def _set_level(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        root = ctx.find_root()
        root.meta["pause_docs.level"] = QUIET if param.name == "quiet" else VERBOSE


def verbosity_options(command: F) -> F:
    """`-q/--quiet` (problems and the one-line result only) and `-v/--verbose` (every
    document as it is checked or made), on any command and on `pause-docs` itself."""
    command = click.option("--verbose", "-v", is_flag=True, expose_value=False,
                           callback=_set_level, help="Say more: each document as it is "
                           "checked or made.")(command)
    return click.option("--quiet", "-q", is_flag=True, expose_value=False,
                        callback=_set_level, help="Print only problems and the one-line "
                        "result.")(command)


def level() -> int:
    ctx = click.get_current_context(silent=True)
    found = ctx.find_root().meta.get("pause_docs.level", NORMAL) if ctx else NORMAL
    return int(found)


def say(text: str, err: bool = False, nl: bool = True) -> None:
    """Print a message that is neither a problem nor the command's result (what was
    written, what to do next), unless --quiet."""
    if level() > QUIET:
        echo(text, err=err, nl=nl)


def detail(text: str, err: bool = False) -> None:
    """Print a line only with --verbose."""
    if level() >= VERBOSE:
        echo(text, err=err)


# --- the convention every command follows (as ruff's does) ----------------------------------
# Findings (problems, audit reports, a diff) on stdout, so that `pause-docs validate >
# problems.txt` keeps them; the one-line summary, progress and what was written on stderr.
# `--format json` prints one object on stdout whose problems all have the shape
# `Problem.as_json` gives, described by `pause-docs schema report`.

format_option = click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="text for people, json for tools and CI (one schema for every command: "
    "`pause-docs schema report`).")


def json_report(problems: Iterable[Problem], **more: object) -> str:
    """`{"summary": …, "problems": […], …more}` as `--format json` prints it."""
    import json

    from ..source.errors import summary

    found = sorted(problems)
    return json.dumps({**more, "summary": summary(found),
                       "problems": [p.as_json() for p in found]}, indent=2, ensure_ascii=False)
