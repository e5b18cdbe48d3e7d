"""A build makes again what a change changes: a comment or a new layout of the same values in
a document, council, programme or standard section makes nothing again; a changed value makes
again exactly the documents that use it; and what a build leaves is, byte for byte, what a
clean build of the same files makes."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import COUNCIL_YAML, EXAMPLE_NOTICE, REPO

from pause_docs.build import build
from pause_docs.build.manifest import MANIFEST, Manifest
from pause_docs.cli import main
from pause_docs.source.loader import parse_yaml

EXAMPLE = "councils/example/notice.yaml"
LAMBETH = ["councils/lambeth/scoping-2017.yaml", "councils/lambeth/scoping-2026.yaml"]
WELSH = "councils/glanyrafon/pause-privacy-notice.yaml"
SECTIONS_USER = "councils/cambridgeshire/childrens-safeguarding-privacy-notice.yaml"
ITS_YOUNG_PEOPLES = "councils/cambridgeshire/childrens-safeguarding-young-people.yaml"
PROGRAMME = "councils/programmes/pause.yaml"
SECTION = "councils/sections/whole-family-approach.yaml"


@pytest.fixture
def site(project) -> Path:
    """Bundled councils (one in Welsh and English, one using standard sections), one taking
    everything from the programme, and the project's own programme and section, built once."""
    root = project({"councils/example/council.yaml": COUNCIL_YAML, EXAMPLE: EXAMPLE_NOTICE},
                   councils=("lambeth", "glanyrafon", "cambridgeshire"))
    for own in (PROGRAMME, SECTION):
        (root / own).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "pause_docs" / Path(own).relative_to("councils"), root / own)
    first = build(root, root / "output", "html", jobs=1)
    assert len(first.built) == 6 and not first.problems, first.problems
    return root


def rebuilt(root: Path) -> list[str]:
    """The documents a build made again; its output checked against a clean build's."""
    report = build(root, root / "output", "html", jobs=1)
    assert not report.problems and not report.failed, report.problems
    assert len(report.built) + len(report.skipped) == 6
    clean = build(root, root.parent / "clean", "html", jobs=1, force=True)
    assert not clean.problems and len(clean.built) == 6
    assert _files(root / "output") == _files(root.parent / "clean")
    shutil.rmtree(root.parent / "clean")
    return sorted(report.built)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != MANIFEST}


def _reversed(data: Any) -> Any:
    """The same data with every mapping's keys in the opposite order."""
    if isinstance(data, dict):
        return {k: _reversed(v) for k, v in reversed(data.items())}
    if isinstance(data, list):
        return [_reversed(item) for item in data]
    return data


def rewrite(path: Path, *, flow: bool) -> None:
    """Write the file again saying the same: a comment added, indented by four, every string
    quoted as PyYAML chooses, every mapping's keys the other way round, in flow or block
    style."""
    before = path.read_text(encoding="utf-8")
    source, problems = parse_yaml(before, path.name)
    assert source is not None and not problems
    text = yaml.safe_dump(_reversed(source.data), default_flow_style=flow, sort_keys=False,
                          allow_unicode=True, indent=4, width=70)
    path.write_text(f"# Reviewed by the IG team.\n{text}", encoding="utf-8")
    assert path.read_text(encoding="utf-8") != before


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_comment_in_a_council_file_makes_nothing_again(site: Path) -> None:
    council = site / "councils" / "lambeth" / "council.yaml"
    edit(council, "\n", "  # checked with the DPO\n")
    result = CliRunner().invoke(main, ["--project", str(site), "build", "--format", "html",
                                       "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("built 0 documents, skipped 6 (up to date), 0 failed")
    # The record now names the file as it is: the next check is by bytes alone.
    record = Manifest.read(site / "output").documents[LAMBETH[0]]
    assert record.files["councils/lambeth/council.yaml"] == hashlib.sha256(
        council.read_bytes()).hexdigest()


@pytest.mark.slow
@pytest.mark.parametrize("file", [EXAMPLE, WELSH, "councils/glanyrafon/council.yaml",
                                  "councils/cambridgeshire/council.yaml", SECTIONS_USER,
                                  PROGRAMME, SECTION])
def test_the_same_values_written_another_way_make_nothing_again(site: Path, file: str) -> None:
    rewrite(site / file, flow=False)
    assert rebuilt(site) == []
    rewrite(site / file, flow=True)
    assert rebuilt(site) == []


@pytest.mark.slow
def test_a_changed_value_makes_again_exactly_the_documents_using_it(site: Path) -> None:
    edit(site / PROGRAMME, "Pause Practices now work", "Pause Practices work")
    assert rebuilt(site) == sorted([EXAMPLE, WELSH, *LAMBETH])  # not Cambridgeshire's
    edit(site / SECTION, "we always take", "we take")
    assert rebuilt(site) == [SECTIONS_USER, ITS_YOUNG_PEOPLES]  # made from the first
    edit(site / "councils" / "glanyrafon" / "council.yaml", "\n", "\n# a comment\n")
    edit(site / WELSH, "cy: \"Ymarfer cwmpasu Pause", "cy: \"Ymarfer cwmpasu Pause:")
    assert rebuilt(site) == [WELSH]
    edit(site / EXAMPLE, "title: Example and Pause privacy notice",
         "title: 'Example and Pause privacy notice'")
    assert rebuilt(site) == []
    edit(site / EXAMPLE, "'Example and Pause", "'The Example and Pause")
    assert rebuilt(site) == [EXAMPLE]
    html = (site / "output" / "example" / "notice.html").read_text(encoding="utf-8")
    assert "The Example and Pause privacy notice" in html


@pytest.mark.slow
def test_a_registry_entry_is_compared_by_what_it_says(site: Path) -> None:
    registry = site / "legal_bases" / "dpa-1998.yaml"
    registry.parent.mkdir()
    shutil.copy(REPO / "pause_docs" / "legal_bases" / "dpa-1998.yaml", registry)
    assert rebuilt(site) == []
    rewrite(registry, flow=False)
    assert rebuilt(site) == []
    edit(registry, "The old conditions for using any personal data",
         "The former conditions for using any personal data")
    assert rebuilt(site) == [LAMBETH[0]]  # the only document citing dpa1998-sch2


def test_workers_hand_over_what_each_file_says_and_the_build_does_not_read_it_again(
        project, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two worker processes read the documents; the build records what each document and
    council file says from what the workers noted as they parsed them, without parsing any
    again itself, and a comment in every document then makes nothing again."""
    import os

    import pause_docs.source.loader as loader
    from pause_docs.source import remembered

    councils = ("lambeth", "glanyrafon", "cambridgeshire")
    root = project({}, councils=councils)
    parsed_again: list[str] = []
    parse, build_process = loader.parse_yaml, os.getpid()
    folders = tuple(f"councils/{council}/" for council in councils)

    def counted(text: str, display: str):  # type: ignore[no-untyped-def]
        if display.startswith(folders) and os.getpid() == build_process:
            parsed_again.append(display)  # by the build itself, not by a worker
        return parse(text, display)

    # The build's own process has read these files in no earlier test: what it knows of
    # them comes from its workers.
    monkeypatch.setattr(remembered, "_SAID", {})
    monkeypatch.setattr(loader, "parse_yaml", counted)
    first = build(root, root / "output", "html", jobs=2)
    assert len(first.built) == 5 and not first.problems, first.problems
    assert parsed_again == []
    for file in sorted((root / "councils").rglob("*.yaml")):
        file.write_text("# reviewed\n" + file.read_text(encoding="utf-8"), encoding="utf-8")
    assert build(root, root / "output", "html", jobs=2).built == []
