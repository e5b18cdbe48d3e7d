"""Text given per language: any text of a document, programme, standard section, form or
council file may be a mapping of language codes (`title: {en: …, cy: …}`).

Before a file is validated it is read once per language it is published in: each such
mapping is replaced by its text in that language (or, when the language is not given, by
the English, or else the first given), and the path of every text chosen is kept with the
language it is in, so that the models keep plain `str` fields while each printed text still
says where it was written and in which language.  A text written plainly is English.

A mapping may also record, per language, a short hash of the English its translation was
confirmed against (`cy-from: 4f1c2a9e`, written by `pause-docs translations --update`), so
that a later change to the English shows the translation is out of step.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import Location, Problem, did_you_mean
from .loader import Path_
from .resources import PACKAGE_ROOT

LOCALES_DIR = PACKAGE_ROOT / "locales"
"""The locale files: one per language the tool publishes in (`publish.locale` reads them)."""
DEFAULT_LANGUAGE = "en"


def languages() -> tuple[str, ...]:
    """Every language a locale file exists for."""
    return tuple(sorted(p.stem for p in LOCALES_DIR.glob("*.yaml")))

FROM = "-from"
_CODE = re.compile(r"^[a-z]{2}$")
_HASH = re.compile(r"^[0-9a-f]{8}$")
_ONLY_VARIABLES = re.compile(r"^(\s*\{\{\s*[A-Za-z_][A-Za-z0-9_.]*\s*\}\}\s*)+$")
Locate = Callable[..., Location]


@dataclass(frozen=True)
class Chosen:
    """A file's data in one language."""

    data: Any
    languages: dict[Path_, str] = field(default_factory=dict)
    """Each text given per language (by its path in the data) -> the language chosen."""
    problems: list[Problem] = field(default_factory=list)


def is_per_language(value: Any) -> bool:
    """A mapping of language codes to texts (with their `<code>-from` hashes)."""
    if not isinstance(value, dict) or not value:
        return False
    if any(_code(key) is None for key in value):  # most mappings: told by their first key
        return False
    if not any(key in languages() for key in value):
        return False
    return all(text is None or isinstance(text, str) for key, text in value.items()
               if not key.endswith(FROM))


def _code(key: Any) -> str | None:
    """The language code a key of a per-language mapping names, or None if it names none."""
    if not isinstance(key, str):
        return None
    code = key.removesuffix(FROM)
    return code if _CODE.match(code) else None


def texts_of(value: dict[str, Any]) -> dict[str, str]:
    """The texts of a per-language mapping, by language (empty ones left out)."""
    return {key: text for key, text in value.items()
            if not key.endswith(FROM) and isinstance(text, str) and text.strip()}


def chosen_language(value: dict[str, Any], language: str) -> str | None:
    """The language whose text a page in `language` prints: its own, or English, or the
    first given."""
    given = texts_of(value)
    for candidate in (language, DEFAULT_LANGUAGE, *given):
        if candidate in given:
            return candidate
    return None


def select(data: Any, language: str, locate: Locate, skip: tuple[str, ...] = ()) -> Chosen:
    """`data` with every per-language mapping replaced by its text in `language`; the keys
    in `skip` (at the top level) are left as they are.

    Every document, council and programme is read so once per language, and most of their
    mappings and lists hold nothing to choose: those are shared with `data`, not copied (a
    third of the cost), so the result is read, never changed in place."""
    chosen: dict[Path_, str] = {}
    problems: list[Problem] = []

    def visit(value: Any, path: Path_) -> Any:
        if (isinstance(value, dict) and value and _may_be_per_language(value)
                and is_per_language(value)):
            problems.extend(_check(value, path, locate))
            picked = chosen_language(value, language)
            if picked is None:
                return None
            chosen[path] = picked
            return value[picked]
        if isinstance(value, (dict, list)):  # copied only where something in it changes
            copied: Any = None
            for key, item in value.items() if isinstance(value, dict) else enumerate(value):
                if _plain(item) or (not path and key in skip):
                    continue
                new = visit(item, path + (key,))
                if new is not item:
                    copied = copied if copied is not None else value.copy()
                    copied[key] = new
            return value if copied is None else copied
        if isinstance(value, str) and _ONLY_VARIABLES.match(value):
            chosen[path] = language  # '{{ council.name }}' is in the page's language
        return value

    return Chosen(visit(data, ()), chosen, problems)


def _may_be_per_language(value: dict[Any, Any]) -> bool:
    """False for a mapping whose first key names no language (most of them), before
    `is_per_language` asks of each key."""
    key = next(iter(value))
    return isinstance(key, str) and (len(key) == 2 or key.endswith(FROM))


def _plain(value: Any) -> bool:
    """A value `select` keeps as it is: neither a mapping, a list nor a text of variables
    alone (most of a file's values, so they are not visited one by one)."""
    if isinstance(value, str):
        return "{{" not in value
    return not isinstance(value, dict | list)


def _check(value: dict[str, Any], path: Path_, locate: Locate) -> list[Problem]:
    """Unknown language codes, and hashes that are not hashes or have no translation."""
    problems = []
    known = languages()
    for key, item in value.items():
        code = key.removesuffix(FROM)
        if code not in known:
            problems.append(Problem(
                locate(path + (key,), key=True), "error", "unknown-language",
                f"'{code}' is not a language pause-docs publishes in{did_you_mean(code, known)}; "
                f"it has locales for: {', '.join(known)}"))
        elif key.endswith(FROM) and not (isinstance(item, str) and _HASH.match(item)):
            problems.append(Problem(
                locate(path + (key,)), "error", "invalid-value",
                f"{key}: expected the 8-character hash 'pause-docs translations --update' "
                "writes; delete it and run that command"))
    return problems


def fingerprint(text: str) -> str:
    """The short hash of an English text a translation records: spacing and line breaks do
    not count, so re-wrapping a paragraph does not make its translations out of step."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:8]


def at_language(path: Path_, chosen: Mapping[Path_, str]) -> Path_:
    """Where in the file the text at data path `path` was written: inside its per-language
    mapping, at the language chosen."""
    language = chosen.get(path)
    return path + (language,) if language is not None else path


def per_language_texts(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, dict[str, Any]]]:
    """Every per-language mapping in `data`, with its path."""
    if is_per_language(data):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from per_language_texts(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from per_language_texts(value, path + (i,))
