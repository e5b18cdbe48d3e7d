"""The citation recogniser: every way the issue lists of writing a reference resolves to the
registry; and the line and column of words inside YAML values of every style."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO

from pause_docs.check.lint.addresses import find_addresses
from pause_docs.check.lint.citations import read_in_order, recognise
from pause_docs.check.lint.spans import words_location
from pause_docs.source.errors import Location
from pause_docs.source.loader import parse_yaml
from pause_docs.source.registry import Registry, load_registry


@pytest.fixture(scope="module")
def registry() -> Registry:
    loaded, problems = load_registry(REPO)
    assert problems == []
    return loaded


def cited(text: str, registry: Registry) -> list[tuple[str, tuple[str, ...]]]:
    return [(c.words, c.provisions) for c in recognise(text, registry)]


@pytest.mark.parametrize(("text", "words", "provisions"), [
    ("Section 2 (5) of the Local Government Act 2000 in order to",
     "Section 2 (5) of the Local Government Act 2000", ("lga2000-s2",)),
    ("under section 2(5) of the Local Government Act 2000.",
     "section 2(5) of the Local Government Act 2000", ("lga2000-s2",)),
    ("s.2 (5) LGA 2000", "s.2 (5) LGA 2000", ("lga2000-s2",)),
    ("the Children Act 2004, s 10", "Children Act 2004, s 10", ("ca2004-s10",)),
    ("(DPA 2018 Sch 1 para 18)", "DPA 2018 Sch 1 para 18", ("dpa2018-sch1-p18",)),
    ("Schedule 1, paragraph 18 of the Data Protection Act 2018",
     "Schedule 1, paragraph 18 of the Data Protection Act 2018", ("dpa2018-sch1-p18",)),
    ("Part 2 of Schedule 1 to the DPA 2018", "Part 2 of Schedule 1 to the DPA 2018",
     ("dpa2018-sch1-pt2",)),
    ("under Article 6(1)(e).", "Article 6(1)(e)", ("ukgdpr-art6-1-e",)),
    ("Art. 6.1 e of the UK GDPR", "Art. 6.1 e of the UK GDPR", ("ukgdpr-art6-1-e",)),
    ("Article 9.2 h applies", "Article 9.2 h", ("ukgdpr-art9-2-h",)),
    ("relying on Art 14(5)(b)", "Art 14(5)(b)", ("ukgdpr-art14-5-b",)),
    ("rights under Article 22 of the UK GDPR", "Article 22 of the UK GDPR", ("ukgdpr-art22",)),
    ("under Arts 22A to 22D", "Arts 22A to 22D", ("ukgdpr-art22a-22d",)),
    ("Schedules 2 and 3 of the Data Protection Act 1998.",
     "Schedules 2 and 3 of the Data Protection Act 1998", ("dpa1998-sch2", "dpa1998-sch3")),
    ("Data Protection Act 2018, section 10(3) and Schedule 1, paragraph 18",
     "Data Protection Act 2018, section 10(3) and Schedule 1, paragraph 18",
     ("dpa2018-s10-3", "dpa2018-sch1-p18")),
    ("In accordance with s10(5) of the Data Protection Act 2018, we",
     "s10(5) of the Data Protection Act 2018", ("dpa2018-s10-5",)),
    ("Digital Economy Act 2017, Part 5, Chapter 1", "Digital Economy Act 2017, Part 5, "
     "Chapter 1", ("dea2017-p5-c1",)),
    ("Our lawful basis is public task.", "public task", ("ukgdpr-art6-1-e",)),
    ("we rely on legitimate interests", "legitimate interests", ("ukgdpr-art6-1-f",)),
    ("Our lawful basis is your consent.", "consent", ("ukgdpr-art6-1-a",)),
    ("section 10 of the Children\u2019s Act 2004", "section 10 of the Children\u2019s Act 2004",
     ("ca2004-s10",)),
])
def test_each_written_form_resolves_to_its_provision(registry: Registry, text: str, words: str,
                                                      provisions: tuple[str, ...]) -> None:
    assert cited(text, registry) == [(words, provisions)]


def test_spans_are_where_the_words_are(registry: Registry) -> None:
    text = "The basis is Schedules 2 and 3 of the Data Protection Act 1998."
    (citation,) = recognise(text, registry)
    assert text[citation.start:citation.end] == citation.words
    assert text[slice(*citation.name_span)] == "Data Protection Act 1998"


@pytest.mark.parametrize(("text", "kind", "name"), [
    ("Section 10 of the Children's Act 2004", "law", "misnomer"),
    ("The Children and Families Act 2017 says", "nonexistent", "nonexistent"),
    ("in accordance with GDPR; and", "law", "former"),
    ("the Troubled Families programme", "body", "body"),
])
def test_names_say_what_kind_of_name_they_are(registry: Registry, text: str, kind: str,
                                              name: str) -> None:
    (citation,) = recognise(text, registry)
    assert (citation.kind, citation.name.kind if citation.name else None) == (kind, name)


@pytest.mark.parametrize("text", [
    "We consent to nothing; without your consent we share nothing.",  # not a lawful basis
    "supporting families through the winter",  # lower case: an activity, not the programme
    "the Children Acts and other law",  # which Act is not said
    "aged 5 to 10, as 2 years",
])
def test_ordinary_words_are_not_citations(registry: Registry, text: str) -> None:
    assert [c for c in recognise(text, registry) if c.provisions] == []


def test_the_conventions_article_8_is_the_human_rights_acts_not_the_uk_gdprs(
        registry: Registry) -> None:
    [found] = [c for c in recognise("Article 8 of the ECHR protects private life", registry)
               if c.provisions]
    assert found.instrument == "hra1998" and not any("gdpr" in p for p in found.provisions)


def test_a_range_cites_where_it_starts(registry: Registry) -> None:
    assert cited("Articles 15 to 22 of the UK GDPR give you rights", registry) == [
        ("Articles 15 to 22 of the UK GDPR", ("ukgdpr",))]
    assert cited("Arts 22A-22D", registry) == [("Arts 22A-22D", ("ukgdpr-art22a-22d",))]


@pytest.mark.parametrize("text", [
    "We do not rely on legitimate interests.",
    "Legitimate interests cannot be used by a council.",
    "the Data Protection Act 2018, which replaced the Data Protection Act 1998",
    "the Information Commission (formerly the ICO)",
])
def test_law_said_not_to_be_relied_on_is_marked(registry: Registry, text: str) -> None:
    assert recognise(text, registry)[-1].historical


def test_a_lettered_point_is_the_point_of_the_article_cited_just_before(
        registry: Registry) -> None:
    texts = ["Additional condition under Article 9(2) GDPR", "Data may be processed if:",
             "(g) processing is necessary for reasons of substantial public interest",
             "(E) Public task: the processing is necessary"]
    found = read_in_order(texts, registry)
    assert [(c.words, c.provisions) for c in found[2]] == [("(g)", ("ukgdpr-art9-2-g",))]
    # Art 9(2) has no point (e), and Article 6 was not cited: only the words name a basis.
    assert [(c.words, c.provisions) for c in found[3]] == [("Public task", ("ukgdpr-art6-1-e",))]
    basis = read_in_order(["Lawful basis under Article 6 GDPR", "(E) Public task: ..."],
                          registry)
    assert [(c.words, c.provisions) for c in basis[1]] == [
        ("(E)", ("ukgdpr-art6-1-e",)), ("Public task", ("ukgdpr-art6-1-e",))]


def test_bases_listed_together_are_not_the_ones_relied_on(registry: Registry) -> None:
    texts = ["The lawful bases are:", "(a) Consent", "(b) Contract", "(e) Public task",
             "(f) Legitimate interests", "We rely on public task."]
    found = read_in_order(texts, registry)
    assert all(c.historical for citations in found[:5] for c in citations)
    assert [c.historical for c in found[5]] == [False]


def test_a_registry_entry_a_council_adds_is_recognised(project) -> None:
    root = project({"legal_bases/housing-act-1996.yaml": """\
