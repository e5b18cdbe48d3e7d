"""One list of formats, read by all: a format added to `render.formats.FORMATS` (here in a
test, with no other change) is made by `build`, served by the preview through its maker (in
a worker, as it is timed) and linked from the preview's index and page panel."""

from __future__ import annotations

import os
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO
from test_serve import STARTS_WITHIN, Served, make_project, stop

from pause_docs.build import build
from pause_docs.render.formats import FORMATS

sys.path.insert(0, str(Path(__file__).parent))
from added_format import TEXT  # noqa: E402

DOCUMENT = "/lambeth/scoping-2026"


def start_with_formats(root: Path, **environment: str) -> Served:
    """`pause-docs serve` with the formats of `added_format` in FORMATS."""
    env = {**os.environ, **environment, "PYTHONPATH": os.pathsep.join(
        [str(REPO / "tests"), os.environ.get("PYTHONPATH", "")])}
    process = subprocess.Popen(
        [sys.executable, str(REPO / "tests" / "added_format.py"), "--project", str(root),
         "serve", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=env)
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], STARTS_WITHIN)
    line = process.stdout.readline() if ready else ""
    found = re.search(r"http://\S+/", line)
    if found is None:
        process.kill()
        raise AssertionError(f"serve did not start: {line!r} {process.communicate()}")
    return Served(root, found.group(0), process)


@pytest.mark.slow
def test_a_format_added_to_formats_is_built_served_and_linked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(tmp_path / "project")
    monkeypatch.setitem(FORMATS, TEXT.name, TEXT)
    report = build(root, tmp_path / "out", TEXT.name, councils=["lambeth"], jobs=1)
    built = (tmp_path / "out" / f"{DOCUMENT.lstrip('/')}.txt").read_bytes()
    assert report.failed == [] and f"{DOCUMENT.lstrip('/')}.txt" in report.written
    assert built.strip()

    served = start_with_formats(root)
    try:
        index = served.text("/")
        assert f'href="{DOCUMENT}.txt">Plain text<span' in index
        assert f'href="{DOCUMENT}.pdf">PDF<span' in index  # the package's own still there
        assert f'<a href="{DOCUMENT}.txt">Plain text</a>' in served.text(f"{DOCUMENT}.html")
        status, headers, body = served.get(f"{DOCUMENT}.txt")
        assert status == 200, body[:300]
        assert headers["content-type"] == "text/plain; charset=utf-8"
        assert headers["content-disposition"] == 'inline; filename="scoping-2026.txt"'
        assert body == built  # made by its maker, as build makes it
    finally:
        code, err = stop(served)
    assert code == 0 and "Traceback" not in err, err
