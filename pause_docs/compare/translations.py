"""Changes made in one language only: the English of a text changed and its translation did
not (the translation may now say something else), or the other way round."""

from __future__ import annotations

from typing import Any

from ..publish.locale import load_locale
from ..source.languages import DEFAULT_LANGUAGE, per_language_texts
from ..source.loader import Path_
from ..source.resolved import ResolvedDocument
from .records import Change
from .text import label_of
from .words import norm, words


def language_changes(old: ResolvedDocument, new: ResolvedDocument) -> list[Change]:
    """Each text of the document's own file changed in one of its languages but not in the
    other (English and each other language the document is published in)."""
    was, now = _texts(old.provenance.source.own.data), _texts(new.provenance.source.own.data)
    changes = []
    for path in sorted(set(was) & set(now), key=str):
        for language in new.languages:
            if language == DEFAULT_LANGUAGE:
                continue
            changes += _one_language(path, was[path], now[path], language)
    return changes


def _texts(data: Any) -> dict[Path_, dict[str, Any]]:
    return dict(per_language_texts(data))


def _one_language(path: Path_, was: dict[str, Any], now: dict[str, Any], language: str
                  ) -> list[Change]:
    name = load_locale(language).english_name
    english = _changed(was.get(DEFAULT_LANGUAGE), now.get(DEFAULT_LANGUAGE))
    other = _changed(was.get(language), now.get(language))
    if english == other:
        return []
    changed, kept = (DEFAULT_LANGUAGE, language) if english else (language, DEFAULT_LANGUAGE)
    said = "English" if changed == DEFAULT_LANGUAGE else name
    other_said = name if changed == DEFAULT_LANGUAGE else "English"
    before, after = str(was.get(changed) or ""), str(now.get(changed) or "")
    return [Change("translations", "changed",
                   f"{label_of(path)}: the {said} changed, the {other_said} did not",
                   "wording", old=norm(before) or None, new=norm(after) or None,
                   note=f"check that the {other_said} still says the same",
                   words=words(before, after))]


def _changed(before: Any, after: Any) -> bool:
    return norm(str(before or "")) != norm(str(after or ""))
