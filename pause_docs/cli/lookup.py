"""The command that finds things to cite by plain words: `law`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from ..source.errors import ProjectError
from .output import echo, say, verbosity_options

if TYPE_CHECKING:
    from ..catalogue.law import LawFound, LawSearch
    from ..source.models.base import Nation

_STATUS_WORDS = {"in-force": "in force", "not-yet-in-force": "not yet in force",
                 "outside-extent": "does not extend to", "repealed": "repealed",
                 "disapplied": "disapplied", "superseded": "superseded",
                 "replaced": "replaced", "renumbered": "renumbered"}


def _root(ctx: click.Context) -> Path:
    """The project's folder, or (outside any project) a folder with no law of its own, so
    that the package's registry alone is searched."""
    from ..source.layout import find_root

    given = ctx.obj.get("project") if ctx.obj else None
    try:
        return find_root(Path(given) if given else Path.cwd())
    except ProjectError:
        if given:
            raise
        return Path.cwd()


@click.command()
@verbosity_options
@click.argument("words", nargs=-1)
@click.option("--nation", type=click.Choice(["england", "wales", "scotland",
                                             "northern-ireland"]),
              help="Judge each entry for a council in this nation (default: say where it "
              "applies).")
@click.option("--council", metavar="SLUG", help="Judge each entry for this council's nation "
              "(from councils/SLUG/council.yaml; --nation wins if both are given).")
@click.option("--as-of", "as_of", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="DATE",
              help="Judge each entry on this day (YYYY-MM-DD; default: today).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text for people, json for tools (stable keys).")
@click.pass_context
def law(ctx: click.Context, words: tuple[str, ...], nation: str | None, council: str | None,
        as_of: dt.datetime | None, fmt: str) -> None:
    """Find the law to cite by plain words: ids, citations, titles, other names.

    For example `pause-docs law children act 2004 section 10`, `pause-docs law public
    task`, `pause-docs law "art 6(1)(e)"`. Each entry found is listed with its registry id
    (what a document writes), its citation and Welsh name, its address and whether it is in
    force for the nation on the day: an entry repealed, disapplied or not for the nation is
    listed with that status, not hidden. With no WORDS, lists the whole registry. Exits 1
    when nothing matches.
    """
    from ..catalogue.law import search_law
    from ..source.registry import load_registry

    root = _root(ctx)
    if nation is None and council is not None:
        nation = _nation_of(root, council)
    registry, problems = load_registry(root)
    day = as_of.date() if as_of else dt.date.today()
    found = search_law(registry, " ".join(words), cast("Nation | None", nation), day)
    if fmt == "json":
        echo(json.dumps(found.as_json(), indent=2, ensure_ascii=False))
    else:
        for result in found.results:
            _print(result, found)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        say(f"the project's legal registry has {len(errors)} error(s): pause-docs validate "
            "lists them", err=True)
    say(_summary(found), err=True)
    if not found.results:
        ctx.exit(1)


def _nation_of(root: Path, council: str) -> str:
    """The nation a council's file gives, or a usage error saying what is wrong."""
    from ..source.layout import COUNCIL_FILE, council_dirs
    from ..source.loader import read_yaml
    from ..source.models.base import NATIONS

    folders = council_dirs(root)
    if council not in folders:
        known = ", ".join(folders) or "none"
        raise click.BadParameter(f"no council '{council}' in {root} (councils: {known})",
                                 param_hint="--council")
    source, _ = read_yaml(folders[council] / COUNCIL_FILE, f"councils/{council}/{COUNCIL_FILE}")
    data = source.data if source is not None and isinstance(source.data, dict) else {}
    given = data.get("nation")
    if given not in NATIONS:
        raise click.BadParameter(f"councils/{council}/{COUNCIL_FILE} gives no nation "
                                 f"({', '.join(NATIONS)}): give --nation instead",
                                 param_hint="--council")
    return str(given)


def _print(result: LawFound, found: LawSearch) -> None:
    echo(f"{result.id}: {result.citation} ({result.title})")
    if result.welsh:
        echo(f"    Cymraeg: {result.welsh}")
    echo(f"    {result.url}")
    echo(f"    {_status(result, found)}")
    if found.nation is None:
        for change in result.changes:
            echo(f"    {change.change} in {_nations(change.nations)} on "
                 f"{_day(change.on)} by {change.by}")


def _status(result: LawFound, found: LawSearch) -> str:
    from ..check.lint.setting import NATION_NAMES

    where = f" in {NATION_NAMES[found.nation]}" if found.nation else ""
    if result.status == "outside-extent":
        return (f"not for {NATION_NAMES[found.nation] if found.nation else ''}: extends to "
                f"{_nations(result.nations)} only")
    words = _STATUS_WORDS[result.status]
    if result.status == "in-force":
        extent = "" if found.nation else f" (extends to {_nations(result.nations)})"
        return f"{words}{where} as of {_day(found.as_of)}{extent}"
    if result.status == "not-yet-in-force":
        return f"{words}{where}: in force from {_day(result.since)}"
    instead = f"; cite instead: {', '.join(result.cite_instead)}" if result.cite_instead else ""
    if found.nation is None and len(result.nations) > 1:  # each nation's change listed below
        return f"{words} wherever it extends ({_nations(result.nations)}){instead}"
    return f"{words}{where} on {_day(result.since)} by {result.by}{instead}"


def _nations(nations: tuple[str, ...]) -> str:
    from ..check.lint.setting import NATION_NAMES
    from ..publish.locale import load_locale

    return load_locale().joined([NATION_NAMES[n] for n in nations])


def _day(day: dt.date | None) -> str:
    from ..publish.locale import load_locale

    return load_locale().date(day) if day else "a day not recorded"


def _summary(found: LawSearch) -> str:
    count = len(found.results)
    entries = f"{count} entr{'y' if count == 1 else 'ies'}"
    for_nation = f", judged for {found.nation}" if found.nation else ""
    if not found.query.strip():
        return f"{entries} in the legal registry (as of {found.as_of.isoformat()}{for_nation})"
    if not count:
        return f"no entry of the legal registry matches '{found.query}'"
    verb = "matches" if count == 1 else "match"
    how = verb if found.complete else f"{verb} some of the words (none matches all)"
    return (f"{entries} {how} '{found.query}' (as of {found.as_of.isoformat()}{for_nation})")
