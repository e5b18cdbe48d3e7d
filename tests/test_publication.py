"""The publication tree is the one account of what a page says: HTML, lint and diff all read
it, so a new field printed by a publisher reaches every one of them untouched, and the
checks can never disagree with the page."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html as html_lib
import re
from pathlib import Path

import pytest
from conftest import COUNCIL_YAML, REPO

from pause_docs.check.lint import CHECKS, lint_document
from pause_docs.compare import diff_documents
from pause_docs.publish.document import PUBLISHERS, publish
from pause_docs.publish.locale import Locale, load_locale, missing_keys
from pause_docs.publish.markup import blocks
from pause_docs.publish.notice import publish_notice
from pause_docs.publish.printed import texts_of
from pause_docs.publish.tree import Heading, Origin, Publication, Section, Text, walk
from pause_docs.render.edition import render_html
from pause_docs.source.kinds import KINDS
from pause_docs.source.languages import languages
from pause_docs.source.loading import load_project
from pause_docs.source.models import MODELS, Notice, model_of
from pause_docs.source.models.base import Markdown

TODAY = dt.date(2026, 12, 1)
NOTICE = """\
kind: privacy-notice
title: Help for families
published: 2026-07-01
summary: We use what we know about you to give your family help.
legal_bases:
  - provision: ukgdpr-art6-1-e
  - provision: ca1989-s17
rights:
  - right: access
  - right: object
  - right: complain-to-controller
  - right: complain-to-regulator
complaints:
  to_regulator: You can also complain to the regulator.
sections:
  - show: summary
  - show: legal-bases
  - show: rights
  - show: complaints
  - show: dpo
"""


# --- a new field, in the model and its publisher only ----------------------------------------

class NoticeWithStatement(Notice):
    """A notice with one more field, as a developer would add it."""

    welsh_statement: Markdown | None = None


def publish_with_statement(doc, locale: Locale) -> Publication:  # type: ignore[no-untyped-def]
    """The notice's own publisher, then the new field as a part of its own."""
    page = publish_notice(doc, locale)
    text = doc.model.welsh_statement
    if not text:
        return page
    origin = Origin(doc.provenance.locate(("welsh_statement",)), ("welsh_statement",))
    part = Section(Heading(2, (Text("Welsh"),), anchor="welsh"), blocks(text, origin))
    return dataclasses.replace(page, body=page.body + (part,))


@pytest.fixture
def extended_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(MODELS, "Notice", NoticeWithStatement)
    monkeypatch.setitem(PUBLISHERS, "notice", publish_with_statement)


def _load(root: Path, name: str):  # type: ignore[no-untyped-def]
    project = load_project(root)
    assert project.errors == [], project.errors
    return next(d for d in project.documents if d.slug == name)


@pytest.mark.slow
def test_a_new_field_reaches_the_page_lint_and_diff_untouched(project, extended_kind) -> None:
    statement = "We welcome letters in Welsh, under the Childrens Act 2004 of course.\n"
    root = project({
        "councils/example/council.yaml": COUNCIL_YAML,
        "councils/example/old.yaml": NOTICE + "welsh_statement: We welcome letters.\n",
        "councils/example/new.yaml": NOTICE + f"welsh_statement: {statement}",
    })
    old, new = _load(root, "old"), _load(root, "new")
    assert "We welcome letters in Welsh" in render_html(new)
    misnamed = [p for p in lint_document(new, TODAY) if p.code == "misnamed-instrument"]
    assert [str(p.location) for p in misnamed] == ["councils/example/new.yaml:21:57"]  # the words
    wording = [c for c in diff_documents(old, new).changes if c.weight == "wording"]
    assert [(c.subject, c.action) for c in wording] == [("'Welsh': welsh statement", "changed")]


# --- the checks read what the page prints ------------------------------------------------------

def _codes(root: Path, name: str) -> list[str]:
    return [p.code for p in lint_document(_load(root, name), TODAY)]


def test_a_parent_notice_covers_the_dpo_only_where_its_link_is_printed(project) -> None:
    parent = ("top_level_notice:\n  title: Our main privacy notice\n"
              "  url: https://www.example.gov.uk/privacy\n  covers: [dpo]\n")
    without_link = NOTICE.replace("  - show: dpo\n", "").replace(
        "  - show: complaints\n", "") + parent
    with_link = NOTICE.replace("  - show: complaints\n", "") + parent
    root = project({"councils/example/council.yaml": COUNCIL_YAML,
                    "councils/example/without.yaml": without_link,
                    "councils/example/with.yaml": with_link})
    assert "missing-dpo-contact" in _codes(root, "without")
    assert "missing-dpo-contact" not in _codes(root, "with")
    html = render_html(_load(root, "with"))
    assert ('<a href="https://www.example.gov.uk/privacy" class="print-address">Our main '
            'privacy notice</a>') in html


