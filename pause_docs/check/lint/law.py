"""The law checks of `lint` on one YAML document: its references by id and every text it
prints, each finding at the words in the YAML file; a finding the document inherits from its
programme (or in another file the tool ships) is reported at the document, with where the
programme wrote it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from ...source.errors import Location, Problem
from ...source.models import Notice
from ...source.resolved import ResolvedDocument
from ...source.resources import from_label
from .citing import Found, Mention, Referenced, check_citations, once
from .conditions import conditions_missing
from .drafting import check_drafting, dpo_without_contact, retention_without_period
from .published import Published
from .setting import Passage, Setting

_WORD_KEYS = ("wording", "reason", "heading")


def setting_of(doc: ResolvedDocument, as_of: dt.date) -> Setting:
    return Setting(doc.registry, doc.council.nation, doc.model.published, as_of,
                   doc.council.name, review_date(doc))


def review_date(doc: ResolvedDocument) -> dt.date | None:
    """The date the document is due for review: a notice's `next_review`, or the value of
    a form's field whose role is the review date."""
    model = doc.model
    if isinstance(model, Notice):
        return model.next_review
    fields = doc.form.fields() if doc.form is not None else []
    dates = [model.value(f.id) for f in fields if f.role == "review-date"]
    return next((d for d in dates if isinstance(d, dt.date)), None)


def check_law(published: Published, as_of: dt.date) -> list[Problem]:
    """Every finding about the law the document cites, wherever it is written, and (for a
    notice) about what must be said with it."""
    doc = published.doc
    setting = setting_of(doc, as_of)
    sources = _sources(doc)
    references, own = _references(published, sources)
    passages = [Passage(t.text, o.where, sources.get(o.where.path, ""))
                for t in published.texts() if (o := t.origin) and o.where not in own]
    found, mentions = check_citations(passages, references, setting)
    if published.is_notice:
        found += check_drafting(mentions, passages, setting)
        found += _conditions_said(published, passages, mentions)
        found += retention_without_period(_retention(published, sources))
        found += dpo_without_contact(doc.council.dpo, doc.provenance.locate_council(("dpo",)))
    return once(found, home(doc))


def _conditions_said(published: Published, passages: list[Passage],
                     mentions: list[Mention]) -> list[Found]:
    """Special category or criminal offence data the notice's words say it uses with no
    condition named, read as `audit` reads them; a kind of data its categories flag is
    judged from the flags instead (checklist.py), and a notice leaving its legal bases to a
    main notice is judged there."""
    if not published.under_gdpr or any(g.via for g in published.publication.groups(
            "legal-bases")):
        return []
    flagged = {code for flag, code in _FLAGS
               if any(getattr(c, flag) for c in published.notice.data_categories)}
    return [f for f in conditions_missing(passages, mentions) if f[0].code not in flagged]


_FLAGS = (("special_category", "special-category-without-condition"),
          ("criminal_offence", "criminal-offence-without-condition"))


def _sources(doc: ResolvedDocument) -> dict[str, str]:
    source = doc.provenance.source
    files = [source.own, *([source.inherited] if source.inherited else [])]
    return {f.path: f.text for f in files}


def _references(published: Published, sources: dict[str, str]
                ) -> tuple[list[Referenced], set[Location]]:
    """The references by id with the passages of their own words, and where those are."""
    found = published.references()
    roles = {ref.path: ref.role for ref in found}
    own: set[Location] = set()

    def passage(path: tuple[str | int, ...], text: str) -> Passage:
        where = published.locate(path)
        own.add(where)
        return Passage(text, where, sources.get(where.path, ""))

    out = []
    for ref in found:
        words = ref.reference
        cited = passage(ref.path + ("cited_as",), words.cited_as) if words.cited_as else None
        others = [passage(ref.path + (key,), getattr(words, key)) for key in _WORD_KEYS
                  if getattr(words, key)]
        others += [passage(ref.path + ("examples", i), text)
                   for i, text in enumerate(words.examples)]
        goes_with = roles.get(ref.path[:-1]) if ref.path[-1:] == ("schedule_1",) else None
        out.append(Referenced(ref.provisions, cited, published.locate(ref.path), tuple(others),
                              goes_with))
    return out, own


def _retention(published: Published, sources: dict[str, str]
               ) -> Iterator[tuple[Passage, str | None]]:
    if not published.shows("retention"):
        return
    for i, rule in enumerate(published.notice.retention):
        where = published.locate(("retention", i, "rule"))
        yield Passage(rule.rule, where, sources.get(where.path, "")), rule.period


def home(doc: ResolvedDocument) -> Callable[[Location], Location]:
    """Where to report a finding: a place in the programme the document inherits is
    reported at the document's `programme:` line."""
    inherited = doc.provenance.source.inherited
    if inherited is None:
        return lambda where: where
    at = doc.provenance.source.own.locate(("programme",), key=True)
    document = Location(doc.path, at.line, at.column)
    return lambda where: document if where.path == inherited.path else where


def inherited_at_document(problems: list[Problem], doc: ResolvedDocument) -> list[Problem]:
    """The other checks' findings in the programme, reported at the document; so is one in
    another file the tool ships (a bundled form), which the officer has no copy of."""
    moved = home(doc)
    out = []
    for problem in problems:
        where = problem.location
        shown = moved(where)
        if shown != where:
            problem = Problem(shown, problem.severity, problem.code,
                              f"{problem.message} (inherited from {where})",
                              fix=problem.fix, rule=problem.rule)
        elif from_label(where.path) is not None:
            named = "" if where.path in problem.message else f" (in {where})"
            problem = Problem(Location(doc.path), problem.severity, problem.code,
                              problem.message + named, fix=problem.fix, rule=problem.rule)
        out.append(problem)
    return out
