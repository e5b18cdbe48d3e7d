"""The commands that set up and look after a council's own project (`init`, `registry`),
and what the other commands check first: that the councils and paths named exist, and the
publishing gate of `build --strict`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import __version__
from ..source.errors import ProblemsFound
from .output import verbosity_options

if TYPE_CHECKING:
    from ..build.gate import Level

# `build --strict` (errors) or `--strict=warnings`: lint first, and publish nothing that fails.
strict_option = click.option(
    "--strict", type=click.Choice(["errors", "warnings"]), is_flag=False, flag_value="errors",
    default=None, help="Lint first, and build nothing if a document has lint errors "
    "(--strict=warnings: or warnings), naming them.")


class UnknownTarget(ProblemsFound):
    """A council or path on the command line that the project does not have: a usage
    error (exit 2), each printed at its place like any problem."""

    exit_code = 2


def check_targets(root: Path, councils: tuple[str, ...] = (),
                  paths: tuple[Path, ...] = ()) -> None:
    """Raise UnknownTarget for every council of `councils` not there, and every path of
    `paths` that is not there or holds no document of the project."""
    from ..source.layout import unknown_councils, unknown_paths

    problems = unknown_councils(root, councils) + unknown_paths(root, paths)
    if problems:
        raise UnknownTarget(problems)


STRICT_LEVELS = ("errors", "warnings")


class StrictCommand(click.Command):
    """A command with `--strict`, read alike on `lint` and `build`: `--strict=LEVEL` and
    `--strict LEVEL` (LEVEL: errors or warnings) give the level; a bare `--strict` means
    the command's `bare_strict`, and any other word after it is never taken for its value
    (`build --strict north-somerset` builds that council)."""

    bare_strict = "errors"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        end = args.index("--") if "--" in args else len(args)
        read: list[str] = []
        words = iter(enumerate(args))
        for i, arg in words:
            if arg != "--strict" or i >= end:
                read.append(arg)
            elif i + 1 < end and args[i + 1] in STRICT_LEVELS:
                read.append(f"--strict={next(words)[1]}")
            else:
                read.append(f"--strict={self.bare_strict}")
        return super().parse_args(ctx, read)


class LintCommand(StrictCommand):
    """`lint`: a bare `--strict` fails on warnings too (errors always fail)."""

    bare_strict = "warnings"


def publishing_gate(ctx: click.Context, root: Path, councils: tuple[str, ...],
                    level: Level | None) -> None:
    """Stop the build when `level` is set and lint fails: every finding on stdout, as lint
    prints them, and why nothing was built on stderr."""
    if level is None:
        return
    import datetime as dt

    from ..build.gate import blocking, documents_of
    from ..source.errors import printable, summary

    found = blocking(root, councils, level, dt.date.today())
    if not found:
        return
    for problem in found:
        click.echo(printable(str(problem)))
        if problem.fix:
            click.echo(printable(f"    fix: {problem.fix}"))
    names = documents_of(found)
    click.echo(printable(
        f"not built (--strict{'=warnings' if level == 'warnings' else ''}): {summary(found)} "
        f"in {len(names)} file{'s' * (len(names) != 1)}: {', '.join(names)}"), err=True)
    ctx.exit(1)


@click.command()
@verbosity_options
@click.argument("folder", required=False, default=".",
                type=click.Path(file_okay=False, path_type=Path))
@click.option("--example", is_flag=True,
              help="Put one example council in councils/ to copy from.")
@click.option("--schemas", "schemas_only", is_flag=True,
              help="Only write the JSON Schemas again (after upgrading pause-docs).")
def init(folder: Path, example: bool, schemas_only: bool) -> None:
    """Make a council's own project in FOLDER (default: here): councils/, a README, a
    .gitignore for output/, editor settings with the JSON Schemas, and a CI workflow."""
    from ..scaffold.project import EXAMPLE_SLUG, init, refresh_schemas

    written = refresh_schemas(folder) if schemas_only else init(folder, example)
    for path in written:
        click.echo(f"created {path.relative_to(folder).as_posix()}", err=True)
    if not schemas_only:
        steps = [] if folder.resolve() == Path.cwd().resolve() else [f"cd {folder}"]
        if example:
            steps.append(f"look at councils/{EXAMPLE_SLUG}/")
        steps += ["pause-docs new YOUR-COUNCIL", "fill in every TODO", "pause-docs validate"]
        click.echo("next: " + "; then ".join(steps), err=True)


@click.command()
@verbosity_options
@click.option("--changes-since", "version", metavar="VERSION",
              help="Also list what changed in the law after this release.")
def registry(version: str | None) -> None:
    """The legal registry the tool holds: its version, date and size, and with
    --changes-since what changed in the law since an earlier release."""
    from ..source.releases import load_releases, since

    releases, problems = load_releases()
    if releases is None or problems:
        raise ProblemsFound(problems)
    latest = releases.releases[0]
    click.echo(f"legal registry {latest.version} ({latest.date.isoformat()}), "
               f"pause-docs {__version__}")
    if version is None:
        return
    newer = since(releases, version)
    if newer is None:
        known = ", ".join(r.version for r in releases.releases)
        raise click.BadParameter(f"no release '{version}'; releases: {known}",
                                 param_hint="--changes-since")
    if not any(r.changes for r in newer):
        click.echo(f"no changes in the law since {version}")
    for release in newer:
        for change in release.changes:
            click.echo(f"{release.version} ({release.date.isoformat()}): {change.change} "
                       f"[{', '.join(change.ids)}]")
    ids = sorted({i for r in newer for c in r.changes for i in c.ids})
    if ids:
        click.echo("to find the documents to check again: "
                   + "; ".join(f"pause-docs where-used {i}" for i in ids))


@click.command()
@verbosity_options
@click.argument("what", type=click.Choice(["programme", "section", "form", "question-set",
                                            "rule"]))
@click.argument("name", required=False)
@click.pass_context
def show(ctx: click.Context, what: str, name: str | None) -> None:
    """Print a programme, standard section or form the tool ships (or the project's own,
    which replaces it), to read or to copy into the project and change: `pause-docs show
    programme pause > councils/programmes/pause.yaml`. Without NAME, list them.

    `pause-docs show rule CODE` explains a lint or audit finding's code (what it finds, why,
    the law, a wrong and a right example, the fix), as its page in the docs does; `pause-docs
    show rule` lists the codes."""
    from ..scaffold.bundled import names, show
    from ..source.errors import ProjectError
    from .output import echo, project_root

    if what == "rule":
        from ..check.explained import find, listing, plain

        echo(plain(find(name)) if name else listing())
        return
    try:
        root: Path | None = project_root(ctx)
    except ProjectError:
        root = None
    if name is None:
        for found, own in names(what, root).items():
            echo(f"{found}{'  (the project’s own)' if own else ''}")
        return
    shown = show(what, name, root)
    echo(shown.text, nl=not shown.text.endswith("\n"))
    if shown.own:
        click.echo(f"the project's own {what} '{name}', from {shown.copy_to}", err=True)
    else:
        click.echo(f"the {what} '{name}' the tool ships; to change it for this project, save "
                   f"it as {shown.copy_to} (pause-docs show {what} {name} > {shown.copy_to})",
                   err=True)
