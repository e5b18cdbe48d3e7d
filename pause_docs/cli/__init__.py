"""The `pause-docs` command: thin adapters from the command line to the library.

The commands live by what they are for: `making` (validate, build, new, schema, serve),
`checking` (lint, audit, where-used, diff, translations), `lookup` (law) and
`setup_commands` (init, registry, show, and the publishing gate `build --strict` uses);
`output` prints safely. A command's module is imported only when that command runs, so
`pause-docs build` does not pay for `lint`'s imports, nor `--help` for any of them.
"""

from __future__ import annotations

import gc
import importlib
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import click

from .. import __version__
from .output import echo, verbosity_options

INTERRUPTED = 130  # as a shell reports a command stopped by Ctrl-C (128 + SIGINT)
COLLECTOR_THRESHOLDS = (100_000, 20, 20)  # the garbage collector's, for a command's run

# Each command: the module and function that define it, and the first sentence of its help
# as `pause-docs --help` lists it (a test holds each to the command's own docstring).
COMMANDS: dict[str, tuple[str, str, str]] = {
    "audit": ("checking", "audit", "Check notices a council already published: HTML, PDF, "
              "Word (.docx), text or Markdown."),
    "build": ("making", "build", "Build HTML, PDF and Word files of every document, or of "
              "the given COUNCILS."),
    "diff": ("checking", "diff", "Show what changed between two versions of a document, in "
             "legal terms."),
    "init": ("setup_commands", "init", "Make a council's own project in FOLDER (default: "
             "here): councils/, a README, a .gitignore for output/, editor settings with the "
             "JSON Schemas, and a CI workflow."),
    "law": ("lookup", "law", "Find the law to cite by plain words: ids, citations, titles, "
            "other names."),
    "lint": ("checking", "lint", "Check documents against the law: repealed, misnamed and "
             "missing law, outdated names, the right-to-be-informed checklist, rights "
             "against lawful bases, plain language."),
    "new": ("making", "new", "Start a new site: councils/SLUG/ with a council file and "
            "notices to fill in."),
    "registry": ("setup_commands", "registry", "The legal registry the tool holds: its "
                 "version, date and size, and with --changes-since what changed in the law "
                 "since an earlier release."),
    "schema": ("making", "schema", "Print the JSON Schema of a kind of YAML file, for "
               "editor completion and checking (or `report`: what `--format json` prints, "
               "the same for validate, lint, audit and diff)."),
    "serve": ("making", "serve", "Preview documents in the browser while you edit them, "
              "with their problems on the page."),
    "show": ("setup_commands", "show", "Print a programme, standard section or form the "
             "tool ships (or the project's own, which replaces it), to read or to copy into "
             "the project and change: `pause-docs show programme pause > "
             "councils/programmes/pause.yaml`."),
    "translations": ("checking", "translations", "List every text that needs translating "
                     "or re-translating, per document."),
    "validate": ("making", "validate", "Check councils, programmes and documents for "
                 "mistakes, without building."),
    "where-used": ("checking", "where_used", "List every document that cites PROVISION (a "
                   "registry id such as 'lga2000-s2')."),
}


class _Commands(Mapping[str, click.Command]):
    """The commands by name, each imported from its module the first time it is asked for."""

    def __getitem__(self, name: str) -> click.Command:
        module, function, _ = COMMANDS[name]
        command = getattr(importlib.import_module(f"{__package__}.{module}"), function)
        assert isinstance(command, click.Command) and command.name == name, name
        return command

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)


class _Main(click.Group):
    """The command group; Ctrl-C stops a command with status 130, not 1 ('Aborted!')."""

    def invoke(self, ctx: click.Context) -> Any:
        # The tool's models use no pydantic plugin: without this, pydantic reads the entry
        # points of every installed package before its first model (a tenth of `validate`'s
        # start). Set here, not in the library, so a program importing it keeps its own.
        os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
        # A command makes hundreds of thousands of small objects that live as long as it
        # does (the loaded project): at Python's default thresholds the collector walks
        # them again and again, 0.2-0.5 CPU-s of `validate`, `lint` or a build of 900
        # documents. Collecting the young ones every 100,000 new objects, as mypy does,
        # halves that. Printing a PDF goes back to Python's pace (`render.pdf._settle`).
        gc.set_threshold(*COLLECTOR_THRESHOLDS)
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            echo("\ninterrupted: stopped before the end (a build keeps the documents it "
                  "finished; run it again to make the rest)", err=True)
            raise click.exceptions.Exit(INTERRUPTED) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The list `--help` prints, as click prints it, without importing every command."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        with formatter.section("Commands"):
            formatter.write_dl([(name, summary(name, limit)) for name in names])


def summary(name: str, limit: int) -> str:
    """A command's line in `--help`, cut to `limit` as click cuts the command's own help."""
    return click.Command(name, help=COMMANDS[name][2]).get_short_help_str(limit)


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


main.commands = _Commands()  # type: ignore[assignment]  # read-only: commands are listed above
