"""The `pause-docs` command: thin adapters from the command line to the library."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .commands import StrictCommand, check_targets, publishing_gate, strict_option
from .errors import OutputError, Problem, ProblemsFound, printable, summary
from .formats import ALL, FORMATS, choices
from .gate import Level
from .kinds import KINDS
from .layout import bundled_form_names

if TYPE_CHECKING:
    from .build import BuildReport

# Every kind of YAML file `schema` describes: the files of a project, then the documents.
SCHEMA_KINDS = ["council", "programme", "section", *KINDS, "registry", "dpia-criteria", "form",
                "question-set"]  # as schema_files.KIND_NAMES, without importing the models
INTERRUPTED = 130  # as a shell reports a command stopped by Ctrl-C (128 + SIGINT)


def _echo(text: str, err: bool = False, nl: bool = True) -> None:
    """Print text that may hold words from YAML files or file names, with any control
    character shown as an escape, so that no file can drive the terminal."""
    click.echo(printable(text), err=err, nl=nl)


class _Main(click.Group):
    """The command group; Ctrl-C stops a command with status 130, not 1 ('Aborted!')."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            _echo("\ninterrupted: stopped before the end (a build keeps the documents it "
                       "finished; run it again to make the rest)", err=True)
            raise click.exceptions.Exit(INTERRUPTED) from None


def _root(ctx: click.Context) -> Path:
    from .layout import find_root

    given = ctx.obj.get("project") if ctx.obj else None
    return find_root(Path(given) if given else Path.cwd())


def _show_progress(quiet: bool) -> bool:
    return not quiet and sys.stderr.isatty() and not os.environ.get("CI")


@click.group(cls=_Main, context_settings={"help_option_names": ["-h", "--help"]})
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

    root = _root(ctx)
    check_targets(root, paths=paths)
    project = load_project(root, only=paths or None)
    if project.errors:
        raise ProblemsFound(project.problems)
    for problem in project.problems:  # warnings: shown, and the documents are still valid
        _echo(str(problem), err=True)
    _echo(f"{len(project.documents)} documents valid; {summary(project.problems)}")


@main.command(cls=StrictCommand)
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
@click.option("--quiet", "-q", is_flag=True, help="Print only problems and the summary.")
@strict_option
@click.pass_context
def build(ctx: click.Context, councils: tuple[str, ...], fmt: str, output: Path | None,
          force: bool, jobs: int | None, quiet: bool, strict: Level | None) -> None:
    """Build HTML, PDF and Word files of every document, or of the given COUNCILS.

    Files go to output/<council>/<document>.html, .pdf and .docx, and
    <document>.<language>.html (and so on) in each other language of the council.  Only
    documents whose inputs
    changed since the last build are made again: their YAML, council, programme, the registry
    entries they cite, the templates they use, and this tool's version.
    """
    from .build import build as run_build
    from .layout import council_dirs, document_files

    started = time.perf_counter()
    root = _root(ctx)
    check_targets(root, councils)
    publishing_gate(ctx, root, councils, strict)
    folders = council_dirs(root)
    total = sum(len(document_files(folders[c])) for c in councils or folders if c in folders)
    with click.progressbar(length=total, label="Building", file=sys.stderr,
                           hidden=not _show_progress(quiet)) as bar:
        report = run_build(root, output or root / "output", fmt,
                           councils=councils or None, force=force, jobs=jobs,
                           on_progress=bar.update,
                           on_wait=lambda message: _echo(message, err=True))
    if not quiet:
        for document, removed in sorted(report.removed.items()):
            _echo(f"removed {', '.join(removed)}: {document} is gone")
        for document, removed in sorted(report.dropped.items()):
            _echo(f"removed {', '.join(removed)}: {document} is no longer published in that "
                  "language")
    line = _build_line(report, time.perf_counter() - started)
    if report.failed or any(p.severity == "error" for p in report.problems):
        _echo(line, err=True)
        raise ProblemsFound(report.problems)
    for problem in report.problems:
        _echo(str(problem), err=True)
    _echo(line)


def _build_line(report: BuildReport, seconds: float) -> str:
    built, withdrawn = len(report.built), len(report.removed)
    removed = (f", removed {withdrawn} withdrawn document{'' if withdrawn == 1 else 's'}"
               if withdrawn else "")
    return (f"built {built} document{'' if built == 1 else 's'}, skipped {len(report.skipped)} "
            f"(up to date), {len(report.failed)} failed{removed} in {seconds:.2f} s")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="DATE",
              help="Judge the documents on this day as well as on their publication date "
              "(YYYY-MM-DD; default: today).")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too, not only on errors.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text for people, json for CI.")
