"""The Word redline: the document with real tracked changes (accepting all gives the new
version, rejecting all the old), word by word, the summary of legal changes first and the
sign-off last; written by `pause-docs diff --docx`."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from conftest import REPO
from docx.oxml.ns import qn
from test_render import bundled
from wordinfo import W, accept_all, document_xml, paragraphs, reject_all, w

from pause_docs.cli import main
from pause_docs.compare import diff_documents
from pause_docs.compare.redline import redline_file
from pause_docs.publish.document import publish
from pause_docs.render.docx import publication_docx

OLD, NEW = "councils/lambeth/scoping-2017.yaml", "councils/lambeth/scoping-2026.yaml"
BODY = "The document, with its changes tracked"


def redline(old, new, author: str = "pause-docs") -> bytes:  # type: ignore[no-untyped-def]
    comparison = diff_documents(old, new, old_label="old.yaml", new_label="new.yaml")
    return redline_file(comparison, "docx", author)


@pytest.fixture(scope="module")
def lambeth() -> bytes:
    return redline(bundled("lambeth", "scoping-2017"), bundled("lambeth", "scoping-2026"))


def body(texts: list[str]) -> list[str]:
    """The paragraphs between the redline's own heading for the document (and the paragraph
    under it, on how to review the changes) and its sign-off."""
    end = len(texts) - 1 - texts[::-1].index("Sign-off")
    return texts[texts.index(BODY) + 2:end]


def own_text(doc) -> list[str]:  # type: ignore[no-untyped-def]
    """The version's text as its own Word file prints it (without the logo or name above)."""
    return paragraphs(document_xml(publication_docx(publish(doc), 0)[0]))[1:]


@pytest.mark.slow
def test_accepting_every_change_gives_the_new_version(lambeth: bytes) -> None:
    accepted = body(paragraphs(accept_all(document_xml(lambeth))))
    assert accepted == own_text(bundled("lambeth", "scoping-2026"))


def test_rejecting_every_change_gives_the_old_version(lambeth: bytes) -> None:
    rejected = body(paragraphs(reject_all(document_xml(lambeth))))
    assert rejected == own_text(bundled("lambeth", "scoping-2017"))


def test_changes_have_an_author_and_the_new_versions_date(lambeth: bytes) -> None:
    root = document_xml(lambeth)
    changes = [*root.iter(w("ins")), *root.iter(w("del"))]
    assert len(list(root.iter(w("ins")))) > 10 and len(list(root.iter(w("del")))) > 5
    assert {c.get(w("author")) for c in changes} == {"pause-docs"}
    assert {c.get(w("date"))[:10] for c in changes} == {"2026-11-01"}
    ids = [c.get(w("id")) for c in changes]
    assert len(ids) == len(set(ids))
    settings = docx.Document(io.BytesIO(lambeth)).settings.element
    assert settings.find(qn("w:trackRevisions")) is not None


def test_changes_are_word_by_word_inside_paragraphs(lambeth: bytes) -> None:
    root = document_xml(lambeth)
    mixed = [p for p in root.iter(w("p"))
             if p.find(w("r")) is not None and p.find(w("ins")) is not None
             and p.find(w("del")) is not None and p.find(f"{w('pPr')}/{w('rPr')}") is None]
    texts = [" ".join("".join(t.text or "" for t in p.iter(w("t"))).split()) for p in mixed]
    assert any(t.startswith("The Programme started in Hackney in 2013") for t in texts), texts
    (hackney,) = [p for p in mixed if "Hackney" in "".join(p.itertext())]
    deleted = " ".join("".join(t.text for t in d.iter(w("delText"))) for d in
                       hackney.iter(w("del")))
    assert "Newcastle" in deleted and "Hackney" not in deleted


