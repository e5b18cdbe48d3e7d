"""What every command prints and where it works: text made safe for the terminal, the
project's folder, and whether to show progress."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..errors import printable


def echo(text: str, err: bool = False, nl: bool = True) -> None:
    """Print text that may hold words from YAML files or file names, with any control
    character shown as an escape, so that no file can drive the terminal."""
    click.echo(printable(text), err=err, nl=nl)


def project_root(ctx: click.Context) -> Path:
    from ..layout import find_root

    given = ctx.obj.get("project") if ctx.obj else None
    return find_root(Path(given) if given else Path.cwd())


def show_progress(quiet: bool) -> bool:
    return not quiet and sys.stderr.isatty() and not os.environ.get("CI")
