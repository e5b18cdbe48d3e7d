"""The legal registry checks itself: addresses, cross-references, duplicates; and it is complete."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO

from pause_docs.cli import main
from pause_docs.source.models import Instrument
from pause_docs.source.registry import load_registry, url_mismatch

REQUIRED_IDS = (
    "ukgdpr", "ukgdpr-art6-1-a", "ukgdpr-art6-1-b", "ukgdpr-art6-1-c", "ukgdpr-art6-1-d",
    "ukgdpr-art6-1-e", "ukgdpr-art6-1-f", "ukgdpr-art6-1-ea", "ukgdpr-art9-2-a", "ukgdpr-art9-2-b",
    "ukgdpr-art9-2-c", "ukgdpr-art9-2-d", "ukgdpr-art9-2-e", "ukgdpr-art9-2-f", "ukgdpr-art9-2-g",
    "ukgdpr-art9-2-h", "ukgdpr-art9-2-i", "ukgdpr-art9-2-j", "ukgdpr-art10", "ukgdpr-art13",
    "ukgdpr-art14", "ukgdpr-art35", "dpa2018", "dpa2018-s10-2", "dpa2018-s10-3", "dpa2018-s10-5",
    "dpa2018-sch1-p1", "dpa2018-sch1-p2", "dpa2018-sch1-p6", "dpa2018-sch1-p8", "dpa2018-sch1-p10",
    "dpa2018-sch1-p18", "dpa2018-s164a", "dpa2018-s165", "dpa1998", "dpa1998-sch2", "dpa1998-sch3",
    "duaa2025", "ca1989", "ca1989-s17", "ca1989-s47", "ca2004", "ca2004-s10", "ca2004-s11",
    "csa2017", "cfa2014", "childcare2006", "cda1998", "cda1998-s17", "cda1998-s115", "ea2002",
    "ea2002-s175", "wra2012", "wra2012-s131", "iaa1999", "iaa1999-s20", "lga2000", "lga2000-s2",
    "localism2011", "localism2011-s1", "lgew2021", "lgew2021-s24", "clca2000", "cja2003",
    "cja2003-s325", "dea2017", "dea2017-p5-c1", "dea2017-s35", "si2018-912", "hra1998",
    "hra1998-s6", "eqa2010", "eqa2010-s149", "wtsc-2018", "wtsc-2023",
)


def validate(root: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--project", str(root), "validate"])
    return result.exit_code, result.output


HOUSING = """\
instrument:
  id: ha1996
  title: Housing Act 1996
  type: ukpga
  year: 1996
  number: 52
  url: https://www.legislation.gov.uk/ukpga/1996/52/contents
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
"""
HOUSING_FILE = "legal_bases/housing-act-1996.yaml"


def own_entry(old: str, new: str) -> dict[str, str]:
    """A project's own registry file (the Housing Act 1996) with `old` changed to `new`."""
    assert old in HOUSING, old
    return {HOUSING_FILE: HOUSING.replace(old, new)}


def copied(name: str, old: str, new: str) -> dict[str, str]:
    """The package's registry file `name` copied into the project, with `old` changed."""
    text = (REPO / "pause_docs" / "legal_bases" / name).read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    return {f"legal_bases/{name}": text.replace(old, new)}


def test_bundled_registry_loads_clean_and_holds_every_required_id() -> None:
    registry, problems = load_registry(REPO)
    assert problems == []
    assert len(registry.provisions) >= 45
    assert [i for i in REQUIRED_IDS if i not in registry.provisions] == []
    whole_acts = [p for p in registry.provisions.values() if p.id in registry.instruments]
    assert all(p.kind in ("act", "guidance") and p.instrument == p.id for p in whole_acts)


def test_bundled_registry_holds_the_nonexistent_titles_bodies_and_domains() -> None:
    registry, _ = load_registry(REPO)
    assert set(registry.nonexistent) == {
        "Children and Families Act 2017", "Data Protection Act 2017",
        "Digital Economy Act 2018", "Localism Act 2012", "Human Rights Act 1988"}
    assert "DPA 2017" in registry.nonexistent["Data Protection Act 2017"].spellings
    assert registry.nonexistent["Children and Families Act 2017"].suggest == (
        "cfa2014", "csa2017")
    assert set(registry.retired_domains) == {
        "gsi.gov.uk", "gsx.gov.uk", "gcsx.gov.uk", "gse.gov.uk"}
    assert {b.kind for b in registry.bodies.values()} == {"regulator", "department", "programme"}


def test_a_body_is_named_as_it_was_on_the_day() -> None:
    registry, _ = load_registry(REPO)
    department = registry.bodies["dept-mhclg"]
    names = [department.name_on(dt.date(*day)).short
             for day in ((2017, 2, 1), (2019, 1, 1), (2022, 1, 1), (2024, 7, 8))]
    assert names == ["DCLG", "MHCLG", "DLUHC", "MHCLG"]
    programme = registry.bodies["programme-families"]
    assert programme.name_on(dt.date(2021, 3, 28)).name == "Troubled Families"
    assert programme.name_on(dt.date(2021, 3, 29)).name == "Supporting Families"
    assert "TF" in programme.names[0].spellings
    regulator = registry.bodies["regulator"]
    assert regulator.name_on(dt.date(2026, 9, 30)).name == "Information Commission"


def test_a_provision_address_for_another_act_is_a_located_error(project) -> None:
    root = project(own_entry("ukpga/1996/52/section/213", "ukpga/1996/53/section/213"))
    code, output = validate(root)
    assert code == 1
    assert output == (
        "legal_bases/housing-act-1996.yaml:14:10: error: registry-url-mismatch: the "
        "address of 'ha1996-s213' points at ukpga/1996/53, but Housing Act 1996 is "
        "ukpga/1996/52: the address should start https://www.legislation.gov.uk/ukpga/1996/52/\n"
        "1 error\n"
    )


