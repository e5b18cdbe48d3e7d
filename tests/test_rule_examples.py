"""Every rule's examples are true: the catalogue's wrong example, run through each command
the rule names in `checks`, gives the rule's code, and its right example does not (issue 31:
the rules' examples were never run).  `audit` reads the example as a published notice's
text; `lint` reads it as the words of a notice's legal basis.  The setting an example is
judged in (nation, published, read) comes from the rule's `setting` / `right_setting`, not
from its words.  A rule whose example describes a whole document, or words a notice says in
a place of their own (a summary, a retention rule, a data category), gets the example written
as a project's files here: a complete notice changed as the example says, or a bundled
council's real screening, DPIA or Welsh notice so changed.  No example is left unrun."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from functools import cache
from pathlib import Path

import pytest
from conftest import COUNCIL_YAML, REPO
from test_layers import FULL, LAYER, WITH_BASIS
from test_lint import COMPLETE, _project, edit

from pause_docs.check.audit import audit_file
from pause_docs.check.lint import lint_document
from pause_docs.check.rules import ExampleSetting, rules
from pause_docs.source.loading import load_project
from pause_docs.source.registry import load_registry
from pause_docs.source.screenings import fingerprint

READ_ON = dt.date(2026, 12, 7)
"""The day an example is read when its setting gives neither a publication day nor one."""


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
            out.append(pytest.param(rule.code, side, id=f"{rule.code}-{side}"))
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


# --- rules about a whole document: the example as a document ------------------------------

Files = dict[str, str]
NOTICE = "councils/example/notice.yaml"


def _notice(*edits: tuple[str, str], council: str = COUNCIL_YAML) -> Files:
    """COMPLETE (a notice lint finds nothing in) with `edits` made, and its council."""
    document = COMPLETE
    for old, new in edits:
        document = edit(document, old, new)
    return {"councils/example/council.yaml": council, NOTICE: document}


def _without(part: str, show: str | None = None) -> tuple[tuple[str, str], ...]:
    """The edits that take the notice's `part` away, with the section showing it."""
    start = COMPLETE.index(f"\n{part}:\n") + 1
    end = next(i for i in range(start + len(part) + 2, len(COMPLETE))
               if COMPLETE[i - 1] == "\n" and COMPLETE[i] not in " -")
    edits = [(COMPLETE[start:end], "")]
    if show is not None:
        edits.append((f"  - show: {show}\n", ""))
    return tuple(edits)


def _council(old: str, new: str) -> str:
    return edit(COUNCIL_YAML, old, new)


DECIDED = "automated_decisions:\n  applies: true\n"
EXPLAINED = DECIDED + ("  description: A scoring tool ranks referrals by urgency; a worker "
                       "checks every ranking.\n")
SHOWN_DECISIONS = ("  - show: further-information\n",
                   "  - show: automated-decisions\n  - show: further-information\n")
CONTACTS_NOT_SHOWN = (("  - show: complaints\n", ""), ("  - show: dpo\n", ""),
                      ("  - show: further-information\n", ""))
SUMMARY_NOT_SHOWN = (("  - show: summary\n", ""),)  # the summary says what it is used for
JOINT = ("  - name: Police\n", "  - name: Police\n    role: joint-controller\n")
PROFILED = ("data_matching:\n  - id: hub\n    name: Regional matching\n    datasets:\n"
            "      - name: Police records\n        supplied_by: North Police\n"
            "    profiling:\n      applies: true\n      decisions: by-people\n")
AUTOMATED = PROFILED.replace("by-people", "solely-automated")
SHOWN_PROFILING = ("  - show: further-information\n", "  - show: matching-profiling\n"
                   "    matching: hub\n  - show: further-information\n")
ON_PUBLIC_TASK = (("  - provision: ukgdpr-art6-1-e\n", "  - provision: ukgdpr-art6-1-c\n"),
                  ("sections:\n", PROFILED + "    legal_bases:\n      - provision: "
                                              "ukgdpr-art6-1-e\nsections:\n"),
                  SHOWN_PROFILING)
