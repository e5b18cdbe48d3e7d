"""Fuzz: hostile YAML in every kind of file a project holds — council, document, programme,
standard section and registry — through `validate`, `build`, `lint` and `diff`, as a user
runs them.  Whatever the files hold, every command must end with an exit status of 0, 1 or
2, never a traceback, never "internal-error", never more than 30 seconds, and print no
control character or lone surrogate (nor write one into a page).

The files are the bundled ones mutated (many still valid), broken as hand editing breaks
them, or written to hurt (tags, alias bombs, deep nesting, escaped control characters and
surrogates, terminal escape sequences, bytes that are not UTF-8).  Derandomized: every run
tries the same files.  The default run tries 200 files; `pytest -m fuzz` (which .ci/run
runs) tries 2,000 and prints PDFs too.
"""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import COUNCIL_YAML, REPO
from damage import damage, value_paths
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from pause_docs.cli import main

FILES_PER_EXAMPLE = 10
KINDS = ("council", "document", "programme", "section", "registry")
HANG = 30  # seconds
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
NOTICE = "kind: privacy-notice\ntitle: A notice\npublished: 2026-01-01\nprogramme: pause\n"
BASE = "councils/lambeth/scoping-2026.yaml"


def _data(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


SEEDS: dict[str, list[Any]] = {
    "council": [_data(p) for p in sorted(REPO.glob("councils/*/council.yaml"))],
    "document": [_data(p) for p in sorted(REPO.glob("councils/*/*.yaml"))
                 if p.name != "council.yaml" and p.parent.name not in ("programmes", "sections")],
    "programme": [_data(p) for p in sorted(REPO.glob("pause_docs/programmes/*.yaml"))],
    "section": [_data(p) for p in sorted(REPO.glob("pause_docs/sections/*.yaml"))],
    "registry": [_data(p) for p in sorted(REPO.glob("pause_docs/legal_bases/*.yaml"))],
}
REGISTRY_FILES = sorted(p.name for p in REPO.glob("pause_docs/legal_bases/*.yaml"))
KEYS = sorted({k for seeds in SEEDS.values() for seed in seeds if isinstance(seed, dict)
               for k in seed})
HOSTILE_TEXT = [
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "[x](javascript:alert(1))",
    "{{ council.__class__ }}", "{{ council.nope }}", "{{", "TODO", "\u202eevil\u202c",
    "\x1b]0;owned\x07", "\x1b[2J\x1b[31mred", "\x9b31m", "\x00", "\x07", "\r", "\x85",
    "\ud800", "\udfff", "\ufffe", "line\r\nbreak", "2017-02-30", "yes", "~", "1e999", "",
    "é" * 300, "x" * 5000, "https://www.legislation.gov.uk/ukpga/2004/31/section/10/"
    "onmouseover=alert(1)//", "ca2004-s10", "privacy-notice", "pause", "../../etc/passwd",
]
SCALARS = st.one_of(st.text(max_size=40), st.sampled_from(HOSTILE_TEXT), st.integers(),
                    st.booleans(), st.none(), st.floats(allow_nan=True), st.dates().map(str))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
    st.sampled_from(KEYS) | st.text(max_size=10), inner, max_size=3), max_leaves=8)


def _dump(data: Any) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8",
                                                                            "surrogatepass")


@st.composite
def mutated(draw: st.DrawFn, kind: str) -> bytes:
    """A bundled file of this kind with up to three changes: often still valid."""
    data = yaml.safe_load(yaml.safe_dump(draw(st.sampled_from(SEEDS[kind]))))
    for _ in range(draw(st.integers(0, 3))):
        paths = value_paths(data)[1:]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["text", "text", "value", "delete", "add"]))
        if action == "text" and isinstance(parent[path[-1]], str):
            parent[path[-1]] = draw(st.sampled_from(HOSTILE_TEXT) | st.text(max_size=30))
        elif action == "delete":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(KEYS) | st.text(max_size=8))] = draw(VALUES)
        else:
            parent[path[-1]] = draw(VALUES)
    return _dump(data)


