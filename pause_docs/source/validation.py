"""Validate YAML data against a model and say what is wrong in words people use, with places."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .errors import Location, Problem, did_you_mean
from .loader import Path_

M = TypeVar("M", bound=BaseModel)
Locate = Callable[[Path_, bool], Location]

_TYPE_NAMES = {
    str: "text", int: "a whole number", float: "a number", bool: "true or false",
    list: "a list", dict: "a mapping (key: value lines)", type(None): "nothing",
}
_EXPECTED = {
    "string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
    "float_type": "a number", "float_parsing": "a number", "decimal_type": "a number",
    "decimal_parsing": "a number", "bool_type": "true or false",
    "bool_parsing": "true or false", "list_type": "a list", "tuple_type": "a list",
    "dict_type": "a mapping (key: value lines)", "model_type": "a mapping (key: value lines)",
    "model_attributes_type": "a mapping (key: value lines)",
}

# What a missing key means where people may not expect it: (what, list, key) -> words.
_HINTS = {
    ("document", "legal_bases", "provision"): (
        ": give the registry id of the law (pause-docs law WORDS finds it); a reason citing no "
        "law goes under 'plain_reasons:', in a young people's or Easy Read layer only"),
}


def validate(model: type[M], data: Any, locate: Locate, what: str
             ) -> tuple[M | None, list[Problem]]:
    """The model built from `data`, or the located problems that prevent it."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        errors = exc.errors()
    # A misspelt key is one mistake, not two: report it as unknown (with its correction) and
    # say nothing of the required key it was meant to be.
    meant = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            path = _data_path(tuple(error["loc"]), data)
            owner = _model_at(model, path[:-1])
            close = difflib.get_close_matches(str(path[-1]), list(owner.model_fields), 1, 0.6
                                              ) if owner and path else []
            if close:
                meant.add(path[:-1] + (close[0],))
    # A list whose items are all wrong is also 'empty after validation': say only what is
    # wrong with the items.
    inside = {tuple(e["loc"][:n]) for e in errors for n in range(len(e["loc"]))}
    problems = [_problem(model, error, data, locate, what) for error in errors
                if not (error["type"] == "missing"
                        and _data_path(tuple(error["loc"]), data) in meant)
                and not (error["type"] == "too_short" and tuple(error["loc"]) in inside)]
    return None, sorted(set(problems))


def _data_path(loc: tuple[int | str, ...], data: Any) -> Path_:
    """pydantic's `loc` without the segments that name union members rather than data."""
    path: list[str | int] = []
    node = data
    for segment in loc:
        in_dict = isinstance(node, dict) and segment in node
        in_list = isinstance(node, list) and isinstance(segment, int) and segment < len(node)
        if in_dict or in_list:
            node = node[segment]
        elif isinstance(node, dict) and isinstance(segment, str) and len(path) == len(loc) - 1:
            pass  # the last segment may name a missing or unknown key
        else:
            continue
        path.append(segment)
    return tuple(path)


def _model_at(model: type[BaseModel], path: Path_) -> type[BaseModel] | None:
    """The model class whose fields apply at `path` inside `model`."""
    current: Any = model
    for segment in path:
        if isinstance(segment, int):
            current = _item_type(current)
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(segment)
            current = field.annotation if field else None
        else:
            return None
        current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(tp: Any) -> Any:
    """The model class inside Optional[...] / tuple[...] / Annotated[...], if there is one."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(tp):
            inner = _unwrap(arg)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
    return tp


def _item_type(tp: Any) -> Any:
    tp = _unwrap(tp)
    origin = typing.get_origin(tp)
    if origin in (tuple, list):
        return _unwrap(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(tp):
            if typing.get_origin(arg) in (tuple, list):
                return _unwrap(typing.get_args(arg)[0])
    return tp


def _choices(expected: str) -> list[str]:
    """pydantic's "'a', 'b' or 'c'" (or "1, 2 or 3") as a list of the choices."""
    quoted = re.findall(r"'([^']*)'", expected)
    return quoted or [c.strip() for c in re.split(r",| or ", expected) if c.strip()]


def _dotted(path: Path_) -> str:
    out = ""
    for segment in path:
        out += f"[{segment + 1}]" if isinstance(segment, int) else f".{segment}"
    return out.lstrip(".")


def _describe(value: Any) -> str:
    for tp, name in _TYPE_NAMES.items():
        if type(value) is tp:
            return name
    return type(value).__name__


def _problem(model: type[BaseModel], error: ErrorDetails, data: Any, locate: Locate,
             what: str) -> Problem:
    path = _data_path(tuple(error["loc"]), data)
    kind = error["type"]
    field = _dotted(path) or what
    if kind == "extra_forbidden":
        key = str(path[-1]) if path else "?"
        owner = _model_at(model, path[:-1])
        choices = list(owner.model_fields) if owner else []
        place = f"in {_dotted(path[:-1])}" if len(path) > 1 else f"in {what}"
        return Problem(locate(path, True), "error", "unknown-key",
                       f"unknown key '{key}' {place}{did_you_mean(key, choices)}")
    if kind == "missing":
        key = str(error["loc"][-1])
        parent = path[:-1] if path and path[-1] == key else path
        place = f"in {_dotted(parent)}" if parent else f"in {what}"
        hint = _HINTS.get((what, str(parent[0]), key), "") if len(parent) == 2 else ""
        return Problem(locate(parent, True), "error", "missing-key",
                       f"missing required key '{key}' {place}{hint}")
    value = error.get("input")
    if kind in _EXPECTED:
        return Problem(locate(path, False), "error", "wrong-type",
                       f"{field}: expected {_EXPECTED[kind]}, found {_describe(value)}")
    if kind == "literal_error":
        choices = _choices(str((error.get("ctx") or {}).get("expected", "")))
        return Problem(locate(path, False), "error", "invalid-value",
                       f"{field}: '{value}' is not one of: {', '.join(choices)}"
                       f"{did_you_mean(str(value), choices)}")
    if kind.startswith("date") and not isinstance(value, str | dt.date):
        return Problem(locate(path, False), "error", "wrong-type",
                       f"{field}: expected a date written as YYYY-MM-DD, found "
                       f"{_describe(value)}")
    if kind.startswith("date") or kind.startswith("datetime"):
        return Problem(locate(path, False), "error", "invalid-date",
                       f"{field}: '{value}' is not a date: write it as YYYY-MM-DD, "
                       "for example 2017-02-01")
    message = error["msg"].removeprefix("Value error, ")
    if kind == "too_short":
        message = "must not be empty"
    return Problem(locate(path, False), "error", "invalid-value", f"{field}: {message}")
