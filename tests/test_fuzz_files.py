"""Fuzz: the files a project holds that are not YAML — the council's logo (SVG, PNG, JPEG) —
and the notices `audit` reads (HTML, PDF, Word, text), malformed, huge and written to hurt.
Whatever they hold, `validate`, `build` and `audit` end with an exit status of 0, 1 or 2,
never a traceback, never "internal-error", never more than 30 seconds, and print no control
character, lone surrogate or invisible mark that reorders text; `audit --format json` is
always JSON.

Logos are real pictures (made by Pillow) and the bundled and tested SVGs, damaged byte by
byte, grown past the size limit, nested or repeated past the SVG limits, or declaring
pictures of billions of pixels.  Notices are real pages (the golden HTML, printed to PDF by
WeasyPrint, written to Word by python-docx) damaged the same ways, and the tested hostile
files (zip bombs, entity expansion, 100,000-deep nesting, loops in a PDF).  Derandomized:
every run tries the same files.  The default run tries 12 logos and 12 notices;
`pytest -m fuzz` 240 logos (built into HTML, PDF and Word) and 400 notices.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import time
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import COUNCIL_YAML, REPO
from damage import damage
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from test_audit_files import DEEP, LAUGHS, docx
from test_audit_files import HOSTILE as HOSTILE_NOTICES
from test_fuzz import HANG, HOSTILE_TEXT, at_most
from test_logo import HARMLESS, NOTICE, jpeg_claiming, made_picture, png_claiming
from test_logo import HOSTILE as HOSTILE_SVGS

from pause_docs.cli import main
from pause_docs.source.logo import MAX_LOGO_BYTES

# What no output may carry: controls, lone surrogates, and the invisible marks that reorder
# text or break lines (a terminal would show them, or be driven by them).
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff"
                       "\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]")
LOGOS_PER_EXAMPLE = 4
NOTICES_PER_EXAMPLE = 4
GOLDEN = sorted((REPO / "tests/golden").glob("*.html"))
SVGS = [(REPO / "pause_docs/example/logo.svg").read_bytes(),
        *(svg.encode() for svg in (*HARMLESS.values(), *HOSTILE_SVGS.values()))]
SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 40">'
TRAPS = [*HOSTILE_TEXT, "&#x202e;", "&#27;[2J", "&#0;", "&#xD800;", "&#x9b;", "\u2028",
         "\ufeff", "<!--", "<![CDATA[", "<script>alert(1)</script>", "&nope;", "]]>"]


def run(args: list[str], tally: Counter[str]) -> tuple[int, str]:
    """One command as a user runs it, held to the promises in the module's docstring."""
    with at_most(HANG, " ".join(args[-3:])):
        result = CliRunner().invoke(main, args)
    what = f"{args}: {result.output[-2000:]}"
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        what, result.exc_info)
    assert result.exit_code in (0, 1, 2), what
    assert "Traceback" not in result.output and "internal-error" not in result.output, what
    assert not FORBIDDEN.search(result.output), (what, FORBIDDEN.search(result.output))
    tally[f"{args[2] if args[0] == '--project' else args[0]} exit {result.exit_code}"] += 1
    return result.exit_code, result.output


# --- bytes damaged the ways files are damaged -------------------------------------------------

@st.composite
def damaged(draw: st.DrawFn, data: bytes, limit: int) -> bytes:
    """`data` kept, cut short, with bytes flipped or inserted, a part repeated, or grown
    just past `limit` (the size the reader refuses)."""
    action = draw(st.sampled_from(["keep", "truncate", "flip", "insert", "repeat", "grow"]))
    if action == "truncate":
        return data[:draw(st.integers(0, len(data)))]
    if action in ("flip", "insert"):
        out = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            at = draw(st.integers(0, len(out)))
            if action == "flip" and at < len(out):
                out[at] ^= draw(st.integers(1, 255))
            else:
                out[at:at] = draw(st.binary(min_size=1, max_size=16))
        return bytes(out)
    if action == "repeat" and data:
        start = draw(st.integers(0, len(data) - 1))
        part = data[start:start + draw(st.integers(1, 200))]
        return data[:start] + part * draw(st.integers(2, 2000)) + data[start:]
    if action == "grow":
        return data + b" " * (limit + 1 - len(data))
    return data


# --- logos ------------------------------------------------------------------------------------

PNGS = [made_picture("PNG", (1, 1), "RGB"), made_picture("PNG", (120, 40), "RGBA"),
        made_picture("PNG", (64, 64), "P"), made_picture("PNG", (300, 10), "L")]
JPEGS = [made_picture("JPEG", (1, 1), "RGB"), made_picture("JPEG", (120, 40), "RGB"),
         made_picture("JPEG", (64, 64), "L")]
