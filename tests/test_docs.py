"""The documentation site: README.md short, the reference pages generated from the code up to
date, and every YAML example in the pages what it says it is."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner
from conftest import REPO

from pause_docs.cli import main
from pause_docs.scaffold import documentation
from pause_docs.scaffold.project import README as INIT_README

DOCS = REPO / "docs"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
# Each YAML example is marked on the line before it: '<!-- example: part -->' (a fragment of
# a file: it must be YAML), '<!-- example: PATH -->' (a whole file: at PATH in a copy of the
# bundled project, `validate` finds no error) or '<!-- example: PATH wrong CODE -->' (at PATH,
# `validate` reports CODE, as the page says).
EXAMPLE = re.compile(r"^<!-- example: (?P<what>[^ ]+)(?: wrong (?P<code>[a-z0-9-]+))? -->\n"
                     r"```yaml\n(?P<body>.*?)^```", re.S | re.M)
FENCE = re.compile(r"^```yaml\n", re.M)


def _hand_written() -> list[Path]:
    import docs_reference

    return [p for p in sorted(DOCS.rglob("*.md"))
            if not p.read_text(encoding="utf-8").startswith(docs_reference.GENERATED)]


def _examples() -> list[tuple[str, str, str | None, str]]:
    found = []
    for page in _hand_written():
        text = page.read_text(encoding="utf-8")
        for m in EXAMPLE.finditer(text):
            found.append((page.relative_to(REPO).as_posix(), m["what"], m["code"], m["body"]))
    return found


def test_readme_fits_on_a_screen_and_starts_with_the_two_set_up_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 150
    first = readme.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    assert [line.split()[:2] for line in first] == [["make", "build"], ["make", "test"]]


def test_readme_links_lead_to_pages_that_exist() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\((docs/[^)#]+)", readme)
    assert len(links) > 20
    assert [link for link in links if not (REPO / link).is_file()] == []


@pytest.mark.parametrize("source", [
    "commands", "kinds", pytest.param("blocks", marks=pytest.mark.slow),
    pytest.param("forms", marks=pytest.mark.slow), "rules", "registry", "modules"])
def test_the_reference_pages_are_what_the_code_generates(source: str) -> None:
    """A new command, field, block, rule or registry entry changes its page: run
    `python -m docs_reference` (or `make docs`) and commit the pages it writes."""
    import docs_reference

    assert docs_reference.stale(sources=(source,)) == [], (
        "run 'python -m docs_reference' (or make docs) and commit docs/")


def test_no_generated_page_is_left_that_nothing_generates() -> None:
    import docs_reference

    left = [p for p in DOCS.rglob("*.md")
            if p.read_text(encoding="utf-8").startswith(docs_reference.GENERATED)]
    wanted = set(docs_reference.pages(("commands", "kinds", "rules", "registry", "modules")))
    wanted |= {"reference/blocks.md", "reference/forms.md"}  # (slow to make: named here)
    assert sorted(p.relative_to(DOCS).as_posix() for p in left
                  if p.relative_to(DOCS).as_posix() not in wanted) == []


def test_every_yaml_example_in_the_pages_is_marked() -> None:
    for page in _hand_written():
        text = page.read_text(encoding="utf-8")
        fences = len(FENCE.findall(text))
        assert len(EXAMPLE.findall(text)) == fences, (
            f"{page}: mark each ```yaml example with <!-- example: part|PATH [wrong CODE] -->")


@pytest.mark.parametrize(("page", "what", "code", "body"), _examples(),
                         ids=lambda v: v if isinstance(v, str) and "\n" not in v else "")
def test_yaml_example(page: str, what: str, code: str | None, body: str,
                      tmp_path: Path) -> None:
    data = yaml.safe_load(body.replace("\t", "  "))  # every example is YAML, parts too
    assert data is not None
    if what == "part":
        return
    root = tmp_path / "project"
    shutil.copytree(REPO / "councils", root / "councils")
    target = root / what
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body, encoding="utf-8")
    result = CliRunner().invoke(main, ["--project", str(root), "validate"])
    errors = [line for line in result.output.splitlines() if ": error: " in line]
    if code is None:
        assert errors == [], f"{page}: the example at {what} should be valid"
    else:
        assert any(f": error: {code}: " in line for line in errors), errors


def test_init_writes_a_readme_naming_the_guide_of_every_command() -> None:
    assert isinstance(main, click.Group)
    assert set(documentation.GUIDES) <= set(main.commands)
    for name, page in documentation.GUIDES.items():
        assert (DOCS / page).is_file(), page
        assert f"pause-docs {name}" in (DOCS / page).read_text(encoding="utf-8"), page
        assert f"pause-docs {name:<13} {documentation.SITE}/{page}" in INIT_README
    for page in re.findall(rf"{documentation.SITE}/(\S+\.md)", INIT_README):
        assert (DOCS / page).is_file(), page


@pytest.mark.parametrize(("page", "command"), [
    ("guides/law-updates.md",
     "pause-docs law children act 2004 section 10 --nation wales --as-of 2026-12-01"),
])
def test_a_guides_example_is_the_real_output(page: str, command: str) -> None:
    text = (DOCS / page).read_text(encoding="utf-8")
    shown = text.split(f"{command}\n```\n```\n", 1)[1].split("```", 1)[0]
    result = CliRunner().invoke(main, ["--project", str(REPO), *command.split()[1:]])
    assert result.output == shown


def test_every_finding_names_its_rule_page_and_the_page_is_there() -> None:
    result = CliRunner().invoke(main, ["--project", str(REPO), "lint", "--as-of", "2026-11-21",
                                       "councils/lambeth"])
    pages = re.findall(r"^    see: (docs/rules/(\S+)\.md) \(or: pause-docs show rule \2\)$",
                       result.output, re.M)
    findings = re.findall(r": (?:error|warning|info): [a-z0-9-]+: ", result.output)
    assert len(pages) == len(findings) > 0
    assert [page for page, _ in pages if not (REPO / page).is_file()] == []
