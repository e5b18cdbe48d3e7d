"""A format that is not one of the package's: plain text, added to FORMATS by a test (and,
for a served preview, by `serve()` below, run in its own process)."""

from __future__ import annotations

import sys

from pause_docs.render.edition import Edition
from pause_docs.render.formats import FORMATS, OutputFormat
from pause_docs.render.text import publication_text

TEXT = OutputFormat("txt", "txt", "added_format:make_text", timed=True, label="Plain text",
                    media_type="text/plain; charset=utf-8",
                    description="the document as plain text")


def make_text(edition: Edition) -> tuple[bytes, tuple[str, ...]]:
    publication = edition.publication
    return publication_text((*publication.header, *publication.body)).encode(), ()


def serve() -> None:
    """`pause-docs ARGS…` with the format added."""
    from pause_docs.cli import main

    FORMATS[TEXT.name] = TEXT
    main(sys.argv[1:])


if __name__ == "__main__":
    serve()
