"""What is published is never stale: a build stopped part-way, a reusable section, a withdrawn
document, two builds at once and linked files all leave output/ exactly as a fresh build
would.  (Real interruptions of real processes: test_interruptions.py.)"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import COUNCIL_YAML, REPO

from pause_docs.build import build
from pause_docs.build.manifest import MANIFEST
from pause_docs.build.writer import output_lock
from pause_docs.cli import main
from pause_docs.source.errors import OutputError

NOTICE = "kind: privacy-notice\ntitle: A notice\npublished: 2026-01-01\nprogramme: pause\n"


def published(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes()
            for p in sorted(out.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def rename_councils(root: Path, prefix: str) -> None:
    for path in sorted((root / "councils").glob("*/council.yaml")):
        text = re.sub(r"^name: ", f"name: {prefix}", path.read_text(encoding="utf-8"), count=1,
                      flags=re.M)
        path.write_text(text, encoding="utf-8")


def cli(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--project", str(root), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


# --- 1. a build stopped part-way -------------------------------------------------------------

@pytest.mark.slow
def test_a_build_stopped_after_one_document_leaves_the_rest_to_be_made(project,
                                                                       tmp_path: Path) -> None:
    root = project(councils=("lambeth", "oxfordshire", "middlesbrough"))
    out = tmp_path / "out"
    documents = sum(len(list((root / "councils" / c).glob("*.yaml"))) - 1  # not council.yaml
                    for c in ("lambeth", "oxfordshire", "middlesbrough"))
    assert len(build(root, out, "html", jobs=1).built) == documents
    rename_councils(root, "Renamed ")
    expected = tmp_path / "expected"
    build(root, expected, "html", jobs=1, force=True)

    def stop(done: int) -> None:  # Ctrl-C once the first council's documents are made
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build(root, out, "html", jobs=1, on_progress=stop)
    after = build(root, out, "html", jobs=1)
    assert after.skipped == ["councils/lambeth/scoping-2017.yaml",
                             "councils/lambeth/scoping-2026.yaml"]  # not "skipped all"
    assert len(after.built) == documents - 2
    assert published(out) == published(expected)
    assert build(root, out, "html", jobs=1).built == []


def test_a_file_edited_during_a_build_is_made_again_by_the_next(project,
                                                                tmp_path: Path) -> None:
    root = project(councils=("lambeth",))
    out = tmp_path / "out"
    council = root / "councils" / "lambeth" / "council.yaml"

    def edit_once(done: int) -> None:  # the council changes after the first document is made
        if "Edited" not in council.read_text(encoding="utf-8"):
            rename_councils(root, "Edited ")

    first = build(root, out, "html", jobs=1, on_progress=edit_once)
    assert len(first.built) == 2
    again = build(root, out, "html", jobs=1)
    assert len(again.built) == 2  # both were made from a council file that has changed
    assert all(b"Edited London Borough" in data for data in published(out).values())


# --- 2. reusable sections --------------------------------------------------------------------

@pytest.mark.slow
def test_the_first_build_after_any_build_makes_nothing(project, tmp_path: Path) -> None:
    root = project(councils=("cambridgeshire", "oxfordshire"))  # sections, a DPIA screening
    out = tmp_path / "out"
    for options in ({}, {"force": True}, {}):
        build(root, out, "html", jobs=1, **options)  # type: ignore[arg-type]
        assert build(root, out, "html", jobs=1).built == []


def test_changing_a_reusable_section_remakes_the_documents_using_it(project,
                                                                    tmp_path: Path) -> None:
    root = project(councils=("cambridgeshire", "lambeth"))
    section = root / "councils" / "sections" / "whole-family-approach.yaml"  # over the package's
    section.parent.mkdir()
    shutil.copy(REPO / "pause_docs" / "sections" / section.name, section)
    out = tmp_path / "out"
    build(root, out, "html", jobs=1)
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace("we always take", "we take", 1), encoding="utf-8")
    assert build(root, out, "html", jobs=1).built == [  # not Lambeth's
        "councils/cambridgeshire/childrens-safeguarding-privacy-notice.yaml",
        "councils/cambridgeshire/childrens-safeguarding-young-people.yaml"]  # a layer of it
    assert b"we take" in (out / "cambridgeshire" /
                          "childrens-safeguarding-privacy-notice.html").read_bytes()


# --- 3. withdrawn documents ------------------------------------------------------------------

@pytest.mark.slow
def test_a_withdrawn_document_or_council_is_unpublished_and_nothing_else(project,
                                                                        tmp_path: Path) -> None:
    root = project(councils=("lambeth", "middlesbrough", "oxfordshire"))
    out = tmp_path / "out"
    cli(root, "build", "--output", str(out), "-j", "1")
    own = {"index.html": b"the council's own page", "lambeth/notes.pdf": b"its own file",
           "lambeth/scoping-2017.html.bak": b"a copy"}
    for name, data in own.items():
        (out / name).write_bytes(data)
    (root / "councils" / "lambeth" / "scoping-2017.yaml").unlink()
    shutil.rmtree(root / "councils" / "middlesbrough")
    code, output = cli(root, "build", "--output", str(out), "-j", "1")
    assert code == 0, output
    assert output.splitlines() == [
        "removed lambeth/scoping-2017.docx, lambeth/scoping-2017.html, "
        "lambeth/scoping-2017.pdf: councils/lambeth/scoping-2017.yaml is gone",
        "removed middlesbrough/north-east-pause-screening.docx, "
        "middlesbrough/north-east-pause-screening.html, "
        "middlesbrough/north-east-pause-screening.pdf: "
        "councils/middlesbrough/north-east-pause-screening.yaml is gone",
        output.splitlines()[-1]]
    assert output.splitlines()[-1].startswith(
        "built 0 documents, skipped 6 (up to date), 0 failed, removed 2 withdrawn documents in ")
    assert not (out / "middlesbrough").exists()
    assert sorted(published(out)) == sorted([
        *own, *(f"lambeth/scoping-2026.{suffix}" for suffix in ("html", "pdf", "docx")),
        *(f"oxfordshire/{f.stem}.{suffix}"
          for f in (root / "councils" / "oxfordshire").glob("*.yaml")
          if f.name != "council.yaml" for suffix in ("html", "pdf", "docx"))])
    assert all((out / name).read_bytes() == data for name, data in own.items())
    assert cli(root, "build", "--output", str(out))[1].startswith("built 0 documents, skipped 6")


def test_a_build_of_some_councils_unpublishes_only_theirs(project, tmp_path: Path) -> None:
    root = project(councils=("lambeth", "middlesbrough"))
    out = tmp_path / "out"
    build(root, out, "html", jobs=1)
    (root / "councils" / "lambeth" / "scoping-2017.yaml").unlink()
    (root / "councils" / "middlesbrough" / "north-east-pause-screening.yaml").unlink()
    report = build(root, out, "html", councils=["lambeth"], jobs=1)
    assert report.removed == {"councils/lambeth/scoping-2017.yaml": ["lambeth/scoping-2017.html"]}
    assert (out / "middlesbrough" / "north-east-pause-screening.html").exists()
    assert build(root, out, "html", jobs=1).removed == {
        "councils/middlesbrough/north-east-pause-screening.yaml":
            ["middlesbrough/north-east-pause-screening.html"]}


# --- 4. two builds at once -------------------------------------------------------------------

def test_a_second_build_waits_for_the_first_then_says_one_is_running(project,
                                                                     tmp_path: Path) -> None:
    root = project(councils=("lambeth",))
    out = tmp_path / "out"
    heard: list[str] = []
    with output_lock(out), pytest.raises(OutputError) as refused:
        build(root, out, "html", jobs=1, lock_wait=0.3, on_wait=heard.append)
    assert heard == [f"waiting up to 0.3 s: another pause-docs build (process "
                     f"{os.getpid()}) is writing to {out}"]
    assert refused.value.format_message() == (
        f"another pause-docs build (process {os.getpid()}) is writing to {out}: "
        "wait for it to finish and build again, or build into another folder with --output")
    assert refused.value.exit_code == 1
    assert len(build(root, out, "html", jobs=1, lock_wait=0.3).built) == 2  # lock let go


@pytest.mark.slow
def test_two_builds_at_once_keep_every_record(project, tmp_path: Path) -> None:
    root = project(councils=("lambeth", "oxfordshire", "middlesbrough", "cambridgeshire"))
    out = tmp_path / "out"
    command = [sys.executable, "-m", "pause_docs", "--project", str(root), "build",
               "--format", "html", "--output", str(out), "-j", "1", "-q"]
    waits = {**os.environ, "PAUSE_DOCS_LOCK_WAIT": "600"}  # however slow the machine is
    runs = [subprocess.Popen([*command, *councils], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env=waits)
            for councils in (["lambeth", "oxfordshire"], ["middlesbrough", "cambridgeshire"])]
    for run in runs:
        stdout, stderr = run.communicate(timeout=1200)
        assert run.returncode == 0, stdout + stderr
    assert build(root, out, "html", jobs=1).built == []  # neither lost the other's records


# --- 5. symbolic links -----------------------------------------------------------------------

@pytest.mark.slow
def test_linked_documents_and_council_folders_inside_the_project_are_built(
        project, tmp_path: Path) -> None:
    root = project({"councils/example/council.yaml": COUNCIL_YAML,
                    "shared-notices/notice.yaml": NOTICE}, councils=("lambeth",))
    (root / "councils" / "example" / "linked.yaml").symlink_to(root / "shared-notices" /
                                                               "notice.yaml")
    (root / "councils" / "lambeth-copy").symlink_to("lambeth")
    code, output = cli(root, "validate")
    assert code == 0 and output == "5 documents valid; no problems\n", output
    report = build(root, tmp_path / "out", "html", jobs=1)
    assert report.failed == [] and not report.problems
    assert sorted(report.built) == [
        "councils/example/linked.yaml", "councils/lambeth-copy/scoping-2017.yaml",
        "councils/lambeth-copy/scoping-2026.yaml", "councils/lambeth/scoping-2017.yaml",
        "councils/lambeth/scoping-2026.yaml"]
    assert (tmp_path / "out" / "lambeth-copy" / "scoping-2017.html").is_file()


def test_a_link_out_of_the_project_is_refused_where_it_is(project, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(NOTICE, encoding="utf-8")
    root = project({"councils/example/council.yaml": COUNCIL_YAML})
    (root / "councils" / "example" / "notice.yaml").symlink_to(outside)
    expected = (f"councils/example/notice.yaml: error: outside-project: a symbolic link to "
                f"{outside}, outside the project: pause-docs reads only the project's own "
                "files (copy the file into the project instead)")
    assert cli(root, "validate") == (1, f"{expected}\n1 error\n")
    code, output = cli(root, "build", "--output", str(tmp_path / "out"))
    assert code == 1
    assert output.splitlines()[1:] == [expected, "1 error"]
    assert output.startswith("built 0 documents, skipped 0 (up to date), 1 failed in ")


def test_a_document_that_fails_for_no_reported_reason_still_fails_loudly(
        project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pause_docs.build.workers as workers

    root = project(councils=("lambeth",))
    monkeypatch.setattr(workers.Worker, "_make", lambda *args: None)  # fails, says nothing
    code, output = cli(root, "build", "--output", str(tmp_path / "out"), "-j", "1")
    assert code == 1
    assert ("councils/lambeth/scoping-2017.yaml: error: internal-error: this document was not "
            "built and no reason was found; this is a bug in pause-docs: please report it"
            ) in output


# --- the manifest itself ---------------------------------------------------------------------

@pytest.mark.slow
def test_an_older_manifest_still_lets_withdrawn_pages_be_removed(project,
                                                                 tmp_path: Path) -> None:
    root = project(councils=("lambeth",))
    out = tmp_path / "out"
    build(root, out, "html", jobs=1)
    older = ('{"manifest":3,"tool":"x","files":{},"shared":[],"shared_clean":true,"maps":{},'
             '"documents":{"councils/lambeth/scoping-2017.yaml":{"outputs":{"html":1}}}}')
    (out / MANIFEST).write_text(older, encoding="utf-8")
    (root / "councils" / "lambeth" / "scoping-2017.yaml").unlink()
    report = build(root, out, "html", jobs=1)
    assert report.removed == {"councils/lambeth/scoping-2017.yaml": ["lambeth/scoping-2017.html"]}


@pytest.mark.slow
def test_an_html_only_build_says_which_pdfs_it_left_behind(project, tmp_path: Path) -> None:
    root = project(councils=("lambeth",))
    out = tmp_path / "out"
    build(root, out, "all", jobs=1)
    assert build(root, out, "html", jobs=1, force=True).problems == []  # pages unchanged
    rename_councils(root, "Renamed ")
    code, output = cli(root, "build", "--format", "html", "--output", str(out))
    assert code == 0
    assert output.splitlines()[:4] == [
        f"councils/lambeth/{slug}.yaml: warning: old-{suffix}: lambeth/{slug}.html "
        f"changed, but lambeth/{slug}.{suffix} was not made again (--format html): build with "
        f"--format {suffix} or all before publishing it"
        for slug in ("scoping-2017", "scoping-2026") for suffix in ("docx", "pdf")]
    assert len(build(root, out, "all", jobs=1).built) == 2  # the PDFs are made, not skipped


# --- languages -------------------------------------------------------------------------------

@pytest.mark.slow
def test_a_language_dropped_or_a_document_withdrawn_unpublishes_its_other_language_pages(
        project, tmp_path: Path) -> None:
    root = project(councils=("glanyrafon",))
    out = tmp_path / "out"
    council = root / "councils" / "glanyrafon" / "council.yaml"
    notice = "glanyrafon/pause-privacy-notice"
    first = build(root, out, "all", jobs=1)
    assert not [p for p in first.problems if p.severity == "error"], first.problems
    assert {f"{notice}.{v}" for v in ("html", "pdf", "docx", "cy.html", "cy.pdf", "cy.docx")
            } <= set(published(out))
    assert build(root, out, "all", jobs=1).built == []  # the Welsh files are up to date too

    (out / f"{notice}.cy.html").unlink()  # a page deleted by hand is made again
    source = "councils/glanyrafon/pause-privacy-notice.yaml"
    assert build(root, out, "html", jobs=1).built == [source]

    council.write_text(council.read_text().replace("languages: [en, cy]", "languages: [en]"))
    dropped = build(root, out, "all", jobs=1)
    assert dropped.dropped == {source: [
        f"{notice}.cy.docx", f"{notice}.cy.html", f"{notice}.cy.pdf"]}
    assert not [f for f in published(out) if ".cy." in f]

    council.write_text(council.read_text().replace("languages: [en]", "languages: [en, cy]"))
    build(root, out, "html", jobs=1)
    assert (out / f"{notice}.cy.html").is_file()
    (root / "councils" / "glanyrafon" / "pause-privacy-notice.yaml").unlink()
    build(root, out, "html", jobs=1)
    assert not [f for f in published(out) if f.startswith(notice)]
