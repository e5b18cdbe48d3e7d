"""Real accessibility checkers for rendered pages: axe-core in headless Chromium, and the W3C
Nu HTML checker (vnu.jar).

The tools come from the system (chromium, chromium-driver, java) and from npm (axe-core,
vnu-jar, pinned in package.json/package-lock.json and installed by `make a11y-tools`).
`missing_tools()` says which are absent, so tests can skip with that reason locally; in CI
(`PAUSE_DOCS_REQUIRE_A11Y=1`, set by .ci/run) a missing tool is a failure, not a skip.

Run as a script for the per-document figures:
    .venv/bin/python tests/accessibility.py output/*/*.html
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.request import url2pathname

REPO = Path(__file__).resolve().parent.parent
NODE_MODULES = REPO / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices (heading order, one h1,
# landmarks, ...): what the Public Sector Bodies Accessibility Regulations ask for and more.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE_TAGS = [*WCAG_TAGS, "best-practice"]
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                  "--hide-scrollbars"]
REQUIRED = os.environ.get("PAUSE_DOCS_REQUIRE_A11Y") == "1"


def _which(*names: str) -> str | None:
    return next((found for name in names if (found := shutil.which(name))), None)


def chromium_binary() -> str | None:
    return _which("chromium", "chromium-browser", "google-chrome")


def chromedriver_binary() -> str | None:
    return _which("chromedriver")


def missing_tools(*, browser: bool = False, nu: bool = False) -> list[str]:
    """What is missing for the browser checks and/or the Nu checker, in words."""
    missing = []
    if browser:
        if chromium_binary() is None:
            missing.append("chromium (apt install chromium)")
        if chromedriver_binary() is None:
            missing.append("chromedriver (apt install chromium-driver)")
        if not AXE_JS.exists():
            missing.append("axe-core (make a11y-tools, or npm ci --ignore-scripts)")
        try:
            import selenium  # noqa: F401
        except ImportError:
            missing.append("selenium (pip install -e '.[test]')")
    if nu:
        if _which("java") is None:
            missing.append("java (apt install default-jre-headless)")
        if not VNU_JAR.exists():
            missing.append("vnu-jar (make a11y-tools, or npm ci --ignore-scripts)")
    return missing


# --- Nu HTML checker -------------------------------------------------------------------------

@dataclass(frozen=True)
class NuMessage:
    file: str
    kind: str  # "error", "info" (vnu calls warnings "info" with subType "warning"), ...
    line: int
    column: int
    message: str

    @property
    def is_error(self) -> bool:
        return self.kind in ("error", "non-document-error")

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.kind}: {self.message}"


def nu_check(pages: Sequence[Path]) -> dict[Path, list[NuMessage]]:
    """Every message vnu gives for each page (one JVM for all pages), warnings included."""
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--also-check-css",
         *[str(p) for p in pages]],
        capture_output=True, text=True, timeout=300)
    report = json.loads(result.stderr or result.stdout)
    by_page: dict[Path, list[NuMessage]] = {p: [] for p in pages}
    names = {str(p.resolve()): p for p in pages}
    for message in report["messages"]:
        url = message.get("url", "")  # vnu writes file:/tmp/x.html, not file:///tmp/x.html
        page = names.get(url2pathname(url.removeprefix("file:"))) if url else None
        kind = message.get("subType") or message["type"]
        entry = NuMessage(str(page) if page else url or "vnu", kind,
                          message.get("lastLine", 0), message.get("firstColumn", 0),
                          message.get("message", ""))
        if page is None:  # a message not about one page (e.g. the JVM) counts against all
            for found in by_page.values():
                found.append(entry)
        else:
            by_page[page].append(entry)
    return by_page


# --- Chromium ------------------------------------------------------------------------------

@dataclass
class Browser:
    """One headless Chromium driven by chromedriver; pages are loaded from file:// URLs."""

    driver: Any
    axe_source: str = field(repr=False)

    def open(self, page: Path, width: int = 1024, height: int = 800, *,
             media: str = "screen") -> None:
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 500})
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": media})
        self.driver.get(page.resolve().as_uri())

    def run(self, script: str, *args: Any) -> Any:
        return self.driver.execute_script(script, *args)

    def axe(self, tags: Sequence[str] = AXE_TAGS) -> dict[str, Any]:
        """axe-core's results for the open page: violations, passes and incomplete."""
        self.driver.execute_script(self.axe_source)
        return dict(self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]},"
            "                   resultTypes: ['violations']})"
            "  .then(r => done({version: r.testEngine.version,"
            "    violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
            "      tags: v.tags, targets: v.nodes.map(n => n.target.join(' '))})),"
            "    passes: r.passes.length, incomplete: r.incomplete.map(v => v.id),"
            "    rules: Object.fromEntries(arguments[0].map(t => [t, axe.getRules([t]).length]))"
            "  }))"
            "  .catch(e => done({error: String(e)}));", list(tags)))

    def tab(self) -> dict[str, Any]:
        """Press Tab; what now has focus and how it is drawn."""
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        ActionChains(self.driver).send_keys(Keys.TAB).perform()
        return dict(self.run(FOCUS_STATE))

    def screenshot(self, path: Path) -> None:
        self.driver.save_screenshot(str(path))


