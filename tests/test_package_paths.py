"""The check every in-process command's output passes: no name of a file inside the package."""

from __future__ import annotations

from pathlib import Path

from conftest import _package_files, package_paths_in

from pause_docs.source.resources import PACKAGE_ROOT

SHIPPED = _package_files(PACKAGE_ROOT)
FOLDER = str(PACKAGE_ROOT)


def leaks(line: str, projects: list[Path] | None = None) -> list[str]:
    return package_paths_in(line, FOLDER, SHIPPED, projects or [])


def test_a_package_file_named_relatively_is_a_leak() -> None:
    for line in ("pause_docs/legal_bases/rights.yaml:9:7: info: translation-unreviewed: …",
                 "the fixed words (in locales/cy.yaml) were drafted …",
                 "legal_bases/rights.yaml:2:7: error: …",
                 "see programmes/pause.yaml, line 3", "check/rules.yaml:4:24: …",
                 f"{FOLDER}/sections/circulation-lists.yaml", "…/site-packages/x.py"):
        assert leaks(line) == [line], line


def test_a_projects_own_file_and_a_page_showing_a_bundled_file_are_not() -> None:
    for line in ("councils/programmes/pause.yaml:3:1: error: …",
                 "(pause-docs/programmes/pause.yaml:72)", "councils/glanyrafon/council.yaml",
                 "legal_bases/housing-act-1996.yaml:2:7: error: …",
                 "see: pause-docs show programme pause"):
        assert leaks(line) == [], line


def test_a_shipped_name_the_project_also_has_is_the_projects(tmp_path: Path) -> None:
    own = tmp_path / "legal_bases" / "children-act-1989.yaml"
    own.parent.mkdir()
    own.write_text("provisions: []\n", encoding="utf-8")
    line = "legal_bases/children-act-1989.yaml:3:5: error: contradicts-package: …"
    assert leaks(line, [tmp_path]) == []
    assert leaks(line) == [line]
