"""Every bundled document's HTML, in each of its languages, checked in a real headless Chromium
with axe-core and by the W3C Nu HTML checker, plus what those tools do not check: the skip
link, visible focus, link text, table headers, reading at 320 px and the print stylesheet.

The documents are whatever `load_project` finds in the repository, so a new document (or a
new language of one) is checked without being listed here.  The tools are installed by
`make a11y-tools` (CI does it); without them these tests skip and say what is missing, unless
PAUSE_DOCS_REQUIRE_A11Y=1.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from accessibility import (
    REQUIRED,
    WCAG_TAGS,
    Browser,
    NuMessage,
    browser,
    missing_tools,
    nu_check,
)
from conftest import bundled_pages, page_id
from htmlinfo import page_info

from pause_docs.publish.locale import load_locale
from pause_docs.render.edition import render_document, render_html

PAGES = bundled_pages()
IDS = [page_id(doc, language) for doc, language in PAGES]
LANGUAGES = dict(zip(IDS, (language for _, language in PAGES), strict=True))
VAGUE_LINK_TEXT = {"click here", "here", "click", "more", "read more", "link", "this",
                   "this link", "find out more", "more information", "details"}


def _need(**which: bool) -> None:
    missing = missing_tools(**which)
    if not missing:
        return
    reason = (f"accessibility tools not installed: {'; '.join(missing)}. "
              "Run `make a11y-tools` (as root) to install them")
    if REQUIRED:
        pytest.fail(reason + " (PAUSE_DOCS_REQUIRE_A11Y=1: CI must run these checks)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each bundled document rendered to its own HTML file, with the files it shows (a
    council's logo) beside it, as a build writes them."""
    out = {}
    for (doc, language), name in zip(PAGES, IDS, strict=True):
        folder = tmp_path_factory.mktemp(name.replace("/", "--").replace(".", "-"))
        page = render_document(doc, language=language)
        path = folder / f"{name.split('/')[1]}.html"
        path.write_text(page.html, encoding="utf-8")
        for file, source in page.publication.files.items():
            (folder / file).write_bytes(Path(source).read_bytes())
        out[name] = path
    return out


@pytest.fixture(scope="module")
def chrome() -> Iterator[Browser]:
    _need(browser=True)
    with browser() as running:
        yield running


@pytest.fixture(scope="module")
def nu_messages(pages: dict[str, Path]) -> dict[Path, list[NuMessage]]:
    _need(nu=True)
    return nu_check(list(pages.values()))


def test_the_repository_bundles_documents_to_check() -> None:
    assert len(PAGES) >= 2
    assert any(language == "cy" for _, language in PAGES), "a Welsh page is checked"


@pytest.mark.parametrize("width", [1024, 320])
@pytest.mark.parametrize("name", IDS)
def test_axe_core_finds_no_violations(chrome: Browser, pages: dict[str, Path], name: str,
                                      width: int) -> None:
    chrome.open(pages[name], width=width)
    result = chrome.axe()
    assert "error" not in result, result
    assert all(result["rules"][tag] > 0 for tag in WCAG_TAGS if tag != "wcag22a"), result["rules"]
    assert result["violations"] == [], "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']}: {v['targets']}" for v in result["violations"])
    assert result["passes"] >= 20  # the rules really ran against the page


@pytest.mark.parametrize("name", IDS)
def test_nu_html_checker_finds_no_errors(nu_messages: dict[Path, list[NuMessage]],
                                         pages: dict[str, Path], name: str) -> None:
    errors = [m for m in nu_messages[pages[name]] if m.is_error]
    assert errors == [], "\n".join(str(m) for m in errors)


def test_the_checkers_do_find_problems_on_a_broken_page(chrome: Browser, tmp_path: Path,
                                                       pages: dict[str, Path]) -> None:
    _need(nu=True)
    good = next(iter(pages.values())).read_text(encoding="utf-8")
    broken = (good.replace("<main", '<p id="main" style="color:#bbb">faint</p><main', 1)
            .replace("</h1>", '</h1><img src="x.png"><h4>skips a level</h4>', 1))
    page = tmp_path / "broken.html"
    page.write_text(broken, encoding="utf-8")
    chrome.open(page)
    found = {v["id"] for v in chrome.axe()["violations"]}
    assert {"image-alt", "color-contrast", "heading-order"} <= found, found
    errors = [m.message for m in nu_check([page])[page] if m.is_error]
    assert any("alt" in e for e in errors) and any("Duplicate ID" in e for e in errors), errors


