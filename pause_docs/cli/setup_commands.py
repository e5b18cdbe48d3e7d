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
    """Raise UnknownTarget for every council of `councils` and path of `paths` not there."""
    from ..source.errors import Location, Problem, display_path
    from ..source.layout import unknown_councils

    problems = unknown_councils(root, councils)
    problems += [Problem(Location(display_path(p, root)), "error", "no-such-file",
                         "no such file or folder") for p in paths if not p.exists()]
    if problems:
        raise UnknownTarget(problems)


class StrictCommand(click.Command):
    """A command whose bare `--strict` means `--strict=errors`: the word after it is never
    taken for its value (`build --strict north-somerset` builds that council)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        end = args.index("--") if "--" in args else len(args)
        args = [("--strict=errors" if a == "--strict" and i < end else a)
                for i, a in enumerate(args)]
        return super().parse_args(ctx, args)


def publishing_gate(ctx: click.Context, root: Path, councils: tuple[str, ...],
                    level: Level | None) -> None:
    """Stop the build, with every finding on stderr, when `level` is set and lint fails."""
    if level is None:
        return
    import datetime as dt

    from ..build.gate import blocking, documents_of
    from ..source.errors import printable, summary

    found = blocking(root, councils, level, dt.date.today())
    if not found:
        return
    for problem in found:
        click.echo(printable(str(problem)), err=True)
        if problem.fix:
            click.echo(printable(f"    fix: {problem.fix}"), err=True)
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
        click.echo(f"created {path.relative_to(folder).as_posix()}")
    if not schemas_only:
        start = (f"look at councils/{EXAMPLE_SLUG}/, then " if example else "")
        click.echo(f"next: {start}pause-docs new YOUR-COUNCIL, fill in every TODO, and "
                   "pause-docs validate", err=True)


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
