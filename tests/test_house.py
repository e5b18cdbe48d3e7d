"""The house rules, checked on the code itself: one package per pipeline stage with only the
entry points loose at the top, no import cycle (counting imports inside functions, under
TYPE_CHECKING and the 'module:function' names the kind and format tables import), imports
deferred only for the heavy libraries a command may not need, and modules and functions of
a size a reader can hold."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

PACKAGE = REPO / "pause_docs"
ENTRY_POINTS = {"__init__.py", "__main__.py"}
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60

# The one list of imports that may be deferred to the function that needs them, each because
# loading it costs a command that may not need it.  The command line (cli/) is the exception:
# each command imports its library when it runs, so that `--help` loads none of them.
DEFERRED = {
    "weasyprint": "PDF only: about a second to load",
    "pause_docs.render.pdf": "imports WeasyPrint",
    "docx": "Word only (python-docx and lxml)",
    "pause_docs.render.docx": "imports python-docx",
    "cairosvg": "an SVG picture (a logo, a risk matrix) in a Word file only",
    "pypdf": "audit of a PDF only",
    "PIL": "a PNG or JPEG logo only: Pillow decodes it to check it (and puts a Word file's "
           "risk matrix in a palette)",
    "babel": "dates and plurals: CLDR data, loaded on the first date printed",
    "concurrent.futures": "a build that makes something: process pools",
    "multiprocessing": "a build that makes something: process pools",
    "ctypes": "a worker process only (it dies with its parent)",
    "webbrowser": "serve --open only",
    "pause_docs.source.loading": "pydantic and every model: a build with nothing to make "
                                 "need not load the project",
    "pause_docs.source.loader": "YAML and its checks' expressions: a build with nothing to "
                                "make reads no YAML",
    "importlib.metadata": "for a library's version not found by its folder's "
                          "name: a quarter of a no-op build",
    "pause_docs.publish.document": "the publish stage (every model): not for a no-op build",
    "pause_docs.render.html": "Jinja: not for a no-op build",
    "pause_docs.render.edition": "Jinja and the publish stage: not for a no-op build",
    "pause_docs.publish.tree": "a page's tree, for a form's words on a page: `validate` "
                               "makes none (a tenth of its imports)",
    "pause_docs.forms.library": "the forms, read when a document first names one: a "
                                "project of notices alone never does (a twentieth of "
                                "`validate`)",
}
STRING_IMPORT = re.compile(r"""["'](pause_docs(?:\.\w+)+):\w+["']""")


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(REPO).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _is_package(module: str) -> bool:
    return MODULES[module].name == "__init__.py"


def _imported(module: str, node: ast.Import | ast.ImportFrom) -> list[str]:
    """The project's modules an import statement runs: each named module and every package
    above it that is not above the importing module too (those are already loaded)."""
    if isinstance(node, ast.Import):
        named = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            parts = module.split(".")[: None if _is_package(module) else -1]
            parts = parts[: len(parts) - node.level + 1]
            base = ".".join(parts + ([node.module] if node.module else []))
        named = [base] + [f"{base}.{alias.name}" for alias in node.names]
    own = {".".join(module.split(".")[:i]) for i in range(1, module.count(".") + 2)}
    found = set()
    for name in named:
        if name not in MODULES:
            continue
        parts = name.split(".")
        found |= {".".join(parts[:i]) for i in range(1, len(parts) + 1)} - own
    return sorted(found & MODULES.keys())


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        edges: set[str] = set()
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Import | ast.ImportFrom):
                edges.update(_imported(module, node))
        for name in STRING_IMPORT.findall(text):  # the kind and format tables' makers
            edges.update(n for n in _imported(module, ast.Import([ast.alias(name)]))
                         if n != "pause_docs")
        graph[module] = edges - {module}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


@pytest.mark.slow
def test_the_import_graph_has_no_cycle_counting_every_deferred_import() -> None:
    assert _cycles(_graph()) == []


def test_the_cycle_check_finds_a_cycle_hidden_in_a_function() -> None:
    graph = _graph()
    graph["pause_docs.source.errors"] = graph["pause_docs.source.errors"] | {
        "pause_docs.build.writer"}  # as `from ..build.writer import …` inside a function would
    assert any("pause_docs.source.errors" in cycle for cycle in _cycles(graph))


