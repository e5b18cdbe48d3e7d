"""Writing a change to a YAML file so that a person can still read and review it: comments,
key order, quoting and folding style and every unchanged line kept (ruamel.yaml's round-trip
mode), only the values that changed written anew.

ruamel.yaml only *writes* here: what it writes is read back with the project's own safe
loader (`source.loader.parse_yaml`), and a text that does not read back as exactly the data
the form gave is never written.
"""

from __future__ import annotations

import datetime as dt
import io
from difflib import SequenceMatcher
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)
from ruamel.yaml.util import load_yaml_guess_indent

from ..source.loader import parse_yaml

_STR = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()
WIDTH = 96  # a new long text is folded at about this column; unchanged ones stay as written


class CannotWrite(Exception):
    """The change cannot be written as YAML that reads back as it was given (a bug)."""


def _yaml(sequence: int = 4, offset: int = 2) -> YAML:
    found = YAML(typ="rt")
    found.preserve_quotes = True
    found.width = WIDTH
    found.indent(mapping=2, sequence=sequence, offset=offset)
    return found


def load(text: str) -> tuple[Any, int, int]:
    """The file's data for writing, with the indentation of its lists (the items' content,
    and the dash, from the key above)."""
    try:
        data, sequence, offset = load_yaml_guess_indent(text, yaml=_yaml())
    except YAMLError as exc:
        raise CannotWrite(f"the file is not YAML that can be changed in place: {exc}") from exc
    sequence = sequence or 4
    return data, sequence, offset if offset is not None else max(sequence - 2, 0)


def updated(text: str, new: Any) -> str:
    """`text` with its data changed into `new` (plain Python values: dicts, lists, strings,
    numbers, booleans, dates, None), touching only what differs."""
    if text.strip():
        old, sequence, offset = load(text)
    else:
        old, sequence, offset = None, 4, 2
    if not isinstance(old, CommentedMap) or not isinstance(new, dict):
        old = CommentedMap()
    writer = _yaml(sequence, offset)
    base = _dumped(writer, old) if text.strip() else ""
    theirs = _dumped(writer, _merge(old, new))
    patched = patch(text, base, theirs)
    try:
        check_reads_back(patched, new)
        return patched
    except CannotWrite:  # the patch did not apply cleanly: the whole file as ruamel writes it
        check_reads_back(theirs, new)
        return theirs


def _dumped(writer: YAML, data: Any) -> str:
    out = io.StringIO()
    writer.dump(data, out)
    return out.getvalue()


def patch(original: str, base: str, theirs: str) -> str:
    """`original` with the lines `theirs` changes in `base` changed the same way.

    `base` is ruamel's own writing of `original`'s data, which can differ from the original
    where ruamel lays text out its own way (a long line folded elsewhere, a flow mapping in a
    list); only the lines the change touches are taken from ruamel's writing, the rest stay
    as the person wrote them.
    """
    ours, old, new = (t.splitlines(keepends=True) for t in (original, base, theirs))
    anchored = {}
    for tag, i1, i2, j1, _ in SequenceMatcher(None, old, ours, autojunk=False).get_opcodes():
        if tag == "equal":
            anchored.update({i1 + k: j1 + k for k in range(i2 - i1)})
    out: list[str] = []
    at = 0
    for i1, i2, j1, j2 in _changes(old, new, anchored):
        start = anchored[i1 - 1] + 1 if i1 > 0 else 0
        end = anchored[i2] if i2 < len(old) else len(ours)
        out += ours[at:start] + new[j1:j2]
        at = end
    return "".join(out + ours[at:])


