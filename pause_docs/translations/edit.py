"""Writing translations into a project's YAML files: a text becomes a per-language mapping
(`{en: …, cy: …, cy-from: …}`), or its mapping gets the new translation and the hash of the
English it was confirmed against.

Only the value edited is rewritten, in place: the rest of the file (comments, order, quoting)
is left as it was.  Every edited file is read again before it is written, and written only if
it holds exactly the data intended, so an edit can never lose or change anything else.
"""

from __future__ import annotations

import json
import os
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..source.errors import ProjectError
from ..source.languages import DEFAULT_LANGUAGE, FROM, fingerprint, is_per_language
from ..source.loader import Path_, parse_yaml

WIDTH = 92  # lines of long text are folded to about this width


@dataclass(frozen=True)
class Edit:
    """One text of a file: its translation into `language` (None: keep the one there), and
    the hash of its English recorded as confirmed."""

    path: Path_
    language: str
    translation: str | None = None


class EditRefused(ProjectError):
    """A file could not be edited safely; it is left as it was."""


def apply(text: str, name: str, edits: list[Edit]) -> str:
    """`text` (the file `name`) with `edits` made."""
    source, problems = parse_yaml(text, name)
    if source is None:
        raise EditRefused(f"{name}: {problems[0] if problems else 'not valid YAML'}")
    data = source.data
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if root is None:
        raise EditRefused(f"{name}: the file is empty")
    spans: list[tuple[int, int, str]] = []
    for path in dict.fromkeys(e.path for e in edits):
        mine = [e for e in edits if e.path == path]
        node, parent, key = _find(root, path, name)
        value = _value_at(data, path)
        mapping = _updated(value, mine, name, path)
        spans += _span(text, node, parent, key, mapping)
        data = _set(data, path, mapping)
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    check, _ = parse_yaml(text, name)
    if check is None or check.data != data:
        raise EditRefused(f"{name}: the edit would have changed more than the translations, "
                          "so the file was left as it was; please add them by hand")
    return text


def _updated(value: Any, edits: list[Edit], name: str, path: Path_) -> dict[str, Any]:
    """The per-language mapping the text at `path` becomes."""
    where = f"{name}#{'/'.join(map(str, path))}"
    if isinstance(value, str):
        mapping: dict[str, Any] = {DEFAULT_LANGUAGE: value}
    elif is_per_language(value):
        mapping = dict(value)
    else:
        raise EditRefused(f"{where}: not a text")
    english = mapping.get(DEFAULT_LANGUAGE)
    if not isinstance(english, str):
        raise EditRefused(f"{where}: has no English to translate from")
    for edit in edits:
        if edit.translation is not None:
            mapping[edit.language] = edit.translation
        if not isinstance(mapping.get(edit.language), str):
            raise EditRefused(f"{where}: has no {edit.language} text to confirm")
        mapping[edit.language + FROM] = fingerprint(english)
    return mapping


def _find(root: yaml.Node, path: Path_, name: str
          ) -> tuple[yaml.Node, yaml.Node | None, yaml.Node | int | None]:
    """The node at `path`, its parent and the key node (mapping) or index (sequence)."""
    node, parent, key = root, None, None
    for step in path:
        parent = node
        if isinstance(node, yaml.MappingNode):
            found = [(k, v) for k, v in node.value if k.value == step]
            if not found:
                raise EditRefused(f"{name}: no value at {'/'.join(map(str, path))}")
            key, node = found[0]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) \
                and step < len(node.value):
            key, node = step, node.value[step]
        else:
            raise EditRefused(f"{name}: no value at {'/'.join(map(str, path))}")
    return node, parent, key


def _span(text: str, node: yaml.Node, parent: yaml.Node | None,
          key: yaml.Node | int | None, mapping: dict[str, Any]) -> list[tuple[int, int, str]]:
    """The characters to replace and what with, so that `node` reads as `mapping`."""
    start, end = node.start_mark.index, _end(node)
    original = text[start:end]
    tail = original[len(original.rstrip("\n")):]
    if getattr(parent, "flow_style", False) or getattr(node, "flow_style", False):
        return [(start, end, _flow(mapping))]
    if isinstance(node, yaml.MappingNode):
        return _into_mapping(text, node, mapping)
    if isinstance(key, yaml.Node):  # the value of a key in a block mapping
        return [(key.end_mark.index, end,
                 ":\n" + _block(mapping, key.start_mark.column + 2) + tail)]
    if isinstance(key, int):  # an item of a block sequence: '- en: …'
        return [(start, end, _block(mapping, node.start_mark.column).lstrip(" ") + tail)]
    raise EditRefused("the whole file is one text")