@click.pass_context
def lint(ctx: click.Context, paths: tuple[Path, ...], as_of: dt.datetime | None, strict: bool,
         fmt: str) -> None:
    """Check documents against the law: repealed, misnamed and missing law, outdated names,
    the right-to-be-informed checklist, rights against lawful bases, plain language.

    The law is read wherever it is written: in references by registry id and in every
    printed word ("section 2(5) of the Local Government Act 2000", "Article 6(1)(f)").

    Each finding says what is wrong, when it became wrong (when published, or since), how to
    fix it and where the rule comes from. With no PATHS, checks the whole project.
    """
    from .lint import lint_project
    from .project import load_project

    day = as_of.date() if as_of else dt.date.today()
    root = _root(ctx)
    check_targets(root, paths=paths)
    problems = lint_project(load_project(root, only=paths or None), day)
    if fmt == "json":
        _echo(json.dumps({"as_of": day.isoformat(), "summary": summary(problems),
                               "problems": [_as_json(p) for p in problems]}, indent=2))
    else:
        for problem in problems:
            _echo(str(problem))
            for label, value in (("fix", problem.fix), ("rule", problem.rule)):
                if value:
                    _echo(f"    {label}: {value}")
        _echo(f"{summary(problems)} (as of {day.isoformat()})")
    failing = ("error", "warning") if strict else ("error",)
    if any(p.severity in failing for p in problems):
        ctx.exit(1)


def _as_json(problem: Problem) -> dict[str, object]:
    where = problem.location
    return {"path": where.path, "line": where.line, "column": where.column,
            "severity": problem.severity, "code": problem.code, "message": problem.message,
            "fix": problem.fix, "rule": problem.rule}


@main.command()
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@click.option("--council-nation", type=click.Choice(["england", "wales", "scotland",
                                                     "northern-ireland"]),
              help="The council's nation, whose law applies (default: England, said when used).")
@click.option("--published", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="DATE",
              help="The notice's publication date (default: the date found in it, said when "
              "used).")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="DATE",
              help="Judge the notices on this day as well (YYYY-MM-DD; default: today).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text for people, json for tools.")
@click.pass_context
def audit(ctx: click.Context, files: tuple[Path, ...], council_nation: Any,
          published: dt.datetime | None, as_of: dt.datetime | None, fmt: str) -> None:
    """Check notices a council already published: HTML, PDF, Word (.docx), text or Markdown.

    The same checks as lint runs on a document's words: repealed, disapplied, misnamed and
    non-existent law, outdated names, what the law cited needs said with it; and which of the
    items UK GDPR Arts 13 and 14 ask for the words say. A FOLDER is audited file by file and
    shown as a table. Exit 1 on errors.
    """
    from .audit import audit_file, notices_in
    from .audit.report import as_json, table, text_report
    from .errors import display_path

    day = as_of.date() if as_of else dt.date.today()
    registry = _audit_registry(ctx)
    audits, folders = [], []
    for given in files:
        targets = notices_in(given) if given.is_dir() else [given]
        found = [audit_file(f, display_path(f, Path.cwd()), registry, nation=council_nation,
                            published=published.date() if published else None, as_of=day)
                 for f in targets]
        audits += found
        if given.is_dir():
            folders.append(found)
    if fmt == "json":
        _echo(json.dumps(as_json(audits, day), indent=2))
    else:
        for one in audits:
            if not any(one in folder for folder in folders):
                _echo("\n".join(text_report(one)))
        for folder in folders:
            _echo("\n".join(table(folder)))
    if any(p.severity == "error" for one in audits for p in one.problems):
        ctx.exit(1)


def _audit_registry(ctx: click.Context) -> Any:
    """The project's legal registry, or the built-in one outside a project."""
    from .errors import ProjectError
    from .layout import TEMPLATES_DIR
    from .registry import load_registry

    try:
        root = _root(ctx)
    except ProjectError:
        root = TEMPLATES_DIR.parent
    registry, problems = load_registry(root)
    if any(p.severity == "error" for p in problems):
        raise ProblemsFound(problems)
    return registry


