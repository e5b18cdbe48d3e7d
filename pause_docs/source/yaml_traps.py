"""YAML's syntax errors in plain words: the traps of a file written by hand — a ': ' or ', '
inside text that is not in quotes, a tab, a quote that is never closed — each said where the
text starts, with the line as it should be written.

PyYAML's own words ("mapping values are not allowed here", "expected <block end>, but found
'<scalar>'") name the parser's state, not the mistake; they are kept only when no trap fits.
"""

from __future__ import annotations

import json
import re

import yaml

from .errors import Location, Problem

# 'key: value' at the start of a line, in a list item or not.
_KEYED = re.compile(r"^(?P<lead>\s*(?:-\s+)*)(?P<key>[^\s:#'\"{\[][^:#]*?):(?:\s+|$)")
_QUOTES = "'\""
_CLOSING = {"{": "}", "[": "]"}


def quoted(text: str) -> str:
    """`text` in quotes as YAML reads it back: in single quotes when it holds a double
    quote and no single one, else in double quotes ('"' and '\\' escaped)."""
    if '"' in text and "'" not in text:
        return f"'{text}'"
    return json.dumps(text, ensure_ascii=False)


def syntax_problem(text: str, path: str, exc: yaml.MarkedYAMLError) -> Problem:
    """The problem to show for a YAML syntax error in `text`."""
    lines = text.split("\n")
    for trap in (_tab, _colon_in_text, _colon_in_braces, _never_closed, _unclosed_quote,
                 _after_quote, _indentation):
        found = trap(lines, exc)
        if found is not None:
            (line, column), message = found
            return Problem(Location(path, line + 1, column + 1), "error", "yaml-syntax",
                           message)
    mark = exc.problem_mark or exc.context_mark
    where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
    reason = (exc.problem or exc.context or "not valid YAML").strip()
    return Problem(where, "error", "yaml-syntax", f"{reason}{_hint(exc)}")


_Found = tuple[tuple[int, int], str] | None


def _line(lines: list[str], mark: yaml.Mark | None) -> str:
    return lines[mark.line] if mark is not None and mark.line < len(lines) else ""


def _tab(lines: list[str], exc: yaml.MarkedYAMLError) -> _Found:
    mark = exc.problem_mark
    if mark is None or "found character '\\t'" not in (exc.problem or ""):
        return None
    return ((mark.line, mark.column),
            "a tab character: YAML lines are indented with spaces only; replace the tab "
            "with spaces (as many as the lines above use)")


def _colon_in_text(lines: list[str], exc: yaml.MarkedYAMLError) -> _Found:
    """'text: Does it involve: new technology?' — the second ': ' starts a key."""
    mark = exc.problem_mark
    if mark is None or "mapping values are not allowed" not in (exc.problem or ""):
        return None
    line = _line(lines, mark)
    keyed = _KEYED.match(line)
    if keyed is not None and keyed.end() > mark.column:  # the line's own key
        return ((mark.line, len(keyed["lead"])),
                "this line is indented further than the key above it, so YAML reads it as "
                "more of that key's text: line it up with the key above (or, if it is text, "
                "put the whole text in quotes)")
    if keyed is None:
        return ((mark.line, mark.column),
                "this ': ' makes YAML read the text before it as a key: put the text in quotes")
    value = line[keyed.end():].rstrip()
    start = keyed.end()
    return ((mark.line, start),
            f"the ': ' in this text makes YAML read the words before it as a key: put the "
            f"text in quotes, as in {keyed['key']}: {quoted(value)}")


def _colon_in_braces(lines: list[str], exc: yaml.MarkedYAMLError) -> _Found:
    """'{en: Note: this, cy: …}' — a ': ' inside a value between braces or brackets."""
    mark, opened = exc.problem_mark, exc.context_mark
    if mark is None or "but got ':'" not in (exc.problem or ""):
        return None
    if opened is not None and opened.line != mark.line:
        return _unclosed(lines, opened, mark)
    line = _line(lines, mark)
    before = line[:mark.column]
    starts = [before.rfind(": ") + 2, before.rfind("{") + 1, before.rfind("[") + 1,
              before.rfind(", ") + 2]
    start = max([i for i in starts if i > 1] or [mark.column])
    # The text goes on to the next ', ' or closing brace after the ': ' that split it.
    ends = [i for i in (line.find(", ", mark.column), line.find("}", mark.column),
                        line.find("]", mark.column)) if i >= 0]
    value = line[start:min(ends) if ends else len(line)].strip()
    key = re.search(r"([^\s{\[,:]+):\s*$", before[:start])
    example = f"{key[1]}: {quoted(value)}" if key else quoted(value)
    return ((mark.line, start),
            f"the ': ' in {quoted(value)} ends the text inside the braces: put the text in "
            f"quotes, as in {example}")


