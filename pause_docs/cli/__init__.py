"""The `pause-docs` command: thin adapters from the command line to the library.

The commands live by what they are for: `making` (validate, build, new, schema, serve),
`checking` (lint, audit, where-used, diff, translations) and `setup_commands` (init,
registry, and the publishing gate `build --strict` uses); `output` prints safely.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from .. import __version__
from . import checking, lookup, making, setup_commands
from .output import echo, verbosity_options

INTERRUPTED = 130  # as a shell reports a command stopped by Ctrl-C (128 + SIGINT)


class _Main(click.Group):
    """The command group; Ctrl-C stops a command with status 130, not 1 ('Aborted!')."""

    def invoke(self, ctx: click.Context) -> Any:
        # The tool's models use no pydantic plugin: without this, pydantic reads the entry
        # points of every installed package before its first model (a tenth of `validate`'s
        # start). Set here, not in the library, so a program importing it keeps its own.
        os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            echo("\ninterrupted: stopped before the end (a build keeps the documents it "
                  "finished; run it again to make the rest)", err=True)
            raise click.exceptions.Exit(INTERRUPTED) from None


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pause-docs")
@click.option("--project", type=click.Path(file_okay=False, path_type=Path),
              help="Project folder (default: the nearest folder with councils/ in it).")
@verbosity_options
@click.pass_context
def main(ctx: click.Context, project: Path | None) -> None:
    """Make data-protection documents for children's-services programmes from YAML.

    Councils, programmes and documents live in councils/, the law in legal_bases/.
    Problems are printed as path:line:column: severity: code: message.
    """
    ctx.obj = {"project": project}


for _command in (making.validate, making.build, checking.lint, checking.audit,
                 checking.where_used, making.new, checking.diff, checking.translations,
                 making.schema, making.serve, setup_commands.init, setup_commands.registry,
                 setup_commands.show, lookup.law):
    main.add_command(_command)
