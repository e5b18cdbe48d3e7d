"""Where pause-docs' documentation explains each command: the pages the README `init` writes
links to, and the command reference names. The pages are in docs/ of pause-docs' source
(`make docs` builds them into a site); `SITE` is where a reader finds them."""

from __future__ import annotations

import textwrap

SITE = "docs"
"""Where the pages are: the docs/ folder of pause-docs' source, until the site is published
at an address of its own (then that address goes here)."""

GUIDES = {
    "new": "guides/ig-officer.md", "validate": "guides/ig-officer.md",
    "serve": "get-started/first-notice.md", "schema": "get-started/first-notice.md",
    "build": "get-started/publishing.md", "lint": "guides/lint.md",
    "where-used": "guides/lint.md", "audit": "guides/audit.md",
    "diff": "guides/legal-review.md", "translations": "guides/welsh.md",
    "init": "get-started/install.md", "registry": "guides/law-updates.md",
    "law": "guides/law-updates.md", "show": "guides/ig-officer.md",
}
"""The guide that explains each command at length, by its path under docs/."""


def readme_section() -> str:
    """The README's list of where to read about each command, and the references."""
    lines = ["", "## Documentation", "", *textwrap.wrap(
        "pause-docs' documentation is in the docs/ folder of its source (`make docs` builds it "
        "into a site). The guide to each command (and every option of every command: "
        f"{SITE}/reference/commands.md):", 92), ""]
    lines += [f"    pause-docs {name:<13} {SITE}/{page}" for name, page in GUIDES.items()]
    lines += ["", f"Every rule lint and audit report, with its fix: {SITE}/rules/index.md",
              f"Every field of every kind of file: {SITE}/reference/kinds/index.md",
              f"The legal registry, every id: {SITE}/reference/registry.md", "",
              "Where there is no docs/ folder (the tool installed with pip), the rules travel "
              "with it:",
              "`pause-docs show rule` lists them, `pause-docs show rule CODE` prints one, and",
              "`pause-docs serve` links every problem it shows to its rule's page (all at "
              "/_rules/)."]
    return "\n".join(lines) + "\n"
