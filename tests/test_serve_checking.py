"""`pause-docs serve`'s index at scale: it lists every document at once and fills in each
status as it is checked, in the background; statuses are kept between runs under the
fingerprint of what they were checked from, so a restart checks only what changed.

No test here times anything: each counts the checks (`/_statuses` says how many documents
this process checked, and which statuses it found since a point), and the checking is held
back, where a test needs it to be, by a file the test creates (`PAUSE_DOCS_CHECK_GATE`).
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from test_serve import Served, edited, make_project, poll, retitled, start, stop

from pause_docs.preview.checked import CACHE_FILE, read_entries
from pause_docs.preview.checker import GATE

pytestmark = pytest.mark.slow  # each starts the server, some more than once
LAMBETH = {"pd-row-lambeth-scoping-2017", "pd-row-lambeth-scoping-2026"}
OXFORDSHIRE = {f"pd-row-oxfordshire-{p.stem}" for p in (REPO / "councils/oxfordshire").glob(
    "*.yaml") if p.name != "council.yaml"}


def statuses(served: Served, since: int = 0) -> dict[str, Any]:
    status, _, body = served.get(f"/_statuses?since={since}")
    assert status == 200, body
    found: dict[str, Any] = json.loads(body)
    return found


def all_checked(served: Served) -> str:
    """The index once no document on it is being checked."""
    return served.index()


@contextmanager
def serving(root: Path, gate: Path | None = None) -> Iterator[Served]:
    running = start(root, env={GATE: str(gate)} if gate is not None else None)
    try:
        yield running
    finally:
        status, err = stop(running)
        assert status == 0 and "Traceback" not in err, err


def untokened(page: str) -> str:
    """The page without the token that names the server's run."""
    return re.sub(r'data-token="[^"]*"', "", page)


def row(page: str, council: str, slug: str) -> str:
    found = page[page.index(f'id="pd-row-{council}-{slug}"'):]
    return found[:found.index("</tr>")]


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """The two councils, with lambeth's newer notice on a programme of the project's own."""
    root = make_project(tmp_path / "project")
    own = root / "councils/programmes/other.yaml"
    own.parent.mkdir()
    shutil.copy(REPO / "pause_docs/programmes/pause.yaml", own)
    notice = root / "councils/lambeth/scoping-2026.yaml"
    notice.write_text(notice.read_text(encoding="utf-8").replace(
        "programme: pause", "programme: other"), encoding="utf-8")
    return root


def test_the_index_lists_every_document_before_any_is_checked(project: Path) -> None:
    gate = project.parent / "gate"
    with serving(project, gate) as served:
        page = served.text("/")  # nothing is checked until the gate opens
        assert statuses(served)["checks"] == 0
        for council, slug in [("lambeth", "scoping-2017"), ("lambeth", "scoping-2026"),
                              *(("oxfordshire", r[len("pd-row-oxfordshire-"):])
                                for r in OXFORDSHIRE)]:
            assert f'href="/{council}/{slug}.html"' in row(page, council, slug)
            assert "checking…" in row(page, council, slug)
        assert 'id="pd-checking"' in page and "No problems" not in page
        assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
        gate.touch()
        page = all_checked(served)
        assert re.search(r'pd-badge-error">\d+ errors?<', row(page, "lambeth", "scoping-2017"))
        assert "No problems" in row(page, "lambeth", "scoping-2026")
        assert "checking…" not in page and "refresh" not in page
        found = statuses(served)
        assert found["checks"] == 2 + len(OXFORDSHIRE) and found["checking"] == 0
        assert set(found["rows"]) == LAMBETH | OXFORDSHIRE  # each row as the index shows it
        assert found["rows"]["pd-row-lambeth-scoping-2026"].strip() == "<tr " + row(
            page, "lambeth", "scoping-2026") + "</tr>"
        assert statuses(served, found["seq"])["rows"] == {}


def test_a_restart_checks_only_what_changed(project: Path) -> None:
    with serving(project) as served:
        all_checked(served)
        assert statuses(served)["checks"] == 2 + len(OXFORDSHIRE)
    with serving(project) as served:
        before = all_checked(served)
        assert statuses(served) == {"seq": 0, "checking": 0, "checks": 0, "rows": {}}
    # A document, its council file, a programme: exactly the documents they may change.
    for path, rechecked in (("councils/lambeth/scoping-2017.yaml", LAMBETH),
                            ("councils/oxfordshire/council.yaml", OXFORDSHIRE),
                            ("councils/programmes/other.yaml", {"pd-row-lambeth-scoping-2026"})):
        file = project / path
        file.write_text(file.read_text(encoding="utf-8") + "# a comment\n", encoding="utf-8")
        with serving(project) as served:
            assert untokened(all_checked(served)) == untokened(before), path
            found = statuses(served)
            assert set(found["rows"]) == rechecked, path
            assert found["checks"] == len(rechecked), path


