"""Every fixed word and format a document prints, per language, loaded from data files.

`locales/<language>.yaml` holds the strings (section labels, "Page 1 of 4", "Skip to main
content", contact labels), the date patterns (CLDR, through Babel) and the list joiners.  The
publish stage asks the locale for each of them; templates and publishers hold no words.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from pathlib import Path

from pydantic import Field

from .models.base import Model

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
DEFAULT_LANGUAGE = "en"
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


class ListJoiners(Model):
    """How a list reads as one phrase: 'A and B', 'A, B and C'."""

    pair: str = Field(description="Between two items, e.g. ' and '.")
    middle: str = Field(description="Between items before the last, e.g. ', '.")
    last: str = Field(description="Before the last of three or more, e.g. ' and '.")


class Locale(Model):
    """One language's strings and formats: locales/<language>.yaml."""

    language: str = Field(description="ISO 639-1 code, e.g. 'en' or 'cy'.")
    tag: str = Field(description="BCP 47 tag for lang attributes and the PDF, e.g. 'en-GB'.")
    name: str = Field(description="The language's name in itself, e.g. 'Cymraeg'.")
    babel: str = Field(description="CLDR locale for dates, e.g. 'en_GB'.")
    dates: dict[str, str] = Field(description="CLDR date pattern per style: day, month, "
                                  "ordinal ('{ordinal}' stands for the day with its suffix).")
    ordinals: dict[str, str] = Field(default_factory=dict,
                                     description="Ordinal suffix per CLDR plural category.")
    lists: dict[str, ListJoiners] = Field(description="Joiners for 'and' and 'or' lists.")
    strings: dict[str, str] = Field(description="Every fixed string, by key.")

    def text(self, key: str, **values: object) -> str:
        """The string `key` with its `{placeholders}` filled in."""
        template = self.strings[key]
        return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), template)

    def pieces(self, key: str) -> list[str]:
        """The string `key` split at its placeholders: text, name, text, name, ..., text."""
        return _PLACEHOLDER.split(self.strings[key])

    def date(self, day: dt.date, style: str = "day") -> str:
        """The date as this language writes it: '1 February 2017', 'February 2017'."""
        from babel.dates import format_date  # Babel's data loads only when a date is printed

        pattern = self.dates[style]
        if "{ordinal}" in pattern:
            pattern = pattern.replace("{ordinal}", f"'{self._ordinal(day.day)}'")
        return format_date(day, pattern, locale=self.babel)

    def _ordinal(self, number: int) -> str:
        from babel.core import Locale as BabelLocale

        rule = BabelLocale.parse(self.babel).ordinal_form
        return f"{number}{self.ordinals.get(rule(number), self.ordinals.get('other', ''))}"

    def separators(self, count: int, joiner: str = "and") -> list[str]:
        """What goes between `count` items joined by `joiner`: '', or ' and ', or ', ', ..."""
        rule = self.lists[joiner]
        if count <= 1:
            return []
        if count == 2:
            return [rule.pair]
        return [rule.middle] * (count - 2) + [rule.last]

    def joined(self, words: list[str], joiner: str = "and") -> str:
        """'A', 'A and B', 'A, B and C' as plain text."""
        seps = self.separators(len(words), joiner)
        return "".join(w + (seps[i] if i < len(seps) else "") for i, w in enumerate(words))


@functools.cache
def load_locale(language: str = DEFAULT_LANGUAGE) -> Locale:
    """The locale of `language` from locales/; a missing key in it is a bug caught by tests."""
    from .loader import parse_yaml  # YAML 1.2 booleans: the key 'no' stays a string

    path = LOCALES_DIR / f"{language}.yaml"
    source, problems = parse_yaml(path.read_text(encoding="utf-8"), path.name)
    if source is None:
        raise ValueError(f"locale {path}: {problems}")
    return Locale.model_validate(source.data)


def languages() -> list[str]:
    """Every language a locale file exists for."""
    return sorted(p.stem for p in LOCALES_DIR.glob("*.yaml"))


def missing_keys(locale: Locale, reference: Mapping[str, str] | None = None) -> list[str]:
    """Keys the English locale has and `locale` lacks."""
    keys = reference if reference is not None else load_locale(DEFAULT_LANGUAGE).strings
    return sorted(set(keys) - set(locale.strings))
