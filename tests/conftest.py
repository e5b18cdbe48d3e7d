"""Shared fixtures: throwaway projects built from a dict of path -> text, and golden files."""

from __future__ import annotations

import functools
import os
import re
import resource
import shutil
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# ../shared beside the checkout (or beside the folder of worktrees it is in); on a clone
# without it, the copies of its seeds and fidelity tool in tests/shared.
SHARED = next((p / "shared" for p in (REPO.parent, REPO.parent.parent)
               if (p / "shared" / "seeds").is_dir()), REPO / "tests" / "shared")


def pytest_configure(config: pytest.Config) -> None:
    """Property tests draw the same examples whatever ran before them in the process.

    Hypothesis mixes into its examples the constants it finds in the project's own modules,
    as they are imported: the examples of a test then depend on which tests ran before it
    (seen as a hostile-file case failing only in a full run).  `derandomize=True` fixes the
    seed, not that pool; an empty pool makes every property test the same in every run."""
    from hypothesis.internal.conjecture import providers

    providers._get_local_constants = lambda: providers._local_constants  # never grows


@functools.cache
def _package_files(root: Path) -> frozenset[str]:
    """The data files the package ships, by their names inside it ('legal_bases/rights.yaml',
    'locales/cy.yaml', 'check/rules.yaml'): the names a message could give them by."""
    return frozenset(p.relative_to(root).as_posix() for p in root.rglob("*")
                     if p.suffix in (".yaml", ".yml") and "__pycache__" not in p.parts)


# A relative file name not inside another name: 'councils/programmes/pause.yaml' (a project's
# own) and 'pause-docs/programmes/pause.yaml' (how a page shows a bundled file) are not
# 'programmes/pause.yaml'.
_RELATIVE_FILE = re.compile(r"(?<![\w./-])[a-z_]+/[\w./-]*?\.ya?ml")


def package_paths_in(output: str, folder: str, shipped: frozenset[str],
                     projects: list[Path]) -> list[str]:
    """The lines of `output` that name a file inside the installed package: by its folder, as
    'site-packages', as 'pause_docs/…', or by the name of a file it ships that is not also a
    file of one of the `projects` (a project's own 'legal_bases/uk-gdpr.yaml', correcting
    the package's, is the project's)."""
    return [line for line in output.splitlines()
            if folder in line or "site-packages" in line or "pause_docs/" in line
            or any(name in shipped and not any((p / name).is_file() for p in projects)
                   for name in _RELATIVE_FILE.findall(line))]


def _projects(args: object) -> list[Path]:
    """The folders a command's relative names may be read against: its --project, the folders
    above each file it is given, and the folder it runs in."""
    words = [str(w) for w in (args.split() if isinstance(args, str) else args or ())]  # type: ignore[attr-defined]
    given = [Path(w) for before, w in zip(["", *words], words, strict=False)
             if before == "--project"]
    given += [Path(w.removeprefix("--project=")) for w in words if w.startswith("--project=")]
    given += [p for w in words if os.path.isabs(w) for p in Path(w).parents]
    return [*given, Path.cwd()]


