"""A full build (HTML, PDF and Word) of copies of the bundled councils, by two revisions.

Each revision builds its own bundled councils' YAML (the documents as that release held
them), but only the documents both revisions bundle, so that neither builds a document the
other lacks: the same documents, each as its release wrote it.
"""

from __future__ import annotations

import shutil
from pathlib import Path


def documents(tree: Path) -> set[str]:
    """'council/document.yaml' for every document a revision bundles."""
    councils = tree / "councils"
    return {f"{path.parent.name}/{path.name}" for path in councils.glob("*/*.yaml")
            if path.name != "council.yaml" and (path.parent / "council.yaml").is_file()}


def make_copies(tree: Path, root: Path, copies: int, keep: set[str]) -> int:
    """A project in `root` of `copies` copies of each of `tree`'s councils with a document in
    `keep` (only those documents), the folders the councils share (programmes, sections,
    forms) and a project registry if the revision had one; the number of documents."""
    if root.exists():
        shutil.rmtree(root)
    if (tree / "legal_bases").is_dir():  # the previous release's registry lived here
        shutil.copytree(tree / "legal_bases", root / "legal_bases")
    made = 0
    for folder in sorted(p for p in (tree / "councils").iterdir() if p.is_dir()):
        if not (folder / "council.yaml").is_file():
            shutil.copytree(folder, root / "councils" / folder.name)
            continue
        kept = {name.split("/")[1] for name in keep if name.startswith(f"{folder.name}/")}
        if not kept:
            continue
        for i in range(copies):
            shutil.copytree(folder, root / "councils" / f"{folder.name}-{i:03d}",
                            ignore=lambda _, names, kept=kept: [
                                n for n in names if n.endswith(".yaml")
                                and n != "council.yaml" and n not in kept])
            made += len(kept)
    return made
