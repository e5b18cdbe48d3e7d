"""How hand editing damages a YAML file, for the property and fuzz tests: cut short, a few
stray characters, a line indented or tabbed or deleted, lines swapped."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

ACTIONS = ["truncate", "insert", "indent", "tab", "delete", "swap"]
STRAY = ":-[]{}&*!|>'\"#%@`,?\t\n \\"


def damage(draw: st.DrawFn, text: str) -> str:
    """`text` damaged one way, chosen by `draw`."""
    lines = text.splitlines(keepends=True)
    action = draw(st.sampled_from(ACTIONS))
    if action == "truncate":
        return text[: draw(st.integers(0, len(text)))]
    if action == "insert":
        at = draw(st.integers(0, len(text)))
        return text[:at] + draw(st.text(alphabet=STRAY, min_size=1, max_size=4)) + text[at:]
    if not lines:
        return text
    if action == "swap":
        return "".join(draw(st.permutations(lines)))
    at = draw(st.integers(0, len(lines) - 1))
    lines[at] = {"indent": "   ", "tab": "\t", "delete": ""}[action] + (
        lines[at] if action != "delete" else "")
    return "".join(lines)


def value_paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a parsed YAML value (keys and list indexes), the whole first: where a
    hostile value can be put."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += value_paths(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += value_paths(item, path + (index,))
    return found
