"""The law picker beside every field that takes a registry id (`provision:`): plain words in,
the registry's entries out (the search `pause-docs law` makes, for the council's nation on the
document's date), each with its status and Welsh name; an entry that is wrong for the council
is shown as such, not hidden. Choosing one puts its id in the field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..catalogue.law import LawFound, search_law
from ..source.models.base import NATIONS
from ..source.registry import load_registry
from .actions import path_of
from .fields import value_at

LAW_KEYS = frozenset({"provision", "provisions"})
"""Fields that name registry entries by id."""
FIND = "_find/"  # the search box of the field called <name>: '_find/<name>'
MAX_SHOWN = 8


def is_law(name: str) -> bool:
    """True for a field whose value is a registry id (its key is `provision`)."""
    return name.rsplit("/", 1)[-1] in LAW_KEYS


def find(root: Path, form: Mapping[str, str], name: str, nation: Any, published: Any
         ) -> tuple[str, list[LawFound]]:
    """The words typed beside the field `name`, and the entries they find."""
    words = form.get(FIND + name, "").strip()[:200]
    if not words:
        return words, []
    registry, _ = load_registry(root)
    chosen = nation if nation in NATIONS else None
    day = _day(published)
    return words, list(search_law(registry, words, chosen, day, MAX_SHOWN).results)


def pick(data: Any, name: str, ident: str) -> str:
    """Put `ident` in the field `name` of `data`; a sentence saying so, or ''."""
    path = path_of(name)
    parent = value_at(data, path[:-1])
    if not isinstance(parent, dict) or not ident:
        return ""
    parent[str(path[-1])] = ident
    return f"Chose {ident} for {name}."


def _day(published: Any) -> dt.date:
    try:
        return dt.date.fromisoformat(str(published))
    except ValueError:
        return dt.date.today()
