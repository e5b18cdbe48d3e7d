"""Where things live in a project on disk: councils, documents, the registry, templates.

Kept free of heavy imports, so that a build can find out what is up to date before it loads
any YAML, model or template.
"""

from __future__ import annotations

from pathlib import Path

from .errors import ProjectError, display_path

COUNCILS_DIR = "councils"
PROGRAMMES_DIR = "programmes"
SECTIONS_DIR = "sections"
FORMS_DIR = "forms"  # a project's own forms: councils/forms/<name>.yaml, sets in forms/sets/
COUNCIL_FILE = "council.yaml"
REGISTRY_DIR = "legal_bases"
RESERVED_SLUGS = {PROGRAMMES_DIR, SECTIONS_DIR, FORMS_DIR}
TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
BUNDLED_FORMS = Path(__file__).resolve().parent / "forms"  # the forms the package ships
DEFAULT_PREFIX = "default"
YAML_SUFFIXES = (".yaml", ".yml")  # in any case: 'NOTICE.YAML' is a document too


def find_root(start: Path) -> Path:
    """The project directory: `start` or the nearest parent with a councils/ folder."""
    start = start.resolve()
    for candidate in (start, *start.parents):
        if (candidate / COUNCILS_DIR).is_dir():
            return candidate
    raise ProjectError(f"no '{COUNCILS_DIR}/' folder in {start} or above it: run pause-docs "
                       "inside a project, or pass --project DIR")


def council_dirs(root: Path) -> dict[str, Path]:
    base = root / COUNCILS_DIR
    try:
        entries = sorted(base.iterdir())
    except OSError:
        return {}
    return {d.name: d for d in entries
            if d.is_dir() and d.name not in RESERVED_SLUGS and not d.name.startswith(".")}


def is_yaml(path: Path) -> bool:
    return path.suffix.lower() in YAML_SUFFIXES


def yaml_files(folder: Path) -> list[Path]:
    """The YAML files directly in `folder` (none if it is not there)."""
    try:
        return sorted(f for f in folder.iterdir() if is_yaml(f))
    except OSError:
        return []


def document_files(council_dir: Path) -> list[Path]:
    return [f for f in yaml_files(council_dir) if f.name != COUNCIL_FILE]


def registry_files(root: Path) -> list[Path]:
    return sorted(f for f in (root / REGISTRY_DIR).rglob("*") if is_yaml(f))


def search_path(project_root: Path) -> tuple[Path, ...]:
    """The project's own templates/ (when it has one) before the built-in templates."""
    own = (project_root / "templates").resolve()
    return (own, TEMPLATES_DIR) if own.is_dir() and own != TEMPLATES_DIR else (TEMPLATES_DIR,)


def find_template(templates: tuple[Path, ...], name: str) -> Path | None:
    """The file the template loader picks for `name`: 'default:…' is built-in, else the first
    folder of the search path that has it."""
    prefix, _, rest = name.partition(":")
    candidates = [TEMPLATES_DIR / rest] if prefix == DEFAULT_PREFIX and rest else []
    candidates += [folder / name for folder in templates]
    return next((c for c in candidates if c.is_file()), None)


def bundled_form_names() -> list[str]:
    """The names of the forms the package ships (pause_docs/forms/<name>.yaml)."""
    return sorted(p.stem for p in BUNDLED_FORMS.glob("*.yaml"))


def used_files(root: Path) -> list[str]:
    """Files a document may be made from besides its own, its council's, the registry and the
    programmes: standard sections and forms (the project's and the bundled ones), named as a
    build records them."""
    found = sorted((root / COUNCILS_DIR / SECTIONS_DIR).glob("*.yaml"))
    for folder in (BUNDLED_FORMS, root / COUNCILS_DIR / FORMS_DIR):
        found += sorted(folder.rglob("*.yaml"))
    return [display_path(f, root) for f in found]


def output_name(council: str, slug: str, suffix: str, language: str = "",
                languages: tuple[str, ...] = ()) -> str:
    """Where a document's file goes under output/: '<council>/<slug>.html' in the council's
    first language, '<council>/<slug>.<language>.html' in each of its others."""
    other = language and languages and language != languages[0]
    return f"{council}/{slug}.{language}.{suffix}" if other else f"{council}/{slug}.{suffix}"