@main.command("where-used")
@click.argument("provision")
@click.pass_context
def where_used(ctx: click.Context, provision: str) -> None:
    """List every document that cites PROVISION (a registry id such as 'lga2000-s2').

    An instrument id ('dpa1998') finds every provision of it. References a document inherits
    from its programme are shown where the programme wrote them.
    """
    from .lint import UnknownProvision
    from .lint import where_used as find
    from .project import load_project

    project = load_project(_root(ctx))
    try:
        found = find(project, provision)
    except UnknownProvision as exc:
        raise click.BadParameter(str(exc), param_hint="PROVISION") from exc
    for citing in found:
        inherited = f" (for {citing.document})" if citing.location.path != citing.document else ""
        _echo(f"{citing.location}: '{citing.title}' of {citing.published.isoformat()}"
              f"{inherited} cites it as '{citing.words}'")
    unread = sorted({p.location.path for p in project.errors})
    if unread:
        _echo(f"not searched, because of errors (see 'pause-docs validate'): "
              f"{', '.join(unread)}", err=True)
    documents = len({c.document for c in found})
    _echo(f"{provision}: cited {len(found)} time{'s' * (len(found) != 1)} in "
          f"{documents} document{'s' * (documents != 1)}")


@main.command()
@click.argument("slug")
@click.option("--programme", default="pause", show_default=True,
              help="Programme the new documents inherit.")
@click.option("--form", "forms", multiple=True, metavar="NAME",
              help="Also write a screening or assessment on this form (repeat for more); "
              "for a council that exists, only that.  Bundled forms: "
              f"{', '.join(bundled_form_names())}; or a project's own in councils/forms/.")
@click.pass_context
def new(ctx: click.Context, slug: str, programme: str, forms: tuple[str, ...]) -> None:
    """Start a new site: councils/SLUG/ with a council file and notices to fill in.

    Screenings and assessments are written only when asked for, each on a named form:
    `--form equality-screening`.  Every field still to fill in says TODO; `pause-docs
    validate` lists them.
    """
    from .project.forms import bundled_forms
    from .scaffold import scaffold

    root = _root(ctx)
    for path in scaffold(root, slug, programme, forms):
        _echo(f"created {path.relative_to(root)}")
    _echo(f"next: fill in every TODO, then run 'pause-docs validate councils/{slug}'")
    if not forms:
        _echo(f"to add a screening or assessment: pause-docs new {slug} --form NAME, "
                   "with NAME one of the bundled forms:")
        for name, description in bundled_forms().items():
            _echo(f"  {name}: {description}")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--rev", "revs", multiple=True, metavar="REV",
              help="Compare PATH at this git revision (any syntax git accepts) with the "
              "working tree; give it twice to compare two revisions.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="What to print.")
@click.option("--html", "html_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the redline as an HTML page to this file.")
@click.option("--pdf", "pdf_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the redline as a tagged PDF to this file.")
@click.option("--docx", "docx_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the redline as a Word document with tracked changes, to "
              "accept or reject one by one, to this file.")
@click.option("--author", default="pause-docs", show_default=True,
              help="Whom the Word redline's tracked changes are by.")
@click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]),
              help="Date the checks judge both versions by (default: today).")
@click.option("--exit-code", is_flag=True, help="Exit 1 when the content changed (a change "
              "of order or layout alone does not count), like git diff --exit-code.")
def diff(paths: tuple[Path, ...], revs: tuple[str, ...], fmt: str, html_file: Path | None,
         pdf_file: Path | None, docx_file: Path | None, author: str,
         as_of: dt.datetime | None, exit_code: bool) -> None:
    """Show what changed between two versions of a document, in legal terms.

    Either OLD NEW (two document files, e.g. two councils' notices of the same kind), or
    PATH --rev REV [--rev REV2] (one file at git revisions, resolved in the project as it
    was at each revision). Legal changes come first, then wording, then order and layout.
    """
    from .diff import diff_documents
    from .redline import as_html, as_text
    from .versions import load_file, load_revisions

    if len(revs) > 2 or (revs and len(paths) != 1) or (not revs and len(paths) != 2):
        raise click.UsageError("give two files (OLD NEW), or one file with --rev REV "
                               "[--rev REV2]")
    old, new = load_revisions(paths[0], revs) if revs else (load_file(paths[0]),
                                                            load_file(paths[1]))
    from .lint import lint_document

    day = (as_of or dt.datetime.now()).date()

    def lint(doc: Any) -> Any:  # the checks on `day`, for the diff's findings fixed and new
        return lint_document(doc, day)

    comparison = diff_documents(old.document, new.document, lint, old_label=old.label,
                                new_label=new.label)
    if fmt == "json":
        _echo(json.dumps(comparison.as_dict(), indent=2, ensure_ascii=False))
    else:
        _echo(as_text(comparison), nl=False)
    if html_file or pdf_file:
        _write_redline(as_html(comparison), html_file, pdf_file, new.document.model.published)
    if docx_file:
        from .docx.redline import redline_docx  # python-docx only when Word is asked for
        from .publish import publish
        from .writer import write_if_changed

        data = redline_docx(comparison, publish(old.document), publish(new.document), author)
        write_if_changed(docx_file.parent, docx_file.name, data)
        click.echo(f"wrote {docx_file}", err=True)
    if exit_code and comparison.changed:
        sys.exit(1)


