"""Welsh and bilingual documents: a council publishes each document in each of its languages,
every fixed word comes from that language's locale, the registry's printed words have Welsh
texts, and text that is not in the page's language is marked and reported."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import io
import re
from pathlib import Path

import pytest
from conftest import COUNCIL_YAML, REPO

from pause_docs.check.lint import lint_document
from pause_docs.publish.locale import load_locale
from pause_docs.render.edition import render_document, render_html
from pause_docs.scaffold.json_schema import PER_LANGUAGE, json_schema
from pause_docs.source.layout import output_name
from pause_docs.source.loading import load_project
from pause_docs.source.models import Council

NOTICE = "councils/glanyrafon/pause-privacy-notice.yaml"
TODAY = dt.date(2026, 12, 2)
WELSH_COUNCIL = COUNCIL_YAML.replace("nation: england", "nation: wales\nlanguages: [en, cy]")
SHORT_NOTICE = """\
kind: privacy-notice
title: {en: Privacy notice, cy: Hysbysiad preifatrwydd}
published: 2026-12-01
sections:
  - heading: {en: About us, cy: Amdanom ni}
    text: We help families in the borough.
"""


def bundled(path: str = NOTICE):  # type: ignore[no-untyped-def]
    return next(d for d in load_project(REPO, only=[REPO / path]).documents if d.path == path)


def words_of(page: str) -> str:
    body = re.sub(r"<style>.*?</style>|<head>.*?</head>", "", page, flags=re.S)
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def test_a_welsh_council_publishes_each_document_in_english_and_welsh() -> None:
    doc = bundled()
    assert doc.languages == ("en", "cy") and doc.versions["cy"].language == "cy"
    assert output_name("glanyrafon", doc.slug, "html", "cy", doc.languages) == \
        "glanyrafon/pause-privacy-notice.cy.html"
    english, welsh = render_html(doc), render_html(doc, language="cy")
    assert '<html lang="en-GB"' in english and '<html lang="cy"' in welsh
    for page in (english, welsh):  # each names both, itself included
        assert '<link rel="alternate" hreflang="en-GB" href="pause-privacy-notice.html">' in page
        assert '<link rel="alternate" hreflang="cy" href="pause-privacy-notice.cy.html">' in page
    assert ('<a href="pause-privacy-notice.cy.html" hreflang="cy" lang="cy">Cymraeg</a>'
            in english)
    assert ('<a href="pause-privacy-notice.html" hreflang="en-GB" lang="en-GB">English</a>'
            in welsh)
    assert "Glanyrafon County Borough Council" in english
    assert "Cyngor Bwrdeistref Sirol Glanyrafon" in welsh


def test_the_welsh_page_holds_none_of_the_english_fixed_words_and_its_dates_are_welsh() -> None:
    welsh = render_html(bundled(), language="cy")
    text = words_of(welsh)
    english, cymraeg = load_locale("en"), load_locale("cy")
    fixed = sorted({piece.strip(" .:") for key in english.strings
                    for i, piece in enumerate(english.pieces(key))
                    if i % 2 == 0 and re.search(r"[A-Za-z]{3}", piece)
                    and piece not in cymraeg.strings[key]})
    assert len(fixed) > 60  # every English fixed string is listed, not a chosen few
    assert [p for p in fixed if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text)] == []
    for english_words in ("Skip to main content", "Page ", "Last updated", "Right of access",
                          "Information Commission", "UK GDPR Art", "December"):
        assert english_words not in text, english_words
    assert "Neidio i'r prif gynnwys" in text and "Diweddarwyd ddiwethaf: 1 Rhagfyr 2026" in text
    assert 'data-page-before="Tudalen " data-page-between=" o "' in welsh
    assert "Comisiwn Gwybodaeth" in text and "Yr hawl i fynediad" in text
    assert "GDPR y DU, Erthygl 6(1)(e)" in text


def test_every_welsh_registry_text_says_what_it_translates_and_is_not_yet_reviewed() -> None:
    registry = load_project(REPO, only=[REPO / NOTICE]).registry
    entries = [*registry.rights.values(), *registry.provisions.values(),
               *(name for body in registry.bodies.values() for name in body.names)]
    translated = [e for e in entries if "cy" in e.translations]
    assert len(translated) >= 40
    for entry in translated:
        welsh = entry.translations["cy"]
        assert welsh.reviewed is False  # drafted without a Welsh speaker: never shown as checked
        for field, english in welsh.translated_from.items():
            assert " ".join(english.split()) == " ".join(getattr(entry, field).split())
    assert all("cy" in right.translations for right in registry.rights.values())


def test_english_text_on_a_welsh_page_is_marked_and_reported(project) -> None:
    root = project({"councils/cymru/council.yaml": WELSH_COUNCIL,
                    "councils/cymru/notice.yaml": SHORT_NOTICE})
    doc = load_project(root).documents[0]
    welsh = render_html(doc, language="cy")
    assert '<span lang="en-GB">We help families in the borough.</span>' in welsh
    assert "<span lang" not in render_html(doc).split("<main")[1]
    found = [p for p in lint_document(doc, TODAY) if p.code == "translation-missing"]
    lines = {(p.location.path, p.location.line) for p in found}
    assert ("councils/cymru/notice.yaml", 6) in lines  # the English-only text
    assert ("councils/cymru/council.yaml", 1) in lines  # the council's name
    assert all(p.severity == "warning" and "Welsh" in p.message for p in found)


@pytest.mark.slow
def test_the_pdf_of_the_welsh_page_is_in_welsh(tmp_path: Path) -> None:
    pikepdf = pytest.importorskip("pikepdf")
    from pause_docs.render.pdf import render_pdf

    page = render_document(bundled(), language="cy")
    data = render_pdf(page.html, REPO / "pause_docs" / "templates" / "assets", 1764547200)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert str(pdf.Root.Lang) == "cy"
        uris = [str(a.A.URI) for p in pdf.pages for a in p.get("/Annots", [])
                if "/A" in a and "/URI" in a.A]
    assert "pause-privacy-notice.html" in uris  # beside the PDF, not a path on this machine
    assert not [u for u in uris if u.startswith("file:")]


def test_welsh_lists_join_with_a_or_ac_and_mutate_only_ordinary_words() -> None:
    welsh = load_locale("cy")
    assert welsh.joined(["plant", "oedolion"]) == "plant ac oedolion"
    assert welsh.joined(["bara", "caws"]) == "bara a chaws"  # aspirate mutation after 'a'
    assert welsh.joined(["heddlu", "Cyngor Sir"]) == "heddlu a Cyngor Sir"  # a name: never
    assert welsh.joined(["un", "dau", "tri"]) == "un, dau a thri"
    assert welsh.joined(["te", "coffi"], "or") == "te neu coffi"  # no unsourced mutation
    assert "a(c)" not in welsh.joined(["x", "y", "Aberystwyth"])
    assert load_locale("en").joined(["a", "b", "c"]) == "a, b and c"


def test_an_english_list_writes_a_leading_article_lower_case_after_the_first_item() -> None:
    english = load_locale("en")
    assert english.joined(["The youth court", "The police"]) == "The youth court and the police"
    assert (english.joined(["Schools", "A school nurse", "An advocate"], "or")
            == "Schools, a school nurse or an advocate")
    # a capital after the article may be a name: left as written
    assert english.joined(["Schools", "The Children's Society"]) == (
        "Schools and The Children's Society")
    assert english.joined(["Schools", "Theatres"]) == "Schools and Theatres"  # not an article


def test_a_notice_lists_inline_in_english_and_as_bullets_in_welsh(project) -> None:
    notice = SHORT_NOTICE.replace("    text: We help families in the borough.\n", """\
    intro: {en: "We get it from", cy: "Daw o'r canlynol:"}
    show: sources
    style: inline