FOCUS_STATE = """
const el = document.activeElement;
const s = getComputedStyle(el);
const r = el.getBoundingClientRect();
return {tag: el.tagName.toLowerCase(), id: el.id, text: (el.textContent || '').trim(),
        href: el.getAttribute('href'), outlineStyle: s.outlineStyle,
        outlineWidth: parseFloat(s.outlineWidth), boxShadow: s.boxShadow,
        inViewport: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0 &&
                    r.left < innerWidth && r.top < innerHeight};
"""


@contextmanager
def browser_for_test(capabilities: dict[str, Any] | None = None) -> Iterator[Browser]:
    """`browser()` for a test, which fails when the browser tools are missing and required
    (CI), and is otherwise skipped with what is missing."""
    import pytest

    missing = missing_tools(browser=True)
    if missing:
        reason = f"browser tools not installed: {'; '.join(missing)} (make a11y-tools)"
        if REQUIRED:
            pytest.fail(reason)
        pytest.skip(reason)
    with browser(capabilities) as running:
        yield running


@contextmanager
def browser(capabilities: dict[str, Any] | None = None) -> Iterator[Browser]:
    """A headless Chromium that downloads nothing: the system's browser and driver (with
    `capabilities` asked of the driver besides)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium_binary() or "chromium"
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="pause-docs-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    for name, value in (capabilities or {}).items():
        options.set_capability(name, value)
    service = Service(executable_path=chromedriver_binary() or "chromedriver")
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_script_timeout(60)
    try:
        yield Browser(driver, AXE_JS.read_text(encoding="utf-8"))
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def main(argv: list[str]) -> int:
    """Print axe-core and Nu figures for each page given; exit 1 if any finds a problem."""
    pages = [Path(a) for a in argv]
    failed = False
    nu = nu_check(pages)
    with browser() as chrome:
        for page in pages:
            chrome.open(page)
            wide = chrome.axe()
            chrome.open(page, width=320, height=640)
            narrow = chrome.axe()
            errors = [m for m in nu[page] if m.is_error]
            warnings = [m for m in nu[page] if not m.is_error]
            violations = wide["violations"] + narrow["violations"]
            failed |= bool(errors or violations)
            print(f"{page}: axe-core {wide['version']}: {len(wide['violations'])} violations "
                  f"at 1024 px, {len(narrow['violations'])} at 320 px ({wide['passes']} rules "
                  f"passed, incomplete: {', '.join(wide['incomplete']) or 'none'}); "
                  f"Nu: {len(errors)} errors, {len(warnings)} warnings")
            for v in violations:
                print(f"  axe {v['id']} ({v['impact']}): {v['help']}: {v['targets']}")
            for m in nu[page]:
                print(f"  nu {m}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
