"""How fast pause-docs is at scale, measured in one run on one machine.

    .venv/bin/python benchmarks/bench.py              # 300 councils, 900 documents
    .venv/bin/python benchmarks/bench.py --quick      # a smaller run, to try it out
    .venv/bin/python benchmarks/bench.py --lint-only  # only lint, over 900 documents

It writes N synthetic councils that take their documents from the Pause programme (three
each: a scoping notice, a privacy notice that inherits everything, a privacy notice with its
own legal bases, retention and rights) into a temporary project, and a second project of
copies of the bundled councils (real documents, which cost more to print), then reports:

  - HTML throughput on one core (`build --format html --jobs 1`, fresh output folder);
  - the PDF stage against raw WeasyPrint on the very same HTML files, in CPU time:
    `build --format pdf --jobs 1` (start-up, YAML, HTML and PDF included) against a plain
    Python process that calls WeasyPrint exactly as `pause_docs/render/pdf.py` does (same
    stylesheet, fonts, base URL, PDF variant, the stylesheet parsed once per process with
    one font configuration, what the process holds set aside from the garbage collector
    before the first page), once
    with the project's tag repair (after checking that it gives byte-identical PDFs) and
    once without; the runs take turns (ours, raw + repair, raw alone, ours ...), and the
    ratios are reported as median (min-max, n); with the tag repair's share of
    WeasyPrint's own time, in all and for the worst page;
  - the speed-up of a full build from 1 to 2 worker processes, the runs alternating (1, 2,
    1, 2 ...), as the median of the ratios;
  - a rebuild with nothing to do, for every document;
  - the size of the Word files against pandoc's for the same HTML pages (bundled copies);
  - `pause-docs lint` over every document, end to end and the checks alone, per document;
  - peak memory of a full build (all processes, proportional set size) at N=100 and N=300;
  - `pause-docs --help` start-up time.

The machine's load average is printed, since other work on the machine slows every figure.
Not part of the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from against import PREVIOUS_RELEASE, against  # noqa: E402
from measure import COMMAND, alternating, byte_compile, median_time, parallel_capacity, run  # noqa: E402
from pdf_ratio import pdf_against_raw, pdf_only, report_pdf  # noqa: E402
from word_size import word_against_pandoc  # noqa: E402
from workload import (  # noqa: E402, F401 - against.py reads the texts from here
    COUNCIL,
    PRACTICE,
    PRIVACY,
    REPO,
    SCOPING,
    make_bundled_copies,
    make_project,
)

LINT = """\
import datetime as dt, sys, time
from pathlib import Path
from pause_docs.check.lint import lint_document
from pause_docs.source.loading import load_project
project = load_project(Path(sys.argv[1]))
day = dt.date(2026, 11, 21)
for doc in project.documents[:20]:  # compile what is compiled once, as a real run does
    lint_document(doc, day)