FIXTURES: dict[str, tuple[Files, Files]] = {
    # code: (the wrong example as a project's files, the right one)
    "missing-controller-contact": (_notice(*CONTACTS_NOT_SHOWN), _notice()),
    "missing-dpo-contact": (_notice(*CONTACTS_NOT_SHOWN), _notice()),
    "dpo-without-contact-details": (
        _notice(council=_council("  email: dpo@example.gov.uk\n", "")), _notice()),
    "missing-purposes": (_notice(*_without("purposes", "purposes"), *SUMMARY_NOT_SHOWN),
                         _notice()),
    "missing-lawful-basis": (_notice(("  - provision: ukgdpr-art6-1-e\n", "")), _notice()),
    "missing-recipients": (_notice(*_without("recipients", "recipients")), _notice()),
    "missing-retention": (_notice(*_without("retention", "retention")), _notice()),
    "missing-rights": (_notice(*_without("rights", "rights")), _notice()),
    "missing-right": (_notice(("  - right: object\n", "")), _notice()),
    "right-does-not-apply": (_notice(("  - right: object\n",
                                      "  - right: object\n  - right: portability\n")),
                             _notice()),
    "missing-regulator-complaint": (
        _notice(("  - right: complain-to-regulator\n", ""), *_without("complaints", "complaints")),
        _notice()),
    "missing-controller-complaint": (_notice(("  - right: complain-to-controller\n", "")),
                                     _notice()),
    "missing-data-categories": (_notice(*_without("data_categories", "data-categories")),
                                _notice()),
    "missing-sources": (  # data matched with a national dataset comes from others
        _notice(*_without("sources", "sources"),
                ("sections:\n", "data_matching:\n  - id: nis\n    name: National impact "
                                "study\nsections:\n")), _notice()),
    "purposes-not-shown": (_notice(("  - show: purposes\n", ""), *SUMMARY_NOT_SHOWN),
                           _notice()),
    "recipients-not-shown": (_notice(("  - show: recipients\n", "")), _notice()),
    "retention-not-shown": (_notice(("  - show: retention\n", "")), _notice()),
    "rights-not-shown": (_notice(("  - show: rights\n", "")), _notice()),
    "data-categories-not-shown": (_notice(("  - show: data-categories\n", "")), _notice()),
    "sources-not-shown": (_notice(("  - show: sources\n", "")), _notice()),
    "undated-notice": (_notice(("published: 2026-07-01\n",
                                "published: 2026-07-01\nshow_date: none\n")), _notice()),
    "before-uk-gdpr": (_notice(("published: 2026-07-01\n", "published: 2017-06-01\n"),
                               ("  - provision: ukgdpr-art6-1-e\n", "")), _notice()),
    "automated-decisions-not-shown": (_notice(("sections:\n", EXPLAINED + "sections:\n")),
                                      _notice(("sections:\n", EXPLAINED + "sections:\n"),
                                              SHOWN_DECISIONS)),
    "automated-decisions-unexplained": (
        _notice(("sections:\n", DECIDED + "sections:\n"), SHOWN_DECISIONS),
        _notice(("sections:\n", EXPLAINED + "sections:\n"), SHOWN_DECISIONS)),
    "joint-controller-not-shown": (
        _notice(JOINT, ("  - show: recipients\n", "")),
        _notice(JOINT, ("  - show: recipients\n", "  - show: controller\n"))),
    "matching-profiling-not-shown": (_notice(("sections:\n", PROFILED + "sections:\n")),
                                     _notice(("sections:\n", PROFILED + "sections:\n"),
                                             SHOWN_PROFILING)),
    "matching-automated-decisions-unstated": (
        _notice(("sections:\n", AUTOMATED + "sections:\n"), SHOWN_PROFILING),
        _notice(("sections:\n", AUTOMATED + EXPLAINED + "sections:\n"), SHOWN_PROFILING,
                SHOWN_DECISIONS)),
    "matching-profiling-without-objection": (
        _notice(("  - right: object\n", ""), *ON_PUBLIC_TASK), _notice(*ON_PUBLIC_TASK)),
    "party-without-retention": (_notice(JOINT), _notice(JOINT, (
        "  - rule: We keep records for two years.\n", "  - rule: We keep records for two "
        "years.\n  - records: Records the police keep\n    rule: The police keep them for six "
        "years.\n"))),
}


# A bundled council's real documents, changed as the example says (the right example is the
# document as bundled, unless it gives edits of its own).
SCREENING = "oxfordshire/pause-equality-screening"
DPIA = "oxfordshire/pause-dpia"
RISK_2 = ("    measures:\n      - measure: Her own social worker, whom she knows, makes the first "
          "contact and explains the fair processing notice.\n        effect: reduced\n")
RESIDUAL_2 = "    residual: {likelihood: possible, severity: minimal}\n"


def _bundled(name: str, *edits: tuple[str, str]) -> Files:
    """councils/<name>.yaml as bundled, with `edits` made (the test copies its council in)."""
    text = (REPO / "councils" / f"{name}.yaml").read_text(encoding="utf-8")
    for old, new in edits:
        text = edit(text, old, new)
    return {f"councils/{name}.yaml": text}


@cache
def _approved_against(side: str) -> Files:
    """The DPIA approved against its notice and screening as they are (right), or against a
    notice that has changed since (wrong)."""
    loaded = {doc.path: doc for doc in load_project(REPO).documents}
    dpia = loaded[f"councils/{DPIA}.yaml"]
    assert dpia.notice is not None and dpia.screening is not None
    notice = fingerprint(dpia.notice) if side == "right" else "1f2e3d4c5b6a"
    record = f"approved_against: {{notice: {notice}, screening: {fingerprint(dpia.screening)}}}"
    return _bundled(DPIA, ("kept_under_review_by:", f"{record}\nkept_under_review_by:"))


