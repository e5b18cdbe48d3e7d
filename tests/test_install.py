"""A council's own project: `init`, the package's law and look under the project's own files,
`registry`, and schemas that agree with `validate` (checked by check-jsonschema)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import REPO

from pause_docs import __version__
from pause_docs.cli import main
from pause_docs.scaffold.project import EXAMPLE
from pause_docs.scaffold.schemas import KIND_NAMES
from pause_docs.source import releases

CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def initialised(tmp_path: Path) -> Path:
    folder = tmp_path / "our-documents"
    code, out, err = run("init", str(folder), "--example")
    assert code == 0, err
    return folder


def test_init_makes_a_project_that_validates_and_says_what_it_wrote(initialised: Path) -> None:
    folder = initialised
    for name in ("README.md", ".gitignore", ".vscode/settings.json",
                 ".github/workflows/pause-docs.yml", "councils/example-council/council.yaml",
                 *(f"schemas/{kind}.json" for kind in KIND_NAMES)):
        assert (folder / name).is_file(), name
    assert (folder / ".gitignore").read_text() == "output/\n"
    workflow = yaml.safe_load((folder / ".github/workflows/pause-docs.yml").read_text())
    runs = [step.get("run") for step in workflow["jobs"]["documents"]["steps"]]
    assert runs[-4:] == ["pause-docs validate", "pause-docs lint --strict",
                         "pause-docs build --strict", None]  # then the pages kept
    apt = next(r for r in runs if r and "apt-get" in r)
    assert apt.startswith("sudo apt-get update && ")  # a stale package list fails installs
    assert "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0" in apt
    assert f'pip install "pause-docs=={__version__}"' in runs  # the version it was made with
    python = next(s for s in workflow["jobs"]["documents"]["steps"]
                  if "setup-python" in s.get("uses", ""))
    assert python["with"]["cache"] == "pip"
    settings = json.loads((folder / ".vscode/settings.json").read_text())
    assert settings["yaml.schemas"]["./schemas/council.json"] == ["councils/*/council.yaml"]
    council = (folder / "councils/example-council/council.yaml").read_text()
    assert council.startswith("# yaml-language-server: $schema=../../schemas/council.json\n")
    code, out, err = run("--project", str(folder), "validate")
    assert (code, out) == (0, ""), out  # no problem to report, on stdout where problems go
    assert err == "1 document valid; no problems\n"  # the summary, on stderr


def test_init_overwrites_nothing_and_refreshes_schemas_on_request(initialised: Path) -> None:
    readme = initialised / "README.md"
    readme.write_text("ours\n", encoding="utf-8")
    code, out, err = run("init", str(initialised))
    assert code == 2 and "already has README.md" in err and "nothing was written" in err
    assert readme.read_text() == "ours\n"
    (initialised / "schemas" / "council.json").write_text("{}", encoding="utf-8")
    code, out, err = run("init", str(initialised), "--schemas")
    assert code == 0 and "created schemas/council.json" in err
    assert json.loads((initialised / "schemas/council.json").read_text())["$id"].endswith(
        ":schema:council")
    assert readme.read_text() == "ours\n"


def test_the_packages_example_council_is_the_bundled_one() -> None:
    bundled = REPO / "councils" / "example-council"
    assert sorted(p.name for p in EXAMPLE.iterdir()) == sorted(p.name for p in bundled.iterdir())
    for file in bundled.iterdir():
        assert (EXAMPLE / file.name).read_bytes() == file.read_bytes(), file.name


def test_new_in_an_initialised_project_names_each_documents_schema(initialised: Path) -> None:
    code, out, err = run("--project", str(initialised), "new", "north-somerset",
                          "--programme", "pause")
    assert code == 0, err
    notice = (initialised / "councils/north-somerset/privacy-notice.yaml").read_text()
    assert notice.startswith("# yaml-language-server: $schema=../../schemas/privacy-notice.json\n")
    assert "pause-docs show programme pause" in notice  # where its defaults come from
    assert "pause_docs/" not in notice  # never a path inside the installed package
    council = (initialised / "councils/north-somerset/council.yaml").read_text()
    assert council.startswith("# yaml-language-server: $schema=../../schemas/council.json\n")


def test_a_projects_programme_and_section_replace_the_packages(initialised: Path) -> None:
    own = initialised / "councils" / "programmes" / "pause.yaml"
    own.parent.mkdir()
    text = (REPO / "pause_docs/programmes/pause.yaml").read_text(encoding="utf-8")
    own.write_text(text.replace("name: Pause", "name: Pause (our edition)", 1), encoding="utf-8")
    from pause_docs.source.loading import load_project

    project = load_project(initialised)
    assert project.programmes["pause"].name == "Pause (our edition)"
    assert project.programme_sources["pause"].path == "councils/programmes/pause.yaml"
    assert set(project.section_sources) >= {"whole-family-approach"}
    assert project.section_sources["whole-family-approach"].path.startswith(
        "pause_docs/sections/")


def test_registry_prints_its_version_and_the_changes_since_a_release(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    code, out, err = run("registry")
    assert code == 0 and out.startswith("legal registry 0.1.0 (")
    code, out, err = run("registry", "--changes-since", "0.0.1")
    assert code == 2 and "no release '0.0.1'; releases: 0.1.0" in err
    changes = tmp_path / "changes.yaml"
    changes.write_text("""\
