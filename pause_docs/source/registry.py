"""The legal registry in legal_bases/: loaded, checked for itself, looked up by id."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from .errors import Location, Problem, did_you_mean, display_path
from .layout import REGISTRY_DIR as REGISTRY_DIR
from .layout import home, registry_layers
from .loader import SourceFile, read_yaml
from .models import (
    Body,
    CriteriaFile,
    CriteriaSet,
    Criterion,
    Instrument,
    NonexistentTitle,
    Provision,
    RegistryFile,
    RetiredDomain,
    Right,
)
from .validation import validate

LEGISLATION = "https://www.legislation.gov.uk"
# Addresses are printed as links on every page that cites the law, so only plain ones are
# accepted: path segments of letters, digits, '.', '_', '~', '%' and '-', a query of plain
# name=value pairs, a plain fragment.  No quotes, brackets, spaces or empty segments.
_SEGMENT = r"[A-Za-z0-9._~%-]+"
_TAIL = (rf"(?:/{_SEGMENT})*/?(?:\?{_SEGMENT}={_SEGMENT}(?:&{_SEGMENT}={_SEGMENT})*)?"
         r"(?:#[A-Za-z0-9._-]+)?$")
_PLAIN_URL = re.compile(rf"^https?://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::\d+)?{_TAIL}")
# A legislation.gov.uk address: type, year and number come first after an optional
# Welsh-language (/cy/) or identifier (/id/) prefix.
_LEGISLATION_URL = re.compile(
    r"^https?://(?:www\.)?legislation\.gov\.uk/(?:cy/)?(?:id/)?"
    r"(?P<type>[a-z]+)/(?P<year>\d{4})/(?P<number>\d+)(?P<tail>(?:[/?#].*)?)$")
_LEGISLATION_TAIL = re.compile(f"^{_TAIL}")
# The DPIA criteria have their own shape (models/dpia.py), so their own file.
CRITERIA_FILE = "dpia-criteria.yaml"

# What a legal reference does in a notice, from the registry kind of its provisions; any
# other kind of law is a gateway (the statute behind a council's task).
ROLES = {
    "lawful-basis": "article-6",
    "special-category-condition": "article-9",
    "criminal-offence-condition": "article-10",
    "schedule-1-condition": "schedule-1",
}


def role_of(provisions: Iterable[Provision]) -> str:
    """article-6, article-9, article-10, schedule-1 or gateway: the first provision with a role
    decides."""
    return next((ROLES[p.kind] for p in provisions if p.kind in ROLES), "gateway")
_Entry = TypeVar("_Entry")
TABLES = ("instruments", "provisions", "rights", "bodies", "nonexistent", "retired_domains",
          "criteria_sets", "criteria")


@dataclass(frozen=True)
class Registry:
    """Everything the documents can cite, by id, with where each id was defined."""

    instruments: dict[str, Instrument] = field(default_factory=dict)
    provisions: dict[str, Provision] = field(default_factory=dict)
    rights: dict[str, Right] = field(default_factory=dict)
    bodies: dict[str, Body] = field(default_factory=dict)
    nonexistent: dict[str, NonexistentTitle] = field(default_factory=dict)
    retired_domains: dict[str, RetiredDomain] = field(default_factory=dict)
    criteria_sets: dict[str, CriteriaSet] = field(default_factory=dict)
    criteria: dict[str, Criterion] = field(default_factory=dict)
    defined_at: dict[str, Location] = field(default_factory=dict)
    files: tuple[str, ...] = ()
    faulty: dict[str, Location] = field(default_factory=dict)
    """'table:id' -> where an error in that entry is (an address that is not the law's, a
    change to the package's entry): a document citing it is stopped, not made with it."""

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
        copy = Registry(**tables, defined_at=self.defined_at, files=self.files,
                        faulty=self.faulty)
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
    """The registry the package ships, with the project's own legal_bases/ over it: a project
    entry adds to it, or replaces the package's entry of the same id as long as it keeps its
    address and status (a contradiction is an error at the project's entry)."""
    problems: list[Problem] = []
    registry = Registry()
    package, own = registry_layers(root)
    for layer in (package, own):
        replaceable = frozenset(registry.defined_at) if layer is own else frozenset()
        for file in layer:
            problems += _load_file(registry, file, root, replaceable)
    files = package + own
    problems += _check_references(registry)
    problems += _check_urls(registry)
    return Registry(registry.instruments, registry.provisions, registry.rights, registry.bodies,
                    registry.nonexistent, registry.retired_domains, registry.criteria_sets,
                    registry.criteria, registry.defined_at,
                    tuple(display_path(f, root) for f in files), registry.faulty), problems


def _load_file(registry: Registry, file: Path, root: Path, replaceable: frozenset[str]
               ) -> list[Problem]:
    source, problems = read_yaml(file, display_path(file, root), inside=home(file, root))
    if source is None:
        return problems
    if file.name == CRITERIA_FILE:
        criteria, found = validate(CriteriaFile, source.data, source.locator,
                                   "DPIA criteria file")
        if criteria is not None:
            found += _add_criteria(registry, criteria, source, replaceable)
        return problems + found
    parsed, found = validate(RegistryFile, source.data, source.locator, "registry file")
    if parsed is not None:
        found += _add(registry, parsed, source, replaceable)
    return problems + found


def _add_criteria(registry: Registry, parsed: CriteriaFile, source: SourceFile,
                  replaceable: frozenset[str] = frozenset()) -> list[Problem]:
    problems = []
    for i, criteria_set in enumerate(parsed.criteria_sets):
        problems += _add_one(registry, registry.criteria_sets, "criteria_sets", "id",
                             criteria_set, source, ("criteria_sets", i), replaceable)
        for j, criterion in enumerate(criteria_set.criteria):
            problems += _add_one(registry, registry.criteria, "criteria", "id", criterion,
                                 source, ("criteria_sets", i, "criteria", j), replaceable)
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


def _add(registry: Registry, parsed: RegistryFile, source: SourceFile,
         replaceable: frozenset[str] = frozenset()) -> list[Problem]:
    """Put a file's entries into the registry; an id defined twice is an error."""
    groups: list[tuple[str, str, dict[str, Any], Sequence[Any]]] = [
        ("provisions", "id", registry.provisions, parsed.provisions),
        ("rights", "id", registry.rights, parsed.rights),
        ("bodies", "id", registry.bodies, parsed.bodies),
        ("nonexistent", "title", registry.nonexistent, parsed.nonexistent),
        ("retired_domains", "domain", registry.retired_domains, parsed.retired_domains),
    ]
    problems = []
    if parsed.instrument is not None:
        problems += _add_one(registry, registry.instruments, "instrument", "id",
                             parsed.instrument, source, ("instrument",), replaceable)
    for kind, key, table, items in groups:
        for index, item in enumerate(items):
            problems += _add_one(registry, table, kind, key, item, source, (kind, index),
                                 replaceable)
    return problems


def _add_one(registry: Registry, table: dict[str, Any], kind: str, key: str, item: Any,
             source: SourceFile, path: tuple[str | int, ...],
             replaceable: frozenset[str] = frozenset()) -> list[Problem]:
    """Add `item` under its `key` field; remember where it and its address were written.

    An id defined twice is an error, unless the first is in `replaceable` (the package's
    entries, which a project's entry may replace when it keeps their address and status)."""
    name = getattr(item, key)
    where = source.locate((*path, key))
    problems = []
    if name in table:
        first = registry.defined_at[f"{kind}:{name}"]
        if f"{kind}:{name}" not in replaceable:
            return [Problem(where, "error", "duplicate-id",
                            f"'{name}' is already defined at {first}")]
        differs = _contradiction(table[name], item)
        if differs:  # reported, and the entry still checked like any other
            registry.faulty[f"{_TABLE.get(kind, kind)}:{name}"] = where
            # named by its id, not by `first`: the package's file is in site-packages
            see = f" (see: pause-docs law {name})" if kind in _LAW_KINDS else ""
            problems.append(Problem(
                where, "error", "contradicts-package",
                f"'{name}' is in the legal registry the tool ships{see} with a different "
                f"{differs}: a project may add to an entry of the law it ships, not change "
                "it; if the package is wrong, report it, and give the entry a new id here "
                "meanwhile"))
    table[name] = item
    registry.defined_at[f"{kind}:{name}"] = where
    for address in ("url", "website"):
        if getattr(item, address, None) is not None:
            registry.defined_at[f"{kind}:{name}:url"] = source.locate((*path, address))
    for language in getattr(item, "translations", {}):
        registry.defined_at[f"{kind}:{name}:translations:{language}"] = source.locate(
            (*path, "translations", language), key=True)
    for index, named in enumerate(getattr(item, "names", ())):
        for language in named.translations:
            registry.defined_at[f"{kind}:{name}:names:{index}:translations:{language}"] = \
                source.locate((*path, "names", index, "translations", language), key=True)
    for listed in ("superseded_by", "suggest"):
        for index, _ in enumerate(getattr(item, listed, ())):
            registry.defined_at[f"{kind}:{name}:{listed}:{index}"] = source.locate(
                (*path, listed, index))
    return problems


# The registry's tables by the name a file's entries are listed under.
_TABLE = {"instrument": "instruments"}
_LAW_KINDS = ("provisions", "instrument")  # what `pause-docs law` lists

# What a project's entry may not change in the package's entry of the same id.
_STATUS = ("url", "in_force_from", "changes", "superseded_by", "retired_on")


def _contradiction(package: Any, own: Any) -> str:
    """The fields, among address and status, in which `own` differs from `package`."""
    differs = [name for name in _STATUS
               if getattr(package, name, None) != getattr(own, name, None)]
    return " and ".join(differs)


def _check_references(registry: Registry) -> list[Problem]:
    """Every provision names a known instrument and supersessor; every suggestion exists."""
    problems = []
    for provision in registry.provisions.values():
        where = registry.defined_at[f"provisions:{provision.id}"]
        if provision.instrument not in registry.instruments:
            problems.append(Problem(where, "error", "unknown-instrument",
                                    f"provision '{provision.id}' names unknown instrument "
                                    f"'{provision.instrument}'"))
        for name, ids in (("within", (provision.within,) if provision.within else ()),
                          ("needs", provision.needs), ("elsewhere", provision.elsewhere)):
            for later in ids:
                if later not in registry.provisions:
                    problems.append(Problem(
                        where, "error", "unknown-provision", f"provision '{provision.id}' "
                        f"names unknown provision '{later}' in '{name}'"
                        f"{did_you_mean(later, registry.provisions)}"))
        for index, later in enumerate(provision.superseded_by):
            if later not in registry.provisions:
                problems.append(Problem(
                    registry.defined_at[f"provisions:{provision.id}:superseded_by:{index}"],
                    "error",
                    "unknown-provision", f"provision '{provision.id}' is superseded by unknown "
                    f"provision '{later}'{did_you_mean(later, registry.provisions)}"))
    known = registry.provisions.keys() | registry.instruments.keys()
    for title in registry.nonexistent.values():
        for index, suggestion in enumerate(title.suggest):
            if suggestion not in known:
                problems.append(Problem(
                    registry.defined_at[f"nonexistent:{title.title}:suggest:{index}"], "error",
                    "unknown-suggestion", f"'{title.title}' suggests '{suggestion}', which is "
                    f"neither an instrument nor a provision in the registry"
                    f"{did_you_mean(suggestion, known)}"))
    return problems


def legislation_path(instrument: Instrument) -> str:
    """The instrument's type/year/number as legislation.gov.uk writes it, e.g. 'ukpga/2012/5'."""
    return f"{instrument.type}/{instrument.year}/{instrument.number}"


def url_mismatch(url: str, instrument: Instrument | None) -> str | None:
    """Why `url` is not a plain address of `instrument` on legislation.gov.uk, or None when
    it is.  Guidance is published on gov.uk, and a right or body has no instrument: their
    addresses need only be plain (see `_PLAIN_URL`)."""
    if instrument is None or instrument.type == "guidance":
        return None if _PLAIN_URL.match(url) else (
            "is not a plain web address: use only letters, digits, '.', '-', '_', '~' and "
            "'%' between its slashes, as in https://www.gov.uk/guidance/a-title")
    expected = legislation_path(instrument)
    match = _LEGISLATION_URL.match(url)
    if match is None:
        return (f"is not a legislation.gov.uk address; {instrument.title} is at "
                f"{LEGISLATION}/{expected}")
    found = f"{match['type']}/{match['year']}/{match['number']}"
    if found != expected:
        return (f"points at {found}, but {instrument.title} is {expected}: "
                f"the address should start {LEGISLATION}/{expected}/")
    if not _LEGISLATION_TAIL.match(match["tail"]):
        return (f"is not a plain legislation.gov.uk address: after {expected} it should have "
                "only letters, digits and hyphens between slashes, as in "
                f"{LEGISLATION}/{expected}/section/10")
    return None


def _check_urls(registry: Registry) -> list[Problem]:
    """Every address is plain, and a law's matches its instrument's type, year and number on
    legislation.gov.uk."""
    problems = []
    entries: list[tuple[str, str, str | None, Instrument | None]] = [
        ("instrument", i.id, i.url, i) for i in registry.instruments.values()]
    entries += [("provisions", p.id, p.url, registry.instruments.get(p.instrument))
                for p in registry.provisions.values() if p.instrument in registry.instruments]
    entries += [("rights", r.id, r.url, None) for r in registry.rights.values()]
    entries += [("bodies", b.id, b.website, None) for b in registry.bodies.values()]
    entries += [("criteria_sets", c.id, c.url, None) for c in registry.criteria_sets.values()]
    for kind, name, url, instrument in entries:
        reason = None if url is None else url_mismatch(url, instrument)
        if reason is not None:
            where = registry.defined_at[f"{kind}:{name}:url"]
            registry.faulty[f"{_TABLE.get(kind, kind)}:{name}"] = where
            if kind == "instrument":  # every provision of it links into it
                registry.faulty.update((f"provisions:{p.id}", where)
                                       for p in registry.provisions.values()
                                       if p.instrument == name)
            problems.append(Problem(where, "error",
                                    "registry-url-mismatch",
                                    f"the address of '{name}' {reason}"))
    return problems
