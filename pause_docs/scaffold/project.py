"""`pause-docs init`: a council's own project, ready to commit — its councils/ folder (empty,
or one example council), a short README, a .gitignore for output/, the JSON Schemas with the
editor settings that use them, and a CI workflow that checks and builds on every change.

Nothing existing is overwritten: if any file it would write is there, nothing is written.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..source import resources
from ..source.errors import ProjectError
from ..source.layout import (
    COUNCIL_FILE,
    COUNCILS_DIR,
    PROGRAMMES_DIR,
    SECTIONS_DIR,
    programme_files,
)
from . import schemas as schemas
from .documentation import readme_section

EXAMPLE_SLUG = "example-council"
EXAMPLE = resources.PACKAGE_ROOT / "example"  # the example council the package ships
WORKFLOW = ".github/workflows/pause-docs.yml"

README = """\
# Data-protection documents

Our notices and screenings, written as YAML and made into accessible HTML and tagged PDF by
[pause-docs](https://pypi.org/project/pause-docs/). The law (the legal registry), the
programmes and the page templates come with the tool; this repository holds our own content.

    pip install pause-docs          # once; `pip install -U pause-docs` takes the newest law
    pause-docs new our-council      # start a council: councils/our-council/
    pause-docs validate             # mistakes, each with its file, line and column
    pause-docs lint                 # checks against UK data-protection law
    pause-docs build                # output/<council>/<document>.html and .pdf
    pause-docs registry             # the version of the law the tool holds

Editors: open this folder in VS Code with the YAML extension (recommended in .vscode/);
schemas/ holds the JSON Schemas it checks and completes files with. After upgrading
pause-docs, refresh them with `pause-docs init --schemas`.
""" + readme_section()

GITIGNORE = "output/\n"

CI = f"""\
# Checks and builds the documents on every change. Problems are printed as
# path:line:column: severity: code: message; the built pages are kept as an artifact.
name: pause-docs
on: [push, pull_request]
jobs:
  documents:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
          cache: pip
          cache-dependency-path: .github/workflows/pause-docs.yml
      - run: sudo apt-get update && sudo apt-get install -y --no-install-recommends
          libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libcairo2 fonts-dejavu-core
      # The version this project was made with: a newer one may print the documents
      # differently or hold newer law, so change it on purpose (and run lint again).
      - run: pip install "pause-docs=={__version__}"
      - run: pause-docs registry
      - run: pause-docs validate
      - run: pause-docs lint --strict
      - run: pause-docs build --strict
      - uses: actions/upload-artifact@v4
        with:
          name: documents
          path: output/
"""


@dataclass(frozen=True)
class Planned:
    path: Path
    text: str | None = None
    copy_of: Path | None = None


def schema_globs() -> dict[str, list[str]]:
    """Which files each schema is for, as VS Code's yaml.schemas writes it. Documents name
    their own schema in their first line (every kind of document has its own)."""
    return {
        "council": [f"{COUNCILS_DIR}/*/{COUNCIL_FILE}"],
        "programme": [f"{COUNCILS_DIR}/{PROGRAMMES_DIR}/*.yaml"],
        "section": [f"{COUNCILS_DIR}/{SECTIONS_DIR}/*.yaml"],
        "registry": ["legal_bases/*.yaml"],
        "form": [f"{COUNCILS_DIR}/forms/*.yaml"],
        "question-set": [f"{COUNCILS_DIR}/forms/sets/*.yaml"],
    }


def editor_settings() -> str:
    mapping = {f"./{schemas.SCHEMAS_DIR}/{schemas.file_name(kind)}": globs
               for kind, globs in schema_globs().items()}
    return json.dumps({"yaml.schemas": mapping}, indent=2) + "\n"


def schema_files(folder: Path) -> list[Planned]:
    """Every schema, for the project in `folder` (its own programmes' defaults included)."""
    programmes = list(programme_files(folder).values())
    return [Planned(folder / schemas.SCHEMAS_DIR / schemas.file_name(kind),
                    schemas.text(kind, programmes)) for kind in schemas.KIND_NAMES]


def plan(folder: Path, example: bool) -> list[Planned]:
    planned = [
        Planned(folder / "README.md", README),
        Planned(folder / ".gitignore", GITIGNORE),
        Planned(folder / ".vscode" / "settings.json", editor_settings()),
        Planned(folder / ".vscode" / "extensions.json",
                json.dumps({"recommendations": ["redhat.vscode-yaml"]}, indent=2) + "\n"),
        Planned(folder / WORKFLOW, CI),
        *schema_files(folder),
    ]
    if example:
        planned += [_example_file(folder / COUNCILS_DIR / EXAMPLE_SLUG, f)
                    for f in sorted(EXAMPLE.iterdir()) if f.is_file()]
    else:
        planned.append(Planned(folder / COUNCILS_DIR / ".gitkeep", ""))
    return planned


def _example_file(council: Path, file: Path) -> Planned:
    """A file of the example council; a YAML file with the line naming its schema first."""
    if file.suffix != ".yaml":
        return Planned(council / file.name, copy_of=file)
    text = file.read_text(encoding="utf-8")
    kind = "council" if file.name == COUNCIL_FILE else schemas.kind_of(text)
    return Planned(council / file.name, schemas.modeline(kind) + text)


def init(folder: Path, example: bool = False) -> list[Path]:
    """Write a new project into `folder` (made if missing); the files written."""
    planned = plan(folder, example)
    there = [p.path for p in planned if p.path.exists()]
    if there:
        names = ", ".join(str(p.relative_to(folder)) for p in there[:5])
        raise ProjectError(f"{folder} already has {names}{' …' if len(there) > 5 else ''}: "
                           "nothing was written (pause-docs init makes a new project; "
                           "`pause-docs init --schemas` refreshes the schemas only)")
    return _write(planned)


def refresh_schemas(folder: Path) -> list[Path]:
    """Write the schemas again (after upgrading pause-docs), replacing the old ones."""
    return _write(schema_files(folder))


def _write(planned: list[Planned]) -> list[Path]:
    for item in planned:
        item.path.parent.mkdir(parents=True, exist_ok=True)
        if item.copy_of is not None:
            shutil.copyfile(item.copy_of, item.path)
        else:
            item.path.write_text(item.text or "", encoding="utf-8")
    return [p.path for p in planned]