def _write_redline(html: str, html_file: Path | None, pdf_file: Path | None,
                   day: dt.date) -> None:
    from .layout import TEMPLATES_DIR

    if html_file:
        _write_user_file(html_file, html.encode())
    if pdf_file:
        from .pdf import render_pdf  # WeasyPrint only when a PDF is asked for

        pdf = render_pdf(html, TEMPLATES_DIR / "assets", calendar.timegm(day.timetuple()))
        _write_user_file(pdf_file, pdf)


def _write_user_file(path: Path, data: bytes) -> None:
    """A file the user named (any name they like), written atomically."""
    from .writer import write_file

    try:
        write_file(path, data)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    _echo(f"wrote {path}", err=True)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--language", metavar="CODE", help="Only this language, e.g. cy.")
@click.option("--update", is_flag=True, help="Confirm every translation now given: record "
              "the English it translates, so that lint reports it when the English changes.")
@click.option("--write", "write_to", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the texts to translate as a table for a translator: FILE.csv or "
              "FILE.xlf (XLIFF 1.2).")
@click.option("--read", "read_from", type=click.Path(exists=True, dir_okay=False,
                                                      path_type=Path),
              help="Read a translator's filled-in table back into the YAML files.")
@click.pass_context
def translations(ctx: click.Context, paths: tuple[Path, ...], language: str | None,
                 update: bool, write_to: Path | None, read_from: Path | None) -> None:
    """List every text that needs translating or re-translating, per document.

    A text printed on a page in another language than the page's needs translating; a
    translation whose English changed since it was confirmed needs re-translating.  With
    --update, the translations given now are confirmed; with --write, the list becomes a
    table for a translator, and --read writes the filled-in table into the files (each
    translation confirmed).  Exit 1 when a text needs (re-)translating.
    """
    from .translations.work import run

    outcome = run(_root(ctx), paths, language, update=update, write_to=write_to,
                  read_from=read_from)
    for line in outcome.done:
        _echo(line)
    if any(p.severity == "error" for p in outcome.problems):
        raise ProblemsFound(outcome.problems)
    if outcome.incomplete:
        ctx.exit(1)


@main.command()
@click.argument("kind", type=click.Choice(SCHEMA_KINDS))
@click.pass_context
def schema(ctx: click.Context, kind: str) -> None:
    """Print the JSON Schema of a kind of YAML file, for editor completion and checking.

    A document's schema leaves out of what it requires the keys its programmes give it (the
    project's programmes inside a project, else the package's)."""
    from .errors import ProjectError
    from .layout import programme_files
    from .resources import PACKAGE_ROOT
    from .schema_files import text

    try:
        root = _root(ctx)
    except ProjectError:
        root = PACKAGE_ROOT
    _echo(text(kind, list(programme_files(root).values())), nl=False)


@main.command()
@click.argument("councils", nargs=-1)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but a loopback address lets other "
              "machines see the documents: a warning says so.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--open", "open_browser", is_flag=True, help="Open the index in the web browser.")
@click.pass_context
def serve(ctx: click.Context, councils: tuple[str, ...], host: str, port: int,
          open_browser: bool) -> None:
    """Preview documents in the browser while you edit them, with their problems on the page.

    Serves an index of every council and document (or only COUNCILS), with each document's
    validate and lint status. A document's page is rendered from its YAML as `build` would
    publish it, with a panel listing its problems, each linked to the part of the page it is
    about; the page reloads when you save a file. Also serves each document's PDF and its
    changes since the last git commit. Nothing is written. Ctrl-C stops it.
    """
    from .preview.server import address, is_loopback, listen, run
    from .preview.session import Session

    root = _root(ctx)
    check_targets(root, councils)
    if not is_loopback(host):
        _echo(f"warning: listening on {host}, not a loopback address: other machines "
                   "on the network can see these documents and drafts", err=True)
    sock = listen(host, port)
    url = address(sock)
    _echo(f"Previewing {root} at {url} (Ctrl-C to stop)")
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    run(Session(root, councils), sock, lambda message: _echo(message, err=True))


def _register() -> None:
    from .commands import init, registry

    main.add_command(init)
    main.add_command(registry)


_register()