FORMS: dict[str, tuple[Files, Files]] = {
    "unanswered-question": (_bundled(SCREENING, (
        "  gender-reassignment:\n    answer: neutral\n    evidence: The programme is offered to "
        "every woman who meets its criteria.\n", "")), _bundled(SCREENING)),
    "missing-evidence": (_bundled(SCREENING, (
        "    answer: dont-know\n    evidence: >-\n      The Practice is based in Oxford. It is "
        "not yet known whether women in rural parts of the\n      county can take part as "
        "fully as women in the city.\n", "    answer: dont-know\n")), _bundled(SCREENING)),
    "screening-older-than-notice": (  # the notice changed in 2026, its screening did not
        {**_bundled("oxfordshire/pause-dpia-screening"),
         **_bundled("oxfordshire/pause-privacy-notice",
                    ("published: 2018-06-01", "published: 2026-06-01"))},
        {**_bundled("oxfordshire/pause-dpia-screening"),
         **_bundled("oxfordshire/pause-privacy-notice")}),
    "review-date-passed": (_bundled(DPIA),
                           _bundled(DPIA, ("review_date: 2019-07-01", "review_date: 2027-07-01"))),
    "risk-without-measure": (_bundled(DPIA, (RISK_2, "")), _bundled(DPIA)),
    "residual-risk-not-assessed": (_bundled(DPIA, (RESIDUAL_2, "")), _bundled(DPIA)),
    "high-risk-without-art-36": (
        _bundled(DPIA, ("{likelihood: remote, severity: severe}",
                        "{likelihood: probable, severity: severe}")), _bundled(DPIA)),
    "criterion-without-risk": (
        _bundled(DPIA, ("[ico-risk-of-harm, wp248-vulnerable]", "[ico-risk-of-harm]"),
                 ("    criteria: [wp248-vulnerable]\n", "")), _bundled(DPIA)),
}
HEALTH = ("data_categories:\n  - name: contact details\n",
          "data_categories:\n  - name: contact details\n  - name: information about your "
          "health\n    special_category: true\n")
OFFENCES = ("data_categories:\n  - name: contact details\n",
            "data_categories:\n  - name: contact details\n  - name: information about "
            "offences\n    criminal_offence: true\n")
BASIS = "  - provision: ukgdpr-art6-1-e\n"
HARD = ("Notwithstanding the aforementioned statutory obligations, the authority's "
        "determination regarding the appropriateness of information disclosure necessitates "
        "consideration of proportionality, necessity and the legitimate expectations of "
        "individuals, alongside applicable safeguarding responsibilities and corresponding "
        "organisational accountability requirements. Consequently, contemporaneous "
        "documentation evidencing such deliberations shall be maintained, reviewed periodically "
        "and, where operationally practicable, communicated to relevant professional "
        "stakeholders in accordance with established institutional governance procedures.")


def _summary(words: str) -> tuple[str, str]:
    return ("summary: We use what we know about you to give your family help.\n",
            f"summary: {json.dumps(words)}\n")


def _words(code: str, side: str) -> str:
    return str(getattr(rules()[code], side))


# Rules on a notice's words: the example's words where a notice says them.
WORDS_IN_PLACE: dict[str, tuple[Files, Files]] = {
    code: (_notice(_summary(_words(code, "wrong"))), _notice(_summary(_words(code, "right"))))
    for code in ("retired-email-when-published", "retired-email-since-published",
                 "criminal-offence-as-special-category")} | {
    "retention-without-period": tuple(  # type: ignore[dict-item]
        _notice(("  - rule: We keep records for two years.\n",
                 f"  - rule: {json.dumps(_words('retention-without-period', side))}\n"))
        for side in ("wrong", "right")),
    "words-disagree-with-provision": (
        _notice((BASIS, BASIS + "    cited_as: Article 6(1)(f)\n")),
        _notice((BASIS, BASIS + "    cited_as: Article 6(1)(e)\n"))),
    "special-category-without-condition": (
        _notice(HEALTH), _notice(HEALTH, (BASIS, BASIS + "  - provision: ukgdpr-art9-2-h\n"
                                                  "  - provision: dpa2018-sch1-p2\n"))),
    "criminal-offence-without-condition": (
        _notice(OFFENCES), _notice(OFFENCES, (BASIS, BASIS + "  - provision: ukgdpr-art10\n"
                                                      "  - provision: dpa2018-sch1-p6\n"))),
    "hard-to-read": (_notice(_summary(HARD)), _notice()),
}


