"""Formats that are not the package's, added to FORMATS by a test (and, for a served preview,
by `serve()` below, run in its own process): plain text; and two that hold the file being
made (in the worker, and in a thread) until the test ends, so that a test can stop the
server while a file is being made — by construction, not by timing."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from pause_docs.render.edition import Edition
from pause_docs.render.formats import FORMATS, OutputFormat
from pause_docs.render.text import publication_text

TEXT = OutputFormat("txt", "txt", "added_format:make_text", timed=True, label="Plain text",
                    media_type="text/plain; charset=utf-8",
                    description="the document as plain text")


def make_text(edition: Edition) -> tuple[bytes, tuple[str, ...]]:
    publication = edition.publication
    return publication_text((*publication.header, *publication.body)).encode(), ()


HOLD_MARKER = "PAUSE_DOCS_TEST_HOLD_MARKER"  # a folder: each held maker writes its pid there
HELD = OutputFormat("held", "held", "added_format:make_held", timed=True, label="Held",
                    media_type="text/plain; charset=utf-8")
HELD_HERE = OutputFormat("heldhere", "heldhere", "added_format:make_held", label="Held here",
                         media_type="text/plain; charset=utf-8")
HOLD_SECONDS = "PAUSE_DOCS_TEST_HOLD_SECONDS"  # how long a held maker holds (default 120 s)


def make_held(edition: Edition) -> tuple[bytes, tuple[str, ...]]:
    """Says it has started (a file named by its process id), then makes nothing for a long
    time."""
    folder = Path(os.environ[HOLD_MARKER])
    (folder / f"{os.getpid()}").write_text("making", encoding="utf-8")
    time.sleep(float(os.environ.get(HOLD_SECONDS, "120")))
    return b"", ()


def serve() -> None:
    """`pause-docs ARGS…` with the formats added."""
    from pause_docs.cli import main

    for fmt in (TEXT, HELD, HELD_HERE):
        FORMATS[fmt.name] = fmt
    main(sys.argv[1:])


if __name__ == "__main__":
    serve()