def test_an_instrument_address_off_legislation_gov_uk_is_an_error(project) -> None:
    root = project(own_entry("www.legislation.gov.uk/ukpga/1996/52/contents",
                             "www.gov.uk/ukpga/1996/52/contents"))
    code, output = validate(root)
    assert code == 1
    assert output == (
        "legal_bases/housing-act-1996.yaml:7:8: error: registry-url-mismatch: the address of "
        "'ha1996' is not a legislation.gov.uk address; Housing Act 1996 is at "
        "https://www.legislation.gov.uk/ukpga/1996/52\n"
        "1 error\n"
    )


def test_addresses_that_match_pass_and_guidance_is_exempt() -> None:
    act = Instrument(id="wra2012", title="Welfare Reform Act 2012", type="ukpga", year=2012,
                     number=5, url="https://www.legislation.gov.uk/ukpga/2012/5/contents")
    for url in ("https://www.legislation.gov.uk/ukpga/2012/5/section/131",
                "https://legislation.gov.uk/id/ukpga/2012/5",
                "https://www.legislation.gov.uk/cy/ukpga/2012/5/section/131?view=plain"):
        assert url_mismatch(url, act) is None
    assert url_mismatch("https://www.legislation.gov.uk/ukpga/2012/51/section/1", act)
    guidance = Instrument(id="wtsc-2023", title="Working Together", type="guidance",
                          year=2023, url="https://www.gov.uk/government/publications/x")
    assert url_mismatch(guidance.url, guidance) is None


def test_superseded_by_must_name_a_known_provision(project) -> None:
    root = project(own_entry("    kind: statutory-duty\n",
                             "    kind: statutory-duty\n    superseded_by: [wtsc-2024]\n"))
    code, output = validate(root)
    assert code == 1
    assert output == (
        "legal_bases/housing-act-1996.yaml:16:21: error: unknown-provision: provision "
        "'ha1996-s213' is superseded by unknown provision 'wtsc-2024' (did you mean "
        "'wtsc-2023'?)\n"
        "1 error\n"
    )


def test_a_nonexistent_title_must_suggest_known_ids(project) -> None:
    root = project(copied("nonexistent.yaml", "suggest: [dea2017]", "suggest: [dea2071]"))
    code, output = validate(root)
    assert code == 1
    assert output == (
        "legal_bases/nonexistent.yaml:22:15: error: unknown-suggestion: 'Digital Economy Act "
        "2018' suggests 'dea2071', which is neither an instrument nor a provision in the "
        "registry (did you mean 'dea2017'?)\n"
        "1 error\n"
    )


def test_duplicate_ids_titles_and_domains_in_a_project_are_errors(project) -> None:
    entries = ("nonexistent:\n"
               "  - title: Local Act 2099\n"
               "    suggest: [localism2011]\n"
               "    note: Again.\n"
               "    evidence: S\n"
               "retired_domains:\n"
               "  - domain: old.example.gov.uk\n"
               "    retired_on: 2019-03-31\n"
               "    evidence: S\n")
    root = project({"legal_bases/zz-extra.yaml": entries, "legal_bases/zz-more.yaml": entries})
    code, output = validate(root)
    assert code == 1
    assert output == (
        "legal_bases/zz-more.yaml:2:12: error: duplicate-id: 'Local Act 2099' is already "
        "defined at legal_bases/zz-extra.yaml:2:12\n"
        "legal_bases/zz-more.yaml:7:13: error: duplicate-id: 'old.example.gov.uk' is already "
        "defined at legal_bases/zz-extra.yaml:7:13\n"
        "2 errors\n"
    )


def test_a_project_entry_adds_to_or_corrects_the_packages_wording(project) -> None:
    root = project({HOUSING_FILE: HOUSING, **copied(
        "welfare-reform-act-2012.yaml", "Lets the Department for Work and Pensions",
        "Lets the DWP")})
    registry, problems = load_registry(root)
    assert problems == []
    assert "ha1996-s213" in registry.provisions
    assert registry.provisions["wra2012-s131"].summary.startswith("Lets the DWP and councils")
    assert str(registry.defined_at["provisions:wra2012-s131"]).startswith(
        "legal_bases/welfare-reform-act-2012.yaml:22:")


def test_a_project_entry_contradicting_the_packages_address_or_status_is_an_error(
        project) -> None:
    root = project({**copied("welfare-reform-act-2012.yaml", "ukpga/2012/5/section/131",
                             "ukpga/2012/5/section/132"),
                    **copied("working-together-2018.yaml", "superseded_by: [wtsc-2023]",
                             "superseded_by: []")})
    code, output = validate(root)
    assert code == 1
    lines = output.splitlines()
    assert lines[0].startswith(
        "legal_bases/welfare-reform-act-2012.yaml:22:9: error: contradicts-package: "
        "'wra2012-s131' is in the legal registry the tool ships (see: pause-docs law "
        "wra2012-s131) with a different url: ")
    assert "working-together-2018.yaml" in lines[1] and "different superseded_by" in lines[1]
    assert lines[-1] == "2 errors"


@pytest.mark.slow
def test_a_retired_domain_must_be_a_domain(project) -> None:
    root = project({"legal_bases/zz-extra.yaml": (
        "retired_domains:\n"
        "  - domain: '@gsi'\n"
        "    retired_on: 2019-03-31\n"
        "    evidence: S\n"
    )})
    code, output = validate(root)
    assert code == 1
    assert "legal_bases/zz-extra.yaml:2:13: error:" in output