# Pictures that say they are this big (and hold a few bytes): billions of pixels, or none.
SIZES = [(0, 0), (1, 100_000), (100_000, 1), (12_000, 12_000), (65_535, 65_535),
         (2**31 - 1, 2**31 - 1)]


@st.composite
def svg(draw: st.DrawFn) -> bytes:
    """A real or hostile SVG, damaged; or one past the depth, element or size limits."""
    choice = draw(st.integers(0, 5))
    if choice == 0:
        depth = draw(st.sampled_from([50, 101, 5_000, 200_000]))
        return (SVG_OPEN + "<g>" * depth + "</g>" * depth + "</svg>").encode()
    if choice == 1:
        return (SVG_OPEN + "<rect/>" * draw(st.sampled_from([10, 50_001])) + "</svg>").encode()
    if choice == 2:
        text = draw(st.sampled_from(TRAPS) | st.text(max_size=40))
        where = draw(st.sampled_from(["<text>{}</text>", '<rect id="{}"/>', "<!-- {} -->",
                                      "<title>{}</title>"]))
        return (SVG_OPEN + where.format(text) + "</svg>").encode("utf-8", "surrogatepass")
    seed = draw(st.sampled_from(SVGS))
    if choice == 3:
        return damage(draw, seed.decode("utf-8")).encode()
    return draw(damaged(seed, MAX_LOGO_BYTES))


@st.composite
def picture(draw: st.DrawFn, suffix: str) -> bytes:
    seeds, claiming = (PNGS, png_claiming) if suffix == "png" else (JPEGS, jpeg_claiming)
    if draw(st.integers(0, 3)) == 0:
        return claiming(*draw(st.sampled_from(SIZES)))
    return draw(damaged(draw(st.sampled_from(seeds)), MAX_LOGO_BYTES))


LOGO = st.sampled_from(["svg", "png", "jpg"]).flatmap(
    lambda suffix: st.tuples(st.just(suffix), svg() if suffix == "svg" else picture(suffix)))


def put_logos(root: Path, logos: list[tuple[str, bytes]]) -> None:
    """One council per logo, each with a notice to build."""
    for i, (suffix, data) in enumerate(logos):
        folder = root / "councils" / f"fz-{i}"
        folder.mkdir(parents=True)
        (folder / f"logo.{suffix}").write_bytes(data)
        (folder / "council.yaml").write_text(
            COUNCIL_YAML + f"logo:\n  file: logo.{suffix}\n  alt: Example Borough Council\n",
            encoding="utf-8")
        (folder / "help.yaml").write_text(NOTICE, encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize(("examples", "fmt"), [
    (3, "html"), pytest.param(60, "all", marks=pytest.mark.fuzz)])
def test_hostile_logos_never_crash_hang_or_leak_controls(
        tmp_path: Path, examples: int, fmt: str) -> None:
    root, out = tmp_path / "project", tmp_path / "output"
    tally: Counter[str] = Counter()
    started = time.monotonic()

    @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck), phases=[Phase.generate])
    @given(st.lists(LOGO, min_size=LOGOS_PER_EXAMPLE, max_size=LOGOS_PER_EXAMPLE))
    def commands_hold(logos: list[tuple[str, bytes]]) -> None:
        try:
            put_logos(root, logos)
            tally.update(f"{suffix} logos" for suffix, _ in logos)
            valid, said = run(["--project", str(root), "validate"], tally)
            tally["logos refused"] += said.count("unsafe-logo") + said.count("file-too-large")
            built, why = run(["--project", str(root), "build", "--format", fmt, "--output",
                              str(out), "-j", "1", "-q"], tally)
            assert built == valid, why  # a logo validate passes is built, in every format
            tally["pages"] += len(list(out.rglob("*.html")))
        finally:
            shutil.rmtree(root, ignore_errors=True)
            shutil.rmtree(out, ignore_errors=True)

    commands_hold()
    files = sum(n for name, n in tally.items() if name.endswith(" logos"))
    print(f"\n{files} hostile logos in {time.monotonic() - started:.0f} s: "
          f"{dict(sorted(tally.items()))}")
    assert files == examples * LOGOS_PER_EXAMPLE
    assert tally["logos refused"] and tally["pages"], tally  # both outcomes are reached