def _into_mapping(text: str, node: yaml.MappingNode, mapping: dict[str, Any]
                  ) -> list[tuple[int, int, str]]:
    """A block per-language mapping's changed values replaced and its new keys added after
    its last one, leaving the rest as written."""
    column = node.value[0][0].start_mark.column
    spans = []
    known = {k.value: v for k, v in node.value}
    for name, value in mapping.items():
        old = known.get(name)
        if old is not None and isinstance(old, yaml.ScalarNode) and old.value != value:
            original = text[old.start_mark.index:_end(old)]
            tail = original[len(original.rstrip("\n")):]
            spans.append((old.start_mark.index, _end(old), _scalar(str(value), column) + tail))
    added = [name for name in mapping if name not in known]
    if added:
        last = _end(node.value[-1][1])
        at = len(text[:last].rstrip("\n"))
        line_end = text.find("\n", at)
        rest = text[at:line_end if line_end != -1 else len(text)]
        if rest.strip().startswith("#"):  # after the comment that ends the line
            at = line_end if line_end != -1 else len(text)
        spans.append((at, at, "".join(f"\n{' ' * column}{name}: "
                                      f"{_scalar(str(mapping[name]), column)}"
                                      for name in added)))
    return spans


def _end(node: yaml.Node) -> int:
    """Where a node's own text ends: a block collection's end mark is where the next token
    starts (past the next line's indentation), so it is taken from its last value."""
    if isinstance(node, yaml.MappingNode) and node.value and not node.flow_style:
        return _end(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
        return _end(node.value[-1])
    return int(node.end_mark.index)


def _block(mapping: dict[str, Any], indent: int) -> str:
    pad = " " * indent
    return "\n".join(f"{pad}{key}: {_scalar(str(value), indent)}"
                     for key, value in mapping.items())


def _flow(mapping: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{key}: {json.dumps(str(value), ensure_ascii=False)}"
                           for key, value in mapping.items()) + "}"


def _scalar(value: str, indent: int) -> str:
    """`value` as YAML after 'key: ': plain when that reads back the same, folded when long,
    literal when it has line breaks, else in double quotes."""
    pad = " " * (indent + 2)
    candidates = []
    if "\n" not in value:
        if len(value) + indent > WIDTH and "  " not in value and value == value.strip():
            lines = textwrap.wrap(value, WIDTH - indent - 2, break_long_words=False,
                                  break_on_hyphens=False)
            candidates.append(">-\n" + "\n".join(pad + line for line in lines))
        candidates.append(value)
    else:
        chomp = "-" if not value.endswith("\n") else ("+" if value.endswith("\n\n") else "")
        body = value[:-1] if chomp == "" else value.rstrip("\n") if chomp == "+" else value
        candidates.append(f"|{chomp}\n" + "\n".join(pad + line if line else ""
                                                    for line in body.split("\n")))
    for candidate in candidates:
        parsed, _ = parse_yaml(f"k: {candidate}\n", "check")
        if parsed is not None and parsed.data == {"k": value}:
            return candidate
    return json.dumps(value, ensure_ascii=False)


def _value_at(data: Any, path: Path_) -> Any:
    for step in path:
        data = data[step]
    return data


def _set(data: Any, path: Path_, value: Any) -> Any:
    """A copy of `data` with the value at `path` replaced."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {**data, head: _set(data[head], rest, value)}
    copy = list(data)
    copy[head] = _set(copy[head], rest, value)  # type: ignore[index]
    return copy


def write_file(file: Path, text: str) -> None:
    """Replace `file` with `text` at once: a reader never sees half of it."""
    handle, temp = tempfile.mkstemp(dir=file.parent, prefix=f".{file.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temp, file)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