@pytest.mark.parametrize("name", IDS)
def test_skip_link_comes_first_shows_on_focus_and_moves_focus_to_main(
        chrome: Browser, pages: dict[str, Path], name: str) -> None:
    from selenium.webdriver.common.keys import Keys

    chrome.open(pages[name])
    first = chrome.tab()
    skip = load_locale(LANGUAGES[name]).text("skip_link")
    assert (first["tag"], first["href"], first["text"]) == ("a", "#main", skip)
    assert first["inViewport"], "the skip link must be visible when it has focus"
    chrome.driver.switch_to.active_element.send_keys(Keys.ENTER)
    assert chrome.run("return document.activeElement.id") == "main"
    after = chrome.tab()
    inside_main = chrome.run("return document.querySelector('main').contains("
                             "document.activeElement) || document.activeElement === document.body")
    assert inside_main, after


@pytest.mark.parametrize("name", IDS)
def test_every_focusable_element_shows_where_focus_is(chrome: Browser, pages: dict[str, Path],
                                                      name: str) -> None:
    chrome.open(pages[name], width=800)
    count = chrome.run("return document.querySelectorAll('a[href], button, input, select, "
                       "textarea, [tabindex]:not([tabindex=\"-1\"])').length")
    seen = 0
    for _ in range(count):
        state = chrome.tab()
        where = f"{state['tag']} {state['text']!r}"
        assert state["outlineStyle"] != "none" and state["outlineWidth"] >= 2, (
            f"no visible focus indicator on {where}")
        assert state["inViewport"], f"{where} has focus but is off screen"
        seen += 1
    assert seen == count


@pytest.mark.parametrize("name", IDS)
def test_landmarks_language_title_and_headings_in_order(chrome: Browser, pages: dict[str, Path],
                                                         name: str) -> None:
    chrome.open(pages[name])
    found = chrome.run("""
        const roles = sel => document.querySelectorAll(sel).length;
        return {lang: document.documentElement.lang, title: document.title,
                main: roles('main'), banner: roles('body > header'),
                contentinfo: roles('body > footer'),
                levels: [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')]
                        .map(h => +h.tagName[1])};""")
    assert found["lang"] == load_locale(LANGUAGES[name]).tag and found["title"].strip()
    assert (found["main"], found["banner"], found["contentinfo"]) == (1, 1, 1)
    levels = found["levels"]
    assert levels and levels[0] == 1 and levels.count(1) == 1, levels
    jumps = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
    assert not jumps, f"headings skip a level: {jumps}"


@pytest.mark.parametrize(("doc", "language"), PAGES, ids=IDS)
def test_tables_have_captions_and_header_cells(doc, language: str) -> None:  # type: ignore[no-untyped-def]
    for table in page_info(render_html(doc, language=language)).tables:
        assert table.caption, "every table needs a <caption> saying what it shows"
        assert table.header_scopes, f"table {table.caption!r} has no header cells"
        assert all(s in ("col", "row", "colgroup", "rowgroup") for s in table.header_scopes), (
            f"table {table.caption!r}: every <th> needs scope=col or scope=row")


@pytest.mark.parametrize(("doc", "language"), PAGES, ids=IDS)
def test_link_text_says_where_the_link_goes(doc, language: str) -> None:  # type: ignore[no-untyped-def]
    links = page_info(render_html(doc, language=language)).links
    targets: dict[str, set[str]] = {}
    for href, text in links:
        assert text, f"link to {href} has no text"
        assert text.lower().strip(".:") not in VAGUE_LINK_TEXT, f"vague link text {text!r}"
        targets.setdefault(text.lower(), set()).add(href)
    ambiguous = {text: hrefs for text, hrefs in targets.items() if len(hrefs) > 1}
    assert not ambiguous, f"the same link text goes to different places: {ambiguous}"


