"""The commands that make documents: `validate`, `build`, `new`, `schema` and `serve`."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..render.formats import ALL, FORMATS, choices
from ..source.errors import ProblemsFound, summary
from ..source.kinds import KINDS
from ..source.layout import bundled_form_names, programme_files
from .output import (
    detail,
    echo,
    format_option,
    json_report,
    project_root,
    say,
    show_progress,
    verbosity_options,
)
from .setup_commands import StrictCommand, check_targets, publishing_gate, strict_option

if TYPE_CHECKING:
    from ..build.gate import Level
    from ..build.session import BuildReport

# Every kind of YAML file `schema` describes: the files of a project, then the documents.
SCHEMA_KINDS = ["council", "programme", "section", *KINDS, "registry", "dpia-criteria", "form",
                "question-set",  # as schemas.KIND_NAMES, without importing the models
                "report"]  # what `--format json` prints, for validate, lint, audit and diff

@click.command()
@verbosity_options
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@format_option
@click.pass_context
def validate(ctx: click.Context, paths: tuple[Path, ...], fmt: str) -> None:
    """Check councils, programmes and documents for mistakes, without building.

    With no PATHS, checks the whole project; otherwise the given files or council folders.
    Problems are printed on stdout, the summary on stderr; exit 1 on errors.
    """
    from ..source.loading import load_project
    from ..source.remembered import unnoted

    root = project_root(ctx)
    check_targets(root, paths=paths)
    with unnoted():  # nothing is made: what each file says is never asked
        project = load_project(root, only=paths or None)
    if fmt == "json":
        echo(json_report(project.problems))
        ctx.exit(1 if project.errors else 0)
    if project.errors:
        raise ProblemsFound(project.problems)
    for problem in project.problems:  # warnings: shown, and the documents are still valid
        echo(str(problem))
    for document in project.documents:
        detail(f"valid: {document.path}", err=True)
    count = len(project.documents)
    echo(f"{count} document{'s' * (count != 1)} valid; {summary(project.problems)}", err=True)


@click.command(cls=StrictCommand)
@verbosity_options
@click.argument("councils", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(choices()), default=ALL,
              show_default=True, help="Which files to make: " + "; ".join(
                  f"{f.name}, {f.description}" for f in FORMATS.values()) + "; or all.")
@click.option("--output", type=click.Path(file_okay=False, path_type=Path),
              help="Where to write (default: output/ in the project).")
@click.option("--force", is_flag=True, help="Make every document again, even those whose "
              "inputs have not changed.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Documents made at once, "
              "each in its own process (default: one per core).")
@strict_option
@click.pass_context
def build(ctx: click.Context, councils: tuple[str, ...], fmt: str, output: Path | None,
          force: bool, jobs: int | None, strict: Level | None) -> None:
    """Build HTML, PDF and Word files of every document, or of the given COUNCILS.

    Files go to output/<council>/<document>.html, .pdf and .docx, and
    <document>.<language>.html (and so on) in each other language of the council.  Only
    documents whose inputs changed since the last build are made again: their YAML,
    council, programme, the registry entries they cite, the templates they use, and this
    tool's version.
    """
    from ..build import build as run_build

    started = time.perf_counter()
    root = project_root(ctx)
    check_targets(root, councils)
    publishing_gate(ctx, root, councils, strict)
    total = _count(root, councils) if show_progress() else 0  # no bar, no count
    with click.progressbar(length=total, label="Building", file=sys.stderr,
                           show_pos=True, hidden=not show_progress()) as bar:
        report = run_build(root, output or root / "output", fmt,
                           councils=councils or None, force=force, jobs=jobs,
                           on_progress=bar.update,
                           on_wait=lambda message: echo(message, err=True))
    for document, removed in sorted(report.removed.items()):
        say(f"removed {', '.join(removed)}: {document} is gone")
    for document, removed in sorted(report.dropped.items()):
        say(f"removed {', '.join(removed)}: {document} is no longer published in that "
            "language")
    for name in sorted(report.retired):
        say(f"removed {name}: no page shows it any more")
    for document in sorted(report.built):
        detail(f"built {document}")
    for document in sorted(report.skipped):
        detail(f"skipped {document} (up to date)")
    for name in sorted(report.written):
        detail(f"wrote {name}")
    line = _build_line(report, time.perf_counter() - started)
    if report.failed or any(p.severity == "error" for p in report.problems):
        echo(line, err=True)
        raise ProblemsFound(report.problems)
    for problem in report.problems:
        echo(str(problem), err=True)
    echo(line)


def _count(root: Path, councils: tuple[str, ...]) -> int:
    """How many documents a build of these councils (or all) has to go through."""
    from ..source.layout import council_dirs, document_files

    folders = council_dirs(root)
    return sum(len(document_files(folders[c])) for c in councils or folders if c in folders)


def _build_line(report: BuildReport, seconds: float) -> str:
    built, withdrawn = len(report.built), len(report.removed)
    removed = (f", removed {withdrawn} withdrawn document{'' if withdrawn == 1 else 's'}"
               if withdrawn else "")
    return (f"built {built} document{'' if built == 1 else 's'}, skipped {len(report.skipped)} "
            f"(up to date), {len(report.failed)} failed{removed} in {seconds:.2f} s")


@click.command()
@verbosity_options
@click.argument("slug")
@click.option("--programme", default=None, metavar="NAME",
              help="Programme the new documents inherit, e.g. pause; 'none' for a plain "
              "privacy notice of the council's own.  Asked for when left out on a terminal; "
              "none when piped.")
@click.option("--form", "forms", multiple=True, metavar="NAME",
              help="Also write a screening or assessment on this form (repeat for more); "
              "for a council that exists, only that.  Bundled forms: "
              f"{', '.join(bundled_form_names())}; or a project's own in councils/forms/.")
@click.pass_context
def new(ctx: click.Context, slug: str, programme: str | None, forms: tuple[str, ...]) -> None:
    """Start a new site: councils/SLUG/ with a council file and notices to fill in.

    Screenings and assessments are written only when asked for, each on a named form:
    `--form equality-screening`.  Every field still to fill in says TODO; `pause-docs
    validate` lists them.
    """
    from ..forms.library import bundled_forms
    from ..scaffold.documents import scaffold
    root = project_root(ctx)
    if programme is None and sys.stdin.isatty():
        choices = [*sorted(programme_files(root)), "none"]
        programme = click.prompt("Programme the documents inherit ('none': a plain notice of "
                                 "your own)", type=click.Choice(choices), default="none")
    for path in scaffold(root, slug, None if programme in (None, "none") else programme,
                         forms):
        say(f"created {path.relative_to(root)}")
    say(f"next: fill in every TODO, then run 'pause-docs validate councils/{slug}'")
    if not forms:
        say(f"to add a screening or assessment: pause-docs new {slug} --form NAME, "
                   "with NAME one of the bundled forms:")
        for name, description in bundled_forms().items():
            say(f"  {name}: {description}")


@click.command()
@verbosity_options
@click.argument("kind", type=click.Choice(SCHEMA_KINDS))
@click.pass_context
def schema(ctx: click.Context, kind: str) -> None:
    """Print the JSON Schema of a kind of YAML file, for editor completion and checking (or
    `report`: what `--format json` prints, the same for validate, lint, audit and diff).

    A document's schema leaves out of what it requires the keys its programmes give it (the
    project's programmes inside a project, else the package's)."""
    from ..scaffold.schemas import text
    from ..source.errors import ProjectError
    from ..source.layout import programme_files
    from ..source.resources import PACKAGE_ROOT

    try:
        root = project_root(ctx)
    except ProjectError:
        root = PACKAGE_ROOT
    echo(text(kind, list(programme_files(root).values())), nl=False)


@click.command()
@verbosity_options
@click.argument("councils", nargs=-1)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but a loopback address lets other "
              "machines see the documents: a warning says so.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--open", "open_browser", is_flag=True, help="Open the index in the web browser.")
@click.option("--allow-edit", is_flag=True, help="Let the editor (/_edit/) save files when "
              "--host is not a loopback address (anyone who can reach it can then change them).")
@click.pass_context
def serve(ctx: click.Context, councils: tuple[str, ...], host: str, port: int,
          open_browser: bool, allow_edit: bool) -> None:
    """Preview documents in the browser while you edit them, with their problems on the page.

    Serves an index of every council and document (or only COUNCILS) at once, filling in each
    document's validate and lint status as it is checked; statuses are kept in output/ and
    checked again only when a file they depend on changes. A document's page is rendered from
    its YAML as `build` would publish it, with a panel listing its problems, each linked to
    the part of the page it is about; the page reloads when you save a file. Also serves each
    document's PDF and its changes since the last git commit. At /_edit/ every file of the
    project is a form (made from the same schemas `validate` uses) that saves it keeping its
    comments and layout; it saves only on a loopback address unless --allow-edit is given.
    Ctrl-C stops it.
    """
    from ..preview.connections import address, is_loopback, listen
    from ..preview.server import run
    from ..preview.session import Session

    root = project_root(ctx)
    check_targets(root, councils)
    if not is_loopback(host):
        echo(f"warning: listening on {host}, not a loopback address: other machines "
                   "on the network can see these documents and drafts", err=True)
        echo("warning: --allow-edit: anyone who can reach this address can change the "
             "project's files" if allow_edit else "the editor will not save on this "
             "address (add --allow-edit to let it)", err=True)
    sock = listen(host, port)
    url = address(sock)
    say(f"Previewing {root} at {url} (Ctrl-C to stop)")
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    run(Session(root, councils), sock, lambda message: echo(message, err=True), allow_edit)
