"""The command line end to end: help, build into output/, exit codes, schema, docs."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import COUNCIL_YAML, REPO

from pause_docs.cli import main

COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_is_in_a_guide(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
    guides = [p.read_text(encoding="utf-8") for folder in ("guides", "get-started")
              for p in (REPO / "docs" / folder).glob("*.md")]
    assert any(f"pause-docs {command}" in page for page in guides)


@pytest.mark.slow
def test_build_writes_html_and_pdf_then_skips_unchanged(project, tmp_path: Path) -> None:
    root = project(councils=("lambeth", "middlesbrough", "oxfordshire"))
    for name in ("pause-equality-screening", "pause-equality-impact-assessment", "pause-dpia"):
        (root / "councils" / "oxfordshire" / f"{name}.yaml").unlink()  # PDFs take time
    out = tmp_path / "out"
    runner = CliRunner()
    first = runner.invoke(main, ["--project", str(root), "build", "--output", str(out), "-j", "1"])
    assert first.exit_code == 0, first.output
    assert first.output.startswith("built 5 documents, skipped 0 (up to date), 0 failed in ")
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.*") if
                  not p.name.startswith(".")) == [
        f"{document}.{suffix}" for document in (
            "lambeth/scoping-2017", "lambeth/scoping-2026",
            "middlesbrough/north-east-pause-screening", "oxfordshire/pause-dpia-screening",
            "oxfordshire/pause-privacy-notice") for suffix in ("docx", "html", "pdf")]
    second = runner.invoke(main, ["--project", str(root), "build", "--output", str(out)])
    assert second.output.startswith("built 0 documents, skipped 5 (up to date), 0 failed")
    only = runner.invoke(main, ["--project", str(root), "build", "lambeth", "--format", "html",
                                "--output", str(out), "--force"])
    assert only.output.startswith("built 2 documents, skipped 0 (up to date), 0 failed"), \
        only.output


def test_build_of_an_unknown_council_is_a_located_usage_error(project) -> None:
    root = project(councils=("lambeth",))
    result = CliRunner().invoke(main, ["--project", str(root), "build", "lambth"])
    assert result.exit_code == 2 and not (root / "output").exists()
    assert ("councils/lambth: error: unknown-council: no council 'lambth' "
            "(did you mean 'lambeth'?)") in result.output


@pytest.mark.parametrize("command", ["validate", "lint", "translations"])
def test_a_path_that_selects_no_document_is_a_located_usage_error(
        project, tmp_path: Path, monkeypatch, command: str) -> None:
    """A path outside the project, or one holding no document, used to check nothing and
    say "no problems"; a path given from the wrong folder names the one it meant."""
    root = project(councils=("lambeth",))
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "notice.yaml").write_text("kind: privacy-notice\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def run(path: str) -> str:
        result = runner.invoke(main, ["--project", str(root), command, path])
        assert result.exit_code == 2, result.output
        return result.output

    assert ": error: outside-project: is not in the project at " in run(str(other))
    assert "councils/forms: error: no-documents: holds no document: give a council's " \
        "folder (councils/NAME)" in run(str(root / "councils" / "forms"))
    assert (f"councils/lambeth: error: no-such-file: no such file or folder: paths are read "
            f"from the folder you are in ({tmp_path}); did you mean "
            f"{root.relative_to(tmp_path)}/councils/lambeth?") in run("councils/lambeth")
    parent = runner.invoke(main, ["--project", str(root), command, str(tmp_path)])
    assert "no-documents" not in parent.output and "outside-project" not in parent.output


def test_a_broken_document_does_not_stop_the_others(project, tmp_path: Path) -> None:
    root = project({"councils/example/council.yaml": COUNCIL_YAML,
                    "councils/example/broken.yaml": "kind: privacy-notice\n"},
                   councils=("lambeth", "oxfordshire"))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["--project", str(root), "build", "--format", "html",
                                       "--output", str(out)])
    assert result.exit_code == 1
    assert "councils/example/broken.yaml:1:1: error: missing-key:" in result.output
    assert (out / "lambeth" / "scoping-2017.html").exists()


def test_usage_errors_exit_2_and_outside_a_project_is_explained(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["build", "--format", "rtf"]).exit_code == 2
    result = runner.invoke(main, ["--project", str(tmp_path), "validate"])
    assert result.exit_code == 2 and "no 'councils/' folder" in result.output


def test_schema_is_json_schema_with_descriptions() -> None:
    result = CliRunner().invoke(main, ["schema", "privacy-notice"])
    schema = json.loads(result.output)
    assert schema["additionalProperties"] is False
    assert "published" in schema["required"]
    assert schema["properties"]["legal_bases"]["description"].startswith("The law")


def test_module_entry_point_and_help_do_not_import_weasyprint() -> None:
    code = ("import sys, runpy; sys.argv=['pause-docs','--help'];\n"
            "try: runpy.run_module('pause_docs', run_name='__main__')\n"
            "except SystemExit: pass\n"
            "assert 'weasyprint' not in sys.modules\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert "Usage: pause-docs" in done.stdout


@pytest.mark.slow
def test_quiet_and_verbose_on_every_command_and_never_a_colour(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(REPO / "councils" / "lambeth", root / "councils" / "lambeth")
    runner = CliRunner()
    for command in main.commands.values():  # every command takes both
        names = {n for p in command.params for n in p.opts}
        assert {"-q", "--quiet", "-v", "--verbose"} <= names, command.name
    new = runner.invoke(main, ["--project", str(root), "new", "camden", "-q"])
    assert new.exit_code == 0 and new.output == "", new.output  # nothing but problems
    out = str(tmp_path / "out")
    verbose = runner.invoke(main, ["--project", str(root), "-v", "build", "lambeth",
                                   "--format", "html", "--output", out])
    assert verbose.output.splitlines()[:4] == [
        "built councils/lambeth/scoping-2017.yaml", "built councils/lambeth/scoping-2026.yaml",
        "wrote lambeth/scoping-2017.html", "wrote lambeth/scoping-2026.html"]
    lambeth = str(root / "councils" / "lambeth")
    quiet = runner.invoke(main, ["--project", str(root), "lint", lambeth, "-q"],
                          env={"NO_COLOR": "1"})
    assert "misnamed-instrument" in quiet.output and "    fix:" not in quiet.output
    assert "\x1b" not in quiet.output
    loud = runner.invoke(main, ["--project", str(root), "lint", lambeth])
    assert "    fix:" in loud.output and "\x1b" not in loud.output


@pytest.mark.parametrize("command", COMMANDS)
def test_help_lists_each_command_as_its_own_help_begins(command: str) -> None:
    """`--help` lists the commands from a table, without importing them: each line must be
    what click would print from the command itself, at every width."""
    from pause_docs.cli import summary

    for limit in (20, 45, 60, 80, 200, 1000):
        assert summary(command, limit) == main.commands[command].get_short_help_str(limit)


def test_help_and_a_command_import_only_what_they_need() -> None:
    code = ("import json, sys; from click.testing import CliRunner; from pause_docs.cli import "
            "main; CliRunner().invoke(main, sys.argv[1:]); print(json.dumps(sorted("
            "m for m in sys.modules if m.startswith('pause_docs.cli.'))))")
    for args, modules in ((["--help"], ["output"]),
                          (["where-used", "--help"], ["checking", "output", "setup_commands"]),
                          (["validate", "--help"], ["making", "output", "setup_commands"])):
        done = subprocess.run([sys.executable, "-c", code, *args], cwd=REPO,
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout) == [f"pause_docs.cli.{m}" for m in modules], args


def test_every_command_the_modules_define_is_in_the_table() -> None:
    import importlib

    import click

    from pause_docs.cli import COMMANDS as TABLE

    defined = {value.name: (module, attribute)
               for module in ("making", "checking", "lookup", "setup_commands")
               for attribute, value in vars(importlib.import_module(
                   f"pause_docs.cli.{module}")).items() if isinstance(value, click.Command)}
    assert defined == {name: (module, attribute) for name, (module, attribute, _)
                       in TABLE.items()}


def test_a_command_collects_garbage_less_often_and_the_library_keeps_pythons_pace() -> None:
    """The command line sets the collector's thresholds; importing the library does not."""
    import gc

    from pause_docs.cli import COLLECTOR_THRESHOLDS

    before = gc.get_threshold()  # another test may have run a command in this process
    try:
        gc.set_threshold(700, 10, 10)  # Python's own
        code = ("import gc; import pause_docs.cli, pause_docs.build, pause_docs.source.loading;"
                " print(gc.get_threshold())")
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert done.stdout.strip() == "(700, 10, 10)", done.stderr
        assert CliRunner().invoke(main, ["schema", "council"]).exit_code == 0
        assert gc.get_threshold() == COLLECTOR_THRESHOLDS
    finally:
        gc.set_threshold(*before)