releases:
  - version: 0.3.0
    date: 2027-03-01
    changes:
      - ids: [dpa2018-sch1-p8]
        change: Schedule 1 paragraph 8 amended.
  - version: 0.2.0
    date: 2027-01-01
    changes:
      - ids: [regulator]
        change: The regulator renamed.
  - version: 0.1.0
    date: 2026-12-02
""", encoding="utf-8")
    monkeypatch.setattr(releases, "CHANGES_FILE", changes)
    code, out, err = run("registry", "--changes-since", "0.1.0")
    assert code == 0, err
    assert out.splitlines() == [
        "legal registry 0.3.0 (2027-03-01), pause-docs 0.1.0",
        "0.3.0 (2027-03-01): Schedule 1 paragraph 8 amended. [dpa2018-sch1-p8]",
        "0.2.0 (2027-01-01): The regulator renamed. [regulator]",
        "to find the documents to check again: pause-docs where-used dpa2018-sch1-p8; "
        "pause-docs where-used regulator"]
    code, out, err = run("registry", "--changes-since", "0.3.0")
    assert out.splitlines()[1] == "no changes in the law since 0.3.0"


def test_the_registry_changelog_the_package_ships_is_valid() -> None:
    found, problems = releases.load_releases()
    assert problems == [] and found is not None
    from pause_docs import __version__

    assert found.releases[0].version == __version__


# --- schemas against every file, with check-jsonschema ------------------------------------------

def _kind(file: Path) -> str:
    for line in file.read_text(encoding="utf-8").splitlines():
        if line.startswith("kind:"):
            return line.split(":", 1)[1].strip()
    raise AssertionError(f"no kind in {file}")


def files_by_schema(*projects: Path) -> dict[str, list[Path]]:
    package = REPO / "pause_docs"
    wanted: dict[str, list[Path]] = {
        "programme": sorted((package / "programmes").glob("*.yaml")),
        "section": sorted((package / "sections").glob("*.yaml")),
        "registry": sorted(p for p in (package / "legal_bases").glob("*.yaml")
                           if p.name != "dpia-criteria.yaml"),
        "dpia-criteria": [package / "legal_bases" / "dpia-criteria.yaml"],
        "form": sorted([*(package / "forms").glob("*.yaml"),
                        *(REPO / "councils/forms").glob("*.yaml")]),
        "question-set": sorted((package / "forms/sets").glob("*.yaml")),
    }
    for root in projects:
        for file in sorted((root / "councils").glob("*/*.yaml")):
            if file.parent.name in ("forms", "programmes", "sections"):
                continue
            kind = "council" if file.name == "council.yaml" else _kind(file)
            wanted.setdefault(kind, []).append(file)
    return wanted


def check(schema_folder: Path, files: dict[str, list[Path]]) -> list[str]:
    failures = []
    for kind, paths in files.items():
        done = subprocess.run([str(CHECK_JSONSCHEMA), "--schemafile",
                               str(schema_folder / f"{kind}.json"), *map(str, paths)],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            failures.append(f"{kind}: {done.stdout}{done.stderr}")
    return failures


@pytest.mark.slow
def test_every_bundled_file_and_every_file_new_writes_passes_its_schema(
        initialised: Path) -> None:
    assert run("--project", str(initialised), "new", "north-somerset", "--programme",
               "pause", "--form", "equality-screening", "--form", "level-1-screening",
               "--form", "dpia-criteria", "--form", "equality-impact-assessment")[0] == 0
    files = files_by_schema(REPO, initialised)
    assert set(files) == set(KIND_NAMES)  # every kind has a file to check
    assert check(initialised / "schemas", files) == []


@pytest.mark.slow
def test_a_planted_mistake_fails_the_schema_as_it_fails_validate(initialised: Path) -> None:
    council = initialised / "councils/example-council/council.yaml"
    notice = initialised / "councils/example-council/family-help-privacy-notice.yaml"
    for file, old, new in ((council, "nation: england", "nation: englnd"),
                           (notice, "show_date: none", "show_dates: none")):
        text = file.read_text(encoding="utf-8")
        file.write_text(text.replace(old, new), encoding="utf-8")
        code, _, err = run("--project", str(initialised), "validate")
        assert code == 1, err
        failures = check(initialised / "schemas", {_schema_kind(file): [file]})
        assert failures, f"{new!r} passed the schema"
        file.write_text(text, encoding="utf-8")


def _schema_kind(file: Path) -> str:
    return "council" if file.name == "council.yaml" else _kind(file)


def test_pause_docs_schema_prints_what_init_writes(initialised: Path) -> None:
    code, out, _ = run("--project", str(initialised), "schema", "privacy-notice")
    assert out == (initialised / "schemas/privacy-notice.json").read_text()
    schema = json.loads(out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "purposes" not in schema.get("required", [])  # inherited from the programme


# --- build --strict: the publishing gate --------------------------------------------------------

@pytest.mark.slow
def test_build_strict_publishes_nothing_with_lint_errors_and_names_them(project) -> None:
    root = project(councils=("cambridgeshire", "middlesbrough"))
    out = root / "output"
    code, found, err = run("--project", str(root), "build", "--strict", "--format", "html")
    assert code == 1 and not out.exists()
    lines = err.splitlines()  # why nothing was built, on stderr; the findings on stdout
    assert lines[-1].startswith("not built (--strict): 3 errors in 1 file: "
                                "councils/cambridgeshire/childrens-safeguarding-privacy-notice")
    assert sum(": error: " in line for line in found.splitlines()) == 3
    # a council without lint errors is built; its one warning stops it only with =warnings
    code, out_text, err = run("--project", str(root), "build", "--strict", "middlesbrough",
                              "--format", "html")
    assert code == 0, err
    assert (out / "middlesbrough" / "north-east-pause-screening.html").is_file()
    code, _, err = run("--project", str(root), "build", "--strict=warnings", "middlesbrough",
                       "--format", "html", "--force")
    assert code == 1 and err.splitlines()[-1] == (
        "not built (--strict=warnings): 1 warning in 1 file: "
        "councils/middlesbrough/north-east-pause-screening.yaml")


@pytest.mark.slow
def test_the_scaffolded_workflow_is_valid_for_github_actions(initialised: Path) -> None:
    workflow = initialised / ".github/workflows/pause-docs.yml"
    done = subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows",
                           str(workflow)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    broken = initialised / "broken.yml"
    broken.write_text(workflow.read_text().replace("runs-on:", "run-on:"), encoding="utf-8")
    done = subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows",
                           str(broken)], capture_output=True, text=True, check=False)
    assert done.returncode == 1  # the check can fail
