"""Findings that point where an officer can look, never into the installed package.

A rule's source or an inherited value may be a file the package ships
(`pause_docs/legal_bases/uk-gdpr.yaml:3:7`, `pause_docs/programmes/pause.yaml:96:7`): in a pip
install that is deep inside `site-packages`.  Each such place is named by what the officer can
use instead: the registry id and `pause-docs law ID`, or the programme, standard section or form
and `pause-docs show …`, which prints it (to copy into the project and change).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ...source.errors import Problem
from ...source.registry import Registry
from ...source.resources import shown_by_command

_IN_PACKAGE = re.compile(r"pause_docs/(legal_bases|programmes|sections|forms)/"
                         r"((?:sets/)?[a-z0-9][a-z0-9._-]*?)\.yaml(?::(\d+)(?::\d+)?)?")
_LAST: list[tuple[Registry, dict[str, str]]] = []  # the registry last asked about, its ids
_LAW_TABLES = ("provisions", "instrument", "instruments")


def for_officers(problem: Problem, registry: Registry) -> Problem:
    """`problem` with every place in the package's files in its words named for an officer
    (its own location is left as it is: it is where the finding is)."""
    if "pause_docs/" not in problem.message + problem.fix + problem.rule:
        return problem
    return replace(problem, message=named_for_officers(problem.message, registry),
                   fix=named_for_officers(problem.fix, registry),
                   rule=named_for_officers(problem.rule, registry))


def named_for_officers(text: str, registry: Registry) -> str:
    """`text` with every place in the package's files named for an officer."""
    if "pause_docs/" not in text:
        return text
    ids = _ids(registry)

    def named(found: re.Match[str]) -> str:
        return _pointer(found, ids)

    return _IN_PACKAGE.sub(named, text)


def _pointer(found: re.Match[str], ids: dict[str, str]) -> str:
    folder, name, line = found[1], found[2], found[3]
    if folder == "legal_bases":
        key = ids.get(found[0]) or ids.get(found[0].rsplit(":", 1)[0])
        if key is None:
            return "the legal registry the tool ships: pause-docs law"
        entry, see = registry_entry(key)
        return f"{entry}, see: {see}" if see else entry
    return shown_by_command(f"pause_docs/{folder}/{name}.yaml", int(line or 0)) or found[0]


def registry_entry(key: str) -> tuple[str, str]:
    """How an officer names the registry entry 'table:id', and the command that prints it
    ('' for an entry `pause-docs law` does not list, such as a right or a body)."""
    table, _, ident = key.partition(":")
    if table in _LAW_TABLES and ident:
        return f"registry entry {ident}", f"pause-docs law {ident}"
    one = {"rights": "right", "bodies": "body"}.get(table, table)
    return f"the legal registry's {one} '{ident.split(':')[0]}'", ""


def _ids(registry: Registry) -> dict[str, str]:
    """'pause_docs/…yaml:line:column' -> the registry key defined there (first wins)."""
    if _LAST and _LAST[0][0] is registry:
        return _LAST[0][1]
    found: dict[str, str] = {}
    for key, where in registry.defined_at.items():
        if key.count(":") == 1:  # the entry itself, not one of its fields
            found.setdefault(str(where), key)
    _LAST[:] = [(registry, found)]
    return found
