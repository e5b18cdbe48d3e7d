"""The `pause-docs` command: thin adapters from the command line to the library."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import click

from . import __version__
from .errors import ProblemsFound, summary


def _root(ctx: click.Context) -> Path:
    from .layout import find_root

    given = ctx.obj.get("project") if ctx.obj else None
    return find_root(Path(given) if given else Path.cwd())


def _show_progress(quiet: bool) -> bool:
    return not quiet and sys.stderr.isatty() and not os.environ.get("CI")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pause-docs")
@click.option("--project", type=click.Path(file_okay=False, path_type=Path),
              help="Project folder (default: the nearest folder with councils/ in it).")
@click.pass_context
def main(ctx: click.Context, project: Path | None) -> None:
    """Make data-protection documents for children's-services programmes from YAML.

    Councils, programmes and documents live in councils/, the law in legal_bases/.
    Problems are printed as path:line:column: severity: code: message.
    """
    ctx.obj = {"project": project}


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.pass_context
def validate(ctx: click.Context, paths: tuple[Path, ...]) -> None:
    """Check councils, programmes and documents for mistakes, without building.

    With no PATHS, checks the whole project; otherwise the given files or council folders.
    """
    from .project import load_project

    project = load_project(_root(ctx), only=paths or None)
    if project.errors:
        raise ProblemsFound(project.problems)
    click.echo(f"{len(project.documents)} documents valid; {summary(project.problems)}")


@main.command()
@click.argument("councils", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["html", "pdf", "all"]), default="all",
              show_default=True, help="Which files to make.")
@click.option("--output", type=click.Path(file_okay=False, path_type=Path),
              help="Where to write (default: output/ in the project).")
@click.option("--force", is_flag=True, help="Make every document again, even those whose "
              "inputs have not changed.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Documents made at once, "
              "each in its own process (default: one per core).")
@click.option("--quiet", "-q", is_flag=True, help="Print only problems and the summary.")
@click.pass_context
def build(ctx: click.Context, councils: tuple[str, ...], fmt: str, output: Path | None,
          force: bool, jobs: int | None, quiet: bool) -> None:
    """Build HTML and PDF for every document, or for the given COUNCILS.

    Files go to output/<council>/<document>.html and .pdf.  Only documents whose inputs
    changed since the last build are made again: their YAML, council, programme, the registry
    entries they cite, the templates they use, and this tool's version.
    """
    from .build import build as run_build
    from .layout import council_dirs, document_files

    started = time.perf_counter()
    root = _root(ctx)
    folders = council_dirs(root)
    total = sum(len(document_files(folders[c])) for c in councils or folders if c in folders)
    with click.progressbar(length=total, label="Building", file=sys.stderr,
                           hidden=not _show_progress(quiet)) as bar:
        report = run_build(root, output or root / "output", fmt,  # type: ignore[arg-type]
                           councils=councils or None, force=force, jobs=jobs,
                           on_progress=bar.update)
    built = len(report.built)
    line = (f"built {built} document{'' if built == 1 else 's'}, skipped {len(report.skipped)} "
            f"(up to date), {len(report.failed)} failed in {time.perf_counter() - started:.2f} s")
    if any(p.severity == "error" for p in report.problems):
        click.echo(line, err=True)
        raise ProblemsFound(report.problems)
    click.echo(line)


@main.command()
@click.argument("slug")
@click.option("--programme", default="pause", show_default=True,
              help="Programme the new documents inherit.")
@click.pass_context
def new(ctx: click.Context, slug: str, programme: str) -> None:
    """Start a new site: councils/SLUG/ with a council file and notices to fill in.

    Every field still to fill in says TODO; `pause-docs validate` lists them.
    """
    from .scaffold import scaffold

    root = _root(ctx)
    for path in scaffold(root, slug, programme):
        click.echo(f"created {path.relative_to(root)}")
    click.echo(f"next: fill in every TODO, then run 'pause-docs validate councils/{slug}'")


@main.command()
@click.argument("kind", type=click.Choice(["council", "programme", "fair-processing-notice",
                                           "privacy-notice", "registry"]))
def schema(kind: str) -> None:
    """Print the JSON Schema of a kind of YAML file, for editor completion and checking."""
    from .models import DOCUMENT_KINDS, Council, Model, Programme, RegistryFile

    models: dict[str, type[Model]] = {"council": Council, "programme": Programme,
                                      "registry": RegistryFile, **DOCUMENT_KINDS}
    click.echo(json.dumps(models[kind].model_json_schema(), indent=2, sort_keys=True))

