"""`python -m docs_reference [--check]`: write the reference pages, or list the stale ones."""

from __future__ import annotations

import sys

from . import stale, write


def main(argv: list[str]) -> int:
    if "--check" in argv:
        out = stale()
        for path in out:
            print(f"docs/{path}: out of date: run 'python -m docs_reference' (or make docs)")
        return 1 if out else 0
    for path in write():
        print(f"wrote docs/{path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
