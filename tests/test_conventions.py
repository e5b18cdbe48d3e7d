"""Commands behave alike: findings on stdout, the summary and progress on stderr (as ruff
does), one JSON shape of a problem for `validate`, `lint`, `audit` and `diff`, `--strict` read
the same way on `lint` and `build`, and `diff` of two files kept anywhere."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import REPO

from pause_docs.cli import main

NOTICE = "councils/cambridgeshire/childrens-safeguarding-privacy-notice.yaml"
PROBLEM = r"^[^\s:]+:\d+:\d+: (error|warning|info): [a-z0-9-]+: "


def run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--project", str(root), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def with_mistakes(project: Any) -> Path:
    """Cambridgeshire's real notice (which cites an Act that does not exist) and a document
    that does not validate."""
    root: Path = project(councils=("cambridgeshire",))
    broken = root / "councils" / "cambridgeshire" / "broken.yaml"
    broken.write_text("kind: privacy-notice\ntitle: [not, text]\n", encoding="utf-8")
    return root


def report_schema(root: Path) -> dict[str, Any]:
    code, out, _ = run(root, "schema", "report")
    assert code == 0
    schema: dict[str, Any] = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def test_validate_prints_problems_on_stdout_and_its_summary_on_stderr(
        with_mistakes: Path) -> None:
    code, out, err = run(with_mistakes, "validate")
    assert code == 1
    assert out and all(line.startswith("councils/cambridgeshire/broken.yaml:")
                       for line in out.splitlines()), out
    assert err.splitlines()[-1].endswith("error" if "1 error" in err else "errors"), err
    assert "broken.yaml" not in err  # the findings are not repeated where the summary goes


def test_lint_prints_findings_on_stdout_and_its_summary_on_stderr(with_mistakes: Path) -> None:
    (with_mistakes / "councils/cambridgeshire/broken.yaml").unlink()
    code, out, err = run(with_mistakes, "lint")
    assert code == 1
    assert "nonexistent-instrument" in out and "fix: " in out
    assert not any(line.endswith(("infos (as of 2026-12-06)",)) for line in out.splitlines())
    assert err.count("\n") == 1 and "errors" in err and "(as of " in err  # only the summary


def test_build_strict_prints_what_blocks_it_on_stdout_and_why_nothing_was_built_on_stderr(
        with_mistakes: Path) -> None:
    (with_mistakes / "councils/cambridgeshire/broken.yaml").unlink()
    code, out, err = run(with_mistakes, "build", "--strict", "errors", "--format", "html")
    assert code == 1
    assert "nonexistent-instrument" in out
    assert "not built (--strict)" in err and "nonexistent-instrument" not in err
    assert not (with_mistakes / "output").exists() or not any(
        (with_mistakes / "output").rglob("*.html"))


@pytest.mark.parametrize("args, fails_on_warnings", [
    (("--strict",), True), (("--strict=warnings",), True), (("--strict", "warnings"), True),
    (("--strict=errors",), False), (("--strict", "errors"), False), ((), False)])
def test_lint_reads_strict_as_build_does(project: Any, args: tuple[str, ...],
                                         fails_on_warnings: bool) -> None:
    root = project(councils=("middlesbrough",))
    screening = "councils/middlesbrough/north-east-pause-screening.yaml"
    code, out, _ = run(root, "lint", str(root / screening), *args)
    assert "warning:" in out and "error:" not in out  # a document with warnings only
    assert code == (1 if fails_on_warnings else 0)


def test_build_strict_followed_by_a_council_builds_that_council(project: Any) -> None:
    root = project(councils=("glanyrafon", "cambridgeshire"))
    code, out, err = run(root, "build", "--strict", "glanyrafon", "--format", "html")
    assert code == 0, out + err
    assert (root / "output" / "glanyrafon").is_dir()
    assert not (root / "output" / "cambridgeshire").exists()


def test_every_json_report_has_the_one_shape_of_a_problem(with_mistakes: Path,
                                                          tmp_path: Path) -> None:
    schema = report_schema(with_mistakes)
    code, out, _ = run(with_mistakes, "validate", "--format", "json")
    assert code == 1
    found = json.loads(out)
    jsonschema.validate(found, schema)
    assert found["problems"] and found["problems"][0]["path"].endswith("broken.yaml")
    (with_mistakes / "councils/cambridgeshire/broken.yaml").unlink()
    code, out, _ = run(with_mistakes, "lint", "--format", "json")
    jsonschema.validate(json.loads(out), schema)
    text = tmp_path / "notice.txt"
    text.write_text("We share your data under the Data Protection Act 1998.\n", encoding="utf-8")
    code, out, _ = run(with_mistakes, "audit", str(text), "--format", "json")
    audited = json.loads(out)
    jsonschema.validate(audited, schema)
    assert any(p["code"] for d in audited["documents"] for p in d["problems"])
    old = with_mistakes / NOTICE
    new = tmp_path / "new.yaml"
    new.write_text(old.read_text(encoding="utf-8").replace(
        "Children and Families Act 2017", "Children and Families Act 2014"), encoding="utf-8")
    code, out, _ = run(with_mistakes, "diff", str(old), str(new), "--council",
                       "cambridgeshire", "--format", "json")
    compared = json.loads(out)
    jsonschema.validate(compared, schema)
    assert any(p["code"] == "nonexistent-instrument" for p in compared["lint"]["fixed"])


def test_a_wrong_problem_does_not_pass_the_report_schema(with_mistakes: Path) -> None:
    schema = report_schema(with_mistakes)
    good = {"path": "a.yaml", "line": 1, "column": 2, "severity": "error", "code": "x-y",
            "message": "m", "fix": None, "rule": None}
    jsonschema.validate({"problems": [good]}, schema)
    for wrong in ({**good, "severity": "fatal"}, {**good, "line": "1"},
                  {k: v for k, v in good.items() if k != "code"}, {**good, "where": "a"}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({"problems": [wrong]}, schema)


def test_diff_of_two_files_kept_anywhere_gives_the_same_summary_as_inside(
        project: Any, tmp_path: Path) -> None:
    root = project(councils=("lambeth",))
    inside_old = root / "councils/lambeth/scoping-2017.yaml"
    inside_new = root / "councils/lambeth/scoping-2026.yaml"
    mail = tmp_path / "from-legal"
    mail.mkdir()
    old, new = mail / "notice v1.yaml", mail / "notice v2.yaml"
    shutil.copyfile(inside_old, old)
    shutil.copyfile(inside_new, new)
    code, inside, _ = run(root, "diff", str(inside_old), str(inside_new))
    code_out, outside, err = run(root, "diff", str(old), str(new), "--council", "lambeth")
    assert code == code_out == 0, outside + err
    def legal(text: str) -> list[str]:  # noqa: E306 - the changes, without the file names
        return [line for line in text.splitlines() if "→" in line]
    assert legal(inside) and legal(outside) == legal(inside)
    assert str(old) in outside


def test_diff_of_a_file_outside_a_council_says_to_name_the_council(project: Any,
                                                                   tmp_path: Path) -> None:
    root = project(councils=("lambeth",))
    loose = tmp_path / "notice.yaml"
    shutil.copyfile(REPO / "councils/lambeth/scoping-2026.yaml", loose)
    code, out, err = run(root, "diff", str(loose), str(root / "councils/lambeth/scoping-2017.yaml"))
    assert code == 2 and "--council SLUG" in err and "Traceback" not in err
    code, out, err = run(root, "diff", str(loose), str(loose), "--council", "nowhere")
    assert code == 2 and "no council 'nowhere'" in err


def test_no_finding_points_into_the_installed_package(project: Any) -> None:
    """An inherited value and a rule's source are named by what an officer can use (the
    registry id and `pause-docs law`, the programme and `pause-docs show`), never by a file
    inside site-packages; a finding about the package's own files keeps its location."""
    root = project(councils=("oxfordshire", "lambeth", "cambridgeshire"))
    code, out, err = run(root, "lint")
    words = [line.split(": ", 1)[1] if line.startswith("pause_docs/") else line
             for line in out.splitlines()]
    assert not [w for w in words if "pause_docs/" in w]
    assert "pause-docs law " in out and "pause-docs show programme pause" in out
    law = next(w for w in words if "see: pause-docs law " in w)
    ident = law.split("see: pause-docs law ", 1)[1].split()[0].rstrip(")")
    code, listed, _ = run(root, "show", "programme", "pause")
    assert code == 0 and listed == (REPO / "pause_docs/programmes/pause.yaml").read_text()
    assert ident  # an id `pause-docs law` finds