@st.composite
def broken(draw: st.DrawFn, kind: str) -> bytes:
    """A bundled file of this kind damaged the way hand editing damages it."""
    text = _dump(draw(st.sampled_from(SEEDS[kind]))).decode("utf-8", "surrogatepass")
    return damage(draw, text).encode("utf-8", "surrogatepass")


@st.composite
def hostile(draw: st.DrawFn) -> bytes:
    """Files written to hurt, whatever their kind."""
    key = draw(st.sampled_from(["name", "title", "summary", "text", "heading", "nonexistent"]))
    choice = draw(st.integers(0, 9))
    if choice == 0:
        text = f"{key}: !!python/object/apply:os.system ['id']\n"
    elif choice == 1:
        text = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
            f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9))
    elif choice == 2:
        text = f"{key}: &s '{'x' * draw(st.integers(1, 60_000))}'\nlist:\n" + "".join(
            "  - *s\n" for _ in range(draw(st.integers(1, 40))))
    elif choice == 3:
        text = f"{key}: " + "[" * draw(st.integers(1, 3000)) + "\n"
    elif choice == 4:
        escape = draw(st.sampled_from(["\\0", "\\x1b]0;t\\a", "\\e[2J", "\\ud800", "\\x9b",
                                       "\\N", "\\r", "\\uFFFF", "\\a", "\\v"]))
        text = f'{key}: "a{escape}b"\n"k{escape}": 1\n'
    elif choice == 5:
        return f"{key}: x\n".encode() + draw(st.binary(max_size=100))
    elif choice == 6:
        text = draw(st.sampled_from(["", "---\n", "- a\n", "42\n", "{}\n", "x: 1\n---\ny: 2\n",
                                     "? [a, b]\n: c\n", "<<: {a: 1}\n", "%YAML 1.1\n---\na: 1\n"]))
    elif choice == 7:
        text = f"{key}: " + draw(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
    elif choice == 8:
        text = "".join(f"{key}{i}: {draw(st.sampled_from(HOSTILE_TEXT))!r}\n" for i in range(5))
    else:
        text = f"{key}: 1\n{key}: 2\n"  # a duplicate key
    return text.encode("utf-8", "surrogatepass")


def texts_of(kind: str) -> st.SearchStrategy[bytes]:
    return st.one_of(mutated(kind), mutated(kind), broken(kind), hostile())


EXAMPLE = st.sampled_from(KINDS).flatmap(lambda kind: st.tuples(st.just(kind), st.lists(
    texts_of(kind), min_size=FILES_PER_EXAMPLE, max_size=FILES_PER_EXAMPLE)))


class Project:
    """A project with two bundled notices (the registry, programmes and sections are the
    package's), into which each example writes its files (its own registry files, programmes
    and sections over the package's), and from which it takes them out again."""

    def __init__(self, root: Path) -> None:
        self.root = root
        shutil.copytree(REPO / "councils/lambeth", root / "councils/lambeth")
        self.written: list[Path] = []

    def write(self, kind: str, texts: list[bytes]) -> list[str]:
        """Put the texts where files of `kind` live; the documents that use them."""
        documents = []
        for i, text in enumerate(texts):
            folder = self.root / "councils" / ("fz" if kind != "council" else f"fz-{i}")
            folder.mkdir(parents=True, exist_ok=True)
            council, doc = folder / "council.yaml", folder / f"doc-{i}.yaml"
            self._put(council, COUNCIL_YAML.encode() if kind != "council" else text)
            if kind == "document":
                self._put(doc, text)
            elif kind == "programme":
                self._put(self.root / "councils" / "programmes" / f"fz-{i}.yaml", text)
                self._put(doc, NOTICE.replace("programme: pause", f"programme: fz-{i}").encode())
            elif kind == "section":
                self._put(self.root / "councils" / "sections" / f"fz-{i}.yaml", text)
                self._put(doc, (NOTICE + f"sections:\n  - use: fz-{i}\n").encode())
            elif kind == "registry":  # a damaged copy of a package registry file
                self._put(self.root / "legal_bases" / REGISTRY_FILES[i % len(REGISTRY_FILES)],
                          text)
                self._put(doc, NOTICE.encode())
            else:
                self._put(doc, NOTICE.encode())
            documents.append(doc.relative_to(self.root).as_posix())
        return documents

    def _put(self, path: Path, data: bytes) -> None:
        self.written.append(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    def restore(self) -> None:
        for path in self.written:
            relative = path.relative_to(self.root)
            bundled = REPO / relative
            if bundled.is_file():
                shutil.copy(bundled, path)
            else:
                path.unlink(missing_ok=True)
        self.written = []
        for folder in self.root.glob("councils/fz*"):
            shutil.rmtree(folder)


@contextmanager
def at_most(seconds: int, what: str) -> Iterator[None]:
    def hung(signum: int, frame: object) -> None:
        raise AssertionError(f"{what} took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run(root: Path, args: list[str], tally: Counter[str]) -> str:
    with at_most(HANG, " ".join(args)):
        result = CliRunner().invoke(main, ["--project", str(root), *args])
    what = f"{args}: {result.output[-2000:]}"
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        what, result.exc_info)
    assert result.exit_code in (0, 1, 2), what
    assert "Traceback" not in result.output and "internal-error" not in result.output, what
    assert not CONTROL.search(result.output), (what, CONTROL.search(result.output))
    tally[f"{args[0]} exit {result.exit_code}"] += 1
    return result.output


def check_pages(out: Path, tally: Counter[str]) -> None:
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not CONTROL.search(text), (page, CONTROL.search(text))
        tally["pages"] += 1
    for pdf in out.rglob("*.pdf"):
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
                              capture_output=True, check=True).stdout.decode("utf-8")
        assert not CONTROL.search(text.replace("\f", "")), pdf
        tally["pdfs"] += 1


@pytest.mark.slow
@pytest.mark.parametrize(("examples", "fmt"), [
    (20, "html"), pytest.param(200, "all", marks=pytest.mark.fuzz)])
def test_hostile_files_of_every_kind_never_crash_hang_or_leak_controls(
        tmp_path: Path, examples: int, fmt: str) -> None:
    project = Project(tmp_path / "project")
    root, out = project.root, tmp_path / "output"
    tally: Counter[str] = Counter()
    started = time.monotonic()

    @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck), phases=[Phase.generate])
    @given(EXAMPLE)
    def commands_hold(example: tuple[str, list[bytes]]) -> None:
        kind, texts = example
        try:
            documents = project.write(kind, texts)
            tally[f"{kind} files"] += len(texts)
            run(root, ["validate"], tally)
            run(root, ["build", "--format", fmt, "--output", str(out), "-j", "1", "-q"], tally)
            check_pages(out, tally)
            run(root, ["lint"], tally)
            for document in (documents[0], documents[-1], BASE):
                run(root, ["diff", str(root / BASE), str(root / document)], tally)
        finally:
            project.restore()
            shutil.rmtree(out, ignore_errors=True)

    commands_hold()
    files = sum(n for name, n in tally.items() if name.endswith(" files"))
    print(f"\n{files} hostile files in {time.monotonic() - started:.0f} s: "
          f"{dict(sorted(tally.items()))}")
    assert files == examples * FILES_PER_EXAMPLE
    assert all(tally[f"{kind} files"] for kind in KINDS), tally
    for command in ("validate", "build"):  # both outcomes are reached
        assert tally[f"{command} exit 0"] and tally[f"{command} exit 1"], tally
    assert tally["diff exit 0"] + tally["diff exit 1"] and tally["diff exit 2"], tally
    assert tally["pages"] >= examples * 2, tally  # hostile documents were made into pages
