"""Wording a notice chooses rather than is given (issue 26, item 15): whether paper prints a
web link's address after its words, and how a data category's examples follow its name.
Today's look is the default; each choice reaches HTML, PDF and Word alike."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import COUNCIL_YAML
from test_validate import run
from wordinfo import docx_text

from pause_docs.render.edition import render_document
from pause_docs.render.formats import FORMATS
from pause_docs.source.loading import load_project

ADDRESS = "https://www.example.gov.uk/privacy"
NOTICE = f"""\
kind: privacy-notice
title: Family support privacy notice
published: 2026-11-20
data_categories:
  - name: Health
    examples: your GP's name and any conditions
legal_bases:
  - provision: ukgdpr-art6-1-e
sections:
  - heading: What we hold
    show: data-categories
  - heading: More
    text: Read [our corporate privacy notice]({ADDRESS}).
"""


def edition(project, choices: str = ""):  # type: ignore[no-untyped-def]
    root = project({"councils/vale/council.yaml": COUNCIL_YAML,
                    "councils/vale/notice.yaml": NOTICE + choices})
    (doc,) = load_project(root).documents
    return render_document(doc, language="en")


def pdf_text(edition, tmp_path: Path) -> str:  # type: ignore[no-untyped-def]
    path = tmp_path / "page.pdf"
    path.write_bytes(FORMATS["pdf"].make(edition)[0])
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return " ".join(text.split())


def word_text(edition) -> str:  # type: ignore[no-untyped-def]
    return " ".join(docx_text(FORMATS["docx"].make(edition)[0]).split())


def test_by_default_examples_are_in_brackets_and_paper_prints_link_addresses(project) -> None:
    page = edition(project)
    assert "Health (your GP&#39;s name and any conditions)" in page.html \
        or "Health (your GP's name and any conditions)" in page.html
    assert 'class="print-address"' in page.html
    assert f"our corporate privacy notice ({ADDRESS})" in word_text(page)


@pytest.mark.slow
def test_a_notice_that_prints_no_link_addresses_prints_none_on_paper(project,
                                                                      tmp_path: Path) -> None:
    page = edition(project, "link_addresses: none\n")
    assert 'class="print-address"' not in page.html
    assert f'href="{ADDRESS}"' in page.html  # still a link on screen
    for text in (pdf_text(page, tmp_path), word_text(page)):
        assert "Read our corporate privacy notice." in text
        assert ADDRESS not in text


@pytest.mark.parametrize(("choice", "printed"), [
    ("colon", "Health: your GP's name and any conditions"),
    ("dash", "Health – your GP's name and any conditions")])
def test_examples_follow_the_name_as_the_notice_chooses(project, choice: str,
                                                        printed: str) -> None:
    page = edition(project, f"category_examples: {choice}\n")
    assert printed in word_text(page)
    assert "(your GP" not in word_text(page)


def test_a_choice_not_offered_is_a_located_error_naming_the_choices(project) -> None:
    root = project({"councils/vale/council.yaml": COUNCIL_YAML,
                    "councils/vale/notice.yaml": NOTICE + "category_examples: footnotes\n"})
    code, output = run(root, "validate")
    assert code == 1, output
    assert ("councils/vale/notice.yaml:14:20: error: invalid-value: category_examples: "
            "'footnotes' is not one of: brackets, colon, dash") in output
