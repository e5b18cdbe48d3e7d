"""Property: whatever YAML anyone writes, load -> validate -> render never crashes.

Hypothesis generates document files: the bundled documents mutated (many still valid), the
same text broken (truncated, characters inserted, lines shuffled), and hostile files (object
tags, alias bombs, deep nesting, directives, control characters, bytes that are not UTF-8).
Every file must either render to a page with no script, only safe links and no control
character, or be refused with problems located in that file,
`path:line:col: severity: code: ...`; a valid document whose page fails to render is a
failure.  The examples are derandomized, so every run tries the same files: about 200 in the
default run, 2,100 under `pytest -m fuzz` (which .ci/run runs).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import COUNCIL_YAML, REPO
from damage import damage, value_paths
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from test_safety import SAFE_SCHEMES, Elements

from pause_docs.render.edition import render_html
from pause_docs.source.loader import parse_yaml
from pause_docs.source.loading import load_project

DOCUMENTS_PER_EXAMPLE = 10
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# located in the generated file, or in the programme when it holds the inherited value
PROBLEM = re.compile(r"^councils/(?:generated|programmes)/[^:]+(?::\d+:\d+)?: "
                     r"(error|warning|info): "
                     r"[a-z][a-z0-9-]*: \S")


def _seed_documents() -> list[dict[str, Any]]:
    """The bundled documents' own data, as the loader reads it."""
    seeds = []
    for file in sorted((REPO / "councils").glob("*/*.yaml")):
        if file.parent.name in ("programmes", "forms") or file.name == "council.yaml":
            continue
        source, _ = parse_yaml(file.read_text(encoding="utf-8"), file.name)
        if source is not None and isinstance(source.data, dict):
            seeds.append(source.data)
    assert seeds
    return seeds


SEEDS = _seed_documents()
KNOWN_KEYS = sorted({key for seed in SEEDS for key in seed} | {"kind", "programme", "version"})
HOSTILE_TEXT = [
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "[x](javascript:alert(1))",
    "[x](data:text/html,<script>alert(1)</script>)", "<iframe src=//evil.example>",
    "<style>*{display:none}</style>", "{{ council.__class__ }}", "{{ 7*7 }}", "{% raw %}",
    "{{ council.name }}", "{{ council.nope }}", "{{", "}}", "TODO", "\u202eevil\u202c",
    "\x00", "\x07bell", "line\r\nbreak", "&amp;&lt;", "]]>", "<!--", "\\", "%", "*", "&a",
    "2017-02-30", "yes", "no", "~", "null", "1e999", "0x1F", "-.inf", "", " ", "é" * 200,
    "<a href='file:///etc/passwd'>x</a>", "<a href=\"https://ok.example\" onclick=x()>ok</a>",
]
SCALARS = st.one_of(
    st.text(max_size=60), st.sampled_from(HOSTILE_TEXT), st.integers(), st.booleans(),
    st.none(), st.floats(allow_nan=True), st.dates().map(str))
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(KNOWN_KEYS) | st.text(max_size=12), inner, max_size=4),
    max_leaves=10)


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        value = value[part]
    return value


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A bundled document with up to three changes: often still valid, often not."""
    data = yaml.safe_load(yaml.safe_dump(draw(st.sampled_from(SEEDS))))
    for _ in range(draw(st.integers(0, 3))):
        paths = value_paths(data)[1:]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent, last = _get(data, path[:-1]), path[-1]
        action = draw(st.sampled_from(["text", "text", "value", "delete", "add"]))
        if action == "text" and isinstance(parent[last], str):
            parent[last] = draw(st.sampled_from(HOSTILE_TEXT) | st.text(max_size=40))
        elif action == "delete":
            del parent[last]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(KNOWN_KEYS) | st.text(max_size=10))] = draw(VALUES)
        else:
            parent[last] = draw(VALUES)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return text.encode("utf-8", "surrogatepass")


@st.composite
def broken(draw: st.DrawFn) -> bytes:
    """A document's text damaged the way hand editing damages it."""
    text = yaml.safe_dump(draw(st.sampled_from(SEEDS)), allow_unicode=True, sort_keys=False)
    return damage(draw, text).encode("utf-8", "surrogatepass")


HEAD = "kind: privacy-notice\ntitle: T\npublished: 2026-01-01\nprogramme: pause\n"


