"""Finding the law by plain words (`pause-docs law`, the editor's picker): the provision
named comes first, each entry carries its status for the nation on the day, an entry wrong
for the council is shown as such, and the JSON is stable."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pause_docs.catalogue.law import LawSearch, search_law, status_of
from pause_docs.catalogue.words import words
from pause_docs.cli import main
from pause_docs.source.registry import Registry, load_registry

DAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Registry:
    found, problems = load_registry(tmp_path_factory.mktemp("empty"))
    assert [p for p in problems if p.severity == "error"] == []
    return found


def ids(found: LawSearch) -> list[str]:
    return [r.id for r in found.results]


@pytest.mark.parametrize(("query", "first"), [
    ("children act 2004 section 10", "ca2004-s10"),
    ("Children Act 2004, s.10", "ca2004-s10"),
    ("children act 2004 s10", "ca2004-s10"),
    ("ca2004-s10", "ca2004-s10"),
    ("public task", "ukgdpr-art6-1-e"),
    ("art 6(1)(e)", "ukgdpr-art6-1-e"),
    ("article 6 1 e", "ukgdpr-art6-1-e"),
    ("UK GDPR Art 9(2)(h)", "ukgdpr-art9-2-h"),
    ("Erthygl 6(1)(e)", "ukgdpr-art6-1-e"),  # the Welsh citation
    ("local government act 2000 section 2", "lga2000-s2"),
    ("data protection act 1998", "dpa1998"),
])
def test_the_provision_named_comes_first(registry: Registry, query: str, first: str) -> None:
    found = search_law(registry, query, as_of=DAY)
    assert found.complete and ids(found)[0] == first, ids(found)[:5]


def test_the_act_and_its_other_sections_come_after_the_section_asked_for(
        registry: Registry) -> None:
    found = ids(search_law(registry, "children act 2004 section 10", as_of=DAY))
    assert found[0] == "ca2004-s10"
    assert "ca2004-s11" not in found  # s.11 is not s.10: not every word matches
    assert "ca2004" in found  # the Act as a whole mentions s.10 in its summary


def test_plain_words_find_the_conditions_they_describe(registry: Registry) -> None:
    found = ids(search_law(registry, "health social care", as_of=DAY))
    assert set(found[:2]) == {"ukgdpr-art9-2-h", "dpa2018-sch1-p2"}


def test_section_s_dot_and_s_are_the_same_words() -> None:
    assert words("section 10") == words("s.10") == words("s10") == ("s", "10")
    assert words("Art 6(1)(e)") == words("article 6 1 e") == ("art", "6", "1", "e")
    assert words("Children's Act") == ("childrens", "act")


def test_an_entry_wrong_for_the_nation_is_shown_with_why(registry: Registry) -> None:
    """s.10 extends to England only: a Welsh council sees it, marked, not a blank list."""
    found = search_law(registry, "children act 2004 section 10", "wales", DAY)
    first = found.results[0]
    assert (first.id, first.status, first.usable) == ("ca2004-s10", "outside-extent", False)
    assert search_law(registry, "ca2004-s10", "england", DAY).results[0].status == "in-force"


def test_status_follows_the_nation_and_the_day(registry: Registry) -> None:
    power = registry.provisions["lga2000-s2"]
    assert status_of(power, "england", dt.date(2012, 4, 3))[0] == "in-force"
    assert status_of(power, "england", dt.date(2012, 4, 4))[:2] == (
        "disapplied", dt.date(2012, 4, 4))
    assert status_of(power, "wales", dt.date(2020, 1, 1))[0] == "in-force"
    assert status_of(power, "wales", DAY)[0] == "disapplied"
    assert status_of(power, "scotland", DAY)[0] == "outside-extent"
    assert status_of(power, None, dt.date(2015, 1, 1))[0] == "in-force"  # still in Wales
    assert status_of(power, None, DAY)[0] == "disapplied"  # in both nations it extends to
    act = registry.provisions["dpa1998"]
    assert status_of(act, "england", dt.date(2018, 5, 24))[0] == "in-force"
    assert status_of(act, "england", dt.date(2018, 5, 25))[0] == "repealed"
    assert status_of(act, "england", dt.date(1999, 1, 1))[:2] == (
        "not-yet-in-force", dt.date(2000, 3, 1))


def test_a_repealed_act_names_what_to_cite_instead(registry: Registry) -> None:
    first = search_law(registry, "data protection act 1998", "england", DAY).results[0]
    assert (first.status, first.since, first.cite_instead) == (
        "repealed", dt.date(2018, 5, 25), ("ukgdpr", "dpa2018"))
    assert first.by is not None and first.by.startswith("Data Protection Act 2018")


def test_no_words_list_every_provision_and_words_matching_nothing_list_none(
        registry: Registry) -> None:
    assert ids(search_law(registry, "", as_of=DAY)) == sorted(registry.provisions)
    assert ids(search_law(registry, "xyzzy plugh", as_of=DAY)) == []


def test_when_no_entry_has_every_word_the_nearest_are_given(registry: Registry) -> None:
    found = search_law(registry, "children act 2004 section 99", as_of=DAY)
    assert not found.complete and ids(found)[:1] and "ca2004-s10" in ids(found)


@pytest.mark.slow  # loads the registry again (a command)
def test_a_project_entry_is_found_too(tmp_path: Path) -> None:
    (tmp_path / "legal_bases").mkdir()
    (tmp_path / "legal_bases" / "ours.yaml").write_text(
        "provisions:\n  - id: ca2004-s12\n    instrument: ca2004\n"
        "    citation: Children Act 2004, s.12\n    title: Information databases\n"
        "    url: https://www.legislation.gov.uk/ukpga/2004/31/section/12\n"
        "    kind: statutory-power\n    summary: Databases of information about children.\n"
        "    evidence: P\n", encoding="utf-8")
    registry, problems = load_registry(tmp_path)
    assert problems == []
    assert ids(search_law(registry, "children act 2004 section 12", as_of=DAY))[0] == \
        "ca2004-s12"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["law", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.slow  # loads the registry again (a command)
def test_the_command_lists_entries_with_status(tmp_path: Path) -> None:
    code, out, err = run("children", "act", "2004", "section", "10", "--nation", "wales",
                         "--as-of", "2026-12-01")
    assert code == 0
    assert out.splitlines()[:3] == [
        "ca2004-s10: Children Act 2004, s.10 (Co-operation to improve well-being)",
        "    https://www.legislation.gov.uk/ukpga/2004/31/section/10",
        "    not for Wales: extends to England only"]
    assert err.strip().endswith("match 'children act 2004 section 10' (as of 2026-12-01, "
                                "judged for wales)")


@pytest.mark.slow  # loads the registry again (a command)
def test_the_command_says_when_law_was_repealed_and_what_to_cite() -> None:
    code, out, _ = run("data protection act 1998", "--nation", "england", "--as-of",
                       "2026-12-01")
    assert code == 0
    assert out.splitlines()[2] == (
        "    repealed in England on 25 May 2018 by Data Protection Act 2018, s.211 and Sch 19 "
        "para 44 (SI 2018/625); cite instead: ukgdpr, dpa2018")


@pytest.mark.slow  # loads the registry again (a command)
def test_nothing_found_exits_1_with_a_sentence() -> None:
    code, out, err = run("xyzzy")
    assert (code, out) == (1, "")
    assert "no entry of the legal registry matches 'xyzzy'" in err


@pytest.mark.slow  # loads the registry again (a command)
def test_json_is_stable_and_complete() -> None:
    args = ("children act", "--format", "json", "--as-of", "2026-12-01", "--nation", "wales")
    first, second = run(*args), run(*args)
    assert first == second and first[0] == 0
    data = json.loads(first[1])
    assert list(data) == ["query", "nation", "as_of", "complete", "results"]
    entry = next(r for r in data["results"] if r["id"] == "ca2004-s10")
    assert entry == {
        "id": "ca2004-s10", "citation": "Children Act 2004, s.10",
        "title": "Co-operation to improve well-being", "welsh": None,
        "url": "https://www.legislation.gov.uk/ukpga/2004/31/section/10",
        "kind": "statutory-duty", "instrument": "Children Act 2004", "nations": ["england"],
        "status": "outside-extent", "usable": False, "since": None, "by": None,
        "cite_instead": [], "changes": [],
        "summary": "Each local authority in England must make arrangements with its partners "
                   "to co-operate to improve the well-being of children in its area."}
    assert all(list(r) == list(entry) for r in data["results"])


@pytest.mark.slow  # a command
def test_without_a_nation_each_nations_change_is_listed() -> None:
    code, out, _ = run("lga2000-s2", "--as-of", "2026-12-01")
    assert code == 0
    assert out.splitlines()[2:5] == [
        "    disapplied wherever it extends (England and Wales); cite instead: "
        "localism2011-s1, lgew2021-s24",
        "    disapplied in England on 4 April 2012 by Localism Act 2011, s.1(7) and Sch 1 "
        "(SI 2012/1008)",
        "    disapplied in Wales on 1 November 2021 by Local Government and Elections (Wales) "
        "Act 2021, s.24 and Sch 3"]


@pytest.mark.slow  # a command
def test_a_council_gives_its_nation(project: Any) -> None:
    root = project(councils=("glanyrafon",))
    result = CliRunner().invoke(main, ["--project", str(root), "law", "ca2004-s10",
                                       "--council", "glanyrafon", "--format", "json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert (found["nation"], found["results"][0]["status"]) == ("wales", "outside-extent")
    wrong = CliRunner().invoke(main, ["--project", str(root), "law", "x", "--council", "nowhere"])
    assert wrong.exit_code == 2 and "no council 'nowhere'" in wrong.output