@pytest.mark.parametrize("name", IDS)
def test_page_reads_at_320_px_without_sideways_scrolling(chrome: Browser,
                                                         pages: dict[str, Path],
                                                         name: str) -> None:
    chrome.open(pages[name], width=320, height=640)
    found = chrome.run("""
        const doc = document.documentElement;
        const wide = [...document.body.querySelectorAll('*')]
          .filter(e => e.getBoundingClientRect().right > doc.clientWidth + 1)
          .map(e => e.tagName.toLowerCase() + ': ' + (e.textContent || '').trim().slice(0, 40));
        const text = [...document.body.querySelectorAll('p, li, td, th, address, a')]
          .filter(e => e.offsetParent !== null);
        return {scroll: doc.scrollWidth, client: doc.clientWidth, wide: wide,
                smallest: Math.min(...text.map(e => parseFloat(getComputedStyle(e).fontSize))),
                body: parseFloat(getComputedStyle(document.body).fontSize),
                lineHeight: parseFloat(getComputedStyle(document.body).lineHeight)};""")
    assert found["scroll"] <= found["client"] and not found["wide"], found["wide"]
    assert found["body"] >= 16 and found["lineHeight"] >= 1.4 * found["body"], found
    assert found["smallest"] >= 14, f"text smaller than 14 px at 320 px wide: {found}"


FORMS = [name for (doc, language), name in zip(PAGES, IDS, strict=True)
         if render_document(doc, language=language).publication.role == "form"]


@pytest.mark.parametrize("width", [320, 375])
@pytest.mark.parametrize("name", FORMS)
def test_form_captions_keep_to_one_line_on_a_narrow_screen(
        chrome: Browser, pages: dict[str, Path], name: str, width: int) -> None:
    """At 320 CSS px (a 1280 px window at 400 % zoom) a form's grids stack, and their
    captions ('About the decision') still read as one line, not one word per line."""
    chrome.open(pages[name], width=width, height=800)
    captions = chrome.run("""
        return [...document.querySelectorAll('caption:not(.visually-hidden)')].map(c => ({
          text: c.textContent.trim(), height: c.getBoundingClientRect().height,
          line: parseFloat(getComputedStyle(c).lineHeight)}));""")
    assert captions, "the form has grids with visible captions"
    for caption in captions:
        assert caption["height"] <= 1.5 * caption["line"], caption


@pytest.mark.parametrize("name", FORMS)
def test_a_form_grids_labels_have_the_width_the_stylesheet_gives_them(
        chrome: Browser, pages: dict[str, Path], name: str) -> None:
    """A grid is laid out by fixed widths: its label a third of it, or beside another pair
    a fifth (form.css), on a wide screen too, where Chromium once ignored the first row's
    widths in a grid whose caption is hidden.  (The sign-off is sized by its labels.)"""
    chrome.open(pages[name], width=1024, height=800)
    shares = chrome.run("""
        return [...document.querySelectorAll('table.form-grid:not(.signoff)')].map(t => {
          const cells = t.rows[0].cells;
          return [t.className, cells.length,
                  cells[0].getBoundingClientRect().width / t.getBoundingClientRect().width];
        });""")
    assert shares
    for role, cells, share in shares:
        assert share == pytest.approx(0.32 if cells == 2 else 0.22, abs=0.005), role


@pytest.mark.parametrize("name", IDS)
def test_print_stylesheet_hides_the_skip_link_and_uses_the_full_width(
        chrome: Browser, pages: dict[str, Path], name: str) -> None:
    chrome.open(pages[name], media="print")
    found = chrome.run("""
        const style = sel => getComputedStyle(document.querySelector(sel));
        return {skip: style('.skip-link').display, main: style('main').maxWidth,
                size: style('html').fontSize};""")
    assert found["skip"] == "none" and found["main"] == "none", found
    assert found["size"] == "14px", found  # 10.5 pt: print size, not the screen's 16 px