sources:
  - name: {en: schools, cy: ysgolion}
  - name: {en: doctors, cy: meddygon}
""")
    root = project({"councils/cymru/council.yaml": WELSH_COUNCIL,
                    "councils/cymru/notice.yaml": notice})
    doc = load_project(root).documents[0]
    assert "<p>We get it from schools and doctors.</p>" in render_html(doc)
    welsh = render_html(doc, language="cy")
    assert "<li>ysgolion</li>" in welsh and "<li>meddygon</li>" in welsh


def test_a_language_without_a_locale_is_a_located_error(project) -> None:
    root = project({"councils/cymru/council.yaml": COUNCIL_YAML + "languages: [en, fr]\n",
                    "councils/cymru/notice.yaml": SHORT_NOTICE.replace(
                        "{en: Privacy notice, cy: Hysbysiad preifatrwydd}",
                        "{en: Privacy notice, fr: Avis}")})
    problems = {(p.location.path, p.location.line, p.code): p.message
                for p in load_project(root).problems}
    council = [m for (path, _, code), m in problems.items() if path.endswith("council.yaml")]
    assert any("'fr' is not a language pause-docs publishes in" in m for m in council)
    assert ("councils/cymru/notice.yaml", 2, "unknown-language") in problems


def test_welsh_gets_no_flesch_score_but_cymraeg_clir_sentence_length(project) -> None:
    long = " ".join(["gair"] * 30) + "."
    notice = SHORT_NOTICE.replace("We help families in the borough.",
                                  f"{{en: We help families., cy: {long}}}")
    root = project({"councils/cymru/council.yaml": WELSH_COUNCIL,
                    "councils/cymru/notice.yaml": notice})
    found = lint_document(load_project(root).documents[0], TODAY)
    sentences = [p for p in found if p.code == "long-sentence"]
    assert len(sentences) == 1 and "more than 25 words" in sentences[0].message
    assert "Cymraeg Clir" in sentences[0].rule
    assert not [p for p in found if p.code == "hard-to-read"]


def test_the_schema_accepts_every_text_per_language() -> None:
    schema = json_schema(Council)
    assert {"$ref": f"#/$defs/{PER_LANGUAGE}"} in schema["properties"]["name"]["anyOf"]
    assert schema["properties"]["name"]["description"]  # still described for editors
    per_language = schema["$defs"][PER_LANGUAGE]
    assert set(per_language["patternProperties"]) == {"^[a-z]{2}$", "^[a-z]{2}-from$"}
    nation = schema["properties"]["nation"]
    assert "anyOf" not in nation  # a closed set of words is not text


@pytest.mark.slow
def test_the_bilingual_council_builds_html_and_pdf_in_each_language(project) -> None:
    pikepdf = pytest.importorskip("pikepdf")
    from pause_docs.build import build

    root = project(councils=("glanyrafon",))
    report = build(root, root / "output", "all", jobs=1)
    assert not [p for p in report.problems if p.severity == "error"]
    files = {(language, suffix): root / "output" / output_name(
                 "glanyrafon", "pause-privacy-notice", suffix, language, ("en", "cy"))
             for language in ("en", "cy") for suffix in ("html", "pdf")}
    assert files[("cy", "pdf")].name == "pause-privacy-notice.cy.pdf"
    assert all(file.is_file() for file in files.values()), files
    assert '<html lang="cy"' in files[("cy", "html")].read_text(encoding="utf-8")
    for language, tag in (("en", "en-GB"), ("cy", "cy")):
        with pikepdf.open(files[(language, "pdf")]) as pdf:
            assert str(pdf.Root.Lang) == tag


def test_a_welsh_dpia_screening_prints_the_forms_and_the_registrys_welsh(project) -> None:
    root = project({
        "councils/cymru/council.yaml": WELSH_COUNCIL,
        "councils/cymru/notice.yaml": SHORT_NOTICE,
        "councils/cymru/dpia.yaml": "kind: dpia-screening\npublished: 2026-12-01\n"
                                    "notice: notice\nanswers:\n"
                                    "  ico-tracking: {answer: \"no\", evidence: Dim.}\n",
        "councils/cymru/level-1.yaml": "kind: impact-assessment\npublished: 2026-12-01\n"
                                       "subject: {en: Pause, cy: Pause}\n"
                                       "aims: {en: To help., cy: Helpu.}\n"})
    docs = {d.slug: d for d in load_project(root).documents}
    welsh = words_of(render_html(docs["dpia"], language="cy"))
    for words in ("Sgrinio asesiad o'r effaith ar ddiogelu data", "Am y prosesu",
                  "Meini prawf EDPB / WP248 rev.01", "Gwrthrychau data agored i niwed",
                  "Maen prawf", "Nac ydy", "Rheolydd:"):
        assert words in welsh, words
    assert "Vulnerable data subjects" not in welsh and "Criterion" not in welsh
    found = lint_document(docs["dpia"], TODAY)
    # the bundled form's words are the tool's: reported at the document, naming the form
    assert not [p for p in found if p.location.path.startswith(("pause_docs/", "legal_bases/"))]
    assert any(p.code == "translation-unreviewed" and p.location.path == docs["dpia"].path
               and "the form 'dpia-criteria': pause-docs show form dpia-criteria" in p.message
               for p in found)
    # a form with no Welsh yet is reported once, naming the form, not text by text
    untranslated = [p for p in lint_document(docs["level-1"], TODAY)
                    if p.code == "translation-missing" and "pause-docs show form" in p.message]
    assert len(untranslated) == 1 and "of the form's texts" in untranslated[0].message
    assert untranslated[0].location.path == docs["level-1"].path


@pytest.mark.slow
def test_serve_previews_each_language_at_its_own_address(project) -> None:
    from pause_docs.preview.session import Session

    root = project(councils=("glanyrafon",))
    session = Session(root, ())
    ref = session.find("glanyrafon", "pause-privacy-notice.cy")
    assert ref is not None and ref.language == "cy"
    view = session.document(ref)
    assert view is not None and view.rendering is not None and view.languages == ("en", "cy")
    assert '<html lang="cy"' in view.rendering.html
    assert not [p for p in view.problems if p.severity != "info"]
    other = session.find("glanyrafon", "pause-privacy-notice.fr")
    assert other is not None and session.document(other) is None  # not one of its languages


def test_lint_names_the_tools_own_welsh_by_registry_id_at_the_officers_document(project) -> None:
    """The registry's and the tool's own Welsh, not yet reviewed, are reported at the notice
    that prints them, naming the entry and how to look it up: the officer has no copy of the
    package's files to open."""
    from click.testing import CliRunner

    from pause_docs.cli import main

    root = project(councils=("glanyrafon",))
    result = CliRunner().invoke(main, ["--project", str(root), "lint", "--as-of", "2026-12-02",
                                       str(root / "councils" / "glanyrafon")])
    found = [line for line in result.output.splitlines() if ": translation-unreviewed: " in line]
    assert len(found) == 14 and all(line.startswith(f"{NOTICE}: info: ") for line in found)
    assert (f"{NOTICE}: info: translation-unreviewed: the Welsh of registry entry ca1989-s47 "
            "was drafted without a Welsh speaker's review: 'Deddf Plant 1989, adran 47' "
            "(see: pause-docs law ca1989-s47)") in found
    assert (f"{NOTICE}: info: translation-unreviewed: the fixed words of Welsh pages (the "
            "tool's own Welsh: its headings and labels) were drafted without a Welsh "
            "speaker's review") in found
    assert "the legal registry's right 'informed'" in result.output


def test_a_date_prints_in_each_locale_and_style_however_often_it_is_asked_for() -> None:
    """Formatted dates are kept by their values (day, pattern, locale): the same date in
    another language or style, or another date, is never a kept one."""
    english, welsh = load_locale("en"), load_locale("cy")
    day, other = dt.date(2026, 2, 1), dt.date(2026, 3, 1)
    for _ in range(2):
        assert english.date(day) == "1 February 2026"
        assert english.date(day, "month") == "February 2026"
        assert english.date(other) == "1 March 2026"
        assert welsh.date(day) != english.date(day) and "2026" in welsh.date(day)