@pytest.fixture(autouse=True)
def _no_message_names_the_installed_package(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every command a test runs in-process (the CLI tests, the fuzz runs) is read for a path
    inside the installed package: an officer never looks in site-packages (and has no
    `pause_docs/` folder), so a message names the registry id and `pause-docs law ID`, the
    programme, section or form and `pause-docs show …`, or the tool's own words instead.  A
    page may show a bundled file as 'pause-docs/programmes/pause.yaml:72', as `pause-docs show`
    names it."""
    from click.testing import CliRunner

    from pause_docs.source.resources import PACKAGE_ROOT

    invoke = CliRunner.invoke
    folder = str(PACKAGE_ROOT.resolve())
    shipped = _package_files(PACKAGE_ROOT)

    def checked(self: CliRunner, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        result = invoke(self, *args, **kwargs)  # type: ignore[arg-type]
        given = args[1] if len(args) > 1 else kwargs.get("args")
        leaks = package_paths_in(result.output, folder, shipped, _projects(given))
        assert not leaks, f"a message names a path inside the installed package: {leaks[:3]}"
        return result

    monkeypatch.setattr(CliRunner, "invoke", checked)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite tests/golden/ from the current output instead of comparing.")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


# --- the fast loop -------------------------------------------------------------------------

SLOW = 2.0
"""Seconds of work: a test that does more is marked `slow`, so that `make test-fast` stays
fast."""
HEAVY_FIXTURES = {
    "chrome": "a real Chromium", "nu_messages": "the W3C Nu HTML checker (Java)",
    "served": "a real preview server", "printed": "LibreOffice",
    "built": "a build of every bundled document's PDF", "installed": "an installed wheel",
}
"""Fixtures that make every test using them slow: such a test is marked without being told."""


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark `slow` every test that uses a heavy fixture, before `-m` selects the tests."""
    for item in items:
        if HEAVY_FIXTURES.keys() & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
_UNMARKED: dict[str, tuple[float, float]] = {}


def _work() -> float:
    """Processor seconds used by this process and the processes it waited for: what a test
    costs, which a loaded machine does not stretch as it does the wall clock."""
    own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                         resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None):  # type: ignore[no-untyped-def]
    """Note the work and the time each test without the slow mark took (setup included)."""
    if item.get_closest_marker("slow") is not None:
        yield
        return
    work, started = _work(), time.perf_counter()
    yield
    _UNMARKED[item.nodeid] = (_work() - work, time.perf_counter() - started)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Name the tests without the slow mark that did more than `SLOW` seconds of work.  It
    reports and never fails: the figures vary a little from run to run."""
    slow = sorted(((w, s, n) for n, (w, s) in _UNMARKED.items() if w > SLOW), reverse=True)
    if slow:
        terminalreporter.section("tests to mark slow")
        terminalreporter.write_line(f"{len(slow)} test(s) without @pytest.mark.slow did more "
                                    f"than {SLOW:g} s of work (processor time):")
        for work, seconds, name in slow:
            terminalreporter.write_line(f"{work:6.1f} s ({seconds:.1f} s on the clock)  {name}")


def build_tree(root: Path, files: dict[str, str]) -> Path:
    """Write `files` (relative path -> text) under `root`; return root."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def project(tmp_path: Path):
    """A project using the package's registry and programmes, plus whatever files a test adds."""

    def make(files: dict[str, str] | None = None, *, councils: tuple[str, ...] = ()) -> Path:
        """`councils`: bundled councils to copy in, e.g. ("lambeth", "oxfordshire")."""
        root = tmp_path / "project"
        (root / "councils").mkdir(parents=True)  # the registry, programmes, sections: the package's
        for shared in ("forms", *councils):
            shutil.copytree(REPO / "councils" / shared, root / "councils" / shared)
        return build_tree(root, files or {})

    return make


EXAMPLE_NOTICE = """\
kind: privacy-notice
title: Example and Pause privacy notice
published: 2024-03-01
programme: pause
"""
"""A notice that takes everything but its title and date from the Pause programme."""

COUNCIL_YAML = """\
name: Example Borough Council
short_name: Example
area: Example
nation: england
address: [Town Hall, Example Street, EX1 1EX]
case_files: Example case files
dpo:
  name: Data Protection Officer
  email: dpo@example.gov.uk
"""


def bundled_documents() -> list:
    """Every document the repository bundles, as `load_project` finds it: checks that iterate
    over these cover new documents without being told about them."""
    from pause_docs.source.loading import load_project

    return load_project(REPO).documents


def document_id(doc) -> str:  # type: ignore[no-untyped-def]
    return f"{doc.council_slug}/{doc.slug}"


def bundled_pages() -> list:
    """Every page the repository's documents are published as: each document in each of
    its languages, as (document, language)."""
    return [(doc, language) for doc in bundled_documents() for language in doc.languages]


def page_id(doc, language: str) -> str:  # type: ignore[no-untyped-def]
    """'council/doc' in the document's first language, 'council/doc.cy' in another."""
    other = language != doc.languages[0]
    return f"{doc.council_slug}/{doc.slug}{'.' + language if other else ''}"