def _unclosed(lines: list[str], opened: yaml.Mark, mark: yaml.Mark) -> _Found:
    """'title: {en: a, cy: b' with no '}': YAML reads on into the next lines."""
    bracket = _line(lines, opened)[opened.column:opened.column + 1] or "{"
    closing = _CLOSING.get(bracket, "}")
    return ((opened.line, opened.column),
            f"this '{bracket}' is not closed on its line, so YAML reads line {mark.line + 1} "
            f"as part of it: end it with '{closing}' (and put any text holding ': ' or ', ' "
            "in quotes)")


def _never_closed(lines: list[str], exc: yaml.MarkedYAMLError) -> _Found:
    """'tags: [a, b' at the end of the file."""
    opened = exc.context_mark
    if opened is None or "<stream end>" not in (exc.problem or "") or \
            _line(lines, opened)[opened.column:opened.column + 1] not in ("{", "["):
        return None
    bracket = _line(lines, opened)[opened.column]
    return ((opened.line, opened.column),
            f"this '{bracket}' is never closed: end it with '{_CLOSING[bracket]}'")


def _unclosed_quote(lines: list[str], exc: yaml.MarkedYAMLError) -> _Found:
    mark = exc.context_mark
    if mark is None or "quoted scalar" not in (exc.context or ""):
        return None
    quote = _line(lines, mark)[mark.column:mark.column + 1] or '"'
    also = (" (a ' inside text in single quotes is written twice: 'the council''s "
            "notice')" if quote == "'" else "")
    return ((mark.line, mark.column),
            f"this quote ({quote}) is never closed: end the text with {quote} on the line "
            f"where it ends{also}")


def _after_quote(lines: list[str], exc: yaml.MarkedYAMLError) -> _Found:
    """'title: 'Council's notice'' or 'title: "Children" act': text after a closing quote."""
    mark = exc.problem_mark
    if mark is None or "found '<scalar>'" not in (exc.problem or ""):
        return None
    line = _line(lines, mark)
    keyed = _KEYED.match(line)
    if keyed is None or keyed.end() >= len(line) or line[keyed.end()] not in _QUOTES:
        return None
    start = keyed.end()
    value = line[start:].rstrip()
    inner = value[1:-1] if len(value) > 1 and value[-1] == value[0] else value
    also = (" (or write a ' inside single quotes twice: 'the council''s notice')"
            if "'" in inner else "")
    return ((mark.line, start),
            f"the quote that opens this text closes before its end: put the whole text in "
            f"quotes, as in {keyed['key']}: {quoted(inner)}{also}")


def _indentation(lines: list[str], exc: yaml.MarkedYAMLError) -> _Found:
    """A line indented to no column the lines above use."""
    mark = exc.problem_mark
    if mark is None or "expected <block end>" not in (exc.problem or ""):
        return None
    return ((mark.line, mark.column),
            "this line is not indented like the lines above it: line it up with the key it "
            "belongs beside (each level of a list or mapping indented by the same spaces)")


def _hint(exc: yaml.MarkedYAMLError) -> str:
    if "expected a single document" in (exc.context or "") + (exc.problem or ""):
        return " (one document per file: remove the extra '---')"
    return ""


def unquoted_comma(previous: yaml.Node | None, key: yaml.ScalarNode, key_name: str | None
                   ) -> tuple[yaml.Node, str]:
    """A word inside {…} with no ': ' after it: the ', ' before it ended the text it belongs
    to. Where the text starts, and what to write instead."""
    if isinstance(previous, yaml.ScalarNode) and previous.value and key_name is not None:
        whole = f"{previous.value}, {key.value}"
        return previous, (
            f"the ', ' in {quoted(whole)} ends the text inside the braces, so "
            f"{quoted(key.value)} is read as a key of its own: put the text in quotes, as in "
            f"{key_name}: {quoted(whole)}")
    return key, (f"{quoted(key.value)} inside the braces has no ': ' after it, so it is read "
                 "as a key with no value: if it belongs to the text before the comma, put "
                 "that text in quotes; if it is a key, add ': ' and its value")
