"""The editor in `pause-docs serve`, over real HTTP on a real server: forms made from the
schemas, saving through a form keeps the file as written, and every write is refused unless it
comes from the editor's own page, with this run's token, on a loopback address (or with
--allow-edit), for a file the project lists."""

from __future__ import annotations

import html
import http.client
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO
from test_serve import Served, make_project, start, stop

pytestmark = pytest.mark.slow
NOTICE = "/_edit/oxfordshire/pause-privacy-notice"
FILE = "councils/oxfordshire/pause-privacy-notice.yaml"


class _Form(HTMLParser):
    """The values a browser would send for the page's form (no button pressed)."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self._text: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = {k: v or "" for k, v in attrs}
        name = given.get("name", "")
        if tag == "input" and name and given.get("type") != "submit":
            if given.get("type") != "radio" or "checked" in given:
                self.values[name] = given.get("value", "")
        elif tag == "textarea":
            self._text = name
            self.values[name] = ""
        elif tag == "select":
            self._select = name
            self.values[name] = ""
        elif tag == "option" and self._select and "selected" in given:
            self.values[self._select] = given.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._text = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self.values[self._text] += data


def form_of(page: str) -> dict[str, str]:
    found = _Form()
    found.feed(page)
    return {k: v.removeprefix("\n") if k in _textareas(page) else v
            for k, v in found.values.items()}


def _textareas(page: str) -> set[str]:
    return {html.unescape(n) for n in re.findall(r'<textarea[^>]*name="([^"]*)"', page)}


def post(served: Served, path: str, values: dict[str, str], *, origin: str | None = "own",
         action: str = "save", body: bytes | None = None) -> tuple[int, str]:
    data = body if body is not None else urllib.parse.urlencode(
        {**values, "_action": action}).encode()
    request = urllib.request.Request(served.url.rstrip("/") + path, data=data, method="POST")
    request.add_header("content-type", "application/x-www-form-urlencoded")
    if origin is not None:
        request.add_header("origin", served.url.rstrip("/") if origin == "own" else origin)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture(scope="module")
def editing(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    running = start(make_project(tmp_path_factory.mktemp("editing")))
    yield running
    status, err = stop(running)
    assert status == 0 and "Traceback" not in err, err


@pytest.fixture
def clean(editing: Served) -> Iterator[Served]:
    yield editing
    git(editing.root, "checkout", "-q", "--", ".")


def test_the_form_is_made_from_the_schema_with_hints_and_lists(editing: Served) -> None:
    page = editing.text(NOTICE)
    values = form_of(page)
    assert values["title"] == "OCC and Pause Privacy Notice"
    assert values["legal_bases/#count"] == "3" and values["legal_bases/0/provision"] == "ca2004-s10"
    assert 'for="f-recipients' not in page or "Who receives the data." in page
    assert "Title as published." in page  # the model's own description, as a hint
    assert 'value="add:safeguards"' in page and 'value="remove:legal_bases/1"' in page
    listing = editing.text("/_edit/")
    assert '/_edit/oxfordshire/council' in listing and '/_edit/lambeth/scoping-2017' in listing


def test_saving_one_field_through_the_form_changes_exactly_that_line(clean: Served) -> None:
    values = form_of(clean.text(NOTICE))
    values["subtitle"] = "How we use information about you in Pause"
    status, page = post(clean, NOTICE, values)
    assert status == 200 and "Saved councils/oxfordshire/pause-privacy-notice.yaml." in page
    assert git(clean.root, "diff", "--numstat").split() == ["1", "1", FILE]


def test_buttons_add_move_and_remove_list_items_without_saving(clean: Served) -> None:
    values = form_of(clean.text(NOTICE))
    _, page = post(clean, NOTICE, values, action="down:legal_bases/0")
    moved = form_of(page)
    assert moved["legal_bases/0/provision"] == "dpa2018"
    assert moved["legal_bases/1/provision"] == "ca2004-s10"
    _, page = post(clean, NOTICE, moved, action="add:safeguards")
    assert form_of(page)["safeguards/#count"] == "3"
    assert git(clean.root, "status", "--porcelain") == ""  # nothing saved yet
    status, _ = post(clean, NOTICE, moved, action="save")
    assert status == 200
    diff = git(clean.root, "diff", "--numstat").split()
    assert diff[2] == FILE and int(diff[0]) <= 6


def test_a_file_changed_on_disk_is_not_overwritten_and_both_versions_are_shown(
        clean: Served) -> None:
    values = form_of(clean.text(NOTICE))
    file = clean.root / FILE
    elsewhere = file.read_text().replace("Privacy Notice", "Privacy notice", 1)
    file.write_text(elsewhere)
    values["subtitle"] = "Mine"
    status, page = post(clean, NOTICE, values)
    assert status == 200 and file.read_text() == elsewhere
    assert "The file changed on disk since you opened it: nothing was saved" in page
    assert "+subtitle: Mine" in html.unescape(page)
    assert form_of(page)["subtitle"] == "Mine"  # the officer's work is still in the form


@pytest.mark.parametrize("origin", ["http://evil.example", None])
def test_a_cross_origin_post_or_one_without_an_origin_is_refused(clean: Served,
                                                               origin: str | None) -> None:
    values = form_of(clean.text(NOTICE))
    values["subtitle"] = "Changed by another site"
    status, page = post(clean, NOTICE, values, origin=origin)
    assert status == 403 and "Nothing was changed" in page
    assert git(clean.root, "status", "--porcelain") == ""


def test_a_post_without_the_token_or_with_a_wrong_one_is_refused(clean: Served) -> None:
    values = form_of(clean.text(NOTICE))
    values["subtitle"] = "No token"
    for token in (None, "guessed"):
        sent = {k: v for k, v in values.items() if k != "_token"}
        if token is not None:
            sent["_token"] = token
        status, _ = post(clean, NOTICE, sent)
        assert status == 403
    assert git(clean.root, "status", "--porcelain") == ""


@pytest.mark.parametrize("path", ["/_edit/../pyproject.toml", "/_edit/lambeth/..%2Fcouncil",
                                  "/_edit/..%2F..%2Fetc/passwd", "/_edit/templates/_paragraph",
                                  "/_edit/lambeth/nothing-here", "/_edit/LAMBETH/council"])
def test_a_path_outside_the_listed_files_is_refused(clean: Served, path: str) -> None:
    values = form_of(clean.text(NOTICE))
    status, _ = post(clean, path, values)
    assert status == 404
    assert clean.get(path)[0] == 404
    assert git(clean.root, "status", "--porcelain") == ""


def test_a_body_too_large_is_refused_before_it_is_read(clean: Served) -> None:
    where = urllib.parse.urlsplit(clean.url)
    connection = http.client.HTTPConnection(where.hostname or "", where.port, timeout=60)
    try:
        connection.putrequest("POST", NOTICE)
        connection.putheader("content-type", "application/x-www-form-urlencoded")
        connection.putheader("origin", clean.url.rstrip("/"))
        connection.putheader("content-length", str(50_000_000))
        connection.endheaders(b"_token=x&subtitle=")
        assert connection.getresponse().status == 413
    finally:
        connection.close()
    status, _ = post(clean, NOTICE, {}, body=b"x=1&" * 2000)
    assert status == 403  # a small form without the token


def test_a_non_loopback_address_refuses_every_write_unless_allow_edit(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    away = start(root, "--host", "0.0.0.0")
    try:
        away.url = away.url.replace("0.0.0.0", "127.0.0.1")
        values = form_of(away.text(NOTICE))
        values["subtitle"] = "From the network"
        status, page = post(away, NOTICE, values)
        assert status == 403 and "--allow-edit" in page
        assert git(root, "status", "--porcelain") == ""
    finally:
        stop(away)
    allowed = start(root, "--host", "0.0.0.0", "--allow-edit")
    try:
        allowed.url = allowed.url.replace("0.0.0.0", "127.0.0.1")
        values = form_of(allowed.text(NOTICE))
        values["subtitle"] = "From the network"
        status, _ = post(allowed, NOTICE, values)
        assert status == 200 and git(root, "diff", "--numstat").split()[:2] == ["1", "1"]
    finally:
        stop(allowed)


@pytest.fixture(scope="module")
def assessing(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("assessing")
    for folder in ("middlesbrough", "oxfordshire", "forms"):
        shutil.copytree(REPO / "councils" / folder, root / "councils" / folder)
    running = start(root)
    yield running
    stop(running)


def _new(served: Served, **chosen: str) -> tuple[str, str]:
    values = {**form_of(served.text("/_edit/_new/document")), **chosen}
    request = urllib.request.Request(
        served.url.rstrip("/") + "/_edit/_new/document", method="POST",
        data=urllib.parse.urlencode(values).encode())
    request.add_header("content-type", "application/x-www-form-urlencoded")
    request.add_header("origin", served.url.rstrip("/"))
    with urllib.request.urlopen(request, timeout=120) as response:
        return urllib.parse.urlsplit(response.geturl()).path, response.read().decode()


@pytest.mark.parametrize(("council", "kind", "form", "answer"), [
    ("middlesbrough", "impact-assessment", "middlesbrough-level-1", "no"),
    ("oxfordshire", "equality-impact-assessment", "", "neutral")])
def test_a_screening_on_a_councils_own_form_and_an_eqia_are_made_in_the_browser(
        assessing: Served, council: str, kind: str, form: str, answer: str) -> None:
    path, page = _new(assessing, council=council, kind=kind, programme="pause", form=form)
    assert path.startswith(f"/_edit/{council}/")
    values = form_of(page)
    assert "is still to be filled in" in page
    values["published"] = "2026-12-01"
    for name in [n for n in values if n.startswith("answers/")]:
        if name.endswith("/answer"):
            values[name] = answer
        elif name.endswith("/evidence"):
            values[name] = "The service works with the same people as before."
    if "description" in values:
        values["description"] = "A Pause Practice for the county."
    status, page = post(assessing, path, values)
    assert status == 200 and "Saved councils/" in page
    assert "is still to be filled in" not in page
    written = assessing.root / f"councils/{council}/{path.rsplit('/', 1)[1]}.yaml"
    # 'no' is quoted: a YAML 1.1 reader (an editor's, a script's) would take it for false
    assert re.search(f"^    answer: '?{answer}'?$", written.read_text(), re.M)
    checked = subprocess.run(
        [sys.executable, "-m", "pause_docs", "--project", str(assessing.root), "validate",
         str(written)], capture_output=True, text=True, timeout=300)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_value_the_programme_gives_is_shown_and_can_be_copied_to_change_it(
        clean: Served) -> None:
    page = clean.text(NOTICE)
    assert "Left empty: the programme gives data categories" in html.unescape(page)
    status, page = post(clean, NOTICE, form_of(page), action="inherit:data_categories")
    values = form_of(page)
    assert status == 200 and int(values["data_categories/#count"]) > 0
    assert values["data_categories/0/name"]
    assert git(clean.root, "status", "--porcelain") == ""  # copied into the form, not saved


def test_welsh_beside_english_marked_stale_and_confirmed_writes_the_from_record(
        tmp_path: Path) -> None:
    shutil.copytree(REPO / "councils" / "glanyrafon", tmp_path / "councils" / "glanyrafon")
    served = start(tmp_path)
    try:
        page = "/_edit/glanyrafon/pause-privacy-notice"
        values = form_of(served.text(page))
        assert values["subtitle/@cy"].startswith("Sut rydym yn defnyddio")
        values["subtitle/@en"] = "How we use what we know about you in the Pause scoping exercise"
        _, shown = post(served, page, values, action="preview")
        assert "Out of date: the English changed after this was confirmed" in shown
        _, shown = post(served, page, form_of(shown), action="confirm:subtitle/@cy")
        assert "Out of date" not in shown
        status, _ = post(served, page, form_of(shown), action="save")
        assert status == 200
    finally:
        stop(served)
    text = (tmp_path / "councils/glanyrafon/pause-privacy-notice.yaml").read_text()
    assert "  en: How we use what we know about you in the Pause scoping exercise\n" in text
    assert "  cy-from: 193dc724\n" in text  # the hash of the new English, as `translations`
    left = subprocess.run([sys.executable, "-m", "pause_docs", "--project", str(tmp_path),
                           "translations"], capture_output=True, text=True, timeout=300)
    assert "0 to re-translate" in left.stdout + left.stderr


def labels(page: str) -> dict[str, str]:
    """Each field's id -> the name the page gives it (its label or legend)."""
    found = re.findall(r'<label class="ed-label" for="([^"]+)">([^<]*)', page)
    return {ident: " ".join(html.unescape(words).split()) for ident, words in found}