def test_a_recipient_listed_but_not_shown_is_said_so(project) -> None:
    listed = NOTICE.replace("rights:\n", "recipients:\n  - name: Police\nrights:\n")
    root = project({"councils/example/council.yaml": COUNCIL_YAML,
                    "councils/example/notice.yaml": listed})
    found = lint_document(_load(root, "notice"), TODAY)
    codes = [p.code for p in found]
    assert "recipients-not-shown" in codes and "missing-recipients" not in codes
    shown = next(p for p in found if p.code == "recipients-not-shown")
    assert (shown.location.line, shown.location.column) == (8, 1)  # the 'recipients:' key
    assert "show: recipients" in shown.fix


def test_every_printed_text_of_the_bundled_documents_is_located() -> None:
    """Every word a page prints from the project's files says where it was written."""
    for doc in load_project(REPO).documents:
        page = publish(doc)
        for printed in texts_of(page):
            if printed.origin is None:
                continue  # the locale's own words
            where = printed.origin.where
            assert where.path and where.line > 0, (doc.path, printed.text, where)


def test_what_lint_reads_as_published_is_on_the_page() -> None:
    """Each text lint checks appears in the HTML as printed (the checks read the page)."""
    for doc in load_project(REPO).documents:
        html = render_html(doc).replace("<br>", " ")
        text = html_lib.unescape(re.sub(r"<[^>]+>", "", re.sub(r"\s+", " ", html)))
        for printed in texts_of(publish(doc)):
            words = re.sub(r"\s+", " ", printed.text).strip()
            assert words in text, (doc.path, words)


# --- the locale -------------------------------------------------------------------------------

def test_every_locale_has_every_string_the_english_one_has() -> None:
    for language in languages():
        assert missing_keys(load_locale(language)) == [], language


def test_the_page_takes_its_fixed_words_from_the_locale(monkeypatch) -> None:
    """With every string of the locale replaced, no fixed English word is left on a page."""
    english = load_locale("en")
    marked = english.model_copy(update={"strings": {
        k: "".join(f"{{{p}}}" if i % 2 else ("§" if p.strip() else p)
                   for i, p in enumerate(english.pieces(k)))
        for k in english.strings}})
    monkeypatch.setattr("pause_docs.publish.document.load_locale", lambda language: marked)
    for doc in load_project(REPO).documents:
        html = render_html(doc)
        for phrase in ("Skip to main content", "Further information can be found",
                       "Write to:", "Pre-filled from the programme", "Processing screened:",
                       "Some examples of this are", "set out in our"):
            assert phrase not in html, (doc.path, phrase)


def test_templates_hold_structure_only() -> None:
    """Words on a page (a document's, or a redline's) come from the document or the locale,
    never from a template; only the interface of `serve` (the preview's and the editor's
    pages) has words of its own."""
    templates = REPO / "pause_docs" / "templates"
    checked = []
    for template in sorted(templates.rglob("*.html")):
        if template.relative_to(templates).parts[0] in ("preview", "editor"):
            continue
        text = template.read_text(encoding="utf-8")
        text = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", "", text, flags=re.S)
        text = re.sub(r"<[^>]*>", "", text)
        assert re.findall(r"[A-Za-z]{2,}", text) == [], template.name
        checked.append(template.name)
    assert "document.html" in checked and "base.html" in checked


def test_a_kind_names_everything_a_document_of_it_needs() -> None:
    for name, kind in KINDS.items():
        assert model_of(name).model_fields["kind"] is not None
        assert kind.layout in PUBLISHERS and kind.layout in CHECKS, name
        assert (REPO / "pause_docs" / "templates" / kind.template).is_file(), name
        if kind.scaffold:
            assert (REPO / "pause_docs" / "scaffold" / "drafts" / f"{kind.scaffold}.yaml").is_file()


def test_the_tree_has_no_empty_groups_or_sections() -> None:
    for doc in load_project(REPO).documents:
        for node in walk(publish(doc).blocks()):
            if hasattr(node, "blocks"):
                assert node.blocks or getattr(node, "heading", None), (doc.path, node)
