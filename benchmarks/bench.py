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
    stylesheet, fonts, base URL, PDF variant, one font configuration per process), once
    with the project's tag repair (after checking that it gives byte-identical PDFs) and
    once without; the runs take turns (ours, raw + repair, raw alone, ours ...), and the
    ratios are reported as median (min-max, n); with the tag repair's share of
    WeasyPrint's own time, in all and for the worst page;
  - the speed-up of a full build from 1 to 2 worker processes, the runs alternating (1, 2,
    1, 2 ...), as the median of the ratios;
  - a rebuild with nothing to do, for every document;
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
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COMMAND = [sys.executable, "-m", "pause_docs"]
sys.path.insert(0, str(REPO / "benchmarks"))

from against import PREVIOUS_RELEASE, against  # noqa: E402

COUNCIL = """\
name: Borough Council of Northshire {i}
name_in_sentence: the Borough Council of Northshire {i}
short_name: BCN{i}
area: Northshire {i}
nation: england
address: [Civic Centre, {i} High Street, Northtown, NT{i} 1AA]
website: https://www.northshire{i}.example.gov.uk
ico_registration: Z{i:07d}
case_files: Northshire {i} Children's Social Care case files
dpo:
  name: Data Protection Officer
  email: dpo@northshire{i}.example.gov.uk
  phone: 01234 {i:06d}
  address: [Civic Centre, {i} High Street, Northtown]
complaints_form: https://www.northshire{i}.example.gov.uk/complaints
"""

SCOPING = """\
kind: fair-processing-notice
title: Fair processing notice
subtitle: "Pause Programme: Scoping Exercise"
published: 2024-{month:02d}-01
show_date: month
programme: pause
"""

PRIVACY = """\
kind: privacy-notice
title: "{{{{ council.short_name }}}} and Pause privacy notice"
subtitle: How and why we will use information about you in relation to Pause
published: 2024-{month:02d}-15
programme: pause
"""

PRACTICE = """\
kind: privacy-notice
title: Pause Practice privacy notice
subtitle: How the Pause Practice in {{{{ council.area }}}} uses information about you
published: 2025-{month:02d}-01
version: "1.{i}"
programme: pause
summary: >-
  This notice explains how {{{{ council.name_in_sentence }}}} and Pause use information about
  women who take part in the Pause Practice, and about their children where that is needed.
legal_bases:
  - provision: ukgdpr-art6-1-e
    reason: the council's public task of supporting children and families in its area.
  - provision: ukgdpr-art9-2-g
    reason: substantial public interest in safeguarding children and individuals at risk.
  - provision: ca2004-s10
    reason: the duty to co-operate to improve the well-being of children.
retention:
  - rule: Case records are kept for 25 years after the last contact, then deleted.
  - rule: Reports with no personal data in them are kept by the council.
transfers:
  outside_uk: false
  statement: Data is stored and processed only within the UK.
rights:
  - right: access
  - right: rectification
  - right: restriction
  - right: object
  - right: complain-to-regulator
sections:
  - show: summary
  - heading: The legal basis for using your information
    show: legal-bases
  - heading: How long we keep it
    show: retention
  - show: transfers
  - heading: Your rights
    show: rights
  - heading: Questions and complaints
    show: complaints
"""


def make_bundled_copies(root: Path, copies: int) -> int:
    """A project (the registry, programmes and sections are the package's) with the bundled
    councils' own forms and `copies` copies of every bundled council under new names; the
    number of documents."""
    if root.exists():
        shutil.rmtree(root)
    documents = 0
    for folder in sorted((REPO / "councils").iterdir()):
        if folder.name == "forms":
            shutil.copytree(folder, root / "councils" / folder.name)
            continue
        for i in range(copies):
            shutil.copytree(folder, root / "councils" / f"{folder.name}-{i:03d}")
            documents += len([f for f in folder.glob("*.yaml") if f.name != "council.yaml"])
    return documents


