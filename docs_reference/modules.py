"""The module catalogue: every package and module of pause_docs with the first paragraph of
its docstring, so the catalogue is what the code says of itself."""

from __future__ import annotations

import ast
from pathlib import Path

from . import REPO

PACKAGE = REPO / "pause_docs"


def pages() -> dict[str, str]:
    out = ["# The modules", "",
           "Every package and module of `pause_docs`, folder by folder, "
           "with what its docstring says it holds. The [architecture](architecture.md) shows "
           "how they fit together.", ""]
    for folder in sorted(p for p in PACKAGE.rglob("*") if p.is_dir() and _is_package(p)):
        rel = folder.relative_to(REPO).as_posix()
        out += [f"## `{rel}/`", "", _doc(folder / "__init__.py") or "", ""]
        modules = [m for m in sorted(folder.glob("*.py")) if m.name != "__init__.py"]
        if modules:
            out += ["| module | what it holds |", "|---|---|"]
            for module in modules:
                doc = _doc(module).replace("|", "\\|")
                out.append(f"| `{module.name}` | {doc} |")
        out.append("")
    return {"maintaining/modules.md": "\n".join(out + _tables())}


def _tables() -> list[str]:
    """The two tables a new kind or format is added to, as they are now."""
    from dataclasses import fields

    from pause_docs.render.formats import FORMATS
    from pause_docs.source.kinds import KINDS

    out = ["## `KINDS` (`source/kinds.py`)", "",
           "One entry per kind of document; a kind written on a form needs only its entry, a "
           "scaffold and a form.", ""]
    for table in (KINDS, FORMATS):
        names = [f.name for f in fields(next(iter(table.values())))]  # type: ignore[arg-type]
        out += ["| " + " | ".join(names) + " |", "|" + "---|" * len(names)]
        for entry in table.values():
            out.append("| " + " | ".join(
                str(getattr(entry, n)).replace("|", "\\|") for n in names) + " |")
        if table is KINDS:
            out += ["", "## `FORMATS` (`render/formats.py`)", "",
                    "One entry per kind of file a document is published as.", ""]
    return out


def _is_package(folder: Path) -> bool:
    return (folder / "__init__.py").is_file() and "__pycache__" not in folder.parts


def _doc(file: Path) -> str:
    doc = ast.get_docstring(ast.parse(file.read_text(encoding="utf-8"))) or ""
    return " ".join(doc.split("\n\n")[0].split())