def test_no_page_prints_the_folder_of_the_installed_package(project: Any, tmp_path: Path
                                                           ) -> None:
    """A screening or DPIA names where each pre-filled answer was written: a file the tool
    ships is named under the tool's name, with the line `pause-docs show` prints it at."""
    root = project(councils=("oxfordshire",))
    code, out, err = run(root, "build", "--format", "html", "--output", str(tmp_path / "out"))
    assert code == 0, out + err
    pages = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "out").rglob("*.html")}
    assert not [name for name, text in pages.items() if "pause_docs/" in text]
    shipped = (REPO / "pause_docs/programmes/pause.yaml").read_text().splitlines()
    screening = pages["pause-dpia-screening.html"]
    assert "pause-docs/programmes/pause.yaml:" in screening
    for line in {int(n) for n in re.findall(r"pause-docs/programmes/pause\.yaml:(\d+)",
                                             screening)}:
        assert shipped[line - 1].strip(), line  # the line `show` prints the value at


def test_show_lists_and_prints_what_the_tool_ships_and_the_projects_own(project: Any) -> None:
    root = project()
    own = root / "councils/programmes/pause.yaml"
    own.parent.mkdir()
    code, listed, _ = run(root, "show", "programme")
    assert code == 0 and "pause\n" in listed
    code, text, err = run(root, "show", "programme", "pause")
    assert "save it as councils/programmes/pause.yaml" in err
    own.write_text(text.replace("name: Pause", "name: Ours", 1), encoding="utf-8")
    code, listed, _ = run(root, "show", "programme")
    assert "pause  (the project’s own)" in listed
    code, text, err = run(root, "show", "programme", "pause")
    assert "name: Ours" in text and "the project's own" in err
    code, _, err = run(root, "show", "form", "level-1-screenin")
    assert code == 2 and "did you mean 'level-1-screening'" in err