def _changes(old: list[str], new: list[str], anchored: dict[int, int]
             ) -> list[tuple[int, int, int, int]]:
    """The changed ranges (old start, end, new start, end), each widened to lines that stand
    as they were written in the original at both ends."""
    found = [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in
             SequenceMatcher(None, old, new, autojunk=False).get_opcodes() if tag != "equal"]
    groups: list[tuple[int, int, int, int]] = []
    for n, (i1, i2, j1, j2) in enumerate(found):
        floor = found[n - 1][1] if n else 0
        ceiling = found[n + 1][0] if n + 1 < len(found) else len(old)
        while i1 > floor and i1 - 1 not in anchored:
            i1, j1 = i1 - 1, j1 - 1
        while i2 < ceiling and i2 not in anchored:
            i2, j2 = i2 + 1, j2 + 1
        if groups and i1 <= groups[-1][1]:
            g1, _, h1, _ = groups.pop()
            i1, j1 = g1, h1
        groups.append((i1, i2, j1, j2))
    return groups


def check_reads_back(written: str, new: Any) -> None:
    """Refuse a text the safe loader would read as anything but `new`."""
    source, problems = parse_yaml(written, "(written)")
    if source is None or problems:
        raise CannotWrite("the text written would not read back: "
                          + "; ".join(p.message for p in problems))
    if _plain(source.data) != _plain(new):
        raise CannotWrite("the text written would not read back as the values given")


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    if isinstance(value, dt.date):  # the project's loader reads a date as its text
        return value.isoformat()
    return value


def _merge(old: Any, new: Any) -> Any:
    """`new`, reusing `old`'s nodes (and so their comments and style) where they agree."""
    if isinstance(new, dict):
        if not isinstance(old, CommentedMap):
            old = CommentedMap()
        for key in [k for k in old if k not in new]:
            del old[key]
        for key, value in new.items():
            if key in old:
                if not _same(old[key], value):
                    old[key] = _merge(old[key], value)
            else:
                old[key] = _merge(None, value)
        return old
    if isinstance(new, list):
        if not isinstance(old, CommentedSeq):
            old = CommentedSeq()
        olds = list(old)
        while len(old) > len(new):
            del old[len(old) - 1]
        used: set[int] = set()
        for index, value in enumerate(new):
            before = _match(olds, value, index, used)
            if index < len(old):
                if not _same(old[index], value):
                    old[index] = _merge(before, value)
            else:
                old.append(_merge(before, value))
        return old
    return _scalar(old, new)


def _match(olds: list[Any], value: Any, index: int, used: set[int]) -> Any:
    """The old item `value` came from: an equal one (moved), else the one at its place; each
    old item at most once (a node written twice would become a YAML alias)."""
    for number, item in enumerate(olds):
        if number not in used and _same(item, value):
            used.add(number)
            return item
    if index < len(olds) and index not in used:
        used.add(index)
        return olds[index]
    return None


def _same(old: Any, new: Any) -> bool:
    return bool(_plain(_unruamel(old)) == _plain(new))


def _unruamel(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _unruamel(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unruamel(v) for v in value]
    return value


def _scalar(old: Any, new: Any) -> Any:
    """A new value, in the style of the one it replaces, quoted where the safe loader
    (YAML 1.1) would otherwise read it as something other than text ('no', '1.0')."""
    if not isinstance(new, str):
        return new
    if not new:
        return SingleQuotedScalarString(new)
    if isinstance(old, LiteralScalarString) or ("\n" in new and not new.endswith(" ")):
        if isinstance(old, FoldedScalarString) and "\n" not in new.strip("\n"):
            return FoldedScalarString(new)
        if "\n" in new:
            return LiteralScalarString(new)
    if isinstance(old, FoldedScalarString):
        return FoldedScalarString(new)
    if isinstance(old, DoubleQuotedScalarString):
        return DoubleQuotedScalarString(new)
    if isinstance(old, SingleQuotedScalarString) or not_text(new):
        return SingleQuotedScalarString(new)
    return new


def not_text(value: str) -> bool:
    """True when `value` unquoted would not be read as this text by the project's loader
    or by a YAML 1.1 reader (an editor's, a script's)."""
    if value != value.strip() or not value:
        return True
    if _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) != _STR:  # type: ignore[no-untyped-call]
        return True
    source, problems = parse_yaml(value, "(value)")
    return source is None or bool(problems) or source.data != value
