"""An error in a registry entry a page prints stops that page: a project's entry whose
address is not the law's, or which changes the package's entry, is reported where it is, and
every document citing it is reported too and not made with that link."""

from __future__ import annotations

from pathlib import Path

from conftest import COUNCIL_YAML, REPO

from pause_docs.build import build
from pause_docs.source.loading import load_project

HOUSING = """\
instrument:
  id: ha1996
  title: Housing Act 1996
  type: ukpga
  year: 1996
  number: 52
  url: https://www.legislation.gov.uk/ukpga/1996/52/contents
  evidence: P
provisions:
  - id: ha1996-s213
    instrument: ha1996
    citation: Housing Act 1996, s.213
    title: Co-operation in relation to homeless persons
    url: https://evil.example/ukpga/1996/52/section/213
    kind: statutory-duty
    summary: Co-operation between housing authorities.
    evidence: P
"""


def notice(provision: str) -> str:
    return ("kind: privacy-notice\ntitle: Help\npublished: 2026-07-01\nsummary: Help.\n"
            f"legal_bases:\n  - provision: {provision}\n"
            "sections:\n  - heading: Law\n    show: legal-bases\n")


def check(root: Path, provision: str, registry_file: str) -> None:
    found = {(p.code, p.location.path, p.location.line) for p in load_project(root).problems}
    assert ("cites-faulty-entry", "councils/example/notice.yaml", 6) in found, found
    assert any(path == registry_file for _, path, _ in found), found
    report = build(root, root / "output", "html", jobs=1)
    assert report.built == [] and report.failed == ["councils/example/notice.yaml"]
    assert not (root / "output/example/notice.html").exists()
    (line,) = [str(p) for p in report.problems if p.code == "cites-faulty-entry"]
    assert f"'{provision}' cannot be printed: its registry entry has an error at " \
           f"{registry_file}:" in line


def test_a_page_citing_an_entry_whose_address_is_not_the_laws_is_not_made(project) -> None:
    root = project({"legal_bases/housing-act-1996.yaml": HOUSING,
                    "councils/example/council.yaml": COUNCIL_YAML,
                    "councils/example/notice.yaml": notice("ha1996-s213")})
    check(root, "ha1996-s213", "legal_bases/housing-act-1996.yaml")


def test_a_page_citing_an_entry_changing_the_packages_address_is_not_made(project) -> None:
    name = "welfare-reform-act-2012.yaml"
    text = (REPO / "pause_docs/legal_bases" / name).read_text(encoding="utf-8")
    changed = text.replace("ukpga/2012/5/section/131", "ukpga/2012/5/section/132")
    assert changed != text
    root = project({f"legal_bases/{name}": changed,
                    "councils/example/council.yaml": COUNCIL_YAML,
                    "councils/example/notice.yaml": notice("wra2012-s131")})
    check(root, "wra2012-s131", f"legal_bases/{name}")


def test_a_page_citing_a_sound_entry_is_made(project) -> None:
    root = project({"legal_bases/housing-act-1996.yaml": HOUSING.replace(
        "https://evil.example/", "https://www.legislation.gov.uk/"),
        "councils/example/council.yaml": COUNCIL_YAML,
        "councils/example/notice.yaml": notice("ha1996-s213")})
    assert load_project(root).problems == []
