"""YAML parsed once per process, and what each text says as a fingerprint.

Every load of a project reads the package's registry, forms and sections again (each
command, each save in `serve`): a text read again is parsed once, and each caller gets a
copy of its data to keep or change. A text seen for the first time is parsed for its caller
alone, nothing kept: a build reads most files once, and copying them all to keep them cost a
tenth of its loading. What every text parsed without error says (`data_fingerprint`) is
noted as it is parsed, so that a build recording what a document's YAML said need not parse
the file again.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import functools
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

# What a parse gives: the loader's SourceFile (a dataclass with `data`, `keys`, `values` and
# `languages`) or None, and its problems. Typed loosely: the loader imports this module.
Parsed = tuple[Any, list[Any]]

CACHED_TEXT_CHARS = 100_000  # longer texts are parsed afresh each time, to bound the memory
SEEN_TEXTS = 8192
_SEEN: dict[int, None] = {}  # the texts parsed once (by hash), oldest first
_SAID: dict[str, str] = {}  # sha256 of a text -> its data_fingerprint, oldest first
_NEW: dict[str, str] = {}  # the same, noted since `take_noted` was last called
_NOTING = [True]  # False inside `unnoted`


def data_fingerprint(data: Any) -> str:
    """sha256 of what YAML data says: the same for the same values, however they are written
    (comments, indentation, quoting, flow or block style, the order of a mapping's keys)."""
    text = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def said(text: str) -> str | None:
    """The `data_fingerprint` of `text` if this process parsed it without error, else None."""
    return _SAID.get(hashlib.sha256(text.encode()).hexdigest())


def take_noted() -> dict[str, str]:
    """What the texts parsed since the last call say, by the sha256 of each text: a build's
    worker process hands them to the build with the documents it made."""
    noted = dict(_NEW)
    _NEW.clear()
    return noted


@contextlib.contextmanager
def unnoted() -> Iterator[None]:
    """Inside, what texts say is not noted: a command that makes nothing (validate, lint)
    never asks, and fingerprinting every file it reads was a twentieth of its time."""
    before = _NOTING[0]
    _NOTING[0] = False
    try:
        yield
    finally:
        _NOTING[0] = before


def parse_once(text: str, path: str, parse: Callable[[str, str], Parsed]) -> Parsed:
    """`parse(text, path)`, or a copy of what it gave for the same text and name before."""
    if len(text) > CACHED_TEXT_CHARS:
        return _noted(text, *parse(text, path))
    seen = hash((text, path))  # a collision only sends a text to the cache, which is exact
    if seen not in _SEEN:
        _SEEN[seen] = None
        _bound(_SEEN)
        return _noted(text, *parse(text, path))
    source, problems = _parsed_once(text, path, parse)
    _noted_again(text, source, problems)
    if source is not None:
        source = replace(source, data=_copied(source.data), keys=dict(source.keys),
                         values=dict(source.values), languages=dict(source.languages))
    return source, list(problems)


@functools.lru_cache(maxsize=128)
def _parsed_once(text: str, path: str, parse: Callable[[str, str], Parsed]
                 ) -> tuple[Any, tuple[Any, ...]]:
    source, problems = _noted(text, *parse(text, path))
    return source, tuple(problems)


def _noted(text: str, source: Any, problems: list[Any]) -> Parsed:
    if _NOTING[0] and source is not None and not any(p.severity == "error" for p in problems):
        digest = hashlib.sha256(text.encode()).hexdigest()
        _SAID[digest] = _NEW[digest] = data_fingerprint(source.data)
        _bound(_SAID)
        _bound(_NEW)
    return source, problems


def _noted_again(text: str, source: Any, problems: tuple[Any, ...]) -> None:
    """A text read again is among what was read since `take_noted` (a build's worker reads
    files its parent read before it), from the cache's own unchanged copy if need be."""
    if not _NOTING[0]:
        return
    digest = hashlib.sha256(text.encode()).hexdigest()
    if digest in _SAID:
        _NEW[digest] = _SAID[digest]
        _bound(_NEW)
    else:
        _noted(text, source, list(problems))


def _bound(kept: dict[Any, Any]) -> None:
    if len(kept) > SEEN_TEXTS:
        del kept[next(iter(kept))]


def _copied(value: Any) -> Any:
    """YAML's data copied: its mappings and lists made again, its scalars (strings, numbers,
    dates) shared, since nothing can change them; a quarter of `copy.deepcopy`'s cost."""
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copied(item) for item in value]
    if isinstance(value, (str, int, float, bool, dt.date, type(None), bytes)):
        return value
    return copy.deepcopy(value)  # a set, or whatever else a tag may make
