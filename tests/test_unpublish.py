"""Withdrawing a document removes only the files the tool made for it: never the council's
own files beside them, however they are named; a logo copied beside the pages is recorded
and removed when the council shows another or has no document left; a file written by a
build killed before it could record it is still known as the tool's."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from conftest import COUNCIL_YAML

from pause_docs.build import build
from pause_docs.build.writer import JOURNAL, STOP_AT

NOTICE = ("kind: privacy-notice\ntitle: Help\npublished: 2026-07-01\nsummary: Help.\n"
          "sections:\n  - heading: What we do\n    show: summary\n")
SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 2"><rect width="4" height="2"/></svg>'


def files(out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in out.rglob("*")
            if p.is_file() and not p.name.startswith(".pause-docs")}


def test_a_withdrawn_document_leaves_the_councils_own_files_named_like_its_pages(
        project, tmp_path: Path) -> None:
    root = project(councils=("lambeth",))
    out = tmp_path / "out"
    build(root, out, "html", jobs=1)
    own = ["lambeth/scoping-2017.fr.html", "lambeth/scoping-2017.cy.pdf",
           "lambeth/scoping-2017.pl.docx", "lambeth/scoping-2017.en.html"]
    for name in own:
        (out / name).write_text("the council's own file")
    (root / "councils/lambeth/scoping-2017.yaml").unlink()
    report = build(root, out, "html", jobs=1)
    assert report.removed == {"councils/lambeth/scoping-2017.yaml": ["lambeth/scoping-2017.html"]}
    assert files(out) == {*own, "lambeth/scoping-2026.html"}


def test_a_logo_is_recorded_and_removed_when_replaced_or_when_its_last_page_goes(
        project, tmp_path: Path) -> None:
    logo = "logo:\n  file: crest.svg\n  alt: Example Borough Council\n"
    root = project({"councils/example/council.yaml": COUNCIL_YAML + logo,
                    "councils/example/crest.svg": SVG, "councils/example/notice.yaml": NOTICE,
                    "councils/example/leaflet.yaml": NOTICE})
    out = tmp_path / "out"
    build(root, out, "html", jobs=1)
    assert "example/crest.svg" in files(out)
    council = root / "councils/example/council.yaml"
    (root / "councils/example/shield.svg").write_text(SVG)
    council.write_text(council.read_text().replace("crest.svg", "shield.svg"))
    report = build(root, out, "html", jobs=1)
    assert report.retired == ["example/crest.svg"] and not report.problems
    assert files(out) == {"example/shield.svg", "example/notice.html", "example/leaflet.html"}
    (root / "councils/example/notice.yaml").unlink()
    assert build(root, out, "html", jobs=1).retired == []  # one page still shows it
    (root / "councils/example/leaflet.yaml").unlink()
    assert build(root, out, "html", jobs=1).retired == ["example/shield.svg"]
    assert files(out) == set()


def test_a_page_a_killed_build_wrote_before_recording_it_is_still_removed(
        project, tmp_path: Path) -> None:
    root = project(councils=("glanyrafon",))  # published in English and Welsh
    out = tmp_path / "out"
    command = [sys.executable, "-m", "pause_docs", "--project", str(root), "build",
               "--output", str(out), "--jobs", "1", "--format", "html", "--quiet"]
    process = subprocess.Popen(command, env={**os.environ, STOP_AT: "after-rename:2"},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status = os.waitpid(process.pid, os.WUNTRACED)
    assert os.WIFSTOPPED(status)  # stopped by itself, just after its second page
    process.send_signal(signal.SIGKILL)
    process.wait()
    notice = "glanyrafon/pause-privacy-notice"
    assert files(out) == {f"{notice}.html", f"{notice}.cy.html"}
    assert f"{notice}.cy.html" in (out / JOURNAL).read_text()
    (root / "councils/glanyrafon/pause-privacy-notice.yaml").unlink()
    report = build(root, out, "html", jobs=1)
    assert report.removed == {"councils/glanyrafon/pause-privacy-notice.yaml": [
        f"{notice}.cy.html", f"{notice}.html"]}
    assert files(out) == set() and not (out / JOURNAL).exists()
