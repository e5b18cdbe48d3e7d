"""Give each full DPIA the DPIA screening it follows (`screening:`), from the same council
folder, with the notice that screening screens: what the DPIA drafts from, and what its
approval's fingerprints are compared with."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .errors import Problem, did_you_mean, display_path
from .fingerprints import data_fingerprint
from .layout import COUNCILS_DIR, document_files
from .loader import SourceFile
from .models import Dpia
from .project import Project, read_source, scratch
from .references import CouncilVersions, link_notices, resolve_document
from .resolved import ResolvedDocument


def link_screenings(project: Project, directory: Path, docs: list[ResolvedDocument],
                    council: CouncilVersions | None, attempted: set[str],
                    council_source: SourceFile | None = None) -> list[ResolvedDocument]:
    """Each DPIA with its screening; a screening outside the selection is resolved here."""
    by_slug = {doc.slug: doc for doc in docs}
    out = []
    for doc in docs:
        name = doc.model.screening if isinstance(doc.model, Dpia) else None
        if name is None:
            out.append(doc)
            continue
        where = doc.provenance.locate(("screening",))
        screening = by_slug.get(name)
        file = directory / f"{name}.yaml"
        if screening is None and name not in attempted and file.exists():
            aside = scratch(project)
            source = read_source(aside, file)
            resolved = (resolve_document(aside, directory.name, file, source, council,
                                         council_source) if source is not None else None)
            if resolved is None:
                project.problems.append(Problem(
                    where, "error", "screening-has-errors",
                    f"the screening '{name}' has errors: run 'pause-docs validate "
                    f"{display_path(file, project.root)}' and fix them first"))
                out.append(doc)
                continue
            screening = link_notices(aside, directory, {name: resolved}, council, {name},
                                     council_source)[0]
        if screening is None:
            if name not in attempted:
                others = [f.stem for f in document_files(directory) if f.stem != doc.slug]
                project.problems.append(Problem(
                    where, "error", "unknown-screening",
                    f"no screening '{name}' in {COUNCILS_DIR}/{directory.name}/"
                    f"{did_you_mean(name, others)}"))
        elif screening.kind != "dpia-screening":
            project.problems.append(Problem(
                where, "error", "not-a-screening",
                f"'{name}' is a {screening.kind}, not a DPIA screening: name the DPIA "
                "screening that found a full DPIA needed"))
        else:
            doc = _with_screening(doc, screening)
        out.append(doc)
    return out


def _with_screening(doc: ResolvedDocument, screening: ResolvedDocument) -> ResolvedDocument:
    """The DPIA, in each of its languages, with its screening in the same."""
    versions = {language: replace(version, screening=screening.in_language(language))
                for language, version in doc.versions.items()}
    provenance = replace(doc.provenance,
                         inputs=tuple(dict.fromkeys(doc.provenance.inputs
                                                    + screening.provenance.inputs)),
                         cites=doc.provenance.cites | screening.provenance.cites)
    return replace(doc, screening=screening, provenance=provenance, versions=versions)


def fingerprint(doc: ResolvedDocument) -> str:
    """What a document says, as a short fingerprint: its data after inheritance, so that any
    change to what it says (in it or in its programme) changes it, and a change of layout or
    comments does not.  A DPIA records its notice's and screening's when it is approved."""
    return data_fingerprint(doc.provenance.source.data)[:12]
