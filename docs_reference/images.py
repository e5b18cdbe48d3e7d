"""`make docs-images`: the screenshots in docs/, taken from real pages, not by hand.

It runs `pause-docs serve` on the bundled project (which writes nothing) and photographs, in
headless Chromium (the system's browser and driver, as the accessibility tests use them):

- docs/serve.png: a notice in the preview, its first problem followed (outlined on the page);
- docs/images/index.png: the preview's index of every council and document;
- docs/images/notice.png: a published privacy notice, as a reader sees it;
- docs/images/editor.png: the editor's form of a bilingual notice, the page beside it.
"""

from __future__ import annotations

import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

from . import DOCS, REPO

SIZE = (1200, 860)
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1"]


def _follow_first_problem(driver: Any) -> None:
    links = driver.find_elements("css selector", "a.pd-where")
    if links:
        links[0].click()
        time.sleep(1)  # the page scrolls to the words and outlines them


SHOTS: list[tuple[str, str, Callable[[Any], None] | None]] = [
    ("serve.png", "/lambeth/scoping-2017.html", _follow_first_problem),
    ("images/index.png", "/", None),
    ("images/notice.png", "/_published/oxfordshire/pause-privacy-notice.html", None),
    ("images/editor.png", "/_edit/glanyrafon/pause-privacy-notice", None),
]


def serve() -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "pause_docs", "--project", str(REPO), "serve", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], 60)
    line = process.stdout.readline() if ready else ""
    found = re.search(r"http://\S+/", line)
    if found is None:
        process.kill()
        raise SystemExit(f"pause-docs serve did not start: {line!r}")
    return process, found.group(0).rstrip("/")


def main() -> int:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not chromium or not driver_path:
        print("make docs-images needs chromium and chromedriver: make a11y-tools",
              file=sys.stderr)
        return 2
    process, address = serve()
    profile = tempfile.mkdtemp(prefix="pause-docs-images-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (*FLAGS, f"--user-data-dir={profile}", f"--window-size={SIZE[0]},{SIZE[1]}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    try:
        for name, path, then in SHOTS:
            driver.get(address + path)
            if then is not None:
                then(driver)
            target = DOCS / name
            target.parent.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(target))
            print(f"wrote docs/{name} from {path}")
    finally:
        driver.quit()
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(profile, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
