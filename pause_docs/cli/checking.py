"""The commands that check documents: `lint`, `audit`, `where-used`, `diff` and
`translations`."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..source.errors import ProblemsFound, summary
from .output import echo, format_option, json_report, project_root, say, verbosity_options
from .setup_commands import STRICT_LEVELS, LintCommand, check_targets

if TYPE_CHECKING:
    pass


@click.command(cls=LintCommand)
@verbosity_options
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="DATE",
              help="Judge the documents on this day as well as on their publication date "
              "(YYYY-MM-DD; default: today).")
@click.option("--strict", type=click.Choice(STRICT_LEVELS), default=None,
              help="Exit 1 on warnings too (--strict, --strict=warnings), not only on errors.")
@format_option
@click.pass_context
def lint(ctx: click.Context, paths: tuple[Path, ...], as_of: dt.datetime | None,
         strict: str | None, fmt: str) -> None:
    """Check documents against the law: repealed, misnamed and missing law, outdated names,
    the right-to-be-informed checklist, rights against lawful bases, plain language.

    The law is read wherever it is written: in references by registry id and in every
    printed word ("section 2(5) of the Local Government Act 2000", "Article 6(1)(f)").

    Each finding says what is wrong, when it became wrong (when published, or since), how to
    fix it and where the rule comes from. With no PATHS, checks the whole project.
    """
    from ..check.lint import lint_project
    from ..check.rules import page as rule_page
    from ..source.loading import load_project
    from ..source.remembered import unnoted

    day = as_of.date() if as_of else dt.date.today()
    root = project_root(ctx)
    check_targets(root, paths=paths)
    with unnoted():  # nothing is made: what each file says is never asked
        problems = lint_project(load_project(root, only=paths or None), day)
    if fmt == "json":
        echo(json_report(problems, as_of=day.isoformat()))
    else:
        for problem in problems:
            echo(str(problem))
            for label, value in (("fix", problem.fix), ("rule", problem.rule),
                                 ("see", rule_page(problem.code))):
                if value:  # a fix's further lines (YAML to paste) under its first
                    say(f"    {label}: " + value.replace("\n", "\n      "))
        echo(f"{summary(problems)} (as of {day.isoformat()})", err=True)
    failing = ("error", "warning") if strict == "warnings" else ("error",)
    if any(p.severity in failing for p in problems):
        ctx.exit(1)


@click.command()
@verbosity_options
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
@format_option
@click.pass_context
def audit(ctx: click.Context, files: tuple[Path, ...], council_nation: Any,
          published: dt.datetime | None, as_of: dt.datetime | None, fmt: str) -> None:
    """Check notices a council already published: HTML, PDF, Word (.docx), text or Markdown.

    The same checks as lint runs on a document's words: repealed, disapplied, misnamed and
    non-existent law, outdated names, what the law cited needs said with it; and which of the
    items UK GDPR Arts 13 and 14 ask for the words say. A FOLDER is audited file by file and
    shown as a table. Exit 1 on errors.
    """
    from ..check.audit import audit_file, notices_in
    from ..check.audit.report import as_json, table, text_report
    from ..source.errors import display_path

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
        echo(json.dumps(as_json(audits, day), indent=2))
    else:
        for one in audits:
            if not any(one in folder for folder in folders):
                echo("\n".join(text_report(one)))
        for folder in folders:
            echo("\n".join(table(folder)))
    if any(p.severity == "error" for one in audits for p in one.problems):
        ctx.exit(1)


def _audit_registry(ctx: click.Context) -> Any:
    """The project's legal registry, or the built-in one outside a project."""
    from ..source.errors import ProjectError
    from ..source.layout import TEMPLATES_DIR
    from ..source.registry import load_registry

    try:
        root = project_root(ctx)
    except ProjectError:  # the package's folder: its files are named 'pause_docs/…', which
        root = TEMPLATES_DIR.parent.parent  # findings then name by registry id instead
    registry, problems = load_registry(root)
    if any(p.severity == "error" for p in problems):
        raise ProblemsFound(problems)
    return registry


@click.command("where-used")
@verbosity_options
@click.argument("provision")
@click.pass_context
def where_used(ctx: click.Context, provision: str) -> None:
    """List every document that cites PROVISION (a registry id such as 'lga2000-s2').

    An instrument id ('dpa1998') finds every provision of it. References a document inherits
    from its programme are shown where the programme wrote them (from a programme the tool
    ships: at the document's `programme:` line, naming the programme).
    """
    from ..check.lint import UnknownProvision
    from ..check.lint import where_used as find
    from ..source.loading import load_project

    project = load_project(project_root(ctx))
    try:
        found = find(project, provision)
    except UnknownProvision as exc:
        raise click.BadParameter(str(exc), param_hint="PROVISION") from exc
    for citing in found:
        inherited = f" (for {citing.document})" if citing.location.path != citing.document else ""
        shipped = f" (inherited from {citing.inherited})" if citing.inherited else ""
        echo(f"{citing.location}: '{citing.title}' of {citing.published.isoformat()}"
              f"{inherited} cites it as '{citing.words}'{shipped}")
    unread = sorted({p.location.path for p in project.errors})
    if unread:
        echo(f"not searched, because of errors (see 'pause-docs validate'): "
              f"{', '.join(unread)}", err=True)
    documents = len({c.document for c in found})
    echo(f"{provision}: cited {len(found)} time{'s' * (len(found) != 1)} in "
         f"{documents} document{'s' * (documents != 1)}", err=True)


