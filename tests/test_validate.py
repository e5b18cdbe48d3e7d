"""Validation reports every mistake in one pass, located, in words people use."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from conftest import COUNCIL_YAML

from pause_docs.cli import main


def run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--project", str(root), *args])
    return result.exit_code, result.output


def test_three_planted_mistakes_give_exactly_three_located_errors(project) -> None:
    root = project({
        "councils/example/council.yaml": COUNCIL_YAML,
        "councils/example/notice.yaml": (
            "kind: fair-processing-notice\n"
            "titel: Fair processing notice\n"          # misspelt key
            "published: [2017]\n"                      # wrong type
            "programme: pause\n"
            "legal_bases:\n"
            "  - provision: dpa-1988-sch2\n"           # unknown legal-basis id
        ),
    })
    code, output = run(root, "validate")
    assert code == 1
    assert output == (
        "councils/example/notice.yaml:2:1: error: unknown-key: unknown key 'titel' in document"
        " (did you mean 'title'?)\n"
        "councils/example/notice.yaml:3:12: error: wrong-type: published: expected a date "
        "written as YYYY-MM-DD, found a list\n"
        "councils/example/notice.yaml:6:16: error: unknown-legal-basis: 'dpa-1988-sch2' is not"
        " in the legal registry (did you mean 'dpa1998-sch2'?)\n"
        "3 errors\n"
    )


def test_problems_in_several_files_are_all_reported_sorted(project) -> None:
    root = project({
        "councils/example/council.yaml": COUNCIL_YAML.replace("nation: england",
                                                              "nation: englnd"),
        "councils/other/council.yaml": COUNCIL_YAML + "dpo:\n  name: x\n",
        "councils/other/notice.yaml": "kind: [\n",
    })
    code, output = run(root, "validate")
    assert code == 1
    lines = output.splitlines()
    assert lines == [
        "councils/example/council.yaml:4:9: error: invalid-value: nation: 'englnd' is not one "
        "of: england, wales, scotland, northern-ireland (did you mean 'england'?)",
        "councils/other/council.yaml:10:1: error: duplicate-key: duplicate key 'dpo' "
        "(first at line 7)",
        "councils/other/notice.yaml:2:1: error: yaml-syntax: expected the node content, "
        "but found '<stream end>'",
        "3 errors",
    ]


def test_unknown_programme_right_and_variable_are_reported(project) -> None:
    root = project({
        "councils/example/council.yaml": COUNCIL_YAML,
        "councils/example/notice.yaml": (
            "kind: privacy-notice\ntitle: t\npublished: 2026-01-01\nprogramme: pause\n"
            "summary: Hello from {{ council.nme }}\n"
            "rights:\n  - right: acess\n"
        ),
        "councils/example/other.yaml": (
            "kind: privacy-notice\ntitle: t\npublished: 2026-01-01\nprogramme: paws\n"
            "sections: [{text: hi}]\n"
        ),
    })
    code, output = run(root, "validate")
    assert code == 1
    assert ("councils/example/notice.yaml:5:10: error: unknown-variable: unknown variable "
            "'{{ council.nme }}' (did you mean 'council.name'?)") in output
    assert ("councils/example/notice.yaml:7:12: error: unknown-right: 'acess' is not in the "
            "registry (did you mean 'access'?)") in output
    assert ("councils/example/other.yaml:4:12: error: unknown-programme: no programme 'paws' "
            "in the package's library or in councils/programmes/ (did you mean 'pause'?)"
            ) in output


def test_programme_text_is_filled_from_the_council(project) -> None:
    from pause_docs.source.loading import load_project

    root = project({
        "councils/example/council.yaml": COUNCIL_YAML,
        "councils/example/notice.yaml": ("kind: privacy-notice\ntitle: t\n"
                                         "published: 2026-01-01\nprogramme: pause\n"),
    })
    loaded = load_project(root)
    assert loaded.problems == []
    (doc,) = loaded.documents
    assert "research into Example case files to understand" in (doc.model.purpose or "")
    # inherited from the programme, with the regulator's name as on the publication date
    assert "Information Commissioner's Office" in (doc.model.complaints.to_regulator or "")


def test_a_missing_variable_value_names_the_field_to_add(project) -> None:
    root = project({
        "councils/example/council.yaml": COUNCIL_YAML.replace("case_files: Example case files\n",
                                                              ""),
        "councils/example/notice.yaml": ("kind: privacy-notice\ntitle: t\n"
                                         "published: 2026-01-01\nprogramme: pause\n"),
    })
    code, output = run(root, "validate")
    assert code == 1
    (line, total) = output.splitlines()
    # at the document's programme: line, naming the bundled programme, not its file
    assert line.startswith("councils/example/notice.yaml:4:1: error: missing-variable: the text "
                           "uses '{{ council.case_files }}' but it has no value: add "
                           "'case_files' to councils/example/council.yaml, for "
                           "councils/example/notice.yaml (inherited from the programme "
                           "'pause', line ")
    assert line.endswith(": pause-docs show programme pause)")
    assert total == "1 error"


def test_a_new_site_lists_every_todo_until_filled(project) -> None:
    root = project()
    code, output = run(root, "new", "north-example", "--programme", "pause")
    assert code == 0, output
    assert "created councils/north-example/council.yaml" in output
    code, output = run(root, "validate", str(root / "councils/north-example"))
    assert code == 1
    todos = [line for line in output.splitlines() if ": error: todo: " in line]
    assert len(todos) == 17  # the council file and two notices (each with the retention
    # the programme does not give): screenings only on request
    assert todos[0] == ("councils/north-example/council.yaml:3:7: error: todo: name is still to "
                        "be filled in: 'TODO full legal name, e.g. Northshire County Council'")
    assert all(": error: todo: " in line for line in output.splitlines()[:-1])


def test_a_screening_inheriting_a_missing_notice_is_told_so_at_its_own_file(project) -> None:
    root = project({"councils/example/council.yaml": COUNCIL_YAML,
                    "councils/example/screening.yaml": (
                        "kind: dpia-screening\nprogramme: pause\npublished: 2026-01-01\n")})
    code, output = run(root, "validate")
    assert code == 1
    assert output.startswith(
        "councils/example/screening.yaml:2:12: error: unknown-notice: no notice "
        "'privacy-notice' in councils/example/ (the screening takes 'notice:' from its "
        "programme: give its own 'notice:' to name the notice it screens)\n"), output


def test_new_refuses_a_bad_name_or_an_existing_council(project) -> None:
    root = project({"councils/example/council.yaml": COUNCIL_YAML})
    code, output = run(root, "new", "../evil")
    assert code == 2 and "cannot be a council name" in output
    code, output = run(root, "new", "example")
    assert code == 2 and "already exists" in output
    code, output = run(root, "new", "fresh", "--programme", "paws")
    assert code == 2 and "did you mean 'pause'?" in output


def test_bundled_project_is_valid() -> None:
    from conftest import REPO

    from pause_docs.source.loading import load_project

    loaded = load_project(REPO)
    assert loaded.problems == []
    assert {(d.council_slug, d.slug) for d in loaded.documents} >= {
        ("lambeth", "scoping-2017"), ("oxfordshire", "pause-privacy-notice"),
        ("example-council", "family-help-privacy-notice"),
        ("middlesbrough", "north-east-pause-screening"), ("oxfordshire", "pause-dpia-screening")}