def test_a_dpia_and_a_screening_name_their_fields_as_the_form_prints_them(
        assessing: Served) -> None:
    """An officer sees the form's own words, not the keys the YAML writes them under."""
    dpia = labels(assessing.text("/_edit/oxfordshire/pause-dpia"))
    assert dpia["f-aims"] == ("What the project aims to achieve and what type of processing "
                              "it involves")
    assert dpia["f-dpo_advice"] == "DPO advice"
    assert dpia["f-dpo_advice_not_followed"] == "Why the advice was not followed"
    assert dpia["f-ico_consulted"] == "ICO consulted"  # a key of the model: acronyms kept
    screening = assessing.text("/_edit/oxfordshire/pause-dpia-screening")
    assert re.search(r'<legend class="ed-legend">\s*Risk of physical harm', screening)
    assert not [words for words in labels(screening).values() if "_" in words]
    equality = assessing.text("/_edit/oxfordshire/pause-equality-screening")
    opening = re.findall(r'value="open:[^"]+">([^<]+)<', equality)  # an answer not given here
    assert opening == ["Fill in “Age”", "Fill in “Disability”",  # the programme answers these
                       "Fill in “Pregnancy and maternity”", "Fill in “Sex”",
                       "Fill in “Care experience”"]  # (once 'Give sex')
