"""The manifest as stored: what a build reads back is what it wrote, each fingerprint is
written once however many records name it, an older version makes everything again (and
still lets withdrawn pages be removed), and checking records judges each shared file and map
once.  The work is counted, not timed."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pause_docs.build import build
from pause_docs.build.freshness import Freshness
from pause_docs.build.manifest import MANIFEST, UNKNOWN, Fingerprints, Manifest, Record, output_stat

PROGRAMME = "pause_docs/programmes/pause.yaml"
TEMPLATES = {"document.html": "/t/document.html", "base.html": "/t/base.html"}


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def council_records(manifest: Manifest, councils: int) -> None:
    """Three documents a council, as a build records them: their own YAML, their council's
    file and the programme, with maps they share."""
    templates = manifest.share(dict(TEMPLATES))
    used = manifest.share({"/t/document.html": sha("d"), "/t/base.html": sha("b")})
    registry = manifest.share({"provisions:ca2004-s10": sha("s10")})
    for n in range(councils):
        for slug in ("scoping", "privacy", "practice"):
            key = f"councils/c{n}/{slug}.yaml"
            files = {key: sha(key), f"councils/c{n}/council.yaml": sha(f"c{n}"),
                     PROGRAMME: sha("programme")}
            manifest.documents[key] = Record(
                files, registry, templates, used, [f"c{n}/{slug}.html"], {},
                registry_state=sha("registry"), html=sha(f"{key} html"),
                outputs={"html": [100 + n, 1_700_000_000_000_000_000 + n]})


def test_a_manifest_reads_back_as_it_was_written(tmp_path: Path) -> None:
    manifest = Manifest("tool", shared={"pause_docs/legal_bases/uk-gdpr.yaml": sha("gdpr")},
                        shared_clean=True, made={"c0/scoping.html", "c0/logo.svg"})
    council_records(manifest, 3)
    odd = manifest.documents["councils/c1/privacy.yaml"]
    odd.files[PROGRAMME] = UNKNOWN  # made while the programme changed: never matches
    odd.registry_state = UNKNOWN
    odd.assets = manifest.share({"/t/crest.svg": sha("crest")})
    odd.outputs["cy.html"] = [5, 6]
    manifest.hashes.update({PROGRAMME: [1, 2, sha("programme now")],  # not what records say
                            "councils/c0/council.yaml": [3, 4, sha("c0")],
                            "gone.yaml": [5, 6, sha("gone")]})  # named by no record: dropped
    manifest.contents.update({sha("c0"): sha("c0 says"), sha("unnamed"): sha("dropped")})
    (tmp_path / MANIFEST).write_bytes(manifest.dumps())

    again = Manifest.read(tmp_path)
    assert again.documents == manifest.documents
    assert again.hashes == {k: v for k, v in manifest.hashes.items() if k != "gone.yaml"}
    assert again.contents == {sha("c0"): sha("c0 says")}
    assert (again.tool, again.shared, again.shared_clean, again.made) == (
        manifest.tool, manifest.shared, manifest.shared_clean, manifest.made)
    # records keep sharing their maps, so a check judges each map once
    first, second = (again.documents[f"councils/c{n}/scoping.yaml"] for n in (0, 2))
    assert first.templates is second.templates and first.used is second.used


def test_each_fingerprint_is_written_once_however_many_records_name_it(tmp_path: Path) -> None:
    manifest = Manifest("tool")
    council_records(manifest, 20)
    text = manifest.dumps().decode()
    assert text.count(sha("programme")) == 1  # named by 60 records
    assert text.count(sha("c7")) == 1  # by 3
    assert text.count(sha("registry")) == 1  # the registry's state, held by every record
    assert text.count('"/t/document.html"') == 2  # the shared maps: its name, its hash
    assert json.loads(text)["manifest"] == 5


@pytest.mark.parametrize(("older", "made"), [
    ({"manifest": 4, "tool": "x", "made": ["c0/logo.svg"], "documents": {}}, {"c0/logo.svg"}),
    ({"manifest": 3, "documents": {"councils/c0/a.yaml": {"outputs": {"html": 1}}}},
     {"c0/a.html"}),
    ({"manifest": 6, "tool": "x"}, set()), ([1, 2], set()), ("text", set())])
def test_a_manifest_of_another_version_holds_no_record(tmp_path: Path, older: Any,
                                                       made: set[str]) -> None:
    (tmp_path / MANIFEST).write_text(json.dumps(older), encoding="utf-8")
    manifest = Manifest.read(tmp_path)
    assert manifest.documents == {} and manifest.tool == ""  # everything is made again
    assert manifest.made == made  # what it made can still be removed when withdrawn


@pytest.mark.parametrize("damage", [
    lambda d: d["documents"]["councils/c0/scoping.yaml"].update(f=[999]),
    lambda d: d["documents"]["councils/c0/scoping.yaml"].update(t=999),
    lambda d: d["documents"]["councils/c0/scoping.yaml"].pop("h"),
    lambda d: d.update(files=[7]),
    # What a hand's edit can make, each read as no manifest rather than failing mid-build
    # (a traceback) or standing for something else (-1 and true are places too, in Python).
    lambda d: d["files"][0].__setitem__(0, 5),
    lambda d: d["files"][0].__setitem__(0, None),
    lambda d: d["files"][0].__setitem__(1, [1]),
    lambda d: d["files"][0].extend(["", "mtime", 4]),
    lambda d: d["documents"]["councils/c0/scoping.yaml"].update(f=[-1]),
    lambda d: d["documents"]["councils/c0/scoping.yaml"].update(f=[True]),
    lambda d: d["documents"]["councils/c0/scoping.yaml"].update(t=-1),
    lambda d: d["documents"]["councils/c0/scoping.yaml"].update(n=False),
    lambda d: d["documents"]["councils/c0/scoping.yaml"].update(outputs=["html"]),
    lambda d: d["documents"]["councils/c0/scoping.yaml"].update(h=None),
    lambda d: d["absent"].__setitem__(0, "c0/scoping.html"),
    lambda d: d["maps"][0].update(x=1),
    lambda d: d.update(registry_state=None),
    lambda d: d.update(made="c0/scoping.html")])
def test_a_damaged_manifest_holds_no_record(tmp_path: Path, damage: Callable[[Any], None]
                                            ) -> None:
    manifest = Manifest("tool")
    council_records(manifest, 1)
    data = json.loads(manifest.dumps())
    damage(data)
    (tmp_path / MANIFEST).write_text(json.dumps(data), encoding="utf-8")
    assert Manifest.read(tmp_path).documents == {}


class Counting(Fingerprints):
    looked: list[str]

    def sha(self, key: str) -> str | None:
        self.looked.append(key)
        return super().sha(key)


def test_a_made_name_outside_the_output_folder_is_left_out(tmp_path: Path) -> None:
    manifest = Manifest("tool", made={"c0/scoping.html"})
    data = json.loads(manifest.dumps())
    data["made"] += ["../../etc/passwd", "/etc/passwd", "c0/../../x", 7]
    (tmp_path / MANIFEST).write_text(json.dumps(data), encoding="utf-8")
    assert Manifest.read(tmp_path).made == {"c0/scoping.html"}


def test_checking_records_looks_at_each_shared_file_once(tmp_path: Path) -> None:
    manifest = Manifest("tool")
    council_records(manifest, 10)
    for key, record in manifest.documents.items():  # every file and output as recorded
        for file in (*record.files, *record.used):
            path = Path(file) if file.startswith("/") else tmp_path / file
            if not file.startswith("/"):
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(file, encoding="utf-8")
        page = tmp_path / "out" / f"{Path(key).stem}-{Path(key).parent.name}.html"
        page.parent.mkdir(exist_ok=True)
        page.write_text("page", encoding="utf-8")
        record.outputs = {"html": output_stat(page) or []}
    fingerprints = Counting(tmp_path, {})
    fingerprints.looked = []
    fingerprints.now.update({"/t/document.html": sha("d"), "/t/base.html": sha("b")})
    for record in manifest.documents.values():
        record.files = {f: hashlib.sha256(f.encode()).hexdigest() for f in record.files}
    freshness = Freshness(fingerprints, (tmp_path,), sha("registry"), dict)
    freshness._resolved.update({**TEMPLATES, **{n: None for r in manifest.documents.values()
                                                for n in r.absent}})
    verdicts = [freshness.fresh(r, {"html": str(tmp_path / "out" /
                                                f"{Path(k).stem}-{Path(k).parent.name}.html")})
                for k, r in manifest.documents.items()]
    assert verdicts == [True] * 30
    # 30 documents' own files, 10 councils' files, the programme and the shared map's two
    # templates: each looked at once, not once for every record naming it
    assert sorted(fingerprints.looked) == sorted(set(fingerprints.looked))
    assert len(fingerprints.looked) == 30 + 10 + 1 + 2


@pytest.mark.slow
def test_a_version_4_manifest_makes_everything_again_and_removes_withdrawn_pages(
        project, tmp_path: Path) -> None:
    root = project(councils=("lambeth",))
    out = tmp_path / "out"
    first = build(root, out, "html", jobs=1)
    older = {"manifest": 4, "tool": "x", "maps": {}, "hashes": {}, "shared": {},
             "shared_clean": True, "made": ["lambeth/scoping-2017.html"], "documents": {}}
    (out / MANIFEST).write_text(json.dumps(older), encoding="utf-8")
    (root / "councils" / "lambeth" / "scoping-2017.yaml").unlink()
    report = build(root, out, "html", jobs=1)
    assert report.removed == {"councils/lambeth/scoping-2017.yaml": ["lambeth/scoping-2017.html"]}
    assert sorted(report.built) == sorted(k for k in first.built if "2017" not in k)
    assert build(root, out, "html", jobs=1).built == []  # and then, nothing again