def test_a_status_is_never_shown_for_files_that_changed_since(project: Path) -> None:
    with serving(project) as served:
        all_checked(served)
    notice = project / "councils/lambeth/scoping-2026.yaml"
    gate = project.parent / "gate"
    with edited(notice, lambda text: text + "publishd: 2026-01-01\n"), \
            serving(project, gate) as served:
        page = served.text("/")  # checking held back: the changed one is not shown as known
        assert "checking…" in row(page, "lambeth", "scoping-2026")
        assert "No problems" not in row(page, "lambeth", "scoping-2026")
        # Only what the changed file may change waits: its council's documents (a notice,
        # its screenings and addenda may be linked), not another council's.
        assert "checking…" in row(page, "lambeth", "scoping-2017")
        assert "checking…" not in row(page, "oxfordshire", "pause-privacy-notice")
        gate.touch()
        page = all_checked(served)
        assert 'pd-badge-error">1 error<' in row(page, "lambeth", "scoping-2026")
        gate.unlink()  # held back again, while it runs
        mended = retitled("Retitled while checking is held back")
        with edited(notice, lambda text: mended(text.replace("publishd: 2026-01-01\n", ""))):
            page = served.text("/")
            assert "checking…" in row(page, "lambeth", "scoping-2026")
            gate.touch()
            page = all_checked(served)
            shown = row(page, "lambeth", "scoping-2026")
            assert "Retitled while checking is held back" in shown and "No problems" in shown


def test_a_save_rechecks_its_documents_and_a_withdrawn_one_leaves(project: Path) -> None:
    with serving(project) as served:
        all_checked(served)
        seq, checks = statuses(served)["seq"], statuses(served)["checks"]
        other = project / "councils/programmes/other.yaml"
        with edited(other, lambda text: text + "# a comment\n"):
            found = poll(lambda: statuses(served, seq)["rows"])
            assert set(found) == {"pd-row-lambeth-scoping-2026"}
            seq = statuses(served)["seq"]
        # Put back: checked again, and nothing else.
        found = poll(lambda: statuses(served, seq)["rows"])
        assert set(found) == {"pd-row-lambeth-scoping-2026"}
        seq = statuses(served)["seq"]
        notice = project / "councils/oxfordshire/pause-privacy-notice.yaml"
        with edited(notice, lambda text: text + "publishd: 2026-01-01\n"):
            found = poll(lambda: (lambda rows: rows if "pd-row-oxfordshire-pause-privacy-notice"
                                  in rows else {})(statuses(served, seq)["rows"]))
            assert set(found) <= OXFORDSHIRE
            assert 'pd-badge-error">1 error<' in found["pd-row-oxfordshire-pause-privacy-notice"]
        all_checked(served)
        assert statuses(served)["checks"] - checks <= 2 * (1 + len(OXFORDSHIRE))  # and back
        copy = project / "councils/lambeth/scoping-copy.yaml"
        shutil.copy(project / "councils/lambeth/scoping-2017.yaml", copy)
        assert 'id="pd-row-lambeth-scoping-copy"' in served.text("/")
        assert "checking…" not in row(all_checked(served), "lambeth", "scoping-copy")
        copy.unlink()
        page = served.text("/")
        assert "scoping-copy" not in page
        assert served.get("/lambeth/scoping-copy.html")[0] == 404
    entries, _ = read_entries(project / "output" / CACHE_FILE, _tool())
    assert "doc:councils/lambeth/scoping-copy.yaml" not in entries
    assert "doc:councils/lambeth/scoping-2017.yaml" in entries


def _tool() -> str:
    from pause_docs.build.tool import tool_fingerprint

    return tool_fingerprint()


@pytest.mark.parametrize("cache", [b"", b"{not json", b"\xff\xfe\x00binary", b"[]", b"null",
                                   b'{"version": 1, "tool": "x", "entries": {}}',
                                   "wrong shape"])
def test_a_corrupt_cache_is_ignored_and_written_again(project: Path, cache: bytes | str
                                                      ) -> None:
    file = project / "output" / CACHE_FILE
    file.parent.mkdir()
    if isinstance(cache, str):  # this version and tool, with an entry of the wrong shape
        cache = json.dumps({"version": 1, "tool": _tool(), "hashes": {}, "entries": {
            "doc:councils/lambeth/scoping-2017.yaml": {"key": 3, "uses": None,
                                                       "document": {"title": []}}}}).encode()
    file.write_bytes(cache)
    with serving(project) as served:
        all_checked(served)
        assert statuses(served)["checks"] == 2 + len(OXFORDSHIRE)
    assert len(read_entries(file, _tool())[0]) == 2 + len(OXFORDSHIRE) + 2 + 1


def test_an_output_folder_that_cannot_hold_the_cache_is_said_once(project: Path) -> None:
    (project / "output").write_text("not a folder\n", encoding="utf-8")
    running = start(project)
    try:
        all_checked(running)
    finally:
        status, err = stop(running)
    assert status == 0 and "Traceback" not in err, err
    assert err.count("could not keep the statuses checked") == 1, err


def test_the_open_index_fills_itself_in(project: Path) -> None:
    """In a browser (JavaScript on, so the page's refresh is off): rows waiting to be checked
    take their statuses as they are found, with no reload by hand."""
    from accessibility import browser_for_test

    gate = project.parent / "gate"
    with serving(project, gate) as served, browser_for_test() as chrome:
        chrome.driver.get(served.url)
        poll(lambda: chrome.run("return document.readyState") == "complete")
        assert chrome.run("return document.querySelectorAll('.pd-badge-checking').length") \
            == 2 + len(OXFORDSHIRE)
        gate.touch()
        poll(lambda: chrome.run(
            "return document.querySelectorAll('.pd-badge-checking').length === 0 && "
            "document.getElementById('pd-checking') === null"))
        shown = chrome.run("return document.getElementById('pd-row-lambeth-scoping-2026')"
                           ".textContent")
        assert "No problems" in shown and "Fair processing notice" in shown
