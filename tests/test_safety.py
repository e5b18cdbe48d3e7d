"""YAML comes from many hands: it must never run code, leak files, reach the network, inject
script into a council's website or write outside output/.  Each way in has a test here."""

from __future__ import annotations

import http.server
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import COUNCIL_YAML, REPO

from pause_docs.build.writer import confined
from pause_docs.cli import main
from pause_docs.render.edition import render_html
from pause_docs.render.html import markdown_html
from pause_docs.source.errors import ProjectError
from pause_docs.source.loader import parse_yaml
from pause_docs.source.loading import load_project
from pause_docs.source.reader import MAX_FILE_BYTES

NOTICE = ("kind: privacy-notice\ntitle: A notice\npublished: 2026-01-01\nprogramme: pause\n")


def validate(root: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--project", str(root), "validate"])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.output, result.exc_info)
    return result.exit_code, result.output


# --- YAML ------------------------------------------------------------------------------------

@pytest.mark.parametrize("tagged", [
    "!!python/object/apply:os.system ['echo owned']",
    "!!python/object:__main__.Evil {a: 1}",
    "!!python/object/new:subprocess.Popen [[id]]",
    "!!python/name:os.system",
    "!!python/module:os",
    "!!binary aGVsbG8=",
    "!!set {a, b}",
    "!!omap [{a: 1}]",
    "!!timestamp 2020-01-01",
    "!local-tag value",
    "!<tag:example.com,2000:app/thing> value",
])
def test_no_yaml_tag_constructs_anything(tagged: str) -> None:
    source, found = parse_yaml(f"kind: privacy-notice\ntitle: {tagged}\n", "f.yaml")
    assert source is None
    assert [(p.code, str(p.location)) for p in found] == [("yaml-tag", "f.yaml:2:8")]


def test_a_tag_that_would_run_a_command_runs_nothing(project, tmp_path: Path) -> None:
    marker = tmp_path / "owned"
    root = project({
        "councils/example/council.yaml": COUNCIL_YAML,
        "councils/example/notice.yaml": NOTICE + (
            f"summary: !!python/object/apply:os.system ['touch {marker}']\n"
            f"subtitle: !!python/object/apply:subprocess.call [[touch, {marker}]]\n"),
    })
    code, output = validate(root)
    assert code == 1 and not marker.exists()
    assert output.splitlines()[:2] == [
        "councils/example/notice.yaml:5:10: error: yaml-tag: YAML tag "
        "'!!python/object/apply:os.system' is not allowed: write plain text, numbers, lists "
        "and mappings only",
        "councils/example/notice.yaml:6:11: error: yaml-tag: YAML tag "
        "'!!python/object/apply:subprocess.call' is not allowed: write plain text, numbers, "
        "lists and mappings only"]


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    lines = [f"lol0: &lol0 [{', '.join(['lol'] * width)}]"]
    for i in range(1, levels + 1):
        lines.append(f"lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


@pytest.mark.slow
@pytest.mark.parametrize(("text", "code"), [
    (NOTICE + billion_laughs(), "too-large"),            # 9^10 values once expanded
    (NOTICE + billion_laughs(levels=3, width=40), "too-large"),
    (NOTICE + "summary: &a [*a]\n", "too-deep"),          # an alias inside itself
    (NOTICE + "summary: " + "[" * 5000 + "]" * 5000 + "\n", "too-deep"),
    (NOTICE + "summary:\n" + "".join("  " * i + "- \n" for i in range(1, 300)), "too-deep"),
    (NOTICE + "summary: " + "{a: " * 3000 + "1" + "}" * 3000 + "\n", "too-deep"),
])
def test_expansion_and_nesting_bombs_fail_fast_with_a_located_error(project, text: str,
                                                                    code: str) -> None:
    root = project({"councils/example/council.yaml": COUNCIL_YAML,
                    "councils/example/notice.yaml": text})
    started = time.process_time()  # the work done, which a loaded machine does not stretch
    exit_code, output = validate(root)
    assert time.process_time() - started < 5
    assert exit_code == 1
    first = output.splitlines()[0]
    assert first.startswith("councils/example/notice.yaml:") and f"error: {code}:" in first
    assert "Traceback" not in output


@pytest.mark.parametrize(("text", "expected"), [
    (NOTICE + "summary: caf\x93\n",
     "councils/example/notice.yaml:5:13: error: yaml-character: the invisible control "
     "character U+0093 is not allowed in YAML: delete it (it often comes from copying text "
     "out of a PDF or Word)"),
    (NOTICE.replace("kind: privacy-notice", "kind: [privacy-notice]"),
     "councils/example/notice.yaml:1:7: error: invalid-value: kind: expected one of: "
     "fair-processing-notice, privacy-notice, impact-assessment, equality-screening, "
     "equality-impact-assessment, dpia-screening, dpia, found a list"),
])
def test_found_by_the_property_test(project, text: str, expected: str) -> None:
    root = project({"councils/example/council.yaml": COUNCIL_YAML,
                    "councils/example/notice.yaml": text})
    code, output = validate(root)
    assert code == 1 and output.splitlines()[0] == expected


def test_files_above_the_size_limit_are_refused_without_being_read(project) -> None:
    root = project({"councils/example/council.yaml": COUNCIL_YAML,
                    "councils/example/notice.yaml": NOTICE + "summary: "
                    + "x" * MAX_FILE_BYTES + "\n"})
    code, output = validate(root)
    size = (root / "councils/example/notice.yaml").stat().st_size
    assert code == 1
    assert output == (f"councils/example/notice.yaml: error: file-too-large: {size:,} bytes; "
                      f"files above {MAX_FILE_BYTES:,} bytes are refused\n1 error\n")


@pytest.mark.slow
def test_jinja_syntax_in_yaml_text_is_not_a_template(project) -> None:
    root = project({
        "councils/example/council.yaml": COUNCIL_YAML,
        "councils/example/notice.yaml": NOTICE + (
            "summary: '{% for x in range(3) %}loop{% endfor %} {# hidden #}'\n"
            "sections: [{show: summary}]\n"),
    })
    (doc,) = load_project(root).documents
    html = render_html(doc)
    assert "{% for x in range(3) %}loop{% endfor %} {# hidden #}" in html
    assert "looploop" not in html
    (root / "councils/example/notice.yaml").write_text(NOTICE + (
        "summary: '{{ council.__class__.__mro__ }}'\nsubtitle: '{{ 7*7 }}'\n"))
    code, output = validate(root)
    assert code == 1 and "49" not in output
    assert "error: unknown-variable: unknown variable '{{ council.__class__.__mro__ }}'" in output
    assert "error: invalid-variable: only '{{ name }}' variables are allowed" in output


# --- HTML and Markdown -----------------------------------------------------------------------

class Elements(HTMLParser):
    """Every element and attribute of a page, as a browser's parser would see them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:", "#")
MARKDOWN_TAGS = {"a", "abbr", "b", "blockquote", "br", "caption", "code", "em", "h3", "h4",
                 "i", "li", "ol", "p", "strong", "sub", "sup", "table", "tbody", "td", "th",
                 "thead", "tr", "ul"}
HOSTILE_MARKDOWN = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)><script>alert(1)</script></svg>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#106;avascript:alert(1))",
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    "[x](vbscript:msgbox(1))",
    "[data](data:text/html;base64,PHNjcmlwdD4=)",
    "<javascript:alert(1)>",
    "[ref][1]\n\n[1]: javascript:alert(1)",
    "[file](file:///etc/passwd)",
    "[ftp](ftp://example.com/x)",
    '<iframe src="https://evil.example"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    "<style>body{display:none}</style>",
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<a href="https://ok.example" onclick="steal()" onmouseover="steal()">x</a>',
    '<form action="https://evil.example"><input name=p><button>go</button></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<base href="https://evil.example/">',
    '"><script>alert(1)</script>',
    "<!--<script>alert(1)</script>-->",
    '<img src="file:///etc/passwd" alt="x">',
    "<h1>a second page title</h1><h2>out of order</h2>",
]


def assert_safe_fragment(html: str) -> None:
    for tag, attrs in Elements(html).found:
        assert tag in MARKDOWN_TAGS, f"<{tag}> got through: {html}"
        for name, value in attrs.items():
            assert not name.startswith("on") and name not in ("style", "src", "srcdoc"), html
            if name == "href":
                assert value and value.lower().startswith(SAFE_SCHEMES), html


@pytest.mark.parametrize("hostile", HOSTILE_MARKDOWN)
def test_markdown_cannot_carry_script_styles_frames_or_unsafe_links(hostile: str) -> None:
    html = str(markdown_html(hostile))
    assert_safe_fragment(html)
    lowered = html.lower()
    for bad in ("<script", "javascript:", "vbscript:", "data:", "file:", "<iframe", "<style",
                "<img", "<form", "<meta", "<base", "<link"):
        assert bad not in lowered, (hostile, html)


@pytest.mark.parametrize(("text", "href"), [
    ("[site](https://www.example.gov.uk/privacy)", "https://www.example.gov.uk/privacy"),
    ("[site](http://www.example.gov.uk)", "http://www.example.gov.uk"),
    ("[write](mailto:dpo@example.gov.uk)", "mailto:dpo@example.gov.uk"),
    ("[call](tel:+441234567890)", "tel:+441234567890"),
])
def test_markdown_keeps_http_mailto_and_tel_links(text: str, href: str) -> None:
    assert re.search(f'<a href="{re.escape(href)}"( class="print-address")?>',
                     str(markdown_html(text)))


def test_a_whole_page_from_hostile_yaml_has_no_script_and_only_safe_links(project) -> None:
    hostile = "\n\n".join(HOSTILE_MARKDOWN).replace("'", "''")
    root = project({
        "councils/example/council.yaml": COUNCIL_YAML.replace(
            "name: Example Borough Council", "name: '\"><script>alert(1)</script> Council'"),
        "councils/example/notice.yaml": (
            "kind: privacy-notice\n"
            "title: '</title><script>alert(1)</script>'\n"
            "subtitle: '\" onmouseover=\"alert(1)'\n"
            "published: 2026-01-01\nprogramme: pause\n"
            f"summary: '{hostile}'\n"
            f"sections:\n  - heading: '<img src=x onerror=alert(1)>'\n    intro: '{hostile}'\n"
            f"    show: summary\n    text: '{hostile}'\n"),
    })
    loaded = load_project(root)
    (doc,) = loaded.documents
    html = render_html(doc)
    elements = Elements(html).found
    tags = [tag for tag, _ in elements]
    assert "script" not in tags and "iframe" not in tags and "img" not in tags
    assert tags.count("style") == 1  # the page's own stylesheet, in <head>
    for tag, attrs in elements:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if "href" in attrs:
            assert str(attrs["href"]).lower().startswith(SAFE_SCHEMES), (tag, attrs)
    assert "&lt;/title&gt;&lt;script&gt;" in html  # the title was text, and stays text


# --- PDF resources ---------------------------------------------------------------------------

class CountingServer(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        CountingServer.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def local_server() -> Iterator[str]:
    """A web server on this machine that records every request made to it."""
    CountingServer.requests = []
    server = http.server.HTTPServer(("127.0.0.1", 0), CountingServer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def page(body: str, head: str = "") -> str:
    return (f'<!DOCTYPE html><html lang="en-GB"><head><title>t</title>{head}</head>'
            f"<body>{body}<p>text</p></body></html>")


@pytest.mark.parametrize("hostile", [
    '<link rel="attachment" href="http://169.254.169.254/latest/meta-data/iam/">',
    '<link rel="stylesheet" href="http://169.254.169.254/latest/meta-data/">',
    '<link rel="attachment" href="file://localhost/etc/passwd">',
    '<img src="https://169.254.169.254/latest/user-data" alt="x">',
    '<style>@import url("file:///etc/passwd");</style>',
    '<p style="background: url(file:///etc/passwd)">x</p>',
    '<object data="file:///etc/passwd" type="text/plain"></object>',
    '<img src="fonts/../../../../../../etc/passwd" alt="x">',
    '<img src="/etc/passwd" alt="x">',
])
def test_pdf_refuses_files_and_addresses_outside_the_projects_assets(hostile: str) -> None:
    from pause_docs.render.pdf import BUILTIN_ASSETS, BlockedResource, render_pdf

    with pytest.raises(BlockedResource):
        render_pdf(page(hostile), BUILTIN_ASSETS, 0)


@pytest.mark.parametrize("use", [
    '<img src="{url}/pixel.png" alt="x">',
    '<link rel="stylesheet" href="{url}/style.css">',
    '<link rel="attachment" href="{url}/file.txt">',
])
def test_pdf_rendering_sends_nothing_over_the_network(local_server: str, use: str) -> None:
    from pause_docs.render.pdf import BUILTIN_ASSETS, BlockedResource, render_pdf

    with pytest.raises(BlockedResource):
        render_pdf(page(use.format(url=local_server)), BUILTIN_ASSETS, 0)
    assert CountingServer.requests == []


def test_a_symbolic_link_in_the_assets_cannot_reach_outside_them(tmp_path: Path) -> None:
    from pause_docs.render.pdf import BlockedResource, render_pdf

    assets = tmp_path / "assets"
    assets.mkdir()
    (assets / "logo.png").symlink_to("/etc/passwd")
    with pytest.raises(BlockedResource):
        render_pdf(page('<link rel="attachment" href="logo.png">'), assets, 0)


def test_the_projects_own_assets_are_used(tmp_path: Path) -> None:
    from pause_docs.render.pdf import render_pdf

    assets = tmp_path / "assets"
    assets.mkdir()
    (assets / "notes.txt").write_text("our own file\n")
    pdf = render_pdf(page('<link rel="attachment" href="notes.txt" title="notes">'), assets, 0)
    assert b"/EmbeddedFiles" in pdf or b"/EmbeddedFile" in pdf


def test_a_hostile_template_override_fails_its_build_with_a_located_error(
        project, tmp_path: Path) -> None:
    root = project({
        "councils/example/council.yaml": COUNCIL_YAML,
        "councils/example/notice.yaml": NOTICE,
        "templates/privacy-notice.html": (
            '{% extends "default:document.html" %}{% block title %}'
            '{{ super() }}</title><link rel="attachment" href="file:///etc/passwd"><title>'
            "{% endblock %}"),
    })
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["--project", str(root), "build", "--output", str(out),
                                       "-j", "1"])
    assert result.exit_code == 1
    assert ("councils/example/notice.yaml: error: pdf-failed: could not make example/notice.pdf:"
            " refused to fetch 'file:///etc/passwd'") in result.output
    assert not (out / "example" / "notice.pdf").exists()


# --- Where output goes -----------------------------------------------------------------------

@pytest.mark.parametrize(("files", "expected"), [
    ({"councils/Bad Name/council.yaml": COUNCIL_YAML},
     "councils/Bad Name: error: invalid-name: 'Bad Name' cannot be a council folder name: it "
     "becomes part of the output's web address, so use lower-case letters, digits and hyphens "
     "only: rename it 'bad-name'"),
    ({"councils/example/council.yaml": COUNCIL_YAML,
      "councils/example/Notice 2017.yaml": NOTICE},
     "councils/example/Notice 2017.yaml: error: invalid-name: 'Notice 2017.yaml' cannot be a "
     "document file name: it becomes part of the output's web address, so use lower-case "
     "letters, digits and hyphens only: rename it 'notice-2017.yaml'"),
    ({"councils/example/council.yaml": COUNCIL_YAML, "councils/example/..yaml": NOTICE},
     "councils/example/..yaml: error: invalid-name: '..yaml' cannot be a document file name: "
     "it becomes part of the output's web address, so use lower-case letters, digits and "
     "hyphens only"),
    ({"councils/café/council.yaml": COUNCIL_YAML},
     "councils/café: error: invalid-name: 'café' cannot be a council folder name: it becomes "
     "part of the output's web address, so use lower-case letters, digits and hyphens only: "
     "rename it 'caf'"),
])
def test_council_and_document_names_must_be_slugs(project, files: dict[str, str],
                                                  expected: str) -> None:
    code, output = validate(project(files))
    assert code == 1
    assert output.splitlines()[0] == expected


def test_a_badly_named_folder_does_not_stop_checking_another_council(project) -> None:
    root = project({"councils/Bad Name/council.yaml": COUNCIL_YAML,
                    "councils/example/council.yaml": COUNCIL_YAML,
                    "councils/example/notice.yaml": NOTICE})
    result = CliRunner().invoke(main, ["--project", str(root), "validate",
                                       str(root / "councils" / "example")])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("relative", [
    "../escape.html", "/etc/passwd", "a/../../escape.html", "a/b/../../../x", "", "a//b.html",
    "a\\..\\b.html", "a\x00b.html", " a.html", "-rf", "a/..", "..", ".", "a/./b",
    "council/\nname.html",
])
def test_the_writer_refuses_names_that_leave_or_confuse_the_output_folder(
        tmp_path: Path, relative: str) -> None:
    with pytest.raises(ProjectError):
        confined(tmp_path / "output", relative)


def test_the_writer_refuses_a_symbolic_link_out_of_the_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "output"
    out.mkdir()
    (out / "council").symlink_to(tmp_path)
    with pytest.raises(ProjectError):
        confined(out, "council/../../x.html")
    (out / "elsewhere").symlink_to("/tmp")
    with pytest.raises(ProjectError):
        confined(out, "elsewhere/x.html")


def test_ordinary_output_names_are_accepted(tmp_path: Path) -> None:
    out = tmp_path / "output"
    assert confined(out, "lambeth/scoping-2017.html") == (out / "lambeth" /
                                                          "scoping-2017.html").resolve()
    assert confined(out, ".pause-docs-manifest.json").name == ".pause-docs-manifest.json"


@pytest.mark.slow
def test_validate_of_bundled_project_still_passes_the_name_rules() -> None:
    result = subprocess.run([sys.executable, "-m", "pause_docs", "--project", str(REPO),
                             "validate"], capture_output=True, text=True)
    assert "invalid-name" not in result.stdout


# --- Citations: the cited words are linked in the text, never inside markup -------------------

CITED = "Section 10 of the Children Act 2004"
CITATION_PAYLOADS = [
    # the words first occur in a link's title: linking them there would break out of it
    f'See [the guidance](https://www.gov.uk/guidance "read {CITED} first"), then {CITED}.',
    f'<a href="https://www.gov.uk/x" title="{CITED}">guidance</a> and {CITED}',
    f"<abbr title='{CITED}'>s10</abbr> is {CITED}",
    # the words are already a link's text: no link inside a link
    f"[{CITED}](https://www.gov.uk/other) and {CITED} again",
    # the words only in an attribute: the link goes after the sentence instead
    f'[guidance](https://www.gov.uk/guidance "{CITED}")',
    f"`{CITED}` in code, then {CITED}",
]


@pytest.mark.parametrize("wording", CITATION_PAYLOADS)
def test_cited_words_are_linked_in_the_text_of_the_page_only(project, wording: str) -> None:
    root = project({
        "councils/example/council.yaml": COUNCIL_YAML,
        "councils/example/notice.yaml": NOTICE + (
            "legal_bases:\n  - provision: ca2004-s10\n"
            f"    cited_as: {CITED}\n    wording: '{wording.replace(chr(39), chr(39) * 2)}'\n"
            "sections:\n  - heading: The law\n    show: legal-bases\n"),
    })
    (doc,) = load_project(root).documents
    html = render_html(doc)
    law = "https://www.legislation.gov.uk/ukpga/2004/31/section/10"
    elements = Elements(html).found
    for tag, attrs in elements:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "<" not in "".join(str(v) for v in attrs.values()), (tag, attrs)
        if "href" in attrs:
            assert str(attrs["href"]).lower().startswith(SAFE_SCHEMES), attrs
    assert sum(attrs.get("href") == law for _, attrs in elements) == 1, html
    assert f'<a href="{law}">{CITED}</a>' in html


def test_a_registry_address_that_would_carry_script_is_refused(project) -> None:
    root = project()
    path = root / "legal_bases" / "children-act-2004.yaml"  # the project's copy, over the package's
    path.parent.mkdir()
    shutil.copy(REPO / "pause_docs" / "legal_bases" / path.name, path)
    good = "https://www.legislation.gov.uk/ukpga/2004/31/section/10\n"
    text = path.read_text(encoding="utf-8")
    assert good in text
    for hostile in ("https://www.legislation.gov.uk/ukpga/2004/31/section/10/"
                    "onmouseover=alert(1)//",
                    "https://www.legislation.gov.uk/ukpga/2004/31/section/10'onclick='x",
                    "https://www.legislation.gov.uk/ukpga/2004/31/section//10"):
        path.write_text(text.replace(good, hostile + "\n"), encoding="utf-8")
        code, output = validate(root)
        assert code == 1
        assert ("error: registry-url-mismatch: the address of 'ca2004-s10' is not a plain "
                "legislation.gov.uk address: after ukpga/2004/31 it should have only letters, "
                "digits and hyphens between slashes") in output, output
