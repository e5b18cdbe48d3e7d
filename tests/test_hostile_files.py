"""Never a traceback, never a hang, never a raw control character on the terminal: files and
folders that are odd, hostile or broken get one clear, located line each."""

from __future__ import annotations

import contextlib
import os
import re
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import COUNCIL_YAML

from pause_docs.build import build
from pause_docs.cli import main
from pause_docs.source.reader import NotReadable, read_regular

NOTICE = "kind: privacy-notice\ntitle: A notice\npublished: 2026-01-01\nprogramme: pause\n"
RAW_CONTROL = [chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))]


def cli(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--project", str(root), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.output, result.exc_info)
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def run(root: Path, *args: str, **options: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pause_docs", "--project", str(root), *args],
                          capture_output=True, text=True, timeout=120, **options)  # type: ignore[call-overload]


def example(project, text: str, name: str = "notice.yaml") -> Path:  # type: ignore[no-untyped-def]
    return project({"councils/example/council.yaml": COUNCIL_YAML,
                    f"councils/example/{name}": text})


# --- 7. terminal escapes ---------------------------------------------------------------------

def test_escape_sequences_in_names_reach_the_terminal_escaped(project) -> None:
    osc = "\x1b]0;owned\x07"
    root = example(project, NOTICE, name=f"a{osc}b\x9b31m.yaml")
    code, output = cli(root, "validate")
    assert code == 1
    assert not any(c in output for c in RAW_CONTROL)
    assert ("councils/example/a\\x1b]0;owned\\x07b\\x9b31m.yaml: error: invalid-name: "
            "'a\\x1b]0;owned\\x07b\\x9b31m.yaml' cannot be a document file name") in output
    code, output = cli(root, "build", "\x1b[2Jcouncil")
    assert code == 2 and "no council '\\x1b[2Jcouncil'" in output
    assert not any(c in output for c in RAW_CONTROL)


# --- 8 and 9. control characters and lone surrogates written as escapes ----------------------

@pytest.mark.parametrize(("escape", "character"), [
    ("\\0", "U+0000"), ("\\x1b", "U+001B"), ("\\a", "U+0007"), ("\\e[31m", "U+001B"),
    ("\\x9b", "U+009B"), ("\\r", "U+000D"), ("\\N", "U+0085"), ("\\uFFFE", "U+FFFE")])
def test_control_characters_written_as_escapes_are_refused_where_written(
        project, escape: str, character: str) -> None:
    root = example(project, NOTICE + f'subtitle: "before{escape}after"\n')
    assert cli(root, "validate") == (1, (
        f"councils/example/notice.yaml:5:11: error: yaml-character: the invisible control "
        f"character {character}, written as an escape, is not allowed in YAML: delete it\n"
        "1 error\n"))


@pytest.mark.slow
def test_a_lone_surrogate_is_refused_in_every_kind_of_file(project, tmp_path: Path) -> None:
    half = '"\\ud800"'
    root = project({
        "councils/example/council.yaml": COUNCIL_YAML.replace("short_name: Example",
                                                              f"short_name: {half}"),
        "councils/example/notice.yaml": NOTICE + f"subtitle: {half}\n",
        "councils/programmes/extra.yaml": f"name: {half}\n",
        "legal_bases/zz-extra.yaml": f"nonexistent:\n  - title: {half}\n",
    })
    message = ("yaml-character: U+D800, written as an escape, is half of a surrogate pair, "
               "not a character: write the character itself instead")
    code, output = cli(root, "validate")
    assert code == 1
    for where in ("councils/example/council.yaml:2:13", "councils/example/notice.yaml:5:11",
                  "councils/programmes/extra.yaml:1:7", "legal_bases/zz-extra.yaml:2:12"):
        assert f"{where}: error: {message}" in output, output
    for command in (["build", "--output", str(tmp_path / "out")], ["lint"]):
        code, output = cli(root, *command)
        assert code == 1 and "internal-error" not in output
    code, output = cli(root, "diff", str(root / "councils/example/notice.yaml"),
                       str(root / "councils/example/notice.yaml"))
    assert code == 2 and "yaml-character" in output


# --- 10. files that are not files ------------------------------------------------------------

@pytest.mark.slow
def test_pipes_devices_and_link_loops_get_a_located_error_at_once(project,
                                                                  tmp_path: Path) -> None:
    root = example(project, NOTICE)
    folder = root / "councils" / "example"
    os.mkfifo(folder / "pipe.yaml")
    (folder / "loop.yaml").symlink_to("loop.yaml")
    (folder / "random.yaml").symlink_to("/dev/urandom")
    (folder / "zero.yaml").symlink_to("/dev/zero")
    for command in (["validate"], ["build", "--output", str(tmp_path / "out")], ["lint"]):
        done = run(root, *command)  # one that waited on the pipe would run into its timeout
        assert "Traceback" not in done.stderr
        assert done.returncode == 1
        for line in (
                "councils/example/loop.yaml: error: unreadable: a loop of symbolic links: "
                "the link points back at itself",
                "councils/example/pipe.yaml: error: not-a-file: not an ordinary file (a named "
                "pipe): pause-docs reads only ordinary files",
                "councils/example/random.yaml: error: outside-project: a symbolic link to "
                "/dev/urandom, outside the project",
                "councils/example/zero.yaml: error: outside-project: a symbolic link to "
                "/dev/zero, outside the project"):
            assert line in done.stdout + done.stderr, (command, done.stdout + done.stderr)


@pytest.mark.parametrize(("path", "code"), [
    ("/dev/zero", "not-a-file"), ("/dev/urandom", "not-a-file"), ("/dev/null", "not-a-file"),
    ("/", "not-a-file"), ("/proc/self/maps", "file-too-large"),  # sized 0, yet holds more
    ("/no/such/file", "unreadable")])
def test_the_reader_reads_only_ordinary_files_and_counts_what_it_reads(path: str,
                                                                       code: str) -> None:
    with pytest.raises(NotReadable) as refused:
        read_regular(Path(path), 100)
    assert refused.value.code == code


# --- 11. a document that expands, a PDF that takes too long -----------------------------------

def test_aliases_of_a_long_text_are_refused_where_they_are_used(project) -> None:
    long = "x" * 900_000
    root = example(project, NOTICE + f"subtitle: &text '{long}'\nsections:\n"
                   + "".join("  - heading: *text\n" for _ in range(200)))
    started = time.process_time()  # the work done, which a loaded machine does not stretch
    assert cli(root, "validate") == (1, (
        "councils/example/notice.yaml:7:5: error: too-large: more than 1,000,000 characters of "
        "text once aliases are expanded; is an alias ('*name') of a long text repeated many "
        "times?\n1 error\n"))
    assert time.process_time() - started < 10


@pytest.mark.slow
def test_a_pdf_past_its_time_limit_is_a_located_error_and_the_others_are_made(
        project, tmp_path: Path) -> None:
    root = project(councils=("lambeth",))
    report = build(root, tmp_path / "out", "all", jobs=1, pdf_time_limit=0.001)
    assert report.built == [] and len(report.failed) == 2
    assert [str(p) for p in report.problems] == [
        "councils/lambeth/scoping-2017.yaml: error: pdf-too-slow: could not make "
        "lambeth/scoping-2017.pdf: printing took more than 0.001 s; is the document far longer "
        "than a notice should be?",
        "councils/lambeth/scoping-2026.yaml: error: pdf-too-slow: could not make "
        "lambeth/scoping-2026.pdf: printing took more than 0.001 s; is the document far longer "
        "than a notice should be?"]
    assert build(root, tmp_path / "out", "all", jobs=1).failed == []  # the usual limit


# --- 12. output folders that cannot be written -----------------------------------------------

@contextlib.contextmanager
def small_disk(path: Path, size: str, read_only: bool = False) -> Iterator[bool]:
    """A real file system of `size` mounted at `path` (True), when this process may mount
    one; else nothing is mounted (False)."""
    path.mkdir(parents=True, exist_ok=True)
    mounted = os.geteuid() == 0 and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
        capture_output=True).returncode == 0
    try:
        if mounted and read_only:
            subprocess.run(["mount", "-o", "remount,ro", str(path)], check=True)
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(path)], check=False)


