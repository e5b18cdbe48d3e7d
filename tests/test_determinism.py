"""The same input gives the same bytes: whole builds of the bundled project, run as real
processes that differ in everything that should not matter (hash seed, time zone, locale,
working directory, output folder, number of workers, whether libharfbuzz-subset0 is there,
which fonts the machine has), produce identical HTML and PDF with no time, path or random id.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from conftest import REPO, bundled_documents

NO_SUBSET = Path(__file__).parent / "without_harfbuzz_subset"
DOCUMENTS = bundled_documents()


def run_build(out: Path, *, cwd: Path, seed: str, tz: str, jobs: int,
              extra_env: dict[str, str] | None = None, only: str | None = None) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "PYTHONPATH")}
    env.update({"PYTHONHASHSEED": seed, "TZ": tz, "LC_ALL": "C.UTF-8"}, **(extra_env or {}))
    command = [sys.executable, "-m", "pause_docs", "--project", str(REPO), "build",
               *([only] if only else []), "--output", str(out), "--force", "--quiet",
               "--jobs", str(jobs)]
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


def files(out: Path) -> dict[str, bytes]:
    """The published files; the build's own manifest (a dot file, with file times) is not."""
    return {p.relative_to(out).as_posix(): p.read_bytes()
            for p in sorted(out.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def assert_identical(first: Path, second: Path) -> None:
    a, b = files(first), files(second)
    assert sorted(a) == sorted(b)
    assert len([n for n in a if n.endswith((".html", ".pdf"))]) == 2 * sum(
        len(doc.languages) for doc in DOCUMENTS)
    differ = [name for name in a if a[name] != b[name]]
    assert not differ, f"different bytes in two builds of the same input: {differ}"


def two_builds(tmp_path: Path, extra_env: dict[str, str] | None = None) -> tuple[Path, Path]:
    (tmp_path / "cwd-a").mkdir()
    (tmp_path / "elsewhere" / "cwd-b").mkdir(parents=True)
    first, second = tmp_path / "out-a", tmp_path / "elsewhere" / "deeper" / "out-b"
    run_build(first, cwd=tmp_path / "cwd-a", seed="1", tz="UTC", jobs=2, extra_env=extra_env)
    run_build(second, cwd=tmp_path / "elsewhere" / "cwd-b", seed="4242",
              tz="Pacific/Kiritimati", jobs=1, extra_env=extra_env)
    return first, second


@pytest.mark.slow
def test_two_builds_give_byte_identical_html_and_pdf(tmp_path: Path) -> None:
    first, second = two_builds(tmp_path)
    assert_identical(first, second)


@pytest.mark.slow
def test_two_builds_are_identical_without_libharfbuzz_subset(tmp_path: Path) -> None:
    env = {"PYTHONPATH": str(NO_SUBSET)}
    probe = subprocess.run([sys.executable, "-c", "import weasyprint.text.ffi as f; "
                            "print(f.harfbuzz_subset is None)"], env={**os.environ, **env},
                           capture_output=True, text=True, check=True)
    assert probe.stdout.strip() == "True", "the simulation did not hide libharfbuzz-subset"
    first, second = two_builds(tmp_path, env)
    assert_identical(first, second)


def _decoded_pdf(path: Path) -> bytes:
    """Every stream of the PDF decompressed, and its objects, so a search sees everything."""
    parts = []
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                try:
                    parts.append(obj.read_bytes())
                except pikepdf.PdfError:
                    parts.append(obj.read_raw_bytes())
            else:
                parts.append(repr(obj).encode())
    return path.read_bytes() + b"\n".join(parts)


@pytest.mark.slow
def test_output_holds_no_build_time_path_or_random_id(tmp_path: Path) -> None:
    out = tmp_path / "some-output-folder"
    run_build(out, cwd=tmp_path, seed="7", tz="UTC", jobs=2)
    today = dt.datetime.now(dt.UTC)
    forbidden = [str(REPO).encode(), str(tmp_path).encode(), b"some-output-folder",
                 today.strftime("%Y-%m-%d").encode(), today.strftime("D:%Y%m%d").encode()]
    # the machine's name, unless so short ('vm') that font data holds it by chance
    host = os.uname().nodename.encode()
    forbidden += [host] if len(host) >= 6 else []
    published = {output: doc.model.published for doc in DOCUMENTS
                 for output in (f"{doc.council_slug}/{doc.slug}.pdf",)}
    for name, data in files(out).items():
        text = _decoded_pdf(out / name) if name.endswith(".pdf") else data
        for bad in forbidden:
            assert bad not in text, f"{name} contains {bad!r}"
        if name in published:
            with pikepdf.open(out / name) as pdf:
                stamp = published[name].strftime("D:%Y%m%d000000")
                assert str(pdf.docinfo.CreationDate).startswith(stamp)
                assert str(pdf.docinfo.ModDate).startswith(stamp)


@pytest.mark.slow
def test_pdf_does_not_depend_on_the_fonts_the_machine_has(tmp_path: Path) -> None:
    if not DOCUMENTS:
        pytest.skip("no bundled documents")
    doc = DOCUMENTS[0]
    bare = tmp_path / "fonts.conf"  # a fontconfig that knows no fonts at all
    bare.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
                    f"<fontconfig><cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>\n")
    normal, fontless = tmp_path / "normal", tmp_path / "fontless"
    run_build(normal, cwd=tmp_path, seed="1", tz="UTC", jobs=1, only=doc.council_slug)
    run_build(fontless, cwd=tmp_path, seed="1", tz="UTC", jobs=1, only=doc.council_slug,
              extra_env={"FONTCONFIG_FILE": str(bare)})
    assert_same = files(normal) == files(fontless)
    assert assert_same, "a machine without fonts made a different PDF"
