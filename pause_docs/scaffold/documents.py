"""`pause-docs new`: a council folder for a new site (its council file and notices), and a
screening or assessment on each form asked for, every field it needs marked TODO."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any

from ..forms.definition import FormField
from ..forms.form import Form
from ..source.errors import ProjectError, did_you_mean, display_path
from ..source.kinds import KINDS
from ..source.layout import COUNCIL_FILE, COUNCILS_DIR, RESERVED_SLUGS, programme_files
from ..source.loader import read_yaml
from ..source.models.base import _SLUG
from ..source.registry import Registry
from ..source.resources import package_label
from .required import missing, sections_yaml
from .risks import drafted_risks
from .schemas import SCHEMAS_DIR, kind_of, modeline

SCAFFOLDS = Path(__file__).resolve().parent / "drafts"
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")  # '{{ council.name }}' in the text stays as it is
_HINTS = {"text": "text", "markdown": "text (Markdown)", "date": "a date as YYYY-MM-DD",
          "period": "{start: YYYY-MM-DD, end: YYYY-MM-DD}", "list": "a list of items",
          "money": "an amount in pounds, e.g. 150000",
          "references": "a list of {text: ..., references: [{provision: <registry id>}]}",
          "person": "{name: ..., date: YYYY-MM-DD}"}


def _filled(name: str, **values: str) -> str:
    """The draft `name` with `values` in place of its placeholders, its opening comment
    wrapped again to fit what was filled in."""
    text = (SCAFFOLDS / f"{name}.yaml").read_text(encoding="utf-8")
    text = _PLACEHOLDER.sub(lambda m: values[m.group(1)], text)
    return _with_opening(*_opening(text)) if text.startswith("# ") and "\nkind: " in text \
        else text


def _opening(text: str) -> tuple[list[str], str]:
    """A document draft's opening comment as its sentences, and the rest from `kind:` on."""
    comment, kind_line, body = text.partition("\nkind: ")
    said = " ".join(line.lstrip("# ") for line in comment.splitlines())
    return [s.strip().rstrip(".") for s in said.split(".  ")], kind_line + body


def _with_opening(sentences: list[str], rest: str) -> str:
    lines = textwrap.wrap("  ".join(f"{s}." for s in sentences), 88, break_on_hyphens=False)
    return "\n".join(f"# {line}" for line in lines) + rest


def scaffold(root: Path, slug: str, programme: str | None,
             forms: tuple[str, ...] = ()) -> list[Path]:
    """Create councils/<slug>/ with a council file and notices inheriting `programme` (None:
    a plain privacy notice, of no programme), and a document on each of `forms`; for a
    council that exists, only the documents on `forms`.  A notice gets a TODO for each part
    lint requires that the programme does not give (see `required`)."""
    if not _SLUG.match(slug) or slug in RESERVED_SLUGS:
        raise ProjectError(f"'{slug}' cannot be a council name: use lower-case letters, digits "
                           "and hyphens, e.g. 'north-somerset'")
    folder = root / COUNCILS_DIR / slug
    if folder.exists() and not forms:
        raise ProjectError(f"{COUNCILS_DIR}/{slug}/ already exists: nothing was changed (to add "
                           f"a screening to it: pause-docs new {slug} --form NAME)")
    if programme is None and folder.exists():
        programme = _programme_in(folder)
    data, values = _programme(root, programme)
    chosen, registry = _forms(root, forms)
    defaults = data.get("defaults") if isinstance(data.get("defaults"), dict) else {}
    planned: list[tuple[Path, str]] = []
    if not folder.exists():
        planned.append((folder / COUNCIL_FILE, _filled("council", slug=slug)))
        notices = [k.scaffold for k in KINDS.values() if k.describes_processing and k.scaffold]
        planned += [(folder / f"{name}.yaml", _programme_notice(
            name if programme else "plain-notice", data, values))
            for name in (notices if programme else ["privacy-notice"])]
    for form in chosen:
        kind = KINDS[form.kind]
        given = defaults.get(kind.family) if isinstance(defaults, dict) else None
        text = _on_form(form, kind.scaffold or form.kind,
                        given if isinstance(given, dict) else {}, values, registry)
        if programme is None:
            text = _of_no_programme(text, values["programme_name"])
        drafted = drafted_risks(root, folder, form) if form.kind == "dpia" else None
        if drafted is not None:  # the register its screening's met criteria suggest
            text = text.replace("\nscreening: dpia-screening\n", f"\nscreening: {drafted[0]}\n")
            if drafted[1] is not None:
                text = text.replace("\nnotice: privacy-notice\n", f"\nnotice: {drafted[1]}\n")
            text = text.replace("\nrisks: []\n", "\n" + drafted[2], 1)
        planned.append((folder / f"{form.name}.yaml", text))
    taken = [p for p, _ in planned if p.exists()]
    if taken:
        raise ProjectError(f"{taken[0].relative_to(root).as_posix()} already exists: nothing "
                           "was changed")
    folder.mkdir(parents=True, exist_ok=True)
    named = (root / SCHEMAS_DIR).is_dir()  # a project `init` made: documents name a schema
    for path, text in planned:
        named_kind = "council" if path.name == COUNCIL_FILE else kind_of(text)
        line = modeline(named_kind) if named else ""
        path.write_text(line + text, encoding="utf-8")
    return [p for p, _ in planned]


