"""What the buttons of a form do to its data before it is shown again: add an item to a list,
remove or move one, confirm a translation (record the hash of the English it translates, as
`pause-docs translations --update` does). Nothing here writes a file."""

from __future__ import annotations

import copy
from typing import Any

from ..source.languages import fingerprint
from .fields import LANGUAGE, Path_, Spec, blank, value_at

FROM = "-from"


def path_of(name: str) -> Path_:
    """The YAML path a field's name stands for ('recipients/2/name')."""
    return tuple(int(step) if step.isdigit() else step for step in name.split("/") if step)


def apply(action: str, data: Any, spec: Spec) -> tuple[Any, str]:
    """`data` after the button `action` ('add:recipients', 'remove:recipients/2',
    'up:…', 'down:…', 'confirm:title/@cy'); and a sentence saying what was done, or ''."""
    verb, _, name = action.partition(":")
    if verb not in ("add", "remove", "up", "down", "confirm", "open") or not name:
        return data, ""
    data = copy.deepcopy(data)
    if verb == "confirm":
        return _confirm(data, name)
    path = path_of(name)
    if verb == "open":
        return _open(data, path, spec)
    if verb == "add":
        items = _list_at(data, path, spec)
        item_spec = _spec_at(spec, path)
        if items is None or item_spec is None or item_spec.items is None:
            return data, ""
        items.append(blank(item_spec.items))
        return data, f"Added item {len(items)}: fill it in, then save."
    items = _list_at(data, path[:-1], spec)
    index = path[-1] if path else None
    if items is None or not isinstance(index, int) or not 0 <= index < len(items):
        return data, ""
    if verb == "remove":
        del items[index]
        return data, f"Removed item {index + 1}: it is gone from the file when you save."
    other = index - 1 if verb == "up" else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
        return data, f"Moved item {index + 1} to place {other + 1}."
    return data, ""


def _open(data: Any, path: Path_, spec: Spec) -> tuple[Any, str]:
    """An optional group of fields not given yet, opened to be filled in."""
    parent = value_at(data, path[:-1]) if path else None
    found = _spec_at(spec, path)
    if not path or found is None or found.kind != "object" or not isinstance(parent, dict):
        return data, ""
    parent[str(path[-1])] = {}
    return data, f"Fill in {found.label.lower()}, then save."


def _confirm(data: Any, name: str) -> tuple[Any, str]:
    text_name, _, language = name.rpartition(f"/{LANGUAGE}")
    mapping = value_at(data, path_of(text_name))
    if not isinstance(mapping, dict) or not isinstance(mapping.get("en"), str) \
            or not isinstance(mapping.get(language), str):
        return data, ""
    mapping[language + FROM] = fingerprint(mapping["en"])
    return data, (f"Confirmed the {language} text of {text_name} against the English: "
                  "save to record it.")


def _spec_at(spec: Spec, path: Path_) -> Spec | None:
    for step in path:
        if spec.kind == "object" and step in spec.properties:
            spec = spec.properties[str(step)]
        elif spec.kind == "list" and isinstance(step, int) and spec.items is not None:
            spec = spec.items
        else:
            return None
    return spec


def _list_at(data: Any, path: Path_, spec: Spec) -> list[Any] | None:
    """The list at `path`, made (empty) in its parent when it is not there yet."""
    found = value_at(data, path)
    if isinstance(found, list):
        return found
    parent = value_at(data, path[:-1]) if path else None
    if found is None and isinstance(parent, dict) and path and _spec_at(spec, path):
        made: list[Any] = []
        parent[str(path[-1])] = made
        return made
    return None
