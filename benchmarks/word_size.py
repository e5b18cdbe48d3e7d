"""Word files against pandoc's for the same page: what a council publishes, by size.

    .venv/bin/python benchmarks/word_size.py   # the bundled councils, one copy each

pause-docs builds each document's HTML page and its Word file; pandoc (`make bench` installs
it) turns that HTML page into a Word file of its own, with its default styles.  The ratio of
the two sizes, summed over every document and for the document where it is worst, says
whether pause-docs' Word files carry what a reader does not need (a whole default template,
latent styles): the issue on speed asks for no more than x1.2 pandoc's.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from measure import COMMAND
from workload import make_bundled_copies


def pairs(html: Path, docx: Path) -> list[tuple[Path, Path]]:
    """Each HTML page of a build in `html` with the Word file of the same document in
    `docx`."""
    return [(page, docx / page.relative_to(html).with_suffix(".docx"))
            for page in sorted(html.rglob("*.html"))
            if (docx / page.relative_to(html).with_suffix(".docx")).is_file()]


def word_against_pandoc(root: Path, base: Path) -> str:
    """Build `root`'s documents as HTML and as Word, convert each page with pandoc, and
    compare the sizes: 'x0.55 of pandoc's (...)', or why it was not measured."""
    if shutil.which("pandoc") is None:
        return "not measured: pandoc is not installed (make bench installs it)"
    outputs = {kind: base / f"word-{kind}" for kind in ("html", "docx")}
    for kind, folder in outputs.items():
        subprocess.run([*COMMAND, "build", "--format", kind, "--force", "--output",
                        str(folder)], cwd=root, check=True, capture_output=True)
    ratios: dict[str, float] = {}
    ours = theirs = 0
    for page, word in pairs(outputs["html"], outputs["docx"]):
        converted = base / "word-pandoc.docx"  # from the page's folder, so its logo is found
        subprocess.run(["pandoc", "--from", "html", "--to", "docx", "--output",
                        str(converted), page.name], cwd=page.parent, check=True)
        size, pandoc = word.stat().st_size, converted.stat().st_size
        ours, theirs = ours + size, theirs + pandoc
        ratios[f"{page.parent.name}/{page.stem}"] = size / pandoc
    if not ratios:
        return "not measured: the build made no Word file beside an HTML page"
    worst = max(ratios, key=ratios.__getitem__)
    return (f"x{ours / theirs:.2f} of pandoc's ({len(ratios)} documents, {ours / 1024:.0f} "
            f"against {theirs / 1024:.0f} kB); largest ratio {worst}: x{ratios[worst]:.2f}")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="pause-docs-word-") as temp:
        root = Path(temp) / "bundled"
        make_bundled_copies(root, 1)
        print(f"Word files: {word_against_pandoc(root, Path(temp))} (target <= x1.2)")


if __name__ == "__main__":
    main()