def test_a_read_only_output_folder_is_one_clear_error(project, tmp_path: Path) -> None:
    root = project(councils=("lambeth",))
    out = tmp_path / "out"
    with small_disk(out, "1m", read_only=True) as mounted:
        if not mounted:
            if os.geteuid() == 0:
                pytest.skip("running as root and cannot mount a read-only file system")
            out.chmod(0o555)
        done = run(root, "build", "--output", str(out))
        assert done.returncode == 1 and done.stdout == ""
        assert done.stderr in (
            f"Error: cannot write to the output folder {out}: Read-only file system\n",
            f"Error: cannot write to the output folder {out}: Permission denied\n")


@pytest.mark.slow
def test_a_full_disk_still_reports_every_document(project, tmp_path: Path) -> None:
    root = project(councils=("lambeth", "oxfordshire"))
    out = tmp_path / "out"
    with small_disk(out, "120k") as mounted:
        limit = {} if mounted else {"preexec_fn": _file_size_limit(60_000)}
        done = run(root, "build", "--output", str(out), "-j", "1", **limit)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.splitlines()  # the summary; each document's problem on stdout
    assert lines[0].startswith("built ")
    full = ("No space left on device", "File too large")
    failed = [line for line in done.stdout.splitlines()
              if "error: cannot-write: could not write " in line]
    assert failed and all(line.endswith(full) for line in failed), done.stdout
    assert lines[-1].endswith("errors") or lines[-1] == "1 error"


