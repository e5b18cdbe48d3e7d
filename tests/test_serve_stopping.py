"""`serve` stops cleanly however busy it is, lets go of connections that never finish their
request, and shows a scaffold not yet filled in as a draft.

A file is held in the making by a format of the test's own (`added_format`): the server is
stopped while it is certainly being made, by construction rather than by timing."""

from __future__ import annotations

import datetime as dt
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from added_format import HOLD_MARKER, HOLD_SECONDS
from click.testing import CliRunner
from test_formats_everywhere import start_with_formats
from test_serve import Served, make_project

from pause_docs.cli import main
from pause_docs.preview.connections import HEADER_TIMEOUT
from pause_docs.preview.pages import index_page
from pause_docs.preview.status import overview

QUIET = ("Traceback", "CancelledError", "resource_tracker", "leaked")


def ask_in_background(served: Served, path: str) -> tuple[threading.Thread, list[object]]:
    answer: list[object] = []

    def ask() -> None:
        try:
            answer.append(served.get(path))
        except OSError as exc:
            answer.append(exc)

    thread = threading.Thread(target=ask, daemon=True)
    thread.start()
    return thread, answer


def wait_for_maker(folder: Path, process: subprocess.Popen[str]) -> int:
    """The process id of the maker, once it has started (the server still running)."""
    for _ in range(1200):
        found = list(folder.iterdir())
        if found:
            return int(found[0].name)
        assert process.poll() is None, "the server stopped before making"
        time.sleep(0.1)
    raise AssertionError("the held file was never started")


def stop_by_sigterm(served: Served) -> tuple[int, str]:
    served.process.send_signal(signal.SIGTERM)
    _, err = served.process.communicate(timeout=120)
    return served.process.returncode, err


@pytest.mark.slow
def test_sigterm_while_the_worker_makes_a_file_stops_cleanly(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    held = tmp_path / "held"
    held.mkdir()
    served = start_with_formats(root, **{HOLD_MARKER: str(held)})
    thread, answer = ask_in_background(served, "/lambeth/scoping-2026.held")
    maker = wait_for_maker(held, served.process)
    assert maker != served.process.pid  # made in the worker process
    status, err = stop_by_sigterm(served)
    thread.join(60)
    assert status == 0, err
    assert not any(word in err for word in QUIET), err
    assert not Path(f"/proc/{maker}").exists(), "the worker outlived the server"
    code, _, body = answer[0]  # type: ignore[misc]
    assert code == 500 and b"the preview was stopped before the file was made" in body


@pytest.mark.slow
def test_stopping_while_a_file_is_made_in_a_thread_prints_no_traceback(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    held = tmp_path / "held"
    held.mkdir()
    # held longer than the server waits for requests when stopping (3 s)
    served = start_with_formats(root, **{HOLD_MARKER: str(held), HOLD_SECONDS: "8"})
    thread, answer = ask_in_background(served, "/lambeth/scoping-2026.heldhere")
    assert wait_for_maker(held, served.process) == served.process.pid
    status, err = stop_by_sigterm(served)
    thread.join(60)
    assert status == 0, err
    assert not any(word in err for word in QUIET), err
    code, _, body = answer[0]  # type: ignore[misc]
    assert code == 503 and b"The preview stopped before this was made." in body


def connect(served: Served) -> socket.socket:
    where = urlsplit(served.url)
    sock = socket.create_connection((where.hostname or "", where.port or 80))
    sock.settimeout(HEADER_TIMEOUT * 6)  # a test must end, even if the server never closes
    return sock


@pytest.mark.slow
def test_connections_that_never_finish_their_request_are_closed(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    served = start_with_formats(root)
    try:
        silent, partial = connect(served), connect(served)
        partial.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never ends its headers
        for sock in (silent, partial):
            with sock:
                assert sock.recv(1024) == b"", "a half-open connection was kept"
        status, _, _ = served.get("/")  # the server itself still answers
        assert status == 200
    finally:
        served.process.send_signal(signal.SIGINT)
        served.process.communicate(timeout=60)


@pytest.mark.slow
def test_an_unfinished_scaffold_is_a_draft_with_things_to_fill_in(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["init", str(tmp_path)]).exit_code == 0
    result = runner.invoke(main, ["--project", str(tmp_path), "new", "ours", "--programme",
                                  "pause"])
    assert result.exit_code == 0, result.output
    found = overview(tmp_path, None, dt.date(2026, 12, 1))
    drafts = {d.path: (d.draft, d.written_kind) for d in found.documents()}
    todo = {d.path: sum(p.code == "todo" for p in d.problems) for d in found.documents()}
    assert drafts["councils/ours/privacy-notice.yaml"] == (
        todo["councils/ours/privacy-notice.yaml"], "privacy-notice")
    page = index_page(found, "token", tmp_path)
    count = drafts["councils/ours/privacy-notice.yaml"][0]
    assert count > 1
    assert f"<td>privacy notice, draft: {count} things to fill in</td>" in page
    assert "not known: it does not load" not in page