@st.composite
def hostile(draw: st.DrawFn) -> bytes:
    """Files written to hurt: tags, bombs, deep nesting, directives, odd bytes."""
    choice = draw(st.integers(0, 11))
    depth = draw(st.integers(1, 3000))
    if choice == 0:
        tag = draw(st.sampled_from([
            "!!python/object/apply:os.system ['id']", "!!python/name:os.system",
            "!!python/object/new:subprocess.Popen [[id]]", "!!binary aGk=", "!!set {a}",
            "!custom x", "!<tag:yaml.org,2002:python/module:os> ''"]))
        key = draw(st.sampled_from(["title", "summary", "programme", "sections"]))
        text = HEAD + f"{key}: {tag}\n"
    elif choice == 1:
        levels, width = draw(st.integers(1, 10)), draw(st.integers(1, 12))
        text = HEAD + f"a0: &a0 [{', '.join(['x'] * width)}]\n" + "".join(
            f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]\n" for i in range(1, levels))
    elif choice == 2:
        text = HEAD + "summary: " + "[" * depth + "x" + "]" * draw(st.integers(0, depth)) + "\n"
    elif choice == 3:
        text = HEAD + "summary:\n" + "".join("  " * i + "- a:\n" for i in range(1, depth // 10))
    elif choice == 4:
        text = HEAD + "summary: &loop [*loop]\nsubtitle: *undefined\n"
    elif choice == 5:
        text = ("%YAML 1.1\n%TAG !! tag:yaml.org,2002:python/\n---\n" + HEAD
                + "summary: !!object/apply:os.system ['id']\n")
    elif choice == 6:
        text = HEAD + "---\n" + HEAD
    elif choice == 7:
        text = HEAD + "base: &b {title: x}\nmerged:\n  <<: *b\n? [complex, key]\n: v\n1: one\n"
    elif choice == 8:
        text = draw(st.sampled_from(["", "# only a comment\n", "---\n", "...\n", "x\n",
                                     "- a\n- b\n", "42\n", "null\n", "{}\n", "[]\n"]))
    elif choice == 9:
        return HEAD.encode() + draw(st.binary(max_size=200))
    elif choice == 10:
        text = HEAD + "summary: " + draw(st.text(alphabet=st.characters(
            codec="utf-8", exclude_categories=("Cs",)), max_size=200)) + "\n"
    else:
        text = HEAD + "summary: '" + "x" * draw(st.integers(1, 20_000)) + "'\n"
    return text.encode("utf-8", "surrogatepass")


DOCUMENT = st.one_of(mutated(), mutated(), broken(), hostile())


def _check_page(html: str) -> None:
    assert not CONTROL.search(html), CONTROL.search(html)
    for tag, attrs in Elements(html).found:
        assert tag not in ("script", "iframe", "object", "embed", "img", "form", "base"), tag
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if "href" in attrs:
            assert str(attrs["href"]).lower().startswith(SAFE_SCHEMES), attrs


@pytest.mark.slow
@pytest.mark.parametrize("examples", [20, pytest.param(210, marks=pytest.mark.fuzz)])
def test_any_yaml_is_rendered_or_refused_with_located_problems(tmp_path: Path,
                                                               examples: int) -> None:
    root = tmp_path / "project"
    shutil.copytree(REPO / "councils" / "forms", root / "councils" / "forms")
    folder = root / "councils" / "generated"
    folder.mkdir()
    (folder / "council.yaml").write_text(COUNCIL_YAML, encoding="utf-8")
    fed = {"documents": 0, "rendered": 0, "refused": 0}

    @settings(max_examples=examples, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck),
              phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target])  # no shrink
    @given(st.lists(DOCUMENT, min_size=DOCUMENTS_PER_EXAMPLE, max_size=DOCUMENTS_PER_EXAMPLE))
    def property_holds(texts: list[bytes]) -> None:
        for old in folder.glob("doc-*.yaml"):
            old.unlink()
        for number, text in enumerate(texts):
            (folder / f"doc-{number}.yaml").write_bytes(text)
        project = load_project(root, councils=["generated"])
        for problem in project.problems:
            assert PROBLEM.match(str(problem)), f"not a located problem: {problem}"
        rendered = {doc.path: doc for doc in project.documents}
        refused = {p.location.path for p in project.errors} | {  # by what it inherits
            path for p in project.errors for path in re.findall(r"inherited by (\S+)\)$",
                                                                p.message)}
        for number in range(len(texts)):
            path = f"councils/generated/doc-{number}.yaml"
            if path in rendered:  # valid: it must render (a template error is a failure)
                _check_page(render_html(rendered[path]))
                fed["rendered"] += 1
            else:
                assert path in refused, f"{path} was neither rendered nor refused"
                fed["refused"] += 1
            fed["documents"] += 1

    property_holds()
    assert fed["documents"] >= examples * DOCUMENTS_PER_EXAMPLE, fed
    # both paths well exercised
    assert min(fed["rendered"], fed["refused"]) >= examples * DOCUMENTS_PER_EXAMPLE // 10, fed
