"""Build documents: resolve, render HTML, print PDFs in parallel, write what changed."""

from __future__ import annotations

import calendar
import hashlib
import json
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Literal

from . import __version__
from .errors import Location, Problem
from .project import Project, ResolvedDocument
from .render import TemplateProblem, render_html, search_path
from .writer import confined, remove_temporary, write_if_changed

Format = Literal["html", "pdf", "all"]
MANIFEST = ".pause-docs-manifest.json"


@dataclass
class BuildReport:
    """What a build did, for the summary line and the exit status."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def output_name(doc: ResolvedDocument, suffix: str) -> str:
    return f"{doc.council_slug}/{doc.slug}.{suffix}"


def _epoch(doc: ResolvedDocument) -> int:
    return calendar.timegm(doc.model.published.timetuple())


def _pdf_key(html: str) -> str:
    """What a PDF depends on: its HTML, this tool, and the PDF engine's version."""
    engine = metadata.version("weasyprint")
    return hashlib.sha256(f"{__version__}\0{engine}\0{html}".encode()).hexdigest()


def build(project: Project, output: Path, fmt: Format = "all", *, force: bool = False,
          jobs: int | None = None, on_progress: Callable[[str], None] | None = None
          ) -> BuildReport:
    """Write every resolved document of `project` into `output` as HTML and/or PDF."""
    report = BuildReport()
    remove_temporary(output)  # what a killed build was half-way through writing
    templates = search_path(project.root)
    manifest_path = confined(output, MANIFEST)
    manifest = _read_manifest(manifest_path) if not force else {}
    pdf_jobs: list[tuple[str, str, str, int]] = []
    pdf_keys: dict[str, str] = {}
    for doc in project.documents:
        try:
            html = render_html(doc, templates)
        except TemplateProblem as exc:
            report.problems.append(exc.problem)
            report.failed.append(output_name(doc, "html"))
            continue
        if fmt in ("html", "all"):
            name = output_name(doc, "html")
            changed = write_if_changed(output, name, html.encode())
            (report.written if changed else report.unchanged).append(name)
            _progress(on_progress, name)
        if fmt in ("pdf", "all"):
            name = output_name(doc, "pdf")
            key = _pdf_key(html)
            if manifest.get(name) == key and confined(output, name).exists():
                report.unchanged.append(name)
                _progress(on_progress, name)
                continue
            pdf_keys[name] = key
            assets = str((templates[0] / "assets").resolve())
            pdf_jobs.append((name, html, assets, _epoch(doc)))

    for name, pdf, error in _print_pdfs(pdf_jobs, jobs):
        if pdf is None:
            report.failed.append(name)
            source = next(d.path for d in project.documents if output_name(d, "pdf") == name)
            report.problems.append(Problem(Location(source), "error", "pdf-failed",
                                           f"could not make {name}: {error}"))
        else:
            changed = write_if_changed(output, name, pdf)
            (report.written if changed else report.unchanged).append(name)
            manifest[name] = pdf_keys[name]
        _progress(on_progress, name)
    if pdf_keys:
        write_if_changed(output, MANIFEST, json.dumps(manifest, indent=1, sort_keys=True)
                         .encode())
    return report


def planned_outputs(project: Project, fmt: Format) -> int:
    per_doc = 2 if fmt == "all" else 1
    return per_doc * len(project.documents)


def _progress(callback: Callable[[str], None] | None, name: str) -> None:
    if callback is not None:
        callback(name)


def _print_pdfs(jobs_list: list[tuple[str, str, str, int]], jobs: int | None
                ) -> Iterable[tuple[str, bytes | None, str | None]]:
    if not jobs_list:
        return []
    from .pdf import render_pdf_job  # WeasyPrint is imported only when a PDF is needed

    workers = min(jobs or os.cpu_count() or 1, len(jobs_list))
    if workers <= 1:
        return (render_pdf_job(job) for job in jobs_list)
    return _in_pool(workers, jobs_list)


def _in_pool(workers: int, jobs_list: list[tuple[str, str, str, int]]
             ) -> Iterable[tuple[str, bytes | None, str | None]]:
    from .pdf import render_pdf_job

    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(render_pdf_job, jobs_list, chunksize=1)


def _read_manifest(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


