"""Safe YAML loading that remembers where every key and value was written.

PyYAML is used in two steps: compose the node tree (which carries line and column), check it
(tags, duplicate keys, size, alias expansion), then construct plain Python data.  Only
YAML's core types are built; `yes`/`no`/`on`/`off` stay strings and dates stay text until
the models parse them, so a bad date is reported with its position instead of crashing.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Location, Problem
from .reader import MAX_FILE_BYTES, NotReadable, outside, read_regular
from .remembered import parse_once
from .yaml_traps import syntax_problem, unquoted_comma

MAX_NODES = 20_000  # after alias expansion: a "billion laughs" file stops here
# The text of a file once aliases are expanded: no more than the file itself may hold, so
# that a few hundred aliases of one long value cannot make a page of hundreds of megabytes.
MAX_TEXT_CHARS = MAX_FILE_BYTES
MAX_DEPTH = 40
# What YAML's reader refuses when written raw; the same characters written as escapes in a
# double-quoted string ("\0", "\x1b", "\ud800") are refused too, as are carriage returns
# and NEL, which only an escape can put in a value.
# Also refused, raw or escaped: the invisible marks that show text in another order than it
# is read (a reviewer approves one wording, the page says another), the line and paragraph
# separators that break a line no editor shows, and a byte-order mark inside the text.
_INVISIBLE = {"\u202a": "left-to-right embedding", "\u202b": "right-to-left embedding",
              "\u202c": "pop directional formatting", "\u202d": "left-to-right override",
              "\u202e": "right-to-left override", "\u2066": "left-to-right isolate",
              "\u2067": "right-to-left isolate", "\u2068": "first strong isolate",
              "\u2069": "pop directional isolate", "\u2028": "line separator",
              "\u2029": "paragraph separator", "\ufeff": "byte order mark"}
_HIDDEN = re.compile(f"[{''.join(_INVISIBLE)}]")
_FORBIDDEN = re.compile("[^\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|"
                        + _HIDDEN.pattern)

Path_ = tuple[str | int, ...]

_BOOL = "tag:yaml.org,2002:bool"
_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    _BOOL,
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans (true/false only) and no implicit timestamps."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL, _TIMESTAMP)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class _FastLoader(getattr(yaml, "CSafeLoader", _Loader)):  # type: ignore[misc]
    """The same rules on libyaml's parser, several times faster than `_Loader`."""

    yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


def _compose(text: str) -> tuple[_Loader, yaml.Node | None]:
    """The node tree and the loader that made it (to construct values and dispose of).

    libyaml parses first; a file it refuses is parsed again by `_Loader`, so that the error
    raised is worded as users are shown it.
    """
    fast = _FastLoader(text)
    try:
        return fast, fast.get_single_node()
    except yaml.YAMLError:
        fast.dispose()
    slow = _Loader(text)
    try:
        return slow, slow.get_single_node()
    except yaml.YAMLError:
        slow.dispose()
        raise


@dataclass(frozen=True)
class SourceFile:
    """One YAML file's data with the position of every key and value in it."""

    path: str
    data: Any
    keys: dict[Path_, Location] = field(default_factory=dict)
    values: dict[Path_, Location] = field(default_factory=dict)
    text: str = ""
    """The file's text as parsed, so that words inside a value can be located."""
    languages: dict[Path_, str] = field(default_factory=dict)
    """For `data` read in one language: each text given per language -> the language
    chosen (written at `path + (language,)`; see `project.languages`)."""

    def locator(self, path: Path_, key: bool = False) -> Location:
        """`locate` with `key` as a positional argument, for `validation.validate`."""
        return self.locate(path, key=key)

    def language_of(self, path: Path_) -> str:
        """The language of the text at `path` (English unless chosen from a mapping)."""
        return self.languages.get(path, "en")

    def locate(self, path: Path_, *, key: bool = False) -> Location:
        """Where `path` was written; for a path that is not there, its nearest ancestor."""
        if not key and path in self.languages:
            path = path + (self.languages[path],)
        table = self.keys if key else self.values
        while path:
            if path in table:
                return table[path]
            if path in self.keys:
                return self.keys[path]
            path = path[:-1]
        return self.values.get((), Location(self.path, 1, 1))


