"""`pause-docs build --format docx` (and `all`): a Word file beside each page, made again only
when its inputs change, the same bytes every build."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from conftest import REPO

from pause_docs.cli import main
from pause_docs.source.layout import output_name


def build(out: Path, fmt: str) -> str:
    result = CliRunner().invoke(main, ["--project", str(REPO), "build", "lambeth", "--format",
                                       fmt, "--output", str(out)])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.slow
def test_build_format_docx_writes_a_word_file_for_each_document(tmp_path: Path) -> None:
    build(tmp_path, "docx")
    made = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.docx"))
    assert made == [output_name("lambeth", "scoping-2017", "docx"),
                    output_name("lambeth", "scoping-2026", "docx")]
    assert not list(tmp_path.rglob("*.pdf"))
    first = (tmp_path / made[0]).read_bytes()
    assert docx.Document(io.BytesIO(first)).core_properties.title == "Fair processing notice"
    assert "skipped 2 (up to date)" in build(tmp_path, "docx")
    again = tmp_path / "again"
    build(again, "docx")
    assert (again / made[0]).read_bytes() == first


@pytest.mark.slow
def test_build_all_includes_word(tmp_path: Path) -> None:
    build(tmp_path, "all")
    for suffix in ("html", "pdf", "docx"):
        assert (tmp_path / output_name("lambeth", "scoping-2026", suffix)).is_file(), suffix
