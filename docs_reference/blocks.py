"""The blocks page: every block a notice's section can `show:`, what it reads, and what it
prints, as text, from the first bundled notice that shows it."""

from __future__ import annotations

import typing

from pause_docs.publish.document import publish
from pause_docs.render.text import publication_text
from pause_docs.source.loading import load_project
from pause_docs.source.models.notice import Section
from pause_docs.source.resolved import ResolvedDocument

from . import REPO

# What each block shows, in a line, where its publisher's docstring does not say it: a block
# with neither stops the generator (and so fails the test that the pages are up to date).
SHOWS = {
    "services": "for an umbrella notice, each of the `services` it covers under its own "
                "sub-heading, with what it does, its purposes and the law it relies on",
    "data-subjects": "whom the information is about (`data_subjects`), each with its "
                     "description",
    "programme": "the programme's description (`about_programme`, or the programme's own)",
    "summary": "the notice's opening paragraphs (`summary`)",
    "purpose": "what the data is used for and why (`purpose`)",
    "purposes": "each of the `purposes`, with its own legal bases when it has them",
    "phases": "the phases of the work (`phases`), one paragraph each",
    "data-categories": "the kinds of data held (`data_categories`), special category and "
                       "criminal offence data marked",
    "sources": "where the data comes from (`sources`)",
    "legal-bases": "every law the notice cites (`legal_bases`), in the notice's words, "
                   "each linked to legislation.gov.uk",
    "lawful-basis": "the three levels as sentences: the Art 6 lawful basis, the Art 9 and "
                    "Art 10 conditions with their DPA 2018 Schedule 1 conditions",
    "gateways": "the statutory powers and duties among the `legal_bases`",
    "recipients": "who receives the data (`recipients`); `style: detail` adds what each "
                  "receives and who it passes it on to",
    "safeguards": "how the data is protected (`safeguards`)",
    "retention": "how long each kind of record is kept (`retention`)",
    "transfers": "whether data goes outside the UK, and how it is protected (`transfers`)",
    "rights": "the rights people have (`rights`), in the registry's plain words or the "
              "notice's `wording`",
    "complaints": "the complaints route, step by step, to the DPO and the regulator "
                  "(`complaints`; the regulator's name on the publication date)",
    "dpo": "the council's Data Protection Officer and how to reach them",
    "further-information": "where to find out more (`further_information`)",
    "matching-purpose": "a data-matching annex's purpose (`matching: <id>`)",
    "matching-criteria": "the annex's criteria (`criteria_minimum: 2`: two or more)",
    "matching-data-sent": "the data the annex sends",
    "matching-datasets": "the shared platform the matching is done on and who runs it (as "
                         "processor or controller), then the datasets matched, who holds or "
                         "supplies each and what it is matched with",
    "matching-profiling": "whether the annex's matching profiles people (UK GDPR Art 4(4)), "
                          "how, and whether decisions follow from it",
    "matching-retention": "how long the annex's data is kept",
    "matching-legal-bases": "the law the annex relies on",
    "matching-contact": "whom to contact about the annex",
}


def block_names() -> tuple[str, ...]:
    show = Section.model_fields["show"].annotation
    literal = next(a for a in typing.get_args(show) if typing.get_args(a))
    return tuple(typing.get_args(literal))


def pages() -> dict[str, str]:
    names = block_names()
    shows = {n: SHOWS.get(n) or _docstring(n) for n in names}
    missing = [n for n in names if not shows[n]]
    if missing:
        raise SystemExit(f"docs_reference/blocks.py: say what these blocks show in SHOWS: "
                         f"{', '.join(missing)}")
    documents = [d for d in load_project(REPO).documents if hasattr(d.model, "sections")]
    out = ["# Blocks a section can show", "",
           "A notice's page is its `sections`, in order. Each may `show:` one of these "
           "blocks of the notice's structured data (see [the files](files.md)). What each "
           "prints below is real output: the section of the first bundled notice that shows "
           "it, published alone and printed as text.", "",
           "| block | what it shows |", "|---|---|"]
    out += [f"| [`{n}`](#{n}) | {shows[n]} |" for n in names]
    for name in names:
        out += ["", f"## {name}", "", shows[name][0].upper() + shows[name][1:].rstrip(".")
                + ".", ""]
        example = _example(documents, name)
        if example is None:
            out += ["No bundled notice shows it."]
            continue
        doc, section, text = example
        out += [f"From `councils/{doc.council_slug}/{doc.slug}.yaml`:", "", "```yaml",
                _section_yaml(section), "```", "", "prints", "", "```text", text, "```"]
    return {"reference/blocks.md": "\n".join(out) + "\n"}


def _docstring(name: str) -> str:
    """The first paragraph of the docstring of the block's publisher (or of its module), in
    lower case."""
    import sys

    from pause_docs.publish.notice import BLOCKS

    publisher = BLOCKS[name]
    module = sys.modules.get(publisher.__module__)
    text = publisher.__doc__ or (module.__doc__ if module is not None else "") or ""
    doc = " ".join(text.split("\n\n")[0].split())
    return doc[:1].lower() + doc[1:] if doc else ""


def _example(documents: list[ResolvedDocument], name: str
             ) -> tuple[ResolvedDocument, Section, str] | None:
    for doc in documents:
        for section in doc.model.sections or ():  # type: ignore[union-attr]
            if section.show == name:
                model = doc.model.model_copy(update={"sections": [section]})
                one = typing.cast(ResolvedDocument, _with_model(doc, model))
                return doc, section, publication_text(publish(one).body).strip()
    return None


def _with_model(doc: ResolvedDocument, model: object) -> ResolvedDocument:
    from dataclasses import replace

    return replace(doc, model=model)  # type: ignore[arg-type]


def _section_yaml(section: Section) -> str:
    import yaml

    data = section.model_dump(exclude_defaults=True, mode="json")
    return yaml.safe_dump([data], allow_unicode=True, sort_keys=False, width=88).strip()
