"""New files from the browser: a council (what `pause-docs new` writes, with the words the
officer gives in place of its first TODOs) and a document in a council's folder (a notice from
its kind's scaffold, or a screening or assessment on a form). Names are checked as `new`
checks them; a file that exists is never replaced."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..scaffold.documents import council_text, document_text, scaffold
from ..scaffold.schemas import SCHEMAS_DIR, kind_of, modeline
from ..source.errors import ProjectError
from ..source.kinds import KINDS
from ..source.layout import (
    COUNCIL_FILE,
    COUNCILS_DIR,
    RESERVED_SLUGS,
    council_dirs,
    programme_files,
)
from ..source.loader import parse_yaml
from ..source.loading import load_shared
from ..source.models.base import NATIONS
from .files import NAME
from .roundtrip import updated


@dataclass
class Made:
    """What a new-file page made (the file's name in the editor), or why it did not."""

    name: str | None = None
    errors: dict[str, str] = field(default_factory=dict)


def choices(root: Path) -> dict[str, list[tuple[str, str]]]:
    """What the new-file pages offer: each choice's value and what the list shows for it."""
    forms = load_shared(root).forms
    return {"nation": [(nation, nation.replace("-", " ").title()) for nation in NATIONS],
            "kind": [(name, kind.label) for name, kind in KINDS.items()],
            "programme": [(name, name) for name in sorted(programme_files(root))],
            "council": [(name, name) for name in sorted(council_dirs(root))],
            "form": [(name, f"{form.definition.title} ({name}"
                            f"{'' if form.bundled else ', the council’s own'})")
                     for name, form in sorted(forms.items())]}


def make_council(root: Path, form: Mapping[str, str]) -> Made:
    slug = form.get("slug", "").strip()
    errors: dict[str, str] = {}
    if not NAME.match(slug) or slug in RESERVED_SLUGS:
        errors["slug"] = ("Enter a folder name of lower-case letters, digits and hyphens, "
                          "e.g. north-somerset")
    elif (root / COUNCILS_DIR / slug).exists():
        errors["slug"] = f"{COUNCILS_DIR}/{slug}/ already exists: choose another name"
    if not form.get("name", "").strip():
        errors["name"] = "Enter the council's full legal name"
    if form.get("nation", "") not in NATIONS:
        errors["nation"] = "Choose the nation the council is in"
    if errors:
        return Made(errors=errors)
    values: dict[str, Any] = {"name": form["name"].strip(), "nation": form["nation"]}
    if form.get("short_name", "").strip():
        values["short_name"] = form["short_name"].strip()
    if form.get("welsh") == "yes":
        values["languages"] = ["en", "cy"]
    text = council_text(slug)
    source, _ = parse_yaml(text, COUNCIL_FILE)
    data = dict(source.data) if source is not None and isinstance(source.data, dict) else {}
    data.update(values)
    if form.get("dpo_email", "").strip() and isinstance(data.get("dpo"), dict):
        data["dpo"]["email"] = form["dpo_email"].strip()
    folder = root / COUNCILS_DIR / slug
    folder.mkdir(parents=True)
    (folder / COUNCIL_FILE).write_text(updated(text, data), encoding="utf-8")
    return Made(f"{slug}/council")


def make_document(root: Path, form: Mapping[str, str]) -> Made:
    council, kind = form.get("council", ""), form.get("kind", "")
    programme = form.get("programme") or None
    errors: dict[str, str] = {}
    if council not in council_dirs(root):
        errors["council"] = "Choose the council the document is for (make it first)"
    if kind not in KINDS:
        errors["kind"] = "Choose the kind of document"
    if programme is not None and programme not in programme_files(root):
        errors["programme"] = "Choose a programme, or none"
    if errors:
        return Made(errors=errors)
    if KINDS[kind].form is not None:
        return _on_form(root, council, kind, programme, form.get("form") or KINDS[kind].form)
    slug = form.get("slug", "").strip() or KINDS[kind].scaffold or kind
    target = root / COUNCILS_DIR / council / f"{slug}.yaml"
    if not NAME.match(slug):
        return Made(errors={"slug": "Enter a file name of lower-case letters, digits and "
                                    "hyphens, e.g. pause-privacy-notice"})
    if target.exists():
        return Made(errors={"slug": f"{target.relative_to(root).as_posix()} already exists: "
                                    "choose another name"})
    text = document_text(root, kind, programme)
    line = modeline(kind_of(text)) if (root / SCHEMAS_DIR).is_dir() else ""
    target.write_text(line + text, encoding="utf-8")
    return Made(f"{council}/{slug}")


def _on_form(root: Path, council: str, kind: str, programme: str | None, form: str | None
             ) -> Made:
    if form not in load_shared(root).forms:
        return Made(errors={"form": "Choose the form the document is written on"})
    try:
        made = scaffold(root, council, programme or next(iter(sorted(programme_files(root))),
                                                         "pause"),
                        (str(form),))
    except ProjectError as exc:
        return Made(errors={"form": exc.format_message()})
    return Made(f"{council}/{made[-1].stem}")