def _programme(root: Path, programme: str | None) -> tuple[dict[str, Any], dict[str, str]]:
    """The programme's data, and the words its drafts fill in (a form's draft of no
    programme asks for the name of what it assesses)."""
    if programme is None:
        return {}, {"programme": "", "programme_name": "TODO the service or programme "
                    "assessed", "programme_file": "no programme"}
    files = programme_files(root)
    programmes = sorted(files)
    if programme not in programmes:
        raise ProjectError(f"no programme '{programme}'{did_you_mean(programme, programmes)}; "
                           f"available: {', '.join(programmes)}, or none")
    source, _ = read_yaml(files[programme], programme)
    data = source.data if source is not None and isinstance(source.data, dict) else {}
    return data, {"programme": programme, "programme_name": str(data.get("name", programme)),
                  "programme_file": _programme_named(files[programme], programme, root)}


def _of_no_programme(text: str, asked: str) -> str:
    """A form's draft of no programme opens by saying so: its sentences without 'for
    <programme>' and without those on what a programme would give, which say instead that
    every answer is written here."""
    (first, *rest), after = _opening(text)
    rest = [s.replace(", and what it inherits from no programme", "") for s in rest]
    kept = [s for s in rest if "no programme" not in s]
    return _with_opening([first.replace(f" for {asked}", "") + ", of a service no programme "
                          "file describes", *(["Nothing is inherited: answer every question "
                                               "here"] if len(kept) < len(rest) else []),
                          *kept], after)


def _programme_in(folder: Path) -> str | None:
    """The programme a council's documents inherit (the first that names one), so that a
    form added to it later is drafted from the same programme."""
    for path in sorted(folder.glob("*.yaml")):
        found = re.search(r"^programme: *([a-z0-9-]+) *$", path.read_text(encoding="utf-8"),
                          flags=re.M)
        if found:
            return found.group(1)
    return None


def _programme_notice(name: str, data: dict[str, Any], values: dict[str, str]) -> str:
    """The draft `name` of a notice inheriting the programme `data` (empty: none), with a
    TODO for each part lint requires that the programme's defaults for notices lack."""
    defaults = data.get("defaults")
    given = defaults.get("notice") if isinstance(defaults, dict) else None
    return _notice(name, values, given if isinstance(given, dict) else {},
                   bool(data.get("organisations")))


def _notice(name: str, values: dict[str, str], given: dict[str, Any], partners: bool
            ) -> str:
    """A notice's draft, with a TODO for each part lint requires that `given` (the
    programme's defaults for notices) lacks, and sections that show every one."""
    fields, sections = missing(given, partners)
    return _filled(name, **values) + fields + (sections_yaml(sections) if sections else "")


