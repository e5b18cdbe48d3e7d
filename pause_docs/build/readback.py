"""Values read back from the manifest, checked for their kind.

A manifest edited by hand or damaged is read as no manifest (everything is made again):
each value is checked for its kind, so that none can stand for another (a place of -1 for
the last row, `true` for the second) or fail later, in the middle of a build.  Each check
raises ValueError, which the manifest's reader takes for a damaged file.
"""

from __future__ import annotations

from typing import Any


def text(value: Any) -> str:
    if type(value) is not str:
        raise ValueError(f"not text: {value!r}")
    return value


def number(value: Any) -> int:
    if type(value) is not int:
        raise ValueError(f"not a whole number: {value!r}")
    return value


def items(value: Any) -> list[Any]:
    if type(value) is not list:
        raise ValueError(f"not a list: {value!r}")
    return value


def texts(value: Any) -> dict[str, str]:
    if type(value) is not dict or not all(type(k) is str and type(v) is str
                                          for k, v in value.items()):
        raise ValueError(f"not a map of texts: {value!r}")
    return value


def place(value: Any, rows: list[Any]) -> int:
    if type(value) is not int or not 0 <= value < len(rows):
        raise ValueError(f"not a place in its table: {value!r}")
    return value


def places(values: Any, count: int) -> list[int]:
    if type(values) is not list or not all(type(i) is int and 0 <= i < count for i in values):
        raise ValueError(f"not places in the file table: {values!r}")
    return values


def outputs(value: Any) -> dict[str, list[int]]:
    if type(value) is not dict or not all(type(k) is str for k in value):
        raise ValueError(f"not a record's outputs: {value!r}")
    return value
