"""The build's record of the tool names the versions of the libraries that make its pages,
read from the installed packages' folder names (importlib.metadata costs a no-op build a
quarter of its time): the same versions importlib.metadata finds."""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

import pytest

from pause_docs.build.tool import ENGINES, engine_versions, tool_fingerprint


def test_the_versions_are_those_importlib_metadata_finds() -> None:
    assert engine_versions() == {name: metadata.version(name) for name in ENGINES}


def test_the_first_installed_copy_on_the_path_counts_as_for_importlib_metadata(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    info = tmp_path / "Jinja2-99.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: Jinja2\nVersion: 99.1\n")
    before = tool_fingerprint()
    monkeypatch.setattr(sys, "path", [str(tmp_path), *sys.path])
    assert engine_versions()["jinja2"] == metadata.version("jinja2") == "99.1"
    assert tool_fingerprint() != before  # an upgraded library makes every page again
