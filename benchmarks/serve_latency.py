"""How soon `pause-docs serve` shows a saved edit, measured in a real browser.

    .venv/bin/python benchmarks/serve_latency.py            # 20 saves
    .venv/bin/python benchmarks/serve_latency.py --saves 5

It copies the bundled Lambeth council into a temporary project, starts `pause-docs serve` on
a free loopback port, opens a document in headless Chromium, then saves a new title into the
document's YAML again and again and times each save until the page shows it (the watcher's
notice, the event to the browser, the reload, the render from the source). It also times a
document page, the index and the PDF (first and cached) over HTTP. Not part of the tests.
"""

from __future__ import annotations

import argparse
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

from accessibility import browser  # noqa: E402
from test_serve import make_project, start, stop  # noqa: E402

DOCUMENT = "councils/lambeth/scoping-2026.yaml"


def timed(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        response.read()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--saves", type=int, default=20)
    saves = parser.parse_args().saves
    with tempfile.TemporaryDirectory(prefix="pause-docs-serve-") as temp:
        served = start(make_project(Path(temp) / "project"))
        try:
            page = served.url + "lambeth/scoping-2026.html"
            print(f"document page: {min(timed(page) for _ in range(5)) * 1000:.0f} ms, "
                  f"index: {min(timed(served.url) for _ in range(3)) * 1000:.0f} ms "
                  "(best of several, nothing changed)")
            pdf = served.url + "lambeth/scoping-2026.pdf"
            print(f"PDF: {timed(pdf):.2f} s the first time, {timed(pdf) * 1000:.0f} ms cached")
            path = served.root / DOCUMENT
            original = path.read_text(encoding="utf-8")
            latencies = []
            with browser() as chrome:
                chrome.driver.get(page)
                for n in range(saves):
                    title = f"Saved edit {n}"
                    path.write_text(re.sub(r"(?m)^title: .*$", f"title: {title}", original,
                                           count=1), encoding="utf-8")
                    saved = time.perf_counter()
                    while chrome.run("return document.querySelector('h1') && "
                                     "document.querySelector('h1').textContent") != title:
                        if time.perf_counter() - saved > 10:
                            raise SystemExit(f"save {n} did not show within 10 s")
                        time.sleep(0.01)
                    latencies.append(time.perf_counter() - saved)
                    time.sleep(0.3)
            path.write_text(original, encoding="utf-8")
        finally:
            status, _ = stop(served)
    print(f"save to page changed, {saves} saves: median {statistics.median(latencies):.2f} s, "
          f"max {max(latencies):.2f} s, min {min(latencies):.2f} s; "
          f"Ctrl-C exit status {status}; load average {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
