"""HTML rendering: golden files for the bundled notices, and nothing unsafe gets through."""

from __future__ import annotations

import difflib
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import COUNCIL_YAML, REPO, SHARED

from pause_docs.render.edition import render_html
from pause_docs.render.html import markdown_html
from pause_docs.source.loading import load_project

GOLDEN = Path(__file__).parent / "golden"
BUNDLED = [("lambeth", "scoping-2017"), ("lambeth", "scoping-2026"),
           ("oxfordshire", "pause-privacy-notice"),
           ("example-council", "family-help-privacy-notice"),
           ("cambridgeshire", "childrens-safeguarding-privacy-notice"),
           ("middlesbrough", "north-east-pause-screening"),
           ("oxfordshire", "pause-dpia-screening"),
           ("oxfordshire", "pause-equality-screening"),
           ("oxfordshire", "pause-equality-impact-assessment"), ("oxfordshire", "pause-dpia"),
           ("brackenford", "childrens-services-privacy-notice"),
           ("brackenford", "youth-justice-privacy-notice")]
SEEDS = [
    ("lambeth", "scoping-2017", "000_35f6efedbe5ac561.txt"),
    ("oxfordshire", "pause-privacy-notice", "001_40e321c255d5571a.txt"),
    ("example-council", "family-help-privacy-notice", "003_baf9ac02b1ae2ca8.txt"),
    ("cambridgeshire", "childrens-safeguarding-privacy-notice", "004_ed55cec3ab90154f.txt"),
]


def bundled(council: str, slug: str):
    loaded = load_project(REPO, councils=[council])
    return next(d for d in loaded.documents if d.slug == slug)


@pytest.mark.parametrize(("council", "slug"), BUNDLED)
def test_bundled_notice_matches_golden_html(council: str, slug: str, update_golden: bool) -> None:
    # The stylesheet is inlined in every page; it is compared once, not in every golden file.
    html = re.sub(r"<style>.*?</style>", "<style>/* templates/assets/style.css */</style>",
                  render_html(bundled(council, slug)), flags=re.S)
    golden = GOLDEN / f"{council}--{slug}.html"
    if update_golden:
        golden.write_text(html, encoding="utf-8")
        pytest.skip(f"wrote {golden.name}")
    assert golden.exists(), f"no {golden.name}: run pytest --update-golden"
    expected = golden.read_text(encoding="utf-8")
    if html != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), html.splitlines(True),
                                            "golden", "rendered"))
        pytest.fail(f"{golden.name} differs (run pytest --update-golden if intended):\n{diff}")


def fidelity(seed: str, rendered: Path) -> tuple[float, str]:
    """The figure shared/tools/fidelity.py gives for a rendered file against a seed."""
    tool = SHARED / "tools" / "fidelity.py"
    out = subprocess.run([sys.executable, str(tool), str(SHARED / "seeds" / seed),
                          str(rendered), "--show-missing"],
                         capture_output=True, text=True, check=True).stdout
    return float(re.search(r"fidelity: ([0-9.]+)", out).group(1)), out  # type: ignore[union-attr]


@pytest.mark.parametrize(("council", "slug", "seed"), SEEDS)
def test_seed_survives_in_html(tmp_path: Path, council: str, slug: str, seed: str) -> None:
    page = tmp_path / "page.html"
    page.write_text(render_html(bundled(council, slug)), encoding="utf-8")
    score, out = fidelity(seed, page)
    assert score >= 0.95, out


def test_page_structure_is_accessible_by_construction() -> None:
    html = render_html(bundled("oxfordshire", "pause-privacy-notice"))
    assert '<html lang="en-GB" ' in html
    assert "<title>OCC and Pause Privacy Notice – Oxfordshire County Council</title>" in html
    assert '<a class="skip-link" href="#main">' in html and '<main id="main"' in html
    levels = [int(n) for n in re.findall(r"<h([1-6])", html)]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
    assert '<a href="https://www.legislation.gov.uk/ukpga/2004/31/section/10">' in html


def test_templates_and_code_name_no_council() -> None:
    pattern = re.compile(r"lambeth|oxfordshire|middlesbrough|cambridgeshire|knowsley", re.I)
    for folder in ("templates", "pause_docs"):
        for path in (REPO / folder).rglob("*"):
            if path.is_file() and path.suffix in {".py", ".html", ".css"}:
                assert not pattern.search(path.read_text(encoding="utf-8")), path


@pytest.mark.parametrize("hostile", [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD4=)",
    '<iframe src="https://evil.example"></iframe>',
    "<style>body{display:none}</style>",
    '<a href="https://ok.example" onclick="steal()">x</a>',
])
def test_markdown_is_sanitised(hostile: str) -> None:
    html = str(markdown_html(hostile)).lower()
    for bad in ("<script", "onerror", "javascript:", "data:", "<iframe", "<style", "onclick"):
        assert bad not in html, (hostile, html)


def test_plain_text_is_escaped_and_safe_links_survive(project) -> None:
    root = project({
        "councils/example/council.yaml": COUNCIL_YAML,
        "councils/example/notice.yaml": (
            "kind: privacy-notice\ntitle: '<b>Bold</b> & co'\npublished: 2026-01-01\n"
            "programme: pause\n"
            "summary: 'Call [us](tel:+441234567890) or [write](mailto:a@b.example)'\n"
            "sections: [{show: summary}]\n"),
    })
    (doc,) = load_project(root).documents
    html = render_html(doc)
    assert "<h1>&lt;b&gt;Bold&lt;/b&gt; &amp; co</h1>" in html
    assert '<a href="tel:+441234567890">us</a>' in html
    assert '<a href="mailto:a@b.example">write</a>' in html


def test_month_precision_dates_print_as_month_and_year() -> None:
    html = render_html(bundled("lambeth", "scoping-2017"))
    assert '<time datetime="2017-02-01">February 2017</time>' in html


def test_the_packages_stylesheet_and_partials_are_kept_and_still_noted_on_every_page(
        ) -> None:
    """The package's stylesheet and block partials are kept after their first page (its
    templates cannot change while the tool runs), yet every page still names the files it
    came from, which the build fingerprints; a project's own are read again for each page
    (serve's test_an_edited_or_added_template_shows_on_the_next_load)."""
    from pause_docs.render.edition import render_document
    from pause_docs.render.html import STYLESHEET, environment, render_page
    from pause_docs.source.layout import TEMPLATES_DIR

    doc = bundled("lambeth", "scoping-2026")
    publication = render_document(doc).publication
    first, again = render_page(publication), render_page(publication)
    assert first.html == again.html
    assert first.templates[STYLESHEET] == again.templates[STYLESHEET]
    assert again.templates[STYLESHEET].endswith("templates/assets/style.css")
    assert first.templates == again.templates
    assert again.templates["_paragraph.html"].endswith("templates/_paragraph.html")
    env = environment((TEMPLATES_DIR,))
    assert STYLESHEET in env.stylesheets  # type: ignore[attr-defined]
    assert "_paragraph.html" in env.partials  # type: ignore[attr-defined]
