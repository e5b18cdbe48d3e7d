"""The invisible characters that change how text reads without showing (the bidi overrides
and isolates U+202A–U+202E and U+2066–U+2069, the separators U+2028 and U+2029, a byte-order
mark inside the file) are refused where they are written, raw or as an escape, by every
command; no page is made from them and no message prints them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from pause_docs.cli import main
from pause_docs.source.errors import printable
from pause_docs.source.loader import parse_yaml, read_yaml

NOTICE = "councils/lambeth/scoping-2026.yaml"
RAW = re.compile("[\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]")
INVISIBLE = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029,
                              0xFEFF)]


@pytest.mark.parametrize("character", INVISIBLE)
def test_each_is_refused_raw_at_its_line_and_column(character: str) -> None:
    data, problems = parse_yaml(f"kind: privacy-notice\ntitle: Fair {character}notice\n", "n.yaml")
    assert data is None
    (problem,) = problems
    assert (problem.location.line, problem.location.column, problem.code) == (
        2, 13, "yaml-character")
    assert problem.message.startswith(f"the invisible character U+{ord(character):04X} (")
    assert problem.message.endswith(": delete it")


@pytest.mark.parametrize("character", INVISIBLE)
def test_each_is_refused_written_as_an_escape(character: str) -> None:
    _, problems = parse_yaml(f'title: "Fair \\u{ord(character):04x}notice"\n', "n.yaml")
    (problem,) = problems
    assert str(problem.location) == "n.yaml:1:8" and "written as an escape" in problem.message


def test_one_in_a_comment_is_refused_too() -> None:
    _, problems = parse_yaml("title: ok  # \u202etxt.exe\n", "n.yaml")
    assert [str(p.location) for p in problems] == ["n.yaml:1:14"]


def test_a_byte_order_mark_at_the_start_is_still_read(tmp_path: Path) -> None:
    (tmp_path / "n.yaml").write_text("\ufefftitle: ok\n", encoding="utf-8")
    data, problems = read_yaml(tmp_path / "n.yaml", "n.yaml")
    assert problems == [] and data is not None and data.data == {"title": "ok"}


def test_the_terminal_never_gets_one() -> None:
    assert printable("a\u202eb\u2028c\ufeffd\u2067e") == "a\\u202eb\\u2028c\\ufeffd\\u2067e"


@pytest.fixture
def tampered(project) -> Path:  # type: ignore[no-untyped-def]
    """A project whose one notice has a right-to-left override in its title, a line separator
    in its text and a byte-order mark halfway through."""
    root = project(councils=("lambeth",))
    (root / "councils/lambeth/scoping-2017.yaml").unlink()
    notice = root / NOTICE
    text = notice.read_text(encoding="utf-8")
    text = text.replace("title: Fair processing notice",
                        "title: Fair processing \u202eecitno\u202c")
    notice.write_text(text.replace("\nretention:", "\n# \u2028\ufeff\nretention:", 1),
                      encoding="utf-8")
    return root


@pytest.mark.parametrize("command", [["validate"], ["lint", NOTICE],
                                     ["build", "--format", "html"],
                                     ["build", "--format", "docx"],
                                     ["validate", "--format", "json"]])
def test_every_command_says_where_and_prints_none(tampered: Path, command: list[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tampered)
    result = CliRunner().invoke(main, [*command, *(["--output", "out"] if "build" in command
                                                   else [])])
    assert result.exit_code == 1, result.output
    assert f"{NOTICE}:8:24: error: yaml-character: the invisible character U+202E " \
        "(right-to-left override)" in result.output or "json" in command
    assert "U+2028 (line separator)" in result.output and "U+FEFF" in result.output
    assert not RAW.search(result.output)
    assert not list(tampered.glob("out/**/*.html")) + list(tampered.glob("out/**/*.docx"))
