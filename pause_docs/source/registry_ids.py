"""The registry ids a file uses (legal bases, rights, DPIA criteria): each must exist, and a
citation's words must be in its wording. Checked on the raw data, so that these are reported
in the same pass as any other mistake in the file."""

from __future__ import annotations

from typing import Any

from .errors import Problem, did_you_mean
from .loader import Path_
from .registry import Registry
from .resolved import Merged

REFERENCES = {
    "provision": ("provisions", "unknown-legal-basis"),
    "right": ("rights", "unknown-right"),
    "criterion": ("criteria", "unknown-criterion"),
}


def check_references(data: Any, registry: Registry, merged: Merged,
                     path: Path_ = ()) -> list[Problem]:
    """Every registry id a document uses exists; checked on the raw data, so that these
    are reported in the same pass as any other mistake in the file."""
    problems: list[Problem] = []
    if isinstance(data, list):
        for i, item in enumerate(data):
            if isinstance(item, dict | list):  # nothing else holds an id: no call for it
                problems += check_references(item, registry, merged, path + (i,))
    elif isinstance(data, dict):
        cited, wording = data.get("cited_as"), data.get("wording")
        if isinstance(cited, str) and isinstance(wording, str) and cited not in wording:
            problems.append(Problem(merged.locate(path + ("cited_as",)), "error",
                                    "citation-not-in-wording",
                                    f"the words '{cited}' do not appear in the wording, so "
                                    "they cannot be linked to the law: make them match"))
        for key, value in data.items():
            if key in REFERENCES and isinstance(value, str | list):
                problems += _unknown_ids(key, value, registry, merged, path)
            elif isinstance(value, dict | list):
                problems += check_references(value, registry, merged, path + (key,))
    return problems


def _unknown_ids(key: str, value: str | list[Any], registry: Registry, merged: Merged,
                 path: Path_) -> list[Problem]:
    table_name, code = REFERENCES[key]
    table: dict[str, Any] = getattr(registry, table_name)
    ids = [(value, path + (key,))] if isinstance(value, str) else [
        (v, path + (key, j)) for j, v in enumerate(value) if isinstance(v, str)]
    what = {"provisions": "legal registry", "criteria": "DPIA criteria"}.get(table_name,
                                                                              "registry")
    problems = [Problem(merged.locate(where), "error", code,
                        f"'{ref}' is not in the {what}{did_you_mean(ref, table)}")
                for ref, where in ids if ref not in table]
    for ref, where in ids:
        fault = registry.faulty.get(f"{table_name}:{ref}") if ref in table else None
        if fault is not None:
            problems.append(Problem(
                merged.locate(where), "error", "cites-faulty-entry",
                f"'{ref}' cannot be printed: its registry entry has an error at {fault} "
                "(its address, or a change to the law the package ships); fix that entry "
                "and this page is made"))
    return problems