def _programme_named(file: Path, programme: str, root: Path) -> str:
    """The programme as the comments of a draft name it: the project's own file, or the
    command that prints the one the tool ships (never a path inside the installed package)."""
    shown = display_path(file, root)
    if package_label(file) is None:
        return shown
    return f"the programme '{programme}' (pause-docs show programme {programme})"


def _forms(root: Path, names: tuple[str, ...]) -> tuple[list[Form], Registry | None]:
    """The forms asked for, bundled or the project's own, and the registry they use."""
    if not names:
        return [], None
    from ..source.loading import load_shared

    shared = load_shared(root)
    found = []
    for name in dict.fromkeys(names):
        form = shared.forms.get(name)
        if form is None and name in shared.form_files:
            raise ProjectError(f"the form '{name}' has errors: run 'pause-docs validate' and "
                               "fix them first")
        if form is None:
            raise ProjectError(f"no form '{name}'{did_you_mean(name, shared.forms)}; forms: "
                               f"{', '.join(sorted(shared.forms)) or 'none'}")
        found.append(form)
    return found, shared.registry


def _on_form(form: Form, template: str, given: dict[str, Any], values: dict[str, str],
             registry: Registry | None) -> str:
    """The document on `form`: the kind's scaffold with a line for every field the programme
    does not give and an answer to fill in for every question nobody else answers."""
    text = _filled(template, form=form.name, fields="{fields}", answers="{answers}", **values)
    if not values["programme"]:  # a form's draft of no programme
        text = re.sub(r"^programme: \n", "", text, flags=re.M)
    written = set(re.findall(r"^([a-z][a-z0-9_-]*):", text, flags=re.M)) | set(given)
    fields = "".join(_field_line(f) for f in form.fields() if f.id not in written)
    answers_given = given.get("answers")
    pre_filled = answers_given if isinstance(answers_given, dict) else {}
    facts = registry if given.get("notice") else None  # a notice answers what follows from it
    answers = "".join(
        f"  {q.id}:\n    answer: TODO {', '.join(o.label for o in q.scale.options)}"
        f" ({q.question.name})\n"
        + ("    evidence: TODO the evidence for the answer\n"
           if q.section.evidence != "none" else "")
        for q in form.questions
        if q.id not in pre_filled and not _derivable(q.question.criteria, facts))
    text = text.replace("{fields}", fields)
    return text.replace("{answers}", f"answers:\n{answers}" if answers else "answers: {}\n")


def _field_line(field: FormField) -> str:
    """'id: TODO ...' for a field the form requires; a commented line for the others."""
    label = (field.label or "").rstrip(":")
    if field.type in ("choice", "choices"):
        hint = f"{'one' if field.type == 'choice' else 'a list'} of: " + ", ".join(
            o.value for o in field.options)
    elif field.type == "table":
        hint = "a list of rows, each with " + ", ".join(c.id for c in field.columns)
    else:
        hint = _HINTS[field.type] + "".join(f" or {o.value}" for o in field.options)
    if field.required:  # no ': ' inside: YAML would refuse it
        return f"{field.id}: TODO {label or field.id.replace('_', ' ')} ({hint})\n"
    return f"# {field.id}: {label + ': ' if label else ''}{hint}\n"


def _derivable(criteria: tuple[str, ...], registry: Registry | None) -> bool:
    """A DPIA question the notice's data may answer: every criterion it evidences follows
    from facts a notice states."""
    if registry is None or not criteria:
        return False
    return all(c in registry.criteria and registry.criteria[c].derived_from is not None
               for c in criteria)


def council_text(slug: str) -> str:
    """The council file `new` writes for a council called `slug`, every field marked TODO."""
    return _filled("council", slug=slug)


def document_text(root: Path, kind: str, programme: str | None) -> str:
    """The document of `kind` (a notice) that `new` writes, inheriting `programme` (None: a
    document that inherits nothing, with its title and date to fill in)."""
    scaffolded = KINDS[kind].scaffold
    files = programme_files(root)
    if programme is None or programme not in files or scaffolded is None:
        return (f"kind: {kind}\ntitle: TODO the title as published\n"
                "published: TODO publication date as YYYY-MM-DD\n")
    data, values = _programme(root, programme)
    return _programme_notice(scaffolded, data, values)
