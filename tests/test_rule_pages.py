"""The rules travel with the tool: `pause-docs serve` links each problem's code to its rule
explained (`/_rules/<code>`, real HTTP on a real server, as tests/test_serve.py runs it), and
`pause-docs show rule` prints the same on the command line, for a council that installed the
tool and has no docs/ folder."""

from __future__ import annotations

import html
import re

from accessibility import Browser
from click.testing import CliRunner
from test_serve import Served, chrome, no_violations, served, visit

from pause_docs.check.explained import parts
from pause_docs.check.rules import rules
from pause_docs.cli import main

__all__ = ["chrome", "served"]  # the preview's fixtures: a browser, a served project
CODE_LINK = re.compile(r'<a class="pd-code" href="(/_rules/[a-z0-9-]+)">([a-z0-9-]+)<')


def test_a_problem_links_its_code_to_the_rule_with_its_fix_and_law(served: Served) -> None:
    page = served.text("/lambeth/scoping-2017.html")
    links = dict((code, href) for href, code in CODE_LINK.findall(page))
    assert links["misnamed-instrument"] == "/_rules/misnamed-instrument"
    rule = rules()["repealed-since-published"]
    shown = html.unescape(served.text(links[rule.code]))
    assert '<html lang="en-GB">' in shown and "<main" in shown
    assert "<h2" in shown and shown.count("<h1") == 1
    for part in parts(rule):  # every part, in the docs site's order
        assert f">{part.heading}</h2>" in shown
    headings = re.findall(r">([^<>]+)</h2>", shown)
    assert headings == [p.heading for p in parts(rule)]
    assert " ".join(rule.fix.split()) in shown
    assert f'<a class="pd-law" href="{rule.law}">' in shown


def test_the_index_of_rules_lists_every_code_by_family(served: Served) -> None:
    shown = served.text("/_rules/")
    assert [code for _, code in CODE_LINK.findall(shown)] == list(rules())
    families = {r.family for r in rules().values()}
    assert len(re.findall(r"<h2 ", shown)) == len(families)
    assert served.text("/_rules") == shown


def test_an_unknown_code_is_a_404_page_naming_the_nearest_rule(served: Served) -> None:
    status, headers, body = served.get("/_rules/misnamed-instrumnet")
    text = html.unescape(body.decode())
    assert status == 404 and headers["content-type"].startswith("text/html")
    assert "No rule called misnamed-instrumnet" in text
    assert "did you mean 'misnamed-instrument'?" in text
    assert 'href="/_rules/"' in text and "Traceback" not in text
    status, _, body = served.get("/_rules/%3Cb%3Ebold")
    assert status == 404 and b"<b>bold" not in body


def test_show_rule_prints_the_rule_and_lists_the_codes() -> None:
    runner = CliRunner()
    listed = runner.invoke(main, ["show", "rule"])
    assert listed.exit_code == 0
    assert [line.split()[0] for line in listed.output.splitlines()] == list(rules())
    rule = rules()["disapplied-when-published"]
    shown = runner.invoke(main, ["show", "rule", rule.code])
    assert shown.exit_code == 0
    lines = shown.output.splitlines()
    assert lines[0] == rule.code
    assert [line for line in lines if line in {p.heading for p in parts(rule)}] == [
        p.heading for p in parts(rule)]
    assert f"  The law: {rule.law}" in lines
    assert "  For an English council, in a notice published on 1 June 2019:" in lines
    assert f"  {rule.fix}" in lines


def test_show_rule_with_a_wrong_code_names_the_nearest_and_exits_2() -> None:
    result = CliRunner().invoke(main, ["show", "rule", "repealed-when-publishd"])
    assert result.exit_code == 2
    assert result.output == ("Error: no rule called 'repealed-when-publishd' (did you mean "
                             "'repealed-when-published'?): 'pause-docs show rule' lists them "
                             "all\n")



def test_the_editors_summary_links_each_finding_to_its_rule(served: Served) -> None:
    page = served.text("/_edit/lambeth/scoping-2017")
    linked = re.findall(r'<a class="ed-rule" href="(/_rules/[a-z0-9-]+)">', page)
    assert "/_rules/misnamed-instrument" in linked
    assert all(served.get(href)[0] == 200 for href in set(linked))


def test_the_rule_pages_pass_axe_core_wide_and_narrow(chrome: Browser, served: Served) -> None:
    for width in (1280, 320):
        for page in ("_rules/disapplied-since-published", "_rules/"):
            visit(chrome, served.url + page, width)
            no_violations(chrome)
            wide = chrome.run("const root = document.documentElement;"
                              "return root.scrollWidth > root.clientWidth")
            assert not wide, (page, width)  # nothing makes the reader scroll sideways