instrument:
  id: ha1996
  title: Housing Act 1996
  type: ukpga
  year: 1996
  number: 52
  url: https://www.legislation.gov.uk/ukpga/1996/52/contents
  aliases: [HA 1996]
  evidence: P
provisions:
  - id: ha1996-s213
    instrument: ha1996
    citation: Housing Act 1996, s.213
    title: Co-operation in relation to homeless persons
    url: https://www.legislation.gov.uk/ukpga/1996/52/section/213
    kind: statutory-duty
    summary: Co-operation between housing authorities.
    evidence: P
"""})
    registry, problems = load_registry(Path(root))
    assert problems == []
    assert cited("We co-operate under s.213(1) of the HA 1996.", registry) == [
        ("s.213(1) of the HA 1996", ("ha1996-s213",))]


# --- words inside YAML values ----------------------------------------------------------------

YAML = """\
folded: >-
  Section 10 of the
  Children's Act 2004 and more
literal: |
  line one
    Children's Act 2004 here
double: "say \\"hi\\" to the\\n Children's Act 2004 now"
single: 'it''s the Children''s Act 2004'
plain: plain text running
  over Children's Act 2004 lines
variable: "{{ council.name }} and the Children's Act 2004"
"""


@pytest.mark.parametrize(("key", "line", "column"), [
    ("folded", 3, 3), ("literal", 6, 5), ("double", 7, 30), ("single", 8, 20),
    ("plain", 10, 8), ("variable", 11, 39)])
def test_words_are_located_inside_every_style_of_value(key: str, line: int,
                                                       column: int) -> None:
    source, problems = parse_yaml(YAML, "t.yaml")
    assert source is not None and problems == []
    value = source.data[key].replace("{{ council.name }}", "Northshire Borough Council")
    start = value.index("Children's")
    assert words_location(YAML, source.values[(key,)], value, start, start + 19) == \
        Location("t.yaml", line, column)


def test_words_a_variable_filled_in_are_at_the_variable() -> None:
    source, _ = parse_yaml(YAML, "t.yaml")
    assert source is not None
    value = source.data["variable"].replace("{{ council.name }}", "Northshire Borough Council")
    start = value.index("Borough")
    assert words_location(YAML, source.values[("variable",)], value, start, start + 7) == \
        Location("t.yaml", 11, 12)


def test_words_not_in_the_value_stay_at_the_value() -> None:
    source, _ = parse_yaml(YAML, "t.yaml")
    assert source is not None
    where = source.values[("plain",)]
    assert words_location(YAML, where, "something else entirely", 4, 8) == where


@pytest.mark.parametrize(("text", "addresses"), [
    ("Erthygl 9(2)(g) a (h)", [(("art", "9", "2", "g"), ("art", "9", "2", "h"))]),
    ("Atodlen 1, Rhan 2, paragraff 6", [(("sch", "1", "para", "6"),)]),
    ("Rhan 2 o Atodlen 1", [(("sch", "1", "part", "2"),)]),
    ("o baragraff 18 ym mharagraff 5", [(("para", "18"),), (("para", "5"),)]),
    ("adrannau 10, 11 neu 12", [(("s", "10"), ("s", "11"), ("s", "12"))]),
    ("Erthyglau 15 i 22", [(("art", "15"),)]),  # a range cites where it starts
    ("o reoliad 5", [(("reg", "5"),)]),
    # not addresses: 'o ran' (as regards), an article in a newspaper, a year
    ("o ran 2 o'r plant", []),
    ("yr erthygl yn y papur newydd", []),
    ("mewn erthygl 2019", []),
])
def test_welsh_addresses_are_read_with_their_mutations(
        text: str, addresses: list[tuple[tuple[str, ...], ...]]) -> None:
    assert [w.addresses for w in find_addresses(text)] == addresses
