"""Translations in step: a text a page prints in another language than its own
(`translation-missing`), a translation whose English changed since it was confirmed
(`translation-stale`, with the old and the new English), one never confirmed
(`translation-unconfirmed`), and the registry's and the tool's own translations that no
speaker of the language has checked yet (`translation-unreviewed`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...publish.document import publish
from ...publish.locale import is_language_neutral, load_locale
from ...publish.printed import texts_of
from ...publish.tree import Publication
from ...source.errors import Location, Problem
from ...source.languages import DEFAULT_LANGUAGE
from ...source.models.registry import Translation
from ...source.resolved import ResolvedDocument
from ...source.resources import from_label
from ...translations import Needed, needed
from ...translations.history import english_confirmed
from .pointers import registry_entry

RULE = ("Welsh Language Standards (No. 1) Regulations 2015, standard 69 and the documents "
        "and website standards: Welsh no less favourably than English [P/S]")
_UPDATE = "then run 'pause-docs translations --update'"
_SET = "then set 'reviewed: true'"
_SHIPPED_FIX = ("it is the tool's own: have a speaker of the language check it and tell the "
                "tool's maintainers of any correction")


def check_translations(doc: ResolvedDocument,
                       pages: dict[str, Publication] | None = None) -> list[Problem]:
    """The translation findings of a document in every language it is published in."""
    if len(doc.languages) < 2 and doc.language == DEFAULT_LANGUAGE:
        return []
    found = [_problem(item) for item in needed(doc)]
    for version in doc.all_versions():
        if version.language == DEFAULT_LANGUAGE:
            continue
        page = (pages or {}).get(version.language)
        found += _registry(version, page)
        found += _forms(version, page)
        found += _locale(version)
    return found


def _forms(doc: ResolvedDocument, page: Publication | None) -> list[Problem]:
    """A form's (or question set's) words printed untranslated, once per file, and its
    translations not yet reviewed."""
    if doc.form is None:
        return []
    page = page or publish(doc)
    name = load_locale(doc.language).english_name
    untranslated: dict[str, list[tuple[Location, str]]] = {}
    for printed in texts_of(page):
        origin = printed.origin
        if (origin is not None and origin.owner == "form" and origin.language is not None
                and origin.language != doc.language and not is_language_neutral(printed.text)):
            untranslated.setdefault(origin.where.path, []).append((origin.where, printed.text))
    found = [Problem(min(w for w, _ in texts), "warning", "translation-missing",
                     f"{len(texts)} of the form's texts in {file} are printed in English on "
                     f"the {name} page, e.g. {_quoted(texts[0][1])}",
                     fix=f"give them per language ({{en: …, {doc.language}: …}}) in the form, "
                         "or in a council's own copy of it (see the README)", rule=RULE)
             for file, texts in sorted(untranslated.items())]
    reviews = [(doc.form.source, doc.form.definition.translations),
               *((source, question_set.translations)
                 for question_set, source in doc.form.sets.values())]
    for source, translations in reviews:
        review = translations.get(doc.language)
        if review is not None and not review.reviewed:
            found.append(Problem(
                source.locate(("translations", doc.language), key=True), "info",
                "translation-unreviewed",
                f"the {name} of the form's words in {source.path} was drafted without a "
                f"{name} speaker's review", fix="have a speaker of the language check it, "
                "then set 'reviewed: true'", rule=RULE))
    return found


def _problem(item: Needed) -> Problem:
    name = load_locale(item.language).english_name
    words = _quoted(item.english)
    if item.state == "missing":
        return Problem(item.where, "warning", "translation-missing",
                       f"{words} is printed untranslated on the {name} page",
                       fix=f"give the text per language: {{en: …, {item.language}: …}} (or "
                           f"list the texts for a translator: 'pause-docs translations')",
                       rule=RULE)
    if item.state == "unconfirmed":
        return Problem(item.where, "info", "translation-unconfirmed",
                       f"the {name} of {words} has not been confirmed as a translation of its "
                       f"English (at {item.english_at}), so a change to the English could not "
                       "be noticed",
                       fix=f"check it, {_UPDATE}", rule=RULE)
    old = english_confirmed(item.root, item.file, item.path, item.confirmed or "")
    was = (f"was {_quoted(old[0])} ({old[1]})" if old else
           "the English it was confirmed against is not in the file's git history")
    return Problem(item.where, "warning", "translation-stale",
                   f"the English of this text changed after its {name} was confirmed: {was}, "
                   f"now {words} (at {item.english_at})",
                   fix=f"re-translate the {name} here, {_UPDATE}", rule=RULE)


def _quoted(text: str, limit: int = 70) -> str:
    words = " ".join(text.split())
    return f"'{words[:limit - 1]}…'" if len(words) > limit else f"'{words}'"


# --- the registry's words -----------------------------------------------------------------

def _registry(doc: ResolvedDocument, page: Publication | None) -> list[Problem]:
    """The registry texts a page prints: untranslated, out of step, or unreviewed (each
    entry once, with the fields the page prints)."""
    page = page or publish(doc)
    printed: dict[str, dict[str, Location]] = {}
    for text in texts_of(page):
        origin = text.origin
        if origin is not None and origin.owner == "registry" and len(origin.path) == 2:
            printed.setdefault(str(origin.path[0]), {}).setdefault(str(origin.path[1]),
                                                                   origin.where)
    found: list[Problem] = []
    for key, fields in printed.items():
        entry, at = _entry(doc, key)
        if entry is not None:
            found += _registry_entry(doc, key, entry, at, fields)
    return found


def _registry_entry(doc: ResolvedDocument, key: str, entry: Any, at: str,
                    fields: dict[str, Location]) -> list[Problem]:
    language = doc.language
    name = load_locale(language).english_name
    translation: Translation | None = entry.translations.get(language)
    texts = translation.texts() if translation is not None else {}
    found = [Problem(english_at, "warning", "translation-missing",
                     f"the registry's {field} of {key} has no {name}, so the {name} page "
                     f"prints it in English: {_quoted(getattr(entry, field))}",
                     fix=f"add translations: {{{language}: {{{field}: …, translated_from: "
                         f"{{{field}: …}}, reviewed: false}}}} to the entry", rule=RULE)
             for field, english_at in fields.items() if field not in texts]
    if translation is None:
        return found
    where = doc.registry.defined_at.get(f"{at}:translations:{language}",
                                        next(iter(fields.values())))
    for field in fields:
        old, english = translation.translated_from.get(field, ""), getattr(entry, field)
        if field in texts and " ".join(old.split()) != " ".join(english.split()):
            found.append(Problem(
                where, "warning", "translation-stale",
                f"the registry's English {field} of {key} changed after its {name} was "
                f"written: was {_quoted(old)}, now {_quoted(english)} (at {fields[field]})",
                fix="re-translate it and set translated_from to the new English", rule=RULE))
    shown = [texts[field] for field in fields if field in texts]
    if shown and not translation.reviewed:
        entry_name, see = registry_entry(key)
        shipped = from_label(where.path) is not None
        found.append(Problem(
            Location(doc.path) if shipped else where, "info", "translation-unreviewed",
            f"the {name} of {entry_name} was drafted without a {name} speaker's review: "
            f"{'; '.join(_quoted(text, 50) for text in shown)}"
            + (f" (see: {see})" if see else ""),
            fix=_SHIPPED_FIX if shipped else f"have a speaker of the language check it, {_SET}",
            rule=RULE))
    return found


def _entry(doc: ResolvedDocument, key: str) -> tuple[Any, str]:
    """The registry entry a 'table:id' names (for a body, its name on the document's date),
    and the key its places are recorded under."""
    table, _, ident = key.partition(":")
    entry = getattr(doc.registry, table, {}).get(ident)
    if entry is None or not hasattr(entry, "translations") and not hasattr(entry, "names"):
        return None, key
    if table == "bodies":
        named = entry.name_on(doc.model.published)
        return named, f"{key}:names:{entry.names.index(named)}"
    return entry, key


def _locale(doc: ResolvedDocument) -> Iterator[Problem]:
    """The tool's own words of the page (its headings and labels), reported at the document:
    the officer has no copy of them to change."""
    locale = load_locale(doc.language)
    if not locale.reviewed:
        yield Problem(Location(doc.path), "info", "translation-unreviewed",
                      f"the fixed words of {locale.english_name} pages (the tool's own "
                      f"{locale.english_name}: its headings and labels) were drafted without "
                      f"a {locale.english_name} speaker's review",
                      fix="they are the tool's own: have a speaker of the language check them "
                          "on a built page and tell the tool's maintainers of any correction",
                      rule=RULE)