def _file_size_limit(size: int):  # type: ignore[no-untyped-def]
    def limit() -> None:  # writing past it fails with EFBIG, as a full disk does with ENOSPC
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    return limit


def test_an_output_that_is_not_a_folder_is_a_usage_error(project) -> None:
    root = project(councils=("lambeth",))
    done = run(root, "build", "--output", "/dev/null")
    assert (done.returncode, done.stdout, done.stderr) == (
        2, "", "Error: --output /dev/null is not a folder: give a folder to build into\n")


def test_an_output_sub_folder_linked_elsewhere_is_refused_clearly(project,
                                                                  tmp_path: Path) -> None:
    root = project(councils=("lambeth",))
    out, elsewhere = tmp_path / "out", tmp_path / "www"
    elsewhere.mkdir()
    out.mkdir()
    (out / "lambeth").symlink_to(elsewhere)
    code, output = cli(root, "build", "--output", str(out), "--format", "html")
    assert code == 1 and "bug" not in output
    assert (f"councils/lambeth/scoping-2017.yaml: error: cannot-write: could not write "
            f"lambeth/scoping-2017.html: cannot write lambeth/scoping-2017.html: {out}/lambeth "
            f"is a symbolic link to {elsewhere}, outside the output folder") in output


# --- 13. found in review ---------------------------------------------------------------------

def test_an_error_in_a_councils_own_template_points_at_that_file(project,
                                                                 tmp_path: Path) -> None:
    root = project({"templates/lambeth/fair-processing-notice.html":
                    '{% extends "document.html" %}\n{% block title %}{{ nope.x }}{% endblock %}'},
                   councils=("lambeth",))
    report = build(root, tmp_path / "out", "html", jobs=1)
    assert {str(p) for p in report.problems} == {
        "templates/lambeth/fair-processing-notice.html:2:1: error: template-undefined: 'nope' "
        "is undefined"}
    assert (root / "templates" / "lambeth" / "fair-processing-notice.html").is_file()


def test_a_number_out_of_its_choices_lists_them(project) -> None:
    root = example(project, NOTICE + "sections:\n  - heading: H\n    level: 4\n    show: summary\n")
    code, output = cli(root, "validate")
    assert code == 1
    assert "error: invalid-value: sections[1].level: '4' is not one of: 2, 3\n" in output


def test_a_very_long_name_is_an_error_not_a_crash(project) -> None:
    root = example(project, "kind: dpia-screening\ntitle: T\npublished: 2026-01-01\n"
                   f"notice: {'n' * 5000}\n", name="screening.yaml")
    code, output = cli(root, "validate")
    assert code == 1 and "screening.yaml:4:9: error: invalid-value: notice:" in output


