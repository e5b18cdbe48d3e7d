"""Suggested risks: the registry offers one or two for each DPIA criterion, with their source;
lint's fix for a met criterion without a risk quotes them as YAML to paste, and the pasted
risks, once a person judges them, satisfy it."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner
from conftest import REPO
from test_registry import copied

from pause_docs.cli import main
from pause_docs.source.registry import load_registry

DPIA = "councils/oxfordshire/pause-dpia.yaml"
CRITERIA = "dpia-criteria.yaml"


def run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--project", str(root), *args])
    return result.exit_code, result.output


def test_every_criterion_of_every_list_has_a_suggested_risk_with_its_source() -> None:
    registry, problems = load_registry(REPO)
    assert problems == []
    sets = {s.id: s for s in registry.criteria_sets.values()}
    for set_id in ("art35-3", "ico-high-risk", "wp248"):
        for criterion in sets[set_id].criteria:
            risks = criterion.suggested_risks
            assert 1 <= len(risks) <= 2, criterion.id
            for risk in risks:
                assert risk.source and risk.evidence in ("P", "R", "S", "U"), criterion.id
                assert risk.likelihood is None and risk.severity is None, (
                    f"{criterion.id}: no source in the registry gives a likelihood")
    vulnerable = registry.criteria["wp248-vulnerable"].suggested_risks[0]
    assert vulnerable.source.startswith("WP248 rev.01, criterion 7")
    harm = registry.criteria["ico-risk-of-harm"].suggested_risks[0]
    assert harm.source.startswith("ICO, 'Examples of processing likely to result in high risk'")


def test_a_suggested_risk_with_a_likelihood_and_no_severity_is_a_located_error(
        project) -> None:
    old = "          - id: power-imbalance\n"
    root = project(copied(CRITERIA, old, old + "            likelihood: possible\n"))
    code, output = run(root, "validate")
    assert code == 1
    assert re.search(r"legal_bases/dpia-criteria\.yaml:\d+:\d+: error: .*give both "
                     r"'likelihood' and 'severity'", output), output


def test_a_suggested_risk_without_a_source_is_a_located_error(project) -> None:
    old = ("            source: 'WP248 rev.01, criterion 7 (the increased power imbalance "
           "between the data subjects and the controller)'\n")
    root = project(copied(CRITERIA, old, ""))
    code, output = run(root, "validate")
    assert code == 1
    assert re.search(r"legal_bases/dpia-criteria\.yaml:\d+:\d+: error: .*source", output), (
        output)


def _pasteable(fix: str) -> str:
    """The YAML the fix quotes, with each TODO judged as a person would."""
    lines = fix.split("\n")[1:]
    text = "\n".join(line[2:] for line in lines) + "\n"
    text = re.sub(r"likelihood: TODO .*", "likelihood: possible", text)
    return re.sub(r"severity: TODO .*", "severity: significant", text)


def test_the_fix_quotes_the_suggested_risks_and_pasting_them_clears_the_finding(
        project) -> None:
    root = project(councils=("oxfordshire",))
    path = root / DPIA
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("criteria: [wp248-sensitive]", "criteria: []"),
                    encoding="utf-8")
    code, output = run(root, "lint", "--format", "json", str(path))
    found = [p for p in json.loads(output)["problems"]
             if p["code"] == "criterion-without-risk"]
    assert len(found) == 1, output
    fix = found[0]["fix"]
    assert "  - id: sensitive-disclosure\n    risk: 'Sensitive or highly personal" in fix
    assert "    criteria: [wp248-sensitive]\n    source: 'WP248 rev.01, criterion 4" in fix
    assert "likelihood: TODO remote, possible or probable, judged by a person" in fix
    pasted = _pasteable(fix)
    assert "TODO" not in pasted
    indented = "".join(f"  {line}\n" for line in pasted.splitlines())
    path.write_text(path.read_text(encoding="utf-8").replace(
        "\nrisks:\n", "\nrisks:\n" + indented, 1), encoding="utf-8")
    code, output = run(root, "lint", str(path))
    assert "criterion-without-risk" not in output, output
    assert "risk R1 ('sensitive-disclosure') has no measure" in output
    assert run(root, "validate", str(path))[0] == 0


def test_the_fix_printed_by_lint_keeps_its_lines(project) -> None:
    root = project(councils=("oxfordshire",))
    path = root / DPIA
    path.write_text(path.read_text(encoding="utf-8").replace(
        "criteria: [wp248-sensitive]", "criteria: []"), encoding="utf-8")
    _, output = run(root, "lint", str(path))
    assert "\n        - id: sensitive-disclosure\n          risk: '" in output, output


def test_a_new_dpia_drafts_the_risks_its_screenings_two_met_criteria_suggest(
        project) -> None:
    root = project(councils=("oxfordshire",))
    folder = root / "councils" / "oxfordshire"
    (folder / "pause-dpia.yaml").unlink()
    screening = folder / "pause-dpia-screening.yaml"
    text = screening.read_text(encoding="utf-8")
    old = "  ico-risk-of-harm:\n    answer: Yes\n"
    assert old in text
    screening.write_text(text.replace(old, "  ico-risk-of-harm:\n    answer: No\n"),
                         encoding="utf-8")
    code, output = run(root, "new", "oxfordshire", "--form", "dpia-ico")
    assert code == 0, output
    draft = (folder / "dpia-ico.yaml").read_text(encoding="utf-8")
    assert "\nscreening: pause-dpia-screening\n" in draft
    assert "\nnotice: pause-privacy-notice\n" in draft
    assert re.findall(r"^  - id: (\S+)$", draft, flags=re.M) == [
        "sensitive-disclosure", "power-imbalance"]
    assert re.findall(r"^    criteria: \[(\S+)\]$", draft, flags=re.M) == [
        "wp248-sensitive", "wp248-vulnerable"]
    assert len(re.findall(r"^    source: 'WP248 rev\.01, criterion [47] ", draft,
                          flags=re.M)) == 2
    lines = draft.splitlines()
    todos = [(n, line.split(":")[0].strip()) for n, line in enumerate(lines, 1)
             if re.match(r"^    (likelihood|severity): TODO ", line)]
    assert len(todos) == 4
    code, output = run(root, "validate")
    assert code == 1
    for n, scale in todos:
        assert re.search(rf"councils/oxfordshire/dpia-ico\.yaml:{n}:\d+: error: todo: "
                         rf"risks\.\d\.{scale} is still to be filled in", output), (n, output)
    assert "unknown-notice" not in output


def test_a_new_dpia_with_no_screening_in_its_folder_keeps_an_empty_register(
        project) -> None:
    root = project(councils=("oxfordshire",))
    folder = root / "councils" / "oxfordshire"
    for name in ("pause-dpia.yaml", "pause-dpia-screening.yaml"):
        (folder / name).unlink()
    code, output = run(root, "new", "oxfordshire", "--form", "dpia-ico")
    assert code == 0, output
    assert "\nrisks: []\n" in (folder / "dpia-ico.yaml").read_text(encoding="utf-8")