def make_project(root: Path, councils: int) -> int:
    """A project of `councils` synthetic councils (the registry and programmes are the
    package's)."""
    if root.exists():
        shutil.rmtree(root)
    for i in range(councils):
        folder = root / "councils" / f"northshire-{i:04d}"
        folder.mkdir(parents=True)
        month = 1 + i % 12
        for name, text in (("council.yaml", COUNCIL), ("scoping-notice.yaml", SCOPING),
                           ("privacy-notice.yaml", PRIVACY), ("practice-notice.yaml", PRACTICE)):
            (folder / name).write_text(text.format(i=i, month=month), encoding="utf-8")
    return councils * 3


class PeakMemory:
    """Samples the memory of a process and all its children: the peak of their summed
    proportional set size (shared pages counted once) and of the largest one's RSS."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_total = 0
        self.peak_single = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            total = 0
            for pid in self._tree(self.pid):
                pss, rss = _memory(pid)
                total += pss
                self.peak_single = max(self.peak_single, rss)
            self.peak_total = max(self.peak_total, total)
            self._stop.wait(0.05)

    def _tree(self, pid: int) -> list[int]:
        pids = [pid]
        try:
            for task in Path(f"/proc/{pid}/task").iterdir():
                children = (task / "children").read_text().split()
                for child in children:
                    pids += self._tree(int(child))
        except OSError:
            pass
        return pids


def _memory(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of a process in kB; zeros if it has gone."""
    pss = rss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1])
            elif line.startswith("Rss:"):
                rss = int(line.split()[1])
    except (OSError, ValueError):
        pass
    return pss, rss


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


def run(args: list[str], cwd: Path, memory: bool = False, ok: tuple[int, ...] = (0,)
        ) -> tuple[float, int, int]:
    """Wall time of a command, and (optionally) its peak memory in kB (total, largest)."""
    env = {**os.environ, "CI": "1"}
    started = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    sampler = PeakMemory(process.pid) if memory else None
    out, err = process.communicate()
    elapsed = time.perf_counter() - started
    if sampler is not None:
        sampler.stop()
    if process.returncode not in ok:
        raise SystemExit(f"{' '.join(args)} failed ({process.returncode}):\n{out}{err}")
    return elapsed, (sampler.peak_total if sampler else 0), (sampler.peak_single if sampler else 0)


def median_time(args: list[str], cwd: Path, runs: int, before: object = None) -> float:
    times = []
    for _ in range(runs):
        if callable(before):
            before()
        times.append(run(args, cwd)[0])
    return statistics.median(times)


def _spin(_: int) -> float:
    started = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return time.perf_counter() - started


def parallel_capacity(workers: int) -> float:
    """How many cores' worth of work `workers` busy processes get done at once right now:
    `workers` on an idle machine, less when other work is running on it."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_spin, range(workers)))  # start the processes
        one = min(pool.submit(_spin, 0).result() for _ in range(2))
        started = time.perf_counter()
        list(pool.map(_spin, range(workers)))
        return workers * one / (time.perf_counter() - started)


RAW = """\
import calendar, datetime, os, re, sys, time
from pathlib import Path
import weasyprint
from weasyprint.text.fonts import FontConfiguration
# What pause_docs/render/pdf.py does, without pause-docs: the same stylesheet and fonts, base
# URL, PDF variant and one font configuration for the process; WeasyPrint's own URL fetcher.
# With "repair", the tags WeasyPrint cannot make are repaired as pdf.py repairs them (so that
# the bytes can be compared), and each page's CPU time in WeasyPrint and in the repair is
# printed; with "alone", WeasyPrint's PDF is written as it is.
repairing = sys.argv[1] == "repair"
if repairing:
    from pause_docs.render.pdf_tags import repair
assets = Path(sys.argv[3])
stylesheet = assets / "pdf.css"
fonts = FontConfiguration()
base_url = assets.resolve().as_uri() + "/"
for name in sys.argv[4:]:
    html = Path(name).read_text(encoding="utf-8")
    day = re.search(r'name="dcterms.created" content="(\\d{4}-\\d\\d-\\d\\d)', html)[1]
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(
        datetime.date.fromisoformat(day).timetuple()))
    started = time.process_time()
    css = weasyprint.CSS(filename=str(stylesheet), font_config=fonts)
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


