"""Text that Markdown would leave as one paragraph of the same words is not converted: the
shortcut must give exactly what the conversion gives, for every such text."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pause_docs.publish.markup import _PLAIN, Paragraph, Text, _converted, _parsed

ROOT = Path(__file__).resolve().parents[1]


def _texts() -> list[str]:
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(key)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for folder in (ROOT / "pause_docs", ROOT / "councils"):
        for file in sorted(folder.rglob("*.yaml")):
            try:
                walk(yaml.safe_load(file.read_text(encoding="utf-8")))
            except yaml.YAMLError:  # a scaffold's template, filled in before it is read
                continue
    return sorted(found)


@pytest.mark.slow
def test_every_text_the_package_and_councils_hold_is_published_as_markdown_makes_it() -> None:
    texts = _texts()
    short = [t for t in texts if _PLAIN.fullmatch(t)]
    assert len(short) > len(texts) / 2  # the shortcut is taken for most texts
    assert [t for t in texts if _parsed(t) != _converted(t)] == []


@pytest.mark.parametrize("text", [
    "1. a list", "- a list", "+ a list", "# a heading", "Two  spaces", "Ends with a space ",
    "A *word*", "A_b_c", "Fish & chips", "A <b>tag</b>", "A [link](https://x.example)",
    "Line one\nline two", "`code`", "A > B", "Tab\there", "4 spaces", " leading",
])
def test_text_with_markdown_in_it_is_converted(text: str) -> None:
    assert _parsed(text) == _converted(text)


ALPHABET = st.sampled_from(list("aZŵŷ09 ,.;:'’‘\"“”!?()/%£$@–—+-") + ["  ", "1. ", "- "])


@settings(max_examples=400, deadline=None, database=None, derandomize=True)
@given(st.text(alphabet=st.sampled_from(list("aZŵ")), min_size=1, max_size=1),
       st.lists(ALPHABET, max_size=30))
def test_any_plain_line_is_published_as_markdown_makes_it(first: str, rest: list[str]) -> None:
    text = first + "".join(rest)
    assert _parsed(text) == _converted(text)
    if _PLAIN.fullmatch(text) and "  " not in text and not text.endswith(" "):
        assert _parsed(text) == (Paragraph((Text(text),)),)