class _Walk:
    def __init__(self, loader: _Loader, path: str, source: str = "") -> None:
        self.loader = loader
        self.path = path
        self.source = source
        self.keys: dict[Path_, Location] = {}
        self.values: dict[Path_, Location] = {}
        self.problems: list[Problem] = []
        self.count = 0
        self.text = 0

    def at(self, node: yaml.Node) -> Location:
        return Location(self.path, node.start_mark.line + 1, node.start_mark.column + 1)

    def error(self, node: yaml.Node, code: str, message: str) -> None:
        self.problems.append(Problem(self.at(node), "error", code, message))

    def walk(self, node: yaml.Node, path: Path_, depth: int = 0) -> bool:
        """Record positions and check the tree; False stops the walk (too big or too deep)."""
        self.count += 1
        if self.count > MAX_NODES:
            self.error(node, "too-large", f"more than {MAX_NODES:,} values once aliases are "
                       "expanded; is an alias ('*name') repeated many times?")
            return False
        if depth > MAX_DEPTH:
            self.error(node, "too-deep", f"nested more than {MAX_DEPTH} levels deep "
                       "(an alias that refers to itself?)")
            return False
        mark = node.start_mark  # `at`, written out: it is done for every value of the file
        self.values[path] = Location.at(self.path, mark.line + 1, mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            self.text += len(node.value)
            if self.text > MAX_TEXT_CHARS:  # located where the alias is used, if it is one
                self.problems.append(Problem(
                    self.keys.get(path, self.at(node)), "error", "too-large",
                    f"more than {MAX_TEXT_CHARS:,} characters of text once aliases are "
                    "expanded; is an alias ('*name') of a long text repeated many times?"))
                return False
            if node.style == '"':
                self.check_characters(node)
        if node.tag not in _ALLOWED_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            self.error(node, "yaml-tag", f"YAML tag '{tag}' is not allowed: "
                       "write plain text, numbers, lists and mappings only")
            return True
        if isinstance(node, yaml.MappingNode):
            first_seen: dict[object, int] = {}
            for index, (key_node, value_node) in enumerate(node.value):
                if node.flow_style and self.without_colon(key_node):
                    self.comma_in_text(node, index)
                    continue
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.error(key_node, "yaml-merge", "merge keys ('<<') are not supported: "
                               "write the keys out")
                    continue
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _ALLOWED_TAGS:
                    self.error(key_node, "invalid-key", "a key must be plain text")
                    continue
                if key_node.style == '"' and not self.check_characters(key_node):
                    continue
                key = _scalar(key_node, self.loader)
                if not isinstance(key, str):
                    key = str(key_node.value)
                if key in first_seen:
                    self.error(key_node, "duplicate-key",
                               f"duplicate key '{key}' (first at line {first_seen[key]})")
                    continue
                mark = key_node.start_mark
                first_seen[key] = mark.line + 1
                self.keys[path + (key,)] = Location.at(self.path, mark.line + 1, mark.column + 1)
                if not self.walk(value_node, path + (key,), depth + 1):
                    return False
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                if not self.walk(item, path + (index,), depth + 1):
                    return False
        return True

    def without_colon(self, key: yaml.Node) -> bool:
        """A plain word inside {…} with no ': ' after it (its value is YAML's null)."""
        if not isinstance(key, yaml.ScalarNode) or key.style:  # quoted: '"' or "'"
            return False
        return not self.source[key.end_mark.index:].lstrip(" ").startswith(":")

    def comma_in_text(self, node: yaml.MappingNode, index: int) -> None:
        """'{en: a, b, cy: c}': the ', ' ended the text 'a, b' before its end."""
        key = node.value[index][0]
        previous = node.value[index - 1] if index else None
        name = previous[0].value if previous and isinstance(previous[0], yaml.ScalarNode) \
            else None
        at, message = unquoted_comma(previous[1] if previous else None, key, name)
        self.error(at, "yaml-unquoted-comma", message)

    def check_characters(self, node: yaml.ScalarNode) -> bool:
        """A control character or lone surrogate written as an escape is refused, like one
        written raw: it would reach the page, the PDF and the terminal.

        Only a double-quoted text has escapes, so only those are asked (a tenth of the
        walk): in any other, such a character is raw, and the reader or
        `_hidden_characters` has refused the file already; a raw carriage return or NEL
        is a line break, which YAML reads as '\\n'."""
        found = _FORBIDDEN.search(node.value)
        if found is None:
            return True
        self.error(node, "yaml-character", _escaped_character(found[0]))
        return False


def _escaped_character(character: str) -> str:
    code = f"U+{ord(character):04X}"
    if "\ud800" <= character <= "\udfff":
        return (f"{code}, written as an escape, is half of a surrogate pair, not a character: "
                "write the character itself instead")
    if character in _INVISIBLE:
        return f"{_invisible(character)}, written as an escape, {_WHY[character]}: delete it"
    return (f"the invisible control character {code}, written as an escape, is not allowed "
            "in YAML: delete it")


def _invisible(character: str) -> str:
    return f"the invisible character U+{ord(character):04X} ({_INVISIBLE[character]})"


_WHY = {c: "would show the text around it in another order than it is read" for c in _INVISIBLE}
_WHY.update({"\u2028": "would break the line where the file shows none",
             "\u2029": "would break the line where the file shows none",
             "\ufeff": "is not allowed inside text (it comes from joining or copying files)"})


def _hidden_characters(text: str, path: str) -> list[Problem]:
    """Each invisible mark written raw in the file (even in a comment), where it is: they
    never reach a page, a message or the terminal as themselves."""
    problems = []
    for found in _HIDDEN.finditer(text):
        before = text[:found.start()]
        line, column = before.count("\n") + 1, found.start() - before.rfind("\n")
        problems.append(Problem(Location(path, line, column), "error", "yaml-character",
                                f"{_invisible(found[0])} {_WHY[found[0]]}: delete it"))
        if len(problems) == 20:
            break
    return problems


def _construct(node: yaml.Node, loader: _Loader) -> Any:
    """Plain data from a checked node tree; keys become strings, as the walk recorded them."""
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node, loader)
            out.setdefault(key if isinstance(key, str) else str(key_node.value),
                           _construct(value_node, loader))
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, loader) for item in node.value]
    return _scalar(node, loader)


