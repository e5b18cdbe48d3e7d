"""Builds: only what changed is made again, in parallel, and one bad document stops only itself."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import COUNCIL_YAML, EXAMPLE_NOTICE, REPO

from pause_docs.build import build
from pause_docs.build.manifest import MANIFEST
from pause_docs.cli import main
from pause_docs.source.layout import TEMPLATES_DIR, find_template

LAMBETH = "councils/lambeth/scoping-2017.yaml"
OXFORDSHIRE = "councils/oxfordshire/pause-privacy-notice.yaml"
EXAMPLE = "councils/example/notice.yaml"
ALL = sorted([LAMBETH, OXFORDSHIRE, EXAMPLE])


@pytest.fixture
def site(project) -> Path:
    """The bundled councils plus one that takes everything from the programme, built once."""
    root = project({"councils/example/council.yaml": COUNCIL_YAML, EXAMPLE: EXAMPLE_NOTICE},
                   councils=("lambeth", "oxfordshire"))
    for name in ("pause-dpia", "pause-dpia-screening", "pause-equality-screening",
                 "pause-equality-impact-assessment"):
        (root / "councils" / "oxfordshire" / f"{name}.yaml").unlink()
    (root / "councils" / "lambeth" / "scoping-2026.yaml").unlink()
    first = build(root, root / "output", "html", jobs=1)
    assert sorted(first.built) == ALL and not first.problems
    return root


def rebuilt(root: Path, fmt: str = "html", **options: object) -> list[str]:
    report = build(root, root / "output", fmt, jobs=1, **options)  # type: ignore[arg-type]
    assert not report.problems, report.problems
    return sorted(report.built)


def own(site: Path, folder: str, name: str) -> Path:
    """The package's file copied into the project's own `folder` (a layer over the package's
    registry or programmes), the build caught up with it: the file to edit."""
    package = REPO / "pause_docs" / Path(folder).name
    target = site / folder / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(package / name, target)
    rebuilt(site)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.slow
def test_a_second_build_makes_nothing_and_force_makes_everything(site: Path) -> None:
    report = build(site, site / "output", "html", jobs=1)
    assert report.built == [] and sorted(report.skipped) == ALL
    assert rebuilt(site, force=True) == ALL


def test_a_second_build_of_the_bundled_project_makes_nothing(tmp_path: Path) -> None:
    """Inputs found only while a document is made (a standard section, a council's logo)
    are fingerprinted then, so the next build knows them unchanged."""
    first = build(REPO, tmp_path / "output", "html", jobs=1)
    assert first.built and not first.failed
    assert build(REPO, tmp_path / "output", "html", jobs=1).built == []


@pytest.mark.slow
def test_changing_a_registry_entry_rebuilds_exactly_the_documents_citing_it(site: Path) -> None:
    registry = own(site, "legal_bases", "dpa-1998.yaml")
    edit(registry, "summary: The old conditions for using any personal data",
         "summary: The former conditions for using any personal data")
    assert rebuilt(site) == [LAMBETH]  # only Lambeth cites dpa1998-sch2
    edit(registry, "repealed on 25 May 2018.", "repealed in May 2018.")  # the Act: cited by none
    assert rebuilt(site) == []
    edit(own(site, "legal_bases", "uk-gdpr.yaml"), "id: ukgdpr-art6-1-e", "id: ukgdpr-art6-1-e  ")
    assert rebuilt(site) == []  # the file changed, no entry in it did


@pytest.mark.slow
def test_the_regulator_is_used_by_every_document(site: Path) -> None:
    edit(own(site, "legal_bases", "bodies.yaml"), "ico.org.uk", "ico.org.uk/")
    assert rebuilt(site) == ALL


def test_changing_a_council_file_rebuilds_that_councils_documents(site: Path) -> None:
    council = site / "councils" / "example" / "council.yaml"
    os.utime(council, ns=(1, 1))  # a new time alone is not a change
    assert rebuilt(site) == []
    edit(council, "dpo@example.gov.uk", "data.protection@example.gov.uk")
    assert rebuilt(site) == [EXAMPLE]
    html = (site / "output" / "example" / "notice.html").read_text(encoding="utf-8")
    assert "data.protection@example.gov.uk" in html


@pytest.mark.slow
def test_changing_the_programme_rebuilds_the_documents_inheriting_it(site: Path) -> None:
    edit(own(site, "councils/programmes", "pause.yaml"), "Pause Practices now work",
         "Pause Practices work")
    assert rebuilt(site) == ALL


@pytest.mark.slow
def test_changing_a_template_rebuilds_the_documents_using_it(site: Path) -> None:
    templates = site / "templates"
    templates.mkdir()
    # The Lambeth notice prints no contact details (no address block); the others do.
    address = templates / "_address.html"
    shutil.copy(TEMPLATES_DIR / "_address.html", address)
    with_address = sorted([EXAMPLE, OXFORDSHIRE])
    assert rebuilt(site) == with_address  # a project template now replaces the built-in one
    address.write_text("<p>Contact: {{ block.lines | length }} lines</p>\n", encoding="utf-8")
    assert rebuilt(site) == with_address
    assert "Contact: 1 lines" in (site / "output/oxfordshire/pause-privacy-notice.html").read_text()
    address.unlink()
    assert rebuilt(site) == with_address
    # A council's own template for its kind of document is looked for first.
    (templates / "lambeth").mkdir()
    (templates / "lambeth" / "fair-processing-notice.html").write_text(
        '{% extends "document.html" %}{% block title %}Own title{% endblock %}', encoding="utf-8")
    assert rebuilt(site) == [LAMBETH]
    assert "<title>Own title</title>" in (site / "output/lambeth/scoping-2017.html").read_text()


@pytest.mark.slow
def test_a_missing_output_or_a_new_document_is_made(site: Path) -> None:
    (site / "output" / "lambeth" / "scoping-2017.html").unlink()
    (site / "councils" / "example" / "second.yaml").write_text(EXAMPLE_NOTICE, encoding="utf-8")
    assert rebuilt(site) == sorted([LAMBETH, "councils/example/second.yaml"])


@pytest.mark.slow
def test_a_pdf_is_printed_again_only_when_its_html_changed(site: Path) -> None:
    registry = own(site, "legal_bases", "dpa-1998.yaml")
    report = build(site, site / "output", "all", councils=["lambeth"], jobs=1)
    assert report.built == [LAMBETH] and "lambeth/scoping-2017.pdf" in report.written
    edit(registry, "summary: The old conditions for using any",
         "summary: The earlier conditions for using any")  # a summary the notice does not show
    report = build(site, site / "output", "all", councils=["lambeth"], jobs=1)
    assert report.built == [LAMBETH] and report.written == []
    edit(site / "councils" / "lambeth" / "council.yaml", "name: London Borough of Lambeth",
         "name: The London Borough of Lambeth")
    report = build(site, site / "output", "all", councils=["lambeth"], jobs=1)
    assert report.written == ["lambeth/scoping-2017.html", "lambeth/scoping-2017.pdf",
                              "lambeth/scoping-2017.docx"]


@pytest.mark.slow
def test_one_failing_document_does_not_stop_the_others(project, tmp_path: Path) -> None:
    root = project({
        "councils/example/council.yaml": COUNCIL_YAML,
        EXAMPLE: EXAMPLE_NOTICE,
        "councils/example/broken.yaml": "kind: privacy-notice\ntitle: [unclosed\n",
        # Every PDF of this council asks for a file outside the project: refused.
        "templates/example/privacy-notice.html":
            '{% extends "document.html" %}{% block main %}<img src="file:///etc/passwd" alt="">'
            '{{ super() }}{% endblock %}',
    }, councils=("lambeth", "oxfordshire"))
    for name in ("pause-equality-screening", "pause-equality-impact-assessment", "pause-dpia"):
        (root / "councils" / "oxfordshire" / f"{name}.yaml").unlink()  # PDFs take time
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["--project", str(root), "build", "--output", str(out),
                                       "--jobs", "2"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith("built 4 documents, skipped 0 (up to date), 2 failed in ")
    assert lines[1] == ("councils/example/broken.yaml:2:8: error: yaml-syntax: this '[' is "
                        "never closed: end it with ']'")
    assert lines[2].startswith("councils/example/notice.yaml: error: pdf-failed: could not "
                               "make example/notice.pdf: refused to fetch 'file:///etc/passwd'")
    assert lines[3:] == ["2 errors"]
    for made in ("lambeth/scoping-2017.pdf", "oxfordshire/pause-privacy-notice.pdf",
                 "example/notice.html"):
        assert (out / made).is_file()
    again = CliRunner().invoke(main, ["--project", str(root), "build", "--output", str(out)])
    assert again.exit_code == 1  # failed documents are tried again, the others are not
    assert again.output.startswith("built 0 documents, skipped 4 (up to date), 2 failed")


def test_an_unreadable_manifest_means_building_everything(site: Path) -> None:
    (site / "output" / MANIFEST).write_text("{not json", encoding="utf-8")
    assert rebuilt(site) == ALL


@pytest.mark.parametrize("name", ["document.html", "default:document.html", "assets/style.css",
                                  "lambeth/privacy-notice.html", "default/nothing.html",
                                  "camden/privacy-notice.html", "lambeth/nothing.html",
                                  "./document.html"])
def test_the_manifest_finds_templates_where_jinja_does(name: str, tmp_path: Path) -> None:
    from pause_docs.render.html import environment

    own = tmp_path / "templates"
    (own / "lambeth").mkdir(parents=True)
    (own / "document.html").write_text("own", encoding="utf-8")
    (own / "lambeth" / "privacy-notice.html").write_text("own", encoding="utf-8")
    search = (own, TEMPLATES_DIR)
    env = environment(search)
    assert env.loader is not None
    try:
        jinja = Path(env.loader.get_source(env, name)[1] or "")
    except Exception:  # TemplateNotFound
        jinja = None
    assert find_template(search, name) == jinja
    from pause_docs.build.freshness import Freshness
    from pause_docs.build.manifest import Fingerprints

    fresh = Freshness(Fingerprints(tmp_path, {}), search, "", dict)
    assert fresh._resolve(name) == (str(jinja) if jinja else None)  # as a build records it


@pytest.mark.slow
def test_validate_does_not_import_weasyprint() -> None:
    code = ("import sys\nfrom pause_docs.cli import main\n"
            "try: main(['--project', sys.argv[1], 'validate'])\n"
            "except SystemExit as exit: assert exit.code == 0, exit.code\n"
            "assert 'weasyprint' not in sys.modules\n")
    done = subprocess.run([sys.executable, "-c", code, str(REPO)], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    assert "documents valid" in done.stderr  # the summary, on stderr


@pytest.mark.slow
def test_a_build_of_pages_and_word_files_does_not_import_weasyprint(tmp_path: Path) -> None:
    code = ("import sys\nfrom pause_docs.cli import main\n"
            "for fmt in ('html', 'docx'):\n"
            "    try: main(['--project', sys.argv[1], 'build', 'lambeth', '--format', fmt,\n"
            "               '--jobs', '1', '--output', sys.argv[2]])\n"
            "    except SystemExit as exit: assert exit.code == 0, exit.code\n"
            "assert 'weasyprint' not in sys.modules\n")
    done = subprocess.run([sys.executable, "-c", code, str(REPO), str(tmp_path / "out")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out/lambeth/scoping-2026.docx").is_file()


@pytest.mark.slow
def test_only_the_pdf_module_imports_weasyprint() -> None:
    modules = sorted(p.stem for p in (REPO / "pause_docs").rglob("*.py") if p.stem != "pdf")
    code = ("import importlib, sys\n"
            "for path in sys.argv[1:]: importlib.import_module(path)\n"
            "assert 'weasyprint' not in sys.modules\n")
    names = [p.relative_to(REPO).with_suffix("").as_posix().replace("/", ".")
             for p in (REPO / "pause_docs").rglob("*.py")
             if p.stem not in ("pdf", "__main__")]
    assert modules
    done = subprocess.run([sys.executable, "-c", code, *names], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.slow
def test_a_worker_that_dies_costs_only_its_own_document(site: Path, monkeypatch) -> None:
    import pause_docs.build.workers as building

    make = building.Worker._make

    def die_on_lambeth(self, doc, reuse, outcome):  # type: ignore[no-untyped-def]
        if doc.council_slug == "lambeth":
            os._exit(3)  # as a crash in a C library would
        return make(self, doc, reuse, outcome)

    monkeypatch.setattr(building.Worker, "_make", die_on_lambeth)
    report = build(site, site / "output", "html", force=True, jobs=2)
    assert sorted(report.built) == [EXAMPLE, OXFORDSHIRE] and report.failed == [LAMBETH]
    assert [p.code for p in report.problems] == ["build-crashed"]


@pytest.mark.slow
def test_a_programme_of_the_project_replacing_the_packages_rebuilds_its_documents(
        site: Path) -> None:
    target = site / "councils" / "programmes" / "pause.yaml"
    target.parent.mkdir(parents=True)
    shutil.copy(REPO / "pause_docs" / "programmes" / "pause.yaml", target)
    assert rebuilt(site) == ALL
    assert rebuilt(site) == []
    target.unlink()
    assert rebuilt(site) == ALL
