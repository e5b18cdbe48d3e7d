"""The council's logo in the editor's preview pane, over real HTTP from `pause-docs serve`:
the draft's page names its logo relatively, and that address serves the bytes the draft was
checked with, as the right type; a logo linked from outside the project, or any name the
draft's page does not show, is never served (a link inside the project is followed, as
`validate` and `build` follow it)."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import REPO
from test_serve import Served, serve_copy

pytestmark = pytest.mark.slow  # each starts pause-docs serve

COUNCIL = "councils/example-council"
FORM = "/_edit/example-council/family-help-privacy-notice"
LOGO = (REPO / COUNCIL / "logo.svg").read_bytes()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    yield from serve_copy(tmp_path_factory, COUNCIL.removeprefix("councils/"))


@pytest.fixture
def logo(served: Served) -> Iterator[Path]:
    """The council's logo file, put back as it was after the test."""
    council = served.root / COUNCIL
    before = (council / "council.yaml").read_text(encoding="utf-8")
    yield council / "logo.svg"
    (council / "council.yaml").write_text(before, encoding="utf-8")
    for made in ("logo.svg", "logo.png"):
        (council / made).unlink(missing_ok=True)
    (council / "logo.svg").write_bytes(LOGO)


def preview_of(served: Served) -> tuple[str, str]:
    """The preview pane's address on the form page, and the page it shows."""
    form = served.text(FORM)
    found = re.search(r'<iframe[^>]*\bsrc="([^"]+)"[^>]*data-ed-preview', form)
    assert found is not None, form[:2000]
    address = html.unescape(found.group(1))
    return address, served.text(address)


def logo_address(served: Served) -> str:
    """The path the preview pane's logo is fetched from, as a browser resolves it."""
    address, page = preview_of(served)
    found = re.search(r'<p class="logo"><img src="([^"]+)"', page)
    assert found is not None, page[:3000]
    return urlsplit(urljoin(served.url.rstrip("/") + address, found.group(1))).path


def test_the_preview_pane_shows_the_logo_the_built_page_shows(served: Served) -> None:
    path = logo_address(served)
    assert path == "/_edit/_draft/example-council/family-help-privacy-notice/logo.svg"
    status, headers, body = served.get(path)
    assert (status, headers["content-type"], body) == (200, "image/svg+xml", LOGO)
    assert headers["x-content-type-options"] == "nosniff"


def test_a_png_logo_is_served_as_a_png(served: Served, logo: Path) -> None:
    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (120, 60), (20, 60, 120)).save(picture, "PNG")
    (logo.parent / "logo.png").write_bytes(picture.getvalue())
    council = logo.parent / "council.yaml"
    council.write_text(council.read_text().replace("file: logo.svg", "file: logo.png"))
    path = logo_address(served)
    assert path.endswith("/family-help-privacy-notice/logo.png")
    assert served.get(path)[:3:2] == (200, picture.getvalue())
    assert served.get(path)[1]["content-type"] == "image/png"


@pytest.mark.parametrize("name", ["council.yaml", "family-help-privacy-notice.yaml",
                                  "logo.png", "%2e%2e%2fcouncil.yaml", "..%2fcouncil.yaml"])
def test_only_the_files_the_drafts_page_shows_are_served(served: Served, name: str) -> None:
    preview_of(served)  # the draft checked, with its logo
    base = "/_edit/_draft/example-council/family-help-privacy-notice/"
    assert served.get(base + "logo.svg")[0] == 200
    assert served.get(base + name)[0] == 404, name
    assert served.get(f"/_edit/_draft/example-council/council/{name}")[0] == 404


def test_a_logo_linked_from_outside_the_project_is_never_served(
        served: Served, logo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "logo.svg"
    outside.write_bytes(LOGO)  # a harmless drawing: refused for where it is, not what it is
    logo.unlink()
    logo.symlink_to(outside)
    address, page = preview_of(served)
    assert "<img" not in page  # the draft is not published: its council has an error
    form = served.text(FORM)
    assert "outside the project" in form, form[:3000]  # as validate says it
    for path in (address.split("?")[0] + "logo.svg", "/example-council/logo.svg",
                 "/_published/example-council/logo.svg"):
        assert served.get(path)[0] == 404, path


def test_a_logo_linked_to_a_file_inside_the_project_is_shown_as_validate_allows(
        served: Served, logo: Path) -> None:
    inside = served.root / "pictures" / "logo.svg"
    inside.parent.mkdir(exist_ok=True)
    inside.write_bytes(LOGO)
    logo.unlink()
    logo.symlink_to(inside)
    status, headers, body = served.get(logo_address(served))
    assert (status, headers["content-type"], body) == (200, "image/svg+xml", LOGO)