# --- notices for audit ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def notices() -> dict[str, list[bytes]]:
    """Real notices in each format audit reads: the golden pages, two of them printed to PDF
    and written to Word, and their words as text."""
    from docx import Document
    from weasyprint import HTML

    pages = [page.read_bytes() for page in GOLDEN]
    texts = [re.sub(r"<[^>]+>", "", page.decode()).encode() for page in pages]
    words = []
    for text in texts[:2]:
        document = Document()
        for line in filter(None, map(str.strip, text.decode().splitlines())):
            document.add_paragraph(line)
        out = io.BytesIO()
        document.save(out)
        words.append(out.getvalue())
    hostile_page = "".join(f"<p>{t}</p>" for t in HOSTILE_TEXT
                           if not re.search("[\x00\ud800-\udfff]", t))
    pdfs = [HTML(string=page.decode()).write_pdf() for page in pages[:2]]
    pdfs.append(HTML(string=hostile_page).write_pdf())
    hostile = {"html": [], "pdf": [], "docx": [], "text": []}
    for name, (data, _) in HOSTILE_NOTICES.items():
        hostile["docx" if name.endswith(".docx") else "pdf"].append(data)
    return {"html": pages, "pdf": pdfs, "docx": words, "text": texts,
            **{f"hostile {kind}": found for kind, found in hostile.items()}}


SUFFIX = {"html": "html", "pdf": "pdf", "docx": "docx", "text": "txt"}
AUDIT_LIMIT = 50_000_000


def _words_made_hostile(draw: st.DrawFn, kind: str) -> bytes:
    """A notice of `kind` whose words are traps, too many, or nested too deep."""
    traps = draw(st.lists(st.sampled_from(TRAPS) | st.text(max_size=60), min_size=1,
                          max_size=8))
    many = draw(st.sampled_from([1, 1, 1, 20_000]))
    if kind == "docx":
        if draw(st.booleans()):
            return docx(DEEP if many > 1 else LAUGHS)
        body = "".join(f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in traps) * many
        return docx('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml'
                    f'/2006/main"><w:body>{body}</w:body></w:document>'.encode(
                        "utf-8", "surrogatepass"))
    if kind == "html":
        depth = draw(st.sampled_from([0, 0, 3_000, 100_000]))
        return ("<div>" * depth + "".join(f"<p>{t}</p>\n" for t in traps) * many
                ).encode("utf-8", "surrogatepass")
    lines = "\n".join(traps) * many
    return lines.encode(draw(st.sampled_from(["utf-8", "utf-16"])), "surrogatepass")


@st.composite
def notice(draw: st.DrawFn, seeds: dict[str, list[bytes]]) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(sorted(SUFFIX)))
    choice = draw(st.integers(0, 3))
    if choice == 0 and kind != "pdf":
        return kind, _words_made_hostile(draw, kind)
    if choice == 1 and seeds[f"hostile {kind}"]:
        return kind, draw(st.sampled_from(seeds[f"hostile {kind}"]))
    return kind, draw(damaged(draw(st.sampled_from(seeds[kind])), AUDIT_LIMIT))


def audit_holds(folder: Path, files: list[tuple[str, bytes]], tally: Counter[str]) -> None:
    """Each file audited alone, then the folder as a table and as JSON."""
    folder.mkdir()
    for i, (kind, data) in enumerate(files):
        path = folder / f"notice-{i}.{SUFFIX[kind]}"
        path.write_bytes(data)
        _, said = run(["audit", str(path), "--as-of", "2026-11-21"], tally)
        tally[f"{kind} notices"] += 1
        tally["notices unreadable"] += "unreadable" in said
    run(["audit", str(folder), "--as-of", "2026-11-21"], tally)
    report = json.loads(run(["audit", str(folder), "--format", "json", "--as-of",
                                "2026-11-21"], tally)[1])
    assert len(report["documents"]) == len(files)


@pytest.mark.slow
@pytest.mark.parametrize("examples", [3, pytest.param(100, marks=pytest.mark.fuzz)])
def test_hostile_notices_never_crash_hang_or_leak_controls(
        tmp_path: Path, notices: dict[str, list[bytes]], examples: int) -> None:
    tally: Counter[str] = Counter()
    started = time.monotonic()

    @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck), phases=[Phase.generate])
    @given(st.lists(notice(notices), min_size=NOTICES_PER_EXAMPLE,
                    max_size=NOTICES_PER_EXAMPLE))
    def audit_never_breaks(files: list[tuple[str, bytes]]) -> None:
        folder = tmp_path / "notices"
        try:
            audit_holds(folder, files, tally)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    audit_never_breaks()
    files = sum(n for name, n in tally.items() if name.endswith(" notices"))
    print(f"\n{files} hostile notices in {time.monotonic() - started:.0f} s: "
          f"{dict(sorted(tally.items()))}")
    assert files == examples * NOTICES_PER_EXAMPLE
    assert tally["notices unreadable"] and tally["audit exit 1"], tally
