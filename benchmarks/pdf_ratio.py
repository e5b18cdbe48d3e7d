"""The PDF stage against raw WeasyPrint on the very same HTML files, in CPU time, with the
project's tag repair and without it; and the repair's share of WeasyPrint's own time."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

from measure import COMMAND, cpu_run, run, spread
from workload import REPO, make_bundled_copies

RAW = """\
import calendar, datetime, gc, os, re, sys, time
from pathlib import Path
import weasyprint
from weasyprint.text.fonts import FontConfiguration
# What pause_docs/render/pdf.py does, without pause-docs: the same stylesheet and fonts, base
# URL, PDF variant, and the stylesheet parsed once for the process with one font
# configuration; what the process holds set aside from the garbage collector before the
# first page; WeasyPrint's own URL fetcher.
# With "repair", the tags WeasyPrint cannot make are repaired as pdf.py repairs them (so that
# the bytes can be compared), and each page's CPU time in WeasyPrint and in the repair is
# printed; with "alone", WeasyPrint's PDF is written as it is.
repairing = sys.argv[1] == "repair"
if repairing:
    from pause_docs.render.pdf_tags import repair
assets = Path(sys.argv[3])
stylesheet = assets / "pdf.css"
fonts = FontConfiguration()
css = weasyprint.CSS(filename=str(stylesheet), font_config=fonts)
base_url = assets.resolve().as_uri() + "/"
gc.collect()
gc.freeze()
for name in sys.argv[4:]:
    html = Path(name).read_text(encoding="utf-8")
    day = re.search(r'name="dcterms.created" content="(\\d{4}-\\d\\d-\\d\\d)', html)[1]
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(
        datetime.date.fromisoformat(day).timetuple()))
    started = time.process_time()
    pdf = weasyprint.HTML(string=html, base_url=base_url).write_pdf(
        pdf_variant="pdf/ua-1", stylesheets=[css], font_config=fonts)
    printed = time.process_time()
    if repairing:
        pdf = repair(pdf, html)
        print(name, printed - started, time.process_time() - printed)
    target = Path(sys.argv[2]) / Path(name).parent.name / (Path(name).stem + ".pdf")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(pdf)
"""


def _pdf_pages(root: Path, html_out: Path, councils: list[str]) -> list[str]:
    """The HTML files of the councils' documents, as `build` writes them."""
    run([*COMMAND, "build", *councils, "--format", "html", "--force", "--output",
         str(html_out)], root)
    # A page showing a file from beside it (a council's logo) is left out: pause-docs gives
    # WeasyPrint that file, raw WeasyPrint would look for it among the assets.
    return sorted(str(p) for c in councils for p in (html_out / c).glob("*.html")
                  if not [f for f in p.parent.iterdir()
                          if f.suffix not in (".html", ".pdf", ".docx")])


