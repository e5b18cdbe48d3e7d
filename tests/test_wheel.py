"""The tool as a council installs it: the wheel built from this tree, installed into a fresh
virtual environment outside it, used in an empty folder with `init`. Every command works
there, and the PDFs are those the source tree makes for the same council."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from conftest import REPO

COUNCIL = "cambridgeshire"  # its notice uses a standard section, the registry and the templates
NOTICE = f"councils/{COUNCIL}/childrens-safeguarding-privacy-notice.yaml"
AS_OF = "2026-11-21"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtual environment holding the wheel (not the source tree): its bin/ folder.

    The wheel is installed without its dependencies; they are found in this environment's
    site-packages through a path file, which adds the folder only (not its editable install
    of this tree, whose finder would need that folder's own path files)."""
    base = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                    str(base / "dist"), str(REPO)], check=True, capture_output=True)
    wheel = next((base / "dist").glob("pause_docs-*.whl"))
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = next((venv / "lib").glob("python*/site-packages"))
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"),
                    "install", "--no-deps", "-q", str(wheel)], check=True, capture_output=True)
    return venv / "bin"


def run(bin_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["SOURCE_DATE_EPOCH"] = "1704067200"
    return subprocess.run([str(bin_dir / "pause-docs"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, check=False, timeout=600)


def test_an_installed_wheel_works_in_an_empty_folder_as_the_source_tree_does(
        installed: Path, tmp_path: Path) -> None:
    where = run(installed, tmp_path, "--version")
    assert where.returncode == 0, where.stderr
    package = subprocess.run([str(installed / "python"), "-c",
                              "import pause_docs; print(pause_docs.__file__)"],
                             capture_output=True, text=True, check=True, cwd=tmp_path).stdout
    assert Path(package).is_relative_to(installed.parent), package  # the wheel, not this tree
    folder = tmp_path / "our-documents"
    made = run(installed, tmp_path, "init", str(folder))
    assert made.returncode == 0, made.stderr
    shutil.copytree(REPO / "councils" / COUNCIL, folder / "councils" / COUNCIL)

    new = run(installed, folder, "new", "north-somerset")
    assert new.returncode == 0, new.stderr
    assert (folder / "councils/north-somerset/privacy-notice.yaml").is_file()
    checked = run(installed, folder, "validate", f"councils/{COUNCIL}")
    assert (checked.returncode, checked.stdout) == (0, "")  # no problem; the summary on stderr
    linted = run(installed, folder, "lint", f"councils/{COUNCIL}", "--as-of", AS_OF)
    source = subprocess.run([sys.executable, "-m", "pause_docs", "lint", NOTICE, "--as-of",
                             AS_OF], cwd=REPO, capture_output=True, text=True, check=False)
    assert linted.returncode == source.returncode == 1  # the published notice's findings
    assert (linted.stdout, linted.stderr) == (source.stdout, source.stderr)

    built = run(installed, folder, "build", COUNCIL, "--jobs", "1")
    assert built.returncode == 0, built.stderr
    ours = folder / "output" / COUNCIL / "childrens-safeguarding-privacy-notice.pdf"
    theirs = tmp_path / "source-output"
    subprocess.run([sys.executable, "-m", "pause_docs", "build", COUNCIL, "--jobs", "1",
                    "--output", str(theirs), "--quiet"], cwd=REPO, check=True,
                   env={**os.environ, "SOURCE_DATE_EPOCH": "1704067200"})
    assert ours.read_bytes() == (theirs / COUNCIL / ours.name).read_bytes()
    assert (ours.with_suffix(".html").read_bytes()
            == (theirs / COUNCIL / ours.with_suffix(".html").name).read_bytes())

    redline = folder / "redline.pdf"
    example = REPO / "councils/example-council/family-help-privacy-notice.yaml"
    shutil.copytree(example.parent, folder / "councils" / "example-council")
    compared = run(installed, folder, "diff", NOTICE,
                   "councils/example-council/family-help-privacy-notice.yaml",
                   "--pdf", str(redline), "--as-of", AS_OF)
    assert compared.returncode == 0, compared.stderr
    assert redline.read_bytes().startswith(b"%PDF-")
    used = run(installed, folder, "where-used", "ukgdpr-art6-1-e")
    assert used.returncode == 0, used.stderr
    assert NOTICE in used.stdout


def filled(line: str) -> str:
    """A scaffold's `TODO …` line as a user fills it in: the example it gives ('e.g. X'), the
    value it shows (an address, a number), the first choice it lists, or a date."""
    head, todo, hint = line.partition("TODO ")
    if not todo:
        return line
    if "YYYY-MM-DD" in hint:  # published today (older, it may already be out of date)
        return f"{head}{dt.date.today().isoformat()}"
    if "e.g. " in hint:
        return head + hint.split("e.g. ", 1)[1]
    if " or " in hint and "," in hint:  # 'england, wales, scotland or northern-ireland'
        return head + hint.split(",", 1)[0]
    if any(c.isdigit() for c in hint) or "@" in hint or "://" in hint:
        return head + hint
    return head + "1 High Street, Northshire NS1 1AA"


def test_a_new_site_with_its_todos_filled_in_passes_validate_lint_and_build_strict(
        installed: Path, tmp_path: Path) -> None:
    """The README's first steps, as a council takes them from the installed wheel: `init`,
    `new NAME --programme pause`, every TODO filled in, then the checks its own CI runs."""
    folder = tmp_path / "ours"
    assert run(installed, tmp_path, "init", str(folder)).returncode == 0
    made = run(installed, folder, "new", "north-somerset", "--programme", "pause")
    assert made.returncode == 0, made.stderr
    council = folder / "councils" / "north-somerset"
    todos = 0
    for file in council.glob("*.yaml"):
        lines = file.read_text(encoding="utf-8").splitlines()
        todos += sum("TODO " in line and not line.lstrip().startswith("#") for line in lines)
        file.write_text("\n".join(line if line.lstrip().startswith("#") else filled(line)
                                  for line in lines) + "\n", encoding="utf-8")
    assert todos > 10  # the council, and what lint needs that the programme does not give
    for command in (["validate"], ["lint", "--strict"], ["build", "--strict", "--format",
                                                         "html"]):
        done = run(installed, folder, *command)
        assert done.returncode == 0, (command, done.stdout, done.stderr)
    assert (folder / "output" / "north-somerset" / "privacy-notice.html").is_file()
