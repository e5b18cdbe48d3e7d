"""Every rule's examples are true: the catalogue's wrong example, run through each command
the rule names in `checks`, gives the rule's code, and its right example does not (issue 31:
the rules' examples were never run).  `audit` reads the example as a published notice's
text; `lint` reads it as the words of a notice's legal basis.  The setting an example is
judged in (nation, published, read) comes from the rule's `setting` / `right_setting`, not
from its words.  A rule whose example describes a whole document gets a fixture here."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import pytest
from conftest import COUNCIL_YAML, REPO
from test_lint import COMPLETE, _project, edit

from pause_docs.check.audit import audit_file
from pause_docs.check.lint import lint_document
from pause_docs.check.rules import ExampleSetting, rules
from pause_docs.source.loading import load_project
from pause_docs.source.registry import load_registry

READ_ON = dt.date(2026, 12, 7)
"""The day an example is read when its setting gives neither a publication day nor one."""

# Known mismatches: the example, run, does not behave as the catalogue says (each is fixed
# or its claim corrected one by one; strict, so a fix that lands removes its line here).
KNOWN: dict[tuple[str, str], str] = {
    ("audit", "outdated-wording-when-published"): "audit does not find it in published prose",
    ("audit", "renamed-since-published"): "audit does not find it in published prose",
    ("audit", "retired-email-since-published"): "audit does not find it in published prose",
    ("audit", "consent-for-statutory-function"): "audit does not find it in published prose",
    ("audit", "special-category-without-condition"): "audit does not find it in published prose",
    ("audit", "criminal-offence-without-condition"): "audit does not find it in published prose",
    ("audit", "missing-controller-contact"): "audit lists the Art 13/14 items found and not found; it gives no code for a missing one",
    ("audit", "missing-dpo-contact"): "audit lists the Art 13/14 items found and not found; it gives no code for a missing one",
    ("audit", "missing-purposes"): "audit lists the Art 13/14 items found and not found; it gives no code for a missing one",
    ("audit", "missing-lawful-basis"): "audit lists the Art 13/14 items found and not found; it gives no code for a missing one",
    ("audit", "missing-recipients"): "audit lists the Art 13/14 items found and not found; it gives no code for a missing one",
    ("audit", "missing-retention"): "audit lists the Art 13/14 items found and not found; it gives no code for a missing one",
    ("audit", "retention-without-period"): "audit does not find it in published prose",
    ("audit", "missing-rights"): "audit lists the Art 13/14 items found and not found; it gives no code for a missing one",
    ("audit", "missing-regulator-complaint"): "audit lists the Art 13/14 items found and not found; it gives no code for a missing one",
    ("audit", "missing-controller-complaint"): "audit lists the Art 13/14 items found and not found; it gives no code for a missing one",
    ("audit", "missing-data-categories"): "audit lists the Art 13/14 items found and not found; it gives no code for a missing one",
    ("audit", "missing-sources"): "audit lists the Art 13/14 items found and not found; it gives no code for a missing one",
    ("audit", "before-uk-gdpr"): "audit lists the Art 13/14 items found and not found; it gives no code for a missing one",
    ("lint", "words-disagree-with-provision"): "lint does not give it for the example as a legal basis's words",
    ("lint", "outdated-wording-when-published"): "lint does not give it for the example as a legal basis's words",
    ("lint", "renamed-since-published"): "lint does not give it for the example as a legal basis's words",
    ("lint", "retired-email-when-published"): "lint does not give it for the example as a legal basis's words",
    ("lint", "retired-email-since-published"): "lint does not give it for the example as a legal basis's words",
    ("lint", "consent-for-statutory-function"): "lint does not give it for the example as a legal basis's words",
    ("lint", "criminal-offence-as-special-category"): "lint does not give it for the example as a legal basis's words",
    ("lint", "special-category-without-condition"): "lint does not give it for the example as a legal basis's words",
    ("lint", "criminal-offence-without-condition"): "lint does not give it for the example as a legal basis's words",
    ("lint", "missing-controller-contact"): "the example describes a document: needs a YAML fixture",
    ("lint", "missing-dpo-contact"): "the example describes a document: needs a YAML fixture",
    ("lint", "dpo-without-contact-details"): "the example describes a document: needs a YAML fixture",
    ("lint", "missing-purposes"): "the example describes a document: needs a YAML fixture",
    ("lint", "missing-lawful-basis"): "the example describes a document: needs a YAML fixture",
    ("lint", "missing-recipients"): "the example describes a document: needs a YAML fixture",
    ("lint", "missing-retention"): "the example describes a document: needs a YAML fixture",
    ("lint", "automated-decisions-not-shown"): "the example describes a document: needs a YAML fixture",
    ("lint", "automated-decisions-unexplained"): "the example describes a document: needs a YAML fixture",
    ("lint", "joint-controller-not-shown"): "the example describes a document: needs a YAML fixture",
    ("lint", "retention-without-period"): "lint does not give it for the example as a legal basis's words",
    ("lint", "missing-rights"): "the example describes a document: needs a YAML fixture",
    ("lint", "missing-right"): "the example describes a document: needs a YAML fixture",
    ("lint", "right-does-not-apply"): "the example describes a document: needs a YAML fixture",
    ("lint", "missing-regulator-complaint"): "the example describes a document: needs a YAML fixture",
    ("lint", "missing-controller-complaint"): "the example describes a document: needs a YAML fixture",
    ("lint", "missing-data-categories"): "the example describes a document: needs a YAML fixture",
    ("lint", "missing-sources"): "the example describes a document: needs a YAML fixture",
    ("lint", "purposes-not-shown"): "the example describes a document: needs a YAML fixture",
    ("lint", "recipients-not-shown"): "the example describes a document: needs a YAML fixture",
    ("lint", "retention-not-shown"): "the example describes a document: needs a YAML fixture",
    ("lint", "rights-not-shown"): "the example describes a document: needs a YAML fixture",
    ("lint", "data-categories-not-shown"): "the example describes a document: needs a YAML fixture",
    ("lint", "sources-not-shown"): "the example describes a document: needs a YAML fixture",
    ("lint", "undated-notice"): "the example describes a document: needs a YAML fixture",
    ("lint", "before-uk-gdpr"): "the example describes a document: needs a YAML fixture",
    ("lint", "deferred-not-in-parent"): "the example describes a document: needs a YAML fixture",
    ("lint", "hard-to-read"): "lint does not give it for the example as a legal basis's words",
    ("lint", "hard-to-read-for-audience"): "lint does not give it for the example as a legal basis's words",
    ("lint", "long-sentence"): "lint does not give it for the example as a legal basis's words",
    ("lint", "translation-missing"): "the example describes a document: needs a YAML fixture",
    ("lint", "translation-stale"): "the example describes a document: needs a YAML fixture",
    ("lint", "translation-unreviewed"): "the example describes a document: needs a YAML fixture",
    ("lint", "translation-unconfirmed"): "the example describes a document: needs a YAML fixture",
    ("lint", "unanswered-question"): "the example describes a document: needs a YAML fixture",
    ("lint", "missing-evidence"): "the example describes a document: needs a YAML fixture",
    ("lint", "screening-older-than-notice"): "the example describes a document: needs a YAML fixture",
    ("lint", "review-date-passed"): "the example describes a document: needs a YAML fixture",
    ("lint", "dpia-out-of-date"): "the example describes a document: needs a YAML fixture",
    ("lint", "risk-without-measure"): "the example describes a document: needs a YAML fixture",
    ("lint", "residual-risk-not-assessed"): "the example describes a document: needs a YAML fixture",
    ("lint", "high-risk-without-art-36"): "the example describes a document: needs a YAML fixture",
    ("lint", "criterion-without-risk"): "the example describes a document: needs a YAML fixture",
}


def _days(setting: ExampleSetting | None) -> tuple[str, dt.date | None, dt.date]:
    setting = setting or ExampleSetting()
    as_of = setting.as_of or setting.published or READ_ON
    return setting.nation, setting.published, as_of


def _cases(command: str) -> list:
    out = []
    for rule in rules().values():
        if command not in rule.checks:
            continue
        for side in ("wrong", "right"):
            reason = KNOWN.get((command, rule.code)) if side == "wrong" else None
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            out.append(pytest.param(rule.code, side, id=f"{rule.code}-{side}", marks=marks))
    return out


# --- audit --------------------------------------------------------------------------------

def _truncated_docx(path: Path) -> Path:
    """A Word file cut short, as a failed download leaves it."""
    whole = path.with_suffix(".whole.docx")
    with zipfile.ZipFile(whole, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>" * 200)
        archive.writestr("word/document.xml", "<w:document/>" * 200)
    data = whole.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def _audit_file(code: str, side: str, tmp_path: Path) -> Path:
    """The file audit reads for the example: its text, or a fixture for a whole document."""
    text = getattr(rules()[code], side)
    if side == "wrong" and code == "unreadable":
        return _truncated_docx(tmp_path / "notice.docx")
    if side == "wrong" and code == "no-text":
        path = tmp_path / "notice.html"
        path.write_text("<html><body><img src='scan.png' alt=''></body></html>",
                        encoding="utf-8")
        return path
    path = tmp_path / "notice.txt"
    path.write_text(text + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("code", "side"), _cases("audit"))
def test_audit_gives_the_code_for_the_wrong_example_only(code: str, side: str,
                                                          tmp_path: Path) -> None:
    nation, published, as_of = _days(rules()[code].setting_of(side))
    registry = load_registry(REPO)[0]
    report = audit_file(_audit_file(code, side, tmp_path), "notice", registry,
                        nation=nation, published=published, as_of=as_of)  # type: ignore[arg-type]
    found = [p for p in report.problems if p.code == code]
    if side == "wrong":
        assert found, f"audit does not give {code} for: {getattr(rules()[code], side)!r} " \
                      f"({[p.code for p in report.problems]})"
    else:
        assert found == [], f"audit gives {code} for the right example: {found}"


# --- lint ---------------------------------------------------------------------------------

def _lint_codes(project, code: str, side: str) -> list[str]:
    nation, published, as_of = _days(rules()[code].setting_of(side))
    words = getattr(rules()[code], side)
    document = edit(COMPLETE, "  - provision: ca1989-s17\n",
                    f"  - provision: ca1989-s17\n    reason: {json.dumps(words)}\n")
    if published is not None:
        document = edit(document, "published: 2026-07-01", f"published: {published}")
    council = COUNCIL_YAML.replace("nation: england", f"nation: {nation}")
    root = _project(project, {"councils/example/council.yaml": council,
                              "councils/example/notice.yaml": document})
    loaded = load_project(root)
    assert [p for p in loaded.problems if p.severity == "error"] == []
    return [p.code for p in lint_document(loaded.documents[0], as_of)]


@pytest.mark.parametrize(("code", "side"), _cases("lint"))
def test_lint_gives_the_code_for_the_wrong_example_only(project, code: str,
                                                        side: str) -> None:
    found = _lint_codes(project, code, side)
    if side == "wrong":
        assert code in found, f"lint does not give {code} ({found})"
    else:
        assert code not in found, f"lint gives {code} for the right example"


# --- the catalogue's own mistakes are located ---------------------------------------------

@pytest.mark.parametrize(("setting", "said"), [
    ("{nation: scotland}", "rules.yaml:4:24: nation must be one of england, wales"),
    ("{published: June 2019}", "rules.yaml:4:27: published must be a date written YYYY-MM-DD"),
    ("{read: 2026-01-01}", "rules.yaml:4:16: a setting has nation, published and as_of"),
    ("2019", "rules.yaml:4:15: a setting is a mapping"),
])
def test_a_mistake_in_an_example_setting_is_located(setting: str, said: str) -> None:
    from pause_docs.check.rules import CatalogueError, load
    text = ("rules:\n  - {code: c, severity: error, checks: [lint], family: f, what: w,\n"
            "     why: y, law: l, wrong: a, right: b, fix: x,\n"
            f"     setting: {setting}}}\n")
    with pytest.raises(CatalogueError) as caught:
        load(text)
    assert str(caught.value).startswith(said), str(caught.value)


def test_an_unknown_key_in_a_rule_is_located() -> None:
    from pause_docs.check.rules import CatalogueError, load
    text = ("rules:\n  - code: c\n    severity: error\n    checks: [lint]\n    family: f\n"
            "    what: w\n    why: y\n    law: l\n    wrong: a\n    right: b\n    fix: x\n"
            "    wrong_text: z\n")
    with pytest.raises(CatalogueError, match=r"^rules.yaml:12:17: unknown key 'wrong_text'"):
        load(text)