def alternating(first: list[str], second: list[str], cwd: Path, runs: int,
                before: object = None) -> tuple[float, float, float]:
    """Run the two commands in turn (A B A B ...): the median time of each, and the median
    of the ratios A/B of each pair."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for command, kept in ((first, times[0]), (second, times[1])):
            if callable(before):
                before()
            kept.append(run(command, cwd)[0])
    ratios = [a / b for a, b in zip(*times, strict=True)]
    return statistics.median(times[0]), statistics.median(times[1]), statistics.median(ratios)


def cpu_run(args: list[str], cwd: Path) -> tuple[float, str]:
    """The CPU time (user and system) of a command and the processes it waited for, and
    what it printed: unlike wall time, hardly changed by other work on the machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(args, cwd=cwd, env={**os.environ, "CI": "1"}, capture_output=True,
                          text=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        raise SystemExit(f"{' '.join(args[:4])} ... failed ({done.returncode}):\n"
                         f"{done.stdout}{done.stderr}")
    return (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime), done.stdout


def spread(values: list[float], percent: bool = False) -> str:
    """The median of some ratios with their range and number: 'x1.04 (1.02-1.07, n=5)', or
    '9.5 % (8.9-10.1 %, n=5)'."""
    low, mid, high = min(values), statistics.median(values), max(values)
    if percent:
        return f"{mid:.1%} ({low * 100:.1f}-{high:.1%}, n={len(values)})".replace("%", " %")
    return f"x{mid:.2f} ({low:.2f}-{high:.2f}, n={len(values)})"


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
    three runs taking turns; and the repair's share of WeasyPrint's own time, in all and
    for the worst page.  Checks first that pause-docs and WeasyPrint + repair print the
    same bytes."""
    pages = _pdf_pages(root, base / "pdf-html", councils)
    ours_out, raw_out = base / "pdf-ours", base / "pdf-raw"
    assets = str(REPO / "pause_docs" / "templates" / "assets")
    commands = {
        "ours": [*COMMAND, "build", *councils, "--format", "pdf", "--jobs", "1", "--force",
                 "--output", str(ours_out)],
        "repaired": [sys.executable, "-c", RAW, "repair", str(raw_out), assets, *pages],
        "alone": [sys.executable, "-c", RAW, "alone", str(base / "pdf-alone"), assets, *pages],
    }
    for command in commands.values():
        cpu_run(command, root)
    for page in pages:
        name = f"{Path(page).parent.name}/{Path(page).stem}.pdf"
        if (ours_out / name).read_bytes() != (raw_out / name).read_bytes():
            raise SystemExit(f"raw WeasyPrint printed {name} differently: not the same work")
    times, overall, per_page = _pdf_rounds(commands, root, runs)
    worst = max(per_page, key=lambda page: statistics.median(per_page[page]))
    ours, repaired, alone = (statistics.median(times[key]) for key in commands)
    return {
        "repaired": f"{spread(_ratios(times['ours'], times['repaired']))} ({ours:.2f} "
                    f"against {repaired:.2f} CPU-s, {len(pages)} byte-identical PDFs)",
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--councils", type=int, default=300, help="N (default 300)")
    parser.add_argument("--small", type=int, default=100, help="the smaller N for memory")
    parser.add_argument("--pdf-councils", type=int, default=30,
                        help="councils (x3 documents) for the PDF comparisons (default 30)")
    parser.add_argument("--copies", type=int, default=10,
                        help="copies of each bundled council (default 10: 70 documents)")
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

        results["lint"], results["lint-checks"] = measure_lint(root, options.runs)

        startup = median_time([*COMMAND, "--help"], root, 10)
        results["help"] = f"{startup:.3f} s"
        print(f"pause-docs --help: {startup:.3f} s (target < 0.3 s)")
    if options.against != "none":
        results["against"] = against(options.against, options.councils, options.runs)
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
