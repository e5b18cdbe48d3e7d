"""The bundled forms: for each, the fields a document on it gives (id, label, type,
required), the questions it asks with the answers each allows, and its decision rule."""

from __future__ import annotations

from pause_docs.forms.form import Form
from pause_docs.forms.library import bundled_forms
from pause_docs.source.loading import load_project

from . import REPO


def pages() -> dict[str, str]:
    forms = load_project(REPO).forms
    names = [n for n in bundled_forms() if n in forms]
    out = ["# Bundled forms", "",
           "The forms pause-docs ships (`pause_docs/forms/`). A screening or assessment is "
           "written on one of them, or on a council's own in `councils/forms/` (see "
           "[screenings, EqIAs and DPIA screenings](../guides/service-head.md)): the document "
           "gives each field by its id and answers each question under `answers:`, by the "
           "question's id. `pause-docs new SITE --form NAME` writes a draft on the form.", ""]
    out += [f"- [`{n}`](#{n}): {forms[n].definition.title}" for n in names]
    for name in names:
        out += ["", *_form(name, forms[name])]
    return {"reference/forms.md": "\n".join(out) + "\n"}


def _form(name: str, form: Form) -> list[str]:
    d = form.definition
    out = [f"## {name}", "", f"**{d.title}**, for `{d.for_kind}` documents."
           + (f" {d.description}" if d.description else ""), ""]
    fields = form.fields()
    if fields:
        out += ["### Fields", "", "| id | label | type | required |", "|---|---|---|---|"]
        out += [f"| `{f.id}` | {_cell(f.label or '')} | {f.type}"
                + (" (" + ", ".join(f"`{o.value}`" for o in f.options) + ")" if f.options else "")
                + f" | {'yes' if f.required else ''} |" for f in fields]
        out.append("")
    if form.questions:
        out += ["### Questions", "", "| id | question | answers (those calling for the next "
                "stage in bold) |", "|---|---|---|"]
        for q in form.questions:
            words = q.question.topic or q.question.question or ""
            answers = ", ".join(f"**`{o.value}`**" if o.triggers else f"`{o.value}`"
                                for o in q.scale.options)
            out.append(f"| `{q.question.id}` | {_cell(_one_line(str(words)))} | {answers} |")
        out.append("")
    if d.decision is not None:
        rule = d.decision.rule + (f" {d.decision.count}" if d.decision.count else "")
        out += ["### Decision", "", f"Rule: `{rule}`; the next stage: {d.decision.next_stage}.",
                f"When it is called for: \"{_one_line(d.decision.triggered)}\"; when it is not: "
                f"\"{_one_line(d.decision.not_triggered)}\""]
    else:
        out += ["### Decision", "", "None: a document on this form decides nothing."]
    return out


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _cell(text: str) -> str:
    return _one_line(text).replace("|", "\\|")
