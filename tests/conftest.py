"""Shared fixtures: throwaway projects built from a dict of path -> text, and golden files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# ../shared beside the checkout (or beside the folder of worktrees it is in); on a clone
# without it, the copies of its seeds and fidelity tool in tests/shared.
SHARED = next((p / "shared" for p in (REPO.parent, REPO.parent.parent)
               if (p / "shared" / "seeds").is_dir()), REPO / "tests" / "shared")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite tests/golden/ from the current output instead of comparing.")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


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