def test_upper_case_yaml_files_are_documents_too(project, tmp_path: Path) -> None:
    root = example(project, NOTICE, name="notice.YAML")
    (root / "councils" / "example" / "Second.YML").write_text(NOTICE, encoding="utf-8")
    code, output = cli(root, "validate")
    assert code == 1 and output == (
        "councils/example/Second.YML: error: invalid-name: 'Second.YML' cannot be a document "
        "file name: it becomes part of the output's web address, so use lower-case letters, "
        "digits and hyphens only: rename it 'second.yml'\n1 error\n")
    report = build(root, tmp_path / "out", "html", jobs=1)
    assert report.built == ["councils/example/notice.YAML"]
    assert (tmp_path / "out" / "example" / "notice.html").is_file()


# Ctrl-C once the build has finished its first documents: a controlled point in the build,
# not a time, so that it lands part-way however slow or fast the machine is.
CTRL_C_AFTER_FIRST = """\
import os, signal, sys
import pause_docs.build as build
finished = build._progress

def progress(callback, done):
    finished(callback, done)
    if done:
        os.kill(os.getpid(), signal.SIGINT)

build._progress = progress
from pause_docs.cli import main
main(sys.argv[1:], prog_name="pause-docs")
"""


@pytest.mark.slow
def test_ctrl_c_stops_a_build_with_status_130(project, tmp_path: Path) -> None:
    root = project(councils=("lambeth", "oxfordshire", "middlesbrough"))
    done = subprocess.run([sys.executable, "-c", CTRL_C_AFTER_FIRST, "--project", str(root),
                           "build", "--format", "html", "-j", "1", "--output",
                           str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 130, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "Aborted" not in done.stderr
    assert done.stderr.strip().startswith("interrupted: stopped before the end")
    made = list((tmp_path / "out").rglob("*.html"))
    assert 0 < len(made) < 9  # it kept what it finished, and stopped before the end


# --- diff: revisions and the names of the files it writes ------------------------------------

@pytest.fixture
def repository(project) -> Path:  # type: ignore[no-untyped-def]
    root = project(councils=("lambeth",))

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(root), "-c", "user.email=t@example.org", "-c",
                        "user.name=T", *args], check=True, capture_output=True)

    git("init", "-q")
    git("add", "-A")
    git("commit", "-qm", "The notice as first published")
    (root / "councils" / "elsewhere").symlink_to("/etc")  # committed links, one leading out
    (root / "councils" / "lambeth" / "law").symlink_to("../../legal_bases")
    git("add", "-A")
    git("commit", "-qm", "Links")
    council = root / "councils" / "lambeth" / "council.yaml"
    council.write_text(council.read_text(encoding="utf-8").replace(
        "name: London Borough of Lambeth", "name: The London Borough of Lambeth"),
        encoding="utf-8")
    return root


@pytest.mark.slow
@pytest.mark.parametrize("rev", ["HEAD", ":/first published", "HEAD~1", "HEAD^{tree}"])
def test_diff_at_any_revision_syntax_with_committed_links(repository: Path, rev: str) -> None:
    done = subprocess.run([sys.executable, "-m", "pause_docs", "diff",
                           "councils/lambeth/scoping-2026.yaml", "--rev", rev],
                          cwd=repository, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr
    if rev.endswith("{tree}"):
        assert done.returncode == 2
        assert done.stderr.startswith(f"Error: '{rev}' is not a commit")
    else:
        assert done.returncode == 0, done.stderr
        assert "The London Borough of Lambeth" in done.stdout


@pytest.mark.slow
def test_diff_writes_redlines_under_any_name_the_user_gives(repository: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "pause_docs", "diff",
                           "councils/lambeth/scoping-2026.yaml", "--rev", "HEAD",
                           "--html", "Lambeth redline (draft).html"],
                          cwd=repository, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "wrote Lambeth redline (draft).html\n"
    assert (repository / "Lambeth redline (draft).html").read_text().startswith("<!DOCTYPE")


def test_an_inherited_value_that_stops_a_document_names_the_document(project) -> None:
    # found by the property test: the programme names a notice this council does not have
    root = example(project, "kind: dpia-screening\nprogramme: pause\npublished: 2018-06-01\n",
                   name="screening.yaml")
    code, output = cli(root, "validate")
    assert code == 1
    assert re.fullmatch(
        r"councils/example/screening\.yaml:\d+:\d+: error: unknown-notice: no notice "
        r"'privacy-notice' in councils/example/ \(the screening takes 'notice:' from its "
        r"programme: give its own 'notice:' to name the notice it screens\)\n1 error\n",
        output), output
