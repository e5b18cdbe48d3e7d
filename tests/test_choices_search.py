"""The editor's other pickers: blocks (with what each prints), programmes, forms, standard
sections and rights, found by the same plain words as the law."""

from __future__ import annotations

from pathlib import Path

import pytest

from pause_docs.catalogue.choices import BLOCKS, KINDS, choices, search_choices
from pause_docs.source.models.sections import BLOCK_OPTIONS
from pause_docs.source.registry import Registry, load_registry


@pytest.fixture(scope="module")
def empty(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Registry]:
    root = tmp_path_factory.mktemp("empty")
    return root, load_registry(root)[0]


def ids(kind: str, query: str, where: tuple[Path, Registry]) -> list[str]:
    return [c.id for c in search_choices(kind, query, *where)]


def test_every_block_says_in_a_line_what_it_prints() -> None:
    missing = set(BLOCK_OPTIONS) - set(BLOCKS)
    assert not missing, f"say what {sorted(missing)} print in catalogue/choices.py BLOCKS"
    assert set(BLOCKS) <= set(BLOCK_OPTIONS)
    assert all(line and "\n" not in line and len(line) < 120 for line in BLOCKS.values())


def test_blocks_are_found_by_what_they_print(empty: tuple[Path, Registry]) -> None:
    assert ids("block", "how long kept", empty)[0] == "retention"
    assert ids("block", "who is it shared with", empty)[0] == "recipients"
    assert ids("block", "automated", empty) == ["automated-decisions"]


def test_each_list_is_read_from_the_package_and_the_project(tmp_path: Path) -> None:
    own = tmp_path / "councils" / "sections"
    own.mkdir(parents=True)
    (own / "local-offer.yaml").write_text("heading: Our local offer\ntext: What we offer.\n",
                                          encoding="utf-8")
    registry = load_registry(tmp_path)[0]
    where = (tmp_path, registry)
    assert ids("section", "local offer", where) == ["local-offer"]
    assert "nhs-national-data-opt-out" in ids("section", "", where)
    assert ids("programme", "pause", where) == ["pause"]
    assert ids("form", "equality screening", where)[0] == "equality-screening"
    assert ids("right", "erasure", where) == ["erasure"]
    right = next(c for c in choices("right", *where) if c.id == "access")
    assert (right.title, right.description) == ("Right of access", "UK GDPR Art 15")
    for kind in KINDS:
        listed = choices(kind, *where)
        assert listed and all(c.kind == kind and c.id and c.title for c in listed)


def test_an_unknown_list_is_refused(empty: tuple[Path, Registry]) -> None:
    with pytest.raises(ValueError, match="unknown list 'templates'"):
        choices("templates", *empty)
