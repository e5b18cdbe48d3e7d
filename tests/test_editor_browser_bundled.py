"""The editor in real headless Chromium on bundled documents: the council's logo shown in the
preview pane, the close-tab prompt when the form has unsaved changes (and none once saved),
and the bundled equality screening changed through its form and saved.

The prompt is seen as the officer would see it: ChromeDriver accepts a page's "leave this
site?" prompt by itself unless asked not to, so this browser is started with WebDriver BiDi
and `beforeUnload: ignore`, which leaves the prompt open for the test to see and answer.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator

import pytest
from accessibility import REQUIRED, Browser, browser, missing_tools
from conftest import REPO
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait
from test_editor_browser import cli, field, press, type_in
from test_serve import Served, no_violations, poll, start, stop, visit

pytestmark = pytest.mark.slow  # real Chromium and pause-docs serve

NOTICE = "_edit/example-council/family-help-privacy-notice"
SCREENING = "_edit/oxfordshire/pause-equality-screening"
EVIDENCE = "Practitioners ask each woman about her faith and arrange support that respects it."
PROMPT_WITHIN = 60  # seconds for the prompt to be shown, however loaded the machine is


@pytest.fixture(scope="module")
def asking() -> Iterator[Browser]:
    """Chromium that leaves a page's close-tab prompt open for the test to answer."""
    missing = missing_tools(browser=True)
    if missing:
        reason = f"browser tools not installed: {'; '.join(missing)} (make a11y-tools)"
        if REQUIRED:
            pytest.fail(reason)
        pytest.skip(reason)
    prompts = {"beforeUnload": "ignore", "default": "dismiss and notify"}
    with browser({"webSocketUrl": True, "unhandledPromptBehavior": prompts}) as running:
        yield running


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The example council (which has a logo) and Oxfordshire, committed to git."""
    root = tmp_path_factory.mktemp("bundled") / "project"
    for folder in ("example-council", "oxfordshire"):
        shutil.copytree(REPO / "councils" / folder, root / "councils" / folder)
    git = ["git", "-C", str(root), "-c", "user.name=Test", "-c", "user.email=test@example.com"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "first"], check=True)
    running = start(root)
    yield running
    stop(running)


def git(served: Served, *args: str) -> str:
    return subprocess.run(["git", "-C", str(served.root), *args], check=True,
                          capture_output=True, text=True).stdout


def prompt_shown(chrome: Browser) -> bool:
    try:
        chrome.driver.switch_to.alert  # noqa: B018 (raises when there is none)
        return True
    except NoAlertPresentException:
        return False


def test_the_preview_pane_shows_the_councils_logo(asking: Browser, bundled: Served) -> None:
    visit(asking, bundled.url + NOTICE, width=1280, height=900)
    logo = """const frame = document.querySelector('[data-ed-preview]');
        const page = frame.contentDocument;
        const img = page && page.readyState === 'complete' && page.querySelector('.logo img');
        return img && img.complete ? [img.naturalWidth, img.alt, img.currentSrc] : null;"""
    width, alt, source = poll(lambda: asking.run(logo), within=60)
    assert width > 0, source  # a picture decoded: a page of words would have no width
    assert alt == "Example Borough Council"
    assert source.endswith("/_edit/_draft/example-council/family-help-privacy-notice/logo.svg")
    no_violations(asking)


def test_leaving_a_form_with_unsaved_changes_asks_first(asking: Browser,
                                                        bundled: Served) -> None:
    visit(asking, bundled.url + NOTICE)
    asking.driver.find_element(By.LINK_TEXT, "Back to all files").click()
    poll(lambda: asking.driver.current_url.endswith("/_edit/"))  # nothing changed: no prompt
    visit(asking, bundled.url + NOTICE)
    title = field(asking, "f-title").get_attribute("value")
    field(asking, "f-title").send_keys(" (draft)")
    asking.driver.find_element(By.LINK_TEXT, "Back to all files").click()
    prompt = WebDriverWait(asking.driver, PROMPT_WITHIN).until(
        expected_conditions.alert_is_present())
    prompt.dismiss()  # "stay on this page": the change is still there, unsaved
    assert asking.driver.current_url.endswith(NOTICE)
    assert field(asking, "f-title").get_attribute("value") == f"{title} (draft)"

    press(asking, "save")  # the form's own button: it leaves the page without asking
    assert "Saved councils/example-council/family-help-privacy-notice.yaml." in \
        asking.driver.page_source
    assert f"title: {title} (draft)\n" in (
        bundled.root / "councils/example-council/family-help-privacy-notice.yaml").read_text()
    asking.driver.find_element(By.LINK_TEXT, "Back to all files").click()
    poll(lambda: asking.driver.current_url.endswith("/_edit/"))
    assert not prompt_shown(asking)


def test_the_equality_screening_is_changed_through_its_form(asking: Browser,
                                                            bundled: Served) -> None:
    visit(asking, bundled.url + SCREENING, width=1280, height=900)
    no_violations(asking)
    Select(field(asking, "f-answers-religion-or-belief-answer")).select_by_value("positive")
    type_in(asking, "f-answers-religion-or-belief-evidence", EVIDENCE)
    shown = """const page = document.querySelector('[data-ed-preview]').contentDocument;
        return page !== null && page.readyState === 'complete' && page.body !== null
            && page.body.textContent.includes(arguments[0]);"""
    poll(lambda: asking.run(shown, EVIDENCE), within=60)  # the page beside it, before saving
    screening = "councils/oxfordshire/pause-equality-screening.yaml"
    assert git(bundled, "status", "--porcelain", screening) == ""
    press(asking, "save")
    assert f"Saved {screening}." in asking.driver.page_source
    no_violations(asking)

    assert git(bundled, "diff", "--numstat", screening) == f"2\t2\t{screening}\n"
    changed = [line for line in git(bundled, "diff", "-U0", screening).splitlines()
               if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert changed == [
        "-    answer: neutral", "-    evidence: Practitioners respect each woman's religion or "
        "belief; it makes no difference to the offer.",
        "+    answer: positive", f"+    evidence: {EVIDENCE}"]
    checked = cli(bundled.root, "validate", str(bundled.root / screening))
    assert checked.returncode == 0 and "1 document valid; no problems" in checked.stderr, \
        checked.stdout + checked.stderr
    linted = cli(bundled.root, "lint", str(bundled.root / screening))
    assert linted.returncode == 0 and "no problems (as of" in linted.stderr, linted.stderr
    built = cli(bundled.root, "build", "--format", "html", "oxfordshire")
    assert built.returncode == 0, built.stdout + built.stderr
    page = (bundled.root / "output/oxfordshire/pause-equality-screening.html").read_text()
    assert EVIDENCE in page
