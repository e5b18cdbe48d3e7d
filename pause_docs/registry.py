"""The legal registry in legal_bases/: loaded, checked for duplicates, looked up by id."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from .errors import Location, Problem, display_path
from .layout import REGISTRY_DIR as REGISTRY_DIR
from .layout import registry_files
from .loader import SourceFile, read_yaml
from .models import Body, Instrument, Provision, RegistryFile, Right
from .validation import validate

_Entry = TypeVar("_Entry")
TABLES = ("instruments", "provisions", "rights", "bodies")


@dataclass(frozen=True)
class Registry:
    """Everything the documents can cite, by id, with where each id was defined."""

    instruments: dict[str, Instrument] = field(default_factory=dict)
    provisions: dict[str, Provision] = field(default_factory=dict)
    rights: dict[str, Right] = field(default_factory=dict)
    bodies: dict[str, Body] = field(default_factory=dict)
    defined_at: dict[str, Location] = field(default_factory=dict)
    files: tuple[str, ...] = ()

    def instrument_of(self, provision: Provision) -> Instrument:
        return self.instruments[provision.instrument]

    @property
    def regulator(self) -> Body | None:
        return self.bodies.get("regulator")

    def recording(self) -> tuple[Registry, set[str]]:
        """This registry, and a set that fills with every entry read through it, as
        'table:id' ('table:*' when a whole table is read): what a document depends on."""
        used: set[str] = set()
        tables = {name: _Recorded(getattr(self, name), name, used) for name in TABLES}
        copy = Registry(**tables, defined_at=self.defined_at, files=self.files)
        return copy, used

    def fingerprints(self) -> dict[str, str]:
        """A hash of every entry ('table:id') and of every whole table ('table:*'), so a build
        can tell which entries changed since a document was made."""
        out: dict[str, str] = {}
        for name in TABLES:
            whole = hashlib.sha256()
            table: dict[str, Any] = getattr(self, name)
            for key in sorted(table):
                digest = hashlib.sha256(table[key].model_dump_json().encode()).hexdigest()
                out[f"{name}:{key}"] = digest
                whole.update(f"{key}\0{digest}\0".encode())
            out[f"{name}:*"] = whole.hexdigest()
        return out


class _Recorded(dict[str, _Entry]):
    """A registry table that notes each id looked up in it."""

    def __init__(self, table: dict[str, _Entry], name: str, used: set[str]) -> None:
        super().__init__(table)
        self._name = name
        self._used = used

    def __getitem__(self, key: str) -> _Entry:
        self._used.add(f"{self._name}:{key}")
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self._used.add(f"{self._name}:{key}")
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self._used.add(f"{self._name}:{key}")
        return super().__contains__(key)

    def __iter__(self) -> Iterator[str]:
        self._used.add(f"{self._name}:*")
        return super().__iter__()

    def keys(self) -> Any:
        self._used.add(f"{self._name}:*")
        return super().keys()

    def values(self) -> Any:
        self._used.add(f"{self._name}:*")
        return super().values()

    def items(self) -> Any:
        self._used.add(f"{self._name}:*")
        return super().items()


def load_registry(root: Path) -> tuple[Registry, list[Problem]]:
    """Read every YAML file under legal_bases/ into one registry."""
    problems: list[Problem] = []
    registry = Registry()
    files = registry_files(root)
    for file in files:
        display = display_path(file, root)
        source, found = read_yaml(file, display)
        problems += found
        if source is None:
            continue
        parsed, found = validate(RegistryFile, source.data, source.locator, "registry file")
        problems += found
        if parsed is not None:
            problems += _add(registry, parsed, source)
    problems += _check_references(registry)
    return Registry(registry.instruments, registry.provisions, registry.rights, registry.bodies,
                    registry.defined_at, tuple(display_path(f, root) for f in files)), problems


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