def pdf_against_raw(root: Path, base: Path, councils: list[str], runs: int) -> dict[str, str]:
    """The PDF stage (`build --format pdf --jobs 1`, start-up included) against raw WeasyPrint
    on the same HTML files, with the project's tag repair and without it, in CPU time, the
    commands taking turns (and `build --format html`, the part of the work raw WeasyPrint
    is spared); and the repair's share of WeasyPrint's own time, in all and
    for the worst page.  Checks first that pause-docs and WeasyPrint + repair print the
    same bytes."""
    pages = _pdf_pages(root, base / "pdf-html", councils)
    # pause-docs builds only the councils whose pages raw WeasyPrint prints (a council with
    # a logo is left out whole): the same pages, or it would print more of them.
    printed = sorted({Path(page).parent.name for page in pages})
    ours_out, raw_out = base / "pdf-ours", base / "pdf-raw"
    assets = str(REPO / "pause_docs" / "templates" / "assets")
    commands = {
        "ours": [*COMMAND, "build", *printed, "--format", "pdf", "--jobs", "1", "--force",
                 "--output", str(ours_out)],
        "repaired": [sys.executable, "-c", RAW, "repair", str(raw_out), assets, *pages],
        "alone": [sys.executable, "-c", RAW, "alone", str(base / "pdf-alone"), assets, *pages],
        # What raw WeasyPrint is given and pause-docs makes first: the pages' HTML.
        "html": [*COMMAND, "build", *printed, "--format", "html", "--jobs", "1", "--force",
                 "--output", str(base / "pdf-html-again")],
    }
    for command in commands.values():
        cpu_run(command, root)
    if len(list(ours_out.glob("*/*.pdf"))) != len(pages):
        raise SystemExit("pause-docs printed other pages than raw WeasyPrint: not the same work")
    for page in pages:
        name = f"{Path(page).parent.name}/{Path(page).stem}.pdf"
        if (ours_out / name).read_bytes() != (raw_out / name).read_bytes():
            raise SystemExit(f"raw WeasyPrint printed {name} differently: not the same work")
    times, overall, per_page = _pdf_rounds(commands, root, runs)
    worst = max(per_page, key=lambda page: statistics.median(per_page[page]))
    ours, repaired, alone, html = (statistics.median(times[key])
                                   for key in ("ours", "repaired", "alone", "html"))
    return {
        "repaired": f"{spread(_ratios(times['ours'], times['repaired']))} ({ours:.2f} "
                    f"against {repaired:.2f} CPU-s, {len(pages)} byte-identical PDFs; making their "
                    f"HTML alone, start-up included: {html:.2f} CPU-s)",
        "alone": f"{spread(_ratios(times['ours'], times['alone']))} ({ours:.2f} against "
                 f"{alone:.2f} CPU-s)",
        "share": f"{spread(overall, percent=True)} of WeasyPrint's time; worst page "
                 f"{worst}: {spread(per_page[worst], percent=True)}",
    }


def _ratios(first: list[float], second: list[float]) -> list[float]:
    return [a / b for a, b in zip(first, second, strict=True)]


def _pdf_rounds(commands: dict[str, list[str]], root: Path, runs: int
                ) -> tuple[dict[str, list[float]], list[float], dict[str, list[float]]]:
    """Each command's CPU time in each round (the commands taking turns), the repair's
    share of WeasyPrint's time in each round, and each page's share in each round."""
    times: dict[str, list[float]] = {key: [] for key in commands}
    overall: list[float] = []
    per_page: dict[str, list[float]] = {}
    for _ in range(runs):
        for key, command in commands.items():
            seconds, printed = cpu_run(command, root)
            times[key].append(seconds)
            if key != "repaired":
                continue
            lines = [line.rsplit(" ", 2) for line in printed.splitlines()]
            overall.append(sum(float(r) for _, _, r in lines)
                           / sum(float(w) for _, w, _ in lines))
            for page, weasyprint, repairing in lines:
                short = f"{Path(page).parent.name}/{Path(page).stem}"
                per_page.setdefault(short, []).append(float(repairing) / float(weasyprint))
    return times, overall, per_page


def report_pdf(results: dict[str, str], label: str, pdf: dict[str, str]) -> None:
    """Print the PDF stage's figures and keep them for the table."""
    results[f"pdf {label}"] = pdf["repaired"]
    results[f"pdf alone {label}"] = pdf["alone"]
    results[f"repair {label}"] = pdf["share"]
    print(f"PDF stage, {label} documents, one core, CPU time:\n"
          f"  against WeasyPrint + tag repair: {pdf['repaired']} (target <= x1.05)\n"
          f"  against WeasyPrint alone: {pdf['alone']}\n"
          f"  tag repair: {pdf['share']} (target <= 3 %)")


def pdf_only(copies: int, runs: int) -> None:
    """The PDF measures alone, on copies of the bundled councils."""
    with tempfile.TemporaryDirectory(prefix="pause-docs-bench-") as temp:
        root = Path(temp) / "bundled"
        documents = make_bundled_copies(root, copies)
        councils = sorted(p.name for p in (root / "councils").iterdir()
                          if (p / "council.yaml").is_file())
        print(f"load average at start {os.getloadavg()[0]:.2f}; {documents} documents "
              f"({copies} copies of each bundled council)")
        report_pdf({}, "bundled", pdf_against_raw(root, Path(temp), councils, runs))
        print(f"load average at end {os.getloadavg()[0]:.2f}")
