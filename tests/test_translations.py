"""Translations kept in step: a confirmed translation records the English it translates, a
change to the English makes it stale (located at both, with the old English from git), and
`pause-docs translations` lists, confirms, and round-trips a translator's table."""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import COUNCIL_YAML

from pause_docs.check.lint import lint_document
from pause_docs.cli import main
from pause_docs.source.languages import fingerprint
from pause_docs.source.loader import parse_yaml
from pause_docs.source.loading import load_project
from pause_docs.translations.edit import Edit, EditRefused, apply

TODAY = dt.date(2026, 12, 2)
NOTICE = "councils/glanyrafon/pause-privacy-notice.yaml"
TITLE = '  en: "Pause scoping exercise: privacy notice"'
WELSH_COUNCIL = COUNCIL_YAML.replace("nation: england", "nation: wales\nlanguages: [en, cy]")


def run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--project", str(root), *args])
    return result.exit_code, result.output


def lint(root: Path, code: str) -> list:  # type: ignore[type-arg]
    return [p for doc in load_project(root).documents for p in lint_document(doc, TODAY)
            if p.code == code]


def committed(root: Path) -> None:
    for args in (["init", "-q"], ["add", "-A"],
                 ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "first"]):
        subprocess.run(["git", "-C", str(root), *args], check=True)


@pytest.mark.slow
def test_changing_the_english_makes_its_translation_stale_until_confirmed(project) -> None:
    root = project(councils=("glanyrafon",))
    committed(root)
    assert lint(root, "translation-stale") == []
    file = root / NOTICE
    file.write_text(file.read_text().replace(TITLE, '  en: "Pause scoping: privacy notice"'))
    [stale] = lint(root, "translation-stale")
    assert (stale.location.path, stale.location.line) == (NOTICE, 8)  # the Welsh
    assert f"(at {NOTICE}:7:7)" in stale.message  # and the English
    assert "was 'Pause scoping exercise: privacy notice' (git " in stale.message
    assert "now 'Pause scoping: privacy notice'" in stale.message
    status, out = run(root, "translations")
    assert status == 1 and f"{NOTICE}:8:7: stale (cy)" in out
    assert "0 to translate, 1 to re-translate, 0 to confirm" in out
    status, out = run(root, "translations", "--update")
    assert status == 0 and "1 done" in out
    assert lint(root, "translation-stale") == []
    assert f"  cy-from: {fingerprint('Pause scoping: privacy notice')}\n" in file.read_text()


def test_a_translators_table_goes_out_and_comes_back_as_csv_and_xliff(project) -> None:
    notice = """\
kind: privacy-notice
title: {en: Privacy notice, cy: Hysbysiad preifatrwydd, cy-from: c385c344}
published: 2026-12-01
sections:
  - heading: About us  # kept as written
    text: >-
      We help families in the borough.
  - text: We keep your information safe.
"""
    root = project({"councils/cymru/council.yaml": WELSH_COUNCIL,
                    "councils/cymru/notice.yaml": notice})
    table = root / "welsh.csv"
    status, out = run(root, "translations", "--write", str(table))
    assert status == 0 and "wrote" in out
    rows = list(csv.DictReader(io.StringIO(table.read_text())))
    wanted = {"About us": "Amdanom ni", "We help families in the borough.":
              "Rydym yn helpu teuluoedd yn y fwrdeistref."}
    assert wanted.keys() <= {r["english"] for r in rows}
    for row in rows:
        row["translation"] = wanted.get(row["english"], "")
    with table.open("w", newline="") as out_file:
        writer = csv.DictWriter(out_file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    status, out = run(root, "translations", "--read", str(table))
    assert status == 0, out
    text = (root / "councils/cymru/notice.yaml").read_text()
    assert "  # kept as written\n" in text  # the heading became a mapping, its comment kept
    assert "title: {en: Privacy notice" in text  # and nothing else was rewritten
    data = parse_yaml(text, "notice.yaml")[0].data  # type: ignore[union-attr]
    assert data["sections"][0]["heading"] == {
        "en": "About us", "cy": "Amdanom ni", "cy-from": fingerprint("About us")}
    assert data["sections"][0]["text"]["cy"] == "Rydym yn helpu teuluoedd yn y fwrdeistref."
    missing = {p.message.split("'")[1] for p in lint(root, "translation-missing")}
    assert missing == {"We keep your information safe.", "Example Borough Council"}
    xliff = root / "welsh.xlf"
    run(root, "translations", "--write", str(xliff))
    unit = ('<source>We keep your information safe.</source>\n'
            '        <target state="needs-translation" />')
    assert unit in xliff.read_text()
    filled = xliff.read_text().replace(unit, unit.replace(
        ' state="needs-translation" />', ">Rydym yn cadw eich gwybodaeth yn ddiogel.</target>"))
    xliff.write_text(filled)
    status, out = run(root, "translations", "--read", str(xliff))
    assert status == 0 and "1 done" in out


def test_a_table_row_whose_english_has_changed_since_is_not_written(project) -> None:
    root = project({"councils/cymru/council.yaml": WELSH_COUNCIL,
                    "councils/cymru/notice.yaml": "kind: privacy-notice\ntitle: Old\n"
                    "published: 2026-12-01\nsections: [{heading: A}]\n"})
    table = root / "t.csv"
    table.write_text("id,language,state,english,translation\n"
                     "councils/cymru/notice.yaml#title,cy,missing,Older,Hen\n"
                     "../outside.yaml#title,cy,missing,Old,Hen\n")
    status, out = run(root, "translations", "--read", str(table))
    assert status == 1
    assert "english-changed: the English of councils/cymru/notice.yaml#title changed" in out
    assert "'../outside.yaml' is not a YAML file of this project's councils/" in out
    assert "title: Old\n" in (root / "councils/cymru/notice.yaml").read_text()


@pytest.mark.parametrize(("text", "path", "expected"), [
    ("a: x  # note\nb: 1\n", ("a",), "a:\n  en: x\n  cy: y\n  cy-from: {h}  # note\nb: 1\n"),
    ("l:\n  - x\n  - z\n", ("l", 0), "l:\n  - en: x\n    cy: y\n    cy-from: {h}\n  - z\n"),
    ("f: [x, z]\n", ("f", 0), 'f: [{{en: "x", cy: "y", cy-from: "{h}"}}, z]\n'),
    ("a: >-\n  x\n\nb: 1\n", ("a",), "a:\n  en: x\n  cy: y\n  cy-from: {h}\n\nb: 1\n"),
    ("a:\n  en: x\n  cy: old  # c\n", ("a",), "a:\n  en: x\n  cy: y  # c\n  cy-from: {h}\n"),
])
def test_an_edit_changes_only_the_text_it_translates(text: str, path: tuple, expected: str
                                                     ) -> None:  # type: ignore[type-arg]
    edited = apply(text, "f.yaml", [Edit(path, "cy", "y")])
    assert edited == expected.format(h=fingerprint("x"))


def test_an_edit_that_would_change_anything_else_is_refused() -> None:
    with pytest.raises(EditRefused, match="no value"):
        apply("a: x\n", "f.yaml", [Edit(("b",), "cy", "y")])
    with pytest.raises(EditRefused, match="has no cy text to confirm"):
        apply("a: x\n", "f.yaml", [Edit(("a",), "cy")])
    shared = "a: &t x\nb: *t\n"  # an alias: writing one would change the other
    with pytest.raises(EditRefused, match="changed more than the translations"):
        apply(shared, "f.yaml", [Edit(("a",), "cy", "y")])
