"""The editor in real headless Chromium on bundled documents: the council's logo shown in the
preview pane, the close-tab prompt when the form has unsaved changes (and none once saved),
the bundled equality screening changed through its form and saved, and a screening on a
council's own form and an equality impact assessment made, filled in and saved.

The prompt is seen as the officer would see it: ChromeDriver accepts a page's "leave this
site?" prompt by itself unless asked not to, so this browser is started with WebDriver BiDi
and `beforeUnload: ignore`, which leaves the prompt open for the test to see and answer.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator

import pytest
from accessibility import Browser, browser_for_test
from conftest import REPO
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait
from test_editor_browser import cli, field, press, submit, summary, type_in
from test_serve import Served, no_violations, poll, start, stop, visit

pytestmark = pytest.mark.slow  # real Chromium and pause-docs serve

NOTICE = "_edit/example-council/family-help-privacy-notice"
SCREENING = "_edit/oxfordshire/pause-equality-screening"
EVIDENCE = "Practitioners ask each woman about her faith and arrange support that respects it."
PROMPT_WITHIN = 60  # seconds for the prompt to be shown, however loaded the machine is


@pytest.fixture(scope="module")
def asking() -> Iterator[Browser]:
    """Chromium that leaves a page's close-tab prompt open for the test to answer."""
    prompts = {"beforeUnload": "ignore", "default": "dismiss and notify"}
    with browser_for_test({"webSocketUrl": True, "unhandledPromptBehavior": prompts}) as running:
        yield running


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The example council (which has a logo), Oxfordshire, and Middlesbrough with its own
    form, committed to git."""
    root = tmp_path_factory.mktemp("bundled") / "project"
    for folder in ("example-council", "oxfordshire", "middlesbrough", "forms"):
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


@pytest.mark.parametrize(("council", "kind", "form", "answer"), [
    ("middlesbrough", "impact-assessment", "middlesbrough-level-1", "no"),
    ("oxfordshire", "equality-impact-assessment", "", "neutral")])
def test_a_screening_on_the_councils_own_form_and_an_eqia_are_made_in_the_browser(
        asking: Browser, bundled: Served, council: str, kind: str, form: str,
        answer: str) -> None:
    visit(asking, bundled.url + "_edit/_new/document", width=1280, height=900)
    no_violations(asking)
    for ident, value in (("council", council), ("kind", kind), ("programme", "pause"),
                         ("form", form)):
        Select(field(asking, f"f-{ident}")).select_by_value(value)
    submit(asking)
    made = asking.driver.current_url.rsplit("/", 1)[1]
    assert asking.driver.current_url.endswith(f"/_edit/{council}/{made}"), made
    assert any("is still to be filled in" in item for item in summary(asking))
    no_violations(asking)
    type_in(asking, "f-published", "2026-12-01")
    answers = asking.run("""return [...document.querySelectorAll('[id^="f-answers-"]')]
        .map(box => box.id).filter(id => /-(answer|evidence)$/.test(id));""")
    assert len(answers) >= 6, answers
    for ident in answers:
        if ident.endswith("-answer"):
            Select(field(asking, ident)).select_by_value(answer)
        else:
            type_in(asking, ident, f"{EVIDENCE} ({ident.split('-')[2]})")
    todo = asking.run("""return [...document.querySelectorAll('input, textarea')]
        .filter(box => box.value.startsWith('TODO')).map(box => box.id);""")
    for ident in todo:  # what else the summary asks for, such as the proposal's description
        type_in(asking, ident, "A Pause Practice for the county.")
    press(asking, "save")
    written = f"councils/{council}/{made}.yaml"
    assert f"Saved {written}." in asking.driver.page_source
    assert not any("is still to be filled in" in item for item in summary(asking)), \
        summary(asking)
    no_violations(asking)

    checked = cli(bundled.root, "validate", str(bundled.root / written))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    linted = cli(bundled.root, "lint", str(bundled.root / written))
    assert linted.returncode == 0 and "error" not in linted.stderr, linted.stderr
    built = cli(bundled.root, "build", "--format", "html", council)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "\npublished: 2026-12-01\n" in (bundled.root / written).read_text()
    page = (bundled.root / f"output/{council}/{made}.html").read_text()
    assert all(f"{EVIDENCE} ({ident.split('-')[2]})" in page
               for ident in answers if ident.endswith("-evidence"))
