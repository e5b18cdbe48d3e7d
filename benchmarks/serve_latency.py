"""How soon `pause-docs serve` shows a saved edit, measured in a real browser.

    .venv/bin/python benchmarks/serve_latency.py                     # 20 saves
    .venv/bin/python benchmarks/serve_latency.py --saves 5
    .venv/bin/python benchmarks/serve_latency.py --documents 900     # a synthetic project
    .venv/bin/python benchmarks/serve_latency.py --documents 20000 --index-only

It copies the bundled Lambeth council into a temporary project (or, with --documents N,
writes N synthetic documents as `bench.py` does: three per council), starts `pause-docs
serve` on a free loopback port, opens a document in headless Chromium, then saves a new
title into the document's YAML again and again and times each save until the page shows it
(the watcher's notice, the event to the browser, the reload, the render from the source).
It also times a document page, the index and the PDF (first and cached) over HTTP; with
--documents, the first index page from the command's start (listed at once, the statuses
then checked in the background), the time until every status is checked, and the same again
after a restart that finds them all in the cache. Not part of the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "benchmarks"))

from accessibility import browser  # noqa: E402
from bench import make_project as make_synthetic  # noqa: E402
from test_serve import Served, make_project, start, stop  # noqa: E402

DOCUMENT = "councils/lambeth/scoping-2026.yaml"
SYNTHETIC = "councils/northshire-0000/scoping-notice.yaml"


def timed(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=600) as response:
        response.read()
    return time.perf_counter() - started


def load() -> str:
    return "load average " + " ".join(f"{n:.2f}" for n in os.getloadavg())


def checking(served: Served) -> dict[str, int]:
    with urllib.request.urlopen(served.url + "_statuses?since=999999999", timeout=600) as r:
        found: dict[str, int] = json.loads(r.read())
    return found


def first_index(root: Path, label: str, wait: bool = True) -> Served:
    """Start serve; print how long until the index answered and (unless not `wait`) until
    every status was checked."""
    started = time.perf_counter()
    served = start(root)
    listening = time.perf_counter() - started
    with urllib.request.urlopen(served.url, timeout=600) as response:
        page = response.read()
    first = time.perf_counter() - started
    if not wait:
        print(f"{label}: listening after {listening:.2f} s, first index page after {first:.2f}"
              f" s ({page.count(b'<tr id=')} documents listed, {len(page) // 1024} kB, "
              f"{page.count('checking…'.encode())} checking); {load()}")
        return served
    while checking(served)["checking"] or b'id="pd-checking"' in page:
        time.sleep(0.5)
        if not checking(served)["checking"]:
            with urllib.request.urlopen(served.url, timeout=600) as response:
                page = response.read()
    done = time.perf_counter() - started
    print(f"{label}: listening after {listening:.2f} s, first index page after {first:.2f} s "
          f"({page.count(b'<tr id=')} documents listed, {len(page) // 1024} kB), every status "
          f"checked after {done:.1f} s ({checking(served)['checks']} checked by this run); "
          f"{load()}")
    return served


def saves(served: Served, document: str, count: int) -> list[float]:
    """Save a new title `count` times; how long until the open page showed each."""
    council, name = Path(document).parent.name, Path(document).stem
    path = served.root / document
    original = path.read_text(encoding="utf-8")
    latencies = []
    with browser() as chrome:
        chrome.driver.get(f"{served.url}{council}/{name}.html")
        for n in range(count):
            title = f"Saved edit {n}"
            path.write_text(re.sub(r"(?m)^title: .*$", f"title: {title}", original, count=1),
                            encoding="utf-8")
            saved = time.perf_counter()
            while chrome.run("return document.querySelector('h1') && "
                             "document.querySelector('h1').textContent") != title:
                if time.perf_counter() - saved > 10:
                    raise SystemExit(f"save {n} did not show within 10 s")
                time.sleep(0.01)
            latencies.append(time.perf_counter() - saved)
            time.sleep(0.3)
    path.write_text(original, encoding="utf-8")
    return latencies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--saves", type=int, default=20)
    parser.add_argument("--documents", type=int, default=0,
                        help="a synthetic project of this many documents (three a council)")
    parser.add_argument("--index-only", action="store_true",
                        help="with --documents: time only the first index page, then stop")
    args = parser.parse_args()
    print(f"before: {load()}")
    with tempfile.TemporaryDirectory(prefix="pause-docs-serve-") as temp:
        root = Path(temp) / "project"
        if args.documents:
            made = make_synthetic(root, max(1, args.documents // 3))
            print(f"{made} synthetic documents")
            if args.index_only:
                stop(first_index(root, "first start", wait=False))
                return 0
            stop(first_index(root, "first start"))
            served = first_index(root, "restart, statuses cached")
            document = SYNTHETIC
        else:
            served = start(make_project(root))
            document = DOCUMENT
        try:
            council, name = Path(document).parent.name, Path(document).stem
            page = f"{served.url}{council}/{name}.html"
            print(f"document page: {min(timed(page) for _ in range(5)) * 1000:.0f} ms, "
                  f"index: {min(timed(served.url) for _ in range(3)) * 1000:.0f} ms "
                  "(best of several, nothing changed)")
            pdf = f"{served.url}{council}/{name}.pdf"
            print(f"PDF: {timed(pdf):.2f} s the first time, {timed(pdf) * 1000:.0f} ms cached")
            latencies = saves(served, document, args.saves)
        finally:
            status, _ = stop(served)
    print(f"save to page changed, {args.saves} saves: median {statistics.median(latencies):.2f}"
          f" s, max {max(latencies):.2f} s, min {min(latencies):.2f} s; "
          f"Ctrl-C exit status {status}; {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