def test_only_the_entry_points_sit_loose_at_the_top_of_the_package() -> None:
    loose = {p.name for p in PACKAGE.glob("*.py")}
    assert loose == ENTRY_POINTS


@pytest.mark.slow
def test_imports_are_deferred_only_for_the_heavy_libraries_listed() -> None:
    unlisted = []
    for module, path in MODULES.items():
        if module.startswith("pause_docs.cli"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top = {id(n) for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)}
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                top |= {id(n) for n in node.body}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Import | ast.ImportFrom) or id(node) in top:
                continue
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [max(_imported(module, node) or [node.module or ""], key=len)])
            for name in names:
                if not any(name == d or name.startswith(d + ".") for d in DEFERRED):
                    unlisted.append(f"{path.relative_to(REPO)}:{node.lineno}: {name}")
    assert unlisted == []


def test_no_module_or_function_is_longer_than_a_reader_can_hold() -> None:
    long = []
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > MAX_MODULE_LINES:
            long.append(f"{path.relative_to(REPO)}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                if size > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(REPO)}:{node.lineno}: {node.name} {size}")
    assert long == []


def test_dates_are_written_only_by_the_locale() -> None:
    """A date in a page or a message is written by `Locale.date` ('1 February 2017', '1
    Rhagfyr 2026'), never by hand with a month name from strftime: '%B' writes the month in
    the machine's language, and '%d' a day with a leading zero."""
    by_hand = re.compile(r"%[BbAa]|\{[^{}]*:%[^{}]*[BbdAa][^{}]*\}|\.strftime\(")
    found = [f"{path.relative_to(REPO)}:{n}: {line.strip()}"
             for path in PACKAGE.rglob("*.py")
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if by_hand.search(line)]
    assert found == []


def _loaded_by(code: str) -> set[str]:
    run = subprocess.run([sys.executable, "-c", f"{code}\nimport sys\n"
                          "print('\\n'.join(sorted(sys.modules)))"],
                         capture_output=True, text=True, cwd=REPO, check=True)
    return set(run.stdout.split())


def test_help_and_the_command_line_load_no_heavy_library() -> None:
    loaded = _loaded_by("from click.testing import CliRunner\n"
                        "from pause_docs.cli import main\n"
                        "CliRunner().invoke(main, ['--help'])")
    assert not loaded & {"weasyprint", "docx", "pydantic", "jinja2", "starlette"}


@pytest.mark.slow
def test_validate_and_a_build_of_pages_load_neither_weasyprint_nor_python_docx(
        tmp_path: Path) -> None:
    loaded = _loaded_by(
        "from pause_docs.cli import main\n"
        f"for args in (['validate'], ['build', '--format', 'html', '--output', "
        f"{str(tmp_path / 'out')!r}]):\n"
        f"    try: main(['--project', {str(REPO)!r}, *args])\n"
        "    except SystemExit as exit: assert exit.code == 0, exit.code")
    assert (tmp_path / "out" / "lambeth" / "scoping-2026.html").is_file()
    assert not loaded & {"weasyprint", "docx"}


@pytest.mark.slow
def test_a_build_with_nothing_to_make_reads_no_yaml_and_makes_no_model(tmp_path: Path) -> None:
    """A no-op build looks at the manifest and at files' sizes and times: it loads neither the
    YAML library nor the models, the templates or the importlib.metadata machinery."""
    out = str(tmp_path / "out")
    run = ("from pause_docs.cli import main\n"
           f"try: main(['--project', {str(REPO)!r}, 'build', '--format', 'html', '--output', "
           f"{out!r}])\n"
           "except SystemExit as exit: assert exit.code == 0, exit.code\n")
    _loaded_by(run)  # the first build makes everything
    loaded = _loaded_by(run)
    assert not loaded & {"yaml", "pydantic", "jinja2", "importlib.metadata",
                         "pause_docs.source.loader", "pause_docs.source.loading"}
    assert "pause_docs.build.session" in loaded