WELSH = "glanyrafon/pause-privacy-notice"
SUBTITLE = "  en: How we use information about you in the Pause scoping exercise\n"
PURPOSE_CY = (
    "    Rydym am wybod a fyddai Practis Pause yn helpu menywod yng Nglanyrafon. I wneud hyn,\n"
    "    rydym yn edrych ar wybodaeth yn ein ffeiliau achos gwasanaethau plant. Rydym yn cyfrif\n")
ONE_SENTENCE = (
    "    Rydym am wybod a fyddai Practis Pause yn helpu menywod yng Nglanyrafon, ac i wneud hyn\n"
    "    rydym yn edrych ar wybodaeth yn ein ffeiliau achos gwasanaethau plant ac yn cyfrif\n")
ACT = "legal_bases/children-act-1989.yaml"


def _registry_copy(reviewed: bool) -> Files:
    """The project's own copy of a registry file the Welsh notice prints, its Welsh reviewed
    or not."""
    text = (REPO / "pause_docs" / ACT).read_text(encoding="utf-8")
    return {ACT: text if not reviewed else edit(text, "reviewed: false", "reviewed: true")}


TRANSLATIONS: dict[str, tuple[Files, Files]] = {
    "translation-missing": (_bundled(WELSH, (
        "subtitle:\n" + SUBTITLE + "  cy: Sut rydym yn defnyddio gwybodaeth amdanoch chi yn "
        "ymarfer cwmpasu Pause\n  cy-from: 83f8adf4\n", "subtitle:\n" + SUBTITLE)),
        _bundled(WELSH)),
    "translation-stale": (_bundled(WELSH, (SUBTITLE, SUBTITLE.replace("use", "use and share"))),
                          _bundled(WELSH)),
    "translation-unconfirmed": (_bundled(WELSH, ("  cy-from: 83f8adf4\n", "")),
                                _bundled(WELSH)),
    "translation-unreviewed": ({**_bundled(WELSH), **_registry_copy(reviewed=False)},
                               {**_bundled(WELSH), **_registry_copy(reviewed=True)}),
    "long-sentence": (_bundled(WELSH, (PURPOSE_CY, ONE_SENTENCE)), _bundled(WELSH)),
    "deferred-not-in-parent": (
        {"councils/example/council.yaml": COUNCIL_YAML, "councils/example/layer.yaml": LAYER,
         "councils/example/full.yaml": FULL.format(legal_bases="")},
        {"councils/example/council.yaml": COUNCIL_YAML, "councils/example/layer.yaml": LAYER,
         "councils/example/full.yaml": FULL.format(legal_bases=WITH_BASIS)}),
    "hard-to-read-for-audience": tuple(  # type: ignore[dict-item]
        {"councils/example/council.yaml": COUNCIL_YAML, "councils/example/layer.yaml": layer,
         "councils/example/full.yaml": FULL.format(legal_bases=WITH_BASIS)}
        for layer in (edit(LAYER, "to help you and your family", HARD), LAYER)),
}
EXAMPLES = {**FIXTURES, **FORMS, **WORDS_IN_PLACE, **TRANSLATIONS}


def _fixture_codes(project, code: str, side: str) -> list[str]:
    """The codes lint gives for the rule's example written as a project's files: for the
    documents the example writes, at places in its files, and not about the tool's own words
    (the bundled registry every Welsh page prints, reported at the page's document)."""
    nation, published, as_of = _days(rules()[code].setting_of(side))
    files = dict(_approved_against(side) if code == "dpia-out-of-date" else
                 EXAMPLES[code][0 if side == "wrong" else 1])
    if published is not None and NOTICE in files:
        files[NOTICE] = edit(files[NOTICE], "published: 2026-07-01", f"published: {published}")
    for name in files:
        if name.endswith("council.yaml"):
            files[name] = files[name].replace("nation: england", f"nation: {nation}")
    bundled = tuple(sorted({name.split("/")[1] for name in files
                            if name.startswith("councils/")} - {"example"}))
    loaded = load_project(project(files, councils=bundled) if bundled
                          else _project(project, files))
    assert [p for p in loaded.problems if p.severity == "error"] == []
    return [p.code for doc in loaded.documents if doc.path in files
            for p in lint_document(doc, as_of)
            if p.location.path in files and not p.fix.startswith(TOOLS_OWN)]


# The fix of a finding about the tool's own words (reported at the document that prints them).
TOOLS_OWN = ("it is the tool's own", "they are the tool's own")


@pytest.mark.parametrize(("code", "side"), _cases("lint"))
def test_lint_gives_the_code_for_the_wrong_example_only(project, code: str,
                                                        side: str) -> None:
    whole = code in EXAMPLES or code == "dpia-out-of-date"
    found = (_fixture_codes if whole else _lint_codes)(
        project, code, side)
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