started = time.perf_counter()
found = sum(len(lint_document(doc, day)) for doc in project.documents)
print(len(project.documents), time.perf_counter() - started, found)
"""


def measure_lint(root: Path, runs: int) -> tuple[str, str]:
    """`pause-docs lint` over every document: end to end (start-up, YAML, resolution and
    the checks) and the checks alone, in ms per document."""
    whole = []
    for _ in range(runs):
        whole.append(run([*COMMAND, "lint", "--format", "json"], root, ok=(0, 1))[0])
    checks = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", LINT, str(root)], capture_output=True,
                              text=True, check=True, cwd=REPO)
        count, seconds, found = done.stdout.split()
        checks.append(float(seconds))
    documents = int(count)
    end_to_end = statistics.median(whole) / documents * 1000
    alone = statistics.median(checks) / documents * 1000
    print(f"lint, {documents} documents: {end_to_end:.1f} ms per document end to end "
          f"({statistics.median(whole):.2f} s), {alone:.1f} ms per document for the checks "
          f"alone; {found} findings (target < 15 ms per document)")
    return f"{end_to_end:.1f} ms", f"{alone:.1f} ms"


def speedup(root: Path, base: Path, councils: list[str], workers: int, runs: int) -> str:
    """A full build with 1 worker against `workers`, alternating."""
    capacity = [parallel_capacity(workers)]
    one, many, ratio = alternating(
        [*COMMAND, "build", *councils, "--jobs", "1", "--force", "--output", str(base / "j1")],
        [*COMMAND, "build", *councils, "--jobs", str(workers), "--force", "--output",
         str(base / f"j{workers}")], root, runs)
    capacity.append(parallel_capacity(workers))
    return (f"x{ratio:.2f} ({one:.2f} s -> {many:.2f} s; machine's own capacity "
            f"x{min(capacity):.2f}-x{max(capacity):.2f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--councils", type=int, default=300, help="N (default 300)")
    parser.add_argument("--small", type=int, default=100, help="the smaller N for memory")
    parser.add_argument("--pdf-councils", type=int, default=30,
                        help="councils (x3 documents) for the PDF comparisons (default 30)")
    parser.add_argument("--copies", type=int, default=10,
                        help="copies of each bundled council (default 10)")
    parser.add_argument("--runs", type=int, default=5, help="runs per median (default 5)")
    parser.add_argument("--quick", action="store_true", help="N=30, small N=10, 1 run")
    parser.add_argument("--lint-only", action="store_true", help="only the lint measure")
    parser.add_argument("--against", metavar="REV", default=PREVIOUS_RELEASE,
                        help="the revision each command is compared with (default "
                        f"{PREVIOUS_RELEASE}, the previous release); 'none' to skip")
    parser.add_argument("--write", metavar="FILE", type=Path,
                        help="put the results between FILE's bench markers (the docs' "
                        "performance page)")
    parser.add_argument("--pdf-only", action="store_true",
                        help="only the PDF measures, on the bundled copies")
    options = parser.parse_args()
    byte_compile(REPO)  # this copy as an installed one runs
    if options.lint_only:
        with tempfile.TemporaryDirectory(prefix="pause-docs-bench-") as temp:
            root = Path(temp) / "lint"
            make_project(root, options.councils)
            print(f"load average at start {os.getloadavg()[0]:.2f}")
            measure_lint(root, options.runs)
        return
    if options.pdf_only:
        pdf_only(options.copies, options.runs)
        return
    if options.quick:
        options.councils, options.small, options.pdf_councils = 30, 10, 4
        options.copies, options.runs = 1, 1
    cores = os.cpu_count() or 1
    workers = min(cores, 2) if cores >= 2 else 1
    import weasyprint

    started_load = os.getloadavg()[0]
    machine = (f"{cores} cores, Python {sys.version.split()[0]}, WeasyPrint "
               f"{weasyprint.__version__}")
    print(f"machine: {machine}; load average at start {started_load:.2f}")
    results: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="pause-docs-bench-") as temp:
        base = Path(temp)

        # Peak memory and full-build time at two sizes, same number of workers.
        peaks = {}
        for n in (options.small, options.councils):
            root = base / f"n{n}"
            documents = make_project(root, n)
            elapsed, total, single = run([*COMMAND, "build", "--jobs", str(workers)], root,
                                         memory=True)
            peaks[n] = total
            print(f"full build, N={n} ({documents} documents, HTML and PDF, {workers} "
                  f"workers): {elapsed:.1f} s, peak memory {total / 1024:.0f} MB in all "
                  f"(largest process {single / 1024:.0f} MB)")
        growth = peaks[options.councils] / peaks[options.small]
        results["memory"] = (f"peak {peaks[options.small] / 1024:.0f} MB at N={options.small}, "
                             f"{peaks[options.councils] / 1024:.0f} MB at N={options.councils}: "
                             f"x{growth:.2f}")
        print(f"peak memory growth N={options.small} -> N={options.councils}: x{growth:.2f} "
              "(target: no growth)")

        root = base / f"n{options.councils}"
        documents = options.councils * 3

        noop = median_time([*COMMAND, "build"], root, max(5, options.runs))
        results["noop"] = f"{noop:.2f} s for {documents} documents"
        print(f"no-op rebuild of {documents} documents: {noop:.2f} s (target < 1 s for 900)")

        html_out = base / "html"

        def fresh_output() -> None:
            shutil.rmtree(html_out, ignore_errors=True)

        html = median_time([*COMMAND, "build", "--format", "html", "--jobs", "1", "--force",
                            "--output", str(html_out)], root, options.runs, fresh_output)
        results["html"] = f"{documents / html:.0f} documents/s"
        print(f"HTML, one core: {documents} documents in {html:.2f} s = "
              f"{documents / html:.0f} documents/s (target >= 200)")

        synthetic = [f"northshire-{i:04d}" for i in range(options.pdf_councils)]
        bundled_root = base / "bundled"
        bundled_documents = make_bundled_copies(bundled_root, options.copies)
        bundled = sorted(p.name for p in (bundled_root / "councils").iterdir()
                         if (p / "council.yaml").is_file())
        for label, project, councils in (("synthetic", root, synthetic),
                                         ("bundled", bundled_root, bundled)):
            report_pdf(results, label, pdf_against_raw(project, base / label, councils,
                                                       options.runs))
            results[f"speedup {label}"] = speedup(project, base / label, councils, workers,
                                                  options.runs)
            print(f"full build, {label} documents, 1 -> {workers} workers: "
                  f"{results[f'speedup {label}']} (target >= x1.7)")
        print(f"bundled documents: {bundled_documents} ({options.copies} copies of each "
              "bundled council)")
        results["word"] = word_against_pandoc(bundled_root, base)
        print(f"Word files: {results['word']} (target <= x1.2)")

        results["lint"], results["lint-checks"] = measure_lint(root, options.runs)

        startup = median_time([*COMMAND, "--help"], root, 10)
        results["help"] = f"{startup:.3f} s"
        print(f"pause-docs --help: {startup:.3f} s (target < 0.3 s)")
    if options.against != "none":
        results["against"] = against(options.against, options.councils, options.runs,
                                     copies=options.copies)
        print(results["against"])
    results["load"] = (f"load average {started_load:.2f} at the start, "
                       f"{os.getloadavg()[0]:.2f} at the end")
    print(f"\n{results['load']}\n")
    text = report(results, workers, machine)
    print(text)
    if options.write:
        write_between_markers(options.write, text)


ROWS = (("html", "HTML, one core (`build --format html --jobs 1`, fresh output)", ">= 200/s"),
        ("pdf synthetic", "PDF stage / WeasyPrint + tag repair, synthetic documents",
         "<= x1.05"),
        ("pdf alone synthetic", "PDF stage / WeasyPrint alone, synthetic documents", ""),
        ("repair synthetic", "tag repair / WeasyPrint, synthetic documents", "<= 3 %"),
        ("pdf bundled", "PDF stage / WeasyPrint + tag repair, copies of the bundled councils",
         "<= x1.05"),
        ("pdf alone bundled", "PDF stage / WeasyPrint alone, copies of the bundled councils",
         ""),
        ("repair bundled", "tag repair / WeasyPrint, copies of the bundled councils",
         "<= 3 %"),
        ("speedup synthetic", "full build, 1 -> 2 workers, synthetic", ">= x1.7"),
        ("speedup bundled", "full build, 1 -> 2 workers, bundled copies", ">= x1.7"),
        ("word", "Word files / pandoc's for the same HTML page, copies of the bundled councils",
         "<= x1.2"),
        ("noop", "no-op rebuild", "< 1 s for 900"),
        ("memory", "peak memory of a full build, 2 workers", "no growth"),
        ("lint", "lint per document, end to end", ""),
        ("lint-checks", "lint per document, the checks alone", "< 15 ms"),
        ("help", "`pause-docs --help`", "< 0.3 s"))


def report(results: dict[str, str], workers: int, machine: str) -> str:
    """The run's results as Markdown: the measures, then each command against the earlier
    revision, then the machine and its load."""
    lines = ["| measure | target | result |", "|---|---|---|"]
    lines += [f"| {label.replace('2 workers', f'{workers} workers')} | {target} | "
              f"{results[name]} |" for name, label, target in ROWS if name in results]
    if "against" in results:
        lines += ["", results["against"]]
    lines += ["", f"{machine}; {results['load']}; {dt.date.today():%-d %B %Y}."]
    return "\n".join(lines)


START, END = "<!-- bench: start -->", "<!-- bench: end -->"


def write_between_markers(file: Path, text: str) -> None:
    """Replace what stands between the bench markers of `file` (the docs' performance page)
    with `text`: the page's figures always come from one run."""
    page = file.read_text(encoding="utf-8")
    if START not in page or END not in page:
        raise SystemExit(f"{file} has no '{START}' ... '{END}' to write between")
    before, _, rest = page.partition(START)
    after = rest.partition(END)[2]
    file.write_text(f"{before}{START}\n{text}\n{END}{after}", encoding="utf-8")
    print(f"wrote the results into {file}")


if __name__ == "__main__":
    main()