def test_summary_of_legal_changes_comes_first_and_sign_off_last(lambeth: bytes) -> None:
    document = docx.Document(io.BytesIO(lambeth))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading 2")]
    assert headings == ["How to read this redline", "Summary", "Legal changes (22)",
                        "Wording changes (22)", "Order and layout (no change in law)", BODY,
                        "Sign-off"]
    summary = document.tables[1]
    assert [c.text for c in summary.rows[0].cells] == ["Area", "Change", "What"]
    assert summary.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert any("Lawful basis" in c.text for c in summary.columns[0].cells)
    sign_off = document.tables[-1]
    assert [r.cells[0].text for r in sign_off.rows] == [
        "Decision", "Name", "Role", "Signature", "Date", "Comments"]
    assert len(sign_off._tbl.findall(".//" + qn("w:sdt"))) == 3  # Approved, with changes, not


@pytest.mark.slow
def test_author_is_who_the_command_names(tmp_path: Path) -> None:
    out = tmp_path / "redline.docx"
    result = CliRunner().invoke(main, ["--project", str(REPO), "diff", str(REPO / OLD),
                                       str(REPO / NEW), "--docx", str(out),
                                       "--author", "Legal Services"])
    assert result.exit_code == 0, result.output
    assert f"wrote {out}" in result.output
    root = document_xml(out.read_bytes())
    assert {c.get(w("author")) for c in root.iter(w("ins"))} == {"Legal Services"}
    assert docx.Document(str(out)).core_properties.author == "Legal Services"


def test_two_redlines_are_byte_identical(lambeth: bytes) -> None:
    assert redline(bundled("lambeth", "scoping-2017"), bundled("lambeth", "scoping-2026")) \
        == lambeth


def test_redline_of_two_screenings_accepts_and_rejects_to_each(project) -> None:  # type: ignore[no-untyped-def]
    from pause_docs.source.loading import load_project

    root = project(councils=("middlesbrough",))
    path = root / "councils" / "middlesbrough" / "north-east-pause-screening.yaml"
    text = path.read_text(encoding="utf-8")
    changed = root / "councils" / "middlesbrough" / "changed.yaml"
    changed.write_text(text.replace("Pause", "the Pause service", 3)
                       .replace("Service Specific", "Service wide")
                       .replace("  community-cohesion:\n    answer: No\n",
                                "  community-cohesion:\n    answer: Uncertain\n"),
                       encoding="utf-8")
    docs = {d.slug: d for d in load_project(root).documents}
    old, new = docs["north-east-pause-screening"], docs["changed"]
    data = redline(old, new)
    assert body(paragraphs(accept_all(document_xml(data)))) == own_text(new)
    assert body(paragraphs(reject_all(document_xml(data)))) == own_text(old)


def test_identical_versions_have_no_tracked_change() -> None:
    doc = bundled("lambeth", "scoping-2026")
    root = document_xml(redline(doc, doc))
    assert next(root.iter(w("ins")), None) is None and next(root.iter(w("del")), None) is None
    assert "No legal changes." in paragraphs(root)


NESTED = """\
kind: privacy-notice
title: Notice
published: 2026-01-01
programme: pause
summary: |
  We hold:

  1. your name;
  2. notes of meetings, including:
      - dates and places,
      - who was there;
  3. anything you tell us.
sections: [{show: summary}]
"""


def test_lists_keep_their_levels_in_word_and_in_the_redline(project) -> None:  # type: ignore[no-untyped-def]
    from conftest import COUNCIL_YAML

    from pause_docs.source.loading import load_project

    root = project({"councils/example/council.yaml": COUNCIL_YAML,
                    "councils/example/old.yaml": NESTED,
                    "councils/example/new.yaml": NESTED.replace("who was there", "who came")
                    .replace("3. anything", "3. what you ask for;\n  4. anything")})
    docs = {d.slug: d for d in load_project(root).documents}
    old, new = docs["old"], docs["new"]
    levels = [int(v) for v in document_xml(publication_docx(publish(new), 0)[0]).xpath(
        "//w:numPr/w:ilvl/@w:val", namespaces={"w": W})]
    assert levels == [0, 0, 1, 1, 0, 0]
    data = redline(old, new)
    root_xml = document_xml(data)
    assert sorted(set(int(v) for v in root_xml.xpath(
        "//w:numPr/w:ilvl/@w:val", namespaces={"w": W}))) == [0, 1]
    assert body(paragraphs(accept_all(root_xml))) == own_text(new)
    assert body(paragraphs(reject_all(root_xml))) == own_text(old)
