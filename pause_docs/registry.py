"""The legal registry in legal_bases/: loaded, checked for duplicates, looked up by id."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Location, Problem, display_path
from .loader import SourceFile, read_yaml
from .models import (
    Body,
    CriteriaFile,
    CriteriaSet,
    Criterion,
    Instrument,
    Provision,
    RegistryFile,
    Right,
)
from .validation import validate

REGISTRY_DIR = "legal_bases"
# The DPIA criteria have their own shape (models/dpia.py), so their own file.
CRITERIA_FILE = "dpia-criteria.yaml"


@dataclass(frozen=True)
class Registry:
    """Everything the documents can cite, by id, with where each id was defined."""

    instruments: dict[str, Instrument] = field(default_factory=dict)
    provisions: dict[str, Provision] = field(default_factory=dict)
    rights: dict[str, Right] = field(default_factory=dict)
    bodies: dict[str, Body] = field(default_factory=dict)
    criteria_sets: dict[str, CriteriaSet] = field(default_factory=dict)
    criteria: dict[str, Criterion] = field(default_factory=dict)
    defined_at: dict[str, Location] = field(default_factory=dict)
    files: tuple[str, ...] = ()

    def instrument_of(self, provision: Provision) -> Instrument:
        return self.instruments[provision.instrument]

    @property
    def regulator(self) -> Body | None:
        return self.bodies.get("regulator")


def load_registry(root: Path) -> tuple[Registry, list[Problem]]:
    """Read every YAML file under legal_bases/ into one registry."""
    problems: list[Problem] = []
    registry = Registry()
    files = sorted((root / REGISTRY_DIR).rglob("*.yaml"))
    for file in files:
        display = display_path(file, root)
        source, found = read_yaml(file, display)
        problems += found
        if source is None:
            continue
        if file.name == CRITERIA_FILE:
            criteria, found = validate(CriteriaFile, source.data, source.locator,
                                       "DPIA criteria file")
            problems += found
            if criteria is not None:
                problems += _add_criteria(registry, criteria, source)
            continue
        parsed, found = validate(RegistryFile, source.data, source.locator, "registry file")
        problems += found
        if parsed is not None:
            problems += _add(registry, parsed, source)
    problems += _check_references(registry)
    return Registry(registry.instruments, registry.provisions, registry.rights, registry.bodies,
                    registry.criteria_sets, registry.criteria, registry.defined_at,
                    tuple(display_path(f, root) for f in files)), problems


def _add_criteria(registry: Registry, parsed: CriteriaFile, source: SourceFile
                  ) -> list[Problem]:
    problems = []
    for i, criteria_set in enumerate(parsed.criteria_sets):
        problems += _add_one(registry, registry.criteria_sets, criteria_set, "criteria_sets",
                             source.locate(("criteria_sets", i, "id")))
        for j, criterion in enumerate(criteria_set.criteria):
            problems += _add_one(registry, registry.criteria, criterion, "criteria",
                                 source.locate(("criteria_sets", i, "criteria", j, "id")))
    for i, criteria_set in enumerate(parsed.criteria_sets):
        for j, criterion in enumerate(criteria_set.criteria):
            other = criterion.needs_another_from
            if other is not None and other not in registry.criteria_sets:
                problems.append(Problem(
                    source.locate(("criteria_sets", i, "criteria", j, "needs_another_from")),
                    "error", "unknown-criteria-set",
                    f"'{other}' is not a list of criteria in {CRITERIA_FILE}"))
            counterpart = criterion.counterpart
            if counterpart is not None and counterpart not in registry.criteria:
                problems.append(Problem(
                    source.locate(("criteria_sets", i, "criteria", j, "counterpart")),
                    "error", "unknown-criterion",
                    f"'{counterpart}' is not a criterion in {CRITERIA_FILE}"))
    return problems


def _add(registry: Registry, parsed: RegistryFile, source: SourceFile) -> list[Problem]:
    """Put a file's entries into the registry; an id defined twice is an error."""
    groups: list[tuple[str, dict[str, Any], Sequence[Any]]] = [
        ("provisions", registry.provisions, parsed.provisions),
        ("rights", registry.rights, parsed.rights),
        ("bodies", registry.bodies, parsed.bodies),
    ]
    problems = []
    if parsed.instrument is not None:
        problems += _add_one(registry, registry.instruments, parsed.instrument,
                             "instrument", source.locate(("instrument", "id")))
    for index, instrument in enumerate(parsed.instruments):
        problems += _add_one(registry, registry.instruments, instrument, "instrument",
                             source.locate(("instruments", index, "id")))
    for key, table, items in groups:
        for index, item in enumerate(items):
            problems += _add_one(registry, table, item, key, source.locate((key, index, "id")))
    return problems


def _add_one(registry: Registry, table: dict[str, Any], item: Any, kind: str,
             where: Location) -> list[Problem]:
    if item.id in table:
        first = registry.defined_at[f"{kind}:{item.id}"]
        return [Problem(where, "error", "duplicate-id",
                        f"'{item.id}' is already defined at {first}")]
    table[item.id] = item
    registry.defined_at[f"{kind}:{item.id}"] = where
    return []


def _check_references(registry: Registry) -> list[Problem]:
    """Every provision names a known instrument and supersessor."""
    problems = []
    for provision in registry.provisions.values():
        where = registry.defined_at["provisions:" + provision.id]
        if provision.instrument not in registry.instruments:
            problems.append(Problem(where, "error", "unknown-instrument",
                                    f"provision '{provision.id}' names unknown instrument "
                                    f"'{provision.instrument}'"))
        for later in provision.superseded_by:
            if later not in registry.provisions:
                problems.append(Problem(where, "error", "unknown-provision",
                                        f"provision '{provision.id}' is superseded by unknown "
                                        f"provision '{later}'"))
    return problems
