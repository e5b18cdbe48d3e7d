"""`pause-docs new`: a draft of the programme asked for, or a plain notice of the council's
own; filling in every TODO, as a user would, is enough for a clean `lint --strict`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_validate import run


def example(hint: str) -> str:
    """What a user writes for a TODO: its example, or else a value of the kind it asks for."""
    if "YYYY-MM-DD" in hint:
        return "2026-11-20"
    if "england, wales" in hint:
        return "england"
    found = re.search(r"e\.g\.\s+(.+)$", hint) or re.search(
        r"(https?://\S+|\S+@\S+|\d[\d ]+\d)", hint)
    return found.group(1) if found else "Brackenford Town Hall"


def fill_todos(folder: Path) -> int:
    """Replace every TODO in `folder`'s files by an example value; how many there were."""
    count = 0
    for path in folder.rglob("*.yaml"):
        text, n = re.subn(r"TODO ([^\n]*)", lambda m: example(m.group(1)),
                          path.read_text(encoding="utf-8"))
        path.write_text(text, encoding="utf-8")
        count += n
    return count


@pytest.mark.slow
def test_a_pause_site_with_its_todos_filled_lints_clean_under_strict(project) -> None:
    root = project()
    code, output = run(root, "new", "brackenford", "--programme", "pause")
    assert code == 0, output
    folder = root / "councils" / "brackenford"
    notice = (folder / "privacy-notice.yaml").read_text(encoding="utf-8")
    assert "retention:\n  - rule: TODO how long the records are kept" in notice
    assert "  show: retention\n" in notice and "  show: legal-bases\n" in notice
    assert fill_todos(folder) == 17
    assert run(root, "validate") == (0, "2 documents valid; no problems\n")
    code, output = run(root, "lint", "--strict", "--as-of", "2026-12-01")
    assert code == 0, output


@pytest.mark.slow
def test_without_a_programme_new_writes_a_plain_notice_that_lints_clean(project) -> None:
    root = project()
    code, output = run(root, "new", "vale")  # not a terminal: nothing to ask, no programme
    assert code == 0, output
    folder = root / "councils" / "vale"
    assert sorted(p.name for p in folder.iterdir()) == ["council.yaml", "privacy-notice.yaml"]
    notice = (folder / "privacy-notice.yaml").read_text(encoding="utf-8")
    assert "Pause" not in notice and "programme" not in notice
    for part in ("purposes", "legal_bases", "recipients", "retention", "rights", "complaints"):
        assert f"\n{part}:" in notice, part
    fill_todos(folder)
    assert run(root, "validate")[0] == 0
    code, output = run(root, "lint", "--strict", "--as-of", "2026-12-01")
    assert code == 0, output
    assert run(root, "new", "wold", "--programme", "none")[0] == 0
    assert not (root / "councils" / "wold" / "scoping-notice.yaml").exists()


def test_a_form_draft_of_no_programme_names_none(project) -> None:
    root = project()
    code, output = run(root, "new", "vale", "--form", "equality-screening")
    assert code == 0, output
    text = (root / "councils" / "vale" / "equality-screening.yaml").read_text(encoding="utf-8")
    assert "\nprogramme:" not in text and "Pause" not in text
    assert "TODO the service or programme assessed" in text
    others = ("dpia-criteria", "dpia-ico", "equality-impact-assessment", "level-1-screening")
    for form in others:
        assert run(root, "new", "vale", "--form", form)[0] == 0
    for form in ("equality-screening", *others):  # the opening comment says so too
        draft = root / "councils" / "vale" / f"{form}.yaml"
        opening = draft.read_text(encoding="utf-8").partition("\nkind: ")[0]
        said = opening.replace("\n# ", " ")
        assert "programme" not in said.replace("no programme file describes", ""), opening
        assert "TODO" not in said and "- " not in said, opening


def test_the_editors_new_notice_is_the_draft_new_writes(project) -> None:
    """A notice made on the editor's new-document page once skipped the TODOs `new` adds for
    what the programme does not give (its retention), so every notice made in the browser on
    the Pause programme failed lint with `missing-retention`, and named the programme by its
    path inside the installed package."""
    from pause_docs.editor.making import make_document

    root = project()
    assert run(root, "new", "brackenford", "--programme", "pause")[0] == 0
    folder = root / "councils" / "brackenford"
    made = make_document(root, {"council": "brackenford", "kind": "privacy-notice",
                                "programme": "pause", "slug": "made-in-the-editor"})
    assert made.errors == {} and made.name == "brackenford/made-in-the-editor"
    written = (folder / "made-in-the-editor.yaml").read_text(encoding="utf-8")
    assert written == (folder / "privacy-notice.yaml").read_text(encoding="utf-8")
    assert "retention:\n  - rule: TODO" in written and "pause_docs/" not in written
