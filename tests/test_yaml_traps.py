"""The traps of YAML written by hand, each said in plain words where the text starts, with
the line as it should be written: a ', ' or ': ' inside text not in quotes, a tab, a quote
never closed, a quote that closes before the text ends."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pause_docs.cli import main
from pause_docs.source.loader import parse_yaml
from pause_docs.source.yaml_traps import quoted


def problems(text: str) -> list[str]:
    source, found = parse_yaml(text, "f.yaml")
    assert source is None or found, "a trap must stop the file, not give it other data"
    return [str(p) for p in found]


def test_a_comma_inside_braces_says_to_put_the_text_in_quotes() -> None:
    """'{en: a, b, cy: c}' is valid YAML with a key 'b': today 'expected text, found a
    mapping' at the field; now the text that needs quotes, where it starts."""
    assert problems("title: {en: Privacy notice, children, cy: Hysbysiad}\n") == [
        "f.yaml:1:13: error: yaml-unquoted-comma: the ', ' in \"Privacy notice, children\" "
        "ends the text inside the braces, so \"children\" is read as a key of its own: put "
        "the text in quotes, as in en: \"Privacy notice, children\""]


def test_a_comma_in_a_question_written_in_braces_is_not_an_unknown_key() -> None:
    text = "questions:\n  - {id: q1, text: Does it use a, b or c?}\n"
    assert problems(text) == [
        "f.yaml:2:20: error: yaml-unquoted-comma: the ', ' in \"Does it use a, b or c?\" ends "
        "the text inside the braces, so \"b or c?\" is read as a key of its own: put the text "
        "in quotes, as in text: \"Does it use a, b or c?\""]


def test_a_word_in_braces_with_no_text_before_it_says_what_to_add() -> None:
    found = problems("title: {children, en: a}\n")
    assert found[0].startswith("f.yaml:1:9: error: yaml-unquoted-comma: \"children\" inside "
                               "the braces has no ': ' after it")


def test_braces_written_well_are_untouched() -> None:
    source, found = parse_yaml(
        "title: {en: \"Privacy notice, children\", cy: 'Hysbysiad: plant'}\nempty: {a: }\n",
        "f.yaml")
    assert found == [] and source is not None
    assert source.data["title"] == {"en": "Privacy notice, children", "cy": "Hysbysiad: plant"}


def test_a_colon_inside_braces_says_to_put_the_text_in_quotes() -> None:
    assert problems("title: {en: Note: this, cy: Hysbysiad}\n") == [
        "f.yaml:1:13: error: yaml-syntax: the ': ' in \"Note: this\" ends the text inside the "
        "braces: put the text in quotes, as in en: \"Note: this\""]


def test_a_colon_in_a_question_text_is_located_at_the_text() -> None:
    text = "questions:\n  - id: q1\n    text: Does the project involve: new technology?\n"
    assert problems(text) == [
        "f.yaml:3:11: error: yaml-syntax: the ': ' in this text makes YAML read the words "
        "before it as a key: put the text in quotes, as in "
        "text: \"Does the project involve: new technology?\""]


def test_a_tab_says_to_indent_with_spaces() -> None:
    assert problems("title: x\nsummary:\n\tbad: 1\n") == [
        "f.yaml:3:1: error: yaml-syntax: a tab character: YAML lines are indented with spaces "
        "only; replace the tab with spaces (as many as the lines above use)"]


def test_an_unclosed_quote_is_located_where_it_opens() -> None:
    assert problems('title: "Privacy notice\nsummary: x\n') == [
        'f.yaml:1:8: error: yaml-syntax: this quote (") is never closed: end the text with " '
        "on the line where it ends"]
    single = problems("intro: x\nitems:\n  - 'Privacy notice\n")
    assert single[0].startswith("f.yaml:3:5: error: yaml-syntax: this quote (') is never "
                                "closed") and "'the council''s notice'" in single[0]


def test_an_apostrophe_inside_single_quotes_says_how_to_quote() -> None:
    assert problems("title: 'Council's notice'\nsummary: x\n") == [
        "f.yaml:1:8: error: yaml-syntax: the quote that opens this text closes before its "
        "end: put the whole text in quotes, as in title: \"Council's notice\" (or write a ' "
        "inside single quotes twice: 'the council''s notice')"]


def test_text_after_a_quoted_word_is_quoted_whole() -> None:
    assert problems('title: "Children" act notice\n') == [
        "f.yaml:1:8: error: yaml-syntax: the quote that opens this text closes before its "
        "end: put the whole text in quotes, as in title: '\"Children\" act notice'"]


def test_every_suggested_quoting_reads_back_as_the_text() -> None:
    for text in ("a, b", "Note: this", 'say "hi"', "it's", "both ' and \"", "back\\slash",
                 "Cyngor Sir Ddinbych: ŵ"):
        assert yaml.safe_load(f"key: {quoted(text)}\n") == {"key": text}


@pytest.mark.slow  # a command: loads the package's registry and forms
def test_validate_prints_the_trap_at_its_line_and_column(tmp_path: Path) -> None:
    council = tmp_path / "councils" / "ours"
    council.mkdir(parents=True)
    (council / "council.yaml").write_text(
        "name: {en: Our council, the city, cy: Ein cyngor}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(tmp_path), "validate"])
    assert result.exit_code == 1, result.output
    assert ("councils/ours/council.yaml:1:12: error: yaml-unquoted-comma: the ', ' in "
            "\"Our council, the city\"") in result.output
    assert "Traceback" not in result.output


def test_an_unclosed_bracket_is_located_where_it_opens() -> None:
    assert problems("kind: x\ntags: [a, b\n") == [
        "f.yaml:2:7: error: yaml-syntax: this '[' is never closed: end it with ']'"]
    assert problems("title: {en: a, cy: b\nsummary: x\n") == [
        "f.yaml:1:8: error: yaml-syntax: this '{' is not closed on its line, so YAML reads "
        "line 2 as part of it: end it with '}' (and put any text holding ': ' or ', ' in "
        "quotes)"]


def test_a_key_indented_under_a_text_says_to_line_it_up() -> None:
    assert problems("title: Notice\n  more: x\n") == [
        "f.yaml:2:3: error: yaml-syntax: this line is indented further than the key above "
        "it, so YAML reads it as more of that key's text: line it up with the key above (or, "
        "if it is text, put the whole text in quotes)"]


def test_a_line_indented_to_no_level_above_says_so() -> None:
    assert problems("a:\n  - b\n c: d\n") == [
        "f.yaml:3:2: error: yaml-syntax: this line is not indented like the lines above it: "
        "line it up with the key it belongs beside (each level of a list or mapping indented "
        "by the same spaces)"]
