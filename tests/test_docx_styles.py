"""Word files carry only the styles they use: every style a part names (and the styles those
are based on, linked to or followed by) is there, no other, with no latent styles; headings
keep their outline levels; the lean template is made the same way every time."""

from __future__ import annotations

import io
import zipfile

import pytest
from conftest import bundled_documents, document_id
from lxml import etree
from test_docx_redline import redline
from test_render import bundled
from wordinfo import w

from pause_docs.publish.document import publish
from pause_docs.render.docx import package, publication_docx

DOCUMENTS = bundled_documents()
NAMING = ("pStyle", "rStyle", "tblStyle", "numStyleLink", "styleLink")
CHAINED = ("basedOn", "link", "next")


@pytest.fixture(scope="module")
def made() -> dict[str, bytes]:
    """Every bundled document's .docx, and the Lambeth redline's."""
    files = {document_id(d): publication_docx(publish(d), 0)[0] for d in DOCUMENTS}
    files["redline"] = redline(bundled("lambeth", "scoping-2017"),
                               bundled("lambeth", "scoping-2026"))
    return files


def parts(data: bytes) -> dict[str, etree._Element]:
    """The package's WordprocessingML parts, by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as package_:
        return {n: etree.fromstring(package_.read(n)) for n in package_.namelist()
                if n.startswith("word/") and n.endswith(".xml")}


def style_ids(styles: etree._Element) -> dict[str, etree._Element]:
    return {s.get(w("styleId")): s for s in styles.iter(w("style"))}


def used(found: dict[str, etree._Element]) -> set[str]:
    """The ids of the styles the parts name, the defaults, and what those name in turn."""
    by_id = style_ids(found["word/styles.xml"])
    todo = [e.get(w("val")) for name, root in found.items() if name != "word/styles.xml"
            for tag in NAMING for e in root.iter(w(tag))]
    todo += [i for i, s in by_id.items() if s.get(w("default")) == "1"]
    seen: set[str] = set()
    while todo:
        one = todo.pop()
        if one not in seen:
            seen.add(one)
            assert one in by_id, f"style {one!r} is named but not in styles.xml"
            todo += [e.get(w("val")) for tag in CHAINED for e in by_id[one].iter(w(tag))]
    return seen


def only_the_styles_used(data: bytes) -> None:
    found = parts(data)
    styles = found["word/styles.xml"]
    kept = used(found)
    assert set(style_ids(styles)) == kept
    assert {"Normal", "Heading1", "DefaultParagraphFont", "TableNormal"} <= kept
    assert styles.find(w("latentStyles")) is None
    assert len(etree.tostring(styles)) < 20_000


def test_a_notice_carries_every_style_it_names_and_no_other() -> None:
    only_the_styles_used(publication_docx(publish(bundled("lambeth", "scoping-2017")), 0)[0])


@pytest.mark.slow
@pytest.mark.parametrize("name", [*map(document_id, DOCUMENTS), "redline"])
def test_every_document_carries_every_style_it_names_and_no_other(
        name: str, made: dict[str, bytes]) -> None:
    only_the_styles_used(made[name])


def test_headings_keep_their_outline_levels() -> None:
    """Word's navigation pane and LibreOffice's PDF bookmarks read them from the style: the
    template every document starts from has the six, each with its level."""
    by_id = style_ids(parts(package.template("en-GB"))["word/styles.xml"])
    for level in range(1, 7):
        heading = by_id[f"Heading{level}"]
        assert heading.find(w("name")).get(w("val")) == f"heading {level}"
        outline = heading.find(f"{w('pPr')}/{w('outlineLvl')}")
        assert outline is not None and outline.get(w("val")) == str(level - 1)


@pytest.mark.slow
def test_two_builds_in_any_order_give_the_same_bytes(made: dict[str, bytes]) -> None:
    """The template is made once in a process and is the same however it is made again; a
    document does not change the template the next one starts from."""
    template = package.template("en-GB")
    package._TEMPLATES.clear()
    assert package.template("en-GB") == template
    for doc in reversed(DOCUMENTS):
        assert publication_docx(publish(doc), 0)[0] == made[document_id(doc)], doc.slug
    assert package.template("en-GB") == template
