"""A bilingual draft's page in the editor's preview pane links to itself in the council's
other language, as a built page does: over real HTTP from `pause-docs serve`, that link
leads to the draft (its text as last checked) in that language, never to a missing page."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

import pytest
from test_serve import Served, serve_copy

pytestmark = pytest.mark.slow  # starts pause-docs serve

COUNCIL = "councils/glanyrafon"
FORM = "/_edit/glanyrafon/pause-privacy-notice"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from serve_copy(tmp_path_factory, COUNCIL.removeprefix("councils/"))


def linked(served: Served, address: str, page: str, language: str) -> str:
    """The path a browser follows from `page` (at `address`) to its `language` page."""
    found = re.search(rf'<a href="([^"]+)" hreflang="{language}"', page)
    assert found is not None, page[:3000]
    return urlsplit(urljoin(served.url.rstrip("/") + address, found.group(1))).path


def test_the_draft_links_to_itself_in_welsh_and_back(served: Served) -> None:
    form = served.text(FORM)
    found = re.search(r'<iframe[^>]*\bsrc="([^"]+)"[^>]*data-ed-preview', form)
    assert found is not None, form[:2000]
    address = html.unescape(found.group(1))
    english = served.text(address)
    assert '<html lang="en' in english
    welsh_path = linked(served, address, english, "cy")
    assert welsh_path == ("/_edit/_draft/glanyrafon/pause-privacy-notice/"
                          "pause-privacy-notice.cy.html")
    status, headers, body = served.get(welsh_path)
    welsh = body.decode("utf-8")
    assert status == 200 and headers["content-type"].startswith("text/html"), welsh[:500]
    assert '<html lang="cy' in welsh
    assert "Cyngor Bwrdeistref Sirol Glanyrafon · 1 Rhagfyr 2026" in welsh
    back = linked(served, welsh_path, welsh, "en-GB")
    status, _, body = served.get(back)
    assert status == 200 and '<html lang="en' in body.decode("utf-8")


@pytest.mark.parametrize("name", ["pause-privacy-notice.fr.html", "other.cy.html",
                                  "pause-privacy-notice.c-y.html", "council.yaml"])
def test_no_other_name_beside_the_draft_is_a_page(served: Served, name: str) -> None:
    served.text(FORM)  # the draft is made
    status, _, _ = served.get(f"/_edit/_draft/glanyrafon/pause-privacy-notice/{name}")
    assert status == 404