@click.command()
@verbosity_options
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--rev", "revs", multiple=True, metavar="REV",
              help="Compare PATH at this git revision (any syntax git accepts) with the "
              "working tree; give it twice to compare two revisions.")
@format_option
@click.option("--html", "html_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the redline as an HTML page to this file.")
@click.option("--pdf", "pdf_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the redline as a tagged PDF to this file.")
@click.option("--docx", "docx_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the redline as a Word document with tracked changes, to "
              "accept or reject one by one, to this file.")
@click.option("--author", default="pause-docs", show_default=True,
              help="Whom the Word redline's tracked changes are by.")
@click.option("--language", metavar="CODE", help="Compare the versions in this language of "
              "theirs (e.g. cy), and write the redline in it (default: the new version's "
              "first language).")
@click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]),
              help="Date the checks judge both versions by (default: today).")
@click.option("--exit-code", is_flag=True, help="Exit 1 when the content changed (a change "
              "of order or layout alone does not count), like git diff --exit-code.")
@click.option("--council", metavar="SLUG", help="For a file kept outside councils/ (a version "
              "received by e-mail): the council of this project whose document it is.")
@click.pass_context
def diff(ctx: click.Context, paths: tuple[Path, ...], revs: tuple[str, ...], fmt: str,
         html_file: Path | None, pdf_file: Path | None, docx_file: Path | None, author: str,
         language: str | None, as_of: dt.datetime | None, exit_code: bool,
         council: str | None) -> None:
    """Show what changed between two versions of a document, in legal terms.

    Either OLD NEW (two document files, e.g. two councils' notices of the same kind), or
    PATH --rev REV [--rev REV2] (one file at git revisions, resolved in the project as it
    was at each revision). A file kept anywhere else is compared as a document of the
    --council it names. Legal changes come first, then wording, then order and layout.
    """
    from ..compare import diff_documents
    from ..compare.redline import as_text, redline_file
    from ..compare.versions import load_revisions

    if len(revs) > 2 or (revs and len(paths) != 1) or (not revs and len(paths) != 2):
        raise click.UsageError("give two files (OLD NEW), or one file with --rev REV "
                               "[--rev REV2]")
    old, new = load_revisions(paths[0], revs) if revs else (
        _version(ctx, paths[0], council), _version(ctx, paths[1], council))
    for side in (old, new) if language else ():
        if language not in side.document.languages:
            raise click.UsageError(
                f"{side.label} is not published in '{language}': its council's languages "
                f"are {', '.join(side.document.languages)}")
    from ..check.lint import lint_document

    day = (as_of or dt.datetime.now()).date()

    def lint(doc: Any) -> Any:  # the checks on `day`, for the diff's findings fixed and new
        return lint_document(doc, day)

    comparison = diff_documents(old.document, new.document, lint, old_label=old.label,
                                new_label=new.label, language=language)
    if fmt == "json":
        echo(json.dumps(comparison.as_dict(), indent=2, ensure_ascii=False))
    else:
        echo(as_text(comparison), nl=False)
    for path, suffix in ((html_file, "html"), (pdf_file, "pdf"), (docx_file, "docx")):
        if path is not None:
            _write_user_file(path, redline_file(comparison, suffix, author))
    if exit_code and comparison.changed:
        sys.exit(1)


def _version(ctx: click.Context, file: Path, council: str | None) -> Any:
    """A version to compare: a document in its project, or a file kept anywhere, resolved as
    a document of `council` in the project `diff` runs in."""
    from ..compare.versions import in_a_council, load_file, load_loose
    from ..source.errors import ProjectError
    from ..source.layout import find_root

    try:
        home = find_root(file.parent)
    except ProjectError:
        home = None
    if home is not None and in_a_council(file, home) and council is None:
        return load_file(file, root=home)
    if council is None:
        raise click.UsageError(f"{file} is not in a council's folder of a project: say whose "
                               "document it is with --council SLUG (a council of this project)")
    return load_loose(file, project_root(ctx), council, str(file))


def _write_user_file(path: Path, data: bytes) -> None:
    """A file the user named (any name they like), written atomically."""
    from ..build.writer import write_named_file

    write_named_file(path, data)
    say(f"wrote {path}", err=True)


@click.command()
@verbosity_options
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
    from ..translations.work import run

    root = project_root(ctx)
    check_targets(root, paths=paths)
    outcome = run(root, paths, language, update=update, write_to=write_to,
                  read_from=read_from)
    for line in outcome.done:
        echo(line)
    if any(p.severity == "error" for p in outcome.problems):
        raise ProblemsFound(outcome.problems)
    if outcome.incomplete:
        ctx.exit(1)