def _scalar(node: yaml.Node, loader: _Loader) -> Any:
    """The value of a checked scalar: a text is its node's text, as PyYAML's constructor
    would give it, without a call into the constructor for each of the file's keys and
    texts (most of its values); any other type is constructed as usual."""
    if node.tag == _STR and isinstance(node, yaml.ScalarNode):
        return node.value
    return loader.construct_object(node)


def parse_yaml(text: str, path: str) -> tuple[SourceFile | None, list[Problem]]:
    """Parse YAML text; the data with its positions, or the problems that stop it. A text
    read again is parsed once per process (see `remembered`)."""
    return parse_once(text, path, _parse)


def _parse(text: str, path: str) -> tuple[SourceFile | None, list[Problem]]:
    hidden = _hidden_characters(text, path)
    if hidden:
        return None, hidden
    try:
        loader, node = _compose(text)  # the reader refuses control characters, before parsing
    except yaml.reader.ReaderError as exc:
        return None, [_character_problem(text, path, exc)]
    except RecursionError:  # PyYAML builds the tree recursively: '[[[[...' thousands deep
        return None, [_nesting_problem(text, path)]
    except yaml.MarkedYAMLError as exc:
        return None, [syntax_problem(text, path, exc)]
    except yaml.YAMLError as exc:
        return None, [Problem(Location(path, 1, 1), "error", "yaml-syntax", str(exc))]
    try:
        if node is None:
            return None, [Problem(Location(path, 1, 1), "error", "empty-file", "the file is empty")]
        walk = _Walk(loader, path, text)
        walk.walk(node, ())
        if any(p.code != "duplicate-key" for p in walk.problems):
            return None, walk.problems
        try:
            data = _construct(node, loader)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            return None, [Problem(walk.at(node), "error", "yaml-value", str(exc))]
        # A duplicate key is reported, and the first value is kept so the rest can be checked.
        return SourceFile(path, data, walk.keys, walk.values, text), walk.problems
    finally:
        loader.dispose()


def _character_problem(text: str, path: str, exc: yaml.reader.ReaderError) -> Problem:
    before = text[: exc.position]
    line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
    character = exc.character if isinstance(exc.character, str) else chr(exc.character)
    return Problem(Location(path, line, column), "error", "yaml-character",
                   f"the invisible control character U+{ord(character):04X} is not allowed in "
                   "YAML: delete it (it often comes from copying text out of a PDF or Word)")


def _nesting_problem(text: str, path: str) -> Problem:
    """Where nesting first goes too deep, found by reading parser events (iterative, unlike
    building the node tree)."""
    depth = 0
    with contextlib.suppress(yaml.YAMLError):
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    where = (Location(path, mark.line + 1, mark.column + 1) if mark
                             else Location(path))
                    return Problem(where, "error", "too-deep",
                                   f"nested more than {MAX_DEPTH} levels deep")
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                depth -= 1
    return Problem(Location(path, 1, 1), "error", "too-deep", "nested too deeply")


def read_yaml(file: Path, display: str, inside: Path | None = None, real: Path | None = None
              ) -> tuple[SourceFile | None, list[Problem]]:
    """Read and parse one YAML file, refusing files too large, not UTF-8 or not ordinary
    files; with `inside`, also a symbolic link that leads out of that folder (`real`:
    `file` with its links followed, when the caller has it already)."""
    if inside is not None:
        away = outside(file, inside, real)
        if away:
            return None, [Problem(Location(display), "error", "outside-project", away)]
    try:
        raw = read_regular(file, MAX_FILE_BYTES)
    except NotReadable as exc:
        return None, [Problem(Location(display), "error", exc.code, exc.message)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(Location(display, line, 1), "error", "encoding",
                              "the file is not UTF-8 text (save it as UTF-8)")]
    return parse_yaml(text.removeprefix("\ufeff"), display)
